//! The coach: watches a run's training and test costs epoch by epoch and says when training goes
//! wrong in a way the explosion rule does not catch — the cost clearly getting worse, staying at
//! the level of guessing, or the test cost rising while the training cost falls (overfitting) —
//! and names the likely cause.
//!
//! "Guessing" is the cost of the best constant answer, the one a network gives when it has
//! learnt nothing from its inputs: for two classes the entropy of the labels (ln 2 when they are
//! balanced), for k classes the entropy of the class shares (ln k when balanced), for
//! regression half the targets' variance.

use super::{Activation, Dataset, Loss, Network, OptimizerKind, Regularization, Trainer};

/// Epochs the coach looks back over.
pub const WINDOW: usize = 10;
/// The recent epochs whose median is compared with the best before them.
pub const RECENT: usize = 5;
/// Epochs it needs to have seen since the last change before it says anything.
pub const PATIENCE: usize = 10;
/// A cost within this share of the guessing level counts as "at guessing".
pub const NEAR_GUESS: f64 = 0.05;
/// Over the window the cost must fall by at least this share of the guessing level to count as
/// still learning.
pub const LEARNING: f64 = 0.01;
/// "Clearly worse": the recent cost above this many times the best cost of the run …
pub const WORSE_RATIO: f64 = 1.5;
/// … and above it by at least this share of the guessing level.
pub const WORSE_MARGIN: f64 = 0.1;
/// Overfitting: the recent test cost above this many times its best of the run …
pub const OVERFIT_RATIO: f64 = 1.2;
/// … and above it by at least this share of the guessing level, while the training cost is at
/// its best of the run and fell by at least [`LEARNING`] of it over the window.
pub const OVERFIT_MARGIN: f64 = 0.05;
/// Weights whose root mean square is below this have been squeezed to nothing.
pub const SHRUNK_WEIGHTS: f64 = 0.1;

/// What the coach saw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Symptom {
    /// The cost of recent epochs is clearly above the best of the run before them.
    Worse {
        /// The recent cost: the median of the last [`RECENT`] epochs' mean costs.
        now: f64,
        /// The best epoch's mean cost of the run before them.
        best: f64,
    },
    /// The cost has stayed at the level of guessing for [`WINDOW`] epochs.
    Stalled {
        /// The cost of a constant answer.
        guess: f64,
    },
    /// The test cost of recent epochs is clearly above its best, while the training cost falls.
    Overfitting {
        /// The recent test cost: the median of the last [`RECENT`] epochs' means.
        now: f64,
        /// The best epoch's mean test cost before them.
        best: f64,
    },
}

/// Why, most likely.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cause {
    /// Steps so large that they overshoot: the learning rate η in use.
    RateTooLarge(f64),
    /// Steps so small that nothing moves: the learning rate η in use.
    RateTooSmall(f64),
    /// The penalty on weights squeezes them to zero: its rate λ.
    PenaltyTooLarge(f64),
    /// ReLU neurons that give 0 for every training sample pass no error back: this many of
    /// all the ReLU neurons.
    DeadRelus {
        /// Neurons at 0 for every sample.
        dead: usize,
        /// ReLU neurons in the network.
        of: usize,
    },
    /// None of the above: the network is likely too simple for the data.
    TooSimple,
    /// The network fits the training points' noise, not the pattern they share.
    Memorising,
}

/// What the coach says: what it saw, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Diagnosis {
    /// What it saw.
    pub symptom: Symptom,
    /// The likely cause.
    pub cause: Cause,
    /// The update rule in use (a rate is too large or too small for a rule).
    pub optimizer: OptimizerKind,
}

