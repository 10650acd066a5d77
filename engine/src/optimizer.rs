//! Optimizers: how a gradient becomes a step. Each works on flat slices of parameters, so the
//! same code trains a network and rolls a ball down a toy surface.
//!
//! Update rules and defaults as published:
//! - SGD: θ ← θ − η·g
//! - Momentum (Polyak 1964; Sutskever et al. 2013): v ← μ·v − η·g, θ ← θ + v, μ = 0.9
//! - Nesterov (Sutskever et al. 2013, the form that evaluates g at θ): v ← μ·v − η·g, θ ← θ + μ·v − η·g
//! - AdaGrad (Duchi et al. 2011): G ← G + g², θ ← θ − η·g / (√G + ε)
//! - RMSProp (Hinton, lecture 6e): E ← ρ·E + (1 − ρ)·g², θ ← θ − η·g / (√E + ε), ρ = 0.9
//! - Adam (Kingma & Ba 2015): m ← β₁m + (1 − β₁)g, v ← β₂v + (1 − β₂)g², θ ← θ − η·m̂ / (√v̂ + ε)
//!   with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), β₁ = 0.9, β₂ = 0.999
//!
//! ε = 1e-8 throughout.

/// Which update rule to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OptimizerKind {
    /// Plain stochastic gradient descent.
    Sgd,
    /// Gradient descent with a velocity that remembers past steps.
    Momentum,
    /// Momentum that looks ahead along its velocity.
    Nesterov,
    /// Per-parameter rates that shrink with the sum of squared gradients.
    AdaGrad,
    /// Per-parameter rates from a running mean of squared gradients.
    RmsProp,
    /// Momentum and RMSProp together, with bias correction.
    Adam,
}

impl OptimizerKind {
    /// Every optimizer, in the order a menu lists them.
    pub const ALL: [OptimizerKind; 6] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::AdaGrad,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
    ];

    /// The short name used in files and menus.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::AdaGrad => "adagrad",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adam => "adam",
        }
    }
}

/// Momentum coefficient μ of Momentum and Nesterov.
pub const MOMENTUM: f64 = 0.9;
/// Decay ρ of RMSProp's running mean of g².
pub const RMSPROP_DECAY: f64 = 0.9;
/// Adam's decay β₁ of the mean gradient.
pub const ADAM_BETA1: f64 = 0.9;
/// Adam's decay β₂ of the mean squared gradient.
pub const ADAM_BETA2: f64 = 0.999;
/// The small ε that keeps the adaptive methods from dividing by zero.
pub const EPSILON: f64 = 1e-8;

/// An optimizer with its per-parameter state (velocity, accumulated squares).
#[derive(Clone, Debug, PartialEq)]
pub struct Optimizer {
    kind: OptimizerKind,
    /// Velocity v (Momentum, Nesterov) or first moment m (Adam).
    first: Vec<f64>,
    /// Accumulated G (AdaGrad), running mean E (RMSProp) or second moment v (Adam).
    second: Vec<f64>,
    /// β₁ᵗ and β₂ᵗ of Adam, kept as running products (exact and the same on every platform).
    beta_powers: (f64, f64),
}

impl Optimizer {
    /// A fresh optimizer for `n` parameters (all state zero).
    pub fn new(kind: OptimizerKind, n: usize) -> Self {
        Self {
            kind,
            first: vec![0.0; n],
            second: vec![0.0; n],
            beta_powers: (1.0, 1.0),
        }
    }

    /// Which rule this is.
    pub fn kind(&self) -> OptimizerKind {
        self.kind
    }

    /// Switches to another rule from the next update on; its state starts from zero.
    /// The parameters themselves are not touched.
    pub fn set_kind(&mut self, kind: OptimizerKind) {
        if kind != self.kind {
            *self = Self::new(kind, self.first.len());
        }
    }

    /// The velocity of Momentum and Nesterov (Adam: its first moment m); zeros for the others.
    pub fn velocity(&self) -> &[f64] {
        &self.first
    }

