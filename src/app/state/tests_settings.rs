//! The lab's settings: shape, features, data, training settings, stop rules, typed weights
//! and model files; what the menus show and what is refused with which message.

use super::*;
use crate::app::i18n::Lang;
use crate::app::settings::{LEARNING_RATE, REGULARIZATION_RATE, SPEEDS, WEIGHT};
use crate::core::model::{HIDDEN_NEURONS, MAX_HIDDEN_LAYERS};
use crate::core::{Activation, DatasetKind, Feature, Loss, OptimizerKind, Regularization, Rng, StopReason};

#[test]
fn layers_and_neurons_change_within_the_labs_limits() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    lab.apply(Action::AddLayer);
    assert_eq!(
        lab.trainer().network().sizes(),
        [2, 4, 2, 2, 1],
        "a copy of the last hidden layer"
    );
    assert_eq!(lab.trainer().steps(), 0, "a new shape is a new run");
    lab.apply(Action::AddNeuron(0));
    lab.apply(Action::RemoveNeuron(2));
    assert_eq!(lab.trainer().network().sizes(), [2, 5, 2, 1, 1]);
    lab.apply(Action::RemoveNeuron(2));
    assert_eq!(lab.trainer().network().sizes()[3], 1, "at least one neuron");
    for _ in 0..20 {
        lab.apply(Action::AddNeuron(0));
        lab.apply(Action::AddLayer);
    }
    let sizes = lab.trainer().network().sizes().to_vec();
    assert_eq!(sizes.len(), 2 + MAX_HIDDEN_LAYERS);
    assert_eq!(sizes[1], HIDDEN_NEURONS.1);
    assert!(crate::core::model::check_layers(&sizes).is_ok());
    for _ in 0..20 {
        lab.apply(Action::RemoveLayer);
    }
    assert_eq!(
        lab.trainer().network().sizes(),
        [2, 1],
        "no hidden layer: logistic regression"
    );
    lab.apply(Action::AddNeuron(0));
    assert_eq!(
        lab.trainer().network().sizes(),
        [2, 1],
        "there is no hidden layer to grow"
    );
}

#[test]
fn activations_and_features_rebuild_the_network_with_them() {
    let mut lab = Lab::default();
    lab.apply(Action::SetActivation(1, Activation::Relu));
    assert_eq!(
        lab.trainer().network().activations(),
        [Activation::Tanh, Activation::Relu, Activation::Sigmoid]
    );
    lab.apply(Action::ToggleFeature(Feature::X1X2));
    lab.apply(Action::ToggleFeature(Feature::X1Squared));
    assert_eq!(
        lab.settings().features,
        [Feature::X1, Feature::X2, Feature::X1Squared, Feature::X1X2]
    );
    assert_eq!(lab.trainer().network().sizes()[0], 4);
    // The network's inputs are the features of the points; the plane keeps the points.
    let (x, raw) = (lab.run().train().input(5), lab.run().plane().0.input(5));
    assert_eq!(x, [raw[0], raw[1], raw[0] * raw[0], raw[0] * raw[1]]);
    lab.apply(Action::ToggleFeature(Feature::X1));
    lab.apply(Action::ToggleFeature(Feature::X2));
    lab.apply(Action::ToggleFeature(Feature::X1Squared));
    assert_eq!(lab.settings().features, [Feature::X1X2], "the last feature stays");
    lab.apply(Action::ToggleFeature(Feature::X1X2));
    assert_eq!(lab.settings().features, [Feature::X1X2]);
    lab.apply(Action::Step);
    assert_eq!(lab.trainer().steps(), 1);
}

