//! A bounded record of the weights as training goes, so the learner can scrub back in time.
//!
//! Snapshots are taken every `every` steps. When the record is full, every other snapshot is
//! dropped and the interval doubles: the whole run stays covered, at a coarser grain, and memory
//! never grows past `capacity` snapshots. Each snapshot is shared (`Rc`): a copy of the history,
//! to roll back to or to draw, copies pointers, not weights.

use super::trainer::{Trainer, TrainerState};
use std::rc::Rc;

/// The weights and cost at one moment of training.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Steps taken when it was recorded (or the recording's number, as the recorder counts).
    pub step: u64,
    /// The cost then.
    pub cost: f64,
    /// Every parameter then, in [`crate::Network::params`] order.
    pub params: Vec<f64>,
    /// The trainer's state then, to train on from this moment ([`Trainer::restore`]), if it
    /// was recorded with [`History::record_trainer`].
    pub state: Option<TrainerState>,
}

/// Snapshots every `every` steps, at most `capacity` of them.
#[derive(Clone, Debug)]
pub struct History {
    every: u64,
    capacity: usize,
    snapshots: Vec<Rc<Snapshot>>,
    /// Buffers of dropped snapshots no one else held, reused for new ones.
    spare: Vec<Vec<f64>>,
}

/// Two histories are equal when they hold equal snapshots at the same interval (the spare
/// buffers do not count). A snapshot shared by both is equal without a look at its numbers: a
/// copy of a history, as the page's views receive each frame, compares in a few pointer checks.
impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        self.every == other.every
            && self.capacity == other.capacity
            && self.snapshots.len() == other.snapshots.len()
            && self
                .snapshots
                .iter()
                .zip(&other.snapshots)
                .all(|(a, b)| Rc::ptr_eq(a, b) || a == b)
    }
}

impl History {
    /// An empty history recording every `every` steps (at least 1), keeping at most `capacity`
    /// snapshots (at least 2).
    pub fn new(every: u64, capacity: usize) -> Self {
        let capacity = capacity.max(2);
        Self {
            every: every.max(1),
            capacity,
            snapshots: Vec::with_capacity(capacity),
            spare: Vec::new(),
        }
    }

    /// The current interval between snapshots, in steps.
    pub fn every(&self) -> u64 {
        self.every
    }

    /// The most snapshots ever kept at once.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// The snapshots, oldest first.
    pub fn snapshots(&self) -> &[Rc<Snapshot>] {
        &self.snapshots
    }

    /// The latest snapshot at or before `step`, if any.
    pub fn at(&self, step: u64) -> Option<&Snapshot> {
        let k = self.snapshots.partition_point(|s| s.step <= step);
        k.checked_sub(1).map(|k| &*self.snapshots[k])
    }

    /// Records the weights after `step` steps if it falls on the interval.
    pub fn record(&mut self, step: u64, cost: f64, params: &[f64]) {
        self.record_with(step, cost, params, || None);
    }

    /// Records the weights and the whole state of `trainer` after `step` steps, if it falls on
    /// the interval (the state is copied only then).
    pub fn record_trainer(&mut self, step: u64, cost: f64, trainer: &Trainer) {
        self.record_with(step, cost, trainer.network().params(), || Some(trainer.state()));
    }

    fn record_with(&mut self, step: u64, cost: f64, params: &[f64], state: impl FnOnce() -> Option<TrainerState>) {
        if !step.is_multiple_of(self.every) || self.snapshots.last().is_some_and(|s| s.step >= step) {
            return;
        }
        // Thin until something is dropped: when the recorded steps are far apart, they may all
        // fall on the doubled interval too.
        while self.snapshots.len() >= self.capacity {
            self.thin();
        }
        if !step.is_multiple_of(self.every) {
            return;
        }
        let mut buffer = self.spare.pop().unwrap_or_default();
        buffer.clear();
        buffer.extend_from_slice(params);
        self.snapshots.push(Rc::new(Snapshot {
            step,
            cost,
            params: buffer,
            state: state(),
        }));
    }

    /// Drops the snapshots that are off the doubled interval, keeping their buffers.
    fn thin(&mut self) {
        self.every *= 2;
        let every = self.every;
        let mut kept = Vec::with_capacity(self.capacity);
        for s in self.snapshots.drain(..) {
            if s.step.is_multiple_of(every) {
                kept.push(s);
            } else if let Ok(dropped) = Rc::try_unwrap(s) {
                self.spare.push(dropped.params);
            }
        }
        self.snapshots = kept;
    }

