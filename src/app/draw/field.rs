//! The network over the input plane: every neuron's output a on a grid of cells, coloured into
//! RGBA pixels for the decision-boundary heatmap, and the mapping between the plane and the
//! picture (for drawing the points and for click-to-pick).
//!
//! The picture is `resolution` units square, one unit per cell: x₁ grows to the right, x₂ grows
//! upwards, so row 0 is the top of the plane. A canvas of `resolution` pixels shows the cells and an
//! SVG with the same viewBox draws the points on top.

use super::color::{diverging, Rgb, NEGATIVE, NEUTRAL, POSITIVE};
use super::network::Scale;
use crate::core::{Activation, Batch, Bounds, Dataset, Feature, Network, Task};
use std::fmt;
use std::ops::Range;

/// Half the width of the plane shown: x₁ and x₂ both run from −1.5 to 1.5.
///
/// Every generated set lies in about [−1, 1]² (data.rs); cluster sets spread a little further,
/// and at the largest noise a rare Gaussians point reaches about ±1.45. ±1.5 leaves them all on the
/// picture with a margin, and one fixed plane for every dataset keeps the scale steady when the
/// learner switches data.
pub const EXTENT: f64 = 1.5;
/// The plane shown: [−1.5, 1.5]².
pub const BOUNDS: Bounds = Bounds {
    x: (-EXTENT, EXTENT),
    y: (-EXTENT, EXTENT),
};
/// Cells along each side of the heatmap (the canvas is this many pixels square).
pub const RESOLUTION: usize = 100;
/// Samples passed forward at a time: the grid is evaluated in chunks of this many cells.
const CHUNK: usize = 256;

/// The colours of classes 0, 1, 2 and 3: orange and blue as in the binary case, then the bluish
/// green and reddish purple of the Okabe–Ito palette, which stay apart for colour-blind eyes.
pub const CLASS_COLORS: [Rgb; 4] = [NEGATIVE, POSITIVE, Rgb(0x00, 0x9e, 0x73), Rgb(0xcc, 0x79, 0xa7)];

/// The colour of class `k` (the four colours repeat beyond class 3).
pub fn class_color(k: usize) -> Rgb {
    CLASS_COLORS[k % CLASS_COLORS.len()]
}

/// The position of the largest of `values` (the first one on a tie; 0 when empty).
fn argmax(values: impl Iterator<Item = f64>) -> usize {
    let mut best = (0, f64::NEG_INFINITY);
    for (k, v) in values.enumerate() {
        if v > best.1 {
            best = (k, v);
        }
    }
    best.0
}

/// The colour of a sample's label, as the points are drawn: class 0 orange and class 1 blue for
/// two classes, each class its colour for several (`target` one-hot), the diverging scale for a
/// regression target.
pub fn label_color(task: Task, target: &[f64]) -> Rgb {
    let first = target.first().copied().unwrap_or(f64::NAN);
    match task {
        Task::Binary if first > 0.5 => POSITIVE,
        Task::Binary => NEGATIVE,
        Task::Classes(_) => class_color(argmax(target.iter().copied())),
        Task::Regression => diverging(first),
    }
}

/// The square picture of the plane: where a point of the plane is drawn and what point a spot of
/// the picture shows. Picture units are canvas pixels (and the SVG overlay's viewBox units).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Grid {
    /// The part of the plane shown.
    pub bounds: Bounds,
    /// Cells (and picture units) along each side.
    pub resolution: usize,
}

impl Grid {
    /// The plane [`BOUNDS`] at `resolution` cells a side (at least 1).
    pub fn new(resolution: usize) -> Self {
        Self {
            bounds: BOUNDS,
            resolution: resolution.max(1),
        }
    }

    /// Number of cells, resolution².
    pub fn cells(&self) -> usize {
        self.resolution * self.resolution
    }

    /// Where the plane point (x₁, x₂) is drawn: (column, row) in picture units, row 0 at the top.
    pub fn to_picture(&self, x: [f64; 2]) -> [f64; 2] {
        let size = self.resolution as f64;
        let (x1, y1) = (self.bounds.x, self.bounds.y);
        [
            (x[0] - x1.0) / (x1.1 - x1.0) * size,
            (y1.1 - x[1]) / (y1.1 - y1.0) * size,
        ]
    }

    /// The plane point shown at picture position `p` (the inverse of [`Grid::to_picture`]).
    pub fn to_plane(&self, p: [f64; 2]) -> [f64; 2] {
        let size = self.resolution as f64;
        let (x1, y1) = (self.bounds.x, self.bounds.y);
        [x1.0 + p[0] / size * (x1.1 - x1.0), y1.1 - p[1] / size * (y1.1 - y1.0)]
    }

