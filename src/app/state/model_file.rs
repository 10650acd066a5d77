//! Save model and Open model: the run written as a model file, and a file read back as the
//! settings of a new run and its weights. What the file records (features, dataset, shape,
//! training settings) comes in through the table of settings, so that the same limits apply as
//! to a link and every menu shows it; what an older file does not record stays as it is, and
//! must fit the file's network.

use super::Notice;
use crate::app::settings::table::read_all;
use crate::app::settings::Settings;
use crate::core::model::DataRecord;
use crate::core::{Feature, Loss, Model, Network, RunSettings};

/// The run as a model file: the network, the loss, the features and the generated dataset it
/// learns from (none for points of the learner's own, which a file does not hold) and the
/// training settings.
pub(super) fn saved(settings: &Settings, network: &Network, loss: Loss, own_points: bool) -> String {
    let s = settings;
    let run = RunSettings {
        learning_rate: Some(s.learning_rate),
        optimizer: Some(s.optimizer),
        regularization: Some(s.regularization.0),
        regularization_rate: Some(s.regularization.1),
        seed: Some(s.data.seed),
        batch_size: Some(s.batch_size),
    };
    let data = DataRecord {
        kind: s.data.kind,
        noise: s.data.noise,
        points: s.data.points,
        train_share: s.data.train_fraction,
    };
    let model = Model::from_network(network, loss);
    // The settings hold only what a file accepts; should a part not pass, the rest is still saved.
    let model = model.clone().with_settings(run).unwrap_or(model);
    let data = (!own_points).then_some(data);
    model.clone().with_data(&s.features, data).unwrap_or(model).to_json()
}

/// The settings and weights of the run a model file gives, over `current`: the file read and
/// checked, then fitted to what it does not record, then every recorded setting read through
/// the table; and whether the file brings its dataset (which then replaces points of the
/// learner's own). Any refusal is the notice and nothing is taken.
pub(super) fn opened(text: &str, current: &Settings) -> Result<(Settings, Vec<f64>, bool), Notice> {
    let model = Model::from_json(text).map_err(Notice::BadModel)?;
    model
        .fits(&current.features, current.data.kind)
        .map_err(Notice::BadModel)?;
    let network = model.network().map_err(Notice::BadModel)?;
    let written = recorded(&model);
    let pairs: Vec<(&str, &str)> = written.iter().map(|(k, t)| (*k, t.as_str())).collect();
    let (settings, refused) = read_all(&pairs, current.clone());
    if let Some(refusal) = refused.into_iter().next() {
        return Err(Notice::Refused(refusal));
    }
    let mut params = network.params().to_vec();
    if let Some(features) = model.features() {
        // The first layer's weights: one row of an input each for every neuron of layer 1.
        let first = features.len() * model.layers()[1];
        in_menu_order(&mut params[..first], features, &settings.features);
    }
    Ok((settings, params, model.data().is_some()))
}

/// Moves the first layer's `weights` (rows of one weight per input) from the file's order of
/// `features` to the lab's `order` (the menu's): the weight from input k of the file goes to the
/// input that computes the same feature.
fn in_menu_order(weights: &mut [f64], features: &[Feature], order: &[Feature]) {
    let n = features.len();
    if features == order || n == 0 || order.len() != n {
        return;
    }
    let Some(to): Option<Vec<usize>> = features.iter().map(|f| order.iter().position(|g| g == f)).collect() else {
        return;
    };
    let mut moved = vec![0.0; n];
    for row in weights.chunks_exact_mut(n) {
        for (i, &k) in to.iter().enumerate() {
            moved[k] = row[i];
        }
        row.copy_from_slice(&moved);
    }
}

/// What the file records, as the table's (key, text) pairs.
fn recorded(model: &Model) -> Vec<(&'static str, String)> {
    let joined = |names: Vec<&str>| names.join(",");
    let (layers, acts) = (model.layers(), model.activations());
    let hidden: Vec<String> = layers[1..layers.len() - 1].iter().map(usize::to_string).collect();
    let mut pairs = vec![
        ("net", hidden.join(",")),
        ("act", joined(acts[..acts.len() - 1].iter().map(|a| a.name()).collect())),
        ("loss", model.loss().name().to_string()),
    ];
    if let Some(features) = model.features() {
        pairs.push(("feat", joined(features.iter().map(|f| f.name()).collect())));
    }
    if let Some(d) = model.data() {
        pairs.push(("data", d.kind.name().to_string()));
        pairs.push(("noise", d.noise.to_string()));
        pairs.push(("points", d.points.to_string()));
        pairs.push(("train", d.train_share.to_string()));
    }
    let run = model.settings();
    let optional = [
        ("seed", run.seed.map(|v| v.to_string())),
        ("lr", run.learning_rate.map(|v| v.to_string())),
        ("opt", run.optimizer.map(|v| v.name().to_string())),
        ("batch", run.batch_size.map(|v| v.to_string())),
        ("reg", run.regularization.map(|v| v.name().to_string())),
        ("lam", run.regularization_rate.map(|v| v.to_string())),
    ];
    pairs.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    pairs
}
