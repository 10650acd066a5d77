//! The cost chart on a `<canvas>`, drawn by plotters after each render at the screen's pixel
//! density; pointing at it reads out the nearest recorded point.

use crate::app::draw::cost_chart::{self, canvas_buffer, nearest_point, ChartData, ChartWords, Frame};
use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use crate::app::state::CostPoint;
use gloo_events::EventListener;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::{Element, HtmlCanvasElement};
use yew::prelude::*;

/// The chart's height, in CSS pixels.
const CSS_HEIGHT: f64 = 190.0;
/// The width drawn at while the canvas is not laid out (CSS pixels).
const FALLBACK_WIDTH: f64 = 520.0;

/// The screen's device pixels per CSS pixel (1 if unknown).
fn device_pixel_ratio() -> f64 {
    web_sys::window().map_or(1.0, |w| w.device_pixel_ratio())
}

/// Sizes `canvas`'s pixel buffer for its CSS width (or `fallback_width` if it has none yet) and
/// `css_height`, times the device pixel ratio, so that text stays crisp; its CSS size is left
/// alone. Returns the scale to draw at (device pixels per CSS pixel).
///
/// The width is measured once per window size (`resized` counts the resizes) and kept in
/// `measured`: reading it forces the browser to lay the page out, which every frame would pay for.
pub(super) fn fit_canvas(
    canvas: &HtmlCanvasElement,
    fallback_width: f64,
    css_height: f64,
    measured: &mut Option<(u32, f64)>,
    resized: u32,
) -> f64 {
    let css_width = match *measured {
        Some((at, width)) if at == resized => width,
        _ => match canvas.client_width() {
            w if w > 0 => {
                *measured = Some((resized, f64::from(w)));
                f64::from(w)
            }
            _ => fallback_width,
        },
    };
    let ((width, height), scale) = canvas_buffer((css_width, css_height), device_pixel_ratio());
    if canvas.width() != width {
        canvas.set_width(width);
    }
    if canvas.height() != height {
        canvas.set_height(height);
    }
    scale
}

/// `canvas` sized by [`fit_canvas`] and wrapped as a plotters backend, with the scale to draw at.
pub(super) fn fitted_backend(
    canvas: &HtmlCanvasElement,
    fallback_width: f64,
    css_height: f64,
    measured: &mut Option<(u32, f64)>,
    resized: u32,
) -> Result<(CanvasBackend, f64), String> {
    let scale = fit_canvas(canvas, fallback_width, css_height, measured, resized);
    let backend = CanvasBackend::with_canvas_object(canvas.clone()).ok_or("the canvas is not available")?;
    Ok((backend, scale))
}

/// A counter that goes up whenever the window is resized or moves to a screen of another pixel
/// density, for redrawing canvases at their new size.
#[hook]
pub(super) fn use_resize_count() -> u32 {
    let count = use_reducer(ResizeCount::default);
    {
        let count = count.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                web_sys::window().map(|window| EventListener::new(&window, "resize", move |_| count.dispatch(())));
            move || drop(listener)
        });
    }
    count.0
}

/// See [`use_resize_count`].
#[derive(Default, PartialEq)]
struct ResizeCount(u32);

impl Reducible for ResizeCount {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(ResizeCount(self.0.wrapping_add(1)))
    }
}

/// Properties of [`CostChart`].
#[derive(Properties, PartialEq)]
pub struct CostChartProps {
    /// The cost history to plot.
    pub points: Rc<Vec<CostPoint>>,
    /// Every change of the learning rate: (epoch at which it changed, the new rate).
    pub rate_changes: Rc<Vec<(f64, f64)>>,
    /// The page's language, for the chart's words.
    pub lang: Lang,
    /// The cost history of the pinned run, if one is pinned, drawn dashed.
    #[prop_or_default]
    pub pinned: Option<Rc<Vec<CostPoint>>>,
    /// The names of the pinned run and of the current one, written under the chart with a piece
    /// of their lines (shown only with a pin).
    #[prop_or_default]
    pub runs: Option<[String; 2]>,
    /// The epoch of the step the learner went back to, if any, marked on the chart.
    #[prop_or_default]
    pub marker: Option<f64>,
}

