//! The real network's own loss surface, the pure part: which plane to cut through the weights,
//! the cost on an n × n grid of that plane computed a chunk of cells at a time (so the page never
//! freezes), the training path projected onto the plane, the grid as coloured pixels, and the
//! map drawn on any plotters backend.

use crate::app::draw::color::Rgb;
use crate::app::draw::surface::{
    band_lines, draw_contour_lines, landscape_color, visible_runs, ColourBar, ValueScale, MAP_FONT, MAP_MARGIN,
    MAP_TICK, MAP_X_LABELS, MAP_Y_LABELS, MARK,
};
use crate::app::explain::{weight_index, Focus};
use crate::core::{Batch, Bounds, Dataset, Loss, Network, Rng, Slice, Snapshot};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::rc::Rc;

/// Grid points a side of the surface (odd, so that the middle point is the current weights).
pub const GRID: usize = 51;
/// Multiply-adds the grid may spend a display frame: five rows at the starting network and its
/// 200 training samples, a few milliseconds.
const WORK_PER_FRAME: usize = 5 * GRID * 200 * 18;

/// Grid cells to compute a display frame for `network` and a training set of `samples`: each
/// cell is the cost of the whole set, so a big network gets fewer (at least one) and the page
/// keeps its frames while the surface fills in.
pub fn cells_per_frame(network: &Network, samples: usize) -> usize {
    (WORK_PER_FRAME / (network.weights().len() * samples).max(1)).clamp(1, GRID * GRID)
}
/// Half the window's width along random filter-normalised directions (Li et al. plot [−1, 1]).
pub const RANDOM_EXTENT: f64 = 1.0;
/// Half the window's width along two picked weights: how far each weight moves either way.
pub const WEIGHT_EXTENT: f64 = 2.0;
/// The window grows to hold the training path, up to this many times its usual size.
pub const MAX_GROWTH: f64 = 4.0;
/// The seed of the random directions, so that a re-centred picture is reproducible.
pub const DIRECTIONS_SEED: u64 = 2018;
/// The colour of the training path and of the current weights' dot.
pub const PATH_COLOR: Rgb = Rgb(0x1f, 0x29, 0x33);

/// Which plane the surface is cut along.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directions {
    /// Along the two weights the learner picked last.
    Picked,
    /// Along two random filter-normalised directions.
    Random,
}

impl Directions {
    /// Both kinds, in the menu's order.
    pub const ALL: [Directions; 2] = [Directions::Picked, Directions::Random];

    /// The name used as the menu's option value.
    pub fn name(self) -> &'static str {
        match self {
            Directions::Picked => "picked",
            Directions::Random => "random",
        }
    }

    /// The kind named `name`, if any.
    pub fn from_name(name: &str) -> Option<Directions> {
        Directions::ALL.into_iter().find(|d| d.name() == name)
    }

    /// Half the width of the window before it grows to hold the path.
    pub fn extent(self) -> f64 {
        match self {
            Directions::Picked => WEIGHT_EXTENT,
            Directions::Random => RANDOM_EXTENT,
        }
    }
}

/// The plane through `network`'s current weights: along the last two of `axes` (two different
/// weights of this network), or along two random filter-normalised directions from `seed`.
/// `None` when picked weights are asked for and there are not two of them.
pub fn slice_for(network: &Network, directions: Directions, axes: &[Focus], seed: u64) -> Option<Slice> {
    match directions {
        Directions::Random => Some(Slice::filter_normalized(network, &mut Rng::new(seed))),
        Directions::Picked => {
            let [a, b] = picked_params(network, axes)?;
            Some(Slice::along_params(network, a, b))
        }
    }
}

/// The indices into [`Network::params`] of the last two picked weights, if both exist and differ.
pub fn picked_params(network: &Network, axes: &[Focus]) -> Option<[usize; 2]> {
    let index = |focus: Focus| match focus {
        Focus::Edge { layer, from, to } if focus.fits(network) => Some(weight_index(network, layer, from, to)),
        _ => None,
    };
    let [.., a, b] = axes else {
        return None;
    };
    let (a, b) = (index(*a)?, index(*b)?);
    (a != b).then_some([a, b])
}

