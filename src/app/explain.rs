//! One sample's trip through backpropagation, and the formulas the page writes out for it with
//! the real numbers filled in: z = w₁·a₁ + … + b = …, a = tanh(z) = …, L = …, δ = …, w ← w − η·∂L/∂w = ….
//!
//! The formulas are mathematics, the same in every language; the words around them live in
//! [`crate::app::i18n`].

mod try_it;
pub use try_it::{check, hide, Verdict};

use crate::app::format::fixed;
use crate::core::{Activation, Gradients, Loss, Network, SampleStep, Trace};

/// The phases of backpropagation as the article names them: (1) initialise the weights,
/// (2) forward pass, (3) loss, (4) backward pass, (5) update, then back to (2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Phase {
    /// ① The weights training starts from.
    Initialise,
    /// ② The sample flows from the input layer to the output: every z and a.
    Forward,
    /// ③ The output compared with the right answer: the sample's loss.
    Loss,
    /// ④ The error flows back: every δ and every ∂L/∂w.
    Backward,
    /// ⑤ Every weight steps against its gradient.
    Update,
}

impl Phase {
    /// Every phase, in order.
    pub const ALL: [Phase; 5] = [
        Phase::Initialise,
        Phase::Forward,
        Phase::Loss,
        Phase::Backward,
        Phase::Update,
    ];

    /// The phase after this one: after the update the walk goes back to the forward pass.
    pub fn next(self) -> Phase {
        match self {
            Phase::Initialise | Phase::Update => Phase::Forward,
            Phase::Forward => Phase::Loss,
            Phase::Loss => Phase::Backward,
            Phase::Backward => Phase::Update,
        }
    }

    /// The lower-case name used in CSS classes and test ids.
    pub fn name(self) -> &'static str {
        match self {
            Phase::Initialise => "initialise",
            Phase::Forward => "forward",
            Phase::Loss => "loss",
            Phase::Backward => "backward",
            Phase::Update => "update",
        }
    }
}

/// What the learner is looking at in the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Focus {
    /// Neuron `index` of layer `layer` (0 = input).
    Neuron {
        /// The layer.
        layer: usize,
        /// The neuron within the layer.
        index: usize,
    },
    /// The weight from neuron `from` of layer `layer` to neuron `to` of layer `layer + 1`.
    Edge {
        /// The layer the weight starts from.
        layer: usize,
        /// The neuron it starts from.
        from: usize,
        /// The neuron of the next layer it feeds.
        to: usize,
    },
}

impl Focus {
    /// The first output neuron: where a learner looks first.
    pub fn output(network: &Network) -> Focus {
        Focus::Neuron {
            layer: network.sizes().len() - 1,
            index: 0,
        }
    }

    /// Whether this neuron or weight exists in `network`.
    pub fn fits(self, network: &Network) -> bool {
        let sizes = network.sizes();
        match self {
            Focus::Neuron { layer, index } => sizes.get(layer).is_some_and(|&n| index < n),
            Focus::Edge { layer, from, to } => layer + 1 < sizes.len() && from < sizes[layer] && to < sizes[layer + 1],
        }
    }
}

/// An arrow key, for moving the focus over the network from the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrow {
    /// Up a layer's column.
    Up,
    /// Down a layer's column.
    Down,
    /// Towards the inputs.
    Left,
    /// Towards the outputs.
    Right,
}

/// Which way a focused weight's neighbours run: the weights leaving its source neuron (reached
/// from the source, going right) or the weights entering its target (reached from the target,
/// going left).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Fan {
    /// Up and down go through the weights leaving the same neuron.
    #[default]
    Out,
    /// Up and down go through the weights entering the same neuron.
    In,
}

