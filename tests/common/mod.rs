//! Oracles shared by the native test files: the cost by plain forward passes, and its gradient
//! by central differences, written independently of the trainer.

use backprop_lab::core::{Dataset, Loss, Network};

/// The cost C(θ) = mean loss over `data`, by one forward pass per sample.
pub fn cost(net: &Network, data: &Dataset, loss: Loss) -> f64 {
    let mut trace = net.new_trace();
    let total: f64 = (0..data.len())
        .map(|i| {
            net.forward(data.input(i), &mut trace);
            net.loss(&trace, data.target(i), loss)
        })
        .sum();
    total / data.len() as f64
}

/// ∂(C + penalty)/∂θ for every weight, then every bias, by central differences
/// (f(θ + h) − f(θ − h)) / 2h, with `penalty` a function of the weights.
pub fn numeric_gradient(net: &Network, data: &Dataset, loss: Loss, penalty: &dyn Fn(&[f64]) -> f64) -> Vec<f64> {
    let h = 1e-5;
    let mut probe = net.clone();
    (0..net.params().len())
        .map(|k| {
            let p = net.params()[k];
            probe.params_mut()[k] = p + h;
            let up = cost(&probe, data, loss) + penalty(probe.weights());
            probe.params_mut()[k] = p - h;
            let down = cost(&probe, data, loss) + penalty(probe.weights());
            probe.params_mut()[k] = p;
            (up - down) / (2.0 * h)
        })
        .collect()
}

/// Asserts that `a` and `b` agree entry by entry to a relative `tol` (floor 1e-4 on the scale).
pub fn assert_close(a: &[f64], b: &[f64], tol: f64, what: &str) {
    assert_eq!(a.len(), b.len());
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        let scale = x.abs().max(y.abs()).max(1e-4);
        assert!((x - y).abs() / scale < tol, "{what}, parameter {k}: {x} vs {y}");
    }
}
