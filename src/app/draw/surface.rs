//! The toy surfaces drawn two ways, on any plotters backend: a map seen from above (value as
//! colour, with contour bands) carrying each ball's trail, the ball and its arrows, and a 3-D
//! surface (plotters' 3-D chart) with the trails on it, turned and magnified as the learner asks.

use super::axis::{multiples, round_step, round_ticks, text_width, tick_text, TextBox};
use super::color::{Rgb, NEGATIVE, NEUTRAL, POSITIVE};
use super::contour::contour_lines;
use crate::app::surface_state::{Runner, SurfaceState, View};
use crate::core::{Bounds, Surface};
use plotters::coord::ranged3d::Cartesian3d;
use plotters::coord::types::RangedCoordf64;
use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Pixels a side of the map's colour image (it is scaled to the plot).
pub const HEAT_RESOLUTION: usize = 128;
/// Bands of the map's scale: their edges are its contour lines.
pub const BANDS: usize = 14;
/// Grid points a side of the 3-D surface.
pub const MESH: usize = 36;
/// The lowest values' colour: deep blue, the bottom of the valleys.
pub const DEEP: Rgb = Rgb(0x10, 0x2a, 0x5c);
/// The contour lines' colour.
pub const CONTOUR: Rgb = Rgb(0x22, 0x22, 0x22);
/// The contour lines' opacity: they show on every colour without hiding it.
pub const CONTOUR_OPACITY: f64 = 0.35;
/// Sample points a side for the map's contour lines.
pub const CONTOUR_SAMPLES: usize = 121;
/// The colour of a marked minimum and of the balls' outline.
pub const MARK: Rgb = Rgb(0xff, 0xff, 0xff);
/// The least share of a value scale between two of its labelled values (see
/// [`ValueScale::ticks`]): a few round numbers, not a crowd.
pub const MIN_TICK_GAP: f64 = 0.11;
/// The maps' margin round the drawing, in CSS pixels.
pub const MAP_MARGIN: f64 = 8.0;
/// The height of the maps' row of x tick labels, in CSS pixels.
pub const MAP_X_LABELS: f64 = 26.0;
/// The width of the maps' column of y tick labels, in CSS pixels.
pub const MAP_Y_LABELS: f64 = 34.0;
/// The maps' tick marks' length, in CSS pixels.
pub const MAP_TICK: f64 = 5.0;
/// The maps' labels' font size, in CSS pixels.
pub const MAP_FONT: f64 = 12.0;
/// Strips of colour the colour bar is painted in.
pub const BAR_STRIPS: usize = 64;
/// The colour bar's width, in CSS pixels (its labels take more).
const BAR_WIDTH: f64 = 12.0;
/// Left of the colour bar, in CSS pixels.
const BAR_GAP: f64 = 10.0;
/// The colour bar's tick marks' length, and the gap from a mark to its label, in CSS pixels.
const BAR_TICK: f64 = 4.0;
/// The 3-D view's labels' font size, in CSS pixels.
const LABEL_3D: f64 = 11.0;
/// The 3-D box's back panels' shade and its grid lines' colour.
const PANEL: Rgb = Rgb(0xe6, 0xe6, 0xe6);
const GRID_LINE: Rgb = Rgb(0xd2, 0xd2, 0xd2);
/// The colour of the 3-D view's axes and their tick marks.
pub const AXIS: Rgb = Rgb(0x55, 0x55, 0x55);

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The colour of a value `t` in [0, 1] of the landscape (0 lowest): deep blue, blue, pale,
/// orange. Values outside are clamped; a non-finite value is pale.
pub fn landscape_color(t: f64) -> Rgb {
    if !t.is_finite() {
        return NEUTRAL;
    }
    let stops = [DEEP, POSITIVE, NEUTRAL, NEGATIVE];
    let x = t.clamp(0.0, 1.0) * (stops.len() - 1) as f64;
    let k = (x.floor() as usize).min(stops.len() - 2);
    stops[k].mix(stops[k + 1], x - k as f64)
}

/// Whether a surface's values span so many orders of magnitude that a linear colour scale would
/// show only its walls: Rosenbrock (0 to 2500) and Himmelblau (0 to 900).
pub fn uses_log_scale(surface: Surface) -> bool {
    matches!(surface, Surface::Rosenbrock | Surface::Himmelblau)
}

/// How a value of the surface maps to [0, 1], for colours and heights.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ValueScale {
    /// The lowest value in the window (0 on the scale).
    pub lo: f64,
    /// The highest value in the window (1 on the scale).
    pub hi: f64,
    /// Logarithmic: t = ln(1 + (v − lo)/k) / ln(1 + (hi − lo)/k) with k = (hi − lo)/1000.
    pub log: bool,
}

impl ValueScale {
    /// The scale of `surface` over its window: its extremes on a grid, and its minima.
    pub fn of(surface: Surface) -> Self {
        let mut grid = Vec::new();
        surface.sample_grid(65, surface.bounds(), &mut grid);
        let minima = surface.minima().iter().map(|m| surface.value(m[0], m[1]));
        let (lo, hi) = grid
            .iter()
            .copied()
            .chain(minima)
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
        let (lo, hi) = if lo < hi { (lo, hi) } else { (0.0, 1.0) };
        Self {
            lo,
            hi,
            log: uses_log_scale(surface),
        }
    }

    fn k(&self) -> f64 {
        (self.hi - self.lo) / 1000.0
    }

    /// Where `v` falls on the scale, clamped to [0, 1]; NaN stays NaN.
    pub fn t(&self, v: f64) -> f64 {
        if v.is_nan() {
            return f64::NAN;
        }
        let span = self.hi - self.lo;
        let t = if self.log {
            let k = self.k();
            ((v - self.lo).max(0.0) / k).ln_1p() / (span / k).ln_1p()
        } else {
            (v - self.lo) / span
        };
        t.clamp(0.0, 1.0)
    }

    /// The value at `t` on the scale (the inverse of [`ValueScale::t`]).
    pub fn value_at(&self, t: f64) -> f64 {
        let span = self.hi - self.lo;
        if self.log {
            let k = self.k();
            self.lo + k * ((t * (span / k).ln_1p()).exp() - 1.0)
        } else {
            self.lo + t * span
        }
    }

    /// Round values to label the scale with, ascending, each at least `min_gap` of the scale
    /// (and at least [`MIN_TICK_GAP`]) from the others. On a linear scale: the multiples of a
    /// round step. On a logarithmic one: 0 and the powers of ten first, then 5 and 2 times them,
    /// each where it fits; if fewer than two fit, the multiples of a round step that fit.
    pub fn ticks(&self, min_gap: f64) -> Vec<f64> {
        let gap = if min_gap.is_nan() {
            MIN_TICK_GAP
        } else {
            min_gap.clamp(MIN_TICK_GAP, 1.0)
        };
        let (lo, hi) = (self.lo, self.hi);
        let span = hi - lo;
        let even = multiples(lo, hi, round_step(span * gap.max(1.0 / 6.0)));
        if !self.log {
            return even;
        }
        let fits = |kept: &[f64], v: f64| {
            let inside = v >= lo - 1e-9 * span && v <= hi + 1e-9 * span;
            inside && kept.iter().all(|k| (self.t(*k) - self.t(v)).abs() >= gap - 1e-9)
        };
        let top = lo.abs().max(hi.abs()).log10().ceil() as i32;
        let round = [1.0, 5.0, 2.0].into_iter().flat_map(|mantissa| {
            (top - 12..=top).flat_map(move |e| [1.0, -1.0].map(|sign| sign * mantissa * 10f64.powi(e)))
        });
        let mut kept: Vec<f64> = Vec::new();
        for v in std::iter::once(0.0).chain(round) {
            if fits(&kept, v) {
                kept.push(v);
            }
        }
        if kept.len() < 2 {
            kept.clear();
            for v in even {
                if fits(&kept, v) {
                    kept.push(v);
                }
            }
        }
        kept.sort_by(f64::total_cmp);
        kept
    }
}

/// The map of `surface` seen from above as RGBA pixels, `n` × `n`, into `out` (cleared first):
/// row 0 at the top (the largest y), each pixel coloured by its centre's value on `scale`. The
/// contour lines are drawn over it as lines ([`contour_lines_of`]).
pub fn heatmap_rgba(surface: Surface, scale: &ValueScale, n: usize, out: &mut Vec<u8>) {
    out.clear();
    let b = surface.bounds();
    let at = |(lo, hi): (f64, f64), k: usize| lo + (hi - lo) * (k as f64 + 0.5) / n as f64;
    for row in 0..n {
        let y = at((b.y.1, b.y.0), row);
        for col in 0..n {
            let c = landscape_color(scale.t(surface.value(at(b.x, col), y)));
            out.extend_from_slice(&[c.0, c.1, c.2, 255]);
        }
    }
}

