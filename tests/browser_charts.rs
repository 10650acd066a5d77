//! Browser tests of the charts alone: the cost chart's pixel density and pointer readout, and the
//! per-sample loss bars with their mean.
//! Run by `cargo test --target wasm32-unknown-unknown --test browser_charts`.
#![cfg(target_arch = "wasm32")]

use backprop_lab::app::components::{
    CostChart, CostChartProps, Replay, ReplayProps, SampleLossBars, SampleLossBarsProps,
};
use backprop_lab::app::i18n::Lang;
use backprop_lab::app::state::Action;
use backprop_lab::app::state::CostPoint;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlCanvasElement, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

mod web;
use web::find;

/// A fresh element of fixed width in the page, to mount a component in.
fn root() -> Element {
    let root = web::new_root();
    root.set_attribute("style", "width: 480px").unwrap();
    root
}

async fn mount_bars(losses: Vec<f64>, lang: Lang) -> Element {
    let root = root();
    let props = SampleLossBarsProps {
        losses: Rc::new(losses),
        lang,
    };
    yew::Renderer::<SampleLossBars>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    root
}

fn text(root: &Element, testid: &str) -> String {
    web::text(root, testid).trim().to_string()
}

/// The canvas's pixel buffer is its CSS size times the device pixel ratio.
fn assert_sharp(canvas: &HtmlCanvasElement) {
    let ratio = web_sys::window().unwrap().device_pixel_ratio();
    let css = canvas.get_bounding_client_rect();
    assert!(css.width() > 100.0, "laid out: {}", css.width());
    let expected = (f64::from(canvas.client_width()) * ratio).round();
    assert_eq!(f64::from(canvas.width()), expected, "buffer width at ratio {ratio}");
}

#[wasm_bindgen_test]
async fn the_bars_carry_their_mean_and_say_it_is_the_cost() {
    let root = mount_bars(vec![0.5, 0.25, 0.125, 0.125], Lang::En).await;
    let bars = find(&root, "sample-loss-bars");
    assert_eq!(bars.get_attribute("data-cost").as_deref(), Some("0.25"));
    assert_eq!(
        text(&root, "sample-loss-cost"),
        "The mini-batch's mean loss: the mean of these 4 losses = 0.250"
    );
    let canvas: HtmlCanvasElement = bars.query_selector("canvas").unwrap().unwrap().dyn_into().unwrap();
    assert_sharp(&canvas);
    assert!(
        root.query_selector("[role='alert']").unwrap().is_none(),
        "drawn without an error"
    );

    let root = mount_bars(vec![0.5, 0.25, 0.125, 0.125], Lang::ZhTw).await;
    assert_eq!(
        text(&root, "sample-loss-cost"),
        "小批次的平均損失：這 4 個損失的平均 = 0.250"
    );
}

#[wasm_bindgen_test]
async fn no_batch_yet_and_a_broken_loss_are_said_plainly() {
    let root = mount_bars(Vec::new(), Lang::En).await;
    assert_eq!(find(&root, "sample-loss-bars").get_attribute("data-cost"), None);
    assert!(text(&root, "sample-loss-cost").starts_with("Take a step"));
    let root = mount_bars(vec![0.5, f64::NAN], Lang::En).await;
    assert_eq!(
        find(&root, "sample-loss-bars").get_attribute("data-cost").as_deref(),
        Some("NaN")
    );
    assert_eq!(
        text(&root, "sample-loss-cost"),
        "The mini-batch's mean loss: the mean of these 2 losses = —"
    );
    assert!(
        root.query_selector("[role='alert']").unwrap().is_none(),
        "drawn without an error"
    );
}

