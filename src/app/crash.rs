//! A panic is not a dead page: the panic hook writes the panic to the console and puts a banner
//! on the page, in the page's language, with a link that reloads the lab with every setting at
//! its default. The banner is plain DOM built by the hook itself, and its link is a plain link
//! (`?defaults`), so neither needs the failed program to run again; [`start_clean`] acts on it
//! when the page loads.

use crate::app::format::cut;
use crate::app::i18n::{Key, Lang};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::{Document, Element};

/// The query of the banner's link: the page opens with nothing remembered.
pub const DEFAULTS_QUERY: &str = "?defaults";
/// The prefix of everything the lab keeps in localStorage.
pub const STORAGE_PREFIX: &str = "backprop-lab.";
/// At most this many characters of the panic's message go into the banner's details.
const MESSAGE_LIMIT: usize = 300;

/// Makes every later panic show the banner (and still reach the console). Through Yew, which
/// otherwise puts its own hook in place when the app is rendered.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&message.as_str().into());
        // Without a document (a worker, a test runner) there is nothing to show it on.
        let _ = show(&message);
    }));
}

/// For the end-to-end tests: fails on purpose, as a bug would (`window.wasmBindings.crashForTest()`).
#[wasm_bindgen(js_name = crashForTest)]
pub fn crash_for_test() {
    panic!("a test asked the lab to fail");
}

/// When the page was opened from the banner's link: forgets what the lab kept in localStorage
/// and takes the query out of the address, so the lab starts from its defaults.
pub fn start_clean() {
    let Some(window) = web_sys::window() else { return };
    if window.location().search().ok().as_deref() != Some(DEFAULTS_QUERY) {
        return;
    }
    if let Ok(Some(storage)) = window.local_storage() {
        let keys: Vec<String> = (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|key| key.starts_with(STORAGE_PREFIX))
            .collect();
        for key in keys {
            // A key that cannot be removed is only remembered a little longer.
            let _ = storage.remove_item(&key);
        }
    }
    if let (Ok(path), Ok(history)) = (window.location().pathname(), window.history()) {
        // Where the address cannot change, the query only stays visible.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// Puts the banner at the top of the page, once.
fn show(message: &str) -> Option<()> {
    let document = web_sys::window()?.document()?;
    if document.query_selector("[data-testid='crash']").ok()?.is_some() {
        return Some(());
    }
    let lang = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or(Lang::En);
    let banner = element(
        &document,
        "div",
        &[("class", "crash"), ("role", "alert"), ("data-testid", "crash")],
    )?;
    let text = element(&document, "p", &[])?;
    text.set_text_content(Some(lang.t(Key::Crashed)));
    let path = web_sys::window()?.location().pathname().ok()?;
    let link = element(
        &document,
        "a",
        &[
            ("href", &format!("{path}{DEFAULTS_QUERY}")),
            ("data-testid", "crash-reload"),
        ],
    )?;
    link.set_text_content(Some(lang.t(Key::ReloadDefaults)));
    let details = element(&document, "pre", &[("data-testid", "crash-details")])?;
    details.set_text_content(Some(&cut(message, MESSAGE_LIMIT)));
    for child in [&text, &link, &details] {
        banner.append_child(child).ok()?;
    }
    let body = document.body()?;
    body.insert_before(&banner, body.first_child().as_ref()).ok()?;
    Some(())
}

/// A new `tag` element with these attributes.
fn element(document: &Document, tag: &str, attributes: &[(&str, &str)]) -> Option<Element> {
    let element = document.create_element(tag).ok()?;
    for (name, value) in attributes {
        element.set_attribute(name, value).ok()?;
    }
    Some(element)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_message_is_cut_to_the_limit_on_a_character_boundary() {
        let long = "權".repeat(1000);
        let short = cut(&long, MESSAGE_LIMIT);
        assert_eq!(short.chars().count(), MESSAGE_LIMIT + 1);
        assert!(short.ends_with('…'));
        assert_eq!(cut("index out of bounds", MESSAGE_LIMIT), "index out of bounds");
    }
}
