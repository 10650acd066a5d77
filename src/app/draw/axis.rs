//! A number axis whose ticks the chart chooses, for charts that want round epochs or one tick per
//! bar rather than plotters' own choice; round ticks and their text; the room a label takes, to
//! keep labels apart.

use crate::app::format;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::ops::Range;

/// An `f64` axis over a range, with ticks (and their grid lines) exactly at `ticks`.
pub struct TickedAxis {
    linear: RangedCoordf64,
    ticks: Vec<f64>,
}

impl TickedAxis {
    /// The axis over `range` with ticks at `ticks`.
    pub fn new(range: Range<f64>, ticks: Vec<f64>) -> Self {
        Self {
            linear: range.into(),
            ticks,
        }
    }
}

impl Ranged for TickedAxis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        self.linear.map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        // The ticks are the bold points; there are no light ones in between.
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> Range<f64> {
        self.linear.range()
    }
}

/// About how wide `text` is in a sans-serif font of `size` pixels: an em for a CJK character,
/// 0.6 em for others. Measuring it for real (plotters asks the page) would force the browser to
/// lay the page out on every frame.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c >= '\u{2e80}' { 1.0 } else { 0.6 })
        .sum::<f64>()
        * size
}

/// The rectangle a text takes on the drawing (pixels, y down): its estimated width
/// ([`text_width`]) by its font's em, placed the way plotters anchors text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextBox {
    /// Left edge.
    pub left: f64,
    /// Top edge.
    pub top: f64,
    /// Right edge.
    pub right: f64,
    /// Bottom edge.
    pub bottom: f64,
}

impl TextBox {
    /// The box of `text` in a font of `size` pixels anchored at `at` by `h` and `v` (left, centre
    /// or right; top, centre or bottom of the em box).
    pub fn new(text: &str, size: f64, at: (f64, f64), h: HPos, v: VPos) -> Self {
        let width = text_width(text, size);
        let left = match h {
            HPos::Left => at.0,
            HPos::Center => at.0 - width / 2.0,
            HPos::Right => at.0 - width,
        };
        let top = match v {
            VPos::Top => at.1,
            VPos::Center => at.1 - size / 2.0,
            VPos::Bottom => at.1 - size,
        };
        Self {
            left,
            top,
            right: left + width,
            bottom: top + size,
        }
    }

    /// Whether the two boxes share more than an edge.
    pub fn overlaps(&self, other: &TextBox) -> bool {
        self.left < other.right && other.left < self.right && self.top < other.bottom && other.top < self.bottom
    }

    /// Whether the box lies within a drawing `width` × `height` pixels.
    pub fn inside(&self, width: f64, height: f64) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= width && self.bottom <= height
    }

    /// The box grown by `pad` on every side.
    pub fn grown(&self, pad: f64) -> TextBox {
        TextBox {
            left: self.left - pad,
            top: self.top - pad,
            right: self.right + pad,
            bottom: self.bottom + pad,
        }
    }
}

/// The tick marks' length, in CSS pixels, of the charts that write their axes' names with
/// [`draw_axis_names`] (plotters writes a tick's label twice this far from its axis).
pub const TICK: f64 = 5.0;
/// Between the x tick labels and the x axis's name, in CSS pixels.
const NAME_GAP: f64 = 4.0;

/// The height under a plot, in CSS pixels, for its x tick labels (font `font`) and, under them,
/// the x axis's name.
pub fn x_name_room(font: f64) -> f64 {
    2.0 * TICK + 2.0 * font + NAME_GAP + 2.0
}

/// How far above a plot the y axis's name ends, in CSS pixels: clear of a tick label at the top.
fn y_name_raise(font: f64) -> f64 {
    font / 2.0 + 2.0
}

/// The margin above a plot, in CSS pixels, that holds the y axis's name.
pub fn y_name_room(font: f64) -> f64 {
    y_name_raise(font) + font + 3.0
}

/// Writes the names of a plot's axes, both upright in any language, in a font of `font` CSS
/// pixels: the x axis's centred under its tick labels, the y axis's above the plot over the y
/// tick labels (its right end at theirs, unless too long for the room left of the plot). The
/// plot spans `corners` (top left, bottom right, backend pixels); its chart keeps
/// [`x_name_room`] under it and [`y_name_room`] above it, with tick marks [`TICK`] long.
pub fn draw_axis_names<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x_name, y_name): (&str, &str),
    ((left, top), (right, bottom)): ((i32, i32), (i32, i32)),
    font: f64,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let at = |v: f64| (v * scale).round() as i32;
    let size = font * scale;
    let style = ("sans-serif", size).into_font().color(&BLACK);
    let under = bottom + at(2.0 * TICK + NAME_GAP) + size.ceil() as i32;
    let centred = style.clone().pos(Pos::new(HPos::Center, VPos::Top));
    area.draw(&Text::new(x_name.to_string(), ((left + right) / 2, under), centred))?;
    let end = f64::from(left - at(2.0 * TICK));
    let start = (end - text_width(y_name, size)).max(2.0 * scale);
    let raised = style.pos(Pos::new(HPos::Left, VPos::Bottom));
    area.draw(&Text::new(
        y_name.to_string(),
        (start as i32, top - at(y_name_raise(font))),
        raised,
    ))
}

