//! Training controls: Step, Play/Pause, Reset, the step counter and the learning-rate slider.

use crate::app::format::rate;
use crate::app::state::{Action, LEARNING_RATE_RANGE};
use web_sys::HtmlInputElement;
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
    /// Receives what the learner asked for.
    pub on_action: Callback<Action>,
}

/// The row of training buttons with the step counter and the learning rate.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let send = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action))
    };
    let on_rate = {
        let cb = props.on_action.clone();
        Callback::from(move |r: f64| cb.emit(Action::SetLearningRate(r)))
    };
    html! {
        <section class="panel controls" aria-label="Training controls">
            <div class="buttons">
                <button data-testid="step" onclick={send(Action::Step)} title="Train on one mini-batch">{ "Step" }</button>
                <button data-testid="play" onclick={send(Action::TogglePlay)} aria-pressed={props.playing.to_string()}>
                    { if props.playing { "Pause" } else { "Play" } }
                </button>
                <button data-testid="reset" onclick={send(Action::Reset)} title="New weights from the same seed">{ "Reset" }</button>
            </div>
            <p class="counter">
                { "Step " }<output data-testid="step-count">{ props.steps }</output>
                { " · epoch " }<output data-testid="epoch-count">{ props.epoch }</output>
            </p>
            <LearningRateSlider value={props.learning_rate} onchange={on_rate} />
        </section>
    }
}

/// Properties of [`LearningRateSlider`].
#[derive(Properties, PartialEq)]
pub struct LearningRateSliderProps {
    /// The learning rate shown.
    pub value: f64,
    /// Receives the new rate while the slider moves.
    pub onchange: Callback<f64>,
}

/// A logarithmic slider over the learning rates 0.0001 … 10, with the value shown beside it.
#[component]
pub fn LearningRateSlider(props: &LearningRateSliderProps) -> Html {
    let (lo, hi) = LEARNING_RATE_RANGE;
    let oninput = {
        let cb = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(exponent) = input.value().parse::<f64>() {
                cb.emit(10f64.powf(exponent));
            }
        })
    };
    html! {
        <label class="slider">
            <span>{ "Learning rate η" }</span>
            <input
                type="range"
                data-testid="learning-rate"
                min={lo.log10().to_string()}
                max={hi.log10().to_string()}
                step="0.01"
                value={format!("{:.2}", props.value.log10())}
                {oninput}
            />
            <output data-testid="learning-rate-value">{ rate(props.value) }</output>
        </label>
    }
}