/// The values where the map's contour lines run: the edges of its [`BANDS`] colour bands, evenly
/// spaced on `scale`.
pub fn band_levels(scale: &ValueScale) -> Vec<f64> {
    (1..BANDS).map(|k| scale.value_at(k as f64 / BANDS as f64)).collect()
}

/// The contour lines of values sampled `n` × `n` over `bounds` (in the order of the surfaces'
/// `sample_grid`; missing or non-finite samples leave gaps) at each of [`band_levels`].
pub fn band_lines(values: &[f64], n: usize, bounds: Bounds, scale: &ValueScale) -> Vec<Vec<[f64; 2]>> {
    band_levels(scale)
        .into_iter()
        .flat_map(|level| contour_lines(values, n, bounds, level))
        .collect()
}

/// The map's contour lines for `surface` on `scale`, in the surface's coordinates: the same
/// whatever the balls do, so worth keeping once made.
pub fn contour_lines_of(surface: Surface, scale: &ValueScale) -> Vec<Vec<[f64; 2]>> {
    let mut values = Vec::new();
    surface.sample_grid(CONTOUR_SAMPLES, surface.bounds(), &mut values);
    band_lines(&values, CONTOUR_SAMPLES, surface.bounds(), scale)
}

/// Draws contour `lines` (in the plot's coordinates) on `plot`, thin and half transparent.
pub fn draw_contour_lines<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    lines: &[Vec<[f64; 2]>],
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = ShapeStyle::from(rgb(CONTOUR).mix(CONTOUR_OPACITY)).stroke_width((scale.round() as u32).max(1));
    for line in lines {
        plot.draw(&PathElement::new(
            line.iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
            style,
        ))?;
    }
    Ok(())
}

/// The part of the segment from `a` to `b` inside `bounds` (Liang–Barsky), if any.
pub fn clip_segment(a: [f64; 2], b: [f64; 2], bounds: Bounds) -> Option<([f64; 2], [f64; 2])> {
    if !(a.iter().chain(&b).all(|v| v.is_finite())) {
        return None;
    }
    let d = [b[0] - a[0], b[1] - a[1]];
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    let edges = [
        (-d[0], a[0] - bounds.x.0),
        (d[0], bounds.x.1 - a[0]),
        (-d[1], a[1] - bounds.y.0),
        (d[1], bounds.y.1 - a[1]),
    ];
    for (p, q) in edges {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                t0 = t0.max(r);
            } else {
                t1 = t1.min(r);
            }
        }
    }
    (t0 <= t1).then(|| {
        // The ends themselves where they are inside, so that consecutive segments still join.
        let at = |t: f64| match t {
            0.0 => a,
            1.0 => b,
            _ => [a[0] + t * d[0], a[1] + t * d[1]],
        };
        (at(t0), at(t1))
    })
}

/// The parts of `path` inside `bounds`, as polylines (a path that leaves and comes back is split).
pub fn visible_runs(path: &[[f64; 2]], bounds: Bounds) -> Vec<Vec<[f64; 2]>> {
    let mut runs: Vec<Vec<[f64; 2]>> = Vec::new();
    let mut current: Vec<[f64; 2]> = Vec::new();
    if let [only] = path {
        if bounds.contains(*only) {
            runs.push(vec![*only]);
        }
        return runs;
    }
    for pair in path.windows(2) {
        match clip_segment(pair[0], pair[1], bounds) {
            Some((from, to)) => {
                if current.last() != Some(&from) {
                    if current.len() > 1 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current.clear();
                    current.push(from);
                }
                current.push(to);
            }
            None => {
                if current.len() > 1 {
                    runs.push(std::mem::take(&mut current));
                }
                current.clear();
            }
        }
    }
    if current.len() > 1 {
        runs.push(current);
    }
    runs
}

/// The colour bar beside a map: which colour is which value. Its round values
/// ([`ValueScale::ticks`]) are chosen for the map's height before the drawing is split, so that
/// the bar takes just the width its labels need.
#[derive(Clone, Debug, PartialEq)]
pub struct ColourBar {
    /// The values labelled, ascending.
    pub ticks: Vec<f64>,
    /// The labels' texts, in the order of `ticks`.
    pub texts: Vec<String>,
    /// The width it takes at the drawing's right, in backend pixels.
    pub width: u32,
}

impl ColourBar {
    /// The bar for `values` beside a map on a drawing `height` backend pixels high, at `scale`
    /// device pixels per CSS pixel (the map's plot is its height less [`MAP_MARGIN`] twice and
    /// [`MAP_X_LABELS`]).
    pub fn new(values: &ValueScale, height: u32, scale: f64) -> Self {
        let font = MAP_FONT * scale;
        let plot = f64::from(height) - (2.0 * MAP_MARGIN + MAP_X_LABELS) * scale;
        let ticks = values.ticks(1.4 * font / plot.max(1.0));
        let texts: Vec<String> = ticks.iter().map(|v| tick_text(*v)).collect();
        let widest = texts.iter().map(|t| text_width(t, font)).fold(0.0, f64::max);
        let width = (BAR_GAP + BAR_WIDTH + 2.0 * BAR_TICK + MAP_MARGIN) * scale + widest;
        Self {
            ticks,
            texts,
            width: width.ceil() as u32,
        }
    }

    /// Draws the bar on `area` (the drawing's right part, [`ColourBar::width`] wide) from `top` to
    /// `bottom` (backend pixels, the map's plot's edges): strips coloured from the lowest value
    /// at the bottom to the highest at the top, an outline, and each labelled value at its height.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        values: &ValueScale,
        top: i32,
        bottom: i32,
        scale: f64,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let at = |v: f64| (v * scale).round() as i32;
        let (left, right) = (at(BAR_GAP), at(BAR_GAP + BAR_WIDTH));
        let y_of = |t: f64| (f64::from(bottom) - t * f64::from(bottom - top)).round() as i32;
        for k in 0..BAR_STRIPS {
            let (t0, t1) = (k as f64 / BAR_STRIPS as f64, (k + 1) as f64 / BAR_STRIPS as f64);
            let colour = rgb(landscape_color((t0 + t1) / 2.0)).filled();
            area.draw(&Rectangle::new([(left, y_of(t1)), (right, y_of(t0))], colour))?;
        }
        let outline = ShapeStyle::from(rgb(AXIS)).stroke_width((scale.round() as u32).max(1));
        area.draw(&Rectangle::new([(left, top), (right, bottom)], outline))?;
        let font = ("sans-serif", MAP_FONT * scale)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (v, text) in self.ticks.iter().zip(&self.texts) {
            let y = y_of(values.t(*v));
            area.draw(&PathElement::new(vec![(right, y), (right + at(BAR_TICK), y)], outline))?;
            area.draw(&Text::new(text.clone(), (right + at(2.0 * BAR_TICK), y), font.clone()))?;
        }
        Ok(())
    }
}

/// Where the map landed, in CSS pixels of the drawing (backend pixels ÷ scale): kept to map a
/// click back to a point of the surface.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ContourFrame {
    /// x of the window's left edge (x = bounds.x.0).
    pub left: f64,
    /// y of the window's top edge (y = bounds.y.1).
    pub top: f64,
    /// x of the window's right edge.
    pub right: f64,
    /// y of the window's bottom edge.
    pub bottom: f64,
    /// The window of the surface shown.
    pub bounds: Bounds,
}

impl ContourFrame {
    /// The point of the surface under (x, y) in CSS pixels, or `None` outside the map.
    pub fn point_at(&self, x: f64, y: f64) -> Option<[f64; 2]> {
        let (u, v) = (
            (x - self.left) / (self.right - self.left),
            (y - self.top) / (self.bottom - self.top),
        );
        let inside = (0.0..=1.0).contains(&u) && (0.0..=1.0).contains(&v);
        let b = self.bounds;
        inside.then_some([b.x.0 + u * (b.x.1 - b.x.0), b.y.1 - v * (b.y.1 - b.y.0)])
    }

    /// Where the point `p` of the surface is drawn, in CSS pixels.
    pub fn pixel_of(&self, p: [f64; 2]) -> (f64, f64) {
        let b = self.bounds;
        (
            self.left + (p[0] - b.x.0) / (b.x.1 - b.x.0) * (self.right - self.left),
            self.top + (b.y.1 - p[1]) / (b.y.1 - b.y.0) * (self.bottom - self.top),
        )
    }
}

