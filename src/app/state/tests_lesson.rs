//! Tests of the lesson: each chapter's task, done only when the lab sees it done.
use super::lesson::{hidden_firing, DESCENT_START_RATE};
use super::*;
use crate::app::i18n::Lang;
use crate::app::settings::view::{Part, Parts};
use crate::app::settings::{link, Refusal};
use crate::app::surface_state::{Status, SurfaceAction, SurfaceState};
use crate::core::{Activation, DatasetKind, Surface};
use crate::core::{Feature, OptimizerKind};

fn opened(chapter: Chapter) -> Lab {
    let mut lab = Lab::default();
    lab.apply(Action::OpenChapter(chapter));
    assert_eq!(lab.lesson().chapter(), Some(chapter));
    assert!(!lab.lesson().is_done(chapter), "{chapter:?} is not done as it opens");
    lab
}

/// The first training samples of each class (cats 0, dogs 1).
fn first_of_class(lab: &Lab, dog: bool) -> Vec<usize> {
    let train = lab.run().train();
    (0..train.len())
        .filter(|&i| (train.target(i)[0] > 0.5) == dog)
        .take(3)
        .collect()
}

#[test]
fn chapter_one_wants_a_cat_and_a_dog_picked() {
    let mut lab = opened(Chapter::Layers);
    assert_eq!(lab.settings().data.kind, DatasetKind::CatsDogs);
    assert!(
        lab.settings().hidden_parts.contains(Part::Surface),
        "only the panels it needs"
    );
    assert!(!lab.settings().hidden_parts.contains(Part::Network));
    for cat in first_of_class(&lab, false) {
        lab.apply(Action::PickSample(cat));
    }
    assert!(
        !lab.lesson().is_done(Chapter::Layers),
        "three cats are not a cat and a dog"
    );
    lab.apply(Action::PickSample(first_of_class(&lab, true)[0]));
    assert!(lab.lesson().is_done(Chapter::Layers));
    assert_eq!(Chapter::Layers.next(), Some(Chapter::Activation));
}

#[test]
fn chapter_two_wants_a_neuron_that_fired_to_fall_silent() {
    let mut lab = opened(Chapter::Activation);
    assert!(lab.run().network().activations()[..2]
        .iter()
        .all(|&a| a == Activation::Relu));
    assert_eq!(
        lab.selection().focus(),
        crate::app::explain::Focus::Neuron { layer: 1, index: 0 },
        "the explanation (and its activation plot) starts at the first hidden layer"
    );
    let fired = hidden_firing(&lab);
    assert!(!fired.is_empty(), "some ReLU fires for the first sample");
    lab.apply(Action::Step);
    // A sample for which one of them gives 0.
    let silent = (1..lab.run().train().len()).find(|&i| {
        let mut probe = lab.clone();
        probe.selection.pick(i, lab.run().train().len());
        let now = hidden_firing(&probe);
        fired.iter().any(|j| !now.contains(j))
    });
    let before = lab.lesson().is_done(Chapter::Activation);
    lab.apply(Action::PickSample(silent.expect("some sample silences a neuron")));
    assert!(!before && lab.lesson().is_done(Chapter::Activation));
}

#[test]
fn chapter_three_wants_the_sample_with_the_largest_loss() {
    let mut lab = opened(Chapter::LossCost);
    let train = lab.run().train().clone();
    let network = lab.run().network().clone();
    let loss = lab.run().trainer().loss();
    let mut trace = network.new_trace();
    let losses: Vec<f64> = (0..train.len())
        .map(|i| {
            network.forward(train.input(i), &mut trace);
            network.loss(&trace, train.target(i), loss)
        })
        .collect();
    let worst = (0..losses.len())
        .max_by(|&a, &b| losses[a].total_cmp(&losses[b]))
        .unwrap();
    let other = (worst + 1) % losses.len();
    lab.apply(Action::PickSample(other));
    assert!(
        !lab.lesson().is_done(Chapter::LossCost),
        "{} is not the largest loss",
        losses[other]
    );
    lab.apply(Action::PickSample(worst));
    assert!(lab.lesson().is_done(Chapter::LossCost));
}

/// The toy-surface panel as a chapter sets it up.
fn panel_for(chapter: Chapter) -> SurfaceState {
    let (surface, rate) = chapter.surface().expect("a chapter on the toy surface");
    let mut panel = SurfaceState::default();
    panel.apply(SurfaceAction::Begin(surface, rate));
    panel
}

/// Steps the panel `steps` times, showing the lab its facts after each step as the page does.
fn roll(lab: &mut Lab, panel: &mut SurfaceState, steps: usize) {
    lab.apply(Action::SurfaceSeen(panel.facts()));
    for _ in 0..steps {
        panel.apply(SurfaceAction::Step);
        lab.apply(Action::SurfaceSeen(panel.facts()));
    }
}

