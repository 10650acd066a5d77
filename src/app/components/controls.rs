//! Training controls: Step, Next phase, Play/Pause, Epoch, Reset, the step counter (with a note
//! while training cannot keep up with the speed asked) and the learning-rate slider; and the
//! dataset picker.

use super::canvas::put_rgba;
use crate::app::draw::dataset_icon::{icon, ICON_SIZE};
use crate::app::format::{next_rate, parse_rate, rate};
use crate::app::i18n::{Key, Lang};
use crate::app::settings::view::{Part, Parts};
use crate::app::settings::{LEARNING_RATE, LEARNING_RATE_SLIDER};
use crate::app::state::Action;
use crate::core::DatasetKind;
use web_sys::{HtmlCanvasElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// Whether training runs continuously.
    pub playing: bool,
    /// Steps taken so far.
    pub steps: u64,
    /// Epochs completed so far.
    pub epoch: u64,
    /// The learning rate in use.
    pub learning_rate: f64,
    /// While training falls short of the speed asked: (steps a frame taken, steps asked).
    pub behind: Option<(usize, usize)>,
    /// The page's language.
    pub lang: Lang,
    /// The parts hidden (classroom mode): those of them here are not drawn.
    #[prop_or_default]
    pub hidden: Parts,
    /// Receives what the learner asked for.
    pub on_action: Callback<Action>,
    /// Drawn behind the learning-rate slider, as its track (the learning-rate lens).
    #[prop_or_default]
    pub rate_track: Html,
    /// Shown beside the learning-rate slider instead of its value (the lens's readout).
    #[prop_or_default]
    pub rate_readout: Html,
}

/// The controls [`Controls`] holds: with all of them hidden it is not drawn at all.
pub const CONTROL_PARTS: [Part; 7] = [
    Part::Step,
    Part::Phase,
    Part::Play,
    Part::Epoch,
    Part::Reset,
    Part::Rate,
    Part::Counter,
];

/// The row of training buttons with the step counter and the learning rate; the parts hidden
/// are left out.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let send = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
    };
    let on_rate = {
        let cb = props.on_action.clone();
        Callback::from(move |r: f64| cb.emit(Action::SetLearningRate(r)))
    };
    let lang = props.lang;
    let (before, between, after) = lang.counter_parts();
    let shown = |part: Part| !props.hidden.contains(part);
    html! {
        <section class="panel controls" aria-label={lang.t(Key::TrainingControls)}>
            if !props.hidden.all(&CONTROL_PARTS[..5]) {
                <div class="buttons">
                    if shown(Part::Step) {
                        <button data-testid="step" onclick={send(Action::Step)} title={lang.t(Key::StepTitle)}>{ lang.t(Key::Step) }</button>
                    }
                    if shown(Part::Phase) {
                        <button data-testid="phase-next" onclick={send(Action::NextPhase)} title={lang.t(Key::PhaseNextTitle)}>
                            { lang.t(Key::PhaseNext) }
                        </button>
                    }
                    if shown(Part::Play) {
                        <button data-testid="play" class="play" onclick={send(Action::TogglePlay)} aria-pressed={props.playing.to_string()}
                            title={lang.t(Key::PlayTitle)}>
                            { lang.t(if props.playing { Key::Pause } else { Key::Play }) }
                        </button>
                    }
                    if shown(Part::Epoch) {
                        <button class="secondary" data-testid="epoch" onclick={send(Action::Epoch)} title={lang.t(Key::EpochTitle)}>{ lang.t(Key::EpochButton) }</button>
                    }
                    if shown(Part::Reset) {
                        <button class="secondary" data-testid="reset" onclick={send(Action::Reset)} title={lang.t(Key::ResetTitle)}>{ lang.t(Key::Reset) }</button>
                    }
                </div>
            }
            if shown(Part::Rate) {
                <LearningRateSlider value={props.learning_rate} label={lang.t(Key::LearningRate)}
                    field_label={lang.t(Key::TypeLearningRate)} onchange={on_rate}
                    track={props.rate_track.clone()} readout={props.rate_readout.clone()} />
            }
            if shown(Part::Counter) {
                // Last in the row, so that its growing numbers move nothing after them.
                <p class="counter">
                    { before }<output data-testid="step-count">{ props.steps }</output>
                    { between }<output data-testid="epoch-count">{ props.epoch }</output>{ after }
                </p>
            }
            // A live region, always there, so that a screen reader hears the note come and go.
            <p class="pace" role="status">
                if let Some((done, asked)) = props.behind {
                    <span data-testid="pace-note">{ lang.behind(done, asked) }</span>
                }
            </p>
        </section>
    }
}

