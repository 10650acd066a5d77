//! The table of settings: one [`Entry`] per setting, with its short key and how to write it as
//! text and read it back. The URL hash, localStorage and the model file can iterate over
//! [`TABLE`] to keep every setting; reading checks the same limits the reducer checks.
//!
//! | key      | setting                          | text                                            |
//! |----------|----------------------------------|-------------------------------------------------|
//! | `data`   | dataset                          | a [`DatasetKind::name`]: `cats_dogs`, `spiral` … |
//! | `noise`  | noise                            | a number, [`super::NOISE`]                      |
//! | `train`  | training share                   | a number, [`super::TRAIN_SHARE`]                |
//! | `points` | points                           | a whole number, [`super::POINTS`]               |
//! | `seed`   | data seed (also the first weights)| a whole number, 0 … 2⁶⁴ − 1                     |
//! | `feat`   | input features                   | [`Feature::name`]s joined by `,`: `x1,x2`       |
//! | `net`    | hidden layers and their neurons  | neurons per layer joined by `,`: `4,2`; empty for none |
//! | `act`    | hidden activations               | [`Activation::name`]s joined by `,`, one per layer |
//! | `loss`   | loss                             | `auto` (the task's own) or a [`Loss::name`]     |
//! | `opt`    | optimizer                        | an [`OptimizerKind::name`]                      |
//! | `lr`     | learning rate η                  | a number, [`super::LEARNING_RATE`]              |
//! | `batch`  | batch size                       | a whole number, [`super::BATCH_SIZE`]           |
//! | `reg`    | regularisation                   | a [`Regularization::name`]                      |
//! | `lam`    | regularisation rate λ            | a number, [`super::REGULARIZATION_RATE`]        |
//! | `stop`   | stop below a cost                | `never` or a number, [`super::STOP_BELOW`]      |
//! | `flat`   | stop when it stops improving     | `1` or `0`                                      |
//! | `speed`  | speed while playing              | a whole number, [`super::SPEED`]                |
//! | `lang`   | language                         | a [`Lang::code`]: `en`, `zh-TW`                 |
//! | `view`   | a classroom preset               | a [`View::name`] (below), or `custom`: the `hide` key says |
//! | `hide`   | parts hidden too (classroom mode)| [`Part::name`]s joined by `,`; empty for none   |
//!
//! The parts a link can hide, and the presets (each hides every part but those it names):
//!
//! | part           | what                                   |
//! |----------------|----------------------------------------|
//! | `files`        | Open model and Save model              |
//! | `link`         | Copy link                              |
//! | `language`     | the language menu                      |
//! | `step`         | Step (and the → key)                   |
//! | `phase`        | Next phase (and Shift+→)               |
//! | `play`         | Play (and Space)                       |
//! | `epoch`        | Epoch                                  |
//! | `reset`        | Reset (and R)                          |
//! | `rate`         | the learning-rate slider and field     |
//! | `counter`      | the step and epoch counter             |
//! | `network`      | the network panel                      |
//! | `shape`        | the network's shape (features, layers) |
//! | `settings`     | More settings                          |
//! | `data`         | the dataset picker                     |
//! | `output`       | the output view                        |
//! | `chart`        | the cost chart and its readouts        |
//! | `bars`         | the mini-batch's loss bars             |
//! | `explain`      | the explanation panel                  |
//! | `real-surface` | the loss surface of the network        |
//! | `surface`      | gradient descent on a test surface     |
//! | `classroom`    | the classroom control itself           |
//!
//! | view           | shows only                                                       |
//! |----------------|------------------------------------------------------------------|
//! | `all`          | everything (the default)                                         |
//! | `network-step` | `language`, `step`, `counter`, `network`, `classroom`            |
//! | `surface`      | `language`, `surface`, `classroom`                               |
//! | `walk`         | `language`, `phase`, `counter`, `network`, `output`, `explain`, `classroom` |
//!
//! `view` is read before `hide`, and `hide` adds to what the view hides: `#view=walk&hide=output`
//! is the walk without the output view.
//!
//! Numbers are written in Rust's shortest form that reads back bit for bit.

