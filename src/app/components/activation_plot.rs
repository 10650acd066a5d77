//! The activation plot in the explanation: the focused neuron's layer, its activation f(z) and
//! slope f′(z), every neuron of the layer at its z for the chosen sample, the focused one ringed
//! (see [`crate::app::draw::activation`]).

use crate::app::draw::activation::ActivationChart;
use crate::app::explain::num;
use crate::app::i18n::{Key, Lang};
use crate::core::Activation;
use std::rc::Rc;
use yew::prelude::*;

/// The picture's size in its own units (it is scaled to the panel's width).
const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 120.0;

/// Properties of [`ActivationPlot`].
#[derive(Properties, PartialEq)]
pub struct ActivationPlotProps {
    /// The page's language.
    pub lang: Lang,
    /// The layer's activation function.
    pub activation: Activation,
    /// Each neuron's z for the chosen sample, in the layer's order.
    pub zs: Rc<Vec<f64>>,
    /// The focused neuron's place in the layer.
    pub focused: usize,
}

/// f(z) solid, f′(z) dashed, the neurons as dots on f (hollow when silent), the focused one
/// ringed and its numbers written under the picture.
#[component]
pub fn ActivationPlot(props: &ActivationPlotProps) -> Html {
    let lang = props.lang;
    let chart = ActivationChart::new(props.activation, &props.zs, WIDTH, HEIGHT);
    let [ox, oy] = chart.origin;
    let focused = chart.marks.get(props.focused).copied();
    let marks = chart.marks.iter().enumerate().map(|(i, m)| {
        let class = classes!("mark", m.silent.then_some("silent"), (i == props.focused).then_some("focused"));
        html! {
            <circle {class} data-testid="activation-mark" data-z={m.z.to_string()} data-silent={m.silent.to_string()}
                cx={format!("{:.1}", m.at[0])} cy={format!("{:.1}", m.at[1])} r={if i == props.focused { "5" } else { "3.5" }} />
        }
    });
    html! {
        <figure class="activation-plot" data-testid="activation-plot" data-activation={props.activation.name()}>
            <svg viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={lang.t(Key::ActivationPlotLabel)}>
                <line class="axis" x1="0" x2={WIDTH.to_string()} y1={format!("{oy:.1}")} y2={format!("{oy:.1}")} />
                <line class="axis" x1={format!("{ox:.1}")} x2={format!("{ox:.1}")} y1="0" y2={HEIGHT.to_string()} />
                <path class="slope" d={chart.slope} />
                <path class="value" d={chart.value} />
                if let Some(m) = focused {
                    <line class="drop" x1={format!("{:.1}", m.at[0])} x2={format!("{:.1}", m.at[0])}
                        y1={format!("{:.1}", m.at[1])} y2={format!("{oy:.1}")} />
                }
                { for marks }
                <text class="axis-name" x={(WIDTH - 4.0).to_string()} y={format!("{:.1}", (oy - 4.0).max(10.0))}
                    text-anchor="end">{ "z" }</text>
            </svg>
            <figcaption>
                { format!("{}{}", lang.activation(props.activation), lang.colon()) }
                { lang.t(Key::ActivationPlotLegend) }
                if let Some(m) = focused {
                    <span class="focused-numbers" data-testid="activation-focused">
                        { format!(" z = {}, a = {}, f′(z) = {}", num(m.z), num(m.a), num(props.activation.derivative(m.z))) }
                    </span>
                }
            </figcaption>
        </figure>
    }
}
