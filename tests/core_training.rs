//! The math of the skeleton's network: backprop against finite differences, and gradient descent.

mod common;

use common::{assert_close, cost};

use backprop_lab::core::{
    Activation, DataSettings, Dataset, DatasetKind, Init, Loss, Network, OptimizerKind, Points, Rng, Trainer,
};

/// ∂C/∂θ by central differences, no penalty.
fn numeric_gradient(net: &Network, data: &Dataset, loss: Loss) -> Vec<f64> {
    common::numeric_gradient(net, data, loss, &|_| 0.0)
}

/// ∂C/∂θ by backpropagation, averaged over `data`, in the same order as [`numeric_gradient`].
fn backprop_gradient(net: &Network, data: &Dataset, loss: Loss) -> Vec<f64> {
    let mut trace = net.new_trace();
    let mut grad = net.new_gradients();
    for i in 0..data.len() {
        net.forward(data.input(i), &mut trace);
        net.backward(&mut trace, data.target(i), loss, &mut grad);
    }
    grad.values().iter().map(|g| g / data.len() as f64).collect()
}

fn skeleton_network(seed: u64) -> Network {
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(seed)).unwrap()
}

#[test]
fn backprop_equals_finite_differences_for_the_skeleton_network() {
    let data = Dataset::circle(40, 0.1, &mut Rng::new(5));
    for loss in [Loss::SquaredError, Loss::CrossEntropy] {
        for seed in 0..5 {
            let mut net = skeleton_network(seed);
            // Non-zero biases, so their gradients are checked away from the starting point too.
            for (k, b) in net.biases_mut().iter_mut().enumerate() {
                *b = 0.1 * (k as f64) - 0.3;
            }
            assert_close(
                &backprop_gradient(&net, &data, loss),
                &numeric_gradient(&net, &data, loss),
                1e-6,
                &format!("{loss:?}, seed {seed}"),
            );
        }
    }
}

#[test]
fn backprop_equals_finite_differences_for_every_activation() {
    let data = Dataset::circle(20, 0.2, &mut Rng::new(8));
    for act in Activation::ALL {
        let mut net = Network::new(
            &[2, 3, 3, 1],
            &[act, act, Activation::Sigmoid],
            Init::Uniform,
            &mut Rng::new(4),
        )
        .unwrap();
        // Non-zero biases keep every z off the kinks of ReLU and leaky ReLU at exactly 0,
        // where a central difference measures half of each one-sided slope.
        for (k, b) in net.biases_mut().iter_mut().enumerate() {
            *b = 0.05 * (k as f64 + 1.0);
        }
        assert_close(
            &backprop_gradient(&net, &data, Loss::SquaredError),
            &numeric_gradient(&net, &data, Loss::SquaredError),
            1e-5,
            &format!("{act:?}"),
        );
    }
}

#[test]
fn one_full_batch_step_lowers_the_cost() {
    let data = Dataset::circle(100, 0.1, &mut Rng::new(1));
    for seed in 0..10 {
        let net = skeleton_network(seed);
        let before = cost(&net, &data, Loss::CrossEntropy);
        let mut trainer = Trainer::new(net, Loss::CrossEntropy, 0.1, data.len(), Rng::new(seed)).unwrap();
        let report = trainer.step(&data);
        let after = cost(trainer.network(), &data, Loss::CrossEntropy);
        assert!(after < before, "seed {seed}: {before} → {after}");
        assert!(
            (report.batch_cost - before).abs() < 1e-12,
            "the report gives the cost before the update"
        );
    }
}

#[test]
fn a_step_moves_every_weight_by_exactly_the_learning_rate_times_the_gradient() {
    let data = Dataset::circle(60, 0.1, &mut Rng::new(2));
    let net = skeleton_network(3);
    let gradient = numeric_gradient(&net, &data, Loss::CrossEntropy);
    for eta in [0.001, 0.05, 2.0] {
        let mut trainer = Trainer::new(net.clone(), Loss::CrossEntropy, 1.0, data.len(), Rng::new(0)).unwrap();
        trainer.set_learning_rate(eta).unwrap();
        let report = trainer.step(&data);
        assert_eq!(report.learning_rate, eta);
        let after = trainer.network();
        let moved: Vec<f64> = net
            .weights()
            .iter()
            .zip(after.weights())
            .chain(net.biases().iter().zip(after.biases()))
            .map(|(before, after)| (before - after) / eta)
            .collect();
        assert_close(&moved, &gradient, 1e-6, &format!("η = {eta}"));
    }
}

#[test]
fn training_learns_the_circle() {
    let mut rng = Rng::new(42);
    let all = Points::generate(DatasetKind::Circle, 250, 0.05, &mut rng);
    let (train, test) = all.split(0.8, &mut rng);
    let (train, test) = (train.to_dataset(), test.to_dataset());
    let mut trainer = Trainer::new(skeleton_network(42), Loss::CrossEntropy, 0.3, 10, Rng::new(42)).unwrap();
    let start = trainer.cost(&train);
    let mut epochs = 0;
    while epochs < 300 {
        if trainer.step(&train).epoch_finished {
            epochs += 1;
        }
    }
    assert_eq!(trainer.epochs(), 300);
    let end = trainer.cost(&train);
    assert!(end < start / 4.0, "cost {start} → {end}");
    let accuracy = trainer.accuracy(&test);
    assert!(accuracy >= 0.9, "{accuracy} of the test points right");
}

#[test]
fn bad_settings_are_refused_and_the_old_ones_kept() {
    let mut trainer = Trainer::new(skeleton_network(0), Loss::SquaredError, 0.1, 10, Rng::new(0)).unwrap();
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        let err = trainer.set_learning_rate(bad).unwrap_err();
        assert_eq!(err.to_string(), "learning rate must be a positive, finite number");
        assert_eq!(trainer.learning_rate(), 0.1);
    }
    assert!(trainer.set_batch_size(0).is_err());
    assert_eq!(trainer.batch_size(), 10);
}

