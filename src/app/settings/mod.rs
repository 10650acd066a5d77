//! Every setting a learner can change, declared once: its type (a field of [`Settings`]), its
//! default ([`Settings::default`]), its limits or menu values (the constants here) and its URL
//! key ([`table::TABLE`]); which parts of the page are shown is one of them ([`view`]). The menus, the sliders, the reducer's checks and the model file all
//! read them from here; limits the engine itself needs stay in `core` and are read from there.

pub mod link;
pub mod table;
pub mod view;

use crate::app::format::rate;
use crate::app::i18n::{Key, Lang};
use crate::core::data::{NOISE_RANGE, POINTS_RANGE, TRAIN_SHARE_RANGE};
use crate::core::model::{output_layer, HIDDEN_NEURONS, INPUTS, MAX_HIDDEN_LAYERS, PARAM_LIMIT};
use crate::core::{Activation, DataSettings, DatasetKind, Feature, Loss, OptimizerKind, Regularization, Task};

/// A number a setting may take: from `lo` to `hi`, both included. `name` is the label the
/// page gives the setting, so that a refusal can name it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The setting's label.
    pub name: Key,
    /// The smallest value allowed.
    pub lo: f64,
    /// The largest value allowed.
    pub hi: f64,
}

impl Limits {
    /// Whether `x` is a number within the limits (NaN is not).
    pub fn contains(self, x: f64) -> bool {
        x >= self.lo && x <= self.hi
    }

    /// `x` if it is within the limits, else the refusal that names the setting and its range.
    pub fn check(self, x: f64) -> Result<f64, Refusal> {
        if self.contains(x) {
            Ok(x)
        } else {
            Err(Refusal::OutOfLimits(self))
        }
    }

    /// A count within the limits, or the refusal.
    pub fn check_count(self, n: usize) -> Result<usize, Refusal> {
        self.check(n as f64).map(|_| n)
    }

    /// The nearest value within the limits (NaN gives the smallest).
    pub fn clamp(self, x: f64) -> f64 {
        if x.is_nan() {
            self.lo
        } else {
            x.clamp(self.lo, self.hi)
        }
    }
}

/// Why a setting was not changed.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// A value outside the setting's limits.
    OutOfLimits(Limits),
    /// A text that is no value of the setting (under this URL key).
    Unreadable {
        /// The setting's URL key.
        key: &'static str,
        /// What was given.
        text: String,
    },
    /// A key that is no setting's.
    UnknownKey(String),
}

impl Refusal {
    /// The sentence to show in `lang`: the setting's name and its range, or the key and text
    /// that could not be read.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Refusal::OutOfLimits(limits) => lang.out_of_limits(lang.t(limits.name), limits.lo, limits.hi),
            Refusal::Unreadable { key, text } => lang.unreadable_setting(key, text),
            Refusal::UnknownKey(key) => lang.unknown_setting(key),
        }
    }
}

