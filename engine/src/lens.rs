//! The learning-rate lens: the cost along the direction the next step would take. Before a step,
//! it shows the learner C(θ − s·g) for s from 0 to a few learning rates, g the gradient of the
//! next mini-batch's cost, and where the current rate lands: too small a rate barely moves down
//! the curve, too large a one lands past the valley, higher than it started.

use crate::dataset::Dataset;
use crate::network::{Batch, Gradients, Network};
use crate::trainer::{mean_gradient, penalty_of, Trainer};

/// The cost along the step's direction, for the mini-batch the next step trains on. Costs that
/// overflow are kept as they are (∞ or NaN): the curve "runs off" there.
#[derive(Clone, Debug, PartialEq)]
pub struct LensView {
    /// The learning rate η whose step is marked.
    pub rate: f64,
    /// The step sizes s the curve is measured at, as asked for.
    pub steps: Vec<f64>,
    /// C(θ − s·g) for each of `steps`: the batch's mean loss plus the penalty.
    pub costs: Vec<f64>,
    /// C(θ), where the step starts.
    pub start: f64,
    /// C(θ − η·g), where plain gradient descent with rate η lands.
    pub landing: f64,
    /// |g|, the length of the gradient: the curve's slope at s = 0 is −|g|².
    pub gradient_norm: f64,
}

/// The lens's own workspace, so that looking leaves the trainer as it was: a copy of the network
/// whose parameters are moved along the gradient, a batch and a gradient buffer. Reused from
/// one look to the next; it allocates again only when the network's shape or the batch size grows.
#[derive(Clone, Debug)]
pub struct Lens {
    probe: Network,
    work: Batch,
    grad: Gradients,
}

impl Lens {
    /// A workspace fitting `trainer`'s network and batch size.
    pub fn new(trainer: &Trainer) -> Self {
        let probe = trainer.network().clone();
        Self {
            work: probe.new_batch(trainer.batch_size()),
            grad: probe.new_gradients(),
            probe,
        }
    }

    /// The cost along −g at each of the step sizes `steps`, with the step of `trainer`'s learning
    /// rate marked. Changes nothing in `trainer` but what [`Trainer::next_batch`] does (the
    /// epoch's order, made on the first call).
    pub fn look(&mut self, trainer: &mut Trainer, data: &Dataset, steps: &[f64]) -> LensView {
        let (reg, rate) = trainer.regularization();
        let loss = trainer.loss();
        let eta = trainer.learning_rate();
        if self.probe.sizes() != trainer.network().sizes()
            || self.probe.activations() != trainer.network().activations()
        {
            *self = Self::new(trainer);
        }
        self.probe.params_mut().copy_from_slice(trainer.network().params());
        let samples = trainer.next_batch(data);
        let batch = samples.len();
        if self.work.capacity() < batch {
            self.work = self.probe.new_batch(batch);
        }
        self.work
            .load(batch, |s| data.input(samples[s]), |s| data.target(samples[s]));
        let theta = trainer.network().params();
        self.grad.clear();
        // The cost a step minimises: the batch's mean loss plus the penalty.
        let cost = move |net: &Network, work: &mut Batch| {
            net.forward_batch(work);
            net.loss_batch(work, loss) / batch.max(1) as f64 + penalty_of(net.weights(), reg, rate)
        };
        let start = cost(&self.probe, &mut self.work);
        self.probe.backward_batch(&mut self.work, loss, &mut self.grad);
        let gradient_norm = mean_gradient(&mut self.grad, self.probe.weights(), batch, reg, rate);

        let (probe, work, grad) = (&mut self.probe, &mut self.work, &self.grad);
        let mut cost_at = |s: f64| {
            for ((p, &t), &g) in probe.params_mut().iter_mut().zip(theta).zip(grad.values()) {
                *p = t - s * g;
            }
            cost(probe, work)
        };
        let costs = steps
            .iter()
            .map(|&s| if s == 0.0 { start } else { cost_at(s) })
            .collect();
        let landing = cost_at(eta);
        LensView {
            rate: eta,
            steps: steps.to_vec(),
            costs,
            start,
            landing,
            gradient_norm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activation, Init, Loss, OptimizerKind, Regularization, Rng};

    fn trainer(seed: u64, batch: usize, reg: Regularization, rate: f64) -> (Trainer, Dataset) {
        let data = Dataset::circle(40, 0.1, &mut Rng::new(seed));
        let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
        let net = Network::new(&[2, 4, 3, 1], &acts, Init::Xavier, &mut Rng::new(seed + 1)).unwrap();
        let mut trainer = Trainer::new(net, Loss::CrossEntropy, rate, batch, Rng::new(seed + 2)).unwrap();
        trainer.set_regularization(reg, 0.01).unwrap();
        (trainer, data)
    }

    /// `n` step sizes evenly from 0 to `span`.
    fn even(span: f64, n: usize) -> Vec<f64> {
        (0..n).map(|k| span * k as f64 / (n - 1) as f64).collect()
    }

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol * a.abs().max(b.abs()).max(1e-300)
    }