#[test]
fn training_settings_change_live_and_survive_a_reset() {
    let mut lab = Lab::default();
    for _ in 0..3 {
        lab.apply(Action::Step);
    }
    let weights = lab.trainer().network().params().to_vec();
    lab.apply(Action::SetOptimizer(OptimizerKind::Adam));
    lab.apply(Action::SetBatchSize(50));
    lab.apply(Action::SetRegularization(Regularization::L2));
    lab.apply(Action::SetRegularizationRate(0.01));
    lab.apply(Action::SetLoss(Loss::SquaredError));
    assert_eq!(lab.trainer().network().params(), &weights[..], "no reset");
    assert_eq!(lab.trainer().steps(), 3);
    assert_eq!(lab.trainer().optimizer().kind(), OptimizerKind::Adam);
    assert_eq!(lab.trainer().regularization(), (Regularization::L2, 0.01));
    assert_eq!(
        (lab.trainer().batch_size(), lab.trainer().loss()),
        (50, Loss::SquaredError)
    );
    assert_eq!(
        lab.record().history().len(),
        4,
        "the loss change restates the cost, it does not add a point"
    );
    lab.apply(Action::Step);
    assert_eq!(lab.trainer().epoch_progress(), (30.0 + 50.0) / 200.0);
    lab.apply(Action::Reset);
    assert_eq!(
        lab.trainer().optimizer().kind(),
        OptimizerKind::Adam,
        "reset keeps the settings"
    );
    assert_eq!(lab.trainer().loss(), Loss::SquaredError);
    lab.apply(Action::SetLoss(Loss::SoftmaxCrossEntropy));
    assert_eq!(
        lab.message().cloned(),
        Some(Notice::OutOfRange),
        "softmax needs several linear outputs"
    );
    assert_eq!(lab.trainer().loss(), Loss::SquaredError);
    lab.apply(Action::SetDataset(DatasetKind::Blobs));
    assert_eq!(
        lab.trainer().loss(),
        Loss::SquaredError,
        "squared error fits three linear outputs too"
    );
    lab.apply(Action::SetDataset(DatasetKind::Plane));
    assert_eq!(lab.trainer().loss(), Loss::SquaredError);
}

#[test]
fn data_settings_make_new_points_and_regenerate_moves_the_seed() {
    let mut lab = Lab::default();
    lab.apply(Action::SetPoints(500));
    lab.apply(Action::SetTrainShare(0.5));
    assert_eq!((lab.run().train().len(), lab.run().test().len()), (250, 250));
    let first = lab.run().train().clone();
    lab.apply(Action::SetNoise(0.3));
    assert_ne!(lab.run().train(), &first);
    lab.apply(Action::SetPoints(5));
    lab.apply(Action::SetNoise(2.0));
    assert_eq!(
        (lab.settings().data.points, lab.settings().data.noise),
        (500, 0.3),
        "out of range: ignored"
    );
    let points = lab.run().train().clone();
    lab.apply(Action::Regenerate);
    assert_eq!(lab.settings().data.seed, 43);
    assert_ne!(lab.run().train(), &points);
    assert_eq!(lab.run().train().len(), 250);
}

#[test]
fn slow_speeds_step_every_few_frames_and_fast_ones_many_times_a_frame() {
    let mut lab = Lab::default();
    lab.apply(Action::SetSpeed(0));
    lab.apply(Action::TogglePlay);
    for _ in 0..120 {
        lab.apply(Action::Tick(Clock::stopped()));
    }
    assert_eq!(lab.trainer().steps(), 2, "one step a second at 60 frames a second");
    lab.apply(Action::SetSpeed(SPEEDS.len() + 5));
    assert_eq!(lab.settings().speed, SPEEDS.len() - 1);
    lab.apply(Action::Tick(Clock::stopped()));
    let fastest = crate::app::settings::FASTEST as u64;
    assert_eq!(
        lab.trainer().steps(),
        2 + fastest,
        "as many as fit: all, by a clock that never moves"
    );
    lab.apply(Action::SetSpeed(SPEEDS.len() - 2));
    lab.apply(Action::Tick(Clock::stopped()));
    assert_eq!(lab.trainer().steps(), 2 + fastest + 500);
}

/// Plays `lab` until training stops by itself (or `ticks` frames have passed).
fn play_until_it_stops(lab: &mut Lab, ticks: usize) {
    lab.apply(Action::TogglePlay);
    for _ in 0..ticks {
        lab.apply(Action::Tick(Clock::stopped()));
        if !lab.playing() {
            break;
        }
    }
}

