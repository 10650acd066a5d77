//! The app state: one lab changed only by [`Action`]s. [`Lab`] is made of parts that each own
//! one concern, each in its own file: the settings ([`crate::app::settings`]), the [`Run`]
//! (trainer and data, the only way weights change), the [`Record`] (costs, rate changes, best
//! weights, path), the [`Walk`], the [`Selection`], the [`Notice`] shown and the [`Pace`] of
//! training against its frame budget, and your [`OwnData`] (points added, removed, imported). The reducer hands
//! each action to its part; a new run rebuilds the run, the record, the walk and the selection,
//! and the rest simply stays.

mod action;
mod lesson;
mod model_file;
mod notice;
mod own_data;
mod pace;
mod record;
mod replay;
mod run;
mod selection;
mod walk;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_coach;
#[cfg(test)]
mod tests_lesson;
#[cfg(test)]
mod tests_model;
#[cfg(test)]
mod tests_replay;
#[cfg(test)]
mod tests_settings;

pub use action::Action;
pub use lesson::{Chapter, Lesson, DESCENT_STEPS, FREE_TARGET, REPEAT_TARGET};
pub use notice::Notice;
pub use own_data::{pens, CsvErrors, Edit, OwnData, PointRefusal};
pub use pace::{another_fits, Clock, Pace, FRAME_BUDGET_MS, KEEP_UP_FRAMES};
pub use record::{Best, CostPoint, Measurement, Record, HISTORY_LIMIT, PATH_LIMIT};
pub use replay::{run_names, Pin, Replay, Viewed};
pub use run::{Halt, Run, FLAT_EPOCHS, FLAT_IMPROVEMENT};
pub use selection::Selection;
pub use walk::Walk;

use crate::app::explain::{Focus, Inspection, Phase};
use crate::app::i18n::Lang;
use crate::app::settings::view::{Part, Parts};
use crate::app::settings::{
    link, Refusal, Settings, BATCH_SIZE, FEATURES, HIDDEN, HIDDEN_ACTIVATION, HIDDEN_LAYERS, LEARNING_RATE, NEURONS,
    NOISE, POINTS, REGULARIZATION_RATE, SPEEDS, STOP_BELOW, TRAIN_SHARE, WEIGHT,
};
use crate::core::{coach, Cause, Coach, Feature, Task, Trainer};
use std::rc::Rc;
use yew::Reducible;

/// A training cost this many times the run's first counts as exploded: training pauses and the
/// steps that got there are taken back.
pub const EXPLODED: f64 = 10.0;

/// The whole state of the page.
#[derive(Clone, Debug, PartialEq)]
pub struct Lab {
    /// Every setting the learner chose; the run is configured from them.
    settings: Settings,
    /// The trainer and the data.
    run: Run,
    /// What this run did so far.
    record: Record,
    /// The phase-by-phase walk through backpropagation.
    walk: Walk,
    /// The sample, focus and axes picked.
    selection: Selection,
    /// A message for the learner (a refused setting, a diverging run), if any.
    message: Option<Notice>,
    /// Whether training runs continuously.
    playing: bool,
    /// Animation ticks seen while playing, for the slow speeds.
    ticks: u64,
    /// Whether the frames keep up with the speed asked.
    pace: Pace,
    /// Your own points, once edited, and how clicks edit them.
    own: OwnData,
    /// Watches the cost and says when training goes wrong.
    coach: Coach,
    /// The guided lesson: the chapter open, the chapters done.
    lesson: Lesson,
    /// The earlier moment looked at, and the run pinned to compare with.
    replay: Replay,
}

impl Default for Lab {
    fn default() -> Self {
        Self::new(Settings::default())
    }
}

