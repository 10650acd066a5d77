//! The Yew front end: state (reducer and actions), components, and pure drawing code.

pub mod coach_words;
pub mod components;
pub mod crash;
pub mod draw;
pub mod explain;
pub mod format;
pub mod i18n;
pub mod lens_words;
pub mod lesson_words;
pub mod real_surface;
pub mod settings;
pub mod state;
pub mod surface_state;
pub mod worksheet;
pub mod worksheet_words;

pub use components::App;

/// Mounts the app on the page's `<body>`, a banner ready in case it ever panics; in the
/// pictures' worker (no window), serves the pictures instead.
pub fn start() {
    if web_sys::window().is_none() {
        components::pictures::serve();
        return;
    }
    crash::install();
    crash::start_clean();
    yew::Renderer::<App>::new().render();
}
