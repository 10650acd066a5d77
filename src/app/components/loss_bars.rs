//! The losses of the mini-batch's samples as bars on a `<canvas>`, with their mean, the cost,
//! written under them.

use super::cost_chart::{fitted_backend, use_resize_count};
use crate::app::draw::loss_bars::{self, cost_sentence, mean, BarWords};
use crate::app::i18n::{Key, Lang};
use plotters::prelude::IntoDrawingArea;
use std::rc::Rc;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

/// The bars' height, in CSS pixels.
const CSS_HEIGHT: f64 = 200.0;
/// The width drawn at while the canvas is not laid out (CSS pixels).
const FALLBACK_WIDTH: f64 = 420.0;

/// Properties of [`SampleLossBars`].
#[derive(Properties, PartialEq)]
pub struct SampleLossBarsProps {
    /// The loss of each sample of the mini-batch, in batch order.
    pub losses: Rc<Vec<f64>>,
    /// The page's language.
    pub lang: Lang,
}

/// "The cost is the average of these losses": one bar per sample of the mini-batch, a line at
/// their mean, and the mean written out. The root carries the mean in `data-cost`. A drawing
/// failure shows as a message, not a blank.
#[component]
pub fn SampleLossBars(props: &SampleLossBarsProps) -> Html {
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    let resized = use_resize_count();
    let measured = use_mut_ref(|| None::<(u32, f64)>);
    {
        let (canvas, error) = (canvas.clone(), error.clone());
        use_effect_with((props.losses.clone(), props.lang, resized), move |(losses, lang, _)| {
            let words = BarWords::new(*lang);
            let result = canvas
                .cast::<HtmlCanvasElement>()
                .ok_or_else(|| "the canvas is not available".to_string())
                .and_then(|c| fitted_backend(&c, FALLBACK_WIDTH, CSS_HEIGHT, &mut measured.borrow_mut(), resized))
                .and_then(|(backend, scale)| {
                    loss_bars::draw(&backend.into_drawing_area(), losses, &words, scale).map_err(|e| e.to_string())
                });
            let message = result.err().map(|e| format!("{} {e}", lang.t(Key::ChartFailed)));
            if *error != message {
                error.set(message);
            }
        });
    }
    let lang = props.lang;
    let cost = mean(&props.losses).map(|m| m.to_string());
    html! {
        <figure class="chart loss-bars" data-testid="sample-loss-bars" data-cost={cost}>
            <canvas ref={canvas} width="420" height="200"
                style={format!("width: 100%; height: {CSS_HEIGHT}px; display: block")}
                role="img" aria-label={lang.t(Key::SampleLossesLabel)} />
            <p class="loss-bars-cost" data-testid="sample-loss-cost" style="margin: 4px 0 0; font-variant-numeric: tabular-nums">
                { cost_sentence(lang, &props.losses) }
            </p>
            if let Some(e) = &*error {
                <figcaption class="message" role="alert">{ e }</figcaption>
            }
        </figure>
    }
}
