//! The toy-landscape panel: gradient descent on a function of two variables, drawn as a map
//! from above (click to place the start) and as a 3-D surface (drag to turn, wheel to zoom),
//! with up to four optimizers racing, each with its own learning rate. Its state is its own
//! ([`SurfaceState`]), apart from the main screen's.

use super::canvas::{context_2d, js_error, put_rgba};
use super::cost_chart::{fitted_backend, use_resize_count};
use super::every_frame;
use super::on_screen::use_on_screen;
use super::turning::{use_turning, ZOOM_STEP};
use crate::app::draw::surface::{
    contour_lines_of, draw_3d, draw_contour, heatmap_rgba, ContourFrame, ValueScale, HEAT_RESOLUTION,
};
use crate::app::format;
use crate::app::i18n::{Key, Lang};
use crate::app::surface_state::{
    minimum_kind, status_key, RunState, Status, SurfaceAction, SurfaceFacts, SurfaceState, MAX_RUNNERS, SPEEDS,
};
use crate::core::{OptimizerKind, Surface};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Height of each picture, in CSS pixels.
const CSS_HEIGHT: f64 = 340.0;
/// The width drawn at while a canvas is not laid out (CSS pixels).
const FALLBACK_WIDTH: f64 = 400.0;
/// The learning-rate sliders' range, as powers of ten.
const RATE_EXPONENTS: (f64, f64) = (-4.0, 0.5);

/// The menu's words for a surface.
fn surface_key(surface: Surface) -> Key {
    match surface {
        Surface::Bowl => Key::SurfaceBowl,
        Surface::Valley => Key::SurfaceValley,
        Surface::Rosenbrock => Key::SurfaceRosenbrock,
        Surface::Himmelblau => Key::SurfaceHimmelblau,
        Surface::Saddle => Key::SurfaceSaddle,
        Surface::Rastrigin => Key::SurfaceRastrigin,
        Surface::TwoMinima => Key::SurfaceTwoMinima,
    }
}

/// The legend's words for a ball's state on `surface`.
fn state_key(surface: Surface, state: RunState) -> Key {
    match state {
        RunState::NotStarted => Key::SurfaceNotStarted,
        RunState::Is(status) => status_key(surface, status),
    }
}

/// A value of f for the legend: four decimals when small, fewer when large, a dash if not finite.
fn value_text(v: f64) -> String {
    let decimals = if v.abs() < 10.0 {
        4
    } else if v.abs() < 1000.0 {
        2
    } else {
        0
    };
    format::fixed(v, decimals)
}

/// The map's colour image of a surface on a small canvas of its own, made once per surface.
type HeatImage = Option<(Surface, HtmlCanvasElement)>;

fn heat_image(store: &mut HeatImage, surface: Surface) -> Result<HtmlCanvasElement, String> {
    if let Some((s, image)) = store {
        if *s == surface {
            return Ok(image.clone());
        }
    }
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("the page has no document")?;
    let image: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no canvas could be made".to_string())?;
    let n = HEAT_RESOLUTION as u32;
    image.set_width(n);
    image.set_height(n);
    let mut pixels = Vec::new();
    heatmap_rgba(surface, &ValueScale::of(surface), HEAT_RESOLUTION, &mut pixels);
    put_rgba(&image, &pixels, n, n)?;
    *store = Some((surface, image.clone()));
    Ok(image)
}

/// What the canvases keep between renders.
#[derive(Default)]
struct Canvases {
    heat: HeatImage,
    /// The map's contour lines, made once per surface.
    contours: Option<(Surface, Vec<Vec<[f64; 2]>>)>,
    /// Where the map was drawn, and the canvas's CSS width then: to map a click to a point.
    frame: Option<(ContourFrame, f64)>,
    contour_width: Option<(u32, f64)>,
    surface_width: Option<(u32, f64)>,
}

