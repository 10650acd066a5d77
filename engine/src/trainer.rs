//! Training by backpropagation, one step at a time: the caller owns the loop.
//!
//! The article's five steps: (1) initialise the weights ([`Network::new`]); (2) forward pass;
//! (3) backward pass, each neuron's share of the error; (4) update the weights; (5) repeat until
//! the error is small enough ([`Convergence`]). [`Trainer::step`] runs 2–4 on one mini-batch; the
//! phase methods run them one at a time and return what each computed, with the same result.

use super::dataset::Dataset;
use super::loss::{Loss, Regularization};
use super::network::{Batch, Gradients, Network, Trace};
use super::optimizer::{Optimizer, OptimizerKind};
use super::rng::Rng;
use std::fmt;

mod checkpoint;
pub use checkpoint::TrainerState;

/// A batch cost above this counts as exploded, like a non-finite one.
pub const EXPLODED_COST: f64 = 1e6;

/// A setting the trainer refused, with the reason a learner can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// The learning rate was zero, negative, or not a finite number.
    LearningRate,
    /// The batch size was zero.
    BatchSize,
    /// The regularisation rate was negative or not a finite number.
    RegularizationRate,
    /// The loss does not fit the output layer (e.g. cross-entropy after tanh).
    LossMismatch,
    /// Weights and biases were given for a network of another shape.
    ParamCount,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SettingsError::LearningRate => "learning rate must be a positive, finite number",
            SettingsError::BatchSize => "batch size must be at least 1",
            SettingsError::RegularizationRate => "regularisation rate must be zero or a positive, finite number",
            SettingsError::LossMismatch => {
                "this loss does not fit the output layer: cross-entropy needs a sigmoid output, softmax cross-entropy a linear output of 2–4 neurons"
            }
            SettingsError::ParamCount => "the number of weights and biases does not fit the network",
        })
    }
}

impl std::error::Error for SettingsError {}

/// What one training step did, for the UI to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepReport {
    /// Steps taken so far, this one included (a diverged step is not counted).
    pub step: u64,
    /// Whole passes over the training set completed so far.
    pub epoch: u64,
    /// Whether this step finished an epoch.
    pub epoch_finished: bool,
    /// The cost (mean loss) of this mini-batch before the update, without the penalty.
    pub batch_cost: f64,
    /// The regularisation penalty λ·Σ pen(w) before the update.
    pub penalty: f64,
    /// ‖∂C/∂θ‖ over all weights and biases, penalty included.
    pub gradient_norm: f64,
    /// The largest |Δw| or |Δb| of the update.
    pub largest_change: f64,
    /// The learning rate η this step used.
    pub learning_rate: f64,
    /// The cost of the same mini-batch after the update, if asked for with
    /// [`Trainer::set_report_cost_after`] (it costs one more forward pass).
    pub batch_cost_after: Option<f64>,
    /// Whether the cost or the weights stopped being finite numbers (or the cost exploded past
    /// [`EXPLODED_COST`]). Then nothing was updated and the weights from before the step that
    /// broke them were put back.
    pub diverged: bool,
}

/// The forward phase for a mini-batch: each sample's z and a.
#[derive(Clone, Debug, PartialEq)]
pub struct ForwardPhase {
    /// The samples, as indices into the data.
    pub batch: Vec<usize>,
    /// One trace per sample, in batch order (δ filled in by the backward phase).
    pub traces: Vec<Trace>,
    /// The batch as the kernels hold it, so that the backward phase runs exactly as a step does.
    work: Batch,
}

/// The loss phase: each sample's loss, and the batch's cost and penalty.
#[derive(Clone, Debug, PartialEq)]
pub struct LossPhase {
    /// The loss of each sample, in batch order.
    pub losses: Vec<f64>,
    /// Their mean: the batch's cost.
    pub cost: f64,
    /// The regularisation penalty λ·Σ pen(w).
    pub penalty: f64,
}

/// The update phase: how each parameter moved.
#[derive(Clone, Debug, PartialEq)]
pub struct UpdatePhase {
    /// Δθ for every weight then every bias, in [`Network::params`] order.
    pub change: Vec<f64>,
    /// What the step reported.
    pub report: StepReport,
}

