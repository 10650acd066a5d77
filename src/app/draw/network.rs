//! The network laid out for drawing: where each neuron and edge goes, and its colour.

use super::color::{diverging, gradient_scale, Rgb, GRADIENT_NEGATIVE, GRADIENT_POSITIVE, NEGATIVE, NEUTRAL, POSITIVE};
use crate::app::explain::{weight_index, Inspection};
use crate::core::{Activation, Network};

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
    /// Its weighted input z for the chosen sample.
    pub z: f64,
    /// Its output a for the chosen sample.
    pub a: f64,
    /// Its error δ = ∂L/∂z for the chosen sample.
    pub delta: f64,
    /// The number written in it: a, or δ on the backward pass, or nothing before the forward pass.
    pub shown: Option<f64>,
    /// Fill colour: how strongly it fires, or its share of the error.
    pub fill: Rgb,
    /// The baseline of its number: under the circle where the layer leaves room (so that the map
    /// of its output in the circle stays in view), else across the circle's middle.
    pub label_y: f64,
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
    /// ∂L/∂w for the chosen sample.
    pub gradient: f64,
    /// Blue for positive w, orange for negative; on the backward pass purple for positive
    /// ∂L/∂w, green for negative.
    pub stroke: Rgb,
    /// Line width, growing with |w| (or with |∂L/∂w| on the backward pass).
    pub width: f64,
}

/// What the drawing shows of the chosen sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    /// The weights only: nothing has fired yet (the walk's first phase).
    Weights,
    /// Every neuron's output a; edges are the weights.
    Activations,
    /// The backward pass: every neuron's δ and every edge's ∂L/∂w.
    Errors,
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
    /// What the neurons and edges show.
    pub show: Show,
}

