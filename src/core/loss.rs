//! Loss functions: how wrong the network is on one sample. The cost is their mean over a set.

use super::activation::{sigmoid, Activation};

/// The loss of one sample, compared with its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loss {
    /// Squared error L = ½ Σ (a − t)², for any output activation.
    SquaredError,
    /// Binary cross-entropy L = −[t ln a + (1 − t) ln(1 − a)] with a sigmoid output,
    /// computed from z so that a saturated output never gives ln 0.
    CrossEntropy,
}

impl Loss {
    /// Whether this loss can follow `output` activation (cross-entropy needs probabilities).
    pub fn fits(self, output: Activation) -> bool {
        match self {
            Loss::SquaredError => true,
            Loss::CrossEntropy => output == Activation::Sigmoid,
        }
    }

    /// The loss of one sample from the output layer's weighted inputs `z`, outputs `a` and targets `t`.
    pub fn value(self, z: &[f64], a: &[f64], t: &[f64]) -> f64 {
        match self {
            Loss::SquaredError => {
                0.5 * a.iter().zip(t).map(|(a, t)| (a - t) * (a - t)).sum::<f64>()
            }
            // −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = max(z, 0) − z·t + ln(1 + e^(−|z|)).
            Loss::CrossEntropy => z
                .iter()
                .zip(t)
                .map(|(&z, &t)| z.max(0.0) - z * t + (-z.abs()).exp().ln_1p())
                .sum(),
        }
    }

    /// The output neuron's error δ = ∂L/∂z, given its activation f.
    ///
    /// Squared error: δ = (a − t)·f′(z). Cross-entropy with a sigmoid: δ = σ(z) − t.
    pub fn output_delta(self, activation: Activation, z: f64, a: f64, t: f64) -> f64 {
        match self {
            Loss::SquaredError => (a - t) * activation.derivative(z),
            Loss::CrossEntropy => sigmoid(z) - t,
        }
    }

    /// The short name used in files and menus.
    pub fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "mse",
            Loss::CrossEntropy => "bce",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_entropy_matches_its_definition() {
        for &(z, t) in &[(0.3, 1.0), (-1.2, 0.0), (2.5, 0.0), (-0.4, 1.0)] {
            let a: f64 = sigmoid(z);
            let direct = -(t * a.ln() + (1.0 - t) * (1.0 - a).ln());
            let stable = Loss::CrossEntropy.value(&[z], &[a], &[t]);
            assert!((direct - stable).abs() < 1e-12, "z {z}, t {t}");
        }
    }

    #[test]
    fn cross_entropy_of_a_saturated_wrong_output_is_large_but_finite() {
        let loss = Loss::CrossEntropy.value(&[-800.0], &[0.0], &[1.0]);
        assert!(loss.is_finite());
        assert!((loss - 800.0).abs() < 1e-9);
    }

    #[test]
    fn output_delta_is_the_derivative_of_the_loss_in_z() {
        let h = 1e-6;
        for loss in [Loss::SquaredError, Loss::CrossEntropy] {
            let act = Activation::Sigmoid;
            for &(z, t) in &[(0.3, 1.0), (-1.2, 0.0), (1.7, 0.0)] {
                let l = |z: f64| loss.value(&[z], &[act.value(z)], &[t]);
                let numeric = (l(z + h) - l(z - h)) / (2.0 * h);
                let analytic = loss.output_delta(act, z, act.value(z), t);
                assert!((numeric - analytic).abs() < 1e-8, "{loss:?} z {z}");
            }
        }
    }

    #[test]
    fn squared_error_is_half_the_square() {
        assert_eq!(
            Loss::SquaredError.value(&[0.0, 0.0], &[0.5, 2.0], &[1.0, 0.0]),
            0.5 * (0.25 + 4.0)
        );
        assert!(!Loss::CrossEntropy.fits(Activation::Tanh));
        assert!(Loss::CrossEntropy.fits(Activation::Sigmoid));
    }
}
