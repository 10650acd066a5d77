//! Loss functions: how wrong the network is on one sample. The cost is their mean over a set.
//! Also the regularisation penalties a learner can add to the cost.

use super::activation::{sigmoid, Activation};
use super::fastmath::exp;

/// The loss of one sample, compared with its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Loss {
    /// Squared error L = ½ Σ (a − t)², for any output activation.
    SquaredError,
    /// Binary cross-entropy L = −[t ln a + (1 − t) ln(1 − a)] with a sigmoid output,
    /// computed from z so that a saturated output never gives ln 0.
    CrossEntropy,
    /// Softmax cross-entropy L = −Σ t_k ln p_k with p = softmax(z), for 2–4 classes and a
    /// one-hot target. The output layer is linear: the softmax lives in the loss.
    SoftmaxCrossEntropy,
}

impl Loss {
    /// Every loss, in the order a menu lists them.
    pub const ALL: [Loss; 3] = [Loss::SquaredError, Loss::CrossEntropy, Loss::SoftmaxCrossEntropy];

    /// Whether this loss can follow an output layer of `outputs` neurons with `activation`:
    /// cross-entropy needs a sigmoid, softmax cross-entropy a linear layer of 2–4 neurons.
    pub fn fits(self, activation: Activation, outputs: usize) -> bool {
        match self {
            Loss::SquaredError => true,
            Loss::CrossEntropy => activation == Activation::Sigmoid,
            Loss::SoftmaxCrossEntropy => activation == Activation::Linear && (2..=4).contains(&outputs),
        }
    }

    /// Whether the loss is a sum of one term per output (squared error, cross-entropy), so that
    /// each output's term and δ need that output alone.
    pub fn is_elementwise(self) -> bool {
        self != Loss::SoftmaxCrossEntropy
    }

    /// One output's term of an element-wise loss: ½(a − t)², or for cross-entropy
    /// −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = max(z, 0) − z·t + ln(1 + e^(−|z|)).
    /// (Softmax cross-entropy has no such term: 0.)
    #[inline]
    pub fn term(self, z: f64, a: f64, t: f64) -> f64 {
        match self {
            Loss::SquaredError => 0.5 * ((a - t) * (a - t)),
            Loss::CrossEntropy => z.max(0.0) - z * t + libm::log1p(exp(-z.abs())),
            Loss::SoftmaxCrossEntropy => 0.0,
        }
    }

    /// One output's δ = ∂L/∂z for an element-wise loss: (a − t)·f′(z), or σ(z) − t for
    /// cross-entropy. (Softmax cross-entropy couples the outputs: see [`Loss::output_deltas`].)
    #[inline]
    pub fn delta_term(self, activation: Activation, z: f64, a: f64, t: f64) -> f64 {
        match self {
            Loss::SquaredError => (a - t) * activation.derivative_at(z, a),
            Loss::CrossEntropy => sigmoid(z) - t,
            Loss::SoftmaxCrossEntropy => 0.0,
        }
    }

    /// The loss of one sample from the output layer's weighted inputs `z`, outputs `a` and targets `t`.
    pub fn value(self, z: &[f64], a: &[f64], t: &[f64]) -> f64 {
        match self {
            Loss::SquaredError | Loss::CrossEntropy => z
                .iter()
                .zip(a)
                .zip(t)
                .fold(0.0, |sum, ((&z, &a), &t)| sum + self.term(z, a, t)),
            // −Σ t_k (z_k − logsumexp z) = Σ t_k · logsumexp z − Σ t_k z_k.
            Loss::SoftmaxCrossEntropy => {
                let lse = log_sum_exp(z);
                z.iter().zip(t).map(|(&z, &t)| t * (lse - z)).sum()
            }
        }
    }