/// Learning rates η accepted from the slider, the field or a file.
pub const LEARNING_RATE: Limits = Limits {
    name: Key::LearningRate,
    lo: 1e-6,
    hi: 10.0,
};
/// The part of [`LEARNING_RATE`] the logarithmic slider spans; a smaller rate can be typed.
pub const LEARNING_RATE_SLIDER: (f64, f64) = (1e-4, LEARNING_RATE.hi);
/// Regularisation rates λ accepted from the menu or a file.
pub const REGULARIZATION_RATE: Limits = Limits {
    name: Key::RegularizationRate,
    lo: 0.0,
    hi: 10.0,
};
/// Regularisation rates λ the menu offers (a rate from a file is added to them, see [`menu_with`]).
pub const REGULARIZATION_RATES: [f64; 9] = [0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
/// Mini-batch sizes accepted: one sample up to the most points a set can have.
pub const BATCH_SIZE: Limits = Limits {
    name: Key::BatchSize,
    lo: 1.0,
    hi: POINTS_RANGE.1 as f64,
};
/// Mini-batch sizes the menu offers.
pub const BATCH_SIZES: [usize; 8] = [1, 2, 5, 10, 20, 50, 100, 1000];
/// Noise of the generated points (the slider shows it in per cent).
pub const NOISE: Limits = Limits {
    name: Key::Noise,
    lo: NOISE_RANGE.0,
    hi: NOISE_RANGE.1,
};
/// The share of the points trained on (the slider shows it in per cent).
pub const TRAIN_SHARE: Limits = Limits {
    name: Key::TrainShare,
    lo: TRAIN_SHARE_RANGE.0,
    hi: TRAIN_SHARE_RANGE.1,
};
/// Points of a generated set, train and test together.
pub const POINTS: Limits = Limits {
    name: Key::Points,
    lo: POINTS_RANGE.0 as f64,
    hi: POINTS_RANGE.1 as f64,
};
/// Point counts the menu offers.
pub const POINT_COUNTS: [usize; 5] = [50, 100, 250, 500, 1000];
/// Input features the network may have at once.
pub const FEATURES: Limits = Limits {
    name: Key::Features,
    lo: INPUTS.0 as f64,
    hi: INPUTS.1 as f64,
};
/// Hidden layers the network may have.
pub const HIDDEN_LAYERS: Limits = Limits {
    name: Key::HiddenLayers,
    lo: 0.0,
    hi: MAX_HIDDEN_LAYERS as f64,
};
/// Neurons a hidden layer may have.
pub const NEURONS: Limits = Limits {
    name: Key::NeuronsPerLayer,
    lo: HIDDEN_NEURONS.0 as f64,
    hi: HIDDEN_NEURONS.1 as f64,
};
/// Training costs "stop below" accepts.
pub const STOP_BELOW: Limits = Limits {
    name: Key::StopBelow,
    lo: 1e-6,
    hi: 100.0,
};
/// The targets the "stop below" menu offers (besides "never").
pub const STOP_TARGETS: [f64; 7] = [0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01];
/// The speed "as fast as it can": as many steps a frame as fit in the frame's time budget, up to
/// this many (about what fits in 10 ms at the smallest network on a fast machine).
pub const FASTEST: usize = 10_000;
/// Training speeds while playing, slowest first: (mini-batch steps, every so many ticks). A tick
/// is one display frame, about 1/60 s.
pub const SPEEDS: [(usize, u64); 13] = [
    (1, 60),
    (1, 15),
    (1, 4),
    (1, 1),
    (2, 1),
    (5, 1),
    (10, 1),
    (20, 1),
    (50, 1),
    (100, 1),
    (200, 1),
    (500, 1),
    (FASTEST, 1),
];
/// The starting speed: two steps a frame.
pub const DEFAULT_SPEED: usize = 4;
/// Speeds accepted: an index into [`SPEEDS`].
pub const SPEED: Limits = Limits {
    name: Key::Speed,
    lo: 0.0,
    hi: (SPEEDS.len() - 1) as f64,
};
/// Values a weight may be given by typing it.
pub const WEIGHT: Limits = Limits {
    name: Key::WeightName,
    lo: -PARAM_LIMIT,
    hi: PARAM_LIMIT,
};
/// Neurons of the starting network's hidden layers.
pub const HIDDEN: [usize; 2] = [4, 2];
/// Activation of the starting network's hidden layers.
pub const HIDDEN_ACTIVATION: Activation = Activation::Tanh;

/// Every setting a learner can change. The data's seed also fixes the first weights and the
/// batch order, so a run can be reproduced. The trainer is configured from these; nothing else
/// keeps a copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Which dataset, how many points, noise, training share and seed.
    pub data: DataSettings,
    /// The inputs the network gets, computed from each point (x₁, x₂), in [`Feature::ALL`] order.
    pub features: Vec<Feature>,
    /// Neurons of each hidden layer.
    pub hidden: Vec<usize>,
    /// Activation of each hidden layer.
    pub activations: Vec<Activation>,
    /// Samples per mini-batch.
    pub batch_size: usize,
    /// Step size η of gradient descent.
    pub learning_rate: f64,
    /// The update rule.
    pub optimizer: OptimizerKind,
    /// The loss, if the learner chose one; used when it fits the task, else the task's own
    /// (see [`Settings::loss_in_use`]).
    pub loss: Option<Loss>,
    /// The penalty on large weights and its rate λ.
    pub regularization: (Regularization, f64),
    /// Stop once the training cost is below this.
    pub stop_below: Option<f64>,
    /// Stop once the training cost has stopped improving.
    pub stop_when_flat: bool,
    /// How fast training runs while playing (an index into [`SPEEDS`]).
    pub speed: usize,
    /// The language of the page.
    pub lang: Lang,
    /// The controls and panels hidden (classroom mode); none by default.
    pub hidden_parts: view::Parts,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data: DataSettings::default(),
            features: vec![Feature::X1, Feature::X2],
            hidden: HIDDEN.to_vec(),
            activations: vec![HIDDEN_ACTIVATION; HIDDEN.len()],
            batch_size: 10,
            learning_rate: 0.1,
            optimizer: OptimizerKind::Sgd,
            loss: None,
            regularization: (Regularization::None, 0.0),
            stop_below: None,
            stop_when_flat: false,
            speed: DEFAULT_SPEED,
            lang: Lang::default(),
            hidden_parts: view::Parts::NONE,
        }
    }
}

