//! Browser tests of the real network's loss surface on the whole page: two weights picked in the
//! explanation panel become its axes, the grid is computed over a few frames to 100 %, and the
//! panel never shows NaN.
//! Run by `cargo test --target wasm32-unknown-unknown --test browser_real_surface`.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod web;
use web::{canvas_pixels, click, find, mount_app, point_at_edge, text};

/// Clicks the network 40 % along the line `testid`, as a mouse on that weight would.
fn click_edge(root: &Element, testid: &str) {
    point_at_edge(root, testid, "click");
}

/// Scrolls the panel into view (it fills its grid only on screen) and waits until the grid is
/// complete (at most about 5 s); returns the progress shown then.
async fn wait_until_computed(root: &Element) -> String {
    find(root, "real-surface").scroll_into_view();
    for _ in 0..100 {
        gloo_timers::future::TimeoutFuture::new(50).await;
        yew::scheduler::flush().await;
        if text(root, "real-surface-progress").trim() == "100 %" {
            break;
        }
    }
    text(root, "real-surface-progress").trim().to_string()
}

/// Lets the page draw a few frames.
async fn frames() {
    for _ in 0..6 {
        gloo_timers::future::TimeoutFuture::new(50).await;
        yew::scheduler::flush().await;
    }
}

#[wasm_bindgen_test]
async fn the_grid_waits_while_the_panel_is_out_of_view() {
    let root = mount_app().await;
    // The panel is far below the top of the page.
    web_sys::window().unwrap().scroll_to_with_x_and_y(0.0, 0.0);
    frames().await;
    let before = text(&root, "real-surface-progress");
    frames().await;
    assert_eq!(
        text(&root, "real-surface-progress"),
        before,
        "no cells computed out of view"
    );
    assert_ne!(before.trim(), "100 %");
    assert_eq!(wait_until_computed(&root).await, "100 %", "scrolled to, it completes");
}

#[wasm_bindgen_test]
async fn two_picked_weights_name_the_axes_and_the_grid_is_computed_without_nan() {
    let root = mount_app().await;
    let panel = find(&root, "real-surface");
    assert_eq!(wait_until_computed(&root).await, "100 %", "random directions at first");
    assert!(text(&root, "real-surface-axis-x").contains('1'));

    let mut names = Vec::new();
    for edge in ["edge-2-1-0", "edge-0-0-2"] {
        click_edge(&root, edge);
        yew::scheduler::flush().await;
        names.push(text(&root, "explain-heading"));
        click(&root, "use-as-axis");
        yew::scheduler::flush().await;
    }
    assert!(names[0].contains("Weight w") && names[0] != names[1], "{names:?}");
    let menu = find(&root, "real-surface-directions")
        .dyn_into::<HtmlSelectElement>()
        .unwrap();
    assert_eq!(menu.value(), "picked", "two picked weights switch the plane to them");
    assert_eq!(text(&root, "real-surface-axis-x"), names[0]);
    assert_eq!(text(&root, "real-surface-axis-y"), names[1]);
    assert_ne!(
        text(&root, "real-surface-progress").trim(),
        "100 %",
        "a new plane, a new grid"
    );
    assert_eq!(wait_until_computed(&root).await, "100 %");

    let (w, h, pixels) = canvas_pixels(&find(&root, "real-surface-map"));
    let painted = pixels
        .chunks(4)
        .filter(|p| p[3] > 0 && p[..3] != [255, 255, 255])
        .count();
    assert!(
        painted as f64 > 0.3 * f64::from(w * h),
        "the map is coloured: {painted} of {}",
        w * h
    );

    // Training moves the dot; re-centring takes a new grid through the new weights.
    click(&root, "step");
    yew::scheduler::flush().await;
    click(&root, "real-surface-recentre");
    yew::scheduler::flush().await;
    assert_eq!(wait_until_computed(&root).await, "100 %");
    let all = panel.text_content().unwrap_or_default();
    assert!(!all.contains("NaN"), "{all}");
}

#[wasm_bindgen_test]
async fn the_real_surface_is_drawn_in_3d_too_and_turns_when_dragged() {
    let root = mount_app().await;
    assert_eq!(wait_until_computed(&root).await, "100 %");
    yew::scheduler::flush().await;
    let canvas = find(&root, "real-surface-3d");
    let colours = |canvas: &Element| {
        let (_, _, pixels) = canvas_pixels(canvas);
        let mut seen: Vec<[u8; 3]> = pixels.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();
        seen.sort_unstable();
        seen.dedup();
        (seen.len(), pixels)
    };
    let (shades, before) = colours(&canvas);
    assert!(shades > 20, "a coloured surface: {shades} colours");
    // A finger's drag to the right turns it (pointer events, as a touch screen sends them).
    let pointer = |kind: &str, x: i32| {
        let init = web_sys::PointerEventInit::new();
        init.set_client_x(x);
        init.set_client_y(10);
        init.set_pointer_id(7);
        init.set_pointer_type("touch");
        init.set_is_primary(true);
        init.set_bubbles(true);
        let event = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
        canvas.dispatch_event(&event).unwrap();
    };
    pointer("pointerdown", 100);
    pointer("pointermove", 160);
    pointer("pointerup", 160);
    yew::scheduler::flush().await;
    assert_ne!(colours(&canvas).1, before, "the view turned");
}
