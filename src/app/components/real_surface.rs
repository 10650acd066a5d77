//! The real network's own loss surface: the cost of the network trained on the main screen on a
//! plane through its weights (along two picked weights or two random filter-normalised
//! directions), computed a few rows per display frame, with the training path and the current
//! weights on it.

use super::canvas::{context_2d, js_error, put_rgba};
use super::cost_chart::{fitted_backend, use_resize_count};
use super::every_frame;
use super::on_screen::use_on_screen;
use super::turning::use_turning;
use crate::app::draw::surface::{draw_surface_3d, Trail};
use crate::app::explain::Focus;
use crate::app::i18n::{Key, Lang};
use crate::app::real_surface::{
    cells_per_frame, draw_map, extent_for, project_path, slice_for, Directions, SurfaceGrid, DIRECTIONS_SEED, GRID,
    PATH_COLOR,
};
use crate::app::surface_state::{View, DEFAULT_VIEW};
use crate::core::{Dataset, History, Loss, Network};
use plotters::prelude::IntoDrawingArea;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};
use yew::prelude::*;

/// Height of the map, in CSS pixels.
const CSS_HEIGHT: f64 = 360.0;
/// The width drawn at while the canvas is not laid out (CSS pixels).
const FALLBACK_WIDTH: f64 = 400.0;

/// Properties of [`RealSurface`].
#[derive(Properties, PartialEq)]
pub struct RealSurfaceProps {
    /// The page's language.
    pub lang: Lang,
    /// The network being trained, with its current weights.
    pub network: Network,
    /// The loss it is trained on.
    pub loss: Loss,
    /// The training set the cost is measured on.
    pub train: Rc<Dataset>,
    /// The weights after the recorded steps of this run.
    pub path: Rc<History>,
    /// The weights picked as axes, oldest first (at most two).
    pub axes: Vec<Focus>,
    /// The picked weights' names, in the order of `axes`.
    pub axis_names: Vec<String>,
    /// Whether the main screen is training: the 3-D view then follows the path a few times a second.
    #[prop_or_default]
    pub playing: bool,
}

/// What the grid was built for: when any of it changes, a new slice is taken.
#[derive(Clone, Debug, PartialEq)]
struct Built {
    recentred: u32,
    directions: Directions,
    axes: Vec<Focus>,
    sizes: Vec<usize>,
    train: *const Dataset,
    loss: Loss,
}

/// What the panel keeps between renders.
#[derive(Default)]
struct Store {
    grid: Option<SurfaceGrid>,
    built: Option<Built>,
    /// Goes up with each new grid, to restart the computation.
    generation: u32,
    image: Option<HtmlCanvasElement>,
    pixels: Vec<u8>,
    width: Option<(u32, f64)>,
    /// The 3-D canvas's measured width.
    width_3d: Option<(u32, f64)>,
    /// What the 3-D view last showed (the grid's generation, the view, the window's resizes), and
    /// renders since.
    shown_3d: Option<((u32, View, u32), u32)>,
}

/// Renders between two drawings of the 3-D view while only the path moves: its mesh is the costly
/// part of a frame, and the ball moving a few times a second is enough to follow it.
const RENDERS_PER_3D_PATH: u32 = 6;

/// Draws the surface in 3-D on `canvas` once the grid is complete (a part of it would be a
/// surface with holes): the costs as heights, the path on them and the current weights' ball.
fn paint_3d(
    canvas: Option<HtmlCanvasElement>,
    store: &mut Store,
    path: &[[f64; 2]],
    view: View,
    resized: u32,
    playing: bool,
) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let Some(grid) = store.grid.as_ref().filter(|g| g.done()) else {
        return Ok(());
    };
    let now = (store.generation, view, resized);
    match store.shown_3d {
        Some((shown, renders)) if playing && shown == now && renders + 1 < RENDERS_PER_3D_PATH => {
            store.shown_3d = Some((shown, renders + 1));
            return Ok(());
        }
        _ => store.shown_3d = Some((now, 0)),
    }
    let (backend, scale) = fitted_backend(&canvas, FALLBACK_WIDTH, CSS_HEIGHT, &mut store.width_3d, resized)?;
    let trail = Trail {
        color: PATH_COLOR,
        path,
        ball: path.last().copied().unwrap_or([0.0, 0.0]),
    };
    draw_surface_3d(
        &backend.into_drawing_area(),
        grid.bounds(),
        grid.scale(),
        &|alpha, beta| grid.value_at(alpha, beta),
        &[trail],
        view,
        scale,
    )
    .map(drop)
    .map_err(|e| e.to_string())
}