#[test]
fn switching_off_the_rule_that_stopped_training_takes_its_message_away() {
    let target_reached = |lab: &Lab| {
        matches!(
            lab.message().cloned(),
            Some(Notice::Stopped(StopReason::TargetReached { .. }))
        )
    };
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.5));
    lab.apply(Action::StopBelow(Some(0.3)));
    play_until_it_stops(&mut lab, 2000);
    assert!(target_reached(&lab), "{:?}", lab.message().cloned());
    // The same target again, or the other rule switched off: the message still holds.
    lab.apply(Action::StopBelow(Some(0.3)));
    lab.apply(Action::StopWhenFlat(false));
    assert!(target_reached(&lab), "{:?}", lab.message().cloned());
    // A new target: the old one's message no longer holds.
    lab.apply(Action::StopBelow(Some(0.2)));
    assert_eq!(lab.message().cloned(), None);
    // No target at all.
    lab.apply(Action::StopBelow(Some(0.3)));
    lab.apply(Action::Reset);
    play_until_it_stops(&mut lab, 2000);
    assert!(target_reached(&lab), "{:?}", lab.message().cloned());
    lab.apply(Action::StopBelow(None));
    assert_eq!(lab.message().cloned(), None);

    // Stopped because the cost stopped improving; only switching that rule off removes it.
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.3));
    lab.apply(Action::StopWhenFlat(true));
    lab.apply(Action::SetSpeed(SPEEDS.len() - 2));
    play_until_it_stops(&mut lab, 400);
    let flat = |lab: &Lab| {
        matches!(
            lab.message().cloned(),
            Some(Notice::Stopped(StopReason::StoppedImproving { .. }))
        )
    };
    assert!(flat(&lab), "{:?}", lab.message().cloned());
    lab.apply(Action::StopBelow(Some(0.01)));
    lab.apply(Action::StopBelow(None));
    lab.apply(Action::StopWhenFlat(true));
    assert!(flat(&lab), "{:?}", lab.message().cloned());
    lab.apply(Action::StopWhenFlat(false));
    assert_eq!(lab.message().cloned(), None);

    // Another notice is left alone.
    let mut lab = Lab::default();
    lab.apply(Action::StopBelow(Some(0.3)));
    lab.apply(Action::StopWhenFlat(true));
    lab.apply(Action::SetLearningRate(f64::NAN));
    assert_eq!(lab.message().cloned(), Some(Notice::BadLearningRate));
    lab.apply(Action::StopBelow(Some(0.2)));
    lab.apply(Action::StopBelow(None));
    lab.apply(Action::StopWhenFlat(false));
    assert_eq!(lab.message().cloned(), Some(Notice::BadLearningRate));
}

#[test]
fn training_stops_by_itself_when_asked_and_says_why() {
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.5));
    lab.apply(Action::StopBelow(Some(0.3)));
    lab.apply(Action::TogglePlay);
    for _ in 0..2000 {
        lab.apply(Action::Tick(Clock::stopped()));
        if !lab.playing() {
            break;
        }
    }
    let Some(Notice::Stopped(StopReason::TargetReached { cost, target })) = lab.message().cloned() else {
        panic!("{:?}", lab.message().cloned());
    };
    assert!(cost < 0.3 && target == 0.3);
    assert_eq!(lab.trainer().steps() % 20, 0, "at the end of an epoch");
    assert!(lab.latest_cost().unwrap().train < 0.3);

    // Trained to its plateau, the cost stops improving by 1e-4 an epoch.
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.3));
    lab.apply(Action::StopWhenFlat(true));
    lab.apply(Action::SetSpeed(SPEEDS.len() - 2));
    lab.apply(Action::TogglePlay);
    for _ in 0..400 {
        lab.apply(Action::Tick(Clock::stopped()));
        if !lab.playing() {
            break;
        }
    }
    assert!(
        matches!(
            lab.message().cloned(),
            Some(Notice::Stopped(StopReason::StoppedImproving {
                epochs: FLAT_EPOCHS,
                ..
            }))
        ),
        "{:?} after {} epochs",
        lab.message().cloned(),
        lab.trainer().epochs()
    );
    assert!(lab.trainer().epochs() > FLAT_EPOCHS as u64);
    assert_eq!(lab.trainer().steps() % 20, 0, "at the end of an epoch");
}

