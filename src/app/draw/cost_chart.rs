//! The cost chart: training and test cost against epochs, on any plotters backend.

use super::color::{Rgb, NEGATIVE, POSITIVE};
use crate::app::i18n::{Key, Lang};
use crate::app::state::CostPoint;
use plotters::coord::Shift;
use plotters::prelude::*;

fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

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

/// Draws the training cost (blue) and the test cost (orange) per epoch.
/// Points whose cost is not finite are left out; an empty history draws empty axes.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[CostPoint],
    words: &ChartWords,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let finite = |v: f64| v.is_finite().then_some(v);
    let x_max = points.last().map_or(1.0, |p| p.epoch).max(1.0);
    let y_max = points
        .iter()
        .flat_map(|p| [finite(p.train), finite(p.test)])
        .flatten()
        .fold(0.0_f64, f64::max)
        .max(1e-3)
        * 1.05;
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(50)
        .build_cartesian_2d(0.0..x_max, 0.0..y_max)?;
    let labels = ("sans-serif", 14).into_font();
    chart
        .configure_mesh()
        .label_style(labels.clone())
        .axis_desc_style(labels.clone())
        .x_desc(words.epoch)
        .y_desc(words.cost)
        .x_labels(6)
        .y_labels(5)
        .light_line_style(RGBColor(235, 235, 235))
        .draw()?;
    let series = [(words.train, POSITIVE, false), (words.test, NEGATIVE, true)];
    for (label, color, is_test) in series {
        let style = ShapeStyle::from(rgb(color)).stroke_width(2);
        let line = points
            .iter()
            .filter_map(|p| finite(if is_test { p.test } else { p.train }).map(|c| (p.epoch, c)));
        chart
            .draw_series(LineSeries::new(line, style))?
            .label(label)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], style));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font(labels)
        .background_style(WHITE.mix(0.85))
        .border_style(RGBColor(200, 200, 200))
        .draw()?;
    area.present()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `points="…"` lists of every polyline in an SVG, as (x, y) pixel pairs.
    fn polylines(svg: &str) -> Vec<Vec<(f64, f64)>> {
        svg.split("<polyline")
            .skip(1)
            .filter_map(|tag| {
                let start = tag.find("points=\"")? + 8;
                let end = start + tag[start..].find('"')?;
                Some(
                    tag[start..end]
                        .split_whitespace()
                        .map(|pair| {
                            let (x, y) = pair.split_once(',').unwrap();
                            (x.parse().unwrap(), y.parse().unwrap())
                        })
                        .collect(),
                )
            })
            .collect()
    }

    /// The text of every `<text>` element of an SVG, trimmed.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t[t.find('>')? + 1..t.find("</text>")?].trim().to_string()))
            .collect()
    }

    fn render(points: &[CostPoint]) -> String {
        render_in(points, Lang::En)
    }

    fn render_in(points: &[CostPoint], lang: Lang) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (480, 260)).into_drawing_area();
            draw(&area, points, &ChartWords::new(lang)).unwrap();
        }
        svg
    }

    #[test]
    fn a_falling_cost_is_drawn_as_a_line_going_down() {
        let points: Vec<CostPoint> = (0..20)
            .map(|k| {
                let epoch = f64::from(k) * 0.5;
                CostPoint {
                    epoch,
                    train: 0.7 / (1.0 + epoch),
                    test: 0.75 / (1.0 + epoch),
                }
            })
            .collect();
        let svg = render(&points);
        let words = texts(&svg);
        for word in ["epoch", "cost", "train", "test"] {
            assert!(
                words.iter().any(|w| w == word),
                "{word} is written on the chart: {words:?}"
            );
        }
        let lines: Vec<_> = polylines(&svg).into_iter().filter(|l| l.len() == 20).collect();
        assert_eq!(lines.len(), 2, "one polyline of 20 points per set");
        for line in lines {
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
        assert!(polylines(&svg).iter().any(|l| l.len() == 2));
        assert!(texts(&render(&[])).iter().any(|w| w == "epoch"));
    }
}
