//! What the learner asks the lab to do.

use super::{Chapter, Clock, Edit};
use crate::app::explain::Focus;
use crate::app::i18n::Lang;
use crate::app::settings::view::Parts;
use crate::app::surface_state::SurfaceFacts;
use crate::core::{Activation, DatasetKind, Feature, Loss, OptimizerKind, Regularization};
use std::rc::Rc;

/// What the learner asks the lab to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Train on one mini-batch.
    Step,
    /// Train until the current epoch is complete.
    Epoch,
    /// One animation frame while playing: the steps of the speed asked that fit in the frame's
    /// budget by this clock (at least one), and how that keeps up with the speed.
    Tick(Clock),
    /// Start or stop continuous training.
    TogglePlay,
    /// New weights from the same seed; the cost history starts again.
    Reset,
    /// Use this learning rate from the next step on.
    SetLearningRate(f64),
    /// Use this update rule from the next step on.
    SetOptimizer(OptimizerKind),
    /// Use mini-batches of this size from the next step on.
    SetBatchSize(usize),
    /// Minimise this loss from the next step on (if it fits the output layer).
    SetLoss(Loss),
    /// Use this penalty on large weights from the next step on.
    SetRegularization(Regularization),
    /// Use this rate λ of the penalty from the next step on.
    SetRegularizationRate(f64),
    /// Train at this speed while playing (an index into [`SPEEDS`](crate::app::settings::SPEEDS)).
    SetSpeed(usize),
    /// Stop training once the cost is below this (or never). A new target takes away the message
    /// of a stop at the old one.
    StopBelow(Option<f64>),
    /// Stop training once the cost stops improving, or not. Switched off, it takes away the
    /// message of a stop it made.
    StopWhenFlat(bool),
    /// One more hidden layer (a copy of the last), new weights.
    AddLayer,
    /// One hidden layer fewer (the last), new weights.
    RemoveLayer,
    /// One more neuron in this hidden layer (0 = the first), new weights.
    AddNeuron(usize),
    /// One neuron fewer in this hidden layer, new weights.
    RemoveNeuron(usize),
    /// This activation for this hidden layer, new weights.
    SetActivation(usize, Activation),
    /// Give the network this input feature, or take it away; new weights.
    ToggleFeature(Feature),
    /// Generate the points with this noise (0–0.5).
    SetNoise(f64),
    /// Generate this many points.
    SetPoints(usize),
    /// Train on this share of the points (0.1–0.9), test on the rest.
    SetTrainShare(f64),
    /// New points from the next seed, new weights.
    Regenerate,
    /// Train on another dataset: new data and, since the output may change, new weights.
    SetDataset(DatasetKind),
    /// Show the page in this language (nothing else changes).
    SetLanguage(Lang),
    /// Hide these parts of the page and show the others (classroom mode; nothing else changes,
    /// except that hiding Play pauses training: nothing would be left to pause it).
    SetHidden(Parts),
    /// Walk through backpropagation for the chosen sample: show the next of the five phases.
    /// Reaching the update phase trains on that one sample.
    NextPhase,
    /// Leave the phase-by-phase walk.
    EndWalk,
    /// Light up the network for this training sample.
    PickSample(usize),
    /// Light up the network for the next training sample.
    NextSample,
    /// Show the numbers of this neuron or weight.
    Focus(Focus),
    /// Compare backprop's gradient with finite differences on the next mini-batch.
    GradientCheck,
    /// Put back the weights with the lowest training cost of this run (after a divergence, say).
    GoBack,
    /// Train the network of this model file (its text) from now on: its shape, activations,
    /// loss, weights and run settings. A file that cannot be read, or whose network does not fit
    /// the data, gets a message and changes nothing.
    LoadModel(Rc<str>),
    /// Give the weight from neuron `from` of `layer` to neuron `to` of the next layer this value,
    /// to see what it changes (a value that is not a finite number is refused with a message).
    SetWeight {
        /// The layer the weight starts from.
        layer: usize,
        /// The neuron it starts from.
        from: usize,
        /// The neuron of the next layer it feeds.
        to: usize,
        /// The new value.
        value: f64,
    },
    /// Use this weight as an axis of the loss surface: the last two picked are its axes
    /// (a neuron, or a weight that does not exist, is ignored).
    UseAsAxis(Focus),
    /// Add or remove points, or import a CSV file: your own data (see [`Edit`]).
    Edit(Edit),
    /// Close the message shown (nothing else changes).
    DismissMessage,
    /// Open this chapter of the lesson: the lab set up as the chapter starts, its task watched.
    OpenChapter(Chapter),
    /// Close the lesson: every panel shown again; the chapters done stay done.
    CloseLesson,
    /// What an earlier visit kept of the lesson, as [`Lesson::kept`](super::Lesson::kept) wrote
    /// it: the chapters done.
    RestoreLesson(Rc<str>),
    /// What the toy-surface panel shows now, for a lesson's task there (nothing else changes).
    SurfaceSeen(SurfaceFacts),
    /// Show moment `index` of the run's history (see [`Lab::moments`](super::Lab::moments); as many
    /// or more: the present). Looking back pauses training and changes nothing in the run.
    ViewMoment(usize),
    /// Train on from the moment shown: its weights and trainer state, the counter going on from
    /// its step; what came after it is forgotten.
    ResumeHere,
    /// Keep this run's cost curves on the chart, and start every new run from its first weights.
    PinRun,
    /// Take the pinned run away.
    Unpin,
    /// Start again from the settings of this link (its `#…` fragment; see
    /// [`link`](crate::app::settings::link)), if they differ from the settings in use: a new
    /// run, and a message naming what the link had that could not be used.
    OpenLink(Rc<str>),
}
