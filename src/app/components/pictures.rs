//! The pictures of a network over the plane (the neurons' maps and the output field), painted in
//! a worker where the browser has one, so that the page's main thread only puts them on canvases.
//!
//! [`paint`] asks for a picture. A worker running this same WebAssembly ([`serve`], started by
//! `static/picture-worker.js` with the module the page already compiled) paints it and sends the
//! pixels back, their buffer transferred, not copied. Each kind of picture has at most one request
//! in flight; a newer one waits in its place and replaces any older one waiting, so a busy worker
//! skips pictures instead of falling behind. Until the worker says it is ready, where there is no
//! worker, and after one failed, the page paints the picture itself, at once, with the same code:
//! the pixels are the same either way.

use crate::app::draw::painter::{self, Painted, Painter, Picture, Request, KINDS};
use crate::core::{Feature, Network};
use js_sys::{Array, Float64Array, Object, Reflect, Uint8ClampedArray};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, ImageData, MessageEvent, Worker, WorkerOptions, WorkerType};

/// A painted picture and where it was painted.
pub struct Image {
    /// The pixels, ready for `putImageData`.
    pub data: ImageData,
    /// Painted by the worker (else on the page).
    pub in_worker: bool,
}

/// Where a kind of picture goes once painted: its image, or why there is none.
pub type Deliver = Rc<dyn Fn(Result<Image, String>)>;

/// Who paints.
enum Hands {
    /// No picture asked for yet: the worker starts with the first.
    Idle,
    /// The worker is loading; the page paints meanwhile.
    Starting(Worker),
    /// The worker paints.
    Ready(Worker),
    /// The page paints: there is no worker, or it failed.
    Page,
}

/// One kind of picture's requests.
#[derive(Default)]
struct Slot {
    deliver: Option<Deliver>,
    /// The request the worker is painting (encoded), kept to be painted here should it fail.
    sent: Option<Vec<f64>>,
    /// The newest request, sent when the one in flight comes back.
    waiting: Option<Vec<f64>>,
    /// A buffer the next request is encoded into.
    spare: Vec<f64>,
}

struct Pictures {
    hands: Hands,
    /// Paints on the page.
    here: Painter,
    slots: [Slot; KINDS],
}

thread_local! {
    static PICTURES: RefCell<Pictures> = RefCell::new(Pictures {
        hands: Hands::Idle,
        here: Painter::default(),
        slots: Default::default(),
    });
}

/// Paints `picture` of `network` (whose inputs are `features`) and hands it to `deliver`: at once
/// when the page paints it, later when the worker does. Only the latest `deliver` of each kind of
/// picture is called.
pub fn paint(picture: Picture, features: &[Feature], network: &Network, deliver: Deliver) {
    let painted_here = PICTURES.with(|cell| {
        let mut pictures = cell.borrow_mut();
        if matches!(pictures.hands, Hands::Idle) {
            pictures.hands = start().map_or(Hands::Page, Hands::Starting);
        }
        let Pictures { hands, here, slots } = &mut *pictures;
        let slot = &mut slots[picture.kind()];
        slot.deliver = Some(deliver.clone());
        match hands {
            Hands::Ready(worker) => {
                let mut numbers = slot.waiting.take().unwrap_or_else(|| std::mem::take(&mut slot.spare));
                painter::encode(picture, features, network, &mut numbers);
                if slot.sent.is_some() {
                    slot.waiting = Some(numbers);
                } else {
                    send(worker, slot, numbers);
                }
                None
            }
            _ => Some(image(here.paint_parts(picture, features, network), false)),
        }
    });
    if let Some(result) = painted_here {
        deliver(result);
    }
}

/// The image of what a painter painted, its pixels copied out of the WebAssembly memory (an
/// `ImageData` made straight from a slice would be a view of that memory, changed by the next
/// picture and cut off when the memory grows).
fn image(painted: Result<Painted<'_>, String>, in_worker: bool) -> Result<Image, String> {
    let (width, height, pixels) = js_pixels(painted?);
    let data =
        ImageData::new_with_js_u8_clamped_array_and_sh(&pixels, width, height).map_err(super::canvas::js_error)?;
    Ok(Image { data, in_worker })
}

/// The width, height and a JavaScript copy of the pixels of `p`.
fn js_pixels(p: Painted<'_>) -> (u32, u32, Uint8ClampedArray) {
    let pixels = Uint8ClampedArray::new_with_length(p.pixels.len() as u32);
    pixels.copy_from(p.pixels);
    (p.width as u32, p.height as u32, pixels)
}

/// Sends `numbers` to the worker as this slot's request in flight.
fn send(worker: &Worker, slot: &mut Slot, numbers: Vec<f64>) {
    let array = Float64Array::from(&numbers[..]);
    // A request that cannot be posted is answered as an error by `failed` (the worker's onerror
    // does not fire for it): treated the same way, the page paints from now on.
    if worker
        .post_message_with_transfer(&array, &Array::of1(&array.buffer()))
        .is_err()
    {
        web_sys::console::warn_1(&"the pictures' worker refused a request".into());
    }
    slot.sent = Some(numbers);
}

