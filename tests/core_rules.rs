//! The training rules: regularisation, softmax, random shapes, phases, divergence, convergence.

mod common;

use common::{assert_close, cost, numeric_gradient};

use backprop_lab::core::{
    Activation, Convergence, Dataset, Init, Loss, Network, OptimizerKind, Regularization, Rng, SettingsError,
    StopReason, Trainer,
};

/// The gradient a trainer's backward phase computes for the whole of `data` in one batch.
fn trainer_gradient(trainer: &mut Trainer, data: &Dataset) -> Vec<f64> {
    trainer.set_batch_size(data.len()).unwrap();
    let mut forward = trainer.forward_phase(data);
    trainer.backward_phase(&mut forward).values().to_vec()
}

/// Random inputs in [−1, 1]^dim with targets made by `target`.
fn random_data(n: usize, dim: usize, rng: &mut Rng, target: impl Fn(&[f64], &mut Rng) -> Vec<f64>) -> Dataset {
    let first = target(&vec![0.0; dim], &mut Rng::new(0));
    let mut data = Dataset::new(dim, first.len());
    for _ in 0..n {
        let x: Vec<f64> = (0..dim).map(|_| rng.uniform(-1.0, 1.0)).collect();
        let t = target(&x, rng);
        data.push(&x, &t);
    }
    data
}

fn one_hot(k: usize, classes: usize) -> Vec<f64> {
    (0..classes).map(|c| if c == k { 1.0 } else { 0.0 }).collect()
}

#[test]
fn regularized_gradients_equal_finite_differences() {
    let mut rng = Rng::new(3);
    let data = random_data(30, 2, &mut rng, |x, _| vec![f64::from(u8::from(x[0] * x[1] > 0.0))]);
    let acts = [Activation::Tanh, Activation::Sigmoid];
    for (reg, lambda) in [(Regularization::L1, 0.03), (Regularization::L2, 0.1)] {
        let mut net = Network::new(&[2, 5, 1], &acts, Init::Xavier, &mut Rng::new(9)).unwrap();
        // Keep every weight away from L1's kink at 0.
        for w in net.weights_mut() {
            if w.abs() < 1e-3 {
                *w = 0.01;
            }
        }
        let penalty = |ws: &[f64]| match reg {
            Regularization::L1 => lambda * ws.iter().map(|w| w.abs()).sum::<f64>(),
            _ => lambda * 0.5 * ws.iter().map(|w| w * w).sum::<f64>(),
        };
        let numeric = numeric_gradient(&net, &data, Loss::CrossEntropy, &penalty);
        let mut trainer = Trainer::new(net.clone(), Loss::CrossEntropy, 0.1, 1, Rng::new(0)).unwrap();
        trainer.set_regularization(reg, lambda).unwrap();
        assert!((trainer.penalty() - penalty(net.weights())).abs() < 1e-12);
        assert_close(
            &trainer_gradient(&mut trainer, &data),
            &numeric,
            1e-6,
            &format!("{reg:?}"),
        );
        let check = trainer.gradient_check(&data);
        assert!(check.largest_relative_error < 1e-6, "{reg:?}: {check:?}");
    }
}

#[test]
fn softmax_gradients_equal_finite_differences() {
    for classes in 2..=4 {
        let mut rng = Rng::new(classes as u64);
        let data = random_data(25, 3, &mut rng, |_, rng| one_hot(rng.below(classes), classes));
        let acts = [Activation::Tanh, Activation::Linear];
        let net = Network::new(&[3, 4, classes], &acts, Init::Xavier, &mut rng).unwrap();
        let numeric = numeric_gradient(&net, &data, Loss::SoftmaxCrossEntropy, &|_| 0.0);
        let mut trainer = Trainer::new(net, Loss::SoftmaxCrossEntropy, 0.1, 1, Rng::new(0)).unwrap();
        assert_close(
            &trainer_gradient(&mut trainer, &data),
            &numeric,
            1e-6,
            &format!("{classes} classes"),
        );
    }
}