/// The training path on the plane: each snapshot's (α, β), then the current weights' (α, β).
/// Snapshots of another network shape are left out.
pub fn project_path(slice: &Slice, snapshots: &[Rc<Snapshot>], current: &[f64]) -> Vec<[f64; 2]> {
    snapshots
        .iter()
        .map(|s| s.params.as_slice())
        .chain(std::iter::once(current))
        .filter(|p| p.len() == slice.center.len())
        .map(|p| {
            let (a, b) = slice.project(p);
            [a, b]
        })
        .collect()
}

/// Half the window's width: `base`, or wider to hold the whole `path` (with a margin), at most
/// [`MAX_GROWTH`] × `base`.
pub fn extent_for(path: &[[f64; 2]], base: f64) -> f64 {
    let far = path
        .iter()
        .flat_map(|p| [p[0].abs(), p[1].abs()])
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    (1.1 * far).clamp(base, MAX_GROWTH * base)
}

/// The cost over a slice's n × n grid, filled in a chunk of cells at a time, in the order of
/// [`Slice::sample_grid`]: row by row from β = −extent, each row from α = −extent.
#[derive(Clone, Debug)]
pub struct SurfaceGrid {
    slice: Slice,
    probe: Network,
    loss: Loss,
    data: Rc<Dataset>,
    batch: Batch,
    n: usize,
    extent: f64,
    costs: Vec<f64>,
}

impl SurfaceGrid {
    /// An empty grid of `n` × `n` cells (n ≥ 2) over α, β ∈ [−extent, extent] of `slice`, for
    /// `network` with `loss` over `data`.
    pub fn new(slice: Slice, network: &Network, loss: Loss, data: Rc<Dataset>, n: usize, extent: f64) -> Self {
        let n = n.max(2);
        Self {
            slice,
            batch: network.new_batch(data.len().clamp(1, 256)),
            probe: network.clone(),
            loss,
            data,
            n,
            extent,
            costs: Vec::with_capacity(n * n),
        }
    }

    /// The plane.
    pub fn slice(&self) -> &Slice {
        &self.slice
    }

    /// Cells a side.
    pub fn n(&self) -> usize {
        self.n
    }

    /// Half the window's width, in α and β.
    pub fn extent(&self) -> f64 {
        self.extent
    }

    /// The window of the plane shown, in (α, β).
    pub fn bounds(&self) -> Bounds {
        Bounds {
            x: (-self.extent, self.extent),
            y: (-self.extent, self.extent),
        }
    }

    /// The costs computed so far, in grid order.
    pub fn costs(&self) -> &[f64] {
        &self.costs
    }

    /// Whether every cell is computed.
    pub fn done(&self) -> bool {
        self.costs.len() == self.n * self.n
    }

    /// The share of cells computed, in whole percent (0–100).
    pub fn percent(&self) -> usize {
        100 * self.costs.len() / (self.n * self.n)
    }

    /// α (or β) of grid column (or row) `k`.
    pub fn coordinate(&self, k: usize) -> f64 {
        -self.extent + 2.0 * self.extent * k as f64 / (self.n - 1) as f64
    }

    /// Computes up to `cells` more cells; returns whether the grid is complete.
    pub fn compute(&mut self, cells: usize) -> bool {
        let end = (self.costs.len() + cells).min(self.n * self.n);
        while self.costs.len() < end {
            let k = self.costs.len();
            let (alpha, beta) = (self.coordinate(k % self.n), self.coordinate(k / self.n));
            self.slice.point(alpha, beta, self.probe.params_mut());
            let cost = self.probe.cost(&self.data, self.loss, &mut self.batch);
            self.costs.push(cost);
        }
        self.done()
    }

    /// The lowest and highest finite cost computed so far (0 and 1 if there is none or they agree).
    pub fn range(&self) -> (f64, f64) {
        let (lo, hi) = self
            .costs
            .iter()
            .filter(|c| c.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &c| {
                (lo.min(c), hi.max(c))
            });
        if lo < hi {
            (lo, hi)
        } else {
            (0.0, 1.0)
        }
    }

    /// The colour and height scale of the map and the 3-D view: logarithmic over the costs so far.
    pub fn scale(&self) -> ValueScale {
        let (lo, hi) = self.range();
        ValueScale { lo, hi, log: true }
    }