#[test]
fn chapter_four_wants_the_valley_floor_in_under_fifty_steps() {
    let mut lab = opened(Chapter::Descent);
    let hidden = lab.settings().hidden_parts;
    assert!(
        !hidden.contains(Part::Surface) && hidden.contains(Part::Network),
        "the toy surface alone"
    );
    let mut panel = panel_for(Chapter::Descent);
    assert_eq!((panel.surface, panel.runners.len()), (Surface::Valley, 1));
    assert_eq!(panel.runners[0].rate, DESCENT_START_RATE);
    // Too small: after 200 steps it is still crawling along the valley.
    roll(&mut lab, &mut panel, 200);
    assert!(
        panel.runners[0].landing.is_none_or(|l| l.step >= DESCENT_STEPS),
        "η = {DESCENT_START_RATE} crawls: {:?}",
        panel.runners[0].landing
    );
    assert!(!lab.lesson().is_done(Chapter::Descent));
    // Too large: it zig-zags out of the valley and never comes down.
    panel.apply(SurfaceAction::SetRate(0, 0.1));
    panel.apply(SurfaceAction::Reset);
    roll(&mut lab, &mut panel, 200);
    assert_eq!(panel.runners[0].status, Status::Diverged);
    assert!(!lab.lesson().is_done(Chapter::Descent));
    // A start placed near the floor is not the task: it must come down from the top.
    panel.apply(SurfaceAction::SetStart([0.5, 0.05]));
    panel.apply(SurfaceAction::SetRate(0, 0.07));
    roll(&mut lab, &mut panel, 49);
    assert!(panel.runners[0].landing.is_some());
    assert!(!lab.lesson().is_done(Chapter::Descent));
    // From the top with a good rate: on the floor in under fifty steps.
    panel.apply(SurfaceAction::PickSurface(Surface::Valley));
    panel.apply(SurfaceAction::SetRate(0, 0.07));
    roll(&mut lab, &mut panel, 49);
    let landing = panel.runners[0].landing.expect("η = 0.07 reaches the floor");
    assert!(landing.step < DESCENT_STEPS);
    assert!(lab.lesson().is_done(Chapter::Descent));
}

#[test]
fn chapter_four_has_a_band_of_good_rates_on_the_slider_between_crawling_and_running_off() {
    // What a plain step θ ← θ − η∇f does on the valley, from the chapter's start: the steps
    // until f < 0.05, if within 49.
    let floor_within = |rate: f64| {
        let surface = Surface::Valley;
        let mut p = surface.default_start();
        (1..DESCENT_STEPS).find(|_| {
            let g = surface.gradient(p[0], p[1]);
            p = [p[0] - rate * g[0], p[1] - rate * g[1]];
            surface.value(p[0], p[1]) < 0.05
        })
    };
    // The panel's slider: η = 10^e for e from −4 to 0.5 by 0.05.
    let good: Vec<f64> = (0..=90)
        .map(|k| 10f64.powf(-4.0 + 0.05 * f64::from(k)))
        .filter(|&rate| floor_within(rate).is_some())
        .collect();
    assert!(good.len() >= 3, "a few slider positions work: {good:?}");
    assert!(
        good.iter().all(|&r| r > 4.0 * DESCENT_START_RATE && r < 0.08),
        "{good:?}"
    );
    // The panel agrees with the plain step at each of them.
    for &rate in &good {
        let mut panel = panel_for(Chapter::Descent);
        panel.apply(SurfaceAction::SetRate(0, rate));
        let mut lab = opened(Chapter::Descent);
        roll(&mut lab, &mut panel, 49);
        assert_eq!(panel.runners[0].landing.map(|l| l.step), floor_within(rate));
        assert!(lab.lesson().is_done(Chapter::Descent), "η = {rate}");
    }
}

#[test]
fn chapter_seven_wants_balls_in_both_minima() {
    let mut lab = opened(Chapter::Minima);
    let mut panel = panel_for(Chapter::Minima);
    assert_eq!(panel.surface, Surface::TwoMinima);
    // The first ball rolls into the local minimum on the right, and that is not enough.
    roll(&mut lab, &mut panel, 500);
    let landing = panel.runners[0].landing.expect("it lands");
    let right = Surface::TwoMinima.minima()[landing.minimum];
    assert!(right[0] > 1.0, "the right-hand minimum: {right:?}");
    assert!(!lab.lesson().is_done(Chapter::Minima));
    // Random restarts spread balls over both basins.
    panel.apply(SurfaceAction::RandomRestarts);
    roll(&mut lab, &mut panel, 500);
    let mut minima: Vec<usize> = panel
        .runners
        .iter()
        .filter_map(|r| r.landing)
        .map(|l| l.minimum)
        .collect();
    minima.sort_unstable();
    minima.dedup();
    assert_eq!(minima, [0, 1]);
    assert!(lab.lesson().is_done(Chapter::Minima));
}

