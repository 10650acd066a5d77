//! Every word the page shows, in English and 繁體中文, using the article's terms (神經元, 激活函數,
//! 損失函數, 代價函數, 學習率, 梯度下降法, 反向傳播, 前向傳遞, 向後傳遞 …).
//!
//! Each language is one exhaustive `match` over [`Key`], so a key missing in either language
//! does not compile.

use crate::core::DatasetKind;

/// A language of the interface.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Traditional Chinese (Taiwan).
    ZhTw,
}

impl Lang {
    /// Every language, in the order the menu lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhTw];

    /// The language's code for `<html lang>` and the menu's values.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// The language of a code, if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's own name, as the menu shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhTw => "繁體中文",
        }
    }

    /// The text of `key` in this language.
    pub fn t(self, key: Key) -> &'static str {
        match self {
            Lang::En => english(key),
            Lang::ZhTw => chinese(key),
        }
    }

    /// "Step 12 · epoch 3" and its translation, as (before the step count, between, after).
    pub fn counter_parts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Lang::En => ("Step ", " · epoch ", ""),
            Lang::ZhTw => ("第 ", " 步 · 第 ", " 輪"),
        }
    }

    /// The hint under the network's title, for training sample `k` at (x₁, x₂) (already formatted).
    pub fn sample_hint(self, k: usize, x1: &str, x2: &str) -> String {
        match self {
            Lang::En => format!("Neurons lit up for training sample #{k}: x₁ = {x1}, x₂ = {x2}. "),
            Lang::ZhTw => format!("以訓練樣本 #{k}(x₁ = {x1},x₂ = {x2})做前向傳遞時,各神經元的輸出。"),
        }
    }

    /// The name of a dataset, as the menu shows it.
    pub fn dataset(self, kind: DatasetKind) -> &'static str {
        use DatasetKind::*;
        match (self, kind) {
            (Lang::En, CatsDogs) => "Cats vs dogs",
            (Lang::En, Circle) => "Circle",
            (Lang::En, Xor) => "XOR",
            (Lang::En, Gaussians) => "Two Gaussians",
            (Lang::En, Spiral) => "Spiral",
            (Lang::En, Moons) => "Two moons",
            (Lang::En, Blobs) => "Three blobs (3 classes)",
            (Lang::En, Plane) => "Plane (regression)",
            (Lang::En, Bumps) => "Bumps (regression)",
            (Lang::ZhTw, CatsDogs) => "貓狗分類",
            (Lang::ZhTw, Circle) => "圓形",
            (Lang::ZhTw, Xor) => "互斥或(XOR)",
            (Lang::ZhTw, Gaussians) => "兩團高斯分布",
            (Lang::ZhTw, Spiral) => "螺旋",
            (Lang::ZhTw, Moons) => "雙月形",
            (Lang::ZhTw, Blobs) => "三群(3 類)",
            (Lang::ZhTw, Plane) => "平面(迴歸)",
            (Lang::ZhTw, Bumps) => "起伏曲面(迴歸)",
        }
    }

    /// The title of hidden layer `n` (1-based).
    pub fn hidden_layer(self, n: usize) -> String {
        match self {
            Lang::En => format!("hidden {n}"),
            Lang::ZhTw => format!("隱藏層 {n}"),
        }
    }
}

