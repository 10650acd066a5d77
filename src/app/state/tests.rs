//! The lab as a whole: actions in, what the page shows out.

use super::*;
use crate::app::explain::{Focus, Phase};
use crate::app::i18n::Lang;
use crate::app::settings::view::View;
use crate::app::settings::{output_for, DEFAULT_SPEED, LEARNING_RATE, SPEEDS};
use crate::core::{DatasetKind, Model};

#[test]
fn a_message_can_be_dismissed_and_the_run_is_kept() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    lab.apply(Action::SetLearningRate(f64::NAN));
    assert_eq!(lab.message().cloned(), Some(Notice::BadLearningRate));
    let weights = lab.trainer().network().weights().to_vec();
    lab.apply(Action::DismissMessage);
    assert_eq!(lab.message().cloned(), None);
    assert_eq!(lab.trainer().network().weights(), &weights[..]);
    assert_eq!(lab.trainer().steps(), 1);
}

#[test]
fn step_trains_one_batch_and_records_the_cost() {
    let mut lab = Lab::default();
    let weights = lab.trainer().network().weights().to_vec();
    assert_eq!(lab.record().history().len(), 1);
    lab.apply(Action::Step);
    assert_eq!(lab.trainer().steps(), 1);
    assert_ne!(lab.trainer().network().weights(), &weights[..]);
    assert_eq!(lab.record().history().len(), 2);
    assert!((lab.record().history()[1].epoch - 10.0 / 200.0).abs() < 1e-12);
}

#[test]
fn epoch_trains_until_the_epoch_is_complete() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    lab.apply(Action::Epoch);
    assert_eq!(
        (lab.trainer().epochs(), lab.trainer().steps()),
        (1, 20),
        "200 samples in batches of 10"
    );
    lab.apply(Action::Epoch);
    assert_eq!((lab.trainer().epochs(), lab.trainer().steps()), (2, 40));
}

#[test]
fn ticks_train_only_while_playing() {
    let mut lab = Lab::default();
    lab.apply(Action::Tick(Clock::stopped()));
    assert_eq!(lab.trainer().steps(), 0);
    lab.apply(Action::TogglePlay);
    lab.apply(Action::Tick(Clock::stopped()));
    assert_eq!(lab.trainer().steps(), SPEEDS[DEFAULT_SPEED].0 as u64);
}

#[test]
fn the_learning_rate_changes_the_very_next_step() {
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.5));
    lab.apply(Action::Step);
    assert_eq!(lab.run().last_step().unwrap().learning_rate, 0.5);
    lab.apply(Action::SetLearningRate(0.001));
    lab.apply(Action::Step);
    assert_eq!(lab.run().last_step().unwrap().learning_rate, 0.001);
}

#[test]
fn a_bad_learning_rate_is_refused_with_a_message_and_the_old_one_kept() {
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(f64::NAN));
    assert_eq!(lab.trainer().learning_rate(), 0.1);
    assert_eq!(lab.message().cloned(), Some(Notice::BadLearningRate));
    lab.apply(Action::SetLearningRate(0.2));
    assert_eq!(
        (lab.message().cloned(), lab.trainer().learning_rate()),
        (None, 0.2),
        "a good rate clears the message"
    );
}

#[test]
fn switching_language_changes_nothing_else() {
    let mut lab = Lab::default();
    for _ in 0..3 {
        lab.apply(Action::Step);
    }
    let before = lab.clone();
    lab.apply(Action::SetLanguage(Lang::ZhTw));
    assert_eq!(lab.lang(), Lang::ZhTw);
    assert_ne!(lab, before);
    lab.apply(Action::SetLanguage(Lang::En));
    assert_eq!(lab, before, "only the language had changed");
    lab.apply(Action::SetLanguage(Lang::ZhTw));
    lab.apply(Action::Reset);
    assert_eq!(lab.lang(), Lang::ZhTw, "reset keeps the language");
}

