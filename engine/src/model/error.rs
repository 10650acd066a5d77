//! Why a model file was refused: [`ModelError`] and its English sentence.

use super::read::Excerpt;
use super::{BATCH_SIZES, FORMAT, HIDDEN_NEURONS, INPUTS, MAX_HIDDEN_LAYERS, OUTPUTS, PARAM_LIMIT, VERSIONS};
use crate::activation::Activation;
use crate::data::{DatasetKind, Task};
use crate::features::Feature;
use crate::loss::{Loss, Regularization};
use crate::network::ShapeError;
use crate::optimizer::OptimizerKind;
use std::fmt;

/// Where in the file the JSON reader stopped, 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    /// The line.
    pub line: usize,
    /// The column, in characters.
    pub column: usize,
}

/// A field of the file that holds a name from a fixed list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NamedField {
    /// `activations[k]`.
    Activation(usize),
    /// `loss`.
    Loss,
    /// `optimizer`.
    Optimizer,
    /// `regularization`.
    Regularization,
    /// `features[k]`.
    Feature(usize),
    /// `dataset.name`.
    Dataset,
}

impl NamedField {
    /// The names the field may hold, as the file writes them.
    pub fn valid_names(self) -> Vec<&'static str> {
        match self {
            NamedField::Activation(_) => Activation::ALL.map(Activation::name).to_vec(),
            NamedField::Loss => Loss::ALL.map(Loss::name).to_vec(),
            NamedField::Optimizer => OptimizerKind::ALL.map(OptimizerKind::name).to_vec(),
            NamedField::Regularization => Regularization::ALL.map(Regularization::name).to_vec(),
            NamedField::Feature(_) => Feature::ALL.map(Feature::name).to_vec(),
            NamedField::Dataset => DatasetKind::ALL.map(DatasetKind::name).to_vec(),
        }
    }
}

impl fmt::Display for NamedField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NamedField::Activation(k) => write!(f, "activations[{k}]"),
            NamedField::Loss => f.write_str("loss"),
            NamedField::Optimizer => f.write_str("optimizer"),
            NamedField::Regularization => f.write_str("regularization"),
            NamedField::Feature(k) => write!(f, "features[{k}]"),
            NamedField::Dataset => f.write_str("dataset.name"),
        }
    }
}