/// Training and test cost per epoch, with the learning-rate changes marked; pointing at the chart
/// reads out the epoch, training and test cost of the nearest point. A drawing failure shows as a
/// message, not a blank.
#[component]
pub fn CostChart(props: &CostChartProps) -> Html {
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    let frame = use_mut_ref(|| None::<Frame>);
    // The epoch under the pointer, while it is over the chart.
    let hover = use_state_eq(|| None::<f64>);
    let resized = use_resize_count();
    let measured = use_mut_ref(|| None::<(u32, f64)>);
    let nearest = (*hover).and_then(|epoch| nearest_point(&props.points, epoch));
    {
        let (canvas, error, frame) = (canvas.clone(), error.clone(), frame.clone());
        use_effect_with(
            (
                props.points.clone(),
                props.rate_changes.clone(),
                props.lang,
                nearest,
                resized,
                (props.pinned.clone(), props.marker.map(f64::to_bits)),
            ),
            move |(points, rate_changes, lang, nearest, _, (pinned, marker))| {
                let words = ChartWords::new(*lang);
                let data = ChartData {
                    points,
                    rate_changes,
                    highlight: *nearest,
                    pinned: pinned.as_deref().map_or(&[], Vec::as_slice),
                    marker: marker.map(f64::from_bits),
                };
                let result = canvas
                    .cast::<HtmlCanvasElement>()
                    .ok_or_else(|| "the canvas is not available".to_string())
                    .and_then(|c| fitted_backend(&c, FALLBACK_WIDTH, CSS_HEIGHT, &mut measured.borrow_mut(), resized))
                    .and_then(|(backend, scale)| {
                        cost_chart::draw(&backend.into_drawing_area(), &data, &words, scale).map_err(|e| e.to_string())
                    });
                let message = match result {
                    Ok(drawn) => {
                        *frame.borrow_mut() = Some(drawn);
                        None
                    }
                    Err(e) => Some(format!("{} {e}", lang.t(Key::ChartFailed))),
                };
                if *error != message {
                    error.set(message);
                }
            },
        );
    }
    let onmousemove = {
        let (canvas, hover) = (canvas.clone(), hover.clone());
        Callback::from(move |e: MouseEvent| {
            let (Some(canvas), Some(frame)) = (canvas.cast::<Element>(), *frame.borrow()) else {
                return;
            };
            let rect = canvas.get_bounding_client_rect();
            if rect.width() > 0.0 {
                let x = (f64::from(e.client_x()) - rect.left()) * frame.width / rect.width();
                hover.set(Some(frame.epoch_at(x)));
            }
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let lang = props.lang;
    let readout = match nearest.and_then(|i| props.points.get(i)) {
        Some(p) => format!(
            "{} {} · {} {} · {} {}",
            lang.t(Key::ReadoutEpoch),
            fixed(p.epoch, 2),
            lang.t(Key::TrainingCost),
            fixed(p.train, 4),
            lang.t(Key::TestCost),
            fixed(p.test, 4)
        ),
        None => lang.t(Key::ChartReadoutHint).to_string(),
    };
    html! {
        <figure class="chart">
            <canvas ref={canvas} data-testid="cost-chart" width="520" height="260"
                style={format!("width: 100%; height: {CSS_HEIGHT}px; display: block")}
                aria-label={lang.t(Key::ChartLabel)} {onmousemove} {onmouseleave} />
            <p class="chart-readout" data-testid="chart-readout" aria-live="polite"
                style="margin: 4px 0 0; font-size: 0.85rem; font-variant-numeric: tabular-nums; color: var(--muted)">
                { readout }
            </p>
            if let Some([pinned, now]) = &props.runs {
                <ul class="chart-runs" data-testid="chart-runs">
                    <li data-testid="run-now"><span class="run-line" aria-hidden="true"></span>{ now }</li>
                    <li data-testid="run-pinned"><span class="run-line pinned" aria-hidden="true"></span>{ pinned }</li>
                </ul>
            }
            if let Some(e) = &*error {
                <figcaption class="message" role="alert">{ e }</figcaption>
            }
        </figure>
    }
}
