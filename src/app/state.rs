//! The app state: one lab (network, data, trainer, cost history) changed only by [`Action`]s.

use crate::app::explain::{weight_index, Focus, Inspection, Phase};
use crate::app::i18n::{Key, Lang};
use crate::core::data::POINTS_RANGE;
use crate::core::features::expand;
use crate::core::model::{HIDDEN_NEURONS, INPUTS, MAX_HIDDEN_LAYERS};
use crate::core::{
    Activation, Convergence, DataSettings, Dataset, DatasetKind, Feature, History, Init, Loss, Model, Network,
    OptimizerKind, Points, Regularization, Rng, RunSettings, SampleStep, StepReport, StopReason, Task, Trainer,
};
use std::rc::Rc;
use yew::Reducible;

/// Neurons of the starting network's hidden layers.
pub const HIDDEN: [usize; 2] = [4, 2];
/// Activation of the starting network's hidden layers.
pub const HIDDEN_ACTIVATION: Activation = Activation::Tanh;
/// Slowest and fastest learning rates the slider offers.
pub const LEARNING_RATE_RANGE: (f64, f64) = (1e-4, 10.0);
/// Training speeds while playing, slowest first: (mini-batch steps, every so many ticks). A tick
/// is one display frame, about 1/60 s.
pub const SPEEDS: [(usize, u64); 12] = [
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
];
/// The starting speed: two steps a frame.
pub const DEFAULT_SPEED: usize = 4;
/// Mini-batch sizes the menu offers.
pub const BATCH_SIZES: [usize; 8] = [1, 2, 5, 10, 20, 50, 100, 1000];
/// Regularisation rates λ the menu offers.
pub const REGULARIZATION_RATES: [f64; 9] = [0.0, 0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3];
/// Epochs without an improvement of at least [`FLAT_IMPROVEMENT`] after which "stop when it stops
/// improving" stops.
pub const FLAT_EPOCHS: usize = 20;
/// The smallest drop of the training cost that counts as an improvement.
pub const FLAT_IMPROVEMENT: f64 = 1e-4;
/// A training cost this many times the run's first counts as exploded: training pauses and the
/// steps that got there are taken back.
pub const EXPLODED: f64 = 10.0;
/// Cost points kept for the chart; older ones are thinned out beyond this.
pub const HISTORY_LIMIT: usize = 2000;
/// Snapshots of the weights kept for the training path on the loss surface; beyond this every
/// other one is dropped (see [`History`]).
pub const PATH_LIMIT: usize = 256;

/// Every setting a run starts from. The data's seed also fixes the first weights and the batch
/// order, so a run can be reproduced.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Which dataset, how many points, noise, training share and seed.
    pub data: DataSettings,
    /// The inputs the network gets, computed from each point (x₁, x₂).
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
    /// The loss, if the learner chose one that fits the task; otherwise the task's own.
    pub loss: Option<Loss>,
    /// The penalty on large weights and its rate λ.
    pub regularization: (Regularization, f64),
    /// Stop once the training cost is below this.
    pub stop_below: Option<f64>,
    /// Stop once the training cost has stopped improving.
    pub stop_when_flat: bool,
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
        }
    }
}

/// The output layer and loss a task needs: one sigmoid neuron with cross-entropy for two
/// classes, k linear neurons with softmax cross-entropy for k classes, one linear neuron with
/// squared error for regression.
pub fn output_for(task: Task) -> (usize, Activation, Loss) {
    match task {
        Task::Binary => (1, Activation::Sigmoid, Loss::CrossEntropy),
        Task::Classes(k) => (k, Activation::Linear, Loss::SoftmaxCrossEntropy),
        Task::Regression => (1, Activation::Linear, Loss::SquaredError),
    }
}

/// One point of the cost chart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostPoint {
    /// Epochs trained so far (fractional within an epoch).
    pub epoch: f64,
    /// Cost on the training set.
    pub train: f64,
    /// Cost on the test set.
    pub test: f64,
}

/// What the learner asks the lab to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Train on one mini-batch.
    Step,
    /// Train until the current epoch is complete.
    Epoch,
    /// One animation tick while playing: a few steps.
    Tick,
    /// Start or stop continuous training.
    TogglePlay,
    /// New weights from the same seed; the cost history starts again.
    Reset,
    /// Use this learning rate from the next step on.
    SetLearningRate(f64),
    /// Use this update rule from the next step on.
    SetOptimizer(OptimizerKind),
    /// Use mini-batches of this size from the next step on.
    SetBatchSize(usize),
    /// Minimise this loss from the next step on (if it fits the output layer).
    SetLoss(Loss),
    /// Use this penalty on large weights from the next step on.
    SetRegularization(Regularization),
    /// Use this rate λ of the penalty from the next step on.
    SetRegularizationRate(f64),
    /// Train at this speed while playing (an index into [`SPEEDS`]).
    SetSpeed(usize),
    /// Stop training once the cost is below this (or never). A new target takes away the message
    /// of a stop at the old one.
    StopBelow(Option<f64>),
    /// Stop training once the cost stops improving, or not. Switched off, it takes away the
    /// message of a stop it made.
    StopWhenFlat(bool),
    /// One more hidden layer (a copy of the last), new weights.
    AddLayer,
    /// One hidden layer fewer (the last), new weights.
    RemoveLayer,
    /// One more neuron in this hidden layer (0 = the first), new weights.
    AddNeuron(usize),
    /// One neuron fewer in this hidden layer, new weights.
    RemoveNeuron(usize),
    /// This activation for this hidden layer, new weights.
    SetActivation(usize, Activation),
    /// Give the network this input feature, or take it away; new weights.
    ToggleFeature(Feature),
    /// Generate the points with this noise (0–0.5).
    SetNoise(f64),
    /// Generate this many points.
    SetPoints(usize),
    /// Train on this share of the points (0.1–0.9), test on the rest.
    SetTrainShare(f64),
    /// New points from the next seed, new weights.
    Regenerate,
    /// Train on another dataset: new data and, since the output may change, new weights.
    SetDataset(DatasetKind),
    /// Show the page in this language (nothing else changes).
    SetLanguage(Lang),
    /// Walk through backpropagation for the chosen sample: show the next of the five phases.
    /// Reaching the update phase trains on that one sample.
    NextPhase,
    /// Leave the phase-by-phase walk.
    EndWalk,
    /// Light up the network for this training sample.
    PickSample(usize),
    /// Light up the network for the next training sample.
    NextSample,
    /// Show the numbers of this neuron or weight.
    Focus(Focus),
    /// Compare backprop's gradient with finite differences on the next mini-batch.
    GradientCheck,
    /// Put back the weights with the lowest training cost of this run (after a divergence, say).
    GoBack,
    /// Train the network of this model file (its text) from now on: its shape, activations,
    /// loss, weights and run settings. A file that cannot be read, or whose network does not fit
    /// the data, gets a message and changes nothing.
    LoadModel(Rc<str>),
    /// Give the weight from neuron `from` of `layer` to neuron `to` of the next layer this value,
    /// to see what it changes (a value that is not a finite number is refused with a message).
    SetWeight {
        /// The layer the weight starts from.
        layer: usize,
        /// The neuron it starts from.
        from: usize,
        /// The neuron of the next layer it feeds.
        to: usize,
        /// The new value.
        value: f64,
    },
    /// Use this weight as an axis of the loss surface: the last two picked are its axes
    /// (a neuron, or a weight that does not exist, is ignored).
    UseAsAxis(Focus),
    /// Close the message shown (nothing else changes).
    DismissMessage,
}