#[test]
fn reset_gives_the_first_weights_again_and_keeps_the_rate() {
    let first = Lab::default();
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.3));
    for _ in 0..5 {
        lab.apply(Action::Step);
    }
    lab.apply(Action::Reset);
    assert_eq!(lab.trainer().network(), first.trainer().network());
    assert_eq!(lab.trainer().steps(), 0);
    assert_eq!(lab.record().history().len(), 1);
    assert_eq!(lab.trainer().learning_rate(), 0.3);
}

#[test]
fn the_largest_learning_rate_never_puts_a_nan_on_screen() {
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(LEARNING_RATE.hi));
    lab.apply(Action::TogglePlay);
    for _ in 0..500 {
        lab.apply(Action::Tick(Clock::stopped()));
    }
    assert!(lab.trainer().network().params().iter().all(|p| p.is_finite()));
    assert!(lab
        .record()
        .history()
        .iter()
        .all(|c| c.train.is_finite() && c.test.is_finite()));
    assert!(lab.inspection().trace.a.iter().all(|a| a.is_finite()));
}

#[test]
fn every_dataset_gets_the_output_its_task_needs_and_trains() {
    for kind in DatasetKind::ALL {
        let mut lab = Lab::default();
        lab.apply(Action::SetLearningRate(0.05));
        lab.apply(Action::SetDataset(kind));
        let (outputs, act, loss) = output_for(kind.task());
        let net = lab.trainer().network();
        assert_eq!(net.sizes(), [2, 4, 2, outputs], "{kind:?}");
        assert_eq!((net.activations()[2], lab.trainer().loss()), (act, loss), "{kind:?}");
        assert_eq!(lab.trainer().learning_rate(), 0.05, "{kind:?}: the rate is kept");
        let start = lab.record().history()[0].train;
        for _ in 0..200 {
            lab.apply(Action::Step);
        }
        let end = lab.latest_cost().unwrap().train;
        assert!(end < start, "{kind:?}: {start} → {end}");
    }
}

#[test]
fn accuracy_is_shown_for_classification_and_grows_with_training() {
    let mut lab = Lab::default();
    let (start, _) = lab.record().accuracy().unwrap();
    lab.apply(Action::SetLearningRate(0.3));
    for _ in 0..600 {
        lab.apply(Action::Step);
    }
    let (train, test) = lab.record().accuracy().unwrap();
    assert!(
        train > start && train > 0.8 && test > 0.8,
        "{start} → {train}, test {test}"
    );
    lab.apply(Action::SetDataset(DatasetKind::Plane));
    assert_eq!(lab.record().accuracy(), None, "no accuracy for regression");
}

#[test]
fn a_far_too_large_rate_pauses_with_a_notice_and_takes_the_steps_back() {
    // At η = 10 on the spiral the cost climbs from about 0.7 past 10 within a few hundred steps.
    let mut lab = Lab::default();
    lab.apply(Action::SetDataset(DatasetKind::Spiral));
    lab.apply(Action::SetLearningRate(10.0));
    lab.apply(Action::TogglePlay);
    let start = lab.record().history()[0].train;
    for _ in 0..300 {
        let before = lab.trainer().clone();
        lab.apply(Action::Tick(Clock::stopped()));
        if lab.message().cloned().is_some() {
            assert_eq!(lab.trainer(), &before, "the exploding steps are taken back");
            break;
        }
    }
    assert_eq!(lab.message().cloned(), Some(Notice::Diverged));
    assert!(!lab.playing(), "training paused");
    assert!(lab
        .record()
        .history()
        .iter()
        .all(|c| c.train <= EXPLODED * start && c.test.is_finite()));
    assert!(lab.trainer().network().params().iter().all(|p| p.is_finite()));
}

#[test]
fn the_article_example_is_the_first_dataset() {
    let lab = Lab::default();
    assert_eq!(lab.settings().data.kind, DatasetKind::CatsDogs);
    assert_eq!((lab.run().train().len(), lab.run().test().len()), (200, 50));
}

#[test]
fn history_stays_bounded() {
    let mut lab = Lab::default();
    for _ in 0..(HISTORY_LIMIT + 50) {
        lab.apply(Action::Step);
    }
    assert!(lab.record().history().len() <= HISTORY_LIMIT);
    assert_eq!(lab.record().history()[0].epoch, 0.0);
    assert!(lab.record().history().windows(2).all(|w| w[0].epoch < w[1].epoch));
}