#[test]
fn gradients_equal_finite_differences_on_random_shapes() {
    let mut rng = Rng::new(2024);
    for case in 0..40 {
        let inputs = 1 + rng.below(7);
        let hidden = rng.below(4);
        let outputs = 1 + rng.below(4);
        let mut sizes = vec![inputs];
        sizes.extend((0..hidden).map(|_| 1 + rng.below(8)));
        sizes.push(outputs);
        let mut acts: Vec<Activation> = (0..hidden).map(|_| Activation::ALL[rng.below(5)]).collect();
        let loss = match rng.below(3) {
            0 => Loss::SquaredError,
            1 => Loss::CrossEntropy,
            _ if outputs >= 2 => Loss::SoftmaxCrossEntropy,
            _ => Loss::SquaredError,
        };
        acts.push(match loss {
            Loss::CrossEntropy => Activation::Sigmoid,
            Loss::SoftmaxCrossEntropy => Activation::Linear,
            Loss::SquaredError => Activation::ALL[rng.below(5)],
        });
        let init = [Init::Xavier, Init::He, Init::Uniform][rng.below(3)];
        let mut net = Network::new(&sizes, &acts, init, &mut rng).unwrap();
        for b in net.biases_mut() {
            *b = rng.uniform(-0.5, 0.5);
        }
        let data = random_data(12, inputs, &mut rng, |_, rng| match loss {
            Loss::SoftmaxCrossEntropy => one_hot(rng.below(outputs), outputs),
            Loss::CrossEntropy => (0..outputs)
                .map(|_| f64::from(u8::from(rng.next_f64() < 0.5)))
                .collect(),
            Loss::SquaredError => (0..outputs).map(|_| rng.uniform(-1.0, 1.0)).collect(),
        });
        let numeric = numeric_gradient(&net, &data, loss, &|_| 0.0);
        let mut trainer = Trainer::new(net, loss, 0.1, 1, Rng::new(0)).unwrap();
        let what = format!("case {case}: {sizes:?} {acts:?} {loss:?}");
        assert_close(&trainer_gradient(&mut trainer, &data), &numeric, 1e-5, &what);
    }
}

fn circle_data() -> Dataset {
    Dataset::circle(120, 0.1, &mut Rng::new(5))
}

fn trainer(kind: OptimizerKind) -> Trainer {
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    let net = Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(1)).unwrap();
    let mut t = Trainer::new(net, Loss::CrossEntropy, 0.05, 10, Rng::new(2)).unwrap();
    t.set_optimizer(kind);
    t.set_regularization(Regularization::L2, 0.001).unwrap();
    t
}

#[test]
fn the_four_phases_give_exactly_the_weights_of_a_step() {
    let data = circle_data();
    for kind in OptimizerKind::ALL {
        let mut by_step = trainer(kind);
        let mut by_phase = by_step.clone();
        for _ in 0..30 {
            let expected = by_step.step(&data);
            let mut forward = by_phase.forward_phase(&data);
            assert_eq!(forward.traces.len(), 10);
            let loss = by_phase.loss_phase(&data, &forward);
            let gradient = by_phase.backward_phase(&mut forward);
            let before = by_phase.network().params().to_vec();
            let update = by_phase.update_phase(&loss, &gradient);
            assert_eq!(update.report, expected, "{kind:?}");
            assert_eq!(
                by_phase.network().params(),
                by_step.network().params(),
                "{kind:?}: bit for bit"
            );
            for ((after, before), change) in by_phase.network().params().iter().zip(&before).zip(&update.change) {
                assert_eq!(*after, before + change);
            }
            // δ of the output neuron of each sample: σ(z) − t for cross-entropy.
            let out = by_phase.network().neurons(3).start;
            for (&i, trace) in forward.batch.iter().zip(&forward.traces) {
                assert_eq!(&trace.a[..2], data.input(i), "inputs are the sample's x");
                assert_eq!(&trace.z[..2], data.input(i), "an input's z is its x");
                assert!((trace.delta[out] - (trace.a[out] - data.target(i)[0])).abs() < 1e-15);
            }
        }
    }
}

#[test]
fn settings_change_between_steps_without_touching_the_weights() {
    let data = circle_data();
    let mut t = trainer(OptimizerKind::Sgd);
    t.step(&data);
    let weights = t.network().params().to_vec();
    t.set_optimizer(OptimizerKind::Adam);
    t.set_batch_size(1).unwrap();
    t.set_learning_rate(0.01).unwrap();
    t.set_regularization(Regularization::L1, 0.01).unwrap();
    t.set_loss(Loss::SquaredError).unwrap();
    assert_eq!(t.network().params(), &weights[..]);
    assert_eq!(
        t.set_loss(Loss::SoftmaxCrossEntropy)
            .unwrap_err()
            .to_string()
            .split(':')
            .next(),
        Some("this loss does not fit the output layer")
    );
    let report = t.step(&data);
    assert_eq!(report.learning_rate, 0.01);
    assert_eq!(t.optimizer().kind(), OptimizerKind::Adam);
    assert!(
        report.largest_change > 0.0 && report.largest_change < 0.011,
        "Adam moves about η"
    );
    assert!(t.set_regularization(Regularization::L2, -1.0).is_err());
    let tanh_out = Network::new(
        &[2, 3, 1],
        &[Activation::Tanh, Activation::Tanh],
        Init::Xavier,
        &mut Rng::new(1),
    )
    .unwrap();
    let refused = Trainer::new(tanh_out, Loss::CrossEntropy, 0.1, 10, Rng::new(1));
    assert_eq!(
        refused.unwrap_err(),
        SettingsError::LossMismatch,
        "cross-entropy needs a sigmoid output"
    );
    assert_eq!(t.regularization(), (Regularization::L1, 0.01));
}

