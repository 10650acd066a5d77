//! The model file and the trace command.

use backprop_lab::core::model::{trace, Model};
use backprop_lab::core::{Activation, Init, Loss, Network, Rng};
use serde_json::Value;

fn skeleton(seed: u64) -> Network {
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    let mut net = Network::new(&[2, 4, 2, 1], &acts, Init::Xavier, &mut Rng::new(seed)).unwrap();
    for (k, b) in net.biases_mut().iter_mut().enumerate() {
        *b = 0.1 * k as f64 - 0.2;
    }
    net
}

#[test]
fn a_network_survives_the_round_trip_exactly() {
    let net = skeleton(3);
    let json = Model::from_network(&net, Loss::CrossEntropy).to_json();
    let model = Model::from_json(&json).unwrap();
    assert_eq!(model.loss(), Loss::CrossEntropy);
    let back = model.network().unwrap();
    assert_eq!(back, net);
    let (mut t1, mut t2) = (net.new_trace(), back.new_trace());
    net.forward(&[0.3, -0.7], &mut t1);
    back.forward(&[0.3, -0.7], &mut t2);
    assert_eq!(t1, t2);
}

#[test]
fn the_file_indexes_weights_from_i_to_j() {
    let net = skeleton(4);
    let json: Value = serde_json::from_str(&Model::from_network(&net, Loss::SquaredError).to_json()).unwrap();
    assert_eq!(json["format"], "backprop-lab/model");
    assert_eq!(json["version"], 1);
    assert_eq!(json["layers"], serde_json::json!([2, 4, 2, 1]));
    assert_eq!(json["activations"], serde_json::json!(["tanh", "tanh", "sigmoid"]));
    assert_eq!(json["loss"], "mse");
    for (l, (n_in, n_out)) in [(2, 4), (4, 2), (2, 1)].into_iter().enumerate() {
        for j in 0..n_out {
            for i in 0..n_in {
                assert_eq!(json["weights"][l][j][i].as_f64().unwrap(), net.weight(l, j, i));
            }
            assert_eq!(json["biases"][l][j].as_f64().unwrap(), net.bias(l, j));
        }
    }
}

/// A valid file for [1, 1, 1] with one field replaced by `field = value` (JSON text).
fn with(field: &str, value: &str) -> String {
    let mut v: Value = serde_json::from_str(
        r#"{"format":"backprop-lab/model","version":1,"layers":[1,1,1],"activations":["tanh","sigmoid"],
            "loss":"bce","weights":[[[0.5]],[[-1.0]]],"biases":[[0.1],[0.2]]}"#,
    )
    .unwrap();
    v[field] = serde_json::from_str(value).unwrap();
    v.to_string()
}

fn refused(text: &str) -> String {
    Model::from_json(text).unwrap_err().to_string()
}

