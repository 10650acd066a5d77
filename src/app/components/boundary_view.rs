//! The output view: the network's answer over the whole input plane as a heatmap on a `<canvas>`,
//! with the training and test points drawn on top in SVG. Clicking a training point picks it;
//! while the points are edited, a tap or click adds a point and one on a point removes it.

use super::canvas::put_image;
use super::pictures;
use crate::app::draw::color::NEUTRAL;
use crate::app::draw::field::{label_color, Grid, RESOLUTION};
use crate::app::draw::painter::Picture;
use crate::app::i18n::{Key, Lang};
use crate::app::state::Edit;
use crate::core::{Dataset, Feature, Network, Task};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Radius of a point, in picture units (the plane is [`RESOLUTION`] units across).
const POINT_RADIUS: f64 = 1.4;
/// Radius of the ring around the chosen sample, in picture units.
const RING_RADIUS: f64 = 3.2;
/// How far from a point's centre a click still picks it, in CSS pixels.
const PICK_REACH_PX: f64 = 8.0;
/// How far a pointer may move between press and release for it to be a tap, in CSS pixels:
/// further, and it was a drag or a scroll.
const TAP_SLOP_PX: f64 = 10.0;

/// Properties of [`BoundaryView`].
#[derive(Properties, PartialEq)]
pub struct BoundaryViewProps {
    /// The network whose output is shown.
    pub network: Network,
    /// What the output means: two classes, several, or a number.
    pub task: Task,
    /// Training samples, drawn filled and clickable.
    pub train: Rc<Dataset>,
    /// Test samples, drawn hollow.
    pub test: Rc<Dataset>,
    /// The chosen training sample, ringed.
    pub sample: usize,
    /// The page's language, for messages.
    pub lang: Lang,
    /// The label of the checkbox that shows only the decided class (or sign).
    pub discretise_label: AttrValue,
    /// What the picture shows, for screen readers.
    #[prop_or_default]
    pub label: AttrValue,
    /// Called with a training sample's index when the learner clicks on or near it.
    pub on_pick: Callback<usize>,
    /// Whether training runs: a big network's field is then refreshed a part each frame.
    #[prop_or_default]
    pub playing: bool,
    /// The training step shown, for the name of its picture.
    #[prop_or_default]
    pub step: Option<u64>,
    /// The network's inputs, computed from each point (x₁, x₂) of the plane.
    #[prop_or_else(|| vec![Feature::X1, Feature::X2])]
    pub features: Vec<Feature>,
    /// Whether a tap adds a point (or removes the one tapped) instead of picking a sample.
    #[prop_or_default]
    pub editing: bool,
    /// Called with the edit a tap asks for, while `editing`.
    #[prop_or_default]
    pub on_edit: Callback<Edit>,
}

/// The decision boundary: the output over the plane (blue for class 1, orange for class 0; a
/// colour per class for several; the value for regression), the samples on top. A drawing
/// failure shows as a message, not a blank.
#[component]
pub fn BoundaryView(props: &BoundaryViewProps) -> Html {
    let canvas = use_node_ref();
    let discretise = use_state(|| false);
    let error = use_state_eq(|| None::<String>);
    {
        let (canvas, error) = (canvas.clone(), error.clone());
        // Painted in the pictures' worker where there is one: the field may come a frame later.
        let deliver: pictures::Deliver = Rc::new(move |image| {
            error.set(image.and_then(|image| put_image(canvas.cast(), &image)).err());
        });
        let picture = Picture::Output {
            task: props.task,
            discretise: *discretise,
            playing: props.playing,
        };
        use_effect_with(
            (props.network.clone(), props.features.clone(), picture),
            move |(network, features, picture)| pictures::paint(*picture, features, network, deliver),
        );
    }
    let on_discretise = {
        let discretise = discretise.clone();
        Callback::from(move |_: Event| discretise.set(!*discretise))
    };
    html! {
        <figure class="boundary" data-testid="boundary" style="margin: 0">
            <div class="boundary-plane" style="position: relative; width: 100%; aspect-ratio: 1 / 1">
                <canvas ref={canvas} data-testid="boundary-canvas" width={RESOLUTION.to_string()}
                    height={RESOLUTION.to_string()} role="img" aria-label={props.label.clone()}
                    style="position: absolute; inset: 0; width: 100%; height: 100%; display: block" />
                <Overlay task={props.task} train={props.train.clone()} test={props.test.clone()}
                    sample={props.sample} on_pick={props.on_pick.clone()} editing={props.editing}
                    on_edit={props.on_edit.clone()} />
                <super::ExportPng picture={super::Picture::Output} step={props.step} lang={props.lang} />
            </div>
            <label class="discretise">
                <input type="checkbox" data-testid="discretise" checked={*discretise} onchange={on_discretise} />
                { " " }{ props.discretise_label.clone() }
            </label>
            if let Some(e) = &*error {
                <figcaption class="message" role="alert">{ format!("{} {e}", props.lang.t(Key::ChartFailed)) }</figcaption>
            }
        </figure>
    }
}

/// Properties of [`Overlay`].
#[derive(Properties, PartialEq)]
struct OverlayProps {
    task: Task,
    train: Rc<Dataset>,
    test: Rc<Dataset>,
    sample: usize,
    on_pick: Callback<usize>,
    editing: bool,
    on_edit: Callback<Edit>,
}

/// Where sample `i` of `data` is drawn, if it has two inputs.
fn place(grid: &Grid, data: &Dataset, i: usize) -> Option<[f64; 2]> {
    let x = data.input(i);
    (x.len() >= 2).then(|| grid.to_picture([x[0], x[1]]))
}