/// The round steps, as mantissas: 1, 2, 2.5 and 5 times a power of ten.
pub const ROUND_MANTISSAS: [f64; 4] = [1.0, 2.0, 2.5, 5.0];

/// The smallest round step (1, 2, 2.5 or 5 times a power of ten) of at least `raw`; 1 for a
/// `raw` that is not a positive number.
pub fn round_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let magnitude = 10f64.powf(raw.log10().floor());
    ROUND_MANTISSAS
        .into_iter()
        .chain([10.0])
        .map(|m| m * magnitude)
        .find(|step| *step >= raw * (1.0 - 1e-9))
        .unwrap_or(10.0 * magnitude)
}

/// Whether `v` is 0 or ± 1, 2, 2.5 or 5 times a power of ten.
pub fn is_round(v: f64) -> bool {
    if v == 0.0 {
        return true;
    }
    if !v.is_finite() {
        return false;
    }
    let mantissa = v.abs() / 10f64.powf(v.abs().log10().floor());
    ROUND_MANTISSAS
        .into_iter()
        .chain([10.0])
        .any(|m| (mantissa - m).abs() < 1e-9 * m)
}

/// The multiples of `step` from `lo` to `hi` (both ends included, to a rounding error), ascending.
pub fn multiples(lo: f64, hi: f64, step: f64) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && step.is_finite() && step > 0.0 && lo <= hi) {
        return Vec::new();
    }
    let first = (lo / step - 1e-9).ceil() as i64;
    let last = (hi / step + 1e-9).floor() as i64;
    // + 0.0: zero, never −0.
    (first..=last).map(|k| k as f64 * step + 0.0).collect()
}

/// Round ticks over [`lo`, `hi`]: the multiples of the smallest round step that gives at most
/// `count` of them.
pub fn round_ticks(lo: f64, hi: f64, count: usize) -> Vec<f64> {
    let count = count.max(2);
    let mut step = round_step((hi - lo) / (2 * count) as f64);
    let mut ticks = multiples(lo, hi, step);
    while ticks.len() > count {
        step = round_step(step * 1.01);
        ticks = multiples(lo, hi, step);
    }
    ticks
}

/// A tick's value with as few decimals as write it exactly (at most six): "0", "2.5", "0.05",
/// "-1".
pub fn tick_text(v: f64) -> String {
    (0..=6)
        .map(|decimals| format::fixed(v, decimals))
        .find(|text| {
            text.parse::<f64>()
                .is_ok_and(|back| (back - v).abs() <= 1e-9 * v.abs().max(1e-9))
        })
        .unwrap_or_else(|| format::fixed(v, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_steps_ticks_and_their_text() {
        assert_eq!(round_step(0.7), 1.0);
        assert_eq!(round_step(1.3), 2.0);
        assert_eq!(round_step(2.2), 2.5);
        assert_eq!(round_step(3.0), 5.0);
        assert_eq!(round_step(6.0), 10.0);
        assert_eq!(round_step(0.04), 0.05);
        assert_eq!(round_step(f64::NAN), 1.0);
        for v in [0.0, 1.0, 2.0, 2.5, 5.0, 10.0, 0.05, 250.0, -20.0, 1000.0] {
            assert!(is_round(v), "{v}");
        }
        for v in [3.0, 77.0, 2509.0, 0.3, 1.5, f64::NAN] {
            assert!(!is_round(v), "{v}");
        }
        assert_eq!(multiples(-2.0, 2.0, 1.0), [-2.0, -1.0, 0.0, 1.0, 2.0]);
        assert_eq!(multiples(0.03, 0.31, 0.1).len(), 3);
        assert_eq!(
            round_ticks(0.0, 2509.0, 6),
            [0.0, 500.0, 1000.0, 1500.0, 2000.0, 2500.0]
        );
        assert_eq!(round_ticks(0.0, 2509.0, 5), [0.0, 1000.0, 2000.0]);
        assert_eq!(round_ticks(-2.0, 2.0, 5), [-2.0, -1.0, 0.0, 1.0, 2.0]);
        assert_eq!(round_ticks(-3.5, 8.2, 6), [-2.0, 0.0, 2.0, 4.0, 6.0, 8.0]);
        let texts: Vec<String> = multiples(0.0, 0.3, 0.1).into_iter().map(tick_text).collect();
        assert_eq!(texts, ["0", "0.1", "0.2", "0.3"]);
        assert_eq!(tick_text(2.5), "2.5");
        assert_eq!(tick_text(-2.0), "-2");
        assert_eq!(tick_text(0.05), "0.05");
        assert_eq!(tick_text(2000.0), "2000");
    }

    #[test]
    fn a_text_box_follows_its_anchor() {
        let b = TextBox::new("ab", 10.0, (100.0, 50.0), HPos::Right, VPos::Center);
        assert_eq!(
            b,
            TextBox {
                left: 88.0,
                top: 45.0,
                right: 100.0,
                bottom: 55.0
            }
        );
        let c = TextBox::new("ab", 10.0, (100.0, 55.0), HPos::Left, VPos::Top);
        assert!(!b.overlaps(&c), "touching edges do not overlap");
        assert!(b.grown(1.0).overlaps(&c));
        assert!(b.inside(100.0, 55.0) && !b.inside(99.0, 55.0));
        assert_eq!(text_width("train", 10.0), 30.0);
        assert_eq!(text_width("訓練", 10.0), 20.0);
    }
}
