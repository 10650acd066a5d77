//! The network drawn as SVG from a laid-out [`NetworkPicture`]; pointing at or tapping a neuron
//! or a weight focuses it. Under the SVG a canvas holds every neuron's small heatmap of its own
//! output over the plane ([`Thumbnails`]), seen through a round window in each neuron's circle.

use super::canvas::{put_image, put_rgba_at};
use super::numbers_due;
use super::pictures;
use crate::app::draw::edge_sheet::{EdgeSheet, ROWS_PER_FRAME};
use crate::app::draw::network::{LayerKind, NetworkPicture, NeuronDot, Show, MIN_WIDTH, WIDTH};
use crate::app::draw::painter::Picture;
use crate::app::draw::thumbnails::window_path;
use crate::app::explain::{Arrow, Fan, Focus, Phase};
use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use crate::core::{Feature, Network};
use gloo_events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, KeyboardEvent, SvgElement};
use yew::prelude::*;

/// How far from a line the pointer still picks its weight, in SVG units.
const EDGE_REACH: f64 = 6.0;

/// The id of the clip path that cuts the window in a neuron's circle. Every network view defines
/// the same shape (in each circle's own units), so two views on a page may share it.
const WINDOW_CLIP: &str = "neuron-window";

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
    /// The network drawn, for each neuron's heatmap over the plane; without it there are none.
    #[prop_or_default]
    pub network: Option<Network>,
    /// The network's inputs as features of (x₁, x₂), one per input neuron; x₁ and x₂ if not given.
    #[prop_or_default]
    pub features: Vec<Feature>,
    /// Whether training runs: the lines' numbers in the DOM then wait for a pause.
    #[prop_or_default]
    pub playing: bool,
    /// Receives the width the drawing should have, in SVG units (one a CSS pixel of its box, from
    /// [`MIN_WIDTH`] to [`WIDTH`]), when the view is mounted and when the window is resized.
    #[prop_or_default]
    pub on_width: Callback<f64>,
    /// Whether the numbers written in and over the neurons are hidden: while the learner works
    /// one out in "Try it yourself".
    #[prop_or_default]
    pub hide_numbers: bool,
    /// The neurons the coach names dead (layer, place in the layer): ringed in red.
    #[prop_or_default]
    pub dead: Option<Rc<[(usize, usize)]>>,
}

/// The drawing's width in SVG units for a box `css_width` CSS pixels wide: one unit a pixel,
/// from [`MIN_WIDTH`] to [`WIDTH`], in steps of 10 so that small changes keep the layout.
pub fn drawing_width(css_width: f64) -> f64 {
    if !(css_width.is_finite() && css_width > 0.0) {
        return WIDTH;
    }
    ((css_width / 10.0).floor() * 10.0).clamp(MIN_WIDTH, WIDTH)
}

/// The lines of `pic` on `canvas`, the focused one outlined: drawn into `sheet` and put on the
/// canvas in one `putImageData` (see [`Lines`](crate::app::draw::lines::Lines) for why not as
/// canvas strokes). While training runs, a large network's lines are redrawn over a few frames.
fn draw_edges(
    canvas: Option<HtmlCanvasElement>,
    sheet: &mut EdgeSheet,
    pic: &NetworkPicture,
    focus: Focus,
    playing: bool,
) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let scale = web_sys::window()
        .map_or(1.0, |w| w.device_pixel_ratio())
        .clamp(1.0, 3.0);
    sheet.draw(pic, focus, scale, playing.then_some(ROWS_PER_FRAME));
    let (width, height) = sheet.size();
    let (width, height) = (width as u32, height as u32);
    let mut dirty = sheet.dirty();
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
        dirty = (0, width as usize);
    }
    // Only the columns redrawn: at a large network while training, a third of the picture.
    let (from, to) = dirty;
    if from >= to {
        return Ok(());
    }
    put_rgba_at(
        &canvas,
        sheet.columns(from, to),
        (to - from) as u32,
        height,
        from as u32,
    )
}

