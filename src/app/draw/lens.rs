//! The learning-rate lens's picture: the batch's cost after one step of plain gradient descent,
//! C(θ − s·g), against the step size s on the learning-rate slider's logarithmic scale, so that
//! the mark of the current rate sits under the slider's thumb and moves with it. A dashed line
//! is the cost before the step: a landing above it overshoots. Geometry only (SVG path data and
//! points in picture units); the component draws it.

use crate::app::settings::LEARNING_RATE_SLIDER;
use crate::core::LensView;

/// How many step sizes the curve is measured at, evenly on the logarithmic scale.
pub const LENS_POINTS: usize = 41;

/// The step sizes the curve is measured at: [`LENS_POINTS`] from the slider's smallest rate to
/// its largest, evenly in log₁₀.
pub fn lens_steps() -> Vec<f64> {
    let (lo, hi) = (LEARNING_RATE_SLIDER.0.log10(), LEARNING_RATE_SLIDER.1.log10());
    (0..LENS_POINTS)
        .map(|k| 10f64.powf(lo + (hi - lo) * k as f64 / (LENS_POINTS - 1) as f64))
        .collect()
}

/// Where the step of the current rate lands, against where it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Landing {
    /// The cost goes down.
    Lower,
    /// The cost goes up: the step overshoots the valley.
    Higher,
    /// The cost overflows (∞ or NaN): the step runs off.
    RunsOff,
}

impl Landing {
    /// Where a step from cost `start` to cost `landing` lands.
    pub fn of(start: f64, landing: f64) -> Self {
        if !landing.is_finite() {
            Landing::RunsOff
        } else if landing < start {
            Landing::Lower
        } else {
            Landing::Higher
        }
    }
}

/// The lens in picture units, `width` × `height`, y down.
#[derive(Clone, Debug, PartialEq)]
pub struct LensChart {
    /// SVG path data of the curve; a cost above the top (or not finite) is drawn at the top.
    pub curve: String,
    /// The y of the cost before the step (the dashed line).
    pub start_y: f64,
    /// Where the current rate's step lands: its x on the slider's scale (clamped to the ends)
    /// and its cost's y (clamped to the top).
    pub mark: [f64; 2],
    /// Where it lands against where it starts.
    pub landing: Landing,
    /// The costs the bottom and the top of the picture stand for.
    pub range: (f64, f64),
}

impl LensChart {
    /// The picture of `view`, measured at [`lens_steps`].
    pub fn new(view: &LensView, width: f64, height: f64) -> Self {
        let finite = || view.costs.iter().copied().chain([view.start]).filter(|c| c.is_finite());
        let low = finite().fold(view.start, f64::min);
        // The start sits high enough that a landing above it shows: the top is as far above
        // the start as the lowest cost is below it (at least a fifth of the start).
        let drop = (view.start - low).max(0.2 * view.start.abs()).max(1e-9);
        let (bottom, top) = (low - 0.05 * drop, view.start + drop);
        let y = |c: f64| {
            let t = if c.is_finite() {
                ((c - bottom) / (top - bottom)).clamp(0.0, 1.0)
            } else {
                1.0
            };
            height * (1.0 - t)
        };
        let x = |s: f64| width * slider_position(s);
        let mut curve = String::new();
        for (k, (&s, &c)) in view.steps.iter().zip(&view.costs).enumerate() {
            let command = if k == 0 { 'M' } else { 'L' };
            curve.push_str(&format!("{command}{:.1} {:.1}", x(s), y(c)));
        }
        Self {
            curve,
            start_y: y(view.start),
            mark: [x(view.rate), y(view.landing)],
            landing: Landing::of(view.start, view.landing),
            range: (bottom, top),
        }
    }
}

/// Where rate `s` sits on the slider, from 0 (its smallest rate or less) to 1 (its largest).
pub fn slider_position(s: f64) -> f64 {
    let (lo, hi) = (LEARNING_RATE_SLIDER.0.log10(), LEARNING_RATE_SLIDER.1.log10());
    if s > 0.0 {
        ((s.log10() - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A view of a bowl-shaped cost along the step, C(s) = 1 − s + s²/2 (lowest, 0.5, at s = 1),
    /// measured at the lens's steps, with rate `rate`.
    fn bowl(rate: f64) -> LensView {
        let c = |s: f64| 1.0 - s + s * s / 2.0;
        let steps = lens_steps();
        LensView {
            rate,
            costs: steps.iter().map(|&s| c(s)).collect(),
            steps,
            start: 1.0,
            landing: c(rate),
            gradient_norm: 1.0,
        }
    }

    #[test]
    fn the_steps_span_the_slider_evenly_on_its_log_scale() {
        let steps = lens_steps();
        assert_eq!(steps.len(), LENS_POINTS);
        assert!((steps[0] - 1e-4).abs() < 1e-18 && (steps[LENS_POINTS - 1] - 10.0).abs() < 1e-12);
        // Five decades in 40 intervals: each step is 10^(1/8) times the one before.
        for pair in steps.windows(2) {
            assert!((pair[1] / pair[0] - 10f64.powf(0.125)).abs() < 1e-12);
        }
    }

    #[test]
    fn the_mark_sits_where_the_slider_thumb_is_and_moves_with_it() {
        let at = |rate: f64| LensChart::new(&bowl(rate), 300.0, 100.0).mark[0];
        assert_eq!(at(1e-4), 0.0);
        assert_eq!(at(10.0), 300.0);
        // 0.01 is two decades of five from the left.
        assert!((at(0.01) - 120.0).abs() < 1e-9);
        assert!(at(0.03) < at(0.1) && at(0.1) < at(1.0));
        // Typed rates beyond the slider sit at its ends.
        assert_eq!(at(1e-6), 0.0);
    }

    #[test]
    fn the_valley_is_the_lowest_point_and_an_overshoot_lands_above_the_start() {
        let chart = LensChart::new(&bowl(1.0), 300.0, 100.0);
        assert_eq!(chart.landing, Landing::Lower);
        // At the valley's floor (s = 1, the cost's lowest) the mark is near the bottom.
        assert!(chart.mark[1] > 90.0, "{:?}", chart.mark);
        assert!(chart.start_y < chart.mark[1]);
        // C(3) = 2.5 > 1: above the dashed line, clamped to the top.
        let over = LensChart::new(&bowl(3.0), 300.0, 100.0);
        assert_eq!(over.landing, Landing::Higher);
        assert!(over.mark[1] < over.start_y);
        assert_eq!(over.mark[1], 0.0);
        // A small rate lands just below the start.
        let crawl = LensChart::new(&bowl(1e-3), 300.0, 100.0);
        assert_eq!(crawl.landing, Landing::Lower);
        assert!(crawl.mark[1] > crawl.start_y && crawl.mark[1] - crawl.start_y < 1.0);
    }

    #[test]
    fn costs_that_overflow_are_drawn_at_the_top_and_named() {
        let mut view = bowl(10.0);
        view.landing = f64::INFINITY;
        *view.costs.last_mut().unwrap() = f64::NAN;
        let chart = LensChart::new(&view, 300.0, 100.0);
        assert_eq!(chart.landing, Landing::RunsOff);
        assert_eq!(chart.mark, [300.0, 0.0]);
        assert!(chart.curve.ends_with("L300.0 0.0"), "{}", chart.curve);
        assert!(!chart.curve.contains("NaN") && !chart.curve.contains("inf"));
        assert!(chart.range.0.is_finite() && chart.range.1.is_finite());
        assert_eq!(chart.curve.matches('L').count(), LENS_POINTS - 1);
    }
}