    /// The plane point at the centre of `cell` (cells numbered row by row from the top left).
    pub fn cell_center(&self, cell: usize) -> [f64; 2] {
        let (row, col) = (cell / self.resolution, cell % self.resolution);
        self.to_plane([col as f64 + 0.5, row as f64 + 0.5])
    }

    /// The cell under picture position `p`, if `p` is on the picture.
    pub fn cell_at(&self, p: [f64; 2]) -> Option<usize> {
        let size = self.resolution as f64;
        let inside = |v: f64| (0.0..size).contains(&v);
        (inside(p[0]) && inside(p[1])).then(|| p[1] as usize * self.resolution + p[0] as usize)
    }

    /// The sample of `data` drawn nearest to picture position `p`, if its centre lies within
    /// `within` picture units; its first two inputs are its (x₁, x₂). For click-to-pick.
    pub fn nearest(&self, data: &Dataset, p: [f64; 2], within: f64) -> Option<usize> {
        let mut best = None;
        let mut best_d2 = within * within;
        for i in 0..data.len() {
            let x = data.input(i);
            if x.len() < 2 {
                continue;
            }
            let q = self.to_picture([x[0], x[1]]);
            let d2 = (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2);
            if d2 <= best_d2 {
                best = Some(i);
                best_d2 = d2;
            }
        }
        best
    }

    /// The point a click at picture position `p` lands on, as (is it a test point, its index):
    /// the nearest training or test point within `within` picture units, a training point where
    /// both are as near. For click-to-remove.
    pub fn point_at(&self, train: &Dataset, test: &Dataset, p: [f64; 2], within: f64) -> Option<(bool, usize)> {
        let d2 = |data: &Dataset, i: usize| {
            let x = data.input(i);
            let q = self.to_picture([x[0], x[1]]);
            (q[0] - p[0]).powi(2) + (q[1] - p[1]).powi(2)
        };
        let a = self.nearest(train, p, within).map(|i| (d2(train, i), (false, i)));
        let b = self.nearest(test, p, within).map(|i| (d2(test, i), (true, i)));
        match (a, b) {
            (Some(a), Some(b)) => Some(if b.0 < a.0 { b.1 } else { a.1 }),
            (a, b) => a.or(b).map(|(_, hit)| hit),
        }
    }
}

/// Why the field cannot be computed for a network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldError {
    /// The network's layer sizes are not those the field was built for.
    Shape {
        /// Layer sizes the field was built for.
        expected: Vec<usize>,
        /// Layer sizes of the network given.
        found: Vec<usize>,
    },
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::Shape { expected, found } => {
                write!(f, "the heatmap was built for layers {expected:?}, not {found:?}")
            }
        }
    }
}

impl std::error::Error for FieldError {}

/// Every neuron's output over the grid's cells, for one network shape. Building it allocates;
/// [`Field::compute`] for new weights allocates nothing.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    grid: Grid,
    sizes: Vec<usize>,
    /// The activations of the network last computed, one per layer after the input.
    activations: Vec<Activation>,
    /// The network's inputs at each cell centre, `inputs per sample` numbers per cell.
    inputs: Vec<f64>,
    batch: Batch,
    /// a of neuron k at cell c is `values[k·cells + c]` (neurons numbered as in a `Trace`).
    values: Vec<f64>,
}

impl Field {
    /// A field for networks shaped like `network` whose inputs are x₁ and x₂, on a grid of
    /// `resolution` × `resolution` cells over [`BOUNDS`]. All values start at zero.
    pub fn new(network: &Network, resolution: usize) -> Self {
        Self::with_features(network, resolution, &[Feature::X1, Feature::X2])
    }

    /// Like [`Field::new`] for a network whose inputs are `features` of (x₁, x₂) (one per input neuron).
    pub fn with_features(network: &Network, resolution: usize, features: &[Feature]) -> Self {
        let grid = Grid::new(resolution);
        let dim = network.sizes()[0];
        let mut inputs = vec![0.0; grid.cells() * dim];
        for (cell, row) in inputs.chunks_exact_mut(dim).enumerate() {
            crate::core::features::fill(features, grid.cell_center(cell), row);
        }
        let neurons = network.sizes().iter().sum::<usize>();
        Self {
            grid,
            sizes: network.sizes().to_vec(),
            activations: network.activations().to_vec(),
            inputs,
            batch: network.new_batch(CHUNK),
            values: vec![0.0; neurons * grid.cells()],
        }
    }