/// Something the page tells the learner, shown in the current language.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A learning rate was refused; the old one is kept.
    BadLearningRate,
    /// The cost exploded; training paused and the weights from before were kept.
    Diverged,
    /// Training stopped by itself, for this reason.
    Stopped(StopReason),
    /// A setting was out of its range and was not changed.
    OutOfRange,
    /// A typed weight was not a finite number; the old one is kept.
    BadWeight,
    /// A model file was refused, for this reason (in English, from the file's checker).
    BadModel(String),
    /// A model file's network does not fit the data: (its inputs and outputs, the data's).
    ModelDoesNotFit {
        /// The model's (inputs, outputs).
        model: (usize, usize),
        /// What the data needs: (inputs, outputs).
        data: (usize, usize),
    },
}

impl Notice {
    /// The text to show in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match *self {
            Notice::BadLearningRate => lang.t(Key::BadLearningRate).to_string(),
            Notice::Diverged => lang.t(Key::Diverged).to_string(),
            Notice::OutOfRange => lang.t(Key::OutOfRange).to_string(),
            Notice::BadWeight => lang.t(Key::BadWeight).to_string(),
            Notice::Stopped(reason) => lang.stopped(reason),
            Notice::BadModel(ref why) => format!("{}{}{why}", lang.t(Key::BadModel), lang.colon()),
            Notice::ModelDoesNotFit { model, data } => lang.model_does_not_fit(model, data),
        }
    }
}

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    /// Where this run started from.
    pub settings: Settings,
    /// The network, its loss and its learning rate.
    pub trainer: Trainer,
    /// Samples trained on.
    pub train: Rc<Dataset>,
    /// Samples held out to measure how well the network generalises.
    pub test: Rc<Dataset>,
    /// Cost after each step or tick, oldest first.
    pub history: Rc<Vec<CostPoint>>,
    /// The training sample whose forward pass lights up the network.
    pub sample: usize,
    /// Whether training runs continuously.
    pub playing: bool,
    /// What the last step did.
    pub last_step: Option<StepReport>,
    /// For classification, the share of training and of test points classified right.
    pub accuracy: Option<(f64, f64)>,
    /// A message for the learner (a refused setting, a diverging run), if any.
    pub message: Option<Notice>,
    /// The language of the page.
    pub lang: Lang,
    /// The phase shown while walking through backpropagation one phase at a time.
    pub phase: Option<Phase>,
    /// The walk's last update: the numbers of the step it took on the chosen sample.
    pub walk_step: Option<Rc<SampleStep>>,
    /// The neuron or weight whose numbers are written out.
    pub focus: Focus,
    /// Each change of the learning rate: (epochs trained when it changed, the new rate).
    pub rate_changes: Rc<Vec<(f64, f64)>>,
    /// The largest relative error between backprop and finite differences, once checked.
    pub gradient_check: Option<f64>,
    /// The training and test points as drawn on the plane, (x₁, x₂) each.
    pub plane: (Rc<Dataset>, Rc<Dataset>),
    /// How fast training runs while playing (an index into [`SPEEDS`]).
    pub speed: usize,
    /// Animation ticks seen while playing, for the slow speeds.
    ticks: u64,
    /// When to stop by itself, watched at the end of each epoch.
    convergence: Convergence,
    /// The loss of each sample of the mini-batch the next step trains on, with the current weights.
    pub batch_losses: Rc<Vec<f64>>,
    /// The weights with the lowest training cost seen in this run.
    pub best: Rc<Best>,
    /// The weights picked as axes of the loss surface (edges), at most two, oldest first.
    pub axes: Vec<Focus>,
    /// The weights after each recorded step or tick of this run, for the training path on the loss
    /// surface. Its snapshots are numbered by recording, not by training step: [`History`] thins
    /// evenly only when consecutive numbers are recorded, and a tick may take many steps.
    pub path: Rc<History>,
    /// Recordings of the path so far.
    recordings: u64,
}

/// The weights with the lowest training cost of a run, to go back to.
#[derive(Clone, Debug, PartialEq)]
pub struct Best {
    /// Steps taken when they were seen.
    pub step: u64,
    /// Their training cost.
    pub cost: f64,
    /// Every weight then every bias.
    pub params: Vec<f64>,
}

