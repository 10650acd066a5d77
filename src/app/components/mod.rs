//! The components: the only code that touches the DOM.

mod activation_plot;
mod boundary_view;
mod canvas;
mod classroom;
mod colour_key;
mod controls;
mod cost_chart;
mod explain_panel;
mod export_png;
mod lesson;
mod loss_bars;
mod lr_lens;
mod network_view;
mod on_screen;
mod own_data;
pub mod pictures;
mod real_surface;
mod replay;
mod settings;
mod share;
mod surface_lab;
mod turning;
mod worksheet;

pub use boundary_view::{BoundaryView, BoundaryViewProps};
pub use colour_key::{ColourKey, OutputKey};
pub use controls::{Controls, DatasetPicker, LearningRateSlider, CONTROL_PARTS};
pub use cost_chart::{CostChart, CostChartProps};
pub use explain_panel::ExplainPanel;
pub use export_png::{ExportPng, Picture};
pub use loss_bars::{SampleLossBars, SampleLossBarsProps};
pub use network_view::{drawing_width, layer_title, NetworkView};
pub use real_surface::{RealSurface, RealSurfaceProps};
pub use replay::{Replay, ReplayProps};
pub use settings::{DataSettingsView, NetworkSettings, TrainingSettings};
pub use surface_lab::SurfaceLab;

use crate::app::draw::network::{picture, LayerKind, Show, WIDTH};
use crate::app::explain::{Focus, Formulas, Phase};
use crate::app::format::{fixed, percent_encode};
use crate::app::i18n::{Key, Lang};
use crate::app::lesson_words::LessonLabel;
use crate::app::settings::view::{Part, Parts};
use crate::app::state::{run_names, Action, Chapter, Clock, Lab, Notice, Viewed};
use crate::core::{model, Activation, DatasetKind, Regularization};
use gloo_events::{EventListener, EventListenerOptions};
use gloo_render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, HtmlInputElement, HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

/// While training runs, the numbers written in the neurons and in the explanation are rewritten
/// every this many frames.
const FRAMES_PER_NUMBER: u32 = 6;

/// Counts in `frames` the renders since training started (0 while paused) and says whether the
/// numbers shown are due to be rewritten: at every render while paused, every
/// [`FRAMES_PER_NUMBER`]th while training runs.
fn numbers_due(frames: &mut u32, playing: bool) -> bool {
    *frames = if playing { frames.wrapping_add(1) } else { 0 };
    frames.is_multiple_of(FRAMES_PER_NUMBER)
}

/// The explanation's lines last written, and for what.
#[derive(Default)]
struct Explained {
    /// Renders while training runs since it started.
    frames: u32,
    /// The focus, phase and language they were written for.
    key: Option<(Focus, Option<Phase>, Lang)>,
    lines: Rc<Vec<String>>,
    loss: f64,
    /// The numbers the phase computes for the focus, for "Try it yourself".
    asked: Rc<Vec<f64>>,
    /// The focused neuron's layer's activation, each neuron's z, and the focused one's place.
    plot: Option<(Activation, Rc<Vec<f64>>, usize)>,
}

/// Calls `tick` before every display frame until the returned handle is dropped.
fn every_frame(tick: impl Fn() + 'static) -> Rc<RefCell<Option<AnimationFrame>>> {
    fn schedule(slot: &Rc<RefCell<Option<AnimationFrame>>>, tick: Rc<dyn Fn()>) {
        // The frame's callback holds only a weak reference: dropping the handle ends the loop.
        let weak = Rc::downgrade(slot);
        let frame = request_animation_frame(move |_| {
            tick();
            if let Some(slot) = weak.upgrade() {
                schedule(&slot, tick);
            }
        });
        *slot.borrow_mut() = Some(frame);
    }
    let slot = Rc::new(RefCell::new(None));
    schedule(&slot, Rc::new(tick));
    slot
}

