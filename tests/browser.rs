//! Browser tests: the app mounts in headless Chromium and answers clicks.
//! Run by `cargo test --target wasm32-unknown-unknown --test browser` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

mod web;
use web::{click, find, mount_app as mount, point_at_edge, text};

/// Every weight as drawn, in order.
fn weights(root: &Element) -> Vec<f64> {
    let lines = root.query_selector_all("line.edge-line").unwrap();
    (0..lines.length())
        .map(|k| {
            let line = lines.item(k).unwrap().dyn_into::<Element>().unwrap();
            line.get_attribute("data-weight").unwrap().parse().unwrap()
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_network_and_chart_are_drawn() {
    let root = mount().await;
    assert_eq!(find(&root, "network").tag_name().to_lowercase(), "svg");
    assert_eq!(find(&root, "cost-chart").tag_name().to_lowercase(), "canvas");
    for (layer, count) in [2, 4, 2, 1].into_iter().enumerate() {
        for index in 0..count {
            find(&root, &format!("neuron-{layer}-{index}"));
        }
    }
    assert_eq!(weights(&root).len(), 2 * 4 + 4 * 2 + 2);
    // The neurons are lit by the sample's activations, so their shades differ.
    let fills = root.query_selector_all("g.neuron circle").unwrap();
    let mut shades: Vec<String> = (0..fills.length())
        .map(|k| {
            fills
                .item(k)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .get_attribute("fill")
                .unwrap()
        })
        .collect();
    shades.sort();
    shades.dedup();
    assert!(shades.len() >= 5, "neuron shades: {shades:?}");
}

#[wasm_bindgen_test]
async fn step_trains_one_batch() {
    let root = mount().await;
    assert_eq!(text(&root, "step-count"), "0");
    let before = weights(&root);
    let cost_before = text(&root, "train-cost");
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "1");
    let after = weights(&root);
    assert_eq!(before.len(), after.len());
    assert!(before.iter().zip(&after).any(|(b, a)| b != a), "a weight changed");
    assert_ne!(text(&root, "train-cost"), cost_before);
    assert!(
        text(&root, "accuracy").ends_with('%'),
        "accuracy is shown for cats vs dogs"
    );
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "2");
    click(&root, "epoch");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "epoch-count"), "1");
    assert_eq!(
        text(&root, "step-count"),
        "20",
        "the epoch is completed: 200 samples, batches of 10"
    );
}

#[wasm_bindgen_test]
async fn reset_brings_back_the_first_weights() {
    let root = mount().await;
    let first = weights(&root);
    click(&root, "step");
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_ne!(weights(&root), first);
    click(&root, "reset");
    yew::scheduler::flush().await;
    assert_eq!(weights(&root), first);
    assert_eq!(text(&root, "step-count"), "0");
}

#[wasm_bindgen_test]
async fn the_learning_rate_slider_sets_the_rate_on_a_log_scale() {
    let root = mount().await;
    assert_eq!(text(&root, "learning-rate-value"), "0.100");
    let slider = find(&root, "learning-rate").dyn_into::<HtmlInputElement>().unwrap();
    assert_eq!(slider.value().parse::<f64>().unwrap(), -1.0, "η = 0.1 sits at 10⁻¹");
    slider.set_value("0.5");
    let event = web_sys::InputEvent::new("input").unwrap();
    slider.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    // 10^0.5 = 3.162…
    assert_eq!(text(&root, "learning-rate-value"), "3.16");
}

#[wasm_bindgen_test]
async fn play_trains_until_paused() {
    let root = mount().await;
    click(&root, "play");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "play"), "Pause");
    // Wait a few ticks of the play loop.
    gloo_timers::future::TimeoutFuture::new(200).await;
    yew::scheduler::flush().await;
    let steps: u64 = text(&root, "step-count").parse().unwrap();
    assert!(steps > 0, "training ran while playing");
    click(&root, "play");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "play"), "Play");
    let paused_at = text(&root, "step-count");
    gloo_timers::future::TimeoutFuture::new(100).await;
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), paused_at, "no training once paused");
}

