//! The coach in the lab: runs built to go wrong in each way it knows, for every update rule,
//! and healthy runs where it must stay silent.

use super::*;
use crate::core::{Activation, Cause, DatasetKind, Diagnosis, Feature, OptimizerKind, Regularization, Symptom};

/// Trains `epochs` epochs from `settings` (stopping at the first message); the message then.
fn trained(settings: Settings, epochs: usize) -> (Lab, Option<Notice>) {
    let mut lab = Lab::new(settings);
    for _ in 0..epochs {
        lab.apply(Action::Epoch);
        if lab.message().is_some() {
            break;
        }
    }
    let message = lab.message().cloned();
    (lab, message)
}

fn with(kind: DatasetKind, optimizer: OptimizerKind, learning_rate: f64) -> Settings {
    let mut settings = Settings::default();
    settings.data.kind = kind;
    settings.optimizer = optimizer;
    settings.learning_rate = learning_rate;
    settings
}

fn diagnosis(message: Option<Notice>, case: &str) -> Diagnosis {
    match message {
        Some(Notice::Coach(d, _)) => d,
        other => panic!("{case}: expected the coach, got {other:?}"),
    }
}

/// Each rule at the rate it is usually run at.
const USUAL: [(OptimizerKind, f64); 6] = [
    (OptimizerKind::Sgd, 0.1),
    (OptimizerKind::Momentum, 0.01),
    (OptimizerKind::Nesterov, 0.01),
    (OptimizerKind::AdaGrad, 0.1),
    (OptimizerKind::RmsProp, 0.01),
    (OptimizerKind::Adam, 0.01),
];

#[test]
fn healthy_runs_hear_nothing_from_the_coach_for_every_rule() {
    for (optimizer, rate) in USUAL {
        for kind in [
            DatasetKind::CatsDogs,
            DatasetKind::Xor,
            DatasetKind::Blobs,
            DatasetKind::Plane,
            // The moons rest near 0.4 of guessing for some twenty epochs before they are learnt
            // (with SGD and momentum): below the share that counts as stuck.
            DatasetKind::Moons,
            DatasetKind::Circle,
        ] {
            let (lab, message) = trained(with(kind, optimizer, rate), 60);
            assert_eq!(message, None, "{kind:?} with {optimizer:?} at η = {rate}");
            let cost = lab.latest_cost().unwrap().train;
            assert!(
                cost < 0.8 * lab.coach.guess(),
                "and it learnt: {kind:?} {optimizer:?} {cost}"
            );
        }
    }
    let (_, message) = trained(Settings::default(), 150);
    assert_eq!(message, None, "the default run");
}

#[test]
fn a_tiny_learning_rate_stalls_at_guessing_and_is_named_for_every_rule() {
    for (optimizer, _) in USUAL {
        let (lab, message) = trained(with(DatasetKind::CatsDogs, optimizer, 1e-5), 30);
        let d = diagnosis(message, &format!("{optimizer:?}"));
        assert_eq!(
            d.symptom,
            Symptom::Stalled {
                guess: lab.coach.guess()
            },
            "{optimizer:?}"
        );
        assert_eq!((d.cause, d.optimizer), (Cause::RateTooSmall(1e-5), optimizer));
        assert!(
            !lab.message().unwrap().offers_go_back(),
            "the best weights are no better"
        );
    }
    // The balanced two classes of the cats and dogs cost ln 2 to guess.
    let lab = Lab::new(with(DatasetKind::CatsDogs, OptimizerKind::Sgd, 0.1));
    assert!((lab.coach.guess() - 2f64.ln()).abs() < 0.01, "{}", lab.coach.guess());
}

