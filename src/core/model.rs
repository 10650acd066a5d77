//! The model file: a versioned JSON snapshot of a network (documented in `docs/model-format.md`),
//! checked on import with a clear message for every problem, and the trace of one sample that
//! the `trace` command prints.

use super::activation::Activation;
use super::loss::Loss;
use super::network::{Network, Trace};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The value of the "format" field.
pub const FORMAT: &str = "backprop-lab/model";
/// The versions this code reads; it writes the last.
pub const VERSIONS: [u32; 1] = [1];
/// Inputs a network may have.
pub const INPUTS: (usize, usize) = (1, 7);
/// Most hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Neurons a hidden layer may have.
pub const HIDDEN_NEURONS: (usize, usize) = (1, 16);
/// Outputs a network may have.
pub const OUTPUTS: (usize, usize) = (1, 4);

/// Why a model file was refused; `Display` gives a sentence naming the place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError(pub String);

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ModelError {}

fn err<T>(message: impl Into<String>) -> Result<T, ModelError> {
    Err(ModelError(message.into()))
}

/// A network as stored: `weights[l][j][i]` is the weight from neuron i of layer l to neuron j of
/// layer l + 1, `biases[l][j]` the bias of neuron j of layer l + 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Always "backprop-lab/model".
    pub format: String,
    /// The format's version.
    pub version: u32,
    /// Neurons per layer, input first.
    pub layers: Vec<usize>,
    /// One activation name per layer after the input.
    pub activations: Vec<String>,
    /// The loss name: "mse", "bce" or "softmax_ce".
    pub loss: String,
    /// Weights, `[layer][to][from]`.
    pub weights: Vec<Vec<Vec<f64>>>,
    /// Biases, `[layer][neuron]`.
    pub biases: Vec<Vec<f64>>,
    /// The learning rate, if saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub learning_rate: Option<f64>,
    /// The optimizer name, if saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimizer: Option<String>,
    /// The seed of the run, if saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
}

fn activation_named(name: &str) -> Option<Activation> {
    Activation::ALL.into_iter().find(|a| a.name() == name)
}

