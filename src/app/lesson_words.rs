//! The lesson's words, in the page's languages: each chapter's title, what to look at, and its
//! task, in the article's terms (神經元, 激活函數, 損失函數, 代價函數, 梯度下降法, 學習率, 反向傳播,
//! 局部最小值).

use crate::app::format::fixed;
use crate::app::i18n::Lang;
use crate::app::state::{Chapter, DESCENT_STEPS, FREE_TARGET, REPEAT_TARGET};
use crate::app::surface_state::{MinimumKind, NEAR_MINIMUM};

/// The labels of the lesson panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonLabel {
    /// The header button that opens the lesson, and the panel's heading.
    Lesson,
    /// The list of chapters.
    Chapters,
    /// Before the task.
    Task,
    /// A chapter whose task is done.
    Done,
    /// The button to the next chapter.
    Next,
    /// The button that closes the lesson.
    Close,
    /// Said when every chapter is done.
    AllDone,
}

impl Lang {
    /// A label of the lesson panel.
    pub fn lesson(self, label: LessonLabel) -> &'static str {
        use LessonLabel::*;
        match (self, label) {
            (Lang::En, Lesson) => "Lesson",
            (Lang::ZhTw, Lesson) => "課程",
            (Lang::En, Chapters) => "Chapters",
            (Lang::ZhTw, Chapters) => "章節",
            (Lang::En, Task) => "Your task",
            (Lang::ZhTw, Task) => "你的任務",
            (Lang::En, Done) => "Done! The lab saw you do it.",
            (Lang::ZhTw, Done) => "完成了！實驗室看到你做到了。",
            (Lang::En, Next) => "Next chapter",
            (Lang::ZhTw, Next) => "下一章",
            (Lang::En, Close) => "Close the lesson",
            (Lang::ZhTw, Close) => "結束課程",
            (Lang::En, AllDone) => "Every chapter is done: the whole lab is yours.",
            (Lang::ZhTw, AllDone) => "所有章節都完成了：整個實驗室都交給你了。",
        }
    }

    /// A chapter's title.
    pub fn chapter_title(self, chapter: Chapter) -> &'static str {
        match (self, chapter) {
            (Lang::En, Chapter::Layers) => "The network and its layers",
            (Lang::ZhTw, Chapter::Layers) => "神經網路和它的層",
            (Lang::En, Chapter::Activation) => "The activation function decides which neurons fire",
            (Lang::ZhTw, Chapter::Activation) => "激活函數決定哪些神經元激發",
            (Lang::En, Chapter::LossCost) => "Loss and cost",
            (Lang::ZhTw, Chapter::LossCost) => "損失函數與代價函數",
            (Lang::En, Chapter::Descent) => "Gradient descent and the learning rate",
            (Lang::ZhTw, Chapter::Descent) => "梯度下降法與學習率",
            (Lang::En, Chapter::Backprop) => "Backpropagation in five steps",
            (Lang::ZhTw, Chapter::Backprop) => "反向傳播的五個步驟",
            (Lang::En, Chapter::Repeat) => "Repeat until the error is small enough",
            (Lang::ZhTw, Chapter::Repeat) => "重複直到誤差夠小",
            (Lang::En, Chapter::Minima) => "Local minima",
            (Lang::ZhTw, Chapter::Minima) => "局部最小值",
            (Lang::En, Chapter::Free) => "A free lab: the spiral",
            (Lang::ZhTw, Chapter::Free) => "自由實驗：螺旋",
        }
    }

    /// What a chapter asks the learner to look at, in two or three sentences.
    pub fn chapter_text(self, chapter: Chapter) -> &'static str {
        match (self, chapter) {
            (Lang::En, Chapter::Layers) => "A network is layers of neurons. The input layer takes a sample's numbers — here how pointy the ears are (x₁) and how long the snout is (x₂) —, the hidden layers combine them, and the output layer answers: near 1 for a dog, near 0 for a cat. Each neuron's colour shows how strongly it fires for the chosen sample.",
            (Lang::ZhTw, Chapter::Layers) => "神經網路由一層層的神經元組成。輸入層接收樣本的數字——這裡是耳朵有多尖（x₁）和口鼻有多長（x₂）——，隱藏層把它們組合起來，輸出層給出答案：接近 1 代表狗，接近 0 代表貓。每個神經元的顏色表示它對所選的樣本激發得多強。",
            (Lang::En, Chapter::Activation) => "Each neuron adds up its weighted inputs into z, then its activation function turns z into its output a. This network uses ReLU: a = z when z is positive and 0 otherwise, so a neuron whose z is negative is silent. The plot in the explanation shows ReLU and its slope with each neuron of the first hidden layer at its z; click another neuron to see its layer.",
            (Lang::ZhTw, Chapter::Activation) => "每個神經元先把加權後的輸入加總成 z，再由激活函數把 z 變成輸出 a。這個網路用的是 ReLU：z 為正時 a = z，否則 a = 0，所以 z 為負的神經元不會激發。說明裡的圖畫出 ReLU 和它的斜率，以及第一個隱藏層每個神經元所在的 z；點其他神經元可以看它那一層。",
            (Lang::En, Chapter::LossCost) => "The loss is one sample's error: how far the network's answer is from the right one. The cost is the mean of the losses over the training set, and training makes it smaller. The bars show the loss of each sample of the next mini-batch; the line is their mean.",
            (Lang::ZhTw, Chapter::LossCost) => "損失函數量的是一個樣本的誤差：網路的答案離正確答案有多遠。代價函數是整個訓練集損失的平均，訓練就是讓它變小。長條是下一個小批次裡每個樣本的損失，橫線是它們的平均。",
            (Lang::En, Chapter::Descent) => "Training moves the weights downhill on the cost, like a ball rolling on a landscape: gradient descent steps against the gradient, and the learning rate η sets the size of each step. Here the landscape is a long, narrow valley, f(x, y) = ½(x² + 25y²). Too small a rate crawls; too large a rate zig-zags from wall to wall and runs off.",
            (Lang::ZhTw, Chapter::Descent) => "訓練就像讓一顆球在代價的地形上往下滾：梯度下降法每一步都朝梯度的反方向走，學習率 η 決定每一步的大小。這裡的地形是一條又長又窄的山谷 f(x, y) = ½(x² + 25y²)。學習率太小，球慢慢爬；太大，球在兩側山壁之間來回跳，最後飛出去。",
            (Lang::En, Chapter::Backprop) => "Backpropagation trains on a sample in five steps: ① initialise the weights, ② the forward pass computes every neuron's output, ③ the loss compares the answer with the right one, ④ the backward pass gives each neuron its share of the error δ, ⑤ the update moves every weight against its gradient, by the learning rate.",
            (Lang::ZhTw, Chapter::Backprop) => "反向傳播用五個步驟訓練一個樣本：① 初始化權重，② 前向傳遞算出每個神經元的輸出，③ 用損失函數比較答案和正確答案，④ 反向傳遞算出每個神經元分到的誤差 δ，⑤ 更新：每個權重朝梯度的反方向走一步，步伐大小是學習率。",
            (Lang::En, Chapter::Repeat) => "One update changes the weights only a little. Training repeats forward pass, backward pass and update, mini-batch after mini-batch, and the cost falls epoch after epoch; the learning rate sets the size of each step.",
            (Lang::ZhTw, Chapter::Repeat) => "一次更新只讓權重改變一點點。訓練就是一個小批次接一個小批次地重複前向傳遞、反向傳遞和更新，代價一輪一輪地下降；學習率決定每一步的大小。",
            (Lang::En, Chapter::Minima) => "A cost can have more than one valley. Gradient descent only goes downhill, so it stops in the minimum its start leads to — perhaps a local minimum — even when another one is lower. This surface has two: the global minimum on the left and a higher, local one on the right.",
            (Lang::ZhTw, Chapter::Minima) => "代價函數可能不只一個山谷。梯度下降法只會往下走，所以它停在起點通往的那個最小值——可能是局部最小值——即使別處還有更低的。這個曲面有兩個最小值：左邊是全域最小值，右邊是比較高的局部最小值。",
            (Lang::En, Chapter::Free) => "Two interleaved spirals are hard for a small network. Everything is open now: add neurons and layers, give the network other input features, change the learning rate or the optimizer. If training goes wrong, the coach says why.",
            (Lang::ZhTw, Chapter::Free) => "兩條交錯的螺旋對小網路來說很難。現在所有設定都開放了：加神經元和層、給網路其他輸入特徵、改學習率或最佳化方法。如果訓練出了問題，教練會告訴你原因。",
        }
    }

    /// A chapter's task: what the lab checks.
    pub fn chapter_task(self, chapter: Chapter) -> String {
        let percent = format!("{:.0} %", FREE_TARGET * 100.0);
        let near = fixed(NEAR_MINIMUM, 2);
        match (self, chapter) {
            (Lang::En, Chapter::Layers) => "Click a cat and a dog in the network's answer over the plane, and compare which neurons fire for each.".into(),
            (Lang::ZhTw, Chapter::Layers) => "在「網路在整個平面上的答案」裡點一隻貓和一隻狗，比較牠們各自讓哪些神經元激發。".into(),
            (Lang::En, Chapter::Activation) => "Make a neuron that fires fall silent: pick other samples, or click a weight and type a new value, until a hidden neuron that fired shows a = 0.".into(),
            (Lang::ZhTw, Chapter::Activation) => "讓一個正在激發的神經元安靜下來：改選其他樣本，或點一條連線、輸入新的權重，直到一個原本激發的隱藏層神經元顯示 a = 0。".into(),
            (Lang::En, Chapter::LossCost) => "Find the training sample with the largest loss and click it. Look for a filled point whose colour disagrees most with the background.".into(),
            (Lang::ZhTw, Chapter::LossCost) => "找出損失最大的訓練樣本並點它。找一個實心點，它的顏色和背景最不一致。".into(),
            (Lang::En, Chapter::Descent) => format!("Bring the ball from its start down to the valley's floor (f within {near} of the minimum) in under {DESCENT_STEPS} steps. Its learning rate starts too small: try larger ones with its η slider, and press Reset to start again from the top."),
            (Lang::ZhTw, Chapter::Descent) => format!("在 {DESCENT_STEPS} 步以內把球從起點帶到谷底（f 和最小值相差不到 {near}）。它的學習率一開始太小：用它的 η 滑桿試試更大的值，再按「重設」從起點重新開始。"),
            (Lang::En, Chapter::Backprop) => "Press Next phase until the weights are updated, and read each step's numbers in the explanation. Tick “Try it yourself” to work each number out before the page shows it, or print the Worksheet to do the whole walk on paper.".into(),
            (Lang::ZhTw, Chapter::Backprop) => "按「下一階段」直到權重更新，並讀一讀說明裡每一步的數字。勾選「自己算算看」，先自己算出每個數字，再讓頁面顯示；也可以印出「學習單」，在紙上走完整個過程。".into(),
            (Lang::En, Chapter::Repeat) => format!("Train (Play, or Epoch) until the training cost is below {}.", fixed(REPEAT_TARGET, 2)),
            (Lang::ZhTw, Chapter::Repeat) => format!("訓練（播放或一輪）直到訓練代價低於 {}。", fixed(REPEAT_TARGET, 2)),
            (Lang::En, Chapter::Minima) => "Land balls in both minima: the first rolls into the one its start leads to. Press Random restarts (or click the map to start elsewhere) and compare where each ball ends and its value f(θ).".into(),
            (Lang::ZhTw, Chapter::Minima) => "讓球落入兩個最小值：第一顆球會滾進它的起點通往的那一個。按「隨機重新起步」（或在地圖上點別處當起點），比較每顆球停在哪裡，以及它的函數值。".into(),
            (Lang::En, Chapter::Free) => format!("Reach a test accuracy of {percent} on the spiral."),
            (Lang::ZhTw, Chapter::Free) => format!("讓螺旋資料的測試準確率達到 {percent}。"),
        }
    }

    /// The legend's words for a ball that came down to a minimum of `kind` after `steps` steps.
    pub fn landed(self, kind: MinimumKind, steps: u64) -> String {
        let unit = if steps == 1 { "step" } else { "steps" };
        match (self, kind) {
            (Lang::En, MinimumKind::Only) => format!(" · on the floor after {steps} {unit}"),
            (Lang::En, MinimumKind::Global) => format!(" · in the global minimum after {steps} {unit}"),
            (Lang::En, MinimumKind::Local) => format!(" · in a local minimum after {steps} {unit}"),
            (Lang::ZhTw, MinimumKind::Only) => format!("・{steps} 步後到達谷底"),
            (Lang::ZhTw, MinimumKind::Global) => format!("・{steps} 步後落入全域最小值"),
            (Lang::ZhTw, MinimumKind::Local) => format!("・{steps} 步後落入局部最小值"),
        }
    }
}