impl Lab {
    /// A fresh lab: data drawn and weights initialised from the data's seed. Settings out of
    /// range are brought into it (the actions never make such settings).
    pub fn new(settings: Settings) -> Self {
        let settings = settings.clamped();
        let run = Run::new(&settings);
        let selection = Selection::new(run.network());
        let coach = coach_for(&run);
        let mut lab = Self {
            settings,
            run,
            record: Record::default(),
            walk: Walk::default(),
            selection,
            message: None,
            playing: false,
            ticks: 0,
            pace: Pace::default(),
            own: OwnData::default(),
            coach,
            lesson: Lesson::default(),
            replay: Replay::default(),
        };
        lab.measure();
        lab
    }

    /// A fresh lab from the settings of a link's fragment ([`link::read`]): what the link does
    /// not give, or gives badly, at its default, and a message naming what was ignored.
    ///
    /// A link with a chapter of the lesson ([`link::LESSON_KEY`]) opens it, on the chapter's
    /// settings with the link's on top.
    pub fn from_link(fragment: &str) -> Self {
        let (lesson, rest) = link::split_lesson(fragment);
        let chapter = lesson.as_deref().map(|text| Chapter::from_number(text).ok_or(text));
        let base = match chapter {
            Some(Ok(chapter)) => chapter.setup(Lang::default()),
            _ => Settings::default(),
        };
        let (settings, mut ignored) = link::read_onto(&rest, base);
        if let Some(Err(text)) = chapter {
            ignored.push(link::unreadable_lesson(text));
        }
        let mut lab = Self::new(settings);
        if let Some(Ok(chapter)) = chapter {
            lab.begin_chapter(chapter);
        }
        if !ignored.is_empty() {
            lab.message = Some(Notice::LinkIgnored(ignored));
        }
        lab
    }

    /// The settings in use: every menu and slider shows these.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The trainer and the data.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// The network, its loss and its learning rate.
    pub fn trainer(&self) -> &Trainer {
        self.run.trainer()
    }

    /// Costs, rate changes, best weights and path of this run, and the latest readouts.
    pub fn record(&self) -> &Record {
        &self.record
    }

    /// The phase-by-phase walk.
    pub fn walk(&self) -> &Walk {
        &self.walk
    }

    /// The sample, focus and axes picked.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The message shown, if any.
    pub fn message(&self) -> Option<&Notice> {
        self.message.as_ref()
    }

    /// Whether training runs continuously.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// The language of the page.
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    /// The latest cost point.
    pub fn latest_cost(&self) -> Option<CostPoint> {
        self.record.latest()
    }

    /// Carries out one action.
    pub fn apply(&mut self, action: Action) {
        let watched = self.lesson.chapter().is_some().then(|| action.clone());
        // Training by mini-batches ends the phase-by-phase walk: its numbers would be stale.
        if matches!(
            action,
            Action::Step | Action::Epoch | Action::TogglePlay | Action::Reset | Action::SetDataset(_)
        ) {
            self.walk.end();
        }
        if replay::returns_to_present(&action) {
            self.replay.to_present();
        }
        if self.own_data_first(&action) {
            return;
        }
        match action {
            Action::Step => {
                self.train_steps(1, |_| true);
            }
            Action::Epoch => self.train_epoch(self.run.steps_left_in_epoch()),
            Action::Tick(clock) => self.tick(&clock),
            Action::TogglePlay => self.playing = !self.playing,
            Action::Reset => self.new_run(None),
            Action::SetLanguage(lang) => self.settings.lang = lang,
            Action::SetHidden(parts) => self.set_hidden(parts),
            Action::SetSpeed(speed) => {
                self.settings.speed = speed.min(SPEEDS.len() - 1);
                self.pace.clear();
            }
            Action::NextPhase => self.next_phase(),
            Action::EndWalk => self.walk.end(),
            Action::PickSample(i) => self.pick(i),
            Action::NextSample => self.pick((self.selection.sample() + 1) % self.run.train().len().max(1)),
            Action::Focus(focus) => self.selection.set_focus(focus, self.run.network()),
            Action::UseAsAxis(focus) => self.selection.use_as_axis(focus, self.run.network()),
            Action::GradientCheck => self.run.check_gradient(),
            Action::LoadModel(text) => self.load_model(&text),
            Action::DismissMessage => self.message = None,
            Action::OpenLink(text) => {
                let mut opened = Lab::from_link(&text);
                // A link that changes only what is shown keeps the run.
                let parts = std::mem::replace(&mut opened.settings.hidden_parts, self.settings.hidden_parts);
                let chapter = opened.lesson.chapter();
                if opened.settings != self.settings || opened.message.is_some() {
                    opened.lesson = std::mem::take(&mut self.lesson);
                    *self = opened;
                }
                self.set_hidden(parts);
                // The link's chapter (or none), with the chapters done kept.
                match chapter {
                    Some(chapter) if self.lesson.chapter() != Some(chapter) => self.begin_chapter(chapter),
                    Some(_) => {}
                    None => self.lesson.close(),
                }
            }
            Action::GoBack => self.go_back(),
            Action::SetWeight { layer, from, to, value } => self.set_weight(layer, from, to, value),
            Action::Edit(edit) => self.edit(edit),
            a @ (Action::OpenChapter(_) | Action::CloseLesson | Action::RestoreLesson(_) | Action::SurfaceSeen(_)) => {
                self.lesson_action(a)
            }
            Action::ViewMoment(index) => self.view_moment(index),
            Action::ResumeHere => self.resume_here(),
            Action::PinRun => self.pin_run(),
            Action::Unpin => self.unpin(),
            action => self.change_setting(action),
        }
        if let Some(action) = watched {
            self.watch_lesson(&action);
        }
        // Paused, by the learner or by a halt, the page no longer falls short of anything.
        if !self.playing {
            self.pace.clear();
        }
    }