fn loss_named(name: &str) -> Option<Loss> {
    Loss::ALL.into_iter().find(|l| l.name() == name)
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter()
        .map(|&x| format!("\"{}\"", name(x)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks layer sizes against what the lab offers: 1–7 inputs, 0–8 hidden layers of 1–16
/// neurons, 1–4 outputs.
pub fn check_layers(layers: &[usize]) -> Result<(), ModelError> {
    if layers.len() < 2 {
        return err("\"layers\" needs at least an input and an output layer");
    }
    let hidden = &layers[1..layers.len() - 1];
    let (inputs, outputs) = (layers[0], layers[layers.len() - 1]);
    if !(INPUTS.0..=INPUTS.1).contains(&inputs) {
        return err(format!(
            "the input layer has {inputs} neurons; it may have {} to {}",
            INPUTS.0, INPUTS.1
        ));
    }
    if hidden.len() > MAX_HIDDEN_LAYERS {
        return err(format!(
            "{} hidden layers; at most {MAX_HIDDEN_LAYERS} are allowed",
            hidden.len()
        ));
    }
    if let Some((k, n)) = hidden
        .iter()
        .enumerate()
        .find(|(_, n)| !(HIDDEN_NEURONS.0..=HIDDEN_NEURONS.1).contains(n))
    {
        let (lo, hi) = HIDDEN_NEURONS;
        return err(format!(
            "hidden layer {} has {n} neurons; it may have {lo} to {hi}",
            k + 1
        ));
    }
    if !(OUTPUTS.0..=OUTPUTS.1).contains(&outputs) {
        return err(format!(
            "the output layer has {outputs} neurons; it may have {} to {}",
            OUTPUTS.0, OUTPUTS.1
        ));
    }
    Ok(())
}

impl Model {
    /// The snapshot of `network` trained with `loss`.
    pub fn from_network(network: &Network, loss: Loss) -> Model {
        let sizes = network.sizes();
        let weights = (0..sizes.len() - 1)
            .map(|l| {
                (0..sizes[l + 1])
                    .map(|j| (0..sizes[l]).map(|i| network.weight(l, j, i)).collect())
                    .collect()
            })
            .collect();
        let biases = (0..sizes.len() - 1)
            .map(|l| (0..sizes[l + 1]).map(|j| network.bias(l, j)).collect())
            .collect();
        Model {
            format: FORMAT.to_string(),
            version: VERSIONS[VERSIONS.len() - 1],
            layers: sizes.to_vec(),
            activations: network.activations().iter().map(|a| a.name().to_string()).collect(),
            loss: loss.name().to_string(),
            weights,
            biases,
            learning_rate: None,
            optimizer: None,
            seed: None,
        }
    }

    /// The model as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a model of plain numbers and strings serialises")
    }

    /// Reads and checks a model file: JSON syntax, format, version, layer sizes, names, the
    /// shape of every weight and bias list, and that the loss fits the output layer.
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        let model: Model = serde_json::from_str(text).map_err(|e| {
            let what = if e.is_syntax() || e.is_eof() {
                "is not valid JSON"
            } else {
                "does not have the expected fields"
            };
            ModelError(format!("the model file {what}: {e}"))
        })?;
        model.check()?;
        Ok(model)
    }

    fn check(&self) -> Result<(), ModelError> {
        if self.format != FORMAT {
            return err(format!(
                "\"format\" is \"{}\"; a model file says \"{FORMAT}\"",
                self.format
            ));
        }
        if !VERSIONS.contains(&self.version) {
            return err(format!(
                "version {} is not supported; this lab reads version {:?}",
                self.version, VERSIONS
            ));
        }
        check_layers(&self.layers)?;
        let n_layers = self.layers.len() - 1;
        if self.activations.len() != n_layers {
            return err(format!(
                "\"activations\" has {} names; {n_layers} are needed, one per layer after the input",
                self.activations.len()
            ));
        }
        for (k, name) in self.activations.iter().enumerate() {
            if activation_named(name).is_none() {
                let valid = names(&Activation::ALL, Activation::name);
                return err(format!("activations[{k}] \"{name}\" is unknown; use one of {valid}"));
            }
        }
        let Some(loss) = loss_named(&self.loss) else {
            return err(format!(
                "loss \"{}\" is unknown; use one of {}",
                self.loss,
                names(&Loss::ALL, Loss::name)
            ));
        };
        if self.weights.len() != n_layers {
            return err(format!(
                "\"weights\" has {} layers; {n_layers} are needed",
                self.weights.len()
            ));
        }
        if self.biases.len() != n_layers {
            return err(format!(
                "\"biases\" has {} layers; {n_layers} are needed",
                self.biases.len()
            ));
        }
        for l in 0..n_layers {
            let (n_in, n_out) = (self.layers[l], self.layers[l + 1]);
            if self.weights[l].len() != n_out {
                let found = self.weights[l].len();
                return err(format!(
                    "weights[{l}] has {found} rows; layer {} has {n_out} neurons",
                    l + 1
                ));
            }
            for (j, row) in self.weights[l].iter().enumerate() {
                if row.len() != n_in {
                    let found = row.len();
                    return err(format!(
                        "weights[{l}][{j}] has {found} numbers; layer {l} has {n_in} neurons"
                    ));
                }
            }
            if self.biases[l].len() != n_out {
                let found = self.biases[l].len();
                return err(format!(
                    "biases[{l}] has {found} numbers; layer {} has {n_out} neurons",
                    l + 1
                ));
            }
        }
        let out_act = activation_named(&self.activations[n_layers - 1]).expect("checked above");
        if !loss.fits(out_act, self.layers[n_layers]) {
            return err(format!(
                "loss \"{}\" does not fit an output layer of {} \"{}\" neurons: \"bce\" needs one sigmoid output, \"softmax_ce\" a linear output of 2 to 4",
                self.loss, self.layers[n_layers], self.activations[n_layers - 1]
            ));
        }
        Ok(())
    }

    /// The loss the model was trained with.
    pub fn loss(&self) -> Loss {
        loss_named(&self.loss).expect("checked on import")
    }

    /// The network the model describes.
    pub fn network(&self) -> Result<Network, ModelError> {
        let activations: Vec<Activation> = self
            .activations
            .iter()
            .map(|n| activation_named(n).expect("checked on import"))
            .collect();
        let params: Vec<f64> = self
            .weights
            .iter()
            .flatten()
            .flatten()
            .chain(self.biases.iter().flatten())
            .copied()
            .collect();
        Network::with_params(&self.layers, &activations, params).map_err(|e| ModelError(e.to_string()))
    }
}

/// One layer's forward pass in a [`SampleTrace`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ForwardLayer {
    /// z of each neuron.
    pub z: Vec<f64>,
    /// a of each neuron.
    pub a: Vec<f64>,
}