/// Starts the worker, if the page can: it needs the `Worker` constructor and the address of the
/// page's JavaScript glue (Trunk's `modulepreload` link), which the worker imports.
fn start() -> Option<Worker> {
    let document = web_sys::window()?.document()?;
    let glue = document
        .query_selector("link[rel=modulepreload]")
        .ok()??
        .get_attribute("href")?;
    let glue = web_sys::Url::new_with_base(&glue, &document.base_uri().ok()??)
        .ok()?
        .href();
    let script = web_sys::Url::new_with_base("picture-worker.js", &glue).ok()?.href();
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&script, &options).ok()?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(answered);
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // One worker for the page's lifetime: its two handlers live as long.
    on_message.forget();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        event.prevent_default();
        failed();
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    let boot = Object::new();
    Reflect::set(&boot, &"glue".into(), &glue.into()).ok()?;
    Reflect::set(&boot, &"module".into(), &wasm_bindgen::module()).ok()?;
    worker.post_message(&boot).ok()?;
    Some(worker)
}

/// A message from the worker: "ready", or a painted picture (or why it could not be).
fn answered(event: MessageEvent) {
    let data = event.data();
    if data.as_string().as_deref() == Some("ready") {
        PICTURES.with(|cell| {
            let mut pictures = cell.borrow_mut();
            if let Hands::Starting(worker) = std::mem::replace(&mut pictures.hands, Hands::Page) {
                pictures.hands = Hands::Ready(worker);
            }
        });
        return;
    }
    let field = |name: &str| Reflect::get(&data, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let kind = field("kind").as_f64().map_or(KINDS, |k| k as usize);
    let result = match field("error").as_string() {
        Some(error) => Err(error),
        None => field("pixels")
            .dyn_into::<Uint8ClampedArray>()
            .map_err(|_| "the worker sent no pixels".to_string())
            .and_then(|pixels| {
                let width = field("width").as_f64().unwrap_or(0.0) as u32;
                let height = field("height").as_f64().unwrap_or(0.0) as u32;
                ImageData::new_with_js_u8_clamped_array_and_sh(&pixels, width, height).map_err(super::canvas::js_error)
            })
            .map(|data| Image { data, in_worker: true }),
    };
    let deliver = PICTURES.with(|cell| {
        let mut pictures = cell.borrow_mut();
        let Pictures { hands, slots, .. } = &mut *pictures;
        let slot = slots.get_mut(kind)?;
        slot.spare = slot.sent.take().unwrap_or_default();
        if let (Hands::Ready(worker), Some(next)) = (hands, slot.waiting.take()) {
            send(worker, slot, next);
        }
        slot.deliver.clone()
    });
    if let Some(deliver) = deliver {
        deliver(result);
    }
}

/// The worker failed: the page paints from now on, starting with every request it had.
fn failed() {
    web_sys::console::warn_1(&"the pictures' worker failed; the page paints them".into());
    let owed = PICTURES.with(|cell| {
        let mut pictures = cell.borrow_mut();
        if let Hands::Starting(worker) | Hands::Ready(worker) = std::mem::replace(&mut pictures.hands, Hands::Page) {
            worker.terminate();
        }
        let Pictures { here, slots, .. } = &mut *pictures;
        let mut owed = Vec::new();
        for slot in slots.iter_mut() {
            let Some(numbers) = slot.waiting.take().or_else(|| slot.sent.take()) else {
                continue;
            };
            slot.sent = None;
            let painted = Request::decode(&numbers).and_then(|request| image(here.paint(&request), false));
            if let Some(deliver) = slot.deliver.clone() {
                owed.push((deliver, painted));
            }
        }
        owed
    });
    for (deliver, painted) in owed {
        deliver(painted);
    }
}

/// The worker's side: paints every request it is sent and posts the picture back, its buffer
/// transferred. Called instead of mounting the app when this WebAssembly runs in a worker.
pub fn serve() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let painter = RefCell::new(Painter::default());
    let reply_to = scope.clone();
    let on_request = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let numbers = event
            .data()
            .dyn_into::<Float64Array>()
            .map(|array| array.to_vec())
            .unwrap_or_default();
        let reply = Object::new();
        let set = |name: &str, value: &JsValue| {
            let _ = Reflect::set(&reply, &name.into(), value);
        };
        set("kind", &numbers.get(1).copied().unwrap_or(-1.0).into());
        let mut painter = painter.borrow_mut();
        let painted = Request::decode(&numbers).and_then(|request| painter.paint(&request).map(js_pixels));
        let posted = match painted {
            Ok((width, height, pixels)) => {
                set("width", &width.into());
                set("height", &height.into());
                set("pixels", &pixels);
                reply_to.post_message_with_transfer(&reply, &Array::of1(&pixels.buffer()))
            }
            Err(error) => {
                set("error", &error.into());
                reply_to.post_message(&reply)
            }
        };
        if posted.is_err() {
            web_sys::console::warn_1(&"the pictures' worker could not answer".into());
        }
    });
    scope.set_onmessage(Some(on_request.as_ref().unchecked_ref()));
    // The worker lives as long as the page, and so does its one handler.
    on_request.forget();
    let _ = scope.post_message(&"ready".into());
}
