//! The worksheet: one sample's walk through backpropagation as a page to print (the given
//! numbers, and every number to work out with or without its answer) and as a short NumPy
//! script that recomputes them. Its numbers are the `trace` command's: the worksheet is made
//! by the same [`trace`] function, from the network as Save model writes it.

use crate::app::state::Lab;
use crate::core::model::{trace, ModelError, SampleTrace};
use crate::core::{Loss, Model, Network};
use std::fmt::Write;

/// One sample's walk through a network: what it starts from and every number of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Worksheet {
    /// The sample's place in the training set.
    pub sample: usize,
    /// Each input neuron's name (x₁, x₂, x₁² …).
    pub inputs: Vec<String>,
    /// The sample's inputs.
    pub x: Vec<f64>,
    /// The target vector t the loss compares with (one-hot for softmax cross-entropy).
    pub target: Vec<f64>,
    /// The network as Save model writes it: shape, activations, loss, weights and biases.
    pub model: Model,
    /// The learning rate η of the update.
    pub eta: f64,
    /// Every z, a, the loss, every δ, ∂L/∂w and ∂L/∂b: what `trace` prints.
    pub trace: SampleTrace,
}

impl Worksheet {
    /// The walk of the sample `x` with target `target` (the loss's target vector) through
    /// `network` under `loss`, updated with rate `eta`; `inputs` names the input neurons. A
    /// number that overflows is refused, as `trace` refuses it.
    pub fn new(
        network: &Network,
        loss: Loss,
        (sample, x, target): (usize, &[f64], &[f64]),
        eta: f64,
        inputs: Vec<String>,
    ) -> Result<Self, ModelError> {
        let model = Model::from_network(network, loss);
        let trace = trace(&model, x, &trace_target(loss, target))?;
        Ok(Worksheet {
            sample,
            inputs,
            x: x.to_vec(),
            target: target.to_vec(),
            model,
            eta,
            trace,
        })
    }

    /// The walk of the lab's chosen sample through the network every view draws (an earlier
    /// step's while the learner looks back), with the lab's learning rate.
    pub fn of(lab: &Lab) -> Result<Self, ModelError> {
        let (sample, train) = (lab.selection().sample(), lab.run().train());
        let inputs = lab.settings().features.iter().map(|f| f.label().to_string()).collect();
        Worksheet::new(
            lab.shown_network(),
            lab.trainer().loss(),
            (sample, train.input(sample), train.target(sample)),
            lab.settings().learning_rate,
            inputs,
        )
    }

    /// The weight from neuron i of layer l to neuron j of layer l + 1 after the update
    /// w − η·∂L/∂w.
    pub fn new_weight(&self, l: usize, j: usize, i: usize) -> f64 {
        self.model.weights()[l][j][i] - self.eta * self.trace.backward[l].dw[j][i]
    }

    /// The bias of neuron j of layer l + 1 after the update b − η·∂L/∂b.
    pub fn new_bias(&self, l: usize, j: usize) -> f64 {
        self.model.biases()[l][j] - self.eta * self.trace.backward[l].db[j]
    }

    /// The NumPy script that recomputes the worksheet and prints its numbers as one line of
    /// JSON, shaped as the `trace` command's output with the update added.
    pub fn numpy(&self) -> String {
        let mut s = String::new();
        let shape: Vec<String> = self.model.layers().iter().map(usize::to_string).collect();
        let names: Vec<String> = self
            .model
            .activations()
            .iter()
            .map(|a| format!("\"{}\"", a.name()))
            .collect();
        // Writing to a String cannot fail.
        let _ = write!(
            s,
            "\"\"\"Backprop Lab worksheet: sample #{} through a [{}] network, the five steps of\n\
             backpropagation recomputed with NumPy. Prints every number as one line of JSON, as the\n\
             `trace` command prints them, with the update added.\"\"\"\n\n\
             import json\n\nimport numpy as np\n\n\
             # 1. Initialise: the weights and biases as the lab has them.\n\
             # W[l][j, i] is the weight from neuron i of layer l to neuron j of layer l + 1.\n",
            self.sample,
            shape.join(", ")
        );
        let rows = |m: &[Vec<f64>]| m.iter().map(|r| list(r)).collect::<Vec<_>>().join(", ");
        s.push_str("W = [\n");
        for m in self.model.weights() {
            let _ = writeln!(s, "    np.array([{}]),", rows(m));
        }
        s.push_str("]\nb = [\n");
        for v in self.model.biases() {
            let _ = writeln!(s, "    np.array({}),", list(v));
        }
        let inputs = self.inputs.join(", ");
        let _ = write!(
            s,
            "]\nactivations = [{}]\nx = np.array({})  # {inputs}\n",
            names.join(", "),
            list(&self.x)
        );
        let _ = writeln!(s, "t = np.array({})  # the target", list(&self.target));
        let _ = writeln!(s, "eta = {:?}  # the learning rate η\n", self.eta);
        s.push_str(FUNCTIONS);
        s.push_str(FORWARD);
        s.push_str(match self.model.loss() {
            Loss::SquaredError => SQUARED_ERROR,
            Loss::CrossEntropy => CROSS_ENTROPY,
            Loss::SoftmaxCrossEntropy => SOFTMAX_CROSS_ENTROPY,
        });
        s.push_str(BACKWARD_AND_UPDATE);
        s
    }
}

