//! Same seed, same run, on every platform: a seeded training run must end with bit-for-bit the
//! parameters recorded in `tests/fixtures/seeded_run.txt`, natively and in wasm (this file is also
//! compiled into the browser tests). After a deliberate change to the engine's arithmetic,
//! regenerate the file natively with `BLESS_FIXTURES=1 cargo test --test portable_run`.

use backprop_lab::core::{Activation, Dataset, Init, Loss, Network, OptimizerKind, Regularization, Rng, Trainer};

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/seeded_run.txt");

/// Two seeded runs: cross-entropy with Adam and L2 on the circle, and softmax with Nesterov on
/// three random classes. Returns every final parameter of both, as f64 bit patterns in hex.
fn seeded_runs() -> Vec<String> {
    let mut out = Vec::new();
    let mut rng = Rng::new(7);
    let circle = Dataset::circle(100, 0.2, &mut rng);
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    let net = Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut rng).unwrap();
    let mut t = Trainer::new(net, Loss::CrossEntropy, 0.01, 10, Rng::new(8)).unwrap();
    t.set_optimizer(OptimizerKind::Adam);
    t.set_regularization(Regularization::L2, 0.001).unwrap();
    for _ in 0..60 {
        t.step(&circle);
    }
    out.extend(t.network().params().iter().map(|p| format!("{:016x}", p.to_bits())));

    let mut classes = Dataset::new(2, 3);
    for _ in 0..90 {
        let k = rng.below(3);
        let x = [rng.normal() * 0.3 + k as f64 - 1.0, rng.uniform(-1.0, 1.0)];
        let mut target = [0.0; 3];
        target[k] = 1.0;
        classes.push(&x, &target);
    }
    let acts = [Activation::Relu, Activation::Linear];
    let net = Network::new(&[2, 5, 3], &acts, Init::He, &mut rng).unwrap();
    let mut t = Trainer::new(net, Loss::SoftmaxCrossEntropy, 0.05, 9, Rng::new(9)).unwrap();
    t.set_optimizer(OptimizerKind::Nesterov);
    for _ in 0..60 {
        t.step(&classes);
    }
    out.extend(t.network().params().iter().map(|p| format!("{:016x}", p.to_bits())));
    out
}

#[cfg_attr(not(target_arch = "wasm32"), test)]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_seeded_run_ends_with_the_recorded_parameters_bit_for_bit() {
    let got = seeded_runs();
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("BLESS_FIXTURES").is_some() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/seeded_run.txt");
        std::fs::write(path, got.join("\n") + "\n").unwrap();
        return;
    }
    let expected: Vec<&str> = FIXTURE.lines().collect();
    assert_eq!(got.len(), expected.len(), "parameter count");
    for (k, (g, e)) in got.iter().zip(&expected).enumerate() {
        assert_eq!(g, e, "parameter {k} differs from the recorded run");
    }
}