    /// The grid the field covers.
    pub fn grid(&self) -> Grid {
        self.grid
    }

    /// Whether `network` has the shape this field was built for.
    pub fn fits(&self, network: &Network) -> bool {
        network.sizes() == self.sizes
    }

    /// Passes every cell centre forward through `network`, a chunk of cells at a time through the
    /// engine's batch kernels, and keeps every neuron's a. Allocates nothing.
    pub fn compute(&mut self, network: &Network) -> Result<(), FieldError> {
        self.compute_cells(network, 0..self.grid.cells())
    }

    /// Like [`Field::compute`] for the cells in `cells` only (cut to the grid): a big network's
    /// field can then be refreshed a few rows a frame.
    pub fn compute_cells(&mut self, network: &Network, range: Range<usize>) -> Result<(), FieldError> {
        if !self.fits(network) {
            return Err(FieldError::Shape {
                expected: self.sizes.clone(),
                found: network.sizes().to_vec(),
            });
        }
        // Same shape, so the same number of layers: copying allocates nothing.
        self.activations.copy_from_slice(network.activations());
        let (cells, dim) = (self.grid.cells(), self.sizes[0]);
        let end = range.end.min(cells);
        let neurons = self.values.len() / cells;
        let mut start = range.start;
        while start < end {
            let n = self.batch.capacity().min(end - start);
            let inputs = &self.inputs;
            self.batch
                .load_inputs(n, |s| &inputs[(start + s) * dim..(start + s + 1) * dim]);
            network.forward_batch(&mut self.batch);
            for k in 0..neurons {
                let row = &mut self.values[k * cells + start..k * cells + start + n];
                for (s, v) in row.iter_mut().enumerate() {
                    *v = self.batch.a(k, s);
                }
            }
            start += n;
        }
        Ok(())
    }

    /// How many cells of this field one frame should compute to spend about as long as a
    /// 100 × 100 field of a network of 100 weights takes: all of them for small networks, fewer
    /// (at least a twentieth) for big ones.
    pub fn cells_per_frame(&self) -> usize {
        // Multiply-adds a frame may spend on the field: a 100 × 100 grid through 100 weights.
        const WORK: usize = 10_000 * 100;
        let weights: usize = self.sizes.windows(2).map(|w| w[0] * w[1]).sum();
        let cells = self.grid.cells();
        (WORK / weights.max(1)).clamp(cells / 20, cells)
    }

    /// Neuron `neuron`'s a at every cell, row by row from the top left (neurons numbered as in a
    /// `Trace`: inputs first).
    pub fn neuron(&self, neuron: usize) -> &[f64] {
        let cells = self.grid.cells();
        &self.values[neuron * cells..(neuron + 1) * cells]
    }

    /// Colours the network's output at every cell into `rgba` (4 bytes a cell, row by row, for a
    /// canvas `ImageData`; resized to fit, so it allocates only the first time).
    ///
    /// - [`Task::Binary`]: the sigmoid output p from orange (class 0) to blue (class 1),
    ///   `diverging(2p − 1)`; discretised: blue where p > 0.5, orange elsewhere.
    /// - [`Task::Classes`]: softmax of the outputs; the most probable class's colour, mixed
    ///   towards pale as its probability falls from 1 to 1/k; discretised: that class's colour.
    /// - [`Task::Regression`]: the predicted value on the diverging scale; discretised: its sign.
    ///
    /// A non-finite output is drawn pale.
    pub fn paint_output(&self, task: Task, discretise: bool, rgba: &mut Vec<u8>) {
        let cells = self.grid.cells();
        let k = self.sizes[self.sizes.len() - 1];
        let outputs = &self.values[self.values.len() - k * cells..];
        paint(rgba, cells, |c| {
            let first = outputs[c];
            match task {
                Task::Binary => match (discretise, first.is_finite()) {
                    (_, false) => NEUTRAL,
                    (true, true) if first > 0.5 => POSITIVE,
                    (true, true) => NEGATIVE,
                    (false, true) => diverging(2.0 * first - 1.0),
                },
                Task::Regression => match (discretise, first.is_finite()) {
                    (_, false) => NEUTRAL,
                    (true, true) if first > 0.0 => POSITIVE,
                    (true, true) => NEGATIVE,
                    (false, true) => diverging(first),
                },
                Task::Classes(_) => class_shade(k, |j| outputs[j * cells + c], discretise),
            }
        });
    }

