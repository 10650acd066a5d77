//! Browser tests of the neurons' own heatmaps in the network view: every neuron shows its output
//! over the plane through a window in its circle, the maps follow training, and the backward pass
//! shows whole circles again.
//! Run by `cargo test --target wasm32-unknown-unknown --test browser_neurons` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use backprop_lab::app::draw::thumbnails::{SCALE, WINDOW_SHARE};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

mod web;
use web::{find, mount_app as mount};

/// Clicks `testid` `times` times, letting the app render after each click.
async fn click(root: &Element, testid: &str, times: usize) {
    for _ in 0..times {
        find(root, testid).dyn_into::<HtmlElement>().unwrap().click();
        yew::scheduler::flush().await;
    }
}

/// Every element matching `selector` under `root`.
fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|k| list.item(k).unwrap().dyn_into::<Element>().unwrap())
        .collect()
}

/// The canvas of the neurons' maps.
fn sheet(root: &Element) -> HtmlCanvasElement {
    find(root, "neuron-maps").dyn_into::<HtmlCanvasElement>().unwrap()
}

/// The canvas's RGBA pixels.
fn pixels(root: &Element) -> Vec<u8> {
    web::canvas_pixels(&sheet(root)).2
}

/// For every neuron drawn, its test id and the sheet's pixels seen through its window: those
/// within the window's radius (less a pixel) of the circle's centre, scaled to sheet pixels.
fn windows(root: &Element) -> Vec<(String, Vec<[u8; 4]>)> {
    let data = pixels(root);
    let width = sheet(root).width() as usize;
    all(root, "g.neuron")
        .iter()
        .map(|g| {
            let circle = g.query_selector("circle").unwrap().unwrap();
            let number = |name: &str| circle.get_attribute(name).unwrap().parse::<f64>().unwrap() * SCALE;
            let (cx, cy) = (number("cx"), number("cy"));
            let reach = WINDOW_SHARE * number("r") - 1.0;
            let mut seen = Vec::new();
            for row in (cy - reach).ceil() as usize..=(cy + reach).floor() as usize {
                for col in (cx - reach).ceil() as usize..=(cx + reach).floor() as usize {
                    let (dx, dy) = (col as f64 + 0.5 - cx, row as f64 + 0.5 - cy);
                    if dx * dx + dy * dy <= reach * reach {
                        let i = (row * width + col) * 4;
                        seen.push([data[i], data[i + 1], data[i + 2], data[i + 3]]);
                    }
                }
            }
            (g.get_attribute("data-testid").unwrap(), seen)
        })
        .collect()
}

/// The number of different colours among `colours`.
fn distinct(colours: &[[u8; 4]]) -> usize {
    let mut all = colours.to_vec();
    all.sort_unstable();
    all.dedup();
    all.len()
}

/// Whether the maps are on show: the canvas visible and every circle clipped to a ring.
fn maps_shown(root: &Element) -> bool {
    let visible = !sheet(root).hidden();
    let clipped = all(root, "g.neuron circle")
        .iter()
        .all(|c| c.get_attribute("clip-path").is_some());
    assert_eq!(
        visible, clipped,
        "the canvas is on show exactly when the circles have windows"
    );
    visible
}

#[wasm_bindgen_test]
async fn every_neuron_shows_its_own_output_over_the_plane() {
    let root = mount().await;
    let canvas = sheet(&root);
    // The sheet is the drawing at SCALE pixels a unit: each map lies under its neuron.
    let (width, height) = web::drawing_size(&root);
    assert_eq!(
        (canvas.width() as usize, canvas.height() as usize),
        ((width * SCALE).round() as usize, (height * SCALE).round() as usize)
    );
    assert!(maps_shown(&root));
    assert_eq!(canvas.get_attribute("data-error"), None);
    let maps = windows(&root);
    assert!(maps.len() >= 4, "{} neurons", maps.len());
    for (id, seen) in &maps {
        assert!(seen.len() > 250, "{id}: {} pixels in the window", seen.len());
        assert!(seen.iter().all(|p| p[3] == 255), "{id}: the window shows only its map");
        // Every neuron of a fresh network, x₁ and x₂ too, changes across the plane.
        assert!(distinct(seen) >= 5, "{id}: {} colours", distinct(seen));
    }
    let everything: Vec<[u8; 4]> = maps.iter().flat_map(|(_, seen)| seen.iter().copied()).collect();
    assert!(distinct(&everything) > 50, "{} colours in all", distinct(&everything));
    // Outside the circles the canvas is clear: the SVG's edges and the panel show.
    assert_eq!(&pixels(&root)[..4], [0, 0, 0, 0], "the top-left corner");
    // The input x₁ runs from orange (red above blue) on the left to blue on the right.
    let x1 = &maps.iter().find(|(id, _)| id == "neuron-0-0").unwrap().1;
    let (left, right) = (
        x1.iter().min_by_key(|p| p[2]).unwrap(),
        x1.iter().max_by_key(|p| p[2]).unwrap(),
    );
    assert!(left[0] > left[2] && right[2] > right[0], "x₁: {left:?} … {right:?}");
    // The chosen sample's numbers stay on the circles.
    assert_eq!(
        all(&root, "g.neuron .neuron-value").len(),
        maps.len(),
        "every neuron shows its a"
    );
}

