//! A fully connected feed-forward network whose weights live in flat contiguous buffers.
//!
//! Layer 0 is the input layer. All parameters live in one buffer: every weight, then every bias.
//! The weight from neuron i of layer l to neuron j of layer l + 1 is `weights()[w_start[l] + j·n_l + i]`;
//! the bias of that neuron j is `biases()[b_start[l] + j]`, with b_start[l] = neurons before layer l + 1,
//! inputs not counted. Gradients use the same layout, so an optimizer sees one flat slice.

use super::activation::Activation;
use super::loss::Loss;
use super::rng::Rng;
use std::fmt;

/// How the first weights are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Init {
    /// Xavier/Glorot uniform: U(−r, r) with r = √(6 / (fan_in + fan_out)).
    Xavier,
    /// He normal: N(0, 2 / fan_in), suited to ReLU layers.
    He,
    /// Uniform in (−0.5, 0.5), as TensorFlow Playground does.
    Uniform,
}

/// Why a network of some shape cannot be built.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// Fewer than two layers (input and output are both needed).
    TooFewLayers,
    /// A layer with no neurons; the index is the layer's.
    EmptyLayer(usize),
    /// The number of parameters given is not the number the shape needs.
    ParamCount {
        /// Parameters (weights and biases) the shape needs.
        expected: usize,
        /// Parameters given.
        found: usize,
    },
    /// The number of activations is not the number of layers after the input.
    ActivationCount {
        /// Activations the shape needs.
        expected: usize,
        /// Activations given.
        found: usize,
    },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::TooFewLayers => {
                write!(f, "a network needs at least an input and an output layer")
            }
            ShapeError::EmptyLayer(l) => write!(f, "layer {l} has no neurons"),
            ShapeError::ParamCount { expected, found } => {
                write!(f, "this shape has {expected} weights and biases, {found} given")
            }
            ShapeError::ActivationCount { expected, found } => {
                write!(
                    f,
                    "{expected} activations are needed (one per layer after the input), {found} given"
                )
            }
        }
    }
}

impl std::error::Error for ShapeError {}

/// A feed-forward network: layer sizes, one activation per non-input layer, weights and biases.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    sizes: Vec<usize>,
    activations: Vec<Activation>,
    /// Every weight, then every bias.
    params: Vec<f64>,
    /// How many of `params` are weights.
    n_weights: usize,
    /// Where each weight block starts (one per non-input layer).
    w_start: Vec<usize>,
    /// Where each layer's neurons start in a [`Trace`] (one per layer, input included), plus the total.
    n_start: Vec<usize>,
}

/// What one sample does inside the network: z and a of every neuron, and δ after a backward pass.
///
/// Indexed by neuron: the neurons of layer l are `Network::neurons(l)`. For input neurons z = a = x.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// Weighted input z = Σ w·a + b of every neuron.
    pub z: Vec<f64>,
    /// Output a = f(z) of every neuron.
    pub a: Vec<f64>,
    /// Error δ = ∂L/∂z of every neuron (zero for inputs).
    pub delta: Vec<f64>,
}

/// ∂C/∂w and ∂C/∂b for every weight and bias, laid out like the network's parameters.
#[derive(Clone, Debug, PartialEq)]
pub struct Gradients {
    values: Vec<f64>,
    n_weights: usize,
}

impl Gradients {
    /// Sets every entry to zero, keeping the buffer.
    pub fn clear(&mut self) {
        self.values.fill(0.0);
    }

    /// The Euclidean norm over all weights and biases.
    pub fn norm(&self) -> f64 {
        self.values.iter().map(|g| g * g).sum::<f64>().sqrt()
    }

    /// Every ∂C/∂w then every ∂C/∂b, in [`Network::params`] order.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Every entry, writable.
    pub fn values_mut(&mut self) -> &mut [f64] {
        &mut self.values
    }

    /// ∂C/∂w, in [`Network::weights`] order.
    pub fn weights(&self) -> &[f64] {
        &self.values[..self.n_weights]
    }

    /// ∂C/∂b, in [`Network::biases`] order.
    pub fn biases(&self) -> &[f64] {
        &self.values[self.n_weights..]
    }
}

