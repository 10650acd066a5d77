//! The trace of one sample through a model's network: what the `trace` command prints.

use super::{Model, ModelError};
use crate::loss::Loss;
use serde::Serialize;

impl Model {
    /// The target vector for the values `y`: for softmax cross-entropy one class index made
    /// one-hot, for cross-entropy one value in [0, 1], otherwise one value per output.
    fn target(&self, y: &[f64]) -> Result<Vec<f64>, ModelError> {
        let outputs = self.layers[self.layers.len() - 1];
        match self.loss {
            Loss::SoftmaxCrossEntropy => match y {
                [c] if c.fract() == 0.0 && (0.0..outputs as f64).contains(c) => {
                    let class = *c as usize;
                    Ok((0..outputs).map(|k| if k == class { 1.0 } else { 0.0 }).collect())
                }
                _ => Err(ModelError::ClassIndex { outputs }),
            },
            Loss::CrossEntropy if y.iter().any(|t| !(0.0..=1.0).contains(t)) => Err(ModelError::TargetRange),
            _ if y.len() != outputs => Err(ModelError::TargetCount {
                found: y.len(),
                needed: outputs,
            }),
            _ => Ok(y.to_vec()),
        }
    }
}

/// One layer's forward pass in a [`SampleTrace`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForwardLayer {
    /// Weighted input z = Σ w·a + b of each neuron.
    pub z: Vec<f64>,
    /// Output a = f(z) of each neuron.
    pub a: Vec<f64>,
}

/// One layer's backward pass in a [`SampleTrace`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackwardLayer {
    /// Error δ = ∂L/∂z of each neuron.
    pub delta: Vec<f64>,
    /// ∂L/∂w = δ_j·a_i, `dw[j][i]` for the weight from neuron i to neuron j (the file's indexing).
    pub dw: Vec<Vec<f64>>,
    /// ∂L/∂b = δ_j of each neuron.
    pub db: Vec<f64>,
}

/// Everything one sample does in the network: what the `trace` command prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleTrace {
    /// One entry per layer after the input.
    pub forward: Vec<ForwardLayer>,
    /// The sample's loss L (no regularisation penalty).
    pub loss: f64,
    /// One entry per layer after the input.
    pub backward: Vec<BackwardLayer>,
}

/// Runs one sample forward and backward through the model's network: input `x` (one value per
/// input), target `y` (for softmax cross-entropy a class index, otherwise one value per output).
/// The gradients are this sample's alone, not averaged. A result that overflows (or is NaN) is
/// refused, naming its place, since JSON cannot hold it.
pub fn trace(model: &Model, x: &[f64], y: &[f64]) -> Result<SampleTrace, ModelError> {
    let inputs = model.layers[0];
    if x.len() != inputs {
        return Err(ModelError::InputCount {
            found: x.len(),
            needed: inputs,
        });
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return Err(ModelError::SampleNotFinite);
    }
    let target = model.target(y)?;
    let network = model.network()?;
    let mut t = network.new_trace();
    let mut grad = network.new_gradients();
    network.forward(x, &mut t);
    let loss = network.loss(&t, &target, model.loss);
    network.backward(&mut t, &target, model.loss, &mut grad);
    let sizes = network.sizes();
    let forward = (1..sizes.len())
        .map(|l| ForwardLayer {
            z: t.z[network.neurons(l)].to_vec(),
            a: t.a[network.neurons(l)].to_vec(),
        })
        .collect();
    // The gradients are laid out like the parameters: layer by layer, row j of n_in weights
    // into neuron j, so consecutive chunks are the file's rows.
    let (mut dw, mut db) = (grad.weights().iter().copied(), grad.biases().iter().copied());
    let backward = (1..sizes.len())
        .map(|l| BackwardLayer {
            delta: t.delta[network.neurons(l)].to_vec(),
            dw: (0..sizes[l])
                .map(|_| dw.by_ref().take(sizes[l - 1]).collect())
                .collect(),
            db: db.by_ref().take(sizes[l]).collect(),
        })
        .collect();
    let traced = SampleTrace {
        forward,
        loss,
        backward,
    };
    match traced.first_not_finite() {
        Some((place, value)) => Err(ModelError::ResultNotFinite { place, value }),
        None => Ok(traced),
    }
}

impl SampleTrace {
    /// The first value that is NaN or infinite, named as in the printed JSON
    /// (`forward[0].z[1]`, `loss`, `backward[1].dw[0][2]`), with the value.
    pub fn first_not_finite(&self) -> Option<(String, f64)> {
        let bad = |values: &[f64]| values.iter().position(|v| !v.is_finite()).map(|k| (k, values[k]));
        for (l, layer) in self.forward.iter().enumerate() {
            for (name, values) in [("z", &layer.z), ("a", &layer.a)] {
                if let Some((k, v)) = bad(values) {
                    return Some((format!("forward[{l}].{name}[{k}]"), v));
                }
            }
        }
        if !self.loss.is_finite() {
            return Some(("loss".to_string(), self.loss));
        }
        for (l, layer) in self.backward.iter().enumerate() {
            if let Some((k, v)) = bad(&layer.delta) {
                return Some((format!("backward[{l}].delta[{k}]"), v));
            }
            for (j, row) in layer.dw.iter().enumerate() {
                if let Some((i, v)) = bad(row) {
                    return Some((format!("backward[{l}].dw[{j}][{i}]"), v));
                }
            }
            if let Some((k, v)) = bad(&layer.db) {
                return Some((format!("backward[{l}].db[{k}]"), v));
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activation, Network};

    fn tiny(loss: Loss, out: Activation, outputs: usize) -> Model {
        let net = Network::with_params(&[1, 2, outputs], &[Activation::Tanh, out], Vec::new()).unwrap();
        Model::from_network(&net, loss)
    }

    #[test]
    fn targets_follow_the_loss() {
        let softmax = tiny(Loss::SoftmaxCrossEntropy, Activation::Linear, 3);
        assert_eq!(softmax.target(&[1.0]).unwrap(), [0.0, 1.0, 0.0]);
        for y in [[-1.0], [3.0], [1.5], [f64::NAN]] {
            assert!(softmax.target(&y).is_err(), "{y:?}");
        }
        assert!(
            softmax.target(&[0.0, 1.0, 0.0]).is_err(),
            "a class index, not a one-hot vector"
        );
        let bce = tiny(Loss::CrossEntropy, Activation::Sigmoid, 1);
        assert_eq!(bce.target(&[0.25]).unwrap(), [0.25]);
        assert!(bce.target(&[-0.1]).is_err());
        let mse = tiny(Loss::SquaredError, Activation::Linear, 2);
        assert_eq!(mse.target(&[-7.0, 9.0]).unwrap(), [-7.0, 9.0]);
        assert!(mse.target(&[1.0]).is_err());
    }
}