/// Properties of [`DatasetPicker`].
#[derive(Properties, PartialEq)]
pub struct DatasetPickerProps {
    /// The dataset being trained on, shown pressed (unless your own points are).
    pub current: DatasetKind,
    /// Whether your own points are trained on: a "Your data" tile is then shown pressed, and
    /// every dataset's tile goes back to a generated set.
    #[prop_or_default]
    pub own: bool,
    /// The page's language.
    pub lang: Lang,
    /// Receives [`Action::SetDataset`] when the learner picks another set.
    pub on_action: Callback<Action>,
}

/// One button per generated dataset, each a small picture of its points with its short name under
/// it (its full name as the button's name and tooltip); the set in use is pressed. Pressing it
/// again does nothing: only another set starts a new run.
#[component]
pub fn DatasetPicker(props: &DatasetPickerProps) -> Html {
    let lang = props.lang;
    let tile = |kind: DatasetKind| {
        let chosen = kind == props.current && !props.own;
        let onclick = {
            let cb = props.on_action.clone();
            Callback::from(move |_: MouseEvent| {
                if !chosen {
                    cb.emit(Action::SetDataset(kind));
                }
            })
        };
        html! {
            <button type="button" class="dataset-tile" data-testid={format!("dataset-{}", kind.name())}
                aria-pressed={chosen.to_string()} title={lang.dataset(kind)}
                {onclick}>
                <DatasetIcon {kind} />
                <span class="dataset-name">{ lang.dataset_short(kind) }</span>
            </button>
        }
    };
    html! {
        <div class="datasets" role="group" data-testid="dataset" aria-label={lang.t(Key::Dataset)}>
            <span class="datasets-title" aria-hidden="true">{ lang.t(Key::Dataset) }</span>
            <div class="dataset-tiles">
                { for DatasetKind::ALL.into_iter().map(tile) }
                if props.own {
                    <button type="button" class="dataset-tile own" data-testid="dataset-own" aria-pressed="true"
                        title={lang.t(Key::YourData)}>
                        <span class="own-icon" aria-hidden="true">{ "✎" }</span>
                        <span class="dataset-name">{ lang.t(Key::YourData) }</span>
                    </button>
                }
            </div>
        </div>
    }
}

/// Properties of [`DatasetIcon`].
#[derive(Properties, PartialEq)]
struct DatasetIconProps {
    kind: DatasetKind,
}

/// Puts the icon of `kind` on `canvas`.
fn paint_icon(canvas: Option<HtmlCanvasElement>, kind: DatasetKind) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let side = ICON_SIZE as u32;
    put_rgba(&canvas, &icon(kind), side, side)
}

/// The picture of a dataset's points on its picker button. It is drawn once, after the canvas is
/// mounted: the icons never change, and the picker's re-renders while training leave the canvas
/// alone. A failure to draw leaves the canvas blank (the button keeps its name) and its reason in
/// `data-error`.
#[component]
fn DatasetIcon(props: &DatasetIconProps) -> Html {
    let canvas = use_node_ref();
    let error = use_state(|| None::<String>);
    {
        let (canvas, error) = (canvas.clone(), error.clone());
        use_effect_with(props.kind, move |&kind| {
            let message = paint_icon(canvas.cast::<HtmlCanvasElement>(), kind).err();
            if *error != message {
                error.set(message);
            }
        });
    }
    html! {
        <canvas ref={canvas} class="dataset-icon" width={ICON_SIZE.to_string()} height={ICON_SIZE.to_string()}
            aria-hidden="true" data-error={(*error).clone()} />
    }
}