    /// The output neurons' errors δ = ∂L/∂z, given the output activation f, into `delta`.
    ///
    /// Squared error: δ = (a − t)·f′(z). Cross-entropy with a sigmoid: δ = σ(z) − t.
    /// Softmax cross-entropy: δ_k = p_k − t_k. Allocates nothing.
    pub fn output_deltas(self, activation: Activation, z: &[f64], a: &[f64], t: &[f64], delta: &mut [f64]) {
        match self {
            Loss::SquaredError | Loss::CrossEntropy => {
                for (((d, &z), &a), &t) in delta.iter_mut().zip(z).zip(a).zip(t) {
                    *d = self.delta_term(activation, z, a, t);
                }
            }
            Loss::SoftmaxCrossEntropy => {
                let lse = log_sum_exp(z);
                for ((d, &z), &t) in delta.iter_mut().zip(z).zip(t) {
                    *d = exp(z - lse) - t;
                }
            }
        }
    }

    /// What the network predicts from its outputs `a` (weighted inputs `z`), into `out`: the
    /// outputs themselves, except for softmax cross-entropy, where it is the class probabilities.
    pub fn prediction(self, z: &[f64], a: &[f64], out: &mut [f64]) {
        match self {
            Loss::SquaredError | Loss::CrossEntropy => out.copy_from_slice(a),
            Loss::SoftmaxCrossEntropy => {
                let lse = log_sum_exp(z);
                for (p, &z) in out.iter_mut().zip(z) {
                    *p = exp(z - lse);
                }
            }
        }
    }

    /// The short name used in files and menus.
    pub fn name(self) -> &'static str {
        match self {
            Loss::SquaredError => "mse",
            Loss::CrossEntropy => "bce",
            Loss::SoftmaxCrossEntropy => "softmax_ce",
        }
    }
}

/// ln Σ e^(z_k), shifted by the largest z so that nothing overflows.
pub fn log_sum_exp(z: &[f64]) -> f64 {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + libm::log(z.iter().map(|&z| exp(z - max)).sum::<f64>())
}

/// A penalty on large weights, added to the cost with a rate λ (biases are not penalised).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regularization {
    /// No penalty.
    None,
    /// L1: λ·Σ|w|, whose gradient λ·sign(w) pushes small weights to exactly zero.
    L1,
    /// L2: λ·½Σw², whose gradient λ·w shrinks every weight in proportion.
    L2,
}

impl Regularization {
    /// Every kind, in the order a menu lists them.
    pub const ALL: [Regularization; 3] = [Regularization::None, Regularization::L1, Regularization::L2];