    /// One update of `params` given their gradient `grads` and learning rate η.
    /// Writes each Δθ into `change` and returns the largest |Δθ|, or NaN if a parameter stopped
    /// being a finite number. Allocates nothing.
    pub fn update(&mut self, params: &mut [f64], grads: &[f64], eta: f64, change: &mut [f64]) -> f64 {
        debug_assert_eq!(params.len(), grads.len());
        self.changes(grads, eta, change);
        let mut largest: f64 = 0.0;
        let mut finite = true;
        for (p, d) in params.iter_mut().zip(change.iter()) {
            *p += d;
            largest = largest.max(d.abs());
            finite &= p.is_finite();
        }
        if finite {
            largest
        } else {
            f64::NAN
        }
    }

    /// The step Δθ for each parameter given their gradient `grads` and learning rate η, into
    /// `change`, advancing the optimizer's state; the parameters themselves are left to the caller.
    pub fn changes(&mut self, grads: &[f64], eta: f64, change: &mut [f64]) {
        debug_assert!(grads.len() == change.len() && grads.len() == self.first.len());
        let n = grads.len();
        let (first, second) = (&mut self.first[..n], &mut self.second[..n]);
        match self.kind {
            OptimizerKind::Sgd => {
                for (d, g) in change.iter_mut().zip(grads) {
                    *d = -eta * g;
                }
            }
            OptimizerKind::Momentum => {
                for ((d, g), v) in change.iter_mut().zip(grads).zip(first) {
                    *v = MOMENTUM * *v - eta * g;
                    *d = *v;
                }
            }
            OptimizerKind::Nesterov => {
                for ((d, g), v) in change.iter_mut().zip(grads).zip(first) {
                    *v = MOMENTUM * *v - eta * g;
                    *d = MOMENTUM * *v - eta * g;
                }
            }
            OptimizerKind::AdaGrad => {
                for ((d, g), acc) in change.iter_mut().zip(grads).zip(second) {
                    *acc += g * g;
                    *d = -eta * g / (acc.sqrt() + EPSILON);
                }
            }
            OptimizerKind::RmsProp => {
                for ((d, g), mean) in change.iter_mut().zip(grads).zip(second) {
                    *mean = RMSPROP_DECAY * *mean + (1.0 - RMSPROP_DECAY) * g * g;
                    *d = -eta * g / (mean.sqrt() + EPSILON);
                }
            }
            OptimizerKind::Adam => {
                self.beta_powers.0 *= ADAM_BETA1;
                self.beta_powers.1 *= ADAM_BETA2;
                let correct1 = 1.0 - self.beta_powers.0;
                let correct2 = 1.0 - self.beta_powers.1;
                for (((d, g), m), v) in change.iter_mut().zip(grads).zip(first).zip(second) {
                    *m = ADAM_BETA1 * *m + (1.0 - ADAM_BETA1) * g;
                    *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
                    *d = -eta * (*m / correct1) / ((*v / correct2).sqrt() + EPSILON);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three updates of one parameter θ₀ = 1 with a constant gradient g = 0.5 and η = 0.1.
    fn three_steps(kind: OptimizerKind) -> [f64; 3] {
        let mut opt = Optimizer::new(kind, 1);
        let mut theta = [1.0];
        let mut change = [0.0];
        let mut out = [0.0; 3];
        for slot in &mut out {
            opt.update(&mut theta, &[0.5], 0.1, &mut change);
            *slot = theta[0];
        }
        out
    }

    fn assert_path(kind: OptimizerKind, expected: [f64; 3], tol: f64) {
        let got = three_steps(kind);
        for (k, (g, e)) in got.iter().zip(expected).enumerate() {
            assert!((g - e).abs() < tol, "{kind:?} step {}: {g} vs {e}", k + 1);
        }
    }

    // The expected values below were worked out by hand from the published rules.

    #[test]
    fn sgd_golden() {
        // Each step moves by η·g = 0.05.
        assert_path(OptimizerKind::Sgd, [0.95, 0.9, 0.85], 1e-15);
    }

    #[test]
    fn momentum_golden() {
        // v: −0.05, −0.095, −0.1355 → θ: 0.95, 0.855, 0.7195.
        assert_path(OptimizerKind::Momentum, [0.95, 0.855, 0.7195], 1e-15);
    }

    #[test]
    fn nesterov_golden() {
        // v: −0.05, −0.095, −0.1355; Δ = 0.9·v − 0.05: −0.095, −0.1355, −0.17195.
        assert_path(OptimizerKind::Nesterov, [0.905, 0.7695, 0.59755], 1e-15);
    }

    #[test]
    fn adagrad_golden() {
        // G: 0.25, 0.5, 0.75 → Δ = −0.05/√G: −0.1, −0.0707106781, −0.0577350269 (ε moves each by under 1e-8).
        assert_path(OptimizerKind::AdaGrad, [0.9, 0.829_289_321_9, 0.771_554_295_0], 1e-8);
    }

    #[test]
    fn rmsprop_golden() {
        // E: 0.025, 0.0475, 0.06775 → √E: 0.1581138830, 0.2179449472, 0.2602883016;
        // Δ = −0.05/√E: −0.3162277660, −0.2294157339, −0.1920946876 (ε moves each by under 3e-8).
        assert_path(
            OptimizerKind::RmsProp,
            [0.683_772_234_0, 0.454_356_500_1, 0.262_261_812_5],
            1e-7,
        );
    }

    #[test]
    fn adam_golden() {
        // With a constant gradient, bias correction makes m̂ = 0.5 and v̂ = 0.25 at every step,
        // so each step is η·0.5/(0.5 + ε) = 0.1 (less 2e-9 from ε).
        assert_path(OptimizerKind::Adam, [0.9, 0.8, 0.7], 1e-8);
    }

    #[test]
    fn every_optimizer_finds_the_bottom_of_a_bowl() {
        // f(θ) = ½‖θ‖², ∇f = θ.
        for kind in OptimizerKind::ALL {
            let mut opt = Optimizer::new(kind, 2);
            let mut theta = [1.5, -0.8];
            let mut change = [0.0; 2];
            // RMSProp and Adam take steps of about η whatever the gradient's size, so they
            // end rattling within about η of the bottom: give them a small η.
            let eta = match kind {
                OptimizerKind::AdaGrad => 0.5,
                OptimizerKind::RmsProp | OptimizerKind::Adam => 0.002,
                _ => 0.05,
            };
            for _ in 0..3000 {
                let g = theta;
                opt.update(&mut theta, &g, eta, &mut change);
            }
            assert!(theta[0].hypot(theta[1]) < 5e-3, "{kind:?} ended at {theta:?}");
        }
    }

    #[test]
    fn switching_optimizer_clears_its_state_but_not_the_parameters() {
        let mut opt = Optimizer::new(OptimizerKind::Momentum, 1);
        let mut theta = [1.0];
        let mut change = [0.0];
        opt.update(&mut theta, &[0.5], 0.1, &mut change);
        assert_eq!(opt.velocity(), &[-0.05]);
        opt.set_kind(OptimizerKind::Adam);
        assert_eq!(opt.velocity(), &[0.0]);
        assert_eq!(theta, [0.95]);
    }

    #[test]
    fn an_update_that_breaks_a_parameter_says_so() {
        let mut opt = Optimizer::new(OptimizerKind::Sgd, 2);
        let mut theta = [1.0, f64::MAX];
        let mut change = [0.0; 2];
        assert!(opt.update(&mut theta, &[0.5, -f64::MAX], 10.0, &mut change).is_nan());
        let mut theta = [1.0, 2.0];
        assert!(opt.update(&mut theta, &[f64::NAN, 0.0], 0.1, &mut change).is_nan());
    }

    #[test]
    fn the_reported_change_is_what_moved() {
        for kind in OptimizerKind::ALL {
            let mut opt = Optimizer::new(kind, 3);
            let mut theta = [0.3, -0.2, 0.9];
            let before = theta;
            let mut change = [0.0; 3];
            let largest = opt.update(&mut theta, &[0.1, -2.0, 0.0], 0.01, &mut change);
            for k in 0..3 {
                assert!((theta[k] - (before[k] + change[k])).abs() < 1e-15);
            }
            assert_eq!(largest, change.iter().fold(0.0_f64, |m, d| m.max(d.abs())));
            assert_eq!(change[2], 0.0, "{kind:?}: no gradient, no move");
        }
    }
}