/// A small canvas holding the grid's pixels, one per cell, made once.
fn image_canvas(store: &mut Option<HtmlCanvasElement>, n: u32) -> Result<HtmlCanvasElement, String> {
    if let Some(image) = store.as_ref().filter(|c| c.width() == n) {
        return Ok(image.clone());
    }
    let image: HtmlCanvasElement = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("the page has no document")?
        .create_element("canvas")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no canvas could be made".to_string())?;
    image.set_width(n);
    image.set_height(n);
    *store = Some(image.clone());
    Ok(image)
}

/// Draws the map on `canvas`: the grid's colours so far, the path and the dot.
fn paint(canvas: Option<HtmlCanvasElement>, store: &mut Store, path: &[[f64; 2]], resized: u32) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let Some(grid) = store.grid.as_ref() else {
        return Ok(());
    };
    let (backend, scale) = fitted_backend(&canvas, FALLBACK_WIDTH, CSS_HEIGHT, &mut store.width, resized)?;
    let n = grid.n() as u32;
    let image = image_canvas(&mut store.image, n)?;
    grid.rgba(&mut store.pixels);
    put_rgba(&image, &store.pixels, n, n)?;
    let context = context_2d(&canvas)?;
    let mut underlay = Ok(());
    // Each cell's colour is the cost at its centre: the image's edges are half a cell outside the window.
    let half = 0.5 / f64::from(n - 1);
    draw_map(
        &backend.into_drawing_area(),
        grid.bounds(),
        &grid.scale(),
        &grid.contours(),
        path,
        scale,
        |(x0, y0), (x1, y1)| {
            let (w, h) = (f64::from(x1 - x0), f64::from(y1 - y0));
            context.save();
            context.rect(f64::from(x0), f64::from(y0), w, h);
            context.clip();
            context.set_image_smoothing_enabled(true);
            underlay = context
                .draw_image_with_html_canvas_element_and_dw_and_dh(
                    &image,
                    f64::from(x0) - half * w,
                    f64::from(y0) - half * h,
                    w * (1.0 + 2.0 * half),
                    h * (1.0 + 2.0 * half),
                )
                .map_err(js_error);
            context.restore();
        },
    )
    .map_err(|e| e.to_string())?;
    underlay
}

