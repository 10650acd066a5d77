//! What the learning-rate lens says, in the page's languages (學習率, 代價, 梯度下降法).

use crate::app::draw::lens::Landing;
use crate::app::format::{fixed, rate};
use crate::app::i18n::Lang;

impl Lang {
    /// What the picture shows, for its tooltip and screen readers.
    pub fn lens_caption(self) -> &'static str {
        match self {
            Lang::En => "Where this step lands: along the slider, the next mini-batch's cost after one step of gradient descent with each learning rate; dashed, the cost now.",
            Lang::ZhTw => "這一步會落在哪裡：沿著滑桿，用每個學習率走一步梯度下降後，下一批樣本的代價；虛線是現在的代價。",
        }
    }

    /// The readout: with rate `eta` the batch's cost goes from `start` to `landing`.
    pub fn lens_readout(self, eta: f64, start: f64, landing: f64) -> String {
        let (eta, from) = (rate(eta), fixed(start, 3));
        match (self, Landing::of(start, landing)) {
            (Lang::En, Landing::Lower) => format!("η = {eta}: the cost goes {from} → {}, down.", fixed(landing, 3)),
            (Lang::En, Landing::Higher) => {
                format!(
                    "η = {eta}: the cost goes {from} → {}, up: the step overshoots.",
                    fixed(landing, 3)
                )
            }
            (Lang::En, Landing::RunsOff) => format!("η = {eta}: the step runs off; the cost overflows."),
            (Lang::ZhTw, Landing::Lower) => format!("η = {eta}：代價 {from} → {}，下降。", fixed(landing, 3)),
            (Lang::ZhTw, Landing::Higher) => {
                format!("η = {eta}：代價 {from} → {}，上升：這一步走過頭了。", fixed(landing, 3))
            }
            (Lang::ZhTw, Landing::RunsOff) => format!("η = {eta}：這一步衝出去了，代價溢位。"),
        }
    }

    /// Said when the optimizer is not plain gradient descent: its step is not the one shown.
    pub fn lens_other_optimizer(self) -> &'static str {
        match self {
            Lang::En => "Drawn for plain gradient descent; the optimizer chosen steps differently.",
            Lang::ZhTw => "這裡畫的是單純的梯度下降；目前選的優化器走法不同。",
        }
    }

    /// Said while training runs too heavily for the lens to follow every frame.
    pub fn lens_waits(self) -> &'static str {
        match self {
            Lang::En => "The lens follows when training pauses.",
            Lang::ZhTw => "訓練暫停時，透鏡才會跟上。",
        }
    }
}
