//! The per-frame time budget of training while playing. The speed setting asks for a number of
//! steps a frame; a frame takes only those that fit in [`FRAME_BUDGET_MS`] of training, measured
//! with a [`Clock`] the page passes in (`performance.now()`; a fake one in the tests, so this
//! stays free of browser crates). The first step of a frame always runs, so training never
//! stops, even when one step alone takes longer than the budget. [`Pace`] remembers whether
//! the frames fall short of the speed asked, for the page to say so.

use super::Lab;
use crate::app::settings::SPEEDS;
use std::fmt;
use std::rc::Rc;

/// Milliseconds of training a display frame may spend (a frame is about 16.7 ms: the rest is
/// left for drawing and for the learner's clicks).
pub const FRAME_BUDGET_MS: f64 = 10.0;

/// Frames in a row that must take every step asked before "cannot keep up" goes away: a
/// speed at the edge of the budget does not make the note blink.
pub const KEEP_UP_FRAMES: u32 = 30;

/// The recent frames judged together: the note shows when [`SHORT_FRAMES`] of the last
/// [`RECENT_FRAMES`] fell short. One slow frame (a garbage collection, another tab) says
/// nothing; training that cannot keep up shows it within a few frames, a tenth of a second.
pub const RECENT_FRAMES: u32 = 10;

/// Frames of the last [`RECENT_FRAMES`] that must fall short for the note to show.
pub const SHORT_FRAMES: u32 = 4;

/// Weight of the latest frame in the steps-a-frame shown while falling short (an exponential
/// mean, so that the number can be read while it changes).
const SMOOTHING: f64 = 0.2;

/// A source of the time in milliseconds: `performance.now()` in the page, a fake in tests.
#[derive(Clone)]
pub struct Clock(Rc<dyn Fn() -> f64>);

impl Clock {
    /// A clock that reads the time from `now`, in milliseconds.
    pub fn new(now: impl Fn() -> f64 + 'static) -> Self {
        Self(Rc::new(now))
    }

    /// A clock that never moves: every step asked fits in the budget.
    pub fn stopped() -> Self {
        Self::new(|| 0.0)
    }