impl Network {
    /// A network of the given layer sizes (input first) with weights drawn by `init` from `rng`
    /// and zero biases.
    pub fn new(sizes: &[usize], activations: &[Activation], init: Init, rng: &mut Rng) -> Result<Self, ShapeError> {
        let mut net = Self::with_params(sizes, activations, Vec::new())?;
        let n_weights = net.n_weights;
        let mut k = 0;
        for pair in sizes.windows(2) {
            let (fan_in, fan_out) = (pair[0] as f64, pair[1] as f64);
            for w in &mut net.params[k..k + pair[0] * pair[1]] {
                *w = match init {
                    Init::Xavier => {
                        let r = (6.0 / (fan_in + fan_out)).sqrt();
                        rng.uniform(-r, r)
                    }
                    Init::He => rng.normal() * (2.0 / fan_in).sqrt(),
                    Init::Uniform => rng.uniform(-0.5, 0.5),
                };
            }
            k += pair[0] * pair[1];
        }
        debug_assert_eq!(k, n_weights);
        Ok(net)
    }

    /// A network of the given shape with the given parameters: every weight (layout as in the
    /// module docs), then every bias. Empty `params` means all zero.
    pub fn with_params(sizes: &[usize], activations: &[Activation], params: Vec<f64>) -> Result<Self, ShapeError> {
        if sizes.len() < 2 {
            return Err(ShapeError::TooFewLayers);
        }
        if let Some(l) = sizes.iter().position(|&n| n == 0) {
            return Err(ShapeError::EmptyLayer(l));
        }
        if activations.len() != sizes.len() - 1 {
            return Err(ShapeError::ActivationCount {
                expected: sizes.len() - 1,
                found: activations.len(),
            });
        }
        let mut w_start = Vec::with_capacity(sizes.len() - 1);
        let mut n_weights = 0;
        for pair in sizes.windows(2) {
            w_start.push(n_weights);
            n_weights += pair[0] * pair[1];
        }
        let mut n_start = Vec::with_capacity(sizes.len() + 1);
        let mut total_n = 0;
        for &n in sizes {
            n_start.push(total_n);
            total_n += n;
        }
        n_start.push(total_n);
        let expected = n_weights + total_n - sizes[0];
        let params = match params.len() {
            0 => vec![0.0; expected],
            n if n == expected => params,
            found => return Err(ShapeError::ParamCount { expected, found }),
        };
        Ok(Self {
            sizes: sizes.to_vec(),
            activations: activations.to_vec(),
            params,
            n_weights,
            w_start,
            n_start,
        })
    }

    /// Neurons per layer, input layer first.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The activation of each layer after the input.
    pub fn activations(&self) -> &[Activation] {
        &self.activations
    }

    /// Every weight, then every bias: the one buffer an optimizer updates.
    pub fn params(&self) -> &[f64] {
        &self.params
    }

    /// Every parameter, writable.
    pub fn params_mut(&mut self) -> &mut [f64] {
        &mut self.params
    }

    /// All weights, block by block (see the module docs for the layout).
    pub fn weights(&self) -> &[f64] {
        &self.params[..self.n_weights]
    }

    /// All weights, writable.
    pub fn weights_mut(&mut self) -> &mut [f64] {
        &mut self.params[..self.n_weights]
    }

    /// All biases of the non-input neurons, layer by layer.
    pub fn biases(&self) -> &[f64] {
        &self.params[self.n_weights..]
    }

    /// All biases, writable.
    pub fn biases_mut(&mut self) -> &mut [f64] {
        &mut self.params[self.n_weights..]
    }

    /// The weight from neuron `i` of layer `l` to neuron `j` of layer `l + 1`.
    pub fn weight(&self, l: usize, j: usize, i: usize) -> f64 {
        self.params[self.w_start[l] + j * self.sizes[l] + i]
    }

    /// The bias of neuron `j` of layer `l + 1`.
    pub fn bias(&self, l: usize, j: usize) -> f64 {
        self.params[self.n_weights + self.n_start[l + 1] - self.sizes[0] + j]
    }

    /// The positions of layer `l`'s neurons in a [`Trace`].
    pub fn neurons(&self, l: usize) -> std::ops::Range<usize> {
        self.n_start[l]..self.n_start[l + 1]
    }

