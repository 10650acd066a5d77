//! "Try it yourself": in the walk, the number the current phase computes for the focused neuron
//! or weight is hidden, the learner types their own, and the page says whether it is right.

use super::{bias_index, num, weight_index, Focus, Formulas, Phase};
use crate::app::format::parse_number;

/// An answer is right within this share of the right value …
pub const RELATIVE: f64 = 0.01;
/// … or within this much of it, whichever is more generous (for values near zero).
pub const ABSOLUTE: f64 = 0.001;

/// What the page says of a typed answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Within [`RELATIVE`] or [`ABSOLUTE`] of the right value.
    Right,
    /// A number, but not close enough.
    Wrong,
    /// Not a number at all ("abc", empty).
    NotANumber,
}

/// Checks `typed` ("0.42", "−0,42", "4.2e-1") against `answer`.
pub fn check(typed: &str, answer: f64) -> Verdict {
    let value = parse_number(&typed.replace('−', "-"));
    if !value.is_finite() {
        Verdict::NotANumber
    } else if (value - answer).abs() <= (RELATIVE * answer.abs()).max(ABSOLUTE) {
        Verdict::Right
    } else {
        Verdict::Wrong
    }
}

/// The formulas with the answer left out: every line that ends with it ends with "?" instead,
/// and a line after the first of those that shows it before its end (tanh(z) = tanh(0.15) …
/// after z, say) is left out.
pub fn hide(lines: &[String], answer: f64) -> Vec<String> {
    let written = num(answer);
    let mut hidden = false;
    lines
        .iter()
        .filter_map(|line| {
            let (head, at_end) = match line.strip_suffix(&written) {
                Some(head) if head.ends_with("= ") => (head, true),
                _ => (line.as_str(), false),
            };
            if hidden && head.contains(&written) {
                return None;
            }
            hidden |= at_end;
            Some(if at_end { format!("{head}?") } else { line.clone() })
        })
        .collect()
}

