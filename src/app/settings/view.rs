//! Classroom mode: which parts of the page are shown. A teacher hides controls and panels (the
//! `hide` key of a link) or picks a preset (the `view` key) to share a focused page; nothing is
//! hidden by default.

use crate::app::i18n::Key;

/// A control or panel of the page that a link can hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// Open model and Save model, in the header.
    Files,
    /// The Copy link button.
    Link,
    /// The language menu.
    Language,
    /// The Step button (and the → key).
    Step,
    /// The Next phase button (and Shift+→).
    Phase,
    /// The Play button (and Space).
    Play,
    /// The Epoch button.
    Epoch,
    /// The Reset button (and R).
    Reset,
    /// The learning-rate slider and field.
    Rate,
    /// The step and epoch counter.
    Counter,
    /// The network panel.
    Network,
    /// The network's shape: features, layers, neurons and activations.
    Shape,
    /// The folded "More settings".
    Settings,
    /// The dataset picker.
    Data,
    /// The output view.
    Output,
    /// The cost chart and its readouts.
    Chart,
    /// Under the cost chart: the history scrubber, Resume from here and Pin this run.
    Replay,
    /// The mini-batch's loss bars.
    Bars,
    /// The explanation panel.
    Explain,
    /// The loss surface of the learner's network.
    RealSurface,
    /// The gradient-descent lab on a test surface.
    Surface,
    /// The classroom control itself (only a link can hide it: a box that hid itself would
    /// leave no way back).
    Classroom,
}

impl Part {
    /// Every part, in the page's order (and the order a link lists them).
    pub const ALL: [Part; 22] = [
        Part::Files,
        Part::Link,
        Part::Language,
        Part::Step,
        Part::Phase,
        Part::Play,
        Part::Epoch,
        Part::Reset,
        Part::Rate,
        Part::Counter,
        Part::Network,
        Part::Shape,
        Part::Settings,
        Part::Data,
        Part::Output,
        Part::Chart,
        Part::Replay,
        Part::Bars,
        Part::Explain,
        Part::RealSurface,
        Part::Surface,
        Part::Classroom,
    ];

    /// The part's name in a link.
    pub fn name(self) -> &'static str {
        match self {
            Part::Files => "files",
            Part::Link => "link",
            Part::Language => "language",
            Part::Step => "step",
            Part::Phase => "phase",
            Part::Play => "play",
            Part::Epoch => "epoch",
            Part::Reset => "reset",
            Part::Rate => "rate",
            Part::Counter => "counter",
            Part::Network => "network",
            Part::Shape => "shape",
            Part::Settings => "settings",
            Part::Data => "data",
            Part::Output => "output",
            Part::Chart => "chart",
            Part::Replay => "replay",
            Part::Bars => "bars",
            Part::Explain => "explain",
            Part::RealSurface => "real-surface",
            Part::Surface => "surface",
            Part::Classroom => "classroom",
        }
    }

    /// The part's label in the classroom control: the words the page shows on it.
    pub fn label(self) -> Key {
        match self {
            Part::Files => Key::PartFiles,
            Part::Link => Key::CopyLink,
            Part::Language => Key::Language,
            Part::Step => Key::Step,
            Part::Phase => Key::PhaseNext,
            Part::Play => Key::Play,
            Part::Epoch => Key::EpochButton,
            Part::Reset => Key::Reset,
            Part::Rate => Key::LearningRate,
            Part::Counter => Key::PartCounter,
            Part::Network => Key::Network,
            Part::Shape => Key::NetworkSettings,
            Part::Settings => Key::MoreSettings,
            Part::Data => Key::Dataset,
            Part::Output => Key::OutputView,
            Part::Chart => Key::CostPerEpoch,
            Part::Replay => Key::HistoryLabel,
            Part::Bars => Key::SampleLosses,
            Part::Explain => Key::Explanation,
            Part::RealSurface => Key::RealSurfaceTitle,
            Part::Surface => Key::SurfaceTitle,
            Part::Classroom => Key::Classroom,
        }
    }

    /// The bit of this part in [`Parts`].
    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// A set of parts: those hidden.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Parts(u32);

impl Parts {
    /// No part.
    pub const NONE: Parts = Parts(0);

    /// These parts.
    pub fn of(parts: &[Part]) -> Self {
        Parts(parts.iter().fold(0, |bits, p| bits | p.bit()))
    }

    /// Every part but these.
    pub fn all_but(shown: &[Part]) -> Self {
        Parts(Parts::of(&Part::ALL).0 & !Parts::of(shown).0)
    }

    /// Whether `part` is in the set.
    pub fn contains(self, part: Part) -> bool {
        self.0 & part.bit() != 0
    }

    /// Whether the set has no part.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The set with `part` in it (`on`) or out of it.
    pub fn with(self, part: Part, on: bool) -> Self {
        Parts(if on { self.0 | part.bit() } else { self.0 & !part.bit() })
    }