/// Every fixed text of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// The line under the page's title.
    Tagline,
    /// The label of the language menu.
    Language,
    /// The label of the training controls.
    TrainingControls,
    /// Button: train on one mini-batch.
    Step,
    /// Tooltip of [`Key::Step`].
    StepTitle,
    /// Button: train until the epoch is complete.
    EpochButton,
    /// Tooltip of [`Key::EpochButton`].
    EpochTitle,
    /// Button: start training.
    Play,
    /// Tooltip of [`Key::Play`] and [`Key::Pause`].
    PlayTitle,
    /// Button: stop training.
    Pause,
    /// Button: new weights from the same seed.
    Reset,
    /// Tooltip of [`Key::Reset`].
    ResetTitle,
    /// Label of the learning-rate slider.
    LearningRate,
    /// Label of the dataset menu.
    Dataset,
    /// What the cats-vs-dogs inputs and output mean.
    CatsDogsLegend,
    /// Label of the field where a learning rate can be typed.
    TypeLearningRate,
    /// Title of the network panel.
    Network,
    /// Description of the network drawing, for screen readers.
    NetworkLabel,
    /// How to read the colours and widths.
    ColourHint,
    /// Title of the input layer.
    InputLayer,
    /// Title of the output layer.
    OutputLayer,
    /// Title of the chart panel.
    CostPerEpoch,
    /// Description of the chart, for screen readers.
    ChartLabel,
    /// The chart's x axis.
    Epoch,
    /// The chart's y axis.
    Cost,
    /// The chart's line for the training set.
    Train,
    /// The chart's line for the test set.
    Test,
    /// Readout: cost on the training set.
    TrainingCost,
    /// Readout: cost on the test set.
    TestCost,
    /// Readout: the last mini-batch's gradient norm.
    GradientNorm,
    /// Readout: share classified right, training / test.
    Accuracy,
    /// Prefix of a chart failure.
    ChartFailed,
    /// A learning rate that is not a positive, finite number.
    BadLearningRate,
    /// The cost exploded; training paused.
    Diverged,
}

impl Key {
    /// Every key, for checking that each language has them all.
    pub const ALL: [Key; 34] = [
        Key::Tagline,
        Key::Language,
        Key::TrainingControls,
        Key::Step,
        Key::StepTitle,
        Key::EpochButton,
        Key::EpochTitle,
        Key::Play,
        Key::PlayTitle,
        Key::Pause,
        Key::Reset,
        Key::ResetTitle,
        Key::LearningRate,
        Key::Dataset,
        Key::CatsDogsLegend,
        Key::TypeLearningRate,
        Key::Network,
        Key::NetworkLabel,
        Key::ColourHint,
        Key::InputLayer,
        Key::OutputLayer,
        Key::CostPerEpoch,
        Key::ChartLabel,
        Key::Epoch,
        Key::Cost,
        Key::Train,
        Key::Test,
        Key::TrainingCost,
        Key::TestCost,
        Key::GradientNorm,
        Key::Accuracy,
        Key::ChartFailed,
        Key::BadLearningRate,
        Key::Diverged,
    ];
}

fn english(key: Key) -> &'static str {
    match key {
        Key::Tagline => "Watch a neural network learn: forward pass, loss, backward pass, update — and repeat.",
        Key::Language => "Language",
        Key::TrainingControls => "Training controls",
        Key::Step => "Step",
        Key::StepTitle => "Train on one mini-batch (key: →)",
        Key::EpochButton => "Epoch",
        Key::EpochTitle => "Train until every training sample has been seen once more",
        Key::Play => "Play",
        Key::PlayTitle => "Train continuously, or stop (key: Space)",
        Key::Pause => "Pause",
        Key::Reset => "Reset",
        Key::ResetTitle => "New weights from the same seed (key: R)",
        Key::LearningRate => "Learning rate η",
        Key::Dataset => "Data",
        Key::CatsDogsLegend => {
            "Cats vs dogs: x₁ is how pointy the ears are, x₂ how long the snout is; an output near 1 says dog, near 0 cat. "
        }
        Key::TypeLearningRate => "Type a learning rate",
        Key::Network => "The network",
        Key::NetworkLabel => "The network: input, hidden and output layers",
        Key::ColourHint => "Blue = positive, orange = negative; a thicker line is a larger weight.",
        Key::InputLayer => "input",
        Key::OutputLayer => "output",
        Key::CostPerEpoch => "Cost per epoch",
        Key::ChartLabel => "Training and test cost per epoch",
        Key::Epoch => "epoch",
        Key::Cost => "cost",
        Key::Train => "train",
        Key::Test => "test",
        Key::TrainingCost => "Training cost",
        Key::TestCost => "Test cost",
        Key::GradientNorm => "Last batch: gradient norm",
        Key::Accuracy => "Accuracy (training / test)",
        Key::ChartFailed => "The chart could not be drawn:",
        Key::BadLearningRate => "The learning rate must be a positive, finite number; the old one is kept.",
        Key::Diverged => {
            "The cost exploded: the learning rate is too large. Training paused; the weights from before that step are kept."
        }
    }
}