/// One layer's backward pass in a [`SampleTrace`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackwardLayer {
    /// δ = ∂L/∂z of each neuron.
    pub delta: Vec<f64>,
    /// ∂L/∂w, `[to][from]` as in the model file.
    pub dw: Vec<Vec<f64>>,
    /// ∂L/∂b of each neuron.
    pub db: Vec<f64>,
}

/// Everything one sample does in the network: what the `trace` command prints.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SampleTrace {
    /// One entry per layer after the input.
    pub forward: Vec<ForwardLayer>,
    /// The sample's loss.
    pub loss: f64,
    /// One entry per layer after the input.
    pub backward: Vec<BackwardLayer>,
}

/// The target vector for `y`: for softmax cross-entropy a class index made one-hot, otherwise
/// one value per output.
pub fn target_from(model: &Model, y: &[f64]) -> Result<Vec<f64>, ModelError> {
    let outputs = model.layers[model.layers.len() - 1];
    if model.loss() == Loss::SoftmaxCrossEntropy {
        let class = match y {
            [c] if c.fract() == 0.0 && *c >= 0.0 && (*c as usize) < outputs => *c as usize,
            _ => return err(format!("--y must be one class index from 0 to {}", outputs - 1)),
        };
        return Ok((0..outputs).map(|k| if k == class { 1.0 } else { 0.0 }).collect());
    }
    if y.len() != outputs {
        return err(format!(
            "--y needs {outputs} value(s), one per output; {} given",
            y.len()
        ));
    }
    Ok(y.to_vec())
}

/// Runs one sample (input `x`, target `y` as for [`target_from`]) forward and backward through
/// the model's network.
pub fn trace(model: &Model, x: &[f64], y: &[f64]) -> Result<SampleTrace, ModelError> {
    let inputs = model.layers[0];
    if x.len() != inputs {
        return err(format!("--x needs {inputs} value(s), one per input; {} given", x.len()));
    }
    if x.iter().chain(y).any(|v| !v.is_finite()) {
        return err("--x and --y must be finite numbers");
    }
    let target = target_from(model, y)?;
    let network = model.network()?;
    let loss = model.loss();
    let mut t: Trace = network.new_trace();
    let mut grad = network.new_gradients();
    network.forward(x, &mut t);
    let value = network.loss(&t, &target, loss);
    network.backward(&mut t, &target, loss, &mut grad);
    let sizes = network.sizes();
    let layers = 1..sizes.len();
    let forward = layers
        .clone()
        .map(|l| ForwardLayer {
            z: t.z[network.neurons(l)].to_vec(),
            a: t.a[network.neurons(l)].to_vec(),
        })
        .collect();
    let mut w = grad.weights().iter();
    let mut b = grad.biases().iter();
    let backward = layers
        .map(|l| BackwardLayer {
            delta: t.delta[network.neurons(l)].to_vec(),
            dw: (0..sizes[l])
                .map(|_| w.by_ref().take(sizes[l - 1]).copied().collect())
                .collect(),
            db: b.by_ref().take(sizes[l]).copied().collect(),
        })
        .collect();
    Ok(SampleTrace {
        forward,
        loss: value,
        backward,
    })
}
