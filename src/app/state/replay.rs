//! Replay: going back in the run's history to look at an earlier moment, or to train on from
//! it; and a pinned run, whose cost curves stay on the chart to compare with and whose first
//! weights every new run starts from.
//!
//! The moments are the snapshots of the record's path ([`Record::past`](super::Record::past)):
//! bounded in number however long the run (see [`History`](crate::core::History)), each with the
//! trainer's whole state, so that "Resume from here" goes on exactly as training went from there.

use super::{Action, CostPoint, Edit, Lab, Run};
use crate::app::format;
use crate::app::i18n::Lang;
use crate::app::settings::Settings;
use crate::core::{Init, Network, OptimizerKind, Regularization, Rng, Snapshot};
use std::rc::Rc;

/// The moment of the run being looked at.
#[derive(Clone, Debug, PartialEq)]
pub struct Viewed {
    /// Its place among the moments ([`Record::past`](super::Record::past)).
    pub index: usize,
    /// The weights, cost and trainer state then.
    pub snapshot: Rc<Snapshot>,
    /// The run's network with the weights of then, for every view to draw.
    pub network: Network,
    /// The costs of both sets with those weights (at that moment's epoch), and for
    /// classification the share of each classified right: the readouts of then.
    pub measured: (CostPoint, Option<(f64, f64)>),
}

impl Viewed {
    /// Steps taken at that moment.
    pub fn steps(&self) -> u64 {
        self.snapshot.state.as_ref().map_or(0, |s| s.steps())
    }

    /// Epochs at that moment, as a fraction.
    pub fn epoch(&self) -> f64 {
        self.snapshot.state.as_ref().map_or(0.0, |s| s.epoch_progress())
    }
}

/// A run kept to compare with: its cost curves, the settings it trained with and its first weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    /// Its cost history when it was pinned.
    pub history: Rc<Vec<CostPoint>>,
    /// The settings it trained with then.
    pub settings: Settings,
    /// Its first weights, and the layer sizes they are for.
    first: (Vec<f64>, Vec<usize>),
}

/// The moment being looked at, if any, and the pinned run, if any.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replay {
    viewing: Option<Viewed>,
    pin: Option<Rc<Pin>>,
}

impl Replay {
    /// The earlier moment shown instead of the present, if the learner went back.
    pub fn viewing(&self) -> Option<&Viewed> {
        self.viewing.as_ref()
    }

    /// The run pinned for comparison, if any.
    pub fn pin(&self) -> Option<&Rc<Pin>> {
        self.pin.as_ref()
    }

    /// Back to the present (nothing else changes).
    pub fn to_present(&mut self) {
        self.viewing = None;
    }

    /// The first weights of a new run `run` while a run is pinned: the pinned run's own, bit for
    /// bit, where the layers have the same sizes; for another shape, weights drawn (Xavier) from
    /// the pinned run's seed alone, so that no data setting changes them. `None` without a pin.
    fn first_weights(&self, run: &Run) -> Option<Vec<f64>> {
        let pin = self.pin.as_ref()?;
        let network = run.network();
        if network.sizes() == pin.first.1.as_slice() {
            return Some(pin.first.0.clone());
        }
        let mut rng = Rng::new(pin.settings.data.seed);
        let drawn = Network::new(network.sizes(), network.activations(), Init::Xavier, &mut rng).ok()?;
        Some(drawn.params().to_vec())
    }
}

/// Whether `action` goes on from the present: training (a step, an epoch, play, the next phase),
/// a typed weight, going back to the best weights, or a point added, removed or imported. Shown an earlier moment, the lab first
/// returns to the present, then does it; "Resume from here" is how to train on from the past.
pub fn returns_to_present(action: &Action) -> bool {
    matches!(
        action,
        Action::Step
            | Action::Epoch
            | Action::TogglePlay
            | Action::NextPhase
            | Action::GoBack
            | Action::SetWeight { .. }
            | Action::GradientCheck
            | Action::Edit(Edit::Add { .. } | Edit::Remove { .. } | Edit::Import(_))
    )
}

impl Lab {
    /// Part of the run's state that replays it.
    pub fn replay(&self) -> &Replay {
        &self.replay
    }

    /// The network every view draws: the one of the moment looked at, or the present one.
    pub fn shown_network(&self) -> &Network {
        self.replay.viewing.as_ref().map_or(self.run.network(), |v| &v.network)
    }

    /// The moments the learner can go back to, the present not counted: the scrubber's last
    /// position, one past these, is the present.
    pub fn moments(&self) -> usize {
        self.record.past().len()
    }

    /// Shows moment `index` of the run ([`Lab::moments`] or more: the present). Looking back pauses
    /// training; the present's weights, record and counter do not change.
    pub(super) fn view_moment(&mut self, index: usize) {
        let Some(snapshot) = self.record.past().get(index).cloned() else {
            self.replay.viewing = None;
            return;
        };
        if snapshot.state.is_none() || snapshot.params.len() != self.run.network().params().len() {
            return;
        }
        self.playing = false;
        self.walk.end();
        let mut network = self.run.network().clone();
        network.params_mut().copy_from_slice(&snapshot.params);
        let epoch = snapshot.state.as_ref().map_or(0.0, |s| s.epoch_progress());
        let measured = self.measure_network(&network, epoch);
        self.replay.viewing = Some(Viewed {
            index,
            snapshot,
            network,
            measured,
        });
    }

