//! Replay: looking back at an earlier step, training on from it, and a pinned run.

use super::*;
use crate::app::explain::Inspection;
use crate::core::OptimizerKind;

/// A lab after `n` steps, and the weights seen after each step (the first: before any), read
/// from the trainer as training went.
fn trained(settings: Settings, n: usize) -> (Lab, Vec<Vec<f64>>) {
    let mut lab = Lab::new(settings);
    let mut seen = vec![lab.trainer().network().params().to_vec()];
    for _ in 0..n {
        lab.apply(Action::Step);
        seen.push(lab.trainer().network().params().to_vec());
    }
    (lab, seen)
}

/// The chosen sample's forward pass through `network`.
fn inspect(lab: &Lab, network: &crate::core::Network) -> Inspection {
    let sample = lab.selection().sample();
    let (x, t) = (lab.run().train().input(sample), lab.run().train().target(sample));
    Inspection::new(network, lab.trainer().loss(), x, t)
}

fn adam() -> Settings {
    Settings {
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.03,
        ..Settings::default()
    }
}

#[test]
fn looking_back_shows_that_steps_weights_and_leaves_the_present_alone() {
    let (mut lab, seen) = trained(Settings::default(), 12);
    assert_eq!(lab.moments(), 12, "steps 0 to 11; the 13th position is the present");
    let present = lab.clone();
    lab.apply(Action::TogglePlay);
    lab.apply(Action::ViewMoment(4));
    let viewed = lab.replay().viewing().expect("looking at step 4");
    assert_eq!(viewed.steps(), 4);
    assert_eq!(lab.shown_network().params(), &seen[4][..]);
    assert_ne!(seen[4], seen[12]);
    assert!(!lab.playing(), "looking back pauses");
    assert_eq!(
        lab.trainer().network().params(),
        &seen[12][..],
        "the trainer keeps the present"
    );
    assert_eq!(lab.trainer().steps(), 12);
    assert_eq!(lab.record(), present.record());
    // The numbers of the explanation are those of the weights shown.
    assert_eq!(lab.inspection().loss, inspect(&lab, lab.shown_network()).loss);
    assert_ne!(lab.inspection().loss, present.inspection().loss);
    // So are the readouts: the costs and accuracies recorded after step 4.
    let (cost, accuracy) = (lab.shown_cost().unwrap(), lab.shown_accuracy().unwrap());
    let then = &lab.record().history()[4];
    assert_eq!((cost.train, cost.test, cost.epoch), (then.train, then.test, then.epoch));
    let mut back = Lab::default();
    for _ in 0..4 {
        back.apply(Action::Step);
    }
    assert_eq!(Some(accuracy), back.record().accuracy());
    assert_ne!(lab.shown_cost(), lab.latest_cost());
    lab.apply(Action::ViewMoment(12));
    assert_eq!(lab.replay().viewing(), None, "the last position is the present");
    assert_eq!(lab.shown_cost(), lab.latest_cost());
    assert_eq!(lab.shown_network().params(), &seen[12][..]);
}

#[test]
fn step_while_looking_back_goes_on_from_the_present() {
    let (mut lab, _) = trained(Settings::default(), 6);
    lab.apply(Action::ViewMoment(2));
    lab.apply(Action::Step);
    assert_eq!(lab.replay().viewing(), None);
    assert_eq!(lab.trainer().steps(), 7);
    lab.apply(Action::ViewMoment(2));
    lab.apply(Action::TogglePlay);
    assert!(lab.playing() && lab.replay().viewing().is_none());
}

