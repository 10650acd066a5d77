//! Whether a model fits what it is opened onto: the task its output layer answers, the features
//! and dataset it records, its weights' sizes, and (for what an older file does not record) the
//! lab's own features and dataset.

use super::{DataRecord, Model, ModelError, PARAM_LIMIT};
use crate::activation::Activation;
use crate::data::{DatasetKind, Task, NOISE_RANGE, POINTS_RANGE, TRAIN_SHARE_RANGE};
use crate::features::Feature;

/// The output layer a task needs, (neurons, activation): one sigmoid neuron for two classes,
/// k linear neurons (a softmax over them) for k classes, one linear neuron for regression.
pub fn output_layer(task: Task) -> (usize, Activation) {
    match task {
        Task::Binary => (1, Activation::Sigmoid),
        Task::Classes(k) => (k, Activation::Linear),
        Task::Regression => (1, Activation::Linear),
    }
}

/// The task an output layer of `outputs` `activation` neurons answers, if any: the inverse of
/// [`output_layer`] over the lab's tasks (two classes, 3 or 4 classes, regression).
pub fn task_of_output(outputs: usize, activation: Activation) -> Option<Task> {
    match (outputs, activation) {
        (1, Activation::Sigmoid) => Some(Task::Binary),
        (1, Activation::Linear) => Some(Task::Regression),
        (3 | 4, Activation::Linear) => Some(Task::Classes(outputs)),
        _ => None,
    }
}

/// The first weight or bias larger than [`PARAM_LIMIT`] either way (or not finite), named by
/// its place in the file (`weights[0][1][0]`, `biases[1][0]`).
pub(super) fn check_params(weights: &[Vec<Vec<f64>>], biases: &[Vec<f64>]) -> Result<(), ModelError> {
    let out = |v: f64| !(-PARAM_LIMIT..=PARAM_LIMIT).contains(&v);
    for (l, layer) in weights.iter().enumerate() {
        for (j, row) in layer.iter().enumerate() {
            if let Some((i, &value)) = row.iter().enumerate().find(|(_, &v)| out(v)) {
                return Err(ModelError::ParamOutOfRange {
                    place: format!("weights[{l}][{j}][{i}]"),
                    value,
                });
            }
        }
    }
    for (l, layer) in biases.iter().enumerate() {
        if let Some((j, &value)) = layer.iter().enumerate().find(|(_, &v)| out(v)) {
            return Err(ModelError::ParamOutOfRange {
                place: format!("biases[{l}][{j}]"),
                value,
            });
        }
    }
    Ok(())
}

/// `value` within (lo, hi), or the error naming `field` of "dataset".
fn within(field: &'static str, value: f64, (lo, hi): (f64, f64)) -> Result<(), ModelError> {
    if value >= lo && value <= hi {
        Ok(())
    } else {
        Err(ModelError::DataOutOfRange { field, value, lo, hi })
    }
}

impl Model {
    /// The task the output layer answers, or why it answers none (its activation or size).
    pub fn task(&self) -> Result<Task, ModelError> {
        let outputs = self.layers[self.layers.len() - 1];
        let activation = self.activations[self.activations.len() - 1];
        task_of_output(outputs, activation).ok_or(ModelError::OutputFitsNoTask { activation, outputs })
    }

    /// The checks of what a model records beside its network, in the order a learner would
    /// look: no feature twice, one feature per input, an output layer that answers a task, the
    /// dataset's ranges, and that task the dataset's.
    pub(super) fn check_record(&self) -> Result<(), ModelError> {
        if let Some(features) = &self.features {
            if let Some(k) = (1..features.len()).find(|&k| features[..k].contains(&features[k])) {
                return Err(ModelError::DuplicateFeature {
                    name: features[k].name(),
                });
            }
            if features.len() != self.layers[0] {
                return Err(ModelError::FeatureCount {
                    features: features.len(),
                    inputs: self.layers[0],
                });
            }
        }
        let task = self.task()?;
        if let Some(DataRecord {
            kind,
            noise,
            points,
            train_share,
        }) = self.data
        {
            within("noise", noise, NOISE_RANGE)?;
            within("points", points as f64, (POINTS_RANGE.0 as f64, POINTS_RANGE.1 as f64))?;
            within("train_share", train_share, TRAIN_SHARE_RANGE)?;
            if kind.task() != task {
                return Err(ModelError::TaskDoesNotFit {
                    model: task,
                    dataset: kind,
                    in_file: true,
                });
            }
        }
        Ok(())
    }

    /// Whether the model can be opened onto the lab's `features` and `dataset` for what its file
    /// does not record (what it records it brings along): its inputs must be as many as the
    /// features, its output must answer the dataset's task.
    pub fn fits(&self, features: &[Feature], dataset: DatasetKind) -> Result<(), ModelError> {
        if self.features.is_none() && features.len() != self.layers[0] {
            return Err(ModelError::FeaturesDoNotFit {
                inputs: self.layers[0],
                features: features.to_vec(),
            });
        }
        let task = self.task()?;
        if self.data.is_none() && dataset.task() != task {
            return Err(ModelError::TaskDoesNotFit {
                model: task,
                dataset,
                in_file: false,
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_task_has_one_output_layer_and_back() {
        let tasks = [Task::Binary, Task::Classes(3), Task::Classes(4), Task::Regression];
        for task in tasks {
            let (n, a) = output_layer(task);
            assert_eq!(task_of_output(n, a), Some(task), "{task:?}");
        }
        assert_eq!(output_layer(Task::Binary), (1, Activation::Sigmoid));
        assert_eq!(output_layer(Task::Regression), (1, Activation::Linear));
        for (n, a) in [(1, Activation::Tanh), (2, Activation::Linear), (3, Activation::Sigmoid)] {
            assert_eq!(task_of_output(n, a), None, "{n} {a:?}");
        }
    }
}
