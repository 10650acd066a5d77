//! The settings in the page's address and in the browser's memory, and the button that copies
//! the link: a teacher's link opens the same lab, and a reload comes back to the last settings.
//!
//! The address's fragment is written with `history.replaceState` (no entry in the history a
//! step, and no `hashchange`), so a `hashchange` is always the learner's: an edited address or
//! another link to the page; it opens that link's settings.

use super::{store, stored};
use crate::app::i18n::{Key, Lang};
use crate::app::settings::{link, Settings};
use crate::app::state::Action;
use gloo_events::EventListener;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

/// The localStorage key of the last settings, as a link's fragment.
const SETTINGS_KEY: &str = "backprop-lab.settings";

/// The fragment the page starts from: the address's if it has one, else the one kept from the
/// last visit, else none (the defaults).
pub fn starting_link() -> String {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if hash.len() > 1 {
        hash
    } else {
        stored(SETTINGS_KEY).unwrap_or_default()
    }
}

/// Keeps the address's fragment and the kept settings those in use, and opens the settings of
/// a fragment the learner puts in the address.
#[hook]
pub fn use_link(settings: &Settings, chapter: Option<usize>, on_action: Callback<Action>) {
    use_effect_with((settings.clone(), chapter), |(settings, chapter)| {
        let fragment = link::write_with_lesson(settings, *chapter);
        if let Some(window) = web_sys::window() {
            let url = window.location().pathname().map(|path| format!("{path}{fragment}"));
            if let (Ok(url), Ok(history)) = (url, window.history()) {
                // Where the address cannot change, only the link is not shown.
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&url));
            }
        }
        store(SETTINGS_KEY, &fragment);
    });
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window.clone(), "hashchange", move |_| {
                let hash = window.location().hash().unwrap_or_default();
                // An emptied address keeps the lab as it is (a stray "#" link, say).
                if hash.len() > 1 {
                    on_action.emit(Action::OpenLink(hash.into()));
                }
            })
        });
        move || drop(listener)
    });
}

/// The "Copy link" button's props.
#[derive(Properties, PartialEq)]
pub struct CopyLinkProps {
    /// The page's language.
    pub lang: Lang,
    /// The settings in use: a change clears the "copied" note.
    pub settings: Settings,
    /// Whether your own points are in use: the link does not carry them, and says so.
    #[prop_or_default]
    pub own_points: bool,
}

/// A button that puts the address, every setting in it, on the clipboard, and says whether it did.
#[component]
pub fn CopyLink(props: &CopyLinkProps) -> Html {
    let lang = props.lang;
    let copied = use_state(|| None::<bool>);
    {
        let copied = copied.clone();
        use_effect_with(props.settings.clone(), move |_| copied.set(None));
    }
    let onclick = {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(window) = web_sys::window() else { return };
            let Ok(url) = window.location().href() else { return };
            let promise = window.navigator().clipboard().write_text(&url);
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(JsFuture::from(promise).await.is_ok()));
            });
        })
    };
    let note = (*copied).map(|ok| {
        let note = lang.t(if ok { Key::LinkCopied } else { Key::LinkNotCopied });
        // The link has the settings, not your points: an export does.
        match props.own_points {
            true => format!("{note}{}{}", lang.full_stop(), lang.t(Key::LinkWithoutPoints)),
            false => note.to_string(),
        }
    });
    let title = match props.own_points {
        true => format!(
            "{}{}{}",
            lang.t(Key::CopyLinkTitle),
            lang.full_stop(),
            lang.t(Key::LinkWithoutPoints)
        ),
        false => lang.t(Key::CopyLinkTitle).to_string(),
    };
    html! {
        <span class="copy-link">
            <button type="button" class="secondary small" data-testid="copy-link" {title} {onclick}>
                { lang.t(Key::CopyLink) }
            </button>
            <span class="copy-note" data-testid="copy-link-note" aria-live="polite">{ note.unwrap_or_default() }</span>
        </span>
    }
}