/// A neuron's place as SVG attribute texts.
struct Placed {
    testid: AttrValue,
    style: AttrValue,
    x: AttrValue,
    y: AttrValue,
    r: AttrValue,
    label_y: AttrValue,
}

impl Placed {
    fn new(n: &NeuronDot, radius: f64) -> Self {
        Self {
            testid: format!("neuron-{}-{}", n.layer, n.index).into(),
            style: format!("--layer: {}", n.layer).into(),
            x: n.x.to_string().into(),
            y: n.y.to_string().into(),
            r: radius.to_string().into(),
            label_y: n.label_y.to_string().into(),
        }
    }
}

/// A neuron's exact z, a and δ as attribute texts, and its tooltip.
struct Exact {
    z: AttrValue,
    a: AttrValue,
    delta: AttrValue,
    title: AttrValue,
}

impl Exact {
    fn new(n: &NeuronDot) -> Self {
        Self {
            z: n.z.to_string().into(),
            a: n.a.to_string().into(),
            delta: n.delta.to_string().into(),
            title: format!(
                "z = {}, a = {}, δ = {}",
                fixed(n.z, 4),
                fixed(n.a, 4),
                fixed(n.delta, 4)
            )
            .into(),
        }
    }
}

/// What a neuron shows for the chosen sample, as texts: its number and its shade.
struct Written {
    layer: usize,
    index: usize,
    number: Option<AttrValue>,
    fill: AttrValue,
}

impl Written {
    /// `name` says what the number is: "a" or "δ".
    fn new(n: &NeuronDot, name: &str, decimals: usize) -> Self {
        Self {
            layer: n.layer,
            index: n.index,
            number: n.shown.map(|v| format!("{name} {}", fixed(v, decimals)).into()),
            fill: n.fill.css().into(),
        }
    }
}

/// The neuron a test id `neuron-{layer}-{index}` names.
fn neuron_named(id: &str) -> Option<Focus> {
    let mut parts = id.strip_prefix("neuron-")?.split('-').map(str::parse::<usize>);
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(layer)), Some(Ok(index)), None) => Some(Focus::Neuron { layer, index }),
        _ => None,
    }
}

/// Properties of [`EdgeData`].
#[derive(Properties, PartialEq)]
struct EdgeDataProps {
    picture: Rc<NetworkPicture>,
}