/// Why a model file (or a sample for [`trace`]) was refused, with what the message needs:
/// the place (field, index, or line and column) and the values found, any text from the
/// file cut to an [`Excerpt`]. `Display` gives the English sentence (the `trace` command's and
/// `docs/model-format.md`'s); the page words it in its own language.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelError {
    /// Not JSON: the JSON reader's reason (English, its quoted value cut short) and where.
    NotJson {
        /// The reader's reason.
        reason: String,
        /// Where it stopped, when known.
        place: Option<Place>,
    },
    /// A number too large for an f64 (`1e999`).
    NumberTooLarge {
        /// Where it stands, when known.
        place: Option<Place>,
    },
    /// `null` where a number belongs (a writer's NaN).
    NullNumber {
        /// Where it stands, when known.
        place: Option<Place>,
    },
    /// JSON, but a field is missing or of the wrong kind: the reader's reason and where.
    WrongFields {
        /// The reader's reason.
        reason: String,
        /// Where it stopped, when known.
        place: Option<Place>,
    },
    /// The text is JSON but not one object.
    NotAnObject,
    /// No "format" field.
    NoFormat,
    /// A "format" that is not [`FORMAT`].
    WrongFormat {
        /// The value found, as JSON.
        found: Excerpt,
    },
    /// No "version" field.
    NoVersion,
    /// A version not in [`VERSIONS`].
    UnsupportedVersion {
        /// The value found, as JSON.
        found: Excerpt,
    },
    /// Fewer than two layers.
    TooFewLayers,
    /// An input layer outside [`INPUTS`].
    InputNeurons {
        /// Its neurons.
        found: usize,
    },
    /// More than [`MAX_HIDDEN_LAYERS`] hidden layers.
    TooManyHiddenLayers {
        /// How many.
        found: usize,
    },
    /// A hidden layer outside [`HIDDEN_NEURONS`].
    HiddenNeurons {
        /// The hidden layer, 1-based.
        layer: usize,
        /// Its neurons.
        found: usize,
    },
    /// An output layer outside [`OUTPUTS`].
    OutputNeurons {
        /// Its neurons.
        found: usize,
    },
    /// Not one activation per layer after the input.
    ActivationCount {
        /// Names given.
        found: usize,
        /// Names needed.
        needed: usize,
    },
    /// A name that is not on its field's list.
    UnknownName {
        /// The field.
        field: NamedField,
        /// The name found.
        name: Excerpt,
    },
    /// "weights" or "biases" without one entry per layer after the input.
    LayerCount {
        /// "weights" or "biases".
        field: &'static str,
        /// Entries given.
        found: usize,
        /// Entries needed.
        needed: usize,
    },
    /// `weights[layer]` without one row per neuron of layer + 1.
    WeightRows {
        /// The index into "weights".
        layer: usize,
        /// Rows given.
        found: usize,
        /// Neurons of layer + 1.
        neurons: usize,
    },
    /// `weights[layer][row]` without one number per neuron of layer.
    WeightRow {
        /// The index into "weights".
        layer: usize,
        /// The row.
        row: usize,
        /// Numbers given.
        found: usize,
        /// Neurons of the layer.
        neurons: usize,
    },
    /// `biases[layer]` without one number per neuron of layer + 1.
    BiasCount {
        /// The index into "biases".
        layer: usize,
        /// Numbers given.
        found: usize,
        /// Neurons of layer + 1.
        neurons: usize,
    },
    /// A loss that does not fit the output layer.
    LossDoesNotFit {
        /// The loss.
        loss: Loss,
        /// The output layer's activation.
        activation: Activation,
        /// The output layer's neurons.
        outputs: usize,
    },
    /// A learning rate that is not positive and finite.
    LearningRate {
        /// The rate found.
        value: f64,
    },
    /// A regularisation rate that is negative or not finite.
    RegularizationRate {
        /// The rate found.
        value: f64,
    },
    /// A weight or bias beyond ±[`PARAM_LIMIT`] (or not finite).
    ParamOutOfRange {
        /// Its place in the file: `weights[0][1][0]`, `biases[1][0]`.
        place: String,
        /// The value.
        value: f64,
    },
    /// "features" names a feature twice.
    DuplicateFeature {
        /// Its name in the file.
        name: &'static str,
    },
    /// "features" does not name one feature per input neuron.
    FeatureCount {
        /// Features named.
        features: usize,
        /// Neurons of the input layer.
        inputs: usize,
    },
    /// The output layer answers none of the lab's tasks: its activation (or size) fits none.
    OutputFitsNoTask {
        /// The output layer's activation.
        activation: Activation,
        /// The output layer's neurons.
        outputs: usize,
    },
    /// A number of "dataset" outside its range.
    DataOutOfRange {
        /// `noise`, `points` or `train_share`.
        field: &'static str,
        /// The value found.
        value: f64,
        /// The smallest allowed.
        lo: f64,
        /// The largest allowed.
        hi: f64,
    },
    /// A "batch_size" outside [`BATCH_SIZES`].
    BatchSize {
        /// The size found.
        found: usize,
    },
    /// The output layer answers another task than the dataset's: a classifier onto regression
    /// data, say.
    TaskDoesNotFit {
        /// The task the output layer answers.
        model: Task,
        /// The dataset: the file's own, or the lab's for a file that records none.
        dataset: DatasetKind,
        /// Whether the dataset is the file's own.
        in_file: bool,
    },
    /// A file that records no features, opened onto features that are not one per input.
    FeaturesDoNotFit {
        /// Neurons of the input layer.
        inputs: usize,
        /// The lab's features.
        features: Vec<Feature>,
    },
    /// The network cannot be built (not reached after the checks above).
    Shape(ShapeError),
    /// `trace`: not one x per input.
    InputCount {
        /// Values given.
        found: usize,
        /// The network's inputs.
        needed: usize,
    },
    /// `trace`: an x or y that is NaN or infinite.
    SampleNotFinite,
    /// `trace`: for softmax cross-entropy, y is not one class index.
    ClassIndex {
        /// The network's outputs (classes).
        outputs: usize,
    },
    /// `trace`: for cross-entropy, y is not between 0 and 1.
    TargetRange,
    /// `trace`: not one y per output.
    TargetCount {
        /// Values given.
        found: usize,
        /// The network's outputs.
        needed: usize,
    },
    /// `trace`: a result overflowed or is NaN, which JSON cannot hold.
    ResultNotFinite {
        /// Its place in the printed JSON (`forward[0].z[1]`).
        place: String,
        /// The value.
        value: f64,
    },
}

