//! The walk through backpropagation, one phase at a time, for the chosen sample.

use crate::app::explain::Phase;
use crate::core::SampleStep;
use std::rc::Rc;

/// Where the walk is: its phase (none when not walking) and, in the update phase, the numbers
/// of the step it took.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Walk {
    phase: Option<Phase>,
    step: Option<Rc<SampleStep>>,
}

impl Walk {
    /// The phase shown, if walking.
    pub fn phase(&self) -> Option<Phase> {
        self.phase
    }

    /// The walk's last update: the numbers of the step it took on the chosen sample, while its
    /// update phase is shown.
    pub fn step(&self) -> Option<&Rc<SampleStep>> {
        self.step.as_ref()
    }

    /// Whether the next phase is the update, which trains on the sample.
    pub fn updates_next(&self) -> bool {
        self.phase == Some(Phase::Backward)
    }

    /// Shows the next phase (not the update: see [`Walk::updated`]); starting, the first.
    pub fn advance(&mut self) {
        self.phase = Some(self.phase.map_or(Phase::Initialise, Phase::next));
        self.step = None;
    }

    /// Shows the update phase with the step it took.
    pub fn updated(&mut self, step: SampleStep) {
        self.phase = Some(Phase::Update);
        self.step = Some(Rc::new(step));
    }

    /// After a change of the sample or of a weight, the walk's numbers are stale: it goes on
    /// from the forward pass (if walking).
    pub fn back_to_forward(&mut self) {
        if self.phase.is_some() {
            self.phase = Some(Phase::Forward);
            self.step = None;
        }
    }

    /// Leaves the walk.
    pub fn end(&mut self) {
        *self = Walk::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_starts_at_initialise_and_goes_phase_by_phase() {
        let mut walk = Walk::default();
        walk.back_to_forward();
        assert_eq!(walk.phase(), None, "not walking: nothing to restart");
        let mut phases = Vec::new();
        for _ in 0..4 {
            walk.advance();
            phases.push(walk.phase().unwrap());
        }
        assert_eq!(
            phases,
            [Phase::Initialise, Phase::Forward, Phase::Loss, Phase::Backward]
        );
        assert!(walk.updates_next());
        walk.back_to_forward();
        assert_eq!(walk.phase(), Some(Phase::Forward));
        walk.end();
        assert_eq!(walk, Walk::default());
    }
}
