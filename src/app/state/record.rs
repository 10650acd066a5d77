//! The record of a run: its cost after each step, its learning-rate changes, its best weights,
//! the path of its weights for the loss surface, and the readouts of the latest weights.

use crate::core::{History, Snapshot, Trainer};
use std::rc::Rc;

/// Cost points kept for the chart; older ones are thinned out beyond this.
pub const HISTORY_LIMIT: usize = 2000;
/// Snapshots of the weights kept for the training path on the loss surface; beyond this every
/// other one is dropped (see [`History`]).
pub const PATH_LIMIT: usize = 256;

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

/// What the current weights give, measured at once: the chart's point and the readouts.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// The cost point.
    pub cost: CostPoint,
    /// For classification, the share of training and of test points classified right.
    pub accuracy: Option<(f64, f64)>,
    /// The loss of each sample of the mini-batch the next step trains on.
    pub batch_losses: Vec<f64>,
    /// Steps taken.
    pub steps: u64,
}

/// The record of one run. A new run starts a new record; every part of it is shared (`Rc`), so
/// keeping a copy to roll back to costs little.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    history: Rc<Vec<CostPoint>>,
    rate_changes: Rc<Vec<(f64, f64)>>,
    best: Rc<Best>,
    path: Rc<History>,
    recordings: u64,
    accuracy: Option<(f64, f64)>,
    batch_losses: Rc<Vec<f64>>,
}

impl Default for Record {
    fn default() -> Self {
        Self {
            history: Rc::new(Vec::new()),
            rate_changes: Rc::new(Vec::new()),
            best: Rc::new(Best {
                step: 0,
                cost: f64::INFINITY,
                params: Vec::new(),
            }),
            path: Rc::new(History::new(1, PATH_LIMIT)),
            recordings: 0,
            accuracy: None,
            batch_losses: Rc::new(Vec::new()),
        }
    }
}

impl Record {
    /// Cost after each step or tick, oldest first.
    pub fn history(&self) -> &Rc<Vec<CostPoint>> {
        &self.history
    }

    /// The latest cost point.
    pub fn latest(&self) -> Option<CostPoint> {
        self.history.last().copied()
    }

    /// Each change of the learning rate: (epochs trained when it changed, the new rate).
    pub fn rate_changes(&self) -> &Rc<Vec<(f64, f64)>> {
        &self.rate_changes
    }

    /// The weights with the lowest training cost seen in this run.
    pub fn best(&self) -> &Rc<Best> {
        &self.best
    }

    /// The weights after each recorded step or tick of this run, for the training path on the
    /// loss surface. Its snapshots are numbered by recording, not by training step: [`History`]
    /// thins evenly only when consecutive numbers are recorded, and a tick may take many steps.
    pub fn path(&self) -> &Rc<History> {
        &self.path
    }

    /// For classification, the share of training and of test points classified right, with the
    /// latest weights.
    pub fn accuracy(&self) -> Option<(f64, f64)> {
        self.accuracy
    }

    /// The loss of each sample of the mini-batch the next step trains on, with the latest weights.
    pub fn batch_losses(&self) -> &Rc<Vec<f64>> {
        &self.batch_losses
    }

    /// Adds what the weights `params` give: a point on the chart, the readouts, the path, and
    /// the best weights if they are the lowest yet.
    pub fn push(&mut self, m: Measurement, params: &[f64]) {
        self.note_best(&m, params);
        Rc::make_mut(&mut self.path).record(self.recordings, m.cost.train, params);
        self.add(m);
    }

    /// Like [`Record::push`] for the weights of `trainer`, with its whole state in the path, so
    /// that training can go on from any snapshot kept ([`Record::rewind`]).
    pub fn push_trained(&mut self, m: Measurement, trainer: &Trainer) {
        self.note_best(&m, trainer.network().params());
        Rc::make_mut(&mut self.path).record_trainer(self.recordings, m.cost.train, trainer);
        self.add(m);
    }

    /// Keeps `params` as the best weights if their training cost is the lowest yet.
    fn note_best(&mut self, m: &Measurement, params: &[f64]) {
        if m.cost.train < self.best.cost {
            self.best = Rc::new(Best {
                step: m.steps,
                cost: m.cost.train,
                params: params.to_vec(),
            });
        }
    }

    /// The chart's point and the readouts of a measurement whose weights the path has seen.
    fn add(&mut self, m: Measurement) {
        self.recordings += 1;
        self.accuracy = m.accuracy;
        self.batch_losses = Rc::new(m.batch_losses);
        let history = Rc::make_mut(&mut self.history);
        history.push(m.cost);
        if history.len() > HISTORY_LIMIT {
            // Keep the first point and every other one after it: the curve keeps its shape.
            let mut k = 0;
            history.retain(|_| {
                k += 1;
                k % 2 == 1
            });
        }
    }