    /// The time now, in milliseconds.
    pub fn now(&self) -> f64 {
        (self.0)()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

impl PartialEq for Clock {
    /// Two clocks are equal when they are the same clock.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Whether one more step fits in this frame's budget after `done` steps (at least one) took
/// `spent` ms: the next is expected to cost their mean, `spent / done`, and must end within
/// `budget`. More than `asked` never fit.
pub fn another_fits(done: usize, asked: usize, spent: f64, budget: f64) -> bool {
    if done >= asked {
        return false;
    }
    if done == 0 {
        return true;
    }
    let next = spent / done as f64;
    spent + next <= budget
}

/// How training keeps up with the speed asked, frame after frame.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Pace {
    /// The steps asked of the frames seen (a new speed starts afresh).
    asked: usize,
    /// The last [`RECENT_FRAMES`] frames, one bit each, the newest lowest: set if it fell short.
    recent: u16,
    /// While any recent frame fell short, or the note shows: the steps a frame taken, a smoothed mean.
    mean: Option<f64>,
    /// Whether the note shows.
    showing: bool,
    /// Frames in a row that took every step asked.
    kept_up: u32,
}

impl Pace {
    /// Notes a frame that took `done` of the `asked` steps. The note shows once [`SHORT_FRAMES`]
    /// of the last [`RECENT_FRAMES`] fell short; it goes away after [`KEEP_UP_FRAMES`] frames
    /// in a row that took them all.
    pub fn frame(&mut self, done: usize, asked: usize) {
        if asked != self.asked {
            *self = Self {
                asked,
                ..Self::default()
            };
        }
        let done = done.min(asked);
        let short = done < asked;
        self.recent = ((self.recent << 1) | u16::from(short)) & ((1 << RECENT_FRAMES) - 1);
        self.kept_up = if short { 0 } else { self.kept_up.saturating_add(1) };
        if self.recent.count_ones() >= SHORT_FRAMES {
            self.showing = true;
        }
        if self.kept_up >= KEEP_UP_FRAMES || (!self.showing && self.recent == 0) {
            self.showing = false;
            self.mean = None;
            return;
        }
        // Before the note shows, only the frames that fell short count towards the mean.
        if short || self.showing {
            self.mean = Some(match self.mean {
                Some(mean) => mean + SMOOTHING * (done as f64 - mean),
                None => done as f64,
            });
        }
    }

    /// Forgets the frames seen: training paused, or the speed or the network changed.
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// While frames fall short of the speed: (steps a frame taken, steps asked), the first a
    /// whole number between 1 and the second.
    pub fn behind(&self) -> Option<(usize, usize)> {
        let mean = self.mean.filter(|_| self.showing)?;
        Some(((mean.round() as usize).clamp(1, self.asked), self.asked))
    }
}

impl Lab {
    /// While frames fall short of the speed asked: (steps a frame taken, steps asked).
    pub fn pace(&self) -> Option<(usize, usize)> {
        self.pace.behind()
    }

    /// One animation frame while playing: at the speed's ticks, the steps asked that fit in
    /// [`FRAME_BUDGET_MS`] by `clock` (the first always), noted in the [`Pace`].
    pub(super) fn tick(&mut self, clock: &Clock) {
        if !self.playing {
            return;
        }
        self.ticks += 1;
        let (asked, every) = SPEEDS[self.settings.speed];
        if !self.ticks.is_multiple_of(every) {
            return;
        }
        let (start, before) = (clock.now(), self.run.trainer().steps());
        let going = self.train_steps(asked, |done| {
            another_fits(done, asked, clock.now() - start, FRAME_BUDGET_MS)
        });
        if going {
            let done = self.run.trainer().steps().saturating_sub(before);
            self.pace.frame(usize::try_from(done).unwrap_or(usize::MAX), asked);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, Notice};

    /// A clock that moves on `ms` every time it is read, as if each step took that long.
    fn ticking(ms: f64) -> Clock {
        let time = std::rc::Rc::new(std::cell::Cell::new(0.0));
        Clock::new(move || {
            time.set(time.get() + ms);
            time.get()
        })
    }

    /// A lab playing at the fastest speed that counts its steps, 500 a frame.
    fn fastest() -> Lab {
        let mut lab = Lab::default();
        lab.apply(Action::SetSpeed(SPEEDS.len() - 2));
        lab.apply(Action::TogglePlay);
        assert_eq!(SPEEDS[lab.settings().speed], (500, 1));
        lab
    }

    /// Enough frames of 3-ms steps for the note to show.
    fn fall_short(lab: &mut Lab) {
        for _ in 0..SHORT_FRAMES {
            lab.apply(Action::Tick(ticking(3.0)));
        }
    }

    #[test]
    fn a_frame_stops_training_when_its_budget_is_spent() {
        let mut lab = fastest();
        // Each step seen to take 3 ms: after three (9 ms) a fourth would end past 10 ms.
        lab.apply(Action::Tick(ticking(3.0)));
        assert_eq!(lab.trainer().steps(), 3);
        assert_eq!(lab.pace(), None, "one short frame says nothing yet");
        for _ in 1..SHORT_FRAMES {
            lab.apply(Action::Tick(ticking(3.0)));
        }
        assert_eq!(lab.trainer().steps(), 3 * u64::from(SHORT_FRAMES));
        assert_eq!(lab.pace(), Some((3, 500)), "the page says it falls short");
        assert!(lab.playing());
    }

    #[test]
    fn as_fast_as_it_can_takes_every_step_that_fits_and_says_how_many() {
        let mut lab = fastest();
        lab.apply(Action::SetSpeed(SPEEDS.len() - 1));
        assert_eq!(SPEEDS[lab.settings().speed], (crate::app::settings::FASTEST, 1));
        // Each step seen to take 0.1 ms: about a hundred fit in the 10 ms of a frame.
        for frame in 1..=u64::from(SHORT_FRAMES) {
            lab.apply(Action::Tick(ticking(0.1)));
            assert!(
                (95..=100).contains(&(lab.trainer().steps() / frame)),
                "{} steps",
                lab.trainer().steps()
            );
        }
        let (done, asked) = lab.pace().expect("the page says how many steps a frame it takes");
        assert!((95..=100).contains(&done), "{done}");
        assert_eq!(asked, crate::app::settings::FASTEST);
    }

    #[test]
    fn a_frame_takes_one_step_even_when_that_one_is_over_the_budget() {
        let mut lab = fastest();
        for frame in 1..=u64::from(SHORT_FRAMES) {
            lab.apply(Action::Tick(ticking(50.0)));
            assert_eq!(lab.trainer().steps(), frame, "never zero steps a frame");
        }
        assert_eq!(lab.pace(), Some((1, 500)));
    }

    #[test]
    fn a_frame_never_takes_more_than_asked_and_keeping_up_takes_the_note_away() {
        let mut lab = fastest();
        fall_short(&mut lab);
        assert!(lab.pace().is_some());
        let before = lab.trainer().steps();
        lab.apply(Action::Tick(Clock::stopped()));
        assert_eq!(
            lab.trainer().steps() - before,
            500,
            "all that is asked, no more, when time allows"
        );
        for _ in 1..KEEP_UP_FRAMES {
            assert!(lab.pace().is_some(), "not yet: it has to keep up for a while");
            lab.apply(Action::Tick(Clock::stopped()));
        }
        assert_eq!(lab.pace(), None);
    }

    #[test]
    fn pausing_or_another_speed_takes_the_note_away() {
        let mut lab = fastest();
        fall_short(&mut lab);
        assert!(lab.pace().is_some());
        lab.apply(Action::TogglePlay);
        assert_eq!(lab.pace(), None, "paused");
        let steps = lab.trainer().steps();
        lab.apply(Action::Tick(ticking(3.0)));
        assert_eq!(
            (lab.trainer().steps(), lab.pace()),
            (steps, None),
            "a tick while paused does nothing"
        );
        lab.apply(Action::TogglePlay);
        fall_short(&mut lab);
        assert!(lab.pace().is_some());
        lab.apply(Action::SetSpeed(SPEEDS.len() - 3));
        assert_eq!(lab.pace(), None, "another speed is judged afresh");
        fall_short(&mut lab);
        assert_eq!(lab.pace(), Some((3, 200)));
        lab.apply(Action::AddLayer);
        assert_eq!(lab.pace(), None, "and so is another network");
    }

    #[test]
    fn a_halt_in_a_frame_pauses_without_a_note() {
        let mut lab = fastest();
        // Any cost is below 50: training stops at the end of the first epoch.
        lab.apply(Action::StopBelow(Some(50.0)));
        for _ in 0..50 {
            if !lab.playing() {
                break;
            }
            lab.apply(Action::Tick(ticking(3.0)));
        }
        assert!(!lab.playing(), "the stop rule pauses training");
        assert!(matches!(lab.message(), Some(Notice::Stopped(_))));
        assert_eq!(lab.pace(), None);
    }

    #[test]
    fn slow_speeds_train_one_step_at_their_ticks_and_keep_up() {
        let mut lab = Lab::default();
        lab.apply(Action::SetSpeed(0));
        lab.apply(Action::TogglePlay);
        let (_, every) = SPEEDS[0];
        for _ in 0..every * u64::from(SHORT_FRAMES) {
            lab.apply(Action::Tick(ticking(50.0)));
        }
        assert_eq!(lab.trainer().steps(), u64::from(SHORT_FRAMES));
        assert_eq!(lab.pace(), None, "one step of one asked keeps up, however long it took");
    }

    #[test]
    fn the_first_step_always_fits_and_never_more_than_asked() {
        assert!(
            another_fits(0, 500, 1e9, FRAME_BUDGET_MS),
            "a frame always takes one step"
        );
        assert!(!another_fits(500, 500, 0.0, FRAME_BUDGET_MS), "never more than asked");
        assert!(!another_fits(1, 1, 0.0, FRAME_BUDGET_MS));
        assert!(another_fits(1, 2, 0.0, FRAME_BUDGET_MS));
    }

    #[test]
    fn a_step_fits_only_if_it_is_expected_to_end_within_the_budget() {
        // Three steps in 6 ms: the next is expected to take 2 ms and end at 8 ms.
        assert!(another_fits(3, 500, 6.0, 10.0));
        // Four in 8 ms: the fifth would end at 10 ms, just within.
        assert!(another_fits(4, 500, 8.0, 10.0));
        // Five in 10 ms: the sixth would end at 12 ms.
        assert!(!another_fits(5, 500, 10.0, 10.0));
        // One step that alone took more than the budget: no second.
        assert!(!another_fits(1, 500, 40.0, 10.0));
    }

    #[test]
    fn one_slow_frame_says_nothing_several_in_a_few_show_the_note() {
        let mut pace = Pace::default();
        pace.frame(500, 500);
        assert_eq!(pace.behind(), None, "a frame that keeps up says nothing");
        pace.frame(37, 500);
        assert_eq!(
            pace.behind(),
            None,
            "one slow frame (a garbage collection) says nothing"
        );
        for _ in 0..50 {
            pace.frame(500, 500);
        }
        assert_eq!(pace.behind(), None);
        // Four short frames among the last ten: the note shows, with their mean.
        for done in [40, 500, 40, 500, 40] {
            pace.frame(done, 500);
            assert_eq!(pace.behind(), None);
        }
        pace.frame(40, 500);
        assert_eq!(pace.behind(), Some((40, 500)), "the frames kept up are not in the mean");
    }

    #[test]
    fn a_slow_frame_now_and_then_never_shows_the_note() {
        let mut pace = Pace::default();
        // One frame in four falls short: never four among the last ten.
        for frame in 0..400 {
            pace.frame(if frame % 4 == 0 { 20 } else { 500 }, 500);
            assert_eq!(pace.behind(), None, "frame {frame}");
        }
    }

    #[test]
    fn the_steps_shown_are_a_smoothed_mean_within_one_and_the_asked() {
        let mut pace = Pace::default();
        for done in [40, 40, 40, 30] {
            pace.frame(done, 500);
        }
        // 40 + 0.2 · (30 − 40) = 38.
        assert_eq!(pace.behind(), Some((38, 500)));
        let mut slow = Pace::default();
        for _ in 0..SHORT_FRAMES {
            slow.frame(0, 500);
        }
        assert_eq!(slow.behind(), Some((1, 500)), "never shown as zero steps");
        slow.frame(9999, 500);
        assert!(slow.behind().unwrap().0 <= 500);
    }

    #[test]
    fn the_note_goes_away_after_frames_in_a_row_that_keep_up() {
        let mut pace = Pace::default();
        for _ in 0..SHORT_FRAMES {
            pace.frame(37, 500);
        }
        for _ in 1..KEEP_UP_FRAMES {
            pace.frame(500, 500);
            assert!(pace.behind().is_some(), "one full frame does not yet take it away");
        }
        // A short frame in between starts the count again.
        pace.frame(499, 500);
        for _ in 1..KEEP_UP_FRAMES {
            pace.frame(500, 500);
        }
        assert!(pace.behind().is_some());
        pace.frame(500, 500);
        assert_eq!(pace.behind(), None);
        pace.frame(37, 500);
        assert_eq!(pace.behind(), None, "once gone, one slow frame does not bring it back");
    }

    #[test]
    fn another_speed_starts_afresh_and_clear_forgets() {
        let mut pace = Pace::default();
        for _ in 0..SHORT_FRAMES {
            pace.frame(40, 500);
        }
        assert!(pace.behind().is_some());
        pace.frame(20, 200);
        assert_eq!(pace.behind(), None, "the frames at the old speed are forgotten");
        for _ in 1..SHORT_FRAMES {
            pace.frame(20, 200);
        }
        assert_eq!(pace.behind(), Some((20, 200)));
        pace.clear();
        assert_eq!(pace, Pace::default());
    }

    #[test]
    fn a_clock_reads_its_source_and_equals_only_itself() {
        let clock = Clock::new(|| 12.5);
        assert_eq!(clock.now(), 12.5);
        assert_eq!(clock, clock.clone());
        assert_ne!(clock, Clock::new(|| 12.5));
        assert_eq!(Clock::stopped().now(), 0.0);
    }
}