/// The output layer and loss a task needs: one sigmoid neuron with cross-entropy for two
/// classes, k linear neurons with softmax cross-entropy for k classes, one linear neuron with
/// squared error for regression.
pub fn output_for(task: Task) -> (usize, Activation, Loss) {
    let (outputs, activation) = output_layer(task);
    let loss = match task {
        Task::Binary => Loss::CrossEntropy,
        Task::Classes(_) => Loss::SoftmaxCrossEntropy,
        Task::Regression => Loss::SquaredError,
    };
    (outputs, activation, loss)
}

impl Settings {
    /// The loss the run minimises: the chosen one if it fits the task's output layer, else the
    /// task's own. The loss menu shows this one.
    pub fn loss_in_use(&self) -> Loss {
        let (outputs, activation, task_loss) = output_for(self.data.kind.task());
        self.loss.filter(|l| l.fits(activation, outputs)).unwrap_or(task_loss)
    }

    /// The losses that fit the task's output layer: the loss menu's values.
    pub fn losses(&self) -> Vec<Loss> {
        let (outputs, activation, _) = output_for(self.data.kind.task());
        Loss::ALL.into_iter().filter(|l| l.fits(activation, outputs)).collect()
    }

    /// The dataset in use.
    pub fn dataset(&self) -> DatasetKind {
        self.data.kind
    }

    /// Brings the data settings into their limits (the actions and the table never make others).
    pub fn clamped(mut self) -> Self {
        let d = &mut self.data;
        d.points = POINTS.clamp(d.points as f64) as usize;
        d.noise = NOISE.clamp(d.noise);
        d.train_fraction = TRAIN_SHARE.clamp(d.train_fraction);
        self.speed = self.speed.min(SPEEDS.len() - 1);
        self
    }
}

/// A menu's `values` with `current` among them: added in the menu's order (rising or falling)
/// if it is not one of them (a rate from a model file, say), so that the menu always shows the
/// value in use.
pub fn menu_with<T: Copy + PartialOrd>(values: &[T], current: T) -> Vec<T> {
    let mut all = values.to_vec();
    if !all.contains(&current) {
        let rising = values.windows(2).all(|w| w[0] <= w[1]);
        let after = |v: &T| if rising { *v > current } else { *v < current };
        let at = all.iter().position(after).unwrap_or(all.len());
        all.insert(at, current);
    }
    all
}

