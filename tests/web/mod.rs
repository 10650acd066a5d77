//! What the browser tests share: a fresh element to mount in, the whole app mounted, and finding,
//! reading and clicking elements by their `data-testid`.

use backprop_lab::app::App;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, Element, HtmlCanvasElement, HtmlElement};

/// A fresh element at the end of the page, to mount something in.
pub fn new_root() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Mounts a fresh app in its own element and waits for the first render.
#[allow(dead_code, reason = "not every browser test mounts the whole app")]
pub async fn mount_app() -> Element {
    let root = new_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

/// The element under `root` with this `data-testid`; the test fails if there is none.
pub fn find(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid {testid}"))
}

/// The text of the element with this `data-testid`.
#[allow(dead_code, reason = "not every browser test reads text")]
pub fn text(root: &Element, testid: &str) -> String {
    find(root, testid).text_content().unwrap_or_default()
}

/// Clicks the element with this `data-testid`.
#[allow(dead_code, reason = "not every browser test clicks")]
pub fn click(root: &Element, testid: &str) {
    find(root, testid).dyn_into::<HtmlElement>().unwrap().click();
}

/// A canvas's size and its RGBA pixels, 4 bytes a pixel, row by row.
#[allow(dead_code, reason = "not every browser test reads a canvas")]
pub fn canvas_pixels(canvas: &Element) -> (u32, u32, Vec<u8>) {
    let canvas = canvas.clone().dyn_into::<HtmlCanvasElement>().unwrap();
    let context = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into::<CanvasRenderingContext2d>()
        .unwrap();
    let (w, h) = (canvas.width(), canvas.height());
    let data = context
        .get_image_data(0.0, 0.0, f64::from(w), f64::from(h))
        .unwrap()
        .data()
        .0;
    (w, h, data)
}