fn chinese(key: Key) -> &'static str {
    match key {
        Key::Tagline => "看神經網路如何學習:前向傳遞、計算損失、向後傳遞、更新權重 — 然後重複。",
        Key::Language => "語言",
        Key::TrainingControls => "訓練控制",
        Key::Step => "單步",
        Key::StepTitle => "用一個小批次訓練一次(按鍵:→)",
        Key::EpochButton => "一輪",
        Key::EpochTitle => "訓練到每個訓練樣本都再用過一次",
        Key::Play => "播放",
        Key::PlayTitle => "連續訓練或暫停(按鍵:空白鍵)",
        Key::Pause => "暫停",
        Key::Reset => "重設",
        Key::ResetTitle => "以相同的種子重新初始化權重(按鍵:R)",
        Key::LearningRate => "學習率 η",
        Key::Dataset => "資料",
        Key::CatsDogsLegend => "貓狗分類:x₁ 是耳朵有多尖,x₂ 是口鼻有多長;輸出接近 1 代表狗,接近 0 代表貓。",
        Key::TypeLearningRate => "輸入學習率",
        Key::Network => "神經網路",
        Key::NetworkLabel => "神經網路:輸入層、隱藏層與輸出層",
        Key::ColourHint => "藍色代表正值,橘色代表負值;線越粗,權重越大。",
        Key::InputLayer => "輸入層",
        Key::OutputLayer => "輸出層",
        Key::CostPerEpoch => "每一輪的代價",
        Key::ChartLabel => "訓練集與測試集每一輪的代價",
        Key::Epoch => "輪",
        Key::Cost => "代價",
        Key::Train => "訓練",
        Key::Test => "測試",
        Key::TrainingCost => "訓練代價",
        Key::TestCost => "測試代價",
        Key::GradientNorm => "上一批次的梯度大小",
        Key::Accuracy => "正確率(訓練/測試)",
        Key::ChartFailed => "無法繪製圖表:",
        Key::BadLearningRate => "學習率必須是有限的正數;沿用原本的學習率。",
        Key::Diverged => "代價發散了:學習率太大。訓練已暫停,並保留那一步之前的權重。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_key_has_a_text_in_every_language_and_they_differ() {
        let mut seen = HashSet::new();
        for key in Key::ALL {
            assert!(seen.insert(key), "{key:?} listed twice");
            for lang in Lang::ALL {
                assert!(!lang.t(key).trim().is_empty(), "{key:?} in {lang:?}");
            }
            assert_ne!(Lang::En.t(key), Lang::ZhTw.t(key), "{key:?} is not translated");
        }
    }

    #[test]
    fn the_chinese_uses_the_articles_terms() {
        let zh = |k| Lang::ZhTw.t(k);
        assert!(zh(Key::LearningRate).contains("學習率"));
        assert!(zh(Key::Tagline).contains("神經網路") && zh(Key::Tagline).contains("前向傳遞"));
        assert!(zh(Key::Tagline).contains("向後傳遞") && zh(Key::Tagline).contains("損失"));
        assert!(zh(Key::TrainingCost).contains("代價"));
        assert!(zh(Key::InputLayer) == "輸入層" && zh(Key::OutputLayer) == "輸出層");
        assert!(Lang::ZhTw.hidden_layer(2).starts_with("隱藏層"));
        assert!(zh(Key::ColourHint).contains("權重"));
    }

    #[test]
    fn every_dataset_has_a_name_in_every_language() {
        for kind in DatasetKind::ALL {
            assert_ne!(Lang::En.dataset(kind), Lang::ZhTw.dataset(kind), "{kind:?}");
        }
        assert_eq!(Lang::ZhTw.dataset(DatasetKind::CatsDogs), "貓狗分類");
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