    /// Colours neuron `neuron`'s own output at every cell into `rgba` (as in
    /// [`Field::paint_output`]), on its layer's kind of [`Scale`] (a ReLU's or a linear
    /// neuron's top end its own largest output over the plane): a small heatmap of what the
    /// neuron responds to. Neurons are numbered as in a
    /// `Trace`, inputs first.
    pub fn paint_neuron(&self, neuron: usize, rgba: &mut Vec<u8>) {
        let mut first = 0;
        let layer = self.sizes.iter().position(|&n| {
            first += n;
            neuron < first
        });
        let activation = layer.and_then(|l| l.checked_sub(1)).map(|k| self.activations[k]);
        let values = self.neuron(neuron);
        let scale = Scale::of(activation, values.iter().copied());
        paint(rgba, values.len(), |c| scale.color(values[c]));
    }
}

/// The colour of one cell for k classes whose scores (the output layer's a, softmaxed here) are
/// `score(0)`, …, `score(k − 1)`.
fn class_shade(k: usize, score: impl Fn(usize) -> f64, discretise: bool) -> Rgb {
    let best = argmax((0..k).map(&score));
    let top = score(best);
    if !(0..k).all(|j| score(j).is_finite()) {
        return NEUTRAL;
    }
    if discretise || k < 2 {
        return class_color(best);
    }
    // p_best = 1 / Σ exp(z_j − z_best): 1 when sure, 1/k when every class is as likely.
    let sum: f64 = (0..k).map(|j| (score(j) - top).exp()).sum();
    let p = 1.0 / sum;
    let chance = 1.0 / k as f64;
    NEUTRAL.mix(class_color(best), (p - chance) / (1.0 - chance))
}

