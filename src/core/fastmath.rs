//! exp, expm1 and tanh accurate to a few ulps, faster than the software routines wasm falls back
//! on (wasm has no hardware exp or tanh). Branch-light: a range reduction and one polynomial.
//!
//! e^x = 2^k · e^r with k = round(x / ln 2) and r = x − k·ln 2, |r| ≤ ½ ln 2; e^r and e^r − 1 by
//! their Taylor series to r¹³ (the next term is under 4e-18 of the result), ln 2 split in two
//! parts so that r is exact to about 2⁻¹⁰⁶.

/// ln 2, high part (the low bits zero, so k·LN2_HI is exact for |k| < 2¹¹).
const LN2_HI: f64 = 0.693_147_180_369_123_8;
/// ln 2 − LN2_HI.
const LN2_LO: f64 = 1.908_214_929_270_587_7e-10;
/// 1 / ln 2.
const INV_LN2: f64 = std::f64::consts::LOG2_E;

/// e^r − 1 for |r| ≤ ½ ln 2, by Taylor series: r + r²/2! + … + r¹³/13!.
#[inline(always)]
fn expm1_small(r: f64) -> f64 {
    const C: [f64; 13] = [
        1.0,
        1.0 / 2.0,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5040.0,
        1.0 / 40320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ];
    let mut p = C[12];
    for &c in C[..12].iter().rev() {
        p = p * r + c;
    }
    p * r
}

/// k and r of the range reduction x = k·ln 2 + r, with 2^k as an f64.
#[inline(always)]
fn reduce(x: f64) -> (f64, f64, f64) {
    let k = (x * INV_LN2).round();
    let r = (x - k * LN2_HI) - k * LN2_LO;
    let scale = f64::from_bits(((k as i64 + 1023) as u64) << 52);
    (k, r, scale)
}

/// e^x. Overflows to +∞ above 709.78, underflows to 0 below −745; NaN stays NaN.
#[inline]
pub fn exp(x: f64) -> f64 {
    if !(x > -708.0 && x < 709.0) {
        // Rare: let the standard routine handle the edges, subnormals and NaN exactly.
        return x.exp();
    }
    let (_, r, scale) = reduce(x);
    (1.0 + expm1_small(r)) * scale
}

/// e^x − 1, accurate also for x near 0: 2^k·(e^r − 1) + (2^k − 1), where 2^k − 1 is exact.
#[inline]
pub fn expm1(x: f64) -> f64 {
    if !(x > -708.0 && x < 709.0) {
        return x.exp_m1();
    }
    let (k, r, scale) = reduce(x);
    let p = expm1_small(r);
    if k == 0.0 {
        p
    } else {
        scale * p + (scale - 1.0)
    }
}

/// tanh x = (e^(2x) − 1) / (e^(2x) + 1), from expm1 so that small x keep their precision.
#[inline]
pub fn tanh(x: f64) -> f64 {
    let ax = x.abs();
    if ax > 22.0 {
        // 1 − tanh 22 < 2⁻⁶³: rounds to ±1 (NaN fails the test and falls through below).
        return 1.0f64.copysign(x);
    }
    let t = expm1(2.0 * ax);
    (t / (t + 2.0)).copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Rng;

    /// Distance in units in the last place between two finite f64 of the same sign.
    fn ulps(a: f64, b: f64) -> u64 {
        if a == b {
            return 0;
        }
        assert_eq!(a.is_sign_negative(), b.is_sign_negative(), "{a} vs {b}");
        (a.to_bits() as i64 - b.to_bits() as i64).unsigned_abs()
    }

    fn worst(f: fn(f64) -> f64, reference: fn(f64) -> f64, lo: f64, hi: f64) -> u64 {
        let mut rng = Rng::new(77);
        (0..200_000)
            .map(|_| rng.uniform(lo, hi))
            .filter(|&x| reference(x) != 0.0)
            .map(|x| ulps(f(x), reference(x)))
            .max()
            .unwrap()
    }

    #[test]
    fn ln2_is_split_exactly() {
        assert_eq!(LN2_HI.to_bits() & 0xf_ffff, 0, "k·LN2_HI is exact for |k| < 2¹¹");
        assert_eq!(LN2_HI + LN2_LO, std::f64::consts::LN_2);
    }

    #[test]
    fn exp_is_within_two_ulps_of_the_standard_library() {
        assert!(worst(exp, f64::exp, -700.0, 700.0) <= 2);
        assert!(worst(exp, f64::exp, -5.0, 5.0) <= 2);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(1000.0), f64::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn expm1_is_within_two_ulps_near_zero_and_away() {
        assert!(worst(expm1, f64::exp_m1, -0.4, 0.4) <= 2);
        assert!(worst(expm1, f64::exp_m1, -1e-6, 1e-6) <= 2);
        assert!(worst(expm1, f64::exp_m1, 0.3, 30.0) <= 2);
    }

    #[test]
    fn tanh_is_within_four_ulps_of_the_standard_library() {
        assert!(worst(tanh, f64::tanh, -25.0, 25.0) <= 4);
        assert!(worst(tanh, f64::tanh, -1.0, 1.0) <= 4);
        assert!(worst(tanh, f64::tanh, -1e-5, 1e-5) <= 4);
        assert_eq!(tanh(0.0), 0.0);
        assert_eq!(tanh(30.0), 1.0);
        assert_eq!(tanh(-30.0), -1.0);
        assert!(tanh(f64::NAN).is_nan());
    }
}