#[test]
fn a_large_penalty_squeezes_the_weights_to_guessing_and_is_named_for_every_rule() {
    for (optimizer, rate) in USUAL {
        for kind in [DatasetKind::Xor, DatasetKind::Blobs] {
            let mut settings = with(kind, optimizer, rate);
            settings.regularization = (Regularization::L2, 1.0);
            let (_, message) = trained(settings, 60);
            let d = diagnosis(message, &format!("{kind:?} {optimizer:?}"));
            assert!(matches!(d.symptom, Symptom::Stalled { .. }), "{kind:?} {optimizer:?}");
            assert_eq!(d.cause, Cause::PenaltyTooLarge(1.0), "{kind:?} {optimizer:?}");
        }
    }
}

#[test]
fn a_learning_rate_too_large_is_named_for_every_rule() {
    // Rates that overshoot without blowing up (the explosion rule would catch that). AdaGrad's
    // too large rates (2 to 5 here) leave the cost stuck with its neurons saturated instead of
    // rising, and are named so: see the saturation test.
    let cases = [
        (OptimizerKind::Sgd, DatasetKind::CatsDogs, 3.0),
        (OptimizerKind::Momentum, DatasetKind::CatsDogs, 1.0),
        (OptimizerKind::Nesterov, DatasetKind::CatsDogs, 0.5),
        (OptimizerKind::RmsProp, DatasetKind::CatsDogs, 0.3),
        (OptimizerKind::Adam, DatasetKind::CatsDogs, 3.0),
    ];
    for (optimizer, kind, rate) in cases {
        let (lab, message) = trained(with(kind, optimizer, rate), 100);
        let d = diagnosis(message, &format!("{optimizer:?} on {kind:?}"));
        assert_eq!(d.cause, Cause::RateTooLarge(rate), "{optimizer:?} on {kind:?}");
        if let Symptom::Worse { now, best } = d.symptom {
            assert!(now > 1.5 * best, "{optimizer:?}: {now} against {best}");
            assert!(
                lab.message().unwrap().offers_go_back(),
                "a cost getting worse offers the best weights"
            );
        }
    }
}

#[test]
fn dead_relus_are_counted_and_named() {
    let mut settings = Settings::default();
    settings.activations = vec![Activation::Relu; settings.hidden.len()];
    let mut lab = Lab::new(settings);
    // Every bias of the first hidden layer so negative that its ReLUs give 0 for every point:
    // nothing reaches the layers after it, and no error flows back through it.
    let network = lab.run.network();
    let first = network.sizes()[1];
    let mut params = network.params().to_vec();
    let biases = params.len() - network.biases().len();
    params[biases..biases + first].fill(-100.0);
    assert!(lab.run.set_params(&params));
    let (_, neurons) = coach::dead_relus(lab.run.network(), lab.run.train());
    let hidden: usize = lab.settings().hidden.iter().sum();
    assert_eq!(neurons, hidden, "every hidden neuron is a ReLU");
    for _ in 0..40 {
        lab.apply(Action::Epoch);
    }
    let d = diagnosis(lab.message().cloned(), "dead");
    assert!(matches!(d.symptom, Symptom::Stalled { .. }));
    let Cause::DeadRelus { dead, of } = d.cause else {
        panic!("{:?}", d.cause);
    };
    assert!(dead >= first && of == hidden, "{dead} of {of}");
    let en = lab.message().unwrap().text(Lang::En);
    assert!(
        en.contains(&format!("{dead} of the {of} ReLU neurons are dead")),
        "{en}"
    );
    let zh = lab.message().unwrap().text(Lang::ZhTw);
    assert!(zh.contains(&format!("{of} 個 ReLU 神經元中有 {dead} 個")), "{zh}");
    // Named, and lit on the network: every neuron of the first hidden layer among them.
    let named = lab.message().unwrap().dead_neurons().unwrap().to_vec();
    assert_eq!(named.len(), dead);
    for j in 0..first {
        assert!(named.contains(&(1, j)), "{named:?}");
    }
    assert!(en.contains("Dead: neuron 1 of hidden 1, neuron 2 of hidden 1"), "{en}");
    assert!(zh.contains("死掉的是隱藏層 1的第 1 個神經元、"), "{zh}");
    if dead > 6 {
        assert!(en.contains(&format!(" and {} more — ringed in red", dead - 6)), "{en}");
    }
    lab.apply(Action::DismissMessage);
    assert_eq!(
        lab.message().and_then(Notice::dead_neurons).map(|d| d.len()),
        None,
        "dismissed, unlit"
    );
}

