//! Every word the page shows, in English and 繁體中文, using the article's terms (神經元, 激活函數,
//! 損失函數, 代價函數, 學習率, 梯度下降法, 反向傳播, 前向傳遞, 向後傳遞 …).
//!
//! Each language is one exhaustive `match` over [`Key`], so a key missing in either language
//! does not compile.

use crate::app::format::fixed;
use crate::app::state::PointRefusal;
use crate::core::csv::{Column, CsvError, Problem, MAX_BYTES, MAX_ROWS};
use crate::core::data::CAT;
use crate::core::model::{
    short_number, ModelError, Place, BATCH_SIZES, FORMAT, HIDDEN_NEURONS, INPUTS, MAX_HIDDEN_LAYERS, OUTPUTS,
    PARAM_LIMIT, VERSIONS,
};
use crate::core::{Activation, DatasetKind, Loss, OptimizerKind, Regularization, StopReason, Task};

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

    /// What sets a verdict apart from what it judges: " — " in English, the Chinese dash "——".
    pub fn dash(self) -> &'static str {
        match self {
            Lang::En => " — ",
            Lang::ZhTw => "——",
        }
    }

    /// `inner` in parentheses after `name`: "tanh (hidden 1)", "tanh（隱藏層 1）".
    pub fn with_aside(self, name: &str, inner: &str) -> String {
        match self {
            Lang::En => format!("{name} ({inner})"),
            Lang::ZhTw => format!("{name}（{inner}）"),
        }
    }

    /// What ends a sentence written without its stop before the next one: ". " in English, the
    /// full-width "。" in Chinese.
    pub fn full_stop(self) -> &'static str {
        match self {
            Lang::En => ". ",
            Lang::ZhTw => "。",
        }
    }

    /// What follows a label before its value: ": " in English, the full-width "：" (which
    /// carries its own space) in Chinese. For labels such as [`Key::SampleLoss`] glued to a number.
    pub fn colon(self) -> &'static str {
        match self {
            Lang::En => ": ",
            Lang::ZhTw => "：",
        }
    }

    /// The hint under the network's title, for training sample `k` at (x₁, x₂) whose right
    /// answer is `t` (all already formatted).
    pub fn sample_hint(self, k: usize, x1: &str, x2: &str, t: &str) -> String {
        match self {
            Lang::En => {
                format!("Neurons lit up for training sample #{k}: x₁ = {x1}, x₂ = {x2}, right answer t = {t}. ")
            }
            Lang::ZhTw => {
                format!("以訓練樣本 #{k}（x₁ = {x1}，x₂ = {x2}，正確答案 t = {t}）做前向傳遞時，各神經元的輸出。")
            }
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
            (Lang::ZhTw, Xor) => "互斥或（XOR）",
            (Lang::ZhTw, Gaussians) => "兩團高斯分布",
            (Lang::ZhTw, Spiral) => "螺旋",
            (Lang::ZhTw, Moons) => "雙月形",
            (Lang::ZhTw, Blobs) => "三群（3 類）",
            (Lang::ZhTw, Plane) => "平面（迴歸）",
            (Lang::ZhTw, Bumps) => "起伏曲面（迴歸）",
        }
    }

    /// The short name of a dataset, under its picture on the picker; always a part of
    /// [`Lang::dataset`], which the picker gives as the button's full name.
    pub fn dataset_short(self, kind: DatasetKind) -> &'static str {
        use DatasetKind::*;
        match (self, kind) {
            (Lang::En, CatsDogs) => "Cats vs dogs",
            (Lang::En, Circle) => "Circle",
            (Lang::En, Xor) => "XOR",
            (Lang::En, Gaussians) => "Gaussians",
            (Lang::En, Spiral) => "Spiral",
            (Lang::En, Moons) => "Moons",
            (Lang::En, Blobs) => "Three blobs",
            (Lang::En, Plane) => "Plane",
            (Lang::En, Bumps) => "Bumps",
            (Lang::ZhTw, CatsDogs) => "貓狗分類",
            (Lang::ZhTw, Circle) => "圓形",
            (Lang::ZhTw, Xor) => "XOR",
            (Lang::ZhTw, Gaussians) => "高斯分布",
            (Lang::ZhTw, Spiral) => "螺旋",
            (Lang::ZhTw, Moons) => "雙月形",
            (Lang::ZhTw, Blobs) => "三群",
            (Lang::ZhTw, Plane) => "平面",
            (Lang::ZhTw, Bumps) => "起伏曲面",
        }
    }

    /// The name of class `k` (0-based) in the output view's key.
    pub fn class_name(self, k: usize) -> String {
        match self {
            Lang::En => format!("class {k}"),
            Lang::ZhTw => format!("類別 {k}"),
        }
    }

    /// The title of hidden layer `n` (1-based).
    pub fn hidden_layer(self, n: usize) -> String {
        match self {
            Lang::En => format!("hidden {n}"),
            Lang::ZhTw => format!("隱藏層 {n}"),
        }
    }

    /// The name of an optimizer.
    pub fn optimizer(self, kind: OptimizerKind) -> &'static str {
        match (self, kind) {
            (Lang::En, OptimizerKind::Sgd) => "SGD (plain gradient descent)",
            (Lang::ZhTw, OptimizerKind::Sgd) => "SGD（梯度下降法）",
            (_, OptimizerKind::Momentum) => "Momentum",
            (_, OptimizerKind::Nesterov) => "Nesterov",
            (_, OptimizerKind::AdaGrad) => "AdaGrad",
            (_, OptimizerKind::RmsProp) => "RMSProp",
            (_, OptimizerKind::Adam) => "Adam",
        }
    }

    /// The name of a loss function.
    pub fn loss(self, loss: Loss) -> &'static str {
        match (self, loss) {
            (Lang::En, Loss::SquaredError) => "Squared error",
            (Lang::ZhTw, Loss::SquaredError) => "平方誤差",
            (Lang::En, Loss::CrossEntropy) => "Cross-entropy",
            (Lang::ZhTw, Loss::CrossEntropy) => "交叉熵",
            (Lang::En, Loss::SoftmaxCrossEntropy) => "Softmax cross-entropy",
            (Lang::ZhTw, Loss::SoftmaxCrossEntropy) => "Softmax 交叉熵",
        }
    }

    /// The name of an activation function.
    pub fn activation(self, activation: Activation) -> &'static str {
        match (self, activation) {
            (_, Activation::Sigmoid) => "sigmoid",
            (_, Activation::Tanh) => "tanh",
            (_, Activation::Relu) => "ReLU",
            (_, Activation::LeakyRelu) => "leaky ReLU",
            (Lang::En, Activation::Linear) => "linear",
            (Lang::ZhTw, Activation::Linear) => "線性",
        }
    }

    /// The name of a regularisation.
    pub fn regularization(self, kind: Regularization) -> &'static str {
        match (self, kind) {
            (Lang::En, Regularization::None) => "none",
            (Lang::ZhTw, Regularization::None) => "無",
            (_, Regularization::L1) => "L1",
            (_, Regularization::L2) => "L2",
        }
    }

    /// A training speed: `steps` mini-batch steps every `every` frames (a frame is one redraw
    /// of the page, about 1/60 s), said per frame when `every` is 1 and per second otherwise.
    pub fn speed(self, steps: usize, every: u64) -> String {
        if steps == crate::app::settings::FASTEST {
            return match self {
                Lang::En => "As fast as it can".into(),
                Lang::ZhTw => "全速".into(),
            };
        }
        let (count, per_second) = if every <= 1 {
            (steps as u64, false)
        } else {
            (steps as u64 * 60 / every, true)
        };
        let noun = if count == 1 { "step" } else { "steps" };
        match (self, per_second) {
            (Lang::En, false) => format!("{count} {noun} a frame"),
            (Lang::En, true) => format!("{count} {noun} a second"),
            (Lang::ZhTw, false) => format!("每次畫面更新 {count} 步"),
            (Lang::ZhTw, true) => format!("每秒 {count} 步"),
        }
    }

    /// The note shown while the frames' time budget cannot fit the speed asked: `done` steps a
    /// frame of the `asked`.
    pub fn behind(self, done: usize, asked: usize) -> String {
        let noun = if done == 1 { "step" } else { "steps" };
        if asked == crate::app::settings::FASTEST {
            return match self {
                Lang::En => format!("As fast as it can: {done} {noun} a frame"),
                Lang::ZhTw => format!("全速訓練：每次畫面更新 {done} 步"),
            };
        }
        match self {
            Lang::En => format!("Training as fast as it can: {done} {noun} a frame of the {asked} asked"),
            Lang::ZhTw => format!("已盡全力訓練：每次畫面更新 {done} 步（設定為 {asked} 步）"),
        }
    }

    /// The button that puts back the run's best weights: seen after `step` steps, with `cost`.
    pub fn go_back(self, step: u64, cost: f64) -> String {
        match self {
            Lang::En => format!("Go back to the best weights (step {step}, cost {})", fixed(cost, 4)),
            Lang::ZhTw => format!("回到最好的權重（第 {step} 步，代價 {}）", fixed(cost, 4)),
        }
    }

    /// A refused value: the setting `name` must lie between `lo` and `hi`, the old value stays.
    pub fn out_of_limits(self, name: &str, lo: f64, hi: f64) -> String {
        match self {
            Lang::En => format!("{name} must be between {lo} and {hi}; the old value is kept."),
            Lang::ZhTw => format!("{name}必須介於 {lo} 到 {hi} 之間；沿用原本的值。"),
        }
    }

    /// A setting's text that could not be read: its key and the text.
    pub fn unreadable_setting(self, key: &str, text: &str) -> String {
        match self {
            Lang::En => format!("The setting “{key}” cannot be “{text}”; the old value is kept."),
            Lang::ZhTw => format!("設定「{key}」不能是「{text}」；沿用原本的值。"),
        }
    }

    /// A key that names no setting.
    pub fn unknown_setting(self, key: &str) -> String {
        match self {
            Lang::En => format!("There is no setting “{key}”; it was ignored."),
            Lang::ZhTw => format!("沒有「{key}」這個設定，已略過。"),
        }
    }

    /// Why a model file (or a traced sample) was refused, in this language: the reason after
    /// [`Key::BadModel`]. English is the checker's own sentence (`docs/model-format.md`); names
    /// and values from the file stay as the file writes them, cut to 80 characters.
    pub fn model_error(self, e: &ModelError) -> String {
        match self {
            Lang::En => e.to_string(),
            Lang::ZhTw => chinese_model_error(e),
        }
    }

    /// Why training stopped by itself.
    pub fn stopped(self, reason: StopReason) -> String {
        match (self, reason) {
            (Lang::En, StopReason::TargetReached { cost, target }) => format!(
                "Stopped: the training cost {} is below the target {}. The error is small enough.",
                fixed(cost, 4),
                fixed(target, 4)
            ),
            (Lang::ZhTw, StopReason::TargetReached { cost, target }) => format!(
                "已停止：訓練代價 {} 低於目標 {}，誤差已經夠小了。",
                fixed(cost, 4),
                fixed(target, 4)
            ),
            (Lang::En, StopReason::StoppedImproving { epochs, .. }) => format!(
                "Stopped: the training cost has not improved for {epochs} epochs. It has converged, perhaps to a local minimum."
            ),
            (Lang::ZhTw, StopReason::StoppedImproving { epochs, .. }) => {
                format!("已停止：訓練代價已經 {epochs} 輪沒有進步，已經收斂，也許是到了局部最小值。")
            }
        }
    }

    /// Where the history scrubber is: step `n` of the `m` taken.
    pub fn history_position(self, n: u64, m: u64) -> String {
        match self {
            Lang::En => format!("step {n} of {m}"),
            Lang::ZhTw => format!("第 {n} 步（共 {m} 步）"),
        }
    }

    /// What the page shows while it looks back at step `n` of `m`, and what the buttons do then.
    pub fn viewing_moment(self, n: u64, m: u64) -> String {
        match self {
            Lang::En => format!(
                "Viewing step {n} of {m}. Step and Play go on from step {m}; Resume from here trains on from step {n}."
            ),
            Lang::ZhTw => format!("正在查看第 {n} 步（共 {m} 步）。「單步」和「播放」從第 {m} 步繼續；「從這裡繼續訓練」從第 {n} 步接著訓練。"),
        }
    }

    /// A run's name on the cost chart: pinned or current, and its settings `parts`.
    pub fn run_name(self, pinned: bool, parts: &[String]) -> String {
        let parts = parts.join(self.t(Key::ListSeparator));
        match (self, pinned) {
            (Lang::En, true) => format!("pinned: {parts}"),
            (Lang::En, false) => format!("now: {parts}"),
            (Lang::ZhTw, true) => format!("已釘選：{parts}"),
            (Lang::ZhTw, false) => format!("目前：{parts}"),
        }
    }

    /// A batch size in a run's name: "batch 10".
    pub fn batch_of(self, size: usize) -> String {
        match self {
            Lang::En => format!("batch {size}"),
            Lang::ZhTw => format!("批次 {size}"),
        }
    }

    /// The hidden layers' sizes in a run's name: "layers 4, 2" (none: "no hidden layer").
    pub fn layers_of(self, hidden: &[usize]) -> String {
        let sizes: Vec<String> = hidden.iter().map(usize::to_string).collect();
        match (self, hidden.is_empty()) {
            (Lang::En, true) => "no hidden layer".to_string(),
            (Lang::ZhTw, true) => "沒有隱藏層".to_string(),
            (Lang::En, false) => format!("layers {}", sizes.join(", ")),
            (Lang::ZhTw, false) => format!("隱藏層 {}", sizes.join("、")),
        }
    }

    /// The title of neuron `index` (0-based) of the layer titled `layer`.
    pub fn neuron_title(self, layer: &str, index: usize) -> String {
        match self {
            Lang::En => format!("Neuron {} of {layer}", index + 1),
            Lang::ZhTw => format!("{layer}的第 {} 個神經元", index + 1),
        }
    }

    /// The title of the weight from neuron `from` of layer `from_layer` to neuron `to` of `to_layer`.
    pub fn weight_title(self, from_layer: &str, from: usize, to_layer: &str, to: usize) -> String {
        match self {
            Lang::En => format!(
                "Weight w from neuron {} of {from_layer} to neuron {} of {to_layer}",
                from + 1,
                to + 1
            ),
            Lang::ZhTw => format!(
                "從{from_layer}第 {} 個神經元到{to_layer}第 {} 個神經元的權重 w",
                from + 1,
                to + 1
            ),
        }
    }
}

