//! The engine's speed benchmarks. They take the clock as an argument (milliseconds, any origin),
//! so the same code runs natively (`cargo run --release --bin bench`) and in the browser
//! (`scripts/bench.sh`, which runs `tests/bench_wasm.rs` in headless Chromium).

use super::activation::Activation;
use super::dataset::Dataset;
use super::landscape::Slice;
use super::loss::Loss;
use super::network::{Init, Network};
use super::rng::Rng;
use super::trainer::Trainer;

/// The shapes of the training benchmark, as in TensorFlow Playground's measurements.
pub const SHAPES: [&[usize]; 4] = [
    &[2, 4, 2, 1],
    &[2, 8, 8, 1],
    &[2, 8, 8, 8, 8, 8, 8, 1],
    &[6, 8, 8, 8, 8, 8, 8, 1],
];

/// One measured figure.
#[derive(Clone, Debug, PartialEq)]
pub struct Measurement {
    /// What was measured.
    pub name: String,
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
}

/// A network of `shape`, tanh everywhere (as TF Playground's benchmark), seeded.
fn tanh_network(shape: &[usize], rng: &mut Rng) -> Network {
    let acts = vec![Activation::Tanh; shape.len() - 1];
    Network::new(shape, &acts, Init::Xavier, rng).expect("benchmark shapes are valid")
}

/// 250 samples with `dim` inputs in [−1, 1] and a ±1 target (inside or outside a circle).
fn samples(dim: usize, rng: &mut Rng) -> Dataset {
    let mut data = Dataset::new(dim, 1);
    let mut x = vec![0.0; dim];
    for _ in 0..250 {
        for v in &mut x {
            *v = rng.uniform(-1.0, 1.0);
        }
        let r2: f64 = x.iter().take(2).map(|v| v * v).sum();
        data.push(&x, &[if r2 < 0.4 { 1.0 } else { -1.0 }]);
    }
    data
}

/// Runs `work` repeatedly for at least `min_ms`, returns (runs, elapsed ms). It first runs it
/// for a quarter of that without counting, so that a browser's optimising compiler has taken
/// over from its baseline one before the clock starts.
fn time(clock: &dyn Fn() -> f64, min_ms: f64, mut work: impl FnMut()) -> (u64, f64) {
    let warm_up = clock();
    loop {
        work();
        if clock() - warm_up >= min_ms / 4.0 {
            break;
        }
    }
    let start = clock();
    let mut runs = 0;
    loop {
        work();
        runs += 1;
        let elapsed = clock() - start;
        if elapsed >= min_ms {
            return (runs, elapsed);
        }
    }
}

/// Training samples per second (forward + backward, an update every 10 samples) for `shape`
/// on 250 samples, squared error, plain SGD.
pub fn training_throughput(shape: &[usize], clock: &dyn Fn() -> f64, min_ms: f64) -> f64 {
    let mut rng = Rng::new(1);
    let data = samples(shape[0], &mut rng);
    let mut trainer =
        Trainer::new(tanh_network(shape, &mut rng), Loss::SquaredError, 0.03, 10, rng).expect("valid settings");
    // One run = one epoch of 25 steps of 10 samples.
    let (runs, ms) = time(clock, min_ms, || {
        for _ in 0..25 {
            trainer.step(&data);
        }
    });
    (runs * 250) as f64 / (ms / 1000.0)
}

/// Milliseconds for a forward pass over a 100×100 grid of inputs, recording every neuron's
/// output (what the neuron heatmaps draw), for `shape` (inputs beyond two are held at 0.5).
/// Each grid row of 100 points goes through the network as one batch.
pub fn grid_ms(shape: &[usize], clock: &dyn Fn() -> f64, min_ms: f64) -> f64 {
    let mut rng = Rng::new(2);
    let net = tanh_network(shape, &mut rng);
    let neurons: usize = shape.iter().sum();
    let mut batch = net.new_batch(100);
    let mut out = vec![0.0; neurons * 100 * 100];
    let mut inputs = vec![0.5; shape[0] * 100];
    let (runs, ms) = time(clock, min_ms, || {
        for row in 0..100 {
            for col in 0..100 {
                inputs[col * shape[0]] = -1.0 + 2.0 * col as f64 / 99.0;
                inputs[col * shape[0] + 1] = -1.0 + 2.0 * row as f64 / 99.0;
            }
            batch.load_inputs(100, |s| &inputs[s * shape[0]..(s + 1) * shape[0]]);
            net.forward_batch(&mut batch);
            // One image per neuron: neuron k's value at (row, col) goes to out[k][row][col].
            for k in 0..neurons {
                for col in 0..100 {
                    out[(k * 100 + row) * 100 + col] = batch.a(k, col);
                }
            }
        }
    });
    std::hint::black_box(&out);
    ms / runs as f64
}

/// Milliseconds for the real network's 51×51 cost surface over 250 samples at [2, 4, 2, 1].
pub fn surface_ms(clock: &dyn Fn() -> f64, min_ms: f64) -> f64 {
    let mut rng = Rng::new(3);
    let net = tanh_network(&[2, 4, 2, 1], &mut rng);
    let data = samples(2, &mut rng);
    let slice = Slice::filter_normalized(&net, &mut rng);
    let mut grid = Vec::new();
    let (runs, ms) = time(clock, min_ms, || {
        slice.sample_grid(&net, Loss::SquaredError, &data, 51, 1.0, &mut grid)
    });
    ms / runs as f64
}

/// Every benchmark, each run for at least `min_ms`.
pub fn run_all(clock: &dyn Fn() -> f64, min_ms: f64) -> Vec<Measurement> {
    let mut out = Vec::new();
    for shape in SHAPES {
        out.push(Measurement {
            name: format!("training {shape:?}"),
            value: training_throughput(shape, clock, min_ms),
            unit: "samples/s",
        });
    }
    let max = SHAPES[SHAPES.len() - 1];
    out.push(Measurement {
        name: format!("100×100 grid, every neuron, {max:?}"),
        value: grid_ms(max, clock, min_ms),
        unit: "ms",
    });
    out.push(Measurement {
        name: "51×51 real-network surface, 250 samples, [2, 4, 2, 1]".to_string(),
        value: surface_ms(clock, min_ms),
        unit: "ms",
    });
    out
}

/// The measurements as Markdown table rows.
pub fn table(measurements: &[Measurement]) -> String {
    let mut s = String::from("| benchmark | value |\n| --- | --- |\n");
    for m in measurements {
        let value = if m.unit == "samples/s" {
            format!("{:.2} M samples/s", m.value / 1e6)
        } else {
            format!("{:.2} {}", m.value, m.unit)
        };
        s.push_str(&format!("| {} | {} |\n", m.name, value));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_fake_clock_gives_the_expected_arithmetic() {
        // A clock that advances 1 ms per reading: each measurement takes a known number of runs.
        let t = Cell::new(0.0);
        let clock = || {
            t.set(t.get() + 1.0);
            t.get()
        };
        // The warm-up reads 1, then 2, 3, 4 (3 ms ≥ 10/4): it stops. The measurement starts at 5;
        // after run k the clock reads 5 + k: it stops at k = 10 with 10 ms elapsed.
        let rate = training_throughput(&[2, 4, 2, 1], &clock, 10.0);
        assert_eq!(rate, 10.0 * 250.0 / 0.01);
        let rows = table(&run_all(&clock, 1.0));
        assert_eq!(rows.lines().count(), 2 + 6);
        assert!(rows.contains("| training [2, 4, 2, 1] |"));
    }
}