/// " (line 4, column 3)", or nothing when the place is unknown.
fn place_text(place: Option<Place>) -> String {
    place.map_or_else(String::new, |p| format!(" (line {}, column {})", p.line, p.column))
}

/// A number from the file, short whatever its size: 0.5, -1e308.
pub fn short_number(x: f64) -> String {
    if x == 0.0 || (1e-4..1e15).contains(&x.abs()) || !x.is_finite() {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ModelError::*;
        match self {
            NotJson { reason, place } => {
                write!(f, "the model file is not valid JSON: {reason}{}", place_text(*place))
            }
            NumberTooLarge { place } => write!(
                f,
                "a number in the model file is too large{}; every number must be finite",
                place_text(*place)
            ),
            NullNumber { place } => write!(
                f,
                "the model file has null where a number belongs{}; every number must be finite (JSON cannot hold NaN or infinity)",
                place_text(*place)
            ),
            WrongFields { reason, place } => write!(
                f,
                "the model file does not have the expected fields: {reason}{}",
                place_text(*place)
            ),
            NotAnObject => f.write_str("the model file must hold one JSON object, { … }"),
            NoFormat => write!(f, "the model file has no \"format\"; a model file says \"{FORMAT}\""),
            WrongFormat { found } => write!(f, "\"format\" is {found}; a model file says \"{FORMAT}\""),
            NoVersion => write!(f, "the model file has no \"version\"; this lab reads {}", versions_read()),
            UnsupportedVersion { found } => {
                write!(f, "version {found} is not supported; this lab reads {}", versions_read())
            }
            TooFewLayers => f.write_str("\"layers\" needs at least an input and an output layer"),
            InputNeurons { found } => write!(
                f,
                "the input layer has {found} neurons; it may have {} to {}",
                INPUTS.0, INPUTS.1
            ),
            TooManyHiddenLayers { found } => {
                write!(f, "{found} hidden layers; at most {MAX_HIDDEN_LAYERS} are allowed")
            }
            HiddenNeurons { layer, found } => write!(
                f,
                "hidden layer {layer} has {found} neurons; it may have {} to {}",
                HIDDEN_NEURONS.0, HIDDEN_NEURONS.1
            ),
            OutputNeurons { found } => write!(
                f,
                "the output layer has {found} neurons; it may have {} to {}",
                OUTPUTS.0, OUTPUTS.1
            ),
            ActivationCount { found, needed } => write!(
                f,
                "\"activations\" has {found} names; {needed} are needed, one per layer after the input"
            ),
            UnknownName { field, name } => {
                let valid: Vec<String> = field.valid_names().iter().map(|n| format!("\"{n}\"")).collect();
                write!(f, "{field} \"{name}\" is unknown; use one of {}", valid.join(", "))
            }
            LayerCount { field, found, needed } => write!(
                f,
                "\"{field}\" has {found} layers; {needed} are needed, one per layer after the input"
            ),
            WeightRows { layer, found, neurons } => write!(
                f,
                "weights[{layer}] has {found} rows; layer {} has {neurons} neurons",
                layer + 1
            ),
            WeightRow {
                layer,
                row,
                found,
                neurons,
            } => write!(
                f,
                "weights[{layer}][{row}] has {found} numbers; layer {layer} has {neurons} neurons"
            ),
            BiasCount { layer, found, neurons } => write!(
                f,
                "biases[{layer}] has {found} numbers; layer {} has {neurons} neurons",
                layer + 1
            ),
            LossDoesNotFit {
                loss,
                activation,
                outputs,
            } => write!(
                f,
                "loss \"{}\" does not fit an output layer of {outputs} \"{}\" neurons: \"bce\" needs one sigmoid output, \"softmax_ce\" a linear output of 2 to 4",
                loss.name(),
                activation.name()
            ),
            LearningRate { value } => write!(
                f,
                "\"learning_rate\" is {}; it must be a positive, finite number",
                short_number(*value)
            ),
            RegularizationRate { value } => write!(
                f,
                "\"regularization_rate\" is {}; it must be zero or a positive, finite number",
                short_number(*value)
            ),
            ParamOutOfRange { place, value } => write!(
                f,
                "{place} is {}; every weight and bias must be between -{PARAM_LIMIT} and {PARAM_LIMIT}",
                short_number(*value)
            ),
            DuplicateFeature { name } => write!(f, "\"features\" names \"{name}\" twice; each feature is one input"),
            FeatureCount { features, inputs } => write!(
                f,
                "\"features\" names {features} feature(s), but the input layer has {inputs} neuron(s); one feature per input"
            ),
            OutputFitsNoTask { activation, outputs } => write!(
                f,
                "the output activation \"{}\" ({outputs} neuron(s)) fits no task: two classes need one \"sigmoid\" output, 3 or 4 classes as many \"linear\" outputs, regression one \"linear\" output",
                activation.name()
            ),
            DataOutOfRange { field, value, lo, hi } => write!(
                f,
                "dataset.{field} is {}; it must be between {lo} and {hi}",
                short_number(*value)
            ),
            BatchSize { found } => write!(
                f,
                "\"batch_size\" is {found}; it must be from {} to {}",
                BATCH_SIZES.0, BATCH_SIZES.1
            ),
            TaskDoesNotFit {
                model,
                dataset,
                in_file,
            } => write!(
                f,
                "the task does not fit: the network's output answers {}, but {} dataset \"{}\" is {}",
                task_words(*model),
                if *in_file { "its" } else { "the lab's" },
                dataset.name(),
                task_words(dataset.task())
            ),
            FeaturesDoNotFit { inputs, features } => {
                let names: Vec<&str> = features.iter().map(|f| f.name()).collect();
                write!(
                    f,
                    "the features do not fit: the network has {inputs} input(s), but the lab gives it {} feature(s) ({}); the file does not say which features it learnt from, so choose {inputs} first",
                    features.len(),
                    names.join(", ")
                )
            }
            Shape(e) => write!(f, "{e}"),
            InputCount { found, needed } => {
                write!(f, "x has {found} value(s); this network has {needed} input(s)")
            }
            SampleNotFinite => f.write_str("x and y must be finite numbers"),
            ClassIndex { outputs } => write!(
                f,
                "y must be one class index from 0 to {} for softmax_ce",
                outputs.saturating_sub(1)
            ),
            TargetRange => f.write_str("y must be between 0 and 1 for bce"),
            TargetCount { found, needed } => {
                write!(f, "y has {found} value(s); this network has {needed} output(s)")
            }
            ResultNotFinite { place, value } => write!(
                f,
                "{place} is {}: the weights or x are too large for 64-bit numbers, so the trace has no finite result",
                if value.is_nan() { "not a number" } else { "infinite" }
            ),
        }
    }
}

impl std::error::Error for ModelError {}

/// A task in words: "two classes", "3 classes", "regression".
fn task_words(task: Task) -> String {
    match task {
        Task::Binary => "two classes".to_string(),
        Task::Classes(k) => format!("{k} classes"),
        Task::Regression => "regression (a number)".to_string(),
    }
}

/// "version 1" or "versions 1, 2".
fn versions_read() -> String {
    let list: Vec<String> = VERSIONS.iter().map(u64::to_string).collect();
    let word = if list.len() == 1 { "version" } else { "versions" };
    format!("{word} {}", list.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_listed_in_words() {
        assert_eq!(versions_read(), "version 1");
    }
}