/// "（第 4 行，第 3 欄）", or nothing when the place is unknown.
/// At most this many bad lines of a refused CSV file are named; the rest are counted.
pub const CSV_REASONS: usize = 5;

/// Your own data's words: the refusals of a CSV file, line by line, and what a click or an
/// import did.
impl Lang {
    /// One reason a CSV file was refused, with its line number (quotes of the file as cut by
    /// [`quote`](crate::core::csv::quote)).
    pub fn csv_error(self, e: &CsvError) -> String {
        let zh = self == Lang::ZhTw;
        let q = |text: &str| {
            if zh {
                format!("「{text}」")
            } else {
                format!("“{text}”")
            }
        };
        let column = |c: Column| match (self, c) {
            (Lang::ZhTw, Column::Label) => "標籤 label".to_string(),
            (Lang::ZhTw, Column::Set) => "第四個值".to_string(),
            (Lang::En, Column::Set) => "the fourth value".to_string(),
            _ => c.name().to_string(),
        };
        let reason = match (&e.problem, zh) {
            (Problem::Columns { found, semicolons }, false) => format!(
                "expected 3 or 4 values (x1,x2,label and maybe train or test), found {found}{}",
                if *semicolons {
                    "; separate the values with commas, not semicolons"
                } else {
                    ""
                }
            ),
            (Problem::Columns { found, semicolons }, true) => format!(
                "應有 3 或 4 個值（x1、x2、label，可再加 train 或 test），卻有 {found} 個{}",
                if *semicolons {
                    "；請用逗號分隔，而不是分號"
                } else {
                    ""
                }
            ),
            (Problem::NotANumber { column: c, text }, false) => format!("{} {} is not a number", column(*c), q(text)),
            (Problem::NotANumber { column: c, text }, true) => format!("{}{}不是數字", column(*c), q(text)),
            (Problem::OutOfRange { column: c, text, limit }, false) => {
                format!(
                    "{} {} is out of range: it must be between -{limit} and {limit}",
                    column(*c),
                    q(text)
                )
            }
            (Problem::OutOfRange { column: c, text, limit }, true) => {
                format!("{}{}超出範圍：必須介於 -{limit} 到 {limit} 之間", column(*c), q(text))
            }
            (Problem::NotAClass { text, classes }, false) => match classes {
                2 => format!("label {} is not a class of this dataset (0 or 1)", q(text)),
                k => format!(
                    "label {} is not a class of this dataset (a whole number 0–{})",
                    q(text),
                    k - 1
                ),
            },
            (Problem::NotAClass { text, classes }, true) => match classes {
                2 => format!("標籤{}不是這份資料的類別（0 或 1）", q(text)),
                k => format!("標籤{}不是這份資料的類別（0 到 {} 的整數）", q(text), k - 1),
            },
            (Problem::NotASet { text }, false) => format!("the fourth value {} must be train or test", q(text)),
            (Problem::NotASet { text }, true) => format!("第四個值{}必須是 train 或 test", q(text)),
            (Problem::TooManyRows, false) => format!("more than {MAX_ROWS} points; at most {MAX_ROWS} can be imported"),
            (Problem::TooManyRows, true) => format!("超過 {MAX_ROWS} 個資料點，最多只能匯入 {MAX_ROWS} 個"),
            (Problem::Empty, false) => "the file has no data lines (expected x1,x2,label)".to_string(),
            (Problem::Empty, true) => "檔案裡沒有資料行（每行應為 x1、x2、label）".to_string(),
            (Problem::TooLarge { bytes }, false) => {
                format!(
                    "the file has {} kB; at most {} kB can be imported",
                    bytes.div_ceil(1000),
                    MAX_BYTES / 1000
                )
            }
            (Problem::TooLarge { bytes }, true) => {
                format!(
                    "檔案有 {} kB，最多只能匯入 {} kB",
                    bytes.div_ceil(1000),
                    MAX_BYTES / 1000
                )
            }
            (Problem::NoTrainingRow, false) => "every line says test: nothing is left to train on".to_string(),
            (Problem::NoTrainingRow, true) => "每一行都標為 test，沒有可以訓練的資料點".to_string(),
        };
        match (e.line, zh) {
            (Some(n), false) => format!("line {n}: {reason}"),
            (Some(n), true) => format!("第 {n} 行：{reason}"),
            (None, _) => reason,
        }
    }

    /// A refused CSV file: that the data is unchanged, then the first [`CSV_REASONS`] reasons
    /// and how many bad lines are not named.
    pub fn csv_refused(self, errors: &[CsvError]) -> String {
        let zh = self == Lang::ZhTw;
        let reasons: Vec<String> = errors.iter().take(CSV_REASONS).map(|e| self.csv_error(e)).collect();
        let more = errors.len().saturating_sub(CSV_REASONS);
        match zh {
            false => {
                let tail = if more > 0 {
                    format!("; and {more} more bad lines")
                } else {
                    String::new()
                };
                format!(
                    "The CSV file was not imported; your data is unchanged. {}{tail}.",
                    reasons.join("; ")
                )
            }
            true => {
                let tail = if more > 0 {
                    format!("；另有 {more} 行有誤")
                } else {
                    String::new()
                };
                format!("沒有匯入這個 CSV 檔，資料保持不變。{}{tail}。", reasons.join("；"))
            }
        }
    }

    /// A CSV file that was read: its training and test points, and those outside the view.
    pub fn csv_imported(self, train: usize, test: usize, outside: usize) -> String {
        let total = train + test;
        match self {
            Lang::En => {
                let outside = match outside {
                    0 => String::new(),
                    1 => " One point lies outside the output view (±1.5).".to_string(),
                    n => format!(" {n} points lie outside the output view (±1.5)."),
                };
                format!(
                    "Imported {total} points: {train} for training, {test} for testing. The weights are kept.{outside}"
                )
            }
            Lang::ZhTw => {
                let outside = match outside {
                    0 => String::new(),
                    n => format!("其中 {n} 個點在輸出檢視的範圍（±1.5）之外。"),
                };
                format!("已匯入 {total} 個資料點：{train} 個用於訓練、{test} 個用於測試。權重保持不變。{outside}")
            }
        }
    }

    /// Why a click or a setting did not change your own points.
    pub fn point_refused(self, why: PointRefusal) -> String {
        match (self, why) {
            (Lang::En, PointRefusal::TooMany) => {
                format!("At most {MAX_ROWS} points: remove some first (a CSV file holds no more).")
            }
            (Lang::ZhTw, PointRefusal::TooMany) => {
                format!("最多 {MAX_ROWS} 個資料點：請先刪除一些（CSV 檔也不能超過這個數量）。")
            }
            (Lang::En, PointRefusal::LastTrainingPoint) => {
                "The last training point stays: the network needs something to train on.".to_string()
            }
            (Lang::ZhTw, PointRefusal::LastTrainingPoint) => {
                "最後一個訓練點不能刪除：網路需要可以訓練的資料。".to_string()
            }
            (Lang::En, PointRefusal::GeneratedOnly) => "Noise, number of points and training share apply to generated datasets; your own points are kept. Regenerate, or pick a dataset, to go back to one.".to_string(),
            (Lang::ZhTw, PointRefusal::GeneratedOnly) => "雜訊、資料點數量和訓練集比例只適用於產生的資料集；你自己的資料點保持不變。按「重新產生資料」或選一個資料集，就會回到產生的資料。".to_string(),
        }
    }

    /// What the data settings say while your own points are in use.
    pub fn own_data_note(self, train: usize, test: usize) -> String {
        match self {
            Lang::En => format!("Your data: {train} training and {test} test points. Noise, number of points and training share apply to generated datasets; Regenerate, or a dataset picked, replaces your points (export them first to keep them)."),
            Lang::ZhTw => format!("你的資料：{train} 個訓練點和 {test} 個測試點。雜訊、資料點數量和訓練集比例只適用於產生的資料集；按「重新產生資料」或選一個資料集會取代你的資料點（想保留的話請先匯出）。"),
        }
    }

    /// What the output view says under its controls while your own points are in use.
    pub fn own_data_short(self, train: usize, test: usize) -> String {
        match self {
            Lang::En => format!(
                "Your data: {train} training and {test} test points. A link does not hold them; Export CSV does."
            ),
            Lang::ZhTw => {
                format!("你的資料：{train} 個訓練點和 {test} 個測試點。連結不會帶著它們；請用「匯出 CSV」保存。")
            }
        }
    }

    /// The name of the label `label` that new points get, for the toggle: a class's name (a cat
    /// or a dog in the article's example) or a regression's target.
    pub fn pen_name(self, kind: DatasetKind, label: f64) -> String {
        match kind.task() {
            Task::Regression => {
                let sign = if label < 0.0 { "−1" } else { "+1" };
                match self {
                    Lang::En => format!("target {sign}"),
                    Lang::ZhTw => format!("目標值 {sign}"),
                }
            }
            Task::Binary if kind == DatasetKind::CatsDogs => {
                self.t(if label == CAT { Key::Cat } else { Key::Dog }).to_string()
            }
            _ => self.class_name(label as usize),
        }
    }
}

fn chinese_place(place: Option<Place>) -> String {
    place.map_or_else(String::new, |p| format!("（第 {} 行，第 {} 欄）", p.line, p.column))
}