impl Default for Lab {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

impl Lab {
    /// A fresh lab: data drawn and weights initialised from the data's seed. Settings out of
    /// range are brought into it (the actions never make such settings).
    pub fn new(mut settings: Settings) -> Self {
        settings.data.points = settings.data.points.clamp(POINTS_RANGE.0, POINTS_RANGE.1);
        settings.data.noise = settings.data.noise.clamp(0.0, 0.5);
        settings.data.train_fraction = settings.data.train_fraction.clamp(0.1, 0.9);
        let data = &settings.data;
        let mut rng = Rng::new(data.seed);
        let all = Points::generate(data.kind, data.points, data.noise, &mut rng);
        let (train, test) = all.split(data.train_fraction, &mut rng);
        let (outputs, out_act, task_loss) = output_for(data.kind.task());
        let loss = settings.loss.filter(|l| l.fits(out_act, outputs)).unwrap_or(task_loss);
        let mut sizes = vec![settings.features.len()];
        sizes.extend(&settings.hidden);
        sizes.push(outputs);
        let mut acts = settings.activations.clone();
        acts.push(out_act);
        let network = Network::new(&sizes, &acts, Init::Xavier, &mut rng).expect("the actions keep the shape valid");
        let focus = Focus::output(&network);
        let mut trainer = Trainer::new(network, loss, settings.learning_rate, settings.batch_size, rng)
            .expect("the actions keep the settings valid");
        trainer.set_optimizer(settings.optimizer);
        let (reg, rate) = settings.regularization;
        trainer
            .set_regularization(reg, rate)
            .expect("the actions keep the rate valid");
        let convergence = Convergence::new(
            settings.stop_below,
            settings.stop_when_flat.then_some((FLAT_EPOCHS, FLAT_IMPROVEMENT)),
        );
        let (train, test) = (train.to_dataset(), test.to_dataset());
        let mut lab = Self {
            trainer,
            train: Rc::new(expand(&train, &settings.features)),
            test: Rc::new(expand(&test, &settings.features)),
            plane: (Rc::new(train), Rc::new(test)),
            speed: DEFAULT_SPEED,
            ticks: 0,
            convergence,
            batch_losses: Rc::new(Vec::new()),
            best: Rc::new(Best {
                step: 0,
                cost: f64::INFINITY,
                params: Vec::new(),
            }),
            settings,
            history: Rc::new(Vec::new()),
            sample: 0,
            playing: false,
            last_step: None,
            accuracy: None,
            message: None,
            lang: Lang::default(),
            phase: None,
            walk_step: None,
            focus,
            rate_changes: Rc::new(Vec::new()),
            gradient_check: None,
            axes: Vec::new(),
            path: Rc::new(History::new(1, PATH_LIMIT)),
            recordings: 0,
        };
        lab.record_cost();
        lab
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        // Training by mini-batches ends the phase-by-phase walk: its numbers would be stale.
        if matches!(
            action,
            Action::Step | Action::Epoch | Action::TogglePlay | Action::Reset | Action::SetDataset(_)
        ) {
            self.end_walk();
        }
        match action {
            Action::Step => {
                self.train_steps(1);
            }
            Action::Epoch => {
                let steps_left = self.train.len().div_ceil(self.trainer.batch_size());
                self.train_epoch(steps_left);
            }
            Action::Tick => {
                if self.playing {
                    self.ticks += 1;
                    let (steps, every) = SPEEDS[self.speed];
                    if self.ticks.is_multiple_of(every) {
                        self.train_steps(steps);
                    }
                }
            }
            Action::TogglePlay => self.playing = !self.playing,
            Action::Reset => self.restart(),
            Action::SetLearningRate(rate) => {
                self.set_learning_rate(rate);
                self.settings.learning_rate = self.trainer.learning_rate();
            }
            Action::SetLanguage(lang) => self.lang = lang,
            Action::SetDataset(kind) => {
                self.settings.data.kind = kind;
                self.restart();
            }
            Action::NextPhase => self.next_phase(),
            Action::EndWalk => self.end_walk(),
            Action::PickSample(i) => self.pick(i),
            Action::NextSample => self.pick((self.sample + 1) % self.train.len().max(1)),
            Action::Focus(focus) => {
                if focus.fits(self.trainer.network()) {
                    self.focus = focus;
                }
            }
            Action::GradientCheck => {
                // On the next mini-batch: every weight costs two forward passes of the set, which
                // over the whole training set would hold a big network's page for seconds.
                let batch = self.trainer.next_batch(&self.train).to_vec();
                let outputs = self.train.target(0).len();
                let mut samples = Dataset::new(self.train.dim(), outputs);
                for &i in &batch {
                    samples.push(self.train.input(i), self.train.target(i));
                }
                self.gradient_check = Some(self.trainer.gradient_check(&samples).largest_relative_error);
            }
            Action::LoadModel(text) => self.load_model(&text),
            Action::DismissMessage => self.message = None,
            Action::GoBack => {
                if self.best.params.len() == self.trainer.network().params().len() {
                    let best = self.best.clone();
                    self.trainer.network_mut().params_mut().copy_from_slice(&best.params);
                    self.message = None;
                    self.end_walk();
                    self.record_cost();
                }
            }
            Action::SetWeight { layer, from, to, value } => {
                let edge = Focus::Edge { layer, from, to };
                if !edge.fits(self.trainer.network()) {
                    return;
                }
                if !value.is_finite() {
                    self.message = Some(Notice::BadWeight);
                    return;
                }
                let k = weight_index(self.trainer.network(), layer, from, to);
                self.trainer.network_mut().params_mut()[k] = value;
                self.message = None;
                // The walk's numbers were for the old weight: it goes on from the forward pass.
                if self.phase.is_some() {
                    self.phase = Some(Phase::Forward);
                    self.walk_step = None;
                }
                self.refresh();
            }
            Action::UseAsAxis(focus) => {
                if matches!(focus, Focus::Edge { .. })
                    && focus.fits(self.trainer.network())
                    && self.axes.last() != Some(&focus)
                {
                    self.axes.retain(|&f| f != focus);
                    self.axes.push(focus);
                    if self.axes.len() > 2 {
                        self.axes.remove(0);
                    }
                }
            }
            Action::SetOptimizer(kind) => {
                self.trainer.set_optimizer(kind);
                self.settings.optimizer = kind;
            }
            Action::SetBatchSize(size) => {
                if self.trainer.set_batch_size(size).is_ok() {
                    self.settings.batch_size = size;
                } else {
                    self.message = Some(Notice::OutOfRange);
                }
            }
            Action::SetLoss(loss) => {
                if self.trainer.set_loss(loss).is_ok() {
                    self.settings.loss = Some(loss);
                    self.refresh();
                } else {
                    self.message = Some(Notice::OutOfRange);
                }
            }
            Action::SetRegularization(kind) => self.set_regularization(kind, self.settings.regularization.1),
            Action::SetRegularizationRate(rate) => self.set_regularization(self.settings.regularization.0, rate),
            Action::SetSpeed(speed) => self.speed = speed.min(SPEEDS.len() - 1),
            Action::StopBelow(target) => {
                let target = target.filter(|t| t.is_finite() && *t > 0.0);
                // "Stopped: below the target" no longer holds once the target changes or goes.
                if target != self.settings.stop_below
                    && matches!(self.message, Some(Notice::Stopped(StopReason::TargetReached { .. })))
                {
                    self.message = None;
                }
                self.settings.stop_below = target;
                self.convergence.target = self.settings.stop_below;
            }
            Action::StopWhenFlat(on) => {
                // Nor "Stopped: it stopped improving" once that rule is switched off.
                if !on && matches!(self.message, Some(Notice::Stopped(StopReason::StoppedImproving { .. }))) {
                    self.message = None;
                }
                self.settings.stop_when_flat = on;
                self.convergence =
                    Convergence::new(self.settings.stop_below, on.then_some((FLAT_EPOCHS, FLAT_IMPROVEMENT)));
            }
            Action::AddLayer => {
                let hidden = &mut self.settings.hidden;
                if hidden.len() < MAX_HIDDEN_LAYERS {
                    hidden.push(hidden.last().copied().unwrap_or(4));
                    let activation = self.settings.activations.last().copied().unwrap_or(HIDDEN_ACTIVATION);
                    self.settings.activations.push(activation);
                    self.rebuild();
                }
            }
            Action::RemoveLayer => {
                if self.settings.hidden.pop().is_some() {
                    self.settings.activations.pop();
                    self.rebuild();
                }
            }
            Action::AddNeuron(layer) => self.resize(layer, 1),
            Action::RemoveNeuron(layer) => self.resize(layer, -1),
            Action::SetActivation(layer, activation) => {
                if let Some(a) = self.settings.activations.get_mut(layer) {
                    *a = activation;
                    self.rebuild();
                }
            }
            Action::ToggleFeature(feature) => {
                let features = &mut self.settings.features;
                match features.iter().position(|&f| f == feature) {
                    Some(k) if features.len() > INPUTS.0 => {
                        features.remove(k);
                    }
                    None if features.len() < INPUTS.1 => {
                        // Kept in the menu's order, whatever the order of the clicks.
                        features.push(feature);
                        features.sort_by_key(|f| Feature::ALL.iter().position(|g| g == f));
                    }
                    _ => return,
                }
                self.rebuild();
            }
            Action::SetNoise(noise) => {
                if (0.0..=0.5).contains(&noise) {
                    self.settings.data.noise = noise;
                    self.rebuild();
                }
            }
            Action::SetPoints(points) => {
                if (POINTS_RANGE.0..=POINTS_RANGE.1).contains(&points) {
                    self.settings.data.points = points;
                    self.rebuild();
                }
            }
            Action::SetTrainShare(share) => {
                if (0.1..=0.9).contains(&share) {
                    self.settings.data.train_fraction = share;
                    self.rebuild();
                }
            }
            Action::Regenerate => {
                self.settings.data.seed = self.settings.data.seed.wrapping_add(1);
                self.rebuild();
            }
        }
    }

    /// A new run with the network of a model file: shape, activations, loss and run settings
    /// from the file, then its weights. The data and the input features stay.
    fn load_model(&mut self, text: &str) {
        let model = match Model::from_json(text) {
            Ok(model) => model,
            Err(e) => {
                self.message = Some(Notice::BadModel(e.to_string()));
                return;
            }
        };
        let layers = model.layers();
        let (outputs, out_act, _) = output_for(self.settings.data.kind.task());
        let model_io = (layers[0], layers[layers.len() - 1]);
        let data_io = (self.settings.features.len(), outputs);
        let acts = model.activations();
        if model_io != data_io || acts[acts.len() - 1] != out_act {
            self.message = Some(Notice::ModelDoesNotFit {
                model: model_io,
                data: data_io,
            });
            return;
        }
        let network = match model.network() {
            Ok(network) => network,
            Err(e) => {
                self.message = Some(Notice::BadModel(e.to_string()));
                return;
            }
        };
        let run = model.settings();
        self.settings.hidden = layers[1..layers.len() - 1].to_vec();
        self.settings.activations = acts[..acts.len() - 1].to_vec();
        self.settings.loss = Some(model.loss());
        self.settings.learning_rate = run.learning_rate.unwrap_or(self.settings.learning_rate);
        self.settings.optimizer = run.optimizer.unwrap_or(self.settings.optimizer);
        if let (Some(kind), Some(rate)) = (run.regularization, run.regularization_rate) {
            self.settings.regularization = (kind, rate);
        }
        self.rebuild();
        *self.trainer.network_mut() = network;
        Rc::make_mut(&mut self.history).clear();
        self.path = Rc::new(History::new(1, PATH_LIMIT));
        self.recordings = 0;
        self.best = Rc::new(Best {
            step: 0,
            cost: f64::INFINITY,
            params: Vec::new(),
        });
        self.record_cost();
    }

