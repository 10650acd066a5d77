//! Turning a 3-D view by dragging it, and zooming it with the wheel: the handlers every 3-D
//! canvas of the page shares.

use yew::events::WheelEvent;
use yew::prelude::*;

/// Radians a 3-D view turns per CSS pixel dragged.
pub(super) const TURN_PER_PIXEL: f64 = 0.01;
/// The zoom factor of one press of a zoom button (or one wheel notch).
pub(super) const ZOOM_STEP: f64 = 1.2;

/// The pointer handlers of a 3-D canvas: a mouse, a pen or a finger turns it.
pub(super) struct Turning {
    /// Starts a drag and keeps the pointer until it is lifted.
    pub onpointerdown: Callback<PointerEvent>,
    /// Turns the view while the pointer is down.
    pub onpointermove: Callback<PointerEvent>,
    /// Ends a drag (also for a cancelled touch).
    pub onpointerup: Callback<PointerEvent>,
    /// Zooms in or out a step.
    pub onwheel: Callback<WheelEvent>,
}

/// Handlers that send `on_turn` a (yaw, pitch) change in radians while a pointer drags (the
/// left mouse button, a pen or a finger), and `on_zoom` a factor for each wheel notch. The
/// canvas needs `touch-action: none` so that a finger turns it instead of scrolling the page.
#[hook]
pub(super) fn use_turning(on_turn: Callback<(f64, f64)>, on_zoom: Callback<f64>) -> Turning {
    let drag = use_mut_ref(|| None::<(i32, i32)>);
    let onpointerdown = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            // Captured, the drag goes on when the pointer leaves the canvas; a canvas that
            // cannot capture still turns while the pointer is over it.
            if let Some(target) = e.target_dyn_into::<web_sys::Element>() {
                let _ = target.set_pointer_capture(e.pointer_id());
            }
            *drag.borrow_mut() = Some((e.client_x(), e.client_y()));
        })
    };
    let onpointermove = {
        let drag = drag.clone();
        Callback::from(move |e: PointerEvent| {
            let mut last = drag.borrow_mut();
            if let Some((x, y)) = *last {
                let (dx, dy) = (f64::from(e.client_x() - x), f64::from(e.client_y() - y));
                *last = Some((e.client_x(), e.client_y()));
                on_turn.emit((dx * TURN_PER_PIXEL, dy * TURN_PER_PIXEL));
            }
        })
    };
    let onpointerup = Callback::from(move |_: PointerEvent| *drag.borrow_mut() = None);
    let onwheel = Callback::from(move |e: WheelEvent| {
        e.prevent_default();
        on_zoom.emit(if e.delta_y() < 0.0 { ZOOM_STEP } else { 1.0 / ZOOM_STEP });
    });
    Turning {
        onpointerdown,
        onpointermove,
        onpointerup,
        onwheel,
    }
}
