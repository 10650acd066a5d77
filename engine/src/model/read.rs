//! Reading a model file's bytes and JSON: the text decoded, the JSON reader's errors placed and
//! any quoted value cut to an [`Excerpt`].

use super::error::{ModelError, Place};
use std::fmt::{self, Write as _};

/// At most this many characters of a value from the file are quoted in a message, so that a
/// "format" of ten megabytes is refused in one short line.
pub const EXCERPT_CHARS: usize = 80;

/// A value from the file as a message quotes it: its first [`EXCERPT_CHARS`] characters, and
/// "…" when there were more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Excerpt(String);

/// A writer that keeps the first `left` characters and then refuses the rest.
struct Bounded {
    text: String,
    left: usize,
    cut: bool,
}

impl fmt::Write for Bounded {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for c in s.chars() {
            if self.left == 0 {
                self.cut = true;
                return Err(fmt::Error);
            }
            self.text.push(c);
            self.left -= 1;
        }
        Ok(())
    }
}

impl Excerpt {
    /// The excerpt of what `value` displays; a long value is never written out whole.
    pub fn of(value: impl fmt::Display) -> Excerpt {
        let mut out = Bounded {
            text: String::new(),
            left: EXCERPT_CHARS,
            cut: false,
        };
        // An error here is only `Bounded` stopping at the limit, which `cut` records.
        let _ = write!(out, "{value}");
        if out.cut {
            out.text.push('…');
        }
        Excerpt(out.text)
    }

    /// The quoted text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Excerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// serde_json's reason with the value it quotes (`"…"` or `` `…` ``) cut to an [`Excerpt`]:
/// "invalid type: string "xxxx…", expected usize" keeps what was expected.
fn bounded_reason(reason: &str) -> String {
    for quote in ['"', '`'] {
        if let (Some(start), Some(end)) = (reason.find(quote), reason.rfind(quote)) {
            if end > start {
                let inner = &reason[start + 1..end];
                return format!("{}{}{}", &reason[..=start], Excerpt::of(inner), &reason[end..]);
            }
        }
    }
    Excerpt::of(reason).0
}

/// The text of a model file's bytes, as both the page and the `trace` command read it: UTF-8,
/// or UTF-16 (little- or big-endian) when a byte-order mark says so or, with no mark, when the
/// zero bytes of the first ASCII character do (JSON starts with one, RFC 4627 §3). A leading
/// byte-order mark is dropped; bytes that are no text become U+FFFD, so the JSON check names
/// the place.
pub fn decode(bytes: &[u8]) -> String {
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [a, 0, ..] if *a != 0 => utf16(bytes, u16::from_le_bytes),
        [0, b, ..] if *b != 0 => utf16(bytes, u16::from_be_bytes),
        _ => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// UTF-16 code units read from byte pairs by `unit`; an unpaired surrogate or an odd last
/// byte becomes U+FFFD.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|pair| match *pair {
        [a, b] => unit([a, b]),
        // A lone last byte is no UTF-16: an unpaired surrogate says so below.
        _ => 0xD800,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// A serde_json error as a [`ModelError`], with the line and column where it stopped.
pub(super) fn json_error(e: &serde_json::Error) -> ModelError {
    let full = e.to_string();
    let (what, place) = if e.line() > 0 {
        let what = full.rfind(" at line ").map_or(full.as_str(), |k| &full[..k]);
        let place = Place {
            line: e.line(),
            column: e.column(),
        };
        (what, Some(place))
    } else {
        (full.as_str(), None)
    };
    if what == "number out of range" {
        ModelError::NumberTooLarge { place }
    } else if what.starts_with("invalid type: null") {
        ModelError::NullNumber { place }
    } else if e.is_syntax() || e.is_eof() {
        ModelError::NotJson {
            reason: bounded_reason(what),
            place,
        }
    } else {
        ModelError::WrongFields {
            reason: bounded_reason(what),
            place,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    #[test]
    fn json_errors_name_the_line_and_column_once() {
        let e = serde_json::from_str::<Value>("{\n  \"a\": @\n}").unwrap_err();
        let message = json_error(&e).to_string();
        assert!(message.starts_with("the model file is not valid JSON: "), "{message}");
        assert!(message.ends_with("expected value (line 2, column 8)"), "{message}");
        assert_eq!(message.matches("line").count(), 1, "{message}");
    }
}
