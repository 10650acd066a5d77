//! The toy-landscape panel's own state: a surface and up to four balls rolling down it, each
//! moved by its own optimizer and learning rate, changed only by [`SurfaceAction`]s.
//!
//! Independent of the main screen's [`crate::app::state::Lab`]: it trains no network, it only
//! shows gradient descent, θ ← θ − η·∇f(θ), on a function of two variables.

use crate::app::draw::color::Rgb;
use crate::app::i18n::Key;
use crate::core::{Bounds, Optimizer, OptimizerKind, Rng, Surface};
use std::rc::Rc;
use yew::Reducible;

/// The most balls racing at once.
pub const MAX_RUNNERS: usize = 4;
/// The most points a trail keeps; beyond this every other point is dropped (the start is kept).
pub const MAX_PATH: usize = 2000;
/// How many plain gradient-descent balls "random restarts" drops.
pub const RESTARTS: usize = MAX_RUNNERS;
/// Each runner's colour, by slot: dark enough to stand out on the landscape's blues and oranges.
pub const RUNNER_COLORS: [Rgb; MAX_RUNNERS] = [
    Rgb(0x1f, 0x29, 0x33),
    Rgb(0x76, 0x2a, 0x83),
    Rgb(0x1b, 0x78, 0x37),
    Rgb(0xc5, 0x1b, 0x7d),
];
/// Steps per display frame the speed menu offers.
pub const SPEEDS: [usize; 4] = [1, 2, 5, 20];
/// A ball further than this many window widths outside the window has flown off: it diverged.
pub const FAR: f64 = 10.0;
/// A step shorter than this fraction of the window's width, with a gradient below
/// [`STILL_GRADIENT`], counts as having converged.
pub const STILL_STEP: f64 = 1e-9;
/// See [`STILL_STEP`].
pub const STILL_GRADIENT: f64 = 1e-6;
/// Yaw and pitch (radians) the 3-D view starts at.
pub const DEFAULT_VIEW: View = View {
    yaw: 0.6,
    pitch: 0.45,
    zoom: 1.0,
};
/// The 3-D view's zoom is kept within this range.
pub const ZOOM_RANGE: (f64, f64) = (0.5, 3.0);
/// The 3-D view's pitch is kept within this range (radians): from the side to straight above.
pub const PITCH_RANGE: (f64, f64) = (0.0, 1.5);
/// The slowest and fastest learning rates a runner accepts.
pub const RATE_RANGE: (f64, f64) = (1e-5, 10.0);
/// A ball whose value is within this of the value at its nearest minimum has come down to it:
/// it is on the floor of that minimum's valley.
pub const NEAR_MINIMUM: f64 = 0.05;

/// Where and when a ball first came down to a minimum (see [`NEAR_MINIMUM`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Landing {
    /// Which minimum: an index into [`Surface::minima`].
    pub minimum: usize,
    /// After how many steps from its start.
    pub step: u64,
}

/// What kind of minimum a landing is in, for the legend's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinimumKind {
    /// The surface's only minimum.
    Only,
    /// The lowest of several (or one as low as the lowest).
    Global,
    /// Higher than the lowest: a local minimum.
    Local,
}

/// Which kind of minimum `minimum` (an index into [`Surface::minima`]) is on `surface`.
pub fn minimum_kind(surface: Surface, minimum: usize) -> MinimumKind {
    let minima = surface.minima();
    let value = |p: [f64; 2]| surface.value(p[0], p[1]);
    let lowest = minima.iter().map(|&p| value(p)).fold(f64::INFINITY, f64::min);
    match minima.get(minimum) {
        _ if minima.len() == 1 => MinimumKind::Only,
        Some(&p) if value(p) <= lowest + 1e-9 => MinimumKind::Global,
        _ => MinimumKind::Local,
    }
}

