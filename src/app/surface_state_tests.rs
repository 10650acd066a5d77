//! Tests of the toy-landscape panel's state.
use super::*;
use crate::app::i18n::Lang;

// Each surface's gradient against central differences is checked in `core::surface`.

fn distance(p: [f64; 2], q: [f64; 2]) -> f64 {
    (p[0] - q[0]).hypot(p[1] - q[1])
}

fn run(state: &mut SurfaceState, steps: usize) {
    for _ in 0..steps {
        state.apply(SurfaceAction::Step);
    }
}

#[test]
fn every_optimizer_reaches_the_bottom_of_the_bowl_at_its_suggested_rate() {
    for kind in OptimizerKind::ALL {
        let mut state = SurfaceState::new(Surface::Bowl);
        state.apply(SurfaceAction::SetOptimizer(0, kind));
        state.apply(SurfaceAction::SetRate(0, suggested_rate(Surface::Bowl, kind)));
        run(&mut state, 2000);
        let ball = &state.runners[0];
        assert!(ball.status != Status::Diverged, "{kind:?}");
        // RMSProp keeps rattling about η around the bottom; the others settle.
        let reach = if kind == OptimizerKind::RmsProp {
            2.0 * ball.rate
        } else {
            1e-3
        };
        assert!(
            distance(ball.position, [0.0, 0.0]) < reach,
            "{kind:?} ended at {:?}",
            ball.position
        );
        assert!(ball.value < reach * reach, "{kind:?}: f = {}", ball.value);
        assert_eq!(ball.path[0], Surface::Bowl.default_start());
    }
}

#[test]
fn a_ball_is_not_started_until_its_first_step() {
    let mut state = SurfaceState::new(Surface::Valley);
    state.apply(SurfaceAction::AddRunner);
    for ball in &state.runners {
        assert_eq!(ball.status, Status::Running, "it could roll");
        assert_eq!(
            ball.run_state(),
            RunState::NotStarted,
            "but it has not: not \"rolling\""
        );
    }
    state.apply(SurfaceAction::Step);
    assert!(state
        .runners
        .iter()
        .all(|b| b.run_state() == RunState::Is(Status::Running)));
    // Back to the start, or a new start: not started again.
    state.apply(SurfaceAction::Reset);
    assert!(state.runners.iter().all(|b| b.run_state() == RunState::NotStarted));
    state.apply(SurfaceAction::Step);
    state.apply(SurfaceAction::SetStart([0.5, 0.5]));
    assert!(state.runners.iter().all(|b| b.run_state() == RunState::NotStarted));
    // What cannot move says why, steps or none.
    assert_eq!(run_state(Status::Diverged, 0), RunState::Is(Status::Diverged));
    assert_eq!(run_state(Status::Converged, 0), RunState::Is(Status::Converged));
    assert_eq!(run_state(Status::OutOfView, 0), RunState::NotStarted);
    assert_eq!(run_state(Status::OutOfView, 3), RunState::Is(Status::OutOfView));
}

#[test]
fn plain_descent_converges_and_stops() {
    let mut state = SurfaceState::new(Surface::Bowl);
    state.apply(SurfaceAction::TogglePlay);
    for _ in 0..1000 {
        state.apply(SurfaceAction::Tick);
    }
    assert_eq!(state.runners[0].status, Status::Converged);
    assert!(!state.playing, "nothing moves any more, so play stops");
    let steps = state.runners[0].steps;
    state.apply(SurfaceAction::Step);
    assert_eq!(state.runners[0].steps, steps);
}

#[test]
fn too_large_a_rate_on_the_valley_diverges_and_says_so() {
    let mut state = SurfaceState::new(Surface::Valley);
    state.apply(SurfaceAction::SetRate(0, 0.1));
    state.apply(SurfaceAction::TogglePlay);
    for _ in 0..500 {
        state.apply(SurfaceAction::Tick);
    }
    let ball = &state.runners[0];
    assert_eq!(ball.status, Status::Diverged);
    assert!(!state.playing);
    assert!(ball.value.is_finite() && ball.position.iter().all(|v| v.is_finite()));
    assert!(ball.path.iter().flatten().all(|v| v.is_finite()));
    // It zigzagged across the valley, each time further, before it was stopped.
    let ys: Vec<f64> = ball.path.iter().map(|p| p[1]).collect();
    assert!(ys.windows(2).skip(1).all(|w| w[0] * w[1] < 0.0), "{ys:?}");
    assert!(ball.steps > 5);
    // A good rate on the same valley converges.
    let mut good = SurfaceState::new(Surface::Valley);
    run(&mut good, 1000);
    assert!(distance(good.runners[0].position, [0.0, 0.0]) < 1e-3);
}

