//! Pure drawing code: no DOM here, so every figure can be checked natively.
//!
//! The network is laid out as data for an SVG; charts draw on any plotters `DrawingArea`
//! (the canvas in the browser, SVG in tests).

pub mod activation;
pub mod axis;
pub mod color;
pub mod contour;
pub mod cost_chart;
pub mod dataset_icon;
pub mod edge_sheet;
pub mod field;
pub mod lens;
pub mod lines;
pub mod loss_bars;
pub mod network;
pub mod painter;
pub mod surface;
#[cfg(test)]
pub mod svg_probe;
pub mod thumbnails;
