//! The model file: a versioned JSON snapshot of a network (documented in `docs/model-format.md`),
//! checked once on import with a message naming the place of every problem, and the trace of one
//! sample that the `trace` command prints.
//!
//! In the file, `weights[l][j][i]` is the weight from neuron i of layer l to neuron j of layer
//! l + 1 (= [`Network::weight`]`(l, j, i)`) and `biases[l][j]` the bias of neuron j of layer l + 1
//! (= [`Network::bias`]`(l, j)`); layer 0 is the input.

mod error;
mod file;
mod read;
mod trace;

pub use error::{short_number, ModelError, NamedField, Place};
pub use file::check_layers;
pub use read::{decode, Excerpt, EXCERPT_CHARS};
pub use trace::{trace, BackwardLayer, ForwardLayer, SampleTrace};

use super::activation::Activation;
use super::loss::{Loss, Regularization};
use super::network::Network;
use super::optimizer::OptimizerKind;

/// The value of the "format" field.
pub const FORMAT: &str = "backprop-lab/model";
/// The versions this code reads; it writes the last.
pub const VERSIONS: [u64; 1] = [1];
/// Inputs a network may have: (fewest, most).
pub const INPUTS: (usize, usize) = (1, 7);
/// Most hidden layers.
pub const MAX_HIDDEN_LAYERS: usize = 8;
/// Neurons a hidden layer may have: (fewest, most).
pub const HIDDEN_NEURONS: (usize, usize) = (1, 16);
/// Outputs a network may have: (fewest, most).
pub const OUTPUTS: (usize, usize) = (1, 4);

/// Settings of the run that made a model, saved beside it when known. All are optional.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RunSettings {
    /// The learning rate η (positive).
    pub learning_rate: Option<f64>,
    /// The update rule.
    pub optimizer: Option<OptimizerKind>,
    /// The penalty on large weights.
    pub regularization: Option<Regularization>,
    /// The penalty's rate λ (zero or positive).
    pub regularization_rate: Option<f64>,
    /// The seed of the run, so that it can be repeated.
    pub seed: Option<u64>,
}

impl RunSettings {
    /// Checks the rates: η must be positive and finite, λ zero or positive and finite.
    pub fn check(&self) -> Result<(), ModelError> {
        if let Some(rate) = self.learning_rate {
            if !(rate > 0.0 && rate.is_finite()) {
                return Err(ModelError::LearningRate { value: rate });
            }
        }
        if let Some(rate) = self.regularization_rate {
            if !(rate >= 0.0 && rate.is_finite()) {
                return Err(ModelError::RegularizationRate { value: rate });
            }
        }
        Ok(())
    }
}

/// A checked snapshot of a network: shape, activations, loss, every weight and bias, and the
/// run's settings when known. Made by [`Model::from_network`] or [`Model::from_json`].
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    layers: Vec<usize>,
    activations: Vec<Activation>,
    loss: Loss,
    /// `[layer][to][from]`, as in the file.
    weights: Vec<Vec<Vec<f64>>>,
    /// `[layer][neuron]`, as in the file.
    biases: Vec<Vec<f64>>,
    settings: RunSettings,
}

impl Model {
    /// The snapshot of `network` trained with `loss`, with no run settings. The lab's size
    /// limits are checked on import, not here.
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
            layers: sizes.to_vec(),
            activations: network.activations().to_vec(),
            loss,
            weights,
            biases,
            settings: RunSettings::default(),
        }
    }

    /// The same model with the run's `settings`, once they pass [`RunSettings::check`].
    pub fn with_settings(mut self, settings: RunSettings) -> Result<Model, ModelError> {
        settings.check()?;
        self.settings = settings;
        Ok(self)
    }

    /// Neurons per layer, input first.
    pub fn layers(&self) -> &[usize] {
        &self.layers
    }

    /// The activation of each layer after the input.
    pub fn activations(&self) -> &[Activation] {
        &self.activations
    }

    /// The loss the model was trained with.
    pub fn loss(&self) -> Loss {
        self.loss
    }

    /// The run's settings, as far as the file had them.
    pub fn settings(&self) -> RunSettings {
        self.settings
    }

    /// The network the model describes: parameters are every weight in file order, then every
    /// bias, which is [`Network::params`] order.
    pub fn network(&self) -> Result<Network, ModelError> {
        let params: Vec<f64> = self
            .weights
            .iter()
            .flatten()
            .flatten()
            .chain(self.biases.iter().flatten())
            .copied()
            .collect();
        Network::with_params(&self.layers, &self.activations, params).map_err(ModelError::Shape)
    }
}
