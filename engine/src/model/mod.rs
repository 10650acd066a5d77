//! The model file: a versioned JSON snapshot of a network (documented in `docs/model-format.md`),
//! checked once on import with a message naming the place of every problem, and the trace of one
//! sample that the `trace` command prints.
//!
//! In the file, `weights[l][j][i]` is the weight from neuron i of layer l to neuron j of layer
//! l + 1 (= [`Network::weight`]`(l, j, i)`) and `biases[l][j]` the bias of neuron j of layer l + 1
//! (= [`Network::bias`]`(l, j)`); layer 0 is the input.
//!
//! Besides the network a file may record what it was trained on: its input features, its
//! dataset (with noise, points and training share; the seed is [`RunSettings::seed`]) and the
//! run's settings. Older files without them still open.

mod error;
mod file;
mod fit;
mod read;
mod trace;

pub use error::{short_number, ModelError, NamedField, Place};
pub use file::check_layers;
pub use fit::{output_layer, task_of_output};
pub use read::{decode, Excerpt, EXCERPT_CHARS};
pub use trace::{trace, BackwardLayer, ForwardLayer, SampleTrace};

use super::activation::Activation;
use super::data::{DatasetKind, POINTS_RANGE};
use super::features::Feature;
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
/// The largest size a weight or bias in a file may have, either sign (a typed weight has the
/// same limit): a larger one is a broken file, not a trained network.
pub const PARAM_LIMIT: f64 = 1000.0;
/// Mini-batch sizes a file may give: (fewest, most), one sample up to the most points a set has.
pub const BATCH_SIZES: (usize, usize) = (1, POINTS_RANGE.1);

/// The generated dataset a model was trained on, saved beside it when known (its seed is
/// [`RunSettings::seed`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DataRecord {
    /// Which set.
    pub kind: DatasetKind,
    /// Its noise, 0 … 0.5.
    pub noise: f64,
    /// Its points, train and test together, 50 … 1000.
    pub points: usize,
    /// The share of the points trained on, 0.1 … 0.9.
    pub train_share: f64,
}

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
    /// The seed of the run's data (also of its first weights and its batch order), so that it
    /// can be repeated.
    pub seed: Option<u64>,
    /// Samples per mini-batch.
    pub batch_size: Option<usize>,
}

impl RunSettings {
    /// Checks the rates and the batch: η must be positive and finite, λ zero or positive and
    /// finite, the batch within [`BATCH_SIZES`].
    pub fn check(&self) -> Result<(), ModelError> {
        if let Some(found) = self.batch_size {
            if !(BATCH_SIZES.0..=BATCH_SIZES.1).contains(&found) {
                return Err(ModelError::BatchSize { found });
            }
        }
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
    /// One per input neuron, when recorded.
    features: Option<Vec<Feature>>,
    /// The dataset, when recorded.
    data: Option<DataRecord>,
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
            features: None,
            data: None,
        }
    }

    /// Every weight, `[layer][to][from]` as in the file.
    pub fn weights(&self) -> &[Vec<Vec<f64>>] {
        &self.weights
    }

    /// Every bias, `[layer][neuron]` as in the file.
    pub fn biases(&self) -> &[Vec<f64>] {
        &self.biases
    }

    /// The same model with the run's `settings`, once they pass [`RunSettings::check`].
    pub fn with_settings(mut self, settings: RunSettings) -> Result<Model, ModelError> {
        settings.check()?;
        self.settings = settings;
        Ok(self)
    }

    /// The same model with the `features` and the generated `data` it was trained on (if any),
    /// once they pass the checks a file's pass: one feature per input, no feature twice, the
    /// data's ranges, and an output layer that answers the data's task.
    pub fn with_data(mut self, features: &[Feature], data: Option<DataRecord>) -> Result<Model, ModelError> {
        self.features = Some(features.to_vec());
        self.data = data;
        self.check_record()?;
        Ok(self)
    }

    /// The input features, one per input neuron, if the file recorded them.
    pub fn features(&self) -> Option<&[Feature]> {
        self.features.as_deref()
    }

    /// The dataset, if the file recorded it.
    pub fn data(&self) -> Option<DataRecord> {
        self.data
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