#[test]
fn weights_put_in_are_the_ones_a_broken_step_puts_back() {
    let data = Dataset::circle(40, 0.1, &mut Rng::new(5));
    let mut trainer = Trainer::new(skeleton_network(0), Loss::SquaredError, 0.1, 10, Rng::new(0)).unwrap();
    trainer.step(&data);
    let n = trainer.network().params().len();
    assert!(trainer.set_params(&vec![0.5; n + 1]).is_err(), "the count must fit");
    // Weights so large that the L2 penalty is infinite: the next step breaks.
    trainer
        .set_regularization(backprop_lab::core::Regularization::L2, 1.0)
        .unwrap();
    let huge = vec![1e200; n];
    trainer.set_params(&huge).unwrap();
    let report = trainer.step(&data);
    assert!(report.diverged);
    assert_eq!(
        trainer.network().params(),
        &huge[..],
        "the weights put in, not those from before the earlier step"
    );
}

#[test]
fn same_seed_same_weights() {
    assert_eq!(skeleton_network(7), skeleton_network(7));
    assert_ne!(skeleton_network(7).weights(), skeleton_network(8).weights());
}

#[test]
fn a_small_network_learns_cats_and_dogs() {
    // The article's example: no straight line separates them, two hidden layers can.
    let settings = DataSettings {
        kind: DatasetKind::CatsDogs,
        noise: 0.1,
        ..DataSettings::default()
    };
    let (train, test) = settings.generate().unwrap();
    let (train, test) = (train.to_dataset(), test.to_dataset());
    let mut trainer = Trainer::new(skeleton_network(1), Loss::CrossEntropy, 0.03, 10, Rng::new(1)).unwrap();
    trainer.set_optimizer(OptimizerKind::Adam);
    while trainer.epochs() < 300 {
        trainer.step(&train);
    }
    let accuracy = trainer.accuracy(&test);
    assert!(accuracy >= 0.9, "{accuracy} of the test points right");
}

#[test]
fn accuracy_counts_the_right_answers() {
    // One linear output a = x: a > 0.5 says class 1.
    let net = Network::with_params(&[1, 1], &[Activation::Linear], vec![1.0, 0.0]).unwrap();
    let mut data = Dataset::new(1, 1);
    for (x, t) in [(0.7, 1.0), (0.2, 1.0), (0.9, 0.0), (0.1, 0.0), (0.6, 1.0)] {
        data.push(&[x], &[t]);
    }
    assert_eq!(net.accuracy(&data, &mut net.new_batch(2)), 3.0 / 5.0);
    // Two outputs, the identity: the larger input is the class.
    let net = Network::with_params(&[2, 2], &[Activation::Linear], vec![1.0, 0.0, 0.0, 1.0, 0.0, 0.0]).unwrap();
    let mut data = Dataset::new(2, 2);
    for (x, t) in [
        ([0.9, 0.1], [1.0, 0.0]),
        ([0.2, 0.3], [0.0, 1.0]),
        ([0.4, 0.1], [0.0, 1.0]),
    ] {
        data.push(&x, &t);
    }
    assert_eq!(net.accuracy(&data, &mut net.new_batch(8)), 2.0 / 3.0);
    // Cost and accuracy together from one pass agree with each alone.
    let (cost, accuracy) = net.evaluate(&data, Loss::SquaredError, &mut net.new_batch(2));
    assert_eq!(accuracy, 2.0 / 3.0);
    assert_eq!(cost, net.cost(&data, Loss::SquaredError, &mut net.new_batch(2)));
}

#[test]
fn a_step_on_one_sample_is_gradient_descent_on_that_sample_alone() {
    let data = Dataset::circle(30, 0.1, &mut Rng::new(2));
    let net = skeleton_network(6);
    let mut trainer = Trainer::new(net.clone(), Loss::CrossEntropy, 0.5, 10, Rng::new(1)).unwrap();
    trainer.step(&data);
    let (progress, epochs) = (trainer.epoch_progress(), trainer.epochs());
    let start = trainer.network().clone();
    let (x, t) = (data.input(7), data.target(7));
    let walk = trainer.sample_step(x, t);

    // The numbers it reports are the sample's own forward and backward pass.
    let mut one = Dataset::new(2, 1);
    one.push(x, t);
    assert_eq!(walk.before, start.params());
    assert_eq!(walk.loss, cost(&start, &one, Loss::CrossEntropy));
    assert_close(
        walk.gradient.values(),
        &numeric_gradient(&start, &one, Loss::CrossEntropy),
        1e-6,
        "∂L/∂θ of the one sample",
    );
    let mut forward = start.new_trace();
    start.forward(x, &mut forward);
    assert_eq!((&walk.trace.z, &walk.trace.a), (&forward.z, &forward.a));

    // Plain SGD: θ ← θ − η·∂L/∂θ, and the step is counted without moving through the epoch.
    for ((after, before), g) in trainer
        .network()
        .params()
        .iter()
        .zip(&walk.before)
        .zip(walk.gradient.values())
    {
        assert_eq!(*after, before - 0.5 * g);
    }
    for ((after, before), d) in trainer.network().params().iter().zip(&walk.before).zip(&walk.change) {
        assert_eq!(*after, before + d);
    }
    assert_eq!((trainer.steps(), walk.report.step), (2, 2));
    assert_eq!((trainer.epochs(), trainer.epoch_progress()), (epochs, progress));
    assert!(!walk.report.diverged);
}