/// One step on a single sample ([`Trainer::sample_step`]): every number of its four phases.
#[derive(Clone, Debug, PartialEq)]
pub struct SampleStep {
    /// The forward pass (z, a) and the backward pass (δ) of the sample, before the update.
    pub trace: Trace,
    /// The sample's loss L before the update (no penalty).
    pub loss: f64,
    /// ∂C/∂θ the update used: ∂L/∂θ plus the penalty's gradient, in [`Network::params`] order.
    pub gradient: Gradients,
    /// Every weight then every bias before the update.
    pub before: Vec<f64>,
    /// Δθ the update made (all zero if the step diverged).
    pub change: Vec<f64>,
    /// What the step reported.
    pub report: StepReport,
}

/// "Repeat until the error is small enough": when to stop training.
#[derive(Clone, Debug, PartialEq)]
pub struct Convergence {
    /// Stop once the epoch cost is below this.
    pub target: Option<f64>,
    /// Stop once the epoch cost has not improved by more than `min_improvement` for `epochs` epochs.
    pub patience: Option<(usize, f64)>,
    best: f64,
    since_best: usize,
}

/// Why training stopped by itself.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum StopReason {
    /// The cost fell below the target.
    TargetReached {
        /// The epoch cost that did it.
        cost: f64,
        /// The target.
        target: f64,
    },
    /// The cost stopped improving.
    StoppedImproving {
        /// Epochs without enough improvement.
        epochs: usize,
        /// The improvement that would have counted.
        min_improvement: f64,
    },
}

impl Convergence {
    /// A rule with an optional cost target and an optional (epochs, ε) patience.
    pub fn new(target: Option<f64>, patience: Option<(usize, f64)>) -> Self {
        Self {
            target,
            patience,
            best: f64::INFINITY,
            since_best: 0,
        }
    }

    /// Feeds the cost at the end of an epoch; says whether to stop, and why.
    pub fn observe(&mut self, cost: f64) -> Option<StopReason> {
        if let Some(target) = self.target {
            if cost < target {
                return Some(StopReason::TargetReached { cost, target });
            }
        }
        let (epochs, min_improvement) = self.patience?;
        if cost < self.best - min_improvement {
            self.best = cost;
            self.since_best = 0;
            return None;
        }
        self.since_best += 1;
        (self.since_best >= epochs).then_some(StopReason::StoppedImproving {
            epochs,
            min_improvement,
        })
    }
}

/// The result of a gradient check.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GradientCheck {
    /// max over parameters of |backprop − numeric| / max(|backprop|, |numeric|, 1e-7).
    pub largest_relative_error: f64,
    /// The parameter where it occurs, in [`Network::params`] order.
    pub parameter: usize,
}

/// A network with its loss, optimizer, learning rate, regularisation and mini-batch schedule.
/// Every setting can change between two steps without touching the weights.
#[derive(Clone, Debug, PartialEq)]
pub struct Trainer {
    network: Network,
    loss: Loss,
    learning_rate: f64,
    batch_size: usize,
    regularization: Regularization,
    regularization_rate: f64,
    optimizer: Optimizer,
    order: Vec<usize>,
    cursor: usize,
    steps: u64,
    epochs: u64,
    rng: Rng,
    trace: Trace,
    /// The mini-batch workspace of [`Trainer::step`].
    work: Batch,
    grad: Gradients,
    change: Vec<f64>,
    /// The parameters before the last update, put back if that update broke them.
    previous: Vec<f64>,
    /// Whether a step also measures its batch's cost after the update.
    report_cost_after: bool,
}