    /// Hides `parts`; hiding Play pauses.
    fn set_hidden(&mut self, parts: Parts) {
        self.settings.hidden_parts = parts;
        if parts.contains(Part::Play) {
            self.playing = false;
        }
        // Without the scrubber (it sits in the chart's panel) there would be no way back to the
        // present but a step.
        if parts.any(&[Part::Chart, Part::Replay]) {
            self.replay.to_present();
        }
    }

    /// The actions that change a setting: those of training apply from the next step on, the
    /// others (shape, features, data) start a new run.
    fn change_setting(&mut self, action: Action) {
        match action {
            Action::SetLearningRate(rate) => self.set_learning_rate(rate),
            Action::SetOptimizer(kind) => {
                self.change_live(|s| s.optimizer = kind);
            }
            Action::SetBatchSize(size) => {
                if let Some(size) = self.refused(BATCH_SIZE.check_count(size)) {
                    self.change_live(|s| s.batch_size = size);
                }
            }
            Action::SetLoss(loss) => {
                if !self.settings.losses().contains(&loss) {
                    self.message = Some(Notice::OutOfRange);
                } else if self.change_live(|s| s.loss = Some(loss)) {
                    self.restate();
                }
            }
            Action::SetRegularization(kind) => {
                self.change_live(|s| s.regularization.0 = kind);
            }
            Action::SetRegularizationRate(rate) => {
                if let Some(rate) = self.refused(REGULARIZATION_RATE.check(rate)) {
                    self.change_live(|s| s.regularization.1 = rate);
                }
            }
            Action::StopBelow(target) => {
                let target = target.filter(|&t| STOP_BELOW.contains(t));
                // "Stopped: below the target" no longer holds once the target changes or goes.
                if target != self.settings.stop_below && self.message.as_ref().is_some_and(|m| m.is_stop(true)) {
                    self.message = None;
                }
                self.change_live(|s| s.stop_below = target);
            }
            Action::StopWhenFlat(on) => {
                // Nor "Stopped: it stopped improving" once that rule is switched off.
                if !on && self.message.as_ref().is_some_and(|m| m.is_stop(false)) {
                    self.message = None;
                }
                self.change_live(|s| s.stop_when_flat = on);
            }
            Action::AddLayer => self.change_run(|s| {
                HIDDEN_LAYERS.check_count(s.hidden.len() + 1)?;
                s.hidden.push(s.hidden.last().copied().unwrap_or(HIDDEN[0]));
                s.activations
                    .push(s.activations.last().copied().unwrap_or(HIDDEN_ACTIVATION));
                Ok(true)
            }),
            Action::RemoveLayer => self.change_run(|s| Ok(s.hidden.pop().is_some() && s.activations.pop().is_some())),
            Action::AddNeuron(layer) => self.change_run(|s| resize(s, layer, 1)),
            Action::RemoveNeuron(layer) => self.change_run(|s| resize(s, layer, -1)),
            Action::SetActivation(layer, activation) => self.change_run(|s| {
                let Some(a) = s.activations.get_mut(layer) else {
                    return Ok(false);
                };
                *a = activation;
                Ok(true)
            }),
            Action::ToggleFeature(feature) => self.change_run(|s| toggle(s, feature)),
            Action::SetNoise(noise) => self.change_run(|s| {
                s.data.noise = NOISE.check(noise)?;
                Ok(true)
            }),
            Action::SetPoints(points) => self.change_run(|s| {
                s.data.points = POINTS.check_count(points)?;
                Ok(true)
            }),
            Action::SetTrainShare(share) => self.change_run(|s| {
                s.data.train_fraction = TRAIN_SHARE.check(share)?;
                Ok(true)
            }),
            Action::Regenerate => self.change_run(|s| {
                s.data.seed = s.data.seed.wrapping_add(1);
                Ok(true)
            }),
            Action::SetDataset(kind) => self.change_run(|s| {
                s.data.kind = kind;
                Ok(true)
            }),
            // The others are handled by `apply`.
            _ => {}
        }
    }