use super::view::{Part, Parts, View};
use super::{
    Limits, Refusal, Settings, BATCH_SIZE, FEATURES, HIDDEN_ACTIVATION, HIDDEN_LAYERS, LEARNING_RATE, NEURONS, NOISE,
    POINTS, REGULARIZATION_RATE, SPEED, STOP_BELOW, TRAIN_SHARE,
};
use crate::app::format::cut;
use crate::app::i18n::Lang;
use crate::core::{Activation, DatasetKind, Feature, Loss, OptimizerKind, Regularization};

/// One setting of the table: its key, and its value written as text and read back.
#[derive(Clone, Copy)]
pub struct Entry {
    /// The short, stable key (in URLs and files).
    pub key: &'static str,
    /// The setting's value as text.
    pub write: fn(&Settings) -> String,
    /// Sets the setting from text, or refuses it and changes nothing.
    pub read: fn(&str, &mut Settings) -> Result<(), Refusal>,
}

impl std::fmt::Debug for Entry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Entry").field("key", &self.key).finish_non_exhaustive()
    }
}

/// Every setting a learner can change, in the order they are read: the hidden layers before
/// their activations, the classroom preset before the parts hidden besides.
pub const TABLE: [Entry; 20] = [
    Entry {
        key: "data",
        write: |s| s.data.kind.name().to_string(),
        read: |t, s| {
            s.data.kind = named("data", t, &DatasetKind::ALL, DatasetKind::name)?;
            Ok(())
        },
    },
    Entry {
        key: "noise",
        write: |s| s.data.noise.to_string(),
        read: |t, s| {
            s.data.noise = number("noise", t, NOISE)?;
            Ok(())
        },
    },
    Entry {
        key: "train",
        write: |s| s.data.train_fraction.to_string(),
        read: |t, s| {
            s.data.train_fraction = number("train", t, TRAIN_SHARE)?;
            Ok(())
        },
    },
    Entry {
        key: "points",
        write: |s| s.data.points.to_string(),
        read: |t, s| {
            s.data.points = count("points", t, POINTS)?;
            Ok(())
        },
    },
    Entry {
        key: "seed",
        write: |s| s.data.seed.to_string(),
        read: |t, s| {
            s.data.seed = t.trim().parse().map_err(|_| unreadable("seed", t))?;
            Ok(())
        },
    },
    Entry {
        key: "feat",
        write: |s| joined(&s.features, |f| f.name().to_string()),
        read: read_features,
    },
    Entry {
        key: "net",
        write: |s| joined(&s.hidden, |n| n.to_string()),
        read: read_hidden,
    },
    Entry {
        key: "act",
        write: |s| joined(&s.activations, |a| a.name().to_string()),
        read: read_activations,
    },
    Entry {
        key: "loss",
        write: |s| s.loss.map_or("auto", Loss::name).to_string(),
        read: |t, s| {
            s.loss = match t.trim() {
                "auto" => None,
                _ => Some(named("loss", t, &Loss::ALL, Loss::name)?),
            };
            Ok(())
        },
    },
    Entry {
        key: "opt",
        write: |s| s.optimizer.name().to_string(),
        read: |t, s| {
            s.optimizer = named("opt", t, &OptimizerKind::ALL, OptimizerKind::name)?;
            Ok(())
        },
    },
    Entry {
        key: "lr",
        write: |s| s.learning_rate.to_string(),
        read: |t, s| {
            s.learning_rate = number("lr", t, LEARNING_RATE)?;
            Ok(())
        },
    },
    Entry {
        key: "batch",
        write: |s| s.batch_size.to_string(),
        read: |t, s| {
            s.batch_size = count("batch", t, BATCH_SIZE)?;
            Ok(())
        },
    },
    Entry {
        key: "reg",
        write: |s| s.regularization.0.name().to_string(),
        read: |t, s| {
            s.regularization.0 = named("reg", t, &Regularization::ALL, Regularization::name)?;
            Ok(())
        },
    },
    Entry {
        key: "lam",
        write: |s| s.regularization.1.to_string(),
        read: |t, s| {
            s.regularization.1 = number("lam", t, REGULARIZATION_RATE)?;
            Ok(())
        },
    },
    Entry {
        key: "stop",
        write: |s| s.stop_below.map_or_else(|| "never".to_string(), |t| t.to_string()),
        read: |t, s| {
            s.stop_below = match t.trim() {
                "never" => None,
                _ => Some(number("stop", t, STOP_BELOW)?),
            };
            Ok(())
        },
    },
    Entry {
        key: "flat",
        write: |s| if s.stop_when_flat { "1" } else { "0" }.to_string(),
        read: |t, s| {
            s.stop_when_flat = match t.trim() {
                "1" => true,
                "0" => false,
                _ => return Err(unreadable("flat", t)),
            };
            Ok(())
        },
    },
    Entry {
        key: "speed",
        write: |s| s.speed.to_string(),
        read: |t, s| {
            s.speed = count("speed", t, SPEED)?;
            Ok(())
        },
    },
    Entry {
        key: "lang",
        write: |s| s.lang.code().to_string(),
        read: |t, s| {
            s.lang = Lang::from_code(t.trim()).ok_or_else(|| unreadable("lang", t))?;
            Ok(())
        },
    },
    Entry {
        key: "view",
        write: |s| View::of(s.hidden_parts).map_or("custom", View::name).to_string(),
        read: |t, s| {
            if t.trim() != "custom" {
                s.hidden_parts = named("view", t, &View::ALL, View::name)?.hidden();
            }
            Ok(())
        },
    },
    Entry {
        key: "hide",
        write: |s| joined(&s.hidden_parts.iter().collect::<Vec<_>>(), |p| p.name().to_string()),
        read: |t, s| {
            let parts = parts(t)
                .map(|p| named("hide", p, &Part::ALL, Part::name))
                .collect::<Result<Vec<_>, _>>()?;
            s.hidden_parts = s.hidden_parts.union(Parts::of(&parts));
            Ok(())
        },
    },
];

