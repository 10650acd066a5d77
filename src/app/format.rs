//! Numbers as a learner sees them: never "NaN" or "inf" on screen.

/// Shown wherever a number is not finite.
pub const NOT_A_NUMBER: &str = "—";

/// `x` with `decimals` digits after the point, or a dash if `x` is not finite.
pub fn fixed(x: f64, decimals: usize) -> String {
    if x.is_finite() {
        // Avoid showing "-0.000" for tiny negatives.
        let s = format!("{x:.decimals$}");
        if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
            s[1..].to_string()
        } else {
            s
        }
    } else {
        NOT_A_NUMBER.to_string()
    }
}

/// A positive rate with three significant digits: 0.100, 0.0316, 3.16, 10.0.
pub fn rate(x: f64) -> String {
    if !(x.is_finite() && x > 0.0) {
        return NOT_A_NUMBER.to_string();
    }
    let magnitude = x.log10().floor() as i32;
    let decimals = (2 - magnitude).max(0) as usize;
    format!("{x:.decimals$}")
}

/// A small positive number in scientific notation with two significant digits (3.2e-9), or a
/// dash if it is not finite.
pub fn scientific(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.1e}")
    } else {
        NOT_A_NUMBER.to_string()
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
