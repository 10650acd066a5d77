//! Under the cost chart: the history scrubber (back to any step the history kept, and back to
//! now), "Resume from here", and "Pin this run" / "Unpin".

use crate::app::i18n::{Key, Lang};
use crate::app::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`Replay`].
#[derive(Properties, PartialEq)]
pub struct ReplayProps {
    /// The steps of the moments the history kept, oldest first (the present not counted).
    pub moments: Vec<u64>,
    /// The moment shown, or `None` at the present.
    pub viewing: Option<usize>,
    /// Steps taken so far: the present.
    pub steps: u64,
    /// Whether a run is pinned.
    pub pinned: bool,
    /// The page's language.
    pub lang: Lang,
    /// Receives what the learner asked for.
    pub on_action: Callback<Action>,
}

/// The scrubber over the training history, its buttons, and while an earlier step is shown, a
/// line that says which and what the training buttons do then.
#[component]
pub fn Replay(props: &ReplayProps) -> Html {
    let lang = props.lang;
    let count = props.moments.len();
    let position = props.viewing.unwrap_or(count).min(count);
    let shown = props.moments.get(position).copied().unwrap_or(props.steps);
    let place = lang.history_position(shown, props.steps);
    let send = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
    };
    let oninput = {
        let cb = props.on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(index) = input.value().parse::<usize>() {
                cb.emit(Action::ViewMoment(index));
            }
        })
    };
    let viewing = props.viewing.is_some();
    html! {
        <div class="replay">
            <div class="scrub">
                <label for="history-scrubber">{ lang.t(Key::HistoryLabel) }</label>
                <input type="range" id="history-scrubber" data-testid="history-scrubber" min="0" max={count.to_string()}
                    step="1" value={position.to_string()} aria-valuetext={place.clone()} disabled={count == 0} {oninput} />
                // As wide as its widest text, "step M of M", so that the track keeps its length
                // (and the thumb its place under the pointer) whatever the step shown.
                <output for="history-scrubber">
                    <span class="sizer" aria-hidden="true">{ lang.history_position(props.steps, props.steps) }</span>
                    <span data-testid="history-position">{ place.clone() }</span>
                </output>
            </div>
            <div class="replay-buttons">
                <button class="secondary" data-testid="resume-here" disabled={!viewing} title={lang.t(Key::ResumeHereTitle)}
                    onclick={send(Action::ResumeHere)}>{ lang.t(Key::ResumeHere) }</button>
                if viewing {
                    <button class="secondary" data-testid="back-to-now" onclick={send(Action::ViewMoment(count))}>
                        { lang.t(Key::BackToNow) }
                    </button>
                }
                <button class="secondary" data-testid="pin-run" title={lang.t(Key::PinRunTitle)}
                    onclick={send(Action::PinRun)}>{ lang.t(Key::PinRun) }</button>
                if props.pinned {
                    <button class="secondary" data-testid="unpin" onclick={send(Action::Unpin)}>{ lang.t(Key::Unpin) }</button>
                }
            </div>
            // A live region, always there, so that a screen reader hears the look back begin and end.
            <p class="viewing" role="status">
                if viewing {
                    <span data-testid="viewing">{ lang.viewing_moment(shown, props.steps) }</span>
                }
            </p>
        </div>
    }
}
