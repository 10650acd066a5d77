//! The worksheet's words, in the page's languages, in the article's terms (神經元, 激活函數,
//! 損失函數, 學習率, 反向傳播).

use crate::app::i18n::Lang;
use crate::core::{Loss, OptimizerKind};

/// The labels of the worksheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorksheetLabel {
    /// The explanation's button that opens it.
    Open,
    /// What that button makes.
    OpenTitle,
    /// How to use the sheet.
    Intro,
    /// The switch between blanks and answers.
    Answers,
    /// The print button.
    Print,
    /// The link to the NumPy script.
    Script,
    /// What the script does.
    ScriptTitle,
    /// The close button.
    Close,
    /// The inputs' heading.
    Inputs,
    /// The target's label.
    Target,
    /// A table's neuron column.
    Neuron,
    /// The forward pass's rule.
    ForwardRule,
    /// The hidden layers' δ rule.
    HiddenDelta,
    /// The gradients' rule.
    GradientRule,
    /// The weights' table caption.
    Weights,
    /// The gradients' table caption.
    Gradients,
    /// The new weights' table caption.
    NewWeights,
}

impl WorksheetLabel {
    /// Every label, for the tests of the words.
    pub const ALL: [WorksheetLabel; 17] = [
        WorksheetLabel::Open,
        WorksheetLabel::OpenTitle,
        WorksheetLabel::Intro,
        WorksheetLabel::Answers,
        WorksheetLabel::Print,
        WorksheetLabel::Script,
        WorksheetLabel::ScriptTitle,
        WorksheetLabel::Close,
        WorksheetLabel::Inputs,
        WorksheetLabel::Target,
        WorksheetLabel::Neuron,
        WorksheetLabel::ForwardRule,
        WorksheetLabel::HiddenDelta,
        WorksheetLabel::GradientRule,
        WorksheetLabel::Weights,
        WorksheetLabel::Gradients,
        WorksheetLabel::NewWeights,
    ];
}