impl Formulas<'_> {
    /// The numbers the walk's `phase` computes for `focus`, in the order they are worked out,
    /// the last the one its last formula ends with: a neuron's weighted input z and then its
    /// output a (p for a softmax output; a alone where it reads as z) in the forward pass, the
    /// loss, a neuron's δ or a weight's ∂L/∂w in the backward pass, the new weight or bias in
    /// the update. None where the phase computes nothing for it (initialising, an input, a
    /// weight going forward) and outside the walk.
    pub fn asked(&self, phase: Option<Phase>, focus: Focus) -> Vec<f64> {
        let Some(phase) = phase else {
            return Vec::new();
        };
        let trace = &self.sample.trace;
        if let (Phase::Forward, Focus::Neuron { layer, index }) = (phase, focus) {
            if layer > 0 {
                let k = self.position(layer, index);
                let out = if self.is_output(layer) && self.loss == crate::core::Loss::SoftmaxCrossEntropy {
                    self.probabilities()[index]
                } else {
                    trace.a[k]
                };
                // An output that reads as its z (ReLU above 0, linear) is the same number again.
                return if num(out) == num(trace.z[k]) {
                    vec![out]
                } else {
                    vec![trace.z[k], out]
                };
            }
        }
        self.asked_last(phase, focus).into_iter().collect()
    }

    /// The one number a phase other than the forward pass computes for `focus`.
    fn asked_last(&self, phase: Phase, focus: Focus) -> Option<f64> {
        let net = self.network;
        let trace = &self.sample.trace;
        match (phase, focus) {
            (Phase::Loss, _) => Some(self.sample.loss),
            (Phase::Backward, Focus::Neuron { layer, index }) if layer > 0 => {
                Some(trace.delta[self.position(layer, index)])
            }
            (Phase::Backward, Focus::Edge { layer, from, to }) => Some(self.grad_of_weight(layer, from, to)),
            (Phase::Update, Focus::Edge { layer, from, to }) => Some(net.params()[weight_index(net, layer, from, to)]),
            (Phase::Update, Focus::Neuron { layer, index }) if layer > 0 => {
                Some(net.params()[bias_index(net, layer, index)])
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::state::{Action, Lab};
    use crate::core::Loss;

    /// Every neuron and weight of `lab`'s network.
    fn every_focus(lab: &Lab) -> Vec<Focus> {
        let sizes = lab.run().network().sizes().to_vec();
        let neurons =
            (0..sizes.len()).flat_map(|layer| (0..sizes[layer]).map(move |index| Focus::Neuron { layer, index }));
        let edges = (0..sizes.len() - 1).flat_map(|layer| {
            let (n, m) = (sizes[layer], sizes[layer + 1]);
            (0..n).flat_map(move |from| (0..m).map(move |to| Focus::Edge { layer, from, to }))
        });
        neurons.chain(edges).collect()
    }

    #[test]
    fn each_phase_asks_for_the_number_its_formula_ends_with_and_hides_it() {
        for loss in [Loss::CrossEntropy, Loss::SquaredError] {
            let mut lab = Lab::default();
            lab.apply(Action::SetLoss(loss));
            let mut asked = 0;
            for phase in Phase::ALL {
                lab.apply(Action::NextPhase);
                assert_eq!(lab.walk().phase(), Some(phase));
                let (network, inspection) = (lab.shown_network(), lab.inspection());
                let formulas = Formulas::new(network, &inspection, lab.trainer().loss());
                let before = lab.walk().step().map(|s| s.before.as_slice());
                for focus in every_focus(&lab) {
                    let lines = formulas.panel(Some(phase), focus, lab.settings().learning_rate, before);
                    let numbers = formulas.asked(Some(phase), focus);
                    let Some(&answer) = numbers.last() else {
                        continue;
                    };
                    asked += 1;
                    let last = lines.last().expect("a formula to fill in");
                    assert!(
                        last.ends_with(&format!("= {}", num(answer))),
                        "{phase:?} {focus:?}: {last}"
                    );
                    for &number in &numbers {
                        // While it is worked out, it shows nowhere, and its formula waits for it.
                        let hidden = hide(&lines, number);
                        assert!(hidden.iter().any(|l| l.ends_with("= ?")), "{hidden:?}");
                        let first = hidden.iter().position(|l| l.ends_with("= ?")).unwrap();
                        assert!(
                            hidden[first + 1..].iter().all(|l| !l.contains(&num(number))),
                            "{hidden:?}"
                        );
                        assert!(hidden.iter().all(|l| !l.ends_with(&num(number))), "{hidden:?}");
                    }
                    if let (Phase::Forward, Focus::Neuron { layer, index }) = (phase, focus) {
                        let z = inspection.trace.z[network.neurons(layer).start + index];
                        // z first; alone when the output reads the same (a = z, tanh of a small z).
                        match numbers[..] {
                            [first, _] => assert_eq!(first, z, "z is worked out first"),
                            [out] => assert_eq!(num(out), num(z)),
                            _ => panic!("{numbers:?}"),
                        }
                        assert!(lines[0].ends_with(&format!("= {}", num(z))), "{:?}", lines[0]);
                    }
                }
                assert!(
                    formulas.asked(None, Focus::output(network)).is_empty(),
                    "outside the walk, nothing is asked"
                );
            }
            // The forward pass, the loss, the backward pass and the update ask something.
            assert!(asked > 4 * 3, "{asked}");
        }
    }

    #[test]
    fn the_values_asked_are_the_walks_own_numbers() {
        let mut lab = Lab::default();
        for _ in 0..3 {
            lab.apply(Action::NextPhase);
        }
        assert_eq!(lab.walk().phase(), Some(Phase::Loss));
        let inspection = lab.inspection();
        let formulas = Formulas::new(lab.shown_network(), &inspection, lab.trainer().loss());
        let output = Focus::output(lab.shown_network());
        assert_eq!(formulas.asked(Some(Phase::Loss), output), [inspection.loss]);
        lab.apply(Action::NextPhase);
        lab.apply(Action::NextPhase);
        assert_eq!(lab.walk().phase(), Some(Phase::Update));
        let (network, inspection) = (lab.shown_network(), lab.inspection());
        let formulas = Formulas::new(network, &inspection, lab.trainer().loss());
        let edge = Focus::Edge {
            layer: 0,
            from: 1,
            to: 0,
        };
        let before = lab.walk().step().unwrap().before[weight_index(network, 0, 1, 0)];
        let [new] = formulas.asked(Some(Phase::Update), edge)[..] else {
            panic!("one number asked");
        };
        assert_eq!(new, network.weight(0, 0, 1));
        assert_ne!(new, before, "the update moved it");
    }

    #[test]
    fn an_answer_is_right_within_one_percent_or_a_thousandth() {
        assert_eq!(check("0.42", 0.4213), Verdict::Right);
        assert_eq!(check(" 0,4213 ", 0.4213), Verdict::Right);
        assert_eq!(check("4.2e-1", 0.4213), Verdict::Right);
        assert_eq!(check("0.41", 0.4213), Verdict::Wrong, "2.7 % off");
        assert_eq!(
            check("−1.99", -2.0),
            Verdict::Right,
            "a typed minus sign like the formulas'"
        );
        assert_eq!(check("-1.97", -2.0), Verdict::Wrong);
        assert_eq!(check("0.0009", 0.0), Verdict::Right, "near zero, a thousandth");
        assert_eq!(check("0.002", 0.0), Verdict::Wrong);
        assert_eq!(check("0.4213", -0.4213), Verdict::Wrong, "the sign matters");
        for junk in ["abc", "", "   ", "1..2", "NaN", "inf", "0.4.2"] {
            assert_eq!(check(junk, 0.5), Verdict::NotANumber, "{junk:?}");
        }
    }

    #[test]
    fn hiding_leaves_other_lines_alone() {
        let lines = [
            "z = 0.5 + 0.25 = 0.750",
            "a = max(0, 0.750) = 0.750",
            "b = 0.750",
            "c = 1.750",
        ]
        .map(String::from);
        // The line that would show it inside (max(0, 0.750)) is left out, not half hidden.
        assert_eq!(hide(&lines, 0.75), ["z = 0.5 + 0.25 = ?", "b = ?", "c = 1.750"]);
    }
}
