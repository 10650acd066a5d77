//! The model reader fuzzed with 110 000 inputs: random bytes, random JSON-ish texts, and valid
//! files mutated (fields deleted, duplicated or changed, numbers huge or NaN-ish, shapes wrong).
//! None may panic; every refusal is a [`ModelError`] worded in both languages; every file read
//! builds its network with weights within ±1000, and opens in the lab or is refused there with
//! a message that leaves the lab as it was.
#![cfg(not(target_arch = "wasm32"))]

use backprop_lab::app::i18n::Lang;
use backprop_lab::app::state::{Action, Lab};
use backprop_lab::core::model::{decode, Model, ModelError, PARAM_LIMIT};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use std::sync::OnceLock;

/// A valid file as the page writes it: features, dataset and every setting recorded.
fn valid_file() -> &'static str {
    static FILE: OnceLock<String> = OnceLock::new();
    FILE.get_or_init(|| {
        let mut lab = Lab::default();
        lab.apply(Action::ToggleFeature(backprop_lab::core::Feature::SinX1));
        lab.apply(Action::Step);
        lab.model_json()
    })
}

/// Checks what the reader says about `text`: a model whose network builds within the limits,
/// or a refusal that reads as a sentence in each language.
fn check(text: &str) -> Result<Option<Model>, TestCaseError> {
    match Model::from_json(text) {
        Ok(model) => {
            let network = model
                .network()
                .map_err(|e| TestCaseError::fail(format!("read but not built: {e}")))?;
            prop_assert!(network.params().iter().all(|p| p.abs() <= PARAM_LIMIT));
            Ok(Some(model))
        }
        Err(e) => {
            words(&e)?;
            Ok(None)
        }
    }
}

/// A refusal's sentences: not empty, not overlong, the Chinese one not the English.
fn words(e: &ModelError) -> Result<(), TestCaseError> {
    let (en, zh) = (Lang::En.model_error(e), Lang::ZhTw.model_error(e));
    prop_assert!(!en.is_empty() && en.chars().count() < 600, "{en}");
    prop_assert!(!zh.is_empty() && zh != en, "{e:?}");
    Ok(())
}

/// Opens `text` in a copy of `lab`: it opens with no message, or the message says why and the
/// lab is as it was.
fn open_in_lab(lab: &Lab, text: &str) -> Result<(), TestCaseError> {
    let mut opened = lab.clone();
    opened.apply(Action::LoadModel(text.into()));
    if let Some(notice) = opened.message().cloned() {
        prop_assert!(!notice.text(Lang::En).is_empty() && !notice.text(Lang::ZhTw).is_empty());
        opened.apply(Action::DismissMessage);
        prop_assert!(&opened == lab, "a refused file changed the lab");
    }
    Ok(())
}

/// Numbers and words a model file is made of, and the kinds of wrong ones.
fn leaf() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|x| if x.is_finite() { x.to_string() } else { "1e999".into() }),
        (-2000.0..2000.0f64).prop_map(|x| x.to_string()),
        (0u64..2000).prop_map(|n| n.to_string()),
        Just("-0".to_string()),
        Just("1e999".to_string()),
        Just("-1e400".to_string()),
        Just("NaN".to_string()),
        Just("Infinity".to_string()),
        Just("null".to_string()),
        Just("true".to_string()),
        Just("18446744073709551616".to_string()),
        Just("1e-400".to_string()),
        prop::sample::select(vec![
            "\"backprop-lab/model\"",
            "\"tanh\"",
            "\"sigmoid\"",
            "\"linear\"",
            "\"relu\"",
            "\"bce\"",
            "\"mse\"",
            "\"softmax_ce\"",
            "\"adam\"",
            "\"l2\"",
            "\"x1\"",
            "\"sin_x1\"",
            "\"spiral\"",
            "\"plane\"",
            "\"\"",
            "\"\\ud800\"",
        ])
        .prop_map(str::to_string),
        "\\PC{0,12}".prop_map(|s| Value::String(s).to_string()),
    ]
}