    /// The value, or `None` with the refusal as the message.
    fn refused<T>(&mut self, checked: Result<T, Refusal>) -> Option<T> {
        checked.map_err(|r| self.message = Some(Notice::Refused(r))).ok()
    }

    /// Changes a training setting and configures the run from the settings; the weights are
    /// kept. False (and nothing changes) if the run refuses them.
    fn change_live(&mut self, change: impl FnOnce(&mut Settings)) -> bool {
        let mut next = self.settings.clone();
        change(&mut next);
        if self.run.configure(&next).is_err() {
            self.message = Some(Notice::OutOfRange);
            return false;
        }
        self.settings = next;
        self.coach.restart();
        true
    }

    /// Changes the settings with `change` and starts a new run from them, if it changed
    /// anything (`Ok(true)`); a refusal is the message and changes nothing.
    fn change_run(&mut self, change: impl FnOnce(&mut Settings) -> Result<bool, Refusal>) {
        let mut next = self.settings.clone();
        match change(&mut next) {
            Ok(true) => {
                self.settings = next;
                self.new_run(None);
            }
            Ok(false) => {}
            Err(refusal) => self.message = Some(Notice::Refused(refusal)),
        }
    }

    /// A learning rate: not a number gets its own message, one out of its limits the limits.
    fn set_learning_rate(&mut self, rate: f64) {
        if rate.is_nan() {
            self.message = Some(Notice::BadLearningRate);
            return;
        }
        let Some(rate) = self.refused(LEARNING_RATE.check(rate)) else {
            return;
        };
        let old = self.settings.learning_rate;
        if self.change_live(|s| s.learning_rate = rate) {
            self.message = None;
            if rate != old {
                self.record.rate_changed(self.run.trainer().epoch_progress(), rate);
            }
        }
    }

    /// A new run from the settings (with `params` as its weights, if given, else the pinned
    /// run's first weights, if a run is pinned): the run, the record, the walk and the selection
    /// start again, back at the present; the settings, the play state, the pin and the axes
    /// that still exist stay.
    fn new_run(&mut self, params: Option<&[f64]>) {
        self.run = Run::with_points(&self.settings, self.own.points());
        let pinned = params.is_none().then(|| self.pinned_start()).flatten();
        if let Some(params) = params.or(pinned.as_deref()) {
            self.run.set_params(params);
        }
        self.replay.to_present();
        self.record = Record::default();
        self.own.new_run();
        self.coach = coach_for(&self.run);
        self.walk.end();
        self.selection.for_new_run(self.run.network());
        self.message = None;
        self.pace.clear();
        self.measure();
    }

