//! Browser tests of the output view alone: it draws the heatmap, one circle per sample, and a
//! click on a training point reports that point; while editing, a tap adds or removes a point.
//! Run by `cargo test --target wasm32-unknown-unknown --test browser_boundary` (see scripts/test.sh).
#![cfg(target_arch = "wasm32")]

use backprop_lab::app::components::{BoundaryView, BoundaryViewProps};
use backprop_lab::app::draw::color::{Rgb, NEGATIVE, POSITIVE};
use backprop_lab::app::draw::field::{Grid, RESOLUTION};
use backprop_lab::app::i18n::Lang;
use backprop_lab::app::state::Edit;
use backprop_lab::core::{Activation, DataSettings, Feature, Init, Network, Rng, Task};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, MouseEvent, MouseEventInit, PointerEvent, PointerEventInit};
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// The view mounted on the default cats-vs-dogs data, and the indices it has reported picked so far.
struct Mounted {
    root: Element,
    picked: Rc<RefCell<Vec<usize>>>,
    edits: Rc<RefCell<Vec<Edit>>>,
    train_len: usize,
    test_len: usize,
}

/// Mounts the view with a fresh 2-4-2-1 network (tanh, tanh, sigmoid).
async fn mount() -> Mounted {
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    mount_with(
        Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(5)).unwrap(),
        false,
    )
    .await
}

/// Mounts the view with `network` in its own element (taps editing the points, if `editing`) and
/// waits for the first render.
async fn mount_with(network: Network, editing: bool) -> Mounted {
    let root = web::new_root();
    // A fixed width, so that the plane is the same size wherever the runner's page puts it.
    root.set_attribute("style", "width: 400px").unwrap();
    let (train, test) = DataSettings::default().generate().unwrap();
    let picked = Rc::new(RefCell::new(Vec::new()));
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |i: usize| picked.borrow_mut().push(i))
    };
    let edits = Rc::new(RefCell::new(Vec::new()));
    let on_edit = {
        let edits = edits.clone();
        Callback::from(move |e: Edit| edits.borrow_mut().push(e))
    };
    let props = BoundaryViewProps {
        network,
        task: Task::Binary,
        train: Rc::new(train.to_dataset()),
        test: Rc::new(test.to_dataset()),
        sample: 0,
        lang: Lang::En,
        discretise_label: "Show only the decided class".into(),
        label: "The network's output over the plane".into(),
        on_pick,
        features: vec![Feature::X1, Feature::X2],
        playing: false,
        editing,
        on_edit,
        step: None,
    };
    let (train_len, test_len) = (props.train.len(), props.test.len());
    yew::Renderer::<BoundaryView>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    Mounted {
        root,
        picked,
        edits,
        train_len,
        test_len,
    }
}

mod web;
use web::find;

/// The distinct colours on the heatmap's canvas, and its size.
fn canvas_colours(root: &Element) -> (u32, u32, Vec<[u8; 4]>) {
    let (w, h, data) = web::canvas_pixels(&find(root, "boundary-canvas"));
    let mut colours: Vec<[u8; 4]> = data.chunks_exact(4).map(|p| [p[0], p[1], p[2], p[3]]).collect();
    colours.sort_unstable();
    colours.dedup();
    (w, h, colours)
}

/// Clicks at the centre of `target`'s box (the event starts at `target` and bubbles).
fn click_centre_of(target: &Element, at: &Element) {
    let rect = at.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + rect.width() / 2.0).round() as i32);
    init.set_client_y((rect.top() + rect.height() / 2.0).round() as i32);
    let event = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_heatmap_is_drawn_with_every_sample_on_it() {
    let m = mount().await;
    assert_eq!(find(&m.root, "boundary").tag_name().to_lowercase(), "figure");
    let (w, h, colours) = canvas_colours(&m.root);
    assert!(w >= 100 && h >= 100, "{w} × {h}");
    assert!(colours.len() > 20, "shades of the output: {}", colours.len());
    assert!(colours.iter().all(|c| c[3] == 255), "opaque");
    let count = |selector: &str| m.root.query_selector_all(selector).unwrap().length() as usize;
    assert_eq!(count("circle[data-testid^='point-']"), m.train_len);
    assert_eq!(count("circle[data-testid^='test-point-']"), m.test_len);
    assert!(m.train_len > 0 && m.test_len > 0);
    assert_eq!(count("[data-testid='chosen-sample']"), 1);
    assert_eq!(
        find(&m.root, "point-0").get_attribute("cx"),
        find(&m.root, "chosen-sample").get_attribute("cx"),
        "sample 0 is ringed"
    );
}

