//! The notices: what the page tells the learner, one at a time, in the page's language.

use super::{CsvErrors, PointRefusal};
use crate::app::i18n::{Key, Lang};
use crate::app::settings::Refusal;
use crate::core::{Diagnosis, ModelError, StopReason, Symptom};
use std::rc::Rc;

/// Something the page tells the learner, shown in the current language.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// A learning rate that is not a number was refused; the old one is kept.
    BadLearningRate,
    /// The cost exploded; training paused and the weights from before were kept.
    Diverged,
    /// Training stopped by itself, for this reason.
    Stopped(StopReason),
    /// A choice that does not fit this network (a loss, say) was not made.
    OutOfRange,
    /// A setting or a typed weight was refused (out of its limits, or unreadable) and the old
    /// value kept: the refusal names the setting and its range.
    Refused(Refusal),
    /// A link's settings were read but for these parts, which keep their defaults.
    LinkIgnored(Vec<Refusal>),
    /// A typed weight was not a finite number; the old one is kept.
    BadWeight,
    /// A model file was refused, for this reason (worded in the page's language).
    BadModel(ModelError),
    /// A CSV file was refused for these reasons; the data is unchanged.
    BadCsv(CsvErrors),
    /// A CSV file was read: so many training and test points, so many outside the output view.
    Imported {
        /// Training points read.
        train: usize,
        /// Test points read.
        test: usize,
        /// Points beyond the view's ±1.5.
        outside: usize,
    },
    /// A clicked point was not added or removed, or a setting of generated data not changed.
    PointRefused(PointRefusal),
    /// The coach saw training go wrong, and says why it likely did; with the dead ReLU
    /// neurons it names (each as its layer and place in the layer), lit on the network.
    Coach(Diagnosis, Rc<[(usize, usize)]>),
}

/// At most this many reasons are given for the parts of a link that were ignored.
const LINK_REASONS: usize = 3;

impl Notice {
    /// The text to show in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Notice::BadLearningRate => lang.t(Key::BadLearningRate).to_string(),
            Notice::Diverged => lang.t(Key::Diverged).to_string(),
            Notice::OutOfRange => lang.t(Key::OutOfRange).to_string(),
            Notice::Refused(refusal) => refusal.text(lang),
            Notice::LinkIgnored(ignored) => {
                // The first few reasons; a link of garbage must not fill the screen.
                let mut text = lang.t(Key::LinkIgnored).to_string();
                for refusal in ignored.iter().take(LINK_REASONS) {
                    text.push(' ');
                    text.push_str(&refusal.text(lang));
                }
                if ignored.len() > LINK_REASONS {
                    text.push_str(" …");
                }
                text
            }
            Notice::BadWeight => lang.t(Key::BadWeight).to_string(),
            Notice::Stopped(reason) => lang.stopped(*reason),
            Notice::BadModel(why) => format!("{}{}{}", lang.t(Key::BadModel), lang.colon(), lang.model_error(why)),
            Notice::BadCsv(errors) => lang.csv_refused(errors),
            Notice::Imported { train, test, outside } => lang.csv_imported(*train, *test, *outside),
            Notice::PointRefused(why) => lang.point_refused(*why),
            Notice::Coach(diagnosis, dead) => lang.diagnosis(diagnosis) + &lang.dead_named(dead),
        }
    }

    /// Whether the notice comes with a button to go back to the run's best weights: after a
    /// divergence, or when the coach sees the cost getting worse.
    pub fn offers_go_back(&self) -> bool {
        matches!(
            self,
            Notice::Diverged
                | Notice::Coach(
                    Diagnosis {
                        symptom: Symptom::Worse { .. },
                        ..
                    },
                    _
                )
        )
    }

    /// The neurons the notice names dead, to light on the network (none for any other notice).
    pub fn dead_neurons(&self) -> Option<&Rc<[(usize, usize)]>> {
        match self {
            Notice::Coach(_, dead) => Some(dead),
            _ => None,
        }
    }

    /// Whether this notice is the one a stop rule of this kind made: it goes when the rule changes.
    pub fn is_stop(&self, target: bool) -> bool {
        match self {
            Notice::Stopped(StopReason::TargetReached { .. }) => target,
            Notice::Stopped(StopReason::StoppedImproving { .. }) => !target,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::{LEARNING_RATE, REGULARIZATION_RATE, WEIGHT};

    #[test]
    fn a_refused_setting_is_named_with_its_range_in_the_pages_language() {
        let notice = Notice::Refused(Refusal::OutOfLimits(LEARNING_RATE));
        assert_eq!(
            notice.text(Lang::En),
            "Learning rate η must be between 0.000001 and 10; the old value is kept."
        );
        assert_eq!(
            notice.text(Lang::ZhTw),
            "學習率 η必須介於 0.000001 到 10 之間；沿用原本的值。"
        );
        let weight = Notice::Refused(Refusal::OutOfLimits(WEIGHT));
        assert_eq!(
            weight.text(Lang::En),
            "A weight w must be between -1000 and 1000; the old value is kept."
        );
        let lambda = Notice::Refused(Refusal::OutOfLimits(REGULARIZATION_RATE));
        assert_eq!(
            lambda.text(Lang::ZhTw),
            "正則化率 λ必須介於 0 到 10 之間；沿用原本的值。"
        );
    }

    #[test]
    fn a_stop_notice_belongs_to_its_own_rule() {
        let target = Notice::Stopped(StopReason::TargetReached { cost: 0.1, target: 0.2 });
        let flat = Notice::Stopped(StopReason::StoppedImproving {
            epochs: 20,
            min_improvement: 1e-4,
        });
        assert!(target.is_stop(true) && !target.is_stop(false));
        assert!(flat.is_stop(false) && !flat.is_stop(true));
        assert!(!Notice::Diverged.is_stop(true) && !Notice::Diverged.is_stop(false));
    }

    #[test]
    fn a_model_notice_gives_the_files_reason_in_the_pages_language() {
        let why = crate::core::Model::from_json("{ \"format\": ").unwrap_err();
        let en = Notice::BadModel(why.clone()).text(Lang::En);
        assert!(
            en.starts_with("The model file could not be used: ") && en.contains("not valid JSON"),
            "{en}"
        );
        let zh = Notice::BadModel(why).text(Lang::ZhTw);
        assert!(zh.starts_with("無法使用這個模型檔："), "{zh}");
        assert!(
            !zh.contains("not valid JSON"),
            "the reason is worded in Chinese too: {zh}"
        );
    }
}