    /// The cost at the grid point nearest to (α, β) (points outside the window take the nearest
    /// edge's); NaN where it is not computed yet.
    pub fn value_at(&self, alpha: f64, beta: f64) -> f64 {
        let last = (self.n - 1) as f64;
        let index = |v: f64| {
            ((v + self.extent) / (2.0 * self.extent) * last)
                .round()
                .clamp(0.0, last) as usize
        };
        let k = index(beta) * self.n + index(alpha);
        self.costs.get(k).copied().unwrap_or(f64::NAN)
    }

    /// The grid as RGBA pixels, n × n, into `out` (cleared first): row 0 at the top (the largest
    /// β), each cell coloured by its cost on a logarithmic scale of the costs so far; cells not
    /// computed yet are transparent. The contour lines are drawn over it ([`SurfaceGrid::contours`]).
    pub fn rgba(&self, out: &mut Vec<u8>) {
        out.clear();
        let scale = self.scale();
        let n = self.n;
        for image_row in 0..n {
            let row = n - 1 - image_row;
            for col in 0..n {
                match self.costs.get(row * n + col) {
                    Some(&cost) => {
                        let c = landscape_color(scale.t(cost));
                        out.extend_from_slice(&[c.0, c.1, c.2, 255]);
                    }
                    None => out.extend_from_slice(&[0, 0, 0, 0]),
                }
            }
        }
    }

