//! The network drawn as SVG from a laid-out [`NetworkPicture`]; pointing at or tapping a neuron
//! or a weight focuses it.

use crate::app::draw::network::{LayerKind, NetworkPicture, Show, HEIGHT, RADIUS, WIDTH};
use crate::app::explain::{Focus, Phase};
use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`NetworkView`].
#[derive(Properties, PartialEq)]
pub struct NetworkViewProps {
    /// What to draw.
    pub picture: Rc<NetworkPicture>,
    /// The page's language, for the layers' titles.
    pub lang: Lang,
    /// The neuron or weight whose numbers are shown.
    pub focus: Focus,
    /// The phase of the walk being shown (its CSS class animates the drawing), if any.
    #[prop_or_default]
    pub phase: Option<Phase>,
    /// Receives the neuron or weight the learner points at or taps.
    pub on_focus: Callback<Focus>,
}

/// The title of a layer in `lang`.
pub fn layer_title(lang: Lang, kind: LayerKind) -> String {
    match kind {
        LayerKind::Input => lang.t(Key::InputLayer).to_string(),
        LayerKind::Hidden(n) => lang.hidden_layer(n),
        LayerKind::Output => lang.t(Key::OutputLayer).to_string(),
    }
}

/// Layers as columns of circles filled by each neuron's output (or error), weights as lines.
/// Every neuron carries its exact z, a and δ, every line its w and ∂L/∂w, as data attributes.
#[component]
pub fn NetworkView(props: &NetworkViewProps) -> Html {
    let (pic, lang) = (&props.picture, props.lang);
    let focus_on = |focus: Focus| {
        let cb = props.on_focus.clone();
        Callback::from(move |_: MouseEvent| cb.emit(focus))
    };
    let focus_by_key = |focus: Focus| {
        let cb = props.on_focus.clone();
        Callback::from(move |_: FocusEvent| cb.emit(focus))
    };
    let class = classes!("network", props.phase.map(|p| format!("phase-{}", p.name())));
    html! {
        <svg {class} data-testid="network" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
            aria-label={lang.t(Key::NetworkLabel)} style={format!("--layers: {}", pic.columns.len())}>
            { for pic.columns.iter().map(|&(x, kind)| html! {
                <text class="layer-title" x={x.to_string()} y="18" text-anchor="middle">{ layer_title(lang, kind) }</text>
            }) }
            { for pic.edges.iter().map(|e| {
                let focus = Focus::Edge { layer: e.layer, from: e.from, to: e.to };
                let class = classes!("edge", (props.focus == focus).then_some("focused"));
                let (x1, y1, x2, y2) = (e.x1.to_string(), e.y1.to_string(), e.x2.to_string(), e.y2.to_string());
                html! {
                    <g {class} style={format!("--layer: {}", e.layer)} onmouseenter={focus_on(focus)} onclick={focus_on(focus)}>
                        <line class="edge-line" x1={x1.clone()} y1={y1.clone()} x2={x2.clone()} y2={y2.clone()}
                            stroke={e.stroke.css()} stroke-width={format!("{:.2}", e.width)}
                            data-testid={format!("edge-{}-{}-{}", e.layer, e.from, e.to)}
                            data-weight={e.weight.to_string()} data-grad={e.gradient.to_string()} />
                        // A wider, invisible line under the pointer: thin weights are easy to hit.
                        <line class="edge-hit" {x1} {y1} {x2} {y2} />
                        <title>{ format!("w = {}, ∂L/∂w = {}", fixed(e.weight, 4), fixed(e.gradient, 4)) }</title>
                    </g>
                }
            }) }
            { for pic.neurons.iter().map(|n| {
                let focus = Focus::Neuron { layer: n.layer, index: n.index };
                let class = classes!("neuron", (props.focus == focus).then_some("focused"));
                html! {
                    <g {class} data-testid={format!("neuron-{}-{}", n.layer, n.index)} tabindex="0"
                        style={format!("--layer: {}", n.layer)}
                        data-z={n.z.to_string()} data-a={n.a.to_string()} data-delta={n.delta.to_string()}
                        onmouseenter={focus_on(focus)} onclick={focus_on(focus)} onfocus={focus_by_key(focus)}>
                        <circle cx={n.x.to_string()} cy={n.y.to_string()} r={RADIUS.to_string()} fill={n.fill.css()} />
                        if let Some(v) = n.shown {
                            <text x={n.x.to_string()} y={(n.y + 4.0).to_string()} text-anchor="middle" class="neuron-value">
                                { fixed(v, if pic.show == Show::Errors { 3 } else { 2 }) }
                            </text>
                        }
                        <title>{ format!("z = {}, a = {}, δ = {}", fixed(n.z, 4), fixed(n.a, 4), fixed(n.delta, 4)) }</title>
                    </g>
                }
            }) }
        </svg>
    }
}