/// [`ModelError`] in Chinese; the file's field names and values stay as written.
fn chinese_model_error(e: &ModelError) -> String {
    use ModelError::*;
    let versions = VERSIONS.map(|v| v.to_string()).join("、");
    match e {
        NotJson { reason, place } => format!("模型檔不是有效的 JSON：{reason}{}", chinese_place(*place)),
        NumberTooLarge { place } => {
            format!("模型檔裡有一個數太大了{}；每個數都必須是有限的數。", chinese_place(*place))
        }
        NullNumber { place } => format!(
            "模型檔在該放數字的地方寫了 null{}；每個數都必須是有限的數（JSON 無法表示 NaN 或無限大）。",
            chinese_place(*place)
        ),
        WrongFields { reason, place } => format!("模型檔的欄位不符合預期：{reason}{}", chinese_place(*place)),
        NotAnObject => "模型檔必須是一個 JSON 物件 { … }。".to_string(),
        NoFormat => format!("模型檔沒有 \"format\" 欄位；模型檔的 \"format\" 是 \"{FORMAT}\"。"),
        WrongFormat { found } => format!("\"format\" 是 {found}；模型檔的 \"format\" 應該是 \"{FORMAT}\"。"),
        NoVersion => format!("模型檔沒有 \"version\" 欄位；這個實驗室能讀的版本：{versions}。"),
        UnsupportedVersion { found } => format!("不支援版本 {found}；這個實驗室能讀的版本：{versions}。"),
        TooFewLayers => "\"layers\" 至少要有輸入層和輸出層。".to_string(),
        InputNeurons { found } => format!(
            "輸入層有 {found} 個神經元；可以有 {} 到 {} 個。",
            INPUTS.0, INPUTS.1
        ),
        TooManyHiddenLayers { found } => format!("有 {found} 個隱藏層；最多只能有 {MAX_HIDDEN_LAYERS} 個。"),
        HiddenNeurons { layer, found } => format!(
            "隱藏層 {layer} 有 {found} 個神經元；可以有 {} 到 {} 個。",
            HIDDEN_NEURONS.0, HIDDEN_NEURONS.1
        ),
        OutputNeurons { found } => format!(
            "輸出層有 {found} 個神經元；可以有 {} 到 {} 個。",
            OUTPUTS.0, OUTPUTS.1
        ),
        ActivationCount { found, needed } => {
            format!("\"activations\" 有 {found} 個名稱；需要 {needed} 個，輸入層之後每一層一個。")
        }
        UnknownName { field, name } => {
            let valid: Vec<String> = field.valid_names().iter().map(|n| format!("\"{n}\"")).collect();
            format!("不認得 {field} 的 \"{name}\"；請用其中之一：{}。", valid.join("、"))
        }
        LayerCount { field, found, needed } => {
            format!("\"{field}\" 有 {found} 層；需要 {needed} 層，輸入層之後每一層一個。")
        }
        WeightRows { layer, found, neurons } => format!(
            "weights[{layer}] 有 {found} 列；第 {} 層有 {neurons} 個神經元。",
            layer + 1
        ),
        WeightRow {
            layer,
            row,
            found,
            neurons,
        } => format!("weights[{layer}][{row}] 有 {found} 個數；第 {layer} 層有 {neurons} 個神經元。"),
        BiasCount { layer, found, neurons } => format!(
            "biases[{layer}] 有 {found} 個數；第 {} 層有 {neurons} 個神經元。",
            layer + 1
        ),
        LossDoesNotFit {
            loss,
            activation,
            outputs,
        } => format!(
            "損失函數 \"{}\" 不適合 {outputs} 個 \"{}\" 神經元的輸出層：\"bce\" 需要一個 sigmoid 輸出，\"softmax_ce\" 需要 2 到 4 個線性輸出。",
            loss.name(),
            activation.name()
        ),
        LearningRate { value } => format!(
            "\"learning_rate\" 是 {}；學習率必須是有限的正數。",
            short_number(*value)
        ),
        RegularizationRate { value } => format!(
            "\"regularization_rate\" 是 {}；它必須是零或有限的正數。",
            short_number(*value)
        ),
        ParamOutOfRange { place, value } => format!(
            "{place} 是 {}；每個權重和偏差都必須介於 -{PARAM_LIMIT} 到 {PARAM_LIMIT} 之間。",
            short_number(*value)
        ),
        DuplicateFeature { name } => format!("\"features\" 把 \"{name}\" 寫了兩次；每個特徵是一個輸入。"),
        FeatureCount { features, inputs } => format!(
            "\"features\" 列了 {features} 個特徵，但輸入層有 {inputs} 個神經元；每個輸入一個特徵。"
        ),
        OutputFitsNoTask { activation, outputs } => format!(
            "輸出層的激活函數 \"{}\"（{outputs} 個神經元）不適合任何任務：兩個類別需要一個 \"sigmoid\" 輸出，3 或 4 個類別需要同樣多個 \"linear\" 輸出，迴歸需要一個 \"linear\" 輸出。",
            activation.name()
        ),
        DataOutOfRange { field, value, lo, hi } => format!(
            "dataset.{field} 是 {}；它必須介於 {lo} 到 {hi} 之間。",
            short_number(*value)
        ),
        BatchSize { found } => format!(
            "\"batch_size\" 是 {found}；它必須是 {} 到 {}。",
            BATCH_SIZES.0, BATCH_SIZES.1
        ),
        TaskDoesNotFit {
            model,
            dataset,
            in_file,
        } => format!(
            "任務不符：網路的輸出層回答的是{}，但{}資料集 \"{}\" 是{}。",
            chinese_task(*model),
            if *in_file { "檔案裡的" } else { "目前的" },
            dataset.name(),
            chinese_task(dataset.task())
        ),
        FeaturesDoNotFit { inputs, features } => {
            let names: Vec<&str> = features.iter().map(|f| f.name()).collect();
            format!(
                "特徵不符：網路有 {inputs} 個輸入，但目前給它 {} 個特徵（{}）；檔案沒有記下它學習時用的特徵，請先選 {inputs} 個特徵。",
                features.len(),
                names.join("、")
            )
        }
        Shape(shape) => format!("無法建立這個形狀的網路：{shape}"),
        InputCount { found, needed } => format!("x 有 {found} 個值；這個網路有 {needed} 個輸入。"),
        SampleNotFinite => "x 和 y 必須是有限的數。".to_string(),
        ClassIndex { outputs } => format!(
            "softmax_ce 的 y 必須是一個 0 到 {} 的類別編號。",
            outputs.saturating_sub(1)
        ),
        TargetRange => "bce 的 y 必須在 0 到 1 之間。".to_string(),
        TargetCount { found, needed } => format!("y 有 {found} 個值；這個網路有 {needed} 個輸出。"),
        ResultNotFinite { place, value } => format!(
            "{place} {}：權重或 x 太大，超出 64 位元浮點數的範圍，所以追蹤沒有有限的結果。",
            if value.is_nan() { "不是一個數" } else { "是無限大" }
        ),
    }
}

/// A task in Chinese: 兩個類別, 3 個類別, 迴歸.
fn chinese_task(task: Task) -> String {
    match task {
        Task::Binary => "兩個類別".to_string(),
        Task::Classes(k) => format!(" {k} 個類別"),
        Task::Regression => "迴歸（一個數）".to_string(),
    }
}