/// An arrow's shaft and head from `from` to `to` (backend pixels), or just the shaft if shorter
/// than the head.
fn arrow_lines(from: (i32, i32), to: (i32, i32), head: f64) -> Vec<Vec<(i32, i32)>> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let length = dx.hypot(dy);
    let mut lines = vec![vec![from, to]];
    if length > head {
        let (ux, uy) = (dx / length, dy / length);
        for side in [-1.0, 1.0] {
            // Two barbs at ±30° from the shaft, pointing back.
            let (c, s) = (0.866, 0.5 * side);
            let bx = -(ux * c - uy * s) * head;
            let by = -(uy * c + ux * s) * head;
            lines.push(vec![to, (to.0 + bx.round() as i32, to.1 + by.round() as i32)]);
        }
    }
    lines
}

/// Dashes along the line from `from` to `to` (backend pixels), `dash` long with `gap` between.
fn dashes(from: (i32, i32), to: (i32, i32), dash: f64, gap: f64) -> Vec<Vec<(i32, i32)>> {
    let (dx, dy) = (f64::from(to.0 - from.0), f64::from(to.1 - from.1));
    let length = dx.hypot(dy);
    let mut out = Vec::new();
    let mut s = 0.0;
    let at = |s: f64| {
        let t = if length > 0.0 { s / length } else { 0.0 };
        (from.0 + (dx * t).round() as i32, from.1 + (dy * t).round() as i32)
    };
    while s < length {
        out.push(vec![at(s), at((s + dash).min(length))]);
        s += dash + gap;
    }
    out
}

/// Draws the map of the state's surface seen from above, with its [`ColourBar`] at the right:
/// axes, then `underlay` (called with the
/// plot's top-left and bottom-right corners in backend pixels, to put the colour image from
/// [`heatmap_rgba`] there), the `contours` (from [`contour_lines_of`]), then each minimum as a
/// small white cross, each ball's start as a ring, its trail, the arrow −η·∇f at the ball, the velocity (dashed) of Momentum and Nesterov,
/// and the ball. Only what lies inside the window is drawn. `scale` is device pixels per CSS
/// pixel.
pub fn draw_contour<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    state: &SurfaceState,
    contours: &[Vec<[f64; 2]>],
    scale: f64,
    underlay: impl FnOnce((i32, i32), (i32, i32)),
) -> Result<ContourFrame, DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let surface = state.surface;
    let b = surface.bounds();
    area.fill(&WHITE)?;
    let values = ValueScale::of(surface);
    let bar = ColourBar::new(&values, area.dim_in_pixel().1, scale);
    let (map, bar_area) = area.split_horizontally(area.dim_in_pixel().0.saturating_sub(bar.width));
    let mut chart = ChartBuilder::on(&map)
        .margin(px(MAP_MARGIN))
        .x_label_area_size(px(MAP_X_LABELS))
        .y_label_area_size(px(MAP_Y_LABELS))
        .build_cartesian_2d(b.x.0..b.x.1, b.y.0..b.y.1)?;
    let labels = ("sans-serif", MAP_FONT * scale).into_font();
    chart
        .configure_mesh()
        .disable_mesh()
        // Tick marks (and so the labels' distance from the axes, twice theirs) grow with the
        // pixel ratio like the labels: else the corners' labels meet on a sharp screen.
        .set_all_tick_mark_size(px(MAP_TICK))
        .label_style(labels)
        .x_labels(5)
        .y_labels(5)
        .draw()?;
    let top_left = chart.backend_coord(&(b.x.0, b.y.1));
    let bottom_right = chart.backend_coord(&(b.x.1, b.y.0));
    underlay(top_left, bottom_right);
    bar.draw(&bar_area, &values, top_left.1, bottom_right.1, scale)?;

    let plot = chart.plotting_area();
    draw_contour_lines(plot, contours, scale)?;
    let white = ShapeStyle::from(rgb(MARK)).stroke_width(px(1.5));
    let arm = px(4.0) as i32;
    for m in surface.minima() {
        let (x, y) = chart.backend_coord(&(m[0], m[1]));
        area.draw(&PathElement::new(vec![(x - arm, y), (x + arm, y)], white))?;
        area.draw(&PathElement::new(vec![(x, y - arm), (x, y + arm)], white))?;
    }
    for runner in &state.runners {
        draw_runner_2d(area, plot, &chart, state, runner, scale)?;
    }
    area.present()?;
    let css = |(x, y): (i32, i32)| (f64::from(x) / scale, f64::from(y) / scale);
    let ((left, top), (right, bottom)) = (css(top_left), css(bottom_right));
    Ok(ContourFrame {
        left,
        top,
        right,
        bottom,
        bounds: b,
    })
}

/// One ball on the map: start ring, trail, arrows and the ball.
fn draw_runner_2d<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &DrawingArea<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    chart: &ChartContext<DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    state: &SurfaceState,
    runner: &Runner,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    let surface = state.surface;
    let b = surface.bounds();
    let color = rgb(runner.color);
    if b.contains(runner.start) {
        plot.draw(&Circle::new(
            (runner.start[0], runner.start[1]),
            px(5.0),
            ShapeStyle::from(color).stroke_width(px(1.5)),
        ))?;
    }
    let trail = ShapeStyle::from(color).stroke_width(px(2.0));
    for run in visible_runs(&runner.path, b) {
        plot.draw(&PathElement::new(
            run.into_iter().map(|p| (p[0], p[1])).collect::<Vec<_>>(),
            trail,
        ))?;
    }
    let p = runner.position;
    if !b.contains(p) {
        return Ok(());
    }
    let here = chart.backend_coord(&(p[0], p[1]));
    let to_pixels = |v: [f64; 2]| clip_segment(p, [p[0] + v[0], p[1] + v[1]], b).map(|(_, end)| end);
    if runner.status.moving() {
        if let Some(end) = to_pixels(runner.descent_arrow(surface)) {
            let tip = chart.backend_coord(&(end[0], end[1]));
            let style = ShapeStyle::from(color).stroke_width(px(2.0));
            for line in arrow_lines(here, tip, 7.0 * scale) {
                area.draw(&PathElement::new(line, style))?;
            }
        }
        if let Some(end) = runner.velocity().and_then(to_pixels) {
            let tip = chart.backend_coord(&(end[0], end[1]));
            let style = ShapeStyle::from(color).stroke_width(px(1.5));
            for dash in dashes(here, tip, 4.0 * scale, 3.0 * scale) {
                area.draw(&PathElement::new(dash, style))?;
            }
        }
    }
    area.draw(&Circle::new(here, px(6.0), rgb(MARK).filled()))?;
    area.draw(&Circle::new(here, px(4.5), color.filled()))?;
    Ok(())
}

/// A point of a drawing in backend pixels: a corner of the map's plot, or where a ball was drawn.
pub type Pixel = (i32, i32);

/// The 3-D chart type [`draw_3d`] draws on.
type Chart3d<'a, DB> = ChartContext<'a, DB, Cartesian3d<RangedCoordf64, RangedCoordf64, RangedCoordf64>>;

/// Whether grid lines should run from `lo` to `hi` to be drawn far to near: the farther end
/// (larger projected depth) first.
fn ascending(depth_lo: i32, depth_hi: i32) -> bool {
    depth_lo >= depth_hi
}

/// `count` evenly spaced values from `lo` to `hi` (both included), in the given direction.
fn grid(lo: f64, hi: f64, count: usize, up: bool) -> Vec<f64> {
    let mut values: Vec<f64> = (0..count)
        .map(|k| lo + (hi - lo) * k as f64 / (count - 1) as f64)
        .collect();
    if !up {
        values.reverse();
    }
    values
}

/// A path drawn on a 3-D surface, in its colour, with a ball at `ball`.
#[derive(Clone, Copy, Debug)]
pub struct Trail<'a> {
    /// The path's colour and the ball's.
    pub color: Rgb,
    /// The points passed, oldest first.
    pub path: &'a [[f64; 2]],
    /// Where the ball is now.
    pub ball: [f64; 2],
}

/// A point of the 3-D chart: (x, value on the scale, y).
type Point3 = (f64, f64, f64);

/// An axis of the 3-D view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis3d {
    /// Across: the surface's x (α for the real network's).
    X,
    /// Across, in depth: the surface's y (β).
    Y,
    /// Up: the value.
    Value,
}

/// A tick label of the 3-D view: its axis, its text and where it was written (backend pixels).
#[derive(Clone, Debug, PartialEq)]
pub struct AxisLabel {
    /// The axis it labels.
    pub axis: Axis3d,
    /// The value, written.
    pub text: String,
    /// The room it takes.
    pub area: TextBox,
}