/// The target vector `target` as the `trace` command takes it: a class index for softmax
/// cross-entropy, otherwise one value per output.
fn trace_target(loss: Loss, target: &[f64]) -> Vec<f64> {
    match loss {
        Loss::SoftmaxCrossEntropy => vec![target.iter().position(|&t| t == 1.0).unwrap_or(0) as f64],
        Loss::SquaredError | Loss::CrossEntropy => target.to_vec(),
    }
}

/// A Python list of `values`, each written so that it reads back as the same f64.
fn list(values: &[f64]) -> String {
    let items: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
    format!("[{}]", items.join(", "))
}

/// The activations and their slopes, as the lab computes them.
const FUNCTIONS: &str = r#"def f(name, z):
    """The activation: which neurons fire, and how strongly."""
    if name == "sigmoid":
        return 1 / (1 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, z, 0.01 * z)
    return z  # linear


def f_prime(name, z, a):
    """The slope f'(z), from z and a = f(z)."""
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a * a
    if name == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if name == "leaky_relu":
        return np.where(z > 0, 1.0, 0.01)
    return np.ones_like(z)  # linear


"#;

/// Step 2: the forward pass.
const FORWARD: &str = "# 2. Forward pass: z = W a + b, then a = f(z), layer by layer.
a = [x]
z = []
for l in range(len(W)):
    z.append(W[l] @ a[l] + b[l])
    a.append(f(activations[l], z[l]))

";

/// Step 3 and the output layer's δ for squared error.
const SQUARED_ERROR: &str = "# 3. Loss: squared error L = 1/2 sum (a - t)^2.
loss = 0.5 * np.sum((a[-1] - t) ** 2)
# 4. Backward pass, the output layer: delta = (a - t) f'(z).
delta = [None] * len(W)
delta[-1] = (a[-1] - t) * f_prime(activations[-1], z[-1], a[-1])
";

/// Step 3 and the output layer's δ for cross-entropy with a sigmoid.
const CROSS_ENTROPY: &str = "# 3. Loss: cross-entropy L = -[t ln a + (1 - t) ln(1 - a)], computed from z.
zo = z[-1]
loss = np.sum(np.maximum(zo, 0) - zo * t + np.log1p(np.exp(-np.abs(zo))))
# 4. Backward pass, the output layer: delta = a - t.
delta = [None] * len(W)
delta[-1] = 1 / (1 + np.exp(-zo)) - t
";

/// Step 3 and the output layer's δ for softmax cross-entropy.
const SOFTMAX_CROSS_ENTROPY: &str = "# 3. Loss: softmax cross-entropy L = -sum t ln p, with p = softmax(z).
zo = z[-1]
lse = zo.max() + np.log(np.sum(np.exp(zo - zo.max())))
loss = np.sum(t * (lse - zo))
# 4. Backward pass, the output layer: delta = p - t.
delta = [None] * len(W)
delta[-1] = np.exp(zo - lse) - t
";

/// The rest of step 4, step 5 and the printout.
const BACKWARD_AND_UPDATE: &str = "# 4. ... and each earlier layer: its neurons' share of the error.
for l in range(len(W) - 2, -1, -1):
    delta[l] = (W[l + 1].T @ delta[l + 1]) * f_prime(activations[l], z[l], a[l + 1])
dW = [np.outer(delta[l], a[l]) for l in range(len(W))]
db = delta

# 5. Update: w <- w - eta dL/dw, b <- b - eta dL/db.
W_new = [W[l] - eta * dW[l] for l in range(len(W))]
b_new = [b[l] - eta * db[l] for l in range(len(W))]

