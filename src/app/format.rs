//! Numbers as a learner sees them: never "NaN" or "inf" on screen.

/// Shown wherever a number is not finite.
pub const NOT_A_NUMBER: &str = "—";

/// The most characters any readout here is, for any f64: a number always fits its box.
pub const MAX_CHARS: usize = 12;

/// `x` with `decimals` digits after the point, or a dash if `x` is not finite. A number too
/// long for [`MAX_CHARS`] loses decimals first, then is written with a power of ten
/// (`1.5e308`).
pub fn fixed(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return NOT_A_NUMBER.to_string();
    }
    // More than MAX_CHARS decimals cannot fit anyway.
    for d in (0..=decimals.min(MAX_CHARS)).rev() {
        let s = format!("{x:.d$}");
        // Avoid showing "-0.000" for tiny negatives.
        let s = if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        };
        if s.len() <= MAX_CHARS {
            return s;
        }
    }
    with_power_of_ten(x, decimals)
}

/// `x` as `m.mmme±k` with at most `decimals` digits after the point, as many as fit in
/// [`MAX_CHARS`]; more only when rounding would pass the largest f64 (1.797…e308 to "1.8e308",
/// which reads back as ∞). `x` must be finite.
fn with_power_of_ten(x: f64, decimals: usize) -> String {
    let fits = |s: &String| s.len() <= MAX_CHARS && s.parse::<f64>().is_ok_and(f64::is_finite);
    let fewer = (0..=decimals.min(MAX_CHARS)).rev();
    let more = decimals + 1..=MAX_CHARS;
    fewer
        .chain(more)
        .map(|d| format!("{x:.d$e}"))
        .find(fits)
        // Not reached: no decimals fit any x below 1 in size ("-5e-324"), five any other.
        .unwrap_or_else(|| NOT_A_NUMBER.to_string())
}

/// A positive rate with three significant digits: 0.100, 0.0316, 3.16, 10.0; below 0.0001
/// or from a million up with a power of ten (1.00e-5, 2.50e6), so that it stays short. A
/// dash if it is not a positive, finite number.
pub fn rate(x: f64) -> String {
    if !(x.is_finite() && x > 0.0) {
        return NOT_A_NUMBER.to_string();
    }
    if !(1e-4..1e6).contains(&x) {
        return with_power_of_ten(x, 2);
    }
    let magnitude = x.log10().floor() as i32;
    let decimals = (2 - magnitude).max(0) as usize;
    format!("{x:.decimals$}")
}

/// A small positive number in scientific notation with two significant digits (3.2e-9), or a
/// dash if it is not finite. At most [`MAX_CHARS`] characters.
pub fn scientific(x: f64) -> String {
    if x.is_finite() {
        with_power_of_ten(x, 1)
    } else {
        NOT_A_NUMBER.to_string()
    }
}