/// The minimum whose floor `p` (where f is `value`) is on: the nearest one, if `value` is
/// within [`NEAR_MINIMUM`] of its value.
fn floor_at(surface: Surface, p: [f64; 2], value: f64) -> Option<usize> {
    let distance = |m: [f64; 2]| (m[0] - p[0]).hypot(m[1] - p[1]);
    let (nearest, &m) = surface
        .minima()
        .iter()
        .enumerate()
        .min_by(|a, b| distance(*a.1).total_cmp(&distance(*b.1)))?;
    (value - surface.value(m[0], m[1]) < NEAR_MINIMUM).then_some(nearest)
}

/// How the 3-D surface is turned and magnified.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// Rotation about the vertical axis, in radians.
    pub yaw: f64,
    /// Tilt towards the viewer, in radians (0: from the side).
    pub pitch: f64,
    /// Magnification (1: the whole box fits).
    pub zoom: f64,
}

impl View {
    /// The view turned by `yaw` and tilted by `pitch` (radians), the tilt kept within
    /// [`PITCH_RANGE`]; unchanged if either is not a number.
    pub fn turned(self, yaw: f64, pitch: f64) -> View {
        if !(yaw.is_finite() && pitch.is_finite()) {
            return self;
        }
        View {
            yaw: (self.yaw + yaw).rem_euclid(std::f64::consts::TAU),
            pitch: (self.pitch + pitch).clamp(PITCH_RANGE.0, PITCH_RANGE.1),
            ..self
        }
    }

    /// The view magnified by `factor`, within [`ZOOM_RANGE`]; unchanged for a factor that is not
    /// a positive number.
    pub fn zoomed(self, factor: f64) -> View {
        if !(factor.is_finite() && factor > 0.0) {
            return self;
        }
        View {
            zoom: (self.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1),
            ..self
        }
    }
}

/// Where a ball stands in its run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Still rolling, inside the window.
    Running,
    /// Still rolling, but outside the window: it may come back.
    OutOfView,
    /// It stopped moving: the gradient and the step are (almost) zero.
    Converged,
    /// Its position or value stopped being a finite number, or it flew far off: it stops.
    Diverged,
}

impl Status {
    /// Whether another step moves it.
    pub fn moving(self) -> bool {
        matches!(self, Status::Running | Status::OutOfView)
    }
}

/// What the legend says of a ball's run: that it has not started, or its [`Status`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    /// No step taken yet, and one would move it: "rolling" would not be true yet.
    NotStarted,
    /// It has taken a step (or cannot take one): where it stands.
    Is(Status),
}

/// The legend's state of a ball with `status` after `steps` steps: not started while it has
/// taken none and could, else its status (a ball that diverged at its start says so at once).
pub fn run_state(status: Status, steps: u64) -> RunState {
    if steps == 0 && status.moving() {
        RunState::NotStarted
    } else {
        RunState::Is(status)
    }
}

/// One ball: an optimizer with its own learning rate, its position, trail and counters.
#[derive(Clone, Debug, PartialEq)]
pub struct Runner {
    /// Its colour on the map, the 3-D view and the legend.
    pub color: Rgb,
    /// Its learning rate η, changeable while it runs.
    pub rate: f64,
    /// Where it started.
    pub start: [f64; 2],
    /// Where it is now (always finite: a step that would break it is not taken).
    pub position: [f64; 2],
    /// Where it has been, from the start to the current position; at most [`MAX_PATH`] points.
    pub path: Vec<[f64; 2]>,
    /// Steps taken since the start.
    pub steps: u64,
    /// f at the current position.
    pub value: f64,
    /// The last step Δθ (zero before the first).
    pub last_step: [f64; 2],
    /// Whether it still moves.
    pub status: Status,
    /// Where and when it first came down to a minimum, if it has since its start.
    pub landing: Option<Landing>,
    optimizer: Optimizer,
}