#[test]
fn chapter_seven_adds_up_landings_from_one_start_after_another() {
    let mut lab = opened(Chapter::Minima);
    let mut panel = panel_for(Chapter::Minima);
    roll(&mut lab, &mut panel, 500);
    // A click on the left of the map: this start leads to the global minimum.
    panel.apply(SurfaceAction::SetStart([-1.8, 1.0]));
    lab.apply(Action::SurfaceSeen(panel.facts()));
    assert!(
        !lab.lesson().is_done(Chapter::Minima),
        "so far only the right-hand minimum"
    );
    roll(&mut lab, &mut panel, 500);
    assert_eq!(panel.runners[0].landing.map(|l| l.minimum), Some(0));
    assert!(lab.lesson().is_done(Chapter::Minima));
}

#[test]
fn chapter_five_is_done_when_the_walk_updates_the_weights() {
    let mut lab = opened(Chapter::Backprop);
    // ① initialise, ② forward, ③ loss, ④ backward.
    for _ in 0..4 {
        lab.apply(Action::NextPhase);
    }
    assert_eq!(lab.walk().phase(), Some(Phase::Backward));
    assert!(
        !lab.lesson().is_done(Chapter::Backprop),
        "the backward pass is not the update"
    );
    lab.apply(Action::NextPhase);
    assert_eq!(lab.walk().phase(), Some(Phase::Update));
    assert!(lab.lesson().is_done(Chapter::Backprop));
}

#[test]
fn chapter_six_is_done_once_the_cost_is_below_its_target_and_stays_done() {
    let mut lab = opened(Chapter::Repeat);
    let mut epochs = 0;
    while lab.latest_cost().unwrap().train >= REPEAT_TARGET {
        assert!(!lab.lesson().is_done(Chapter::Repeat));
        lab.apply(Action::Epoch);
        epochs += 1;
        assert!(epochs < 200, "the cats and dogs reach {REPEAT_TARGET}");
    }
    assert!(lab.lesson().is_done(Chapter::Repeat));
    lab.apply(Action::SetLearningRate(10.0));
    for _ in 0..5 {
        lab.apply(Action::Epoch);
    }
    assert!(lab.lesson().is_done(Chapter::Repeat), "done stays done");
}

#[test]
fn chapter_eight_is_done_at_ninety_percent_on_the_spiral() {
    let mut lab = opened(Chapter::Free);
    assert_eq!(lab.settings().data.kind, DatasetKind::Spiral);
    assert_eq!(lab.settings().hidden_parts, Parts::NONE, "the whole lab");
    for feature in [Feature::X1Squared, Feature::X2Squared, Feature::SinX1, Feature::SinX2] {
        lab.apply(Action::ToggleFeature(feature));
    }
    lab.apply(Action::AddNeuron(0));
    lab.apply(Action::AddNeuron(0));
    lab.apply(Action::AddNeuron(0));
    lab.apply(Action::AddNeuron(0));
    lab.apply(Action::AddNeuron(1));
    lab.apply(Action::AddNeuron(1));
    lab.apply(Action::SetOptimizer(OptimizerKind::Adam));
    lab.apply(Action::SetLearningRate(0.03));
    let mut epochs = 0;
    while !lab.lesson().is_done(Chapter::Free) {
        let (_, test) = lab.record().accuracy().unwrap();
        assert!(test < FREE_TARGET, "not done at {test}");
        lab.apply(Action::Epoch);
        epochs += 1;
        assert!(epochs < 400, "the spiral learnt to {test}");
    }
}

#[test]
fn progress_is_kept_and_restored_and_closing_shows_every_panel() {
    let mut lab = opened(Chapter::Backprop);
    for _ in 0..5 {
        lab.apply(Action::NextPhase);
    }
    let kept = lab.lesson().kept();
    assert_eq!(kept, "00001000", "chapter ⑤ done");
    // The page comes back from its link (the chapter in it) and the chapters done kept.
    let link = link::write_with_lesson(lab.settings(), Some(5));
    let mut later = Lab::from_link(&link);
    assert_eq!(later.lesson().chapter(), Some(Chapter::Backprop));
    assert_eq!(later.settings(), lab.settings());
    later.apply(Action::Step);
    later.apply(Action::RestoreLesson(kept.as_str().into()));
    assert_eq!(later.lesson().kept(), "00001000");
    assert_eq!(later.trainer().steps(), 1, "restoring changes nothing in the run");
    for junk in [
        "junk, 1111111111",
        "111111111",
        "12x",
        "",
        "1;11111111",
        "5:000100",
        "0000200x",
    ] {
        later.apply(Action::RestoreLesson(junk.into()));
    }
    assert_eq!(later.lesson().kept(), "00001000", "junk restores nothing");
    lab.apply(Action::CloseLesson);
    assert_eq!(
        (lab.lesson().chapter(), lab.settings().hidden_parts),
        (None, Parts::NONE)
    );
    assert_eq!(lab.lesson().kept(), "00001000", "closed, the chapters done stay done");
    let zh = Chapter::Free.setup(Lang::ZhTw);
    assert_eq!(zh.lang, Lang::ZhTw, "a chapter keeps the page's language");
}