/// Writes `color(c)` of cells 0…n − 1 into `rgba` as opaque RGBA.
fn paint(rgba: &mut Vec<u8>, n: usize, color: impl Fn(usize) -> Rgb) {
    rgba.resize(4 * n, 255);
    for (c, px) in rgba.chunks_exact_mut(4).enumerate() {
        let Rgb(r, g, b) = color(c);
        px.copy_from_slice(&[r, g, b, 255]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One output neuron a = f(w₁x₁ + w₂x₂ + b).
    fn single(activation: Activation, w: [f64; 2], b: f64) -> Network {
        Network::with_params(&[2, 1], &[activation], vec![w[0], w[1], b]).unwrap()
    }

    fn pixel(rgba: &[u8], cell: usize) -> Rgb {
        Rgb(rgba[4 * cell], rgba[4 * cell + 1], rgba[4 * cell + 2])
    }

    fn colors(rgba: &[u8]) -> Vec<Rgb> {
        let mut all: Vec<Rgb> = rgba.chunks_exact(4).map(|p| Rgb(p[0], p[1], p[2])).collect();
        all.sort_by_key(|c| (c.0, c.1, c.2));
        all.dedup();
        all
    }

    /// The cell of `Grid::new(100)` at column `col`, row `row`.
    fn cell(col: usize, row: usize) -> usize {
        row * 100 + col
    }

    #[test]
    fn a_click_lands_on_the_nearest_point_of_either_set_within_reach() {
        let grid = Grid::new(100);
        let set = |xs: &[[f64; 2]]| {
            let mut d = Dataset::new(2, 1);
            for x in xs {
                d.push(x, &[0.0]);
            }
            d
        };
        // The plane is 3 wide in 100 units: 0.03 a unit.
        let train = set(&[[0.0, 0.0], [0.3, 0.0]]);
        let test = set(&[[0.09, 0.0]]);
        let at = |x: [f64; 2]| grid.to_picture(x);
        assert_eq!(
            grid.point_at(&train, &test, at([0.03, 0.0]), 2.5),
            Some((false, 0)),
            "1 unit from a training point"
        );
        assert_eq!(
            grid.point_at(&train, &test, at([0.07, 0.0]), 2.5),
            Some((true, 0)),
            "nearer the test point"
        );
        assert_eq!(
            grid.point_at(&train, &test, at([0.2, 0.0]), 2.5),
            None,
            "3.3 units from any point"
        );
        assert_eq!(grid.point_at(&train, &set(&[]), at([0.3, 0.06]), 2.5), Some((false, 1)));
    }

    #[test]
    fn cell_centres_map_to_the_plane_and_back() {
        let grid = Grid::new(100);
        // Cells are 3/100 = 0.03 wide; the top-left cell's centre is 0.015 in from the corner.
        let top_left = grid.cell_center(0);
        assert!((top_left[0] - -1.485).abs() < 1e-12 && (top_left[1] - 1.485).abs() < 1e-12);
        let bottom_right = grid.cell_center(cell(99, 99));
        assert!((bottom_right[0] - 1.485).abs() < 1e-12 && (bottom_right[1] - -1.485).abs() < 1e-12);
        // Column 80 of row 10: x₁ = −1.5 + 80.5·0.03, x₂ = 1.5 − 10.5·0.03.
        let c = grid.cell_center(cell(80, 10));
        assert!((c[0] - 0.915).abs() < 1e-12 && (c[1] - 1.185).abs() < 1e-12, "{c:?}");
        assert_eq!(grid.to_picture([0.0, 0.0]), [50.0, 50.0]);
        assert_eq!(grid.to_picture([-1.5, 1.5]), [0.0, 0.0]);
        assert_eq!(grid.to_picture([1.5, -1.5]), [100.0, 100.0]);
        assert_eq!(grid.to_picture([0.75, 0.75]), [75.0, 25.0], "x₂ grows upwards");
        for k in [0, 1, 99, 100, 4321, 9999] {
            let p = grid.to_picture(grid.cell_center(k));
            assert!((p[0] - ((k % 100) as f64 + 0.5)).abs() < 1e-9);
            assert!((p[1] - ((k / 100) as f64 + 0.5)).abs() < 1e-9);
            assert_eq!(grid.cell_at(p), Some(k));
        }
        assert_eq!(grid.cell_at([100.0, 5.0]), None);
        assert_eq!(grid.cell_at([5.0, -0.1]), None);
    }

    #[test]
    fn the_plane_covers_every_dataset() {
        use crate::core::{DatasetKind, Points, Rng};
        for kind in DatasetKind::ALL {
            let points = Points::generate(kind, 1000, 0.1, &mut Rng::new(7));
            let outside = points.xs.iter().filter(|x| !BOUNDS.contains(**x)).count();
            assert_eq!(outside, 0, "{kind:?}");
        }
    }

    #[test]
    fn a_binary_output_is_orange_on_one_side_and_blue_on_the_other() {
        // p = σ(4x₁): class 1 (blue) right of x₁ = 0, class 0 (orange) left of it.
        let net = single(Activation::Sigmoid, [4.0, 0.0], 0.0);
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let mut rgba = Vec::new();
        field.paint_output(Task::Binary, false, &mut rgba);
        assert_eq!(rgba.len(), 4 * 100 * 100);
        assert!(rgba.chunks_exact(4).all(|p| p[3] == 255), "opaque");
        // Column 80 is at x₁ = 0.915: p = 1 / (1 + e^−3.66) = 0.974913…, 2p − 1 = 0.949826…
        assert_eq!(pixel(&rgba, cell(80, 37)), diverging(0.949_826));
        // Column 19 is at x₁ = −0.915: the mirror image.
        assert_eq!(pixel(&rgba, cell(19, 37)), diverging(-0.949_826));
        for row in [0, 50, 99] {
            let (left, right) = (pixel(&rgba, cell(10, row)), pixel(&rgba, cell(89, row)));
            assert!(left.0 > left.2 && right.2 > right.0, "{left:?} {right:?}");
        }
        // Near the boundary the colour is pale: column 50 is at x₁ = 0.015.
        let pale = pixel(&rgba, cell(50, 20));
        assert!(
            pale.0.abs_diff(NEUTRAL.0) < 10 && pale.2.abs_diff(NEUTRAL.2) < 10,
            "{pale:?}"
        );
    }

    #[test]
    fn a_binary_boundary_follows_the_weights() {
        // p = σ(50(x₂ − x₁)): blue above the diagonal, orange below, saturated away from it.
        let net = single(Activation::Sigmoid, [-50.0, 50.0], 0.0);
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let mut rgba = Vec::new();
        field.paint_output(Task::Binary, false, &mut rgba);
        assert_eq!(pixel(&rgba, cell(10, 60)), POSITIVE, "x₁ = −1.185, x₂ = −0.315");
        assert_eq!(pixel(&rgba, cell(60, 60)), NEGATIVE, "x₁ = 0.315, x₂ = −0.315");
        assert_eq!(pixel(&rgba, cell(0, 0)), POSITIVE, "top left");
        assert_eq!(pixel(&rgba, cell(99, 99)), NEGATIVE, "bottom right");
        // The diagonal x₁ = x₂ runs through the cells of column + row = 99: p = 0.5 there.
        assert_eq!(pixel(&rgba, cell(99, 0)), NEUTRAL, "top right");
        assert_eq!(pixel(&rgba, cell(0, 99)), NEUTRAL, "bottom left");
        assert_eq!(pixel(&rgba, cell(40, 59)), NEUTRAL);
    }

    #[test]
    fn discretise_shows_only_the_two_class_colours() {
        let net = single(Activation::Sigmoid, [1.0, -0.5], 0.2);
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let mut rgba = Vec::new();
        field.paint_output(Task::Binary, false, &mut rgba);
        assert!(colors(&rgba).len() > 10, "shades without discretising");
        field.paint_output(Task::Binary, true, &mut rgba);
        let mut two = vec![NEGATIVE, POSITIVE];
        two.sort_by_key(|c| (c.0, c.1, c.2));
        assert_eq!(colors(&rgba), two);
        // x₁ − 0.5x₂ + 0.2 > 0 is class 1: at (0.915, 1.185) the sum is 0.5225, at (−0.915, 1.185) −1.3075.
        assert_eq!(pixel(&rgba, cell(80, 10)), POSITIVE);
        assert_eq!(pixel(&rgba, cell(19, 10)), NEGATIVE);
        // The class changes where p crosses 0.5: p = σ(x₁ − 0.2) is 0.49875 at column 56
        // (x₁ = 0.195) and 0.50625 at column 57 (x₁ = 0.225).
        let net = single(Activation::Sigmoid, [1.0, 0.0], -0.2);
        field.compute(&net).unwrap();
        field.paint_output(Task::Binary, true, &mut rgba);
        assert_eq!(pixel(&rgba, cell(56, 70)), NEGATIVE);
        assert_eq!(pixel(&rgba, cell(57, 70)), POSITIVE);
    }

    #[test]
    fn three_classes_each_get_their_colour_paler_where_unsure() {
        // z₀ = −20x₁, z₁ = 20x₁, z₂ = 40x₂ − 20: class 0 on the left, 1 on the right, 2 at the top.
        let params = vec![-20.0, 0.0, 20.0, 0.0, 0.0, 40.0, 0.0, 0.0, -20.0];
        let net = Network::with_params(&[2, 3], &[Activation::Linear], params).unwrap();
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let mut rgba = Vec::new();
        let task = Task::Classes(3);
        field.paint_output(task, false, &mut rgba);
        // (−1.185, −1.185): z = (23.7, −23.7, −67.4), p₀ ≈ 1.
        assert_eq!(pixel(&rgba, cell(10, 89)), CLASS_COLORS[0]);
        assert_eq!(pixel(&rgba, cell(89, 89)), CLASS_COLORS[1]);
        // (0.015, 1.185): z = (−0.3, 0.3, 27.4).
        assert_eq!(pixel(&rgba, cell(50, 10)), CLASS_COLORS[2]);
        // (0.015, −0.315): z = (−0.3, 0.3, −32.6): classes 0 and 1 nearly tied, p₁ = 0.6457,
        // so class 1's colour only (0.645656 − 1/3) / (2/3) = 0.468484 of the way from pale.
        assert_eq!(pixel(&rgba, cell(50, 60)), NEUTRAL.mix(CLASS_COLORS[1], 0.468_484));
        field.paint_output(task, true, &mut rgba);
        let mut three = CLASS_COLORS[..3].to_vec();
        three.sort_by_key(|c| (c.0, c.1, c.2));
        assert_eq!(colors(&rgba), three);
        assert_eq!(pixel(&rgba, cell(50, 60)), CLASS_COLORS[1]);
        assert_eq!(pixel(&rgba, cell(49, 60)), CLASS_COLORS[0]);
    }

    #[test]
    fn regression_shows_the_value_and_discretised_its_sign() {
        // ŷ = x₁ − 0.2, a linear output.
        let net = single(Activation::Linear, [1.0, 0.0], -0.2);
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let mut rgba = Vec::new();
        field.paint_output(Task::Regression, false, &mut rgba);
        // Column 80: ŷ = 0.915 − 0.2 = 0.715; column 10: −1.185 − 0.2 = −1.385, beyond −1.
        assert_eq!(pixel(&rgba, cell(80, 3)), diverging(0.715));
        assert_eq!(pixel(&rgba, cell(10, 3)), NEGATIVE);
        field.paint_output(Task::Regression, true, &mut rgba);
        // ŷ > 0 from x₁ > 0.2: column 56 (x₁ = 0.195) is the last negative one.
        assert_eq!(pixel(&rgba, cell(56, 40)), NEGATIVE);
        assert_eq!(pixel(&rgba, cell(57, 40)), POSITIVE);
        assert_eq!(colors(&rgba).len(), 2);
    }

    #[test]
    fn recomputing_after_a_weight_changes_updates_the_field_in_place() {
        let mut net = single(Activation::Sigmoid, [2.0, 0.0], 0.0);
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let before = field.neuron(2).to_vec();
        let (values, inputs) = (field.values.as_ptr(), field.inputs.as_ptr());
        net.weights_mut()[0] = -2.0;
        field.compute(&net).unwrap();
        let after = field.neuron(2);
        assert_eq!(
            (field.values.as_ptr(), field.inputs.as_ptr()),
            (values, inputs),
            "the same buffers"
        );
        // The weight's sign flipped: the output mirrors, p(x₁) becomes 1 − p(x₁).
        assert!((before[cell(80, 5)] - (1.0 - after[cell(80, 5)])).abs() < 1e-12);
        assert!(before[cell(80, 5)] > 0.8 && after[cell(80, 5)] < 0.2);
        // The input neurons hold the cell centres.
        assert_eq!(field.neuron(0)[cell(80, 5)], field.grid().cell_center(cell(80, 5))[0]);
        assert_eq!(field.neuron(1)[cell(80, 5)], field.grid().cell_center(cell(80, 5))[1]);
    }

    #[test]
    fn the_grid_is_evaluated_exactly_as_one_sample_at_a_time() {
        use crate::core::{Init, Rng};
        let acts = [Activation::Tanh, Activation::Relu, Activation::Sigmoid];
        let net = Network::new(&[2, 5, 3, 1], &acts, Init::Xavier, &mut Rng::new(3)).unwrap();
        let mut field = Field::new(&net, 101);
        field.compute(&net).unwrap();
        let mut trace = net.new_trace();
        // Cells from the first, a middle and the last (partial) chunk.
        for c in [0, 255, 256, 5000, 101 * 101 - 1] {
            net.forward(&field.grid().cell_center(c), &mut trace);
            for (k, &a) in trace.a.iter().enumerate() {
                assert_eq!(field.neuron(k)[c], a, "neuron {k}, cell {c}");
            }
        }
    }

    #[test]
    fn a_network_of_another_shape_is_refused() {
        let net = single(Activation::Sigmoid, [1.0, 1.0], 0.0);
        let mut field = Field::new(&net, 100);
        let other = Network::with_params(&[2, 3, 1], &[Activation::Tanh, Activation::Sigmoid], vec![]).unwrap();
        assert!(!field.fits(&other));
        let err = field.compute(&other).unwrap_err();
        assert!(err.to_string().contains("[2, 3, 1]"), "{err}");
    }

    #[test]
    fn features_feed_the_network_what_it_was_built_for() {
        // One input, x₁², through a linear neuron: ŷ = x₁², the same on both sides of x₁ = 0.
        let net = Network::with_params(&[1, 1], &[Activation::Linear], vec![1.0, 0.0]).unwrap();
        let mut field = Field::with_features(&net, 100, &[Feature::X1Squared]);
        field.compute(&net).unwrap();
        let y = field.neuron(1);
        assert!((y[cell(80, 0)] - 0.915 * 0.915).abs() < 1e-12);
        assert_eq!(y[cell(80, 0)], y[cell(19, 0)]);
    }

    #[test]
    fn a_neuron_is_coloured_by_its_own_output() {
        // Hidden neuron 2: a = tanh(3x₂); output neuron 3: σ(a).
        let params = vec![0.0, 3.0, 1.0, 0.0, 0.0];
        let acts = [Activation::Tanh, Activation::Sigmoid];
        let net = Network::with_params(&[2, 1, 1], &acts, params).unwrap();
        let mut field = Field::new(&net, 100);
        field.compute(&net).unwrap();
        let mut rgba = Vec::new();
        field.paint_neuron(2, &mut rgba);
        // Row 10 is at x₂ = 1.185: tanh(3.555) = 0.99837…; row 89 at −1.185.
        assert_eq!(pixel(&rgba, cell(30, 10)), diverging(0.998_368));
        assert_eq!(pixel(&rgba, cell(30, 89)), diverging(-0.998_368));
        // The input x₁ is shown as it is, clamped to −1…1: column 80 is x₁ = 0.915.
        field.paint_neuron(0, &mut rgba);
        assert_eq!(pixel(&rgba, cell(80, 50)), diverging(0.915));
        assert_eq!(pixel(&rgba, cell(99, 50)), POSITIVE);
        assert_eq!(pixel(&rgba, cell(0, 50)), NEGATIVE);
        // The sigmoid output runs from pale at 0 to blue at 1: at x₂ = 1.185 a = σ(0.998368) =
        // 0.730737…, 73 % of the way to blue; never orange.
        field.paint_neuron(3, &mut rgba);
        assert_eq!(pixel(&rgba, cell(30, 10)), NEUTRAL.mix(POSITIVE, 0.730_737));
        let low = pixel(&rgba, cell(30, 89));
        assert!(low.2 > low.0, "σ = 0.27 is a pale blue, not orange: {low:?}");
    }

    #[test]
    fn labels_are_coloured_like_the_heatmap() {
        assert_eq!(label_color(Task::Binary, &[0.0]), NEGATIVE);
        assert_eq!(label_color(Task::Binary, &[1.0]), POSITIVE);
        assert_eq!(label_color(Task::Classes(3), &[0.0, 0.0, 1.0]), CLASS_COLORS[2]);
        assert_eq!(label_color(Task::Classes(3), &[1.0, 0.0, 0.0]), CLASS_COLORS[0]);
        assert_eq!(label_color(Task::Regression, &[-0.5]), diverging(-0.5));
        assert_eq!(class_color(4), class_color(0));
        assert_ne!(CLASS_COLORS[2], CLASS_COLORS[3]);
    }

    #[test]
    fn a_click_picks_the_nearest_training_point_within_reach() {
        let mut data = Dataset::new(2, 1);
        for x in [[0.0, 0.0], [1.0, 1.0], [-1.0, 0.5], [1.02, 1.0]] {
            data.push(&x, &[0.0]);
        }
        let grid = Grid::new(100);
        // (1, 1) is drawn at (83.33, 16.67); (1.02, 1) at (84, 16.67).
        assert_eq!(grid.nearest(&data, [82.0, 17.0], 3.0), Some(1));
        assert_eq!(grid.nearest(&data, [85.0, 17.0], 3.0), Some(3));
        // (−1, 0.5) is drawn at (16.67, 33.33).
        assert_eq!(grid.nearest(&data, [18.0, 35.0], 3.0), Some(2));
        assert_eq!(grid.nearest(&data, [50.0, 50.0], 3.0), Some(0));
        assert_eq!(grid.nearest(&data, [30.0, 70.0], 3.0), None, "nothing within 3 units");
        assert_eq!(grid.nearest(&data, [53.5, 50.0], 3.0), None, "3.5 units away");
        assert_eq!(grid.nearest(&Dataset::new(2, 1), [50.0, 50.0], 3.0), None);
    }

    #[test]
    fn a_field_computed_a_few_cells_at_a_time_is_the_whole_field() {
        let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
        let net = Network::new(
            &[2, 16, 16, 1],
            &acts,
            crate::core::Init::Xavier,
            &mut crate::core::Rng::new(9),
        )
        .unwrap();
        let mut whole = Field::new(&net, 30);
        whole.compute(&net).unwrap();
        let mut pieces = Field::new(&net, 30);
        let step = 97; // not a multiple of the batch or of a row
        let mut start = 0;
        while start < 900 {
            pieces.compute_cells(&net, start..start + step).unwrap();
            start += step;
        }
        for k in 0..net.sizes().iter().sum::<usize>() {
            assert_eq!(pieces.neuron(k), whole.neuron(k), "neuron {k}");
        }
    }

    #[test]
    fn big_networks_refresh_their_field_in_parts() {
        let small = Network::new(
            &[2, 4, 2, 1],
            &[Activation::Tanh, Activation::Tanh, Activation::Sigmoid],
            crate::core::Init::Xavier,
            &mut crate::core::Rng::new(1),
        )
        .unwrap();
        assert_eq!(Field::new(&small, 100).cells_per_frame(), 10_000, "all of it");
        let mut sizes = vec![7];
        sizes.extend([16; 8]);
        sizes.push(3);
        let mut acts = vec![Activation::Tanh; 8];
        acts.push(Activation::Linear);
        let big = Network::new(&sizes, &acts, crate::core::Init::Xavier, &mut crate::core::Rng::new(1)).unwrap();
        // 7·16 + 7·16·16 + 16·3 = 1952 weights: 1 000 000 / 1952 = 512 cells a frame, all of
        // the field every twenty frames (a third of a second).
        assert_eq!(Field::new(&big, 100).cells_per_frame(), 512);
    }
}
