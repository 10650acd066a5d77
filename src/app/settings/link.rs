//! The settings as a link: every entry of the [`TABLE`](super::table::TABLE) in the URL's
//! fragment, `#data=spiral&lr=0.03&…`, the data's seed included, so that the link opened in a
//! fresh browser draws the same data and the same first weights. The same text is what the page
//! keeps in localStorage to come back to on reload.
//!
//! Reading is forgiving: a missing key keeps its default, and a key that is unknown, repeated
//! with a bad value or not `key=value` at all is ignored and reported; nothing in the text can
//! make reading fail.

use super::table::{quoted, read_all, write_all};
use super::{Refusal, Settings};

/// The fragment for `settings`, with its `#`: every setting, in table order.
pub fn write(settings: &Settings) -> String {
    let pairs: Vec<String> = write_all(settings)
        .into_iter()
        .map(|(key, text)| format!("{key}={text}"))
        .collect();
    format!("#{}", pairs.join("&"))
}

/// The URL key of the lesson's open chapter, 1 to 8. Not a setting: it says where in the lesson
/// the page is. A link with it opens that chapter, set up as the chapter sets the lab up, the
/// link's settings on top: `#lesson=4&lang=zh-TW` is chapter ④ in Chinese.
pub const LESSON_KEY: &str = "lesson";

/// The fragment for `settings` ([`write`]) and, when a chapter of the lesson is open, its
/// number under [`LESSON_KEY`] at the end.
pub fn write_with_lesson(settings: &Settings, chapter: Option<usize>) -> String {
    match chapter {
        Some(n) => format!("{}&{LESSON_KEY}={n}", write(settings)),
        None => write(settings),
    }
}

/// The text under [`LESSON_KEY`] in `fragment` (the last, if repeated), and the fragment
/// without it, for [`read_onto`].
pub fn split_lesson(fragment: &str) -> (Option<String>, String) {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut lesson = None;
    let mut rest = Vec::new();
    for part in text.split('&') {
        match part.split_once('=') {
            Some((key, value)) if decode(key) == LESSON_KEY => lesson = Some(decode(value)),
            _ => rest.push(part),
        }
    }
    (lesson, rest.join("&"))
}

/// Why a [`LESSON_KEY`] text that is no chapter's number was ignored.
pub fn unreadable_lesson(text: &str) -> Refusal {
    Refusal::Unreadable {
        key: LESSON_KEY,
        text: quoted(text),
    }
}

/// The settings a fragment (with or without its `#`) describes, every setting it does not give
/// (or gives badly) at its default, and why each ignored part was ignored.
pub fn read(fragment: &str) -> (Settings, Vec<Refusal>) {
    read_onto(fragment, Settings::default())
}

/// As [`read`], but what the fragment does not give (or gives badly) is as in `base`.
pub fn read_onto(fragment: &str, base: Settings) -> (Settings, Vec<Refusal>) {
    let text = fragment.strip_prefix('#').unwrap_or(fragment);
    let mut refused = Vec::new();
    let mut decoded = Vec::new();
    for part in text.split('&').filter(|part| !part.is_empty()) {
        match part.split_once('=') {
            Some((key, value)) => decoded.push((decode(key), decode(value))),
            None => refused.push(Refusal::UnknownKey(quoted(part))),
        }
    }
    let pairs: Vec<(&str, &str)> = decoded.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let (settings, mut more) = read_all(&pairs, base);
    refused.append(&mut more);
    (settings, refused)
}

