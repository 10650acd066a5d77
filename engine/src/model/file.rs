//! The file as written and its checks: [`Model::to_json`] and [`Model::from_json`].

use super::error::{ModelError, NamedField};
use super::fit::check_params;
use super::read::{json_error, Excerpt};
use super::{DataRecord, Model, RunSettings, FORMAT, HIDDEN_NEURONS, INPUTS, MAX_HIDDEN_LAYERS, OUTPUTS, VERSIONS};
use crate::activation::Activation;
use crate::data::DatasetKind;
use crate::features::Feature;
use crate::loss::{Loss, Regularization};
use crate::optimizer::OptimizerKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The file as written: names are strings here, so that a bad one can be reported by place.
#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u64,
    layers: Vec<usize>,
    activations: Vec<String>,
    loss: String,
    /// One [`Feature::name`] per input neuron.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    features: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dataset: Option<DatasetFile>,
    weights: Vec<Vec<Vec<f64>>>,
    biases: Vec<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    learning_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    optimizer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    batch_size: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regularization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regularization_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
}

/// The file's "dataset": a [`DatasetKind::name`] and how its points were drawn.
#[derive(Serialize, Deserialize)]
struct DatasetFile {
    name: String,
    noise: f64,
    points: usize,
    train_share: f64,
}

/// The item of `all` whose name is `name`, or the error naming `field` and its valid names.
fn named<T: Copy>(field: NamedField, name: &str, all: &[T], name_of: fn(T) -> &'static str) -> Result<T, ModelError> {
    all.iter()
        .copied()
        .find(|&x| name_of(x) == name)
        .ok_or_else(|| ModelError::UnknownName {
            field,
            name: Excerpt::of(name),
        })
}

/// Checks layer sizes against what the lab offers: 1–7 inputs, 0–8 hidden layers of 1–16
/// neurons, 1–4 outputs.
pub fn check_layers(layers: &[usize]) -> Result<(), ModelError> {
    let [inputs, hidden @ .., outputs] = layers else {
        return Err(ModelError::TooFewLayers);
    };
    if !(INPUTS.0..=INPUTS.1).contains(inputs) {
        return Err(ModelError::InputNeurons { found: *inputs });
    }
    if hidden.len() > MAX_HIDDEN_LAYERS {
        return Err(ModelError::TooManyHiddenLayers { found: hidden.len() });
    }
    if let Some((k, n)) = hidden
        .iter()
        .enumerate()
        .find(|(_, n)| !(HIDDEN_NEURONS.0..=HIDDEN_NEURONS.1).contains(n))
    {
        return Err(ModelError::HiddenNeurons {
            layer: k + 1,
            found: *n,
        });
    }
    if !(OUTPUTS.0..=OUTPUTS.1).contains(outputs) {
        return Err(ModelError::OutputNeurons { found: *outputs });
    }
    Ok(())
}

impl Model {
    /// The model as pretty-printed JSON, in the latest version of the format.
    pub fn to_json(&self) -> String {
        let s = self.settings;
        let file = File {
            format: FORMAT.to_string(),
            version: VERSIONS[VERSIONS.len() - 1],
            layers: self.layers.clone(),
            activations: self.activations.iter().map(|a| a.name().to_string()).collect(),
            loss: self.loss.name().to_string(),
            features: (self.features.as_ref()).map(|fs| fs.iter().map(|f| f.name().to_string()).collect()),
            dataset: self.data.map(|d| DatasetFile {
                name: d.kind.name().to_string(),
                noise: d.noise,
                points: d.points,
                train_share: d.train_share,
            }),
            weights: self.weights.clone(),
            biases: self.biases.clone(),
            learning_rate: s.learning_rate,
            optimizer: s.optimizer.map(|o| o.name().to_string()),
            batch_size: s.batch_size,
            regularization: s.regularization.map(|r| r.name().to_string()),
            regularization_rate: s.regularization_rate,
            seed: s.seed,
        };
        // Strings, integers and floats only (a non-finite float is written as null): nothing fails.
        serde_json::to_string_pretty(&file).expect("a model file serialises")
    }

