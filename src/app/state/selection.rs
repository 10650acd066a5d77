//! What the learner has picked to look at: the training sample, the neuron or weight whose
//! numbers are written out, and the two weights that are the axes of the loss surface.

use crate::app::explain::Focus;
use crate::core::Network;

/// The sample, the focus and the axes.
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    sample: usize,
    focus: Focus,
    axes: Vec<Focus>,
}

impl Selection {
    /// The first sample and the first output neuron of `network`, no axes.
    pub fn new(network: &Network) -> Self {
        Self {
            sample: 0,
            focus: Focus::output(network),
            axes: Vec::new(),
        }
    }

    /// For a new run with `network`: the first sample and output again; the axes that still
    /// exist stay.
    pub fn for_new_run(&mut self, network: &Network) {
        let axes = std::mem::take(&mut self.axes);
        *self = Selection::new(network);
        self.axes = axes.into_iter().filter(|f| f.fits(network)).collect();
    }

    /// The training sample whose forward pass lights up the network.
    pub fn sample(&self) -> usize {
        self.sample
    }

    /// The neuron or weight whose numbers are written out.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The weights picked as axes of the loss surface (edges), at most two, oldest first.
    pub fn axes(&self) -> &[Focus] {
        &self.axes
    }

    /// Picks sample `sample` of `samples`; false (nothing changes) if there is no such sample.
    pub fn pick(&mut self, sample: usize, samples: usize) -> bool {
        let exists = sample < samples;
        if exists {
            self.sample = sample;
        }
        exists
    }

    /// Focuses `focus` if `network` has it.
    pub fn set_focus(&mut self, focus: Focus, network: &Network) {
        if focus.fits(network) {
            self.focus = focus;
        }
    }

    /// Uses the weight `focus` as an axis: the last two picked are the axes (a neuron, or a
    /// weight `network` does not have, is ignored).
    pub fn use_as_axis(&mut self, focus: Focus, network: &Network) {
        if matches!(focus, Focus::Edge { .. }) && focus.fits(network) && self.axes.last() != Some(&focus) {
            self.axes.retain(|&f| f != focus);
            self.axes.push(focus);
            if self.axes.len() > 2 {
                self.axes.remove(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Activation, Init, Rng};

    fn network(hidden: usize) -> Network {
        let acts = [Activation::Tanh, Activation::Sigmoid];
        Network::new(&[2, hidden, 1], &acts, Init::Xavier, &mut Rng::new(1)).unwrap()
    }

    #[test]
    fn a_new_run_keeps_the_axes_it_still_has_and_starts_at_the_output() {
        let big = network(4);
        let mut selection = Selection::new(&big);
        let edge = |layer, from, to| Focus::Edge { layer, from, to };
        selection.use_as_axis(edge(0, 1, 3), &big);
        selection.use_as_axis(edge(1, 0, 0), &big);
        assert!(selection.pick(7, 10) && !selection.pick(10, 10));
        selection.set_focus(edge(0, 0, 0), &big);
        selection.for_new_run(&network(2));
        assert_eq!(selection.axes(), [edge(1, 0, 0)], "hidden neuron 3 is gone");
        assert_eq!(selection.sample(), 0);
        assert_eq!(selection.focus(), Focus::Neuron { layer: 2, index: 0 });
    }
}