#[test]
fn resume_goes_on_from_that_step_and_forgets_what_came_after() {
    let (mut lab, seen) = trained(Settings::default(), 10);
    lab.apply(Action::ViewMoment(4));
    lab.apply(Action::ResumeHere);
    assert_eq!(lab.replay().viewing(), None);
    assert_eq!(lab.trainer().steps(), 4, "the counter goes on from step 4");
    assert_eq!(lab.trainer().network().params(), &seen[4][..]);
    assert_eq!(lab.record().history().len(), 5, "the costs of steps 0 to 4");
    assert_eq!(lab.record().history().last().unwrap().epoch, 4.0 * 10.0 / 200.0);
    lab.apply(Action::Step);
    assert_eq!(lab.trainer().steps(), 5);
    assert_eq!(lab.moments(), 5, "steps 0 to 4 to look back at, then the present");
    let snapshots = lab.record().path().snapshots();
    assert_eq!(snapshots.len(), 6, "one snapshot a step, none left over from before");
    assert_eq!(snapshots[4].params, seen[4]);
    assert!(lab.record().best().step <= 5);
}

#[test]
fn resumed_training_gives_the_weights_of_the_first_time_bit_for_bit() {
    // Adam: its moments are part of the moment gone back to.
    let (mut lab, _) = trained(adam(), 20);
    let (fresh, fresh_seen) = trained(adam(), 20);
    assert_eq!(lab, fresh, "a seeded run is the same run");
    lab.apply(Action::ViewMoment(7));
    lab.apply(Action::ResumeHere);
    for _ in 0..13 {
        lab.apply(Action::Step);
    }
    assert_eq!(lab.trainer().steps(), 20);
    assert_eq!(lab.trainer().network().params(), &fresh_seen[20][..]);
    assert_eq!(lab.record().history().as_slice(), fresh.record().history().as_slice());
}

#[test]
fn resume_with_another_optimizer_starts_its_state_afresh() {
    let (mut lab, seen) = trained(adam(), 8);
    lab.apply(Action::ViewMoment(3));
    lab.apply(Action::SetOptimizer(OptimizerKind::Sgd));
    assert!(lab.replay().viewing().is_some(), "a live setting keeps the step shown");
    lab.apply(Action::ResumeHere);
    assert_eq!(lab.trainer().optimizer().kind(), OptimizerKind::Sgd);
    assert_eq!(
        lab.settings().optimizer,
        OptimizerKind::Sgd,
        "the menu shows what trains"
    );
    assert!(lab.trainer().optimizer().velocity().iter().all(|&v| v == 0.0));
    assert_eq!(lab.trainer().network().params(), &seen[3][..]);
}

#[test]
fn going_back_to_the_first_step_and_out_of_range_positions() {
    let (mut lab, seen) = trained(Settings::default(), 3);
    lab.apply(Action::ViewMoment(usize::MAX));
    assert_eq!(lab.replay().viewing(), None);
    lab.apply(Action::ResumeHere);
    assert_eq!(lab.trainer().steps(), 3, "at the present, Resume does nothing");
    lab.apply(Action::ViewMoment(0));
    lab.apply(Action::ResumeHere);
    assert_eq!(lab.trainer().steps(), 0);
    assert_eq!(lab.trainer().network().params(), &seen[0][..]);
    assert_eq!(lab.record().history().len(), 1);
    assert_eq!(lab.moments(), 0);
}

#[test]
fn a_new_run_ends_the_look_back() {
    let (mut lab, _) = trained(Settings::default(), 3);
    lab.apply(Action::ViewMoment(1));
    lab.apply(Action::Reset);
    assert_eq!(lab.replay().viewing(), None);
    assert_eq!(lab.moments(), 0);
}

#[test]
fn the_history_stays_bounded_over_a_million_recorded_steps() {
    let run = Run::new(&Settings::default());
    let mut record = Record::default();
    for k in 0..1_000_000u32 {
        let m = Measurement {
            cost: CostPoint {
                epoch: f64::from(k) / 20.0,
                train: 0.5,
                test: 0.5,
            },
            accuracy: None,
            batch_losses: Vec::new(),
            steps: u64::from(k),
        };
        record.push_trained(m, run.trainer());
        assert!(record.path().snapshots().len() <= PATH_LIMIT);
    }
    assert!(record.history().len() <= HISTORY_LIMIT);
    let path = record.path();
    assert_eq!(path.capacity(), PATH_LIMIT);
    assert!(
        path.snapshots().len() >= PATH_LIMIT / 2,
        "thinning halves, it does not empty"
    );
    assert_eq!(path.snapshots()[0].step, 0, "the start is kept");
    assert!(
        path.snapshots().iter().all(|s| s.state.is_some()),
        "each can be resumed"
    );
    assert!(1_000_000 - path.snapshots().last().unwrap().step <= path.every());
}