impl Runner {
    /// A ball at `start` on `surface`, moved by `kind` with rate `rate`.
    pub fn new(surface: Surface, kind: OptimizerKind, rate: f64, color: Rgb, start: [f64; 2]) -> Self {
        let mut runner = Self {
            color,
            rate,
            start,
            position: start,
            path: Vec::new(),
            steps: 0,
            value: 0.0,
            last_step: [0.0; 2],
            status: Status::Running,
            landing: None,
            optimizer: Optimizer::new(kind, 2),
        };
        runner.restart(surface, start);
        runner
    }

    /// What the legend says of its run ([`run_state`]).
    pub fn run_state(&self) -> RunState {
        run_state(self.status, self.steps)
    }

    /// Which optimizer moves it.
    pub fn kind(&self) -> OptimizerKind {
        self.optimizer.kind()
    }

    /// Back to `start` with a fresh optimizer (same kind and rate).
    fn restart(&mut self, surface: Surface, start: [f64; 2]) {
        self.start = start;
        self.position = start;
        self.path.clear();
        self.path.push(start);
        self.steps = 0;
        self.value = surface.value(start[0], start[1]);
        self.last_step = [0.0; 2];
        self.landing = None;
        self.optimizer = Optimizer::new(self.kind(), 2);
        self.status = status_at(surface, start, self.value);
        if !self.value.is_finite() {
            self.status = Status::Diverged;
        }
    }

    /// The gradient ∇f at the current position.
    pub fn gradient(&self, surface: Surface) -> [f64; 2] {
        surface.gradient(self.position[0], self.position[1])
    }

    /// The plain gradient step −η·∇f from the current position: the arrow drawn at the ball.
    pub fn descent_arrow(&self, surface: Surface) -> [f64; 2] {
        let g = self.gradient(surface);
        [-self.rate * g[0], -self.rate * g[1]]
    }

    /// The velocity v of Momentum and Nesterov (the step it carries into the next one); none for
    /// the other optimizers.
    pub fn velocity(&self) -> Option<[f64; 2]> {
        match self.kind() {
            OptimizerKind::Momentum | OptimizerKind::Nesterov => {
                let v = self.optimizer.velocity();
                Some([v[0], v[1]])
            }
            _ => None,
        }
    }

    /// One step of its optimizer, unless it has stopped. A step that makes the position or the
    /// value non-finite, or lands [`FAR`] outside the window, is not taken: the ball stops,
    /// diverged, where it was.
    pub fn step(&mut self, surface: Surface) {
        if !self.status.moving() {
            return;
        }
        let grad = self.gradient(surface);
        let mut params = self.position;
        let mut change = [0.0; 2];
        let moved = self.optimizer.update(&mut params, &grad, self.rate, &mut change);
        let value = surface.value(params[0], params[1]);
        if !(moved.is_finite() && value.is_finite()) || far_outside(surface.bounds(), params) {
            self.status = Status::Diverged;
            return;
        }
        self.position = params;
        self.value = value;
        self.last_step = change;
        self.steps += 1;
        if self.landing.is_none() {
            self.landing = floor_at(surface, params, value).map(|minimum| Landing {
                minimum,
                step: self.steps,
            });
        }
        push_bounded(&mut self.path, params);
        let span = surface.bounds().x.1 - surface.bounds().x.0;
        let still = change[0].hypot(change[1]) < STILL_STEP * span && grad[0].hypot(grad[1]) < STILL_GRADIENT;
        self.status = if still {
            Status::Converged
        } else {
            status_at(surface, params, value)
        };
    }
}

/// The legend's words for a ball's state on `surface`. A ball that runs off a surface with a
/// minimum does so because its learning rate is too large; one that runs off the saddle
/// (f = x² − y², no minimum) does so because the surface has no bottom, whatever its rate.
pub fn status_key(surface: Surface, status: Status) -> Key {
    match (status, surface) {
        (Status::Running, _) => Key::SurfaceRunning,
        (Status::OutOfView, _) => Key::SurfaceOutOfView,
        (Status::Converged, _) => Key::SurfaceConverged,
        (Status::Diverged, Surface::Saddle) => Key::SurfaceNoBottom,
        (Status::Diverged, _) => Key::SurfaceDiverged,
    }
}

