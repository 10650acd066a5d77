//! A fully connected feed-forward network whose weights live in flat contiguous buffers.
//!
//! Layer 0 is the input layer. All parameters live in one buffer: every weight, then every bias.
//! The weight from neuron i of layer l to neuron j of layer l + 1 is `weights()[w_start[l] + j·n_l + i]`;
//! the bias of that neuron j is `biases()[b_start[l] + j]`, with b_start[l] = neurons before layer l + 1,
//! inputs not counted. Gradients use the same layout, so an optimizer sees one flat slice.

use super::activation::Activation;
use super::dataset::Dataset;
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
        self.forward_layers(&mut trace.z, &mut trace.a, 1, 1);
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
        let (z, a) = (&trace.z[out.clone()], &trace.a[out.clone()]);
        loss.output_deltas(out_act, z, a, target, &mut trace.delta[out]);
        self.backward_layers(&trace.z, &trace.a, &mut trace.delta, 1, 1, grad);
    }

    /// A workspace for mini-batches of up to `capacity` samples.
    pub fn new_batch(&self, capacity: usize) -> Batch {
        let capacity = capacity.max(1);
        let n = self.n_start[self.sizes.len()] * capacity;
        let outputs = self.sizes[self.sizes.len() - 1];
        Batch {
            capacity,
            inputs: self.sizes[0],
            len: 0,
            z: vec![0.0; n],
            a: vec![0.0; n],
            delta: vec![0.0; n],
            t: vec![0.0; outputs * capacity],
            scratch: vec![0.0; 4 * outputs],
        }
    }

    /// Forward pass for every sample loaded in `batch` (see [`Batch::load`]), a layer at a time
    /// for the whole batch, with exactly the arithmetic of [`Network::forward`].
    pub fn forward_batch(&self, batch: &mut Batch) {
        self.forward_layers(&mut batch.z, &mut batch.a, batch.capacity, batch.len);
    }

    /// The sum of the losses of the samples in `batch` against their loaded targets, in sample
    /// order (each sample's loss summed over its outputs first, as [`Loss::value`] does).
    pub fn loss_batch(&self, batch: &mut Batch, loss: Loss) -> f64 {
        let out = self.neurons(self.sizes.len() - 1);
        let (m, stride, n) = (out.len(), batch.capacity, batch.len);
        if m == 1 && loss.is_elementwise() {
            // One output: the sample's loss is the one term, taken straight from the rows.
            let k = out.start * stride;
            let rows = batch.z[k..k + n].iter().zip(&batch.a[k..k + n]).zip(&batch.t[..n]);
            return rows
                .map(|((&z, &a), &t)| loss.term(z, a, t))
                .fold(0.0, |sum, l| sum + l);
        }
        let mut total = 0.0;
        for s in 0..n {
            let (z, rest) = batch.scratch.split_at_mut(m);
            let (a, rest) = rest.split_at_mut(m);
            for (k, neuron) in out.clone().enumerate() {
                z[k] = batch.z[neuron * stride + s];
                a[k] = batch.a[neuron * stride + s];
                rest[k] = batch.t[k * stride + s];
            }
            total += loss.value(z, a, &rest[..m]);
        }
        total
    }

    /// Backward pass for every sample in `batch` against its loaded target: fills every δ and
    /// adds each sample's ∂L/∂w and ∂L/∂b into `grad` in sample order, with exactly the
    /// arithmetic of [`Network::backward`].
    pub fn backward_batch(&self, batch: &mut Batch, loss: Loss, grad: &mut Gradients) {
        let last = self.sizes.len() - 1;
        let out = self.neurons(last);
        let out_act = self.activations[last - 1];
        let (m, stride, n) = (out.len(), batch.capacity, batch.len);
        if loss.is_elementwise() {
            // Each output's δ depends on that output alone: whole rows at a time.
            for (k, neuron) in out.clone().enumerate() {
                let (row, t_row) = (neuron * stride..neuron * stride + n, k * stride..k * stride + n);
                let inputs = batch.z[row.clone()]
                    .iter()
                    .zip(&batch.a[row.clone()])
                    .zip(&batch.t[t_row]);
                for (d, ((&z, &a), &t)) in batch.delta[row].iter_mut().zip(inputs) {
                    *d = loss.delta_term(out_act, z, a, t);
                }
            }
        } else {
            for s in 0..n {
                let (z, rest) = batch.scratch.split_at_mut(m);
                let (a, rest) = rest.split_at_mut(m);
                let (t, d) = rest.split_at_mut(m);
                for (k, neuron) in out.clone().enumerate() {
                    z[k] = batch.z[neuron * stride + s];
                    a[k] = batch.a[neuron * stride + s];
                    t[k] = batch.t[k * stride + s];
                }
                loss.output_deltas(out_act, z, a, t, d);
                for (k, neuron) in out.clone().enumerate() {
                    batch.delta[neuron * stride + s] = d[k];
                }
            }
        }
        self.backward_layers(&batch.z, &batch.a, &mut batch.delta, stride, n, grad);
    }

    /// Passes `data` forward through `batch` a batch at a time, inputs and targets loaded, and
    /// hands each forwarded batch to `each`.
    fn over_batches(&self, data: &Dataset, batch: &mut Batch, mut each: impl FnMut(&mut Batch)) {
        let mut start = 0;
        while start < data.len() {
            let n = batch.capacity().min(data.len() - start);
            batch.load(n, |s| data.input(start + s), |s| data.target(start + s));
            self.forward_batch(batch);
            each(batch);
            start += n;
        }
    }

    /// How many samples of a forwarded `batch` are classified right: with one output,
    /// a > 0.5 against t > 0.5; with several, the largest output against the largest target.
    fn correct_in(&self, batch: &Batch) -> usize {
        let out = self.neurons(self.sizes.len() - 1);
        let argmax = |v: &mut dyn Iterator<Item = f64>| {
            v.enumerate()
                .fold(
                    (0, f64::NEG_INFINITY),
                    |best, (k, x)| if x > best.1 { (k, x) } else { best },
                )
                .0
        };
        let n = batch.len;
        (0..n)
            .filter(|&s| {
                if out.len() == 1 {
                    (batch.a(out.start, s) > 0.5) == (batch.t[s] > 0.5)
                } else {
                    let target = &mut (0..out.len()).map(|k| batch.t[k * batch.capacity + s]);
                    argmax(&mut out.clone().map(|k| batch.a(k, s))) == argmax(target)
                }
            })
            .count()
    }

    /// The cost C = mean loss over `data`, passing it through `batch` a batch at a time.
    pub fn cost(&self, data: &Dataset, loss: Loss, batch: &mut Batch) -> f64 {
        let mut total = 0.0;
        self.over_batches(data, batch, |b| total += self.loss_batch(b, loss));
        total / data.len().max(1) as f64
    }

    /// The share of `data` classified right: with one output, a > 0.5 against t > 0.5; with
    /// several, the largest output against the largest target (for softmax the largest z is the
    /// most probable class).
    pub fn accuracy(&self, data: &Dataset, batch: &mut Batch) -> f64 {
        let mut right = 0;
        self.over_batches(data, batch, |b| right += self.correct_in(b));
        right as f64 / data.len().max(1) as f64
    }

    /// The cost and the accuracy of `data` together, from one forward pass.
    pub fn evaluate(&self, data: &Dataset, loss: Loss, batch: &mut Batch) -> (f64, f64) {
        let (mut total, mut right) = (0.0, 0);
        self.over_batches(data, batch, |b| {
            total += self.loss_batch(b, loss);
            right += self.correct_in(b);
        });
        let n = data.len().max(1) as f64;
        (total / n, right as f64 / n)
    }

    /// z = W·a + b and a = f(z) for layers 1…, on buffers holding each neuron's values for
    /// `n` samples at neuron·stride + sample. The sample loop is innermost, so a batch runs as
    /// matrix × matrix.
    fn forward_layers(&self, z: &mut [f64], a: &mut [f64], stride: usize, n: usize) {
        for (l, &act) in self.activations.iter().enumerate() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let (a_before, a_after) = a.split_at_mut(self.n_start[l + 1] * stride);
            let a_in = &a_before[self.n_start[l] * stride..];
            let z_out = &mut z[self.n_start[l + 1] * stride..self.n_start[l + 2] * stride];
            let block = &self.params[self.w_start[l]..self.w_start[l] + n_in * n_out];
            let bias = &self.params[self.n_weights + self.n_start[l + 1] - self.sizes[0]..][..n_out];
            for ((w_row, &b), z_row) in block.chunks_exact(n_in).zip(bias).zip(z_out.chunks_exact_mut(stride)) {
                let z_row = &mut z_row[..n];
                // z = w₀x₀ + w₁x₁ + … + b: the first product initialises the row, the rest add on.
                let mut terms = w_row.iter().zip(a_in.chunks_exact(stride));
                if let Some((&w, x_row)) = terms.next() {
                    for (z, &x) in z_row.iter_mut().zip(&x_row[..n]) {
                        *z = w * x;
                    }
                }
                for (&w, x_row) in terms {
                    for (z, &x) in z_row.iter_mut().zip(&x_row[..n]) {
                        *z += w * x;
                    }
                }
                for z in z_row.iter_mut() {
                    *z += b;
                }
            }
            // a = f(z): a full batch's rows lie end to end, so the whole layer goes in one loop.
            let a_out = &mut a_after[..n_out * stride];
            if n == stride {
                act.activate(z_out, a_out);
            } else {
                for (z_row, a_row) in z_out.chunks_exact(stride).zip(a_out.chunks_exact_mut(stride)) {
                    act.activate(&z_row[..n], &mut a_row[..n]);
                }
            }
        }
    }

    /// From the output layer's δ (already in `delta`) back to the first hidden layer, on buffers
    /// laid out as in [`Network::forward_layers`]; adds ∂L/∂w = δ_j·a_i and ∂L/∂b = δ_j of each
    /// sample, in sample order, into `grad`.
    fn backward_layers(&self, z: &[f64], a: &[f64], delta: &mut [f64], stride: usize, n: usize, grad: &mut Gradients) {
        let last = self.sizes.len() - 1;
        let (grad_w, grad_b) = grad.values.split_at_mut(self.n_weights);
        for l in (0..last).rev() {
            let (n_in, n_out) = (self.sizes[l], self.sizes[l + 1]);
            let w_range = self.w_start[l]..self.w_start[l] + n_in * n_out;
            let b_start = self.n_start[l + 1] - self.sizes[0];
            let (d_before, d_after) = delta.split_at_mut(self.n_start[l + 1] * stride);
            let d_out = &d_after[..n_out * stride];
            let a_in = &a[self.n_start[l] * stride..self.n_start[l + 1] * stride];
            let grads = grad_w[w_range.clone()]
                .chunks_exact_mut(n_in)
                .zip(&mut grad_b[b_start..b_start + n_out]);
            for ((g_row, gb), d_row) in grads.zip(d_out.chunks_exact(stride)) {
                let d_row = &d_row[..n];
                for (g, x_row) in g_row.iter_mut().zip(a_in.chunks_exact(stride)) {
                    let mut sum = *g;
                    for (&d, &x) in d_row.iter().zip(&x_row[..n]) {
                        sum += d * x;
                    }
                    *g = sum;
                }
                let mut sum = *gb;
                for &d in d_row {
                    sum += d;
                }
                *gb = sum;
            }
            if l == 0 {
                continue; // Inputs have no error to pass on: their δ stay 0.
            }
            let d_in = &mut d_before[self.n_start[l] * stride..];
            // Σ_j w_ji·δ_j: the first j initialises each row, the rest add on.
            let mut terms = self.params[w_range].chunks_exact(n_in).zip(d_out.chunks_exact(stride));
            if let Some((w_row, d_row)) = terms.next() {
                for (&w, di_row) in w_row.iter().zip(d_in.chunks_exact_mut(stride)) {
                    for (di, &d) in di_row[..n].iter_mut().zip(&d_row[..n]) {
                        *di = w * d;
                    }
                }
            }
            for (w_row, d_row) in terms {
                for (&w, di_row) in w_row.iter().zip(d_in.chunks_exact_mut(stride)) {
                    for (di, &d) in di_row[..n].iter_mut().zip(&d_row[..n]) {
                        *di += w * d;
                    }
                }
            }
            let act = self.activations[l - 1];
            let layer = self.n_start[l] * stride..self.n_start[l + 1] * stride;
            let rows = d_in.chunks_exact_mut(stride).zip(z[layer.clone()].chunks_exact(stride));
            for ((di_row, z_row), a_row) in rows.zip(a[layer].chunks_exact(stride)) {
                for ((di, &z), &a) in di_row[..n].iter_mut().zip(&z_row[..n]).zip(&a_row[..n]) {
                    *di *= act.derivative_at(z, a);
                }
            }
        }
    }
}