/// `text` to quote in a message: at most `limit` characters (not bytes: Chinese stays whole),
/// with "…" where it was cut.
pub fn cut(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// `text` for the data part of a `data:` URL: every byte but letters, digits and `-_.~`
/// written as %XX.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3 / 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A number typed by the learner ("-0.5", "2e-3", "0,5"), or NaN if it is not one.
pub fn parse_number(text: &str) -> f64 {
    text.trim().replace(',', ".").parse().unwrap_or(f64::NAN)
}

/// A learning rate typed by the learner: a positive, finite number ("0.03", "3e-2", "0,03").
/// Anything else is `None`.
pub fn parse_rate(text: &str) -> Option<f64> {
    let rate: f64 = text.trim().replace(',', ".").parse().ok()?;
    (rate.is_finite() && rate > 0.0).then_some(rate)
}

/// The round rates 1, 2 and 5 × 10ᵏ: the learning-rate slider's arrow keys step along them.
fn round_rates(lo: f64, hi: f64) -> impl Iterator<Item = f64> {
    (-8..=8)
        // Divided for negative powers, so that 5 / 100 is exactly the number 0.05 is.
        .flat_map(|k: i32| [1.0, 2.0, 5.0].map(|m: f64| if k < 0 { m / 10f64.powi(-k) } else { m * 10f64.powi(k) }))
        .filter(move |&r| r >= lo * (1.0 - 1e-9) && r <= hi * (1.0 + 1e-9))
}

/// The learning rate one arrow press away from `current` within `lo`…`hi`: the next round rate
/// (1, 2 or 5 × 10ᵏ) above it when `up`, else the next below; `current` at the end of the range
/// stays.
pub fn next_rate(current: f64, up: bool, lo: f64, hi: f64) -> f64 {
    let current = if current.is_finite() { current } else { lo };
    let near = |r: f64| (r - current).abs() <= current * 1e-6;
    let found = if up {
        round_rates(lo, hi).find(|&r| r > current && !near(r))
    } else {
        round_rates(lo, hi).filter(|&r| r < current && !near(r)).last()
    };
    found.unwrap_or(current.clamp(lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Rng;

    #[test]
    fn arrows_step_the_rate_along_round_numbers() {
        let (lo, hi) = (1e-4, 10.0);
        assert_eq!(next_rate(0.1, true, lo, hi), 0.2);
        assert_eq!(next_rate(0.1, false, lo, hi), 0.05);
        // A rate between round numbers goes to the next one each way.
        assert_eq!(next_rate(0.0316, true, lo, hi), 0.05);
        assert_eq!(next_rate(0.0316, false, lo, hi), 0.02);
        // From 0.1 to 0.001 in six presses, not two hundred.
        let mut r = 0.1;
        for _ in 0..6 {
            r = next_rate(r, false, lo, hi);
        }
        assert!((r - 0.001).abs() < 1e-12, "{r}");
        // The ends stay.
        assert_eq!(next_rate(10.0, true, lo, hi), 10.0);
        assert_eq!(next_rate(1e-4, false, lo, hi), 1e-4);
        assert_eq!(next_rate(f64::NAN, true, lo, hi), 2e-4);
    }

    #[test]
    fn rates_show_three_significant_digits() {
        assert_eq!(rate(0.1), "0.100");
        assert_eq!(rate(0.031_622_8), "0.0316");
        assert_eq!(rate(0.0001), "0.000100");
        assert_eq!(rate(3.162), "3.16");
        assert_eq!(rate(10.0), "10.0");
    }

    #[test]
    fn typed_rates_are_read_or_refused() {
        assert_eq!(parse_rate(" 0.03 "), Some(0.03));
        assert_eq!(parse_rate("3e-2"), Some(0.03));
        assert_eq!(parse_rate("0,5"), Some(0.5));
        for bad in ["abc", "", "-1", "0", "inf", "NaN", "1e999", "0.1.2"] {
            assert_eq!(parse_rate(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn nothing_unreadable_reaches_the_screen() {
        assert_eq!(fixed(f64::NAN, 3), "—");
        assert_eq!(fixed(f64::INFINITY, 3), "—");
        assert_eq!(rate(f64::NAN), "—");
        assert_eq!(rate(-1.0), "—");
        assert_eq!(fixed(-0.0001, 3), "0.000");
        assert_eq!(fixed(-0.25, 2), "-0.25");
        assert_eq!(scientific(f64::NAN), "—");
        assert_eq!(scientific(3.21e-9), "3.2e-9");
    }

    #[test]
    fn huge_and_tiny_numbers_stay_short() {
        assert_eq!(rate(1e-320), "1.00e-320");
        assert_eq!(rate(1e308), "1.00e308");
        assert_eq!(rate(2.5e-5), "2.50e-5");
        assert_eq!(rate(f64::INFINITY), "—");
        assert_eq!(fixed(1e308, 4), "1.0000e308");
        assert_eq!(fixed(-1.5e300, 2), "-1.50e300");
        assert_eq!(fixed(f64::MIN, 2), "-1.79769e308");
        assert_eq!(fixed(f64::MAX, 0), "1.79769e308", "not 2e308, which is beyond f64");
        assert_eq!(rate(f64::MAX), "1.79769e308");
        assert_eq!(fixed(123_456_789_012.3, 2), "123456789012", "decimals go first");
        assert_eq!(fixed(1_234_567_890_123.0, 2), "1.23e12");
        assert_eq!(fixed(1e-320, 4), "0.0000");
        assert_eq!(fixed(-1e-320, 4), "0.0000");
        assert_eq!(scientific(f64::from_bits(1)), "4.9e-324");
        assert_eq!(scientific(f64::NEG_INFINITY), "—");
    }

    /// The number a readout stands for and half a unit of its last digit, worked out from the
    /// text alone: "12.50" gives (12.5, 0.005), "1.5e308" gives (1.5e308, 0.05e308).
    fn read_back(text: &str) -> (f64, f64) {
        assert!(
            text.chars().all(|c| c.is_ascii_digit() || ".e-".contains(c)),
            "{text:?} is a plain number"
        );
        let (mantissa, exponent) = match text.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap()),
            None => (text, 0),
        };
        let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
        let value: f64 = text.parse().unwrap();
        // Parsed, not powi: 10⁻³¹⁰ as 1 / 10³¹⁰ would be 1 / ∞ = 0.
        let half_unit = format!("5e{}", exponent - decimals - 1).parse().unwrap();
        (value, half_unit)
    }

    /// Random bit patterns (any sign, exponent, NaN payload), everyday numbers at every scale
    /// from 1e-15 to 1e15, and the edges of f64.
    fn every_kind_of_f64() -> Vec<f64> {
        let mut rng = Rng::new(12);
        let mut xs = vec![
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            f64::from_bits(1),
            -f64::from_bits(1),
            f64::MAX,
            f64::MIN,
            1e-320,
            1e308,
            9.99995,
            0.99995,
            -0.00004,
            99_999_999_999.5,
            999_999_999_999.5,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        xs.extend((0..10_000).map(|_| f64::from_bits(rng.next_u64())));
        xs.extend((0..10_000).map(|_| rng.uniform(-10.0, 10.0) * 10f64.powi(rng.below(31) as i32 - 15)));
        xs
    }

    #[test]
    fn every_readout_is_short_and_reads_back_for_any_f64() {
        let check = |x: f64, text: &str, what: &str| {
            assert!(
                text.chars().count() <= MAX_CHARS,
                "{what}({x:e}) = {text:?} is too long"
            );
            if text == NOT_A_NUMBER {
                return;
            }
            let (back, half_unit) = read_back(text);
            // Half a unit of the last digit shown, plus what parsing the text back can lose.
            let slack = half_unit * (1.0 + 1e-9) + x.abs() * 1e-15 + 1e-323;
            assert!(
                (back - x).abs() <= slack,
                "{what}({x:e}) = {text:?} reads back as {back:e}"
            );
        };
        for x in every_kind_of_f64() {
            for decimals in 0..=6 {
                let text = fixed(x, decimals);
                assert_eq!(text == NOT_A_NUMBER, !x.is_finite(), "fixed({x:e}, {decimals})");
                check(x, &text, &format!("fixed(·, {decimals})"));
            }
            let text = rate(x);
            assert_eq!(text == NOT_A_NUMBER, !(x.is_finite() && x > 0.0), "rate({x:e})");
            check(x, &text, "rate");
            let text = scientific(x);
            assert_eq!(text == NOT_A_NUMBER, !x.is_finite(), "scientific({x:e})");
            check(x, &text, "scientific");
        }
    }

    #[test]
    fn typed_numbers_are_read_or_nan() {
        assert_eq!(parse_number(" -0,5 "), -0.5);
        assert_eq!(parse_number("2e-3"), 0.002);
        assert!(parse_number("abc").is_nan() && parse_number("").is_nan());
    }

    #[test]
    fn data_urls_carry_any_text() {
        assert_eq!(percent_encode("{\"w\": [-0.5]}"), "%7B%22w%22%3A%20%5B-0.5%5D%7D");
        assert_eq!(percent_encode("η"), "%CE%B7");
    }
}
