//! Whether an element is on screen: panels far down the page skip their work until scrolled to.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How near the viewport an element counts as on screen, so that it is ready when scrolled to.
const MARGIN: &str = "200px";

/// Whether the element of `node` is within [`MARGIN`] of the viewport, kept up to date by an
/// `IntersectionObserver`. False until the observer first reports (it does on the next frame), so
/// that a panel below the fold costs nothing while the page loads; true where there is no
/// observer or no element: a panel that cannot know does its work.
#[hook]
pub fn use_on_screen(node: NodeRef) -> bool {
    let on_screen = use_state_eq(|| false);
    {
        let on_screen = on_screen.clone();
        use_effect_with(node, move |node| {
            let reporter = on_screen.clone();
            let watch = node.cast::<Element>().and_then(|element| {
                let on_screen = reporter;
                let report = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                    let last = entries
                        .iter()
                        .last()
                        .and_then(|e| e.dyn_into::<IntersectionObserverEntry>().ok());
                    if let Some(entry) = last {
                        on_screen.set(entry.is_intersecting());
                    }
                });
                let options = IntersectionObserverInit::new();
                options.set_root_margin(MARGIN);
                let observer =
                    IntersectionObserver::new_with_options(report.as_ref().unchecked_ref(), &options).ok()?;
                observer.observe(&element);
                Some((observer, report))
            });
            if watch.is_none() {
                on_screen.set(true);
            }
            move || {
                if let Some((observer, _report)) = watch {
                    observer.disconnect();
                }
            }
        });
    }
    *on_screen
}
