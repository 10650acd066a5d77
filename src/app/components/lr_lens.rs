//! The learning-rate lens under the slider: the next mini-batch's cost after one step of plain
//! gradient descent for every rate on the slider, the current rate's landing marked (see
//! [`crate::app::draw::lens`]). The learner sees an overshoot before pressing Step.

use crate::app::draw::lens::{lens_steps, Landing, LensChart, LENS_POINTS};
use crate::app::format::fixed;
use crate::app::i18n::Lang;
use crate::core::{Dataset, Lens, LensView, Loss, OptimizerKind, Regularization, Trainer};
use std::rc::Rc;
use yew::prelude::*;

/// The picture's size in its own units (it is scaled to the panel's width).
const WIDTH: f64 = 154.0;
const HEIGHT: f64 = 32.0;
/// While training runs, the lens follows every frame only if a look costs at most this many
/// multiply-adds (about a millisecond); a heavier one waits for Pause.
const LIVE_BUDGET: usize = 1_000_000;

/// What the lens was last computed for: the weights, the rate, where the epoch's order stands
/// and the settings that make the batch's cost.
#[derive(Clone, PartialEq)]
struct Seen {
    params: Vec<f64>,
    rate: f64,
    steps: u64,
    epochs: u64,
    batch: usize,
    train: *const Dataset,
    cost: (Loss, (Regularization, f64)),
}

impl Seen {
    fn of(trainer: &Trainer, train: &Rc<Dataset>) -> Self {
        Self {
            params: trainer.network().params().to_vec(),
            rate: trainer.learning_rate(),
            steps: trainer.steps(),
            epochs: trainer.epochs(),
            batch: trainer.batch_size(),
            train: Rc::as_ptr(train),
            cost: (trainer.loss(), trainer.regularization()),
        }
    }
}

/// The lens's view of `trainer`'s next step on `train`, and whether it lags behind (training
/// runs and a look is too heavy to take every frame). Computed on a copy of the trainer, so
/// the run is untouched; again only when the weights, the rate or the batch change.
#[hook]
pub fn use_lens(trainer: &Trainer, train: &Rc<Dataset>, playing: bool) -> (Rc<LensView>, bool) {
    let store = use_mut_ref(|| None::<(Seen, Rc<LensView>)>);
    let seen = Seen::of(trainer, train);
    let heavy = trainer.batch_size() * trainer.network().params().len() * (LENS_POINTS + 1) > LIVE_BUDGET;
    let mut store = store.borrow_mut();
    let current = store.as_ref().is_some_and(|(s, _)| *s == seen);
    // While a heavy run plays, the last view stays (it lags, and says so).
    let keep = current || (playing && heavy && store.is_some());
    if !keep {
        let mut copy = trainer.clone();
        let view = Lens::new(&copy).look(&mut copy, train, &lens_steps());
        *store = Some((seen.clone(), Rc::new(view)));
    }
    let (shown, view) = store.as_ref().expect("computed above when missing");
    (view.clone(), *shown != seen)
}

/// Properties of [`LensTrack`] and [`LensReadout`].
#[derive(Properties, PartialEq)]
pub struct LensProps {
    /// The lens's view of the next step.
    pub view: Rc<LensView>,
    /// Whether the view lags behind the run (training runs; it follows on Pause).
    #[prop_or_default]
    pub waits: bool,
    /// The optimizer in use: another than plain SGD steps differently from the one shown.
    pub optimizer: OptimizerKind,
    /// The page's language.
    pub lang: Lang,
}

/// The full sentence: where the step lands, and why it may not be the step Step takes.
fn sentence(props: &LensProps) -> String {
    let (lang, view) = (props.lang, &props.view);
    // Chinese sentences end in a full-width stop and need no space after it.
    let gap = if lang == Lang::En { " " } else { "" };
    let mut text = format!(
        "{}{gap}{}",
        lang.lens_caption(),
        lang.lens_readout(view.rate, view.start, view.landing)
    );
    for (note, shown) in [
        (lang.lens_other_optimizer(), props.optimizer != OptimizerKind::Sgd),
        (lang.lens_waits(), props.waits),
    ] {
        if shown {
            text = format!("{text}{gap}{note}");
        }
    }
    text
}

/// The lens as the learning-rate slider's track: the curve, the dashed cost before the step,
/// and the mark where the current rate lands, under the slider's thumb.
#[component]
pub fn LensTrack(props: &LensProps) -> Html {
    let view = &props.view;
    let chart = LensChart::new(view, WIDTH, HEIGHT);
    let [mx, my] = chart.mark;
    let class = match chart.landing {
        Landing::Lower => "lens-mark lower",
        Landing::Higher | Landing::RunsOff => "lens-mark higher",
    };
    html! {
        <svg class="lr-lens" data-testid="lr-lens" data-waits={props.waits.to_string()}
            viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="none" role="img" aria-label={sentence(props)}>
            <line class="lens-start" x1="0" x2={WIDTH.to_string()} y1={format!("{:.1}", chart.start_y)}
                y2={format!("{:.1}", chart.start_y)} />
            <path class="lens-curve" d={chart.curve} />
            <circle data-testid="lr-lens-mark" {class} cx={format!("{mx:.1}")} cy={format!("{my:.1}")} r="3"
                data-rate={view.rate.to_string()} data-landing={view.landing.to_string()} data-start={view.start.to_string()} />
        </svg>
    }
}

/// Beside the slider: the batch's cost now and after the step, with an arrow up or down; the
/// full sentence as its tooltip.
#[component]
pub fn LensReadout(props: &LensProps) -> Html {
    let view = &props.view;
    let landing = Landing::of(view.start, view.landing);
    let (class, after) = match landing {
        Landing::Lower => ("lens-readout lower", format!("{} ↓", fixed(view.landing, 3))),
        Landing::Higher => ("lens-readout higher", format!("{} ↑", fixed(view.landing, 3))),
        Landing::RunsOff => ("lens-readout higher", "∞ ↑".to_string()),
    };
    html! {
        <span {class} data-testid="lr-lens-readout" title={sentence(props)} aria-hidden="true">
            { format!("{} → {after}", fixed(view.start, 3)) }
        </span>
    }
}
