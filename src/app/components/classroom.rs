//! The classroom control: a teacher hides the parts a class does not need, by a checkbox per
//! part or a preset, and shares the focused page with Copy link (the address follows the
//! settings, these included).

use crate::app::i18n::{Key, Lang};
use crate::app::settings::view::{Part, Parts, View};
use crate::app::state::Action;
use web_sys::{HtmlDetailsElement, HtmlInputElement};
use yew::prelude::*;

/// Properties of [`Classroom`].
#[derive(Properties, PartialEq)]
pub struct ClassroomProps {
    /// The page's language.
    pub lang: Lang,
    /// The parts hidden now.
    pub hidden: Parts,
    /// Whether it is unfolded.
    pub open: bool,
    /// Receives whether it was unfolded or folded.
    pub ontoggle: Callback<bool>,
    /// Receives [`Action::SetHidden`].
    pub on_action: Callback<Action>,
}

/// The folded "Classroom view", under More settings (or at the page's foot without them): the presets as buttons (the one in use pressed) and a checkbox
/// per part, ticked while it is shown. The control itself has no checkbox: hidden by its own
/// box it would leave no way back; a link can still hide it (`hide=classroom`).
#[component]
pub fn Classroom(props: &ClassroomProps) -> Html {
    let lang = props.lang;
    let hidden = props.hidden;
    let preset = |view: View| {
        let cb = props.on_action.clone();
        let onclick = Callback::from(move |_: MouseEvent| cb.emit(Action::SetHidden(view.hidden())));
        let pressed = View::of(hidden) == Some(view);
        html! {
            <button type="button" class="secondary small" data-testid={format!("view-{}", view.name())}
                aria-pressed={pressed.to_string()} {onclick}>{ lang.t(view.label()) }</button>
        }
    };
    let checkbox = |part: Part| {
        let cb = props.on_action.clone();
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(Action::SetHidden(hidden.with(part, !input.checked())));
        });
        html! {
            <label class="part">
                <input type="checkbox" data-testid={format!("show-{}", part.name())}
                    checked={!hidden.contains(part)} {onchange} />
                { lang.t(part.label()) }
            </label>
        }
    };
    let ontoggle = {
        let (cb, was) = (props.ontoggle.clone(), props.open);
        Callback::from(move |e: Event| {
            let details: HtmlDetailsElement = e.target_unchecked_into();
            if details.open() != was {
                cb.emit(details.open());
            }
        })
    };
    html! {
        <details class="panel classroom" data-testid="classroom"
            open={props.open} {ontoggle}>
            <summary>{ lang.t(Key::Classroom) }</summary>
            <p class="hint">{ lang.t(Key::ClassroomHint) }</p>
            <div class="presets" role="group" aria-label={lang.t(Key::ClassroomPresets)}>
                <span class="setting-name" aria-hidden="true">{ lang.t(Key::ClassroomPresets) }</span>
                { for View::ALL.into_iter().map(preset) }
            </div>
            <fieldset class="parts">
                <legend>{ lang.t(Key::ClassroomShown) }</legend>
                { for Part::ALL.into_iter().filter(|&p| p != Part::Classroom).map(checkbox) }
            </fieldset>
        </details>
    }
}