/// Moves the mouse to `x` CSS pixels from the canvas's left edge, or out of it.
fn point_at(canvas: &Element, kind: &str, x: f64) {
    let rect = canvas.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + x).round() as i32);
    init.set_client_y((rect.top() + rect.height() / 2.0).round() as i32);
    let event = MouseEvent::new_with_mouse_event_init_dict(kind, &init).unwrap();
    canvas.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn pointing_at_the_cost_chart_reads_out_the_nearest_point() {
    let root = root();
    // Epochs 0, 0.5, …, 10 with train cost 0.7 / (1 + epoch) and test cost 0.75 / (1 + epoch).
    let points = (0..21)
        .map(|k| {
            let epoch = f64::from(k) * 0.5;
            CostPoint {
                epoch,
                train: 0.7 / (1.0 + epoch),
                test: 0.75 / (1.0 + epoch),
            }
        })
        .collect();
    let props = CostChartProps {
        points: Rc::new(points),
        rate_changes: Rc::new(vec![(5.0, 0.3)]),
        lang: Lang::En,
        pinned: None,
        runs: None,
        marker: None,
    };
    yew::Renderer::<CostChart>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let canvas = find(&root, "cost-chart");
    assert_sharp(&canvas.clone().dyn_into().unwrap());
    let hint = text(&root, "chart-readout");
    assert!(hint.starts_with("Point at the chart"), "{hint}");

    // Left of the plot: the first point; right of it: the last.
    point_at(&canvas, "mousemove", 1.0);
    yew::scheduler::flush().await;
    assert_eq!(
        text(&root, "chart-readout"),
        "Epoch 0.00 · Training cost 0.7000 · Test cost 0.7500"
    );
    let width = canvas.get_bounding_client_rect().width();
    point_at(&canvas, "mousemove", width - 1.0);
    yew::scheduler::flush().await;
    // 0.7 / 11 = 0.06364, 0.75 / 11 = 0.06818.
    assert_eq!(
        text(&root, "chart-readout"),
        "Epoch 10.00 · Training cost 0.0636 · Test cost 0.0682"
    );
    point_at(&canvas, "mouseleave", width + 10.0);
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "chart-readout"), hint);
    assert!(
        root.query_selector("[role='alert']").unwrap().is_none(),
        "drawn without an error"
    );
}

#[wasm_bindgen_test]
async fn a_pinned_run_is_named_under_the_chart_beside_the_current_one() {
    let root = root();
    let falling = |scale: f64| {
        (0..11)
            .map(|k| CostPoint {
                epoch: f64::from(k) * 0.5,
                train: scale / (1.0 + f64::from(k)),
                test: scale,
            })
            .collect::<Vec<_>>()
    };
    let props = CostChartProps {
        points: Rc::new(falling(0.7)),
        rate_changes: Rc::new(Vec::new()),
        lang: Lang::En,
        pinned: Some(Rc::new(falling(0.9))),
        runs: Some([
            "pinned: SGD, η 0.100, batch 10".into(),
            "now: Adam, η 0.0300, batch 10".into(),
        ]),
        marker: Some(1.5),
    };
    yew::Renderer::<CostChart>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "run-pinned"), "pinned: SGD, η 0.100, batch 10");
    assert_eq!(text(&root, "run-now"), "now: Adam, η 0.0300, batch 10");
    let swatch = root
        .query_selector("[data-testid='run-pinned'] .run-line")
        .unwrap()
        .unwrap();
    let class = swatch.get_attribute("class").unwrap_or_default();
    assert!(
        class.split(' ').any(|c| c == "pinned"),
        "its piece of line is the dashed one: {class}"
    );
    assert!(
        root.query_selector("[role='alert']").unwrap().is_none(),
        "drawn without an error"
    );
}

#[wasm_bindgen_test]
async fn the_scrubber_says_which_step_it_shows_and_asks_for_the_moment_dragged_to() {
    let root = root();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let on_action = {
        let asked = asked.clone();
        yew::Callback::from(move |a: Action| asked.borrow_mut().push(a))
    };
    let props = ReplayProps {
        moments: vec![0, 1, 2, 5, 9],
        viewing: Some(3),
        steps: 12,
        pinned: false,
        lang: Lang::En,
        on_action,
    };
    yew::Renderer::<Replay>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let scrubber: web_sys::HtmlInputElement = find(&root, "history-scrubber").dyn_into().unwrap();
    assert_eq!(
        (scrubber.type_(), scrubber.max(), scrubber.value()),
        ("range".into(), "5".into(), "3".into())
    );
    assert_eq!(
        scrubber.get_attribute("aria-valuetext").as_deref(),
        Some("step 5 of 12")
    );
    assert_eq!(text(&root, "history-position"), "step 5 of 12");
    assert!(text(&root, "viewing").starts_with("Viewing step 5 of 12."));
    let label = root.query_selector("label[for='history-scrubber']").unwrap().unwrap();
    assert_eq!(label.text_content().unwrap_or_default(), "Training history");
    assert!(
        root.query_selector("[data-testid='unpin']").unwrap().is_none(),
        "nothing pinned yet"
    );
    scrubber.set_value("1");
    scrubber
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    find(&root, "resume-here")
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    find(&root, "pin-run")
        .dyn_into::<web_sys::HtmlElement>()
        .unwrap()
        .click();
    assert_eq!(
        *asked.borrow(),
        [Action::ViewMoment(1), Action::ResumeHere, Action::PinRun]
    );
}
