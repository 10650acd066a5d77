//! What the coach says, in the page's languages: what it saw, then the likely cause and what to
//! try. The words are the article's (學習率, 神經元, 激活函數).

use crate::app::format::{fixed, rate};
use crate::app::i18n::Lang;
use crate::core::coach::WINDOW;
use crate::core::{Cause, Diagnosis, Symptom};

/// The coach names at most this many dead neurons; the rest it counts.
const NAMED: usize = 6;

impl Lang {
    /// The coach's notice for `d`.
    pub fn diagnosis(self, d: &Diagnosis) -> String {
        // Chinese sentences end in a full-width stop and need no space after it.
        let gap = if self == Lang::En { " " } else { "" };
        format!("{}{gap}{}", self.symptom(d.symptom), self.cause(d))
    }

    /// The dead neurons the coach names, after its notice: the first few, and how many more
    /// (nothing when there are none).
    pub fn dead_named(self, dead: &[(usize, usize)]) -> String {
        if dead.is_empty() {
            return String::new();
        }
        let names: Vec<String> = dead
            .iter()
            .take(NAMED)
            .map(|&(layer, index)| self.neuron_title(&self.hidden_layer(layer), index))
            .collect();
        let more = dead.len().saturating_sub(NAMED);
        match self {
            Lang::En => {
                let names = names.join(", ").replace("Neuron", "neuron");
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(" Dead: {names}{more} — ringed in red on the network.")
            }
            Lang::ZhTw => {
                let more = if more > 0 {
                    format!("等 {} 個", dead.len())
                } else {
                    String::new()
                };
                format!("死掉的是{}{more}，在網路圖上用紅圈標出。", names.join("、"))
            }
        }
    }

    fn symptom(self, symptom: Symptom) -> String {
        match (self, symptom) {
            (Lang::En, Symptom::Worse { now, best }) => format!(
                "The cost is getting worse: {} now, against {} at its best.",
                fixed(now, 3),
                fixed(best, 3)
            ),
            (Lang::ZhTw, Symptom::Worse { now, best }) => {
                format!("代價越來越差：現在是 {}，最好時是 {}。", fixed(now, 3), fixed(best, 3))
            }
            (Lang::En, Symptom::Stalled { guess }) => format!(
                "For {WINDOW} epochs the cost has stayed near {}, what guessing costs: the network is not learning.",
                fixed(guess, 3)
            ),
            (Lang::ZhTw, Symptom::Stalled { guess }) => format!(
                "代價已經 {WINDOW} 輪停在 {} 附近，和瞎猜一樣：網路沒有在學習。",
                fixed(guess, 3)
            ),
            (Lang::En, Symptom::Stuck { cost, guess }) => format!(
                "For {WINDOW} epochs the training cost has barely moved from {}, against {} for guessing: the network has stopped learning with much still to learn.",
                fixed(cost, 3),
                fixed(guess, 3)
            ),
            (Lang::ZhTw, Symptom::Stuck { cost, guess }) => format!(
                "訓練代價已經 {WINDOW} 輪幾乎停在 {}，瞎猜是 {}：網路還有很多沒學會，卻不再進步了。",
                fixed(cost, 3),
                fixed(guess, 3)
            ),
            (Lang::En, Symptom::Overfitting { now, best }) => format!(
                "The test cost is rising — {} now, against {} at its best — while the training cost still falls: the network is overfitting.",
                fixed(now, 3),
                fixed(best, 3)
            ),
            (Lang::ZhTw, Symptom::Overfitting { now, best }) => format!(
                "測試代價在上升——現在是 {}，最好時是 {}——訓練代價卻還在下降：網路過度擬合了。",
                fixed(now, 3),
                fixed(best, 3)
            ),
        }
    }

    fn cause(self, d: &Diagnosis) -> String {
        let rule = self.optimizer(d.optimizer);
        match (self, d.cause) {
            (Lang::En, Cause::RateTooLarge(eta)) => format!(
                "The learning rate η = {} is likely too large for {rule}: its steps overshoot. Try a smaller one, or go back to the best weights.",
                rate(eta)
            ),
            (Lang::ZhTw, Cause::RateTooLarge(eta)) => format!(
                "學習率 η = {} 對 {rule} 可能太大：每一步都跨過了頭。試試小一點的學習率，或回到最好的權重。",
                rate(eta)
            ),
            (Lang::En, Cause::RateTooSmall(eta)) => format!(
                "The learning rate η = {} is likely too small for {rule}: its steps barely move the weights. Try a larger one.",
                rate(eta)
            ),
            (Lang::ZhTw, Cause::RateTooSmall(eta)) => format!(
                "學習率 η = {} 對 {rule} 可能太小：每一步幾乎沒有移動權重。試試大一點的學習率。",
                rate(eta)
            ),
            (Lang::En, Cause::PenaltyTooLarge(lambda)) => format!(
                "The penalty rate λ = {} is likely too large: it squeezes every weight toward 0. Try a smaller λ.",
                rate(lambda)
            ),
            (Lang::ZhTw, Cause::PenaltyTooLarge(lambda)) => format!(
                "正則化率 λ = {} 可能太大：它把每個權重都壓向 0。試試小一點的 λ。",
                rate(lambda)
            ),
            (Lang::En, Cause::DeadRelus { dead, of }) => format!(
                "{dead} of the {of} ReLU neurons are dead: they give 0 for every sample, so no error flows back through them. Try a smaller learning rate, another activation, or Reset."
            ),
            (Lang::ZhTw, Cause::DeadRelus { dead, of }) => format!(
                "{of} 個 ReLU 神經元中有 {dead} 個已經「死掉」：對每個樣本都輸出 0，誤差無法經過它們往回傳。試試小一點的學習率、換一個激活函數，或重設。"
            ),
            (Lang::En, Cause::Saturated { saturated, of, activation }) => {
                let kind = activation.map_or("sigmoid and tanh", |a| self.activation(a));
                format!(
                    "{saturated} of the {of} {kind} neurons are saturated: for most samples their z is so large that the slope f′(z) is almost 0, so the gradient that flows back through them vanishes. Try a smaller learning rate, Reset, or ReLU as the activation."
                )
            }
            (Lang::ZhTw, Cause::Saturated { saturated, of, activation }) => {
                let kind = activation.map_or("sigmoid 和 tanh", |a| self.activation(a));
                format!(
                    "{of} 個 {kind} 神經元中有 {saturated} 個已經飽和：對大多數樣本，它們的 z 大到斜率 f′(z) 幾乎是 0，經過它們往回傳的梯度就消失了。試試小一點的學習率、重設，或把激活函數換成 ReLU。"
                )
            }
            (Lang::En, Cause::TooSimple) => {
                "The network is likely too simple for this data. Try more neurons or layers, or other input features.".to_string()
            }
            (Lang::ZhTw, Cause::TooSimple) => {
                "對這份資料來說，網路可能太簡單了。試試更多神經元或層，或其他輸入特徵。".to_string()
            }
            (Lang::En, Cause::Memorising) => {
                "It is learning the noise of the training points rather than the pattern they share. Stop here, or try fewer neurons, L2 regularisation, or more training points.".to_string()
            }
            (Lang::ZhTw, Cause::Memorising) => {
                "它學到的是訓練點的雜訊，而不是它們共有的規律。在這裡停下來，或試試更少的神經元、L2 正則化或更多訓練資料。".to_string()
            }
        }
    }
}
