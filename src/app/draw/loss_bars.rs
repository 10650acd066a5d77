//! The losses of the samples of one mini-batch as bars, and their mean — the mini-batch's mean
//! loss — as a line across them. (The cost is that mean over the whole training set; a
//! mini-batch's mean is an estimate of it.) On any plotters backend.

use super::axis::{draw_axis_names, text_width, x_name_room, y_name_room, TickedAxis, TICK};
use super::color::Rgb;
use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The labels' font size, in CSS pixels.
const FONT: f64 = 13.0;
/// The width of the y tick labels' column, in CSS pixels.
const Y_LABELS: f64 = 50.0;
/// The colour of a sample's bar.
pub const BAR: Rgb = Rgb(0x6b, 0xa8, 0xd6);
/// The colour of the line at the mean loss.
pub const MEAN_LINE: Rgb = Rgb(0xc0, 0x39, 0x2b);

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// The words written on the bar chart, in the page's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BarWords {
    /// The x axis: one sample per bar.
    pub sample: &'static str,
    /// The y axis: each sample's loss.
    pub loss: &'static str,
    /// The mean line's label.
    pub mean: &'static str,
}

impl BarWords {
    /// The bar chart's words in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            sample: lang.t(Key::Sample),
            loss: lang.t(Key::LossAxis),
            mean: lang.t(Key::BatchMeanLine),
        }
    }
}

/// The mini-batch's mean loss, (1/n) Σ Lᵢ, the mean of its `losses`: `None` for no losses, not
/// finite if any loss is not.
pub fn mean(losses: &[f64]) -> Option<f64> {
    (!losses.is_empty()).then(|| losses.iter().sum::<f64>() / losses.len() as f64)
}

/// The sentence under the bars: "The mini-batch's mean loss: the mean of these 10 losses =
/// 0.412", or what to do when there are none yet.
pub fn cost_sentence(lang: Lang, losses: &[f64]) -> String {
    match mean(losses) {
        Some(cost) => lang
            .t(Key::BatchMeanLoss)
            .replace("{n}", &losses.len().to_string())
            .replace("{mean}", &fixed(cost, 3)),
        None => lang.t(Key::NoBatchYet).to_string(),
    }
}