    #[test]
    fn the_landing_is_the_cost_after_one_real_sgd_step_on_the_same_batch() {
        for seed in [1, 7, 42] {
            for batch in [1, 10, 40] {
                for reg in [Regularization::None, Regularization::L2] {
                    for rate in [0.03, 0.3, 3.0] {
                        let (mut trainer, data) = trainer(seed, batch, reg, rate);
                        // Some steps first, so the batch is one within an epoch, not the first.
                        for _ in 0..3 {
                            trainer.step(&data);
                        }
                        let view = Lens::new(&trainer).look(&mut trainer, &data, &even(3.0 * rate, 31));
                        assert_eq!(trainer.optimizer().kind(), OptimizerKind::Sgd);
                        trainer.set_report_cost_after(true);
                        let report = trainer.step(&data);
                        let before = report.batch_cost + report.penalty;
                        let after = report.batch_cost_after.unwrap() + trainer.penalty();
                        let case = format!("seed {seed}, batch {batch}, {reg:?}, η {rate}");
                        assert!(
                            close(view.start, before, 1e-12),
                            "{case}: start {} vs {before}",
                            view.start
                        );
                        assert!(
                            close(view.landing, after, 1e-12),
                            "{case}: landing {} vs {after}",
                            view.landing
                        );
                        assert!(close(view.gradient_norm, report.gradient_norm, 1e-12), "{case}");
                    }
                }
            }
        }
    }

    #[test]
    fn the_curve_starts_at_the_cost_before_the_step_and_is_measured_where_asked() {
        let (mut trainer, data) = trainer(3, 10, Regularization::L2, 0.5);
        let view = Lens::new(&trainer).look(&mut trainer, &data, &[0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5]);
        assert_eq!(view.costs.len(), 7);
        let batch = trainer.next_batch(&data).to_vec();
        let mut by_hand = Dataset::new(2, 1);
        for &i in &batch {
            by_hand.push(data.input(i), data.target(i));
        }
        let cost = trainer.cost(&by_hand) + trainer.penalty();
        assert!(close(view.costs[0], cost, 1e-12), "{} vs {cost}", view.costs[0]);
        assert_eq!(view.start, view.costs[0]);
        assert_eq!(view.rate, 0.5);
        // The mark at s = η = 0.5 is the curve's point there.
        assert!(close(view.landing, view.costs[2], 1e-15));
    }

    #[test]
    fn looking_leaves_the_trainer_as_it_was() {
        let (mut trainer, data) = trainer(5, 8, Regularization::L2, 0.3);
        trainer.set_optimizer(OptimizerKind::Adam);
        for _ in 0..4 {
            trainer.step(&data);
        }
        trainer.next_batch(&data);
        let before = trainer.clone();
        let mut lens = Lens::new(&trainer);
        lens.look(&mut trainer, &data, &even(1.0, 20));
        lens.look(&mut trainer, &data, &[1e-3, 10.0]);
        assert_eq!(trainer, before);
    }

    #[test]
    fn the_slope_at_the_start_is_minus_the_squared_gradient_length() {
        for seed in [2, 9] {
            let (mut trainer, data) = trainer(seed, 16, Regularization::L2, 0.1);
            let h = 1e-6;
            let view = Lens::new(&trainer).look(&mut trainer, &data, &[0.0, h]);
            let slope = (view.costs[1] - view.costs[0]) / h;
            let expected = -view.gradient_norm * view.gradient_norm;
            assert!(expected < 0.0);
            assert!(
                close(slope, expected, 1e-4),
                "seed {seed}: slope {slope} vs −|g|² {expected}"
            );
        }
    }

    #[test]
    fn a_small_rate_lands_lower_and_a_huge_one_overshoots() {
        for seed in [4, 11, 23] {
            let (mut small, data) = trainer(seed, 40, Regularization::None, 0.01);
            let view = Lens::new(&small).look(&mut small, &data, &[]);
            assert!(view.landing < view.start, "seed {seed}: η = 0.01 goes down");
            let (mut huge, data) = trainer(seed, 40, Regularization::None, 500.0);
            let view = Lens::new(&huge).look(&mut huge, &data, &[]);
            assert!(
                view.landing > view.start,
                "seed {seed}: η = 500 lands {} above {}",
                view.landing,
                view.start
            );
        }
    }
}
