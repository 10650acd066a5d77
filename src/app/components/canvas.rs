//! The canvas plumbing the components share: a 2-D context, and RGBA pixels put on a canvas.

use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// A JavaScript error as text.
pub(super) fn js_error(e: JsValue) -> String {
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}

/// The 2-D drawing context of `canvas`, or why there is none.
pub(super) fn context_2d(canvas: &HtmlCanvasElement) -> Result<CanvasRenderingContext2d, String> {
    canvas
        .get_context("2d")
        .map_err(js_error)?
        .ok_or("the canvas has no 2-D context")?
        .dyn_into::<CanvasRenderingContext2d>()
        .map_err(|_| "the canvas has no 2-D context".to_string())
}

/// Puts `rgba` (4 bytes a pixel, row by row) on `canvas` at its top left, `width` × `height`.
pub(super) fn put_rgba(canvas: &HtmlCanvasElement, rgba: &[u8], width: u32, height: u32) -> Result<(), String> {
    put_rgba_at(canvas, rgba, width, height, 0)
}

/// Puts a painted picture on `canvas`, sized to it, and marks the canvas with where it was
/// painted (`data-painted-in`: "worker" or "page").
pub(super) fn put_image(canvas: Option<HtmlCanvasElement>, image: &super::pictures::Image) -> Result<(), String> {
    let canvas = canvas.ok_or("the canvas is not available")?;
    let (width, height) = (image.data.width(), image.data.height());
    if canvas.width() != width || canvas.height() != height {
        canvas.set_width(width);
        canvas.set_height(height);
    }
    context_2d(&canvas)?
        .put_image_data(&image.data, 0.0, 0.0)
        .map_err(js_error)?;
    let by = if image.in_worker { "worker" } else { "page" };
    canvas.set_attribute("data-painted-in", by).map_err(js_error)
}

/// Puts `rgba`, an image `width` × `height`, on `canvas` with its left edge at column `left`.
pub(super) fn put_rgba_at(
    canvas: &HtmlCanvasElement,
    rgba: &[u8],
    width: u32,
    height: u32,
    left: u32,
) -> Result<(), String> {
    let image = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height).map_err(js_error)?;
    context_2d(canvas)?
        .put_image_data(&image, f64::from(left), 0.0)
        .map_err(js_error)
}