/// Running inside the window, or out of view.
fn status_at(surface: Surface, p: [f64; 2], value: f64) -> Status {
    if !(value.is_finite() && p[0].is_finite() && p[1].is_finite()) {
        Status::Diverged
    } else if surface.bounds().contains(p) {
        Status::Running
    } else {
        Status::OutOfView
    }
}

/// Whether `p` lies more than [`FAR`] window widths (or heights) outside `b`.
fn far_outside(b: Bounds, p: [f64; 2]) -> bool {
    let reach = |(lo, hi): (f64, f64), v: f64| {
        let span = hi - lo;
        v >= lo - FAR * span && v <= hi + FAR * span
    };
    !(reach(b.x, p[0]) && reach(b.y, p[1]))
}

/// Appends `p` to `path`; when full, every other point is dropped first (the start is kept), so
/// that the whole trail's shape stays and its length stays bounded.
fn push_bounded(path: &mut Vec<[f64; 2]>, p: [f64; 2]) {
    if path.len() >= MAX_PATH {
        let mut k = 0;
        path.retain(|_| {
            k += 1;
            (k - 1) % 2 == 0
        });
    }
    path.push(p);
}

/// A learning rate that shows each optimizer at its best on `surface`: plain gradient descent
/// and the momentum methods scale with the surface's steepness, the adaptive ones (whose steps
/// are about η long whatever the gradient) with the window's size.
pub fn suggested_rate(surface: Surface, kind: OptimizerKind) -> f64 {
    let span = surface.bounds().x.1 - surface.bounds().x.0;
    match kind {
        OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => {
            let rate = match surface {
                Surface::Bowl => 0.1,
                Surface::Valley => 0.07,
                Surface::Rosenbrock => 0.0008,
                Surface::Himmelblau => 0.01,
                Surface::Saddle => 0.05,
                Surface::Rastrigin => 0.002,
                Surface::TwoMinima => 0.02,
            };
            // Momentum's steps grow to about 1/(1 − μ) = 10 times plain descent's.
            if kind == OptimizerKind::Sgd {
                rate
            } else {
                rate / 4.0
            }
        }
        OptimizerKind::AdaGrad => 0.1 * span,
        OptimizerKind::RmsProp | OptimizerKind::Adam => 0.005 * span,
    }
}

/// What the learner can do on the toy-landscape panel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SurfaceAction {
    /// Show another surface; every ball goes back to its default start with its suggested rate.
    PickSurface(Surface),
    /// Put every ball at this point (a click on the map) and start again.
    SetStart([f64; 2]),
    /// One step of every ball still moving.
    Step,
    /// Start or stop stepping once per display frame.
    TogglePlay,
    /// A display frame: while playing, [`SurfaceState::speed`] steps.
    Tick,
    /// Every ball back to its start, its optimizer's memory cleared.
    Reset,
    /// Another ball (up to [`MAX_RUNNERS`]) with an optimizer not yet racing.
    AddRunner,
    /// Take ball `i` away (one always stays).
    RemoveRunner(usize),
    /// Ball `i` continues with another optimizer (its memory starts from zero).
    SetOptimizer(usize, OptimizerKind),
    /// Ball `i`'s learning rate, from its next step on; a rate that is not a positive, finite
    /// number within [`RATE_RANGE`] is ignored.
    SetRate(usize, f64),
    /// Steps per display frame while playing, one of [`SPEEDS`].
    SetSpeed(usize),
    /// Replace the balls by [`RESTARTS`] plain gradient-descent balls at random starts.
    RandomRestarts,
    /// Turn the 3-D view by these angles (radians).
    Rotate {
        /// Added to the yaw.
        yaw: f64,
        /// Added to the pitch.
        pitch: f64,
    },
    /// Multiply the 3-D view's zoom by this factor.
    Zoom(f64),
    /// Start afresh on this surface with one plain gradient-descent ball at its default start,
    /// with this learning rate (as a lesson's chapter sets the panel up); the view is kept.
    Begin(Surface, f64),
}

