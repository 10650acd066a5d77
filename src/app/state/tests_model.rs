//! Model files opened in the lab: shape, weights and run settings taken from the file, every
//! menu showing them, and files that do not fit or hold rates out of their limits refused.

use super::*;
use crate::app::i18n::Lang;
use crate::app::settings::{
    regularization_rate_menu, Limits, LEARNING_RATE, REGULARIZATION_RATE, REGULARIZATION_RATES,
};
use crate::app::state::Edit;
use crate::core::{
    Activation, DatasetKind, Feature, Init, Loss, Model, ModelError, Network, OptimizerKind, Regularization, Rng,
    RunSettings, Task,
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

/// A lab on non-default features and data, trained a few steps.
fn spiral_lab() -> Lab {
    let mut lab = Lab::default();
    lab.apply(Action::SetDataset(DatasetKind::Spiral));
    lab.apply(Action::ToggleFeature(Feature::SinX1));
    lab.apply(Action::ToggleFeature(Feature::X1X2));
    lab.apply(Action::SetNoise(0.3));
    lab.apply(Action::SetPoints(500));
    lab.apply(Action::SetTrainShare(0.6));
    lab.apply(Action::Regenerate);
    lab.apply(Action::SetBatchSize(7));
    for _ in 0..4 {
        lab.apply(Action::Step);
    }
    lab
}

#[test]
fn a_model_file_brings_its_features_dataset_batch_and_seed() {
    let lab = spiral_lab();
    let s = lab.settings().clone();
    assert_eq!(s.features, [Feature::X1, Feature::X2, Feature::X1X2, Feature::SinX1]);
    let saved = lab.model_json();
    let mut other = Lab::default();
    other.apply(Action::LoadModel(saved.as_str().into()));
    assert_eq!(other.message(), None);
    let o = other.settings();
    // The menus read these: the features' boxes, the dataset tiles, the noise, points, share
    // and batch controls.
    assert_eq!(o.features, [Feature::X1, Feature::X2, Feature::X1X2, Feature::SinX1]);
    assert_eq!(o.data.kind, DatasetKind::Spiral);
    assert_eq!((o.data.noise, o.data.points, o.data.train_fraction), (0.3, 500, 0.6));
    assert_eq!(
        o.data.seed, 43,
        "Regenerate moved the seed from 42 to 43, and the file brings it"
    );
    assert_eq!((o.batch_size, other.trainer().batch_size()), (7, 7));
    assert_eq!(
        batch_menu_values(o.batch_size),
        [1, 2, 5, 7, 10, 20, 50, 100, 1000],
        "7 is added so that the menu shows it"
    );
    assert_eq!(other.trainer().network(), lab.trainer().network(), "every weight");
    // The same data as the saved run, point for point, so its cost too.
    assert_eq!(other.run().train(), lab.run().train());
    assert_eq!(other.latest_cost().unwrap().train, lab.latest_cost().unwrap().train);
    let chosen = Settings {
        loss: Some(Loss::CrossEntropy),
        ..s
    };
    assert_eq!(
        o, &chosen,
        "every setting the file records (its loss as chosen), and the others stay"
    );
}

fn batch_menu_values(current: usize) -> Vec<usize> {
    crate::app::settings::menu_with(&crate::app::settings::BATCH_SIZES, current)
}

#[test]
fn each_cause_of_a_model_that_does_not_fit_is_named_and_changes_nothing() {
    let spiral = spiral_lab().model_json();
    let mut regression = Lab::default();
    regression.apply(Action::SetDataset(DatasetKind::Plane));
    // Older files: no features, no dataset.
    let old_two_classes = include_str!("../../../tests/fixtures/model-v1-cats-dogs.json");
    let old_regression = include_str!("../../../tests/fixtures/model-v1-regression.json");
    let edit = |text: &str, change: &dyn Fn(&mut serde_json::Value)| {
        let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
        change(&mut v);
        v.to_string()
    };
    let three_features = Settings {
        features: vec![Feature::X1, Feature::X2, Feature::SinX1],
        ..Settings::default()
    };
    let cases: Vec<(&str, Lab, String, ModelError)> = vec![
        (
            "an older file onto other features",
            Lab::new(three_features),
            old_two_classes.to_string(),
            ModelError::FeaturesDoNotFit {
                inputs: 2,
                features: vec![Feature::X1, Feature::X2, Feature::SinX1],
            },
        ),
        (
            "an older classifier onto regression data",
            regression.clone(),
            old_two_classes.to_string(),
            ModelError::TaskDoesNotFit {
                model: Task::Binary,
                dataset: DatasetKind::Plane,
                in_file: false,
            },
        ),
        (
            "an older regression file onto two classes",
            Lab::default(),
            old_regression.to_string(),
            ModelError::TaskDoesNotFit {
                model: Task::Regression,
                dataset: DatasetKind::CatsDogs,
                in_file: false,
            },
        ),
        (
            "a classifier whose file says regression data",
            Lab::default(),
            edit(&spiral, &|v| v["dataset"]["name"] = "bumps".into()),
            ModelError::TaskDoesNotFit {
                model: Task::Binary,
                dataset: DatasetKind::Bumps,
                in_file: true,
            },
        ),
        (
            "an output activation that fits no task",
            Lab::default(),
            edit(old_regression, &|v| v["activations"][2] = "tanh".into()),
            ModelError::OutputFitsNoTask {
                activation: Activation::Tanh,
                outputs: 1,
            },
        ),
        (
            "a weight beyond 1000",
            Lab::default(),
            edit(old_two_classes, &|v| v["weights"][0][3][1] = (-1000.5).into()),
            ModelError::ParamOutOfRange {
                place: "weights[0][3][1]".into(),
                value: -1000.5,
            },
        ),
        (
            "features that are not one per input",
            Lab::default(),
            edit(&spiral, &|v| v["features"] = serde_json::json!(["x1", "x2"])),
            ModelError::FeatureCount { features: 2, inputs: 4 },
        ),
    ];
    let mut texts = Vec::new();
    for (what, mut lab, file, cause) in cases {
        lab.apply(Action::Step);
        let before = lab.clone();
        lab.apply(Action::LoadModel(file.as_str().into()));
        assert_eq!(lab.message(), Some(&Notice::BadModel(cause)), "{what}");
        texts.push(lab.message().unwrap().text(Lang::En));
        lab.apply(Action::DismissMessage);
        assert_eq!(lab, before, "{what}: nothing changed");
    }
    // Each cause in its own words.
    for (text, word) in texts.iter().zip([
        "features do not fit",
        "task does not fit",
        "task does not fit",
        "task does not fit",
        "output activation \"tanh\"",
        "weights[0][3][1] is -1000.5",
        "\"features\" names 2",
    ]) {
        assert!(text.contains(word), "{text}");
    }
    let zh = Notice::BadModel(ModelError::FeaturesDoNotFit {
        inputs: 2,
        features: vec![Feature::X1],
    })
    .text(Lang::ZhTw);
    assert!(zh.contains("特徵不符") && zh.contains("2 個輸入"), "{zh}");
}

#[test]
fn older_files_still_open_with_their_weights_and_the_lab_keeps_its_data() {
    let fixtures = [
        (
            include_str!("../../../tests/fixtures/model-v1-cats-dogs.json"),
            DatasetKind::CatsDogs,
        ),
        (
            include_str!("../../../tests/fixtures/model-v1-blobs.json"),
            DatasetKind::Blobs,
        ),
        (
            include_str!("../../../tests/fixtures/model-v1-regression.json"),
            DatasetKind::Plane,
        ),
    ];
    for (text, kind) in fixtures {
        let mut lab = Lab::default();
        lab.apply(Action::SetDataset(kind));
        lab.apply(Action::SetPoints(100));
        lab.apply(Action::LoadModel(text.into()));
        assert_eq!(lab.message(), None, "{kind:?}");
        // The weights are the file's numbers, read here without the model reader.
        let file: serde_json::Value = serde_json::from_str(text).unwrap();
        let numbers = |field: &str| -> Vec<f64> {
            let mut out = Vec::new();
            fn walk(v: &serde_json::Value, out: &mut Vec<f64>) {
                match v {
                    serde_json::Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
                    other => out.push(other.as_f64().unwrap()),
                }
            }
            walk(&file[field], &mut out);
            out
        };
        let params = [numbers("weights"), numbers("biases")].concat();
        assert_eq!(lab.trainer().network().params(), params.as_slice(), "{kind:?}");
        assert_eq!(lab.settings().data.kind, kind);
        assert_eq!(
            lab.settings().data.points,
            100,
            "an older file has no data: the lab's stays"
        );
        assert_eq!(lab.settings().data.seed, 42, "its seed is the data's");
    }
    let cats = include_str!("../../../tests/fixtures/model-v1-cats-dogs.json");
    let mut lab = Lab::default();
    lab.apply(Action::LoadModel(cats.into()));
    let s = lab.settings();
    assert_eq!(
        (s.optimizer, s.regularization),
        (OptimizerKind::Adam, (Regularization::L2, 0.001))
    );
    assert_eq!((s.learning_rate, s.hidden.as_slice()), (0.03, &[5, 2][..]));
}

#[test]
fn features_listed_in_another_order_keep_each_weight_on_its_feature() {
    let lab = spiral_lab();
    let saved: serde_json::Value = serde_json::from_str(&lab.model_json()).unwrap();
    // The file lists the four features backwards, with the first layer's columns to match.
    let mut reversed = saved.clone();
    reversed["features"] = serde_json::json!(["sin_x1", "x1x2", "x2", "x1"]);
    for row in reversed["weights"][0].as_array_mut().unwrap() {
        row.as_array_mut().unwrap().reverse();
    }
    let mut other = Lab::default();
    other.apply(Action::LoadModel(reversed.to_string().as_str().into()));
    assert_eq!(other.message(), None);
    assert_eq!(
        other.settings().features,
        lab.settings().features,
        "in the menu's order"
    );
    assert_eq!(
        other.trainer().network(),
        lab.trainer().network(),
        "each weight from the input of its feature"
    );
}

#[test]
fn with_points_of_ones_own_a_file_records_no_dataset_and_one_that_does_brings_its_own() {
    let mut lab = Lab::default();
    let csv = "x1,x2,label\n0.5,0.5,1,train\n-0.5,-0.5,0,train\n0.2,-0.4,1,test\n";
    lab.apply(Action::Edit(Edit::Import(csv.into())));
    assert_eq!(lab.run().train().len(), 2);
    let own: serde_json::Value = serde_json::from_str(&lab.model_json()).unwrap();
    assert!(
        own.get("dataset").is_none(),
        "a file does not hold the learner's points"
    );
    assert_eq!(own["features"], serde_json::json!(["x1", "x2"]));
    // Opened again, it keeps those points and takes the weights.
    lab.apply(Action::LoadModel(own.to_string().as_str().into()));
    assert_eq!(lab.message(), None);
    assert_eq!(lab.run().train().len(), 2);
    // A file that records its dataset gives the run that was saved, generated points and all.
    let spiral = spiral_lab();
    lab.apply(Action::LoadModel(spiral.model_json().as_str().into()));
    assert_eq!(lab.message(), None);
    assert_eq!(lab.run().train(), spiral.run().train());
}
