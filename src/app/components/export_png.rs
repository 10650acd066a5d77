//! The PNG button: a picture of a view, as the learner sees it, downloaded as a PNG image. The
//! button finds the drawing in its own panel and paints every canvas and SVG of it, in page
//! order and at its place, onto one white canvas at twice the page's pixels (or the screen's, if
//! finer). An SVG is painted through an image of its markup with its computed styles written in,
//! from a `blob:` URL, which the page's Content-Security-Policy allows (`img-src 'self' data:
//! blob:`).

use super::canvas::{context_2d, js_error};
use crate::app::i18n::{Key, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, Element, HtmlAnchorElement, HtmlCanvasElement, HtmlImageElement, Url};
use yew::prelude::*;

/// The views that can be saved as a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Picture {
    /// The network: its lines, the neurons' maps and the SVG over them.
    Network,
    /// The output view: the field and its points.
    Output,
    /// The loss surface of the network: its map and 3-D view.
    RealSurface,
    /// Gradient descent on a test surface: its map and 3-D view.
    Surface,
}

impl Picture {
    /// The drawing's box inside the button's panel.
    fn selector(self) -> &'static str {
        match self {
            Picture::Network => ".network-stage",
            Picture::Output => ".boundary-plane",
            Picture::RealSurface => ".real-surface-views",
            Picture::Surface => ".surface-views",
        }
    }

    /// The file's name: `backprop-lab-network-step-120.png`.
    pub fn file_name(self, step: Option<u64>) -> String {
        let what = match self {
            Picture::Network => "network",
            Picture::Output => "output",
            Picture::RealSurface => "loss-surface",
            Picture::Surface => "test-surface",
        };
        match step {
            Some(step) => format!("backprop-lab-{what}-step-{step}.png"),
            None => format!("backprop-lab-{what}.png"),
        }
    }
}

/// Properties of [`ExportPng`].
#[derive(Properties, PartialEq)]
pub struct ExportPngProps {
    /// Which view the button saves.
    pub picture: Picture,
    /// The training step shown, named in the file's name.
    #[prop_or_default]
    pub step: Option<u64>,
    /// The page's language.
    pub lang: Lang,
}

/// CSS properties that decide how SVG elements look, written into the copy that is painted.
const STYLES: [&str; 17] = [
    "fill",
    "fill-opacity",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "stroke-dasharray",
    "stroke-linecap",
    "stroke-linejoin",
    "opacity",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "text-anchor",
    "dominant-baseline",
    "paint-order",
    "visibility",
];

/// The button: a click paints the view and downloads the picture; a failure is said beside it.
#[component]
pub fn ExportPng(props: &ExportPngProps) -> Html {
    let button = use_node_ref();
    let failed = use_state(|| None::<String>);
    let onclick = {
        let (button, failed, picture, name) = (
            button.clone(),
            failed.clone(),
            props.picture,
            props.picture.file_name(props.step),
        );
        Callback::from(move |_: MouseEvent| {
            let found = button
                .cast::<Element>()
                .and_then(|b| b.closest(".panel").ok().flatten())
                .and_then(|panel| panel.query_selector(picture.selector()).ok().flatten());
            let (failed, name) = (failed.clone(), name.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = match found {
                    Some(view) => png_of(&view).await.and_then(|url| download(&url, &name)),
                    None => Err("the view is not on the page".to_string()),
                };
                let message = result.err();
                if *failed != message {
                    failed.set(message);
                }
            });
        })
    };
    let lang = props.lang;
    html! {
        <span class="export-png">
            <button ref={button} class="small" data-testid="export-png" title={lang.t(Key::ExportPngTitle)} {onclick}>
                { lang.t(Key::ExportPng) }
            </button>
            if let Some(e) = &*failed {
                <span class="message" role="alert">{ format!("{} {e}", lang.t(Key::ExportFailed)) }</span>
            }
        </span>
    }
}

/// Downloads the image at `url` as `name`.
fn download(url: &str, name: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no link")?;
    link.set_href(url);
    link.set_download(name);
    link.click();
    Ok(())
}

