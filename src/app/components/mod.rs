//! The components: the only code that touches the DOM.

mod controls;
mod cost_chart;
mod network_view;

pub use controls::{Controls, LearningRateSlider};
pub use cost_chart::CostChart;
pub use network_view::NetworkView;

use crate::app::draw::network::picture;
use crate::app::format::fixed;
use crate::app::state::{Action, Lab};
use gloo_timers::callback::Interval;
use std::rc::Rc;
use yew::prelude::*;

/// Milliseconds between training ticks while playing (about one per display frame).
const TICK_MS: u32 = 16;

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
    let on_action = {
        let dispatcher = lab.dispatcher();
        Callback::from(move |action: Action| dispatcher.dispatch(action))
    };
    let network = lab.trainer.network();
    let picture = Rc::new(picture(network, &lab.sample_trace()));
    let cost = lab.latest_cost();
    let sample = lab.train.input(lab.sample);
    html! {
        <main class="lab">
            <header class="top">
                <h1>{ "Backprop Lab" }</h1>
                <p class="tagline">{ "Watch a neural network learn: forward pass, loss, backward pass, update — and repeat." }</p>
            </header>
            <Controls
                playing={lab.playing}
                steps={lab.trainer.steps()}
                epoch={lab.trainer.epochs()}
                learning_rate={lab.trainer.learning_rate()}
                {on_action}
            />
            if let Some(message) = &lab.message {
                <p class="message" role="alert" data-testid="message">{ message }</p>
            }
            <section class="panel network-panel">
                <h2>{ "The network" }</h2>
                <p class="hint">
                    { format!("Neurons lit up for training sample #{}: x₁ = {}, x₂ = {}. ", lab.sample, fixed(sample[0], 2), fixed(sample[1], 2)) }
                    { "Blue = positive, orange = negative; a thicker line is a larger weight." }
                </p>
                <NetworkView {picture} />
            </section>
            <section class="panel chart-panel">
                <h2>{ "Cost per epoch" }</h2>
                <CostChart points={lab.history.clone()} />
                <dl class="readout">
                    <dt>{ "Training cost" }</dt>
                    <dd data-testid="train-cost">{ fixed(cost.map_or(f64::NAN, |c| c.train), 4) }</dd>
                    <dt>{ "Test cost" }</dt>
                    <dd data-testid="test-cost">{ fixed(cost.map_or(f64::NAN, |c| c.test), 4) }</dd>
                    <dt>{ "Last batch: gradient norm" }</dt>
                    <dd data-testid="gradient-norm">{ lab.last_step.map_or_else(|| "—".to_string(), |s| fixed(s.gradient_norm, 4)) }</dd>
                </dl>
            </section>
        </main>
    }
}