/// A workspace for a mini-batch: z, a and δ of every neuron for up to `capacity` samples, the
/// value of neuron k for sample s at k·capacity + s (neuron numbering as in [`Trace`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    capacity: usize,
    /// Neurons of the input layer (their z is their a, and is not stored).
    inputs: usize,
    len: usize,
    z: Vec<f64>,
    a: Vec<f64>,
    delta: Vec<f64>,
    /// Targets, output k of sample s at k·capacity + s.
    t: Vec<f64>,
    /// One sample's output z, a, t and δ, gathered for a loss that couples the outputs.
    scratch: Vec<f64>,
}

impl Batch {
    /// How many samples it can hold.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// How many samples are loaded.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no sample is loaded.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Loads the inputs of `n` samples (n ≤ capacity), `input(s)` giving sample s's, for a
    /// forward pass. Allocates nothing.
    pub fn load_inputs<'x>(&mut self, n: usize, input: impl Fn(usize) -> &'x [f64]) {
        assert!(n <= self.capacity, "a batch of {n} does not fit in {}", self.capacity);
        self.len = n;
        for s in 0..n {
            for (k, &x) in input(s).iter().enumerate() {
                self.a[k * self.capacity + s] = x;
            }
        }
    }

    /// Loads `n` samples with their targets, for a forward pass and then the loss and a backward
    /// pass. Allocates nothing.
    pub fn load<'x>(&mut self, n: usize, input: impl Fn(usize) -> &'x [f64], target: impl Fn(usize) -> &'x [f64]) {
        self.load_inputs(n, input);
        for s in 0..n {
            for (k, &t) in target(s).iter().enumerate() {
                self.t[k * self.capacity + s] = t;
            }
        }
    }

    /// Sample `s`'s values as a one-sample [`Trace`] (for showing; allocates).
    pub fn trace(&self, s: usize) -> Trace {
        let pick = |v: &[f64]| v.iter().skip(s).step_by(self.capacity).copied().collect::<Vec<f64>>();
        let (a, mut z) = (pick(&self.a), pick(&self.z));
        z[..self.inputs].copy_from_slice(&a[..self.inputs]);
        Trace {
            z,
            a,
            delta: pick(&self.delta),
        }
    }

    /// The output a of neuron `neuron` for sample `s`.
    pub fn a(&self, neuron: usize, s: usize) -> f64 {
        self.a[neuron * self.capacity + s]
    }

    /// The weighted input z of neuron `neuron` for sample `s` (an input neuron's z is its a).
    pub fn z(&self, neuron: usize, s: usize) -> f64 {
        let values = if neuron < self.inputs { &self.a } else { &self.z };
        values[neuron * self.capacity + s]
    }

    /// The error δ of neuron `neuron` for sample `s`, after a backward pass.
    pub fn delta(&self, neuron: usize, s: usize) -> f64 {
        self.delta[neuron * self.capacity + s]
    }
}