    fn set_regularization(&mut self, kind: Regularization, rate: f64) {
        if self.trainer.set_regularization(kind, rate).is_ok() {
            self.settings.regularization = (kind, rate);
        } else {
            self.message = Some(Notice::OutOfRange);
        }
    }

    /// Adds `by` neurons to hidden layer `layer`, within the lab's limits.
    fn resize(&mut self, layer: usize, by: isize) {
        let Some(n) = self.settings.hidden.get_mut(layer) else {
            return;
        };
        let (lo, hi) = HIDDEN_NEURONS;
        let wanted = n.saturating_add_signed(by);
        if (lo..=hi).contains(&wanted) && wanted != *n {
            *n = wanted;
            self.rebuild();
        }
    }

    /// A new run after a change of shape or data: new weights, the walk and the chart start again.
    fn rebuild(&mut self) {
        self.end_walk();
        self.restart();
    }

    /// The cost and accuracy again after a change that alters them without a step (the loss).
    fn refresh(&mut self) {
        Rc::make_mut(&mut self.history).pop();
        self.record_cost();
    }

    fn set_learning_rate(&mut self, rate: f64) {
        let old = self.trainer.learning_rate();
        self.message = self
            .trainer
            .set_learning_rate(rate)
            .err()
            .map(|_| Notice::BadLearningRate);
        let new = self.trainer.learning_rate();
        if new != old {
            // A slider drag is one change on the chart: the rate set at the same point replaces.
            let epoch = self.trainer.epoch_progress();
            let changes = Rc::make_mut(&mut self.rate_changes);
            match changes.last_mut() {
                Some(last) if last.0 == epoch => last.1 = new,
                _ => changes.push((epoch, new)),
            }
        }
    }

    /// Chooses the training sample that lights up the network; a walk restarts at the forward pass.
    fn pick(&mut self, sample: usize) {
        if sample >= self.train.len() {
            return;
        }
        self.sample = sample;
        if self.phase.is_some() {
            self.phase = Some(Phase::Forward);
            self.walk_step = None;
        }
    }

    fn end_walk(&mut self) {
        self.phase = None;
        self.walk_step = None;
    }

    /// The next phase of the walk. Entering it pauses training; the update trains on the chosen
    /// sample alone, and a diverging update keeps the walk before it with the notice.
    fn next_phase(&mut self) {
        self.playing = false;
        self.phase = Some(match self.phase {
            None => Phase::Initialise,
            Some(Phase::Backward) => {
                let (x, t) = (self.train.input(self.sample), self.train.target(self.sample));
                let step = self.trainer.sample_step(x, t);
                self.last_step = Some(step.report);
                if step.report.diverged {
                    self.message = Some(Notice::Diverged);
                    return;
                }
                self.walk_step = Some(Rc::new(step));
                self.record_cost();
                Phase::Update
            }
            Some(phase) => {
                self.walk_step = None;
                phase.next()
            }
        });
    }

    /// The chosen sample's forward and backward pass as the page shows it: during the walk's
    /// update phase, the numbers the update used; otherwise with the current weights.
    pub fn inspection(&self) -> Inspection {
        let (x, t) = (self.train.input(self.sample), self.train.target(self.sample));
        match (&self.walk_step, self.phase) {
            (Some(step), Some(Phase::Update)) => Inspection::of_step(step, x, t),
            _ => Inspection::new(self.trainer.network(), self.trainer.loss(), x, t),
        }
    }

    /// The chosen sample's right answer as one number: its class for several classes, otherwise
    /// its target (0 or 1 for two classes). The `trace` command's `--y` takes the same.
    pub fn answer(&self) -> f64 {
        let t = self.train.target(self.sample);
        match self.settings.data.kind.task() {
            Task::Classes(_) => t.iter().position(|&v| v == 1.0).unwrap_or(0) as f64,
            Task::Binary | Task::Regression => t[0],
        }
    }

    /// The network and its run's settings as a model file.
    pub fn model_json(&self) -> String {
        let settings = RunSettings {
            learning_rate: Some(self.trainer.learning_rate()),
            optimizer: Some(self.trainer.optimizer().kind()),
            regularization: Some(self.trainer.regularization().0),
            regularization_rate: Some(self.trainer.regularization().1),
            seed: Some(self.settings.data.seed),
        };
        let model = Model::from_network(self.trainer.network(), self.trainer.loss());
        // The trainer only holds rates the file accepts; should one not pass, the weights still do.
        model.clone().with_settings(settings).unwrap_or(model).to_json()
    }

    /// A new run from the settings, keeping the play state, speed, language and the picked axes
    /// that still exist.
    fn restart(&mut self) {
        let (playing, lang, speed) = (self.playing, self.lang, self.speed);
        let axes = std::mem::take(&mut self.axes);
        *self = Lab::new(self.settings.clone());
        self.playing = playing;
        self.lang = lang;
        self.speed = speed;
        self.axes = axes.into_iter().filter(|f| f.fits(self.trainer.network())).collect();
    }

    /// The latest cost point.
    pub fn latest_cost(&self) -> Option<CostPoint> {
        self.history.last().copied()
    }

    /// Steps until an epoch finishes (at most `limit`), as one action for the chart and checks.
    fn train_epoch(&mut self, limit: usize) {
        let epoch = self.trainer.epochs();
        let mut taken = 0;
        while self.trainer.epochs() == epoch && taken < limit {
            taken += 1;
            if !self.train_steps(1) {
                break;
            }
        }
    }

    /// Takes up to `n` steps; false if training halted: it diverged, or a stop rule was met.
    fn train_steps(&mut self, n: usize) -> bool {
        let before = self.trainer.clone();
        let path_before = self.path.clone();
        let mut diverged = false;
        let watching = self.convergence.target.is_some() || self.convergence.patience.is_some();
        for _ in 0..n {
            let report = self.trainer.step(&self.train);
            self.last_step = Some(report);
            if report.diverged {
                diverged = true;
                break;
            }
            if watching && report.epoch_finished {
                let cost = self.trainer.cost(&self.train);
                if let Some(reason) = self.convergence.observe(cost) {
                    self.record_cost();
                    self.playing = false;
                    self.message = Some(Notice::Stopped(reason));
                    return false;
                }
            }
        }
        let start = self.history.first().map_or(f64::INFINITY, |c| c.train);
        self.record_cost();
        let now = self.latest_cost().map_or(f64::NAN, |c| c.train);
        // The engine catches non-finite costs; the page also calls a cost that has grown to
        // EXPLODED times the run's first one an explosion, and takes those steps back.
        let exploded = now.is_nan() || now > EXPLODED * start;
        if !diverged && exploded {
            self.trainer = before;
            self.path = path_before;
            Rc::make_mut(&mut self.history).pop();
            diverged = true;
        }
        if diverged {
            self.playing = false;
            self.message = Some(Notice::Diverged);
        }
        !diverged
    }

