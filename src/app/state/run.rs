//! The run: the data and the trainer, configured from the settings. It is the only way the
//! weights change: training steps, a typed weight, weights put back, a model's weights.

use super::record::{CostPoint, Measurement};
use crate::app::explain::weight_index;
use crate::app::settings::{output_for, Settings};
use crate::core::features::expand;
use crate::core::{
    Convergence, Dataset, Feature, Init, Network, Points, Rng, SampleStep, SettingsError, StepReport, StopReason, Task,
    Trainer,
};
use std::rc::Rc;

/// Epochs without an improvement of at least [`FLAT_IMPROVEMENT`] after which "stop when it stops
/// improving" stops.
pub const FLAT_EPOCHS: usize = 20;
/// The smallest drop of the training cost that counts as an improvement.
pub const FLAT_IMPROVEMENT: f64 = 1e-4;

/// Why a run of steps halted before its end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Halt {
    /// A step broke the weights; the engine put back those from before it.
    Diverged,
    /// A stop rule was met at the end of an epoch.
    Stopped(StopReason),
}

/// The data and the trainer of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    trainer: Trainer,
    train: Rc<Dataset>,
    test: Rc<Dataset>,
    plane: (Rc<Dataset>, Rc<Dataset>),
    task: Task,
    convergence: Convergence,
    last_step: Option<StepReport>,
    gradient_check: Option<f64>,
}

impl Run {
    /// Data drawn and weights initialised from the data's seed, the trainer configured from
    /// `settings` (which the table's limits keep valid).
    pub fn new(settings: &Settings) -> Self {
        Self::with_points(settings, None)
    }

    /// Like [`Run::new`], but trained on `own` points (training, test) if given. The generated
    /// points are drawn all the same, so that the first weights are those of the settings' seed.
    pub fn with_points(settings: &Settings, own: Option<&(Points, Points)>) -> Self {
        let data = &settings.data;
        let mut rng = Rng::new(data.seed);
        let all = Points::generate(data.kind, data.points, data.noise, &mut rng);
        let generated = all.split(data.train_fraction, &mut rng);
        let (train, test) = own.unwrap_or(&generated);
        let task = data.kind.task();
        let (outputs, out_act, _) = output_for(task);
        let mut sizes = vec![settings.features.len()];
        sizes.extend(&settings.hidden);
        sizes.push(outputs);
        let mut acts = settings.activations.clone();
        acts.push(out_act);
        let network = Network::new(&sizes, &acts, Init::Xavier, &mut rng).expect("the settings keep the shape valid");
        let trainer = Trainer::new(
            network,
            settings.loss_in_use(),
            settings.learning_rate,
            settings.batch_size,
            rng,
        )
        .expect("the settings' limits keep the trainer's settings valid");
        let (train, test) = (train.to_dataset(), test.to_dataset());
        let mut run = Self {
            trainer,
            train: Rc::new(expand(&train, &settings.features)),
            test: Rc::new(expand(&test, &settings.features)),
            plane: (Rc::new(train), Rc::new(test)),
            task,
            convergence: Convergence::new(None, None),
            last_step: None,
            gradient_check: None,
        };
        run.configure(settings)
            .expect("the settings' limits keep the trainer's settings valid");
        run
    }

    /// Configures the trainer and the stop rules from `settings`, from the next step on; the
    /// weights are kept. Refused if the loss does not fit the output layer: then nothing changes.
    pub fn configure(&mut self, settings: &Settings) -> Result<(), SettingsError> {
        let t = &mut self.trainer;
        let loss = settings.loss_in_use();
        let network = t.network();
        let (outputs, out_act) = (
            network.sizes()[network.sizes().len() - 1],
            network.activations()[network.activations().len() - 1],
        );
        if !loss.fits(out_act, outputs) {
            return Err(SettingsError::LossMismatch);
        }
        t.set_learning_rate(settings.learning_rate)?;
        t.set_batch_size(settings.batch_size)?;
        let (kind, rate) = settings.regularization;
        t.set_regularization(kind, rate)?;
        t.set_loss(loss)?;
        t.set_optimizer(settings.optimizer);
        let patience = settings.stop_when_flat.then_some((FLAT_EPOCHS, FLAT_IMPROVEMENT));
        if self.convergence.patience == patience {
            self.convergence.target = settings.stop_below;
        } else {
            self.convergence = Convergence::new(settings.stop_below, patience);
        }
        Ok(())
    }

