//! Labelled samples: inputs and targets in flat buffers, and the 2-D sets a learner trains on.

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

    /// Two classes in the plane [−1, 1]²: a disc of radius 0.5 (label 1) inside a ring from
    /// 0.7 to 1.0 (label 0), `n` points alternating between them. `noise` (0–0.5) jitters every
    /// point by a normal offset of standard deviation `noise`·0.5.
    pub fn circle(n: usize, noise: f64, rng: &mut Rng) -> Self {
        let mut set = Self::new(2, 1);
        for k in 0..n {
            let inside = k % 2 == 0;
            let r = if inside {
                rng.uniform(0.0, 0.5)
            } else {
                rng.uniform(0.7, 1.0)
            };
            let angle = rng.uniform(0.0, std::f64::consts::TAU);
            let x = r * libm::cos(angle) + noise * 0.5 * rng.normal();
            let y = r * libm::sin(angle) + noise * 0.5 * rng.normal();
            set.push(&[x, y], &[if inside { 1.0 } else { 0.0 }]);
        }
        set
    }

    /// Splits the samples at random into a training set holding `train_fraction` of them
    /// (rounded, at least one) and a test set holding the rest.
    pub fn split(&self, train_fraction: f64, rng: &mut Rng) -> (Dataset, Dataset) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        rng.shuffle(&mut order);
        let n_train = ((self.len() as f64 * train_fraction).round() as usize).clamp(1, self.len());
        let mut train = Self::new(self.dim, self.outputs);
        let mut test = Self::new(self.dim, self.outputs);
        for (k, &i) in order.iter().enumerate() {
            let set = if k < n_train { &mut train } else { &mut test };
            set.push(self.input(i), self.target(i));
        }
        (train, test)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn circle_has_both_classes_where_they_belong() {
        let set = Dataset::circle(200, 0.0, &mut Rng::new(1));
        assert_eq!(set.len(), 200);
        let mut ones = 0;
        for i in 0..set.len() {
            let [x, y] = [set.input(i)[0], set.input(i)[1]];
            let r = x.hypot(y);
            if set.target(i)[0] == 1.0 {
                ones += 1;
                assert!(r < 0.5);
            } else {
                assert!((0.7..=1.0).contains(&r));
            }
        }
        assert_eq!(ones, 100);
    }

    #[test]
    fn split_keeps_every_sample_once() {
        let set = Dataset::circle(250, 0.1, &mut Rng::new(2));
        let (train, test) = set.split(0.8, &mut Rng::new(3));
        assert_eq!((train.len(), test.len()), (200, 50));
        let mut all: Vec<(u64, u64)> = (0..train.len())
            .map(|i| (train.input(i)[0].to_bits(), train.input(i)[1].to_bits()))
            .chain((0..test.len()).map(|i| (test.input(i)[0].to_bits(), test.input(i)[1].to_bits())))
            .collect();
        let mut original: Vec<(u64, u64)> = (0..set.len())
            .map(|i| (set.input(i)[0].to_bits(), set.input(i)[1].to_bits()))
            .collect();
        all.sort_unstable();
        original.sort_unstable();
        assert_eq!(all, original);
    }

    #[test]
    fn same_seed_same_data() {
        assert_eq!(
            Dataset::circle(50, 0.2, &mut Rng::new(9)),
            Dataset::circle(50, 0.2, &mut Rng::new(9))
        );
        assert_ne!(
            Dataset::circle(50, 0.2, &mut Rng::new(9)),
            Dataset::circle(50, 0.2, &mut Rng::new(10))
        );
    }
}