    fn record_cost(&mut self) {
        let batch = self.trainer.next_batch(&self.train).to_vec();
        let network = self.trainer.network();
        let mut trace = network.new_trace();
        let losses = batch.iter().map(|&i| {
            network.forward(self.train.input(i), &mut trace);
            network.loss(&trace, self.train.target(i), self.trainer.loss())
        });
        self.batch_losses = Rc::new(losses.collect());
        // One forward pass of each set gives both its cost and its accuracy.
        let (train, train_accuracy) = self.trainer.evaluate(&self.train);
        let (test, test_accuracy) = self.trainer.evaluate(&self.test);
        if train < self.best.cost {
            self.best = Rc::new(Best {
                step: self.trainer.steps(),
                cost: train,
                params: self.trainer.network().params().to_vec(),
            });
        }
        Rc::make_mut(&mut self.path).record(self.recordings, train, self.trainer.network().params());
        self.recordings += 1;
        let point = CostPoint {
            epoch: self.trainer.epoch_progress(),
            train,
            test,
        };
        if self.settings.data.kind.task() != Task::Regression {
            self.accuracy = Some((train_accuracy, test_accuracy));
        }
        let history = Rc::make_mut(&mut self.history);
        history.push(point);
        if history.len() > HISTORY_LIMIT {
            // Keep the first point and every other one after it: the curve keeps its shape.
            let mut k = 0;
            history.retain(|_| {
                k += 1;
                k % 2 == 1
            });
        }
    }
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut lab = Rc::unwrap_or_clone(self);
        lab.apply(action);
        Rc::new(lab)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_can_be_dismissed_and_the_run_is_kept() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        lab.apply(Action::SetLearningRate(f64::NAN));
        assert_eq!(lab.message, Some(Notice::BadLearningRate));
        let weights = lab.trainer.network().weights().to_vec();
        lab.apply(Action::DismissMessage);
        assert_eq!(lab.message, None);
        assert_eq!(lab.trainer.network().weights(), &weights[..]);
        assert_eq!(lab.trainer.steps(), 1);
    }

    #[test]
    fn step_trains_one_batch_and_records_the_cost() {
        let mut lab = Lab::default();
        let weights = lab.trainer.network().weights().to_vec();
        assert_eq!(lab.history.len(), 1);
        lab.apply(Action::Step);
        assert_eq!(lab.trainer.steps(), 1);
        assert_ne!(lab.trainer.network().weights(), &weights[..]);
        assert_eq!(lab.history.len(), 2);
        assert!((lab.history[1].epoch - 10.0 / 200.0).abs() < 1e-12);
    }