/// The mean cost of each epoch, in a ring of the last [`WINDOW`].
#[derive(Clone, Debug, PartialEq)]
pub struct Coach {
    guess: f64,
    /// The best epoch's mean cost since the run began, but for the last five epochs (the
    /// recent ones it is compared with); changes of setting keep it.
    best: f64,
    means: [f64; WINDOW],
    /// As `best` and `means`, for the test cost (infinite where there is no test set).
    best_test: f64,
    test_means: [f64; WINDOW],
    /// Epochs closed since the last change.
    seen: usize,
    /// The epoch being summed: its index, the sums of its training and test costs, their count.
    open: Option<(u64, f64, f64, usize)>,
    /// Whether the coach has spoken since the last change (it speaks once).
    spoken: bool,
}

impl Coach {
    /// A coach for a run whose constant answer costs `guess`.
    pub fn new(guess: f64) -> Self {
        Self {
            guess,
            best: f64::INFINITY,
            means: [f64::INFINITY; WINDOW],
            best_test: f64::INFINITY,
            test_means: [f64::INFINITY; WINDOW],
            seen: 0,
            open: None,
            spoken: false,
        }
    }

    /// The cost of guessing for this run.
    pub fn guess(&self) -> f64 {
        self.guess
    }

    /// A setting changed (or weights were put back): watch afresh, and speak again if need be.
    /// The run's best cost is kept: "worse" means worse than the best weights of the run.
    pub fn restart(&mut self) {
        self.seen = 0;
        self.open = None;
        self.spoken = false;
    }

    /// The training and test costs after `epoch` epochs (fractional; the test cost infinite
    /// or NaN where there is no test set); what the coach sees, once it is sure, and only once
    /// until the next [`Coach::restart`]. An epoch is judged when the next one begins.
    /// Allocates nothing.
    pub fn observe(&mut self, epoch: f64, cost: f64, test: f64) -> Option<Symptom> {
        if !cost.is_finite() || !epoch.is_finite() {
            return None;
        }
        let test = if test.is_finite() { test } else { f64::INFINITY };
        let index = epoch.max(0.0) as u64;
        match self.open {
            Some((open, sum, tests, n)) if open == index => {
                self.open = Some((open, sum + cost, tests + test, n + 1));
                return None;
            }
            Some((_, sum, tests, n)) => self.close(sum / n as f64, tests / n as f64),
            None => {}
        }
        self.open = Some((index, cost, test, 1));
        if self.spoken || self.seen < PATIENCE {
            return None;
        }
        let symptom = self.symptom();
        self.spoken = symptom.is_some();
        symptom
    }

    fn close(&mut self, mean: f64, test: f64) {
        for (means, best, value) in [
            (&mut self.means, &mut self.best, mean),
            (&mut self.test_means, &mut self.best_test, test),
        ] {
            means.copy_within(1.., 0);
            means[WINDOW - 1] = value;
            // The epoch that has just left the recent five (infinite until there is one).
            *best = best.min(means[WINDOW - 1 - RECENT]);
        }
        self.seen += 1;
    }

    fn symptom(&self) -> Option<Symptom> {
        let g = self.guess;
        let now = recent_median(&self.means);
        if now > WORSE_RATIO * self.best && now > self.best + WORSE_MARGIN * g {
            return Some(Symptom::Worse { now, best: self.best });
        }
        let learning = self.means[0] - self.means[WINDOW - 1] >= LEARNING * g;
        let (test_now, best_test) = (recent_median(&self.test_means), self.best_test);
        // "Still falls": better than every epoch before the recent five, and by a margin over
        // the window (a cost jumping about with too large a rate is neither).
        if learning
            && now < self.best
            && best_test.is_finite()
            && test_now > OVERFIT_RATIO * best_test
            && test_now > best_test + OVERFIT_MARGIN * g
        {
            return Some(Symptom::Overfitting {
                now: test_now,
                best: best_test,
            });
        }
        let near = self.means.iter().all(|&m| (m - g).abs() <= NEAR_GUESS * g);
        (g > 0.0 && near && !learning).then_some(Symptom::Stalled { guess: g })
    }
}