/// Every fixed text of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// The page's heading, its `<h1>`.
    AppTitle,
    /// The document's title, as the browser's tab and history show it.
    DocumentTitle,
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
    /// Title of the explanation panel.
    Explanation,
    /// Button: show the next phase of backpropagation.
    PhaseNext,
    /// Tooltip of [`Key::PhaseNext`].
    PhaseNextTitle,
    /// Button: leave the phase-by-phase walk.
    EndWalk,
    /// Button: light up the network for the next sample.
    NextSample,
    /// Phase ①.
    PhaseInitialise,
    /// Phase ②.
    PhaseForward,
    /// Phase ③.
    PhaseLoss,
    /// Phase ④.
    PhaseBackward,
    /// Phase ⑤.
    PhaseUpdate,
    /// What phase ① does.
    ExplainInitialise,
    /// What phase ② does.
    ExplainForward,
    /// What phase ③ does.
    ExplainLoss,
    /// What phase ④ does.
    ExplainBackward,
    /// What phase ⑤ does.
    ExplainUpdate,
    /// What to do when no phase is shown.
    ExplainHover,
    /// How to read the backward pass's colours.
    GradientLegend,
    /// What goes between the items of a short list ("hidden 1, hidden 2").
    ListSeparator,
    /// The name of the colour key beside the network.
    ColourKey,
    /// The folded section of the less-used settings.
    MoreSettings,
    /// A cat, in the output view's key.
    Cat,
    /// A dog, in the output view's key.
    Dog,
    /// The name of the output view's key.
    OutputKey,
    /// The regression output's value, in the output view's key.
    PredictedValue,
    /// Button: close a message.
    Dismiss,
    /// The banner after the page failed: what happened.
    Crashed,
    /// A link whose settings were not all usable.
    LinkIgnored,
    /// Button: copy a link to this page's settings.
    CopyLink,
    /// The copy-link button's title.
    CopyLinkTitle,
    /// Said after the link was copied.
    LinkCopied,
    /// Said when the link could not be copied.
    LinkNotCopied,
    /// The banner's button: reload the page with every setting at its default.
    ReloadDefaults,
    /// How to read the lines in the walk's update phase.
    UpdateLegend,
    /// Link: download the network as a model file.
    SaveModel,
    /// Tooltip of [`Key::SaveModel`].
    SaveModelTitle,
    /// Button: save the picture beside it as a PNG image.
    ExportPng,
    /// The export button's title.
    ExportPngTitle,
    /// Said when the picture could not be saved, before the reason.
    ExportFailed,
    /// Button: compare backprop with finite differences.
    GradientCheck,
    /// Tooltip of [`Key::GradientCheck`].
    GradientCheckTitle,
    /// Result of the gradient check when backprop agrees.
    GradientCheckGood,
    /// Result of the gradient check when backprop disagrees.
    GradientCheckBad,
    /// The activation plot's accessible name.
    ActivationPlotLabel,
    /// The activation plot's legend.
    ActivationPlotLegend,
    /// The switch that hides the number the walk's phase computes, for the learner to work out.
    TryIt,
    /// The field for the learner's own number.
    YourAnswer,
    /// The button that checks it.
    CheckAnswer,
    /// Said of a right answer, before the value.
    AnswerRight,
    /// Said of a wrong answer, before the right value.
    AnswerWrong,
    /// Said when what was typed is not a number.
    AnswerNotANumber,
    /// Label of the gradient check's number.
    LargestRelativeError,
    /// Label of the chosen sample's loss.
    SampleLoss,
    /// Title of the output view.
    OutputView,
    /// Description of the output view, for screen readers.
    BoundaryLabel,
    /// How to use the output view.
    BoundaryHint,
    /// Checkbox: show only the decided class.
    Discretise,
    /// Toggle: clicks on the output view add and remove points.
    EditPoints,
    /// Tooltip of [`Key::EditPoints`].
    EditPointsTitle,
    /// Label of the toggle of the class new points get.
    NewPointClass,
    /// How clicks edit the points of a classification.
    EditHint,
    /// How clicks edit the points of a regression.
    EditHintRegression,
    /// Button: read points from a CSV file.
    ImportCsv,
    /// Tooltip of [`Key::ImportCsv`].
    ImportCsvTitle,
    /// Link: download the points in use as CSV.
    ExportCsv,
    /// Tooltip of [`Key::ExportCsv`].
    ExportCsvTitle,
    /// The name of your own points, in the picker and the output view.
    YourData,
    /// Beside Copy link while your own points are in use.
    LinkWithoutPoints,
    /// Folded panel: CSV text typed or pasted in.
    PasteCsv,
    /// The label of the CSV text field.
    PasteCsvLabel,
    /// Button: import the CSV text.
    PasteCsvImport,
    /// A setting out of its range was not changed.
    OutOfRange,
    /// Label of the input features.
    Features,
    /// Tooltip of a feature button.
    FeaturesTitle,
    /// Label of the hidden-layer count.
    HiddenLayers,
    /// Tooltip: add a hidden layer.
    AddLayerTitle,
    /// Tooltip: remove a hidden layer.
    RemoveLayerTitle,
    /// Tooltip: add a neuron.
    AddNeuronTitle,
    /// Tooltip: remove a neuron.
    RemoveNeuronTitle,
    /// Label of a layer's neuron count.
    Neurons,
    /// Label of a layer's activation menu.
    ActivationLabel,
    /// Label of the optimizer menu.
    Optimizer,
    /// Label of the batch-size menu.
    BatchSize,
    /// Label of the loss menu.
    LossFunction,
    /// Label of the regularisation menu.
    RegularizationLabel,
    /// Label of the regularisation-rate menu.
    RegularizationRate,
    /// Label of the speed menu.
    Speed,
    /// Label of the cost target.
    StopBelow,
    /// Checkbox: stop when the cost stops improving.
    StopWhenFlat,
    /// The cost-target menu's 'no target'.
    Never,
    /// Label of the noise slider.
    Noise,
    /// Label of the training-share slider.
    TrainShare,
    /// Label of the points menu.
    Points,
    /// Button: new points.
    Regenerate,
    /// Tooltip of [`Key::Regenerate`].
    RegenerateTitle,
    /// Label of the network's shape controls.
    NetworkSettings,
    /// Label of the training settings.
    TrainingSettings,
    /// Label of the data settings.
    DataSettings,
    /// The cost chart's readout: the epoch of the point pointed at.
    ReadoutEpoch,
    /// The cost chart's readout before the learner points at the chart.
    ChartReadoutHint,
    /// Title of the per-sample loss bars.
    SampleLosses,
    /// Description of the per-sample loss bars, for screen readers.
    SampleLossesLabel,
    /// The loss bars' x axis: one sample per bar.
    Sample,
    /// The loss bars' y axis.
    LossAxis,
    /// The sentence under the loss bars, "The mini-batch's mean loss: the mean of these {n}
    /// losses = {mean}": `{n}` and `{mean}` are replaced. Not "cost": the cost is the mean over
    /// the whole training set.
    BatchMeanLoss,
    /// The label of the loss bars' line at their mean (short: it sits right of the plot).
    BatchMeanLine,
    /// The loss bars before any mini-batch has been trained on.
    NoBatchYet,
    /// A typed weight that is not a number.
    BadWeight,
    /// Label of the field where a weight can be typed.
    TypeWeight,
    /// The toy landscapes panel's title.
    SurfaceTitle,
    /// How to use the toy landscapes panel.
    SurfaceHint,
    /// The article's point about local minima, under the random restarts.
    LocalMinimumNote,
    /// Label of the menu of toy surfaces.
    SurfaceFunction,
    /// The contour map, for screen readers.
    SurfaceContourLabel,
    /// The 3-D view, for screen readers.
    Surface3dLabel,
    /// Button: drop several balls at random starts.
    RandomRestarts,
    /// Tooltip of [`Key::RandomRestarts`].
    RandomRestartsTitle,
    /// Button: race one more optimizer.
    AddOptimizer,
    /// Button: take an optimizer out of the race.
    RemoveOptimizer,
    /// The legend's column of f at each ball.
    SurfaceValue,
    /// The legend's column of steps taken.
    SurfaceSteps,
    /// The legend's column of each ball's state.
    SurfaceStatus,
    /// A ball still rolling.
    SurfaceRunning,
    /// A ball outside the map, still rolling.
    SurfaceOutOfView,
    /// A ball that stopped at a minimum (or a flat point).
    SurfaceConverged,
    /// A ball that flew off a surface with a minimum: its learning rate was too large.
    SurfaceDiverged,
    /// A ball that ran off the saddle, which has no bottom: any learning rate lets it roll away.
    SurfaceNoBottom,
    /// What the arrows at each ball mean.
    ArrowLegend,
    /// Button: magnify the 3-D view.
    ZoomIn,
    /// Button: shrink the 3-D view.
    ZoomOut,
    /// The bowl x² + y².
    SurfaceBowl,
    /// The elongated valley ½(x² + 25y²).
    SurfaceValley,
    /// Rosenbrock's banana valley.
    SurfaceRosenbrock,
    /// Himmelblau's four minima.
    SurfaceHimmelblau,
    /// The saddle x² − y².
    SurfaceSaddle,
    /// Rastrigin's many local minima.
    SurfaceRastrigin,
    /// A local and a global minimum.
    SurfaceTwoMinima,
    /// Prefix of a refused model file, followed by [`Lang::colon`] and the reason.
    BadModel,
    /// Button: open a model file.
    OpenModel,
    /// Tooltip of [`Key::OpenModel`].
    OpenModelTitle,
    /// The real network's loss surface title.
    RealSurfaceTitle,
    /// What the real network's loss surface shows.
    RealSurfaceHint,
    /// The real network's loss surface map, for screen readers.
    RealSurfaceLabel,
    /// Label of the menu of the plane's directions.
    RealSurfaceDirections,
    /// The plane along two picked weights.
    DirectionsPicked,
    /// The plane along two random filter-normalised directions.
    DirectionsRandom,
    /// Button: a new slice through the current weights.
    Recentre,
    /// Button: use the focused weight as an axis of the loss surface.
    UseAsAxis,
    /// How to pick the two weights of the loss surface.
    PickTwoWeights,
    /// The name of a random direction, followed by its number.
    RandomDirection,
    /// Label of the share of the grid computed.
    SurfaceComputed,
    /// The toy-landscape legend's state of a ball that has not taken a step yet.
    SurfaceNotStarted,
    /// A typed weight, as a refusal names it.
    WeightName,
    /// Neurons of one hidden layer, as a refusal names them.
    NeuronsPerLayer,
    /// Classroom: the part with Open model and Save model.
    PartFiles,
    /// Classroom: the step and epoch counter.
    PartCounter,
    /// The classroom control: which parts a shared page shows.
    Classroom,
    /// What the classroom control does.
    ClassroomHint,
    /// The classroom control's checkboxes: the parts shown.
    ClassroomShown,
    /// The classroom control's presets.
    ClassroomPresets,
    /// Preset: the whole lab.
    ViewAll,
    /// Preset: only the network and Step.
    ViewNetworkStep,
    /// Preset: the loss surface alone.
    ViewSurface,
    /// Preset: the walk through one sample.
    ViewWalk,
    /// The label of the history scrubber under the cost chart.
    HistoryLabel,
    /// Button: train on from the step shown.
    ResumeHere,
    /// Tooltip of [`Key::ResumeHere`].
    ResumeHereTitle,
    /// Button: back to the latest step.
    BackToNow,
    /// Button: keep this run's curves to compare with.
    PinRun,
    /// Tooltip of [`Key::PinRun`].
    PinRunTitle,
    /// Button: take the pinned run away.
    Unpin,
}

impl Key {
    /// Every key, for checking that each language has them all.
    pub const ALL: [Key; 206] = [
        Key::AppTitle,
        Key::DocumentTitle,
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
        Key::Explanation,
        Key::PhaseNext,
        Key::PhaseNextTitle,
        Key::EndWalk,
        Key::NextSample,
        Key::PhaseInitialise,
        Key::PhaseForward,
        Key::PhaseLoss,
        Key::PhaseBackward,
        Key::PhaseUpdate,
        Key::ExplainInitialise,
        Key::ExplainForward,
        Key::ExplainLoss,
        Key::ExplainBackward,
        Key::ExplainUpdate,
        Key::ExplainHover,
        Key::GradientLegend,
        Key::ListSeparator,
        Key::ColourKey,
        Key::MoreSettings,
        Key::Cat,
        Key::Dog,
        Key::OutputKey,
        Key::PredictedValue,
        Key::Dismiss,
        Key::Crashed,
        Key::LinkIgnored,
        Key::CopyLink,
        Key::CopyLinkTitle,
        Key::LinkCopied,
        Key::LinkNotCopied,
        Key::ReloadDefaults,
        Key::UpdateLegend,
        Key::SaveModel,
        Key::SaveModelTitle,
        Key::ExportPng,
        Key::ExportPngTitle,
        Key::ExportFailed,
        Key::GradientCheck,
        Key::GradientCheckTitle,
        Key::GradientCheckGood,
        Key::GradientCheckBad,
        Key::ActivationPlotLabel,
        Key::ActivationPlotLegend,
        Key::TryIt,
        Key::YourAnswer,
        Key::CheckAnswer,
        Key::AnswerRight,
        Key::AnswerWrong,
        Key::AnswerNotANumber,
        Key::LargestRelativeError,
        Key::SampleLoss,
        Key::OutputView,
        Key::BoundaryLabel,
        Key::BoundaryHint,
        Key::Discretise,
        Key::EditPoints,
        Key::EditPointsTitle,
        Key::NewPointClass,
        Key::EditHint,
        Key::EditHintRegression,
        Key::ImportCsv,
        Key::ImportCsvTitle,
        Key::ExportCsv,
        Key::ExportCsvTitle,
        Key::YourData,
        Key::LinkWithoutPoints,
        Key::PasteCsv,
        Key::PasteCsvLabel,
        Key::PasteCsvImport,
        Key::OutOfRange,
        Key::Features,
        Key::FeaturesTitle,
        Key::HiddenLayers,
        Key::AddLayerTitle,
        Key::RemoveLayerTitle,
        Key::AddNeuronTitle,
        Key::RemoveNeuronTitle,
        Key::Neurons,
        Key::ActivationLabel,
        Key::Optimizer,
        Key::BatchSize,
        Key::LossFunction,
        Key::RegularizationLabel,
        Key::RegularizationRate,
        Key::Speed,
        Key::StopBelow,
        Key::StopWhenFlat,
        Key::Never,
        Key::Noise,
        Key::TrainShare,
        Key::Points,
        Key::Regenerate,
        Key::RegenerateTitle,
        Key::NetworkSettings,
        Key::TrainingSettings,
        Key::DataSettings,
        Key::ReadoutEpoch,
        Key::ChartReadoutHint,
        Key::SampleLosses,
        Key::SampleLossesLabel,
        Key::Sample,
        Key::LossAxis,
        Key::BatchMeanLoss,
        Key::BatchMeanLine,
        Key::NoBatchYet,
        Key::BadWeight,
        Key::TypeWeight,
        Key::SurfaceTitle,
        Key::SurfaceHint,
        Key::LocalMinimumNote,
        Key::SurfaceFunction,
        Key::SurfaceContourLabel,
        Key::Surface3dLabel,
        Key::RandomRestarts,
        Key::RandomRestartsTitle,
        Key::AddOptimizer,
        Key::RemoveOptimizer,
        Key::SurfaceValue,
        Key::SurfaceSteps,
        Key::SurfaceStatus,
        Key::SurfaceRunning,
        Key::SurfaceOutOfView,
        Key::SurfaceConverged,
        Key::SurfaceDiverged,
        Key::SurfaceNoBottom,
        Key::ArrowLegend,
        Key::ZoomIn,
        Key::ZoomOut,
        Key::SurfaceBowl,
        Key::SurfaceValley,
        Key::SurfaceRosenbrock,
        Key::SurfaceHimmelblau,
        Key::SurfaceSaddle,
        Key::SurfaceRastrigin,
        Key::SurfaceTwoMinima,
        Key::BadModel,
        Key::OpenModel,
        Key::OpenModelTitle,
        Key::RealSurfaceTitle,
        Key::RealSurfaceHint,
        Key::RealSurfaceLabel,
        Key::RealSurfaceDirections,
        Key::DirectionsPicked,
        Key::DirectionsRandom,
        Key::Recentre,
        Key::UseAsAxis,
        Key::PickTwoWeights,
        Key::RandomDirection,
        Key::SurfaceComputed,
        Key::SurfaceNotStarted,
        Key::WeightName,
        Key::NeuronsPerLayer,
        Key::PartFiles,
        Key::PartCounter,
        Key::Classroom,
        Key::ClassroomHint,
        Key::ClassroomShown,
        Key::ClassroomPresets,
        Key::ViewAll,
        Key::ViewNetworkStep,
        Key::ViewSurface,
        Key::ViewWalk,
        Key::HistoryLabel,
        Key::ResumeHere,
        Key::ResumeHereTitle,
        Key::BackToNow,
        Key::PinRun,
        Key::PinRunTitle,
        Key::Unpin,
    ];
}