/// Every setting as (key, text), in table order.
pub fn write_all(settings: &Settings) -> Vec<(&'static str, String)> {
    TABLE.iter().map(|e| (e.key, (e.write)(settings))).collect()
}

/// `base` with every (key, text) read into it in table order; a refused or unknown one keeps
/// its old value and is listed with why: the refused settings in table order, then the unknown
/// keys.
pub fn read_all(pairs: &[(&str, &str)], mut base: Settings) -> (Settings, Vec<Refusal>) {
    let mut refused = Vec::new();
    for entry in &TABLE {
        for (_, text) in pairs.iter().filter(|(key, _)| *key == entry.key) {
            if let Err(refusal) = (entry.read)(text, &mut base) {
                refused.push(refusal);
            }
        }
    }
    // Unknown keys last: a refused setting matters more to the reader.
    for (key, _) in pairs {
        if !TABLE.iter().any(|e| e.key == *key) {
            refused.push(Refusal::UnknownKey(quoted(key)));
        }
    }
    (base, refused)
}

/// At most this many characters of a refused text are quoted back in its message.
pub const QUOTE_LIMIT: usize = 40;

/// `text` to quote in a message: cut to [`QUOTE_LIMIT`] characters, with "…" where cut.
pub fn quoted(text: &str) -> String {
    cut(text, QUOTE_LIMIT)
}

/// The refusal of `text` under `key`.
fn unreadable(key: &'static str, text: &str) -> Refusal {
    Refusal::Unreadable {
        key,
        text: quoted(text),
    }
}

/// A number within `limits`.
fn number(key: &'static str, text: &str, limits: Limits) -> Result<f64, Refusal> {
    let x: f64 = text.trim().parse().map_err(|_| unreadable(key, text))?;
    limits.check(x)
}

/// A whole number within `limits`.
fn count(key: &'static str, text: &str, limits: Limits) -> Result<usize, Refusal> {
    let n: usize = text.trim().parse().map_err(|_| unreadable(key, text))?;
    limits.check_count(n)
}