#[test]
fn a_pin_survives_setting_changes_and_reset_and_the_new_run_starts_from_its_first_weights() {
    let (mut lab, seen) = trained(Settings::default(), 5);
    lab.apply(Action::PinRun);
    let pinned = lab.record().history().clone();
    lab.apply(Action::SetLearningRate(0.03));
    lab.apply(Action::SetOptimizer(OptimizerKind::Adam));
    lab.apply(Action::SetBatchSize(5));
    lab.apply(Action::SetPoints(120));
    lab.apply(Action::Reset);
    let pin = lab.replay().pin().expect("the pin stays");
    assert_eq!(pin.history, pinned, "its curves are those of the pinned run");
    assert_eq!(pin.settings, Settings::default());
    assert_eq!(lab.trainer().network().params(), &seen[0][..], "bit for bit");
    // Without the pin, the other data would have drawn other first weights.
    let unpinned = Lab::new(lab.settings().clone());
    assert_ne!(unpinned.trainer().network().params(), &seen[0][..]);
    // A new run of the settings without a Reset starts there too.
    lab.apply(Action::SetNoise(0.3));
    assert_eq!(lab.trainer().network().params(), &seen[0][..]);
    lab.apply(Action::Unpin);
    lab.apply(Action::Reset);
    assert_eq!(lab.replay().pin(), None);
    assert_eq!(
        lab.trainer().network().params(),
        Lab::new(lab.settings().clone()).trainer().network().params()
    );
}

#[test]
fn with_a_pin_another_shape_starts_from_weights_of_its_seed_alone() {
    let mut lab = Lab::default();
    lab.apply(Action::PinRun);
    lab.apply(Action::AddNeuron(0));
    let first = lab.trainer().network().params().to_vec();
    lab.apply(Action::SetPoints(120));
    assert_eq!(
        lab.trainer().network().params(),
        &first[..],
        "the data does not change them"
    );
    let mut other = Lab::default();
    other.apply(Action::AddNeuron(0));
    assert_ne!(other.trainer().network().params(), &first[..], "not the unpinned draw");
}

#[test]
fn each_run_is_named_with_its_settings_in_both_languages() {
    let now = Settings {
        optimizer: OptimizerKind::Adam,
        learning_rate: 0.03,
        batch_size: 5,
        hidden: vec![4],
        ..Settings::default()
    };
    let [pinned, current] = run_names(Lang::En, &Settings::default(), &now);
    assert_eq!(pinned, "pinned: SGD, η 0.100, batch 10, layers 4, 2");
    assert_eq!(current, "now: Adam, η 0.0300, batch 5, layers 4");
    let [pinned, current] = run_names(Lang::ZhTw, &Settings::default(), &Settings::default());
    assert_eq!(pinned, "已釘選：SGD、η 0.100、批次 10");
    assert_eq!(current, "目前：SGD、η 0.100、批次 10");
}

#[test]
fn hiding_the_scrubber_returns_to_the_present() {
    use crate::app::settings::view::{Part, Parts};
    let (mut lab, seen) = trained(Settings::default(), 3);
    lab.apply(Action::ViewMoment(1));
    lab.apply(Action::SetHidden(Parts::of(&[Part::Bars])));
    assert!(
        lab.replay().viewing().is_some(),
        "another part hidden: still looking back"
    );
    lab.apply(Action::SetHidden(Parts::of(&[Part::Replay])));
    assert_eq!(lab.replay().viewing(), None);
    lab.apply(Action::SetHidden(Parts::NONE));
    lab.apply(Action::ViewMoment(1));
    lab.apply(Action::SetHidden(Parts::of(&[Part::Chart])));
    assert_eq!(lab.replay().viewing(), None, "the chart's panel holds the scrubber");
    assert_eq!(lab.shown_network().params(), &seen[3][..]);
}
