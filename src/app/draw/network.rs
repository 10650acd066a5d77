//! The network laid out for drawing: where each neuron and edge goes, and its colour.

use super::color::{diverging, gradient_scale, Rgb, GRADIENT_NEGATIVE, GRADIENT_POSITIVE, NEGATIVE, NEUTRAL, POSITIVE};
use crate::app::explain::{weight_index, Inspection};
use crate::core::{Activation, Network};

/// Width of the drawing in SVG units on a wide screen; a narrower box gets a narrower drawing
/// ([`Layout::new`]), so that its words keep their size on a phone.
pub const WIDTH: f64 = 640.0;
/// The narrowest drawing, in SVG units.
pub const MIN_WIDTH: f64 = 320.0;
/// Radius of a neuron in a small network; larger networks get smaller circles.
pub const RADIUS: f64 = 20.0;
/// The smallest radius of a neuron, in the largest network on the narrowest screen.
const MIN_RADIUS: f64 = 9.0;
/// The drawing is at least this tall, in SVG units.
const MIN_HEIGHT: f64 = 300.0;
/// Circles shrink before the drawing grows taller than this, in SVG units.
const MAX_HEIGHT: f64 = 820.0;
/// Room left of the input column for the inputs' names (x₁, sin x₂, …).
const INPUT_LABEL_ROOM: f64 = 42.0;
/// Room right of the output column.
const MARGIN_RIGHT: f64 = 8.0;
/// The width a layer's title needs ("hidden 8", "隱藏層 8" at 13 units), with a gap.
pub const TITLE_ROOM: f64 = 66.0;
/// The height of one row of layer titles.
const TITLE_LINE: f64 = 15.0;
/// Height a neuron's number needs under its circle, in SVG units.
const LABEL_ROOM: f64 = 14.0;
/// Gap between a number and the next circle down.
const ROW_GAP: f64 = 6.0;
/// Neurons' numbers are written when the columns are at least this far apart (a number such as
/// "a −0.42" needs about this much).
const NUMBER_ROOM: f64 = 44.0;
/// |w| at which an edge reaches its full width.
const STRONG_WEIGHT: f64 = 2.0;

/// Where everything of a network of a given shape goes, for a drawing of a given width: the
/// drawing grows taller and its circles smaller as the network grows, so that no two circles,
/// numbers or titles ever overlap.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    sizes: Vec<usize>,
    /// Width of the drawing in SVG units.
    pub width: f64,
    /// Height of the drawing in SVG units.
    pub height: f64,
    /// Radius of every neuron.
    pub radius: f64,
    /// How many rows the layers' titles take turns on (1 to 3), so that neighbours never overlap.
    pub title_rows: usize,
    /// Whether there is room for each neuron's number under its circle.
    pub numbers: bool,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
}

impl Layout {
    /// The layout of a network whose layers have `sizes` neurons in a drawing `width` SVG units
    /// wide (between [`MIN_WIDTH`] and [`WIDTH`]; anything else is brought into that range).
    pub fn new(sizes: &[usize], width: f64) -> Self {
        let width = if width.is_finite() {
            width.clamp(MIN_WIDTH, WIDTH)
        } else {
            WIDTH
        };
        let layers = sizes.len().max(1);
        let tallest = sizes.iter().copied().max().unwrap_or(1).max(1);
        let gaps = (layers - 1) as f64;
        // Circles a third of the gap between columns across at most, and small enough that the
        // tallest layer fits in MAX_HEIGHT with its numbers.
        let span = width - INPUT_LABEL_ROOM - MARGIN_RIGHT - 2.0 * RADIUS;
        let by_columns = if layers > 1 { 0.32 * span / gaps } else { RADIUS };
        let rows = (tallest - 1) as f64;
        let title_band = 3.0 * TITLE_LINE + 10.0;
        let room = MAX_HEIGHT - title_band - LABEL_ROOM - ROW_GAP - rows * (LABEL_ROOM + ROW_GAP);
        let by_rows = room / (2.0 * rows + 2.0);
        let radius = RADIUS.min(by_columns).min(by_rows).max(MIN_RADIUS);
        let left = INPUT_LABEL_ROOM + radius;
        // Room on the right for the output's circle and for its title, centred over it.
        let right = width - (MARGIN_RIGHT + radius).max(TITLE_ROOM / 2.0);
        let column_gap = if layers > 1 {
            (right - left) / gaps
        } else {
            f64::INFINITY
        };
        let title_rows = ((TITLE_ROOM / column_gap).ceil() as usize).clamp(1, 3);
        let top = title_rows as f64 * TITLE_LINE + 10.0 + radius;
        let pitch = 2.0 * radius + LABEL_ROOM + ROW_GAP;
        let height = (top + rows * pitch + radius + LABEL_ROOM + ROW_GAP).max(MIN_HEIGHT);
        Self {
            sizes: sizes.to_vec(),
            width,
            height,
            radius,
            title_rows,
            numbers: column_gap >= NUMBER_ROOM,
            left,
            right,
            top,
            bottom: height - radius - LABEL_ROOM - ROW_GAP,
        }
    }