#[test]
fn a_ball_that_leaves_the_window_is_out_of_view_but_keeps_going() {
    // The saddle's y direction falls away for ever.
    let mut state = SurfaceState::new(Surface::Saddle);
    run(&mut state, 200);
    let ball = &state.runners[0];
    assert!(ball.steps > 50);
    assert!(
        matches!(ball.status, Status::OutOfView | Status::Diverged),
        "{:?}",
        ball.status
    );
    run(&mut state, 2000);
    assert_eq!(state.runners[0].status, Status::Diverged);
    assert!(state.runners[0].value.is_finite());
}

#[test]
fn a_runaway_on_the_saddle_blames_the_missing_bottom_and_on_the_bowl_the_rate() {
    // The saddle has no bottom: a small rate and a large one both roll away.
    for rate in [0.01, 0.05, 0.5] {
        let mut state = SurfaceState::new(Surface::Saddle);
        state.apply(SurfaceAction::SetRate(0, rate));
        run(&mut state, 5000);
        let ball = &state.runners[0];
        assert_eq!(ball.status, Status::Diverged, "η = {rate}");
        assert_eq!(
            status_key(Surface::Saddle, ball.status),
            Key::SurfaceNoBottom,
            "η = {rate}"
        );
    }
    // The bowl has a bottom: only a far too large rate flies off, and that is the reason given.
    let mut state = SurfaceState::new(Surface::Bowl);
    state.apply(SurfaceAction::SetRate(0, 5.0));
    run(&mut state, 100);
    let ball = &state.runners[0];
    assert_eq!(ball.status, Status::Diverged);
    assert_eq!(status_key(Surface::Bowl, ball.status), Key::SurfaceDiverged);
    for surface in Surface::ALL {
        assert_eq!(status_key(surface, Status::Running), Key::SurfaceRunning);
        assert_eq!(status_key(surface, Status::Converged), Key::SurfaceConverged);
        let expected = if surface == Surface::Saddle {
            Key::SurfaceNoBottom
        } else {
            Key::SurfaceDiverged
        };
        assert_eq!(status_key(surface, Status::Diverged), expected, "{surface:?}");
    }
    for lang in Lang::ALL {
        assert_ne!(lang.t(Key::SurfaceNoBottom), lang.t(Key::SurfaceDiverged));
    }
    assert!(Lang::ZhTw.t(Key::SurfaceNoBottom).contains("沒有最低點"));
    assert!(Lang::En.t(Key::SurfaceNoBottom).contains("no bottom"));
}

#[test]
fn clicking_sets_the_start_and_the_path_begins_there() {
    let mut state = SurfaceState::new(Surface::Himmelblau);
    state.apply(SurfaceAction::AddRunner);
    run(&mut state, 10);
    state.apply(SurfaceAction::SetStart([-1.0, 2.5]));
    for ball in &state.runners {
        assert_eq!(ball.path, [[-1.0, 2.5]]);
        assert_eq!((ball.steps, ball.position), (0, [-1.0, 2.5]));
        assert_eq!(ball.value, Surface::Himmelblau.value(-1.0, 2.5));
    }
    run(&mut state, 3);
    for ball in &state.runners {
        assert_eq!(ball.path[0], [-1.0, 2.5]);
        assert_eq!(ball.path.len(), 4);
    }
    state.apply(SurfaceAction::Reset);
    assert_eq!(
        state.runners[0].position,
        [-1.0, 2.5],
        "reset goes back to the clicked start"
    );
    state.apply(SurfaceAction::SetStart([f64::NAN, 0.0]));
    assert_eq!(state.start, [-1.0, 2.5]);
}

#[test]
fn a_new_rate_mid_run_sets_the_next_steps_length() {
    let s = Surface::TwoMinima;
    let mut state = SurfaceState::new(s);
    state.apply(SurfaceAction::SetRate(0, 0.01));
    run(&mut state, 5);
    for rate in [0.03, 0.001] {
        state.apply(SurfaceAction::SetRate(0, rate));
        let before = state.runners[0].position;
        let g = s.gradient(before[0], before[1]);
        state.apply(SurfaceAction::Step);
        let after = state.runners[0].position;
        let expected = rate * g[0].hypot(g[1]);
        assert!((distance(before, after) - expected).abs() < 1e-12 * expected.max(1.0));
    }
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY, 1e3] {
        state.apply(SurfaceAction::SetRate(0, bad));
        assert_eq!(state.runners[0].rate, 0.001);
    }
}