impl Focus {
    /// Where an arrow key takes the focus in a network whose layers have `sizes` neurons, so
    /// that every neuron and every weight can be reached from the keyboard: up and down move
    /// within a layer (or, on a weight, to the next weight of the same fan), right goes from a
    /// neuron to its first outgoing weight and from a weight to the neuron it feeds, left the
    /// other way. `None` where the network ends.
    pub fn moved(self, sizes: &[usize], arrow: Arrow, fan: Fan) -> Option<(Focus, Fan)> {
        let count = |l: usize| sizes.get(l).copied().unwrap_or(0);
        let step = |k: usize, n: usize, up: bool| match up {
            true => k.checked_sub(1),
            false => (k + 1 < n).then_some(k + 1),
        };
        let next = match (self, arrow) {
            (Focus::Neuron { layer, index }, Arrow::Up | Arrow::Down) => (
                Focus::Neuron {
                    layer,
                    index: step(index, count(layer), arrow == Arrow::Up)?,
                },
                fan,
            ),
            (Focus::Neuron { layer, index }, Arrow::Right) if layer + 1 < sizes.len() => (
                Focus::Edge {
                    layer,
                    from: index,
                    to: 0,
                },
                Fan::Out,
            ),
            (Focus::Neuron { layer, index }, Arrow::Left) if layer > 0 => (
                Focus::Edge {
                    layer: layer - 1,
                    from: 0,
                    to: index,
                },
                Fan::In,
            ),
            (Focus::Edge { layer, from, to }, Arrow::Up | Arrow::Down) => {
                let up = arrow == Arrow::Up;
                let edge = match fan {
                    Fan::Out => Focus::Edge {
                        layer,
                        from,
                        to: step(to, count(layer + 1), up)?,
                    },
                    Fan::In => Focus::Edge {
                        layer,
                        from: step(from, count(layer), up)?,
                        to,
                    },
                };
                (edge, fan)
            }
            (Focus::Edge { layer, to, .. }, Arrow::Right) => (
                Focus::Neuron {
                    layer: layer + 1,
                    index: to,
                },
                fan,
            ),
            (Focus::Edge { layer, from, .. }, Arrow::Left) => (Focus::Neuron { layer, index: from }, fan),
            _ => return None,
        };
        Some(next)
    }
}

/// One sample's forward and backward pass with given weights: every z, a and δ, the loss, and
/// ∂L/∂θ of this sample alone.
#[derive(Clone, Debug, PartialEq)]
pub struct Inspection {
    /// z, a and δ of every neuron.
    pub trace: Trace,
    /// The sample's loss L.
    pub loss: f64,
    /// ∂L/∂w and ∂L/∂b, in [`Network::params`] order.
    pub grad: Gradients,
    /// The sample's input x.
    pub input: Vec<f64>,
    /// The right answer t (one-hot for classes).
    pub target: Vec<f64>,
}

impl Inspection {
    /// Runs `input` forward and backward through `network` against `target`.
    pub fn new(network: &Network, loss: Loss, input: &[f64], target: &[f64]) -> Self {
        let mut trace = network.new_trace();
        let mut grad = network.new_gradients();
        network.forward(input, &mut trace);
        let value = network.loss(&trace, target, loss);
        network.backward(&mut trace, target, loss, &mut grad);
        Self {
            trace,
            loss: value,
            grad,
            input: input.to_vec(),
            target: target.to_vec(),
        }
    }

    /// The numbers of a step already taken on one sample (before its update).
    pub fn of_step(step: &SampleStep, input: &[f64], target: &[f64]) -> Self {
        Self {
            trace: step.trace.clone(),
            loss: step.loss,
            grad: step.gradient.clone(),
            input: input.to_vec(),
            target: target.to_vec(),
        }
    }
}

/// Digits after the point in every formula.
const DIGITS: usize = 3;

/// A number as written in a formula, with a real minus sign.
pub fn num(x: f64) -> String {
    fixed(x, DIGITS).replacen('-', "−", 1)
}

/// A number as a factor: negative ones in parentheses.
fn factor(x: f64) -> String {
    if num(x).starts_with('−') {
        format!("({})", num(x))
    } else {
        num(x)
    }
}

/// A target value: whole numbers without decimals (t = 1), others as any number.
fn target_value(t: f64) -> String {
    if t.fract() == 0.0 && t.abs() < 1e9 {
        format!("{t:.0}")
    } else {
        num(t)
    }
}

/// Subscript digits for a 1-based index: x₁, w₁₂.
pub fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// The formulas of one sample in one network.
pub struct Formulas<'a> {
    network: &'a Network,
    sample: &'a Inspection,
    loss: Loss,
}

impl<'a> Formulas<'a> {
    /// The formulas of `sample` in `network`, trained with `loss`.
    pub fn new(network: &'a Network, sample: &'a Inspection, loss: Loss) -> Self {
        Self { network, sample, loss }
    }

    fn position(&self, layer: usize, index: usize) -> usize {
        self.network.neurons(layer).start + index
    }

