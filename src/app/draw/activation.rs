//! The activation plot: a layer's activation f(z) and its slope f′(z) over z, with each neuron
//! of the layer marked at its z for the chosen sample — on the flat part of ReLU a neuron is
//! silent and passes no error back. Geometry only (SVG path data and points in picture units,
//! y down); the component draws it.

use crate::core::Activation;

/// Points each curve is measured at; odd, so that z = 0 (where ReLU bends) is one of them.
pub const CURVE_POINTS: usize = 121;
/// The z axis reaches at least this far either side of 0: far enough for sigmoid and tanh to
/// show where they flatten, while the bend of the ReLU family stays wide enough to tell the
/// neurons near it apart …
fn min_reach(activation: Activation) -> f64 {
    match activation {
        Activation::Sigmoid | Activation::Tanh => 4.0,
        Activation::Relu | Activation::LeakyRelu | Activation::Linear => 1.0,
    }
}
/// … and at most this far, however large a neuron's z (marks beyond sit at the edge).
const MAX_REACH: f64 = 50.0;

/// One neuron on the plot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// Its z for the sample.
    pub z: f64,
    /// Its output a = f(z).
    pub a: f64,
    /// Where it sits on the curve f (x clamped to the picture).
    pub at: [f64; 2],
    /// Where it sits on the slope f′.
    pub on_slope: [f64; 2],
    /// Whether it gives 0: it does not fire.
    pub silent: bool,
}

/// The plot in picture units, `width` × `height`.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivationChart {
    /// SVG path data of f(z).
    pub value: String,
    /// SVG path data of f′(z).
    pub slope: String,
    /// The neurons, in the layer's order.
    pub marks: Vec<Mark>,
    /// The x of z = 0 and the y of 0 (the axes).
    pub origin: [f64; 2],
    /// The z at the left and right edges.
    pub z_range: (f64, f64),
    /// The values at the bottom and the top.
    pub y_range: (f64, f64),
}