#[test]
fn the_bars_are_the_losses_of_the_batch_the_next_step_trains_on() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    let losses = lab.record().batch_losses().clone();
    assert_eq!(losses.len(), 10);
    let mean = losses.iter().sum::<f64>() / 10.0;
    lab.apply(Action::Step);
    // That step's batch cost (before its update) is the mean of the bars shown before it.
    assert!((lab.run().last_step().unwrap().batch_cost - mean).abs() < 1e-12);
}

#[test]
fn a_typed_weight_changes_the_network_and_its_cost_at_once() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    let (cost, points) = (lab.latest_cost().unwrap().train, lab.record().history().len());
    lab.apply(Action::SetWeight {
        layer: 2,
        from: 1,
        to: 0,
        value: 5.0,
    });
    assert_eq!(lab.trainer().network().weight(2, 0, 1), 5.0);
    assert_eq!(
        lab.record().history().len(),
        points,
        "the cost is restated, not a new point"
    );
    assert_ne!(lab.latest_cost().unwrap().train, cost);
    assert_eq!(lab.trainer().steps(), 1, "not a training step");
    lab.apply(Action::SetWeight {
        layer: 2,
        from: 1,
        to: 0,
        value: f64::NAN,
    });
    assert_eq!(
        (lab.message().cloned(), lab.trainer().network().weight(2, 0, 1)),
        (Some(Notice::BadWeight), 5.0)
    );
    lab.apply(Action::SetWeight {
        layer: 7,
        from: 0,
        to: 0,
        value: 1.0,
    });
    assert_eq!(
        lab.trainer().network().weight(2, 0, 1),
        5.0,
        "a weight that does not exist is ignored"
    );
}

#[test]
fn after_a_divergence_one_action_brings_back_the_best_weights() {
    let mut lab = Lab::default();
    lab.apply(Action::SetLearningRate(0.5));
    for _ in 0..30 {
        lab.apply(Action::Step);
    }
    let lowest = lab
        .record()
        .history()
        .iter()
        .map(|c| c.train)
        .fold(f64::INFINITY, f64::min);
    assert_eq!(lab.record().best().cost, lowest);
    lab.apply(Action::SetDataset(DatasetKind::Spiral));
    lab.apply(Action::SetLearningRate(10.0));
    lab.apply(Action::TogglePlay);
    for _ in 0..300 {
        lab.apply(Action::Tick(Clock::stopped()));
        if lab.message().cloned().is_some() {
            break;
        }
    }
    assert_eq!(lab.message().cloned(), Some(Notice::Diverged));
    let best = lab.record().best().clone();
    assert!(best.cost <= lab.record().history()[0].train);
    lab.apply(Action::GoBack);
    assert_eq!(lab.trainer().network().params(), &best.params[..]);
    assert_eq!(lab.latest_cost().unwrap().train, best.cost);
    assert_eq!(lab.message().cloned(), None);
}