/// What a lesson's task looks for on the panel: the surface, and each ball's value at its start
/// and its landing. It changes only when a ball starts again or lands, not at every step.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceFacts {
    /// The surface shown.
    pub surface: Surface,
    /// For each ball: f at its start, and where and when it came down to a minimum, if it did.
    pub balls: Vec<(f64, Option<Landing>)>,
}

/// The toy-landscape panel: the surface, the balls and how they are shown.
#[derive(Clone, Debug, PartialEq)]
pub struct SurfaceState {
    /// The function being descended.
    pub surface: Surface,
    /// Where the balls start (a click moves it).
    pub start: [f64; 2],
    /// The balls, at least one and at most [`MAX_RUNNERS`].
    pub runners: Vec<Runner>,
    /// Whether every display frame takes steps.
    pub playing: bool,
    /// Steps per display frame while playing.
    pub speed: usize,
    /// The seed of the next random restarts (advanced each time, so each press differs but a
    /// session can be replayed).
    pub seed: u64,
    /// How the 3-D view is turned.
    pub view: View,
}

impl Default for SurfaceState {
    /// Plain gradient descent on the bowl from its default start.
    fn default() -> Self {
        Self::new(Surface::Bowl)
    }
}

impl SurfaceState {
    /// One plain gradient-descent ball on `surface`, at its default start.
    pub fn new(surface: Surface) -> Self {
        let start = surface.default_start();
        let kind = OptimizerKind::Sgd;
        Self {
            surface,
            start,
            runners: vec![Runner::new(
                surface,
                kind,
                suggested_rate(surface, kind),
                RUNNER_COLORS[0],
                start,
            )],
            playing: false,
            speed: SPEEDS[0],
            seed: 1,
            view: DEFAULT_VIEW,
        }
    }

    /// What a lesson's task looks for (see [`SurfaceFacts`]).
    pub fn facts(&self) -> SurfaceFacts {
        let value = |p: [f64; 2]| self.surface.value(p[0], p[1]);
        SurfaceFacts {
            surface: self.surface,
            balls: self.runners.iter().map(|r| (value(r.start), r.landing)).collect(),
        }
    }

    /// Whether any ball still moves.
    pub fn any_moving(&self) -> bool {
        self.runners.iter().any(|r| r.status.moving())
    }

    /// A colour no ball has yet.
    fn free_color(&self) -> Rgb {
        RUNNER_COLORS
            .into_iter()
            .find(|c| self.runners.iter().all(|r| r.color != *c))
            .unwrap_or(RUNNER_COLORS[0])
    }

    /// One step of every ball.
    fn step_all(&mut self) {
        for runner in &mut self.runners {
            runner.step(self.surface);
        }
    }