    /// The costs and accuracies `network` gives on both sets, as the readouts show them (one
    /// forward pass of each set with the loss in use, in chunks of the batch size as the trainer
    /// measures: the same sums in the same order, so the same numbers).
    fn measure_network(&self, network: &Network, epoch: f64) -> (CostPoint, Option<(f64, f64)>) {
        let loss = self.run.trainer().loss();
        let mut work = network.new_batch(self.run.trainer().batch_size());
        let (train, train_accuracy) = network.evaluate(self.run.train(), loss, &mut work);
        let (test, test_accuracy) = network.evaluate(self.run.test(), loss, &mut work);
        let classes = self.settings.data.kind.task() != crate::core::Task::Regression;
        (
            CostPoint { epoch, train, test },
            classes.then_some((train_accuracy, test_accuracy)),
        )
    }

    /// The training and test cost of the step shown (the latest, at the present).
    pub fn shown_cost(&self) -> Option<CostPoint> {
        self.replay
            .viewing
            .as_ref()
            .map(|v| v.measured.0)
            .or(self.record.latest())
    }

    /// For classification, the share of training and test points classified right by the
    /// weights of the step shown.
    pub fn shown_accuracy(&self) -> Option<(f64, f64)> {
        match &self.replay.viewing {
            Some(v) => v.measured.1,
            None => self.record.accuracy(),
        }
    }

    /// Trains on from the moment looked at: the trainer gets its weights and its whole state (the
    /// step counter goes on from there; the optimizer's moments, Adam's m and v and its β powers,
    /// are those of that moment, so that with the same settings the same steps give the same
    /// weights as the first time, bit for bit), then the settings in use (a different optimizer
    /// starts its own state afresh, as switching it always does). The costs, rate changes and
    /// snapshots after that moment are forgotten. Nothing happens at the present.
    pub(super) fn resume_here(&mut self) {
        let Some(viewed) = self.replay.viewing.take() else {
            return;
        };
        let Some(state) = viewed.snapshot.state.as_ref() else {
            return;
        };
        let mut run = self.run.clone();
        if !run.resume(&viewed.snapshot.params, state) || run.configure(&self.settings).is_err() {
            return;
        }
        // Its place among all the path's snapshots: the past is their beginning.
        if !self.record.rewind(viewed.index, viewed.epoch()) {
            return;
        }
        self.run = run;
        self.walk.end();
        self.message = None;
        // Weights put back, as Go back does: the coach watches afresh.
        self.coach.restart();
        self.measure();
    }

    /// Pins the current run: its cost curves stay on the chart, and every new run starts from its
    /// first weights, until [`Action::Unpin`]. Pinning again replaces the pin.
    pub(super) fn pin_run(&mut self) {
        let Some(first) = self.record.path().snapshots().first() else {
            return;
        };
        let sizes = self.run.network().sizes().to_vec();
        self.replay.pin = Some(Rc::new(Pin {
            history: self.record.history().clone(),
            settings: self.settings.clone(),
            first: (first.params.clone(), sizes),
        }));
    }

    /// Takes the pin away; the current run goes on as it is.
    pub(super) fn unpin(&mut self) {
        self.replay.pin = None;
    }

    /// The weights a new run starts from, unless given: the pinned run's first weights, if a
    /// run is pinned (see [`Replay::first_weights`]).
    pub(super) fn pinned_start(&self) -> Option<Vec<f64>> {
        self.replay.first_weights(&self.run)
    }
}

/// The names of the pinned run and of the current one on the chart, in `lang`: the optimizer,
/// the learning rate and the batch size of each, and any other setting in which they differ
/// (the hidden layers, the penalty, the data).
pub fn run_names(lang: Lang, pinned: &Settings, now: &Settings) -> [String; 2] {
    [(pinned, now, true), (now, pinned, false)].map(|(own, other, is_pinned)| {
        let optimizer = match own.optimizer {
            OptimizerKind::Sgd => "SGD",
            kind => lang.optimizer(kind),
        };
        let mut parts = vec![
            optimizer.to_string(),
            format!("η {}", format::rate(own.learning_rate)),
            lang.batch_of(own.batch_size),
        ];
        if own.hidden != other.hidden {
            parts.push(lang.layers_of(&own.hidden));
        }
        if own.regularization != other.regularization {
            parts.push(match own.regularization {
                (Regularization::None, _) => lang.regularization(Regularization::None).to_string(),
                (kind, rate) => format!("{} λ {}", lang.regularization(kind), format::rate(rate)),
            });
        }
        if own.data.kind != other.data.kind {
            parts.push(lang.dataset_short(own.data.kind).to_string());
        }
        lang.run_name(is_pinned, &parts)
    })
}