/// The median of the last [`RECENT`] of `means`: one bad epoch among good ones is not a trend.
fn recent_median(means: &[f64; WINDOW]) -> f64 {
    let mut recent = [0.0; RECENT];
    recent.copy_from_slice(&means[WINDOW - RECENT..]);
    recent.sort_by(f64::total_cmp);
    recent[RECENT / 2]
}

/// The cost of the best constant answer on `data` under `loss` (see the module's notes).
pub fn guess_cost(data: &Dataset, loss: Loss) -> f64 {
    let n = data.len();
    if n == 0 {
        return 0.0;
    }
    let outputs = data.target(0).len();
    let mean = |k: usize| (0..n).map(|i| data.target(i)[k]).sum::<f64>() / n as f64;
    let plogp = |p: f64| if p > 0.0 { p * p.ln() } else { 0.0 };
    (0..outputs)
        .map(|k| {
            let p = mean(k);
            match loss {
                Loss::CrossEntropy => -plogp(p) - plogp(1.0 - p),
                Loss::SoftmaxCrossEntropy => -plogp(p),
                Loss::SquaredError => 0.5 * (0..n).map(|i| (data.target(i)[k] - p).powi(2)).sum::<f64>() / n as f64,
            }
        })
        .sum()
}

/// The ReLU neurons of `network` that give 0 for every sample of `data`, and how many ReLU
/// neurons it has.
pub fn dead_relus(network: &Network, data: &Dataset) -> (usize, usize) {
    let layers = network.sizes().len();
    let relu: Vec<_> = (1..layers - 1)
        .filter(|&l| network.activations()[l - 1] == Activation::Relu)
        .flat_map(|l| network.neurons(l))
        .collect();
    let mut alive = vec![false; relu.len()];
    let mut trace = network.new_trace();
    for i in 0..data.len() {
        network.forward(data.input(i), &mut trace);
        for (seen, &j) in alive.iter_mut().zip(&relu) {
            *seen |= trace.a[j] > 0.0;
        }
    }
    (alive.iter().filter(|&&a| !a).count(), relu.len())
}

/// The likeliest cause of `symptom` in the run of `trainer` on `data`: dead ReLUs if at least
/// half of them are, then a penalty that has squeezed the weights, then the learning rate —
/// too large for a cost getting worse; for a stall, too small or too large if it is tiny or
/// large for its rule — and otherwise a network too simple for the data.
pub fn diagnose(symptom: Symptom, trainer: &Trainer, data: &Dataset) -> Diagnosis {
    let network = trainer.network();
    let optimizer = trainer.optimizer().kind();
    let rate = trainer.learning_rate();
    let (dead, of) = dead_relus(network, data);
    let (penalty, lambda) = trainer.regularization();
    let weights = network.weights();
    let rms = (weights.iter().map(|w| w * w).sum::<f64>() / weights.len().max(1) as f64).sqrt();
    let cause = if matches!(symptom, Symptom::Overfitting { .. }) {
        Cause::Memorising
    } else if of > 0 && 2 * dead >= of {
        Cause::DeadRelus { dead, of }
    } else if penalty != Regularization::None && lambda > 0.0 && rms < SHRUNK_WEIGHTS {
        Cause::PenaltyTooLarge(lambda)
    } else {
        match symptom {
            Symptom::Worse { .. } => Cause::RateTooLarge(rate),
            Symptom::Stalled { .. } if rate <= tiny_rate(optimizer) => Cause::RateTooSmall(rate),
            // Steps so large that they saturate the neurons also leave the cost at guessing.
            Symptom::Stalled { .. } if rate >= large_rate(optimizer) => Cause::RateTooLarge(rate),
            Symptom::Stalled { .. } | Symptom::Overfitting { .. } => Cause::TooSimple,
        }
    };
    Diagnosis {
        symptom,
        cause,
        optimizer,
    }
}