/// What [`draw_surface_3d`] drew where.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawn3d {
    /// Where each ball was drawn, in the order of the trails (`None` for a ball outside the window).
    pub balls: Vec<Option<Pixel>>,
    /// The tick labels written: no two overlap, none lies outside the drawing.
    pub labels: Vec<AxisLabel>,
}

/// Draws the state's surface in 3-D (see [`draw_surface_3d`]) with each runner's trail and ball.
pub fn draw_3d<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    state: &SurfaceState,
    view: View,
    scale: f64,
) -> Result<Drawn3d, DrawingAreaErrorKind<DB::ErrorType>> {
    let surface = state.surface;
    let trails: Vec<Trail> = state
        .runners
        .iter()
        .map(|r| Trail {
            color: r.color,
            path: &r.path,
            ball: r.position,
        })
        .collect();
    draw_surface_3d(
        area,
        surface.bounds(),
        ValueScale::of(surface),
        &|x, y| surface.value(x, y),
        &trails,
        view,
        scale,
    )
}

/// A tick of the 3-D view waiting for its label: its axis, value, where it sits on its edge
/// (backend pixels) and which way (a unit vector on the screen) its label goes.
struct Tick {
    axis: Axis3d,
    value: f64,
    at: (f64, f64),
    out: (f64, f64),
}

/// The unit vector across the screen segment from `a` to `b`, pointing away from `centre` (or
/// from `centre` to the segment's middle if the segment is seen end-on).
fn outward(a: (f64, f64), b: (f64, f64), centre: (f64, f64)) -> (f64, f64) {
    let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let away = (mid.0 - centre.0, mid.1 - centre.1);
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length = dx.hypot(dy);
    let normal = if length > 1.0 {
        (-dy / length, dx / length)
    } else {
        away
    };
    let sign = if normal.0 * away.0 + normal.1 * away.1 < 0.0 {
        -1.0
    } else {
        1.0
    };
    let n = (sign * normal.0, sign * normal.1);
    let size = n.0.hypot(n.1);
    if size > 0.0 {
        (n.0 / size, n.1 / size)
    } else {
        (0.0, 1.0)
    }
}

/// How a label beside a tick is anchored when it goes in direction `out`: the side of its box
/// facing the tick.
fn anchor_for(out: (f64, f64)) -> (HPos, VPos) {
    const SLANT: f64 = 0.38; // sin 22.5°
    let h = if out.0 > SLANT {
        HPos::Left
    } else if out.0 < -SLANT {
        HPos::Right
    } else {
        HPos::Center
    };
    let v = if out.1 > SLANT {
        VPos::Top
    } else if out.1 < -SLANT {
        VPos::Bottom
    } else {
        VPos::Center
    };
    (h, v)
}

/// A label that fits: its tick's index, the label, and where and how it is anchored.
struct Placed {
    tick: usize,
    label: AxisLabel,
    at: Pixel,
    pos: Pos,
}

/// The labels of `ticks` that fit, in their order: each one's box inside `size` and clear (by
/// `pad`) of every label kept before it.
fn place_labels(ticks: &[(Tick, String)], font: f64, reach: f64, size: (f64, f64), pad: f64) -> Vec<Placed> {
    let mut kept: Vec<Placed> = Vec::new();
    for (k, (tick, text)) in ticks.iter().enumerate() {
        let at = (
            (tick.at.0 + tick.out.0 * reach).round(),
            (tick.at.1 + tick.out.1 * reach).round(),
        );
        let (h, v) = anchor_for(tick.out);
        let area = TextBox::new(text, font, at, h, v);
        if area.inside(size.0, size.1) && kept.iter().all(|other| !other.label.area.grown(pad).overlaps(&area)) {
            let label = AxisLabel {
                axis: tick.axis,
                text: text.clone(),
                area,
            };
            kept.push(Placed {
                tick: k,
                label,
                at: (at.0 as i32, at.1 as i32),
                pos: Pos::new(h, v),
            });
        }
    }
    kept
}

