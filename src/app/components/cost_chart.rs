//! The cost chart on a `<canvas>`, drawn by plotters after each render.

use crate::app::draw::cost_chart::{self, ChartWords};
use crate::app::i18n::{Key, Lang};
use crate::app::state::CostPoint;
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// Properties of [`CostChart`].
#[derive(Properties, PartialEq)]
pub struct CostChartProps {
    /// The cost history to plot.
    pub points: Rc<Vec<CostPoint>>,
    /// The page's language, for the chart's words.
    pub lang: Lang,
}

/// Training and test cost per epoch. A drawing failure shows as a message, not a blank.
#[component]
pub fn CostChart(props: &CostChartProps) -> Html {
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let canvas = canvas.clone();
        let error = error.clone();
        use_effect_with((props.points.clone(), props.lang), move |(points, lang)| {
            let words = ChartWords::new(*lang);
            let result = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(CanvasBackend::with_canvas_object)
                .ok_or_else(|| "the canvas is not available".to_string())
                .and_then(|backend| {
                    cost_chart::draw(&backend.into_drawing_area(), points, &words).map_err(|e| e.to_string())
                });
            let message = result.err().map(|e| format!("{} {e}", lang.t(Key::ChartFailed)));
            if *error != message {
                error.set(message);
            }
        });
    }
    html! {
        <figure class="chart">
            <canvas ref={canvas} data-testid="cost-chart" width="520" height="260"
                aria-label={props.lang.t(Key::ChartLabel)} />
            if let Some(e) = &*error {
                <figcaption class="message" role="alert">{ e }</figcaption>
            }
        </figure>
    }
}
