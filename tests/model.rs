//! The model file and the trace command.

mod common;

use backprop_lab::core::model::{decode, trace, DataRecord, Model, RunSettings};
use backprop_lab::core::{
    Activation, Dataset, DatasetKind, Feature, Init, Loss, Network, OptimizerKind, Regularization, Rng,
};
use serde_json::{json, Value};

/// A random [2, 4, 2, 1] network (tanh, tanh, sigmoid) with distinct nonzero biases.
fn skeleton(seed: u64) -> Network {
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    let mut net = Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(seed)).unwrap();
    for (k, b) in net.biases_mut().iter_mut().enumerate() {
        *b = 0.1 * k as f64 - 0.2;
    }
    net
}

/// The smallest valid file: [1, 1, 1], tanh then sigmoid, cross-entropy.
const TINY: &str = r#"{"format":"backprop-lab/model","version":1,"layers":[1,1,1],"activations":["tanh","sigmoid"],
    "loss":"bce","weights":[[[0.5]],[[-1.0]]],"biases":[[0.1],[0.2]]}"#;

/// [`TINY`] with one field set to `value` (JSON text), as one line.
fn with(field: &str, value: &str) -> String {
    let mut v: Value = serde_json::from_str(TINY).unwrap();
    v[field] = serde_json::from_str(value).unwrap();
    v.to_string()
}

/// [`TINY`] without `field`.
fn without(field: &str) -> String {
    let mut v: Value = serde_json::from_str(TINY).unwrap();
    v.as_object_mut().unwrap().remove(field);
    v.to_string()
}

fn refused(text: &str) -> String {
    Model::from_json(text).unwrap_err().to_string()
}

#[test]
fn every_number_is_read_back_bit_for_bit() {
    let mut net = skeleton(0);
    let awkward = [
        0.1 + 0.2,
        -0.0,
        5e-324,
        2.225_073_858_507_201e-308,
        1000.0,
        -f64::MIN_POSITIVE,
        -999.999_999_999_999_9,
        1.0 / 3.0,
    ];
    let mut rng = Rng::new(7);
    for round in 0..200 {
        for (k, p) in net.params_mut().iter_mut().enumerate() {
            // Random mantissas over a wide range of exponents, with the awkward values mixed in.
            // Every one within the file's ±1000.
            *p = match (round + k) % 10 {
                k if k < awkward.len() => awkward[k],
                _ => (rng.normal() * 10f64.powi((rng.uniform(-30.0, 3.0)) as i32)).clamp(-1000.0, 1000.0),
            };
        }
        let back = Model::from_json(&Model::from_network(&net, Loss::CrossEntropy).to_json())
            .unwrap()
            .network()
            .unwrap();
        for (k, (a, b)) in net.params().iter().zip(back.params()).enumerate() {
            assert_eq!(
                a.to_bits(),
                b.to_bits(),
                "round {round}, parameter {k}: {a:e} read back as {b:e}"
            );
        }
    }
}

#[test]
fn a_network_survives_the_round_trip_exactly() {
    let net = skeleton(3);
    let settings = RunSettings {
        learning_rate: Some(0.03),
        optimizer: Some(OptimizerKind::Adam),
        regularization: Some(Regularization::L2),
        regularization_rate: Some(1e-3),
        seed: Some(u64::MAX),
        batch_size: Some(7),
    };
    let features = [Feature::X2, Feature::SinX1];
    let data = DataRecord {
        kind: DatasetKind::Spiral,
        noise: 0.35,
        points: 730,
        train_share: 0.65,
    };
    let model = Model::from_network(&net, Loss::CrossEntropy)
        .with_settings(settings)
        .unwrap()
        .with_data(&features, Some(data))
        .unwrap();
    let back = Model::from_json(&model.to_json()).unwrap();
    assert_eq!(back, model);
    assert_eq!(back.loss(), Loss::CrossEntropy);
    assert_eq!(back.settings(), settings);
    assert_eq!(back.features(), Some(&features[..]));
    assert_eq!(back.data(), Some(data));
    let rebuilt = back.network().unwrap();
    // Every f64 is written with enough digits to read back bit for bit.
    assert_eq!(rebuilt.params(), net.params());
    assert_eq!(rebuilt, net);
    let (mut t1, mut t2) = (net.new_trace(), rebuilt.new_trace());
    for x in [[0.3, -0.7], [-2.0, 1e-9], [5.0, 5.0]] {
        net.forward(&x, &mut t1);
        rebuilt.forward(&x, &mut t2);
        assert_eq!(net.output(&t1), rebuilt.output(&t2));
    }
}