/// Draws `value` over `b` in 3-D: x and y across, the value up (on `values`' scale, the map's, so
/// that a deep narrow floor stays visible), coloured like the map and painted far to near, in a
/// box whose three far sides are shaded and lined at the ticks; then each trail on the surface
/// and its ball; then the axes along the box's near edges, with round tick labels that never
/// overlap (a label that would touch another, or leave the drawing, is left out). Turned and
/// magnified by `view`.
pub fn draw_surface_3d<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    b: Bounds,
    values: ValueScale,
    value: &dyn Fn(f64, f64) -> f64,
    trails: &[Trail],
    view: View,
    scale: f64,
) -> Result<Drawn3d, DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    area.fill(&WHITE)?;
    let mut chart: Chart3d<DB> =
        ChartBuilder::on(area)
            .margin(px(6.0))
            .build_cartesian_3d(b.x.0..b.x.1, 0.0..1.0, b.y.0..b.y.1)?;
    chart.with_projection(|mut pb| {
        pb.yaw = view.yaw;
        pb.pitch = view.pitch;
        pb.scale = 0.75 * view.zoom;
        pb.into_matrix()
    });
    let coord = chart.as_coord_spec().clone();
    let screen = |x: f64, t: f64, z: f64| {
        let (sx, sy) = coord.translate(&(x, t, z));
        (f64::from(sx), f64::from(sy))
    };
    let depth = |x: f64, t: f64, z: f64| coord.projected_depth(&x, &t, &z);
    let (mid_x, mid_y) = ((b.x.0 + b.x.1) / 2.0, (b.y.0 + b.y.1) / 2.0);
    // The near and far ends of each axis across.
    let (near_x, far_x) = if depth(b.x.0, 0.5, mid_y) <= depth(b.x.1, 0.5, mid_y) {
        (b.x.0, b.x.1)
    } else {
        (b.x.1, b.x.0)
    };
    let (near_y, far_y) = if depth(mid_x, 0.5, b.y.0) <= depth(mid_x, 0.5, b.y.1) {
        (b.y.0, b.y.1)
    } else {
        (b.y.1, b.y.0)
    };
    let far_t = if depth(mid_x, 0.0, mid_y) <= depth(mid_x, 1.0, mid_y) {
        1.0
    } else {
        0.0
    };

    // The value axis stands on the box's leftmost upright edge; its ticks at least a label's
    // height apart.
    let (up_x, up_y) = [(b.x.0, b.y.0), (b.x.0, b.y.1), (b.x.1, b.y.0), (b.x.1, b.y.1)]
        .into_iter()
        .min_by(|p, q| screen(p.0, 0.0, p.1).0.total_cmp(&screen(q.0, 0.0, q.1).0))
        .unwrap_or((b.x.0, b.y.0));
    let font = LABEL_3D * scale;
    let height = (screen(up_x, 1.0, up_y).1 - screen(up_x, 0.0, up_y).1).abs();
    let value_ticks: Vec<f64> = values.ticks(1.4 * font / height.max(1.0));
    let x_ticks = round_ticks(b.x.0, b.x.1, 5);
    let y_ticks = round_ticks(b.y.0, b.y.1, 5);
    let t_ticks: Vec<f64> = value_ticks.iter().map(|v| values.t(*v)).collect();

    // The three far sides, shaded, with lines at the other two axes' ticks.
    let panel = rgb(PANEL).filled();
    let line = ShapeStyle::from(rgb(GRID_LINE)).stroke_width(px(1.0));
    let sides: [(Vec<Point3>, Vec<Vec<Point3>>); 3] = [
        (
            vec![
                (far_x, 0.0, b.y.0),
                (far_x, 1.0, b.y.0),
                (far_x, 1.0, b.y.1),
                (far_x, 0.0, b.y.1),
            ],
            t_ticks
                .iter()
                .map(|&t| vec![(far_x, t, b.y.0), (far_x, t, b.y.1)])
                .chain(y_ticks.iter().map(|&y| vec![(far_x, 0.0, y), (far_x, 1.0, y)]))
                .collect(),
        ),
        (
            vec![
                (b.x.0, far_t, b.y.0),
                (b.x.1, far_t, b.y.0),
                (b.x.1, far_t, b.y.1),
                (b.x.0, far_t, b.y.1),
            ],
            x_ticks
                .iter()
                .map(|&x| vec![(x, far_t, b.y.0), (x, far_t, b.y.1)])
                .chain(y_ticks.iter().map(|&y| vec![(b.x.0, far_t, y), (b.x.1, far_t, y)]))
                .collect(),
        ),
        (
            vec![
                (b.x.0, 0.0, far_y),
                (b.x.1, 0.0, far_y),
                (b.x.1, 1.0, far_y),
                (b.x.0, 1.0, far_y),
            ],
            t_ticks
                .iter()
                .map(|&t| vec![(b.x.0, t, far_y), (b.x.1, t, far_y)])
                .chain(x_ticks.iter().map(|&x| vec![(x, 0.0, far_y), (x, 1.0, far_y)]))
                .collect(),
        ),
    ];
    for (corners, lines) in sides {
        chart.draw_series(std::iter::once(Polygon::new(corners.clone(), panel)))?;
        let mut outline = corners;
        outline.push(outline[0]);
        chart.draw_series(std::iter::once(PathElement::new(outline, line)))?;
        chart.draw_series(lines.into_iter().map(|l| PathElement::new(l, line)))?;
    }

    let xs = grid(
        b.x.0,
        b.x.1,
        MESH,
        ascending(depth(b.x.0, 0.5, mid_y), depth(b.x.1, 0.5, mid_y)),
    );
    let ys = grid(
        b.y.0,
        b.y.1,
        MESH,
        ascending(depth(mid_x, 0.5, b.y.0), depth(mid_x, 0.5, b.y.1)),
    );
    let height_at = |x: f64, y: f64| values.t(value(x, y));
    let fill = |t: &f64| rgb(landscape_color(*t)).filled();
    chart.draw_series(SurfaceSeries::xoz(xs.into_iter(), ys.into_iter(), height_at).style_func(&fill))?;

    let mut balls = Vec::with_capacity(trails.len());
    for trail in trails {
        let color = rgb(trail.color);
        let style = ShapeStyle::from(color).stroke_width(px(2.0));
        for run in visible_runs(trail.path, b) {
            let line: Vec<(f64, f64, f64)> = run.iter().map(|p| (p[0], height_at(p[0], p[1]), p[1])).collect();
            chart.draw_series(std::iter::once(PathElement::new(line, style)))?;
        }
        let p = trail.ball;
        if b.contains(p) {
            let at = (p[0], height_at(p[0], p[1]), p[1]);
            let pixel = coord.translate(&at);
            area.draw(&Circle::new(pixel, px(6.0), rgb(MARK).filled()))?;
            area.draw(&Circle::new(pixel, px(4.5), color.filled()))?;
            balls.push(Some(pixel));
        } else {
            balls.push(None);
        }
    }

    // The axes, drawn last so that the surface never hides a label: x and y along the floor's
    // near edges, the value up the leftmost edge; each label beside its tick, away from the box.
    let floor = screen(mid_x, 0.0, mid_y);
    let x_edge = (screen(b.x.0, 0.0, near_y), screen(b.x.1, 0.0, near_y));
    let y_edge = (screen(near_x, 0.0, b.y.0), screen(near_x, 0.0, b.y.1));
    let up_edge = (screen(up_x, 0.0, up_y), screen(up_x, 1.0, up_y));
    let (x_out, y_out) = (outward(x_edge.0, x_edge.1, floor), outward(y_edge.0, y_edge.1, floor));
    let ticks: Vec<(Tick, String)> = value_ticks
        .iter()
        .map(|&v| Tick {
            axis: Axis3d::Value,
            value: v,
            at: screen(up_x, values.t(v), up_y),
            out: (-1.0, 0.0),
        })
        .chain(x_ticks.iter().map(|&x| Tick {
            axis: Axis3d::X,
            value: x,
            at: screen(x, 0.0, near_y),
            out: x_out,
        }))
        .chain(y_ticks.iter().map(|&y| Tick {
            axis: Axis3d::Y,
            value: y,
            at: screen(near_x, 0.0, y),
            out: y_out,
        }))
        .map(|tick| {
            let text = tick_text(tick.value);
            (tick, text)
        })
        .collect();
    let axis = ShapeStyle::from(rgb(AXIS)).stroke_width(px(1.0));
    let to_pixel = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
    for (from, to) in [x_edge, y_edge, up_edge] {
        area.draw(&PathElement::new(vec![to_pixel(from), to_pixel(to)], axis))?;
    }
    let (w, h) = area.dim_in_pixel();
    let tick_length = 4.0 * scale;
    let placed = place_labels(
        &ticks,
        font,
        tick_length + 3.0 * scale,
        (f64::from(w), f64::from(h)),
        2.0 * scale,
    );
    let style = ("sans-serif", font).into_font().color(&BLACK);
    let mut labels = Vec::with_capacity(placed.len());
    for Placed { tick, label, at, pos } in placed {
        let tick = &ticks[tick].0;
        let end = (
            tick.at.0 + tick.out.0 * tick_length,
            tick.at.1 + tick.out.1 * tick_length,
        );
        area.draw(&PathElement::new(vec![to_pixel(tick.at), to_pixel(end)], axis))?;
        area.draw(&Text::new(label.text.clone(), at, style.clone().pos(pos)))?;
        labels.push(label);
    }
    area.present()?;
    Ok(Drawn3d { balls, labels })
}

/// Whether `values` are all multiples of one round step (1, 2, 2.5 or 5 × 10^k) no larger than
/// the least gap between two of them.
#[cfg(test)]
pub(crate) fn round_steps(values: &[f64]) -> bool {
    let gap = values.windows(2).map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
    if values.len() < 2 {
        return true;
    }
    let top = gap.log10().floor() as i32;
    (top - 2..=top).any(|e| {
        super::axis::ROUND_MANTISSAS.iter().any(|m| {
            let step = m * 10f64.powi(e);
            step <= gap * (1.0 + 1e-9) && values.iter().all(|v| ((v / step) - (v / step).round()).abs() < 1e-6)
        })
    })
}

/// Checks the labels of a 3-D view drawn as `svg` (`size` pixels): the SVG's texts are the labels
/// drawn, no two overlap, each lies on the drawing; on each axis they are unique and ascend, and
/// the values' are round (on a `log` scale each a power of ten, or 2 or 5 times one, unless none
/// fits and they are evenly spaced; else the multiples of a round step).
#[cfg(test)]
pub(crate) fn assert_3d_labels(svg: &str, drawn: &Drawn3d, size: (u32, u32), log: bool, case: &str) {
    use super::svg_probe;
    let texts = svg_probe::texts(svg);
    let written: Vec<&str> = texts.iter().map(|t| t.text.as_str()).collect();
    let labels: Vec<&str> = drawn.labels.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(written, labels, "{case}");
    assert_eq!(svg_probe::overlapping(&texts, 1.0), [], "{case}");
    for t in &texts {
        assert!(t.area.inside(f64::from(size.0), f64::from(size.1)), "{case}: {t:?}");
    }
    for axis in [Axis3d::X, Axis3d::Y, Axis3d::Value] {
        let values: Vec<f64> = drawn
            .labels
            .iter()
            .filter(|l| l.axis == axis)
            .map(|l| l.text.parse().unwrap())
            .collect();
        assert!(values.windows(2).all(|w| w[0] < w[1]), "{case} {axis:?}: {values:?}");
        let round = if log && axis == Axis3d::Value {
            values.iter().all(|&v| super::axis::is_round(v)) || round_steps(&values)
        } else {
            round_steps(&values)
        };
        assert!(round, "{case} {axis:?}: {values:?}");
    }
}