    /// Like [`Record::push`], but the new measurement replaces the latest point: a change that
    /// alters the cost without a step (the loss, a typed weight) restates it.
    pub fn restate(&mut self, m: Measurement, params: &[f64]) {
        Rc::make_mut(&mut self.history).pop();
        self.push(m, params);
    }

    /// The snapshots of the path before the latest weights, oldest first: the moments the
    /// learner can go back to (the latest recording, if the path kept it, is the present).
    pub fn past(&self) -> &[Rc<Snapshot>] {
        let all = self.path.snapshots();
        match all.last() {
            Some(last) if last.step + 1 == self.recordings => &all[..all.len() - 1],
            _ => all,
        }
    }

    /// Goes back to the moment of the path's snapshot `index`, at `epoch` epochs, to train on from
    /// there: the costs, rate changes and snapshots after it are forgotten (the snapshot itself
    /// too: the weights put back are measured and recorded again, under its number), and the best
    /// weights are the best of the snapshots kept. False, changing nothing, if there is no such
    /// snapshot.
    pub fn rewind(&mut self, index: usize, epoch: f64) -> bool {
        let Some(at) = self.path.snapshots().get(index).map(|s| s.step) else {
            return false;
        };
        let path = Rc::make_mut(&mut self.path);
        path.truncate(index);
        self.recordings = at;
        Rc::make_mut(&mut self.history).retain(|p| p.epoch < epoch);
        Rc::make_mut(&mut self.rate_changes).retain(|c| c.0 <= epoch);
        let best = path
            .snapshots()
            .iter()
            .filter(|s| s.cost.is_finite())
            .min_by(|a, b| a.cost.total_cmp(&b.cost));
        self.best = Rc::new(match best {
            Some(s) => Best {
                step: s.state.as_ref().map_or(0, |t| t.steps()),
                cost: s.cost,
                params: s.params.clone(),
            },
            None => Best {
                step: 0,
                cost: f64::INFINITY,
                params: Vec::new(),
            },
        });
        true
    }

    /// Like [`Record::restate`] for the weights and state of `trainer`.
    pub fn restate_trained(&mut self, m: Measurement, trainer: &Trainer) {
        Rc::make_mut(&mut self.history).pop();
        self.push_trained(m, trainer);
    }

    /// Notes that the learning rate became `rate` after `epoch` epochs. A slider drag is one
    /// change on the chart: a rate set at the same point replaces the one before.
    pub fn rate_changed(&mut self, epoch: f64, rate: f64) {
        let changes = Rc::make_mut(&mut self.rate_changes);
        match changes.last_mut() {
            Some(last) if last.0 == epoch => last.1 = rate,
            _ => changes.push((epoch, rate)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(epoch: f64, train: f64, steps: u64) -> Measurement {
        Measurement {
            cost: CostPoint {
                epoch,
                train,
                test: train + 0.1,
            },
            accuracy: Some((1.0 - train, 0.9 - train)),
            batch_losses: vec![train; 3],
            steps,
        }
    }

    #[test]
    fn the_best_weights_are_those_of_the_lowest_cost_and_the_readouts_the_latest() {
        let mut record = Record::default();
        record.push(measured(0.0, 0.7, 0), &[1.0]);
        record.push(measured(0.1, 0.4, 5), &[2.0]);
        record.push(measured(0.2, 0.5, 9), &[3.0]);
        assert_eq!(
            *record.best().as_ref(),
            Best {
                step: 5,
                cost: 0.4,
                params: vec![2.0]
            }
        );
        assert_eq!(record.accuracy(), Some((0.5, 0.4)));
        assert_eq!(record.batch_losses().as_slice(), [0.5; 3]);
        assert_eq!(record.path().snapshots().len(), 3);
    }

    #[test]
    fn a_restated_cost_replaces_the_latest_point() {
        let mut record = Record::default();
        record.push(measured(0.0, 0.7, 0), &[1.0]);
        record.restate(measured(0.0, 0.6, 0), &[1.5]);
        assert_eq!(record.history().len(), 1);
        assert_eq!(record.latest().unwrap().train, 0.6);
    }

    #[test]
    fn the_history_is_thinned_and_keeps_its_first_point() {
        let mut record = Record::default();
        for k in 0..HISTORY_LIMIT + 10 {
            record.push(measured(k as f64, 1.0, k as u64), &[0.0]);
        }
        assert!(record.history().len() <= HISTORY_LIMIT);
        assert_eq!(record.history()[0].epoch, 0.0);
        assert!(record.history().windows(2).all(|w| w[0].epoch < w[1].epoch));
    }

    #[test]
    fn rate_changes_at_the_same_point_are_one_change() {
        let mut record = Record::default();
        record.rate_changed(0.0, 0.3);
        record.rate_changed(0.0, 0.5);
        record.rate_changed(0.25, 0.02);
        assert_eq!(*record.rate_changes().as_ref(), [(0.0, 0.5), (0.25, 0.02)]);
    }
}