#[test]
fn random_restarts_end_in_different_minima() {
    // The article: gradient descent always reaches a local minimum some day; which one depends
    // on where it starts.
    let s = Surface::TwoMinima;
    let mut state = SurfaceState::new(s);
    state.apply(SurfaceAction::RandomRestarts);
    assert!(state.playing);
    assert_eq!(state.runners.len(), RESTARTS);
    let starts: Vec<[f64; 2]> = state.runners.iter().map(|r| r.start).collect();
    for ball in &state.runners {
        assert_eq!(ball.kind(), OptimizerKind::Sgd);
        assert!(s.bounds().contains(ball.start));
    }
    for _ in 0..3000 {
        state.apply(SurfaceAction::Tick);
    }
    let ends: Vec<usize> = state
        .runners
        .iter()
        .map(|ball| {
            s.minima()
                .iter()
                .position(|m| distance(ball.position, *m) < 1e-3)
                .unwrap_or_else(|| panic!("{:?} ended at {:?}", ball.start, ball.position))
        })
        .collect();
    assert!(ends.contains(&0) && ends.contains(&1), "{ends:?}");
    // Another press draws other starts.
    state.apply(SurfaceAction::RandomRestarts);
    assert_ne!(starts, state.runners.iter().map(|r| r.start).collect::<Vec<_>>());
}

#[test]
fn runners_are_added_up_to_four_and_removed_down_to_one() {
    let mut state = SurfaceState::default();
    for _ in 0..6 {
        state.apply(SurfaceAction::AddRunner);
    }
    assert_eq!(state.runners.len(), MAX_RUNNERS);
    let kinds: Vec<_> = state.runners.iter().map(Runner::kind).collect();
    let colors: Vec<_> = state.runners.iter().map(|r| r.color).collect();
    for k in 1..MAX_RUNNERS {
        assert!(!kinds[..k].contains(&kinds[k]) && !colors[..k].contains(&colors[k]));
    }
    for _ in 0..6 {
        state.apply(SurfaceAction::RemoveRunner(0));
    }
    assert_eq!(state.runners.len(), 1);
    state.apply(SurfaceAction::RemoveRunner(5));
    assert_eq!(state.runners.len(), 1);
}

#[test]
fn momentum_shows_its_velocity_and_switching_keeps_the_position() {
    let mut state = SurfaceState::new(Surface::Valley);
    state.apply(SurfaceAction::SetOptimizer(0, OptimizerKind::Momentum));
    assert_eq!(state.runners[0].velocity(), Some([0.0, 0.0]));
    run(&mut state, 3);
    let ball = &state.runners[0];
    assert_eq!(ball.velocity(), Some(ball.last_step));
    let arrow = ball.descent_arrow(Surface::Valley);
    let g = ball.gradient(Surface::Valley);
    assert_eq!(arrow, [-ball.rate * g[0], -ball.rate * g[1]]);
    let here = ball.position;
    state.apply(SurfaceAction::SetOptimizer(0, OptimizerKind::Adam));
    assert_eq!(state.runners[0].position, here);
    assert_eq!(state.runners[0].velocity(), None);
}

#[test]
fn picking_a_surface_keeps_the_racers_and_resets_them() {
    let mut state = SurfaceState::default();
    state.apply(SurfaceAction::AddRunner);
    run(&mut state, 4);
    state.apply(SurfaceAction::PickSurface(Surface::Rosenbrock));
    assert_eq!(state.runners.len(), 2);
    for ball in &state.runners {
        assert_eq!(ball.position, Surface::Rosenbrock.default_start());
        assert_eq!(ball.rate, suggested_rate(Surface::Rosenbrock, ball.kind()));
        assert_eq!(ball.steps, 0);
    }
}

#[test]
fn suggested_rates_never_blow_up_from_the_default_start() {
    for s in Surface::ALL {
        for kind in OptimizerKind::ALL {
            let mut state = SurfaceState::new(s);
            state.apply(SurfaceAction::SetOptimizer(0, kind));
            state.apply(SurfaceAction::SetRate(0, suggested_rate(s, kind)));
            run(&mut state, 1500);
            let ball = &state.runners[0];
            if s != Surface::Saddle {
                assert_ne!(ball.status, Status::Diverged, "{s:?} {kind:?}");
            }
        }
    }
}

#[test]
fn trails_stay_bounded_and_keep_their_start() {
    let mut path = vec![[0.0, 0.0]];
    for k in 1..5000 {
        push_bounded(&mut path, [f64::from(k), 0.0]);
        assert!(path.len() <= MAX_PATH);
    }
    assert_eq!(path[0], [0.0, 0.0]);
    assert_eq!(*path.last().unwrap(), [4999.0, 0.0]);
    assert!(path.windows(2).all(|w| w[0][0] < w[1][0]));
}