/// `text` with its `%XX` escapes (as a mail or chat program may write `,` or `%`) and `+`
/// decoded; an escape that is not one, or bytes that are not UTF-8, stay as they are.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Lang;
    use crate::app::settings::{
        BATCH_SIZE, FEATURES, HIDDEN_LAYERS, LEARNING_RATE, NEURONS, NOISE, POINTS, REGULARIZATION_RATE, SPEED,
        TRAIN_SHARE,
    };
    use crate::core::{Activation, DatasetKind, OptimizerKind, Rng};

    #[test]
    fn a_link_gives_back_the_settings_it_was_written_from() {
        let mut settings = Settings::default();
        settings.data.kind = DatasetKind::Spiral;
        settings.data.seed = 1234567;
        settings.hidden = vec![6, 3, 2];
        settings.activations = vec![Activation::Relu, Activation::Tanh, Activation::Sigmoid];
        settings.optimizer = OptimizerKind::Adam;
        settings.learning_rate = 0.003;
        settings.lang = Lang::ZhTw;
        let link = write(&settings);
        assert!(link.starts_with("#data=spiral&"), "{link}");
        assert!(link.contains("&seed=1234567&") && link.contains("&net=6,3,2&") && link.contains("&lr=0.003&"));
        assert_eq!(read(&link), (settings, vec![]));
    }

    #[test]
    fn what_a_link_leaves_out_keeps_its_default_and_what_it_gets_wrong_is_named() {
        let (settings, refused) = read("#lr=0.03&colour=red&batch=7x&justtext");
        let expected = Settings {
            learning_rate: 0.03,
            ..Settings::default()
        };
        assert_eq!(
            settings, expected,
            "the good key is used, the bad ones keep their defaults"
        );
        let texts: Vec<String> = refused.iter().map(|r| r.text(Lang::En)).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("justtext")), "{texts:?}");
        assert!(texts.iter().any(|t| t.contains("colour")), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.contains("batch") && t.contains("7x")),
            "{texts:?}"
        );
        assert_eq!(read(""), (Settings::default(), vec![]), "no fragment: the defaults");
        assert_eq!(read("#"), (Settings::default(), vec![]));
    }

    #[test]
    fn escapes_a_mail_program_adds_are_read() {
        let (settings, refused) = read("#feat=x1%2Cx2%2Csin_x1&lang=zh%2DTW");
        assert_eq!(refused, vec![]);
        assert_eq!(settings.features.len(), 3);
        assert_eq!(settings.lang, Lang::ZhTw);
        assert_eq!(decode("100%"), "100%", "a lone % stays");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%E5%AD%B8"), "學");
        assert_eq!(decode("%FF"), "%FF", "bytes that are not UTF-8 stay as written");
    }

    #[test]
    fn a_refusal_quotes_at_most_forty_characters_of_what_it_was_given() {
        let long = "9".repeat(10_000);
        let (_, refused) = read(&format!("#lr={long}&{long}=1"));
        for r in &refused {
            for lang in Lang::ALL {
                assert!(r.text(lang).chars().count() < 150, "{}", r.text(lang));
            }
        }
        assert_eq!(refused.len(), 2);
    }

    /// Whether every setting is one the page's own controls could have made.
    fn within_limits(s: &Settings) -> bool {
        LEARNING_RATE.contains(s.learning_rate)
            && REGULARIZATION_RATE.contains(s.regularization.1)
            && HIDDEN_LAYERS.contains(s.hidden.len() as f64)
            && s.hidden.iter().all(|&n| NEURONS.contains(n as f64))
            && s.activations.len() == s.hidden.len()
            && FEATURES.contains(s.features.len() as f64)
            && BATCH_SIZE.contains(s.batch_size as f64)
            && NOISE.contains(s.data.noise)
            && TRAIN_SHARE.contains(s.data.train_fraction)
            && POINTS.contains(s.data.points as f64)
            && SPEED.contains(s.speed as f64)
    }

    /// A random fragment: pieces of real links, separators, escapes and random characters.
    fn garbage(rng: &mut Rng) -> String {
        const PIECES: [&str; 24] = [
            "#", "&", "=", "%", "%2C", "%E5", "+", ",", "lr", "net", "act", "feat", "seed", "data", "1e308", "-0",
            "NaN", "inf", "0.1", "4,2", "relu", "spiral", "學", "\u{0}",
        ];
        let len = rng.below(12);
        (0..len)
            .map(|_| match rng.below(4) {
                0 => char::from_u32((rng.next_u64() % 0x3000) as u32).map_or(String::new(), String::from),
                _ => PIECES[rng.below(PIECES.len())].to_string(),
            })
            .collect()
    }

    #[test]
    fn no_fragment_makes_reading_fail_and_every_refusal_has_words() {
        let mut rng = Rng::new(11);
        for _ in 0..100_000 {
            let fragment = garbage(&mut rng);
            let (settings, refused) = read(&fragment);
            assert!(within_limits(&settings), "{fragment:?} gives {settings:?}");
            for r in refused {
                for lang in Lang::ALL {
                    assert!(!r.text(lang).is_empty(), "{fragment:?}");
                }
            }
        }
    }
}
