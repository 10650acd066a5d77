//! Labelled samples: inputs and targets in flat buffers, and the 2-D sets a learner trains on.

use super::data::{DatasetKind, Points};
use super::rng::Rng;

/// A set of samples: `inputs` holds `dim` numbers per sample, `targets` holds `outputs` numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Dataset {
    dim: usize,
    outputs: usize,
    inputs: Vec<f64>,
    targets: Vec<f64>,
}

impl Dataset {
    /// An empty set of samples with `dim` inputs and `outputs` targets each.
    pub fn new(dim: usize, outputs: usize) -> Self {
        Self {
            dim,
            outputs,
            inputs: Vec::new(),
            targets: Vec::new(),
        }
    }

    /// Adds one sample. Panics if the lengths are not `dim` and `outputs` (a caller's bug).
    pub fn push(&mut self, input: &[f64], target: &[f64]) {
        assert_eq!(input.len(), self.dim, "input length");
        assert_eq!(target.len(), self.outputs, "target length");
        self.inputs.extend_from_slice(input);
        self.targets.extend_from_slice(target);
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.targets.len() / self.outputs
    }

    /// Whether there are no samples.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Numbers per input.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The input of sample `i`.
    pub fn input(&self, i: usize) -> &[f64] {
        &self.inputs[i * self.dim..(i + 1) * self.dim]
    }

    /// The target of sample `i`.
    pub fn target(&self, i: usize) -> &[f64] {
        &self.targets[i * self.outputs..(i + 1) * self.outputs]
    }

    /// The circle set of [`DatasetKind::Circle`] as inputs and targets: a disc of radius 0.5
    /// (label 1) inside a ring from 0.7 to 1.0 (label 0), `n` points, jittered by `noise`.
    pub fn circle(n: usize, noise: f64, rng: &mut Rng) -> Self {
        Points::generate(DatasetKind::Circle, n, noise, rng).to_dataset()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_come_back_as_pushed() {
        let mut set = Dataset::new(3, 2);
        assert!(set.is_empty());
        set.push(&[1.0, 2.0, 3.0], &[0.0, 1.0]);
        set.push(&[4.0, 5.0, 6.0], &[1.0, 0.0]);
        assert_eq!((set.len(), set.dim()), (2, 3));
        assert_eq!((set.input(1), set.target(1)), (&[4.0, 5.0, 6.0][..], &[1.0, 0.0][..]));
    }
}