    /// Applies `action`.
    pub fn apply(&mut self, action: SurfaceAction) {
        match action {
            SurfaceAction::PickSurface(surface) => {
                let (speed, seed, view) = (self.speed, self.seed, self.view);
                let kinds: Vec<(OptimizerKind, Rgb)> = self.runners.iter().map(|r| (r.kind(), r.color)).collect();
                let start = surface.default_start();
                *self = Self {
                    surface,
                    start,
                    runners: kinds
                        .into_iter()
                        .map(|(kind, color)| Runner::new(surface, kind, suggested_rate(surface, kind), color, start))
                        .collect(),
                    playing: false,
                    speed,
                    seed,
                    view,
                };
            }
            SurfaceAction::SetStart(p) => {
                if p[0].is_finite() && p[1].is_finite() {
                    self.start = p;
                    for runner in &mut self.runners {
                        runner.restart(self.surface, p);
                    }
                }
            }
            SurfaceAction::Step => {
                self.playing = false;
                self.step_all();
            }
            SurfaceAction::TogglePlay => {
                self.playing = !self.playing && self.any_moving();
            }
            SurfaceAction::Tick => {
                if self.playing {
                    for _ in 0..self.speed {
                        self.step_all();
                    }
                    self.playing = self.any_moving();
                }
            }
            SurfaceAction::Reset => {
                self.playing = false;
                for runner in &mut self.runners {
                    runner.restart(self.surface, runner.start);
                }
            }
            SurfaceAction::AddRunner => {
                if self.runners.len() < MAX_RUNNERS {
                    let kind = OptimizerKind::ALL
                        .into_iter()
                        .find(|k| self.runners.iter().all(|r| r.kind() != *k))
                        .unwrap_or(OptimizerKind::Sgd);
                    let color = self.free_color();
                    let rate = suggested_rate(self.surface, kind);
                    self.runners
                        .push(Runner::new(self.surface, kind, rate, color, self.start));
                }
            }
            SurfaceAction::RemoveRunner(i) => {
                if self.runners.len() > 1 && i < self.runners.len() {
                    self.runners.remove(i);
                }
            }
            SurfaceAction::SetOptimizer(i, kind) => {
                if let Some(runner) = self.runners.get_mut(i) {
                    runner.optimizer.set_kind(kind);
                }
            }
            SurfaceAction::SetRate(i, rate) => {
                let valid = rate.is_finite() && (RATE_RANGE.0..=RATE_RANGE.1).contains(&rate);
                if let (true, Some(runner)) = (valid, self.runners.get_mut(i)) {
                    runner.rate = rate;
                }
            }
            SurfaceAction::SetSpeed(speed) => {
                if SPEEDS.contains(&speed) {
                    self.speed = speed;
                }
            }
            SurfaceAction::RandomRestarts => {
                let mut rng = Rng::new(self.seed);
                self.seed = self.seed.wrapping_add(1);
                let b = self.surface.bounds();
                let kind = OptimizerKind::Sgd;
                let rate = suggested_rate(self.surface, kind);
                // One start in each of RESTARTS vertical strips of the window, so that the balls
                // spread over it (and over the basins of the minima).
                let width = (b.x.1 - b.x.0) / RESTARTS as f64;
                self.runners = (0..RESTARTS)
                    .map(|k| {
                        let x0 = b.x.0 + width * k as f64;
                        let start = [
                            rng.uniform(x0 + 0.1 * width, x0 + 0.9 * width),
                            rng.uniform(b.y.0 + 0.1 * (b.y.1 - b.y.0), b.y.1 - 0.1 * (b.y.1 - b.y.0)),
                        ];
                        Runner::new(self.surface, kind, rate, RUNNER_COLORS[k], start)
                    })
                    .collect();
                self.playing = true;
            }
            SurfaceAction::Rotate { yaw, pitch } => self.view = self.view.turned(yaw, pitch),
            SurfaceAction::Zoom(factor) => self.view = self.view.zoomed(factor),
            SurfaceAction::Begin(surface, rate) => {
                *self = Self {
                    view: self.view,
                    seed: self.seed,
                    ..Self::new(surface)
                };
                self.apply(SurfaceAction::SetRate(0, rate));
            }
        }
    }
}

impl Reducible for SurfaceState {
    type Action = SurfaceAction;

    fn reduce(self: Rc<Self>, action: SurfaceAction) -> Rc<Self> {
        let mut state = Rc::unwrap_or_clone(self);
        state.apply(action);
        Rc::new(state)
    }
}

#[cfg(test)]
#[path = "surface_state_tests.rs"]
mod tests;