/// The keys of a model file and a few others.
fn key() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "format",
        "version",
        "layers",
        "activations",
        "loss",
        "features",
        "dataset",
        "name",
        "noise",
        "points",
        "train_share",
        "weights",
        "biases",
        "learning_rate",
        "optimizer",
        "batch_size",
        "regularization",
        "regularization_rate",
        "seed",
        "",
        "other",
    ])
    .prop_map(str::to_string)
}

/// JSON-ish text: leaves, arrays and objects of the model's keys, with now and then a
/// character of syntax dropped or added.
fn jsonish() -> impl Strategy<Value = String> {
    let tree = leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(|items| format!("[{}]", items.join(","))),
            prop::collection::vec((key(), inner), 0..8).prop_map(|fields| {
                let fields: Vec<String> = fields.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                format!("{{{}}}", fields.join(","))
            }),
        ]
    });
    (
        tree,
        any::<u16>(),
        prop::sample::select(vec!["", ",", "]", "}", "\"", ":", "{", "["]),
    )
        .prop_map(|(text, at, extra)| {
            let chars: Vec<char> = text.chars().collect();
            let at = usize::from(at) % (chars.len() + 1);
            let (head, tail) = chars.split_at(at);
            format!(
                "{}{extra}{}",
                head.iter().collect::<String>(),
                tail.iter().collect::<String>()
            )
        })
}

/// One change to a file: where (a walk down the tree, chosen by these numbers) and what.
#[derive(Clone, Debug)]
enum Change {
    /// Delete the field or item reached.
    Delete(Vec<u16>),
    /// Replace what is reached with this JSON text (any leaf).
    Set(Vec<u16>, String),
    /// Wrap what is reached in an array: a wrong shape.
    Wrap(Vec<u16>),
    /// Append a copy of an array's last item, or of an object's field under another key.
    Duplicate(Vec<u16>),
    /// Drop the last item of an array.
    Pop(Vec<u16>),
    /// Write one top-level key twice in the text, with this value second.
    Twice(u16, String),
}

fn change() -> impl Strategy<Value = Change> {
    let path = prop::collection::vec(any::<u16>(), 1..5);
    prop_oneof![
        path.clone().prop_map(Change::Delete),
        (path.clone(), leaf()).prop_map(|(p, v)| Change::Set(p, v)),
        path.clone().prop_map(Change::Wrap),
        path.clone().prop_map(Change::Duplicate),
        path.prop_map(Change::Pop),
        (any::<u16>(), leaf()).prop_map(|(k, v)| Change::Twice(k, v)),
    ]
}

/// The parent of the node `path` leads to (each step picks a child by its number modulo the
/// children), and the child's key or index there.
fn walk<'a>(value: &'a mut Value, path: &[u16]) -> Option<(&'a mut Value, Step)> {
    let (&last, steps) = path.split_last()?;
    let mut node = value;
    for &s in steps {
        let step = child(node, s)?;
        node = match step {
            Step::Key(k) => node.get_mut(&k)?,
            Step::Index(i) => node.get_mut(i)?,
        };
    }
    let step = child(node, last)?;
    Some((node, step))
}

/// Which child of a node.
enum Step {
    Key(String),
    Index(usize),
}

fn child(node: &Value, s: u16) -> Option<Step> {
    match node {
        Value::Object(map) if !map.is_empty() => map.keys().nth(usize::from(s) % map.len()).cloned().map(Step::Key),
        Value::Array(items) if !items.is_empty() => Some(Step::Index(usize::from(s) % items.len())),
        _ => None,
    }
}