    /// The layers' sizes this layout is for.
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// The x of layer `layer`'s column: evenly spread between the margins.
    pub fn column_x(&self, layer: usize) -> f64 {
        let layers = self.sizes.len();
        if layers < 2 {
            return (self.left + self.right) / 2.0;
        }
        self.left + (self.right - self.left) * layer as f64 / (layers - 1) as f64
    }

    /// The baseline of layer `layer`'s title: neighbouring titles take turns on
    /// [`Layout::title_rows`] rows.
    pub fn title_y(&self, layer: usize) -> f64 {
        14.0 + (layer % self.title_rows) as f64 * TITLE_LINE
    }

    /// The centre (x, y) of neuron `index` of layer `layer`. A layer's neurons spread evenly
    /// from the top to the bottom of the drawing; a single neuron sits in the middle.
    pub fn centre(&self, layer: usize, index: usize) -> [f64; 2] {
        let count = self.sizes.get(layer).copied().unwrap_or(1);
        let y = if count < 2 {
            (self.top + self.bottom) / 2.0
        } else {
            self.top + (self.bottom - self.top) * index as f64 / (count - 1) as f64
        };
        [self.column_x(layer), y]
    }

    /// The baseline of the number of a neuron centred at height `y`: under its circle.
    fn label_y(&self, y: f64) -> f64 {
        y + self.radius + LABEL_ROOM - 3.0
    }
}

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
    /// The number written under it: a, or δ on the backward pass; nothing before the forward pass
    /// or where the columns leave no room.
    pub shown: Option<f64>,
    /// Fill colour: how strongly it fires, or its share of the error.
    pub fill: Rgb,
    /// The baseline of its number, under the circle (so that the map of its output in the
    /// circle stays in view).
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
    /// How far the last update moved it, Δw, when the picture shows the update (else 0).
    pub change: f64,
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
    /// The update: every neuron's output a, every edge how far its weight moved (see
    /// [`NetworkPicture::show_changes`]).
    Update,
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
    /// The colour scale of each layer's outputs (index = layer), for the key.
    pub scales: Vec<Scale>,
    /// What the neurons and edges show.
    pub show: Show,
    /// Where everything goes, and the drawing's size.
    pub layout: Layout,
}

impl NetworkPicture {
    /// Draws every line by how far the update moved its weight, `change` holding Δθ for every
    /// parameter of `network` (in [`Network::params`] order): blue where the weight grew, orange
    /// where it shrank, the one that moved most at full width. The picture then shows
    /// [`Show::Update`]. A `change` of another length leaves the picture as it is.
    pub fn show_changes(&mut self, network: &Network, change: &[f64]) {
        if change.len() != network.params().len() {
            return;
        }
        let index = |e: &EdgeLine| weight_index(network, e.layer, e.from, e.to);
        let most = largest(self.edges.iter().map(|e| change[index(e)]));
        for e in &mut self.edges {
            e.change = change[index(e)];
            e.stroke = if e.change >= 0.0 { POSITIVE } else { NEGATIVE };
            e.width = edge_width(STRONG_WEIGHT * e.change / most);
        }
        self.show = Show::Update;
    }

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

/// How the outputs of a layer are coloured: the scale follows its activation's range, so that
/// a pale neuron is one that is silent and a blue one one that fires.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// 0 … 1 (sigmoid): pale at 0, blue at 1.
    Unit,
    /// 0 … max (ReLU): pale at 0, blue at max.
    Positive(f64),
    /// −max … max (tanh with max 1; linear, leaky ReLU and the inputs): orange below zero, pale at
    /// zero, blue above.
    Signed(f64),
}