    fn is_output(&self, layer: usize) -> bool {
        layer + 1 == self.network.sizes().len()
    }

    /// The forward pass of one neuron: its weighted input and its output.
    pub fn forward(&self, layer: usize, index: usize) -> Vec<String> {
        let t = &self.sample.trace;
        let k = self.position(layer, index);
        if layer == 0 {
            return vec![format!("a = x{} = {}", subscript(index + 1), num(t.a[k]))];
        }
        let from = self.network.neurons(layer - 1);
        let mut terms: Vec<String> = from
            .clone()
            .enumerate()
            .map(|(i, p)| {
                format!(
                    "{}·{}",
                    factor(self.network.weight(layer - 1, index, i)),
                    factor(t.a[p])
                )
            })
            .collect();
        terms.push(factor(self.network.bias(layer - 1, index)));
        let names: Vec<String> = (1..=from.len())
            .map(|i| format!("w{}·a{}", subscript(i), subscript(i)))
            .collect();
        let z = format!(
            "z = {} + b = {} = {}",
            names.join(" + "),
            terms.join(" + "),
            num(t.z[k])
        );
        let (zk, ak) = (num(t.z[k]), num(t.a[k]));
        let a = match self.network.activations()[layer - 1] {
            Activation::Sigmoid => format!("a = σ(z) = 1 / (1 + e^(−z)) = σ({zk}) = {ak}"),
            Activation::Tanh => format!("a = tanh(z) = tanh({zk}) = {ak}"),
            Activation::Relu => format!("a = max(0, z) = max(0, {zk}) = {ak}"),
            Activation::LeakyRelu => format!("a = z if z > 0, else 0.01·z = {ak}"),
            Activation::Linear => format!("a = z = {ak}"),
        };
        let mut lines = vec![z, a];
        if self.is_output(layer) && self.loss == Loss::SoftmaxCrossEntropy {
            lines.push(format!("p = softmax(z) = {}", num(self.probabilities()[index])));
        }
        lines
    }

    /// The softmax probabilities of the output layer.
    fn probabilities(&self) -> Vec<f64> {
        let out = self.network.neurons(self.network.sizes().len() - 1);
        let (z, a) = (&self.sample.trace.z[out.clone()], &self.sample.trace.a[out]);
        let mut p = vec![0.0; z.len()];
        self.loss.prediction(z, a, &mut p);
        p
    }

    /// The sample's loss with its numbers.
    pub fn loss(&self) -> String {
        let out = self.network.neurons(self.network.sizes().len() - 1);
        let a = &self.sample.trace.a[out];
        let t = &self.sample.target;
        let value = num(self.sample.loss);
        match self.loss {
            Loss::SquaredError => {
                let squares: Vec<String> = a
                    .iter()
                    .zip(t)
                    .map(|(&a, &t)| format!("({} − {})²", num(a), target_value(t)))
                    .collect();
                format!("L = ½·Σ(a − t)² = ½·[{}] = {value}", squares.join(" + "))
            }
            Loss::CrossEntropy => {
                let (a, t) = (a[0], t[0]);
                format!(
                    "L = −[t·ln a + (1 − t)·ln(1 − a)] = −[{}·ln {} + {}·ln {}] = {value}",
                    target_value(t),
                    num(a),
                    target_value(1.0 - t),
                    num(1.0 - a)
                )
            }
            Loss::SoftmaxCrossEntropy => {
                let class = t.iter().position(|&t| t == 1.0).unwrap_or(0);
                let p = self.probabilities()[class];
                let s = subscript(class + 1);
                format!("L = −ln p{s} = −ln {} = {value}", num(p))
            }
        }
    }