fn english(key: Key) -> &'static str {
    match key {
        Key::AppTitle => "Backprop Lab",
        Key::DocumentTitle => "Backprop Lab — watch a neural network learn",
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
        Key::ColourHint => "Lines: blue w > 0, orange w < 0; a thicker line is a larger weight.",
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
        Key::Explanation => "What is happening",
        Key::PhaseNext => "Next phase ▸",
        Key::PhaseNextTitle => "Walk through backpropagation one phase at a time for the chosen sample (key: Shift+→)",
        Key::EndWalk => "Leave the walk",
        Key::NextSample => "Next sample",
        Key::PhaseInitialise => "① Initialise the weights",
        Key::PhaseForward => "② Forward pass",
        Key::PhaseLoss => "③ Loss",
        Key::PhaseBackward => "④ Backward pass",
        Key::PhaseUpdate => "⑤ Update the weights",
        Key::ExplainInitialise => "Training starts from weights: at first small random numbers (Xavier initialisation, drawn from the seed), later whatever training has made of them. Each line is one weight w: blue positive, orange negative, thicker is larger. No neuron has fired yet.",
        Key::ExplainForward => "The sample enters the input layer and flows to the output layer. Each neuron adds up its inputs times their weights, plus its bias (z); its activation function decides how strongly it fires (a).",
        Key::ExplainLoss => "The loss function compares the network's answer with the right answer t for this one sample. The cost is the mean of these losses over the whole training set; training makes the cost small.",
        Key::ExplainBackward => "The error flows back from the output layer to the input: δ = ∂L/∂z is each neuron's share of the error. Each line now shows ∂L/∂w = δ·a, how the loss changes as that weight grows: purple above zero, green below.",
        Key::ExplainUpdate => "Gradient descent: every weight takes a step against its gradient, the step size being the learning rate η. Next comes ② again with the new weights: repeat until the error is small enough.",
        Key::ExplainHover => "Point at or tap a neuron or a line to see its numbers. “Next phase” walks through backpropagation for this sample, one phase at a time.",
        Key::GradientLegend => "Backward pass: purple ∂L/∂w > 0 (the weight will shrink), green ∂L/∂w < 0 (it will grow); thicker is larger.",
        Key::ListSeparator => ", ",
        Key::ColourKey => "Colour key",
        Key::MoreSettings => "More settings",
        Key::Cat => "cat",
        Key::Dog => "dog",
        Key::OutputKey => "Which colour is which answer",
        Key::PredictedValue => "predicted value",
        Key::Dismiss => "Close this message",
        Key::Crashed => "Something went wrong inside the lab and it stopped. Reloading starts it again.",
        Key::ReloadDefaults => "Reload with the defaults",
        Key::LinkIgnored => "Parts of this link could not be used; those settings keep their defaults.",
        Key::CopyLink => "Copy link",
        Key::CopyLinkTitle => "Copy a link to this page with every setting and the seed: whoever opens it gets the same data and the same first weights",
        Key::LinkCopied => "Link copied",
        Key::LinkNotCopied => "Could not copy: the address bar holds the link",
        Key::UpdateLegend => "Lines: how far the update moved each weight, Δw = −η·∂L/∂w: blue grew, orange shrank; the thickest moved most.",
        Key::SaveModel => "Save model",
        Key::SaveModelTitle => "Download the network's weights and settings as a JSON model file",
        Key::ExportPng => "PNG",
        Key::ExportPngTitle => "Save this picture, as you see it now, as a PNG image",
        Key::ExportFailed => "The picture could not be saved:",
        Key::GradientCheck => "Gradient check",
        Key::GradientCheckTitle => "Compare every gradient backprop computes for the next mini-batch with a finite-difference estimate",
        Key::GradientCheckGood => "backprop agrees with finite differences.",
        Key::GradientCheckBad => "backprop and finite differences disagree!",
        Key::ActivationPlotLabel => "The layer's activation function and its slope, with each neuron of the layer at its z for the chosen sample",
        Key::ActivationPlotLegend => "the line is a = f(z), the dashed line its slope f′(z); each dot is a neuron of this layer at its z for the chosen sample, hollow when it is silent (a = 0).",
        Key::TryIt => "Try it yourself: hide the result and work it out",
        Key::YourAnswer => "Your answer",
        Key::CheckAnswer => "Check",
        Key::AnswerRight => "Right! The lab has",
        Key::AnswerWrong => "Not quite. The right value is",
        Key::AnswerNotANumber => "Type a number, for example 0.25 or −1.5.",
        Key::LargestRelativeError => "Largest relative error",
        Key::SampleLoss => "Loss of this sample",
        Key::OutputView => "The network's answer over the plane",
        Key::BoundaryLabel => "The network's output over the input plane, with the training points (filled) and test points (hollow)",
        Key::BoundaryHint => "Click a point to light up the network for that sample. Filled points train the network, hollow ones test it.",
        Key::Discretise => "Show only the decided class",
        Key::EditPoints => "Edit points",
        Key::EditPointsTitle => "Clicks on the output view add and remove points instead of picking a sample",
        Key::NewPointClass => "New points",
        Key::EditHint => "Click: add a training point · Shift-click: the other class · click a point: remove it.",
        Key::EditHintRegression => "Click: add a training point with the target chosen · Shift-click: the opposite target · click a point: remove it.",
        Key::ImportCsv => "Import CSV",
        Key::ImportCsvTitle => "Read points from a CSV file, one x1,x2,label line a point (a first line of names is optional). A fourth value, train or test, says which set; otherwise the training share splits them. At most 1000 points, |x| ≤ 5.",
        Key::ExportCsv => "Export CSV",
        Key::ExportCsvTitle => "Download the points in use as CSV: x1,x2,label,set, where set is train or test",
        Key::YourData => "Your data",
        Key::LinkWithoutPoints => "Your own points are not in the link: export them as CSV.",
        Key::PasteCsv => "Paste CSV",
        Key::PasteCsvLabel => "CSV text, one x1,x2,label line a point",
        Key::PasteCsvImport => "Import the text",
        Key::OutOfRange => "That setting is out of range or does not fit this network; it was not changed.",
        Key::Features => "Inputs",
        Key::FeaturesTitle => "Give the network this input, or take it away (new weights)",
        Key::HiddenLayers => "Hidden layers",
        Key::AddLayerTitle => "Add a hidden layer (new weights)",
        Key::RemoveLayerTitle => "Remove the last hidden layer (new weights)",
        Key::AddNeuronTitle => "Add a neuron to this layer (new weights)",
        Key::RemoveNeuronTitle => "Remove a neuron from this layer (new weights)",
        Key::Neurons => "neurons",
        Key::ActivationLabel => "Activation function",
        Key::Optimizer => "Optimizer",
        Key::BatchSize => "Batch size",
        Key::LossFunction => "Loss function",
        Key::RegularizationLabel => "Regularisation",
        Key::RegularizationRate => "Rate λ",
        Key::Speed => "Speed",
        Key::StopBelow => "Stop when the cost is below",
        Key::StopWhenFlat => "Stop when it stops improving",
        Key::Never => "never",
        Key::Noise => "Noise",
        Key::TrainShare => "Training share",
        Key::Points => "Points",
        Key::Regenerate => "Regenerate",
        Key::RegenerateTitle => "New points from the next seed (new weights)",
        Key::NetworkSettings => "The network's shape",
        Key::TrainingSettings => "Training settings",
        Key::DataSettings => "Data settings",
        Key::ReadoutEpoch => "Epoch",
        Key::ChartReadoutHint => "Point at the chart to read the cost at any epoch.",
        Key::SampleLosses => "The loss of each sample in the mini-batch",
        Key::SampleLossesLabel => "Bar chart: the loss of each sample in the mini-batch, and a line at their mean, the mini-batch's mean loss",
        Key::Sample => "sample",
        Key::LossAxis => "loss",
        Key::BatchMeanLoss => "The mini-batch's mean loss: the mean of these {n} losses = {mean}",
        Key::BatchMeanLine => "mean",
        Key::NoBatchYet => "Take a step: the losses of its mini-batch appear here.",
        Key::BadWeight => "A weight must be a finite number; the old one is kept.",
        Key::TypeWeight => "Type a weight to see what it changes",
        Key::SurfaceTitle => "Gradient descent on a loss surface",
        Key::SurfaceHint => "Click the map to place the start point. Each ball rolls downhill by θ ← θ − η·∇f; drag the 3-D view to turn it.",
        Key::LocalMinimumNote => "Gradient descent always reaches a local minimum some day — but which one depends on where it starts.",
        Key::SurfaceFunction => "Surface",
        Key::SurfaceContourLabel => "Contour map of the surface seen from above, with each ball's path; click to place the start point",
        Key::Surface3dLabel => "The surface in 3-D with each ball's path; drag to turn it",
        Key::RandomRestarts => "Random restarts",
        Key::RandomRestartsTitle => "Drop 4 balls of plain gradient descent at random starts",
        Key::AddOptimizer => "Add an optimizer",
        Key::RemoveOptimizer => "Remove",
        Key::SurfaceValue => "f(θ)",
        Key::SurfaceSteps => "Steps",
        Key::SurfaceStatus => "State",
        Key::SurfaceRunning => "rolling",
        Key::SurfaceOutOfView => "left the plot",
        Key::SurfaceConverged => "converged",
        Key::SurfaceDiverged => "diverged: the learning rate is too large",
        Key::SurfaceNoBottom => "rolled away: this surface has no bottom, so the ball runs off whatever the learning rate",
        Key::ArrowLegend => "Arrow: the gradient step −η·∇f. Dashed: the velocity of Momentum and Nesterov.",
        Key::ZoomIn => "Zoom in",
        Key::ZoomOut => "Zoom out",
        Key::SurfaceBowl => "Bowl",
        Key::SurfaceValley => "Elongated valley",
        Key::SurfaceRosenbrock => "Rosenbrock (curved valley)",
        Key::SurfaceHimmelblau => "Himmelblau (four minima)",
        Key::SurfaceSaddle => "Saddle",
        Key::SurfaceRastrigin => "Rastrigin (many local minima)",
        Key::SurfaceTwoMinima => "A local and a global minimum",
        Key::BadModel => "The model file could not be used",
        Key::OpenModel => "Open model",
        Key::OpenModelTitle => "Train a network saved as a JSON model file (its shape, weights and settings)",
        Key::RealSurfaceTitle => "The loss surface of your network",
        Key::RealSurfaceHint => "The cost on a plane through the current weights. The line is the training path so far, seen on that plane; the dot is the current weights, and it moves as the network trains.",
        Key::RealSurfaceLabel => "Map of the network’s cost on a plane through its current weights, with the training path",
        Key::RealSurfaceDirections => "Directions",
        Key::DirectionsPicked => "Two weights you picked",
        Key::DirectionsRandom => "Two random filter-normalised directions (Li et al. 2018)",
        Key::Recentre => "Re-centre on the current weights",
        Key::UseAsAxis => "Use as an axis of the loss surface",
        Key::PickTwoWeights => "Pick two weights: click a weight in the network, then “Use as an axis of the loss surface”; do it for a second one.",
        Key::RandomDirection => "random direction",
        Key::SurfaceComputed => "Computed",
        Key::SurfaceNotStarted => "not started",
        Key::WeightName => "A weight w",
        Key::NeuronsPerLayer => "The neurons of a hidden layer",
        Key::PartFiles => "Open and save model",
        Key::PartCounter => "Step counter",
        Key::Classroom => "Classroom view",
        Key::ClassroomHint => "Hide what your class does not need: the address, and so Copy link, keeps it.",
        Key::ClassroomShown => "Shown",
        Key::ClassroomPresets => "Presets",
        Key::ViewAll => "Everything",
        Key::ViewNetworkStep => "The network and Step",
        Key::ViewSurface => "The loss surface alone",
        Key::ViewWalk => "The walk through one sample",
        Key::HistoryLabel => "Training history",
        Key::ResumeHere => "Resume from here",
        Key::ResumeHereTitle => "Train on from the step shown; the steps after it are dropped",
        Key::BackToNow => "Back to now",
        Key::PinRun => "Pin this run",
        Key::PinRunTitle => {
            "Keep this run's cost curves on the chart; after Reset or a new setting, the new run starts from the same first weights"
        }
        Key::Unpin => "Unpin",
    }
}

