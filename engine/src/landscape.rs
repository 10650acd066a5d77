//! The real network's cost on a 2-D slice through its weights: the landscape gradient descent
//! walks on. θ(α, β) = θ₀ + α·d₁ + β·d₂, with θ₀ the current parameters and d₁, d₂ either two
//! chosen parameters' axes or two random filter-normalised directions (Li et al. 2018,
//! "Visualizing the Loss Landscape of Neural Nets").

use super::dataset::Dataset;
use super::loss::Loss;
use super::network::Network;
use super::rng::Rng;

/// A plane through parameter space.
#[derive(Clone, Debug, PartialEq)]
pub struct Slice {
    /// θ₀, where α = β = 0.
    pub center: Vec<f64>,
    /// d₁, the α axis.
    pub d1: Vec<f64>,
    /// d₂, the β axis.
    pub d2: Vec<f64>,
}

impl Slice {
    /// The plane along parameters `a` and `b` (indices into [`Network::params`]): α and β are
    /// those parameters' offsets from their current values.
    pub fn along_params(network: &Network, a: usize, b: usize) -> Slice {
        let n = network.params().len();
        let mut d1 = vec![0.0; n];
        let mut d2 = vec![0.0; n];
        d1[a] = 1.0;
        d2[b] = 1.0;
        Slice {
            center: network.params().to_vec(),
            d1,
            d2,
        }
    }

    /// Two random Gaussian directions, each rescaled filter by filter (here: the incoming weights
    /// of each neuron) to the norm of that neuron's own weights, biases left at zero, as Li et al.
    /// do, so that the picture does not depend on the weights' scale.
    pub fn filter_normalized(network: &Network, rng: &mut Rng) -> Slice {
        let mut direction = || {
            let mut d: Vec<f64> = (0..network.params().len()).map(|_| rng.normal()).collect();
            let sizes = network.sizes();
            let mut start = 0;
            for l in 0..sizes.len() - 1 {
                for _ in 0..sizes[l + 1] {
                    let row = start..start + sizes[l];
                    let w_norm = norm(&network.params()[row.clone()]);
                    let d_norm = norm(&d[row.clone()]);
                    let scale = if d_norm > 0.0 { w_norm / d_norm } else { 0.0 };
                    for x in &mut d[row] {
                        *x *= scale;
                    }
                    start += sizes[l];
                }
            }
            d[network.weights().len()..].fill(0.0);
            d
        };
        let d1 = direction();
        let d2 = direction();
        Slice {
            center: network.params().to_vec(),
            d1,
            d2,
        }
    }

    /// θ₀ + α·d₁ + β·d₂ into `out`.
    pub fn point(&self, alpha: f64, beta: f64, out: &mut [f64]) {
        for (((o, &c), &x), &y) in out.iter_mut().zip(&self.center).zip(&self.d1).zip(&self.d2) {
            *o = c + alpha * x + beta * y;
        }
    }

    /// The (α, β) of the point of the plane nearest to `params` (least squares on d₁, d₂):
    /// a training path drawn on the slice.
    pub fn project(&self, params: &[f64]) -> (f64, f64) {
        let (mut a11, mut a12, mut a22, mut b1, mut b2) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for (((&p, &c), &x), &y) in params.iter().zip(&self.center).zip(&self.d1).zip(&self.d2) {
            let r = p - c;
            a11 += x * x;
            a12 += x * y;
            a22 += y * y;
            b1 += x * r;
            b2 += y * r;
        }
        let det = a11 * a22 - a12 * a12;
        if det.abs() < 1e-300 {
            return (0.0, 0.0);
        }
        ((a22 * b1 - a12 * b2) / det, (a11 * b2 - a12 * b1) / det)
    }

    /// The cost over `data` at n×n points α, β ∈ [−extent, extent] (n ≥ 2), row by row from
    /// β = −extent, each row from α = −extent, into `out` (cleared first). With n odd the middle
    /// value is the cost at θ₀.
    pub fn sample_grid(
        &self,
        network: &Network,
        loss: Loss,
        data: &Dataset,
        n: usize,
        extent: f64,
        out: &mut Vec<f64>,
    ) {
        out.clear();
        let mut probe = network.clone();
        let mut batch = network.new_batch(data.len().clamp(1, 256));
        let at = |k: usize| -extent + 2.0 * extent * k as f64 / (n - 1) as f64;
        for row in 0..n {
            for col in 0..n {
                self.point(at(col), at(row), probe.params_mut());
                out.push(probe.cost(data, loss, &mut batch));
            }
        }
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Activation, Init};

    fn setup() -> (Network, Dataset) {
        let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
        let mut rng = Rng::new(6);
        let net = Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut rng).unwrap();
        (net, Dataset::circle(60, 0.1, &mut rng))
    }

    fn cost(net: &Network, data: &Dataset) -> f64 {
        let mut trace = net.new_trace();
        (0..data.len())
            .map(|i| {
                net.forward(data.input(i), &mut trace);
                net.loss(&trace, data.target(i), Loss::CrossEntropy)
            })
            .sum::<f64>()
            / data.len() as f64
    }

    #[test]
    fn the_middle_of_the_grid_is_the_current_cost() {
        let (net, data) = setup();
        for slice in [
            Slice::along_params(&net, 0, 5),
            Slice::filter_normalized(&net, &mut Rng::new(1)),
        ] {
            let mut grid = Vec::new();
            slice.sample_grid(&net, Loss::CrossEntropy, &data, 5, 1.0, &mut grid);
            assert_eq!(grid.len(), 25);
            assert_eq!(grid[12], cost(&net, &data));
            assert!(grid.iter().any(|&c| c != grid[12]), "the landscape is not flat");
        }
    }

    #[test]
    fn a_slice_along_two_weights_moves_exactly_those_weights() {
        let (net, data) = setup();
        let slice = Slice::along_params(&net, 3, 7);
        let mut grid = Vec::new();
        slice.sample_grid(&net, Loss::CrossEntropy, &data, 3, 0.5, &mut grid);
        // Row 0 is β = −0.5, column 2 is α = +0.5.
        let mut moved = net.clone();
        moved.params_mut()[3] += 0.5;
        moved.params_mut()[7] -= 0.5;
        assert_eq!(grid[2], cost(&moved, &data));
    }

    #[test]
    fn filter_normalised_directions_match_each_neurons_weight_norm() {
        let (net, _) = setup();
        let slice = Slice::filter_normalized(&net, &mut Rng::new(2));
        let sizes = net.sizes();
        let mut start = 0;
        for l in 0..sizes.len() - 1 {
            for _ in 0..sizes[l + 1] {
                let row = start..start + sizes[l];
                for d in [&slice.d1, &slice.d2] {
                    assert!((norm(&d[row.clone()]) - norm(&net.params()[row.clone()])).abs() < 1e-12);
                }
                start += sizes[l];
            }
        }
        assert!(slice.d1[net.weights().len()..].iter().all(|&b| b == 0.0));
        assert_ne!(slice.d1, slice.d2);
    }

    #[test]
    fn projection_recovers_points_of_the_plane_and_the_center_is_the_origin() {
        let (net, _) = setup();
        let slice = Slice::filter_normalized(&net, &mut Rng::new(3));
        assert_eq!(slice.project(net.params()), (0.0, 0.0));
        let mut p = vec![0.0; net.params().len()];
        slice.point(0.3, -0.7, &mut p);
        let (a, b) = slice.project(&p);
        assert!((a - 0.3).abs() < 1e-12 && (b + 0.7).abs() < 1e-12, "{a} {b}");
    }
}
