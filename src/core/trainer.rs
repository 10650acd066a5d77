//! Training by backpropagation and mini-batch gradient descent, one step at a time.

use super::dataset::Dataset;
use super::loss::Loss;
use super::network::{Gradients, Network, Trace};
use super::rng::Rng;
use std::fmt;

/// A setting the trainer refused, with the reason a learner can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// The learning rate was zero, negative, or not a finite number.
    LearningRate,
    /// The batch size was zero.
    BatchSize,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SettingsError::LearningRate => "learning rate must be a positive, finite number",
            SettingsError::BatchSize => "batch size must be at least 1",
        })
    }
}

impl std::error::Error for SettingsError {}

/// What one training step did, for the UI to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    /// Steps taken so far, this one included.
    pub step: u64,
    /// Whole passes over the training set completed so far.
    pub epoch: u64,
    /// Whether this step finished an epoch.
    pub epoch_finished: bool,
    /// The cost (mean loss) of this mini-batch before the update.
    pub batch_cost: f64,
    /// ‖∂C/∂θ‖ over all weights and biases for this mini-batch.
    pub gradient_norm: f64,
    /// The largest |Δw| or |Δb| of the update.
    pub largest_change: f64,
    /// The learning rate η this step used.
    pub learning_rate: f64,
}

/// A network with its loss, learning rate and mini-batch schedule. The caller owns the loop:
/// each [`Trainer::step`] takes one mini-batch and returns a [`StepReport`].
#[derive(Clone, Debug, PartialEq)]
pub struct Trainer {
    network: Network,
    loss: Loss,
    learning_rate: f64,
    batch_size: usize,
    order: Vec<usize>,
    cursor: usize,
    steps: u64,
    epochs: u64,
    rng: Rng,
    trace: Trace,
    grad: Gradients,
}

impl Trainer {
    /// A trainer for `network`; `rng` shuffles the samples each epoch.
    pub fn new(
        network: Network,
        loss: Loss,
        learning_rate: f64,
        batch_size: usize,
        rng: Rng,
    ) -> Result<Self, SettingsError> {
        let trace = network.new_trace();
        let grad = network.new_gradients();
        let mut trainer = Self {
            network,
            loss,
            learning_rate: 1.0,
            batch_size: 1,
            order: Vec::new(),
            cursor: 0,
            steps: 0,
            epochs: 0,
            rng,
            trace,
            grad,
        };
        trainer.set_learning_rate(learning_rate)?;
        trainer.set_batch_size(batch_size)?;
        Ok(trainer)
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The loss being minimised.
    pub fn loss(&self) -> Loss {
        self.loss
    }

    /// The learning rate η the next step will use.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// Sets η for the next step on; the weights are kept.
    pub fn set_learning_rate(&mut self, rate: f64) -> Result<(), SettingsError> {
        if !(rate.is_finite() && rate > 0.0) {
            return Err(SettingsError::LearningRate);
        }
        self.learning_rate = rate;
        Ok(())
    }

    /// Samples per mini-batch.
    pub fn batch_size(&self) -> usize {
        self.batch_size
    }

    /// Sets the mini-batch size for the next step on; the weights are kept.
    pub fn set_batch_size(&mut self, size: usize) -> Result<(), SettingsError> {
        if size == 0 {
            return Err(SettingsError::BatchSize);
        }
        self.batch_size = size;
        Ok(())
    }

    /// Steps taken so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Whole epochs completed so far.
    pub fn epochs(&self) -> u64 {
        self.epochs
    }

    /// Epochs as a fraction: completed epochs plus the share of the current one already seen.
    pub fn epoch_progress(&self) -> f64 {
        let n = self.order.len().max(1);
        self.epochs as f64 + self.cursor as f64 / n as f64
    }

    /// The cost C = mean loss over `data`, with the current weights.
    pub fn cost(&mut self, data: &Dataset) -> f64 {
        if data.is_empty() {
            return 0.0;
        }
        let mut total = 0.0;
        for i in 0..data.len() {
            self.network.forward(data.input(i), &mut self.trace);
            total += self.network.loss(&self.trace, data.target(i), self.loss);
        }
        total / data.len() as f64
    }

    /// One step of gradient descent on the next mini-batch of `data`: forward and backward pass
    /// for each of its samples, then w ← w − η·∂C/∂w with C the batch's mean loss.
    /// Allocates nothing once the epoch order exists.
    pub fn step(&mut self, data: &Dataset) -> StepReport {
        if self.order.len() != data.len() {
            self.order = (0..data.len()).collect();
            self.rng.shuffle(&mut self.order);
            self.cursor = 0;
        }
        self.grad.clear();
        let end = (self.cursor + self.batch_size).min(self.order.len());
        let batch = end - self.cursor;
        let mut total = 0.0;
        for &i in &self.order[self.cursor..end] {
            self.network.forward(data.input(i), &mut self.trace);
            total += self.network.loss(&self.trace, data.target(i), self.loss);
            self.network
                .backward(&mut self.trace, data.target(i), self.loss, &mut self.grad);
        }
        let scale = 1.0 / batch.max(1) as f64;
        let eta = self.learning_rate;
        let mut largest: f64 = 0.0;
        let params = self
            .network
            .weights_mut()
            .iter_mut()
            .zip(&self.grad.weights);
        for (w, g) in params {
            let delta = eta * g * scale;
            *w -= delta;
            largest = largest.max(delta.abs());
        }
        for (b, g) in self.network.biases_mut().iter_mut().zip(&self.grad.biases) {
            let delta = eta * g * scale;
            *b -= delta;
            largest = largest.max(delta.abs());
        }
        self.steps += 1;
        self.cursor = end;
        let epoch_finished = self.cursor >= self.order.len();
        if epoch_finished {
            self.epochs += 1;
            self.cursor = 0;
            self.rng.shuffle(&mut self.order);
        }
        StepReport {
            step: self.steps,
            epoch: self.epochs,
            epoch_finished,
            batch_cost: total * scale,
            gradient_norm: self.grad.norm() * scale,
            largest_change: largest,
            learning_rate: eta,
        }
    }
}