    /// Records what the current weights give.
    fn measure(&mut self) {
        let m = self.run.measure();
        self.record.push_trained(m, self.run.trainer());
    }

    /// The cost and readouts again after a change that alters them without a step.
    fn restate(&mut self) {
        let m = self.run.measure();
        self.record.restate_trained(m, self.run.trainer());
    }

    /// A typed weight: a finite number within its limits, else a message and the old one stays.
    fn set_weight(&mut self, layer: usize, from: usize, to: usize, value: f64) {
        if !(Focus::Edge { layer, from, to }).fits(self.run.network()) {
            return;
        }
        if !value.is_finite() {
            self.message = Some(Notice::BadWeight);
            return;
        }
        let Some(value) = self.refused(WEIGHT.check(value)) else {
            return;
        };
        if self.run.set_weight(layer, from, to, value) {
            self.message = None;
            // The walk's numbers were for the old weight: it goes on from the forward pass.
            self.walk.back_to_forward();
            self.restate();
        }
    }

    /// Puts back the weights with the lowest training cost of this run.
    fn go_back(&mut self) {
        let best = self.record.best().clone();
        if self.run.set_params(&best.params) {
            self.message = None;
            self.coach.restart();
            self.walk.end();
            self.measure();
        }
    }

    /// A new run with the network of a model file and the settings it records (see
    /// [`model_file::opened`]); a file that cannot be read, does not fit, or has a setting out of
    /// its limits changes nothing and says why.
    fn load_model(&mut self, text: &str) {
        match model_file::opened(text, &self.settings) {
            Ok((settings, params, brings_data)) => {
                if brings_data {
                    self.own.forget();
                }
                self.settings = settings;
                self.new_run(Some(&params));
            }
            Err(notice) => self.message = Some(notice),
        }
    }

    /// Chooses the training sample that lights up the network; a walk restarts at the forward pass.
    fn pick(&mut self, sample: usize) {
        if self.selection.pick(sample, self.run.train().len()) {
            self.walk.back_to_forward();
        }
    }

    /// The next phase of the walk. Entering it pauses training; the update trains on the chosen
    /// sample alone, and a diverging update keeps the walk before it with the notice.
    fn next_phase(&mut self) {
        self.playing = false;
        if !self.walk.updates_next() {
            self.walk.advance();
            return;
        }
        let step = self.run.sample_step(self.selection.sample());
        if step.report.diverged {
            self.message = Some(Notice::Diverged);
            return;
        }
        self.walk.updated(step);
        self.measure();
    }

    /// The chosen sample's forward and backward pass as the page shows it: during the walk's
    /// update phase, the numbers the update used; otherwise with the current weights.
    pub fn inspection(&self) -> Inspection {
        let train = self.run.train();
        let sample = self.selection.sample();
        let (x, t) = (train.input(sample), train.target(sample));
        match (self.walk.step(), self.walk.phase()) {
            (Some(step), Some(Phase::Update)) => Inspection::of_step(step, x, t),
            _ => Inspection::new(self.shown_network(), self.run.trainer().loss(), x, t),
        }
    }

    /// The chosen sample's right answer as one number: its class for several classes, otherwise
    /// its target (0 or 1 for two classes). The `trace` command's `--y` takes the same.
    pub fn answer(&self) -> f64 {
        let t = self.run.train().target(self.selection.sample());
        match self.settings.data.kind.task() {
            Task::Classes(_) => t.iter().position(|&v| v == 1.0).unwrap_or(0) as f64,
            Task::Binary | Task::Regression => t[0],
        }
    }

    /// The network, its run's settings and its data as a model file.
    pub fn model_json(&self) -> String {
        let own = self.own.points().is_some();
        model_file::saved(&self.settings, self.run.network(), self.run.trainer().loss(), own)
    }

