//! The components: the only code that touches the DOM.

mod controls;
mod cost_chart;
mod network_view;

pub use controls::{Controls, LearningRateSlider};
pub use cost_chart::CostChart;
pub use network_view::NetworkView;

use crate::app::draw::network::picture;
use crate::app::format::fixed;
use crate::app::i18n::{Key, Lang};
use crate::app::state::{Action, Lab};
use crate::core::DatasetKind;
use gloo_events::{EventListener, EventListenerOptions};
use gloo_timers::callback::Interval;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, KeyboardEvent};
use yew::prelude::*;

/// Milliseconds between training ticks while playing (about one per display frame).
const TICK_MS: u32 = 16;

/// Whether a key press happened on a field, menu or button, which handle their own keys.
fn on_a_control(event: &KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON"))
}

/// The whole page: controls, the network, and the cost chart.
#[component]
pub fn App() -> Html {
    let lab = use_reducer(Lab::default);
    {
        let dispatcher = lab.dispatcher();
        use_effect_with(lab.playing, move |&playing| {
            // Dropping the interval stops it: when play stops or the page goes away.
            let interval = playing.then(|| Interval::new(TICK_MS, move || dispatcher.dispatch(Action::Tick)));
            move || drop(interval)
        });
    }
    {
        // Keyboard: Space plays or pauses, → takes a step, R resets; not while typing or on a control.
        let dispatcher = lab.dispatcher();
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
                    let action = match (key.key().as_str(), key.shift_key()) {
                        (" ", _) => Action::TogglePlay,
                        ("ArrowRight", false) => Action::Step,
                        ("r" | "R", _) => Action::Reset,
                        _ => return,
                    };
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
    {
        // The document's language follows the page's, for screen readers and fonts.
        use_effect_with(lab.lang, |lang| {
            if let Some(root) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.document_element())
            {
                // Setting an attribute on the root element cannot fail in a browser; if it did, the
                // page would only lose a hint.
                let _ = root.set_attribute("lang", lang.code());
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
    let lang = lab.lang;
    let network = lab.trainer.network();
    let picture = Rc::new(picture(network, &lab.sample_trace()));
    let cost = lab.latest_cost();
    let sample = lab.train.input(lab.sample);
    html! {
        <main class="lab">
            <header class="top">
                <div>
                    <h1>{ "Backprop Lab" }</h1>
                    <p class="tagline">{ lang.t(Key::Tagline) }</p>
                </div>
                <label class="language">
                    <span>{ lang.t(Key::Language) }</span>
                    <select data-testid="language" onchange={on_language}>
                        { for Lang::ALL.iter().map(|&l| html! {
                            <option value={l.code()} selected={l == lang}>{ l.name() }</option>
                        }) }
                    </select>
                </label>
            </header>
            <Controls
                playing={lab.playing}
                steps={lab.trainer.steps()}
                epoch={lab.trainer.epochs()}
                learning_rate={lab.trainer.learning_rate()}
                {lang}
                dataset={lab.settings.data.kind}
                {on_action}
            />
            if let Some(notice) = lab.message {
                <p class="message" role="alert" data-testid="message">{ lang.t(notice.key()) }</p>
            }
            <section class="panel network-panel">
                <h2>{ lang.t(Key::Network) }</h2>
                <p class="hint">
                    if lab.settings.data.kind == DatasetKind::CatsDogs {
                        <span data-testid="cats-dogs-legend">{ lang.t(Key::CatsDogsLegend) }</span>
                    }
                    { lang.sample_hint(lab.sample, &fixed(sample[0], 2), &fixed(sample[1], 2)) }
                    { lang.t(Key::ColourHint) }
                </p>
                <NetworkView {picture} {lang} />
            </section>
            <section class="panel chart-panel">
                <h2>{ lang.t(Key::CostPerEpoch) }</h2>
                <CostChart points={lab.history.clone()} {lang} />
                <dl class="readout">
                    <dt>{ lang.t(Key::TrainingCost) }</dt>
                    <dd data-testid="train-cost">{ fixed(cost.map_or(f64::NAN, |c| c.train), 4) }</dd>
                    <dt>{ lang.t(Key::TestCost) }</dt>
                    <dd data-testid="test-cost">{ fixed(cost.map_or(f64::NAN, |c| c.test), 4) }</dd>
                    if let Some((train, test)) = lab.accuracy {
                        <dt>{ lang.t(Key::Accuracy) }</dt>
                        <dd data-testid="accuracy">{ format!("{} % / {} %", fixed(100.0 * train, 1), fixed(100.0 * test, 1)) }</dd>
                    }
                    <dt>{ lang.t(Key::GradientNorm) }</dt>
                    <dd data-testid="gradient-norm">{ lab.last_step.map_or_else(|| "—".to_string(), |s| fixed(s.gradient_norm, 4)) }</dd>
                </dl>
            </section>
        </main>
    }
}