/// A learning rate at or below this is tiny for `optimizer`: plain and momentum steps scale
/// with the gradient, the adaptive rules' steps with η alone.
pub fn tiny_rate(optimizer: OptimizerKind) -> f64 {
    match optimizer {
        OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov | OptimizerKind::AdaGrad => 1e-3,
        OptimizerKind::RmsProp | OptimizerKind::Adam => 1e-4,
    }
}

/// A learning rate at or above this is large for `optimizer` (momentum multiplies plain steps
/// by about ten; the adaptive rules step by about η whatever the gradient).
pub fn large_rate(optimizer: OptimizerKind) -> f64 {
    match optimizer {
        OptimizerKind::Sgd | OptimizerKind::AdaGrad => 1.0,
        OptimizerKind::Momentum | OptimizerKind::Nesterov => 0.3,
        OptimizerKind::RmsProp | OptimizerKind::Adam => 0.1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds one cost for each epoch from `first` on, measured twice an epoch as a learner's
    /// Steps would, with no test set; what the coach said, if anything.
    fn fed(coach: &mut Coach, first: usize, costs: &[f64]) -> Option<Symptom> {
        let both: Vec<(f64, f64)> = costs.iter().map(|&c| (c, f64::NAN)).collect();
        fed_from(coach, first, &both)
    }

    /// As [`fed`], with a test cost beside each training cost.
    fn fed_from(coach: &mut Coach, first: usize, costs: &[(f64, f64)]) -> Option<Symptom> {
        let mut said = None;
        for (e, &(train, test)) in costs.iter().enumerate() {
            for part in [0.25, 0.75] {
                if let Some(s) = coach.observe((first + e) as f64 + part, train, test) {
                    assert!(said.is_none(), "the coach speaks once");
                    said = Some(s);
                }
            }
        }
        said
    }

    #[test]
    fn a_cost_that_keeps_falling_says_nothing() {
        let mut coach = Coach::new(0.693);
        // Falling a fifth an epoch: the median of the last five lags well behind the latest cost.
        let costs: Vec<f64> = (0..60).map(|e| 0.69 * 0.8f64.powi(e)).collect();
        assert_eq!(fed(&mut coach, 0, &costs), None);
    }

    #[test]
    fn a_cost_at_guessing_for_ten_epochs_is_a_stall_once_judged() {
        let mut coach = Coach::new(0.693);
        // Nine epochs judged are not enough; the tenth (judged when the eleventh begins) is.
        assert_eq!(fed(&mut coach, 0, &[0.694; 10]), None);
        assert_eq!(
            coach.observe(10.5, 0.694, f64::NAN),
            Some(Symptom::Stalled { guess: 0.693 })
        );
        assert_eq!(coach.observe(11.5, 0.694, f64::NAN), None, "said once");
        coach.restart();
        assert_eq!(
            fed(&mut coach, 0, &[0.694; 11]),
            Some(Symptom::Stalled { guess: 0.693 })
        );
    }

    #[test]
    fn a_slow_but_steady_fall_near_guessing_is_not_a_stall() {
        let mut coach = Coach::new(0.693);
        // 0.002 an epoch: 0.018 over the window, more than 1 % of 0.693.
        let costs: Vec<f64> = (0..15).map(|e| 0.71 - 0.002 * e as f64).collect();
        assert_eq!(fed(&mut coach, 0, &costs), None);
    }

    #[test]
    fn a_cost_clearly_above_the_runs_best_is_worse_but_one_bad_epoch_is_not() {
        let mut coach = Coach::new(0.693);
        let good = [
            0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1,
        ];
        assert_eq!(fed(&mut coach, 0, &good), None, "one spike among five epochs");
        // Judged when epoch 19 begins: the last five are 0.1, 0.1, 0.5, 0.6, 0.4.
        let said = fed(&mut coach, 16, &[0.5, 0.6, 0.4, 0.1]);
        assert_eq!(
            said,
            Some(Symptom::Worse { now: 0.4, best: 0.1 }),
            "three bad of the last five"
        );
    }

    #[test]
    fn a_test_cost_rising_while_the_training_cost_falls_is_overfitting() {
        let mut coach = Coach::new(0.693);
        // Training falls all along; the test cost falls to 0.3 at epoch 10, then rises 0.03 an epoch.
        let costs: Vec<(f64, f64)> = (0..40)
            .map(|e| {
                let train = 0.6 * 0.93f64.powi(e);
                let test = if e <= 10 {
                    0.6 - 0.03 * e as f64
                } else {
                    0.3 + 0.03 * (e - 10) as f64
                };
                (train, test)
            })
            .collect();
        let Some(Symptom::Overfitting { now, best }) = fed_from(&mut coach, 0, &costs) else {
            panic!("overfitting not seen");
        };
        assert!((best - 0.3).abs() < 1e-9, "the best test epoch: {best}");
        assert!(
            now > OVERFIT_RATIO * best && now - best >= OVERFIT_MARGIN * 0.693,
            "{now}"
        );
    }

    #[test]
    fn test_costs_that_fall_or_wobble_or_are_missing_are_not_overfitting() {
        // Both falling.
        let falling: Vec<(f64, f64)> = (0..40)
            .map(|e| (0.6 * 0.93f64.powi(e), 0.65 * 0.95f64.powi(e)))
            .collect();
        assert_eq!(fed_from(&mut Coach::new(0.693), 0, &falling), None);
        // A test cost that wobbles by ±0.02 around 0.3 (a small test set) while training falls.
        let wobbling: Vec<(f64, f64)> = (0..40)
            .map(|e| (0.6 * 0.93f64.powi(e), 0.3 + if e % 2 == 0 { 0.02 } else { -0.02 }))
            .collect();
        assert_eq!(fed_from(&mut Coach::new(0.693), 0, &wobbling), None);
        // A test cost rising while the training cost has stopped falling is not this rule's.
        let flat: Vec<(f64, f64)> = (0..40)
            .map(|e| (0.2, if e <= 10 { 0.3 } else { 0.3 + 0.03 * (e - 10) as f64 }))
            .collect();
        assert_eq!(fed_from(&mut Coach::new(0.693), 0, &flat), None);
        // No test set at all.
        let none: Vec<(f64, f64)> = (0..40).map(|e| (0.6 * 0.93f64.powi(e), f64::NAN)).collect();
        assert_eq!(fed_from(&mut Coach::new(0.693), 0, &none), None);
    }

    #[test]
    fn the_guessing_cost_is_the_best_constant_answers() {
        let mut binary = Dataset::new(2, 1);
        for t in [1.0, 1.0, 1.0, 0.0] {
            binary.push(&[0.0, 0.0], &[t]);
        }
        // A constant a costs −[¾ ln a + ¼ ln(1 − a)], least at a = ¾.
        let at = |a: f64| -(0.75 * f64::ln(a) + 0.25 * f64::ln(1.0 - a));
        let guess = guess_cost(&binary, Loss::CrossEntropy);
        assert!((guess - at(0.75)).abs() < 1e-12 && guess < at(0.7) && guess < at(0.8));
        assert!((guess - 0.562_335_144_618_5).abs() < 1e-12);

        let mut three = Dataset::new(2, 3);
        for t in [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]] {
            three.push(&[0.0, 0.0], &t);
        }
        assert!((guess_cost(&three, Loss::SoftmaxCrossEntropy) - 3f64.ln()).abs() < 1e-12);

        let mut values = Dataset::new(1, 1);
        for t in [1.0, 2.0, 3.0, 6.0] {
            values.push(&[0.0], &[t]);
        }
        // Mean 3, squared deviations 4 + 1 + 0 + 9 = 14: ½ · 14/4.
        assert!((guess_cost(&values, Loss::SquaredError) - 1.75).abs() < 1e-12);
        assert_eq!(guess_cost(&Dataset::new(1, 1), Loss::SquaredError), 0.0);
    }
}