#[wasm_bindgen_test]
async fn switching_language_keeps_the_run() {
    let root = mount().await;
    click(&root, "step");
    click(&root, "step");
    yew::scheduler::flush().await;
    let weights_before = weights(&root);
    assert_eq!(text(&root, "step"), "Step");
    let menu = find(&root, "language").dyn_into::<HtmlSelectElement>().unwrap();
    menu.set_value("zh-TW");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step"), "單步");
    assert_eq!(text(&root, "reset"), "重設");
    assert!(root.text_content().unwrap().contains("學習率"));
    assert_eq!(text(&root, "step-count"), "2", "the step count is kept");
    assert_eq!(weights(&root), weights_before, "the weights are kept");
    let html = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .document_element()
        .unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("zh-TW"));
    menu.set_value("en");
    menu.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step"), "Step");
}

#[wasm_bindgen_test]
async fn a_typed_learning_rate_is_used_and_nonsense_is_refused() {
    let root = mount().await;
    let field = find(&root, "learning-rate-input")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    field.set_value("abc");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "learning-rate-value"), "0.100", "the old rate is kept");
    assert_eq!(field.value(), "0.100", "the field shows the rate in use again");
    assert!(text(&root, "message").contains("positive, finite number"));
    field.set_value("0,5");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "learning-rate-value"), "0.500");
    assert!(
        root.query_selector("[data-testid='message']").unwrap().is_none(),
        "a good rate clears the message"
    );
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "1");
}

/// A key pressed on `target` (the event bubbles up to the window, like a real one).
fn press_on(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// A key pressed on the page itself.
fn press(key: &str) {
    press_on(&web_sys::window().unwrap().document().unwrap().body().unwrap(), key);
}

#[wasm_bindgen_test]
async fn keys_step_play_and_reset() {
    let root = mount().await;
    press("ArrowRight");
    press("ArrowRight");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "2", "→ takes a step");
    press("r");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "0", "R resets");
    press(" ");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "play"), "Pause", "Space plays");
    press(" ");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "play"), "Play", "Space pauses");
    // Keys typed into a field are the field's.
    let field = find(&root, "learning-rate-input")
        .dyn_into::<HtmlInputElement>()
        .unwrap();
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "1");
    press_on(&field, "r");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "1", "no reset from a key typed in the field");
}

#[wasm_bindgen_test]
async fn picking_a_dataset_rebuilds_the_network_for_its_task() {
    let root = mount().await;
    assert!(
        text(&root, "cats-dogs-legend").contains("dog"),
        "cats vs dogs comes first"
    );
    click(&root, "step");
    yew::scheduler::flush().await;
    click(&root, "dataset-blobs");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "0", "a new run");
    for k in 0..3 {
        find(&root, &format!("neuron-3-{k}"));
    }
    assert!(root
        .query_selector("[data-testid='cats-dogs-legend']")
        .unwrap()
        .is_none());
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "1");
}

/// The distinct colours of a canvas's pixels.
fn canvas_colours(canvas: &Element) -> Vec<[u8; 3]> {
    let (_, _, pixels) = web::canvas_pixels(canvas);
    let mut colours: Vec<[u8; 3]> = pixels.chunks_exact(4).map(|p| [p[0], p[1], p[2]]).collect();
    colours.sort_unstable();
    colours.dedup();
    colours
}