#[test]
fn the_coach_speaks_once_and_listens_again_after_a_change() {
    let (mut lab, message) = trained(with(DatasetKind::CatsDogs, OptimizerKind::Sgd, 1e-5), 30);
    assert!(matches!(message, Some(Notice::Coach(..))));
    let en = message.as_ref().unwrap().text(Lang::En);
    assert!(en.starts_with("For 10 epochs the cost has stayed near 0.69"), "{en}");
    assert!(en.contains("η = 1.00e-5 is likely too small for SGD"), "{en}");
    let zh = message.unwrap().text(Lang::ZhTw);
    assert!(zh.contains("學習率 η = 1.00e-5") && zh.contains("可能太小"), "{zh}");
    lab.apply(Action::DismissMessage);
    for _ in 0..30 {
        lab.apply(Action::Epoch);
    }
    assert_eq!(lab.message(), None, "said once, not again after it was dismissed");
    // A new rate is a new start: the coach is quiet while the run learns …
    lab.apply(Action::SetLearningRate(0.1));
    for _ in 0..30 {
        lab.apply(Action::Epoch);
    }
    assert_eq!(lab.message(), None);
    // … and speaks again when a new rate goes wrong: worse than the best before it.
    lab.apply(Action::SetLearningRate(3.0));
    for _ in 0..30 {
        lab.apply(Action::Epoch);
    }
    let d = diagnosis(lab.message().cloned(), "η = 3");
    assert_eq!(d.cause, Cause::RateTooLarge(3.0));
    assert!(matches!(d.symptom, Symptom::Worse { .. }), "{:?}", d.symptom);
}

/// A large network on few, noisy training points: it can learn them by heart.
fn memorisable(kind: DatasetKind, seed: u64) -> Settings {
    let mut settings = with(kind, OptimizerKind::Adam, 0.03);
    settings.data.noise = 0.5;
    settings.data.points = 100;
    settings.data.train_fraction = 0.3;
    settings.data.seed = seed;
    settings.hidden = vec![16, 16];
    settings.activations = vec![Activation::Tanh; 2];
    settings
}

#[test]
fn a_large_network_on_few_noisy_points_overfits_and_is_named() {
    for kind in [DatasetKind::CatsDogs, DatasetKind::Xor, DatasetKind::Circle] {
        for seed in [1, 2, 3] {
            let (lab, message) = trained(memorisable(kind, seed), 300);
            let d = diagnosis(message, &format!("{kind:?} seed {seed}"));
            let Symptom::Overfitting { now, best } = d.symptom else {
                panic!("{kind:?} seed {seed}: {d:?}");
            };
            assert_eq!(d.cause, Cause::Memorising);
            let cost = lab.latest_cost().unwrap();
            assert!(now > 1.2 * best, "{kind:?}: the test cost rose, {best} → {now}");
            assert!(
                cost.train < 0.8 * lab.coach.guess(),
                "while the training points are learnt: {}",
                cost.train
            );
        }
    }
}

#[test]
fn the_same_network_on_plenty_of_clean_points_does_not_overfit() {
    for kind in [DatasetKind::CatsDogs, DatasetKind::Xor] {
        let mut settings = memorisable(kind, 1);
        settings.data.noise = 0.1;
        settings.data.points = 1000;
        settings.data.train_fraction = 0.8;
        let (_, message) = trained(settings, 40);
        assert_eq!(message, None, "{kind:?}");
    }
}