    /// The penalty of one weight, before the rate λ: |w| or ½w².
    pub fn penalty(self, w: f64) -> f64 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => w.abs(),
            Regularization::L2 => 0.5 * w * w,
        }
    }

    /// The penalty's slope at w: sign(w) (0 at 0) or w.
    pub fn derivative(self, w: f64) -> f64 {
        match self {
            Regularization::None => 0.0,
            Regularization::L1 => {
                if w > 0.0 {
                    1.0
                } else if w < 0.0 {
                    -1.0
                } else {
                    0.0
                }
            }
            Regularization::L2 => w,
        }
    }

    /// The short name used in files and menus.
    pub fn name(self) -> &'static str {
        match self {
            Regularization::None => "none",
            Regularization::L1 => "l1",
            Regularization::L2 => "l2",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deltas(loss: Loss, act: Activation, z: &[f64], t: &[f64]) -> Vec<f64> {
        let a: Vec<f64> = z.iter().map(|&z| act.value(z)).collect();
        let mut d = vec![0.0; z.len()];
        loss.output_deltas(act, z, &a, t, &mut d);
        d
    }

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
    fn softmax_cross_entropy_matches_its_definition() {
        let z = [0.5, -1.0, 2.0];
        let e: Vec<f64> = z.iter().map(|z: &f64| z.exp()).collect();
        let sum: f64 = e.iter().sum();
        for k in 0..3 {
            let mut t = [0.0; 3];
            t[k] = 1.0;
            let direct = -(e[k] / sum).ln();
            assert!((Loss::SoftmaxCrossEntropy.value(&z, &z, &t) - direct).abs() < 1e-12);
        }
        let mut p = [0.0; 3];
        Loss::SoftmaxCrossEntropy.prediction(&z, &z, &mut p);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert!((p[2] - e[2] / sum).abs() < 1e-15);
    }

    #[test]
    fn saturated_outputs_give_large_but_finite_losses() {
        let bce = Loss::CrossEntropy.value(&[-800.0], &[0.0], &[1.0]);
        assert!((bce - 800.0).abs() < 1e-9);
        let softmax = Loss::SoftmaxCrossEntropy.value(&[900.0, -900.0], &[900.0, -900.0], &[0.0, 1.0]);
        assert!((softmax - 1800.0).abs() < 1e-9);
        let d = deltas(
            Loss::SoftmaxCrossEntropy,
            Activation::Linear,
            &[900.0, -900.0],
            &[0.0, 1.0],
        );
        assert_eq!(d, [1.0, -1.0]);
    }

    #[test]
    fn output_deltas_are_the_derivatives_of_the_loss_in_z() {
        let h = 1e-6;
        let cases = [
            (Loss::SquaredError, Activation::Sigmoid, vec![0.3, -1.2], vec![1.0, 0.0]),
            (Loss::SquaredError, Activation::Tanh, vec![1.7, -0.4], vec![-1.0, 0.5]),
            (Loss::CrossEntropy, Activation::Sigmoid, vec![0.3, -1.2], vec![1.0, 0.0]),
            (
                Loss::SoftmaxCrossEntropy,
                Activation::Linear,
                vec![0.3, -1.2, 2.0],
                vec![0.0, 0.0, 1.0],
            ),
            (
                Loss::SoftmaxCrossEntropy,
                Activation::Linear,
                vec![0.3, -1.2, 2.0, 0.1],
                vec![1.0, 0.0, 0.0, 0.0],
            ),
        ];
        for (loss, act, z, t) in cases {
            let l = |z: &[f64]| {
                let a: Vec<f64> = z.iter().map(|&z| act.value(z)).collect();
                loss.value(z, &a, &t)
            };
            let analytic = deltas(loss, act, &z, &t);
            for k in 0..z.len() {
                let (mut up, mut down) = (z.clone(), z.clone());
                up[k] += h;
                down[k] -= h;
                let numeric = (l(&up) - l(&down)) / (2.0 * h);
                assert!((numeric - analytic[k]).abs() < 1e-8, "{loss:?} z {z:?} k {k}");
            }
        }
    }

    #[test]
    fn losses_fit_their_output_layers() {
        assert_eq!(
            Loss::SquaredError.value(&[0.0, 0.0], &[0.5, 2.0], &[1.0, 0.0]),
            0.5 * (0.25 + 4.0)
        );
        assert!(!Loss::CrossEntropy.fits(Activation::Tanh, 1));
        assert!(Loss::CrossEntropy.fits(Activation::Sigmoid, 1));
        assert!(Loss::SoftmaxCrossEntropy.fits(Activation::Linear, 3));
        assert!(!Loss::SoftmaxCrossEntropy.fits(Activation::Linear, 1));
        assert!(!Loss::SoftmaxCrossEntropy.fits(Activation::Sigmoid, 3));
    }

    #[test]
    fn regularization_slopes_match_central_differences() {
        let h = 1e-6;
        for reg in Regularization::ALL {
            for w in [-1.3, -0.2, 0.4, 2.0] {
                let numeric = (reg.penalty(w + h) - reg.penalty(w - h)) / (2.0 * h);
                assert!((numeric - reg.derivative(w)).abs() < 1e-8, "{reg:?} at {w}");
            }
        }
        assert_eq!(Regularization::L1.penalty(-0.5), 0.5);
        assert_eq!(Regularization::L2.penalty(-0.5), 0.125);
        assert_eq!(Regularization::L1.derivative(0.0), 0.0);
    }
}
