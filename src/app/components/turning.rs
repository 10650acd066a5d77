//! Turning a 3-D view by dragging it, and zooming it with the wheel: the handlers every 3-D
//! canvas of the page shares.

use yew::events::WheelEvent;
use yew::prelude::*;

/// Radians a 3-D view turns per CSS pixel dragged.
pub(super) const TURN_PER_PIXEL: f64 = 0.01;
/// The zoom factor of one press of a zoom button (or one wheel notch).
pub(super) const ZOOM_STEP: f64 = 1.2;

/// The mouse handlers of a 3-D canvas.
pub(super) struct Turning {
    /// Starts a drag.
    pub onmousedown: Callback<MouseEvent>,
    /// Turns the view while the left button is down.
    pub onmousemove: Callback<MouseEvent>,
    /// Ends a drag (also for leaving the canvas).
    pub onmouseup: Callback<MouseEvent>,
    /// Zooms in or out a step.
    pub onwheel: Callback<WheelEvent>,
}

/// Handlers that send `on_turn` a (yaw, pitch) change in radians while the left button drags,
/// and `on_zoom` a factor for each wheel notch.
#[hook]
pub(super) fn use_turning(on_turn: Callback<(f64, f64)>, on_zoom: Callback<f64>) -> Turning {
    let drag = use_mut_ref(|| None::<(i32, i32)>);
    let onmousedown = {
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| *drag.borrow_mut() = Some((e.client_x(), e.client_y())))
    };
    let onmousemove = {
        let drag = drag.clone();
        Callback::from(move |e: MouseEvent| {
            let mut last = drag.borrow_mut();
            match *last {
                Some((x, y)) if e.buttons() & 1 == 1 => {
                    let (dx, dy) = (f64::from(e.client_x() - x), f64::from(e.client_y() - y));
                    *last = Some((e.client_x(), e.client_y()));
                    on_turn.emit((dx * TURN_PER_PIXEL, dy * TURN_PER_PIXEL));
                }
                _ => *last = None,
            }
        })
    };
    let onmouseup = Callback::from(move |_: MouseEvent| *drag.borrow_mut() = None);
    let onwheel = Callback::from(move |e: WheelEvent| {
        e.prevent_default();
        on_zoom.emit(if e.delta_y() < 0.0 { ZOOM_STEP } else { 1.0 / ZOOM_STEP });
    });
    Turning {
        onmousedown,
        onmousemove,
        onmouseup,
        onwheel,
    }
}
