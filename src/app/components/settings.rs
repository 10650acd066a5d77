//! The settings a learner changes: the network's shape and inputs, the training settings (live,
//! no reset) and the data.

use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use crate::app::settings::{
    menu_with, regularization_rate_menu, Settings, BATCH_SIZES, FEATURES, HIDDEN_LAYERS, NEURONS, NOISE, POINT_COUNTS,
    SPEEDS, STOP_TARGETS, TRAIN_SHARE,
};
use crate::app::state::Action;
use crate::core::{Activation, Feature, OptimizerKind, Regularization};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// A labelled menu of `options` (value, text) with `current` selected; choosing one sends it.
fn menu<T: Copy + PartialEq + 'static>(
    testid: &str,
    label: &str,
    options: Vec<(T, String)>,
    current: T,
    on_choose: Callback<T>,
) -> Html {
    let values: Vec<T> = options.iter().map(|o| o.0).collect();
    let onchange = Callback::from(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        if let Some(&value) = select.value().parse::<usize>().ok().and_then(|k| values.get(k)) {
            on_choose.emit(value);
        }
    });
    html! {
        <label class="setting">
            <span>{ label.to_string() }</span>
            <select data-testid={testid.to_string()} {onchange}>
                { for options.into_iter().enumerate().map(|(k, (value, text))| html! {
                    <option value={k.to_string()} selected={value == current}>{ text }</option>
                }) }
            </select>
        </label>
    }
}

/// A share (0.1) as the per-cent text a slider's limits take ("10").
fn percent_of(share: f64) -> String {
    format!("{:.0}", share * 100.0)
}

/// Sends the action `make` builds from a chosen value.
fn sender<T: 'static>(on_action: &Callback<Action>, make: fn(T) -> Action) -> Callback<T> {
    let cb = on_action.clone();
    Callback::from(move |value: T| cb.emit(make(value)))
}

/// Sends `action` on a click.
fn send(on_action: &Callback<Action>, action: Action) -> Callback<MouseEvent> {
    let cb = on_action.clone();
    Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
}

/// Properties shared by the settings components.
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The settings in use.
    pub settings: Settings,
    /// The page's language.
    pub lang: Lang,
    /// Receives what the learner asked for.
    pub on_action: Callback<Action>,
    /// Your own points in use, as (training, test) counts: the generated set's settings then
    /// do nothing and are disabled.
    #[prop_or_default]
    pub own: Option<(usize, usize)>,
}

/// The network's inputs (feature chips) and hidden layers: how many, how many neurons each, and
/// each one's activation function. Every change gives new weights.
#[component]
pub fn NetworkSettings(props: &SettingsProps) -> Html {
    let (s, lang, on) = (&props.settings, props.lang, &props.on_action);
    let hidden = s.hidden.len();
    html! {
        <div class="shape" role="group" aria-label={lang.t(Key::NetworkSettings)}>
            <div class="features" role="group" aria-label={lang.t(Key::Features)}>
                <span class="setting-name">{ lang.t(Key::Features) }</span>
                { for Feature::ALL.iter().map(|&f| {
                    let on_now = s.features.contains(&f);
                    let locked = if on_now { s.features.len() as f64 <= FEATURES.lo } else { s.features.len() as f64 >= FEATURES.hi };
                    html! {
                        <button class={classes!("chip", on_now.then_some("on"))} aria-pressed={on_now.to_string()}
                            data-testid={format!("feature-{}", f.name())} disabled={locked}
                            title={lang.t(Key::FeaturesTitle)} onclick={send(on, Action::ToggleFeature(f))}>
                            { f.label() }
                        </button>
                    }
                }) }
            </div>
            <div class="layers">
                <span class="setting-name">{ lang.t(Key::HiddenLayers) }</span>
                <button class="small" data-testid="remove-layer" disabled={hidden == 0}
                    title={lang.t(Key::RemoveLayerTitle)} aria-label={lang.t(Key::RemoveLayerTitle)}
                    onclick={send(on, Action::RemoveLayer)}>{ "−" }</button>
                <output data-testid="layer-count">{ hidden }</output>
                <button class="small" data-testid="add-layer" disabled={hidden as f64 >= HIDDEN_LAYERS.hi}
                    title={lang.t(Key::AddLayerTitle)} aria-label={lang.t(Key::AddLayerTitle)}
                    onclick={send(on, Action::AddLayer)}>{ "+" }</button>
            </div>
            <div class="layer-list">
                { for s.hidden.iter().zip(&s.activations).enumerate().map(|(k, (&n, &act))| {
                    let choose = {
                        let on = on.clone();
                        Callback::from(move |a: Activation| on.emit(Action::SetActivation(k, a)))
                    };
                    let options = Activation::ALL.iter().map(|&a| (a, lang.activation(a).to_string())).collect();
                    html! {
                        <div class="layer-setting">
                            <span class="setting-name">{ lang.hidden_layer(k + 1) }</span>
                            <button class="small" data-testid={format!("remove-neuron-{k}")} disabled={n as f64 <= NEURONS.lo}
                                title={lang.t(Key::RemoveNeuronTitle)} aria-label={lang.t(Key::RemoveNeuronTitle)}
                                onclick={send(on, Action::RemoveNeuron(k))}>{ "−" }</button>
                            <output data-testid={format!("neuron-count-{k}")}>{ n }</output>
                            <button class="small" data-testid={format!("add-neuron-{k}")} disabled={n as f64 >= NEURONS.hi}
                                title={lang.t(Key::AddNeuronTitle)} aria-label={lang.t(Key::AddNeuronTitle)}
                                onclick={send(on, Action::AddNeuron(k))}>{ "+" }</button>
                            { menu(&format!("activation-{k}"), lang.t(Key::ActivationLabel), options, act, choose) }
                        </div>
                    }
                }) }
            </div>
        </div>
    }
}