print(json.dumps({
    \"forward\": [{\"z\": z[l].tolist(), \"a\": a[l + 1].tolist()} for l in range(len(W))],
    \"loss\": float(loss),
    \"backward\": [{\"delta\": delta[l].tolist(), \"dw\": dW[l].tolist(), \"db\": db[l].tolist()} for l in range(len(W))],
    \"update\": [{\"w\": W_new[l].tolist(), \"b\": b_new[l].tolist()} for l in range(len(W))],
}))
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Activation, Init, Rng};

    fn network(sizes: &[usize], activations: &[Activation]) -> Network {
        Network::new(sizes, activations, Init::Xavier, &mut Rng::new(7)).unwrap()
    }

    /// Every number written in `text` (before a comment), in order.
    fn numbers(text: &str) -> Vec<f64> {
        let code: Vec<&str> = text.lines().map(|l| l.split('#').next().unwrap()).collect();
        code.join(" ")
            .split(|c: char| !(c.is_ascii_digit() || "+-.e".contains(c)))
            .filter(|s| s.chars().any(|c| c.is_ascii_digit()))
            .map(|s| s.parse().unwrap())
            .collect()
    }

    #[test]
    fn the_worksheet_holds_the_trace_of_its_sample_and_the_plain_update() {
        let net = network(&[2, 3, 1], &[Activation::Tanh, Activation::Sigmoid]);
        let (x, t) = ([0.5, -1.25], [1.0]);
        let sheet = Worksheet::new(
            &net,
            Loss::CrossEntropy,
            (4, &x, &t),
            0.1,
            vec!["x₁".into(), "x₂".into()],
        )
        .unwrap();
        // Worked by hand from the network: z of hidden neuron 1, and the output's δ = σ(z) − t.
        let z1 = net.weight(0, 1, 0) * 0.5 + net.weight(0, 1, 1) * -1.25 + net.bias(0, 1);
        assert!((sheet.trace.forward[0].z[1] - z1).abs() < 1e-15);
        assert!((sheet.trace.forward[0].a[1] - z1.tanh()).abs() < 1e-15);
        let out = sheet.trace.forward[1].a[0];
        assert!((sheet.trace.backward[1].delta[0] - (out - 1.0)).abs() < 1e-12);
        assert!((sheet.trace.loss + out.ln()).abs() < 1e-12);
        // The update is the article's rule with the sheet's η, whatever the lab steps with.
        let w = net.weight(1, 0, 2);
        let g = sheet.trace.backward[1].delta[0] * sheet.trace.forward[0].a[2];
        assert!((sheet.new_weight(1, 0, 2) - (w - 0.1 * g)).abs() < 1e-15);
        assert_eq!(
            sheet.new_bias(1, 0),
            net.bias(1, 0) - 0.1 * sheet.trace.backward[1].delta[0]
        );
        assert_eq!((trace_target(Loss::CrossEntropy, &t), sheet.sample), (vec![1.0], 4));
    }

    #[test]
    fn for_softmax_the_target_is_given_to_trace_as_its_class() {
        let net = network(&[2, 4, 3], &[Activation::Relu, Activation::Linear]);
        let sheet = Worksheet::new(
            &net,
            Loss::SoftmaxCrossEntropy,
            (0, &[0.1, 0.2], &[0.0, 0.0, 1.0]),
            0.5,
            vec![],
        )
        .unwrap();
        assert_eq!(trace_target(Loss::SoftmaxCrossEntropy, &sheet.target), [2.0]);
        let p: f64 = sheet.trace.backward[1].delta.iter().sum();
        assert!(p.abs() < 1e-12, "δ = p − t sums to 0: {p}");
    }

    #[test]
    fn the_script_carries_every_weight_bias_and_input_exactly() {
        let net = network(
            &[2, 3, 2, 1],
            &[Activation::Relu, Activation::LeakyRelu, Activation::Linear],
        );
        let x = [0.1 + 0.2, -1e-7];
        let sheet = Worksheet::new(
            &net,
            Loss::SquaredError,
            (9, &x, &[0.3]),
            0.03,
            vec!["x₁".into(), "x₂".into()],
        )
        .unwrap();
        let script = sheet.numpy();
        // The text from the line starting `from` up to the next line starting `to`.
        let block = |from: &str, to: &str| {
            let start = script.find(&format!("\n{from}")).unwrap() + 1;
            let end = start + script[start..].find(&format!("\n{to}")).unwrap();
            numbers(&script[start..end])
        };
        assert_eq!(
            block("W = [", "b = ["),
            net.weights(),
            "every weight, row by row, read back exactly"
        );
        assert_eq!(block("b = [", "activations"), net.biases());
        assert_eq!(block("x = ", "t = "), x);
        assert_eq!(block("t = ", "eta"), [0.3]);
        assert_eq!(block("eta = ", "def f("), [0.03]);
        assert!(script.contains(r#"activations = ["relu", "leaky_relu", "linear"]"#));
        assert!(
            script.contains("loss = 0.5 * np.sum((a[-1] - t) ** 2)"),
            "squared error's loss"
        );
        assert!(script.contains("sample #9 through a [2, 3, 2, 1] network"));
    }

    #[test]
    fn the_lab_s_worksheet_is_of_the_network_shown_an_earlier_step_s_while_looking_back() {
        use crate::app::state::Action;
        let mut lab = Lab::default();
        for _ in 0..6 {
            lab.apply(Action::Step);
        }
        let present = Worksheet::of(&lab).unwrap();
        assert_eq!(
            present.model,
            Model::from_network(lab.run().network(), lab.trainer().loss())
        );
        lab.apply(Action::ViewMoment(2));
        let back = Worksheet::of(&lab).unwrap();
        assert_eq!(
            back.model,
            Model::from_network(lab.shown_network(), lab.trainer().loss())
        );
        assert_ne!(back.model, present.model, "step 2's weights, not the present's");
        assert_eq!(back.eta, lab.settings().learning_rate);
    }

    #[test]
    fn a_walk_that_overflows_is_refused_as_trace_refuses_it() {
        let mut net = network(&[1, 1], &[Activation::Linear]);
        net.weights_mut()[0] = 1e300;
        let refused = Worksheet::new(&net, Loss::SquaredError, (0, &[1e10], &[0.0]), 0.1, vec![]);
        assert!(
            matches!(refused, Err(ModelError::ResultNotFinite { .. })),
            "{refused:?}"
        );
    }
}