    /// Both sets' parts.
    pub fn union(self, other: Parts) -> Self {
        Parts(self.0 | other.0)
    }

    /// The parts in the set, in [`Part::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Part> {
        Part::ALL.into_iter().filter(move |&p| self.contains(p))
    }

    /// Whether any of `parts` is in the set.
    pub fn any(self, parts: &[Part]) -> bool {
        parts.iter().any(|&p| self.contains(p))
    }

    /// Whether all of `parts` are in the set.
    pub fn all(self, parts: &[Part]) -> bool {
        parts.iter().all(|&p| self.contains(p))
    }
}

/// A preset of the classroom control: a set of hidden parts with a name a link can give.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// The whole lab: nothing hidden.
    All,
    /// Only the network and Step (with the counter and the language menu).
    NetworkStep,
    /// The gradient-descent lab on a test surface, alone.
    Surface,
    /// The walk through backpropagation for one sample: Next phase, the network, the output
    /// view to pick the sample and the explanation; Step and Play hidden.
    Walk,
}

impl View {
    /// Every preset, as the classroom control offers them.
    pub const ALL: [View; 4] = [View::All, View::NetworkStep, View::Surface, View::Walk];

    /// The preset's name in a link.
    pub fn name(self) -> &'static str {
        match self {
            View::All => "all",
            View::NetworkStep => "network-step",
            View::Surface => "surface",
            View::Walk => "walk",
        }
    }

    /// The preset's button text.
    pub fn label(self) -> Key {
        match self {
            View::All => Key::ViewAll,
            View::NetworkStep => Key::ViewNetworkStep,
            View::Surface => Key::ViewSurface,
            View::Walk => Key::ViewWalk,
        }
    }

    /// The parts the preset hides. None hides the classroom control: the teacher who picks
    /// one can still pick another.
    pub fn hidden(self) -> Parts {
        use Part::*;
        match self {
            View::All => Parts::NONE,
            View::NetworkStep => Parts::all_but(&[Language, Step, Counter, Network, Classroom]),
            View::Surface => Parts::all_but(&[Language, Surface, Classroom]),
            View::Walk => Parts::all_but(&[Language, Phase, Counter, Network, Output, Explain, Classroom]),
        }
    }

    /// The preset that hides exactly `hidden`, if one does.
    pub fn of(hidden: Parts) -> Option<View> {
        View::ALL.into_iter().find(|v| v.hidden() == hidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_part_and_preset_has_its_own_name() {
        let names: HashSet<&str> = Part::ALL.iter().map(|p| p.name()).collect();
        assert_eq!(names.len(), Part::ALL.len());
        let labels: HashSet<Key> = Part::ALL.iter().map(|p| p.label()).collect();
        assert_eq!(labels.len(), Part::ALL.len(), "each checkbox has its own words");
        for (i, p) in Part::ALL.iter().enumerate() {
            assert_eq!(*p as usize, i, "ALL is in declaration order: the bits follow it");
        }
        let views: HashSet<&str> = View::ALL.iter().map(|v| v.name()).collect();
        assert_eq!(views.len(), View::ALL.len());
    }

    #[test]
    fn the_presets_hide_what_their_docs_say() {
        let shown = |v: View| {
            Part::ALL
                .into_iter()
                .filter(move |&p| !v.hidden().contains(p))
                .collect::<Vec<_>>()
        };
        use Part::*;
        assert_eq!(shown(View::All), Part::ALL);
        assert_eq!(shown(View::NetworkStep), [Language, Step, Counter, Network, Classroom]);
        assert_eq!(shown(View::Surface), [Language, Surface, Classroom]);
        assert_eq!(
            shown(View::Walk),
            [Language, Phase, Counter, Network, Output, Explain, Classroom],
            "the walk: Next phase shown, Step and Play hidden"
        );
        for v in View::ALL {
            assert_eq!(View::of(v.hidden()), Some(v), "{v:?}");
        }
        assert_eq!(View::of(Parts::of(&[Chart])), None);
    }

    #[test]
    fn a_set_keeps_what_is_put_in_it() {
        let set = Parts::NONE.with(Part::Play, true).with(Part::Chart, true);
        assert!(set.contains(Part::Play) && set.contains(Part::Chart) && !set.contains(Part::Step));
        assert_eq!(set.iter().collect::<Vec<_>>(), [Part::Play, Part::Chart]);
        assert_eq!(set.with(Part::Play, false), Parts::of(&[Part::Chart]));
        assert!(set.any(&[Part::Step, Part::Play]) && !set.all(&[Part::Step, Part::Play]));
        assert_eq!(set.union(Parts::of(&[Part::Step])).iter().count(), 3);
        assert!(Parts::NONE.is_empty() && !set.is_empty());
    }
}