#[test]
fn the_trainer_always_trains_with_what_the_settings_say() {
    let actions = [
        Action::SetLearningRate(0.3),
        Action::SetLearningRate(50.0),
        Action::SetOptimizer(OptimizerKind::Adam),
        Action::SetOptimizer(OptimizerKind::Momentum),
        Action::SetBatchSize(50),
        Action::SetBatchSize(0),
        Action::SetLoss(Loss::SquaredError),
        Action::SetLoss(Loss::SoftmaxCrossEntropy),
        Action::SetRegularization(Regularization::L1),
        Action::SetRegularizationRate(0.01),
        Action::SetRegularizationRate(-1.0),
        Action::SetDataset(DatasetKind::Blobs),
        Action::SetDataset(DatasetKind::Plane),
        Action::SetDataset(DatasetKind::Xor),
        Action::AddLayer,
        Action::RemoveLayer,
        Action::SetActivation(0, Activation::Relu),
        Action::Step,
        Action::Reset,
        Action::GoBack,
    ];
    let mut rng = Rng::new(3);
    let mut lab = Lab::default();
    for k in 0..300 {
        let action = actions[rng.below(actions.len())].clone();
        lab.apply(action.clone());
        let (s, t) = (lab.settings(), lab.trainer());
        let said = (
            s.learning_rate,
            s.optimizer,
            s.batch_size,
            s.loss_in_use(),
            s.regularization,
        );
        let used = (
            t.learning_rate(),
            t.optimizer().kind(),
            t.batch_size(),
            t.loss(),
            t.regularization(),
        );
        assert_eq!(said, used, "after action {k}, {action:?}");
        assert_eq!(&t.network().activations()[..s.hidden.len()], s.activations.as_slice());
    }
}

#[test]
fn rates_and_weights_out_of_their_limits_are_refused_by_name_and_the_old_ones_stay() {
    let mut lab = Lab::default();
    for rate in [20.0, 1e-7, -1.0, f64::INFINITY] {
        lab.apply(Action::SetLearningRate(rate));
        assert_eq!(
            lab.message(),
            Some(&Notice::Refused(Refusal::OutOfLimits(LEARNING_RATE))),
            "{rate}"
        );
        assert_eq!(
            (lab.settings().learning_rate, lab.trainer().learning_rate()),
            (0.1, 0.1)
        );
    }
    let text = lab.message().unwrap().text(Lang::En);
    assert_eq!(
        text,
        "Learning rate η must be between 0.000001 and 10; the old value is kept."
    );
    lab.apply(Action::SetLearningRate(1e-6));
    assert_eq!(
        (lab.message(), lab.trainer().learning_rate()),
        (None, 1e-6),
        "the end is in"
    );

    lab.apply(Action::SetRegularizationRate(10.5));
    assert_eq!(
        lab.message(),
        Some(&Notice::Refused(Refusal::OutOfLimits(REGULARIZATION_RATE)))
    );
    assert_eq!(lab.trainer().regularization().1, 0.0);
    assert!(lab
        .message()
        .unwrap()
        .text(Lang::ZhTw)
        .starts_with("正則化率 λ必須介於 0 到 10 之間"));

    let w = lab.trainer().network().weight(1, 0, 0);
    for value in [1000.5, -2e4] {
        lab.apply(Action::SetWeight {
            layer: 1,
            from: 0,
            to: 0,
            value,
        });
        assert_eq!(
            lab.message(),
            Some(&Notice::Refused(Refusal::OutOfLimits(WEIGHT))),
            "{value}"
        );
        assert_eq!(lab.trainer().network().weight(1, 0, 0), w, "{value}");
    }
    assert!(lab.message().unwrap().text(Lang::En).contains("-1000 and 1000"));
    lab.apply(Action::SetWeight {
        layer: 1,
        from: 0,
        to: 0,
        value: -1000.0,
    });
    assert_eq!(
        (lab.message(), lab.trainer().network().weight(1, 0, 0)),
        (None, -1000.0)
    );
}

#[test]
fn a_reset_rebuilds_the_run_and_keeps_the_settings_the_play_state_and_the_axes() {
    let mut lab = Lab::default();
    lab.apply(Action::SetSpeed(2));
    lab.apply(Action::SetLanguage(Lang::ZhTw));
    lab.apply(Action::SetOptimizer(OptimizerKind::Adam));
    let axis = crate::app::explain::Focus::Edge {
        layer: 1,
        from: 3,
        to: 1,
    };
    lab.apply(Action::UseAsAxis(axis));
    lab.apply(Action::PickSample(4));
    lab.apply(Action::TogglePlay);
    for _ in 0..8 {
        lab.apply(Action::Tick(Clock::stopped()));
    }
    lab.apply(Action::Reset);
    let fresh = Lab::new(lab.settings().clone());
    assert_eq!(lab.run(), fresh.run(), "the run starts again");
    assert_eq!(lab.record(), fresh.record(), "and so does its record");
    assert_eq!((lab.walk(), lab.selection().sample()), (fresh.walk(), 0));
    assert_eq!(lab.selection().axes(), [axis]);
    assert!(lab.playing());
    assert_eq!((lab.settings().speed, lab.lang()), (2, Lang::ZhTw));
    assert_eq!(lab.trainer().optimizer().kind(), OptimizerKind::Adam);
}

