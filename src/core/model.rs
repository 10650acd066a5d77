//! The model file: a versioned JSON snapshot of a network (documented in `docs/model-format.md`),
//! checked once on import with a message naming the place of every problem, and the trace of one
//! sample that the `trace` command prints.
//!
//! In the file, `weights[l][j][i]` is the weight from neuron i of layer l to neuron j of layer
//! l + 1 (= [`Network::weight`]`(l, j, i)`) and `biases[l][j]` the bias of neuron j of layer l + 1
//! (= [`Network::bias`]`(l, j)`); layer 0 is the input.

use super::activation::Activation;
use super::loss::{Loss, Regularization};
use super::network::{Network, ShapeError};
use super::optimizer::OptimizerKind;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::fmt::{self, Write as _};

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

/// At most this many characters of a value from the file are quoted in a message, so that a
/// "format" of ten megabytes is refused in one short line.
pub const EXCERPT_CHARS: usize = 80;

/// A value from the file as a message quotes it: its first [`EXCERPT_CHARS`] characters, and
/// "…" when there were more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt(String);

/// A writer that keeps the first `left` characters and then refuses the rest.
struct Bounded {
    text: String,
    left: usize,
    cut: bool,
}

impl fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.left == 0 {
                self.cut = true;
                return Err(fmt::Error);
            }
            self.text.push(c);
            self.left -= 1;
        }
        Ok(())
    }
}

impl Excerpt {
    /// The excerpt of what `value` displays; a long value is never written out whole.
    pub fn of(value: impl fmt::Display) -> Excerpt {
        let mut out = Bounded {
            text: String::new(),
            left: EXCERPT_CHARS,
            cut: false,
        };
        // An error here is only `Bounded` stopping at the limit, which `cut` records.
        let _ = write!(out, "{value}");
        if out.cut {
            out.text.push('…');
        }
        Excerpt(out.text)
    }

    /// The quoted text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// serde_json's reason with the value it quotes (`"…"` or `` `…` ``) cut to an [`Excerpt`]:
/// "invalid type: string "xxxx…", expected usize" keeps what was expected.
fn bounded_reason(reason: &str) -> String {
    for quote in ['"', '`'] {
        if let (Some(start), Some(end)) = (reason.find(quote), reason.rfind(quote)) {
            if end > start {
                let inner = &reason[start + 1..end];
                return format!("{}{}{}", &reason[..=start], Excerpt::of(inner), &reason[end..]);
            }
        }
    }
    Excerpt::of(reason).0
}

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
}

impl NamedField {
    /// The names the field may hold, as the file writes them.
    pub fn valid_names(self) -> Vec<&'static str> {
        match self {
            NamedField::Activation(_) => Activation::ALL.map(Activation::name).to_vec(),
            NamedField::Loss => Loss::ALL.map(Loss::name).to_vec(),
            NamedField::Optimizer => OptimizerKind::ALL.map(OptimizerKind::name).to_vec(),
            NamedField::Regularization => Regularization::ALL.map(Regularization::name).to_vec(),
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

/// The text of a model file's bytes, as both the page and the `trace` command read it: UTF-8,
/// or UTF-16 (little- or big-endian) when a byte-order mark says so or, with no mark, when the
/// zero bytes of the first ASCII character do (JSON starts with one, RFC 4627 §3). A leading
/// byte-order mark is dropped; bytes that are no text become U+FFFD, so the JSON check names
/// the place.
pub fn decode(bytes: &[u8]) -> String {
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [a, 0, ..] if *a != 0 => utf16(bytes, u16::from_le_bytes),
        [0, b, ..] if *b != 0 => utf16(bytes, u16::from_be_bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// UTF-16 code units read from byte pairs by `unit`; an unpaired surrogate or an odd last
/// byte becomes U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match *pair {
        [a, b] => unit([a, b]),
        // A lone last byte is no UTF-16: an unpaired surrogate says so below.
        _ => 0xD800,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
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

/// The file as written: names are strings here, so that a bad one can be reported by place.
#[derive(Serialize, Deserialize)]
struct File {
    format: String,
    version: u64,
    layers: Vec<usize>,
    activations: Vec<String>,
    loss: String,
    weights: Vec<Vec<Vec<f64>>>,
    biases: Vec<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    learning_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    optimizer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regularization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    regularization_rate: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
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

/// "version 1" or "versions 1, 2".
fn versions_read() -> String {
    let list: Vec<String> = VERSIONS.iter().map(u64::to_string).collect();
    let word = if list.len() == 1 { "version" } else { "versions" };
    format!("{word} {}", list.join(", "))
}

/// A serde_json error as a [`ModelError`], with the line and column where it stopped.
fn json_error(e: &serde_json::Error) -> ModelError {
    let full = e.to_string();
    let (what, place) = if e.line() > 0 {
        let what = full.rfind(" at line ").map_or(full.as_str(), |k| &full[..k]);
        let place = Place {
            line: e.line(),
            column: e.column(),
        };
        (what, Some(place))
    } else {
        (full.as_str(), None)
    };
    if what == "number out of range" {
        ModelError::NumberTooLarge { place }
    } else if what.starts_with("invalid type: null") {
        ModelError::NullNumber { place }
    } else if e.is_syntax() || e.is_eof() {
        ModelError::NotJson {
            reason: bounded_reason(what),
            place,
        }
    } else {
        ModelError::WrongFields {
            reason: bounded_reason(what),
            place,
        }
    }
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

    /// The model as pretty-printed JSON, in the latest version of the format.
    pub fn to_json(&self) -> String {
        let s = self.settings;
        let file = File {
            format: FORMAT.to_string(),
            version: VERSIONS[VERSIONS.len() - 1],
            layers: self.layers.clone(),
            activations: self.activations.iter().map(|a| a.name().to_string()).collect(),
            loss: self.loss.name().to_string(),
            weights: self.weights.clone(),
            biases: self.biases.clone(),
            learning_rate: s.learning_rate,
            optimizer: s.optimizer.map(|o| o.name().to_string()),
            regularization: s.regularization.map(|r| r.name().to_string()),
            regularization_rate: s.regularization_rate,
            seed: s.seed,
        };
        // Strings, integers and floats only (a non-finite float is written as null): nothing fails.
        serde_json::to_string_pretty(&file).expect("a model file serialises")
    }

    /// Reads and checks a model file: JSON syntax, format, version, layer sizes, names, the
    /// shape of every weight and bias list, that the loss fits the output layer, and the
    /// optional settings. Fields it does not know are ignored.
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
        };
        settings.check()?;
        Ok(Model {
            layers: file.layers,
            activations,
            loss,
            weights: file.weights,
            biases: file.biases,
            settings,
        })
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

    #[test]
    fn json_errors_name_the_line_and_column_once() {
        let e = serde_json::from_str::<Value>("{\n  \"a\": @\n}").unwrap_err();
        let message = json_error(&e).to_string();
        assert!(message.starts_with("the model file is not valid JSON: "), "{message}");
        assert!(message.ends_with("expected value (line 2, column 8)"), "{message}");
        assert_eq!(message.matches("line").count(), 1, "{message}");
    }

    #[test]
    fn versions_are_listed_in_words() {
        assert_eq!(versions_read(), "version 1");
    }
}