/// Draws one bar per loss (in order, numbered from 1) and a line at their mean labelled with the
/// mean, to the right of the plot. `scale` is device pixels per CSS pixel. Bars of non-finite
/// losses are left out and do not count for the scale; the mean line is drawn only if the mean is
/// finite; no losses draw empty axes.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    losses: &[f64],
    words: &BarWords,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scale.is_finite() && scale > 0.0 { scale } else { 1.0 };
    let px = |v: f64| (v * scale).round().max(1.0) as u32;
    area.fill(&WHITE)?;
    let cost = mean(losses).filter(|c| c.is_finite());
    let finite = || losses.iter().copied().filter(|l| l.is_finite()).chain(cost);
    let top = finite().fold(0.0_f64, f64::max).max(1e-3) * 1.1;
    let bottom = finite().fold(0.0_f64, f64::min) * 1.1;
    let n = losses.len();
    // The axes' names upright, the x axis's under its tick labels, the y axis's above the plot;
    // right of it, room for the mean line's label.
    let cost_text = cost.map(|c| format!("{} = {}", words.mean, fixed(c, 3)));
    let right_room = cost_text
        .as_ref()
        .map_or(96.0, |t| (text_width(t, FONT) + 10.0).max(96.0));
    // At most 12 sample numbers, fewer where the bars are too narrow for them side by side.
    let plot_width = f64::from(area.dim_in_pixel().0) / scale - 10.0 - right_room - Y_LABELS;
    let number_room = text_width(&n.to_string(), FONT) + 6.0;
    let every = (1..=n.max(1))
        .find(|&k| k * 12 >= n && plot_width / n.max(1) as f64 * k as f64 >= number_room)
        .unwrap_or(n.max(1));
    let ticks: Vec<f64> = (0..n).step_by(every).map(|k| k as f64 + 0.5).collect();
    let x_axis = TickedAxis::new(0.0..n.max(1) as f64, ticks);
    let mut chart = ChartBuilder::on(area)
        .margin(px(10.0))
        .margin_right(px(right_room))
        .margin_top(px(y_name_room(FONT)))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(x_name_room(FONT)))
        .y_label_area_size(px(Y_LABELS))
        .build_cartesian_2d(x_axis, bottom..top)?;
    let labels = ("sans-serif", FONT * scale).into_font();
    let sample_number = |x: &f64| format!("{}", (x - 0.5).round() as i64 + 1);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .label_style(labels.clone())
        .set_all_tick_mark_size(px(TICK))
        .x_label_formatter(&sample_number)
        .y_labels(5)
        .max_light_lines(1)
        .light_line_style(RGBColor(240, 240, 240))
        .bold_line_style(RGBColor(220, 220, 220))
        .draw()?;
    let plot = (
        chart.backend_coord(&(0.0, top)),
        chart.backend_coord(&(n.max(1) as f64, bottom)),
    );
    draw_axis_names(area, (words.sample, words.loss), plot, FONT, scale)?;
    let bar = rgb(BAR).filled();
    chart.draw_series(
        losses
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_finite())
            .map(|(k, &l)| Rectangle::new([(k as f64 + 0.15, 0.0), (k as f64 + 0.85, l)], bar)),
    )?;
    if let (Some(cost), Some(text)) = (cost, cost_text) {
        let line = ShapeStyle::from(rgb(MEAN_LINE)).stroke_width(px(2.0));
        chart.draw_series(LineSeries::new([(0.0, cost), (n as f64, cost)], line))?;
        let (right, y) = chart.backend_coord(&(n as f64, cost));
        let style = labels.color(&rgb(MEAN_LINE)).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(text, (right + px(6.0) as i32, y), style))?;
    }
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::draw::svg_probe::{self, attribute, colour, polylines_of};

    /// The value of attribute `name` in the tag starting `tag`.
    /// The bars of an SVG as (x, top y, bottom y).
    fn bars(svg: &str) -> Vec<(f64, f64, f64)> {
        svg.split("<rect")
            .skip(1)
            .filter(|tag| attribute(tag, "fill").as_deref() == Some(colour(BAR).as_str()))
            .map(|tag| {
                let number = |name| attribute(tag, name).unwrap().parse::<f64>().unwrap();
                (number("x"), number("y"), number("y") + number("height"))
            })
            .collect()
    }

    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
            .collect()
    }

    fn render(losses: &[f64], lang: Lang) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (420, 220)).into_drawing_area();
            draw(&area, losses, &BarWords::new(lang), 1.0).unwrap();
        }
        svg
    }

    #[test]
    fn one_bar_per_loss_and_the_line_at_their_mean() {
        let losses = [0.9, 0.1, 0.4, 0.2, 0.7, 0.05, 0.3, 0.6, 0.15, 0.5];
        let svg = render(&losses, Lang::En);
        let bars = bars(&svg);
        assert_eq!(bars.len(), 10);
        assert!(bars.windows(2).all(|w| w[1].0 > w[0].0), "in order, left to right");
        let baseline = bars[0].2;
        assert!(bars.iter().all(|b| b.2 == baseline), "all bars stand on the same axis");
        // Heights follow the losses: 0.9 is nine times 0.1 (±1 px of rounding each).
        let height = |k: usize| baseline - bars[k].1;
        assert!(
            (height(0) - 9.0 * height(1)).abs() <= 9.0,
            "{} vs {}",
            height(0),
            height(1)
        );
        let line = polylines_of(&svg, MEAN_LINE);
        assert_eq!(line.len(), 1, "one mean line");
        assert!(line[0].iter().all(|p| p.1 == line[0][0].1), "horizontal");
        // The mean of the bars' tops is the top of a bar of the mean loss.
        let mean_top = bars.iter().map(|b| b.1).sum::<f64>() / bars.len() as f64;
        assert!(
            (line[0][0].1 - mean_top).abs() <= 1.0,
            "line at {}, mean top {mean_top}",
            line[0][0].1
        );
        assert!(
            line[0][0].0 <= bars[0].0 && line[0][1].0 >= bars[9].0,
            "across every bar"
        );
        // 0.9 + 0.1 + 0.4 + 0.2 + 0.7 + 0.05 + 0.3 + 0.6 + 0.15 + 0.5 = 3.9; / 10 = 0.39.
        let words = texts(&svg);
        assert!(words.iter().any(|w| w == "mean = 0.390"), "{words:?}");
        assert!(
            !words.iter().any(|w| w.contains("cost")),
            "a mini-batch's mean is not the cost"
        );
        for word in ["sample", "loss", "1", "10"] {
            assert!(words.iter().any(|w| w == word), "{word}: {words:?}");
        }
    }

    #[test]
    fn no_two_words_overlap_and_the_axis_names_stand_upright() {
        let losses = [0.9, 0.1, 0.4, 0.2, 0.7, 0.05, 0.3, 0.6, 0.15, 0.5, 0.2, 0.3];
        for lang in Lang::ALL {
            for (size, scale) in [((420, 220), 1.0), ((340, 220), 1.0), ((840, 440), 2.0)] {
                let mut svg = String::new();
                {
                    let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                    draw(&area, &losses, &BarWords::new(lang), scale).unwrap();
                }
                let placed = svg_probe::texts(&svg);
                let case = format!("{lang:?} {size:?}");
                assert_eq!(svg_probe::overlapping(&placed, 1.0), [], "{case}");
                for t in &placed {
                    assert!(t.area.inside(size.0.into(), size.1.into()), "{case}: {t:?}");
                }
                let words = BarWords::new(lang);
                for name in [words.sample, words.loss] {
                    let t = placed.iter().find(|t| t.text == name).unwrap();
                    assert!(!t.rotated, "{case}: {name} is upright");
                }
            }
        }
    }

    #[test]
    fn non_finite_losses_are_left_out_without_breaking_the_scale() {
        let svg = render(&[0.2, f64::NAN, 0.4, f64::INFINITY, 0.1], Lang::En);
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        let bars = bars(&svg);
        assert_eq!(bars.len(), 3);
        let heights: Vec<f64> = bars.iter().map(|b| b.2 - b.1).collect();
        assert!(
            heights[1] > 100.0,
            "the largest finite loss fills the plot: {heights:?}"
        );
        assert!((heights[1] - 2.0 * heights[0]).abs() <= 2.0, "{heights:?}");
        assert!(
            polylines_of(&svg, MEAN_LINE).is_empty(),
            "an infinite cost draws no line"
        );
    }

    #[test]
    fn no_losses_draw_empty_axes() {
        let svg = render(&[], Lang::ZhTw);
        assert!(bars(&svg).is_empty() && polylines_of(&svg, MEAN_LINE).is_empty());
        let words = texts(&svg);
        for word in ["樣本", "損失"] {
            assert!(words.iter().any(|w| w == word), "{word}: {words:?}");
        }
    }

    #[test]
    fn the_sentence_calls_the_mean_the_mini_batchs_mean_loss_in_both_languages() {
        let losses = [0.5, 0.25, 0.125, 0.125];
        assert_eq!(mean(&losses), Some(0.25));
        assert_eq!(mean(&[]), None);
        assert!(mean(&[1.0, f64::INFINITY]).is_some_and(|m| m.is_infinite()));
        assert_eq!(
            cost_sentence(Lang::En, &losses),
            "The mini-batch's mean loss: the mean of these 4 losses = 0.250"
        );
        assert_eq!(
            cost_sentence(Lang::ZhTw, &losses),
            "小批次的平均損失：這 4 個損失的平均 = 0.250"
        );
        assert!(!cost_sentence(Lang::ZhTw, &losses).contains("代價"));
        assert!(cost_sentence(Lang::En, &[f64::NAN]).ends_with("= —"));
        assert_ne!(cost_sentence(Lang::En, &[]), cost_sentence(Lang::ZhTw, &[]));
        assert!(!cost_sentence(Lang::En, &[]).contains('{'));
    }
}