    /// The contour lines of the costs computed so far, in (α, β), at the edges of the map's
    /// colour bands on [`SurfaceGrid::scale`]; the part not computed yet has none.
    pub fn contours(&self) -> Vec<Vec<[f64; 2]>> {
        band_lines(&self.costs, self.n, self.bounds(), &self.scale())
    }
}

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Draws the map of the surface from above on `area`, with the [`ColourBar`] of `values` (the
/// grid's [`SurfaceGrid::scale`]) at the right: axes in α and β over `bounds`, then
/// `underlay` (called with the plot's top-left and bottom-right corners in backend pixels, to put
/// the image of [`SurfaceGrid::rgba`] there), the `contours` ([`SurfaceGrid::contours`]), then
/// the training `path` (its start as a ring) and its last point, the current weights, as a dot. `scale` is device pixels per CSS pixel.
pub fn draw_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    bounds: Bounds,
    values: &ValueScale,
    contours: &[Vec<[f64; 2]>],
    path: &[[f64; 2]],
    scale: f64,
    underlay: impl FnOnce((i32, i32), (i32, i32)),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let b = bounds;
    area.fill(&WHITE)?;
    let bar = ColourBar::new(values, area.dim_in_pixel().1, scale);
    let (map, bar_area) = area.split_horizontally(area.dim_in_pixel().0.saturating_sub(bar.width));
    let mut chart = ChartBuilder::on(&map)
        .margin(px(MAP_MARGIN))
        .x_label_area_size(px(MAP_X_LABELS))
        .y_label_area_size(px(MAP_Y_LABELS))
        .build_cartesian_2d(b.x.0..b.x.1, b.y.0..b.y.1)?;
    chart
        .configure_mesh()
        .disable_mesh()
        // Tick marks (and so the labels' distance from the axes, twice theirs) grow with the
        // pixel ratio like the labels: else the corners' labels meet on a sharp screen.
        .set_all_tick_mark_size(px(MAP_TICK))
        .label_style(("sans-serif", MAP_FONT * scale).into_font())
        .x_labels(5)
        .y_labels(5)
        .draw()?;
    let (top_left, bottom_right) = (
        chart.backend_coord(&(b.x.0, b.y.1)),
        chart.backend_coord(&(b.x.1, b.y.0)),
    );
    underlay(top_left, bottom_right);
    bar.draw(&bar_area, values, top_left.1, bottom_right.1, scale)?;
    let plot = chart.plotting_area();
    draw_contour_lines(plot, contours, scale)?;
    let color = rgb(PATH_COLOR);
    if let Some(start) = path.first().filter(|p| b.contains(**p)) {
        plot.draw(&Circle::new(
            (start[0], start[1]),
            px(5.0),
            ShapeStyle::from(color).stroke_width(px(1.5)),
        ))?;
    }
    let trail = ShapeStyle::from(color).stroke_width(px(2.0));
    for run in visible_runs(path, b) {
        plot.draw(&PathElement::new(
            run.into_iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
            trail,
        ))?;
    }
    if let Some(now) = path.last().filter(|p| b.contains(**p)) {
        let here = chart.backend_coord(&(now[0], now[1]));
        area.draw(&Circle::new(here, px(6.0), rgb(MARK).filled()))?;
        area.draw(&Circle::new(here, px(4.5), color.filled()))?;
    }
    area.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two weights of the lab's starting network, as the axes of a slice along weights.
    const TWO_WEIGHTS: [Focus; 2] = [
        Focus::Edge {
            layer: 0,
            from: 1,
            to: 2,
        },
        Focus::Edge {
            layer: 2,
            from: 1,
            to: 0,
        },
    ];
    use crate::app::state::{Action, Lab};
    use crate::core::Activation;

    fn trained_lab(steps: usize) -> Lab {
        let mut lab = Lab::default();
        for _ in 0..steps {
            lab.apply(Action::Step);
        }
        lab
    }

    fn grid_of(lab: &Lab, slice: Slice, n: usize, extent: f64) -> SurfaceGrid {
        SurfaceGrid::new(
            slice,
            lab.trainer().network(),
            lab.trainer().loss(),
            lab.run().train().clone(),
            n,
            extent,
        )
    }

    #[test]
    fn the_slice_through_the_current_weights_has_the_current_cost_at_its_centre() {
        let lab = trained_lab(7);
        let network = lab.trainer().network();
        let now = lab.latest_cost().unwrap().train;
        for directions in Directions::ALL {
            let slice = slice_for(network, directions, &TWO_WEIGHTS, DIRECTIONS_SEED).unwrap();
            let mut grid = grid_of(&lab, slice, GRID, directions.extent());
            assert!(grid.compute(usize::MAX));
            let centre = grid.costs()[GRID * GRID / 2];
            assert!((centre - now).abs() < 1e-12, "{directions:?}: {centre} vs {now}");
            assert!(grid.costs().iter().all(|c| c.is_finite()));
        }
    }

    #[test]
    fn right_after_recentring_the_path_ends_at_the_centre() {
        let lab = trained_lab(30);
        let network = lab.trainer().network();
        let slice = slice_for(network, Directions::Random, &[], DIRECTIONS_SEED).unwrap();
        let path = project_path(&slice, lab.record().path().snapshots(), network.params());
        assert_eq!(path.len(), lab.record().path().snapshots().len() + 1);
        assert!(path.len() > 2, "the steps were recorded");
        assert_eq!(*path.last().unwrap(), [0.0, 0.0]);
        let last_snapshot = path[path.len() - 2];
        assert!(
            last_snapshot[0].abs() < 1e-9 && last_snapshot[1].abs() < 1e-9,
            "{last_snapshot:?}"
        );
        assert_ne!(path[0], [0.0, 0.0], "training moved the weights");
        let extent = extent_for(&path, RANDOM_EXTENT);
        assert!((RANDOM_EXTENT..=MAX_GROWTH * RANDOM_EXTENT).contains(&extent));
    }

    #[test]
    fn the_grid_computed_in_chunks_equals_the_grid_computed_at_once() {
        let lab = trained_lab(3);
        let network = lab.trainer().network();
        let slice = Slice::filter_normalized(network, &mut Rng::new(5));
        let mut at_once = Vec::new();
        slice.sample_grid(network, lab.trainer().loss(), lab.run().train(), 11, 1.5, &mut at_once);
        let mut grid = grid_of(&lab, slice, 11, 1.5);
        let mut chunks = 0;
        while !grid.compute(7) {
            chunks += 1;
            assert!(grid.percent() < 100);
        }
        assert_eq!(chunks, 121 / 7);
        assert_eq!(grid.percent(), 100);
        assert_eq!(grid.costs(), &at_once[..]);
    }

    #[test]
    fn two_picked_weights_make_a_slice_along_exactly_those_parameters() {
        let mut lab = Lab::default();
        let (first, second) = (
            Focus::Edge {
                layer: 1,
                from: 3,
                to: 1,
            },
            Focus::Edge {
                layer: 0,
                from: 0,
                to: 2,
            },
        );
        for focus in [
            Focus::Edge {
                layer: 2,
                from: 0,
                to: 0,
            },
            first,
            second,
        ] {
            lab.apply(Action::UseAsAxis(focus));
        }
        assert_eq!(lab.selection().axes(), [first, second], "the last two picked");
        let network = lab.trainer().network();
        let slice = slice_for(network, Directions::Picked, lab.selection().axes(), DIRECTIONS_SEED).unwrap();
        let (a, b) = (weight_index(network, 1, 3, 1), weight_index(network, 0, 0, 2));
        let moved: Vec<usize> = (0..network.params().len()).filter(|&k| slice.d1[k] != 0.0).collect();
        assert_eq!(moved, [a]);
        let moved: Vec<usize> = (0..network.params().len()).filter(|&k| slice.d2[k] != 0.0).collect();
        assert_eq!(moved, [b]);
        assert_eq!(slice.center, network.params());
        assert_eq!(
            slice_for(network, Directions::Picked, &lab.selection().axes()[..1], 0),
            None,
            "one weight is not a plane"
        );
    }

    #[test]
    fn the_map_is_drawn_with_the_path_and_every_cell_coloured() {
        let lab = trained_lab(10);
        let network = lab.trainer().network();
        let slice = slice_for(network, Directions::Random, &[], DIRECTIONS_SEED).unwrap();
        let mut grid = grid_of(&lab, slice, 9, 1.0);
        let mut pixels = Vec::new();
        grid.rgba(&mut pixels);
        assert!(pixels.chunks(4).all(|p| p[3] == 0), "nothing computed, nothing painted");
        grid.compute(usize::MAX);
        grid.rgba(&mut pixels);
        assert_eq!(pixels.len(), 9 * 9 * 4);
        assert!(pixels.chunks(4).all(|p| p[3] == 255));
        let path = project_path(grid.slice(), lab.record().path().snapshots(), network.params());
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (300, 300)).into_drawing_area();
            let mut corners = None;
            draw_map(
                &area,
                grid.bounds(),
                &grid.scale(),
                &grid.contours(),
                &path,
                1.0,
                |a, b| corners = Some((a, b)),
            )
            .unwrap();
            let (a, b) = corners.unwrap();
            assert!(a.0 < b.0 && a.1 < b.1);
        }
        assert!(svg.contains("<polyline") && !svg.contains("NaN"));
    }

    #[test]
    fn the_real_map_has_a_colour_bar_of_round_rising_costs() {
        use crate::app::draw::surface::assert_colour_bar;
        let lab = trained_lab(30);
        let network = lab.trainer().network();
        for directions in Directions::ALL {
            let slice = slice_for(network, directions, &TWO_WEIGHTS, DIRECTIONS_SEED).unwrap();
            let mut grid = grid_of(&lab, slice, 21, directions.extent());
            grid.compute(usize::MAX);
            for (size, scale) in [((400, 360), 1.0), ((340, 360), 1.0), ((800, 720), 2.0)] {
                let mut svg = String::new();
                let mut corners = ((0, 0), (0, 0));
                {
                    let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                    draw_map(
                        &area,
                        grid.bounds(),
                        &grid.scale(),
                        &grid.contours(),
                        &[],
                        scale,
                        |a, b| corners = (a, b),
                    )
                    .unwrap();
                }
                assert_colour_bar(&svg, &grid.scale(), corners, size, &format!("{directions:?} {size:?}"));
            }
        }
    }

    #[test]
    fn a_bigger_network_fills_the_grid_in_smaller_chunks() {
        let small = Network::with_params(
            &[2, 4, 2, 1],
            &[Activation::Tanh, Activation::Tanh, Activation::Sigmoid],
            Vec::new(),
        )
        .unwrap();
        assert_eq!(cells_per_frame(&small, 200), 5 * GRID, "18 weights: five rows a frame");
        let mut sizes = vec![7];
        sizes.extend([16; 8]);
        sizes.push(3);
        let mut acts = vec![Activation::Tanh; 8];
        acts.push(Activation::Linear);
        let big = Network::with_params(&sizes, &acts, Vec::new()).unwrap();
        // 1952 weights: 918 000 / (1952 · 200) = 2.35, so two cells a frame.
        assert_eq!(cells_per_frame(&big, 200), 2);
        assert_eq!(cells_per_frame(&big, 100_000), 1, "at least one");
    }

    #[test]
    fn the_height_at_a_point_is_the_cost_of_the_nearest_grid_point() {
        let lab = Lab::default();
        let network = lab.trainer().network();
        let slice = slice_for(network, Directions::Random, &[], 3).unwrap();
        let mut grid = SurfaceGrid::new(slice, network, lab.trainer().loss(), lab.run().train().clone(), 5, 1.0);
        assert!(grid.value_at(0.0, 0.0).is_nan(), "not computed yet");
        grid.compute(25);
        // Five points a side at −1, −0.5, 0, 0.5, 1: (0.4, −0.6) is nearest to column 3, row 1.
        assert_eq!(grid.value_at(0.4, -0.6), grid.costs()[5 + 3]);
        assert_eq!(grid.value_at(0.0, 0.0), grid.costs()[12], "the centre");
        assert_eq!(
            grid.value_at(9.0, -9.0),
            grid.costs()[4],
            "beyond the window: the nearest corner"
        );
        let (lo, hi) = grid.range();
        assert_eq!(grid.scale(), ValueScale { lo, hi, log: true });
    }

    #[test]
    fn the_grid_is_drawn_in_3d_with_the_path_on_it() {
        use crate::app::draw::surface::{draw_surface_3d, Trail};
        use crate::app::surface_state::DEFAULT_VIEW;
        let mut lab = Lab::default();
        for _ in 0..30 {
            lab.apply(Action::Step);
        }
        let network = lab.trainer().network();
        let slice = slice_for(network, Directions::Random, &[], 3).unwrap();
        let mut grid = SurfaceGrid::new(slice, network, lab.trainer().loss(), lab.run().train().clone(), 11, 1.0);
        grid.compute(121);
        let path = [[0.5, 0.5], [0.2, 0.1], [0.0, 0.0]];
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
            let trail = Trail {
                color: PATH_COLOR,
                path: &path,
                ball: [0.0, 0.0],
            };
            let drawn = draw_surface_3d(
                &area,
                grid.bounds(),
                grid.scale(),
                &|a, b| grid.value_at(a, b),
                &[trail],
                DEFAULT_VIEW,
                1.0,
            )
            .unwrap();
            assert!(drawn.balls[0].is_some(), "the current weights are on the surface");
        }
        assert!(svg.matches("<polygon").count() >= 100, "a 10 × 10 mesh at least");
        let on_surface = crate::app::draw::svg_probe::polylines_of(&svg, PATH_COLOR);
        assert!(!on_surface.is_empty(), "the path is drawn");
        assert!(!svg.contains("NaN"));
    }

    #[test]
    fn the_real_surfaces_3d_labels_are_round_unique_and_apart_however_it_is_turned() {
        use crate::app::draw::surface::{assert_3d_labels, draw_surface_3d, Axis3d};
        use crate::app::surface_state::{View, DEFAULT_VIEW};
        let lab = trained_lab(30);
        let network = lab.trainer().network();
        let slice = slice_for(network, Directions::Random, &[], DIRECTIONS_SEED).unwrap();
        let mut grid = grid_of(&lab, slice, 21, RANDOM_EXTENT);
        grid.compute(usize::MAX);
        let views = (0..8).map(|k| View {
            yaw: f64::from(k) * 0.8,
            pitch: [0.0, 0.45, 1.0, 1.5][k as usize % 4],
            zoom: 1.0,
        });
        for (view, size) in std::iter::once((DEFAULT_VIEW, (340, 360))).chain(views.map(|v| (v, (400, 360)))) {
            let mut svg = String::new();
            let drawn = {
                let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw_surface_3d(
                    &area,
                    grid.bounds(),
                    grid.scale(),
                    &|a, b| grid.value_at(a, b),
                    &[],
                    view,
                    1.0,
                )
                .unwrap()
            };
            let case = format!("{view:?}");
            assert_3d_labels(&svg, &drawn, size, true, &case);
            if view == DEFAULT_VIEW {
                let values = drawn.labels.iter().filter(|l| l.axis == Axis3d::Value).count();
                assert!(values >= 2, "{case}: {:?}", drawn.labels);
            }
        }
    }
}