#[test]
fn the_file_indexes_weights_from_i_to_j() {
    let net = skeleton(4);
    // Read the text as plain JSON, not through Model, so the layout is checked independently.
    let json: Value = serde_json::from_str(&Model::from_network(&net, Loss::SquaredError).to_json()).unwrap();
    assert_eq!(json["format"], "backprop-lab/model");
    assert_eq!(json["version"], 1);
    assert_eq!(json["layers"], json!([2, 4, 2, 1]));
    assert_eq!(json["activations"], json!(["tanh", "tanh", "sigmoid"]));
    assert_eq!(json["loss"], "mse");
    assert!(json.get("seed").is_none(), "settings not known are not written");
    assert_eq!(json["weights"].as_array().unwrap().len(), 3);
    for (l, (n_in, n_out)) in [(2, 4), (4, 2), (2, 1)].into_iter().enumerate() {
        assert_eq!(json["weights"][l].as_array().unwrap().len(), n_out);
        assert_eq!(json["biases"][l].as_array().unwrap().len(), n_out);
        for j in 0..n_out {
            assert_eq!(json["weights"][l][j].as_array().unwrap().len(), n_in);
            for i in 0..n_in {
                assert_eq!(json["weights"][l][j][i].as_f64().unwrap(), net.weight(l, j, i));
            }
            assert_eq!(json["biases"][l][j].as_f64().unwrap(), net.bias(l, j));
        }
    }
}

#[test]
fn settings_are_optional_and_read_by_name() {
    assert_eq!(Model::from_json(TINY).unwrap().settings(), RunSettings::default());
    let mut v: Value = serde_json::from_str(TINY).unwrap();
    v["learning_rate"] = json!(0.1);
    v["optimizer"] = json!("rmsprop");
    v["regularization"] = json!("l1");
    v["regularization_rate"] = json!(0);
    v["seed"] = json!(42);
    v["comment"] = json!("fields the reader does not know are ignored");
    let s = Model::from_json(&v.to_string()).unwrap().settings();
    assert_eq!(s.learning_rate, Some(0.1));
    assert_eq!(s.optimizer, Some(OptimizerKind::RmsProp));
    assert_eq!(s.regularization, Some(Regularization::L1));
    assert_eq!(s.regularization_rate, Some(0.0));
    assert_eq!(s.seed, Some(42));
    let bad_rate = RunSettings {
        learning_rate: Some(f64::NAN),
        ..RunSettings::default()
    };
    let model = Model::from_json(TINY).unwrap();
    assert!(model
        .with_settings(bad_rate)
        .unwrap_err()
        .to_string()
        .contains("positive, finite"));
}

