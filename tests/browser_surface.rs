//! Browser tests of the toy-landscape panel alone: both pictures drawn, a surface chosen and
//! stepped, a click placing the start, a live learning rate, and no NaN in the legend.
//! Run by `cargo test --target wasm32-unknown-unknown --test browser_surface`.
#![cfg(target_arch = "wasm32")]

use backprop_lab::app::components::SurfaceLab;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

mod web;
use web::{canvas_pixels, click, find};

/// Mounts the panel alone in an element 900 px wide, scrolls to it and waits for its first
/// drawing (it draws once its observer reports it on screen, at most about 2 s).
async fn mount() -> Element {
    let root = web::new_root();
    root.set_attribute("style", "width: 900px").unwrap();
    yew::Renderer::<SurfaceLab>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root.scroll_into_view();
    for _ in 0..100 {
        if colours(&root, "surface-3d").1 > 0.0 {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
        yew::scheduler::flush().await;
    }
    root
}

fn text(root: &Element, testid: &str) -> String {
    web::text(root, testid).trim().to_string()
}

/// How many different colours a canvas shows, and the share of its pixels that are not white.
fn colours(root: &Element, testid: &str) -> (usize, f64) {
    let (w, h, data) = canvas_pixels(&find(root, testid));
    let mut seen: Vec<[u8; 3]> = data.chunks(4).map(|p| [p[0] >> 3, p[1] >> 3, p[2] >> 3]).collect();
    let painted = data.chunks(4).filter(|p| p[3] > 0 && p[..3] != [255, 255, 255]).count();
    seen.sort_unstable();
    seen.dedup();
    (seen.len(), painted as f64 / f64::from(w * h))
}

fn choose(root: &Element, testid: &str, value: &str) {
    let menu = find(root, testid).dyn_into::<HtmlSelectElement>().unwrap();
    menu.set_value(value);
    menu.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

fn set_rate(root: &Element, i: usize, exponent: f64) {
    let slider = find(root, &format!("surface-rate-{i}"))
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    slider.set_value(&exponent.to_string());
    slider
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
}

/// Where ball `i` is, as the legend's row says.
fn position(root: &Element, i: usize) -> [f64; 2] {
    let row = find(root, &format!("surface-runner-{i}"));
    let at = |name: &str| row.get_attribute(name).unwrap().parse::<f64>().unwrap();
    [at("data-x"), at("data-y")]
}

fn assert_no_nan(root: &Element) {
    let legend = text(root, "surface-optimizers");
    for bad in ["NaN", "inf"] {
        assert!(!legend.contains(bad), "{bad} in the legend: {legend}");
    }
    assert!(
        root.query_selector("[role='alert']").unwrap().is_none(),
        "drawn without an error"
    );
}

#[wasm_bindgen_test]
async fn both_pictures_are_drawn() {
    let root = mount().await;
    for testid in ["surface-contour", "surface-3d"] {
        let (count, painted) = colours(&root, testid);
        assert!(count > 20, "{testid}: {count} colours");
        assert!(painted > 0.2, "{testid}: {painted} of it painted");
    }
    assert_eq!(find(&root, "surface-function").tag_name().to_lowercase(), "select");
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn choosing_a_surface_and_stepping_counts_the_steps() {
    let root = mount().await;
    choose(&root, "surface-function", "valley");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "surface-steps-0"), "0");
    assert_eq!(position(&root, 0), [-2.5, 0.8], "the valley's default start");
    let before = canvas_pixels(&find(&root, "surface-contour")).2;
    click(&root, "surface-step");
    yew::scheduler::flush().await;
    click(&root, "surface-step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "surface-steps-0"), "2");
    assert_ne!(
        canvas_pixels(&find(&root, "surface-contour")).2,
        before,
        "the map was redrawn"
    );
    let value: f64 = text(&root, "surface-value-0").parse().unwrap();
    let p = position(&root, 0);
    assert!(
        (value - 0.5 * (p[0] * p[0] + 25.0 * p[1] * p[1])).abs() < 1e-3,
        "{value} at {p:?}"
    );
    // A second racer and Play: both move, and the legend stays readable.
    click(&root, "surface-add");
    yew::scheduler::flush().await;
    click(&root, "surface-play");
    gloo_timers::future::TimeoutFuture::new(300).await;
    click(&root, "surface-play");
    yew::scheduler::flush().await;
    let steps: u64 = text(&root, "surface-steps-1").parse().unwrap();
    assert!(steps > 0, "the second racer moved");
    assert_no_nan(&root);
}

#[wasm_bindgen_test]
async fn a_click_on_the_map_places_the_start() {
    let root = mount().await;
    let canvas = find(&root, "surface-contour");
    let rect = canvas.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_client_x((rect.left() + rect.width() * 0.5).round() as i32);
    init.set_client_y((rect.top() + rect.height() * 0.5).round() as i32);
    init.set_bubbles(true);
    canvas
        .dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let start = position(&root, 0);
    assert_ne!(start, [1.6, 1.2], "moved from the default start");
    assert!(
        start[0].abs() < 1.0 && start[1].abs() < 1.0,
        "near the middle of the bowl: {start:?}"
    );
    assert_eq!(text(&root, "surface-steps-0"), "0");
    click(&root, "surface-step");
    yew::scheduler::flush().await;
    // One plain gradient step from there: θ − η·2θ with η = 0.1.
    let after = position(&root, 0);
    for k in 0..2 {
        assert!((after[k] - 0.8 * start[k]).abs() < 1e-9, "{after:?} from {start:?}");
    }
}

#[wasm_bindgen_test]
async fn too_large_a_rate_diverges_and_says_so() {
    let root = mount().await;
    choose(&root, "surface-function", "valley");
    yew::scheduler::flush().await;
    set_rate(&root, 0, -1.0); // η = 0.1: each step overshoots the valley by half again
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "surface-rate-value-0"), "η = 0.100");
    for _ in 0..30 {
        click(&root, "surface-step");
        yew::scheduler::flush().await;
    }
    assert!(
        text(&root, "surface-status-0").contains("diverged"),
        "{}",
        text(&root, "surface-status-0")
    );
    assert_no_nan(&root);
    let (count, _) = colours(&root, "surface-3d");
    assert!(count > 20, "the 3-D view is still drawn");
}