/// The page's clock for the frames' training budget: `performance.now()`, or the wall clock
/// (to the millisecond) where a page has no `performance`.
fn page_clock() -> Clock {
    match web_sys::window().and_then(|w| w.performance()) {
        Some(performance) => Clock::new(move || performance.now()),
        None => Clock::new(js_sys::Date::now),
    }
}

/// Whether a key press happened on a field, menu or button, which handle their own keys, or is
/// a plain arrow on the network, where the arrows move the focus.
fn on_a_control(event: &KeyboardEvent) -> bool {
    let Some(el) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
        return false;
    };
    let in_network = || el.closest(".network").ok().flatten().is_some();
    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON")
        || event.key().starts_with("Arrow") && !event.shift_key() && in_network()
}

/// The whole page: controls and settings, the network, the explanation, the output view, the charts
/// and the loss surfaces.
#[component]
pub fn App() -> Html {
    // The address's settings, or the last visit's.
    let lab = use_reducer(|| Lab::from_link(&share::starting_link()));
    // The parts hidden, for the keyboard's listener (installed once).
    let hidden_now = use_mut_ref(|| Parts::NONE);
    let hidden = lab.settings().hidden_parts;
    *hidden_now.borrow_mut() = hidden;
    let shown = |part: Part| !hidden.contains(part);
    {
        let dispatcher = lab.dispatcher();
        use_effect_with(lab.playing(), move |&playing| {
            // One tick a display frame; dropping the handle stops it: when play stops or the page goes away.
            let clock = page_clock();
            let frames = playing.then(|| every_frame(move || dispatcher.dispatch(Action::Tick(clock.clone()))));
            move || drop(frames)
        });
    }
    {
        // Keyboard: Space plays or pauses, → takes a step, Shift+→ shows the next phase, R resets;
        // not while typing or on a control, nor for a button hidden in classroom mode.
        let dispatcher = lab.dispatcher();
        let hidden = hidden_now.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                // Not passive: Space must not also scroll the page.
                let options = EventListenerOptions::enable_prevent_default();
                EventListener::new_with_options(&window, "keydown", options, move |event| {
                    let Some(key) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    if key.ctrl_key() || key.meta_key() || key.alt_key() || on_a_control(key) {
                        return;
                    }
                    let (action, part) = match (key.key().as_str(), key.shift_key()) {
                        (" ", _) => (Action::TogglePlay, Part::Play),
                        ("ArrowRight", false) => (Action::Step, Part::Step),
                        ("ArrowRight", true) => (Action::NextPhase, Part::Phase),
                        ("r" | "R", _) => (Action::Reset, Part::Reset),
                        _ => return,
                    };
                    if hidden.borrow().contains(part) {
                        return;
                    }
                    key.prevent_default();
                    dispatcher.dispatch(action);
                })
            });
            move || drop(listener)
        });
    }
    let on_action = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    share::use_link(
        lab.settings(),
        lab.lesson().chapter().map(Chapter::number),
        on_action.clone(),
    );
    {
        // The lesson as the last visit left it: the chapters done, the one open.
        let dispatcher = lab.dispatcher();
        use_effect_with((), move |_| {
            if let Some(kept) = lesson::kept_lesson() {
                dispatcher.dispatch(Action::RestoreLesson(kept.into()));
            }
        });
    }
    lesson::use_kept_lesson(lab.lesson());
    // A chapter on the toy surface: the panel set up for it, and what its task looks for sent back.
    let surface_chapter = lab.lesson().chapter().and_then(Chapter::surface);
    let on_surface_facts = {
        let dispatcher = lab.dispatcher();
        use_callback((), move |facts, _| dispatcher.dispatch(Action::SurfaceSeen(facts)))
    };
    // The same callback on every render, so the output view's points are not redrawn each frame.
    let on_pick = {
        let dispatcher = lab.dispatcher();
        use_callback((), move |sample: usize, _| {
            dispatcher.dispatch(Action::PickSample(sample))
        })
    };
    {
        // The document's language and title follow the page's, for screen readers, fonts and tabs.
        use_effect_with(lab.lang(), |lang| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(lang.t(Key::DocumentTitle));
                if let Some(root) = document.document_element() {
                    // Setting an attribute on the root element cannot fail in a browser; if it
                    // did, the page would only lose a hint.
                    let _ = root.set_attribute("lang", lang.code());
                }
            }
        });
    }
    let on_language = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(lang) = Lang::from_code(&select.value()) {
                dispatcher.dispatch(Action::SetLanguage(lang));
            }
        })
    };
    // "Try it yourself": while it is on in the walk, the network hides its numbers as well.
    let trying = use_state_eq(|| false);
    let on_try = {
        let trying = trying.clone();
        Callback::from(move |on: bool| trying.set(on))
    };
    let (sheet, on_worksheet, on_sheet_closed) = worksheet::use_worksheet(&lab);
    let on_save = {
        let lab = lab.clone();
        // The file is written when asked for, not on every frame.
        Callback::from(move |e: MouseEvent| {
            let link: HtmlAnchorElement = e.target_unchecked_into();
            link.set_href(&format!(
                "data:application/json;charset=utf-8,{}",
                percent_encode(&lab.model_json())
            ));
        })
    };
    // The reader of the model file being opened, kept until it has read the file.
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    let on_open = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Empty again, so that the same file can be opened again after an edit.
            input.set_value("");
            let dispatcher = dispatcher.clone();
            let task = gloo_file::callbacks::read_as_bytes(&gloo_file::File::from(file), move |bytes| {
                // Decoded as `trace` decodes it (a byte-order mark, UTF-16). A file that cannot
                // be read is no model file: the lab says so.
                let text = model::decode(&bytes.unwrap_or_default());
                dispatcher.dispatch(Action::LoadModel(text.into()));
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_edit = {
        let dispatcher = lab.dispatcher();
        use_callback((), move |edit, _| dispatcher.dispatch(Action::Edit(edit)))
    };
    let data_csv = {
        let lab = lab.clone();
        Callback::from(move |()| lab.data_csv())
    };
    let own_points = lab.own_data().points().map(|(train, test)| (train.len(), test.len()));
    // With the data's controls hidden (classroom mode), nothing says that clicks edit: they pick.
    let editing = lab.own_data().editing() && shown(Part::Data);
    let explained = use_mut_ref(Explained::default);
    let lang = lab.lang();
    // The network of the step shown: an earlier one while the learner looks back.
    let network = lab.shown_network();
    let inspection = lab.inspection();
    let (lens, lens_waits) = lr_lens::use_lens(lab.trainer(), lab.run().train(), lab.playing());
    let optimizer = lab.trainer().optimizer().kind();
    let show = match lab.walk().phase() {
        Some(Phase::Initialise) => Show::Weights,
        Some(Phase::Backward) => Show::Errors,
        Some(Phase::Update) => Show::Update,
        _ => Show::Activations,
    };
    // The network's drawing is as wide as its box (in SVG units, one a CSS pixel, up to WIDTH).
    let drawing = use_state(|| WIDTH);
    let on_width = {
        let drawing = drawing.clone();
        Callback::from(move |width: f64| {
            if *drawing != width {
                drawing.set(width);
            }
        })
    };
    let mut picture = picture(network, &inspection, show, *drawing);
    if let (Show::Update, Some(step)) = (show, lab.walk().step()) {
        picture.show_changes(network, &step.change);
    }
    let picture = Rc::new(picture);
    let activations: Vec<Option<Activation>> = std::iter::once(None)
        .chain(network.activations().iter().copied().map(Some))
        .collect();
    // Whether "More settings" is open, kept for the next visit.
    let more_open = use_state(|| stored(MORE_SETTINGS_KEY).as_deref() == Some("open"));
    let on_more = {
        let more_open = more_open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::HtmlDetailsElement = e.target_unchecked_into();
            let open = details.open();
            store(MORE_SETTINGS_KEY, if open { "open" } else { "closed" });
            if *more_open != open {
                more_open.set(open);
            }
        })
    };
    // Whether the classroom control is unfolded: it moves to the page's foot with the main column.
    let classroom_open = use_state(|| false);
    let classroom = {
        let (classroom_open, on_action) = (classroom_open.clone(), on_action.clone());
        let ontoggle = {
            let classroom_open = classroom_open.clone();
            Callback::from(move |open: bool| classroom_open.set(open))
        };
        move || {
            html! {
                if shown(Part::Classroom) {
                    <classroom::Classroom {lang} {hidden} open={*classroom_open} ontoggle={ontoggle.clone()}
                        on_action={on_action.clone()} />
                }
            }
        }
    };
    // Without a column (classroom mode), the panels left share the width.
    let focused = !shown(Part::Network) && !shown(Part::Settings)
        || [Part::Output, Part::Chart, Part::Bars].iter().all(|&p| !shown(p))
        || !shown(Part::Explain);
    // While training runs, the explanation's numbers (and its activation plot) are rewritten
    // every few frames, as the neurons' are: changing every frame they could not be read.
    let (lines, loss, asked, activation_plot) = {
        let mut kept = explained.borrow_mut();
        let key = (lab.selection().focus(), lab.walk().phase(), lang);
        if numbers_due(&mut kept.frames, lab.playing()) || kept.key != Some(key) {
            let formulas = Formulas::new(network, &inspection, lab.trainer().loss());
            let before = lab.walk().step().map(|s| s.before.as_slice());
            kept.lines = Rc::new(formulas.panel(
                lab.walk().phase(),
                lab.selection().focus(),
                lab.settings().learning_rate,
                before,
            ));
            kept.loss = inspection.loss;
            kept.asked = Rc::new(formulas.asked(lab.walk().phase(), lab.selection().focus()));
            // A neuron that has an activation, outside the walk or in its forward pass: its
            // layer's activation plot with every neuron of the layer at its z.
            kept.plot = match (lab.selection().focus(), lab.walk().phase()) {
                (Focus::Neuron { layer, index }, None | Some(Phase::Forward)) if layer > 0 => {
                    let zs = Rc::new(inspection.trace.z[network.neurons(layer)].to_vec());
                    Some((network.activations()[layer - 1], zs, index))
                }
                _ => None,
            };
            kept.key = Some(key);
        }
        (kept.lines.clone(), kept.loss, kept.asked.clone(), kept.plot.clone())
    };
    let title = |layer: usize| layer_title(lang, picture.columns.get(layer).map_or(LayerKind::Input, |c| c.1));
    let heading = match lab.selection().focus() {
        Focus::Neuron { layer, index } => lang.neuron_title(&title(layer), index),
        Focus::Edge { layer, from, to } => lang.weight_title(&title(layer), from, &title(layer + 1), to),
    };
    let axis_names: Vec<String> = lab
        .selection()
        .axes()
        .iter()
        .filter_map(|&focus| match focus {
            Focus::Edge { layer, from, to } => Some(lang.weight_title(&title(layer), from, &title(layer + 1), to)),
            Focus::Neuron { .. } => None,
        })
        .collect();
    let on_focus = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |focus: Focus| dispatcher.dispatch(Action::Focus(focus)))
    };
    // The readouts of the step shown: an earlier one while the learner looks back.
    let cost = lab.shown_cost();
    // While the learner looks back, the network's title says which step it shows (in the
    // title's line, which has room for it: nothing moves).
    let at_step = match lab.replay().viewing() {
        Some(v) => html! {
            <span class="at-step" data-testid="network-at-step">{ lang.history_position(v.steps(), lab.trainer().steps()) }</span>
        },
        None => html! {},
    };
    let (sample, inputs) = (
        lab.run().plane().0.input(lab.selection().sample()),
        lab.run().train().input(lab.selection().sample()),
    );
    let inputs: Vec<String> = inputs.iter().map(f64::to_string).collect();
    let answer = lab.answer();
    let answer_text = if answer.fract() == 0.0 {
        fixed(answer, 0)
    } else {
        fixed(answer, 2)
    };
    html! {
        // Under the worksheet the lab is out of the keyboard's and the screen reader's reach.
        <main class={classes!("lab", focused.then_some("focused"))} inert={matches!(&*sheet, Some(Ok(_)))}>
            <header class="top">
                <div class="title">
                    <h1>{ lang.t(Key::AppTitle) }</h1>
                    <p class="tagline">{ lang.t(Key::Tagline) }</p>
                </div>
                <div class="files">
                    if lab.lesson().chapter().is_none() {
                        <button type="button" class="lesson-open" data-testid="lesson-open" onclick={{
                            let cb = on_action.clone();
                            let first = Chapter::ALL.into_iter().find(|&c| !lab.lesson().is_done(c)).unwrap_or(Chapter::Layers);
                            Callback::from(move |_: MouseEvent| cb.emit(Action::OpenChapter(first)))
                        }}>{ lang.lesson(LessonLabel::Lesson) }</button>
                    }
                        if shown(Part::Files) {
                            <label class="open" title={lang.t(Key::OpenModelTitle)}>
                                { lang.t(Key::OpenModel) }
                                <input type="file" accept=".json,application/json" data-testid="open-model" onchange={on_open} />
                            </label>
                            <a class="save" data-testid="save-model" href="#" download="backprop-lab-model.json"
                                onclick={on_save} title={lang.t(Key::SaveModelTitle)}>{ lang.t(Key::SaveModel) }</a>
                        }
                        if shown(Part::Link) {
                            <share::CopyLink {lang} settings={lab.settings().clone()} own_points={own_points.is_some()} />
                        }
                        if shown(Part::Language) {
                            <label class="language">
                                <span>{ lang.t(Key::Language) }</span>
                                <select data-testid="language" onchange={on_language}>
                                    { for Lang::ALL.iter().map(|&l| html! {
                                        <option value={l.code()} selected={l == lang}>{ l.name() }</option>
                                    }) }
                                </select>
                            </label>
                        }
                    </div>
            </header>
            <lesson::LessonPanel {lang} lesson={lab.lesson().clone()} on_action={on_action.clone()} />
            if !hidden.all(&CONTROL_PARTS) {
                <Controls
                    playing={lab.playing()}
                    steps={lab.trainer().steps()}
                    epoch={lab.trainer().epochs()}
                    learning_rate={lab.settings().learning_rate}
                    behind={lab.pace()}
                    {lang}
                    {hidden}
                    on_action={on_action.clone()}
                    rate_track={html! { <lr_lens::LensTrack view={lens.clone()} waits={lens_waits} {optimizer} {lang} /> }}
                    rate_readout={html! { <lr_lens::LensReadout view={lens} waits={lens_waits} {optimizer} {lang} /> }}
                />
            }
            if let Some(notice) = lab.message() {
                // Over the page, not in it: a message never pushes what is under the pointer.
                <div class="notice" role="alert" data-testid="message">
                    <p>
                        if let Notice::Coach(..) = notice {
                            <span data-testid="coach">{ notice.text(lang) }</span>
                        } else {
                            { notice.text(lang) }
                        }
                        if notice.offers_go_back() && lab.record().best().cost.is_finite() {
                            { " " }
                            <button class="secondary" data-testid="go-back" onclick={{
                                let cb = on_action.clone();
                                Callback::from(move |_: MouseEvent| cb.emit(Action::GoBack))
                            }}>{ lang.go_back(lab.record().best().step, lab.record().best().cost) }</button>
                        }
                    </p>
                    <button class="dismiss" data-testid="dismiss" aria-label={lang.t(Key::Dismiss)} title={lang.t(Key::Dismiss)}
                        onclick={{
                            let cb = on_action.clone();
                            Callback::from(move |_: MouseEvent| cb.emit(Action::DismissMessage))
                        }}>{ "×" }</button>
                </div>
            }
            if shown(Part::Network) || shown(Part::Settings) {
            <div class="main-col">
            if shown(Part::Network) {
            <section class="panel network-panel">
                <ExportPng picture={Picture::Network} step={lab.trainer().steps()} {lang} />
                <h2>{ lang.t(Key::Network) }{ at_step }</h2>
                <p class="hint">
                    if lab.settings().data.kind == DatasetKind::CatsDogs {
                        <span data-testid="cats-dogs-legend">{ lang.t(Key::CatsDogsLegend) }</span>
                    }
                    <span data-testid="sample" data-x={inputs.join(",")} data-y={answer.to_string()}>
                        { lang.sample_hint(lab.selection().sample(), &fixed(sample[0], 2), &fixed(sample[1], 2), &answer_text) }
                    </span>
                </p>
                if shown(Part::Shape) {
                    <NetworkSettings settings={lab.settings().clone()} {lang} on_action={on_action.clone()} />
                }
                <NetworkView picture={picture.clone()} playing={lab.playing()} {lang} focus={lab.selection().focus()} phase={lab.walk().phase()} {on_focus} network={network.clone()}
                    features={lab.settings().features.clone()} {on_width} hide_numbers={*trying && lab.walk().phase().is_some()} dead={lab.message().and_then(Notice::dead_neurons).cloned()} />
                <ColourKey {picture} {activations} {lang} />
            </section>
            }
            if shown(Part::Settings) {
            <details class="panel more-settings" data-testid="more-settings" open={*more_open} ontoggle={on_more}>
                <summary>{ lang.t(Key::MoreSettings) }</summary>
                <DataSettingsView settings={lab.settings().clone()} own={own_points} {lang} on_action={on_action.clone()} />
                <TrainingSettings settings={lab.settings().clone()} {lang} on_action={on_action.clone()}
                    />
            </details>
            }
            { classroom() }
            </div>
            }
            if !hidden.all(&[Part::Output, Part::Chart, Part::Bars]) {
            <div class="side-col">
            if shown(Part::Output) {
            <section class="panel output-panel">
                <div class="panel-head">
                    <h2>{ lang.t(Key::OutputView) }</h2>
                    <OutputKey dataset={lab.settings().data.kind} {lang} />
                </div>
                <div class="data-and-view">
                    if shown(Part::Data) {
                        <DatasetPicker current={lab.settings().data.kind} own={own_points.is_some()} {lang} on_action={on_action.clone()} />
                    }
                    <div class="view">
                        <BoundaryView network={network.clone()} task={lab.settings().data.kind.task()} train={lab.run().plane().0.clone()}
                            test={lab.run().plane().1.clone()} features={lab.settings().features.clone()} sample={lab.selection().sample()} {lang} discretise_label={lang.t(Key::Discretise)}
                            label={lang.t(Key::BoundaryLabel)} {on_pick} playing={lab.playing()}
                            {editing} {on_edit} step={lab.trainer().steps()} />
                    </div>
                </div>
                if shown(Part::Data) {
                    <own_data::OwnDataBar {lang} kind={lab.settings().data.kind} {editing}
                        pen={lab.own_data().pen(lab.settings().data.kind.task())} own={own_points}
                        on_action={on_action.clone()} {data_csv} />
                }
                if !editing {
                    <p class="hint">{ lang.t(Key::BoundaryHint) }</p>
                }
            </section>
            }
            if shown(Part::Chart) {
            <section class="panel chart-panel">
                <h2>{ lang.t(Key::CostPerEpoch) }</h2>
                <CostChart points={lab.record().history().clone()} rate_changes={lab.record().rate_changes().clone()} {lang}
                    pinned={lab.replay().pin().map(|p| p.history.clone())} marker={lab.replay().viewing().map(Viewed::epoch)}
                    runs={lab.replay().pin().map(|p| run_names(lang, &p.settings, lab.settings()))} />
                <dl class="readout">
                    <div>
                        <dt>{ lang.t(Key::TrainingCost) }</dt>
                        <dd data-testid="train-cost">{ fixed(cost.map_or(f64::NAN, |c| c.train), 4) }</dd>
                    </div>
                    <div>
                        <dt>{ lang.t(Key::TestCost) }</dt>
                        <dd data-testid="test-cost">{ fixed(cost.map_or(f64::NAN, |c| c.test), 4) }</dd>
                    </div>
                    if let Some((train, test)) = lab.shown_accuracy() {
                        <div>
                            <dt>{ lang.t(Key::Accuracy) }</dt>
                            <dd data-testid="accuracy">{ format!("{} % / {} %", fixed(100.0 * train, 1), fixed(100.0 * test, 1)) }</dd>
                        </div>
                    }
                    <div>
                        <dt>{ lang.t(Key::GradientNorm) }</dt>
                        <dd data-testid="gradient-norm">{ lab.run().last_step().map_or_else(|| "—".to_string(), |s| fixed(s.gradient_norm, 4)) }</dd>
                    </div>
                </dl>
                if shown(Part::Replay) {
                <Replay moments={lab.record().past().iter().map(|s| s.state.as_ref().map_or(0, |t| t.steps())).collect::<Vec<_>>()}
                    viewing={lab.replay().viewing().map(|v| v.index)} steps={lab.trainer().steps()}
                    pinned={lab.replay().pin().is_some()} {lang} on_action={on_action.clone()} />
                }
            </section>
            }
            if shown(Part::Bars) {
            <section class="panel losses-panel">
                <h2>{ lang.t(Key::SampleLosses) }</h2>
                <SampleLossBars losses={lab.record().batch_losses().clone()} {lang} />
            </section>
            }
            </div>
            }
            if shown(Part::Explain) {
            <ExplainPanel {lang} phase={lab.walk().phase()} {heading} {lines} {loss} {asked} focus={lab.selection().focus()}
                weight={match lab.selection().focus() {
                    Focus::Edge { layer, from, to } => Some(network.weight(layer, to, from)),
                    Focus::Neuron { .. } => None,
                }}
                gradient_check={lab.run().gradient_check()} on_action={on_action.clone()} {on_worksheet} trying={*trying} {on_try}>
                if let Some((activation, zs, focused)) = activation_plot {
                    <activation_plot::ActivationPlot {lang} {activation} {zs} {focused} />
                }
                if let Some(Err(why)) = &*sheet {
                    <p class="notice-inline" role="alert" data-testid="worksheet-error">{ lang.model_error(why) }</p>
                }
            </ExplainPanel>
            }
            if let Some(Ok(worksheet)) = &*sheet {
                <worksheet::WorksheetView {lang} sheet={worksheet.clone()} optimizer={lab.settings().optimizer}
                    penalty={lab.settings().regularization.0 != Regularization::None && lab.settings().regularization.1 > 0.0}
                    on_close={on_sheet_closed} />
            }
            if shown(Part::RealSurface) {
            <RealSurface {lang} network={network.clone()} loss={lab.trainer().loss()} train={lab.run().train().clone()}
                path={lab.record().path().clone()} axes={lab.selection().axes().to_vec()} {axis_names} playing={lab.playing()} />
            }
            if shown(Part::Surface) {
                <SurfaceLab {lang} lesson={surface_chapter} on_facts={surface_chapter.map(|_| on_surface_facts.clone())} />
            }
            if !shown(Part::Network) && !shown(Part::Settings) {
                { classroom() }
            }
        </main>
    }
}

/// The localStorage key that keeps whether "More settings" is open.
const MORE_SETTINGS_KEY: &str = "backprop-lab.more-settings";

/// The value kept under `key` in the browser's localStorage, if it can be read.
fn stored(key: &str) -> Option<String> {
    web_sys::window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Keeps `value` under `key` in localStorage; where storage is unavailable (a private window, a
/// full disk) the page only forgets it.
fn store(key: &str, value: &str) {
    if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
        // A refused write only loses the preference.
        let _ = storage.set_item(key, value);
    }
}