impl Scale {
    /// The scale of a layer whose activation is `activation` (`None` for the inputs) and whose
    /// outputs are `values`: ReLU's and linear's top end is the largest |a| rounded up to 1, 2 or
    /// 5 × 10ᵏ (1 when every value is 0), so that the key's numbers are round.
    pub fn of(activation: Option<Activation>, values: impl Iterator<Item = f64>) -> Scale {
        let top = || round_up(largest(values));
        match activation {
            Some(Activation::Sigmoid) => Scale::Unit,
            Some(Activation::Tanh) | None => Scale::Signed(1.0),
            Some(Activation::Relu) => Scale::Positive(top()),
            Some(Activation::LeakyRelu | Activation::Linear) => Scale::Signed(top()),
        }
    }

    /// The colour of output `a` on this scale; values past the ends take the end's colour and a
    /// non-finite one is pale.
    pub fn color(self, a: f64) -> Rgb {
        match self {
            Scale::Unit => NEUTRAL.mix(POSITIVE, if a.is_finite() { a } else { 0.0 }),
            Scale::Positive(top) => NEUTRAL.mix(POSITIVE, if a.is_finite() { a / top } else { 0.0 }),
            Scale::Signed(top) => diverging(a / top),
        }
    }

    /// The values at the low and the high end of the scale.
    pub fn ends(self) -> (f64, f64) {
        match self {
            Scale::Unit => (0.0, 1.0),
            Scale::Positive(top) => (0.0, top),
            Scale::Signed(top) => (-top, top),
        }
    }
}

/// `v` rounded up to 1, 2 or 5 × 10ᵏ; 1 for 0 or a non-finite `v`.
fn round_up(v: f64) -> f64 {
    if !(v.is_finite() && v > 1e-9) {
        return 1.0;
    }
    let power = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|&t| t >= v * (1.0 - 1e-12))
        .unwrap_or(10.0 * power)
}

/// The largest |x| of `values`, at least a small floor so that all-zero values stay pale.
fn largest(values: impl Iterator<Item = f64>) -> f64 {
    values.filter(|v| v.is_finite()).fold(1e-12, |m, v| m.max(v.abs()))
}

