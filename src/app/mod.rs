//! The Yew front end: state (reducer and actions), components, and pure drawing code.

pub mod components;
pub mod draw;
pub mod explain;
pub mod format;
pub mod i18n;
pub mod real_surface;
pub mod settings;
pub mod state;
pub mod surface_state;

pub use components::App;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