#[wasm_bindgen_test]
async fn every_dataset_has_a_picture_and_the_one_in_use_is_pressed() {
    let root = mount().await;
    let names = [
        "cats_dogs",
        "circle",
        "xor",
        "gaussians",
        "spiral",
        "moons",
        "blobs",
        "plane",
        "bumps",
    ];
    let group = find(&root, "dataset");
    assert_eq!(group.get_attribute("role").as_deref(), Some("group"));
    assert_eq!(group.query_selector_all("button").unwrap().length(), 9);
    let pressed = |root: &Element| -> Vec<String> {
        names
            .iter()
            .filter(|n| {
                find(root, &format!("dataset-{n}"))
                    .get_attribute("aria-pressed")
                    .as_deref()
                    == Some("true")
            })
            .map(|n| n.to_string())
            .collect()
    };
    assert_eq!(pressed(&root), ["cats_dogs"], "the article's set first");
    let mut pictures = Vec::new();
    for name in names {
        let button = find(&root, &format!("dataset-{name}"));
        assert_eq!(
            button.tag_name().to_lowercase(),
            "button",
            "{name}: focusable, Enter and Space press it"
        );
        // Named by its visible text (what a speech user says to press it), the full name in its title.
        assert_eq!(
            button.get_attribute("aria-label"),
            None,
            "{name}: no name that hides its text"
        );
        assert!(
            !button.get_attribute("title").unwrap_or_default().is_empty(),
            "{name} has its full name as a title"
        );
        assert!(
            !button.text_content().unwrap_or_default().trim().is_empty(),
            "{name} shows its name"
        );
        let canvas = button.query_selector("canvas").unwrap().expect("a picture");
        assert_eq!(canvas.get_attribute("data-error"), None, "{name}");
        let colours = canvas_colours(&canvas);
        // A pale background and dots of at least one label colour, smoothed at their edges.
        assert!(colours.len() > 2, "{name}: a blank picture ({colours:?})");
        assert!(colours.contains(&[255, 255, 255]), "{name}: the pale background");
        pictures.push(colours);
    }
    // The cats-and-dogs picture shows both classes: orange cats and blue dogs.
    assert!(pictures[0].contains(&[0xf5, 0x93, 0x22]) && pictures[0].contains(&[0x08, 0x77, 0xbd]));
    // Three blobs: the third class's green.
    assert!(pictures[6].contains(&[0x00, 0x9e, 0x73]));
    click(&root, "dataset-moons");
    yew::scheduler::flush().await;
    assert_eq!(pressed(&root), ["moons"]);
    assert_eq!(text(&root, "step-count"), "0");
    // Pressing the set in use again keeps the run.
    click(&root, "step");
    yew::scheduler::flush().await;
    click(&root, "dataset-moons");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "1", "the same set: no new run");
    assert_eq!(pressed(&root), ["moons"]);
    // The pictures stay drawn across re-renders.
    let moons = find(&root, "dataset-moons").query_selector("canvas").unwrap().unwrap();
    assert_eq!(canvas_colours(&moons), pictures[5]);
}