#[wasm_bindgen_test]
async fn the_maps_change_as_the_network_learns() {
    let root = mount().await;
    let before = windows(&root);
    click(&root, "step", 3).await;
    assert_eq!(find(&root, "step-count").text_content().unwrap(), "3");
    let after = windows(&root);
    assert_eq!(before.len(), after.len());
    let changed: Vec<&str> = before
        .iter()
        .zip(&after)
        .filter(|(b, a)| b.1 != a.1)
        .map(|(b, _)| b.0.as_str())
        .collect();
    // The inputs stay what they are; every neuron after them moves with its weights.
    assert!(!changed.iter().any(|id| id.starts_with("neuron-0-")), "{changed:?}");
    let learners = before.iter().filter(|(id, _)| !id.starts_with("neuron-0-")).count();
    assert_eq!(changed.len(), learners, "changed: {changed:?}");
    assert!(after.iter().all(|(_, seen)| seen.iter().all(|p| p[3] == 255)));
}

#[wasm_bindgen_test]
async fn the_backward_pass_shows_whole_circles_filled_by_the_error() {
    let root = mount().await;
    let first = windows(&root);
    // ① initialise: nothing has fired yet, so no maps either.
    click(&root, "phase-next", 1).await;
    assert!(!maps_shown(&root));
    // ② forward pass: the activations, with their maps.
    click(&root, "phase-next", 1).await;
    assert!(maps_shown(&root));
    // ④ backward pass: whole circles filled by δ, its number on top.
    click(&root, "phase-next", 2).await;
    assert!(!maps_shown(&root));
    assert!(!all(&root, "g.neuron .neuron-value").is_empty());
    // ⑤ update: the maps are back, drawn for the updated weights.
    click(&root, "phase-next", 1).await;
    assert!(maps_shown(&root));
    let updated = windows(&root);
    assert!(
        first.iter().zip(&updated).any(|(a, b)| a.1 != b.1),
        "the update redrew the maps"
    );
}

#[wasm_bindgen_test]
async fn the_weights_are_drawn_as_lines_in_their_colours() {
    let root = mount().await;
    let canvas = find(&root, "edges");
    let (w, _, data) = web::canvas_pixels(&canvas);
    let (width, _) = web::drawing_size(&root);
    let scale = f64::from(w) / width;
    let pixel = |col: usize, row: usize| {
        let i = 4 * (row * w as usize + col);
        [data[i], data[i + 1], data[i + 2], data[i + 3]]
    };
    // The most opaque pixel within a pixel of (x, y) (a thin line may fall between pixels).
    let at = |x: f64, y: f64| {
        let (col, row) = ((x * scale) as usize, (y * scale) as usize);
        (col - 1..=col + 1)
            .flat_map(|c| (row - 1..=row + 1).map(move |r| (c, r)))
            .map(|(c, r)| pixel(c, r))
            .max_by_key(|p| p[3])
            .unwrap()
    };
    let edges = all(&root, "line.edge-line");
    assert!(edges.len() >= 8, "{} edges", edges.len());
    // A third of the way along each line (where the lines of one neuron have parted), the
    // canvas holds the line's colour: blue (w ≥ 0) or orange (w < 0).
    let mut own_colour = 0;
    for line in &edges {
        let number = |name: &str| line.get_attribute(name).unwrap().parse::<f64>().unwrap();
        let (x, y) = (
            number("x1") + (number("x2") - number("x1")) / 3.0,
            number("y1") + (number("y2") - number("y1")) / 3.0,
        );
        let [r, _, b, a] = at(x, y);
        assert!(
            a > 40,
            "{}: nothing drawn at ({x}, {y})",
            line.get_attribute("data-testid").unwrap()
        );
        if (b > r) == (number("data-weight") >= 0.0) {
            own_colour += 1;
        }
    }
    assert!(
        own_colour * 10 >= edges.len() * 9,
        "{own_colour} of {} in their own colour",
        edges.len()
    );
    // Above the layers' titles no line passes.
    assert_eq!(at(5.0, 5.0)[3], 0);
    assert_eq!(at(width - 5.0, 5.0)[3], 0);
}
