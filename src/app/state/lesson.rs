//! The lesson: the article's chapters, each setting the lab up, giving the learner a task and
//! knowing from the lab's state — not from a "Next" click — when the task is done.

use super::{Action, Lab};
use crate::app::explain::Phase;
use crate::app::settings::view::{Part, Parts};
use crate::app::settings::Settings;
use crate::app::surface_state::SurfaceFacts;
use crate::core::{Activation, DatasetKind, Surface};

/// A chapter of the lesson, in the article's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Chapter {
    /// ① The network and its layers: which neurons fire for a cat and for a dog.
    Layers,
    /// ② The activation function decides which neurons fire: make one fall silent.
    Activation,
    /// ③ Loss and cost: find the sample with the largest loss.
    LossCost,
    /// ④ Gradient descent and the learning rate, on the valley: reach its floor in under 50 steps.
    Descent,
    /// ⑤ Backpropagation's five steps for one sample.
    Backprop,
    /// ⑥ Repeat until the error is small enough: reach a cost below a target.
    Repeat,
    /// ⑦ Local minima: land balls in both minima of the two-minima surface.
    Minima,
    /// ⑧ A free lab on the spiral, with the coach.
    Free,
}

/// The training cost chapter ⑥ asks for.
pub const REPEAT_TARGET: f64 = 0.15;
/// The test accuracy chapter ⑧ asks for on the spiral.
pub const FREE_TARGET: f64 = 0.9;
/// Chapter ④: the valley's floor must be reached in fewer steps than this.
pub const DESCENT_STEPS: u64 = 50;
/// Chapter ④'s ball starts with this learning rate: too small, it crawls.
pub const DESCENT_START_RATE: f64 = 0.01;

impl Chapter {
    /// Every chapter, in order.
    pub const ALL: [Chapter; 8] = [
        Chapter::Layers,
        Chapter::Activation,
        Chapter::LossCost,
        Chapter::Descent,
        Chapter::Backprop,
        Chapter::Repeat,
        Chapter::Minima,
        Chapter::Free,
    ];

    /// Its number, ① to ⑧.
    pub fn number(self) -> usize {
        self.index() + 1
    }

    /// For the chapters on the toy surfaces: the surface the panel starts on and its ball's
    /// learning rate.
    pub fn surface(self) -> Option<(Surface, f64)> {
        match self {
            Chapter::Descent => Some((Surface::Valley, DESCENT_START_RATE)),
            Chapter::Minima => Some((
                Surface::TwoMinima,
                crate::app::surface_state::suggested_rate(Surface::TwoMinima, crate::core::OptimizerKind::Sgd),
            )),
            _ => None,
        }
    }

    /// The chapter numbered `text` ("4"), if there is one.
    pub fn from_number(text: &str) -> Option<Chapter> {
        Chapter::ALL.into_iter().find(|c| c.number().to_string() == text.trim())
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
            // The toy surface alone: no network is trained.
            Chapter::Descent | Chapter::Minima => hide_all_but(&[Part::Language, Part::Surface]),
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
    /// Chapter ⑦: which minima of the surface a ball has landed in since it opened.
    landed: [bool; 2],
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

    /// What to keep for the next visit: one digit a chapter, 1 for those done, "00001000".
    /// (The chapter open is the link's to say: see [`crate::app::settings::link::LESSON_KEY`].)
    pub fn kept(&self) -> String {
        self.done.iter().map(|&d| if d { '1' } else { '0' }).collect()
    }

    /// The chapters an earlier visit kept done (see [`Lesson::kept`]) are done again; anything
    /// unreadable is ignored.
    pub fn restore(&mut self, kept: &str) {
        if kept.len() == self.done.len() && kept.chars().all(|c| c == '0' || c == '1') {
            for (d, c) in self.done.iter_mut().zip(kept.chars()) {
                *d |= c == '1';
            }
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
        self.landed = [false; 2];
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
            Chapter::Descent => match action {
                Action::SurfaceSeen(facts) => reaches_the_floor(facts),
                _ => false,
            },
            Chapter::Backprop => lab.walk().phase() == Some(Phase::Update),
            Chapter::Repeat => lab.latest_cost().is_some_and(|c| c.train < REPEAT_TARGET),
            Chapter::Minima => {
                if let Action::SurfaceSeen(facts) = action {
                    if facts.surface == Surface::TwoMinima {
                        for landing in facts.balls.iter().filter_map(|b| b.1) {
                            if let Some(landed) = self.landed.get_mut(landing.minimum) {
                                *landed = true;
                            }
                        }
                    }
                }
                self.landed.iter().all(|&l| l)
            }
            Chapter::Free => lab.record().accuracy().is_some_and(|(_, test)| test >= FREE_TARGET),
        };
        self.done[chapter.index()] = done;
        done
    }
}

/// The hidden neurons (indices into the network's neurons) with a non-zero output for the
/// chosen sample.
pub(super) fn hidden_firing(lab: &Lab) -> Vec<usize> {
    let network = lab.run().network();
    let inspection = lab.inspection();
    let layers = network.sizes().len();
    (1..layers - 1)
        .flat_map(|l| network.neurons(l))
        .filter(|&j| inspection.trace.a[j] != 0.0)
        .collect()
}

/// Chapter ④'s task: on the valley, a ball that started at least as high as the chapter's start
/// came down to the floor in fewer than [`DESCENT_STEPS`] steps.
fn reaches_the_floor(facts: &SurfaceFacts) -> bool {
    let surface = Surface::Valley;
    let [x, y] = surface.default_start();
    let top = surface.value(x, y);
    facts.surface == surface
        && facts
            .balls
            .iter()
            .any(|&(start, landing)| start >= top - 1e-9 && landing.is_some_and(|l| l.step < DESCENT_STEPS))
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
            // The chapter open already: its button is the one marked current, and the run and
            // what its task has seen (landings in ⑦, say) stay as they are.
            Action::OpenChapter(chapter) if self.lesson.chapter() == Some(chapter) => {}
            Action::OpenChapter(chapter) => {
                self.settings = chapter.setup(self.settings.lang);
                // A chapter is about its own data: the learner's points make way for it.
                self.own.forget();
                self.playing = false;
                self.new_run(None);
                self.begin_chapter(chapter);
            }
            Action::CloseLesson => {
                self.lesson.close();
                self.settings.hidden_parts = Parts::NONE;
            }
            Action::RestoreLesson(kept) => self.lesson.restore(&kept),
            // Only the lesson looks at the toy surface's facts.
            _ => {}
        }
    }

    /// Opens `chapter` on the lab as it is (set up for it, or as a link gives it): what its task
    /// looks for starts from now.
    pub(super) fn begin_chapter(&mut self, chapter: Chapter) {
        if chapter == Chapter::Activation {
            // Its plot is the first hidden layer's: the explanation starts there.
            let first = crate::app::explain::Focus::Neuron { layer: 1, index: 0 };
            self.selection.set_focus(first, self.run.network());
        }
        let mut lesson = std::mem::take(&mut self.lesson);
        lesson.open(chapter, self);
        self.lesson = lesson;
    }

    /// Shows the lesson what `action` did.
    pub(super) fn watch_lesson(&mut self, action: &Action) {
        let mut lesson = std::mem::take(&mut self.lesson);
        lesson.observe(action, self);
        self.lesson = lesson;
    }
}