#[test]
fn a_short_link_opens_a_chapter_set_up_as_the_chapter_sets_it_up() {
    let lab = Lab::from_link("#lesson=4&lang=zh-TW");
    assert_eq!(lab.lesson().chapter(), Some(Chapter::Descent));
    assert_eq!(
        lab.settings(),
        &Chapter::Descent.setup(Lang::ZhTw),
        "the chapter's panels, in Chinese"
    );
    assert!(lab.message().is_none());
    // The link's settings go on top of the chapter's.
    let lab = Lab::from_link("#lesson=6&lr=0.3");
    assert_eq!(lab.lesson().chapter(), Some(Chapter::Repeat));
    assert_eq!(lab.settings().learning_rate, 0.3);
    assert_eq!(
        lab.settings().hidden_parts,
        Chapter::Repeat.setup(Lang::En).hidden_parts
    );
    // Chapter ② starts its explanation at the first hidden neuron, from a link as from its button.
    let lab = Lab::from_link("#lesson=2");
    assert_eq!(
        lab.selection().focus(),
        crate::app::explain::Focus::Neuron { layer: 1, index: 0 }
    );
}

#[test]
fn a_link_with_no_chapters_number_opens_none_and_says_so() {
    for bad in ["#lesson=9", "#lesson=abc", "#lesson=", "#lesson=0&data=xor"] {
        let lab = Lab::from_link(bad);
        assert_eq!(lab.lesson().chapter(), None, "{bad}");
        let Some(Notice::LinkIgnored(refused)) = lab.message() else {
            panic!("{bad}: no message");
        };
        assert!(
            refused
                .iter()
                .any(|r| matches!(r, Refusal::Unreadable { key: "lesson", .. })),
            "{bad}: {refused:?}"
        );
    }
    assert_eq!(
        Lab::from_link("#lesson=0&data=xor").settings().data.kind,
        DatasetKind::Xor,
        "the rest is read"
    );
}

#[test]
fn a_link_put_in_the_address_moves_to_its_chapter_and_keeps_the_chapters_done() {
    let mut lab = opened(Chapter::Backprop);
    for _ in 0..5 {
        lab.apply(Action::NextPhase);
    }
    assert!(lab.lesson().is_done(Chapter::Backprop));
    lab.apply(Action::OpenLink("#lesson=7".into()));
    assert_eq!(lab.lesson().chapter(), Some(Chapter::Minima));
    assert!(!lab.settings().hidden_parts.contains(Part::Surface));
    assert!(lab.lesson().is_done(Chapter::Backprop), "done stays done");
    // A link without a chapter closes the lesson.
    lab.apply(Action::OpenLink("#data=spiral".into()));
    assert_eq!(lab.lesson().chapter(), None);
    assert!(lab.lesson().is_done(Chapter::Backprop));
    // The page's own link, written with the chapter, gives back the same lab and chapter.
    let mut lab = opened(Chapter::Repeat);
    lab.apply(Action::SetLearningRate(0.5));
    let back = Lab::from_link(&link::write_with_lesson(
        lab.settings(),
        lab.lesson().chapter().map(Chapter::number),
    ));
    assert_eq!(
        (back.settings(), back.lesson().chapter()),
        (lab.settings(), Some(Chapter::Repeat))
    );
}

#[test]
fn opening_the_chapter_that_is_open_changes_nothing() {
    let mut lab = opened(Chapter::Repeat);
    lab.apply(Action::Epoch);
    let (steps, lesson) = (lab.trainer().steps(), lab.lesson().clone());
    assert!(steps > 0);
    lab.apply(Action::OpenChapter(Chapter::Repeat));
    assert_eq!(lab.trainer().steps(), steps, "the run goes on");
    assert_eq!(lab.lesson(), &lesson, "and what the task has seen is kept");
    lab.apply(Action::OpenChapter(Chapter::LossCost));
    assert_eq!(lab.trainer().steps(), 0, "another chapter sets up a run of its own");
}