/// Draws the map on `canvas`.
fn paint_contour(
    canvas: Option<HtmlCanvasElement>,
    store: &mut Canvases,
    state: &SurfaceState,
    resized: u32,
) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let (backend, scale) = fitted_backend(&canvas, FALLBACK_WIDTH, CSS_HEIGHT, &mut store.contour_width, resized)?;
    let image = heat_image(&mut store.heat, state.surface)?;
    let surface = state.surface;
    let contours = match &store.contours {
        Some((s, lines)) if *s == surface => lines,
        _ => {
            &store
                .contours
                .insert((surface, contour_lines_of(surface, &ValueScale::of(surface))))
                .1
        }
    };
    let context = context_2d(&canvas)?;
    let css_width = f64::from(canvas.width()) / scale;
    let mut underlay = Ok(());
    let frame = draw_contour(
        &backend.into_drawing_area(),
        state,
        contours,
        scale,
        |(x0, y0), (x1, y1)| {
            context.set_image_smoothing_enabled(true);
            underlay = context
                .draw_image_with_html_canvas_element_and_dw_and_dh(
                    &image,
                    f64::from(x0),
                    f64::from(y0),
                    f64::from(x1 - x0),
                    f64::from(y1 - y0),
                )
                .map_err(js_error);
        },
    )
    .map_err(|e| e.to_string())?;
    underlay?;
    store.frame = Some((frame, css_width));
    Ok(())
}

/// Draws the 3-D surface on `canvas`.
fn paint_surface(
    canvas: Option<HtmlCanvasElement>,
    store: &mut Canvases,
    state: &SurfaceState,
    resized: u32,
) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let (backend, scale) = fitted_backend(&canvas, FALLBACK_WIDTH, CSS_HEIGHT, &mut store.surface_width, resized)?;
    draw_3d(&backend.into_drawing_area(), state, state.view, scale).map_err(|e| e.to_string())?;
    Ok(())
}

/// Properties of [`SurfaceLab`].
#[derive(Properties, PartialEq, Default)]
pub struct SurfaceLabProps {
    /// The page's language.
    #[prop_or_default]
    pub lang: Lang,
    /// A lesson's chapter on the panel: the surface it starts on and its ball's learning rate.
    /// The panel starts afresh so whenever this changes to a chapter.
    #[prop_or_default]
    pub lesson: Option<(Surface, f64)>,
    /// Receives what the chapter's task looks for, whenever it changes (only in a chapter).
    #[prop_or_default]
    pub on_facts: Option<Callback<SurfaceFacts>>,
}

