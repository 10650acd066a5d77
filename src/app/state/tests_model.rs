//! Model files opened in the lab: shape, weights and run settings taken from the file, every
//! menu showing them, and files that do not fit or hold rates out of their limits refused.

use super::*;
use crate::app::i18n::Lang;
use crate::app::settings::{
    regularization_rate_menu, Limits, LEARNING_RATE, REGULARIZATION_RATE, REGULARIZATION_RATES,
};
use crate::core::{
    Activation, Feature, Init, Loss, Model, ModelError, Network, OptimizerKind, Regularization, Rng, RunSettings,
};

#[test]
fn a_saved_model_opens_again_with_its_shape_weights_and_settings() {
    let mut lab = Lab::default();
    lab.apply(Action::AddNeuron(0));
    lab.apply(Action::SetActivation(1, Activation::Relu));
    lab.apply(Action::SetLearningRate(0.3));
    for _ in 0..5 {
        lab.apply(Action::Step);
    }
    let saved = lab.model_json();
    let network = lab.trainer().network().clone();

    let mut other = Lab::default();
    other.apply(Action::Step);
    other.apply(Action::LoadModel(saved.as_str().into()));
    assert_eq!(other.message().cloned(), None);
    assert_eq!(other.trainer().network(), &network, "every weight, bit for bit");
    assert_eq!(other.settings().hidden, [5, 2]);
    assert_eq!(other.trainer().learning_rate(), 0.3);
    assert_eq!(
        (other.trainer().steps(), other.record().history().len()),
        (0, 1),
        "a new run from those weights"
    );
    assert_eq!(other.latest_cost().unwrap().train, lab.latest_cost().unwrap().train);
    other.apply(Action::Step);
    assert_eq!(other.trainer().steps(), 1);
}

#[test]
fn a_broken_or_unfitting_model_file_changes_nothing_and_says_why() {
    let mut lab = Lab::default();
    lab.apply(Action::Step);
    let before = lab.clone();
    lab.apply(Action::LoadModel("{ \"format\": ".into()));
    let Some(Notice::BadModel(why)) = lab.message().cloned() else {
        panic!("{:?}", lab.message().cloned());
    };
    assert!(why.to_string().contains("not valid JSON"), "{why}");
    assert!(Notice::BadModel(why)
        .text(Lang::En)
        .starts_with("The model file could not be used:"));
    assert_eq!(lab.trainer(), before.trainer());

    let three_inputs = Network::with_params(&[3, 2, 1], &[Activation::Tanh, Activation::Sigmoid], Vec::new()).unwrap();
    let text = Model::from_network(&three_inputs, Loss::CrossEntropy).to_json();
    lab.apply(Action::LoadModel(text.as_str().into()));
    assert_eq!(
        lab.message().cloned(),
        Some(Notice::BadModel(ModelError::FeaturesDoNotFit {
            inputs: 3,
            features: vec![Feature::X1, Feature::X2],
        }))
    );
    assert_eq!(lab.trainer(), before.trainer());
    assert_eq!(lab.record().history(), before.record().history());
}

/// A model file of a [2, 3, 1] ReLU network trained with these run settings.
fn model_file(settings: RunSettings) -> String {
    let acts = [Activation::Relu, Activation::Sigmoid];
    let network = Network::new(&[2, 3, 1], &acts, Init::Xavier, &mut Rng::new(7)).unwrap();
    Model::from_network(&network, Loss::CrossEntropy)
        .with_settings(settings)
        .unwrap()
        .to_json()
}

#[test]
fn after_open_model_every_menu_shows_what_trains() {
    let file = model_file(RunSettings {
        learning_rate: Some(0.05),
        optimizer: Some(OptimizerKind::Adam),
        regularization: Some(Regularization::L2),
        regularization_rate: Some(0.7),
        seed: None,
        batch_size: None,
    });
    let mut lab = Lab::default();
    lab.apply(Action::LoadModel(file.as_str().into()));
    assert_eq!(lab.message(), None);
    let s = lab.settings();
    assert_eq!(s.optimizer, OptimizerKind::Adam);
    assert_eq!(s.regularization, (Regularization::L2, 0.7));
    assert_eq!(
        (s.hidden.as_slice(), s.activations.as_slice()),
        (&[3][..], &[Activation::Relu][..])
    );
    assert_eq!((s.learning_rate, s.loss_in_use()), (0.05, Loss::CrossEntropy));
    // What trains is what the menus read.
    let t = lab.trainer();
    assert_eq!(t.optimizer().kind(), OptimizerKind::Adam);
    assert_eq!(t.regularization(), (Regularization::L2, 0.7));
    assert_eq!(t.network().activations(), [Activation::Relu, Activation::Sigmoid]);
    assert_eq!(t.learning_rate(), 0.05);
    // λ = 0.7 is on no menu: it is added, so that the menu shows it rather than "0".
    let menu = regularization_rate_menu(s.regularization.1);
    let shown: Vec<&str> = menu
        .iter()
        .filter(|(r, _)| *r == 0.7)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(shown, ["0.700"]);
    assert_eq!(menu.len(), REGULARIZATION_RATES.len() + 1);
}

#[test]
fn a_model_file_with_a_rate_out_of_its_limits_changes_nothing_and_names_it() {
    let cases: [(RunSettings, Limits); 2] = [
        (
            RunSettings {
                learning_rate: Some(1e-320),
                ..RunSettings::default()
            },
            LEARNING_RATE,
        ),
        (
            RunSettings {
                regularization: Some(Regularization::L2),
                regularization_rate: Some(1e300),
                ..RunSettings::default()
            },
            REGULARIZATION_RATE,
        ),
    ];
    for (run, limits) in cases {
        let mut lab = Lab::default();
        lab.apply(Action::Step);
        let before = lab.clone();
        lab.apply(Action::LoadModel(model_file(run).as_str().into()));
        assert_eq!(lab.message(), Some(&Notice::Refused(Refusal::OutOfLimits(limits))));
        lab.apply(Action::DismissMessage);
        assert_eq!(lab, before, "{:?}: nothing else changed", limits.name);
    }
}