#[test]
fn a_learning_rate_that_saturates_the_neurons_is_named_for_every_rule() {
    use Activation::{Sigmoid, Tanh};
    // Runs whose steps push the z of the sigmoid or tanh neurons far out, where f′(z) is almost
    // 0: the cost then stays at guessing or stuck high instead of rising. Plain and momentum
    // steps shrink with the gradient, so they need a larger η to get there than the adaptive
    // rules, whose steps are about η whatever the gradient.
    let cases = [
        (OptimizerKind::Sgd, Sigmoid, DatasetKind::CatsDogs, 10.0),
        (OptimizerKind::Sgd, Sigmoid, DatasetKind::Xor, 10.0),
        (OptimizerKind::Momentum, Tanh, DatasetKind::Circle, 0.3),
        (OptimizerKind::Nesterov, Tanh, DatasetKind::CatsDogs, 1.0),
        (OptimizerKind::Nesterov, Sigmoid, DatasetKind::Xor, 3.0),
        (OptimizerKind::AdaGrad, Tanh, DatasetKind::Circle, 3.0),
        (OptimizerKind::AdaGrad, Tanh, DatasetKind::CatsDogs, 2.0),
        (OptimizerKind::RmsProp, Sigmoid, DatasetKind::CatsDogs, 1.0),
        (OptimizerKind::RmsProp, Sigmoid, DatasetKind::Xor, 0.3),
        (OptimizerKind::Adam, Tanh, DatasetKind::CatsDogs, 0.3),
        (OptimizerKind::Adam, Tanh, DatasetKind::Xor, 1.0),
    ];
    for (optimizer, activation, kind, rate) in cases {
        let case = format!("{optimizer:?} {activation:?} on {kind:?} at η = {rate}");
        let mut settings = with(kind, optimizer, rate);
        settings.activations = vec![activation; settings.hidden.len()];
        let (lab, message) = trained(settings, 100);
        let d = diagnosis(message, &case);
        assert!(
            matches!(d.symptom, Symptom::Stalled { .. } | Symptom::Stuck { .. }),
            "{case}: {:?}",
            d.symptom
        );
        let Cause::Saturated {
            saturated,
            of,
            activation: named,
        } = d.cause
        else {
            panic!("{case}: {:?}", d.cause);
        };
        let hidden: usize = lab.settings().hidden.iter().sum();
        assert_eq!((of, named), (hidden, Some(activation)), "{case}");
        assert!(2 * saturated >= of, "{case}: {saturated} of {of}");
        // The count is the network's as it is now, measured afresh.
        assert_eq!(
            coach::saturated(lab.run.network(), lab.run.train()),
            (saturated, of),
            "{case}"
        );
        let en = lab.message().unwrap().text(Lang::En);
        let name = if activation == Tanh { "tanh" } else { "sigmoid" };
        assert!(
            en.contains(&format!("{saturated} of the {of} {name} neurons are saturated")),
            "{en}"
        );
        let zh = lab.message().unwrap().text(Lang::ZhTw);
        assert!(
            zh.contains(&format!("{of} 個 {name} 神經元中有 {saturated} 個已經飽和")),
            "{zh}"
        );
    }
    // The same networks at the usual rates are not saturated, and the default one (tanh) learns
    // unnamed. (Sigmoid neurons learn slowly under plain SGD at η = 0.1: that stall is not theirs.)
    for (optimizer, rate) in USUAL {
        for activation in [Sigmoid, Tanh] {
            let mut settings = with(DatasetKind::CatsDogs, optimizer, rate);
            settings.activations = vec![activation; settings.hidden.len()];
            let (lab, message) = trained(settings, 30);
            if activation == Tanh {
                assert_eq!(message, None, "{optimizer:?}");
            }
            let (saturated, of) = coach::saturated(lab.run.network(), lab.run.train());
            assert!(2 * saturated < of, "{optimizer:?} {activation:?}: {saturated} of {of}");
        }
    }
}