impl Trainer {
    /// A trainer for `network` with plain SGD and no regularisation; `rng` shuffles the samples
    /// each epoch.
    pub fn new(
        network: Network,
        loss: Loss,
        learning_rate: f64,
        batch_size: usize,
        rng: Rng,
    ) -> Result<Self, SettingsError> {
        let n = network.params().len();
        let mut trainer = Self {
            trace: network.new_trace(),
            work: network.new_batch(batch_size),
            grad: network.new_gradients(),
            previous: network.params().to_vec(),
            network,
            loss,
            learning_rate: 1.0,
            batch_size: 1,
            regularization: Regularization::None,
            regularization_rate: 0.0,
            optimizer: Optimizer::new(OptimizerKind::Sgd, n),
            order: Vec::new(),
            cursor: 0,
            steps: 0,
            epochs: 0,
            rng,
            change: vec![0.0; n],
            report_cost_after: false,
        };
        trainer.set_loss(loss)?;
        trainer.set_learning_rate(learning_rate)?;
        trainer.set_batch_size(batch_size)?;
        Ok(trainer)
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Gives the network these weights and biases (in [`Network::params`] order), to type in a
    /// weight or to go back to earlier ones. They also become the weights a broken step puts
    /// back, so a rollback never returns to weights from before this change. Refused, changing
    /// nothing, if the count is not the network's.
    pub fn set_params(&mut self, params: &[f64]) -> Result<(), SettingsError> {
        if params.len() != self.network.params().len() {
            return Err(SettingsError::ParamCount);
        }
        self.network.params_mut().copy_from_slice(params);
        self.previous.copy_from_slice(params);
        Ok(())
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
        if self.work.capacity() != size {
            self.work = self.network.new_batch(size);
        }
        self.batch_size = size;
        Ok(())
    }

    /// The regularisation and its rate λ.
    pub fn regularization(&self) -> (Regularization, f64) {
        (self.regularization, self.regularization_rate)
    }

    /// Sets the regularisation and its rate λ for the next step on; the weights are kept.
    pub fn set_regularization(&mut self, kind: Regularization, rate: f64) -> Result<(), SettingsError> {
        if !(rate.is_finite() && rate >= 0.0) {
            return Err(SettingsError::RegularizationRate);
        }
        self.regularization = kind;
        self.regularization_rate = rate;
        Ok(())
    }

    /// The optimizer in use.
    pub fn optimizer(&self) -> &Optimizer {
        &self.optimizer
    }

    /// Switches the optimizer for the next step on (its own state starts afresh); the weights are kept.
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        self.optimizer.set_kind(kind);
    }

    /// Switches the loss for the next step on, if it fits the output layer; the weights are kept.
    pub fn set_loss(&mut self, loss: Loss) -> Result<(), SettingsError> {
        let outputs = *self.network.sizes().last().expect("a network has layers");
        let out_act = *self.network.activations().last().expect("a network has layers");
        if !loss.fits(out_act, outputs) {
            return Err(SettingsError::LossMismatch);
        }
        self.loss = loss;
        Ok(())
    }