#[test]
fn after_a_caught_divergence_the_readouts_are_those_of_the_restored_weights() {
    let mut lab = Lab::default();
    lab.apply(Action::SetDataset(DatasetKind::Spiral));
    lab.apply(Action::SetLearningRate(10.0));
    lab.apply(Action::TogglePlay);
    let mut before = lab.clone();
    for _ in 0..300 {
        before = lab.clone();
        lab.apply(Action::Tick(Clock::stopped()));
        if lab.message().is_some() {
            break;
        }
    }
    assert_eq!(lab.message(), Some(&Notice::Diverged));
    assert_eq!(lab.trainer(), before.trainer(), "the exploding steps are taken back");
    // Measured again, independently, from the weights now in the network.
    let mut trainer = lab.trainer().clone();
    let train = lab.run().train().clone();
    let (_, train_accuracy) = trainer.evaluate(&train);
    let (_, test_accuracy) = trainer.evaluate(lab.run().test());
    assert_eq!(lab.record().accuracy(), Some((train_accuracy, test_accuracy)));
    let batch = trainer.next_batch(&train).to_vec();
    let network = trainer.network();
    let mut trace = network.new_trace();
    let losses: Vec<f64> = batch
        .iter()
        .map(|&i| {
            network.forward(train.input(i), &mut trace);
            network.loss(&trace, train.target(i), trainer.loss())
        })
        .collect();
    assert_eq!(lab.record().batch_losses().as_slice(), losses.as_slice());
    assert_eq!(
        lab.run().last_step(),
        before.run().last_step(),
        "the gradient-norm readout too"
    );
}

#[test]
fn a_link_opens_the_same_lab_and_names_what_it_could_not_use() {
    // A teacher's lab, trained a little, and its link.
    let mut teacher = Lab::default();
    teacher.apply(Action::SetDataset(DatasetKind::Spiral));
    teacher.apply(Action::SetOptimizer(OptimizerKind::Adam));
    teacher.apply(Action::SetLearningRate(0.03));
    teacher.apply(Action::AddLayer);
    let link = crate::app::settings::link::write(teacher.settings());
    for _ in 0..20 {
        teacher.apply(Action::Step);
    }
    // A learner opens it: the same settings, and after the same 20 steps the same weights.
    let mut learner = Lab::from_link(&link);
    assert_eq!(learner.settings(), teacher.settings());
    assert_eq!(learner.message(), None);
    for _ in 0..20 {
        learner.apply(Action::Step);
    }
    assert_eq!(
        learner.trainer().network().params(),
        teacher.trainer().network().params()
    );
    // The same link again changes nothing: the run goes on.
    learner.apply(Action::OpenLink(link.as_str().into()));
    assert_eq!(learner.trainer().steps(), 20);
    // A link with a bad part: the rest is used, the bad part keeps its default and is named.
    learner.apply(Action::OpenLink("#data=moons&lr=99&colour=red".into()));
    assert_eq!(learner.settings().data.kind, DatasetKind::Moons);
    assert_eq!(learner.settings().learning_rate, Settings::default().learning_rate);
    assert_eq!(learner.trainer().steps(), 0, "a new run");
    let text = learner.message().map(|m| m.text(Lang::En)).unwrap_or_default();
    assert!(text.starts_with("Parts of this link could not be used"), "{text}");
    assert!(
        text.contains("Learning rate η must be between") && text.contains("“colour”"),
        "{text}"
    );
}
