//! The coach: watches a run's training and test costs epoch by epoch and says when training goes
//! wrong in a way the explosion rule does not catch — the cost clearly getting worse, staying at
//! the level of guessing, stuck high above what the data allows, or the test cost rising while
//! the training cost falls (overfitting) — and names the likely cause.
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
/// A cost stuck high has come unstuck once the recent cost is under this share of it.
pub const RECOVERED: f64 = 0.9;
/// "Stuck high": a cost that has not fallen by [`LEARNING`] of the guessing level over the
/// window, is not at guessing, and is still at least this share of it.
pub const STUCK: f64 = 0.6;
/// A sigmoid neuron is saturated beyond |z| = 6: σ′(6) ≈ 0.0025, under 1 % of σ′(0) = ¼.
pub const SIGMOID_SATURATED: f64 = 6.0;
/// A tanh neuron is saturated beyond |z| = 3: tanh′(3) ≈ 0.0099, under 1 % of tanh′(0) = 1
/// (tanh z = 2σ(2z) − 1, so half the sigmoid's edge).
pub const TANH_SATURATED: f64 = 3.0;

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
    /// The cost has barely fallen for [`WINDOW`] epochs, below guessing but still high: at
    /// least [`STUCK`] of it.
    Stuck {
        /// The recent cost: the median of the last [`RECENT`] epochs' mean costs.
        cost: f64,
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
    /// Sigmoid or tanh neurons whose |z| is so large for most training samples that f′(z) is
    /// under 1 % of its peak: almost no error flows back through them.
    Saturated {
        /// Neurons saturated for more than half of the samples.
        saturated: usize,
        /// Sigmoid and tanh neurons in the hidden layers.
        of: usize,
        /// Their activation, if they all share one.
        activation: Option<Activation>,
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

    /// Whether what the coach said of `symptom` has stopped being so: after a stall, the
    /// recent cost is clearly below guessing (under 1 − 2·[`NEAR_GUESS`] of it); after a cost
    /// stuck high, clearly below where it was stuck (under [`RECOVERED`] of it). A run with a
    /// long plateau that then learns is not left with advice that no longer holds. Worse and
    /// overfitting stay said: their best weights are still behind.
    pub fn recovered(&self, symptom: Symptom) -> bool {
        let now = recent_median(&self.means);
        match symptom {
            Symptom::Stalled { guess } => now < (1.0 - 2.0 * NEAR_GUESS) * guess,
            Symptom::Stuck { cost, .. } => now < RECOVERED * cost,
            Symptom::Worse { .. } | Symptom::Overfitting { .. } => false,
        }
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
        if g <= 0.0 || learning {
            return None;
        }
        if near {
            return Some(Symptom::Stalled { guess: g });
        }
        // Every epoch of the window high but below guessing (a cost above it that does not
        // fall is no network too simple: a constant would do better).
        let high = self.means.iter().all(|&m| m >= STUCK * g && m < g);
        high.then_some(Symptom::Stuck { cost: now, guess: g })
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

/// The ReLU neurons of `network` that give 0 for every sample of `data`, each as its layer and
/// its place in the layer, and how many ReLU neurons it has.
pub fn dead_relus(network: &Network, data: &Dataset) -> (Vec<(usize, usize)>, usize) {
    let layers = network.sizes().len();
    let relu: Vec<(usize, usize)> = (1..layers - 1)
        .filter(|&l| network.activations()[l - 1] == Activation::Relu)
        .flat_map(|l| (0..network.sizes()[l]).map(move |j| (l, j)))
        .collect();
    let mut alive = vec![false; relu.len()];
    let mut trace = network.new_trace();
    for i in 0..data.len() {
        network.forward(data.input(i), &mut trace);
        for (seen, &(l, j)) in alive.iter_mut().zip(&relu) {
            *seen |= trace.a[network.neurons(l).start + j] > 0.0;
        }
    }
    let dead = relu.iter().zip(&alive).filter(|(_, &a)| !a).map(|(&n, _)| n).collect();
    (dead, relu.len())
}

/// The edge beyond which a neuron with `activation` counts as saturated (see
/// [`SIGMOID_SATURATED`]); none for the activations that do not flatten out on both sides.
pub fn saturation_edge(activation: Activation) -> Option<f64> {
    match activation {
        Activation::Sigmoid => Some(SIGMOID_SATURATED),
        Activation::Tanh => Some(TANH_SATURATED),
        Activation::Relu | Activation::LeakyRelu | Activation::Linear => None,
    }
}

/// The hidden sigmoid and tanh neurons of `network` whose |z| is beyond their
/// [`saturation_edge`] for more than half of the samples of `data`, and how many such neurons
/// it has.
pub fn saturated(network: &Network, data: &Dataset) -> (usize, usize) {
    let layers = network.sizes().len();
    let watched: Vec<(usize, f64)> = (1..layers - 1)
        .filter_map(|l| saturation_edge(network.activations()[l - 1]).map(|edge| (l, edge)))
        .flat_map(|(l, edge)| network.neurons(l).map(move |j| (j, edge)))
        .collect();
    let mut beyond = vec![0_usize; watched.len()];
    let mut trace = network.new_trace();
    for i in 0..data.len() {
        network.forward(data.input(i), &mut trace);
        for (count, &(j, edge)) in beyond.iter_mut().zip(&watched) {
            *count += usize::from(trace.z[j].abs() > edge);
        }
    }
    let saturated = beyond.iter().filter(|&&c| 2 * c > data.len()).count();
    (saturated, watched.len())
}

/// The activation that every hidden sigmoid and tanh layer of `network` has, if they share one.
fn saturating_activation(network: &Network) -> Option<Activation> {
    let mut saturating = network.activations()[..network.sizes().len() - 2]
        .iter()
        .filter(|a| saturation_edge(**a).is_some());
    let first = *saturating.next()?;
    saturating.all(|&a| a == first).then_some(first)
}

/// The likeliest cause of `symptom` in the run of `trainer` on `data`: dead ReLUs if at least
/// half of them are; for a stall or a cost stuck high, saturated sigmoid and tanh neurons if
/// at least half of them are (they stop the learning; a cost that rises is the steps
/// overshooting); then a penalty that has squeezed the weights, then the learning rate —
/// too large for a cost getting worse; for a stall or a cost stuck high, too small or too large
/// if it is tiny or large for its rule — and otherwise a network too simple for the data.
pub fn diagnose(symptom: Symptom, trainer: &Trainer, data: &Dataset) -> Diagnosis {
    let network = trainer.network();
    let optimizer = trainer.optimizer().kind();
    let rate = trainer.learning_rate();
    let (dead, of) = dead_relus(network, data);
    let dead = dead.len();
    let (flat, sigmoids) = saturated(network, data);
    let (penalty, lambda) = trainer.regularization();
    let weights = network.weights();
    let rms = (weights.iter().map(|w| w * w).sum::<f64>() / weights.len().max(1) as f64).sqrt();
    let cause = if matches!(symptom, Symptom::Overfitting { .. }) {
        Cause::Memorising
    } else if of > 0 && 2 * dead >= of {
        Cause::DeadRelus { dead, of }
    } else if matches!(symptom, Symptom::Stalled { .. } | Symptom::Stuck { .. }) && sigmoids > 0 && 2 * flat >= sigmoids
    {
        Cause::Saturated {
            saturated: flat,
            of: sigmoids,
            activation: saturating_activation(network),
        }
    } else if penalty != Regularization::None && lambda > 0.0 && rms < SHRUNK_WEIGHTS {
        Cause::PenaltyTooLarge(lambda)
    } else {
        match symptom {
            Symptom::Worse { .. } => Cause::RateTooLarge(rate),
            Symptom::Stalled { .. } | Symptom::Stuck { .. } if rate <= tiny_rate(optimizer) => {
                Cause::RateTooSmall(rate)
            }
            // Steps so large that they jump about also leave the cost where it is.
            Symptom::Stalled { .. } | Symptom::Stuck { .. } if rate >= large_rate(optimizer) => {
                Cause::RateTooLarge(rate)
            }
            Symptom::Stalled { .. } | Symptom::Stuck { .. } | Symptom::Overfitting { .. } => Cause::TooSimple,
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
mod tests;