    /// Reads and checks a model file: JSON syntax, format, version, layer sizes, names, the
    /// shape of every weight and bias list, that the loss fits the output layer, the optional
    /// settings, every weight and bias within ±[`super::PARAM_LIMIT`], and what the file records
    /// beside the network (features, dataset) against the network. Fields it does not know are
    /// ignored.
    pub fn from_json(text: &str) -> Result<Model, ModelError> {
        // Format and version first, so that a newer file is refused for its version, not for
        // the fields it moved.
        let value: Value = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        let Some(object) = value.as_object() else {
            return Err(ModelError::NotAnObject);
        };
        match object.get("format") {
            Some(Value::String(f)) if f == FORMAT => {}
            Some(other) => {
                return Err(ModelError::WrongFormat {
                    found: Excerpt::of(other),
                })
            }
            None => return Err(ModelError::NoFormat),
        }
        match object.get("version") {
            Some(v) if v.as_u64().is_some_and(|v| VERSIONS.contains(&v)) => {}
            Some(other) => {
                return Err(ModelError::UnsupportedVersion {
                    found: Excerpt::of(other),
                })
            }
            None => return Err(ModelError::NoVersion),
        }
        let file: File = serde_json::from_str(text).map_err(|e| json_error(&e))?;
        Self::check(file)
    }

    /// Turns a parsed file into a model, or says what is wrong and where.
    fn check(file: File) -> Result<Model, ModelError> {
        check_layers(&file.layers)?;
        let n_layers = file.layers.len() - 1;
        if file.activations.len() != n_layers {
            return Err(ModelError::ActivationCount {
                found: file.activations.len(),
                needed: n_layers,
            });
        }
        let activations = file
            .activations
            .iter()
            .enumerate()
            .map(|(k, name)| named(NamedField::Activation(k), name, &Activation::ALL, Activation::name))
            .collect::<Result<Vec<_>, _>>()?;
        let loss = named(NamedField::Loss, &file.loss, &Loss::ALL, Loss::name)?;
        for (field, found) in [("weights", file.weights.len()), ("biases", file.biases.len())] {
            if found != n_layers {
                return Err(ModelError::LayerCount {
                    field,
                    found,
                    needed: n_layers,
                });
            }
        }
        for l in 0..n_layers {
            let (n_in, n_out) = (file.layers[l], file.layers[l + 1]);
            let rows = file.weights[l].len();
            if rows != n_out {
                return Err(ModelError::WeightRows {
                    layer: l,
                    found: rows,
                    neurons: n_out,
                });
            }
            for (j, row) in file.weights[l].iter().enumerate() {
                if row.len() != n_in {
                    return Err(ModelError::WeightRow {
                        layer: l,
                        row: j,
                        found: row.len(),
                        neurons: n_in,
                    });
                }
            }
            let found = file.biases[l].len();
            if found != n_out {
                return Err(ModelError::BiasCount {
                    layer: l,
                    found,
                    neurons: n_out,
                });
            }
        }
        let (out_act, outputs) = (activations[n_layers - 1], file.layers[n_layers]);
        if !loss.fits(out_act, outputs) {
            return Err(ModelError::LossDoesNotFit {
                loss,
                activation: out_act,
                outputs,
            });
        }
        let settings = RunSettings {
            learning_rate: file.learning_rate,
            optimizer: match &file.optimizer {
                Some(name) => Some(named(
                    NamedField::Optimizer,
                    name,
                    &OptimizerKind::ALL,
                    OptimizerKind::name,
                )?),
                None => None,
            },
            regularization: match &file.regularization {
                Some(name) => Some(named(
                    NamedField::Regularization,
                    name,
                    &Regularization::ALL,
                    Regularization::name,
                )?),
                None => None,
            },
            regularization_rate: file.regularization_rate,
            seed: file.seed,
            batch_size: file.batch_size,
        };
        settings.check()?;
        check_params(&file.weights, &file.biases)?;
        let features = match &file.features {
            Some(names) => Some(
                names
                    .iter()
                    .enumerate()
                    .map(|(k, name)| named(NamedField::Feature(k), name, &Feature::ALL, Feature::name))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
            None => None,
        };
        let data = match &file.dataset {
            Some(d) => Some(DataRecord {
                kind: named(NamedField::Dataset, &d.name, &DatasetKind::ALL, DatasetKind::name)?,
                noise: d.noise,
                points: d.points,
                train_share: d.train_share,
            }),
            None => None,
        };
        let model = Model {
            layers: file.layers,
            activations,
            loss,
            weights: file.weights,
            biases: file.biases,
            settings,
            features,
            data,
        };
        model.check_record()?;
        Ok(model)
    }
}