#[test]
fn divergence_is_reported_and_the_weights_before_it_kept() {
    // Regression with a linear output and a huge learning rate: the weights blow up.
    let mut rng = Rng::new(4);
    let data = random_data(40, 2, &mut rng, |x, _| vec![3.0 * x[0] - 2.0 * x[1]]);
    let acts = [Activation::Linear, Activation::Linear];
    let net = Network::new(&[2, 3, 1], &acts, Init::Xavier, &mut rng).unwrap();
    let mut t = Trainer::new(net, Loss::SquaredError, 50.0, 40, Rng::new(0)).unwrap();
    let mut reports = Vec::new();
    let mut history = vec![t.network().params().to_vec()];
    for _ in 0..200 {
        let r = t.step(&data);
        reports.push(r);
        history.push(t.network().params().to_vec());
        if r.diverged {
            break;
        }
    }
    let last = reports.last().unwrap();
    assert!(last.diverged, "a learning rate of 50 diverges");
    assert!(
        t.network().params().iter().all(|p| p.is_finite()),
        "no NaN in the network"
    );
    assert_eq!(last.step, reports.len() as u64 - 1, "the diverged step is not counted");
    // The weights are those from before the last update that was made.
    assert_eq!(t.network().params(), &history[history.len() - 3][..]);
    assert!(cost(t.network(), &data, Loss::SquaredError).is_finite());
}

#[test]
fn convergence_stops_at_the_target_or_when_progress_stalls() {
    let mut target = Convergence::new(Some(0.1), None);
    assert_eq!(target.observe(0.5), None);
    assert_eq!(
        target.observe(0.09),
        Some(StopReason::TargetReached {
            cost: 0.09,
            target: 0.1
        })
    );

    let mut stall = Convergence::new(None, Some((3, 0.01)));
    for cost in [0.5, 0.4, 0.3] {
        assert_eq!(stall.observe(cost), None);
    }
    assert_eq!(stall.observe(0.295), None);
    assert_eq!(stall.observe(0.294), None);
    assert_eq!(
        stall.observe(0.293),
        Some(StopReason::StoppedImproving {
            epochs: 3,
            min_improvement: 0.01
        })
    );

    let data = circle_data();
    let mut t = trainer(OptimizerKind::Adam);
    t.set_learning_rate(0.03).unwrap();
    let mut rule = Convergence::new(Some(0.2), Some((20, 1e-4)));
    let mut stop = None;
    while stop.is_none() && t.epochs() < 2000 {
        if t.step(&data).epoch_finished {
            let c = t.cost(&data);
            stop = rule.observe(c);
        }
    }
    assert!(
        matches!(stop, Some(StopReason::TargetReached { .. })),
        "{stop:?} after {} epochs",
        t.epochs()
    );
}

#[test]
fn every_optimizer_trains_the_circle() {
    let data = circle_data();
    for kind in OptimizerKind::ALL {
        let mut t = trainer(kind);
        t.set_learning_rate(if matches!(kind, OptimizerKind::Sgd | OptimizerKind::AdaGrad) {
            0.5
        } else {
            0.02
        })
        .unwrap();
        let start = t.cost(&data);
        while t.epochs() < 150 {
            t.step(&data);
        }
        let end = t.cost(&data);
        assert!(end < start / 2.0, "{kind:?}: {start} → {end}");
    }
}

#[test]
fn a_step_can_report_its_batch_cost_after_the_update() {
    let data = circle_data();
    let mut t = trainer(OptimizerKind::Sgd);
    assert_eq!(t.step(&data).batch_cost_after, None, "off by default");
    let mut t = trainer(OptimizerKind::Sgd);
    t.set_batch_size(data.len()).unwrap();
    t.set_report_cost_after(true);
    let report = t.step(&data);
    let after = report.batch_cost_after.unwrap();
    // With the whole set as the batch, the cost after is the set's cost with the new weights
    // (summed in the shuffled order, so equal up to rounding).
    assert!((after - t.cost(&data)).abs() < 1e-12);
    assert!(after < report.batch_cost, "{} → {after}", report.batch_cost);
}
