//! The network laid out for drawing: where each neuron and edge goes, and its colour.

use super::color::{diverging, Rgb, NEGATIVE, POSITIVE};
use crate::core::{Activation, Network, Trace};

/// Width of the drawing in SVG units.
pub const WIDTH: f64 = 640.0;
/// Height of the drawing in SVG units.
pub const HEIGHT: f64 = 340.0;
/// Radius of a neuron.
pub const RADIUS: f64 = 20.0;
const MARGIN_X: f64 = 60.0;
const MARGIN_TOP: f64 = 40.0;
const MARGIN_BOTTOM: f64 = 40.0;
/// |w| at which an edge reaches its full width.
const STRONG_WEIGHT: f64 = 2.0;

/// One neuron as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronDot {
    /// Layer index (0 = input).
    pub layer: usize,
    /// Index within the layer.
    pub index: usize,
    /// Centre, in SVG units.
    pub x: f64,
    /// Centre, in SVG units.
    pub y: f64,
    /// The neuron's output a for the chosen sample.
    pub value: f64,
    /// Fill colour showing how strongly it fires.
    pub fill: Rgb,
}

/// One weight as drawn: a line from neuron i of a layer to neuron j of the next.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeLine {
    /// Layer of the source neuron.
    pub layer: usize,
    /// Source neuron index.
    pub from: usize,
    /// Target neuron index (in layer + 1).
    pub to: usize,
    /// Start point.
    pub x1: f64,
    /// Start point.
    pub y1: f64,
    /// End point.
    pub x2: f64,
    /// End point.
    pub y2: f64,
    /// The weight w.
    pub weight: f64,
    /// Blue for positive, orange for negative.
    pub stroke: Rgb,
    /// Line width, growing with |w|.
    pub width: f64,
}

/// Everything needed to draw the network for one sample.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkPicture {
    /// Neurons, layer by layer.
    pub neurons: Vec<NeuronDot>,
    /// Edges, layer by layer.
    pub edges: Vec<EdgeLine>,
    /// The x of each layer's column and what kind of layer it is.
    pub columns: Vec<(f64, LayerKind)>,
}

/// What a column of neurons is, for its title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerKind {
    /// The input layer.
    Input,
    /// Hidden layer n (1-based).
    Hidden(usize),
    /// The output layer.
    Output,
}

/// Where neuron `index` of a layer of `count` neurons sits vertically.
fn neuron_y(index: usize, count: usize) -> f64 {
    let top = MARGIN_TOP + RADIUS;
    let bottom = HEIGHT - MARGIN_BOTTOM - RADIUS;
    if count == 1 {
        (top + bottom) / 2.0
    } else {
        top + (bottom - top) * index as f64 / (count - 1) as f64
    }
}

/// The strength of output `a` on a −1…1 scale for colouring: tanh and linear outputs as they are,
/// sigmoid's 0…1 stretched to −1…1, ReLU's 0…∞ squashed into 0…1.
pub fn firing(activation: Option<Activation>, a: f64) -> f64 {
    match activation {
        Some(Activation::Sigmoid) => 2.0 * a - 1.0,
        Some(Activation::Relu) => a.tanh(),
        _ => a.clamp(-1.0, 1.0),
    }
}

