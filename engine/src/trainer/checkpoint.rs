//! A trainer's state between two steps, besides its weights: saved with the weights, it lets
//! training go back to that moment and go on from there exactly as it went the first time.

use super::Trainer;
use crate::optimizer::{Optimizer, OptimizerKind};
use crate::rng::Rng;
use crate::trainer::SettingsError;

/// Everything a [`Trainer`] carries from one step to the next besides the weights: the
/// optimizer's state (Momentum's velocity, AdaGrad's and RMSProp's sums, Adam's two moments and
/// its β₁ᵗ, β₂ᵗ), the epoch's order of samples and the place in it, the step and epoch counts and
/// the source that shuffles the next epoch.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainerState {
    /// The optimizer then; `None` for plain SGD, which keeps no state (a history of SGD
    /// snapshots then holds the weights and the order, not two more vectors of zeros each).
    optimizer: Option<Optimizer>,
    order: Vec<usize>,
    cursor: usize,
    steps: u64,
    epochs: u64,
    rng: Rng,
}

impl TrainerState {
    /// Steps taken at that moment.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Epochs at that moment, as a fraction (see [`Trainer::epoch_progress`]).
    pub fn epoch_progress(&self) -> f64 {
        self.epochs as f64 + self.cursor as f64 / self.order.len().max(1) as f64
    }
}

impl Trainer {
    /// The state to come back to with [`Trainer::restore`], along with the weights.
    pub fn state(&self) -> TrainerState {
        TrainerState {
            optimizer: (self.optimizer.kind() != OptimizerKind::Sgd).then(|| self.optimizer.clone()),
            order: self.order.clone(),
            cursor: self.cursor,
            steps: self.steps,
            epochs: self.epochs,
            rng: self.rng.clone(),
        }
    }

    /// Goes back to the moment `params` and `state` were saved: the weights, the optimizer's state
    /// as it was then (Adam goes on with the moments of that step, not afresh), the order of the
    /// epoch, the counts and the shuffling source. The same steps from there give the same weights,
    /// bit for bit, as they did the first time. The settings in use (rate, batch, loss, penalty)
    /// stay: they are not part of the moment. Refused, changing nothing, if `params` or the
    /// optimizer's state are not of this network's size.
    pub fn restore(&mut self, params: &[f64], state: &TrainerState) -> Result<(), SettingsError> {
        let n = self.network.params().len();
        if state.optimizer.as_ref().is_some_and(|o| o.velocity().len() != n) {
            return Err(SettingsError::ParamCount);
        }
        self.set_params(params)?;
        match &state.optimizer {
            Some(optimizer) => self.optimizer.clone_from(optimizer),
            None => self.optimizer = Optimizer::new(OptimizerKind::Sgd, n),
        }
        self.order.clone_from(&state.order);
        self.cursor = state.cursor;
        self.steps = state.steps;
        self.epochs = state.epochs;
        self.rng.clone_from(&state.rng);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::{Activation, Dataset, Init, Loss, Network, OptimizerKind, Rng, Trainer};

    fn trainer(kind: OptimizerKind) -> (Trainer, Dataset) {
        let mut rng = Rng::new(11);
        let network = Network::new(
            &[2, 3, 1],
            &[Activation::Tanh, Activation::Sigmoid],
            Init::Xavier,
            &mut rng,
        )
        .unwrap();
        let mut data = Dataset::new(2, 1);
        for k in 0..7 {
            let x = f64::from(k) / 7.0 - 0.5;
            data.push(&[x, -x * 0.5], &[f64::from(k % 2)]);
        }
        let mut t = Trainer::new(network, Loss::CrossEntropy, 0.1, 3, rng).unwrap();
        t.set_optimizer(kind);
        (t, data)
    }

    #[test]
    fn restored_training_goes_on_as_it_went_the_first_time() {
        for kind in [OptimizerKind::Sgd, OptimizerKind::Momentum, OptimizerKind::Adam] {
            let (mut t, data) = trainer(kind);
            // Five steps of three samples out of seven: the moment is inside the second epoch.
            for _ in 0..5 {
                t.step(&data);
            }
            let (params, state) = (t.network().params().to_vec(), t.state());
            for _ in 0..9 {
                t.step(&data);
            }
            let first_time = t.network().params().to_vec();
            t.restore(&params, &state).unwrap();
            assert_eq!(t.steps(), 5, "{kind:?}: the counter is back at the moment");
            assert_eq!(t.network().params(), &params[..]);
            for _ in 0..9 {
                t.step(&data);
            }
            assert_eq!(t.network().params(), &first_time[..], "{kind:?}: bit for bit");
            assert_eq!(t.steps(), 14);
        }
    }

    #[test]
    fn a_state_of_another_network_is_refused_and_changes_nothing() {
        let (mut t, data) = trainer(OptimizerKind::Adam);
        t.step(&data);
        let before = t.clone();
        let mut rng = Rng::new(1);
        let other = Network::new(&[2, 1], &[Activation::Sigmoid], Init::Xavier, &mut rng).unwrap();
        let other = Trainer::new(other, Loss::CrossEntropy, 0.1, 3, rng).unwrap();
        assert!(t.restore(other.network().params(), &other.state()).is_err());
        assert!(t.restore(&[0.0; 3], &before.state()).is_err());
        let mut adam = other.clone();
        adam.set_optimizer(OptimizerKind::Adam);
        let own = t.network().params().to_vec();
        assert!(
            t.restore(&own, &adam.state()).is_err(),
            "Adam's moments of another size"
        );
        assert_eq!(t, before);
    }

    #[test]
    fn plain_sgd_keeps_no_optimizer_state_and_comes_back_as_sgd() {
        let (mut t, data) = trainer(OptimizerKind::Sgd);
        t.step(&data);
        let (params, state) = (t.network().params().to_vec(), t.state());
        assert!(state.optimizer.is_none(), "no vectors of zeros kept");
        t.step(&data);
        let first_time = t.network().params().to_vec();
        t.set_optimizer(OptimizerKind::Momentum);
        t.step(&data);
        t.restore(&params, &state).unwrap();
        assert_eq!(t.optimizer().kind(), OptimizerKind::Sgd);
        t.step(&data);
        assert_eq!(t.network().params(), &first_time[..]);
    }
}
