//! The lesson: the article's chapters, each setting the lab up, giving the learner a task and
//! knowing from the lab's state — not from a "Next" click — when the task is done.

use super::{Action, Lab};
use crate::app::explain::Phase;
use crate::app::settings::view::{Part, Parts};
use crate::app::settings::Settings;
use crate::core::{Activation, DatasetKind};

/// A chapter of the lesson, in the article's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chapter {
    /// ① The network and its layers: which neurons fire for a cat and for a dog.
    Layers,
    /// ② The activation function decides which neurons fire: make one fall silent.
    Activation,
    /// ③ Loss and cost: find the sample with the largest loss.
    LossCost,
    /// ⑤ Backpropagation's five steps for one sample.
    Backprop,
    /// ⑥ Repeat until the error is small enough: reach a cost below a target.
    Repeat,
    /// ⑧ A free lab on the spiral, with the coach.
    Free,
}

/// The training cost chapter ⑥ asks for.
pub const REPEAT_TARGET: f64 = 0.15;
/// The test accuracy chapter ⑧ asks for on the spiral.
pub const FREE_TARGET: f64 = 0.9;

impl Chapter {
    /// Every chapter, in order.
    pub const ALL: [Chapter; 6] = [
        Chapter::Layers,
        Chapter::Activation,
        Chapter::LossCost,
        Chapter::Backprop,
        Chapter::Repeat,
        Chapter::Free,
    ];

    /// Its number in the article's list of eight (④ and ⑦, on the test surface, are still to come).
    pub fn number(self) -> usize {
        match self {
            Chapter::Layers => 1,
            Chapter::Activation => 2,
            Chapter::LossCost => 3,
            Chapter::Backprop => 5,
            Chapter::Repeat => 6,
            Chapter::Free => 8,
        }
    }

    /// Its place in [`Chapter::ALL`].
    pub fn index(self) -> usize {
        Chapter::ALL.iter().position(|&c| c == self).unwrap_or(0)
    }

    /// The chapter after it, if any.
    pub fn next(self) -> Option<Chapter> {
        Chapter::ALL.get(self.index() + 1).copied()
    }

    /// The lab as the chapter starts it: the data, the network, and only the panels it needs.
    pub fn setup(self, lang: crate::app::i18n::Lang) -> Settings {
        let mut s = Settings {
            lang,
            ..Settings::default()
        };
        let hide_all_but = |shown: &[Part]| Parts::all_but(shown);
        let basics = [
            Part::Step,
            Part::Counter,
            Part::Network,
            Part::Output,
            Part::Explain,
            Part::Language,
        ];
        s.hidden_parts = match self {
            Chapter::Layers => hide_all_but(&basics),
            Chapter::Activation => {
                s.activations = vec![Activation::Relu; s.hidden.len()];
                hide_all_but(&[basics.as_slice(), &[Part::Shape]].concat())
            }
            Chapter::LossCost => hide_all_but(&[basics.as_slice(), &[Part::Chart, Part::Bars]].concat()),
            Chapter::Backprop => hide_all_but(&[basics.as_slice(), &[Part::Phase]].concat()),
            Chapter::Repeat => hide_all_but(
                &[
                    basics.as_slice(),
                    &[Part::Play, Part::Epoch, Part::Reset, Part::Rate, Part::Chart],
                ]
                .concat(),
            ),
            Chapter::Free => {
                s.data.kind = DatasetKind::Spiral;
                Parts::NONE
            }
        };
        s
    }
}

/// Where the learner is in the lesson, what they did that a task looks for, and which chapters
/// are done.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lesson {
    chapter: Option<Chapter>,
    done: [bool; Chapter::ALL.len()],
    /// Chapter ①: a cat and a dog picked since it opened.
    picked: (bool, bool),
    /// Chapter ②: the hidden neurons that fired for the sample chosen as it opened.
    fired: Vec<usize>,
}

impl Lesson {
    /// The chapter open, if the lesson is.
    pub fn chapter(&self) -> Option<Chapter> {
        self.chapter
    }

    /// Whether `chapter`'s task has been done.
    pub fn is_done(&self, chapter: Chapter) -> bool {
        self.done[chapter.index()]
    }

    /// The chapters done, in order, as a short text to keep (one digit a chapter).
    pub fn progress(&self) -> String {
        self.done.iter().map(|&d| if d { '1' } else { '0' }).collect()
    }

    /// Progress kept earlier (see [`Lesson::progress`]); anything else is ignored.
    pub fn restore(&mut self, kept: &str) {
        for (done, c) in self.done.iter_mut().zip(kept.chars()) {
            *done |= c == '1';
        }
    }