/// Gradient descent on the toy surfaces: a menu of seven surfaces, the map and the 3-D view side
/// by side, Step, Play, Reset, Random restarts, and the legend of racing optimizers (each with
/// its optimizer, live learning rate, colour, current value, step count and state).
#[component]
pub fn SurfaceLab(props: &SurfaceLabProps) -> Html {
    let lang = props.lang;
    let state = use_reducer(SurfaceState::default);
    let contour = use_node_ref();
    let surface_3d = use_node_ref();
    let store = use_mut_ref(Canvases::default);
    let error = use_state_eq(|| None::<String>);
    let resized = use_resize_count();
    // Far down the page: nothing drawn until scrolled to.
    let section = use_node_ref();
    let on_screen = use_on_screen(section.clone());
    {
        let dispatcher = state.dispatcher();
        use_effect_with(props.lesson, move |&lesson| {
            if let Some((surface, rate)) = lesson {
                dispatcher.dispatch(SurfaceAction::Begin(surface, rate));
            }
        });
    }
    {
        let facts = props.on_facts.as_ref().map(|_| state.facts());
        let on_facts = props.on_facts.clone();
        use_effect_with(facts, move |facts| {
            if let (Some(facts), Some(on_facts)) = (facts, on_facts) {
                on_facts.emit(facts.clone());
            }
        });
    }
    let turning = {
        let (turn, zoom) = (state.dispatcher(), state.dispatcher());
        use_turning(
            Callback::from(move |(yaw, pitch)| turn.dispatch(SurfaceAction::Rotate { yaw, pitch })),
            Callback::from(move |factor| zoom.dispatch(SurfaceAction::Zoom(factor))),
        )
    };
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.playing, move |&playing| {
            // One tick a display frame while playing; dropping the handle stops it.
            let frames = playing.then(|| every_frame(move || dispatcher.dispatch(SurfaceAction::Tick)));
            move || drop(frames)
        });
    }
    {
        // Both pictures after every render on screen: a render means the state (or the size,
        // or whether it is on screen) changed.
        let (state, contour, surface_3d, store, error) = (
            state.clone(),
            contour.clone(),
            surface_3d.clone(),
            store.clone(),
            error.clone(),
        );
        use_effect(move || {
            if !on_screen {
                return;
            }
            let mut store = store.borrow_mut();
            let result = paint_contour(contour.cast(), &mut store, &state, resized)
                .and_then(|()| paint_surface(surface_3d.cast(), &mut store, &state, resized));
            error.set(result.err());
        });
    }
    let send = |action: SurfaceAction| {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(action))
    };
    let on_surface = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(s) = Surface::ALL.into_iter().find(|s| s.name() == select.value()) {
                dispatcher.dispatch(SurfaceAction::PickSurface(s));
            }
        })
    };
    let on_speed = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(speed) = select.value().parse() {
                dispatcher.dispatch(SurfaceAction::SetSpeed(speed));
            }
        })
    };
    let on_place = {
        let (dispatcher, contour, store) = (state.dispatcher(), contour.clone(), store.clone());
        Callback::from(move |e: MouseEvent| {
            let (Some(canvas), Some((frame, width))) = (contour.cast::<Element>(), store.borrow().frame) else {
                return;
            };
            let rect = canvas.get_bounding_client_rect();
            if rect.width() > 0.0 {
                let k = width / rect.width();
                let x = (f64::from(e.client_x()) - rect.left()) * k;
                let y = (f64::from(e.client_y()) - rect.top()) * k;
                if let Some(p) = frame.point_at(x, y) {
                    dispatcher.dispatch(SurfaceAction::SetStart(p));
                }
            }
        })
    };
    let rows = state.runners.iter().enumerate().map(|(i, runner)| {
        let on_kind = {
            let dispatcher = state.dispatcher();
            Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                if let Some(kind) = OptimizerKind::ALL.into_iter().find(|k| k.name() == select.value()) {
                    dispatcher.dispatch(SurfaceAction::SetOptimizer(i, kind));
                }
            })
        };
        let on_rate = {
            let dispatcher = state.dispatcher();
            Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                if let Ok(exponent) = input.value().parse::<f64>() {
                    dispatcher.dispatch(SurfaceAction::SetRate(i, 10f64.powf(exponent)));
                }
            })
        };
        let kind = runner.kind();
        let diverged = runner.status == Status::Diverged;
        html! {
            <tr data-testid={format!("surface-runner-{i}")} data-x={runner.position[0].to_string()}
                data-y={runner.position[1].to_string()}>
                <td class="swatch"><span aria-hidden="true" style={format!("background: {}", runner.color.css())} /></td>
                <td>
                    <select data-testid={format!("surface-optimizer-{i}")} onchange={on_kind}
                        aria-label={lang.t(Key::Optimizer)}>
                        { for OptimizerKind::ALL.iter().map(|&k| html! {
                            <option value={k.name()} selected={k == kind}>{ lang.optimizer(k) }</option>
                        }) }
                    </select>
                </td>
                <td class="rate">
                    <input type="range" data-testid={format!("surface-rate-{i}")} aria-label={lang.t(Key::LearningRate)}
                        min={RATE_EXPONENTS.0.to_string()} max={RATE_EXPONENTS.1.to_string()} step="0.05"
                        value={runner.rate.log10().to_string()} oninput={on_rate} />
                    <output data-testid={format!("surface-rate-value-{i}")}>
                        { format!(" η = {}", format::rate(runner.rate)) }
                    </output>
                </td>
                <td class="num" data-testid={format!("surface-value-{i}")}>{ value_text(runner.value) }</td>
                <td class="num" data-testid={format!("surface-steps-{i}")}>{ runner.steps }</td>
                <td class={classes!("state", diverged.then_some("diverged"))} data-testid={format!("surface-status-{i}")}
                    role={diverged.then_some("status")}>
                    { lang.t(state_key(state.surface, runner.run_state())) }
                    if let Some(landing) = runner.landing {
                        <span class="landing" data-testid={format!("surface-landing-{i}")}
                            data-minimum={landing.minimum.to_string()} data-step={landing.step.to_string()}>
                            { lang.landed(minimum_kind(state.surface, landing.minimum), landing.step) }
                        </span>
                    }
                </td>
                <td>
                    if state.runners.len() > 1 {
                        <button class="secondary" data-testid={format!("surface-remove-{i}")}
                            onclick={send(SurfaceAction::RemoveRunner(i))}>{ lang.t(Key::RemoveOptimizer) }</button>
                    }
                </td>
            </tr>
        }
    });
    let picture = "width: 100%; height: 340px; display: block; border: 1px solid #d9e2ec; border-radius: 4px";
    html! {
        <section class="panel surface-lab" data-testid="surface-lab" ref={section}>
            <super::ExportPng picture={super::Picture::Surface} {lang} />
            <h2>{ lang.t(Key::SurfaceTitle) }</h2>
            <p class="hint">{ lang.t(Key::SurfaceHint) }</p>
            <div class="surface-controls" style="display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 8px">
                <label>
                    { lang.t(Key::SurfaceFunction) }{ " " }
                    <select data-testid="surface-function" onchange={on_surface}>
                        { for Surface::ALL.iter().map(|&s| html! {
                            <option value={s.name()} selected={s == state.surface}>{ lang.t(surface_key(s)) }</option>
                        }) }
                    </select>
                </label>
                <button data-testid="surface-step" onclick={send(SurfaceAction::Step)}>{ lang.t(Key::Step) }</button>
                <button data-testid="surface-play" onclick={send(SurfaceAction::TogglePlay)} aria-pressed={state.playing.to_string()}>
                    { lang.t(if state.playing { Key::Pause } else { Key::Play }) }
                </button>
                <button class="secondary" data-testid="surface-reset" onclick={send(SurfaceAction::Reset)}>{ lang.t(Key::Reset) }</button>
                <button class="secondary" data-testid="surface-restarts" onclick={send(SurfaceAction::RandomRestarts)}
                    title={lang.t(Key::RandomRestartsTitle)}>{ lang.t(Key::RandomRestarts) }</button>
                <label>
                    { lang.t(Key::Speed) }{ " " }
                    <select data-testid="surface-speed" onchange={on_speed}>
                        { for SPEEDS.iter().map(|&s| html! {
                            <option value={s.to_string()} selected={s == state.speed}>{ format!("{s}×") }</option>
                        }) }
                    </select>
                </label>
            </div>
            <div class="surface-views" style="display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 12px">
                <figure style="margin: 0">
                    <canvas ref={contour} data-testid="surface-contour" width="400" height="340" role="img"
                        aria-label={lang.t(Key::SurfaceContourLabel)} style={format!("{picture}; cursor: crosshair")}
                        onclick={on_place} />
                </figure>
                <figure style="margin: 0; position: relative">
                    <canvas ref={surface_3d} data-testid="surface-3d" width="400" height="340" role="img"
                        aria-label={lang.t(Key::Surface3dLabel)} style={format!("{picture}; cursor: grab; touch-action: none")}
                        onpointerdown={turning.onpointerdown} onpointermove={turning.onpointermove}
                        onpointerup={turning.onpointerup.clone()} onpointercancel={turning.onpointerup} onwheel={turning.onwheel} />
                    <div style="position: absolute; top: 6px; right: 6px; display: flex; gap: 4px">
                        <button class="secondary" data-testid="surface-zoom-in" title={lang.t(Key::ZoomIn)}
                            aria-label={lang.t(Key::ZoomIn)} onclick={send(SurfaceAction::Zoom(ZOOM_STEP))}>{ "+" }</button>
                        <button class="secondary" data-testid="surface-zoom-out" title={lang.t(Key::ZoomOut)}
                            aria-label={lang.t(Key::ZoomOut)} onclick={send(SurfaceAction::Zoom(1.0 / ZOOM_STEP))}>{ "−" }</button>
                    </div>
                </figure>
            </div>
            <p class="hint" style="margin: 6px 0">{ lang.t(Key::ArrowLegend) }</p>
            <div class="surface-table-wrap">
                <table class="surface-table" data-testid="surface-optimizers">
                    <thead>
                        <tr>
                            // The colour and the remove button need no heading (an empty <th>
                            // would be announced as a heading of nothing).
                            <td class="swatch"></td>
                            <th scope="col">{ lang.t(Key::Optimizer) }</th>
                            <th scope="col">{ lang.t(Key::LearningRate) }</th>
                            <th scope="col" class="num">{ lang.t(Key::SurfaceValue) }</th>
                            <th scope="col" class="num">{ lang.t(Key::SurfaceSteps) }</th>
                            <th scope="col">{ lang.t(Key::SurfaceStatus) }</th>
                            <td></td>
                        </tr>
                    </thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if state.runners.len() < MAX_RUNNERS {
                <button class="secondary" data-testid="surface-add" onclick={send(SurfaceAction::AddRunner)}
                    style="margin-top: 6px">{ lang.t(Key::AddOptimizer) }</button>
            }
            <p class="hint" data-testid="surface-local-minimum">{ lang.t(Key::LocalMinimumNote) }</p>
            if let Some(e) = &*error {
                <p class="message" role="alert">{ format!("{} {e}", lang.t(Key::ChartFailed)) }</p>
            }
        </section>
    }
}