    /// Steps until an epoch finishes (at most `limit`), as one action for the chart and checks.
    fn train_epoch(&mut self, limit: usize) {
        let epoch = self.run.trainer().epochs();
        let mut taken = 0;
        while self.run.trainer().epochs() == epoch && taken < limit {
            taken += 1;
            if !self.train_steps(1, |_| true) {
                break;
            }
        }
    }

    /// Takes up to `n` steps, each after the first only while `more(steps taken)` says so; false
    /// if training halted: it diverged, or a stop rule was met. A run whose cost explodes is
    /// rolled back whole, readouts included, to before these steps.
    fn train_steps(&mut self, n: usize, more: impl FnMut(usize) -> bool) -> bool {
        let before = (self.run.clone(), self.record.clone());
        let halt = self.run.steps_while(n, more);
        self.measure();
        if let Some(Halt::Stopped(reason)) = halt {
            self.playing = false;
            self.message = Some(Notice::Stopped(reason));
            return false;
        }
        let start = self.explosion_baseline();
        let now = self.record.latest().map_or(f64::NAN, |c| c.train);
        // The engine catches non-finite costs; the page also calls a cost that has grown to
        // EXPLODED times the run's first one an explosion, and takes those steps back.
        let exploded = now.is_nan() || now > EXPLODED * start;
        if halt.is_none() && exploded {
            (self.run, self.record) = before;
        }
        let diverged = halt == Some(Halt::Diverged) || exploded;
        if diverged {
            self.playing = false;
            self.message = Some(Notice::Diverged);
        } else {
            self.watch();
        }
        !diverged
    }

    /// Shows the coach the latest cost; what it sees, with its likely cause, becomes the
    /// message unless another one is shown. Training goes on: it is advice, not a stop.
    fn watch(&mut self) {
        let Some(cost) = self.record.latest() else {
            return;
        };
        let observed = self.coach.observe(cost.epoch, cost.train, cost.test);
        // Advice the run has since proved wrong (it learns after all) goes.
        if let Some(Notice::Coach(said, _)) = &self.message {
            if self.coach.recovered(said.symptom) {
                self.message = None;
            }
        }
        if let Some(symptom) = observed {
            if self.message.is_none() {
                let diagnosis = coach::diagnose(symptom, self.run.trainer(), self.run.train());
                let dead = match diagnosis.cause {
                    Cause::DeadRelus { .. } => coach::dead_relus(self.run.network(), self.run.train()).0,
                    _ => Vec::new(),
                };
                self.message = Some(Notice::Coach(diagnosis, dead.into()));
            }
        }
    }
}

/// A coach for this run, knowing what guessing costs on its training data.
fn coach_for(run: &Run) -> Coach {
    Coach::new(coach::guess_cost(run.train(), run.trainer().loss()))
}

/// Adds `by` neurons to hidden layer `layer` within the limits; false if there is no such layer.
fn resize(s: &mut Settings, layer: usize, by: isize) -> Result<bool, Refusal> {
    let Some(n) = s.hidden.get_mut(layer) else {
        return Ok(false);
    };
    *n = NEURONS.check_count(n.saturating_add_signed(by))?;
    Ok(true)
}

/// Gives the network `feature` or takes it away, within the limits; kept in the menu's order,
/// whatever the order of the clicks.
fn toggle(s: &mut Settings, feature: Feature) -> Result<bool, Refusal> {
    let features = &mut s.features;
    match features.iter().position(|&f| f == feature) {
        Some(k) => {
            FEATURES.check_count(features.len() - 1)?;
            features.remove(k);
        }
        None => {
            FEATURES.check_count(features.len() + 1)?;
            features.push(feature);
            features.sort_by_key(|f| Feature::ALL.iter().position(|g| g == f));
        }
    }
    Ok(true)
}

impl Reducible for Lab {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut lab = Rc::unwrap_or_clone(self);
        lab.apply(action);
        Rc::new(lab)
    }
}
