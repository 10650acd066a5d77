//! The cost chart: training and test cost against epochs, on any plotters backend, with every
//! learning-rate change marked and, while the learner points at it, one recorded point picked out.

use super::axis::{draw_axis_names, x_name_room, y_name_room, TickedAxis, TICK};
use super::color::{Rgb, NEGATIVE, POSITIVE};
use crate::app::format;
use crate::app::i18n::{Key, Lang};
use crate::app::state::CostPoint;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The colour of the dashed lines where the learning rate changed.
pub const RATE_MARKER: Rgb = Rgb(0x5a, 0x5a, 0x5a);
/// The colour of the vertical guide through the point the learner points at.
pub const GUIDE: Rgb = Rgb(0xa0, 0xa0, 0xa0);
/// The colour of the line at the step the learner went back to.
pub const MOMENT: Rgb = Rgb(0x1f, 0x29, 0x33);
/// The dash and the gap of a pinned run's curves, in CSS pixels.
pub const PINNED_DASH: (f64, f64) = (6.0, 4.0);
/// Height of the legend's strip under the plot, in CSS pixels.
pub const LEGEND_HEIGHT: f64 = 24.0;
/// Labels of learning-rate changes closer than this (CSS pixels) to a later one are left out.
pub const RATE_LABEL_GAP: f64 = 64.0;
/// The labels' font size, in CSS pixels.
const FONT: f64 = 14.0;

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

pub use super::axis::text_width;

/// The words written on the chart, in the page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChartWords {
    /// The x axis.
    pub epoch: &'static str,
    /// The y axis.
    pub cost: &'static str,
    /// The training set's line.
    pub train: &'static str,
    /// The test set's line.
    pub test: &'static str,
}

impl ChartWords {
    /// The chart's words in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            epoch: lang.t(Key::Epoch),
            cost: lang.t(Key::Cost),
            train: lang.t(Key::Train),
            test: lang.t(Key::Test),
        }
    }
}

/// What the chart shows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ChartData<'a> {
    /// The cost history, in recording order (epochs ascending).
    pub points: &'a [CostPoint],
    /// Every change of the learning rate: (epoch at which it changed, the new rate).
    pub rate_changes: &'a [(f64, f64)],
    /// The index in `points` of the point to pick out with a guide line, if any.
    pub highlight: Option<usize>,
    /// The cost history of a pinned run, drawn dashed under the current one (empty: none).
    pub pinned: &'a [CostPoint],
    /// The epoch of the step the learner went back to, marked with a solid line, if any.
    pub marker: Option<f64>,
}

/// Where the plot landed, in CSS pixels of the drawing (backend pixels ÷ scale): kept to map the
/// pointer back to an epoch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    /// Width of the whole drawing.
    pub width: f64,
    /// x of epoch 0.
    pub left: f64,
    /// x of the last epoch on the axis, [`Frame::x_max`].
    pub right: f64,
    /// y of the largest cost on the axis.
    pub top: f64,
    /// y of cost 0.
    pub bottom: f64,
    /// The last epoch on the axis.
    pub x_max: f64,
}

impl Frame {
    /// The epoch under x (CSS pixels); clamped to the axis outside the plot.
    pub fn epoch_at(&self, x: f64) -> f64 {
        let span = self.right - self.left;
        if !(span > 0.0 && x.is_finite()) {
            return 0.0;
        }
        ((x - self.left) / span).clamp(0.0, 1.0) * self.x_max
    }

    /// The x (CSS pixels) of `epoch`.
    pub fn x_of(&self, epoch: f64) -> f64 {
        self.left + epoch / self.x_max * (self.right - self.left)
    }

    /// The index of the point nearest in epoch to the pointer at x (CSS pixels), if any.
    pub fn nearest(&self, points: &[CostPoint], x: f64) -> Option<usize> {
        nearest_point(points, self.epoch_at(x))
    }
}

/// The index of the point whose epoch is nearest to `epoch` (the earlier on a tie); points with
/// a non-finite epoch are never chosen.
pub fn nearest_point(points: &[CostPoint], epoch: f64) -> Option<usize> {
    if !epoch.is_finite() {
        return None;
    }
    points
        .iter()
        .enumerate()
        .filter(|(_, p)| p.epoch.is_finite())
        .min_by(|(_, a), (_, b)| (a.epoch - epoch).abs().total_cmp(&(b.epoch - epoch).abs()))
        .map(|(i, _)| i)
}