    /// Forgets the snapshots after the first `keep` (going back in time): the next ones are
    /// recorded on the interval as before.
    pub fn truncate(&mut self, keep: usize) {
        for s in self.snapshots.drain(keep.min(self.snapshots.len())..) {
            if let Ok(dropped) = Rc::try_unwrap(s) {
                self.spare.push(dropped.params);
            }
        }
        self.spare.truncate(self.capacity);
    }

    /// Forgets everything (a new run), keeping the buffers.
    pub fn clear(&mut self, every: u64) {
        self.truncate(0);
        self.every = every.max(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_on_the_interval_and_finds_the_nearest_earlier_snapshot() {
        let mut h = History::new(5, 100);
        for step in 0..=30 {
            h.record(step, step as f64, &[step as f64, -(step as f64)]);
        }
        let steps: Vec<u64> = h.snapshots().iter().map(|s| s.step).collect();
        assert_eq!(steps, [0, 5, 10, 15, 20, 25, 30]);
        assert_eq!(h.at(17).unwrap().params, [15.0, -15.0]);
        assert_eq!(h.at(30).unwrap().step, 30);
        let mut late = History::new(5, 10);
        late.record(5, 1.0, &[1.0]);
        assert!(late.at(3).is_none());
    }

    #[test]
    fn memory_stays_bounded_and_the_whole_run_stays_covered() {
        let mut h = History::new(1, 16);
        for step in 0..100_000u64 {
            h.record(step, 0.0, &[step as f64; 8]);
            assert!(h.snapshots().len() <= 16);
        }
        let s = h.snapshots();
        assert_eq!(s[0].step, 0, "the start is kept");
        assert!(s.last().unwrap().step > 100_000 - 2 * h.every(), "the end is near");
        assert!(
            s.windows(2).all(|w| w[1].step - w[0].step == h.every()),
            "evenly spaced"
        );
        assert!(h.spare.len() <= 16, "dropped buffers are reused, not hoarded");
        assert!(s.iter().all(|snap| snap.params == [snap.step as f64; 8]));
    }

    #[test]
    fn memory_stays_bounded_when_the_recorded_steps_are_far_apart() {
        // Every recorded step is a multiple of 500: thinning by 2 and by 4 drops nothing.
        let mut h = History::new(1, 16);
        for k in 0..1000u64 {
            h.record(500 * k, 0.0, &[k as f64]);
            assert!(
                h.snapshots().len() <= 16,
                "{} snapshots after step {}",
                h.snapshots().len(),
                500 * k
            );
        }
        assert_eq!(h.snapshots()[0].step, 0, "the start is kept");
        assert!(h.snapshots().len() >= 8, "thinning halves, it does not empty");
    }

    #[test]
    fn copies_share_their_snapshots_and_compare_by_what_they_hold() {
        let mut h = History::new(1, 8);
        for step in 0..20 {
            h.record(step, 0.0, &[step as f64]);
        }
        let copy = h.clone();
        assert!(
            Rc::ptr_eq(&copy.snapshots()[0], &h.snapshots()[0]),
            "a copy copies pointers"
        );
        assert_eq!(copy, h);
        // The same numbers in other allocations are equal too; other numbers are not.
        let mut rebuilt = History::new(1, 8);
        for step in 0..20 {
            rebuilt.record(step, 0.0, &[step as f64]);
        }
        assert_eq!(rebuilt, h);
        h.record(20, 0.0, &[20.0]);
        assert_ne!(copy, h);
        let mut other = History::new(1, 8);
        for step in 0..20 {
            other.record(step, 0.0, &[-(step as f64)]);
        }
        assert_ne!(other, copy);
    }

    #[test]
    fn truncate_forgets_the_later_snapshots_and_recording_goes_on() {
        let mut h = History::new(1, 8);
        for step in 0..6 {
            h.record(step, 0.0, &[step as f64]);
        }
        h.truncate(3);
        assert_eq!(h.snapshots().iter().map(|s| s.step).collect::<Vec<_>>(), [0, 1, 2]);
        h.record(3, 0.0, &[30.0]);
        assert_eq!(h.at(3).unwrap().params, [30.0]);
        h.truncate(10);
        assert_eq!(h.snapshots().len(), 4, "keeping more than there are keeps them all");
    }

    #[test]
    fn clear_starts_a_new_run() {
        let mut h = History::new(2, 8);
        for step in 0..40 {
            h.record(step, 0.0, &[0.0]);
        }
        h.clear(3);
        assert!(h.snapshots().is_empty());
        assert_eq!(h.every(), 3);
        h.record(3, 1.0, &[2.0]);
        assert_eq!(h.snapshots().len(), 1);
    }
}