/// Every line as an invisible SVG element with its place, `data-testid="edge-l-i-j"`, and its
/// exact w and ∂L/∂w, for tests and tools: the canvas draws what is seen.
#[component]
fn EdgeData(props: &EdgeDataProps) -> Html {
    html! {
        <g class="edge-data" aria-hidden="true">
            { for props.picture.edges.iter().map(|e| html! {
                <line class="edge-line" x1={e.x1.to_string()} y1={e.y1.to_string()} x2={e.x2.to_string()}
                    y2={e.y2.to_string()} data-testid={format!("edge-{}-{}-{}", e.layer, e.from, e.to)}
                    data-weight={e.weight.to_string()} data-grad={e.gradient.to_string()} data-change={e.change.to_string()} />
            }) }
        </g>
    }
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
/// Every neuron carries its exact z, a and δ, every line its w and ∂L/∂w, as data attributes
/// (updated when training pauses).
///
/// While the neurons show their activations, each also shows its output over the whole plane
/// ([−1.5, 1.5]², x₂ upwards) through a window in its circle; the ring around the window keeps the
/// chosen sample's activation. On the backward pass and before the forward pass the circles are
/// whole. A canvas that cannot be drawn leaves the circles whole too.
#[component]
pub fn NetworkView(props: &NetworkViewProps) -> Html {
    let (pic, lang) = (&props.picture, props.lang);
    let canvas = use_node_ref();
    let failed = use_state_eq(|| None::<String>);
    let inputs = props.network.as_ref().map_or(0, |n| n.sizes()[0]);
    let features = if props.features.len() == inputs {
        props.features.clone()
    } else {
        vec![Feature::X1, Feature::X2]
    };
    let wanted = matches!(pic.show, Show::Activations | Show::Update) && props.network.is_some();
    let stage = use_node_ref();
    {
        // The box's width sets the drawing's: measured once mounted and again when the window
        // changes size.
        let (stage, on_width) = (stage.clone(), props.on_width.clone());
        use_effect_with((), move |_| {
            let measure = move || {
                if let Some(el) = stage.cast::<Element>() {
                    on_width.emit(drawing_width(f64::from(el.client_width())));
                }
            };
            measure();
            let listener = web_sys::window().map(|w| EventListener::new(&w, "resize", move |_| measure()));
            move || drop(listener)
        });
    }
    {
        let (canvas, failed) = (canvas.clone(), failed.clone());
        let network = props.network.clone().filter(|_| wanted);
        let width = pic.layout.width;
        // Painted in the pictures' worker where there is one: the sheet may come a frame later.
        let deliver: pictures::Deliver = Rc::new(move |image| {
            failed.set(image.and_then(|image| put_image(canvas.cast(), &image)).err());
        });
        use_effect_with((network, features.clone(), width), move |(network, features, width)| {
            if let Some(network) = network {
                pictures::paint(Picture::Maps { width: *width }, features, network, deliver);
            }
        });
    }
    let edge_canvas = use_node_ref();
    let edges_failed = use_state(|| None::<String>);
    let sheet = use_mut_ref(EdgeSheet::new);
    {
        let (edge_canvas, edges_failed) = (edge_canvas.clone(), edges_failed.clone());
        let when = (props.picture.clone(), props.focus, props.playing);
        use_effect_with(when, move |(pic, focus, playing)| {
            let canvas = edge_canvas.cast::<HtmlCanvasElement>();
            let message = draw_edges(canvas, &mut sheet.borrow_mut(), pic, *focus, *playing).err();
            if *edges_failed != message {
                edges_failed.set(message);
            }
        });
    }
    // While training runs, the lines' DOM copies and the neurons' exact numbers (attributes and
    // tooltips) keep the values of the last pause: thousands of numbers formatted and attributes
    // rewritten every frame would cost more than all the drawing.
    // Each kept picture comes with a number that grows when it is replaced, for the texts below.
    let paused_picture = use_mut_ref(|| (0_u64, props.picture.clone()));
    if !props.playing {
        let mut paused = paused_picture.borrow_mut();
        *paused = (paused.0.wrapping_add(1), props.picture.clone());
    }
    let (paused_version, edge_data) = paused_picture.borrow().clone();
    // The numbers written in the circles change at most every few frames while training runs:
    // changing every frame they could not be read, and redrawing 100 numbers a frame costs.
    let written = use_mut_ref(|| (0_u32, 0_u64, props.picture.clone()));
    {
        let mut written = written.borrow_mut();
        if numbers_due(&mut written.0, props.playing) {
            written.1 = written.1.wrapping_add(1);
            written.2 = props.picture.clone();
        }
    }
    let (_, written_version, written) = written.borrow().clone();
    // Texts that change only with the layout, at a pause, or with the numbers written: formatted
    // once, not every frame.
    let layout: Vec<[u64; 3]> = pic
        .neurons
        .iter()
        .map(|n| [n.x.to_bits(), n.y.to_bits(), n.label_y.to_bits()])
        .collect();
    let radius = pic.layout.radius;
    let placed = use_memo((layout, radius.to_bits()), |_| {
        pic.neurons.iter().map(|n| Placed::new(n, radius)).collect::<Vec<_>>()
    });
    let exact = use_memo(paused_version, |_| {
        edge_data.neurons.iter().map(Exact::new).collect::<Vec<_>>()
    });
    let show = pic.show;
    let written = use_memo((written_version, show), |_| {
        let (name, decimals) = if show == Show::Errors { ("δ", 3) } else { ("a", 2) };
        written
            .neurons
            .iter()
            .map(|n| Written::new(n, name, decimals))
            .collect::<Vec<_>>()
    });
    let maps = wanted && failed.is_none();
    let clip = maps.then(|| format!("url(#{WINDOW_CLIP})"));
    // One handler for every neuron and line: the pointer's place in the picture, then the neuron
    // or line under it. Thousands of lines then need no listener (nor a wider twin to be easy to
    // hit) of their own, and the neurons' listeners are not rebound every frame.
    let svg_ref = use_node_ref();
    let on_pointer = {
        let (cb, pic, current, svg_ref) = (
            props.on_focus.clone(),
            props.picture.clone(),
            props.focus,
            svg_ref.clone(),
        );
        Callback::from(move |e: MouseEvent| {
            let Some(svg) = svg_ref.cast::<Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if rect.width() <= 0.0 || rect.height() <= 0.0 {
                return;
            }
            let layout = &pic.layout;
            let x = (f64::from(e.client_x()) - rect.left()) * layout.width / rect.width();
            let y = (f64::from(e.client_y()) - rect.top()) * layout.height / rect.height();
            let neuron = pic.neurons.iter().find(|n| (n.x - x).hypot(n.y - y) <= layout.radius);
            let focus = match neuron {
                Some(n) => Some(Focus::Neuron {
                    layer: n.layer,
                    index: n.index,
                }),
                None => pic.edge_at(x, y, EDGE_REACH).map(|edge| Focus::Edge {
                    layer: edge.layer,
                    from: edge.from,
                    to: edge.to,
                }),
            };
            if let Some(focus) = focus.filter(|&f| f != current) {
                cb.emit(focus);
            }
        })
    };
    // A neuron reached with the keyboard: its test id names it.
    let on_focus_in = {
        let cb = props.on_focus.clone();
        Callback::from(move |e: FocusEvent| {
            let neuron = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("g.neuron").ok().flatten())
                .and_then(|g| g.get_attribute("data-testid"))
                .and_then(|id| neuron_named(&id));
            if let Some(focus) = neuron {
                cb.emit(focus);
            }
        })
    };
    // The arrow keys move the focus over neurons and weights alike (see [`Focus::moved`]); the
    // keyboard's own focus follows to the neuron, and stays on a weight's neuron while a weight
    // is focused (its line is outlined).
    let fan = use_mut_ref(Fan::default);
    let on_key = {
        let (cb, current, sizes, svg_ref) = (
            props.on_focus.clone(),
            props.focus,
            pic.layout.sizes().to_vec(),
            svg_ref.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            if e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key() {
                return;
            }
            let arrow = match e.key().as_str() {
                "ArrowUp" => Arrow::Up,
                "ArrowDown" => Arrow::Down,
                "ArrowLeft" => Arrow::Left,
                "ArrowRight" => Arrow::Right,
                _ => return,
            };
            e.prevent_default();
            let Some((next, next_fan)) = current.moved(&sizes, arrow, *fan.borrow()) else {
                return;
            };
            *fan.borrow_mut() = next_fan;
            if let (Focus::Neuron { layer, index }, Some(svg)) = (next, svg_ref.cast::<Element>()) {
                let neuron = svg
                    .query_selector(&format!("[data-testid='neuron-{layer}-{index}']"))
                    .ok()
                    .flatten()
                    .and_then(|g| g.dyn_into::<SvgElement>().ok());
                if let Some(g) = neuron {
                    // A neuron that cannot take the focus is still the one explained.
                    let _ = g.focus();
                }
            }
            cb.emit(next);
        })
    };
    let class = classes!("network", props.phase.map(|p| format!("phase-{}", p.name())));
    let class = classes!(class, maps.then_some("with-maps"));
    html! {
        <div class="network-stage" ref={stage}>
        <canvas ref={edge_canvas} class={classes!("edge-canvas", props.phase.map(|p| format!("phase-{}", p.name())))}
            data-testid="edges" aria-hidden="true" />
        if props.network.is_some() {
            // Under the SVG, stretched to its size: the sheet has the picture's proportions.
            <canvas ref={canvas} class="neuron-maps" data-testid="neuron-maps" hidden={!maps} aria-hidden="true"
                data-error={(*failed).clone()} />
        }
        <svg ref={svg_ref} {class} data-testid="network" viewBox={format!("0 0 {} {}", pic.layout.width, pic.layout.height)} role="group"
            aria-label={lang.t(Key::NetworkLabel)} style={format!("--layers: {}", pic.columns.len())}
            onmousemove={on_pointer.clone()} onclick={on_pointer} onfocusin={on_focus_in} onkeydown={on_key}>
            <defs>
                <clipPath id={WINDOW_CLIP} clipPathUnits="objectBoundingBox">
                    <path clip-rule="evenodd" d={window_path()} />
                </clipPath>
            </defs>
            { for pic.columns.iter().enumerate().map(|(l, &(x, kind))| html! {
                <text class="layer-title" data-testid={format!("layer-title-{l}")} x={x.to_string()}
                    y={pic.layout.title_y(l).to_string()} text-anchor="middle">{ layer_title(lang, kind) }</text>
            }) }
            // Each input's name, left of its circle.
            { for pic.neurons.iter().filter(|n| n.layer == 0).zip(&features).map(|(n, f)| html! {
                <text class="input-name" data-testid={format!("input-name-{}", n.index)} x={(n.x - pic.layout.radius - 4.0).to_string()}
                    y={(n.y + 4.0).to_string()} text-anchor="end">{ f.label() }</text>
            }) }
            <EdgeData picture={edge_data.clone()} />
            { for pic.neurons.iter().zip(placed.iter()).enumerate().map(|(k, (n, place))| {
                let focus = Focus::Neuron { layer: n.layer, index: n.index };
                let dead = props.dead.as_ref().is_some_and(|d| d.contains(&(n.layer, n.index)));
                let class = classes!("neuron", (props.focus == focus).then_some("focused"), dead.then_some("dead"));
                let exact = exact.get(k);
                // The number and shade last written, unless the neuron is new since.
                let written = written.get(k).filter(|w| (w.layer, w.index) == (n.layer, n.index));
                let fill = written.map_or_else(|| AttrValue::from(n.fill.css()), |w| w.fill.clone());
                html! {
                    <g {class} data-testid={place.testid.clone()} tabindex="0" style={place.style.clone()}
                        data-z={exact.map(|e| e.z.clone())} data-a={exact.map(|e| e.a.clone())}
                        data-delta={exact.map(|e| e.delta.clone())}>
                        <circle cx={place.x.clone()} cy={place.y.clone()} r={place.r.clone()} {fill}
                            clip-path={clip.clone()} />
                        if dead {
                            <circle class="dead-ring" data-testid={format!("dead-{}-{}", n.layer, n.index)} cx={place.x.clone()}
                                cy={place.y.clone()} r={format!("{:.1}", pic.layout.radius + 3.0)} />
                        }
                        if let Some(v) = written.and_then(|w| w.number.clone()).filter(|_| !props.hide_numbers) {
                            <text x={place.x.clone()} y={place.label_y.clone()} text-anchor="middle" class="neuron-value">
                                { v }
                            </text>
                        }
                        <title>{ exact.filter(|_| !props.hide_numbers).map(|e| e.title.clone()) }</title>
                    </g>
                }
            }) }
        </svg>
        if let Some(e) = &*edges_failed {
            <p class="message" role="alert">{ format!("{} {e}", lang.t(Key::ChartFailed)) }</p>
        }
        </div>
    }
}
