//! Colour scales. Orange for negative, blue for positive, as in TensorFlow Playground: the pair
//! stays distinct for the common kinds of colour blindness.

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The colour of strongly negative values.
pub const NEGATIVE: Rgb = Rgb(0xf5, 0x93, 0x22);
/// The colour of strongly positive values.
pub const POSITIVE: Rgb = Rgb(0x08, 0x77, 0xbd);
/// The colour of zero.
pub const NEUTRAL: Rgb = Rgb(0xf4, 0xf4, 0xf4);

impl Rgb {
    /// The CSS form, `#rrggbb`.
    pub fn css(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// The colour a fraction `t` (0–1) of the way from `self` to `other`.
    pub fn mix(self, other: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        // The channels are never negative, so adding a half and truncating rounds them, as `round`
        // does but without its library call in WebAssembly (this runs for every cell of a map).
        let channel = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t + 0.5) as u8;
        Rgb(
            channel(self.0, other.0),
            channel(self.1, other.1),
            channel(self.2, other.2),
        )
    }
}

/// A value in [−1, 1] on the diverging scale: orange below zero, blue above, pale at zero.
/// Values outside are clamped; a non-finite value is drawn neutral.
pub fn diverging(v: f64) -> Rgb {
    if !v.is_finite() {
        return NEUTRAL;
    }
    if v >= 0.0 {
        NEUTRAL.mix(POSITIVE, v)
    } else {
        NEUTRAL.mix(NEGATIVE, -v)
    }
}

/// The colour of a gradient pushing a weight down (∂L/∂w > 0): purple, a palette of its own so
/// that the backward pass never looks like the weights.
pub const GRADIENT_POSITIVE: Rgb = Rgb(0x76, 0x2a, 0x83);
/// The colour of a gradient pushing a weight up (∂L/∂w < 0): green.
pub const GRADIENT_NEGATIVE: Rgb = Rgb(0x1b, 0x78, 0x37);

/// A gradient or error in [−1, 1] on the backward pass's scale: green below zero, purple above.
/// Values outside are clamped; a non-finite value is drawn neutral.
pub fn gradient_scale(v: f64) -> Rgb {
    if !v.is_finite() {
        return NEUTRAL;
    }
    if v >= 0.0 {
        NEUTRAL.mix(GRADIENT_POSITIVE, v)
    } else {
        NEUTRAL.mix(GRADIENT_NEGATIVE, -v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_ends_and_middle() {
        assert_eq!(diverging(1.0), POSITIVE);
        assert_eq!(diverging(5.0), POSITIVE);
        assert_eq!(diverging(-1.0), NEGATIVE);
        assert_eq!(diverging(0.0), NEUTRAL);
        assert_eq!(diverging(f64::NAN), NEUTRAL);
        assert_eq!(POSITIVE.css(), "#0877bd");
        assert_eq!(gradient_scale(-2.0), GRADIENT_NEGATIVE);
        assert_eq!(gradient_scale(1.0), GRADIENT_POSITIVE);
        assert_eq!(gradient_scale(f64::INFINITY), NEUTRAL);
    }

    #[test]
    fn stronger_values_are_further_from_neutral() {
        let dist = |c: Rgb| {
            (f64::from(c.0) - f64::from(NEUTRAL.0)).abs()
                + (f64::from(c.1) - f64::from(NEUTRAL.1)).abs()
                + (f64::from(c.2) - f64::from(NEUTRAL.2)).abs()
        };
        assert!(dist(diverging(0.2)) < dist(diverging(0.6)));
        assert!(dist(diverging(-0.2)) < dist(diverging(-0.6)));
    }
}
