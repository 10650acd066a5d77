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
    // As a fresh browser opens the page: no settings in the address or kept from an earlier test.
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
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

/// Sends a pointer event of `kind` at a point 40 % along the line `testid`, as a mouse on it would.
#[allow(dead_code, reason = "not every browser test points at a weight")]
pub fn point_at_edge(root: &Element, testid: &str, kind: &str) {
    let line = find(root, testid);
    let at = |name: &str| line.get_attribute(name).unwrap().parse::<f64>().unwrap();
    let (x, y) = (
        at("x1") + 0.4 * (at("x2") - at("x1")),
        at("y1") + 0.4 * (at("y2") - at("y1")),
    );
    point_at(root, x, y, kind);
}

/// The network drawing's size in SVG units, from its `viewBox`.
#[allow(dead_code, reason = "not every browser test reads the drawing's size")]
pub fn drawing_size(root: &Element) -> (f64, f64) {
    let view_box = find(root, "network").get_attribute("viewBox").unwrap();
    let numbers: Vec<f64> = view_box.split(' ').map(|v| v.parse().unwrap()).collect();
    (numbers[2], numbers[3])
}

/// Sends a pointer event of `kind` at the point (`x`, `y`) of the network drawing (SVG units).
#[allow(dead_code, reason = "not every browser test points at the network")]
pub fn point_at(root: &Element, x: f64, y: f64, kind: &str) {
    let svg = find(root, "network");
    let rect = svg.get_bounding_client_rect();
    let (width, height) = drawing_size(root);
    let init = web_sys::MouseEventInit::new();
    init.set_client_x((rect.left() + x * rect.width() / width).round() as i32);
    init.set_client_y((rect.top() + y * rect.height() / height).round() as i32);
    init.set_bubbles(true);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    svg.dispatch_event(&event).unwrap();
}