#[wasm_bindgen_test]
async fn discretise_leaves_two_colours() {
    let m = mount().await;
    find(&m.root, "discretise").dyn_into::<HtmlElement>().unwrap().click();
    yew::scheduler::flush().await;
    let (_, _, colours) = canvas_colours(&m.root);
    // This network's boundary crosses the plane: orange on one side, blue on the other.
    let rgba = |c: Rgb| [c.0, c.1, c.2, 255];
    assert_eq!(colours, [rgba(POSITIVE), rgba(NEGATIVE)], "sorted by red: blue first");
}

#[wasm_bindgen_test]
async fn clicking_a_point_picks_it() {
    let m = mount().await;
    let point = find(&m.root, "point-7");
    click_centre_of(&point, &point);
    assert_eq!(*m.picked.borrow(), [7]);
}

#[wasm_bindgen_test]
async fn clicking_the_plane_picks_the_nearest_point_within_reach() {
    let m = mount().await;
    let svg = m.root.query_selector("svg").unwrap().unwrap();
    // A training point with no other point within 4 units of it, clicked through the plane.
    let position = |i: usize| {
        let c = find(&m.root, &format!("point-{i}"));
        let at = |name| c.get_attribute(name).unwrap().parse::<f64>().unwrap();
        [at("cx"), at("cy")]
    };
    let isolated = (0..m.train_len)
        .find(|&i| {
            let p = position(i);
            (0..m.train_len).all(|j| {
                j == i || {
                    let q = position(j);
                    (p[0] - q[0]).hypot(p[1] - q[1]) > 4.0
                }
            })
        })
        .expect("an isolated point");
    click_centre_of(&svg, &find(&m.root, &format!("point-{isolated}")));
    assert_eq!(*m.picked.borrow(), [isolated]);
    // A corner of the plane, far from every point, picks nothing.
    let grid = Grid::new(RESOLUTION);
    let corner = grid.to_picture([-1.45, 1.45]);
    let far = (0..m.train_len).all(|j| {
        let q = position(j);
        (corner[0] - q[0]).hypot(corner[1] - q[1]) > 8.0
    });
    assert!(far, "no point near the top-left corner");
    let rect = svg.get_bounding_client_rect();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_client_x((rect.left() + corner[0] / RESOLUTION as f64 * rect.width()).round() as i32);
    init.set_client_y((rect.top() + corner[1] / RESOLUTION as f64 * rect.height()).round() as i32);
    svg.dispatch_event(&MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap())
        .unwrap();
    assert_eq!(*m.picked.borrow(), [isolated], "nothing more picked");
}

#[wasm_bindgen_test]
async fn a_network_it_cannot_draw_gives_a_message_not_a_panic() {
    // Three inputs, but only the two features x₁ and x₂ to give them.
    let network = Network::with_params(&[3, 1], &[Activation::Sigmoid], vec![]).unwrap();
    let m = mount_with(network, false).await;
    let message = m.root.query_selector("[role='alert']").unwrap().expect("a message");
    let text = message.text_content().unwrap_or_default();
    assert!(
        text.starts_with("The chart could not be drawn:") && text.contains("3 inputs"),
        "{text}"
    );
    assert_eq!(
        m.root
            .query_selector_all("circle[data-testid^='point-']")
            .unwrap()
            .length() as usize,
        m.train_len,
        "the points are still shown"
    );
}

/// A tap at picture position `p` of the plane: a press and a release of one pointer, with Shift
/// held or not.
fn tap(svg: &Element, p: [f64; 2], shift: bool) {
    let rect = svg.get_bounding_client_rect();
    for kind in ["pointerdown", "pointerup"] {
        let init = PointerEventInit::new();
        init.set_bubbles(true);
        init.set_pointer_id(3);
        init.set_shift_key(shift);
        init.set_client_x((rect.left() + p[0] / RESOLUTION as f64 * rect.width()).round() as i32);
        init.set_client_y((rect.top() + p[1] / RESOLUTION as f64 * rect.height()).round() as i32);
        svg.dispatch_event(&PointerEvent::new_with_event_init_dict(kind, &init).unwrap())
            .unwrap();
    }
}

