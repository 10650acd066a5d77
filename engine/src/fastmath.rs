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

/// e^r − 1 for |r| ≤ ½ ln 2, as r + r²/2 + r³·g(r), with g(r) = (e^r − 1 − r − r²/2)/r³ =
/// 1/3! + r/4! + … approximated by the degree-8 polynomial below: a Chebyshev fit on
/// [−½ ln 2, ½ ln 2] (computed with mpmath at 50 digits), at most 6.1e-16 from g there, which
/// moves the result by well under an ulp.
#[inline(always)]
fn expm1_small(r: f64) -> f64 {
    const G: [f64; 9] = [
        0.166_666_666_666_666_66,
        0.041_666_666_666_651_364,
        0.008_333_333_333_332_157,
        0.001_388_888_890_587_134_7,
        0.000_198_412_698_543_307_7,
        2.480_153_640_906_408_7e-5,
        2.755_728_008_268_468_5e-6,
        2.761_379_555_451_986e-7,
        2.509_554_598_170_022e-8,
    ];
    // r + r²/2 carry most of the value and are added last, so rounding stays within about an ulp;
    // the tail runs by Estrin's scheme: independent pairs combined by r², r⁴ and r⁸, a chain of
    // about 4 dependent steps instead of Horner's 9.
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let q0 = G[0] + G[1] * r;
    let q1 = G[2] + G[3] * r;
    let q2 = G[4] + G[5] * r;
    let q3 = G[6] + G[7] * r;
    let tail = (q0 + q1 * r2) + (q2 + q3 * r2) * r4 + G[8] * r8;
    r + r2 * (0.5 + r * tail)
}

/// 1.5·2⁵²: adding it rounds a number of magnitude below 2⁵¹ to an integer (ties to even) and
/// leaves that integer in the low bits of the sum, with no branch and no float-to-int conversion,
/// so that the loops calling these functions can run two lanes at a time.
const ROUNDER: f64 = 6_755_399_441_055_744.0;

/// k and r of the range reduction x = k·ln 2 + r, with 2^k as an f64 (valid for |k| ≤ 1022).
#[inline(always)]
fn reduce(x: f64) -> (f64, f64) {
    let shifted = x * INV_LN2 + ROUNDER;
    let k = shifted - ROUNDER;
    let r = (x - k * LN2_HI) - k * LN2_LO;
    // The low bits of `shifted` hold k; k + 1023 shifted into the exponent field is 2^k.
    let scale = f64::from_bits(shifted.to_bits().wrapping_add(1023) << 52);
    (r, scale)
}

/// e^x − 1 for −708 < x < 709: 2^k·(e^r − 1) + (2^k − 1), where 2^k − 1 is exact (and 0 for k = 0).
#[inline(always)]
fn expm1_in_range(x: f64) -> f64 {
    let (r, scale) = reduce(x);
    scale * expm1_small(r) + (scale - 1.0)
}

/// e^x for −708 < x < 709 (no range check: the caller keeps x inside).
#[inline(always)]
pub fn exp_in_range(x: f64) -> f64 {
    let (r, scale) = reduce(x);
    (1.0 + expm1_small(r)) * scale
}

/// e^x. Overflows to +∞ above 709.78, underflows to 0 below −745; NaN stays NaN.
#[inline]
pub fn exp(x: f64) -> f64 {
    if !(x > -708.0 && x < 709.0) {
        // Rare: let the standard routine handle the edges, subnormals and NaN exactly.
        return x.exp();
    }
    exp_in_range(x)
}

/// e^x − 1, accurate also for x near 0.
#[inline]
pub fn expm1(x: f64) -> f64 {
    if !(x > -708.0 && x < 709.0) {
        return x.exp_m1();
    }
    expm1_in_range(x)
}

/// tanh x = (e^(2|x|) − 1) / (e^(2|x|) + 1) with the sign of x, from expm1 so that small x keep
/// their precision. Branch-free: |x| is capped at 22, where tanh already rounds to ±1.
#[inline]
pub fn tanh(x: f64) -> f64 {
    let ax = x.abs();
    // A select, not a jump; NaN fails the comparison and stays NaN.
    let capped = if ax > 22.0 { 22.0 } else { ax };
    let t = expm1_in_range(2.0 * capped);
    (t / (t + 2.0)).copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Rng;

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
