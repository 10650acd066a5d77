//! Input features built from a point (x₁, x₂): the network can be given x₁², x₁x₂, sin x₁ … as
//! extra inputs, which lets a small network draw curved boundaries.

use super::dataset::Dataset;

/// One input feature computed from (x₁, x₂).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Feature {
    /// x₁ itself.
    X1,
    /// x₂ itself.
    X2,
    /// x₁².
    X1Squared,
    /// x₂².
    X2Squared,
    /// x₁·x₂.
    X1X2,
    /// sin x₁.
    SinX1,
    /// sin x₂.
    SinX2,
}

impl Feature {
    /// Every feature, in the order the UI lists them.
    pub const ALL: [Feature; 7] = [
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::X1X2,
        Feature::SinX1,
        Feature::SinX2,
    ];

    /// The feature's value at the point (x₁, x₂). `sin` is the portable `libm` one, so a seed
    /// gives the same inputs on every platform.
    pub fn value(self, x: [f64; 2]) -> f64 {
        match self {
            Feature::X1 => x[0],
            Feature::X2 => x[1],
            Feature::X1Squared => x[0] * x[0],
            Feature::X2Squared => x[1] * x[1],
            Feature::X1X2 => x[0] * x[1],
            Feature::SinX1 => libm::sin(x[0]),
            Feature::SinX2 => libm::sin(x[1]),
        }
    }

    /// How the feature is written: "x₁", "x₁²", "x₁x₂", "sin(x₁)" ….
    pub fn label(self) -> &'static str {
        match self {
            Feature::X1 => "x₁",
            Feature::X2 => "x₂",
            Feature::X1Squared => "x₁²",
            Feature::X2Squared => "x₂²",
            Feature::X1X2 => "x₁x₂",
            Feature::SinX1 => "sin(x₁)",
            Feature::SinX2 => "sin(x₂)",
        }
    }

    /// The short name used in files and URLs.
    pub fn name(self) -> &'static str {
        match self {
            Feature::X1 => "x1",
            Feature::X2 => "x2",
            Feature::X1Squared => "x1_sq",
            Feature::X2Squared => "x2_sq",
            Feature::X1X2 => "x1x2",
            Feature::SinX1 => "sin_x1",
            Feature::SinX2 => "sin_x2",
        }
    }
}

/// Writes the chosen features of point `x` into `out` (one per feature, in order).
pub fn fill(features: &[Feature], x: [f64; 2], out: &mut [f64]) {
    for (o, f) in out.iter_mut().zip(features) {
        *o = f.value(x);
    }
}

/// A dataset whose inputs are the chosen features of `points`' 2-D inputs; targets unchanged.
/// Panics if `points` does not have 2 inputs per sample (a caller's bug).
pub fn expand(points: &Dataset, features: &[Feature]) -> Dataset {
    assert_eq!(points.dim(), 2, "features are built from (x₁, x₂)");
    let outputs = if points.is_empty() { 1 } else { points.target(0).len() };
    let mut out = Dataset::new(features.len(), outputs);
    let mut row = vec![0.0; features.len()];
    for i in 0..points.len() {
        let x = points.input(i);
        fill(features, [x[0], x[1]], &mut row);
        out.push(&row, points.target(i));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_feature_is_its_formula() {
        let x = [0.5, -2.0];
        let values: Vec<f64> = Feature::ALL.iter().map(|f| f.value(x)).collect();
        assert_eq!(values[..5], [0.5, -2.0, 0.25, 4.0, -1.0]);
        assert!((values[5] - 0.5f64.sin()).abs() < 1e-15);
        assert!((values[6] - (-2.0f64).sin()).abs() < 1e-15);
    }

    #[test]
    fn expanding_keeps_targets_and_orders_inputs_as_chosen() {
        let mut points = Dataset::new(2, 1);
        points.push(&[0.5, -2.0], &[1.0]);
        points.push(&[-1.0, 3.0], &[0.0]);
        let chosen = [Feature::X1X2, Feature::X1, Feature::X2Squared];
        let data = expand(&points, &chosen);
        assert_eq!((data.len(), data.dim()), (2, 3));
        assert_eq!(data.input(0), [-1.0, 0.5, 4.0]);
        assert_eq!(data.input(1), [-3.0, -1.0, 9.0]);
        assert_eq!((data.target(0), data.target(1)), (&[1.0][..], &[0.0][..]));
    }

    #[test]
    fn the_circle_becomes_linearly_separable_with_squares() {
        // Inside the disc x₁² + x₂² < 0.25, outside > 0.49: one straight line in the
        // (x₁², x₂²) plane separates them, x₁² + x₂² = 0.36.
        let points = Dataset::circle(200, 0.0, &mut crate::Rng::new(4));
        let data = expand(&points, &[Feature::X1Squared, Feature::X2Squared]);
        for i in 0..data.len() {
            let s = data.input(i)[0] + data.input(i)[1];
            assert_eq!(s < 0.36, data.target(i)[0] == 1.0);
        }
    }
}