    /// Whether each step also reports its mini-batch's cost after the update (one more forward
    /// pass per step; off by default).
    pub fn set_report_cost_after(&mut self, on: bool) {
        self.report_cost_after = on;
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

    /// The regularisation penalty λ·Σ pen(w) of the current weights.
    pub fn penalty(&self) -> f64 {
        penalty_of(self.network.weights(), self.regularization, self.regularization_rate)
    }

    /// The cost C = mean loss over `data`, with the current weights (penalty not included).
    pub fn cost(&mut self, data: &Dataset) -> f64 {
        self.network.cost(data, self.loss, &mut self.work)
    }

    /// The share of `data` classified right (see [`Network::accuracy`]).
    pub fn accuracy(&mut self, data: &Dataset) -> f64 {
        self.network.accuracy(data, &mut self.work)
    }

    /// The cost and the accuracy of `data` from one forward pass (see [`Network::evaluate`]).
    pub fn evaluate(&mut self, data: &Dataset) -> (f64, f64) {
        self.network.evaluate(data, self.loss, &mut self.work)
    }

    /// The samples the next step will train on, as indices into `data`.
    pub fn next_batch(&mut self, data: &Dataset) -> &[usize] {
        self.ensure_order(data);
        let end = (self.cursor + self.batch_size).min(self.order.len());
        &self.order[self.cursor..end]
    }

    /// One step of gradient descent on the next mini-batch of `data`: forward and backward pass
    /// for each of its samples, then the optimizer's update with C the batch's mean loss plus the
    /// penalty. Allocates nothing once the epoch order exists.
    pub fn step(&mut self, data: &Dataset) -> StepReport {
        self.ensure_order(data);
        self.grad.clear();
        let end = (self.cursor + self.batch_size).min(self.order.len());
        let samples = &self.order[self.cursor..end];
        let batch = samples.len();
        self.work
            .load(batch, |s| data.input(samples[s]), |s| data.target(samples[s]));
        let total = self.forward_loaded();
        self.network.backward_batch(&mut self.work, self.loss, &mut self.grad);
        let norm = self.finish_gradient(batch);
        let mut report = self.apply_update(total / batch.max(1) as f64, norm);
        self.advance(batch, &mut report);
        if self.report_cost_after && !report.diverged {
            report.batch_cost_after = Some(self.forward_loaded() / batch.max(1) as f64);
        }
        report
    }

    /// The forward pass of the mini-batch loaded in the workspace, and the sum of its losses.
    fn forward_loaded(&mut self) -> f64 {
        self.network.forward_batch(&mut self.work);
        self.network.loss_batch(&mut self.work, self.loss)
    }

    /// Phase 2, the forward pass, for the next mini-batch: every neuron's z and a per sample.
    pub fn forward_phase(&mut self, data: &Dataset) -> ForwardPhase {
        let batch = self.next_batch(data).to_vec();
        let mut work = self.network.new_batch(batch.len());
        work.load(batch.len(), |s| data.input(batch[s]), |s| data.target(batch[s]));
        self.network.forward_batch(&mut work);
        let traces = (0..batch.len()).map(|s| work.trace(s)).collect();
        ForwardPhase { batch, traces, work }
    }

    /// The loss of each sample of a forward phase, and the batch cost and penalty.
    pub fn loss_phase(&self, data: &Dataset, forward: &ForwardPhase) -> LossPhase {
        let losses: Vec<f64> = forward
            .batch
            .iter()
            .zip(&forward.traces)
            .map(|(&i, trace)| self.network.loss(trace, data.target(i), self.loss))
            .collect();
        let cost = losses.iter().sum::<f64>() / losses.len().max(1) as f64;
        LossPhase {
            losses,
            cost,
            penalty: self.penalty(),
        }
    }

    /// Phase 3, the backward pass: fills every δ in the forward phase's traces and returns
    /// ∂C/∂w and ∂C/∂b for the batch (mean over its samples, penalty included).
    pub fn backward_phase(&mut self, forward: &mut ForwardPhase) -> Gradients {
        self.grad.clear();
        let ForwardPhase { batch, traces, work } = forward;
        self.network.backward_batch(work, self.loss, &mut self.grad);
        for (s, trace) in traces.iter_mut().enumerate() {
            trace.delta = work.trace(s).delta;
        }
        self.finish_gradient(batch.len());
        self.grad.clone()
    }

    /// Phase 4, the update, with the gradient of a backward phase. Together the phases give
    /// exactly the weights [`Trainer::step`] gives.
    pub fn update_phase(&mut self, loss: &LossPhase, gradient: &Gradients) -> UpdatePhase {
        self.grad.values_mut().copy_from_slice(gradient.values());
        let mut report = self.apply_update(loss.cost, gradient.norm());
        self.advance(loss.losses.len(), &mut report);
        UpdatePhase {
            change: self.change.clone(),
            report,
        }
    }

    /// One step of gradient descent on a single sample, outside the epoch's batch order: the
    /// page's phase-by-phase walk for the sample the learner chose. Forward pass, loss, backward
    /// pass and the optimizer's update with C = L + penalty; the step is counted, the epoch does
    /// not advance. Returns every number of the walk.
    pub fn sample_step(&mut self, input: &[f64], target: &[f64]) -> SampleStep {
        self.grad.clear();
        self.network.forward(input, &mut self.trace);
        let loss = self.network.loss(&self.trace, target, self.loss);
        self.network
            .backward(&mut self.trace, target, self.loss, &mut self.grad);
        let norm = self.finish_gradient(1);
        let gradient = self.grad.clone();
        let before = self.network.params().to_vec();
        let report = self.apply_update(loss, norm);
        SampleStep {
            trace: self.trace.clone(),
            loss,
            gradient,
            before,
            change: self.change.clone(),
            report,
        }
    }

    /// Compares backprop with central differences (C(θ+h) − C(θ−h)) / 2h over `data` for every
    /// parameter, penalty included, and returns the largest relative error.
    pub fn gradient_check(&mut self, data: &Dataset) -> GradientCheck {
        const H: f64 = 1e-5;
        self.grad.clear();
        for i in 0..data.len() {
            self.network.forward(data.input(i), &mut self.trace);
            self.network
                .backward(&mut self.trace, data.target(i), self.loss, &mut self.grad);
        }
        self.finish_gradient(data.len());
        let mut worst = GradientCheck {
            largest_relative_error: 0.0,
            parameter: 0,
        };
        for k in 0..self.network.params().len() {
            let original = self.network.params()[k];
            self.network.params_mut()[k] = original + H;
            let up = self.cost(data) + self.penalty();
            self.network.params_mut()[k] = original - H;
            let down = self.cost(data) + self.penalty();
            self.network.params_mut()[k] = original;
            let numeric = (up - down) / (2.0 * H);
            let analytic = self.grad.values()[k];
            let error = (analytic - numeric).abs() / analytic.abs().max(numeric.abs()).max(1e-7);
            if error > worst.largest_relative_error || error.is_nan() {
                worst = GradientCheck {
                    largest_relative_error: error,
                    parameter: k,
                };
            }
        }
        worst
    }

    fn ensure_order(&mut self, data: &Dataset) {
        if self.order.len() != data.len() {
            self.order = (0..data.len()).collect();
            self.rng.shuffle(&mut self.order);
            self.cursor = 0;
        }
    }

    /// See [`mean_gradient`].
    fn finish_gradient(&mut self, batch: usize) -> f64 {
        let (reg, rate) = (self.regularization, self.regularization_rate);
        mean_gradient(&mut self.grad, self.network.weights(), batch, reg, rate)
    }

    /// Updates the parameters from `self.grad` and counts the step, unless the cost or the
    /// gradient is broken: then the parameters from before the last update come back.
    fn apply_update(&mut self, batch_cost: f64, gradient_norm: f64) -> StepReport {
        let penalty = self.penalty();
        let mut report = StepReport {
            step: self.steps,
            epoch: self.epochs,
            epoch_finished: false,
            batch_cost,
            penalty,
            gradient_norm,
            largest_change: 0.0,
            learning_rate: self.learning_rate,
            diverged: false,
            batch_cost_after: None,
        };
        let broken = |x: f64| !x.is_finite() || x > EXPLODED_COST;
        if broken(batch_cost + penalty) || !gradient_norm.is_finite() {
            self.network.params_mut().copy_from_slice(&self.previous);
            self.change.fill(0.0);
            report.diverged = true;
            return report;
        }
        self.optimizer
            .changes(self.grad.values(), self.learning_rate, &mut self.change);
        // One pass: keep each parameter for undoing, move it, track the largest move and finiteness.
        let mut largest: f64 = 0.0;
        let mut finite = true;
        let params = self.network.params_mut().iter_mut().zip(&mut self.previous);
        for ((p, previous), &d) in params.zip(&self.change) {
            *previous = *p;
            *p += d;
            largest = largest.max(d.abs());
            finite &= p.is_finite();
        }
        if !(finite && largest.is_finite()) {
            self.network.params_mut().copy_from_slice(&self.previous);
            self.change.fill(0.0);
            report.diverged = true;
            return report;
        }
        self.steps += 1;
        report.step = self.steps;
        report.largest_change = largest;
        report
    }

    /// Moves the epoch's batch order past the `batch` samples a step that did not diverge used.
    fn advance(&mut self, batch: usize, report: &mut StepReport) {
        if report.diverged {
            return;
        }
        self.cursor += batch;
        report.epoch_finished = self.cursor >= self.order.len();
        if report.epoch_finished {
            self.epochs += 1;
            self.cursor = 0;
            self.rng.shuffle(&mut self.order);
        }
        report.epoch = self.epochs;
    }
}

/// The regularisation penalty λ·Σ pen(w) of `weights`.
pub(crate) fn penalty_of(weights: &[f64], reg: Regularization, rate: f64) -> f64 {
    if reg == Regularization::None || rate == 0.0 {
        return 0.0;
    }
    rate * weights.iter().map(|&w| reg.penalty(w)).sum::<f64>()
}

/// Turns the per-sample gradients summed in `grad` into the batch mean plus the penalty's
/// gradient (λ·pen′(w) for each of `weights`), and returns the norm of the result (all in one
/// pass over the parameters): the gradient of the cost a step minimises.
pub(crate) fn mean_gradient(
    grad: &mut Gradients,
    weights: &[f64],
    batch: usize,
    reg: Regularization,
    rate: f64,
) -> f64 {
    let scale = 1.0 / batch.max(1) as f64;
    let (grad_w, grad_b) = grad.values_mut().split_at_mut(weights.len());
    let mut norm2 = 0.0;
    if reg != Regularization::None && rate > 0.0 {
        for (g, &w) in grad_w.iter_mut().zip(weights) {
            *g = *g * scale + rate * reg.derivative(w);
            norm2 += *g * *g;
        }
    } else {
        for g in grad_w.iter_mut() {
            *g *= scale;
            norm2 += *g * *g;
        }
    }
    for g in grad_b.iter_mut() {
        *g *= scale;
        norm2 += *g * *g;
    }
    norm2.sqrt()
}