/// The regularisation rates λ the menu offers with their texts: [`REGULARIZATION_RATES`], and
/// the rate in use if it is not one of them (a rate from a model file), so that the menu shows it.
pub fn regularization_rate_menu(current: f64) -> Vec<(f64, String)> {
    menu_with(&REGULARIZATION_RATES, current)
        .into_iter()
        .map(|r| (r, if r == 0.0 { "0".into() } else { rate(r) }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_take_their_ends_and_refuse_the_rest_by_name() {
        assert_eq!(LEARNING_RATE.check(10.0), Ok(10.0));
        assert_eq!(LEARNING_RATE.check(1e-6), Ok(1e-6));
        for bad in [1e-7, 10.5, -1.0, 0.0, f64::NAN, f64::INFINITY] {
            assert_eq!(
                LEARNING_RATE.check(bad),
                Err(Refusal::OutOfLimits(LEARNING_RATE)),
                "{bad}"
            );
        }
        assert_eq!(WEIGHT.check(-1000.0), Ok(-1000.0));
        assert!(WEIGHT.check(1000.5).is_err());
        assert!(REGULARIZATION_RATE.check(1e300).is_err());
        assert_eq!(POINTS.check_count(1000), Ok(1000));
        assert!(POINTS.check_count(5).is_err());
    }

    #[test]
    fn the_menus_and_defaults_lie_within_their_limits() {
        let s = Settings::default();
        assert!(LEARNING_RATE.contains(s.learning_rate));
        assert!(BATCH_SIZE.contains(s.batch_size as f64) && BATCH_SIZES.contains(&s.batch_size));
        assert!(REGULARIZATION_RATES.iter().all(|&r| REGULARIZATION_RATE.contains(r)));
        assert!(BATCH_SIZES.iter().all(|&b| BATCH_SIZE.contains(b as f64)));
        assert!(POINT_COUNTS.iter().all(|&n| POINTS.contains(n as f64)));
        assert!(POINT_COUNTS.contains(&s.data.points));
        assert!(STOP_TARGETS.iter().all(|&t| STOP_BELOW.contains(t)));
        assert!(LEARNING_RATE.contains(LEARNING_RATE_SLIDER.0) && LEARNING_RATE.contains(LEARNING_RATE_SLIDER.1));
        assert!(NOISE.contains(s.data.noise) && TRAIN_SHARE.contains(s.data.train_fraction));
        assert!(s.hidden.iter().all(|&n| NEURONS.contains(n as f64)));
        assert!(HIDDEN_LAYERS.contains(s.hidden.len() as f64) && FEATURES.contains(s.features.len() as f64));
        assert!(s.speed < SPEEDS.len());
        assert_eq!(s.clone().clamped(), s, "the defaults need no clamping");
    }

    #[test]
    fn a_value_not_in_a_menu_is_added_in_order_so_that_it_shows() {
        assert_eq!(menu_with(&REGULARIZATION_RATES, 0.03), REGULARIZATION_RATES.to_vec());
        let rates = menu_with(&REGULARIZATION_RATES, 0.7);
        assert_eq!(rates.len(), REGULARIZATION_RATES.len() + 1);
        assert_eq!(rates.last(), Some(&0.7), "after 0.3, the largest on the menu");
        assert_eq!(menu_with(&BATCH_SIZES, 7), [1, 2, 5, 7, 10, 20, 50, 100, 1000]);
        assert_eq!(
            menu_with(&STOP_TARGETS, 0.4)[..3],
            [0.5, 0.4, 0.3],
            "a falling menu stays falling"
        );
    }

    #[test]
    fn the_loss_in_use_is_the_chosen_one_only_where_it_fits() {
        let mut s = Settings::default();
        assert_eq!(s.loss_in_use(), Loss::CrossEntropy, "two classes");
        s.loss = Some(Loss::SoftmaxCrossEntropy);
        assert_eq!(s.loss_in_use(), Loss::CrossEntropy, "softmax needs several outputs");
        assert!(!s.losses().contains(&Loss::SoftmaxCrossEntropy));
        s.data.kind = DatasetKind::Blobs;
        assert_eq!(s.loss_in_use(), Loss::SoftmaxCrossEntropy);
        s.loss = Some(Loss::SquaredError);
        assert_eq!(s.loss_in_use(), Loss::SquaredError);
    }

    #[test]
    fn a_refusal_names_the_setting_and_its_range_in_each_language() {
        let refusal = LEARNING_RATE.check(20.0).unwrap_err();
        let en = refusal.text(Lang::En);
        assert!(
            en.starts_with("Learning rate η must be between 0.000001 and 10"),
            "{en}"
        );
        let zh = refusal.text(Lang::ZhTw);
        assert!(
            zh.contains("學習率") && zh.contains("0.000001") && zh.contains("10"),
            "{zh}"
        );
        let weight = WEIGHT.check(5000.0).unwrap_err().text(Lang::En);
        assert!(weight.contains("-1000 and 1000"), "{weight}");
        let lambda = REGULARIZATION_RATE.check(-1.0).unwrap_err().text(Lang::ZhTw);
        assert!(lambda.contains("λ") && lambda.contains("0 到 10"), "{lambda}");
    }
}