    /// Trains on these points from the next step on (their inputs the features `features`),
    /// with the same weights; the last step's report and the gradient check were for the old data.
    pub fn set_points(&mut self, train: &Points, test: &Points, features: &[Feature]) {
        let (train, test) = (train.to_dataset(), test.to_dataset());
        self.train = Rc::new(expand(&train, features));
        self.test = Rc::new(expand(&test, features));
        self.plane = (Rc::new(train), Rc::new(test));
        self.last_step = None;
        self.gradient_check = None;
    }

    /// The network, its loss and its learning rate.
    pub fn trainer(&self) -> &Trainer {
        &self.trainer
    }

    /// The network being trained.
    pub fn network(&self) -> &Network {
        self.trainer.network()
    }

    /// Samples trained on (the network's inputs: the features of each point).
    pub fn train(&self) -> &Rc<Dataset> {
        &self.train
    }

    /// Samples held out to measure how well the network generalises.
    pub fn test(&self) -> &Rc<Dataset> {
        &self.test
    }

    /// The training and test points as drawn on the plane, (x₁, x₂) each.
    pub fn plane(&self) -> &(Rc<Dataset>, Rc<Dataset>) {
        &self.plane
    }

    /// What the last step did.
    pub fn last_step(&self) -> Option<StepReport> {
        self.last_step
    }

    /// The largest relative error between backprop and finite differences, once checked.
    pub fn gradient_check(&self) -> Option<f64> {
        self.gradient_check
    }

    /// Steps until the current epoch is complete.
    pub fn steps_left_in_epoch(&self) -> usize {
        self.train.len().div_ceil(self.trainer.batch_size())
    }

    /// Up to `n` mini-batch steps; says why they halted early, if they did. The stop rules are
    /// watched at the end of each epoch.
    pub fn steps(&mut self, n: usize) -> Option<Halt> {
        self.steps_while(n, |_| true)
    }

    /// Up to `n` mini-batch steps, the first always and each further one only while
    /// `more(steps taken so far)` says so (a frame's time budget); says why they halted early,
    /// if a step or a stop rule halted them.
    pub fn steps_while(&mut self, n: usize, mut more: impl FnMut(usize) -> bool) -> Option<Halt> {
        let watching = self.convergence.target.is_some() || self.convergence.patience.is_some();
        for taken in 0..n {
            if taken > 0 && !more(taken) {
                break;
            }
            let report = self.trainer.step(&self.train);
            self.last_step = Some(report);
            if report.diverged {
                return Some(Halt::Diverged);
            }
            if watching && report.epoch_finished {
                let cost = self.trainer.cost(&self.train);
                if let Some(reason) = self.convergence.observe(cost) {
                    return Some(Halt::Stopped(reason));
                }
            }
        }
        None
    }

    /// One step on training sample `sample` alone, for the phase-by-phase walk.
    pub fn sample_step(&mut self, sample: usize) -> SampleStep {
        let (x, t) = (self.train.input(sample), self.train.target(sample));
        let step = self.trainer.sample_step(x, t);
        self.last_step = Some(step.report);
        step
    }

    /// Gives the weight from neuron `from` of `layer` to neuron `to` of the next layer this
    /// value; false (nothing changes) if the network has no such weight.
    pub fn set_weight(&mut self, layer: usize, from: usize, to: usize, value: f64) -> bool {
        let network = self.trainer.network();
        let fits = crate::app::explain::Focus::Edge { layer, from, to }.fits(network);
        if !fits {
            return false;
        }
        let mut params = network.params().to_vec();
        params[weight_index(network, layer, from, to)] = value;
        self.set_params(&params)
    }

    /// Puts these weights and biases in the network (earlier ones, or a model's); false if they
    /// are not as many as the network has.
    pub fn set_params(&mut self, params: &[f64]) -> bool {
        self.trainer.set_params(params).is_ok()
    }

    /// Compares backprop's gradient with finite differences on the next mini-batch: every weight
    /// costs two forward passes of the set, which over the whole training set would hold a big
    /// network's page for seconds.
    pub fn check_gradient(&mut self) {
        let batch = self.trainer.next_batch(&self.train).to_vec();
        let mut samples = Dataset::new(self.train.dim(), self.train.target(0).len());
        for &i in &batch {
            samples.push(self.train.input(i), self.train.target(i));
        }
        self.gradient_check = Some(self.trainer.gradient_check(&samples).largest_relative_error);
    }