/// Optimizer, batch size, loss, regularisation and its rate, speed and when to stop: all live,
/// the weights are kept.
#[component]
pub fn TrainingSettings(props: &SettingsProps) -> Html {
    let (s, lang, on) = (&props.settings, props.lang, &props.on_action);
    let optimizers = OptimizerKind::ALL
        .iter()
        .map(|&k| (k, lang.optimizer(k).to_string()))
        .collect();
    let batches = menu_with(&BATCH_SIZES, s.batch_size)
        .into_iter()
        .map(|b| (b, b.to_string()))
        .collect();
    let losses = s.losses().into_iter().map(|l| (l, lang.loss(l).to_string())).collect();
    let regs = Regularization::ALL
        .iter()
        .map(|&r| (r, lang.regularization(r).to_string()))
        .collect();
    let rates = regularization_rate_menu(s.regularization.1)
        .into_iter()
        .map(|(r, text)| (r.to_bits(), text))
        .collect();
    let speeds = SPEEDS
        .iter()
        .enumerate()
        .map(|(k, &(n, every))| (k, lang.speed(n, every)))
        .collect();
    let targets: Vec<(u64, String)> = std::iter::once((0, lang.t(Key::Never).to_string()))
        .chain(
            menu_with(&STOP_TARGETS, s.stop_below.unwrap_or(STOP_TARGETS[0]))
                .into_iter()
                .map(|t| (t.to_bits(), fixed(t, 2))),
        )
        .collect();
    let on_rate = {
        let on = on.clone();
        Callback::from(move |bits: u64| on.emit(Action::SetRegularizationRate(f64::from_bits(bits))))
    };
    let on_target = {
        let on = on.clone();
        Callback::from(move |bits: u64| on.emit(Action::StopBelow((bits != 0).then(|| f64::from_bits(bits)))))
    };
    let on_flat = {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let boxed: HtmlInputElement = e.target_unchecked_into();
            on.emit(Action::StopWhenFlat(boxed.checked()));
        })
    };
    html! {
        <div class="settings" role="group" aria-label={lang.t(Key::TrainingSettings)}>
            { menu("optimizer", lang.t(Key::Optimizer), optimizers, s.optimizer, sender(on, Action::SetOptimizer)) }
            { menu("batch-size", lang.t(Key::BatchSize), batches, s.batch_size, sender(on, Action::SetBatchSize)) }
            { menu("loss", lang.t(Key::LossFunction), losses, s.loss_in_use(), sender(on, Action::SetLoss)) }
            { menu("regularization", lang.t(Key::RegularizationLabel), regs, s.regularization.0, sender(on, Action::SetRegularization)) }
            { menu("regularization-rate", lang.t(Key::RegularizationRate), rates, s.regularization.1.to_bits(), on_rate) }
            { menu("speed", lang.t(Key::Speed), speeds, s.speed, sender(on, Action::SetSpeed)) }
            { menu("stop-below", lang.t(Key::StopBelow), targets, s.stop_below.map_or(0, f64::to_bits), on_target) }
            <label class="setting">
                <input type="checkbox" data-testid="stop-flat" checked={s.stop_when_flat} onchange={on_flat} />
                <span>{ lang.t(Key::StopWhenFlat) }</span>
            </label>
        </div>
    }
}

/// Noise, training share, number of points, and new points from the next seed.
#[component]
pub fn DataSettingsView(props: &SettingsProps) -> Html {
    let (d, lang, on) = (&props.settings.data, props.lang, &props.on_action);
    let percent = |make: fn(f64) -> Action| {
        let on = on.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(p) = input.value().parse::<f64>() {
                on.emit(make(p / 100.0));
            }
        })
    };
    let points = menu_with(&POINT_COUNTS, d.points)
        .into_iter()
        .map(|n| (n, n.to_string()))
        .collect();
    html! {
        <div class="settings" role="group" aria-label={lang.t(Key::DataSettings)}>
            if let Some((train, test)) = props.own {
                <p class="hint" data-testid="own-data-settings-note">{ lang.own_data_note(train, test) }</p>
            }
            <fieldset class="generated-only" disabled={props.own.is_some()}>
            <label class="setting">
                <span>{ lang.t(Key::Noise) }</span>
                <input type="range" data-testid="noise" min={percent_of(NOISE.lo)} max={percent_of(NOISE.hi)} step="5"
                    value={format!("{:.0}", d.noise * 100.0)} onchange={percent(Action::SetNoise)} />
                <output>{ format!("{:.0} %", d.noise * 100.0) }</output>
            </label>
            <label class="setting">
                <span>{ lang.t(Key::TrainShare) }</span>
                <input type="range" data-testid="train-share" min={percent_of(TRAIN_SHARE.lo)} max={percent_of(TRAIN_SHARE.hi)} step="10"
                    value={format!("{:.0}", d.train_fraction * 100.0)} onchange={percent(Action::SetTrainShare)} />
                <output>{ format!("{:.0} %", d.train_fraction * 100.0) }</output>
            </label>
            { menu("points", lang.t(Key::Points), points, d.points, sender(on, Action::SetPoints)) }
            </fieldset>
            <button class="secondary" data-testid="regenerate" title={lang.t(Key::RegenerateTitle)}
                onclick={send(on, Action::Regenerate)}>{ lang.t(Key::Regenerate) }</button>
        </div>
    }
}
