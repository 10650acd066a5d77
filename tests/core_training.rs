//! The math of the skeleton's network: backprop against finite differences, and gradient descent.

use backprop_lab::core::{
    Activation, DataSettings, Dataset, DatasetKind, Init, Loss, Network, OptimizerKind, Points, Rng, Trainer,
};

/// The cost C(θ) over `data` for `net`, computed by forward passes only.
fn cost(net: &Network, data: &Dataset, loss: Loss) -> f64 {
    let mut trace = net.new_trace();
    let total: f64 = (0..data.len())
        .map(|i| {
            net.forward(data.input(i), &mut trace);
            net.loss(&trace, data.target(i), loss)
        })
        .sum();
    total / data.len() as f64
}

/// ∂C/∂θ for every weight, then every bias, by central differences: (C(θ+h) − C(θ−h)) / 2h,
/// with `penalty(θ)` added to the cost.
fn numeric_gradient_with(net: &Network, data: &Dataset, loss: Loss, penalty: &dyn Fn(&Network) -> f64) -> Vec<f64> {
    let h = 1e-5;
    let mut probe = net.clone();
    (0..net.params().len())
        .map(|k| {
            let p = net.params()[k];
            probe.params_mut()[k] = p + h;
            let up = cost(&probe, data, loss) + penalty(&probe);
            probe.params_mut()[k] = p - h;
            let down = cost(&probe, data, loss) + penalty(&probe);
            probe.params_mut()[k] = p;
            (up - down) / (2.0 * h)
        })
        .collect()
}

/// ∂C/∂θ by central differences, no penalty.
fn numeric_gradient(net: &Network, data: &Dataset, loss: Loss) -> Vec<f64> {
    numeric_gradient_with(net, data, loss, &|_| 0.0)
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

fn assert_close(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        let scale = x.abs().max(y.abs()).max(1e-3);
        assert!((x - y).abs() / scale < tol, "entry {k}: {x} vs {y}");
    }
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
        assert_close(&moved, &gradient, 1e-6);
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
    let mut trace = trainer.network().new_trace();
    let correct = (0..test.len())
        .filter(|&i| {
            trainer.network().forward(test.input(i), &mut trace);
            (trainer.network().output(&trace)[0] > 0.5) == (test.target(i)[0] == 1.0)
        })
        .count();
    let end = trainer.cost(&train);
    assert!(end < start / 4.0, "cost {start} → {end}");
    assert!(
        correct * 10 >= test.len() * 9,
        "{correct} of {} test points right",
        test.len()
    );
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
    let mut trace = trainer.network().new_trace();
    let correct = (0..test.len())
        .filter(|&i| {
            trainer.network().forward(test.input(i), &mut trace);
            (trainer.network().output(&trace)[0] > 0.5) == (test.target(i)[0] == 1.0)
        })
        .count();
    assert!(
        correct as f64 >= 0.9 * test.len() as f64,
        "{correct} of {} test points right",
        test.len()
    );
}