    /// The backward pass of one neuron: its δ = ∂L/∂z (inputs have none).
    pub fn delta(&self, layer: usize, index: usize) -> Vec<String> {
        if layer == 0 {
            return Vec::new();
        }
        let t = &self.sample.trace;
        let k = self.position(layer, index);
        let (z, a, d) = (t.z[k], t.a[k], num(t.delta[k]));
        let act = self.network.activations()[layer - 1];
        let slope = act.derivative_at(z, a);
        let slope_line = match act {
            Activation::Sigmoid => format!("f′(z) = a·(1 − a) = {}·{} = {}", num(a), num(1.0 - a), num(slope)),
            Activation::Tanh => format!("f′(z) = 1 − a² = 1 − {}² = {}", factor(a), num(slope)),
            Activation::Relu => format!("f′(z) = (1 if z > 0, else 0) = {}", num(slope)),
            Activation::LeakyRelu => format!("f′(z) = (1 if z > 0, else 0.01) = {}", num(slope)),
            Activation::Linear => format!("f′(z) = 1 = {}", num(slope)),
        };
        if self.is_output(layer) {
            let target = target_value(self.sample.target[index]);
            return match self.loss {
                Loss::CrossEntropy => vec![format!("δ = ∂L/∂z = a − t = {} − {target} = {d}", num(a))],
                Loss::SoftmaxCrossEntropy => {
                    let p = num(self.probabilities()[index]);
                    vec![format!("δ = ∂L/∂z = p − t = {p} − {target} = {d}")]
                }
                Loss::SquaredError => vec![
                    slope_line,
                    format!(
                        "δ = ∂L/∂z = (a − t)·f′(z) = ({} − {target})·{} = {d}",
                        num(a),
                        factor(slope)
                    ),
                ],
            };
        }
        let next = self.network.neurons(layer + 1);
        let terms: Vec<String> = next
            .enumerate()
            .map(|(j, p)| {
                format!(
                    "{}·{}",
                    factor(self.network.weight(layer, j, index)),
                    factor(t.delta[p])
                )
            })
            .collect();
        vec![
            slope_line,
            format!("δ = f′(z)·Σ w·δ = {}·[{}] = {d}", factor(slope), terms.join(" + ")),
        ]
    }

    /// ∂L/∂w of one weight: δ of the neuron it feeds times a of the neuron it comes from.
    pub fn weight_gradient(&self, layer: usize, from: usize, to: usize) -> String {
        let t = &self.sample.trace;
        let (a, d) = (t.a[self.position(layer, from)], t.delta[self.position(layer + 1, to)]);
        let g = self.grad_of_weight(layer, from, to);
        format!("∂L/∂w = δ·a = {}·{} = {}", factor(d), factor(a), num(g))
    }

    /// ∂L/∂b of a neuron's bias: its δ.
    pub fn bias_gradient(&self, layer: usize, index: usize) -> String {
        format!(
            "∂L/∂b = δ = {}",
            num(self.sample.trace.delta[self.position(layer, index)])
        )
    }

    /// What the explanation panel writes for `focus`: during the walk, what `phase` computes
    /// (for the update, `before` holds the parameters before it and `eta` the learning rate);
    /// outside it (`phase` is `None`), everything about the neuron or weight.
    pub fn panel(&self, phase: Option<Phase>, focus: Focus, eta: f64, before: Option<&[f64]>) -> Vec<String> {
        let net = self.network;
        match (phase, focus) {
            (Some(Phase::Loss), _) => vec![self.loss()],
            (Some(Phase::Initialise | Phase::Forward), Focus::Edge { layer, from, to }) => {
                vec![format!("w = {}", num(net.weight(layer, to, from)))]
            }
            (Some(Phase::Initialise), Focus::Neuron { layer, index }) => match layer {
                0 => Vec::new(),
                _ => vec![format!("b = {}", num(net.bias(layer - 1, index)))],
            },
            (Some(Phase::Forward), Focus::Neuron { layer, index }) => self.forward(layer, index),
            (Some(Phase::Backward), Focus::Edge { layer, from, to }) => vec![self.weight_gradient(layer, from, to)],
            (Some(Phase::Backward), Focus::Neuron { layer, index }) => {
                let mut lines = self.delta(layer, index);
                if layer > 0 {
                    lines.push(self.bias_gradient(layer, index));
                }
                lines
            }
            (Some(Phase::Update), focus) => {
                let (k, symbol) = match focus {
                    Focus::Edge { layer, from, to } => (weight_index(net, layer, from, to), "w"),
                    Focus::Neuron { layer: 0, .. } => return Vec::new(),
                    Focus::Neuron { layer, index } => (bias_index(net, layer, index), "b"),
                };
                let old = before.map_or(f64::NAN, |b| b[k]);
                vec![update(symbol, old, self.sample.grad.values()[k], eta, net.params()[k])]
            }
            (None, Focus::Neuron { layer, index }) => {
                let mut lines = self.forward(layer, index);
                lines.extend(self.delta(layer, index));
                lines
            }
            (None, Focus::Edge { layer, from, to }) => {
                let (w, g) = (net.weight(layer, to, from), self.grad_of_weight(layer, from, to));
                vec![
                    format!("w = {}", num(w)),
                    self.weight_gradient(layer, from, to),
                    format!(
                        "w − η·∂L/∂w = {} − {}·{} = {}",
                        num(w),
                        num(eta),
                        factor(g),
                        num(w - eta * g)
                    ),
                ]
            }
        }
    }