/// Lays out `network` with every neuron coloured by its output in `trace`.
pub fn picture(network: &Network, trace: &Trace) -> NetworkPicture {
    let sizes = network.sizes();
    let layers = sizes.len();
    let column_x = |l: usize| MARGIN_X + (WIDTH - 2.0 * MARGIN_X) * l as f64 / (layers - 1) as f64;
    let mut neurons = Vec::new();
    let mut columns = Vec::new();
    for (l, &count) in sizes.iter().enumerate() {
        let activation = l.checked_sub(1).map(|k| network.activations()[k]);
        let kind = match l {
            0 => LayerKind::Input,
            _ if l == layers - 1 => LayerKind::Output,
            _ => LayerKind::Hidden(l),
        };
        columns.push((column_x(l), kind));
        for (index, &value) in trace.a[network.neurons(l)].iter().enumerate() {
            neurons.push(NeuronDot {
                layer: l,
                index,
                x: column_x(l),
                y: neuron_y(index, count),
                value,
                fill: diverging(firing(activation, value)),
            });
        }
    }
    let mut edges = Vec::new();
    for l in 0..layers - 1 {
        for to in 0..sizes[l + 1] {
            for from in 0..sizes[l] {
                let weight = network.weight(l, to, from);
                edges.push(EdgeLine {
                    layer: l,
                    from,
                    to,
                    x1: column_x(l) + RADIUS,
                    y1: neuron_y(from, sizes[l]),
                    x2: column_x(l + 1) - RADIUS,
                    y2: neuron_y(to, sizes[l + 1]),
                    weight,
                    stroke: if weight >= 0.0 { POSITIVE } else { NEGATIVE },
                    width: edge_width(weight),
                });
            }
        }
    }
    NetworkPicture {
        neurons,
        edges,
        columns,
    }
}

/// Line width for weight `w`: 0.5 at zero up to 6 at |w| ≥ 2.
pub fn edge_width(w: f64) -> f64 {
    let strength = if w.is_finite() {
        (w.abs() / STRONG_WEIGHT).min(1.0)
    } else {
        0.0
    };
    0.5 + 5.5 * strength
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Init, Rng};

    fn net() -> Network {
        let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
        Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(1)).unwrap()
    }

    #[test]
    fn every_neuron_and_weight_is_drawn_inside_the_picture() {
        let net = net();
        let mut trace = net.new_trace();
        net.forward(&[0.3, -0.8], &mut trace);
        let pic = picture(&net, &trace);
        assert_eq!(pic.neurons.len(), 2 + 4 + 2 + 1);
        assert_eq!(pic.edges.len(), 2 * 4 + 4 * 2 + 2);
        assert_eq!(
            pic.columns.iter().map(|c| c.1).collect::<Vec<_>>(),
            [
                LayerKind::Input,
                LayerKind::Hidden(1),
                LayerKind::Hidden(2),
                LayerKind::Output
            ]
        );
        for n in &pic.neurons {
            assert!(n.x - RADIUS >= 0.0 && n.x + RADIUS <= WIDTH);
            assert!(n.y - RADIUS >= 0.0 && n.y + RADIUS <= HEIGHT);
        }
        // Layers run left to right, neurons of a layer top to bottom.
        assert!(pic
            .neurons
            .windows(2)
            .all(|w| w[0].layer < w[1].layer && w[0].x < w[1].x || w[0].layer == w[1].layer && w[0].y < w[1].y));
    }

    #[test]
    fn neurons_show_the_samples_activations() {
        let net = net();
        let mut trace = net.new_trace();
        net.forward(&[0.9, -0.9], &mut trace);
        let pic = picture(&net, &trace);
        assert_eq!(pic.neurons[0].value, 0.9);
        assert_eq!(pic.neurons[0].fill, diverging(0.9));
        assert_eq!(pic.neurons[1].fill, diverging(-0.9));
        let out = pic.neurons.last().unwrap();
        assert_eq!(out.value, net.output(&trace)[0]);
        assert_eq!(out.fill, diverging(2.0 * out.value - 1.0));
    }

    #[test]
    fn edges_show_sign_by_colour_and_size_by_width() {
        let mut net = net();
        net.weights_mut()[0] = 1.5;
        net.weights_mut()[1] = -0.1;
        let trace = net.new_trace();
        let pic = picture(&net, &trace);
        let strong = pic.edges.iter().find(|e| e.weight == 1.5).unwrap();
        let weak = pic.edges.iter().find(|e| e.weight == -0.1).unwrap();
        assert_eq!((strong.layer, strong.from, strong.to), (0, 0, 0));
        assert_eq!((weak.layer, weak.from, weak.to), (0, 1, 0));
        assert_eq!(strong.stroke, POSITIVE);
        assert_eq!(weak.stroke, NEGATIVE);
        assert!(strong.width > weak.width);
        assert_eq!(edge_width(100.0), edge_width(2.0));
        assert_eq!(edge_width(f64::NAN), 0.5);
    }
}