#[wasm_bindgen_test]
async fn while_editing_a_tap_adds_a_point_there_or_removes_the_one_tapped() {
    let acts = [Activation::Tanh, Activation::Sigmoid];
    let m = mount_with(
        Network::new(&[2, 3, 1], &acts, Init::Xavier, &mut Rng::new(5)).unwrap(),
        true,
    )
    .await;
    let svg = m.root.query_selector("svg").unwrap().unwrap();
    assert_eq!(svg.get_attribute("data-editing").as_deref(), Some("true"));
    let grid = Grid::new(RESOLUTION);
    // The top-left corner has no point near it (see the picking test above).
    let corner = grid.to_picture([-1.45, 1.45]);
    tap(&svg, corner, false);
    tap(&svg, corner, true);
    let point = find(&m.root, "point-5");
    let at = |name| point.get_attribute(name).unwrap().parse::<f64>().unwrap();
    tap(&svg, [at("cx"), at("cy")], false);
    let edits = m.edits.borrow();
    assert_eq!(edits.len(), 3, "{edits:?}");
    let near = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).abs() < 0.05 && (a[1] - b[1]).abs() < 0.05;
    assert!(
        matches!(edits[0], Edit::Add { at, other: false } if near(at, [-1.45, 1.45])),
        "{edits:?}"
    );
    assert!(
        matches!(edits[1], Edit::Add { other: true, .. }),
        "Shift: the other class"
    );
    assert_eq!(
        edits[2],
        Edit::Remove { test: false, index: 5 },
        "a tap on a point removes it"
    );
    assert!(m.picked.borrow().is_empty(), "editing picks nothing");
    // A press that moves on before its release is a drag or a scroll: no edit.
    drop(edits);
    let rect = svg.get_bounding_client_rect();
    let init = PointerEventInit::new();
    init.set_bubbles(true);
    init.set_client_x(rect.left() as i32 + 5);
    init.set_client_y(rect.top() as i32 + 5);
    svg.dispatch_event(&PointerEvent::new_with_event_init_dict("pointerdown", &init).unwrap())
        .unwrap();
    init.set_client_y(rect.top() as i32 + 60);
    svg.dispatch_event(&PointerEvent::new_with_event_init_dict("pointerup", &init).unwrap())
        .unwrap();
    assert_eq!(m.edits.borrow().len(), 3);
}

/// Where there is no worker (as in this test runner, whose page has no Trunk glue to start one),
/// a picture is painted on the page at once, the painter's very pixels.
#[wasm_bindgen_test]
fn without_a_worker_the_page_paints_each_picture_at_once() {
    use backprop_lab::app::components::pictures;
    use backprop_lab::app::draw::painter::{Painter, Picture};
    let acts = [Activation::Tanh, Activation::Sigmoid];
    let network = Network::new(&[3, 4, 1], &acts, Init::Xavier, &mut Rng::new(8)).unwrap();
    let features = [Feature::X1, Feature::X2, Feature::X1Squared];
    for picture in [
        Picture::Maps { width: 400.0 },
        Picture::Output {
            task: Task::Binary,
            discretise: false,
            playing: true,
        },
    ] {
        let got = Rc::new(RefCell::new(None));
        let sink = got.clone();
        let deliver: pictures::Deliver = Rc::new(move |image| {
            let image = image.map(|i| (i.in_worker, i.data.width(), i.data.height(), i.data.data().0));
            *sink.borrow_mut() = Some(image);
        });
        pictures::paint(picture, &features, &network, deliver);
        let (in_worker, width, height, pixels) = got.borrow_mut().take().expect("painted at once").unwrap();
        let mut painter = Painter::default();
        let expected = painter.paint_parts(picture, &features, &network).unwrap();
        assert!(!in_worker);
        assert_eq!((width as usize, height as usize), (expected.width, expected.height));
        assert_eq!(pixels, expected.pixels);
        assert!(pixels.iter().any(|&v| v != 0));
    }
}