#[test]
fn the_walk_goes_through_the_five_phases_and_its_update_trains_on_the_sample() {
    let mut lab = Lab::default();
    lab.apply(Action::PickSample(3));
    lab.apply(Action::TogglePlay);
    let mut phases = Vec::new();
    for _ in 0..4 {
        lab.apply(Action::NextPhase);
        phases.push(lab.walk().phase().unwrap());
    }
    assert_eq!(
        phases,
        [Phase::Initialise, Phase::Forward, Phase::Loss, Phase::Backward]
    );
    assert!(!lab.playing(), "the walk pauses training");
    assert_eq!(lab.trainer().steps(), 0, "showing a phase changes no weight");
    let before = lab.inspection();
    let weights = lab.trainer().network().params().to_vec();

    lab.apply(Action::NextPhase);
    assert_eq!(lab.walk().phase(), Some(Phase::Update));
    assert_eq!(lab.trainer().steps(), 1);
    assert_eq!(lab.record().history().len(), 2, "the cost after the update is recorded");
    // Plain gradient descent on this sample alone: θ ← θ − η·∂L/∂θ.
    for ((now, was), g) in lab
        .trainer()
        .network()
        .params()
        .iter()
        .zip(&weights)
        .zip(before.grad.values())
    {
        assert_eq!(*now, was - 0.1 * g);
    }
    assert_eq!(
        lab.inspection(),
        before,
        "the update phase shows the numbers the update used"
    );

    lab.apply(Action::NextPhase);
    assert_eq!(
        lab.walk().phase(),
        Some(Phase::Forward),
        "after the update, back to the forward pass"
    );
    assert_ne!(lab.inspection().loss, before.loss, "with the new weights");
    assert!(
        lab.inspection().loss < before.loss,
        "one step against the gradient lowers this loss"
    );
}

#[test]
fn picking_a_sample_restarts_the_walk_and_training_ends_it() {
    let mut lab = Lab::default();
    for _ in 0..3 {
        lab.apply(Action::NextPhase);
    }
    lab.apply(Action::PickSample(9));
    assert_eq!(
        (lab.selection().sample(), lab.walk().phase()),
        (9, Some(Phase::Forward))
    );
    lab.apply(Action::PickSample(100_000));
    assert_eq!(lab.selection().sample(), 9, "a sample that does not exist is ignored");
    lab.apply(Action::NextSample);
    assert_eq!(lab.selection().sample(), 10);
    lab.apply(Action::Step);
    assert_eq!(lab.walk().phase(), None);
    assert_eq!(lab.trainer().steps(), 1);
}

#[test]
fn focus_only_lands_on_what_the_network_has() {
    let mut lab = Lab::default();
    assert_eq!(
        lab.selection().focus(),
        Focus::Neuron { layer: 3, index: 0 },
        "the output first"
    );
    let edge = Focus::Edge {
        layer: 1,
        from: 3,
        to: 1,
    };
    lab.apply(Action::Focus(edge));
    assert_eq!(lab.selection().focus(), edge);
    lab.apply(Action::Focus(Focus::Neuron { layer: 1, index: 4 }));
    assert_eq!(lab.selection().focus(), edge, "hidden layer 1 has neurons 0 to 3 only");
}