    /// Closes the lesson (the chapters done stay done).
    pub fn close(&mut self) {
        self.chapter = None;
    }

    /// Opens `chapter` on `lab`, already set up by [`Chapter::setup`]: what its task looks for
    /// starts from now.
    pub fn open(&mut self, chapter: Chapter, lab: &Lab) {
        self.chapter = Some(chapter);
        self.picked = (false, false);
        self.fired = hidden_firing(lab);
    }

    /// After `action` on `lab`: notes what the task looks for and marks the chapter done if it
    /// is. True when this action completed it.
    pub fn observe(&mut self, action: &Action, lab: &Lab) -> bool {
        let Some(chapter) = self.chapter else {
            return false;
        };
        if self.is_done(chapter) {
            return false;
        }
        let picked = matches!(action, Action::PickSample(_) | Action::NextSample);
        let done = match chapter {
            Chapter::Layers => {
                if picked {
                    let dog = lab.answer() > 0.5;
                    if dog {
                        self.picked.1 = true;
                    } else {
                        self.picked.0 = true;
                    }
                }
                self.picked == (true, true)
            }
            Chapter::Activation => {
                let now = hidden_firing(lab);
                self.fired.iter().any(|j| !now.contains(j))
            }
            Chapter::LossCost => picked && picks_the_largest_loss(lab),
            Chapter::Backprop => lab.walk().phase() == Some(Phase::Update),
            Chapter::Repeat => lab.latest_cost().is_some_and(|c| c.train < REPEAT_TARGET),
            Chapter::Free => lab.record().accuracy().is_some_and(|(_, test)| test >= FREE_TARGET),
        };
        self.done[chapter.index()] = done;
        done
    }
}

/// The hidden neurons (indices into the network's neurons) with a non-zero output for the
/// chosen sample.
fn hidden_firing(lab: &Lab) -> Vec<usize> {
    let network = lab.run().network();
    let inspection = lab.inspection();
    let layers = network.sizes().len();
    (1..layers - 1)
        .flat_map(|l| network.neurons(l))
        .filter(|&j| inspection.trace.a[j] != 0.0)
        .collect()
}

/// Whether the chosen sample's loss is the largest of the training set.
fn picks_the_largest_loss(lab: &Lab) -> bool {
    let run = lab.run();
    let (network, loss, train) = (run.network(), run.trainer().loss(), run.train());
    let mut trace = network.new_trace();
    let mut loss_of = |i: usize| {
        network.forward(train.input(i), &mut trace);
        network.loss(&trace, train.target(i), loss)
    };
    let chosen = loss_of(lab.selection().sample());
    (0..train.len()).all(|i| loss_of(i) <= chosen)
}

impl Lab {
    /// The lesson this lab is following.
    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    /// Opens a chapter (a new run set up for it), closes the lesson, or restores its progress.
    pub(super) fn lesson_action(&mut self, action: Action) {
        match action {
            Action::OpenChapter(chapter) => {
                self.settings = chapter.setup(self.settings.lang);
                // A chapter is about its own data: the learner's points make way for it.
                self.own.forget();
                self.playing = false;
                self.new_run(None);
                let mut lesson = std::mem::take(&mut self.lesson);
                lesson.open(chapter, self);
                self.lesson = lesson;
            }
            Action::CloseLesson => {
                self.lesson.close();
                self.settings.hidden_parts = Parts::NONE;
            }
            Action::RestoreLesson(kept) => self.lesson.restore(&kept),
            _ => {}
        }
    }

    /// Shows the lesson what `action` did.
    pub(super) fn watch_lesson(&mut self, action: &Action) {
        let mut lesson = std::mem::take(&mut self.lesson);
        lesson.observe(action, self);
        self.lesson = lesson;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::i18n::Lang;
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
        let kept = lab.lesson().progress();
        assert_eq!(kept, "000100");
        lab.apply(Action::CloseLesson);
        assert_eq!(
            (lab.lesson().chapter(), lab.settings().hidden_parts),
            (None, Parts::NONE)
        );
        let mut later = Lab::default();
        later.apply(Action::RestoreLesson(kept.as_str().into()));
        later.apply(Action::RestoreLesson("junk, 1111111111".into()));
        assert!(later.lesson().is_done(Chapter::Backprop));
        assert_eq!(later.lesson().progress(), "000100", "junk restores nothing");
        let zh = Chapter::Free.setup(Lang::ZhTw);
        assert_eq!(zh.lang, Lang::ZhTw, "a chapter keeps the page's language");
    }
}
