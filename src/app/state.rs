//! The app state: one lab (network, data, trainer, cost history) changed only by [`Action`]s.

use crate::app::explain::{Focus, Inspection, Phase};
use crate::app::i18n::{Key, Lang};
use crate::core::{
    Activation, DataSettings, Dataset, DatasetKind, Init, Loss, Model, Network, Points, Rng, RunSettings, SampleStep,
    StepReport, Task, Trainer,
};
use std::rc::Rc;
use yew::Reducible;

/// Neurons of the starting network's hidden layers.
pub const HIDDEN: [usize; 2] = [4, 2];
/// Activation of the starting network's hidden layers.
pub const HIDDEN_ACTIVATION: Activation = Activation::Tanh;
/// Slowest and fastest learning rates the slider offers.
pub const LEARNING_RATE_RANGE: (f64, f64) = (1e-4, 10.0);
/// Mini-batch steps taken per animation tick while playing.
pub const STEPS_PER_TICK: usize = 2;
/// A training cost this many times the run's first counts as exploded: training pauses and the
/// steps that got there are taken back.
pub const EXPLODED: f64 = 10.0;
/// Cost points kept for the chart; older ones are thinned out beyond this.
pub const HISTORY_LIMIT: usize = 2000;

/// Every setting a run starts from. The data's seed also fixes the first weights and the batch
/// order, so a run can be reproduced.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Which dataset, how many points, noise, training share and seed.
    pub data: DataSettings,
    /// Samples per mini-batch.
    pub batch_size: usize,
    /// Step size η of gradient descent.
    pub learning_rate: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data: DataSettings::default(),
            batch_size: 10,
            learning_rate: 0.1,
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
#[derive(Clone, Copy, Debug, PartialEq)]
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
    /// Compare backprop's gradient with finite differences over the training set.
    GradientCheck,
}

/// Something the page tells the learner, shown in the current language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Notice {
    /// A learning rate was refused; the old one is kept.
    BadLearningRate,
    /// The cost exploded; training paused and the weights from before were kept.
    Diverged,
}

impl Notice {
    /// The text to show.
    pub fn key(self) -> Key {
        match self {
            Notice::BadLearningRate => Key::BadLearningRate,
            Notice::Diverged => Key::Diverged,
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
}

impl Default for Lab {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

impl Lab {
    /// A fresh lab: data drawn and weights initialised from the data's seed.
    pub fn new(settings: Settings) -> Self {
        let data = &settings.data;
        let mut rng = Rng::new(data.seed);
        let all = Points::generate(data.kind, data.points, data.noise, &mut rng);
        let (train, test) = all.split(data.train_fraction, &mut rng);
        let (outputs, out_act, loss) = output_for(data.kind.task());
        let sizes = [2, HIDDEN[0], HIDDEN[1], outputs];
        let acts = [HIDDEN_ACTIVATION, HIDDEN_ACTIVATION, out_act];
        let network = Network::new(&sizes, &acts, Init::Xavier, &mut rng).expect("the starting shape is valid");
        let focus = Focus::output(&network);
        let trainer = Trainer::new(network, loss, settings.learning_rate, settings.batch_size, rng)
            .expect("the starting settings are valid");
        let mut lab = Self {
            settings,
            trainer,
            train: Rc::new(train.to_dataset()),
            test: Rc::new(test.to_dataset()),
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
            Action::Step => self.train_steps(1),
            Action::Epoch => {
                let steps_left = self.train.len().div_ceil(self.trainer.batch_size());
                self.train_epoch(steps_left);
            }
            Action::Tick => {
                if self.playing {
                    self.train_steps(STEPS_PER_TICK);
                }
            }
            Action::TogglePlay => self.playing = !self.playing,
            Action::Reset => self.restart(),
            Action::SetLearningRate(rate) => self.set_learning_rate(rate),
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
                self.gradient_check = Some(self.trainer.gradient_check(&self.train).largest_relative_error);
            }
        }
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

    /// A new run from the settings, keeping the learning rate, play state and language.
    fn restart(&mut self) {
        let learning_rate = self.trainer.learning_rate();
        let (playing, lang) = (self.playing, self.lang);
        *self = Lab::new(Settings {
            learning_rate,
            ..self.settings.clone()
        });
        self.playing = playing;
        self.lang = lang;
    }

    /// The latest cost point.
    pub fn latest_cost(&self) -> Option<CostPoint> {
        self.history.last().copied()
    }

    /// Steps until an epoch finishes (at most `limit`), as one action for the chart and checks.
    fn train_epoch(&mut self, limit: usize) {
        let epoch = self.trainer.epochs();
        let mut taken = 0;
        while self.trainer.epochs() == epoch && taken < limit && self.message != Some(Notice::Diverged) {
            self.train_steps(1);
            taken += 1;
        }
    }

    fn train_steps(&mut self, n: usize) {
        let before = self.trainer.clone();
        let mut diverged = false;
        for _ in 0..n {
            let report = self.trainer.step(&self.train);
            self.last_step = Some(report);
            if report.diverged {
                diverged = true;
                break;
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
            Rc::make_mut(&mut self.history).pop();
            diverged = true;
        }
        if diverged {
            self.playing = false;
            self.message = Some(Notice::Diverged);
        }
    }

    fn record_cost(&mut self) {
        // One forward pass of each set gives both its cost and its accuracy.
        let (train, train_accuracy) = self.trainer.evaluate(&self.train);
        let (test, test_accuracy) = self.trainer.evaluate(&self.test);
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
        assert_eq!(lab.trainer.steps(), STEPS_PER_TICK as u64);
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
            (lab.message, lab.trainer.learning_rate()),
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
}