    #[test]
    fn epoch_trains_until_the_epoch_is_complete() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        lab.apply(Action::Epoch);
        assert_eq!(
            (lab.trainer.epochs(), lab.trainer.steps()),
            (1, 20),
            "200 samples in batches of 10"
        );
        lab.apply(Action::Epoch);
        assert_eq!((lab.trainer.epochs(), lab.trainer.steps()), (2, 40));
    }

    #[test]
    fn ticks_train_only_while_playing() {
        let mut lab = Lab::default();
        lab.apply(Action::Tick);
        assert_eq!(lab.trainer.steps(), 0);
        lab.apply(Action::TogglePlay);
        lab.apply(Action::Tick);
        assert_eq!(lab.trainer.steps(), SPEEDS[DEFAULT_SPEED].0 as u64);
    }

    #[test]
    fn the_learning_rate_changes_the_very_next_step() {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.5));
        lab.apply(Action::Step);
        assert_eq!(lab.last_step.unwrap().learning_rate, 0.5);
        lab.apply(Action::SetLearningRate(0.001));
        lab.apply(Action::Step);
        assert_eq!(lab.last_step.unwrap().learning_rate, 0.001);
    }

    #[test]
    fn a_bad_learning_rate_is_refused_with_a_message_and_the_old_one_kept() {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(f64::NAN));
        assert_eq!(lab.trainer.learning_rate(), 0.1);
        assert_eq!(lab.message, Some(Notice::BadLearningRate));
        lab.apply(Action::SetLearningRate(0.2));
        assert_eq!(
            (lab.message.clone(), lab.trainer.learning_rate()),
            (None, 0.2),
            "a good rate clears the message"
        );
    }

    #[test]
    fn switching_language_changes_nothing_else() {
        let mut lab = Lab::default();
        for _ in 0..3 {
            lab.apply(Action::Step);
        }
        let before = lab.clone();
        lab.apply(Action::SetLanguage(Lang::ZhTw));
        assert_eq!(lab.lang, Lang::ZhTw);
        assert_eq!(
            Lab {
                lang: Lang::En,
                ..lab.clone()
            },
            before
        );
        lab.apply(Action::Reset);
        assert_eq!(lab.lang, Lang::ZhTw, "reset keeps the language");
    }

    #[test]
    fn reset_gives_the_first_weights_again_and_keeps_the_rate() {
        let first = Lab::default();
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.3));
        for _ in 0..5 {
            lab.apply(Action::Step);
        }
        lab.apply(Action::Reset);
        assert_eq!(lab.trainer.network(), first.trainer.network());
        assert_eq!(lab.trainer.steps(), 0);
        assert_eq!(lab.history.len(), 1);
        assert_eq!(lab.trainer.learning_rate(), 0.3);
    }

    #[test]
    fn the_largest_learning_rate_never_puts_a_nan_on_screen() {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(LEARNING_RATE_RANGE.1));
        lab.apply(Action::TogglePlay);
        for _ in 0..500 {
            lab.apply(Action::Tick);
        }
        assert!(lab.trainer.network().params().iter().all(|p| p.is_finite()));
        assert!(lab.history.iter().all(|c| c.train.is_finite() && c.test.is_finite()));
        assert!(lab.inspection().trace.a.iter().all(|a| a.is_finite()));
    }

    #[test]
    fn every_dataset_gets_the_output_its_task_needs_and_trains() {
        for kind in DatasetKind::ALL {
            let mut lab = Lab::default();
            lab.apply(Action::SetLearningRate(0.05));
            lab.apply(Action::SetDataset(kind));
            let (outputs, act, loss) = output_for(kind.task());
            let net = lab.trainer.network();
            assert_eq!(net.sizes(), [2, 4, 2, outputs], "{kind:?}");
            assert_eq!((net.activations()[2], lab.trainer.loss()), (act, loss), "{kind:?}");
            assert_eq!(lab.trainer.learning_rate(), 0.05, "{kind:?}: the rate is kept");
            let start = lab.history[0].train;
            for _ in 0..200 {
                lab.apply(Action::Step);
            }
            let end = lab.latest_cost().unwrap().train;
            assert!(end < start, "{kind:?}: {start} → {end}");
        }
    }

    #[test]
    fn accuracy_is_shown_for_classification_and_grows_with_training() {
        let mut lab = Lab::default();
        let (start, _) = lab.accuracy.unwrap();
        lab.apply(Action::SetLearningRate(0.3));
        for _ in 0..600 {
            lab.apply(Action::Step);
        }
        let (train, test) = lab.accuracy.unwrap();
        assert!(
            train > start && train > 0.8 && test > 0.8,
            "{start} → {train}, test {test}"
        );
        lab.apply(Action::SetDataset(DatasetKind::Plane));
        assert_eq!(lab.accuracy, None, "no accuracy for regression");
    }

    #[test]
    fn a_far_too_large_rate_pauses_with_a_notice_and_takes_the_steps_back() {
        // At η = 10 on the spiral the cost climbs from about 0.7 past 10 within a few hundred steps.
        let mut lab = Lab::default();
        lab.apply(Action::SetDataset(DatasetKind::Spiral));
        lab.apply(Action::SetLearningRate(10.0));
        lab.apply(Action::TogglePlay);
        let start = lab.history[0].train;
        for _ in 0..300 {
            let before = lab.trainer.clone();
            lab.apply(Action::Tick);
            if lab.message.is_some() {
                assert_eq!(lab.trainer, before, "the exploding steps are taken back");
                break;
            }
        }
        assert_eq!(lab.message, Some(Notice::Diverged));
        assert!(!lab.playing, "training paused");
        assert!(lab
            .history
            .iter()
            .all(|c| c.train <= EXPLODED * start && c.test.is_finite()));
        assert!(lab.trainer.network().params().iter().all(|p| p.is_finite()));
    }

    #[test]
    fn the_article_example_is_the_first_dataset() {
        let lab = Lab::default();
        assert_eq!(lab.settings.data.kind, DatasetKind::CatsDogs);
        assert_eq!((lab.train.len(), lab.test.len()), (200, 50));
    }

    #[test]
    fn history_stays_bounded() {
        let mut lab = Lab::default();
        for _ in 0..(HISTORY_LIMIT + 50) {
            lab.apply(Action::Step);
        }
        assert!(lab.history.len() <= HISTORY_LIMIT);
        assert_eq!(lab.history[0].epoch, 0.0);
        assert!(lab.history.windows(2).all(|w| w[0].epoch < w[1].epoch));
    }

    #[test]
    fn the_walk_goes_through_the_five_phases_and_its_update_trains_on_the_sample() {
        let mut lab = Lab::default();
        lab.apply(Action::PickSample(3));
        lab.apply(Action::TogglePlay);
        let mut phases = Vec::new();
        for _ in 0..4 {
            lab.apply(Action::NextPhase);
            phases.push(lab.phase.unwrap());
        }
        assert_eq!(
            phases,
            [Phase::Initialise, Phase::Forward, Phase::Loss, Phase::Backward]
        );
        assert!(!lab.playing, "the walk pauses training");
        assert_eq!(lab.trainer.steps(), 0, "showing a phase changes no weight");
        let before = lab.inspection();
        let weights = lab.trainer.network().params().to_vec();

        lab.apply(Action::NextPhase);
        assert_eq!(lab.phase, Some(Phase::Update));
        assert_eq!(lab.trainer.steps(), 1);
        assert_eq!(lab.history.len(), 2, "the cost after the update is recorded");
        // Plain gradient descent on this sample alone: θ ← θ − η·∂L/∂θ.
        for ((now, was), g) in lab
            .trainer
            .network()
            .params()
            .iter()
            .zip(&weights)
            .zip(before.grad.values())
        {
            assert_eq!(*now, was - 0.1 * g);
        }
        assert_eq!(
            lab.inspection(),
            before,
            "the update phase shows the numbers the update used"
        );

        lab.apply(Action::NextPhase);
        assert_eq!(
            lab.phase,
            Some(Phase::Forward),
            "after the update, back to the forward pass"
        );
        assert_ne!(lab.inspection().loss, before.loss, "with the new weights");
        assert!(
            lab.inspection().loss < before.loss,
            "one step against the gradient lowers this loss"
        );
    }

    #[test]
    fn picking_a_sample_restarts_the_walk_and_training_ends_it() {
        let mut lab = Lab::default();
        for _ in 0..3 {
            lab.apply(Action::NextPhase);
        }
        lab.apply(Action::PickSample(9));
        assert_eq!((lab.sample, lab.phase), (9, Some(Phase::Forward)));
        lab.apply(Action::PickSample(100_000));
        assert_eq!(lab.sample, 9, "a sample that does not exist is ignored");
        lab.apply(Action::NextSample);
        assert_eq!(lab.sample, 10);
        lab.apply(Action::Step);
        assert_eq!(lab.phase, None);
        assert_eq!(lab.trainer.steps(), 1);
    }

    #[test]
    fn focus_only_lands_on_what_the_network_has() {
        let mut lab = Lab::default();
        assert_eq!(lab.focus, Focus::Neuron { layer: 3, index: 0 }, "the output first");
        let edge = Focus::Edge {
            layer: 1,
            from: 3,
            to: 1,
        };
        lab.apply(Action::Focus(edge));
        assert_eq!(lab.focus, edge);
        lab.apply(Action::Focus(Focus::Neuron { layer: 1, index: 4 }));
        assert_eq!(lab.focus, edge, "hidden layer 1 has neurons 0 to 3 only");
    }

    #[test]
    fn the_last_two_picked_weights_are_the_axes_and_the_path_is_kept_bounded() {
        let mut lab = Lab::default();
        let edge = |layer, from, to| Focus::Edge { layer, from, to };
        lab.apply(Action::UseAsAxis(Focus::Neuron { layer: 1, index: 0 }));
        lab.apply(Action::UseAsAxis(edge(5, 0, 0)));
        assert!(lab.axes.is_empty(), "neurons and missing weights are no axes");
        for focus in [
            edge(0, 0, 0),
            edge(0, 1, 3),
            edge(0, 1, 3),
            edge(1, 3, 1),
            edge(2, 1, 0),
        ] {
            lab.apply(Action::UseAsAxis(focus));
        }
        assert_eq!(lab.axes, [edge(1, 3, 1), edge(2, 1, 0)]);
        lab.apply(Action::Reset);
        assert_eq!(lab.axes.len(), 2, "a reset keeps the shape, so the axes stay");
        lab.apply(Action::RemoveNeuron(0));
        assert_eq!(
            lab.axes,
            [edge(2, 1, 0)],
            "hidden-1 neuron 4 is gone, its weights with it"
        );

        let mut lab = Lab::default();
        lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
        lab.apply(Action::TogglePlay);
        for _ in 0..3 * PATH_LIMIT {
            lab.apply(Action::Tick);
        }
        let snapshots = lab.path.snapshots();
        assert!(snapshots.len() <= PATH_LIMIT, "{}", snapshots.len());
        assert_eq!(snapshots[0].step, 0);
        assert_eq!(snapshots.last().unwrap().params, lab.trainer.network().params());
    }

    #[test]
    fn each_learning_rate_change_is_kept_for_the_chart_once() {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.3));
        lab.apply(Action::SetLearningRate(0.5));
        lab.apply(Action::Step);
        lab.apply(Action::SetLearningRate(0.5));
        lab.apply(Action::SetLearningRate(f64::NAN));
        lab.apply(Action::SetLearningRate(0.02));
        assert_eq!(*lab.rate_changes, [(0.0, 0.5), (10.0 / 200.0, 0.02)]);
        lab.apply(Action::Reset);
        assert!(lab.rate_changes.is_empty(), "a new run, a new chart");
    }

    #[test]
    fn the_gradient_check_finds_backprop_right() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        lab.apply(Action::GradientCheck);
        let error = lab.gradient_check.unwrap();
        assert!(error < 1e-6, "{error}");
    }

    #[test]
    fn the_saved_model_reads_back_as_the_same_network() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        let model = Model::from_json(&lab.model_json()).unwrap();
        assert_eq!(&model.network().unwrap(), lab.trainer.network());
        assert_eq!(model.settings().learning_rate, Some(0.1));
        assert_eq!(model.settings().seed, Some(lab.settings.data.seed));
    }

    #[test]
    fn the_answer_is_the_target_or_the_class() {
        let mut lab = Lab::default();
        assert_eq!(lab.answer(), lab.train.target(0)[0]);
        lab.apply(Action::SetDataset(DatasetKind::Blobs));
        for k in 0..5 {
            lab.apply(Action::PickSample(k));
            assert_eq!(lab.train.target(k)[lab.answer() as usize], 1.0);
        }
    }

    #[test]
    fn layers_and_neurons_change_within_the_labs_limits() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        lab.apply(Action::AddLayer);
        assert_eq!(
            lab.trainer.network().sizes(),
            [2, 4, 2, 2, 1],
            "a copy of the last hidden layer"
        );
        assert_eq!(lab.trainer.steps(), 0, "a new shape is a new run");
        lab.apply(Action::AddNeuron(0));
        lab.apply(Action::RemoveNeuron(2));
        assert_eq!(lab.trainer.network().sizes(), [2, 5, 2, 1, 1]);
        lab.apply(Action::RemoveNeuron(2));
        assert_eq!(lab.trainer.network().sizes()[3], 1, "at least one neuron");
        for _ in 0..20 {
            lab.apply(Action::AddNeuron(0));
            lab.apply(Action::AddLayer);
        }
        let sizes = lab.trainer.network().sizes().to_vec();
        assert_eq!(sizes.len(), 2 + MAX_HIDDEN_LAYERS);
        assert_eq!(sizes[1], HIDDEN_NEURONS.1);
        assert!(crate::core::model::check_layers(&sizes).is_ok());
        for _ in 0..20 {
            lab.apply(Action::RemoveLayer);
        }
        assert_eq!(
            lab.trainer.network().sizes(),
            [2, 1],
            "no hidden layer: logistic regression"
        );
        lab.apply(Action::AddNeuron(0));
        assert_eq!(
            lab.trainer.network().sizes(),
            [2, 1],
            "there is no hidden layer to grow"
        );
    }

    #[test]
    fn activations_and_features_rebuild_the_network_with_them() {
        let mut lab = Lab::default();
        lab.apply(Action::SetActivation(1, Activation::Relu));
        assert_eq!(
            lab.trainer.network().activations(),
            [Activation::Tanh, Activation::Relu, Activation::Sigmoid]
        );
        lab.apply(Action::ToggleFeature(Feature::X1X2));
        lab.apply(Action::ToggleFeature(Feature::X1Squared));
        assert_eq!(
            lab.settings.features,
            [Feature::X1, Feature::X2, Feature::X1Squared, Feature::X1X2]
        );
        assert_eq!(lab.trainer.network().sizes()[0], 4);
        // The network's inputs are the features of the points; the plane keeps the points.
        let (x, raw) = (lab.train.input(5), lab.plane.0.input(5));
        assert_eq!(x, [raw[0], raw[1], raw[0] * raw[0], raw[0] * raw[1]]);
        lab.apply(Action::ToggleFeature(Feature::X1));
        lab.apply(Action::ToggleFeature(Feature::X2));
        lab.apply(Action::ToggleFeature(Feature::X1Squared));
        assert_eq!(lab.settings.features, [Feature::X1X2], "the last feature stays");
        lab.apply(Action::ToggleFeature(Feature::X1X2));
        assert_eq!(lab.settings.features, [Feature::X1X2]);
        lab.apply(Action::Step);
        assert_eq!(lab.trainer.steps(), 1);
    }

    #[test]
    fn training_settings_change_live_and_survive_a_reset() {
        let mut lab = Lab::default();
        for _ in 0..3 {
            lab.apply(Action::Step);
        }
        let weights = lab.trainer.network().params().to_vec();
        lab.apply(Action::SetOptimizer(OptimizerKind::Adam));
        lab.apply(Action::SetBatchSize(50));
        lab.apply(Action::SetRegularization(Regularization::L2));
        lab.apply(Action::SetRegularizationRate(0.01));
        lab.apply(Action::SetLoss(Loss::SquaredError));
        assert_eq!(lab.trainer.network().params(), &weights[..], "no reset");
        assert_eq!(lab.trainer.steps(), 3);
        assert_eq!(lab.trainer.optimizer().kind(), OptimizerKind::Adam);
        assert_eq!(lab.trainer.regularization(), (Regularization::L2, 0.01));
        assert_eq!((lab.trainer.batch_size(), lab.trainer.loss()), (50, Loss::SquaredError));
        assert_eq!(
            lab.history.len(),
            4,
            "the loss change restates the cost, it does not add a point"
        );
        lab.apply(Action::Step);
        assert_eq!(lab.trainer.epoch_progress(), (30.0 + 50.0) / 200.0);
        lab.apply(Action::Reset);
        assert_eq!(
            lab.trainer.optimizer().kind(),
            OptimizerKind::Adam,
            "reset keeps the settings"
        );
        assert_eq!(lab.trainer.loss(), Loss::SquaredError);
        lab.apply(Action::SetLoss(Loss::SoftmaxCrossEntropy));
        assert_eq!(
            lab.message,
            Some(Notice::OutOfRange),
            "softmax needs several linear outputs"
        );
        assert_eq!(lab.trainer.loss(), Loss::SquaredError);
        lab.apply(Action::SetDataset(DatasetKind::Blobs));
        assert_eq!(
            lab.trainer.loss(),
            Loss::SquaredError,
            "squared error fits three linear outputs too"
        );
        lab.apply(Action::SetDataset(DatasetKind::Plane));
        assert_eq!(lab.trainer.loss(), Loss::SquaredError);
    }

    #[test]
    fn data_settings_make_new_points_and_regenerate_moves_the_seed() {
        let mut lab = Lab::default();
        lab.apply(Action::SetPoints(500));
        lab.apply(Action::SetTrainShare(0.5));
        assert_eq!((lab.train.len(), lab.test.len()), (250, 250));
        let first = lab.train.clone();
        lab.apply(Action::SetNoise(0.3));
        assert_ne!(lab.train, first);
        lab.apply(Action::SetPoints(5));
        lab.apply(Action::SetNoise(2.0));
        assert_eq!(
            (lab.settings.data.points, lab.settings.data.noise),
            (500, 0.3),
            "out of range: ignored"
        );
        let points = lab.train.clone();
        lab.apply(Action::Regenerate);
        assert_eq!(lab.settings.data.seed, 43);
        assert_ne!(lab.train, points);
        assert_eq!(lab.train.len(), 250);
    }

    #[test]
    fn slow_speeds_step_every_few_frames_and_fast_ones_many_times_a_frame() {
        let mut lab = Lab::default();
        lab.apply(Action::SetSpeed(0));
        lab.apply(Action::TogglePlay);
        for _ in 0..120 {
            lab.apply(Action::Tick);
        }
        assert_eq!(lab.trainer.steps(), 2, "one step a second at 60 frames a second");
        lab.apply(Action::SetSpeed(SPEEDS.len() + 5));
        assert_eq!(lab.speed, SPEEDS.len() - 1);
        lab.apply(Action::Tick);
        assert_eq!(lab.trainer.steps(), 2 + 500);
    }

    /// Plays `lab` until training stops by itself (or `ticks` frames have passed).
    fn play_until_it_stops(lab: &mut Lab, ticks: usize) {
        lab.apply(Action::TogglePlay);
        for _ in 0..ticks {
            lab.apply(Action::Tick);
            if !lab.playing {
                break;
            }
        }
    }

    #[test]
    fn switching_off_the_rule_that_stopped_training_takes_its_message_away() {
        let target_reached = |lab: &Lab| matches!(lab.message, Some(Notice::Stopped(StopReason::TargetReached { .. })));
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.5));
        lab.apply(Action::StopBelow(Some(0.3)));
        play_until_it_stops(&mut lab, 2000);
        assert!(target_reached(&lab), "{:?}", lab.message);
        // The same target again, or the other rule switched off: the message still holds.
        lab.apply(Action::StopBelow(Some(0.3)));
        lab.apply(Action::StopWhenFlat(false));
        assert!(target_reached(&lab), "{:?}", lab.message);
        // A new target: the old one's message no longer holds.
        lab.apply(Action::StopBelow(Some(0.2)));
        assert_eq!(lab.message, None);
        // No target at all.
        lab.apply(Action::StopBelow(Some(0.3)));
        lab.apply(Action::Reset);
        play_until_it_stops(&mut lab, 2000);
        assert!(target_reached(&lab), "{:?}", lab.message);
        lab.apply(Action::StopBelow(None));
        assert_eq!(lab.message, None);

        // Stopped because the cost stopped improving; only switching that rule off removes it.
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.3));
        lab.apply(Action::StopWhenFlat(true));
        lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
        play_until_it_stops(&mut lab, 400);
        let flat = |lab: &Lab| matches!(lab.message, Some(Notice::Stopped(StopReason::StoppedImproving { .. })));
        assert!(flat(&lab), "{:?}", lab.message);
        lab.apply(Action::StopBelow(Some(0.01)));
        lab.apply(Action::StopBelow(None));
        lab.apply(Action::StopWhenFlat(true));
        assert!(flat(&lab), "{:?}", lab.message);
        lab.apply(Action::StopWhenFlat(false));
        assert_eq!(lab.message, None);

        // Another notice is left alone.
        let mut lab = Lab::default();
        lab.apply(Action::StopBelow(Some(0.3)));
        lab.apply(Action::StopWhenFlat(true));
        lab.apply(Action::SetLearningRate(-1.0));
        assert_eq!(lab.message, Some(Notice::BadLearningRate));
        lab.apply(Action::StopBelow(Some(0.2)));
        lab.apply(Action::StopBelow(None));
        lab.apply(Action::StopWhenFlat(false));
        assert_eq!(lab.message, Some(Notice::BadLearningRate));
    }

    #[test]
    fn training_stops_by_itself_when_asked_and_says_why() {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.5));
        lab.apply(Action::StopBelow(Some(0.3)));
        lab.apply(Action::TogglePlay);
        for _ in 0..2000 {
            lab.apply(Action::Tick);
            if !lab.playing {
                break;
            }
        }
        let Some(Notice::Stopped(StopReason::TargetReached { cost, target })) = lab.message else {
            panic!("{:?}", lab.message);
        };
        assert!(cost < 0.3 && target == 0.3);
        assert_eq!(lab.trainer.steps() % 20, 0, "at the end of an epoch");
        assert!(lab.latest_cost().unwrap().train < 0.3);

        // Trained to its plateau, the cost stops improving by 1e-4 an epoch.
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.3));
        lab.apply(Action::StopWhenFlat(true));
        lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
        lab.apply(Action::TogglePlay);
        for _ in 0..400 {
            lab.apply(Action::Tick);
            if !lab.playing {
                break;
            }
        }
        assert!(
            matches!(
                lab.message,
                Some(Notice::Stopped(StopReason::StoppedImproving {
                    epochs: FLAT_EPOCHS,
                    ..
                }))
            ),
            "{:?} after {} epochs",
            lab.message,
            lab.trainer.epochs()
        );
        assert!(lab.trainer.epochs() > FLAT_EPOCHS as u64);
        assert_eq!(lab.trainer.steps() % 20, 0, "at the end of an epoch");
    }

    #[test]
    fn the_bars_are_the_losses_of_the_batch_the_next_step_trains_on() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        let losses = lab.batch_losses.clone();
        assert_eq!(losses.len(), 10);
        let mean = losses.iter().sum::<f64>() / 10.0;
        lab.apply(Action::Step);
        // That step's batch cost (before its update) is the mean of the bars shown before it.
        assert!((lab.last_step.unwrap().batch_cost - mean).abs() < 1e-12);
    }

    #[test]
    fn a_typed_weight_changes_the_network_and_its_cost_at_once() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        let (cost, points) = (lab.latest_cost().unwrap().train, lab.history.len());
        lab.apply(Action::SetWeight {
            layer: 2,
            from: 1,
            to: 0,
            value: 5.0,
        });
        assert_eq!(lab.trainer.network().weight(2, 0, 1), 5.0);
        assert_eq!(lab.history.len(), points, "the cost is restated, not a new point");
        assert_ne!(lab.latest_cost().unwrap().train, cost);
        assert_eq!(lab.trainer.steps(), 1, "not a training step");
        lab.apply(Action::SetWeight {
            layer: 2,
            from: 1,
            to: 0,
            value: f64::NAN,
        });
        assert_eq!(
            (lab.message.clone(), lab.trainer.network().weight(2, 0, 1)),
            (Some(Notice::BadWeight), 5.0)
        );
        lab.apply(Action::SetWeight {
            layer: 7,
            from: 0,
            to: 0,
            value: 1.0,
        });
        assert_eq!(
            lab.trainer.network().weight(2, 0, 1),
            5.0,
            "a weight that does not exist is ignored"
        );
    }

    #[test]
    fn after_a_divergence_one_action_brings_back_the_best_weights() {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.5));
        for _ in 0..30 {
            lab.apply(Action::Step);
        }
        let lowest = lab.history.iter().map(|c| c.train).fold(f64::INFINITY, f64::min);
        assert_eq!(lab.best.cost, lowest);
        lab.apply(Action::SetDataset(DatasetKind::Spiral));
        lab.apply(Action::SetLearningRate(10.0));
        lab.apply(Action::TogglePlay);
        for _ in 0..300 {
            lab.apply(Action::Tick);
            if lab.message.is_some() {
                break;
            }
        }
        assert_eq!(lab.message, Some(Notice::Diverged));
        let best = lab.best.clone();
        assert!(best.cost <= lab.history[0].train);
        lab.apply(Action::GoBack);
        assert_eq!(lab.trainer.network().params(), &best.params[..]);
        assert_eq!(lab.latest_cost().unwrap().train, best.cost);
        assert_eq!(lab.message, None);
    }

    #[test]
    fn a_saved_model_opens_again_with_its_shape_weights_and_settings() {
        let mut lab = Lab::default();
        lab.apply(Action::AddNeuron(0));
        lab.apply(Action::SetActivation(1, Activation::Relu));
        lab.apply(Action::SetLearningRate(0.3));
        for _ in 0..5 {
            lab.apply(Action::Step);
        }
        let saved = lab.model_json();
        let network = lab.trainer.network().clone();

        let mut other = Lab::default();
        other.apply(Action::Step);
        other.apply(Action::LoadModel(saved.as_str().into()));
        assert_eq!(other.message, None);
        assert_eq!(other.trainer.network(), &network, "every weight, bit for bit");
        assert_eq!(other.settings.hidden, [5, 2]);
        assert_eq!(other.trainer.learning_rate(), 0.3);
        assert_eq!(
            (other.trainer.steps(), other.history.len()),
            (0, 1),
            "a new run from those weights"
        );
        assert_eq!(other.latest_cost().unwrap().train, lab.latest_cost().unwrap().train);
        other.apply(Action::Step);
        assert_eq!(other.trainer.steps(), 1);
    }

    #[test]
    fn a_broken_or_unfitting_model_file_changes_nothing_and_says_why() {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        let before = lab.clone();
        lab.apply(Action::LoadModel("{ \"format\": ".into()));
        let Some(Notice::BadModel(why)) = lab.message.clone() else {
            panic!("{:?}", lab.message);
        };
        assert!(why.contains("not valid JSON"), "{why}");
        assert!(Notice::BadModel(why)
            .text(Lang::En)
            .starts_with("The model file could not be used:"));
        assert_eq!(lab.trainer, before.trainer);

        let three_inputs =
            Network::with_params(&[3, 2, 1], &[Activation::Tanh, Activation::Sigmoid], Vec::new()).unwrap();
        let text = Model::from_network(&three_inputs, Loss::CrossEntropy).to_json();
        lab.apply(Action::LoadModel(text.as_str().into()));
        assert_eq!(
            lab.message,
            Some(Notice::ModelDoesNotFit {
                model: (3, 1),
                data: (2, 1)
            })
        );
        assert_eq!(lab.trainer, before.trainer);
        assert_eq!(lab.history, before.history);
    }
}
