//! The network drawn as SVG from a laid-out [`NetworkPicture`].

use crate::app::draw::network::{LayerKind, NetworkPicture, HEIGHT, RADIUS, WIDTH};
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
}

/// Layers as columns of circles filled by each neuron's output, weights as lines.
#[component]
pub fn NetworkView(props: &NetworkViewProps) -> Html {
    let (pic, lang) = (&props.picture, props.lang);
    let title = |kind: LayerKind| match kind {
        LayerKind::Input => lang.t(Key::InputLayer).to_string(),
        LayerKind::Hidden(n) => lang.hidden_layer(n),
        LayerKind::Output => lang.t(Key::OutputLayer).to_string(),
    };
    html! {
        <svg class="network" data-testid="network" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
            aria-label={lang.t(Key::NetworkLabel)}>
            { for pic.columns.iter().map(|&(x, kind)| html! {
                <text class="layer-title" x={x.to_string()} y="18" text-anchor="middle">{ title(kind) }</text>
            }) }
            { for pic.edges.iter().map(|e| html! {
                <line class="edge" x1={e.x1.to_string()} y1={e.y1.to_string()} x2={e.x2.to_string()} y2={e.y2.to_string()}
                    stroke={e.stroke.css()} stroke-width={format!("{:.2}", e.width)}
                    data-testid={format!("edge-{}-{}-{}", e.layer, e.from, e.to)} data-weight={e.weight.to_string()}>
                    <title>{ format!("w = {}", fixed(e.weight, 4)) }</title>
                </line>
            }) }
            { for pic.neurons.iter().map(|n| html! {
                <g class="neuron" data-testid={format!("neuron-{}-{}", n.layer, n.index)}>
                    <circle cx={n.x.to_string()} cy={n.y.to_string()} r={RADIUS.to_string()} fill={n.fill.css()} />
                    <text x={n.x.to_string()} y={(n.y + 4.0).to_string()} text-anchor="middle" class="neuron-value">{ fixed(n.value, 2) }</text>
                    <title>{ format!("a = {}", fixed(n.value, 4)) }</title>
                </g>
            }) }
        </svg>
    }
}