#[test]
fn every_bad_file_is_refused_with_a_clear_reason() {
    assert!(
        Model::from_json(&with("seed", "7")).is_ok(),
        "the base file is valid and optional fields are read"
    );
    assert!(refused("{not json").starts_with("the model file is not valid JSON"));
    assert!(refused(r#"{"format":"backprop-lab/model"}"#).contains("missing field"));
    let infinite = with("seed", "1").replace("0.5", "1e999");
    assert!(refused(&infinite).contains("not valid JSON"), "no infinity in a file");
    assert_eq!(
        refused(&with("format", r#""other""#)),
        r#""format" is "other"; a model file says "backprop-lab/model""#
    );
    assert_eq!(
        refused(&with("version", "2")),
        "version 2 is not supported; this lab reads version [1]"
    );
    let cases = [
        ("layers", "[8,1,1]", "the input layer has 8 neurons; it may have 1 to 7"),
        (
            "layers",
            "[1,17,1]",
            "hidden layer 1 has 17 neurons; it may have 1 to 16",
        ),
        (
            "layers",
            "[1,1,1,1,1,1,1,1,1,1,1]",
            "9 hidden layers; at most 8 are allowed",
        ),
        (
            "layers",
            "[1,1,5]",
            "the output layer has 5 neurons; it may have 1 to 4",
        ),
        (
            "layers",
            "[1]",
            "\"layers\" needs at least an input and an output layer",
        ),
        (
            "activations",
            r#"["tanh"]"#,
            "\"activations\" has 1 names; 2 are needed, one per layer after the input",
        ),
        (
            "loss",
            r#""hinge""#,
            "loss \"hinge\" is unknown; use one of \"mse\", \"bce\", \"softmax_ce\"",
        ),
        ("weights", "[[[0.5]]]", "\"weights\" has 1 layers; 2 are needed"),
        (
            "weights",
            "[[[0.5, 1]],[[-1.0]]]",
            "weights[0][0] has 2 numbers; layer 0 has 1 neurons",
        ),
        (
            "weights",
            "[[[0.5]],[]]",
            "weights[1] has 0 rows; layer 2 has 1 neurons",
        ),
        (
            "biases",
            "[[0.1],[0.2, 0.3]]",
            "biases[1] has 2 numbers; layer 2 has 1 neurons",
        ),
    ];
    for (field, value, message) in cases {
        assert_eq!(refused(&with(field, value)), message, "{field} = {value}");
    }
    assert!(refused(&with("activations", r#"["tanh","swish"]"#))
        .starts_with("activations[1] \"swish\" is unknown; use one of \"sigmoid\""));
    assert!(refused(&with("activations", r#"["tanh","tanh"]"#))
        .starts_with("loss \"bce\" does not fit an output layer of 1 \"tanh\" neurons"));
}

#[test]
fn the_trace_of_a_tiny_network_matches_the_numbers_worked_by_hand() {
    // x = 2, w₁ = 0.5, b₁ = 0.1, tanh; w₂ = −1, b₂ = 0.2, sigmoid; cross-entropy, y = 1.
    // z₁ = 1.1, a₁ = tanh 1.1 = 0.80049902176063; z₂ = −a₁ + 0.2 = −0.60049902176063,
    // a₂ = σ(z₂) = 0.35422953375989, L = −ln a₂ = 1.03781017551744;
    // δ₂ = a₂ − 1 = −0.64577046624011, ∂L/∂w₂ = δ₂·a₁ = −0.51693862650711, ∂L/∂b₂ = δ₂;
    // δ₁ = w₂·δ₂·(1 − a₁²) = 0.23196160141088, ∂L/∂w₁ = δ₁·x = 0.46392320282176, ∂L/∂b₁ = δ₁.
    let model = Model::from_json(&with("seed", "1")).unwrap();
    let t = trace(&model, &[2.0], &[1.0]).unwrap();
    let close = |a: f64, b: f64| assert!((a - b).abs() < 1e-13, "{a} vs {b}");
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

#[test]
fn the_traced_gradients_equal_finite_differences() {
    let net = skeleton(9);
    let model = Model::from_network(&net, Loss::CrossEntropy);
    let (x, y) = ([0.4, -1.1], [1.0]);
    let t = trace(&model, &x, &y).unwrap();
    let loss_at = |n: &Network| {
        let mut tr = n.new_trace();
        n.forward(&x, &mut tr);
        n.loss(&tr, &y, Loss::CrossEntropy)
    };
    assert_eq!(t.loss, loss_at(&net));
    let h = 1e-6;
    let mut k = 0;
    for (l, layer) in t.backward.iter().enumerate() {
        for (j, row) in layer.dw.iter().enumerate() {
            for (i, &dw) in row.iter().enumerate() {
                let mut up = net.clone();
                up.weights_mut()[k] += h;
                let mut down = net.clone();
                down.weights_mut()[k] -= h;
                let numeric = (loss_at(&up) - loss_at(&down)) / (2.0 * h);
                assert!((numeric - dw).abs() < 1e-8, "dw[{l}][{j}][{i}]: {dw} vs {numeric}");
                assert_eq!(
                    net.weight(l, j, i),
                    net.weights()[k],
                    "the file's order is the buffer's"
                );
                k += 1;
            }
        }
    }
}

#[test]
fn softmax_targets_are_class_indices() {
    let acts = [Activation::Tanh, Activation::Linear];
    let net = Network::new(&[2, 3, 3], &acts, Init::Xavier, &mut Rng::new(2)).unwrap();
    let model = Model::from_network(&net, Loss::SoftmaxCrossEntropy);
    let t = trace(&model, &[0.1, 0.2], &[2.0]).unwrap();
    let z = &t.forward[1].z;
    let lse = z.iter().map(|z| z.exp()).sum::<f64>().ln();
    assert!((t.loss - (lse - z[2])).abs() < 1e-12);
    assert_eq!(
        trace(&model, &[0.1, 0.2], &[3.0]).unwrap_err().to_string(),
        "--y must be one class index from 0 to 2"
    );
    assert_eq!(
        trace(&model, &[0.1], &[0.0]).unwrap_err().to_string(),
        "--x needs 2 value(s), one per input; 1 given"
    );
}

#[test]
fn the_trace_command_prints_json_and_fails_cleanly() {
    let dir = std::env::temp_dir().join(format!("backprop-lab-trace-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("model.json");
    std::fs::write(&good, Model::from_network(&skeleton(1), Loss::CrossEntropy).to_json()).unwrap();
    let bin = env!("CARGO_BIN_EXE_trace");
    let out = std::process::Command::new(bin)
        .args([good.to_str().unwrap(), "--x", "0.5,-1.2", "--y", "1"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["forward"].as_array().unwrap().len(), 3);
    assert_eq!(json["backward"][0]["dw"].as_array().unwrap().len(), 4);
    assert_eq!(json["backward"][0]["dw"][0].as_array().unwrap().len(), 2);
    assert!(json["loss"].as_f64().unwrap() > 0.0);

    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{").unwrap();
    for args in [
        vec![bad.to_str().unwrap(), "--x", "1,2", "--y", "1"],
        vec![good.to_str().unwrap(), "--x", "abc", "--y", "1"],
        vec![],
    ] {
        let out = std::process::Command::new(bin).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("trace: ") && !err.contains("panicked"), "{err}");
    }
    std::fs::remove_dir_all(&dir).ok();
}