#[test]
fn every_bad_file_is_refused_with_a_clear_reason() {
    // Not JSON, or not the right JSON: the line and column are named.
    let broken = refused("{\n  \"format\": \"backprop-lab/model\",\n  \"version\": 1,\n  oops\n}");
    assert!(broken.starts_with("the model file is not valid JSON"), "{broken}");
    assert!(broken.contains("(line 4, column 3)"), "{broken}");
    assert!(refused("").starts_with("the model file is not valid JSON"));
    assert!(refused("[1, 2]").contains("one JSON object"));
    let missing = refused(r#"{"format":"backprop-lab/model","version":1}"#);
    assert!(
        missing.contains("missing field `layers`") && missing.contains("line 1"),
        "{missing}"
    );
    let mistyped = refused(&with("layers", "[1,-1,1]"));
    assert!(
        mistyped.contains("expected fields") && mistyped.contains("column"),
        "{mistyped}"
    );
    // Non-finite numbers: JSON has no NaN or infinity; too large a number, or the null a
    // serialiser writes for NaN, is refused where it stands.
    let infinite = refused(&TINY.replace("0.5", "1e999"));
    assert!(
        infinite.contains("too large") && infinite.contains("line 2"),
        "{infinite}"
    );
    let null = refused(&with("weights", "[[[null]],[[-1.0]]]"));
    assert!(
        null.contains("null where a number belongs") && null.contains("finite"),
        "{null}"
    );
    assert!(refused(&TINY.replace("0.5", "NaN")).starts_with("the model file is not valid JSON"));

    let cases = [
        (
            without("format"),
            r#"the model file has no "format"; a model file says "backprop-lab/model""#,
        ),
        (
            with("format", r#""other""#),
            r#""format" is "other"; a model file says "backprop-lab/model""#,
        ),
        (
            without("version"),
            r#"the model file has no "version"; this lab reads version 1"#,
        ),
        (
            with("version", "2"),
            "version 2 is not supported; this lab reads version 1",
        ),
        (
            with("version", r#""1""#),
            r#"version "1" is not supported; this lab reads version 1"#,
        ),
        (
            with("layers", "[8,1,1]"),
            "the input layer has 8 neurons; it may have 1 to 7",
        ),
        (
            with("layers", "[0,1,1]"),
            "the input layer has 0 neurons; it may have 1 to 7",
        ),
        (
            with("layers", "[1,17,1]"),
            "hidden layer 1 has 17 neurons; it may have 1 to 16",
        ),
        (
            with("layers", "[1,4,0,1]"),
            "hidden layer 2 has 0 neurons; it may have 1 to 16",
        ),
        (
            with("layers", "[1,1,1,1,1,1,1,1,1,1,1]"),
            "9 hidden layers; at most 8 are allowed",
        ),
        (
            with("layers", "[1,1,5]"),
            "the output layer has 5 neurons; it may have 1 to 4",
        ),
        (
            with("layers", "[1]"),
            r#""layers" needs at least an input and an output layer"#,
        ),
        (
            with("activations", r#"["tanh"]"#),
            r#""activations" has 1 names; 2 are needed, one per layer after the input"#,
        ),
        (
            with("activations", r#"["swish","sigmoid"]"#),
            r#"activations[0] "swish" is unknown; use one of "sigmoid", "tanh", "relu", "leaky_relu", "linear""#,
        ),
        (
            with("loss", r#""hinge""#),
            r#"loss "hinge" is unknown; use one of "mse", "bce", "softmax_ce""#,
        ),
        (
            with("weights", "[[[0.5]]]"),
            r#""weights" has 1 layers; 2 are needed, one per layer after the input"#,
        ),
        (
            with("biases", "[[0.1],[0.2],[0.3]]"),
            r#""biases" has 3 layers; 2 are needed, one per layer after the input"#,
        ),
        (
            with("weights", "[[[0.5],[0.5]],[[-1.0]]]"),
            "weights[0] has 2 rows; layer 1 has 1 neurons",
        ),
        (
            with("weights", "[[[0.5]],[]]"),
            "weights[1] has 0 rows; layer 2 has 1 neurons",
        ),
        (
            with("weights", "[[[0.5, 1]],[[-1.0]]]"),
            "weights[0][0] has 2 numbers; layer 0 has 1 neurons",
        ),
        (
            with("biases", "[[0.1],[0.2, 0.3]]"),
            "biases[1] has 2 numbers; layer 2 has 1 neurons",
        ),
        (
            with("optimizer", r#""lbfgs""#),
            r#"optimizer "lbfgs" is unknown; use one of "sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam""#,
        ),
        (
            with("regularization", r#""l3""#),
            r#"regularization "l3" is unknown; use one of "none", "l1", "l2""#,
        ),
        (
            with("learning_rate", "0"),
            r#""learning_rate" is 0; it must be a positive, finite number"#,
        ),
        (
            with("regularization_rate", "-0.5"),
            r#""regularization_rate" is -0.5; it must be zero or a positive, finite number"#,
        ),
    ];
    for (text, message) in cases {
        assert_eq!(refused(&text), message, "{text}");
    }
    // A loss that does not fit the output layer.
    let tanh_out = refused(&with("activations", r#"["tanh","tanh"]"#));
    assert!(tanh_out.starts_with(r#"loss "bce" does not fit an output layer of 1 "tanh" neurons"#));
    let one_class = refused(&with("activations", r#"["tanh","linear"]"#).replace("\"bce\"", "\"softmax_ce\""));
    assert!(one_class.starts_with(r#"loss "softmax_ce" does not fit an output layer of 1 "linear""#));
}

#[test]
fn a_message_quotes_at_most_80_characters_of_the_file() {
    // Z appears in no fixed word of a message, so every Z in one is from the file.
    let ten_mb = format!("\"{}\"", "Z".repeat(10_000_000));
    let long_name = format!("\"{}\"", "Z".repeat(1_000_000));
    let cases = [
        // (the file, words the message must still have)
        (with("format", &ten_mb), r#""format" is "ZZZ"#),
        (with("version", &long_name), r#"version "ZZZ"#),
        (with("loss", &long_name), r#"use one of "mse", "bce", "softmax_ce""#),
        (with("optimizer", &long_name), "optimizer \"ZZZ"),
        (
            with("activations", &format!("[{long_name}, \"sigmoid\"]")),
            "activations[0] \"ZZZ",
        ),
        // The JSON reader's own reason quotes the string: cut, with what was expected kept.
        (with("layers", &long_name), "expected a sequence (line 1"),
        (with("seed", &long_name), "expected u64 (line 1"),
        // Multi-byte characters are cut whole.
        (
            with("format", &format!("\"{}\"", "學".repeat(1_000_000))),
            r#""format" is "學學"#,
        ),
        // A value that is not a string: an array of a million numbers.
        (
            with("format", &format!("[{}1]", "1,".repeat(1_000_000))),
            r#""format" is [1,1,"#,
        ),
    ];
    for (text, words) in cases {
        let message = refused(&text);
        let shown: String = message.chars().take(200).collect();
        assert!(
            message.chars().count() <= 80 + 120,
            "{} characters: {shown}",
            message.chars().count()
        );
        assert!(message.contains(words), "{shown}");
        assert!(message.contains('…'), "the cut is shown: {message}");
        let quoted = message.chars().filter(|&c| c == 'Z' || c == '學').count();
        assert!(quoted <= 80, "{quoted} characters of the file: {message}");
    }
    // A short value is quoted whole, with no ellipsis.
    assert_eq!(
        refused(&with("format", r#""backprop-lab/modle""#)),
        r#""format" is "backprop-lab/modle"; a model file says "backprop-lab/model""#
    );
    // A huge or tiny rate is written short, not as 309 digits.
    assert_eq!(
        refused(&with("learning_rate", "-1e308")),
        r#""learning_rate" is -1e308; it must be a positive, finite number"#
    );
    assert_eq!(
        refused(&with("regularization_rate", "-1e-300")),
        r#""regularization_rate" is -1e-300; it must be zero or a positive, finite number"#
    );
}

#[test]
fn no_file_makes_the_reader_panic() {
    // Every prefix of a valid file, and every field set to values of every wrong kind: each is
    // read or refused, never a panic (a panic would fail this test).
    let good = Model::from_network(&skeleton(5), Loss::CrossEntropy).to_json();
    for end in (0..good.len()).filter(|&k| good.is_char_boundary(k)) {
        assert!(Model::from_json(&good[..end]).is_err(), "prefix of {end} bytes");
    }
    let odd = [
        "null",
        "true",
        "-1",
        "0",
        "1.5",
        "1e308",
        "18446744073709551616",
        r#""""#,
        "[]",
        "[[]]",
        "[[[]]]",
        "{}",
        "[1e308]",
        "[-0.0]",
        "[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18]",
    ];
    let fields = [
        "format",
        "version",
        "layers",
        "activations",
        "loss",
        "weights",
        "biases",
        "learning_rate",
        "optimizer",
        "regularization",
        "regularization_rate",
        "seed",
    ];
    for field in fields {
        for value in odd {
            let _ = Model::from_json(&with(field, value));
        }
    }
    let deep = "[".repeat(100_000);
    assert!(Model::from_json(&deep).is_err());
}

#[test]
fn the_trace_of_a_tiny_network_matches_the_numbers_worked_by_hand() {
    // x = 2, w₁ = 0.5, b₁ = 0.1, tanh; w₂ = −1, b₂ = 0.2, sigmoid; cross-entropy, y = 1.
    // Forward:  z₁ = 0.5·2 + 0.1 = 1.1,  a₁ = tanh 1.1 = 0.80049902176063;
    //           z₂ = −1·a₁ + 0.2 = −0.60049902176063,  a₂ = σ(z₂) = 1/(1 + e^0.6005) = 0.35422953375989;
    // Loss:     L = −ln a₂ = 1.03781017551744.
    // Backward: δ₂ = a₂ − y = −0.64577046624011,  ∂L/∂w₂ = δ₂·a₁ = −0.51693862650711,  ∂L/∂b₂ = δ₂;
    //           δ₁ = w₂·δ₂·(1 − a₁²) = 0.64577046624011·0.35920131… = 0.23196160141088,
    //           ∂L/∂w₁ = δ₁·x = 0.46392320282176,  ∂L/∂b₁ = δ₁.
    let model = Model::from_json(TINY).unwrap();
    let t = trace(&model, &[2.0], &[1.0]).unwrap();
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-13, "{a} vs {b}");
    assert_eq!((t.forward.len(), t.backward.len()), (2, 2));
    close(t.forward[0].z[0], 1.1);
    close(t.forward[0].a[0], 0.800_499_021_760_63);
    close(t.forward[1].z[0], -0.600_499_021_760_63);
    close(t.forward[1].a[0], 0.354_229_533_759_89);
    close(t.loss, 1.037_810_175_517_44);
    close(t.backward[1].delta[0], -0.645_770_466_240_11);
    close(t.backward[1].dw[0][0], -0.516_938_626_507_11);
    close(t.backward[1].db[0], -0.645_770_466_240_11);
    close(t.backward[0].delta[0], 0.231_961_601_410_88);
    close(t.backward[0].dw[0][0], 0.463_923_202_821_76);
    close(t.backward[0].db[0], 0.231_961_601_410_88);
}

/// Checks every traced ∂L/∂w and ∂L/∂b of `model` at (x, y) against central differences.
fn check_against_finite_differences(model: &Model, x: &[f64], y: &[f64], target: &[f64]) {
    let net = model.network().unwrap();
    let t = trace(model, x, y).unwrap();
    let mut one = Dataset::new(x.len(), target.len());
    one.push(x, target);
    assert_eq!(t.loss, common::cost(&net, &one, model.loss()));
    let numeric = common::numeric_gradient(&net, &one, model.loss(), &|_| 0.0);
    // The file's order, dw[l][j][i] then db[l][j], is the parameters' order.
    let traced: Vec<f64> = t
        .backward
        .iter()
        .flat_map(|layer| layer.dw.iter().flatten())
        .chain(t.backward.iter().flat_map(|layer| &layer.db))
        .copied()
        .collect();
    common::assert_close(&traced, &numeric, 1e-5, "trace vs central differences");
    for (l, layer) in t.backward.iter().enumerate() {
        for (j, row) in layer.dw.iter().enumerate() {
            for (i, &dw) in row.iter().enumerate() {
                // ∂L/∂w_ji = δ_j · a_i, with a_i the input (l = 0) or the previous layer's output.
                let a_i = if l == 0 { x[i] } else { t.forward[l - 1].a[i] };
                assert!((dw - layer.delta[j] * a_i).abs() <= 1e-15 * dw.abs().max(1.0));
            }
        }
        assert_eq!(layer.db, layer.delta);
    }
}

#[test]
fn the_traced_gradients_equal_finite_differences() {
    for seed in 0..5 {
        let model = Model::from_network(&skeleton(seed), Loss::CrossEntropy);
        check_against_finite_differences(&model, &[0.4, -1.1], &[1.0], &[1.0]);
        check_against_finite_differences(&model, &[-0.9, 0.3], &[0.0], &[0.0]);
    }
    let acts = [Activation::LeakyRelu, Activation::Sigmoid, Activation::Linear];
    let net = Network::new(&[2, 4, 2, 2], &acts, Init::He, &mut Rng::new(11)).unwrap();
    let mse = Model::from_network(&net, Loss::SquaredError);
    check_against_finite_differences(&mse, &[0.7, -0.2], &[0.5, -1.5], &[0.5, -1.5]);
    let softmax = Model::from_network(&net, Loss::SoftmaxCrossEntropy);
    check_against_finite_differences(&softmax, &[0.7, -0.2], &[1.0], &[0.0, 1.0]);
}

#[test]
fn softmax_targets_are_class_indices() {
    let acts = [Activation::Tanh, Activation::Linear];
    let net = Network::new(&[2, 3, 3], &acts, Init::Xavier, &mut Rng::new(2)).unwrap();
    let model = Model::from_network(&net, Loss::SoftmaxCrossEntropy);
    let t = trace(&model, &[0.1, 0.2], &[2.0]).unwrap();
    // L = −ln p₂ = ln Σ e^z − z₂, and δ = p − onehot(2).
    let z = &t.forward[1].z;
    let sum: f64 = z.iter().map(|z| z.exp()).sum();
    assert!((t.loss - (sum.ln() - z[2])).abs() < 1e-12);
    for (k, &d) in t.backward[1].delta.iter().enumerate() {
        let onehot = if k == 2 { 1.0 } else { 0.0 };
        assert!((d - (z[k].exp() / sum - onehot)).abs() < 1e-12);
    }
    for y in [3.0, -1.0, 0.5] {
        assert_eq!(
            trace(&model, &[0.1, 0.2], &[y]).unwrap_err().to_string(),
            "y must be one class index from 0 to 2 for softmax_ce"
        );
    }
}

#[test]
fn a_bad_sample_is_refused_with_a_clear_reason() {
    let bce = Model::from_json(TINY).unwrap();
    let message = |m: &Model, x: &[f64], y: &[f64]| trace(m, x, y).unwrap_err().to_string();
    assert_eq!(
        message(&bce, &[1.0, 2.0], &[1.0]),
        "x has 2 value(s); this network has 1 input(s)"
    );
    assert_eq!(message(&bce, &[f64::NAN], &[1.0]), "x and y must be finite numbers");
    assert_eq!(
        message(&bce, &[1.0], &[f64::INFINITY]),
        "x and y must be finite numbers"
    );
    assert_eq!(message(&bce, &[1.0], &[2.0]), "y must be between 0 and 1 for bce");
    assert_eq!(
        message(&bce, &[1.0], &[]),
        "y has 0 value(s); this network has 1 output(s)"
    );
    let acts = [Activation::Tanh, Activation::Linear];
    let mse = Model::from_network(
        &Network::with_params(&[1, 2, 2], &acts, Vec::new()).unwrap(),
        Loss::SquaredError,
    );
    assert_eq!(
        message(&mse, &[1.0], &[3.0]),
        "y has 1 value(s); this network has 2 output(s)"
    );
    assert!(
        trace(&mse, &[1.0], &[3.0, -4.0]).is_ok(),
        "regression targets are any numbers"
    );
}

#[test]
fn a_trace_that_overflows_is_refused_naming_the_place() {
    // z = 1000 · 1e306 + 0.1 overflows to infinity.
    let model = Model::from_json(&with("weights", "[[[1000]],[[-1.0]]]")).unwrap();
    let message = trace(&model, &[1e306], &[1.0]).unwrap_err().to_string();
    assert!(message.starts_with("forward[0].z[0] is infinite:"), "{message}");
    assert!(message.contains("too large"), "{message}");
    // 1000·1e306 + (−1000)·1e306 is ∞ − ∞: not a number.
    let two = r#"{"format":"backprop-lab/model","version":1,"layers":[2,1,1],"activations":["tanh","sigmoid"],
        "loss":"bce","weights":[[[1000,-1000]],[[1.0]]],"biases":[[0.0],[0.0]]}"#;
    let model = Model::from_json(two).unwrap();
    let message = trace(&model, &[1e306, 1e306], &[1.0]).unwrap_err().to_string();
    assert!(message.starts_with("forward[0].z[0] is not a number:"), "{message}");
    // The same networks with ordinary inputs trace as before.
    assert!(trace(&model, &[1.0, 1.0], &[1.0]).is_ok());
}

#[test]
fn a_byte_order_mark_or_utf_16_gives_the_same_model() {
    // An ignored field with text beyond ASCII, and beyond the 16-bit plane (a surrogate pair).
    let text = TINY.replace("\"loss\"", "\"note\":\"η 學習率 🧠\",\"loss\"");
    let model = Model::from_json(&text).unwrap();
    let le = |t: &str| -> Vec<u8> { t.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let be = |t: &str| -> Vec<u8> { t.encode_utf16().flat_map(u16::to_be_bytes).collect() };
    let encodings: [(&str, Vec<u8>); 6] = [
        ("UTF-8", text.as_bytes().to_vec()),
        ("UTF-8 with a BOM", [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat()),
        ("UTF-16 LE with a BOM", [vec![0xFF, 0xFE], le(&text)].concat()),
        ("UTF-16 BE with a BOM", [vec![0xFE, 0xFF], be(&text)].concat()),
        ("UTF-16 LE", le(&text)),
        ("UTF-16 BE", be(&text)),
    ];
    for (name, bytes) in encodings {
        assert_eq!(decode(&bytes), text, "{name}");
        assert_eq!(Model::from_json(&decode(&bytes)).unwrap(), model, "{name}");
    }
    // Bytes that are no text are replaced, and the JSON check says where.
    assert_eq!(decode(b"{\xFF}"), "{\u{FFFD}}");
    assert!(refused(&decode(b"{\xFF}")).contains("line 1, column 2"));
    assert_eq!(decode(&[0xFF, 0xFE, b'{', 0, b'x']), "{\u{FFFD}", "an odd last byte");
    assert_eq!(decode(&[0xFF, 0xFE, 0x00, 0xD8]), "\u{FFFD}", "an unpaired surrogate");
    assert_eq!(decode(b""), "");
}

#[test]
fn the_trace_command_prints_json_and_fails_cleanly() {
    let dir = std::env::temp_dir().join(format!("backprop-lab-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("model.json");
    let model = Model::from_network(&skeleton(1), Loss::CrossEntropy);
    std::fs::write(&good, model.to_json()).unwrap();
    let good = good.to_str().unwrap();
    let bin = env!("CARGO_BIN_EXE_trace");
    let run = |args: &[&str]| std::process::Command::new(bin).args(args).output().unwrap();

    let out = run(&[good, "--x", "0.5,-1.2", "--y", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The printed numbers are the library's trace, read back exactly.
    let t = trace(&model, &[0.5, -1.2], &[1.0]).unwrap();
    assert_eq!(json["loss"].as_f64().unwrap(), t.loss);
    assert_eq!(json["forward"].as_array().unwrap().len(), 3);
    assert_eq!(json["backward"].as_array().unwrap().len(), 3);
    for (l, layer) in t.backward.iter().enumerate() {
        assert_eq!(json["forward"][l]["z"], json!(t.forward[l].z));
        assert_eq!(json["forward"][l]["a"], json!(t.forward[l].a));
        assert_eq!(json["backward"][l]["delta"], json!(layer.delta));
        assert_eq!(json["backward"][l]["dw"], json!(layer.dw));
        assert_eq!(json["backward"][l]["db"], json!(layer.db));
    }
    assert_eq!(json["backward"][0]["dw"].as_array().unwrap().len(), 4);
    assert_eq!(json["backward"][0]["dw"][0].as_array().unwrap().len(), 2);
    let flags_after = run(&["--y=1", "--x=0.5,-1.2", good]);
    assert_eq!(flags_after.stdout, out.stdout, "flags in any order, with = or a space");

    // What the page opens, trace reads: a byte-order mark, UTF-16 either way round.
    let text = model.to_json();
    let utf16_le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16_be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
    for (name, bytes) in [("bom.json", with_bom), ("le.json", utf16_le), ("be.json", utf16_be)] {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let same = run(&[path.to_str().unwrap(), "--x", "0.5,-1.2", "--y", "1"]);
        assert!(
            same.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&same.stderr)
        );
        assert_eq!(same.stdout, out.stdout, "{name}");
    }
    // Weights so large that z overflows: no `null` printed, an error.
    let mut huge: Value = serde_json::from_str(&text).unwrap();
    huge["weights"][0][0] = json!([1000, 1000]);
    let overflow = dir.join("overflow.json");
    std::fs::write(&overflow, huge.to_string()).unwrap();
    let overflow = overflow.to_str().unwrap();
    // Files the page refuses, refused for the same causes: a weight beyond ±1000, features
    // that are not one per input, a dataset of another task.
    let refused_file = |name: &str, field: &str, value: Value| {
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v[field] = value;
        let path = dir.join(name);
        std::fs::write(&path, v.to_string()).unwrap();
        path.to_str().unwrap().to_string()
    };
    let mut big = serde_json::from_str::<Value>(&text).unwrap()["weights"].clone();
    big[1][0][1] = json!(5000);
    let big = refused_file("big.json", "weights", big);
    let three = refused_file("three.json", "features", json!(["x1", "x2", "sin_x1"]));
    let plane = json!({"name": "plane", "noise": 0.1, "points": 250, "train_share": 0.8});
    let plane = refused_file("plane.json", "dataset", plane);

    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    let bad = bad.to_str().unwrap();
    let missing = dir.join("missing.json");
    let missing = missing.to_str().unwrap();
    let failures: [(&[&str], &str); 13] = [
        (
            &[overflow, "--x", "1e306,1e306", "--y", "1"],
            "forward[0].z[0] is infinite",
        ),
        (
            &[&big, "--x", "1,2", "--y", "1"],
            "weights[1][0][1] is 5000; every weight and bias must be between -1000 and 1000",
        ),
        (
            &[&three, "--x", "1,2", "--y", "1"],
            "\"features\" names 3 feature(s), but the input layer has 2 neuron(s)",
        ),
        (
            &[&plane, "--x", "1,2", "--y", "1"],
            "the task does not fit: the network's output answers two classes, but its dataset \"plane\" is regression",
        ),
        (&[bad, "--x", "1,2", "--y", "1"], "not valid JSON"),
        (&[missing, "--x", "1,2", "--y", "1"], "missing.json"),
        (&[good, "--x", "abc", "--y", "1"], "\"abc\" is not a number"),
        (
            &[good, "--x", "1", "--y", "1"],
            "x has 1 value(s); this network has 2 input(s)",
        ),
        (&[good, "--x", "1,2", "--y", "nan"], "finite"),
        (&[good, "--x", "1,2"], "--y is missing"),
        (&[good, "--x", "1,2", "--y", "1", "--z", "3"], "unknown option --z"),
        (&[good, good, "--x", "1,2", "--y", "1"], "one model file"),
        (&[], "no model file"),
    ];
    for (args, words) in failures {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("trace: ") && err.contains(words), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let help = run(&["--help"]);
    assert!(help.status.success() && String::from_utf8_lossy(&help.stdout).starts_with("usage: trace"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_documented_example_reads_and_traces_as_documented() {
    let doc = include_str!("../docs/model-format.md");
    let blocks: Vec<&str> = doc
        .split("```json")
        .skip(1)
        .map(|b| b.split("```").next().unwrap())
        .collect();
    let model = Model::from_json(blocks[0]).unwrap();
    assert_eq!(model.settings().seed, Some(7));
    let printed: Value = serde_json::from_str(blocks[1]).unwrap();
    let traced = serde_json::to_value(trace(&model, &[2.0], &[1.0]).unwrap()).unwrap();
    assert_eq!(traced, printed);
}

/// [`TINY`] with what a file records beside the network: its feature and its dataset.
fn recorded() -> Value {
    let mut v: Value = serde_json::from_str(TINY).unwrap();
    v["features"] = json!(["sin_x2"]);
    v["dataset"] = json!({"name": "moons", "noise": 0.2, "points": 300, "train_share": 0.7});
    v["batch_size"] = json!(25);
    v
}

#[test]
fn what_a_file_records_beside_the_network_is_read_back() {
    let model = Model::from_json(&recorded().to_string()).unwrap();
    assert_eq!(model.features(), Some(&[Feature::SinX2][..]));
    let data = DataRecord {
        kind: DatasetKind::Moons,
        noise: 0.2,
        points: 300,
        train_share: 0.7,
    };
    assert_eq!(model.data(), Some(data));
    assert_eq!(model.settings().batch_size, Some(25));
    let again = Model::from_json(&model.to_json()).unwrap();
    assert_eq!(again, model, "written and read back, every recorded field");
}

#[test]
fn each_cause_a_recorded_field_does_not_fit_has_its_own_message() {
    let edited = |change: &dyn Fn(&mut Value)| {
        let mut v = recorded();
        change(&mut v);
        refused(&v.to_string())
    };
    let cases: [(String, &str); 10] = [
        (
            edited(&|v| v["features"] = json!(["x1", "x2"])),
            "\"features\" names 2 feature(s), but the input layer has 1 neuron(s); one feature per input",
        ),
        (
            edited(&|v| v["features"] = json!(["cos_x1"])),
            "features[0] \"cos_x1\" is unknown; use one of \"x1\", \"x2\"",
        ),
        (
            edited(&|v| {
                v["layers"] = json!([2, 1, 1]);
                v["weights"][0] = json!([[0.5, 0.5]]);
                v["features"] = json!(["x2", "x2"]);
            }),
            "\"features\" names \"x2\" twice",
        ),
        (
            edited(&|v| v["dataset"]["name"] = json!("iris")),
            "dataset.name \"iris\" is unknown; use one of \"cats_dogs\"",
        ),
        (
            edited(&|v| v["dataset"]["noise"] = json!(0.9)),
            "dataset.noise is 0.9; it must be between 0 and 0.5",
        ),
        (
            edited(&|v| v["dataset"]["points"] = json!(5)),
            "dataset.points is 5; it must be between 50 and 1000",
        ),
        (
            edited(&|v| v["batch_size"] = json!(0)),
            "\"batch_size\" is 0; it must be from 1 to 1000",
        ),
        (
            edited(&|v| v["dataset"]["name"] = json!("blobs")),
            "the task does not fit: the network's output answers two classes, but its dataset \"blobs\" is 3 classes",
        ),
        (
            edited(&|v| {
                v["activations"][1] = json!("relu");
                v["loss"] = json!("mse");
            }),
            "the output activation \"relu\" (1 neuron(s)) fits no task",
        ),
        (
            edited(&|v| v["biases"][1][0] = json!(-1e300)),
            "biases[1][0] is -1e300; every weight and bias must be between -1000 and 1000",
        ),
    ];
    for (message, expected) in &cases {
        assert!(
            message.starts_with(expected),
            "{message}\nshould start with\n{expected}"
        );
    }
    let distinct: std::collections::HashSet<&String> = cases.iter().map(|(m, _)| m).collect();
    assert_eq!(distinct.len(), cases.len());
    // The limits are inclusive: ±1000 itself is a weight.
    let mut v = recorded();
    v["weights"][0][0][0] = json!(-1000.0);
    v["biases"][0][0] = json!(1000);
    assert!(Model::from_json(&v.to_string()).is_ok());
}

#[test]
fn files_saved_before_features_and_data_were_recorded_still_open() {
    for text in [
        include_str!("fixtures/model-v1-cats-dogs.json"),
        include_str!("fixtures/model-v1-blobs.json"),
        include_str!("fixtures/model-v1-regression.json"),
    ] {
        let model = Model::from_json(text).unwrap();
        assert_eq!((model.features(), model.data()), (None, None));
        assert_eq!(model.settings().seed, Some(42));
        assert!(model.network().is_ok());
    }
    let blobs = Model::from_json(include_str!("fixtures/model-v1-blobs.json")).unwrap();
    assert_eq!(blobs.loss(), Loss::SoftmaxCrossEntropy);
    assert_eq!(blobs.layers().last(), Some(&3));
}