    /// What the current weights give: the costs and accuracies of both sets (one forward pass
    /// each) and the loss of each sample of the next mini-batch.
    pub fn measure(&mut self) -> Measurement {
        let batch = self.trainer.next_batch(&self.train).to_vec();
        let network = self.trainer.network();
        let loss = self.trainer.loss();
        let mut trace = network.new_trace();
        let batch_losses = batch
            .iter()
            .map(|&i| {
                network.forward(self.train.input(i), &mut trace);
                network.loss(&trace, self.train.target(i), loss)
            })
            .collect();
        let (train, train_accuracy) = self.trainer.evaluate(&self.train);
        // Your own data may have no test point: then no test cost, rather than a made-up 0.
        let (test, test_accuracy) = match self.test.is_empty() {
            true => (f64::NAN, f64::NAN),
            false => self.trainer.evaluate(&self.test),
        };
        Measurement {
            cost: CostPoint {
                epoch: self.trainer.epoch_progress(),
                train,
                test,
            },
            accuracy: (self.task != Task::Regression).then_some((train_accuracy, test_accuracy)),
            batch_losses,
            steps: self.trainer.steps(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Loss, OptimizerKind, Regularization};

    #[test]
    fn the_trainer_follows_the_settings_and_keeps_its_weights() {
        let mut settings = Settings::default();
        let mut run = Run::new(&settings);
        run.steps(3);
        let weights = run.network().params().to_vec();
        settings.learning_rate = 0.02;
        settings.optimizer = OptimizerKind::Adam;
        settings.batch_size = 50;
        settings.regularization = (Regularization::L1, 0.003);
        settings.loss = Some(Loss::SquaredError);
        run.configure(&settings).unwrap();
        let t = run.trainer();
        assert_eq!(t.network().params(), &weights[..]);
        assert_eq!(
            (t.learning_rate(), t.optimizer().kind(), t.batch_size()),
            (0.02, OptimizerKind::Adam, 50)
        );
        assert_eq!(
            (t.regularization(), t.loss()),
            ((Regularization::L1, 0.003), Loss::SquaredError)
        );
    }

    #[test]
    fn a_loss_that_does_not_fit_changes_nothing() {
        let mut settings = Settings::default();
        settings.data.kind = crate::core::DatasetKind::Blobs;
        let mut run = Run::new(&settings);
        let before = run.clone();
        // Cross-entropy needs one sigmoid output; three classes have three linear ones.
        settings.loss = Some(Loss::CrossEntropy);
        settings.learning_rate = 0.5;
        assert_eq!(
            settings.loss_in_use(),
            Loss::SoftmaxCrossEntropy,
            "the settings fall back"
        );
        run.configure(&settings).unwrap();
        assert_eq!(run.trainer().loss(), Loss::SoftmaxCrossEntropy);
        assert_ne!(run, before, "the rate did change");
    }

    #[test]
    fn steps_while_takes_the_first_step_always_and_the_others_while_asked() {
        let mut run = Run::new(&Settings::default());
        let mut asked = Vec::new();
        assert_eq!(
            run.steps_while(5, |taken| {
                asked.push(taken);
                taken < 3
            }),
            None
        );
        assert_eq!(run.trainer().steps(), 3);
        assert_eq!(asked, [1, 2, 3], "asked before every step but the first");
        run.steps_while(5, |_| false);
        assert_eq!(run.trainer().steps(), 4, "the first step runs whatever `more` says");
        run.steps_while(0, |_| true);
        assert_eq!(run.trainer().steps(), 4, "none asked, none taken");
    }

    #[test]
    fn a_typed_weight_is_also_what_a_broken_step_puts_back() {
        let mut run = Run::new(&Settings::default());
        run.steps(2);
        let settings = Settings {
            regularization: (Regularization::L2, 10.0),
            ..Settings::default()
        };
        run.configure(&settings).unwrap();
        assert!(!run.set_weight(1, 9, 0, 3.0), "no such weight");
        // So large that the penalty λ·Σw² is infinite: the next step breaks.
        assert!(run.set_weight(1, 0, 0, 1e200));
        let typed = run.network().params().to_vec();
        assert_eq!(run.steps(1), Some(Halt::Diverged));
        assert_eq!(
            run.network().params(),
            &typed[..],
            "the weights put back are the typed ones, not those from before the last step"
        );
        assert!(!run.set_params(&[1.0]), "a count that does not fit is refused");
    }
}