/// Checks the colour bar of a map drawn as `svg` whose plot spans `corners` (backend pixels): at
/// least [`BAR_STRIPS`] strips right of the plot from its top to its bottom, the lowest value's
/// colour at the bottom and the highest's at the top; beside them at least three labels, round
/// (as [`assert_3d_labels`] has them), rising up the bar, within the scale and each at its
/// value's height; no two texts of the map overlapping, none off the drawing.
#[cfg(test)]
pub(crate) fn assert_colour_bar(svg: &str, values: &ValueScale, corners: (Pixel, Pixel), size: (u32, u32), case: &str) {
    use super::svg_probe::{self, colour};
    let ((_, top), (right, bottom)) = corners;
    let (top, bottom, right) = (f64::from(top), f64::from(bottom), f64::from(right));
    let strip_colours: Vec<String> = (0..BAR_STRIPS)
        .map(|k| colour(landscape_color((k as f64 + 0.5) / BAR_STRIPS as f64)))
        .collect();
    let strips: Vec<[f64; 4]> = svg_probe::rects(svg)
        .into_iter()
        .filter(|(fill, r)| fill.as_ref().is_some_and(|f| strip_colours.contains(f)) && r[0] > right)
        .map(|(_, r)| r)
        .collect();
    assert!(strips.len() >= BAR_STRIPS, "{case}: {} strips", strips.len());
    let low = strips.iter().map(|r| r[1]).fold(f64::MAX, f64::min);
    let high = strips.iter().map(|r| r[1] + r[3]).fold(f64::MIN, f64::max);
    assert!(
        (low - top).abs() <= 1.0 && (high - bottom).abs() <= 1.0,
        "{case}: {low}..{high}"
    );
    let fill_at = |y: f64| {
        svg_probe::rects(svg)
            .into_iter()
            .find(|(fill, r)| r[0] > right && fill.is_some() && r[1] <= y && y <= r[1] + r[3])
            .and_then(|(fill, _)| fill)
    };
    assert_eq!(fill_at(bottom - 1.0).as_ref(), Some(&strip_colours[0]), "{case}");
    assert_eq!(
        fill_at(top + 1.0).as_ref(),
        Some(&strip_colours[BAR_STRIPS - 1]),
        "{case}"
    );
    let bar_right = strips.iter().map(|r| r[0] + r[2]).fold(f64::MIN, f64::max);
    let texts = svg_probe::texts(svg);
    assert_eq!(svg_probe::overlapping(&texts, 1.0), [], "{case}");
    assert!(
        texts
            .iter()
            .all(|t| t.area.inside(f64::from(size.0), f64::from(size.1))),
        "{case}"
    );
    let mut labels: Vec<(f64, f64)> = texts
        .iter()
        .filter(|t| t.area.left > bar_right)
        .map(|t| (t.text.parse::<f64>().unwrap(), (t.area.top + t.area.bottom) / 2.0))
        .collect();
    labels.sort_by(|a, b| b.1.total_cmp(&a.1));
    let numbers: Vec<f64> = labels.iter().map(|l| l.0).collect();
    assert!(numbers.len() >= 3, "{case}: {numbers:?}");
    assert!(
        numbers.windows(2).all(|w| w[0] < w[1]),
        "{case}: rising up the bar: {numbers:?}"
    );
    let span = values.hi - values.lo;
    assert!(
        numbers
            .iter()
            .all(|v| *v >= values.lo - 1e-9 * span && *v <= values.hi + 1e-9 * span),
        "{case}: {numbers:?} within {values:?}"
    );
    let round = (values.log && numbers.iter().all(|&v| super::axis::is_round(v))) || round_steps(&numbers);
    assert!(round, "{case}: {numbers:?}");
    for (v, y) in labels {
        let at = bottom - values.t(v) * (bottom - top);
        assert!((y - at).abs() <= 1.0, "{case}: {v} at {y}, its height is {at}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draw::axis::is_round;
    use crate::app::draw::svg_probe::{colour, polygons, polylines_of};
    use crate::app::surface_state::{SurfaceAction, DEFAULT_VIEW, RUNNER_COLORS};
    use crate::core::OptimizerKind;

    /// Centres of the circles filled with `fill`.
    fn discs(svg: &str, fill: Rgb) -> Vec<(f64, f64)> {
        let want = format!("FILL=\"{}\"", colour(fill));
        svg.split("<circle")
            .skip(1)
            .filter(|el| el.to_uppercase().contains(&want))
            .map(|el| {
                let attr = |name: &str| -> f64 {
                    el.split(&format!("{name}=\""))
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                };
                (attr("cx"), attr("cy"))
            })
            .collect()
    }

    fn contour_svg(state: &SurfaceState, size: (u32, u32), scale: f64) -> (String, ContourFrame, (Pixel, Pixel)) {
        let mut svg = String::new();
        let mut corners = ((0, 0), (0, 0));
        let frame = {
            let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            let contours = contour_lines_of(state.surface, &ValueScale::of(state.surface));
            draw_contour(&area, state, &contours, scale, |a, b| corners = (a, b)).unwrap()
        };
        (svg, frame, corners)
    }

    fn svg_3d(state: &SurfaceState, view: View) -> (String, Vec<Option<Pixel>>) {
        let (svg, drawn) = svg_3d_at(state, view, (480, 400), 1.0);
        (svg, drawn.balls)
    }

    fn svg_3d_at(state: &SurfaceState, view: View, size: (u32, u32), scale: f64) -> (String, Drawn3d) {
        let mut svg = String::new();
        let drawn = {
            let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw_3d(&area, state, view, scale).unwrap()
        };
        (svg, drawn)
    }

    #[test]
    fn every_3d_tick_label_is_round_unique_and_clear_of_the_others_on_every_surface() {
        for s in Surface::ALL {
            let state = SurfaceState::new(s);
            let log = ValueScale::of(s).log;
            // The first view as the panel opens, wide, phone-wide and sharp: every axis labelled.
            for (size, scale) in [((480, 400), 1.0), ((340, 340), 1.0), ((800, 680), 2.0)] {
                let (svg, drawn) = svg_3d_at(&state, DEFAULT_VIEW, size, scale);
                let case = format!("{s:?} {size:?}");
                assert_3d_labels(&svg, &drawn, size, log, &case);
                for axis in [Axis3d::X, Axis3d::Y, Axis3d::Value] {
                    let n = drawn.labels.iter().filter(|l| l.axis == axis).count();
                    assert!(n >= 3, "{case}: {n} labels on {axis:?}");
                }
            }
            // Turned all the way round, from the side to straight above.
            for k in 0..8 {
                for pitch in [0.0, 0.7, 1.5] {
                    let view = View {
                        yaw: f64::from(k) * std::f64::consts::FRAC_PI_4,
                        pitch,
                        zoom: 1.0,
                    };
                    let (svg, drawn) = svg_3d_at(&state, view, (340, 340), 1.0);
                    assert_3d_labels(&svg, &drawn, (340, 340), log, &format!("{s:?} {view:?}"));
                }
            }
        }
    }

    #[test]
    fn rosenbrocks_values_are_labelled_with_round_numbers_and_its_valley_shows_on_the_map() {
        let s = Surface::Rosenbrock;
        let scale = ValueScale::of(s);
        assert!(scale.log);
        let ticks = scale.ticks(MIN_TICK_GAP);
        assert_eq!(ticks, [0.0, 10.0, 100.0, 1000.0]);
        let (_, drawn) = svg_3d_at(&SurfaceState::new(s), DEFAULT_VIEW, (480, 400), 1.0);
        let written: Vec<&str> = drawn
            .labels
            .iter()
            .filter(|l| l.axis == Axis3d::Value)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(written, ["0", "10", "100", "1000"]);
        // Along the valley's floor, y = x², f = (1 − x)² falls from 6.25 to 0.25: five colours.
        let n = 128;
        let mut rgba = Vec::new();
        heatmap_rgba(s, &scale, n, &mut rgba);
        let b = s.bounds();
        let colour_at = |x: f64, y: f64| {
            let col = ((x - b.x.0) / (b.x.1 - b.x.0) * n as f64) as usize;
            let row = ((b.y.1 - y) / (b.y.1 - b.y.0) * n as f64) as usize;
            let k = 4 * (row * n + col);
            Rgb(rgba[k], rgba[k + 1], rgba[k + 2])
        };
        let floor: Vec<Rgb> = [-1.5, -1.0, -0.5, 0.0, 0.5].map(|x| colour_at(x, x * x)).to_vec();
        for (k, a) in floor.iter().enumerate() {
            for b in &floor[k + 1..] {
                assert_ne!(a, b, "{floor:?}");
            }
        }
    }

    #[test]
    fn value_ticks_are_round_and_spread_on_both_kinds_of_scale() {
        let linear = ValueScale {
            lo: -3.5,
            hi: 8.2,
            log: false,
        };
        assert_eq!(linear.ticks(0.0), [-2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(linear.ticks(0.3), [0.0, 5.0]);
        // The real network's costs: no 0 on the scale, round numbers from 0.05 up.
        let costs = ValueScale {
            lo: 0.0312,
            hi: 3.0,
            log: true,
        };
        let ticks = costs.ticks(MIN_TICK_GAP);
        assert!(
            ticks.len() >= 4 && ticks.iter().all(|&v| is_round(v) && v > 0.03 && v < 3.0),
            "{ticks:?}"
        );
        assert!(ticks
            .windows(2)
            .all(|w| costs.t(w[1]) - costs.t(w[0]) >= MIN_TICK_GAP - 1e-9));
        // A flat slice with no power of ten, 2 or 5 in its range: evenly spaced round ticks.
        let flat = ValueScale {
            lo: 0.0312,
            hi: 0.0348,
            log: true,
        };
        let ticks = flat.ticks(MIN_TICK_GAP);
        assert!(ticks.len() >= 2, "{ticks:?}");
        assert!(round_steps(&ticks), "{ticks:?}");
    }

    #[test]
    fn the_colour_ramp_runs_from_deep_blue_to_orange() {
        assert_eq!(landscape_color(0.0), DEEP);
        assert_eq!(landscape_color(1.0 / 3.0), POSITIVE);
        assert_eq!(landscape_color(1.0), NEGATIVE);
        assert_eq!(landscape_color(7.0), NEGATIVE);
        assert_eq!(landscape_color(f64::NAN), NEUTRAL);
        // Brightness rises steadily over the lower two thirds: deeper looks lower.
        let light = |c: Rgb| u32::from(c.0) + u32::from(c.1) + u32::from(c.2);
        let shades: Vec<u32> = (0..=20).map(|k| light(landscape_color(f64::from(k) / 30.0))).collect();
        assert!(shades.windows(2).all(|w| w[0] <= w[1]), "{shades:?}");
    }

    #[test]
    fn the_value_scale_is_logarithmic_where_the_range_is_huge_and_inverts() {
        for s in Surface::ALL {
            let scale = ValueScale::of(s);
            assert_eq!(scale.log, uses_log_scale(s));
            let m = s.minima().first().copied().unwrap_or([0.0, 0.0]);
            if !s.minima().is_empty() {
                assert!(
                    scale.t(s.value(m[0], m[1])) < 1e-9,
                    "{s:?}: the minimum is at the bottom"
                );
            }
            for t in [0.0, 0.1, 0.5, 0.9, 1.0] {
                assert!((scale.t(scale.value_at(t)) - t).abs() < 1e-9, "{s:?} {t}");
            }
            assert!(scale.t(f64::NAN).is_nan());
        }
        // On Rosenbrock's floor (f ≈ 1–10) the log scale still tells values apart: a linear one
        // would put them all within 0.4 % of the bottom.
        let log = ValueScale::of(Surface::Rosenbrock);
        assert!(log.t(10.0) - log.t(1.0) > 0.15, "{} {}", log.t(1.0), log.t(10.0));
        let linear = ValueScale { log: false, ..log };
        assert!(linear.t(10.0) < 0.005);
    }

    #[test]
    fn the_map_is_coloured_by_value() {
        let s = Surface::Bowl;
        let scale = ValueScale::of(s);
        let n = 64;
        let mut rgba = Vec::new();
        heatmap_rgba(s, &scale, n, &mut rgba);
        assert_eq!(rgba.len(), n * n * 4);
        let pixel_of = |rgba: &[u8], row: usize, col: usize| {
            let k = 4 * (row * n + col);
            Rgb(rgba[k], rgba[k + 1], rgba[k + 2])
        };
        let pixel = |row: usize, col: usize| pixel_of(&rgba, row, col);
        // The centre (the minimum) is deep blue; the corners (the highest) orange.
        let centre = pixel(n / 2, n / 2);
        assert!(centre.2 > centre.0 && centre.0 < 0x40, "{centre:?}");
        let corner = pixel(0, 0);
        assert!(corner.0 > corner.2, "{corner:?}");
        // Every pixel is its value's colour: the contour lines are lines over the image.
        for r in 0..n {
            for c in 0..n {
                let t = scale.t(s.value(
                    -2.0 + 4.0 * (c as f64 + 0.5) / n as f64,
                    2.0 - 4.0 * (r as f64 + 0.5) / n as f64,
                ));
                assert_eq!(pixel(r, c), landscape_color(t));
            }
        }
        // The map's rows run from the top: the bowl is symmetric, Rosenbrock's valley is not.
        let ros = Surface::Rosenbrock;
        let rscale = ValueScale::of(ros);
        let mut ros_rgba = Vec::new();
        heatmap_rgba(ros, &rscale, n, &mut ros_rgba);
        let at = |x: f64, y: f64| {
            let (col, row) = (
                ((x - -2.0) / 4.0 * n as f64) as usize,
                ((3.0 - y) / 4.0 * n as f64) as usize,
            );
            pixel_of(&ros_rgba, row, col)
        };
        // (1, 1) lies on the valley floor, (1, -0.5) up its wall.
        assert!(
            at(1.0, 1.0).0 < at(1.0, -0.5).0,
            "{:?} {:?}",
            at(1.0, 1.0),
            at(1.0, -0.5)
        );
    }

    #[test]
    fn the_maps_contour_lines_are_smooth_circles_on_the_bowl() {
        let state = SurfaceState::new(Surface::Bowl);
        let (svg, frame, _) = contour_svg(&state, (480, 400), 1.0);
        let lines = polylines_of(&svg, CONTOUR);
        let levels = band_levels(&ValueScale::of(Surface::Bowl));
        // The circles that fit in the window (r² ≤ 4) are whole; the ones beyond are cut by it.
        let whole = levels.iter().filter(|l| **l < 4.0).count();
        assert!(lines.len() >= levels.len() && whole >= 6, "{} lines", lines.len());
        // A pixel of the plot, in the surface's units.
        let pixel = 4.0 / (frame.right - frame.left);
        let mut circles = 0;
        for line in &lines {
            let radii: Vec<f64> = line
                .iter()
                .map(|&(x, y)| {
                    let p = frame.point_at(x, y).unwrap();
                    p[0].hypot(p[1])
                })
                .collect();
            let mean = radii.iter().sum::<f64>() / radii.len() as f64;
            let level = levels
                .iter()
                .min_by(|a, b| (a.sqrt() - mean).abs().total_cmp(&(b.sqrt() - mean).abs()))
                .unwrap();
            // Within the rounding to whole pixels of the circle (an image of 128 pixels a side
            // scaled to the plot had steps of 3).
            assert!(
                radii.iter().all(|r| (r - level.sqrt()).abs() < 2.0 * pixel),
                "{radii:?} vs {}",
                level.sqrt()
            );
            if line.first() == line.last() && line.len() > 20 {
                circles += 1;
            }
        }
        assert_eq!(circles, whole, "each band edge inside the window is one closed line");
    }

    #[test]
    fn every_map_has_a_colour_bar_of_round_rising_values() {
        for s in Surface::ALL {
            let state = SurfaceState::new(s);
            for (size, scale) in [((400, 340), 1.0), ((340, 340), 1.0), ((800, 680), 2.0)] {
                let (svg, frame, corners) = contour_svg(&state, size, scale);
                let case = format!("{s:?} {size:?}");
                assert_colour_bar(&svg, &ValueScale::of(s), corners, size, &case);
                // The map keeps most of the width, and its click mapping its place.
                assert!(
                    frame.right - frame.left > 0.6 * f64::from(size.0) / scale,
                    "{case}: {frame:?}"
                );
            }
        }
    }

    #[test]
    fn segments_are_clipped_to_the_window() {
        let b = Bounds {
            x: (0.0, 1.0),
            y: (0.0, 1.0),
        };
        assert_eq!(clip_segment([0.2, 0.2], [0.8, 0.6], b), Some(([0.2, 0.2], [0.8, 0.6])));
        let (from, to) = clip_segment([0.5, 0.5], [2.5, 0.5], b).unwrap();
        assert_eq!((from, to), ([0.5, 0.5], [1.0, 0.5]));
        let (from, to) = clip_segment([-1.0, 0.5], [2.0, 0.5], b).unwrap();
        assert_eq!((from, to), ([0.0, 0.5], [1.0, 0.5]));
        assert_eq!(clip_segment([2.0, 2.0], [3.0, 5.0], b), None);
        assert_eq!(clip_segment([0.5, 0.5], [f64::NAN, 0.5], b), None);
        let runs = visible_runs(&[[0.5, 0.5], [0.6, 0.5], [3.0, 0.5], [0.7, 0.4], [0.6, 0.3]], b);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0], [[0.5, 0.5], [0.6, 0.5], [1.0, 0.5]]);
        assert_eq!(runs[1][0][0], 1.0);
        assert_eq!(*runs[1].last().unwrap(), [0.6, 0.3]);
        assert_eq!(visible_runs(&[[0.5, 0.5]], b), [vec![[0.5, 0.5]]]);
    }

    #[test]
    fn a_click_maps_back_to_the_point_drawn_there() {
        let mut state = SurfaceState::new(Surface::Valley);
        run_steps(&mut state, 5);
        for scale in [1.0, 2.0] {
            let size = ((480.0 * scale) as u32, (320.0 * scale) as u32);
            let (svg, frame, corners) = contour_svg(&state, size, scale);
            assert!((frame.left - f64::from(corners.0 .0) / scale).abs() < 1e-9);
            assert!(
                frame.right > frame.left + 300.0 && frame.bottom > frame.top + 200.0,
                "{frame:?}"
            );
            // The ball is drawn where the frame says its position is.
            let ball = state.runners[0].position;
            let (x, y) = frame.pixel_of(ball);
            let drawn = discs(&svg, RUNNER_COLORS[0]);
            assert_eq!(drawn.len(), 1);
            assert!((drawn[0].0 / scale - x).abs() <= 1.0 && (drawn[0].1 / scale - y).abs() <= 1.0);
            // And a click there is that point, to a pixel.
            let back = frame.point_at(x, y).unwrap();
            assert!((back[0] - ball[0]).abs() < 1e-9 && (back[1] - ball[1]).abs() < 1e-9);
            let p = frame.point_at(frame.left, frame.top).unwrap();
            assert_eq!(p, [-3.0, 1.0], "top left is (x min, y max)");
            assert_eq!(frame.point_at(frame.left - 2.0, frame.top), None);
        }
    }

    fn run_steps(state: &mut SurfaceState, n: usize) {
        for _ in 0..n {
            state.apply(SurfaceAction::Step);
        }
    }

    #[test]
    fn the_map_shows_each_trail_arrow_and_ball_in_its_colour() {
        let mut state = SurfaceState::new(Surface::Valley);
        state.apply(SurfaceAction::AddRunner); // Momentum
        run_steps(&mut state, 6);
        let (svg, frame, _) = contour_svg(&state, (480, 320), 1.0);
        for runner in &state.runners {
            let lines = polylines_of(&svg, runner.color);
            // The trail: one polyline through every point of the path, starting at the start.
            let trail = lines.iter().find(|l| l.len() == runner.path.len()).expect("a trail");
            let start = frame.pixel_of(runner.start);
            assert!((trail[0].0 - start.0).abs() <= 1.0 && (trail[0].1 - start.1).abs() <= 1.0);
            // The arrow −η·∇f: a shaft from the ball to ball + arrow, and two barbs.
            let here = frame.pixel_of(runner.position);
            let a = runner.descent_arrow(state.surface);
            let tip = frame.pixel_of([runner.position[0] + a[0], runner.position[1] + a[1]]);
            let shaft = lines
                .iter()
                .find(|l| l.len() == 2 && (l[1].0 - tip.0).abs() <= 1.0 && (l[1].1 - tip.1).abs() <= 1.0)
                .expect("the gradient arrow");
            assert!((shaft[0].0 - here.0).abs() <= 1.0 && (shaft[0].1 - here.1).abs() <= 1.0);
            let barbs = lines.iter().filter(|l| l.len() == 2 && l[0] == shaft[1]).count();
            assert_eq!(barbs, 2, "the shaft ends where two barbs begin");
        }
        // Momentum's velocity: dashes along v from the ball.
        let momentum = &state.runners[1];
        assert_eq!(momentum.kind(), OptimizerKind::Momentum);
        let short = polylines_of(&svg, momentum.color)
            .into_iter()
            .filter(|l| l.len() == 2)
            .count();
        assert!(short > 3 + 2, "dashes beside the arrow: {short}");
        assert_eq!(discs(&svg, MARK).len(), 2, "a white rim for each ball");
    }

    #[test]
    fn a_ball_out_of_the_window_is_not_drawn_and_its_trail_stops_at_the_edge() {
        let mut state = SurfaceState::new(Surface::Valley);
        state.apply(SurfaceAction::SetRate(0, 0.1));
        run_steps(&mut state, 4);
        let ball = &state.runners[0];
        assert!(!Surface::Valley.bounds().contains(ball.position));
        let (svg, frame, _) = contour_svg(&state, (480, 320), 1.0);
        assert!(discs(&svg, ball.color).is_empty());
        for line in polylines_of(&svg, ball.color) {
            for (x, y) in line {
                assert!(
                    x >= frame.left - 1.0 && x <= frame.right + 1.0 && y >= frame.top - 1.0 && y <= frame.bottom + 1.0
                );
            }
        }
    }

    #[test]
    fn the_3d_surface_is_a_full_mesh_with_the_trail_on_it() {
        let mut state = SurfaceState::new(Surface::TwoMinima);
        run_steps(&mut state, 10);
        let (svg, balls) = svg_3d(&state, DEFAULT_VIEW);
        let mesh = polygons(&svg);
        assert_eq!(
            mesh.len(),
            (MESH - 1) * (MESH - 1) + 3,
            "the mesh and three axis panels"
        );
        assert!(mesh.iter().all(|p| p.len() == 4));
        let trail = polylines_of(&svg, RUNNER_COLORS[0]);
        assert_eq!(trail.len(), 1);
        assert_eq!(trail[0].len(), state.runners[0].path.len());
        let ball = balls[0].expect("the ball is in the window");
        let last = trail[0].last().unwrap();
        assert!((last.0 - f64::from(ball.0)).abs() <= 1.0 && (last.1 - f64::from(ball.1)).abs() <= 1.0);
        // The ball is drawn lower on the screen than the start: it rolled downhill.
        assert!(f64::from(ball.1) > trail[0][0].1, "{ball:?} below {:?}", trail[0][0]);
    }

    fn extent(svg: &str) -> (f64, f64) {
        let points: Vec<(f64, f64)> = polygons(svg).into_iter().skip(3).flatten().collect();
        let span = |f: fn(&(f64, f64)) -> f64| {
            let values: Vec<f64> = points.iter().map(f).collect();
            values.iter().cloned().fold(f64::MIN, f64::max) - values.iter().cloned().fold(f64::MAX, f64::min)
        };
        (span(|p| p.0), span(|p| p.1))
    }

    #[test]
    fn turning_and_zooming_move_the_3d_picture() {
        let state = SurfaceState::new(Surface::Bowl);
        let (plain, balls) = svg_3d(&state, DEFAULT_VIEW);
        let turned = View {
            yaw: DEFAULT_VIEW.yaw + 0.8,
            ..DEFAULT_VIEW
        };
        let (turned_svg, turned_balls) = svg_3d(&state, turned);
        assert_ne!(balls, turned_balls, "the ball moves as the surface turns");
        assert_ne!(polygons(&plain)[3], polygons(&turned_svg)[3]);
        // Zoomed out, then in by a quarter, so that nothing reaches the picture's edge.
        let small = |zoom| View { zoom, ..DEFAULT_VIEW };
        let (plain, _) = svg_3d(&state, small(0.6));
        let (zoomed_svg, _) = svg_3d(&state, small(0.75));
        let (w1, h1) = extent(&plain);
        let (w2, h2) = extent(&zoomed_svg);
        assert!(
            (w2 / w1 - 1.25).abs() < 0.03 && (h2 / h1 - 1.25).abs() < 0.03,
            "{w1}×{h1} → {w2}×{h2}"
        );
        // Seen from straight above, the bowl's mesh is a flat square grid, x across.
        let above = View {
            yaw: 0.0,
            pitch: 1.5,
            zoom: 1.0,
        };
        let (top_svg, _) = svg_3d(&state, above);
        let (w, h) = extent(&top_svg);
        assert!(w > 100.0 && h > 100.0);
    }

    #[test]
    fn the_far_side_of_the_mesh_is_painted_first() {
        assert!(ascending(10, 5));
        assert!(!ascending(5, 10));
        assert_eq!(grid(0.0, 1.0, 3, true), [0.0, 0.5, 1.0]);
        assert_eq!(grid(0.0, 1.0, 3, false), [1.0, 0.5, 0.0]);
        // On the bowl, the first mesh cell painted lies higher on the screen (farther back) than
        // the last, whichever way it is turned.
        let state = SurfaceState::new(Surface::Bowl);
        for yaw in [0.3, 1.9, 3.4, 5.0] {
            let (svg, _) = svg_3d(&state, View { yaw, ..DEFAULT_VIEW });
            let mesh = polygons(&svg);
            let mid = |p: &Vec<(f64, f64)>| p.iter().map(|q| q.1).sum::<f64>() / p.len() as f64;
            assert!(mid(&mesh[3]) < mid(mesh.last().unwrap()), "yaw {yaw}");
        }
    }

    #[test]
    fn nothing_breaks_when_a_ball_diverges() {
        let mut state = SurfaceState::new(Surface::Valley);
        state.apply(SurfaceAction::SetRate(0, 0.5));
        run_steps(&mut state, 50);
        assert!(!state.runners[0].status.moving());
        let (svg, _, _) = contour_svg(&state, (480, 320), 1.0);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let (svg, balls) = svg_3d(&state, DEFAULT_VIEW);
        assert!(!svg.contains("NaN"));
        assert_eq!(balls, [None]);
    }
}