    /// A trace with room for every neuron of this network, all zero.
    pub fn new_trace(&self) -> Trace {
        let n = self.n_start[self.sizes.len()];
        Trace {
            z: vec![0.0; n],
            a: vec![0.0; n],
            delta: vec![0.0; n],
        }
    }

    /// Zero gradients shaped like this network.
    pub fn new_gradients(&self) -> Gradients {
        Gradients {
            values: vec![0.0; self.params.len()],
            n_weights: self.n_weights,
        }
    }

    /// The output layer's activations in `trace`.
    pub fn output<'t>(&self, trace: &'t Trace) -> &'t [f64] {
        &trace.a[self.neurons(self.sizes.len() - 1)]
    }

    /// Forward pass: z = W·a + b and a = f(z), layer by layer, for input `x`. Allocates nothing.
    pub fn forward(&self, x: &[f64], trace: &mut Trace) {
        let input = self.neurons(0);
        trace.a[input.clone()].copy_from_slice(x);
        trace.z[input].copy_from_slice(x);
        for (l, &act) in self.activations.iter().enumerate() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (before, after) = trace.a.split_at_mut(self.n_start[l + 1]);
            let a_in = &before[self.n_start[l]..];
            let a_out = &mut after[..n_out];
            let z_out = &mut trace.z[self.n_start[l + 1]..self.n_start[l + 2]];
            let block = &self.params[self.w_start[l]..self.w_start[l] + n_in * n_out];
            let b = &self.params[self.n_weights + self.n_start[l + 1] - self.sizes[0]..][..n_out];
            for (((row, &b), z), a) in block.chunks_exact(n_in).zip(b).zip(z_out).zip(a_out) {
                *z = row.iter().zip(a_in).map(|(w, a)| w * a).sum::<f64>() + b;
                *a = act.value(*z);
            }
        }
    }

    /// The loss of the sample last passed forward through `trace`, against `target`.
    pub fn loss(&self, trace: &Trace, target: &[f64], loss: Loss) -> f64 {
        let out = self.neurons(self.sizes.len() - 1);
        loss.value(&trace.z[out.clone()], &trace.a[out], target)
    }

    /// Backward pass for the sample in `trace`: fills every δ, from the output back to the first
    /// hidden layer, and adds this sample's ∂L/∂w = δ_j·a_i and ∂L/∂b = δ_j into `grad`.
    ///
    /// Output layer: δ = ∂L/∂z (see [`Loss::output_deltas`]); hidden: δ_i = f′(z_i)·Σ_j w_ji·δ_j.
    pub fn backward(&self, trace: &mut Trace, target: &[f64], loss: Loss, grad: &mut Gradients) {
        let last = self.sizes.len() - 1;
        let out = self.neurons(last);
        let out_act = self.activations[last - 1];
        loss.output_deltas(
            out_act,
            &trace.z[out.clone()],
            &trace.a[out.clone()],
            target,
            &mut trace.delta[out],
        );
        let (grad_w, grad_b) = grad.values.split_at_mut(self.n_weights);
        for l in (0..last).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let w_range = self.w_start[l]..self.w_start[l] + n_in * n_out;
            let b_start = self.n_start[l + 1] - self.sizes[0];
            let (d_before, d_after) = trace.delta.split_at_mut(self.n_start[l + 1]);
            let d_out = &d_after[..n_out];
            let a_in = &trace.a[self.neurons(l)];
            for ((g_row, &d), gb) in grad_w[w_range.clone()]
                .chunks_exact_mut(n_in)
                .zip(d_out)
                .zip(&mut grad_b[b_start..b_start + n_out])
            {
                for (g, &a) in g_row.iter_mut().zip(a_in) {
                    *g += d * a;
                }
                *gb += d;
            }
            let d_in = &mut d_before[self.n_start[l]..];
            d_in.fill(0.0);
            if l == 0 {
                continue; // Inputs have no error to pass on.
            }
            for (row, &d) in self.params[w_range].chunks_exact(n_in).zip(d_out) {
                for (di, &w) in d_in.iter_mut().zip(row) {
                    *di += w * d;
                }
            }
            let act = self.activations[l - 1];
            let layer = self.neurons(l);
            for ((di, &z), &a) in d_in.iter_mut().zip(&trace.z[layer.clone()]).zip(&trace.a[layer]) {
                *di *= act.derivative_at(z, a);
            }
        }
    }
}