    /// This sample's ∂L/∂w for the weight from `from` (layer `layer`) to `to` (layer `layer + 1`).
    pub fn grad_of_weight(&self, layer: usize, from: usize, to: usize) -> f64 {
        self.sample.grad.values()[weight_index(self.network, layer, from, to)]
    }
}

/// Where the weight from neuron `from` of layer `layer` to neuron `to` of the next layer sits in
/// [`Network::params`] (and in gradients).
pub fn weight_index(network: &Network, layer: usize, from: usize, to: usize) -> usize {
    let sizes = network.sizes();
    let before: usize = (0..layer).map(|l| sizes[l] * sizes[l + 1]).sum();
    before + to * sizes[layer] + from
}

/// Where the bias of neuron `index` of layer `layer` (≥ 1) sits in [`Network::params`].
pub fn bias_index(network: &Network, layer: usize, index: usize) -> usize {
    network.weights().len() + network.neurons(layer).start - network.sizes()[0] + index
}

/// An update written out: `symbol` ← `symbol` − η·∂L/∂`symbol` when that is what moved it from
/// `old` to `new` (plain gradient descent), otherwise `symbol` ← `symbol` + Δ`symbol` with the
/// optimizer's own step.
pub fn update(symbol: &str, old: f64, gradient: f64, eta: f64, new: f64) -> String {
    if old - eta * gradient == new {
        format!(
            "{symbol} ← {symbol} − η·∂L/∂{symbol} = {} − {}·{} = {}",
            num(old),
            num(eta),
            factor(gradient),
            num(new)
        )
    } else {
        format!(
            "{symbol} ← {symbol} + Δ{symbol} = {} + {} = {}",
            num(old),
            factor(new - old),
            num(new)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrow_keys_reach_every_neuron_and_every_weight() {
        let sizes = [2, 3, 1];
        // From the first input, walking with the arrows only, every neuron and weight is reached.
        let mut seen = std::collections::HashSet::new();
        let mut todo = vec![(Focus::Neuron { layer: 0, index: 0 }, Fan::Out)];
        while let Some((focus, fan)) = todo.pop() {
            if !seen.insert((focus, fan)) {
                continue;
            }
            for arrow in [Arrow::Up, Arrow::Down, Arrow::Left, Arrow::Right] {
                if let Some(next) = focus.moved(&sizes, arrow, fan) {
                    todo.push(next);
                }
            }
        }
        let places: std::collections::HashSet<Focus> = seen.iter().map(|s| s.0).collect();
        assert_eq!(places.len(), (2 + 3 + 1) + (2 * 3 + 3), "{places:?}");
        // Right from a neuron: its first outgoing weight; Down then runs through that fan.
        let n = Focus::Neuron { layer: 0, index: 1 };
        let (e, fan) = n.moved(&sizes, Arrow::Right, Fan::Out).unwrap();
        assert_eq!(
            (e, fan),
            (
                Focus::Edge {
                    layer: 0,
                    from: 1,
                    to: 0
                },
                Fan::Out
            )
        );
        assert_eq!(
            e.moved(&sizes, Arrow::Down, fan).unwrap().0,
            Focus::Edge {
                layer: 0,
                from: 1,
                to: 1
            }
        );
        assert_eq!(
            e.moved(&sizes, Arrow::Right, fan).unwrap().0,
            Focus::Neuron { layer: 1, index: 0 }
        );
        // Left from a neuron: its incoming weights, Down runs through them.
        let h = Focus::Neuron { layer: 1, index: 2 };
        let (e, fan) = h.moved(&sizes, Arrow::Left, Fan::Out).unwrap();
        assert_eq!(
            (e, fan),
            (
                Focus::Edge {
                    layer: 0,
                    from: 0,
                    to: 2
                },
                Fan::In
            )
        );
        assert_eq!(
            e.moved(&sizes, Arrow::Down, fan).unwrap().0,
            Focus::Edge {
                layer: 0,
                from: 1,
                to: 2
            }
        );
        assert_eq!(
            e.moved(&sizes, Arrow::Left, fan).unwrap().0,
            Focus::Neuron { layer: 0, index: 0 }
        );
        // The ends of the network.
        assert_eq!(
            Focus::Neuron { layer: 0, index: 0 }.moved(&sizes, Arrow::Up, Fan::Out),
            None
        );
        assert_eq!(
            Focus::Neuron { layer: 0, index: 0 }.moved(&sizes, Arrow::Left, Fan::Out),
            None
        );
        assert_eq!(
            Focus::Neuron { layer: 2, index: 0 }.moved(&sizes, Arrow::Right, Fan::Out),
            None
        );
    }

    /// The network of docs/model-format.md's example: one input, one tanh neuron, one sigmoid
    /// output; weights 0.5 and −1, biases 0.1 and 0.2.
    fn example() -> Network {
        Network::with_params(
            &[1, 1, 1],
            &[Activation::Tanh, Activation::Sigmoid],
            vec![0.5, -1.0, 0.1, 0.2],
        )
        .unwrap()
    }

    #[test]
    fn phases_go_round_as_the_article_lists_them() {
        let mut phase = Phase::Initialise;
        let mut seen = vec![phase];
        for _ in 0..5 {
            phase = phase.next();
            seen.push(phase);
        }
        use Phase::*;
        assert_eq!(seen, [Initialise, Forward, Loss, Backward, Update, Forward]);
    }

    #[test]
    fn the_worked_example_is_written_out_with_its_numbers() {
        // By hand: z₁ = 0.5·2 + 0.1 = 1.1, a₁ = tanh 1.1 = 0.80050 (shown 0.800); z₂ = −a₁ + 0.2 = −0.60050,
        // a₂ = σ(z₂) = 0.35423; L = −ln a₂ = 1.03781; δ₂ = a₂ − 1 = −0.64577;
        // δ₁ = (1 − a₁²)·(−1)·δ₂ = 0.23196; ∂L/∂w₁ = δ₁·2 = 0.46392.
        let net = example();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[2.0], &[1.0]);
        let f = Formulas::new(&net, &sample, Loss::CrossEntropy);
        assert_eq!(f.forward(0, 0), ["a = x₁ = 2.000"]);
        assert_eq!(
            f.forward(1, 0),
            [
                "z = w₁·a₁ + b = 0.500·2.000 + 0.100 = 1.100",
                "a = tanh(z) = tanh(1.100) = 0.800"
            ]
        );
        assert_eq!(
            f.forward(2, 0),
            [
                "z = w₁·a₁ + b = (−1.000)·0.800 + 0.200 = −0.600",
                "a = σ(z) = 1 / (1 + e^(−z)) = σ(−0.600) = 0.354"
            ]
        );
        assert_eq!(
            f.loss(),
            "L = −[t·ln a + (1 − t)·ln(1 − a)] = −[1·ln 0.354 + 0·ln 0.646] = 1.038"
        );
        assert_eq!(f.delta(2, 0), ["δ = ∂L/∂z = a − t = 0.354 − 1 = −0.646"]);
        assert_eq!(
            f.delta(1, 0),
            [
                "f′(z) = 1 − a² = 1 − 0.800² = 0.359",
                "δ = f′(z)·Σ w·δ = 0.359·[(−1.000)·(−0.646)] = 0.232"
            ]
        );
        assert!(f.delta(0, 0).is_empty(), "inputs have no δ");
        assert_eq!(f.weight_gradient(0, 0, 0), "∂L/∂w = δ·a = 0.232·2.000 = 0.464");
        assert_eq!(f.bias_gradient(2, 0), "∂L/∂b = δ = −0.646");
        assert_eq!(
            update("w", 0.5, 0.25, 0.1, 0.475),
            "w ← w − η·∂L/∂w = 0.500 − 0.100·0.250 = 0.475"
        );
        assert_eq!(
            update("b", 0.5, 0.25, 0.1, 0.4),
            "b ← b + Δb = 0.500 + (−0.100) = 0.400"
        );
    }

    #[test]
    fn the_panel_writes_what_each_phase_computes() {
        let net = example();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[2.0], &[1.0]);
        let f = Formulas::new(&net, &sample, Loss::CrossEntropy);
        let output = Focus::Neuron { layer: 2, index: 0 };
        let first = Focus::Edge {
            layer: 0,
            from: 0,
            to: 0,
        };
        assert_eq!(f.panel(Some(Phase::Initialise), first, 0.1, None), ["w = 0.500"]);
        assert_eq!(f.panel(Some(Phase::Initialise), output, 0.1, None), ["b = 0.200"]);
        assert_eq!(f.panel(Some(Phase::Forward), output, 0.1, None), f.forward(2, 0));
        assert_eq!(f.panel(Some(Phase::Loss), first, 0.1, None), [f.loss()]);
        assert_eq!(
            f.panel(Some(Phase::Backward), output, 0.1, None),
            [f.delta(2, 0)[0].clone(), "∂L/∂b = δ = −0.646".to_string()]
        );
        assert_eq!(
            f.panel(Some(Phase::Backward), first, 0.1, None),
            [f.weight_gradient(0, 0, 0)]
        );
        // Outside the walk, a weight shows its value, its gradient and where one step would take it:
        // 0.5 − 0.1·0.46392 = 0.45361.
        assert_eq!(
            f.panel(None, first, 0.1, None)[2],
            "w − η·∂L/∂w = 0.500 − 0.100·0.464 = 0.454"
        );
        assert_eq!(f.panel(None, output, 0.1, None).len(), 3, "z, a and δ");
    }

    #[test]
    fn squared_error_and_softmax_write_their_own_loss_and_output_delta() {
        let net = Network::with_params(&[1, 2], &[Activation::Linear], vec![1.0, -1.0, 0.0, 0.5]).unwrap();
        // z = a = (1, −0.5) for x = 1.
        let mse = Inspection::new(&net, Loss::SquaredError, &[1.0], &[0.0, 1.0]);
        let f = Formulas::new(&net, &mse, Loss::SquaredError);
        // L = ½[(1 − 0)² + (−0.5 − 1)²] = ½(1 + 2.25) = 1.625.
        assert_eq!(f.loss(), "L = ½·Σ(a − t)² = ½·[(1.000 − 0)² + (−0.500 − 1)²] = 1.625");
        assert_eq!(
            f.delta(1, 1),
            [
                "f′(z) = 1 = 1.000",
                "δ = ∂L/∂z = (a − t)·f′(z) = (−0.500 − 1)·1.000 = −1.500"
            ]
        );
        let ce = Inspection::new(&net, Loss::SoftmaxCrossEntropy, &[1.0], &[0.0, 1.0]);
        let f = Formulas::new(&net, &ce, Loss::SoftmaxCrossEntropy);
        // p₂ = e^(−0.5) / (e + e^(−0.5)) = 1 / (1 + e^1.5) = 0.18243; L = −ln p₂ = 1.70141.
        assert_eq!(f.loss(), "L = −ln p₂ = −ln 0.182 = 1.701");
        assert_eq!(f.delta(1, 1), ["δ = ∂L/∂z = p − t = 0.182 − 1 = −0.818"]);
        assert_eq!(f.forward(1, 1)[2], "p = softmax(z) = 0.182");
    }

    #[test]
    fn parameter_positions_match_the_networks_accessors() {
        let mut net = Network::with_params(&[2, 3, 2], &[Activation::Tanh, Activation::Sigmoid], Vec::new()).unwrap();
        for (k, p) in net.params_mut().iter_mut().enumerate() {
            *p = k as f64;
        }
        for (l, j, i) in [(0, 2, 1), (1, 1, 2), (1, 0, 0)] {
            assert_eq!(net.params()[weight_index(&net, l, i, j)], net.weight(l, j, i));
        }
        for (l, j) in [(1, 0), (1, 2), (2, 1)] {
            assert_eq!(net.params()[bias_index(&net, l, j)], net.bias(l - 1, j));
        }
    }

    #[test]
    fn focus_fits_only_what_exists() {
        let net = example();
        assert_eq!(Focus::output(&net), Focus::Neuron { layer: 2, index: 0 });
        assert!(Focus::Edge {
            layer: 1,
            from: 0,
            to: 0
        }
        .fits(&net));
        assert!(!Focus::Edge {
            layer: 2,
            from: 0,
            to: 0
        }
        .fits(&net));
        assert!(!Focus::Neuron { layer: 1, index: 1 }.fits(&net));
        assert_eq!(subscript(12), "₁₂");
    }
}