/// Lays out `network` for the chosen `sample` in a drawing `width` SVG units wide, showing what
/// `show` asks for.
pub fn picture(network: &Network, sample: &Inspection, show: Show, width: f64) -> NetworkPicture {
    let sizes = network.sizes();
    let layout = Layout::new(sizes, width);
    let trace = &sample.trace;
    // Errors and gradients have no natural scale: the largest of the sample sets it.
    let delta_scale = largest(trace.delta[network.neurons(1).start..].iter().copied());
    let grad_scale = largest(sample.grad.weights().iter().copied());
    let layers = sizes.len();
    let mut neurons = Vec::new();
    let mut columns = Vec::new();
    let mut scales = Vec::new();
    for l in 0..layers {
        let activation = l.checked_sub(1).map(|k| network.activations()[k]);
        let kind = match l {
            0 => LayerKind::Input,
            _ if l == layers - 1 => LayerKind::Output,
            _ => LayerKind::Hidden(l),
        };
        columns.push((layout.column_x(l), kind));
        let scale = Scale::of(activation, network.neurons(l).map(|k| trace.a[k]));
        scales.push(scale);
        for (index, k) in network.neurons(l).enumerate() {
            let (z, a, delta) = (trace.z[k], trace.a[k], trace.delta[k]);
            let [x, y] = layout.centre(l, index);
            let (shown, fill) = match show {
                Show::Weights => (None, NEUTRAL),
                Show::Activations | Show::Update => (Some(a), scale.color(a)),
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
                shown: shown.filter(|_| layout.numbers),
                fill,
                label_y: layout.label_y(y),
            });
        }
    }
    let radius = layout.radius;
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
                let ([x1, y1], [x2, y2]) = (layout.centre(l, from), layout.centre(l + 1, to));
                edges.push(EdgeLine {
                    layer: l,
                    from,
                    to,
                    x1: x1 + radius,
                    y1,
                    x2: x2 - radius,
                    y2,
                    weight,
                    change: 0.0,
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
        scales,
        show,
        layout,
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
        let pic = picture(&net, &sample, Show::Activations, WIDTH);
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
        let (r, w, h) = (pic.layout.radius, pic.layout.width, pic.layout.height);
        assert_eq!((r, w), (RADIUS, WIDTH), "a small network has full-size circles");
        for n in &pic.neurons {
            assert!(n.x - r >= 0.0 && n.x + r <= w);
            assert!(n.y - r >= 0.0 && n.y + r <= h);
        }
        // Layers run left to right, neurons of a layer top to bottom.
        assert!(pic
            .neurons
            .windows(2)
            .all(|w| w[0].layer < w[1].layer && w[0].x < w[1].x || w[0].layer == w[1].layer && w[0].y < w[1].y));
        // Every line runs from the edge of its neuron's circle to the edge of the next one's.
        for e in &pic.edges {
            let [x1, y1] = pic.layout.centre(e.layer, e.from);
            let [x2, y2] = pic.layout.centre(e.layer + 1, e.to);
            assert_eq!([e.x1, e.y1, e.x2, e.y2], [x1 + r, y1, x2 - r, y2]);
        }
    }

    /// Every shape the lab builds, sampled: 1 to 7 inputs, 0 to 8 hidden layers of 1 to 16
    /// neurons, 1 to 4 outputs.
    fn shapes() -> Vec<Vec<usize>> {
        let mut shapes = Vec::new();
        for inputs in [1, 2, 7] {
            for hidden in 0..=8 {
                for width in [1, 3, 8, 16] {
                    for outputs in [1, 3, 4] {
                        let mut sizes = vec![inputs];
                        sizes.extend(std::iter::repeat_n(width, hidden));
                        sizes.push(outputs);
                        shapes.push(sizes);
                    }
                }
            }
        }
        shapes
    }

    #[test]
    fn no_two_circles_numbers_or_titles_overlap_at_any_shape_or_width() {
        for sizes in shapes() {
            for width in [MIN_WIDTH, 390.0, WIDTH] {
                let layout = Layout::new(&sizes, width);
                let r = layout.radius;
                let what = format!("{sizes:?} at {width}");
                assert!((MIN_RADIUS..=RADIUS).contains(&r), "{what}: r = {r}");
                assert!(
                    layout.height <= MAX_HEIGHT + 1e-9 && layout.height >= MIN_HEIGHT,
                    "{what}"
                );
                let centres: Vec<[f64; 2]> = sizes
                    .iter()
                    .enumerate()
                    .flat_map(|(l, &n)| (0..n).map(move |i| (l, i)))
                    .map(|(l, i)| layout.centre(l, i))
                    .collect();
                for (k, &[x, y]) in centres.iter().enumerate() {
                    // Inside the drawing, below the titles, with room for its number under it.
                    assert!(x - r >= INPUT_LABEL_ROOM - 1e-9 && x + r <= layout.width, "{what}");
                    let titles = layout.title_rows as f64 * TITLE_LINE;
                    assert!(y - r > titles && layout.label_y(y) <= layout.height, "{what}");
                    for &[x2, y2] in &centres[k + 1..] {
                        let apart = if x == x2 {
                            // The next circle down starts below this one's number.
                            (y2 - y).abs() - 2.0 * r >= LABEL_ROOM
                        } else {
                            (x2 - x).abs() >= 2.0 * r + 4.0
                        };
                        assert!(apart, "{what}: ({x}, {y}) and ({x2}, {y2})");
                    }
                }
                // Titles on the same row are at least a title's room apart, and inside the drawing.
                for l in 0..sizes.len() {
                    let x = layout.column_x(l);
                    assert!(
                        x - TITLE_ROOM / 2.0 >= 0.0 && x + TITLE_ROOM / 2.0 <= layout.width,
                        "{what}: title {l}"
                    );
                }
                for a in 0..sizes.len() {
                    for b in a + 1..sizes.len() {
                        if layout.title_y(a) == layout.title_y(b) {
                            let gap = layout.column_x(b) - layout.column_x(a);
                            assert!(gap >= TITLE_ROOM - 1e-9, "{what}: titles {a} and {b}, {gap} apart");
                        }
                    }
                }
                if layout.numbers {
                    assert!(layout.column_x(1) - layout.column_x(0) >= NUMBER_ROOM, "{what}");
                }
            }
        }
    }

    #[test]
    fn the_drawing_grows_taller_with_the_network_and_its_circles_smaller() {
        let small = Layout::new(&[2, 4, 2, 1], WIDTH);
        let mut sizes = vec![7];
        sizes.extend([16; 8]);
        sizes.push(3);
        let largest = Layout::new(&sizes, WIDTH);
        assert!(
            largest.height > 2.0 * small.height,
            "{} vs {}",
            largest.height,
            small.height
        );
        assert!(largest.radius < small.radius);
        // On a phone, the largest network is still drawn, with titles on alternating rows.
        let phone = Layout::new(&sizes, MIN_WIDTH);
        assert!(phone.title_rows > 1 && !phone.numbers);
        assert_eq!(Layout::new(&sizes, 10_000.0).width, WIDTH);
        assert_eq!(Layout::new(&sizes, f64::NAN).width, WIDTH);
    }

    #[test]
    fn each_layer_is_coloured_on_its_activations_scale() {
        let acts = [Activation::Sigmoid, Activation::Relu, Activation::Tanh];
        let net = Network::new(&[2, 3, 3, 1], &acts, Init::Xavier, &mut Rng::new(1)).unwrap();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.9, -0.9], &[0.0]);
        let pic = picture(&net, &sample, Show::Activations, WIDTH);
        let relu_top = round_up(largest(net.neurons(2).map(|k| sample.trace.a[k])));
        assert_eq!(
            pic.scales,
            [
                Scale::Signed(1.0),
                Scale::Unit,
                Scale::Positive(relu_top),
                Scale::Signed(1.0)
            ]
        );
        // A sigmoid neuron at 0.26 is a pale blue, never orange: sigmoid runs 0 … 1.
        let quiet = Scale::Unit.color(0.26);
        assert!(quiet.2 > quiet.0, "{quiet:?}");
        assert_eq!(Scale::Unit.color(0.0), NEUTRAL);
        assert_eq!(Scale::Unit.color(1.0), POSITIVE);
        // tanh is signed: below zero orange.
        assert_eq!(Scale::Signed(1.0).color(-1.0), NEGATIVE);
        // ReLU runs from 0 to its top, which is a round number.
        assert_eq!(Scale::Positive(2.0).color(2.0), POSITIVE);
        assert_eq!(Scale::Positive(2.0).color(0.0), NEUTRAL);
        assert_eq!(Scale::Positive(2.0).ends(), (0.0, 2.0));
        for (v, top) in [
            (0.0, 1.0),
            (0.3, 0.5),
            (1.3, 2.0),
            (2.0, 2.0),
            (7.0, 10.0),
            (0.012, 0.02),
        ] {
            assert_eq!(round_up(v), top, "{v}");
        }
        for n in &pic.neurons {
            assert_eq!(n.fill, pic.scales[n.layer].color(n.a), "{n:?}");
        }
    }

    #[test]
    fn neurons_show_the_samples_activations() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.9, -0.9], &[0.0]);
        let pic = picture(&net, &sample, Show::Activations, WIDTH);
        assert_eq!(pic.neurons[0].shown, Some(0.9));
        assert_eq!(pic.neurons[0].fill, diverging(0.9));
        assert_eq!(pic.neurons[1].fill, diverging(-0.9));
        let out = pic.neurons.last().unwrap();
        let mut trace = net.new_trace();
        net.forward(&[0.9, -0.9], &mut trace);
        assert_eq!(out.a, net.output(&trace)[0]);
        assert_eq!(
            out.fill,
            NEUTRAL.mix(POSITIVE, out.a),
            "the sigmoid output on its 0 … 1 scale"
        );
        // Numbers sit under their circles.
        assert!(pic.neurons.iter().all(|n| n.label_y > n.y + pic.layout.radius));

        let blank = picture(&net, &sample, Show::Weights, WIDTH);
        assert!(blank.neurons.iter().all(|n| n.shown.is_none() && n.fill == NEUTRAL));
    }

    #[test]
    fn the_backward_pass_shows_errors_and_gradients_in_their_own_palette() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.9, -0.9], &[0.0]);
        let pic = picture(&net, &sample, Show::Errors, WIDTH);
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
    fn the_update_shows_how_far_each_weight_moved() {
        let net = net();
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.9, -0.9], &[0.0]);
        let mut pic = picture(&net, &sample, Show::Update, WIDTH);
        let mut change = vec![0.0; net.params().len()];
        // The weight from input 1 to hidden neuron 2 grew most; the one from input 0 to hidden
        // neuron 0 shrank a little.
        change[weight_index(&net, 0, 1, 2)] = 0.04;
        change[weight_index(&net, 0, 0, 0)] = -0.01;
        pic.show_changes(&net, &change);
        assert_eq!(pic.show, Show::Update);
        let edge = |from: usize, to: usize| {
            pic.edges
                .iter()
                .find(|e| (e.layer, e.from, e.to) == (0, from, to))
                .unwrap()
        };
        let (grew, shrank) = (edge(1, 2), edge(0, 0));
        assert_eq!(
            (grew.change, grew.stroke, grew.width),
            (0.04, POSITIVE, edge_width(STRONG_WEIGHT))
        );
        assert_eq!((shrank.change, shrank.stroke), (-0.01, NEGATIVE));
        assert!(shrank.width < grew.width && shrank.width > edge_width(0.0));
        assert!(pic
            .edges
            .iter()
            .filter(|e| e.change == 0.0)
            .all(|e| e.width == edge_width(0.0)));
        // The neurons show their outputs, as on the forward pass.
        assert!(pic.neurons.iter().all(|n| n.shown == Some(n.a)));
        // A change of the wrong length is ignored.
        let before = pic.clone();
        pic.show_changes(&net, &[1.0]);
        assert_eq!(pic, before);
    }

    #[test]
    fn edges_show_sign_by_colour_and_size_by_width() {
        let mut net = net();
        net.weights_mut()[0] = 1.5;
        net.weights_mut()[1] = -0.1;
        let sample = Inspection::new(&net, Loss::CrossEntropy, &[0.0, 0.0], &[0.0]);
        let pic = picture(&net, &sample, Show::Activations, WIDTH);
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
        let pic = picture(&net, &sample, Show::Activations, WIDTH);
        // The last edge runs from hidden-2 neuron 1 to the output: a point a third of the way along.
        let e = pic.edges.last().unwrap();
        let (x, y) = (e.x1 + (e.x2 - e.x1) / 3.0, e.y1 + (e.y2 - e.y1) / 3.0);
        let found = pic.edge_at(x, y + 2.0, 4.0).unwrap();
        assert_eq!((found.layer, found.from, found.to), (2, 1, 0));
        assert!(pic.edge_at(x, y + 10.0, 4.0).is_none(), "too far from every edge");
        assert!(pic.edge_at(-50.0, -50.0, 4.0).is_none(), "beyond the ends");
    }
}