impl NetworkPicture {
    /// The edge passing nearest to the point (`x`, `y`) of the picture, if one passes within
    /// `reach` (all in SVG units): what the pointer is on. Ties go to the edge drawn last.
    pub fn edge_at(&self, x: f64, y: f64, reach: f64) -> Option<&EdgeLine> {
        let distance = |e: &EdgeLine| {
            let (dx, dy) = (e.x2 - e.x1, e.y2 - e.y1);
            let length2 = dx * dx + dy * dy;
            let t = if length2 > 0.0 {
                (((x - e.x1) * dx + (y - e.y1) * dy) / length2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            (x - e.x1 - t * dx).hypot(y - e.y1 - t * dy)
        };
        self.edges
            .iter()
            .map(|e| (distance(e), e))
            .filter(|(d, _)| *d <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, e)| e)
    }
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

/// The x of layer `layer`'s column when there are `layers` layers: evenly spread between the margins.
fn column_x(layer: usize, layers: usize) -> f64 {
    if layers < 2 {
        return WIDTH / 2.0;
    }
    MARGIN_X + (WIDTH - 2.0 * MARGIN_X) * layer as f64 / (layers - 1) as f64
}

/// The centre (x, y) in SVG units of neuron `index` of layer `layer`, for a network whose layers
/// have `sizes` neurons: the same place [`picture`] draws it.
pub fn neuron_centre(sizes: &[usize], layer: usize, index: usize) -> [f64; 2] {
    let count = sizes.get(layer).copied().unwrap_or(1);
    [column_x(layer, sizes.len()), neuron_y(index, count)]
}

/// Height a neuron's number needs under its circle, in SVG units.
const LABEL_ROOM: f64 = 14.0;

/// Where the number of a neuron centred at height `y`, in a layer of `count` neurons, is written:
/// its baseline under the circle if the layer leaves [`LABEL_ROOM`] between circles, else in the middle.
fn label_y(y: f64, count: usize) -> f64 {
    let room = count < 2 || neuron_y(1, count) - neuron_y(0, count) >= 2.0 * RADIUS + LABEL_ROOM;
    if room {
        y + RADIUS + LABEL_ROOM - 2.0
    } else {
        y + 4.0
    }
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

/// The largest |x| of `values`, at least a small floor so that all-zero values stay pale.
fn largest(values: impl Iterator<Item = f64>) -> f64 {
    values.filter(|v| v.is_finite()).fold(1e-12, |m, v| m.max(v.abs()))
}

/// Lays out `network` for the chosen `sample`, showing what `show` asks for.
pub fn picture(network: &Network, sample: &Inspection, show: Show) -> NetworkPicture {
    let sizes = network.sizes();
    let trace = &sample.trace;
    // Errors and gradients have no natural scale: the largest of the sample sets it.
    let delta_scale = largest(trace.delta[network.neurons(1).start..].iter().copied());
    let grad_scale = largest(sample.grad.weights().iter().copied());
    let layers = sizes.len();
    let mut neurons = Vec::new();
    let mut columns = Vec::new();
    for l in 0..layers {
        let activation = l.checked_sub(1).map(|k| network.activations()[k]);
        let kind = match l {
            0 => LayerKind::Input,
            _ if l == layers - 1 => LayerKind::Output,
            _ => LayerKind::Hidden(l),
        };
        columns.push((column_x(l, layers), kind));
        for (index, k) in network.neurons(l).enumerate() {
            let (z, a, delta) = (trace.z[k], trace.a[k], trace.delta[k]);
            let [x, y] = neuron_centre(sizes, l, index);
            let (shown, fill) = match show {
                Show::Weights => (None, NEUTRAL),
                Show::Activations => (Some(a), diverging(firing(activation, a))),
                Show::Errors if l == 0 => (None, NEUTRAL),
                Show::Errors => (Some(delta), gradient_scale(delta / delta_scale)),
            };
            neurons.push(NeuronDot {
                layer: l,
                index,
                x,
                y,
                z,
                a,
                delta,
                shown,
                fill,
                label_y: label_y(y, sizes[l]),
            });
        }
    }
    let mut edges = Vec::new();
    for l in 0..layers - 1 {
        for to in 0..sizes[l + 1] {
            for from in 0..sizes[l] {
                let weight = network.weight(l, to, from);
                let gradient = sample.grad.values()[weight_index(network, l, from, to)];
                let (stroke, width) = match show {
                    Show::Errors => (
                        if gradient >= 0.0 {
                            GRADIENT_POSITIVE
                        } else {
                            GRADIENT_NEGATIVE
                        },
                        edge_width(STRONG_WEIGHT * gradient / grad_scale),
                    ),
                    _ => (if weight >= 0.0 { POSITIVE } else { NEGATIVE }, edge_width(weight)),
                };
                edges.push(EdgeLine {
                    layer: l,
                    from,
                    to,
                    x1: column_x(l, layers) + RADIUS,
                    y1: neuron_y(from, sizes[l]),
                    x2: column_x(l + 1, layers) - RADIUS,
                    y2: neuron_y(to, sizes[l + 1]),
                    weight,
                    gradient,
                    stroke,
                    width,
                });
            }
        }
    }
    NetworkPicture {
        neurons,
        edges,
        columns,
        show,
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
    use crate::core::{Init, Loss, Rng};

    fn net() -> Network {
        let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
        Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(1)).unwrap()
    }

    #[test]
    fn every_neuron_and_weight_is_drawn_inside_the_picture() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.3, -0.8], &[1.0]);
        let pic = picture(&net, &sample, Show::Activations);
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
    fn numbers_go_under_the_circles_where_the_layer_leaves_room() {
        let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
        let net = Network::new(&[2, 5, 6, 1], &acts, Init::Xavier, &mut Rng::new(1)).unwrap();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.3, -0.8], &[1.0]);
        let pic = picture(&net, &sample, Show::Activations);
        for n in &pic.neurons {
            // Two inputs and five hidden neurons are 220 and 55 units apart; six are 44: too close.
            let under = n.layer != 2;
            assert_eq!(n.label_y > n.y + RADIUS, under, "{n:?}");
            // Under: clear of the circle, inside the picture. In the middle: on the circle.
            assert!(n.label_y <= HEIGHT && n.label_y - 11.0 > n.y - RADIUS, "{n:?}");
            if under {
                assert!(n.label_y - 10.0 > n.y + RADIUS, "{n:?}");
            }
        }
        // The next circle down starts below the number.
        let (first, second) = (&pic.neurons[2], &pic.neurons[3]);
        assert!(first.label_y < second.y - RADIUS, "{first:?} {second:?}");
    }

    #[test]
    fn neurons_show_the_samples_activations() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.9, -0.9], &[0.0]);
        let pic = picture(&net, &sample, Show::Activations);
        assert_eq!(pic.neurons[0].shown, Some(0.9));
        assert_eq!(pic.neurons[0].fill, diverging(0.9));
        assert_eq!(pic.neurons[1].fill, diverging(-0.9));
        let out = pic.neurons.last().unwrap();
        let mut trace = net.new_trace();
        net.forward(&[0.9, -0.9], &mut trace);
        assert_eq!(out.a, net.output(&trace)[0]);
        assert_eq!(out.fill, diverging(2.0 * out.a - 1.0));

        let blank = picture(&net, &sample, Show::Weights);
        assert!(blank.neurons.iter().all(|n| n.shown.is_none() && n.fill == NEUTRAL));
    }

    #[test]
    fn the_backward_pass_shows_errors_and_gradients_in_their_own_palette() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.9, -0.9], &[0.0]);
        let pic = picture(&net, &sample, Show::Errors);
        let out = pic.neurons.last().unwrap();
        // Cross-entropy after a sigmoid: δ = a − t, positive for target 0.
        assert_eq!(out.shown, Some(out.a - 0.0));
        assert_eq!(
            out.fill, GRADIENT_POSITIVE,
            "the largest error is the output's, at full strength"
        );
        assert!(pic.neurons[..2].iter().all(|n| n.shown.is_none()), "inputs have no δ");
        // Into the output: ∂L/∂w = δ_out·a_from.
        let last = pic.edges.last().unwrap();
        let from = &pic.neurons[pic.neurons.len() - 2];
        assert_eq!(last.gradient, out.delta * from.a);
        assert_eq!(
            last.stroke,
            if last.gradient >= 0.0 {
                GRADIENT_POSITIVE
            } else {
                GRADIENT_NEGATIVE
            }
        );
        let widest = pic.edges.iter().map(|e| e.width).fold(0.0, f64::max);
        assert_eq!(
            widest,
            edge_width(STRONG_WEIGHT),
            "the largest gradient is drawn at full width"
        );
    }

    #[test]
    fn edges_show_sign_by_colour_and_size_by_width() {
        let mut net = net();
        net.weights_mut()[0] = 1.5;
        net.weights_mut()[1] = -0.1;
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.0, 0.0], &[0.0]);
        let pic = picture(&net, &sample, Show::Activations);
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

    #[test]
    fn the_pointer_finds_the_edge_it_is_on() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.0, 0.0], &[0.0]);
        let pic = picture(&net, &sample, Show::Activations);
        // The last edge runs from hidden-2 neuron 1 to the output: a point a third of the way along.
        let e = pic.edges.last().unwrap();
        let (x, y) = (e.x1 + (e.x2 - e.x1) / 3.0, e.y1 + (e.y2 - e.y1) / 3.0);
        let found = pic.edge_at(x, y + 2.0, 4.0).unwrap();
        assert_eq!((found.layer, found.from, found.to), (2, 1, 0));
        assert!(pic.edge_at(x, y + 10.0, 4.0).is_none(), "too far from every edge");
        assert!(pic.edge_at(-50.0, -50.0, 4.0).is_none(), "beyond the ends");
    }
}