/// `view` painted on white as a PNG, as a `data:` URL.
async fn png_of(view: &Element) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let scale = window.device_pixel_ratio().max(2.0);
    let frame = view.get_bounding_client_rect();
    let (width, height) = ((frame.width() * scale).round(), (frame.height() * scale).round());
    if !(width >= 1.0 && height >= 1.0) {
        return Err("the view is not shown".to_string());
    }
    let out: HtmlCanvasElement = document
        .create_element("canvas")
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "no canvas")?;
    out.set_width(width as u32);
    out.set_height(height as u32);
    let context = context_2d(&out)?;
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, width, height);
    let drawings = view.query_selector_all("canvas, svg").map_err(js_error)?;
    for k in 0..drawings.length() {
        let Some(drawing) = drawings.item(k).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        // An SVG inside an SVG is painted with it.
        let nested = drawing
            .parent_element()
            .and_then(|p| p.closest("svg").ok().flatten())
            .is_some();
        let r = drawing.get_bounding_client_rect();
        if nested || r.width() <= 0.0 || r.height() <= 0.0 || !shown(&window, &drawing) {
            continue;
        }
        let (x, y) = ((r.left() - frame.left()) * scale, (r.top() - frame.top()) * scale);
        let (w, h) = (r.width() * scale, r.height() * scale);
        if let Some(canvas) = drawing.dyn_ref::<HtmlCanvasElement>() {
            if canvas.width() > 0 && canvas.height() > 0 {
                context
                    .draw_image_with_html_canvas_element_and_dw_and_dh(canvas, x, y, w, h)
                    .map_err(js_error)?;
            }
        } else {
            let image = svg_image(&window, &drawing, r.width(), r.height()).await?;
            context
                .draw_image_with_html_image_element_and_dw_and_dh(&image, x, y, w, h)
                .map_err(js_error)?;
        }
    }
    out.to_data_url_with_type("image/png").map_err(js_error)
}

/// Writes the computed styles of `original` and its descendants into `copy`, its clone; what is
/// not displayed goes into `gone`, its descendants unvisited (thousands of hidden data lines
/// would cost more than the whole picture).
fn inline_styles(
    window: &web_sys::Window,
    original: &Element,
    copy: &Element,
    gone: &mut Vec<Element>,
) -> Result<(), String> {
    let Ok(Some(style)) = window.get_computed_style(original) else {
        return Ok(());
    };
    if style.get_property_value("display").unwrap_or_default() == "none" {
        gone.push(copy.clone());
        return Ok(());
    }
    let mut css = String::new();
    for property in STYLES {
        let value = style.get_property_value(property).unwrap_or_default();
        if !value.is_empty() {
            css.push_str(&format!("{property}:{value};"));
        }
    }
    copy.set_attribute("style", &css).map_err(js_error)?;
    let (mut a, mut b) = (original.first_element_child(), copy.first_element_child());
    while let (Some(x), Some(y)) = (a, b) {
        inline_styles(window, &x, &y, gone)?;
        (a, b) = (x.next_element_sibling(), y.next_element_sibling());
    }
    Ok(())
}

/// Whether `element` is drawn at all (not `display: none` or hidden).
fn shown(window: &web_sys::Window, element: &Element) -> bool {
    let Ok(Some(style)) = window.get_computed_style(element) else {
        return true;
    };
    let value = |p: &str| style.get_property_value(p).unwrap_or_default();
    value("display") != "none" && value("visibility") != "hidden"
}

/// `svg` as an image of `width` × `height` CSS pixels: a copy with its computed styles written
/// in (the page's style sheet does not reach an image), what is not displayed left out.
async fn svg_image(
    window: &web_sys::Window,
    svg: &Element,
    width: f64,
    height: f64,
) -> Result<HtmlImageElement, String> {
    let copy: Element = svg
        .clone_node_with_deep(true)
        .map_err(js_error)?
        .dyn_into()
        .map_err(|_| "not an element")?;
    let mut gone = Vec::new();
    inline_styles(window, svg, &copy, &mut gone)?;
    for element in gone {
        element.remove();
    }
    let set = |name: &str, value: &str| copy.set_attribute(name, value).map_err(js_error);
    set("xmlns", "http://www.w3.org/2000/svg")?;
    set("width", &width.to_string())?;
    set("height", &height.to_string())?;
    let markup = web_sys::XmlSerializer::new()
        .map_err(js_error)?
        .serialize_to_string(&copy)
        .map_err(js_error)?;
    let options = BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let parts = js_sys::Array::of1(&markup.into());
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(js_error)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let image = HtmlImageElement::new().map_err(js_error)?;
    image.set_src(&url);
    let decoded = JsFuture::from(image.decode()).await;
    // The URL is needed only until the image is decoded.
    let _ = Url::revoke_object_url(&url);
    decoded.map_err(|e| format!("the drawing could not be read as an image: {}", js_error(e)))?;
    Ok(image)
}