/// No hidden layer and only x₁, x₂ and x₁² as inputs: the boundary between the classes can only
/// be a straight line or a band across the plane, never the circle's ring.
fn too_simple_for_the_circle(optimizer: OptimizerKind, rate: f64) -> Settings {
    let mut settings = with(DatasetKind::Circle, optimizer, rate);
    settings.hidden = vec![];
    settings.activations = vec![];
    settings.features = vec![Feature::X1, Feature::X2, Feature::X1Squared];
    settings
}

#[test]
fn a_network_too_simple_for_its_data_is_stuck_high_and_named_for_every_rule() {
    for (optimizer, rate) in USUAL {
        let (lab, message) = trained(too_simple_for_the_circle(optimizer, rate), 100);
        let d = diagnosis(message, &format!("{optimizer:?}"));
        let guess = lab.coach.guess();
        let Symptom::Stuck { cost, guess: g } = d.symptom else {
            panic!("{optimizer:?}: {:?}", d.symptom);
        };
        assert_eq!(g, guess);
        // Well below guessing, yet well above what a ring-shaped boundary reaches (the default
        // network gets the circle under 0.1 of guessing).
        assert!(
            cost >= coach::STUCK * guess && cost < (1.0 - coach::NEAR_GUESS) * guess,
            "{optimizer:?}: {cost} against {guess}"
        );
        assert_eq!((d.cause, d.optimizer), (Cause::TooSimple, optimizer));
        assert!(
            !lab.message().unwrap().offers_go_back(),
            "no better weights to go back to"
        );
        let en = lab.message().unwrap().text(Lang::En);
        assert!(
            en.contains("training cost has barely moved from") && en.contains("more neurons or layers"),
            "{en}"
        );
        let zh = lab.message().unwrap().text(Lang::ZhTw);
        assert!(zh.contains("幾乎停在") && zh.contains("更多神經元或層"), "{zh}");
    }
    // The same data with x₂² too, or with the default hidden layers, is learnt and heard nothing.
    for (optimizer, rate) in USUAL {
        let mut settings = too_simple_for_the_circle(optimizer, rate);
        settings.features.push(Feature::X2Squared);
        let (lab, message) = trained(settings, 100);
        assert_eq!(message, None, "{optimizer:?} with x₂²");
        let cost = lab.latest_cost().unwrap().train;
        assert!(cost < coach::STUCK * lab.coach.guess(), "{optimizer:?}: {cost}");
    }
}

#[test]
fn a_stall_on_the_spirals_plateau_is_withdrawn_once_the_network_learns_after_all() {
    // Chapter ⑧'s spiral as the lesson's learner sets it up: six inputs, [8, 4] tanh, Adam at 0.03.
    use crate::core::Feature;
    let mut settings = with(DatasetKind::Spiral, OptimizerKind::Adam, 0.03);
    settings.features = vec![
        Feature::X1,
        Feature::X2,
        Feature::X1Squared,
        Feature::X2Squared,
        Feature::SinX1,
        Feature::SinX2,
    ];
    settings.hidden = vec![8, 4];
    settings.activations = vec![Activation::Tanh; 2];
    let mut lab = Lab::new(settings);
    let mut said = None;
    for _ in 0..300 {
        lab.apply(Action::Epoch);
        if let Some(Notice::Coach(d, _)) = lab.message() {
            said.get_or_insert(d.symptom);
        }
        if lab.record().accuracy().is_some_and(|(_, test)| test >= 0.9) {
            break;
        }
    }
    let (_, test) = lab.record().accuracy().unwrap();
    assert!(test >= 0.9, "it learns: {test}");
    assert!(
        matches!(said, Some(Symptom::Stalled { .. })),
        "the plateau first looks like a stall: {said:?}"
    );
    assert_eq!(lab.message(), None, "and the stall is no longer said");
}