#[test]
fn the_view_turns_and_zooms_within_limits() {
    let mut state = SurfaceState::default();
    state.apply(SurfaceAction::Rotate { yaw: 0.5, pitch: 5.0 });
    assert!((state.view.yaw - (DEFAULT_VIEW.yaw + 0.5)).abs() < 1e-12);
    assert_eq!(state.view.pitch, PITCH_RANGE.1);
    state.apply(SurfaceAction::Zoom(100.0));
    assert_eq!(state.view.zoom, ZOOM_RANGE.1);
    state.apply(SurfaceAction::Zoom(f64::NAN));
    assert_eq!(state.view.zoom, ZOOM_RANGE.1);
}

#[test]
fn the_panels_words_use_the_articles_terms() {
    let zh = |k| Lang::ZhTw.t(k);
    assert!(zh(Key::SurfaceTitle).contains("梯度下降法"));
    assert!(zh(Key::LocalMinimumNote).contains("總有一天會走到局部最小值"));
    assert!(zh(Key::SurfaceConverged).contains("收斂"));
    assert!(zh(Key::SurfaceDiverged).contains("學習率"));
}

#[test]
fn a_ball_lands_at_the_first_step_within_reach_of_its_minimum_and_says_which_kind() {
    // Plain descent computed here: the first step at which f is within 0.05 of the minimum's.
    let first_near = |surface: Surface, start: [f64; 2], rate: f64, minimum: [f64; 2]| {
        let floor = surface.value(minimum[0], minimum[1]);
        let mut p = start;
        (1..=2000u64).find(|_| {
            let g = surface.gradient(p[0], p[1]);
            p = [p[0] - rate * g[0], p[1] - rate * g[1]];
            surface.value(p[0], p[1]) - floor < 0.05
        })
    };
    let cases = [
        (Surface::Bowl, [1.6, 1.2], 0, MinimumKind::Only),
        (Surface::TwoMinima, [-1.8, 1.0], 0, MinimumKind::Global),
        (Surface::TwoMinima, [1.8, 1.0], 1, MinimumKind::Local),
    ];
    for (surface, start, minimum, kind) in cases {
        let rate = suggested_rate(surface, OptimizerKind::Sgd);
        let mut state = SurfaceState::new(surface);
        state.apply(SurfaceAction::SetStart(start));
        assert_eq!(state.runners[0].landing, None, "not before a step");
        run(&mut state, 2000);
        let landing = state.runners[0].landing.expect("it lands");
        let expected = first_near(surface, start, rate, surface.minima()[minimum]);
        assert_eq!(
            (landing.minimum, Some(landing.step)),
            (minimum, expected),
            "{surface:?}"
        );
        assert_eq!(minimum_kind(surface, landing.minimum), kind);
        // The landing stays where it first happened, and a reset forgets it.
        assert!(state.runners[0].steps > landing.step);
        state.apply(SurfaceAction::Reset);
        assert_eq!(state.runners[0].landing, None);
    }
    // Himmelblau's four minima are all as low as each other: all global.
    assert!((0..4).all(|m| minimum_kind(Surface::Himmelblau, m) == MinimumKind::Global));
}

#[test]
fn a_ball_that_runs_off_never_lands_and_the_facts_change_only_when_a_ball_lands_or_starts_again() {
    let mut state = SurfaceState::new(Surface::Valley);
    state.apply(SurfaceAction::SetRate(0, 0.1));
    run(&mut state, 300);
    assert_eq!(
        (state.runners[0].status, state.runners[0].landing),
        (Status::Diverged, None)
    );

    let mut state = SurfaceState::new(Surface::Bowl);
    let at_start = state.facts();
    let value = Surface::Bowl.value(1.6, 1.2);
    assert_eq!(
        at_start,
        SurfaceFacts {
            surface: Surface::Bowl,
            balls: vec![(value, None)]
        }
    );
    state.apply(SurfaceAction::Step);
    assert_eq!(
        state.facts(),
        at_start,
        "a step that does not land changes nothing the lesson looks at"
    );
    run(&mut state, 100);
    assert!(state.facts().balls[0].1.is_some());
    state.apply(SurfaceAction::Begin(Surface::TwoMinima, 0.03));
    assert_eq!(
        (state.surface, state.runners.len(), state.runners[0].rate),
        (Surface::TwoMinima, 1, 0.03)
    );
    assert_eq!(state.runners[0].kind(), OptimizerKind::Sgd);
}
