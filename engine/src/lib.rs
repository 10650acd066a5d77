//! The neural-network engine. Plain Rust and f64, no browser crate: it could run anywhere.
//!
//! A learner's five steps map onto it: initialise ([`Network::new`]), forward pass
//! ([`Network::forward`]), backward pass ([`Network::backward`]), update and repeat
//! ([`Trainer::step`]).

pub mod activation;
pub mod bench;
pub mod coach;
pub mod csv;
pub mod data;
pub mod dataset;
pub mod fastmath;
pub mod features;
pub mod history;
pub mod landscape;
pub mod lens;
pub mod loss;
pub mod model;
pub mod network;
pub mod optimizer;
pub mod rng;
pub mod surface;
pub mod trainer;

pub use activation::Activation;
pub use coach::{Cause, Coach, Diagnosis, Symptom};
pub use data::{DataSettings, DatasetKind, Points, Task};
pub use dataset::Dataset;
pub use features::Feature;
pub use history::{History, Snapshot};
pub use landscape::Slice;
pub use lens::{Lens, LensView};
pub use loss::{Loss, Regularization};
pub use model::{Model, ModelError, RunSettings, SampleTrace};
pub use network::{Batch, Gradients, Init, Network, ShapeError, Trace};
pub use optimizer::{Optimizer, OptimizerKind};
pub use rng::Rng;
pub use surface::{Bounds, Surface};
pub use trainer::{
    Convergence, ForwardPhase, GradientCheck, LossPhase, SampleStep, SettingsError, StepReport, StopReason, Trainer,
    TrainerState, UpdatePhase,
};