fn chinese(key: Key) -> &'static str {
    match key {
        Key::AppTitle => "反向傳播實驗室",
        Key::DocumentTitle => "反向傳播實驗室——看神經網路如何學習",
        Key::Tagline => "看神經網路如何學習：前向傳遞、計算損失、向後傳遞、更新權重——然後重複。",
        Key::Language => "語言",
        Key::TrainingControls => "訓練控制",
        Key::Step => "單步",
        Key::StepTitle => "用一個小批次訓練一次（按鍵：→）",
        Key::EpochButton => "一輪",
        Key::EpochTitle => "訓練到每個訓練樣本都再用過一次",
        Key::Play => "播放",
        Key::PlayTitle => "連續訓練或暫停（按鍵：空白鍵）",
        Key::Pause => "暫停",
        Key::Reset => "重設",
        Key::ResetTitle => "以相同的種子重新初始化權重（按鍵：R）",
        Key::LearningRate => "學習率 η",
        Key::Dataset => "資料",
        Key::CatsDogsLegend => "貓狗分類：x₁ 是耳朵有多尖，x₂ 是口鼻有多長；輸出接近 1 代表狗，接近 0 代表貓。",
        Key::TypeLearningRate => "輸入學習率",
        Key::Network => "神經網路",
        Key::NetworkLabel => "神經網路：輸入層、隱藏層與輸出層",
        Key::ColourHint => "連線：藍色 w > 0，橘色 w < 0；線越粗，權重越大。",
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
        Key::GradientNorm => "上一個小批次的梯度大小",
        Key::Accuracy => "正確率（訓練/測試）",
        Key::ChartFailed => "無法繪製圖表：",
        Key::BadLearningRate => "學習率必須是有限的正數；沿用原本的學習率。",
        Key::Diverged => "代價發散了：學習率太大。訓練已暫停，並保留那一步之前的權重。",
        Key::Explanation => "現在發生什麼事",
        Key::PhaseNext => "下一階段 ▸",
        Key::PhaseNextTitle => "針對所選的樣本，一次一個階段走過反向傳播（按鍵：Shift+→）",
        Key::EndWalk => "結束逐步導覽",
        Key::NextSample => "下一個樣本",
        Key::PhaseInitialise => "① 初始化權重",
        Key::PhaseForward => "② 前向傳遞",
        Key::PhaseLoss => "③ 計算損失",
        Key::PhaseBackward => "④ 向後傳遞",
        Key::PhaseUpdate => "⑤ 更新權重",
        Key::ExplainInitialise => "訓練從一組權重開始：一開始是很小的亂數（Xavier 初始化，由種子決定），之後就是訓練至今得到的權重。每條線是一個權重 w：藍色為正、橘色為負，越粗越大。還沒有任何神經元被激活。",
        Key::ExplainForward => "樣本從輸入層進入，一路傳到輸出層。每個神經元把輸入乘上權重再加總，加上偏差得到 z；再由激活函數決定它被激活的程度 a。",
        Key::ExplainLoss => "損失函數比較網路對這一筆樣本的答案與正確答案 t。代價函數是整個訓練集上損失的平均；訓練就是要讓代價變小。",
        Key::ExplainBackward => "誤差從輸出層往輸入層傳回去：δ = ∂L/∂z 就是每個神經元對誤差的影響。每條線現在顯示 ∂L/∂w = δ·a，也就是權重變大時損失怎麼變：紫色為正、綠色為負。",
        Key::ExplainUpdate => "梯度下降法：每個權重都朝梯度的反方向走一步，步伐大小就是學習率 η。接著用新的權重再回到 ②，重複直到誤差收斂到夠小。",
        Key::ExplainHover => "把滑鼠移到（或點一下）神經元或線上，就能看到它的數字。按「下一階段」可針對這個樣本，一步一步走過反向傳播。",
        Key::GradientLegend => "向後傳遞：紫色 ∂L/∂w > 0（權重會變小），綠色 ∂L/∂w < 0（權重會變大）；越粗越大。",
        Key::ListSeparator => "、",
        Key::ColourKey => "顏色說明",
        Key::MoreSettings => "更多設定",
        Key::Cat => "貓",
        Key::Dog => "狗",
        Key::OutputKey => "顏色代表的答案",
        Key::PredictedValue => "預測值",
        Key::Dismiss => "關閉這則訊息",
        Key::Crashed => "實驗室內部出了錯，已經停止運作。重新載入就能再開始。",
        Key::ReloadDefaults => "以預設設定重新載入",
        Key::LinkIgnored => "這個連結有部分內容無法使用，那些設定維持預設值。",
        Key::CopyLink => "複製連結",
        Key::CopyLinkTitle => "複製這個頁面的連結，含所有設定與種子：打開的人會得到相同的資料與相同的初始權重",
        Key::LinkCopied => "已複製連結",
        Key::LinkNotCopied => "無法複製：網址列裡就是這個連結",
        Key::UpdateLegend => "連線：這次更新讓每個權重移動了多少，Δw = −η·∂L/∂w；藍色變大，橘色變小，最粗的移動最多。",
        Key::SaveModel => "儲存模型",
        Key::SaveModelTitle => "把網路的權重與設定下載成 JSON 模型檔",
        Key::ExportPng => "存 PNG",
        Key::ExportPngTitle => "把這張圖照現在看到的樣子存成 PNG 圖檔",
        Key::ExportFailed => "無法儲存這張圖：",
        Key::GradientCheck => "梯度檢查",
        Key::GradientCheckTitle => "把反向傳播對下一個小批次算出的每個梯度，和用有限差分估計的梯度比較",
        Key::GradientCheckGood => "反向傳播與有限差分一致。",
        Key::GradientCheckBad => "反向傳播與有限差分不一致！",
        Key::ActivationPlotLabel => "這一層的激活函數和它的斜率，以及這一層每個神經元對所選樣本的 z",
        Key::ActivationPlotLegend => "實線是 a = f(z) 的曲線，虛線是它的斜率 f′(z) 的曲線；每個點是這一層的一個神經元，位在它對所選樣本的 z，空心表示它沒有激發（a = 0）。",
        Key::TryIt => "自己算算看：藏起結果，自己算出來",
        Key::YourAnswer => "你的答案",
        Key::CheckAnswer => "檢查",
        Key::AnswerRight => "答對了！實驗室算出的是",
        Key::AnswerWrong => "不太對。正確的值是",
        Key::AnswerNotANumber => "請輸入一個數字，例如 0.25 或 −1.5。",
        Key::LargestRelativeError => "最大相對誤差",
        Key::SampleLoss => "這個樣本的損失",
        Key::OutputView => "網路在整個平面上的答案",
        Key::BoundaryLabel => "神經網路在輸入平面上的輸出，以及訓練資料點（實心）與測試資料點（空心）",
        Key::BoundaryHint => "點一下資料點，就能看到網路對那個樣本的反應。實心點用來訓練，空心點用來測試。",
        Key::Discretise => "只顯示判定的類別",
        Key::EditPoints => "編輯資料點",
        Key::EditPointsTitle => "在輸出檢視上點一下會新增或刪除資料點，而不是選取樣本",
        Key::NewPointClass => "新增的點",
        Key::EditHint => "點一下：新增一個訓練點 · Shift＋點一下：另一個類別 · 點一個資料點：刪除它。",
        Key::EditHintRegression => "點一下：新增一個目標值為所選值的訓練點 · Shift＋點一下：相反的目標值 · 點一個資料點：刪除它。",
        Key::ImportCsv => "匯入 CSV",
        Key::ImportCsvTitle => "從 CSV 檔讀入資料點，每行一個點：x1、x2、label 三個值以逗號分隔（第一行可以是欄名）。第四個值 train 或 test 指定放在哪一個集合；沒有的話依訓練集比例分配。最多 1000 個點，|x| ≤ 5。",
        Key::ExportCsv => "匯出 CSV",
        Key::ExportCsvTitle => "把目前的資料點下載成 CSV 檔：每行 x1、x2、label、set 四個值，set 是 train 或 test",
        Key::YourData => "你的資料",
        Key::LinkWithoutPoints => "連結裡沒有你自己的資料點：請另外匯出成 CSV 檔。",
        Key::PasteCsv => "貼上 CSV",
        Key::PasteCsvLabel => "CSV 文字，每行一個點：x1、x2、label",
        Key::PasteCsvImport => "匯入這段文字",
        Key::OutOfRange => "這個設定超出範圍，或不適合這個網路，所以沒有變更。",
        Key::Features => "輸入特徵",
        Key::FeaturesTitle => "把這個特徵加入或移出網路的輸入（重新初始化權重）",
        Key::HiddenLayers => "隱藏層數",
        Key::AddLayerTitle => "增加一層隱藏層（重新初始化權重）",
        Key::RemoveLayerTitle => "移除最後一層隱藏層（重新初始化權重）",
        Key::AddNeuronTitle => "在這一層增加一個神經元（重新初始化權重）",
        Key::RemoveNeuronTitle => "從這一層移除一個神經元（重新初始化權重）",
        Key::Neurons => "個神經元",
        Key::ActivationLabel => "激活函數",
        Key::Optimizer => "最佳化器",
        Key::BatchSize => "批次大小",
        Key::LossFunction => "損失函數",
        Key::RegularizationLabel => "正則化",
        Key::RegularizationRate => "正則化率 λ",
        Key::Speed => "速度",
        Key::StopBelow => "代價低於此值時停止",
        Key::StopWhenFlat => "不再進步時停止",
        Key::Never => "不設定",
        Key::Noise => "雜訊",
        Key::TrainShare => "訓練集比例",
        Key::Points => "資料點數",
        Key::Regenerate => "重新產生資料",
        Key::RegenerateTitle => "用下一個種子產生新的資料點（重新初始化權重）",
        Key::NetworkSettings => "網路結構",
        Key::TrainingSettings => "訓練設定",
        Key::DataSettings => "資料設定",
        Key::ReadoutEpoch => "輪數",
        Key::ChartReadoutHint => "把滑鼠移到圖表上，就能讀出任一輪的代價。",
        Key::SampleLosses => "小批次中每個樣本的損失",
        Key::SampleLossesLabel => "長條圖：小批次中每個樣本的損失，以及標出它們平均值（小批次的平均損失）的橫線",
        Key::Sample => "樣本",
        Key::LossAxis => "損失",
        Key::BatchMeanLoss => "小批次的平均損失：這 {n} 個損失的平均 = {mean}",
        Key::BatchMeanLine => "平均",
        Key::NoBatchYet => "先訓練一步：那個小批次的各個損失就會顯示在這裡。",
        Key::BadWeight => "權重必須是有限的數字；沿用原本的權重。",
        Key::TypeWeight => "輸入一個權重，看看它改變了什麼",
        Key::SurfaceTitle => "損失曲面上的梯度下降法",
        Key::SurfaceHint => "點一下等高線圖來放置起點。每顆球依照 θ ← θ − η·∇f 往下坡滾；拖曳立體圖可以旋轉它。",
        Key::LocalMinimumNote => "梯度下降法總有一天會走到局部最小值——但會走到哪一個，要看從哪裡出發。",
        Key::SurfaceFunction => "曲面",
        Key::SurfaceContourLabel => "從上方看的曲面等高線圖與每顆球的路徑；點一下可放置起點",
        Key::Surface3dLabel => "曲面的立體圖與每顆球的路徑；拖曳可旋轉",
        Key::RandomRestarts => "隨機重新起步",
        Key::RandomRestartsTitle => "在隨機的起點放下 4 顆用梯度下降法的球",
        Key::AddOptimizer => "加入一個最佳化器",
        Key::RemoveOptimizer => "移除",
        Key::SurfaceValue => "函數值 f(θ)",
        Key::SurfaceSteps => "步數",
        Key::SurfaceStatus => "狀態",
        Key::SurfaceRunning => "前進中",
        Key::SurfaceOutOfView => "跑出圖外",
        Key::SurfaceConverged => "已收斂",
        Key::SurfaceDiverged => "發散了：學習率太大",
        Key::SurfaceNoBottom => "滾走了：這個曲面沒有最低點，不管學習率多大或多小，球都會一直滾下去",
        Key::ArrowLegend => "箭頭：梯度的一步 −η·∇f。虛線：Momentum 與 Nesterov 的速度。",
        Key::ZoomIn => "放大",
        Key::ZoomOut => "縮小",
        Key::SurfaceBowl => "碗形",
        Key::SurfaceValley => "狹長山谷",
        Key::SurfaceRosenbrock => "Rosenbrock（彎曲的山谷）",
        Key::SurfaceHimmelblau => "Himmelblau（四個最小值）",
        Key::SurfaceSaddle => "鞍點",
        Key::SurfaceRastrigin => "Rastrigin（許多局部最小值）",
        Key::SurfaceTwoMinima => "一個局部最小值與一個全域最小值",
        Key::BadModel => "無法使用這個模型檔",
        Key::OpenModel => "開啟模型",
        Key::OpenModelTitle => "載入以 JSON 模型檔儲存的網路（結構、權重與設定）繼續訓練",
        Key::RealSurfaceTitle => "你的網路的損失曲面",
        Key::RealSurfaceHint => "通過目前權重的一個平面上的代價。線是到目前為止的訓練路徑投影在這個平面上；點是目前的權重，會隨著訓練移動。",
        Key::RealSurfaceLabel => "網路的代價在通過目前權重的平面上的地圖，以及訓練路徑",
        Key::RealSurfaceDirections => "方向",
        Key::DirectionsPicked => "你選的兩個權重",
        Key::DirectionsRandom => "兩個隨機、依濾波器正規化的方向（Li 等人，2018）",
        Key::Recentre => "以目前的權重為中心重新計算",
        Key::UseAsAxis => "用作損失曲面的一個軸",
        Key::PickTwoWeights => "請選兩個權重：在網路中點一個權重，再按「用作損失曲面的一個軸」；對第二個權重再做一次。",
        Key::RandomDirection => "隨機方向",
        Key::SurfaceComputed => "已計算",
        Key::SurfaceNotStarted => "尚未開始",
        Key::WeightName => "權重 w",
        Key::NeuronsPerLayer => "隱藏層的神經元數",
        Key::PartFiles => "開啟與儲存模型",
        Key::PartCounter => "步數計數器",
        Key::Classroom => "課堂檢視",
        Key::ClassroomHint => "隱藏課堂用不到的部分：網址（以及「複製連結」）會記住。",
        Key::ClassroomShown => "顯示的部分",
        Key::ClassroomPresets => "預設檢視",
        Key::ViewAll => "全部",
        Key::ViewNetworkStep => "只有神經網路與單步",
        Key::ViewSurface => "只有損失曲面",
        Key::ViewWalk => "逐步走過一個樣本",
        Key::HistoryLabel => "訓練歷程",
        Key::ResumeHere => "從這裡繼續訓練",
        Key::ResumeHereTitle => "從顯示的這一步繼續訓練；之後的步數會捨棄",
        Key::BackToNow => "回到現在",
        Key::PinRun => "釘選這次訓練",
        Key::PinRunTitle => "把這次訓練的代價曲線留在圖上；重設或改了設定之後，新的訓練從同樣的初始權重開始",
        Key::Unpin => "取消釘選",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::settings::SPEEDS;
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
        assert!(zh(Key::Optimizer) == "最佳化器" && zh(Key::AddOptimizer).contains("最佳化器"));
        assert!(zh(Key::GradientNorm).contains("小批次") && zh(Key::TrainShare).contains("訓練集"));
    }

    #[test]
    fn every_speed_reads_right_in_both_languages() {
        let en: Vec<String> = SPEEDS.iter().map(|&(n, every)| Lang::En.speed(n, every)).collect();
        assert_eq!(
            &en[..5],
            [
                "1 step a second",
                "4 steps a second",
                "15 steps a second",
                "1 step a frame",
                "2 steps a frame"
            ]
        );
        let (fastest, counted) = en.split_last().unwrap();
        for text in counted {
            let count: u64 = text.split(' ').next().unwrap().parse().unwrap();
            assert_eq!(text.contains(" steps "), count != 1, "{text}");
        }
        assert_eq!(fastest, "As fast as it can");
        assert_eq!(Lang::ZhTw.speed(crate::app::settings::FASTEST, 1), "全速");
        let zh: Vec<String> = SPEEDS.iter().map(|&(n, every)| Lang::ZhTw.speed(n, every)).collect();
        assert_eq!(
            &zh[..5],
            [
                "每秒 1 步",
                "每秒 4 步",
                "每秒 15 步",
                "每次畫面更新 1 步",
                "每次畫面更新 2 步"
            ]
        );
        assert!(zh.iter().all(|t| !t.contains("每格")));
    }

    #[test]
    fn the_note_of_a_speed_not_kept_up_reads_right_in_both_languages() {
        let fastest = crate::app::settings::FASTEST;
        assert_eq!(Lang::En.behind(312, fastest), "As fast as it can: 312 steps a frame");
        assert_eq!(Lang::ZhTw.behind(1, fastest), "全速訓練：每次畫面更新 1 步");
        assert_eq!(
            Lang::En.behind(37, 500),
            "Training as fast as it can: 37 steps a frame of the 500 asked"
        );
        assert_eq!(
            Lang::En.behind(1, 500),
            "Training as fast as it can: 1 step a frame of the 500 asked"
        );
        assert_eq!(
            Lang::ZhTw.behind(37, 500),
            "已盡全力訓練：每次畫面更新 37 步（設定為 500 步）"
        );
    }

    #[test]
    fn the_titles_name_the_lab_in_each_language() {
        assert_eq!(Lang::En.t(Key::AppTitle), "Backprop Lab");
        assert_eq!(Lang::ZhTw.t(Key::AppTitle), "反向傳播實驗室");
        for lang in Lang::ALL {
            assert!(
                lang.t(Key::DocumentTitle).starts_with(lang.t(Key::AppTitle)),
                "{lang:?}"
            );
        }
        // index.html's static <title> is the English one, until the app sets it.
        let page = include_str!("../../index.html");
        assert!(page.contains(&format!("<title>{}</title>", Lang::En.t(Key::DocumentTitle))));
    }

    #[test]
    fn every_dataset_has_a_name_in_every_language() {
        for kind in DatasetKind::ALL {
            assert_ne!(Lang::En.dataset(kind), Lang::ZhTw.dataset(kind), "{kind:?}");
        }
        assert_eq!(Lang::ZhTw.dataset(DatasetKind::CatsDogs), "貓狗分類");
    }

    #[test]
    fn a_short_dataset_name_is_part_of_its_full_name() {
        for lang in Lang::ALL {
            let mut seen = HashSet::new();
            for kind in DatasetKind::ALL {
                let (short, full) = (lang.dataset_short(kind), lang.dataset(kind));
                assert!(full.to_lowercase().contains(&short.to_lowercase()), "{short} in {full}");
                assert!(seen.insert(short), "{short} twice in {lang:?}");
            }
        }
        assert_eq!(Lang::En.dataset_short(DatasetKind::Blobs), "Three blobs");
    }

    /// Whether `c` is a CJK character: ideographs, CJK punctuation, kana, full-width forms.
    fn is_cjk(c: char) -> bool {
        matches!(c, '\u{3000}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}')
    }

    /// ASCII punctuation that Chinese prose writes full-width: ：，；（）。？！
    const ASCII_PROSE: [char; 8] = [':', ',', ';', '(', ')', '.', '?', '!'];

    /// Every Chinese text the page can show: each key, and each formatted helper called with
    /// sample arguments.
    fn every_chinese_text() -> Vec<String> {
        let zh = Lang::ZhTw;
        let mut texts: Vec<String> = Key::ALL.iter().map(|&k| zh.t(k).to_string()).collect();
        let (before, between, after) = zh.counter_parts();
        texts.push(format!("{before}12{between}3{after}"));
        texts.push(zh.sample_hint(3, "0.50", "-1.20", "1"));
        texts.extend(DatasetKind::ALL.iter().map(|&d| zh.dataset(d).to_string()));
        texts.extend(DatasetKind::ALL.iter().map(|&d| zh.dataset_short(d).to_string()));
        texts.push(zh.hidden_layer(2));
        texts.push(zh.class_name(1));
        texts.push(zh.with_aside("tanh", &zh.hidden_layer(1)));
        texts.extend(OptimizerKind::ALL.iter().map(|&o| zh.optimizer(o).to_string()));
        texts.extend(Loss::ALL.iter().map(|&l| zh.loss(l).to_string()));
        texts.extend(Activation::ALL.iter().map(|&a| zh.activation(a).to_string()));
        texts.extend(Regularization::ALL.iter().map(|&r| zh.regularization(r).to_string()));
        texts.extend(SPEEDS.iter().map(|&(steps, every)| zh.speed(steps, every)));
        texts.push(zh.go_back(120, 0.1234));
        texts.push(zh.behind(37, 500));
        texts.push(zh.out_of_limits(zh.t(Key::LearningRate), 1e-6, 10.0));
        texts.push(zh.unreadable_setting("lr", "fast"));
        texts.push(zh.unknown_setting("colour"));
        texts.push(zh.stopped(StopReason::TargetReached {
            cost: 0.09,
            target: 0.1,
        }));
        texts.push(zh.stopped(StopReason::StoppedImproving {
            epochs: 20,
            min_improvement: 1e-4,
        }));
        let layer = zh.hidden_layer(1);
        texts.push(zh.neuron_title(&layer, 0));
        texts.push(zh.weight_title(zh.t(Key::InputLayer), 1, &layer, 2));
        texts.push(format!("{}{}0.25", zh.t(Key::SampleLoss), zh.colon()));
        texts.extend(every_model_error().iter().map(|e| zh.model_error(e)));
        texts.push(zh.csv_refused(&every_csv_error()));
        texts.push(zh.csv_imported(90, 10, 2));
        texts.extend(
            [
                PointRefusal::TooMany,
                PointRefusal::LastTrainingPoint,
                PointRefusal::GeneratedOnly,
            ]
            .map(|w| zh.point_refused(w)),
        );
        texts.push(zh.own_data_note(20, 5));
        texts.push(zh.own_data_short(20, 5));
        texts.extend(
            [
                (DatasetKind::CatsDogs, 0.0),
                (DatasetKind::Blobs, 2.0),
                (DatasetKind::Plane, -1.0),
            ]
            .map(|(d, l)| zh.pen_name(d, l)),
        );
        use crate::app::worksheet_words::WorksheetLabel;
        texts.extend(WorksheetLabel::ALL.map(|w| zh.worksheet(w).to_string()));
        texts.push(zh.worksheet_title(12));
        texts.extend(Loss::ALL.map(|l| zh.worksheet_loss_rule(l).to_string()));
        for (rule, penalty) in [
            (OptimizerKind::Sgd, false),
            (OptimizerKind::Adam, false),
            (OptimizerKind::Sgd, true),
        ] {
            texts.push(zh.worksheet_update_rule("0.03", rule, penalty));
        }
        texts.extend(every_diagnosis().iter().map(|d| zh.diagnosis(d)));
        texts.push(zh.dead_named(&[(1, 0), (2, 3)]));
        texts.push(zh.dead_named(&[(1, 0); 9]));
        texts
    }

    /// The coach's notice for every symptom with every cause (and each way of naming
    /// saturated neurons).
    fn every_diagnosis() -> Vec<crate::core::Diagnosis> {
        use crate::core::{Cause, Diagnosis, Symptom};
        let symptoms = [
            Symptom::Worse { now: 0.9, best: 0.3 },
            Symptom::Stalled { guess: 0.693 },
            Symptom::Stuck {
                cost: 0.45,
                guess: 0.693,
            },
            Symptom::Overfitting { now: 0.4, best: 0.3 },
        ];
        let saturated = |activation| Cause::Saturated {
            saturated: 4,
            of: 6,
            activation,
        };
        let causes = [
            Cause::RateTooLarge(3.0),
            Cause::RateTooSmall(1e-5),
            Cause::PenaltyTooLarge(1.0),
            Cause::DeadRelus { dead: 4, of: 6 },
            saturated(Some(Activation::Tanh)),
            saturated(Some(Activation::Sigmoid)),
            saturated(None),
            Cause::TooSimple,
            Cause::Memorising,
        ];
        let rules = OptimizerKind::ALL;
        let mut all = Vec::new();
        for (k, symptom) in symptoms.into_iter().enumerate() {
            for (c, cause) in causes.into_iter().enumerate() {
                let optimizer = rules[(k + c) % rules.len()];
                all.push(Diagnosis {
                    symptom,
                    cause,
                    optimizer,
                });
            }
        }
        all
    }

    /// A CSV error of every kind, from a file with each on a line of its own.
    fn every_csv_error() -> Vec<CsvError> {
        let file = "x1,x2\nabc,0,1\n0,9,1\n0,0,7\n0,0,1,maybe\n0;0;1\n";
        let mut errors = crate::core::csv::read(file, Task::Binary).unwrap_err();
        errors.extend(
            [
                Problem::Empty,
                Problem::TooLarge { bytes: 300_000 },
                Problem::NoTrainingRow,
                Problem::TooManyRows,
            ]
            .map(|problem| CsvError { line: None, problem }),
        );
        errors.extend(crate::core::csv::read("0,0,1.5\n", Task::Classes(3)).unwrap_err());
        errors
    }

    /// One model error of every kind. The `match` has no wildcard, so a new kind does not
    /// compile until it is added here too.
    fn every_model_error() -> Vec<ModelError> {
        use crate::core::model::{Excerpt, NamedField};
        use crate::core::ShapeError;
        use ModelError::*;
        let place = Some(Place { line: 4, column: 3 });
        let errors = vec![
            NotJson {
                reason: "expected value".into(),
                place,
            },
            NumberTooLarge { place },
            NullNumber { place: None },
            WrongFields {
                reason: "missing field `layers`".into(),
                place,
            },
            NotAnObject,
            NoFormat,
            WrongFormat {
                found: Excerpt::of("\"other\""),
            },
            NoVersion,
            UnsupportedVersion { found: Excerpt::of(2) },
            TooFewLayers,
            InputNeurons { found: 8 },
            TooManyHiddenLayers { found: 9 },
            HiddenNeurons { layer: 1, found: 17 },
            OutputNeurons { found: 5 },
            ActivationCount { found: 1, needed: 2 },
            UnknownName {
                field: NamedField::Activation(0),
                name: Excerpt::of("swish"),
            },
            LayerCount {
                field: "weights",
                found: 1,
                needed: 2,
            },
            WeightRows {
                layer: 1,
                found: 0,
                neurons: 1,
            },
            WeightRow {
                layer: 0,
                row: 0,
                found: 2,
                neurons: 1,
            },
            BiasCount {
                layer: 1,
                found: 2,
                neurons: 1,
            },
            LossDoesNotFit {
                loss: Loss::CrossEntropy,
                activation: Activation::Tanh,
                outputs: 1,
            },
            LearningRate { value: 0.0 },
            RegularizationRate { value: -0.5 },
            Shape(ShapeError::TooFewLayers),
            InputCount { found: 1, needed: 2 },
            SampleNotFinite,
            ClassIndex { outputs: 3 },
            TargetRange,
            TargetCount { found: 1, needed: 2 },
            ResultNotFinite {
                place: "forward[0].z[0]".into(),
                value: f64::INFINITY,
            },
            ParamOutOfRange {
                place: "weights[0][1][0]".into(),
                value: 5000.0,
            },
            DuplicateFeature { name: "x1" },
            FeatureCount { features: 3, inputs: 2 },
            OutputFitsNoTask {
                activation: Activation::Tanh,
                outputs: 1,
            },
            DataOutOfRange {
                field: "noise",
                value: 2.0,
                lo: 0.0,
                hi: 0.5,
            },
            BatchSize { found: 0 },
            TaskDoesNotFit {
                model: Task::Binary,
                dataset: DatasetKind::Plane,
                in_file: false,
            },
            FeaturesDoNotFit {
                inputs: 3,
                features: vec![crate::core::Feature::X1, crate::core::Feature::X2],
            },
        ];
        let mut kinds = HashSet::new();
        for e in &errors {
            let kind = match e {
                NotJson { .. } => 0,
                NumberTooLarge { .. } => 1,
                NullNumber { .. } => 2,
                WrongFields { .. } => 3,
                NotAnObject => 4,
                NoFormat => 5,
                WrongFormat { .. } => 6,
                NoVersion => 7,
                UnsupportedVersion { .. } => 8,
                TooFewLayers => 9,
                InputNeurons { .. } => 10,
                TooManyHiddenLayers { .. } => 11,
                HiddenNeurons { .. } => 12,
                OutputNeurons { .. } => 13,
                ActivationCount { .. } => 14,
                UnknownName { .. } => 15,
                LayerCount { .. } => 16,
                WeightRows { .. } => 17,
                WeightRow { .. } => 18,
                BiasCount { .. } => 19,
                LossDoesNotFit { .. } => 20,
                LearningRate { .. } => 21,
                RegularizationRate { .. } => 22,
                Shape(_) => 23,
                InputCount { .. } => 24,
                SampleNotFinite => 25,
                ClassIndex { .. } => 26,
                TargetRange => 27,
                TargetCount { .. } => 28,
                ResultNotFinite { .. } => 29,
                ParamOutOfRange { .. } => 30,
                DuplicateFeature { .. } => 31,
                FeatureCount { .. } => 32,
                OutputFitsNoTask { .. } => 33,
                DataOutOfRange { .. } => 34,
                BatchSize { .. } => 35,
                TaskDoesNotFit { .. } => 36,
                FeaturesDoNotFit { .. } => 37,
            };
            kinds.insert(kind);
        }
        assert_eq!(kinds.len(), 38, "one of each kind");
        errors
    }

    #[test]
    fn every_model_error_is_worded_in_both_languages() {
        for e in every_model_error() {
            let (en, zh) = (Lang::En.model_error(&e), Lang::ZhTw.model_error(&e));
            assert_eq!(en, e.to_string(), "English is the checker's sentence");
            assert_ne!(en, zh, "{e:?} is not translated");
            assert!(zh.chars().any(is_cjk), "{e:?}: {zh}");
        }
        let zh = |e: ModelError| Lang::ZhTw.model_error(&e);
        assert_eq!(
            zh(ModelError::InputNeurons { found: 8 }),
            "輸入層有 8 個神經元；可以有 1 到 7 個。"
        );
        assert_eq!(
            zh(ModelError::NotJson {
                reason: "expected value".into(),
                place: Some(Place { line: 4, column: 3 })
            }),
            "模型檔不是有效的 JSON：expected value（第 4 行，第 3 欄）"
        );
        assert_eq!(
            zh(ModelError::LearningRate { value: -1e308 }),
            "\"learning_rate\" 是 -1e308；學習率必須是有限的正數。"
        );
    }

    #[test]
    fn a_refused_file_is_explained_in_chinese_in_a_short_line() {
        use crate::core::Model;
        let file = format!("{{\"format\": \"{}\", \"version\": 1}}", "Z".repeat(1_000_000));
        let e = Model::from_json(&file).unwrap_err();
        let zh = Lang::ZhTw.model_error(&e);
        assert!(zh.starts_with("\"format\" 是 \"ZZZ"), "{zh}");
        assert!(zh.ends_with("應該是 \"backprop-lab/model\"。"), "{zh}");
        assert!(zh.chars().filter(|&c| c == 'Z').count() <= 80, "{zh}");
    }

    /// What is wrong with the punctuation of the Chinese `text`: ASCII prose punctuation touching
    /// a CJK character, ASCII brackets around CJK text, an ASCII , ; or : run into the next word.
    fn punctuation_problems(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let mut problems = Vec::new();
        for pair in chars.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if (is_cjk(a) && ASCII_PROSE.contains(&b)) || (ASCII_PROSE.contains(&a) && is_cjk(b)) {
                problems.push(format!("ASCII punctuation next to CJK: {a}{b}"));
            }
            if [',', ';', ':'].contains(&a) && !b.is_whitespace() {
                problems.push(format!("ASCII {a} with no space after it: {a}{b}"));
            }
        }
        let mut open = Vec::new();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '(' => open.push(i),
                ')' => {
                    if let Some(start) = open.pop() {
                        if chars[start..i].iter().any(|&c| is_cjk(c)) {
                            let inside: String = chars[start..=i].iter().collect();
                            problems.push(format!("ASCII brackets around Chinese: {inside}"));
                        }
                    }
                }
                _ => {}
            }
        }
        for word in ["優化", "最優"] {
            if text.contains(word) {
                problems.push(format!("{word} instead of 最佳化"));
            }
        }
        problems
    }

    #[test]
    fn the_chinese_uses_full_width_punctuation_and_one_word_for_optimisation() {
        let mut bad = Vec::new();
        for text in every_chinese_text() {
            for problem in punctuation_problems(&text) {
                bad.push(format!("{problem}\n    in {text}"));
            }
        }
        assert!(bad.is_empty(), "{} problems:\n{}", bad.len(), bad.join("\n"));
    }

    #[test]
    fn the_punctuation_check_catches_ascii_in_chinese_and_leaves_formulas_alone() {
        assert!(!punctuation_problems("已停止:訓練代價").is_empty());
        assert!(!punctuation_problems("x₂ = 1,正確答案").is_empty());
        assert!(!punctuation_problems("樣本 #3(x₁ = 1)做").is_empty());
        assert!(!punctuation_problems("Rosenbrock(彎曲的山谷)").is_empty());
        assert!(!punctuation_problems("加入一個優化器").is_empty());
        assert!(punctuation_problems("函數值 f(θ)").is_empty());
        assert!(punctuation_problems("每顆球依照 θ ← θ − η·∇f 往下坡滾；").is_empty());
        assert!(punctuation_problems("紫色 ∂L/∂w > 0（權重會變小）").is_empty());
        assert!(punctuation_problems("學習率 0.5").is_empty());
    }

    #[test]
    fn a_refused_csv_file_names_each_line_and_its_reason_in_both_languages() {
        let errors =
            crate::core::csv::read("x1,x2,label\n0.5,0.5,1\n0,zero,1\n0,0,2\n0,0\n", Task::Binary).unwrap_err();
        assert_eq!(
            Lang::En.csv_refused(&errors),
            "The CSV file was not imported; your data is unchanged. line 3: x2 “zero” is not a number; line 4: label “2” is not a class of this dataset (0 or 1); line 5: expected 3 or 4 values (x1,x2,label and maybe train or test), found 2."
        );
        assert_eq!(
            Lang::ZhTw.csv_refused(&errors),
            "沒有匯入這個 CSV 檔，資料保持不變。第 3 行：x2「zero」不是數字；第 4 行：標籤「2」不是這份資料的類別（0 或 1）；第 5 行：應有 3 或 4 個值（x1、x2、label，可再加 train 或 test），卻有 2 個。"
        );
        let many = crate::core::csv::read(&"a,0,1\n".repeat(12), Task::Binary).unwrap_err();
        let en = Lang::En.csv_refused(&many);
        assert!(
            en.contains("line 5: x1 “a” is not a number; and 7 more bad lines."),
            "{en}"
        );
        assert!(!en.contains("line 6"), "{en}");
        assert!(Lang::ZhTw.csv_refused(&many).ends_with("；另有 7 行有誤。"));
        for e in every_csv_error() {
            for lang in Lang::ALL {
                let text = lang.csv_error(&e);
                assert!(!text.is_empty() && text.chars().count() < 140, "{text}");
                if let Some(n) = e.line {
                    assert!(text.contains(&n.to_string()), "{text}");
                }
            }
        }
    }

    #[test]
    fn the_colon_follows_the_language() {
        assert_eq!(Lang::En.colon(), ": ");
        assert_eq!(Lang::ZhTw.colon(), "：");
        assert_eq!(
            format!("{}{}", Lang::ZhTw.t(Key::SampleLoss), Lang::ZhTw.colon()),
            "這個樣本的損失："
        );
    }

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
    }
}