/// The valid file with `changes` made, as text.
fn mutated(changes: &[Change]) -> String {
    let mut value: Value = serde_json::from_str(valid_file()).unwrap();
    let mut twice = Vec::new();
    for c in changes {
        match c {
            Change::Delete(path) => match walk(&mut value, path) {
                Some((Value::Object(map), Step::Key(k))) => {
                    map.remove(&k);
                }
                Some((Value::Array(items), Step::Index(i))) => {
                    items.remove(i);
                }
                _ => {}
            },
            Change::Set(path, text) => {
                // A leaf that is no JSON (NaN, 1e999) goes in as text below, by a marker.
                let new = serde_json::from_str(text).unwrap_or_else(|_| Value::String(format!("@raw@{text}")));
                set(&mut value, path, |v| *v = new.clone());
            }
            Change::Wrap(path) => set(&mut value, path, |v| *v = Value::Array(vec![v.take()])),
            Change::Duplicate(path) => set(&mut value, path, |v| match v {
                Value::Array(items) => {
                    if let Some(last) = items.last().cloned() {
                        items.push(last);
                    }
                }
                Value::Object(map) => {
                    if let Some((k, x)) = map.iter().next().map(|(k, x)| (k.clone(), x.clone())) {
                        map.insert(format!("{k}_"), x);
                    }
                }
                _ => {}
            }),
            Change::Pop(path) => set(&mut value, path, |v| {
                if let Value::Array(items) = v {
                    items.pop();
                }
            }),
            Change::Twice(k, text) => twice.push((*k, text.clone())),
        }
    }
    let mut text = value.to_string();
    // Raw leaves replace their markers, quotes and all.
    while let Some(start) = text.find("\"@raw@") {
        let end = text[start + 1..].find('"').map_or(text.len(), |e| start + e + 2);
        let raw = text[start + 6..end - 1].to_string();
        text.replace_range(start..end, &raw);
    }
    for (k, v) in twice {
        let keys = [
            "layers", "weights", "features", "dataset", "loss", "version", "format", "seed",
        ];
        let key = keys[usize::from(k) % keys.len()];
        if let Some(close) = text.rfind('}') {
            text.insert_str(close, &format!(",\"{key}\":{v}"));
        }
    }
    text
}

/// Changes what `path` reaches with `f`.
fn set(value: &mut Value, path: &[u16], f: impl FnOnce(&mut Value)) {
    if let Some((parent, step)) = walk(value, path) {
        let node = match step {
            Step::Key(k) => parent.get_mut(&k),
            Step::Index(i) => parent.get_mut(i),
        };
        if let Some(node) = node {
            f(node);
        }
    }
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn random_bytes_never_panic_and_are_refused_with_a_message() {
    runner(40_000)
        .run(&prop::collection::vec(any::<u8>(), 0..200), |bytes| {
            prop_assert!(check(&decode(&bytes))?.is_none(), "random bytes are no model");
            Ok(())
        })
        .unwrap();
}

#[test]
fn random_json_never_panics_and_every_refusal_is_a_message() {
    runner(30_000)
        .run(&jsonish(), |text| {
            check(&text)?;
            Ok(())
        })
        .unwrap();
}

#[test]
fn mutated_files_are_read_or_refused_and_open_in_the_lab_or_change_nothing() {
    // The unchanged file is read, so that the mutations start from a valid one.
    assert!(Model::from_json(valid_file()).is_ok());
    let opened = std::cell::Cell::new(0);
    let lab = Lab::default();
    runner(40_000)
        .run(&prop::collection::vec(change(), 1..4), |changes| {
            let text = mutated(&changes);
            if check(&text)?.is_some() {
                opened.set(opened.get() + 1);
                // A new run costs more than a read: one file read in twenty opens in the lab too.
                if opened.get() % 20 == 1 {
                    open_in_lab(&lab, &text)?;
                }
            }
            Ok(())
        })
        .unwrap();
    // Some mutations keep the file valid (a changed seed, a deleted optional field).
    let opened = opened.get();
    eprintln!("{opened} of 40 000 mutated files were read");
    assert!(opened > 100, "only {opened} mutated files were read");
}