#[test]
fn the_last_two_picked_weights_are_the_axes_and_the_path_is_kept_bounded() {
    let mut lab = Lab::default();
    let edge = |layer, from, to| Focus::Edge { layer, from, to };
    lab.apply(Action::UseAsAxis(Focus::Neuron { layer: 1, index: 0 }));
    lab.apply(Action::UseAsAxis(edge(5, 0, 0)));
    assert!(
        lab.selection().axes().is_empty(),
        "neurons and missing weights are no axes"
    );
    for focus in [
        edge(0, 0, 0),
        edge(0, 1, 3),
        edge(0, 1, 3),
        edge(1, 3, 1),
        edge(2, 1, 0),
    ] {
        lab.apply(Action::UseAsAxis(focus));
    }
    assert_eq!(lab.selection().axes(), [edge(1, 3, 1), edge(2, 1, 0)]);
    lab.apply(Action::Reset);
    assert_eq!(
        lab.selection().axes().len(),
        2,
        "a reset keeps the shape, so the axes stay"
    );
    lab.apply(Action::RemoveNeuron(0));
    assert_eq!(
        lab.selection().axes(),
        [edge(2, 1, 0)],
        "hidden-1 neuron 4 is gone, its weights with it"
    );

    let mut lab = Lab::default();
    lab.apply(Action::SetSpeed(SPEEDS.len() - 2));
    lab.apply(Action::TogglePlay);
    for _ in 0..3 * PATH_LIMIT {
        lab.apply(Action::Tick(Clock::stopped()));
    }
    let snapshots = lab.record().path().snapshots();
    assert!(snapshots.len() <= PATH_LIMIT, "{}", snapshots.len());
    assert_eq!(snapshots[0].step, 0);
    assert_eq!(snapshots.last().unwrap().params, lab.trainer().network().params());
}

#[test]
fn each_learning_rate_change_is_kept_for_the_chart_once() {
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.3));
    lab.apply(Action::SetLearningRate(0.5));
    lab.apply(Action::Step);
    lab.apply(Action::SetLearningRate(0.5));
    lab.apply(Action::SetLearningRate(f64::NAN));
    lab.apply(Action::SetLearningRate(0.02));
    assert_eq!(
        lab.record().rate_changes().as_slice(),
        [(0.0, 0.5), (10.0 / 200.0, 0.02)]
    );
    lab.apply(Action::Reset);
    assert!(lab.record().rate_changes().is_empty(), "a new run, a new chart");
}

#[test]
fn the_gradient_check_finds_backprop_right() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    lab.apply(Action::GradientCheck);
    let error = lab.run().gradient_check().unwrap();
    assert!(error < 1e-6, "{error}");
}

#[test]
fn the_saved_model_reads_back_as_the_same_network() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    let model = Model::from_json(&lab.model_json()).unwrap();
    assert_eq!(&model.network().unwrap(), lab.trainer().network());
    assert_eq!(model.settings().learning_rate, Some(0.1));
    assert_eq!(model.settings().seed, Some(lab.settings().data.seed));
}

#[test]
fn the_answer_is_the_target_or_the_class() {
    let mut lab = Lab::default();
    assert_eq!(lab.answer(), lab.run().train().target(0)[0]);
    lab.apply(Action::SetDataset(DatasetKind::Blobs));
    for k in 0..5 {
        lab.apply(Action::PickSample(k));
        assert_eq!(lab.run().train().target(k)[lab.answer() as usize], 1.0);
    }
}

#[test]
fn hiding_parts_keeps_the_run_and_hiding_play_pauses_it() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    lab.apply(Action::TogglePlay);
    lab.apply(Action::SetHidden(Parts::of(&[Part::Chart])));
    assert!(lab.playing(), "hiding the chart leaves training running");
    lab.apply(Action::SetHidden(View::Walk.hidden()));
    assert!(!lab.playing(), "with Play hidden nothing could pause it");
    assert_eq!(lab.settings().hidden_parts, View::Walk.hidden());
    assert!(lab.trainer().steps() >= 1, "the same run");
    // A link that changes only what is shown keeps the run too; one that changes more starts anew.
    let steps = lab.trainer().steps();
    let mut shown = lab.settings().clone();
    shown.hidden_parts = Parts::NONE;
    lab.apply(Action::OpenLink(link::write(&shown).into()));
    assert_eq!(
        (lab.settings().hidden_parts, lab.trainer().steps()),
        (Parts::NONE, steps)
    );
    lab.apply(Action::OpenLink("#view=surface&lr=0.3".into()));
    assert_eq!(
        (lab.settings().hidden_parts, lab.trainer().steps()),
        (View::Surface.hidden(), 0)
    );
}