impl Lang {
    /// A label of the worksheet.
    pub fn worksheet(self, label: WorksheetLabel) -> &'static str {
        use WorksheetLabel::*;
        match (self, label) {
            (Lang::En, Open) => "Worksheet",
            (Lang::ZhTw, Open) => "學習單",
            (Lang::En, OpenTitle) => "This sample's walk as a page to print, with blanks or answers, and a NumPy script that recomputes it",
            (Lang::ZhTw, OpenTitle) => "把這個樣本的每一步做成可以列印的學習單（留空或附答案），以及重算每個數字的 NumPy 程式",
            (Lang::En, Intro) => "Work out every empty box by hand, step by step, from the numbers given; then check yourself with the answers or with the NumPy script.",
            (Lang::ZhTw, Intro) => "從給定的數字出發，一步一步親手算出每個空格；再用答案或 NumPy 程式檢查自己。",
            (Lang::En, Answers) => "Show the answers",
            (Lang::ZhTw, Answers) => "顯示答案",
            (Lang::En, Print) => "Print",
            (Lang::ZhTw, Print) => "列印",
            (Lang::En, Script) => "NumPy script",
            (Lang::ZhTw, Script) => "NumPy 程式",
            (Lang::En, ScriptTitle) => "A Python script that recomputes every number of this sheet with NumPy and prints them",
            (Lang::ZhTw, ScriptTitle) => "用 NumPy 重算這張學習單每個數字並印出來的 Python 程式",
            (Lang::En, Close) => "Close",
            (Lang::ZhTw, Close) => "關閉",
            (Lang::En, Inputs) => "Inputs",
            (Lang::ZhTw, Inputs) => "輸入",
            (Lang::En, Target) => "Target t",
            (Lang::ZhTw, Target) => "目標 t",
            (Lang::En, Neuron) => "Neuron",
            (Lang::ZhTw, Neuron) => "神經元",
            (Lang::En, ForwardRule) => "Each neuron: z = Σ w·a + b over the layer before, then a = f(z), its activation function.",
            (Lang::ZhTw, ForwardRule) => "每個神經元：z = Σ w·a + b，加總前一層的輸出；a = f(z) 是它經過激活函數的輸出。",
            (Lang::En, HiddenDelta) => "From the output back, each neuron's share of the error: δ = f′(z) · Σ w·δ over the layer after.",
            (Lang::ZhTw, HiddenDelta) => "從輸出層往回，每個神經元分到的誤差：δ = f′(z) · Σ w·δ，加總後一層。",
            (Lang::En, GradientRule) => "Then ∂L/∂w = δ · a of the neuron the weight comes from, and ∂L/∂b = δ.",
            (Lang::ZhTw, GradientRule) => "接著 ∂L/∂w = δ · a，a 是權重來源神經元的輸出；∂L/∂b = δ。",
            (Lang::En, Weights) => "Weights w and biases b",
            (Lang::ZhTw, Weights) => "權重 w 與偏差 b",
            (Lang::En, Gradients) => "∂L/∂w and ∂L/∂b",
            (Lang::ZhTw, Gradients) => "∂L/∂w 與 ∂L/∂b",
            (Lang::En, NewWeights) => "New weights and biases",
            (Lang::ZhTw, NewWeights) => "新的權重與偏差",
        }
    }

    /// The worksheet's title for sample `n`.
    pub fn worksheet_title(self, n: usize) -> String {
        match self {
            Lang::En => format!("Worksheet: backpropagation for sample #{n}"),
            Lang::ZhTw => format!("學習單：樣本 #{n} 的反向傳播"),
        }
    }

    /// The loss and the output layer's δ for `loss`.
    pub fn worksheet_loss_rule(self, loss: Loss) -> &'static str {
        match (self, loss) {
            (Lang::En, Loss::SquaredError) => "Squared error: L = ½ Σ (a − t)², and at the output δ = (a − t) · f′(z).",
            (Lang::ZhTw, Loss::SquaredError) => "平方誤差：L = ½ Σ (a − t)²；δ = (a − t) · f′(z) 是輸出層的誤差。",
            (Lang::En, Loss::CrossEntropy) => {
                "Cross-entropy: L = −[t ln a + (1 − t) ln(1 − a)], and at the output δ = a − t."
            }
            (Lang::ZhTw, Loss::CrossEntropy) => "交叉熵：L = −[t ln a + (1 − t) ln(1 − a)]；輸出層的 δ = a − t。",
            (Lang::En, Loss::SoftmaxCrossEntropy) => {
                "Softmax cross-entropy: p = softmax(z), L = −Σ t ln p, and at the output δ = p − t."
            }
            (Lang::ZhTw, Loss::SoftmaxCrossEntropy) => {
                "Softmax 交叉熵：先算 p = softmax(z) 再算 L = −Σ t ln p；輸出層的 δ = p − t。"
            }
        }
    }

    /// The update's rule with rate `eta` (written), and a word when the lab itself steps with
    /// another rule or a penalty.
    pub fn worksheet_update_rule(self, eta: &str, lab: OptimizerKind, penalty: bool) -> String {
        let rule = match self {
            Lang::En => format!("Each weight steps against its gradient: w ← w − η · ∂L/∂w and b ← b − η · ∂L/∂b, with the learning rate η = {eta}."),
            Lang::ZhTw => format!("每個權重朝梯度的反方向走一步：w ← w − η · ∂L/∂w，b ← b − η · ∂L/∂b，學習率 η = {eta}。"),
        };
        if lab == OptimizerKind::Sgd && !penalty {
            return rule;
        }
        let name = self.optimizer(lab);
        match self {
            Lang::En => format!(
                "{rule} (The lab itself trains with {name}{}; this sheet takes the article's plain step.)",
                if penalty { " and a penalty" } else { "" }
            ),
            Lang::ZhTw => format!(
                "{rule}實驗室本身用 {name} 訓練{}；這張學習單用文章裡最基本的一步。",
                if penalty { "，還加上正則化" } else { "" }
            ),
        }
    }
}