/// The distance between the x axis's ticks for an axis from 0 to `x_max` epochs: 1, 2 or 5 times
/// a power of ten, at most 6 ticks.
pub fn epoch_step(x_max: f64) -> f64 {
    if !(x_max.is_finite() && x_max > 0.0) {
        return 1.0;
    }
    let raw = x_max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// The ticks of the x axis from 0 to `x_max` epochs, [`epoch_step`] apart.
pub fn epoch_ticks(x_max: f64) -> Vec<f64> {
    let step = epoch_step(x_max);
    let end = if x_max.is_finite() { x_max } else { 1.0 };
    (0..)
        .map(|k| f64::from(k) * step)
        .take_while(|t| *t <= end + step * 1e-9)
        .collect()
}

/// A tick's label with as many decimals as the step needs: "2", "0.4", "0.05".
pub fn tick_label(value: f64, step: f64) -> String {
    let decimals = if step >= 1.0 || step <= 0.0 || !step.is_finite() {
        0
    } else {
        (-step.log10() - 1e-9).ceil() as usize
    };
    format::fixed(value, decimals)
}

/// The size of a canvas's pixel buffer for a CSS size `css` (width, height) on a screen with
/// `ratio` device pixels per CSS pixel, and the scale to draw at (device pixels per CSS pixel,
/// as rounded). A ratio that is not a positive number counts as 1.
pub fn canvas_buffer(css: (f64, f64), ratio: f64) -> ((u32, u32), f64) {
    let ratio = if ratio.is_finite() && ratio > 0.0 { ratio } else { 1.0 };
    let side = |v: f64| (v * ratio).round().clamp(1.0, 16_384.0) as u32;
    let (width, height) = (side(css.0), side(css.1));
    let scale = if css.0 >= 1.0 { f64::from(width) / css.0 } else { ratio };
    ((width, height), scale)
}

/// Which of the markers at x positions `xs` (in drawing order) get a label: the last always, an
/// earlier one only if it is at least `gap` left of or right of every later labelled one.
pub fn labelled_markers(xs: &[f64], gap: f64) -> Vec<bool> {
    let mut kept: Vec<f64> = Vec::new();
    let mut labelled = vec![false; xs.len()];
    for (k, x) in xs.iter().enumerate().rev() {
        if kept.iter().all(|other| (other - x).abs() >= gap) {
            kept.push(*x);
            labelled[k] = true;
        }
    }
    labelled
}

/// A point of a line and its place in the line.
type Indexed = (usize, (f64, f64));

/// The points of a line worth drawing when each lands in pixel column `column(x)`: of each
/// column's points the first, the lowest, the highest and the last, in their order. The line drawn through
/// them covers the same pixels as the whole line, with a few points a column instead of many
/// (a long run records thousands of epochs on a chart a few hundred pixels wide).
fn envelope(points: impl Iterator<Item = (f64, f64)>, column: impl Fn(f64) -> i32) -> Vec<(f64, f64)> {
    let mut kept: Vec<(f64, f64)> = Vec::new();
    // The column being gathered, and its first, lowest, highest and last points (by index).
    let mut gathering: Option<(i32, [Indexed; 4])> = None;
    let flush = |kept: &mut Vec<(f64, f64)>, mut picked: [Indexed; 4]| {
        picked.sort_by_key(|&(k, _)| k);
        let mut previous = None;
        for (k, p) in picked {
            if previous != Some(k) {
                kept.push(p);
            }
            previous = Some(k);
        }
    };
    for (k, p) in points.enumerate() {
        let c = column(p.0);
        match &mut gathering {
            Some((col, [_, low, high, last])) if *col == c => {
                if p.1 < low.1 .1 {
                    *low = (k, p);
                }
                if p.1 > high.1 .1 {
                    *high = (k, p);
                }
                *last = (k, p);
            }
            _ => {
                if let Some((_, picked)) = gathering.take() {
                    flush(&mut kept, picked);
                }
                gathering = Some((c, [(k, p); 4]));
            }
        }
    }
    if let Some((_, picked)) = gathering {
        flush(&mut kept, picked);
    }
    kept
}

/// Draws the training cost (blue) and the test cost (orange) per epoch, a dashed line labelled
/// "η = …" at each learning-rate change, and a guide through the highlighted point; the legend
/// sits under the plot. `scale` is device pixels per CSS pixel (fonts, lines and margins grow
/// with it). Points whose cost is not finite are left out; an empty history draws empty axes.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    data: &ChartData,
    words: &ChartWords,
    scale: f64,
) -> Result<Frame, DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    area.fill(&WHITE)?;
    let finite = |v: f64| v.is_finite().then_some(v);
    let points = data.points;
    let x_max = points
        .iter()
        .chain(data.pinned)
        .map(|p| p.epoch)
        .chain(data.rate_changes.iter().map(|c| c.0))
        .chain(data.marker)
        .filter(|e| e.is_finite())
        .fold(1.0_f64, f64::max);
    let y_max = points
        .iter()
        .chain(data.pinned)
        .flat_map(|p| [finite(p.train), finite(p.test)])
        .flatten()
        .fold(0.0_f64, f64::max)
        .max(1e-3)
        * 1.05;
    let (width, height) = area.dim_in_pixel();
    let legend_height = px(LEGEND_HEIGHT).min(height / 3);
    let (upper, lower) = area.split_vertically(height - legend_height);
    let step = epoch_step(x_max);
    let x_axis = TickedAxis::new(0.0..x_max, epoch_ticks(x_max));
    // Under the plot, a row of tick labels and under it the x axis's name; above the plot, the
    // y axis's name (upright, over its tick labels) and the η labels.
    let size = FONT * scale;
    let mut chart = ChartBuilder::on(&upper)
        .margin(px(12.0))
        .margin_top(px(y_name_room(FONT)))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(x_name_room(FONT)))
        .y_label_area_size(px(50.0))
        .build_cartesian_2d(x_axis, 0.0..y_max)?;
    let labels = ("sans-serif", size).into_font();
    let x_label = |x: &f64| tick_label(*x, step);
    chart
        .configure_mesh()
        .label_style(labels.clone())
        .set_all_tick_mark_size(px(TICK))
        .x_label_formatter(&x_label)
        .y_labels(5)
        .max_light_lines(1)
        .light_line_style(RGBColor(235, 235, 235))
        .bold_line_style(RGBColor(215, 215, 215))
        .draw()?;
    let (left, bottom) = chart.backend_coord(&(0.0, 0.0));
    let (right, top) = chart.backend_coord(&(x_max, y_max));
    let plot = ((left, top), (right, bottom));
    draw_axis_names(&upper, (words.epoch, words.cost), plot, FONT, scale)?;

    // The learning-rate changes, under the curves; their labels in the margin above the plot.
    let marker = ShapeStyle::from(rgb(RATE_MARKER)).stroke_width(px(1.0));
    let (dash, gap) = (px(4.0) as i32, px(3.0) as i32);
    let changes: Vec<(i32, f64)> = data
        .rate_changes
        .iter()
        .filter(|(epoch, _)| epoch.is_finite() && (0.0..=x_max).contains(epoch))
        .map(|&(epoch, rate)| (chart.backend_coord(&(epoch, 0.0)).0, rate))
        .collect();
    let xs: Vec<f64> = changes.iter().map(|c| f64::from(c.0)).collect();
    let labelled = labelled_markers(&xs, RATE_LABEL_GAP * scale);
    let small = ("sans-serif", 12.0 * scale).into_font().color(&rgb(RATE_MARKER));
    for (&(x, rate), label) in changes.iter().zip(labelled) {
        let mut y = top;
        while y < bottom {
            upper.draw(&PathElement::new(vec![(x, y), (x, (y + dash).min(bottom))], marker))?;
            y += dash + gap;
        }
        if label {
            let text = format!("η = {}", format::rate(rate));
            let (h_pos, dx) = if x - left < (right - left) / 2 {
                (HPos::Left, px(3.0) as i32)
            } else {
                (HPos::Right, -(px(3.0) as i32))
            };
            let style = small.pos(Pos::new(h_pos, VPos::Bottom));
            upper.draw(&Text::new(text, (x + dx, top - px(3.0) as i32), style))?;
        }
    }

    let series = [(POSITIVE, false), (NEGATIVE, true)];
    // The pinned run's curves, dashed, under the current run's.
    let (dash, gap) = (px(PINNED_DASH.0), px(PINNED_DASH.1));
    for (color, is_test) in series.into_iter().filter(|_| !data.pinned.is_empty()) {
        let style = ShapeStyle::from(rgb(color)).stroke_width(px(1.5));
        let line = data
            .pinned
            .iter()
            .filter_map(|p| finite(if is_test { p.test } else { p.train }).map(|c| (p.epoch, c)))
            .filter(|(epoch, _)| epoch.is_finite());
        let line = envelope(line, |epoch| chart.backend_coord(&(epoch, 0.0)).0);
        chart.draw_series(DashedLineSeries::new(line, dash, gap, style))?;
    }
    if let Some(epoch) = data.marker.filter(|e| e.is_finite()) {
        let x = chart.backend_coord(&(epoch, 0.0)).0;
        let style = ShapeStyle::from(rgb(MOMENT)).stroke_width(px(2.0));
        upper.draw(&PathElement::new(vec![(x, top), (x, bottom)], style))?;
    }
    for (color, is_test) in series {
        let style = ShapeStyle::from(rgb(color)).stroke_width(px(2.0));
        let line = points
            .iter()
            .filter_map(|p| finite(if is_test { p.test } else { p.train }).map(|c| (p.epoch, c)))
            .filter(|(epoch, _)| epoch.is_finite());
        let line = envelope(line, |epoch| chart.backend_coord(&(epoch, 0.0)).0);
        chart.draw_series(LineSeries::new(line, style))?;
    }

    if let Some(point) = data
        .highlight
        .and_then(|i| points.get(i))
        .filter(|p| p.epoch.is_finite())
    {
        let x = chart.backend_coord(&(point.epoch, 0.0)).0;
        let guide = ShapeStyle::from(rgb(GUIDE)).stroke_width(px(1.0));
        upper.draw(&PathElement::new(vec![(x, top), (x, bottom)], guide))?;
        for (cost, color) in [(point.train, POSITIVE), (point.test, NEGATIVE)] {
            if let Some(cost) = finite(cost) {
                chart.draw_series([Circle::new((point.epoch, cost), px(4.0), rgb(color).filled())])?;
            }
        }
    }

    // The legend, in its own strip under the plot: it never covers a curve.
    let mid = legend_height as i32 / 2;
    let mut x = left;
    let legend_font = TextStyle::from(labels).pos(Pos::new(HPos::Left, VPos::Center));
    for (label, color) in [(words.train, POSITIVE), (words.test, NEGATIVE)] {
        let style = ShapeStyle::from(rgb(color)).stroke_width(px(2.0));
        lower.draw(&PathElement::new(vec![(x, mid), (x + px(18.0) as i32, mid)], style))?;
        lower.draw(&Text::new(label, (x + px(24.0) as i32, mid), legend_font.clone()))?;
        x += px(24.0) as i32 + text_width(label, size) as i32 + px(20.0) as i32;
    }
    area.present()?;
    Ok(Frame {
        width: f64::from(width) / scale,
        left: f64::from(left) / scale,
        right: f64::from(right) / scale,
        top: f64::from(top) / scale,
        bottom: f64::from(bottom) / scale,
        x_max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draw::svg_probe::{self, attribute, colour, polylines, polylines_of};

    /// Every `<text>` element of an SVG: its trimmed text and its (x, y).
    fn placed_texts(svg: &str) -> Vec<(String, f64, f64)> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| {
                let text = t[t.find('>')? + 1..t.find("</text>")?].trim().to_string();
                let x = attribute(t, "x")?.parse().ok()?;
                let y = attribute(t, "y")?.parse().ok()?;
                Some((text, x, y))
            })
            .collect()
    }

    fn texts(svg: &str) -> Vec<String> {
        placed_texts(svg).into_iter().map(|t| t.0).collect()
    }

    /// The polylines of colour `c` with more than two vertices (the cost curves).
    fn curves(svg: &str, c: Rgb) -> Vec<Vec<(f64, f64)>> {
        polylines(svg)
            .into_iter()
            .filter(|(stroke, points)| *stroke == colour(c) && points.len() > 2)
            .map(|(_, points)| points)
            .collect()
    }

    fn render_with(data: &ChartData, lang: Lang, size: (u32, u32), scale: f64) -> (String, Frame) {
        let mut svg = String::new();
        let frame = {
            let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw(&area, data, &ChartWords::new(lang), scale).unwrap()
        };
        (svg, frame)
    }

    fn render(points: &[CostPoint]) -> String {
        render_in(points, Lang::En)
    }

    fn render_in(points: &[CostPoint], lang: Lang) -> String {
        let data = ChartData {
            points,
            ..ChartData::default()
        };
        render_with(&data, lang, (480, 260), 1.0).0
    }

    /// `n` points half an epoch apart, with a falling cost.
    fn falling(n: u32) -> Vec<CostPoint> {
        (0..n)
            .map(|k| {
                let epoch = f64::from(k) * 0.5;
                CostPoint {
                    epoch,
                    train: 0.7 / (1.0 + epoch),
                    test: 0.75 / (1.0 + epoch),
                }
            })
            .collect()
    }

    #[test]
    fn a_falling_cost_is_drawn_as_a_line_going_down() {
        let svg = render(&falling(20));
        let words = texts(&svg);
        for word in ["epoch", "cost", "train", "test"] {
            assert!(
                words.iter().any(|w| w == word),
                "{word} is written on the chart: {words:?}"
            );
        }
        let lines: Vec<_> = [POSITIVE, NEGATIVE].into_iter().flat_map(|c| curves(&svg, c)).collect();
        assert_eq!(lines.len(), 2, "one polyline per set");
        for line in lines {
            assert_eq!(line.len(), 20, "one vertex per point");
            // Later epochs to the right; lower cost is further down the screen (larger y,
            // equal where two costs round to the same pixel).
            assert!(line.windows(2).all(|w| w[1].0 > w[0].0 && w[1].1 >= w[0].1), "{line:?}");
            assert!(
                line[19].1 - line[0].1 > 100.0,
                "the drop spans most of the plot: {line:?}"
            );
        }
    }

    #[test]
    fn the_legend_sits_below_the_plot_and_its_labels() {
        let svg = render(&falling(20));
        let placed = placed_texts(&svg);
        let y_of = |word: &str| placed.iter().find(|t| t.0 == word).map(|t| t.2).unwrap();
        let lowest_curve = [POSITIVE, NEGATIVE]
            .into_iter()
            .flat_map(|c| curves(&svg, c))
            .flatten()
            .map(|p| p.1)
            .fold(f64::MIN, f64::max);
        for word in ["train", "test"] {
            let y = y_of(word);
            assert!(y > lowest_curve, "{word} at y = {y}, the curves reach {lowest_curve}");
            assert!(y > y_of("epoch"), "{word} is under the x axis's name");
            assert!(y < 260.0, "{word} is on the canvas");
        }
    }

    #[test]
    fn no_two_words_overlap_and_the_axis_names_stand_upright() {
        // A falling cost, and one whose axis ends on a tick (1.05 × 0.952… = 1.0), with
        // learning-rate labels at the left edge and further in.
        let flat: Vec<CostPoint> = (0..21)
            .map(|k| CostPoint {
                epoch: f64::from(k) * 0.5,
                train: 1.0 / 1.05,
                test: 0.5,
            })
            .collect();
        let falling = falling(40);
        for points in [&falling[..], &flat[..]] {
            for lang in Lang::ALL {
                for (size, scale) in [((480, 260), 1.0), ((340, 260), 1.0), ((960, 520), 2.0)] {
                    let data = ChartData {
                        points,
                        rate_changes: &[(0.0, 0.5), (3.0, 0.1)],
                        highlight: None,
                        ..ChartData::default()
                    };
                    let (svg, _) = render_with(&data, lang, size, scale);
                    let placed = svg_probe::texts(&svg);
                    let words = ChartWords::new(lang);
                    let case = format!("{lang:?} {size:?}");
                    assert_eq!(svg_probe::overlapping(&placed, 1.0), [], "{case}");
                    assert!(
                        placed.iter().all(|t| t.area.inside(size.0.into(), size.1.into())),
                        "{case}"
                    );
                    let find = |word: &str| placed.iter().find(|t| t.text == word).unwrap();
                    for name in [words.epoch, words.cost] {
                        assert!(!find(name).rotated, "{case}: {name} is upright");
                    }
                    // The x axis's name under its tick labels; the y axis's name above the plot,
                    // left of it, over the y tick labels.
                    let numbers: Vec<_> = placed.iter().filter(|t| t.text.parse::<f64>().is_ok()).collect();
                    let (epoch, cost) = (find(words.epoch).area, find(words.cost).area);
                    let x_ticks: Vec<_> = numbers.iter().filter(|t| t.area.top > cost.bottom + 100.0).collect();
                    assert!(x_ticks.len() >= 3, "{case}");
                    assert!(x_ticks.iter().all(|t| t.area.bottom <= epoch.top), "{case}");
                    assert!(numbers.iter().all(|t| t.area.top >= cost.bottom), "{case}");
                    let y_ticks_right = numbers.iter().map(|t| t.area.right).fold(f64::MAX, f64::min);
                    assert!(cost.right <= y_ticks_right + 1.0, "{case}");
                }
            }
        }
    }

    #[test]
    fn the_chart_speaks_the_pages_language() {
        let points = [
            CostPoint {
                epoch: 0.0,
                train: 0.7,
                test: 0.7,
            },
            CostPoint {
                epoch: 1.0,
                train: 0.5,
                test: 0.6,
            },
        ];
        let words = texts(&render_in(&points, Lang::ZhTw));
        for word in ["輪", "代價", "訓練", "測試"] {
            assert!(words.iter().any(|w| w == word), "{word} on the chart: {words:?}");
        }
        assert!(!words.iter().any(|w| w == "epoch"));
    }

    #[test]
    fn non_finite_costs_are_left_out_and_an_empty_history_still_draws() {
        let points = [
            CostPoint {
                epoch: 0.0,
                train: 0.7,
                test: 0.7,
            },
            CostPoint {
                epoch: 0.5,
                train: f64::NAN,
                test: f64::INFINITY,
            },
            CostPoint {
                epoch: 1.0,
                train: 0.5,
                test: 0.6,
            },
        ];
        let svg = render(&points);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(polylines(&svg)
            .iter()
            .any(|l| l.1.len() == 2 && l.0 == colour(POSITIVE)));
        assert!(texts(&render(&[])).iter().any(|w| w == "epoch"));
    }

    #[test]
    fn epoch_ticks_are_round_numbers_whatever_the_length_of_the_run() {
        let close = |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-12);
        let cases: [(f64, &[f64]); 5] = [
            (1.0, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
            (1.05, &[0.0, 0.5, 1.0]),
            (3.0, &[0.0, 1.0, 2.0, 3.0]),
            (12.0, &[0.0, 5.0, 10.0]),
            (37.5, &[0.0, 10.0, 20.0, 30.0]),
        ];
        for (x_max, expected) in cases {
            assert!(
                close(&epoch_ticks(x_max), expected),
                "{x_max}: {:?}",
                epoch_ticks(x_max)
            );
        }
        assert_eq!(tick_label(0.4, 0.2), "0.4");
        assert_eq!(tick_label(0.15, 0.05), "0.15");
        assert_eq!(tick_label(20.0, 10.0), "20");
    }

    #[test]
    fn a_long_run_is_labelled_in_whole_epochs() {
        // 2000 points, one per step, 0.01875 epochs apart: 37.48 epochs.
        let points: Vec<CostPoint> = (0..2000)
            .map(|k| CostPoint {
                epoch: f64::from(k) * 0.018_75,
                train: 0.5,
                test: 0.6,
            })
            .collect();
        let words = texts(&render(&points));
        for tick in ["0", "10", "20", "30"] {
            assert!(words.iter().any(|w| w == tick), "{tick} on the x axis: {words:?}");
        }
        assert!(!words.iter().any(|w| w == "40" || w == "5" || w == "0.5"), "{words:?}");
        // A run that has just begun shows the first epoch in fifths.
        let start = texts(&render(&falling(2)));
        for tick in ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"] {
            assert!(start.iter().any(|w| w == tick), "{tick} on the x axis: {start:?}");
        }
    }

    #[test]
    fn a_learning_rate_change_is_a_dashed_line_at_its_epoch() {
        let points = falling(21);
        let data = ChartData {
            points: &points,
            rate_changes: &[(5.0, 0.3)],
            highlight: None,
            ..ChartData::default()
        };
        let (svg, _) = render_with(&data, Lang::En, (480, 260), 1.0);
        let dashes: Vec<_> = polylines(&svg)
            .into_iter()
            .filter(|(stroke, _)| *stroke == colour(RATE_MARKER))
            .map(|(_, p)| p)
            .collect();
        assert!(dashes.len() > 10, "a dashed line: {} dashes", dashes.len());
        let train = &curves(&svg, POSITIVE)[0];
        // Point 10 is at epoch 5, half way along the axis from point 0 to point 20.
        assert!(((train[10].0 - train[0].0) / (train[20].0 - train[0].0) - 0.5).abs() < 0.01);
        for dash in &dashes {
            assert!(
                dash.iter().all(|p| p.0 == train[10].0),
                "{dash:?} at x = {}",
                train[10].0
            );
        }
        let ys: Vec<f64> = dashes.iter().flatten().map(|p| p.1).collect();
        let (low, high) = (
            ys.iter().cloned().fold(f64::MAX, f64::min),
            ys.iter().cloned().fold(f64::MIN, f64::max),
        );
        assert!(high - low > 150.0, "the line crosses the plot: {low}..{high}");
        assert!(texts(&svg).iter().any(|w| w == "η = 0.300"), "{:?}", texts(&svg));
    }

    #[test]
    fn a_pinned_run_is_drawn_dashed_beside_the_current_one_and_widens_the_axes() {
        // The current run: 10 points to epoch 4.5; the pinned one: 21 points to epoch 10, higher.
        let points = falling(10);
        let pinned: Vec<CostPoint> = falling(21)
            .into_iter()
            .map(|p| CostPoint {
                train: p.train + 0.5,
                ..p
            })
            .collect();
        let alone = render_with(
            &ChartData {
                points: &points,
                ..ChartData::default()
            },
            Lang::En,
            (480, 260),
            1.0,
        );
        let data = ChartData {
            points: &points,
            pinned: &pinned,
            ..ChartData::default()
        };
        let (svg, frame) = render_with(&data, Lang::En, (480, 260), 1.0);
        // The lines of the colour inside the plot (the legend's pieces of line are under it),
        // but the current run's: its one line through its 10 points.
        let dashes = |svg: &str, c: Rgb| -> Vec<Vec<(f64, f64)>> {
            polylines_of(svg, c)
                .into_iter()
                .filter(|p| p.len() != 10 && p.iter().all(|q| q.1 <= frame.bottom))
                .collect()
        };
        assert!(dashes(&alone.0, POSITIVE).is_empty(), "no pin, no dashes");
        for c in [POSITIVE, NEGATIVE] {
            let pieces = dashes(&svg, c);
            assert!(pieces.len() > 20, "the pinned curve is dashed: {} pieces", pieces.len());
            let right = pieces.iter().flatten().map(|p| p.0).fold(f64::MIN, f64::max);
            assert!(
                (right - frame.x_of(10.0)).abs() < 1.5,
                "it reaches epoch 10: {right} vs {}",
                frame.x_of(10.0)
            );
            let solid = polylines_of(&svg, c).into_iter().filter(|p| p.len() == 10).count();
            assert_eq!(solid, 1, "the current run stays one solid line");
        }
        assert_eq!(frame.x_max, 10.0, "the axis covers the longer pinned run");
        // The pinned training cost starts at 1.2: its first dash is above the current curve's start.
        let train = polylines_of(&svg, POSITIVE)
            .into_iter()
            .find(|p| p.len() == 10)
            .unwrap();
        let first = dashes(&svg, POSITIVE)
            .into_iter()
            .min_by(|a, b| a[0].0.total_cmp(&b[0].0))
            .unwrap();
        assert!(first[0].1 < train[0].1 - 50.0, "{first:?} vs {:?}", train[0]);
    }

    #[test]
    fn the_step_gone_back_to_is_marked_with_a_line_across_the_plot() {
        let points = falling(21);
        let data = ChartData {
            points: &points,
            marker: Some(2.5),
            ..ChartData::default()
        };
        let (svg, frame) = render_with(&data, Lang::En, (480, 260), 1.0);
        let lines = polylines_of(&svg, MOMENT);
        assert_eq!(lines.len(), 1);
        let x = frame.x_of(2.5);
        assert!(
            lines[0].iter().all(|p| (p.0 - x).abs() < 1.0),
            "{:?} at x = {x}",
            lines[0]
        );
        assert!(lines[0][1].1 - lines[0][0].1 > 150.0, "across the plot");
        assert!(polylines_of(
            &render_with(
                &ChartData {
                    points: &points,
                    ..ChartData::default()
                },
                Lang::En,
                (480, 260),
                1.0
            )
            .0,
            MOMENT
        )
        .is_empty());
    }

    #[test]
    fn crowded_rate_labels_keep_the_latest() {
        assert_eq!(labelled_markers(&[100.0, 110.0, 300.0], 64.0), [false, true, true]);
        assert_eq!(labelled_markers(&[100.0, 300.0, 310.0], 64.0), [true, false, true]);
        assert_eq!(labelled_markers(&[], 64.0), Vec::<bool>::new());
        let points = falling(21);
        let data = ChartData {
            points: &points,
            rate_changes: &[(5.0, 0.3), (5.1, 0.01)],
            highlight: None,
            ..ChartData::default()
        };
        let words = texts(&render_with(&data, Lang::En, (480, 260), 1.0).0);
        let labels: Vec<_> = words.iter().filter(|w| w.starts_with('η')).collect();
        assert_eq!(labels, ["η = 0.0100"]);
    }

    #[test]
    fn the_highlighted_point_gets_a_guide_line() {
        let points = falling(21);
        let data = ChartData {
            points: &points,
            rate_changes: &[],
            highlight: Some(6),
            ..ChartData::default()
        };
        let (svg, _) = render_with(&data, Lang::En, (480, 260), 1.0);
        let train = &curves(&svg, POSITIVE)[0];
        let guides: Vec<_> = polylines(&svg)
            .into_iter()
            .filter(|(stroke, _)| *stroke == colour(GUIDE))
            .collect();
        assert_eq!(guides.len(), 1);
        assert!(guides[0].1.iter().all(|p| p.0 == train[6].0), "{guides:?}");
        assert_eq!(svg.matches("<circle").count(), 2, "one dot on each curve");
        let plain = render(&points);
        assert!(!plain.contains("<circle") && !plain.contains(&colour(GUIDE)));
    }

    #[test]
    fn the_pointer_picks_the_point_nearest_in_epoch() {
        let points = falling(21); // epochs 0, 0.5, …, 10
        let frame = Frame {
            width: 480.0,
            left: 50.0,
            right: 450.0,
            top: 20.0,
            bottom: 200.0,
            x_max: 10.0,
        };
        assert_eq!(frame.nearest(&points, 250.0), Some(10)); // epoch 5
        assert_eq!(frame.nearest(&points, 154.0), Some(5)); // epoch 2.6, nearest 2.5
        assert_eq!(frame.nearest(&points, 166.0), Some(6)); // epoch 2.9, nearest 3
        assert_eq!(frame.nearest(&points, 0.0), Some(0), "left of the plot: the first");
        assert_eq!(frame.nearest(&points, 479.0), Some(20), "right of it: the last");
        assert_eq!(frame.nearest(&[], 250.0), None);
        assert_eq!(nearest_point(&points, f64::NAN), None);
        let odd = [
            CostPoint {
                epoch: f64::NAN,
                train: 0.1,
                test: 0.1,
            },
            CostPoint {
                epoch: 3.0,
                train: 0.1,
                test: 0.1,
            },
        ];
        assert_eq!(nearest_point(&odd, 0.0), Some(1));
    }

    #[test]
    fn the_frame_maps_each_drawn_point_back_to_itself_at_any_pixel_ratio() {
        let points = falling(21);
        let data = ChartData {
            points: &points,
            ..ChartData::default()
        };
        let (plain, _) = render_with(&data, Lang::En, (480, 260), 1.0);
        let (sharp, frame) = render_with(&data, Lang::En, (960, 520), 2.0);
        assert_eq!(frame.width, 480.0);
        let (plain, sharp) = (&curves(&plain, POSITIVE)[0], &curves(&sharp, POSITIVE)[0]);
        for (k, (a, b)) in plain.iter().zip(sharp).enumerate() {
            // Twice the pixels, the same picture.
            assert!(
                (b.0 - 2.0 * a.0).abs() <= 3.0 && (b.1 - 2.0 * a.1).abs() <= 3.0,
                "{a:?} {b:?}"
            );
            assert_eq!(frame.nearest(&points, b.0 / 2.0), Some(k));
        }
    }

    #[test]
    fn the_pixel_buffer_follows_the_device_pixel_ratio() {
        assert_eq!(canvas_buffer((520.0, 260.0), 2.0), ((1040, 520), 2.0));
        assert_eq!(canvas_buffer((520.0, 260.0), 1.0), ((520, 260), 1.0));
        let ((w, h), scale) = canvas_buffer((333.0, 260.0), 1.5);
        assert_eq!((w, h), (500, 390));
        assert!((scale - 500.0 / 333.0).abs() < 1e-12);
        assert_eq!(canvas_buffer((520.0, 260.0), f64::NAN), ((520, 260), 1.0));
        assert_eq!(canvas_buffer((0.0, 0.0), 2.0), ((1, 1), 2.0));
    }

    #[test]
    fn text_widths_are_estimated_from_the_characters() {
        assert_eq!(text_width("train", 10.0), 30.0);
        assert_eq!(text_width("訓練", 10.0), 20.0);
        assert!(text_width("test", 14.0) < text_width("測試集", 14.0));
    }

    #[test]
    fn a_long_line_is_drawn_through_each_columns_first_lowest_highest_and_last_points() {
        // 2000 noisy points over 100 columns.
        let mut rng = crate::core::Rng::new(5);
        let points: Vec<(f64, f64)> = (0..2000)
            .map(|k| (k as f64, 1.0 / (1.0 + k as f64 / 100.0) + 0.1 * rng.next_f64()))
            .collect();
        let column = |x: f64| (x / 20.0) as i32;
        let kept = envelope(points.iter().copied(), column);
        assert!(kept.len() <= 4 * 100 && kept.len() >= 2 * 100, "{} points", kept.len());
        assert_eq!(kept.first(), points.first());
        assert_eq!(kept.last(), points.last());
        assert!(kept.windows(2).all(|w| w[0].0 < w[1].0), "in order, none twice");
        for c in 0..100 {
            let of = |line: &[(f64, f64)]| -> (f64, f64) {
                let ys = line.iter().filter(|p| column(p.0) == c).map(|p| p.1);
                ys.clone()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), y| (lo.min(y), hi.max(y)))
            };
            assert_eq!(of(&kept), of(&points), "column {c} spans the same heights");
        }
        // A line of at most a point a column is kept whole.
        let sparse: Vec<(f64, f64)> = (0..50).map(|k| (k as f64, (k % 7) as f64)).collect();
        assert_eq!(envelope(sparse.iter().copied(), |x| x as i32), sparse);
    }
}