/// The real network's loss surface: a menu of directions, a re-centre button, the progress of the
/// grid, the map with the training path and the current weights, and the axes' names.
#[component]
pub fn RealSurface(props: &RealSurfaceProps) -> Html {
    let lang = props.lang;
    let directions = use_state_eq(|| Directions::Random);
    let recentred = use_state_eq(|| 0u32);
    let progress = use_state_eq(|| 0usize);
    let store = use_mut_ref(Store::default);
    let canvas = use_node_ref();
    let canvas_3d = use_node_ref();
    let view = use_state_eq(|| DEFAULT_VIEW);
    let turning = {
        let (turn, zoom) = (view.clone(), view.clone());
        use_turning(
            Callback::from(move |(yaw, pitch)| turn.set(turn.turned(yaw, pitch))),
            Callback::from(move |factor| zoom.set(zoom.zoomed(factor))),
        )
    };
    let error = use_state_eq(|| None::<String>);
    let resized = use_resize_count();
    // Far down the page: no grid filled, path projected or view drawn until scrolled to.
    let section = use_node_ref();
    let on_screen = use_on_screen(section.clone());
    {
        // Two weights just picked: show the plane along them.
        let directions = directions.clone();
        use_effect_with(props.axes.clone(), move |axes| {
            if axes.len() == 2 {
                directions.set(Directions::Picked);
            }
        });
    }
    let wanted = Built {
        recentred: *recentred,
        directions: *directions,
        axes: if *directions == Directions::Picked {
            props.axes.clone()
        } else {
            Vec::new()
        },
        sizes: props.network.sizes().to_vec(),
        train: Rc::as_ptr(&props.train),
        loss: props.loss,
    };
    let (generation, done, percent, path) = {
        let mut store = store.borrow_mut();
        if on_screen && store.built.as_ref() != Some(&wanted) {
            let slice = slice_for(&props.network, *directions, &props.axes, DIRECTIONS_SEED);
            store.grid = slice.map(|slice| {
                let path = project_path(&slice, props.path.snapshots(), props.network.params());
                let extent = extent_for(&path, directions.extent());
                SurfaceGrid::new(slice, &props.network, props.loss, props.train.clone(), GRID, extent)
            });
            store.built = Some(wanted);
            store.generation = store.generation.wrapping_add(1);
        }
        let path = store.grid.as_ref().filter(|_| on_screen).map_or_else(Vec::new, |g| {
            project_path(g.slice(), props.path.snapshots(), props.network.params())
        });
        let (done, percent) = store.grid.as_ref().map_or((true, 0), |g| (g.done(), g.percent()));
        (store.generation, done, percent, path)
    };
    {
        // A chunk of cells each display frame until the grid is complete.
        let (store, progress) = (store.clone(), progress.setter());
        let chunk = cells_per_frame(&props.network, props.train.len());
        use_effect_with((generation, done, on_screen), move |&(_, done, on_screen)| {
            let frames = (!done && on_screen).then(|| {
                every_frame(move || {
                    let mut store = store.borrow_mut();
                    if let Some(grid) = store.grid.as_mut() {
                        grid.compute(chunk);
                        progress.set(grid.costs().len());
                    }
                })
            });
            move || drop(frames)
        });
    }
    {
        let (store, canvas, canvas_3d, error, path) = (
            store.clone(),
            canvas.clone(),
            canvas_3d.clone(),
            error.clone(),
            path.clone(),
        );
        let (view, playing) = (*view, props.playing);
        use_effect(move || {
            if !on_screen {
                return;
            }
            let mut store = store.borrow_mut();
            let painted = paint(canvas.cast(), &mut store, &path, resized)
                .and_then(|()| paint_3d(canvas_3d.cast(), &mut store, &path, view, resized, playing));
            error.set(painted.err());
        });
    }
    // Read only so that each chunk re-renders the panel.
    let _ = *progress;
    let on_directions = {
        let directions = directions.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(d) = Directions::from_name(&select.value()) {
                directions.set(d);
            }
        })
    };
    let on_recentre = {
        let recentred = recentred.clone();
        Callback::from(move |_: MouseEvent| recentred.set(recentred.wrapping_add(1)))
    };
    let names: [String; 2] = match (*directions, props.axis_names.as_slice()) {
        (Directions::Picked, [.., a, b]) => [a.clone(), b.clone()],
        _ => [1, 2].map(|k| format!("{} {k}", lang.t(Key::RandomDirection))),
    };
    let picked_missing = *directions == Directions::Picked && !matches!(*store.borrow(), Store { grid: Some(_), .. });
    html! {
        <section ref={section} class="panel real-surface" data-testid="real-surface">
            <super::ExportPng picture={super::Picture::RealSurface} {lang} />
            <h2>{ lang.t(Key::RealSurfaceTitle) }</h2>
            <p class="hint">{ lang.t(Key::RealSurfaceHint) }</p>
            <div class="buttons">
                <label>
                    <span>{ lang.t(Key::RealSurfaceDirections) }{ " " }</span>
                    <select data-testid="real-surface-directions" onchange={on_directions}>
                        { for Directions::ALL.iter().map(|&d| html! {
                            <option value={d.name()} selected={d == *directions}>
                                { lang.t(match d {
                                    Directions::Picked => Key::DirectionsPicked,
                                    Directions::Random => Key::DirectionsRandom,
                                }) }
                            </option>
                        }) }
                    </select>
                </label>
                <button class="secondary" data-testid="real-surface-recentre" onclick={on_recentre}>
                    { lang.t(Key::Recentre) }
                </button>
                <span class="progress">
                    { lang.t(Key::SurfaceComputed) }{ lang.colon() }
                    <output data-testid="real-surface-progress" data-value={percent.to_string()}>
                        { format!("{percent} %") }
                    </output>
                </span>
            </div>
            if picked_missing {
                <p class="hint" data-testid="real-surface-pick">{ lang.t(Key::PickTwoWeights) }</p>
            }
            <div class="real-surface-views">
                <canvas ref={canvas} class="real-surface-map" role="img" aria-label={lang.t(Key::RealSurfaceLabel)}
                    data-testid="real-surface-map" />
                <canvas ref={canvas_3d} class="real-surface-map" role="img" aria-label={lang.t(Key::Surface3dLabel)}
                    data-testid="real-surface-3d" style="cursor: grab; touch-action: none"
                    onpointerdown={turning.onpointerdown} onpointermove={turning.onpointermove}
                    onpointerup={turning.onpointerup.clone()} onpointercancel={turning.onpointerup} onwheel={turning.onwheel} />
            </div>
            <dl class="readout axes">
                <dt>{ "α →" }</dt>
                <dd data-testid="real-surface-axis-x">{ &names[0] }</dd>
                <dt>{ "β ↑" }</dt>
                <dd data-testid="real-surface-axis-y">{ &names[1] }</dd>
            </dl>
            if let Some(e) = &*error {
                <p class="message" role="alert">{ e }</p>
            }
        </section>
    }
}