impl ActivationChart {
    /// The plot of `activation` with the layer's neurons at `zs`.
    pub fn new(activation: Activation, zs: &[f64], width: f64, height: f64) -> Self {
        let widest = zs.iter().filter(|z| z.is_finite()).fold(0.0_f64, |m, z| m.max(z.abs()));
        let reach = (1.1 * widest).clamp(min_reach(activation), MAX_REACH);
        let z_at = |k: usize| -reach + 2.0 * reach * k as f64 / (CURVE_POINTS - 1) as f64;
        let curve: Vec<(f64, f64, f64)> = (0..CURVE_POINTS)
            .map(|k| {
                let z = z_at(k);
                (z, activation.value(z), activation.derivative(z))
            })
            .collect();
        let (lo, hi) = curve.iter().fold((0.0_f64, 1.0_f64), |(lo, hi), &(_, v, d)| {
            (lo.min(v).min(d), hi.max(v).max(d))
        });
        let pad = 0.06 * (hi - lo);
        let (lo, hi) = (lo - pad, hi + pad);
        let x = |z: f64| (z.clamp(-reach, reach) + reach) / (2.0 * reach) * width;
        let y = |v: f64| (hi - v.clamp(lo, hi)) / (hi - lo) * height;
        let path = |pick: fn(&(f64, f64, f64)) -> f64| {
            curve
                .iter()
                .enumerate()
                .map(|(k, p)| format!("{}{:.2},{:.2}", if k == 0 { 'M' } else { 'L' }, x(p.0), y(pick(p))))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let marks = zs
            .iter()
            .map(|&z| {
                let a = activation.value(z);
                Mark {
                    z,
                    a,
                    at: [x(z), y(a)],
                    on_slope: [x(z), y(activation.derivative(z))],
                    silent: a == 0.0,
                }
            })
            .collect();
        Self {
            value: path(|p| p.1),
            slope: path(|p| p.2),
            marks,
            origin: [x(0.0), y(0.0)],
            z_range: (-reach, reach),
            y_range: (lo, hi),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The points of an SVG path "Mx,y Lx,y …".
    fn points(path: &str) -> Vec<[f64; 2]> {
        path.split(' ')
            .map(|p| {
                let (x, y) = p[1..].split_once(',').unwrap();
                [x.parse().unwrap(), y.parse().unwrap()]
            })
            .collect()
    }

    #[test]
    fn relu_marks_fire_on_the_slope_and_fall_silent_on_the_flat() {
        let zs = [-1.5, 0.4, 2.0, 0.0];
        let chart = ActivationChart::new(Activation::Relu, &zs, 240.0, 100.0);
        assert_eq!(chart.z_range, (-2.2, 2.2), "10 % beyond the largest z");
        let small = ActivationChart::new(Activation::Relu, &[0.1, -0.2], 240.0, 100.0);
        assert_eq!(small.z_range, (-1.0, 1.0), "at least ±1 for ReLU");
        let sigmoid = ActivationChart::new(Activation::Sigmoid, &[0.1, -0.2], 240.0, 100.0);
        assert_eq!(sigmoid.z_range, (-4.0, 4.0), "wide enough to see a sigmoid flatten");
        let silent: Vec<bool> = chart.marks.iter().map(|m| m.silent).collect();
        assert_eq!(silent, [true, false, false, true]);
        // Silent neurons sit on the axis (a = 0, f′ = 0); firing ones on the line a = z, f′ = 1.
        let [ox, oy] = chart.origin;
        assert!((ox - 120.0).abs() < 1e-9);
        for m in &chart.marks {
            if m.silent {
                assert!((m.at[1] - oy).abs() < 1e-9 && (m.on_slope[1] - oy).abs() < 1e-9);
            } else {
                assert!(m.at[1] < oy, "above the axis");
                assert_eq!(m.a, m.z);
            }
        }
        // Left to right in the order of z.
        assert!(chart.marks[0].at[0] < chart.marks[3].at[0] && chart.marks[1].at[0] < chart.marks[2].at[0]);
        // The slope's path: 0 up to z = 0, then 1.
        let slope = points(&chart.slope);
        assert_eq!(slope.len(), CURVE_POINTS);
        let one = slope.last().unwrap()[1];
        assert!(slope[..=CURVE_POINTS / 2].iter().all(|p| (p[1] - oy).abs() < 0.01));
        assert!(slope[CURVE_POINTS / 2 + 1..].iter().all(|p| (p[1] - one).abs() < 0.01));
    }

    #[test]
    fn the_curve_passes_through_every_mark_and_the_axis_reaches_the_largest_z() {
        for activation in Activation::ALL {
            let zs = [-7.0, -0.3, 0.8, 5.5];
            let chart = ActivationChart::new(activation, &zs, 300.0, 120.0);
            assert!(chart.z_range.1 >= 7.0 && chart.z_range.0 <= -7.0, "{activation:?}");
            let curve = points(&chart.value);
            for m in &chart.marks {
                // Between the two curve points either side of it, the curve comes within a pixel.
                let nearest = curve
                    .iter()
                    .map(|p| (p[0] - m.at[0]).hypot(p[1] - m.at[1]))
                    .fold(f64::INFINITY, f64::min);
                assert!(nearest < 3.0, "{activation:?} z = {}: {nearest}", m.z);
                assert!((0.0..=120.0).contains(&m.at[1]) && (0.0..=300.0).contains(&m.at[0]));
            }
        }
        // Sigmoid's slope peaks at ¼ where z = 0, below its value there (½).
        let chart = ActivationChart::new(Activation::Sigmoid, &[0.0], 300.0, 120.0);
        let m = chart.marks[0];
        assert!(m.on_slope[1] > m.at[1], "f′(0) = ¼ is drawn below f(0) = ½");
        assert!(!m.silent, "a sigmoid is never exactly silent");
    }

    #[test]
    fn a_huge_or_broken_z_keeps_the_picture_bounded() {
        let chart = ActivationChart::new(Activation::Linear, &[1e9, f64::NAN, -2.0], 200.0, 80.0);
        assert_eq!(chart.z_range, (-MAX_REACH, MAX_REACH));
        assert!((chart.marks[0].at[0] - 200.0).abs() < 1e-9, "at the right edge");
        assert!(chart.value.split(' ').all(|p| !p.contains("NaN") && !p.contains("inf")));
    }
}