#[wasm_bindgen_test]
async fn the_walk_names_each_phase_and_its_update_takes_one_step() {
    let root = mount().await;
    assert!(
        root.query_selector("[data-testid='phase-name']").unwrap().is_none(),
        "no walk at first"
    );
    let mut names = Vec::new();
    for _ in 0..5 {
        click(&root, "phase-next");
        yew::scheduler::flush().await;
        names.push(text(&root, "phase-name"));
    }
    assert_eq!(
        names,
        [
            "① Initialise the weights",
            "② Forward pass",
            "③ Loss",
            "④ Backward pass",
            "⑤ Update the weights"
        ]
    );
    assert_eq!(text(&root, "step-count"), "1", "the update trained on the sample");
    // Shift+→ is the same as the button: after the update, the forward pass again.
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("ArrowRight");
    init.set_shift_key(true);
    init.set_bubbles(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
        .dispatch_event(&event)
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "phase-name"), "② Forward pass");
    click(&root, "end-walk");
    yew::scheduler::flush().await;
    assert!(root.query_selector("[data-testid='phase-name']").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn pointing_at_a_weight_writes_out_its_gradient_and_update() {
    let root = mount().await;
    assert!(text(&root, "formulas").contains("a = σ(z)"), "the output neuron first");
    point_at_edge(&root, "edge-0-1-2", "mousemove");
    yew::scheduler::flush().await;
    assert!(text(&root, "explain-heading").contains("neuron 2 of input to neuron 3 of hidden 1"));
    let formulas = text(&root, "formulas");
    assert!(
        formulas.contains("∂L/∂w = δ·a") && formulas.contains("w − η·∂L/∂w"),
        "{formulas}"
    );
    assert!(!formulas.contains("NaN"));
}

#[wasm_bindgen_test]
async fn the_gradient_check_reports_agreement_and_next_sample_relights_the_network() {
    let root = mount().await;
    click(&root, "gradient-check");
    yew::scheduler::flush().await;
    let result = find(&root, "gradient-check-result");
    let error: f64 = result.get_attribute("data-value").unwrap().parse().unwrap();
    assert!(error < 1e-4, "{error}");
    assert!(text(&root, "gradient-check-result").contains("agrees"));

    let shade = |root: &Element| {
        find(root, "neuron-1-0")
            .query_selector("circle")
            .unwrap()
            .unwrap()
            .get_attribute("fill")
            .unwrap()
    };
    let before = (shade(&root), text(&root, "sample-loss"));
    click(&root, "next-sample");
    yew::scheduler::flush().await;
    assert_ne!((shade(&root), text(&root, "sample-loss")), before);
}

#[wasm_bindgen_test]
async fn the_shape_controls_grow_the_network_and_the_settings_show_what_is_used() {
    let root = mount().await;
    let menu = |id: &str| find(&root, id).dyn_into::<HtmlSelectElement>().unwrap();
    let chosen = |id: &str| {
        let m = menu(id);
        let options = m.query_selector_all("option").unwrap();
        options.item(m.selected_index() as u32).unwrap().text_content().unwrap()
    };
    assert_eq!(chosen("loss"), "Cross-entropy", "the loss in use");
    assert_eq!(chosen("optimizer"), "SGD (plain gradient descent)");
    click(&root, "add-layer");
    click(&root, "add-neuron-0");
    click(&root, "feature-x1x2");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "layer-count"), "3");
    assert_eq!(text(&root, "neuron-count-0"), "5");
    for (layer, count) in [(0, 3), (1, 5), (2, 2), (3, 2), (4, 1)] {
        assert!(root
            .query_selector(&format!("[data-testid='neuron-{layer}-{count}']"))
            .unwrap()
            .is_none());
        find(&root, &format!("neuron-{layer}-{}", count - 1));
    }
    // Live settings keep the run going.
    click(&root, "step");
    yew::scheduler::flush().await;
    let optimizer = menu("optimizer");
    optimizer.set_value("5");
    optimizer
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(chosen("optimizer"), "Adam");
    assert_eq!(text(&root, "step-count"), "1", "no reset");
    click(&root, "step");
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "step-count"), "2");
}

#[wasm_bindgen_test]
async fn a_typed_weight_changes_the_cost_and_nonsense_is_refused() {
    let root = mount().await;
    point_at_edge(&root, "edge-2-1-0", "click");
    yew::scheduler::flush().await;
    let cost = text(&root, "train-cost");
    let field = find(&root, "weight-input").dyn_into::<HtmlInputElement>().unwrap();
    field.set_value("4");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(find(&root, "edge-2-1-0").get_attribute("data-weight").unwrap(), "4");
    assert_ne!(text(&root, "train-cost"), cost);
    assert_eq!(text(&root, "step-count"), "0");
    field.set_value("abc");
    field.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert!(text(&root, "message").contains("finite number"));
    assert_eq!(
        find(&root, "edge-2-1-0").get_attribute("data-weight").unwrap(),
        "4",
        "the old weight is kept"
    );
}

#[wasm_bindgen_test]
async fn pointing_at_or_tabbing_to_a_neuron_explains_it() {
    let root = mount().await;
    // The pointer over the middle of hidden 1's second neuron.
    let circle = find(&root, "neuron-1-1").query_selector("circle").unwrap().unwrap();
    let at = |name: &str| circle.get_attribute(name).unwrap().parse::<f64>().unwrap();
    web::point_at(&root, at("cx"), at("cy"), "mousemove");
    yew::scheduler::flush().await;
    let heading = text(&root, "explain-heading");
    assert!(heading.starts_with("Neuron 2 of") && heading.contains('1'), "{heading}");
    // Reached with the keyboard: the first input neuron.
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let focus = web_sys::Event::new_with_event_init_dict("focusin", &init).unwrap();
    find(&root, "neuron-0-0").dispatch_event(&focus).unwrap();
    yew::scheduler::flush().await;
    let heading = text(&root, "explain-heading");
    assert!(
        heading.starts_with("Neuron 1 of") && heading.contains("input"),
        "{heading}"
    );
}