/// The item of `all` named `text`.
fn named<T: Copy>(key: &'static str, text: &str, all: &[T], name: fn(T) -> &'static str) -> Result<T, Refusal> {
    let text = text.trim();
    all.iter()
        .copied()
        .find(|&x| name(x) == text)
        .ok_or_else(|| unreadable(key, text))
}

/// `items` written one by one and joined by commas.
fn joined<T: Copy>(items: &[T], write: impl Fn(T) -> String) -> String {
    items.iter().map(|&x| write(x)).collect::<Vec<_>>().join(",")
}

/// The comma-separated parts of `text`; none for an empty text.
fn parts(text: &str) -> impl Iterator<Item = &str> {
    let text = text.trim();
    text.split(',').filter(move |_| !text.is_empty())
}

fn read_features(text: &str, s: &mut Settings) -> Result<(), Refusal> {
    let mut features = parts(text)
        .map(|p| named("feat", p, &Feature::ALL, Feature::name))
        .collect::<Result<Vec<_>, _>>()?;
    features.sort_by_key(|f| Feature::ALL.iter().position(|g| g == f));
    if features.windows(2).any(|w| w[0] == w[1]) {
        return Err(unreadable("feat", text));
    }
    FEATURES.check_count(features.len())?;
    s.features = features;
    Ok(())
}

/// The hidden layers; their activations follow (the last one repeated for new layers).
fn read_hidden(text: &str, s: &mut Settings) -> Result<(), Refusal> {
    let hidden = parts(text)
        .map(|p| count("net", p, NEURONS))
        .collect::<Result<Vec<_>, _>>()?;
    HIDDEN_LAYERS.check_count(hidden.len())?;
    let last = s.activations.last().copied().unwrap_or(HIDDEN_ACTIVATION);
    s.activations.resize(hidden.len(), last);
    s.hidden = hidden;
    Ok(())
}