/// The samples over the heatmap, in its picture units. Kept apart from the heatmap so that a new
/// network (every frame while training) does not redraw the points.
#[component]
fn Overlay(props: &OverlayProps) -> Html {
    let svg = use_node_ref();
    let grid = Grid::new(RESOLUTION);
    let onclick = {
        let (svg, train, on_pick) = (svg.clone(), props.train.clone(), props.on_pick.clone());
        Callback::from(move |e: MouseEvent| {
            // On a point: that point. Elsewhere: the nearest point within reach, if any.
            let target = e.target().and_then(|t| t.dyn_into::<Element>().ok());
            if let Some(i) = target
                .and_then(|t| t.get_attribute("data-index"))
                .and_then(|s| s.parse().ok())
            {
                on_pick.emit(i);
                return;
            }
            let Some(svg) = svg.cast::<Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if !(rect.width() > 0.0 && rect.height() > 0.0) {
                return;
            }
            let size = grid.resolution as f64;
            let p = [
                (f64::from(e.client_x()) - rect.left()) * size / rect.width(),
                (f64::from(e.client_y()) - rect.top()) * size / rect.height(),
            ];
            if let Some(i) = grid.nearest(&train, p, PICK_REACH_PX * size / rect.width()) {
                on_pick.emit(i);
            }
        })
    };
    // While editing: a press and a release of the same pointer close together are a tap (a
    // mouse click, a finger or a pen), which adds a point there or removes the one under it.
    let pressed = use_mut_ref(|| None::<(i32, f64, f64)>);
    let onpointerdown = {
        let pressed = pressed.clone();
        Callback::from(move |e: PointerEvent| {
            *pressed.borrow_mut() = Some((e.pointer_id(), f64::from(e.client_x()), f64::from(e.client_y())));
        })
    };
    let onpointerup = {
        let (svg, train, test, on_edit) = (
            svg.clone(),
            props.train.clone(),
            props.test.clone(),
            props.on_edit.clone(),
        );
        Callback::from(move |e: PointerEvent| {
            let (x, y) = (f64::from(e.client_x()), f64::from(e.client_y()));
            let Some((id, x0, y0)) = pressed.borrow_mut().take() else {
                return;
            };
            let Some(svg) = svg.cast::<Element>() else {
                return;
            };
            let rect = svg.get_bounding_client_rect();
            if id != e.pointer_id()
                || (x - x0).hypot(y - y0) > TAP_SLOP_PX
                || !(rect.width() > 0.0 && rect.height() > 0.0)
            {
                return;
            }
            let size = grid.resolution as f64;
            let p = [
                (x - rect.left()) * size / rect.width(),
                (y - rect.top()) * size / rect.height(),
            ];
            let edit = match grid.point_at(&train, &test, p, PICK_REACH_PX * size / rect.width()) {
                Some((test, index)) => Edit::Remove { test, index },
                None => Edit::Add {
                    at: grid.to_plane(p),
                    other: e.shift_key(),
                },
            };
            on_edit.emit(edit);
        })
    };
    let (onclick, onpointerdown, onpointerup) = if props.editing {
        (None, Some(onpointerdown), Some(onpointerup))
    } else {
        (Some(onclick), None, None)
    };
    let cursor = if props.editing { "crosshair" } else { "pointer" };
    let color = |data: &Dataset, i: usize| label_color(props.task, data.target(i)).css();
    let train = (0..props.train.len()).filter_map(|i| place(&grid, &props.train, i).map(|p| (i, p)));
    let test = (0..props.test.len()).filter_map(|i| place(&grid, &props.test, i).map(|p| (i, p)));
    let ring = if props.sample < props.train.len() {
        place(&grid, &props.train, props.sample)
    } else {
        None
    };
    let side = RESOLUTION;
    html! {
        <svg ref={svg} class="boundary-points" viewBox={format!("0 0 {side} {side}")} preserveAspectRatio="none"
            style={format!("position: absolute; inset: 0; width: 100%; height: 100%; cursor: {cursor}")}
            data-editing={props.editing.to_string()} {onclick} {onpointerdown} {onpointerup}>
            <text x="1.5" y="5" font-size="4" fill="#52606d" pointer-events="none">{ "x₂" }</text>
            <text x={(side as f64 - 1.5).to_string()} y={(side as f64 - 1.5).to_string()} font-size="4"
                text-anchor="end" fill="#52606d" pointer-events="none">{ "x₁" }</text>
            { for test.map(|(i, [x, y])| html! {
                <circle data-testid={format!("test-point-{i}")} cx={x.to_string()} cy={y.to_string()}
                    r={POINT_RADIUS.to_string()} fill="none" stroke={color(&props.test, i)} stroke-width="0.6"
                    pointer-events="none" />
            }) }
            { for train.map(|(i, [x, y])| html! {
                <circle data-testid={format!("point-{i}")} data-index={i.to_string()} cx={x.to_string()}
                    cy={y.to_string()} r={POINT_RADIUS.to_string()} fill={color(&props.train, i)}
                    stroke={NEUTRAL.css()} stroke-width="0.35" />
            }) }
            if let Some([x, y]) = ring {
                <circle data-testid="chosen-sample" cx={x.to_string()} cy={y.to_string()} r={RING_RADIUS.to_string()}
                    fill="none" stroke="#102a43" stroke-width="0.6" pointer-events="none" />
            }
        </svg>
    }
}