/// Properties of [`LearningRateSlider`].
#[derive(Properties, PartialEq)]
pub struct LearningRateSliderProps {
    /// The learning rate shown.
    pub value: f64,
    /// The slider's label.
    pub label: &'static str,
    /// The label of the field where a rate can be typed.
    pub field_label: &'static str,
    /// Receives the new rate while the slider moves.
    pub onchange: Callback<f64>,
    /// Drawn behind the slider, as its track.
    #[prop_or_default]
    pub track: Html,
    /// Shown beside the slider instead of its value (which the field shows too).
    #[prop_or_default]
    pub readout: Html,
}

/// A logarithmic slider over the learning rates 0.0001 … 10, with the value shown beside it, and
/// a field to type a rate within [`LEARNING_RATE`]. Something that is not a positive number is
/// sent on as NaN; it, or a rate out of the limits, is refused by the lab with a message, and the
/// field shows the rate in use again.
///
/// On the slider the arrow keys step along the round rates (0.1 → 0.2 → 0.5 → 1, [`next_rate`]),
/// Page Up and Page Down multiply and divide by 10, Home and End go to the ends.
#[component]
pub fn LearningRateSlider(props: &LearningRateSliderProps) -> Html {
    let (lo, hi) = LEARNING_RATE_SLIDER;
    let oninput = {
        let cb = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(exponent) = input.value().parse::<f64>() {
                cb.emit(10f64.powf(exponent));
            }
        })
    };
    let onkeydown = {
        let (cb, current) = (props.onchange.clone(), props.value);
        Callback::from(move |e: KeyboardEvent| {
            let wanted = match e.key().as_str() {
                "ArrowUp" | "ArrowRight" => next_rate(current, true, lo, hi),
                "ArrowDown" | "ArrowLeft" => next_rate(current, false, lo, hi),
                "PageUp" => (current * 10.0).min(hi),
                "PageDown" => (current / 10.0).max(lo),
                "Home" => lo,
                "End" => hi,
                _ => return,
            };
            e.prevent_default();
            if wanted != current {
                cb.emit(wanted);
            }
        })
    };
    let onchange = {
        let (cb, current) = (props.onchange.clone(), props.value);
        Callback::from(move |e: Event| {
            let field: HtmlInputElement = e.target_unchecked_into();
            let typed = parse_rate(&field.value());
            // A refused rate (not a positive number, or out of the limits) shows the rate in use
            // again; the lab says why.
            if !typed.is_some_and(|r| LEARNING_RATE.contains(r)) {
                field.set_value(&rate(current));
            }
            cb.emit(typed.unwrap_or(f64::NAN));
        })
    };
    html! {
        <div class="rate">
            <label class="slider">
                <span>{ props.label }</span>
                <span class="slider-track">
                { props.track.clone() }
                <input
                    type="range"
                    data-testid="learning-rate"
                    min={lo.log10().to_string()}
                    max={hi.log10().to_string()}
                    step="0.01"
                    value={format!("{:.2}", props.value.log10())}
                    aria-label={props.label}
                    aria-valuetext={rate(props.value)}
                    {oninput}
                    {onkeydown}
                />
                </span>
                <output data-testid="learning-rate-value" class={(props.readout != Html::default()).then_some("beside-readout")}>
                    { rate(props.value) }
                </output>
                { props.readout.clone() }
            </label>
            <input class="rate-field" type="text" inputmode="decimal" data-testid="learning-rate-input"
                aria-label={props.field_label} value={rate(props.value)} size="8" {onchange} />
        </div>
    }
}
