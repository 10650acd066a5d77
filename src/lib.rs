//! Backprop Lab: watch a neural network learn.
//!
//! [`core`] is the engine (no browser crate); [`app`] is the Yew front end that draws it.

pub mod app;
pub use backprop_engine as core;