/// One activation per hidden layer.
fn read_activations(text: &str, s: &mut Settings) -> Result<(), Refusal> {
    let activations = parts(text)
        .map(|p| named("act", p, &Activation::ALL, Activation::name))
        .collect::<Result<Vec<_>, _>>()?;
    if activations.len() != s.hidden.len() {
        return Err(unreadable("act", text));
    }
    s.activations = activations;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{BATCH_SIZE, SPEEDS};
    use super::*;
    use crate::core::Rng;

    /// A random value within `limits`, sometimes one of its ends.
    fn within(rng: &mut Rng, limits: Limits) -> f64 {
        match rng.below(6) {
            0 => limits.lo,
            1 => limits.hi,
            _ => rng.uniform(limits.lo, limits.hi),
        }
    }

    /// A random whole number within `limits`.
    fn whole(rng: &mut Rng, limits: Limits) -> usize {
        limits.lo as usize + rng.below(limits.hi as usize - limits.lo as usize + 1)
    }

    fn pick<T: Copy>(rng: &mut Rng, all: &[T]) -> T {
        all[rng.below(all.len())]
    }

    /// Random settings, each within its limits.
    fn random_settings(rng: &mut Rng) -> Settings {
        let mut s = Settings::default();
        s.data.kind = pick(rng, &DatasetKind::ALL);
        s.data.noise = within(rng, NOISE);
        s.data.train_fraction = within(rng, TRAIN_SHARE);
        s.data.points = whole(rng, POINTS);
        s.data.seed = rng.next_u64();
        let n = whole(rng, FEATURES);
        let mut all = Feature::ALL;
        rng.shuffle(&mut all);
        s.features = all[..n].to_vec();
        s.features.sort_by_key(|f| Feature::ALL.iter().position(|g| g == f));
        let layers = whole(rng, HIDDEN_LAYERS);
        s.hidden = (0..layers).map(|_| whole(rng, NEURONS)).collect();
        s.activations = (0..layers).map(|_| pick(rng, &Activation::ALL)).collect();
        s.loss = (rng.below(2) == 0).then(|| pick(rng, &Loss::ALL));
        s.optimizer = pick(rng, &OptimizerKind::ALL);
        // Learning rates spread over their decades, as a log slider gives them.
        s.learning_rate = LEARNING_RATE.clamp(10f64.powf(rng.uniform(-6.0, 1.0)));
        s.batch_size = whole(rng, BATCH_SIZE);
        s.regularization = (pick(rng, &Regularization::ALL), within(rng, REGULARIZATION_RATE));
        s.stop_below = (rng.below(2) == 0).then(|| within(rng, STOP_BELOW));
        s.stop_when_flat = rng.below(2) == 0;
        s.speed = rng.below(SPEEDS.len());
        s.lang = pick(rng, &Lang::ALL);
        // Sometimes a preset, sometimes any set of parts.
        s.hidden_parts = match rng.below(3) {
            0 => pick(rng, &View::ALL).hidden(),
            _ => Part::ALL
                .into_iter()
                .fold(Parts::NONE, |set, p| set.with(p, rng.below(2) == 0)),
        };
        s
    }

    #[test]
    fn every_setting_written_and_read_back_equals_itself() {
        let mut rng = Rng::new(11);
        for round in 0..2000 {
            let settings = random_settings(&mut rng);
            let written = write_all(&settings);
            let pairs: Vec<(&str, &str)> = written.iter().map(|(k, t)| (*k, t.as_str())).collect();
            let (read, refused) = read_all(&pairs, Settings::default());
            assert_eq!(refused, [], "round {round}: {written:?}");
            assert_eq!(read, settings, "round {round}: {written:?}");
            // Entry by entry too: reading a setting's own text changes nothing.
            for entry in &TABLE {
                let mut again = settings.clone();
                (entry.read)(&(entry.write)(&settings), &mut again).unwrap();
                assert_eq!(again, settings, "{}", entry.key);
            }
        }
    }

    #[test]
    fn each_key_is_short_stable_and_once_in_the_table() {
        let keys: Vec<&str> = TABLE.iter().map(|e| e.key).collect();
        assert_eq!(
            keys,
            [
                "data", "noise", "train", "points", "seed", "feat", "net", "act", "loss", "opt", "lr", "batch", "reg",
                "lam", "stop", "flat", "speed", "lang", "view", "hide"
            ],
            "keys are part of shared links: never rename one"
        );
        let written = write_all(&Settings::default());
        let text: Vec<String> = written.iter().map(|(k, t)| format!("{k}={t}")).collect();
        assert_eq!(
            text.join("&"),
            "data=cats_dogs&noise=0.1&train=0.8&points=250&seed=42&feat=x1,x2&net=4,2&act=tanh,tanh&loss=auto\
             &opt=sgd&lr=0.1&batch=10&reg=none&lam=0&stop=never&flat=0&speed=4&lang=en&view=all&hide="
        );
    }

    #[test]
    fn a_bad_text_is_refused_with_its_reason_and_changes_nothing() {
        let cases: [(&str, &str, Refusal); 12] = [
            ("hide", "chart,colour", unreadable("hide", "colour")),
            ("hide", &"x".repeat(500), unreadable("hide", &"x".repeat(500))),
            ("view", "lecture", unreadable("view", "lecture")),
            ("lr", "20", Refusal::OutOfLimits(LEARNING_RATE)),
            ("lr", "1e-320", Refusal::OutOfLimits(LEARNING_RATE)),
            ("lam", "1e300", Refusal::OutOfLimits(REGULARIZATION_RATE)),
            ("lr", "fast", unreadable("lr", "fast")),
            ("net", "4,99", Refusal::OutOfLimits(NEURONS)),
            ("net", "1,1,1,1,1,1,1,1,1", Refusal::OutOfLimits(HIDDEN_LAYERS)),
            ("act", "relu", unreadable("act", "relu")),
            ("feat", "x1,x1", unreadable("feat", "x1,x1")),
            ("speed", "13", Refusal::OutOfLimits(SPEED)),
        ];
        for (key, text, why) in cases {
            let (read, refused) = read_all(&[(key, text)], Settings::default());
            assert_eq!(refused, [why], "{key}={text}");
            assert_eq!(read, Settings::default(), "{key}={text}: the old value stays");
        }
        let (_, refused) = read_all(&[("colour", "red")], Settings::default());
        assert_eq!(
            refused,
            [Refusal::UnknownKey("colour".into())],
            "an unknown key is reported"
        );
    }

    #[test]
    fn every_key_given_an_edge_value_takes_it_within_its_limits_or_refuses_it_with_words() {
        use crate::app::i18n::Lang;
        let edges = [
            "",
            " ",
            "abc",
            "-1",
            "0",
            "1e-320",
            "1e308",
            "NaN",
            "Infinity",
            "-Infinity",
            "1,2,",
            "\u{0}",
        ];
        for entry in TABLE {
            for text in edges {
                let (read, refused) = read_all(&[(entry.key, text)], Settings::default());
                match refused.as_slice() {
                    [] => {
                        assert_eq!(
                            read.clone().clamped(),
                            read,
                            "{}={text:?} read within its limits",
                            entry.key
                        );
                        let again = read_all(&[(entry.key, &(entry.write)(&read))], Settings::default()).0;
                        assert_eq!(again, read, "{}={text:?} is written as it was read", entry.key);
                    }
                    [why] => {
                        assert_eq!(read, Settings::default(), "{}={text:?}: the old value stays", entry.key);
                        for lang in [Lang::En, Lang::ZhTw] {
                            let words = why.text(lang);
                            // It names the setting: by its name with its range, or by its key.
                            let named = match why {
                                Refusal::OutOfLimits(limits) => words.contains(lang.t(limits.name)),
                                Refusal::Unreadable { key, .. } => *key == entry.key && words.contains(key),
                                Refusal::UnknownKey(_) => false,
                            };
                            assert!(named, "{}={text:?}: {words}", entry.key);
                            assert!(words.chars().count() <= 160, "{}={text:?}: short: {words}", entry.key);
                        }
                    }
                    more => panic!("{}={text:?}: one reason, not {more:?}", entry.key),
                }
            }
        }
    }

    #[test]
    fn a_bad_part_name_is_named_cut_to_forty_characters() {
        let long = format!("chart,{}", "y".repeat(100));
        let (read, refused) = read_all(&[("hide", long.as_str())], Settings::default());
        assert_eq!(
            read.hidden_parts,
            Parts::NONE,
            "nothing is hidden from a list with a bad name"
        );
        let text = refused[0].text(Lang::En);
        assert!(text.contains(&format!("“{}…”", "y".repeat(QUOTE_LIMIT))), "{text}");
        assert!(!text.contains("chart"), "the bad name alone is quoted: {text}");
    }

    #[test]
    fn a_preset_hides_its_parts_and_hide_adds_to_them() {
        let (read, refused) = read_all(&[("view", "walk")], Settings::default());
        assert_eq!((read.hidden_parts, refused), (View::Walk.hidden(), vec![]));
        assert!(read.hidden_parts.contains(Part::Step) && !read.hidden_parts.contains(Part::Phase));
        let (read, _) = read_all(&[("hide", "output"), ("view", "walk")], Settings::default());
        assert_eq!(
            read.hidden_parts,
            View::Walk.hidden().with(Part::Output, true),
            "the view first, then hide"
        );
        let (read, _) = read_all(&[("hide", " play , chart ")], Settings::default());
        assert_eq!(read.hidden_parts, Parts::of(&[Part::Play, Part::Chart]));
        assert_eq!(write_all(&read).last().map(|(_, t)| t.as_str()), Some("play,chart"));
        let custom = write_all(&read).into_iter().find(|(k, _)| *k == "view");
        assert_eq!(custom, Some(("view", "custom".to_string())));
    }

    #[test]
    fn fewer_hidden_layers_take_their_activations_with_them() {
        let (read, refused) = read_all(&[("net", "3"), ("act", "relu")], Settings::default());
        assert_eq!(refused, []);
        assert_eq!((read.hidden, read.activations), (vec![3], vec![Activation::Relu]));
        let (read, _) = read_all(&[("net", "")], Settings::default());
        assert!(read.hidden.is_empty() && read.activations.is_empty());
        let (read, _) = read_all(&[("net", "4,2,3")], Settings::default());
        assert_eq!(read.activations, [HIDDEN_ACTIVATION; 3]);
    }
}
