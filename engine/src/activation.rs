//! Activation functions: each decides how strongly a neuron fires for its weighted input z.
//! Every function travels with its derivative, side by side in one `match`.

use super::fastmath;

/// The activation function of one layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Activation {
    /// σ(z) = 1 / (1 + e^(−z)), output in (0, 1); σ′ = σ(1 − σ).
    Sigmoid,
    /// tanh(z), output in (−1, 1); tanh′ = 1 − tanh².
    Tanh,
    /// max(0, z); derivative 1 for z > 0, else 0.
    Relu,
    /// z for z > 0, else 0.01·z.
    LeakyRelu,
    /// z unchanged; derivative 1.
    Linear,
}

impl Activation {
    /// Every activation, in the order a menu lists them.
    pub const ALL: [Activation; 5] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::LeakyRelu,
        Activation::Linear,
    ];

    /// The neuron's output a = f(z).
    pub fn value(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => sigmoid(z),
            Activation::Tanh => fastmath::tanh(z),
            Activation::Relu => z.max(0.0),
            Activation::LeakyRelu => {
                if z > 0.0 {
                    z
                } else {
                    0.01 * z
                }
            }
            Activation::Linear => z,
        }
    }

    /// The slope f′(z), used by the backward pass.
    pub fn derivative(self, z: f64) -> f64 {
        match self {
            Activation::Sigmoid => {
                let s = sigmoid(z);
                s * (1.0 - s)
            }
            Activation::Tanh => {
                let t = fastmath::tanh(z);
                1.0 - t * t
            }
            Activation::Relu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::LeakyRelu => {
                if z > 0.0 {
                    1.0
                } else {
                    0.01
                }
            }
            Activation::Linear => 1.0,
        }
    }

    /// Writes f(z) for each weighted input of `z` into `a`: a whole row or layer at once, one
    /// loop per function so that each can be vectorised.
    #[inline]
    pub fn activate(self, z: &[f64], a: &mut [f64]) {
        match self {
            Activation::Tanh => {
                for (&z, a) in z.iter().zip(a) {
                    *a = fastmath::tanh(z);
                }
            }
            Activation::Sigmoid => {
                for (&z, a) in z.iter().zip(a) {
                    *a = sigmoid(z);
                }
            }
            Activation::Relu => {
                for (&z, a) in z.iter().zip(a) {
                    *a = z.max(0.0);
                }
            }
            Activation::LeakyRelu | Activation::Linear => {
                for (&z, a) in z.iter().zip(a) {
                    *a = self.value(z);
                }
            }
        }
    }

    /// The slope f′(z) from z and the output a = f(z) already computed, without evaluating f
    /// again: σ′ = a(1 − a), tanh′ = 1 − a². The backward pass uses this.
    #[inline]
    pub fn derivative_at(self, z: f64, a: f64) -> f64 {
        match self {
            Activation::Sigmoid => a * (1.0 - a),
            Activation::Tanh => 1.0 - a * a,
            Activation::Relu | Activation::LeakyRelu | Activation::Linear => self.derivative(z),
        }
    }

    /// The range of outputs, for colour scales: (lowest, highest), infinite where unbounded.
    pub fn range(self) -> (f64, f64) {
        match self {
            Activation::Sigmoid => (0.0, 1.0),
            Activation::Tanh => (-1.0, 1.0),
            Activation::Relu => (0.0, f64::INFINITY),
            Activation::LeakyRelu | Activation::Linear => (f64::NEG_INFINITY, f64::INFINITY),
        }
    }

    /// The short name used in files and menus.
    pub fn name(self) -> &'static str {
        match self {
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
            Activation::Relu => "relu",
            Activation::LeakyRelu => "leaky_relu",
            Activation::Linear => "linear",
        }
    }
}

/// σ(z) computed without overflow for large |z|: with e = e^(−|z|), σ = 1/(1 + e) for z ≥ 0 and
/// e/(1 + e) below. Branch-free, so a layer's row can run two lanes at a time: beyond |z| = 700
/// e is taken as 0 (σ is then 0 or 1 to within 1e-304).
#[inline]
pub fn sigmoid(z: f64) -> f64 {
    let az = z.abs();
    // A select, not a jump; NaN fails the comparison and stays NaN.
    let capped = if az > 700.0 { 700.0 } else { az };
    let e = if az > 700.0 {
        0.0
    } else {
        fastmath::exp_in_range(-capped)
    };
    let d = 1.0 + e;
    if z >= 0.0 {
        1.0 / d
    } else {
        e / d
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derivatives_match_central_differences() {
        let h = 1e-6;
        for act in Activation::ALL {
            // Points away from the kinks of ReLU and leaky ReLU at 0.
            for &z in &[-3.1, -0.7, -0.05, 0.05, 0.4, 2.9] {
                let numeric = (act.value(z + h) - act.value(z - h)) / (2.0 * h);
                let analytic = act.derivative(z);
                assert!(
                    (numeric - analytic).abs() < 1e-8,
                    "{act:?} at {z}: numeric {numeric}, analytic {analytic}"
                );
            }
        }
    }

    #[test]
    fn the_slope_from_the_output_equals_the_slope_from_z() {
        for act in Activation::ALL {
            for i in -40..=40 {
                let z = f64::from(i) * 0.173 + 0.01;
                let (from_z, from_a) = (act.derivative(z), act.derivative_at(z, act.value(z)));
                assert!((from_z - from_a).abs() < 1e-15, "{act:?} at {z}: {from_z} vs {from_a}");
            }
        }
    }

    #[test]
    fn activating_a_row_is_the_value_of_each() {
        for act in Activation::ALL {
            let z: Vec<f64> = (0..9).map(|i| f64::from(i) * 0.6 - 2.4).collect();
            let mut a = vec![0.0; 9];
            act.activate(&z, &mut a);
            for k in 0..9 {
                assert_eq!(a[k], act.value(z[k]), "{act:?}");
            }
        }
    }

    #[test]
    fn sigmoid_is_within_two_ulps_of_its_definition() {
        let mut rng = crate::Rng::new(5);
        for _ in 0..100_000 {
            let z = rng.uniform(-700.0, 700.0) * rng.next_f64().powi(3);
            let reference = if z >= 0.0 {
                1.0 / (1.0 + (-z).exp())
            } else {
                z.exp() / (1.0 + z.exp())
            };
            let ulps = (sigmoid(z).to_bits() as i64 - reference.to_bits() as i64).unsigned_abs();
            assert!(ulps <= 2, "σ({z}) = {} vs {reference}", sigmoid(z));
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(Activation::Sigmoid.value(0.0), 0.5);
        assert!((Activation::Sigmoid.value(2.0) - 0.880_797_077_977_882_3).abs() < 1e-15);
        assert!((Activation::Tanh.value(0.5) - 0.462_117_157_260_009_8).abs() < 1e-15);
        assert_eq!(Activation::Relu.value(-2.0), 0.0);
        assert_eq!(Activation::LeakyRelu.value(-2.0), -0.02);
        assert_eq!(Activation::Linear.value(-2.0), -2.0);
    }

    #[test]
    fn sigmoid_saturates_without_nan() {
        assert_eq!(sigmoid(-1000.0), 0.0);
        assert_eq!(sigmoid(1000.0), 1.0);
        assert!(Activation::Sigmoid.derivative(-1000.0).is_finite());
    }

    #[test]
    fn outputs_stay_in_their_range() {
        for act in Activation::ALL {
            let (lo, hi) = act.range();
            for i in -50..=50 {
                let a = act.value(f64::from(i) * 0.37);
                assert!(a >= lo && a <= hi, "{act:?}");
            }
        }
    }
}
