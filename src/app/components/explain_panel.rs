//! The explanation panel: the walk through backpropagation one phase at a time, narrated with
//! the article's words and the chosen sample's real numbers.

use crate::app::explain::{check, hide, num, Focus, Phase, Verdict};
use crate::app::format::{fixed, parse_number, scientific};
use crate::app::i18n::{Key, Lang};
use crate::app::settings::WEIGHT;
use crate::app::state::Action;
use crate::app::worksheet_words::WorksheetLabel;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// A gradient check passes when backprop and finite differences agree to this relative error.
pub const GRADIENT_CHECK_PASSES: f64 = 1e-4;

/// Properties of [`ExplainPanel`].
#[derive(Properties, PartialEq)]
pub struct ExplainPanelProps {
    /// The page's language.
    pub lang: Lang,
    /// The phase shown, or `None` outside the walk.
    pub phase: Option<Phase>,
    /// What the formulas are about: a neuron or a weight, named.
    pub heading: String,
    /// The formulas with the numbers filled in.
    pub lines: Rc<Vec<String>>,
    /// The chosen sample's loss.
    pub loss: f64,
    /// The numbers the phase computes for the focus, in the order they are worked out: those
    /// "Try it yourself" hides.
    #[prop_or_default]
    pub asked: Rc<Vec<f64>>,
    /// The neuron or weight the formulas are about.
    pub focus: Focus,
    /// The focused weight's value, when a weight is focused.
    #[prop_or_default]
    pub weight: Option<f64>,
    /// The largest relative error of the last gradient check, if one was run.
    pub gradient_check: Option<f64>,
    /// Receives what the learner asked for.
    pub on_action: Callback<Action>,
    /// Whether "Try it yourself" is on (the page keeps it: the network hides its numbers too).
    #[prop_or_default]
    pub trying: bool,
    /// Receives "Try it yourself" switched on or off.
    #[prop_or_default]
    pub on_try: Callback<bool>,
    /// Opens the worksheet of the chosen sample.
    #[prop_or_default]
    pub on_worksheet: Callback<()>,
    /// Shown under the heading: the focused neuron's activation plot, when there is one.
    #[prop_or_default]
    pub children: Html,
}

/// The name of a phase in `lang`, numbered as the article numbers it.
pub fn phase_name(lang: Lang, phase: Phase) -> &'static str {
    lang.t(match phase {
        Phase::Initialise => Key::PhaseInitialise,
        Phase::Forward => Key::PhaseForward,
        Phase::Loss => Key::PhaseLoss,
        Phase::Backward => Key::PhaseBackward,
        Phase::Update => Key::PhaseUpdate,
    })
}

/// What a phase does, in `lang`; outside the walk, how to use the panel.
fn narration(lang: Lang, phase: Option<Phase>) -> &'static str {
    lang.t(match phase {
        None => Key::ExplainHover,
        Some(Phase::Initialise) => Key::ExplainInitialise,
        Some(Phase::Forward) => Key::ExplainForward,
        Some(Phase::Loss) => Key::ExplainLoss,
        Some(Phase::Backward) => Key::ExplainBackward,
        Some(Phase::Update) => Key::ExplainUpdate,
    })
}

/// The five phases with the current one marked, its narration and formulas; ending the walk
/// and the next sample.
#[component]
pub fn ExplainPanel(props: &ExplainPanelProps) -> Html {
    let lang = props.lang;
    let send = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
    };
    // "Try it yourself": on until switched off. The phase's numbers are worked out in order (z,
    // then a): each is hidden until the learner has it right or has been shown it. A verdict
    // holds for the number it was given on; the latest shown is the one last given.
    let trying = props.trying;
    let answered = use_state_eq(Vec::<(u64, Verdict)>::new);
    let field = use_node_ref();
    let asked: Rc<Vec<f64>> = if props.phase.is_some() {
        props.asked.clone()
    } else {
        Rc::default()
    };
    let settled = |a: f64| {
        answered
            .iter()
            .any(|&(b, v)| b == a.to_bits() && v != Verdict::NotANumber)
    };
    // The number being worked out: the first not yet settled; once all are, the last, which can
    // be tried again.
    let working = asked.iter().copied().find(|&a| !settled(a));
    let current = working.or(asked.last().copied());
    let verdict = answered
        .iter()
        .rev()
        .find(|(b, _)| asked.iter().any(|a| a.to_bits() == *b))
        .map(|&(b, v)| (f64::from_bits(b), v));
    let lines = match (working, trying) {
        (Some(answer), true) => Rc::new(hide(&props.lines, answer)),
        _ => props.lines.clone(),
    };
    let on_try = {
        let on_try = props.on_try.clone();
        Callback::from(move |e: Event| on_try.emit(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let on_check = {
        let (answered, field, asked) = (answered.clone(), field.clone(), asked.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let (Some(answer), Some(input)) = (current, field.cast::<HtmlInputElement>()) {
                let bits = answer.to_bits();
                // Only the numbers still asked are remembered, this one's verdict last.
                let mut kept: Vec<(u64, Verdict)> = answered
                    .iter()
                    .copied()
                    .filter(|&(b, _)| b != bits && asked.iter().any(|a| a.to_bits() == b))
                    .collect();
                kept.push((bits, check(&input.value(), answer)));
                answered.set(kept);
            }
        })
    };
    let working_out_the_loss = props.phase == Some(Phase::Loss) && lines != props.lines;
    let loss_known = !matches!(props.phase, Some(Phase::Initialise | Phase::Forward)) && !working_out_the_loss;
    html! {
        <section class="panel explain-panel" aria-label={lang.t(Key::Explanation)}>
            <h2>{ lang.t(Key::Explanation) }</h2>
            // "Next phase" sits with Step and Play in the controls at the top.
            <div class="buttons">
                if props.phase.is_some() {
                    <button class="secondary" data-testid="end-walk" onclick={send(Action::EndWalk)}>{ lang.t(Key::EndWalk) }</button>
                }
                <button class="secondary" data-testid="next-sample" onclick={send(Action::NextSample)}>{ lang.t(Key::NextSample) }</button>
                <button class="secondary" data-testid="worksheet-open" title={lang.worksheet(WorksheetLabel::OpenTitle)} onclick={{
                    let cb = props.on_worksheet.clone();
                    Callback::from(move |_: MouseEvent| cb.emit(()))
                }}>{ lang.worksheet(WorksheetLabel::Open) }</button>
            </div>
            <ol class="phases">
                { for Phase::ALL.iter().map(|&p| {
                    let current = props.phase == Some(p);
                    html! {
                        <li class={classes!(current.then_some("current"))} aria-current={current.then_some("step")}>
                            { phase_name(lang, p) }
                        </li>
                    }
                }) }
            </ol>
            if let Some(phase) = props.phase {
                <p class="phase-name" data-testid="phase-name" data-phase={phase.name()}>{ phase_name(lang, phase) }</p>
            }
            <p class="narration" data-testid="narration">{ narration(lang, props.phase) }</p>
            <h3 class="focus-title" data-testid="explain-heading">{ &props.heading }</h3>
            { props.children.clone() }
            if let (Focus::Edge { layer, from, to }, Some(w)) = (props.focus, props.weight) {
                <label class="weight-field">
                    <span>{ lang.t(Key::TypeWeight) }{ lang.colon() }{ "w = " }</span>
                    <input type="text" inputmode="decimal" size="8" data-testid="weight-input"
                        value={fixed(w, 4)} onchange={{
                            let cb = props.on_action.clone();
                            Callback::from(move |e: Event| {
                                let field: HtmlInputElement = e.target_unchecked_into();
                                let value = parse_number(&field.value());
                                // A refused value (not a number, or out of the limits) shows the
                                // weight in use again; the lab says why.
                                if !WEIGHT.contains(value) {
                                    field.set_value(&fixed(w, 4));
                                }
                                cb.emit(Action::SetWeight { layer, from, to, value });
                            })
                        }} />
                </label>
            }
            if matches!(props.focus, Focus::Edge { .. }) {
                <p class="use-as-axis">
                    <button class="secondary" data-testid="use-as-axis" onclick={send(Action::UseAsAxis(props.focus))}>
                        { lang.t(Key::UseAsAxis) }
                    </button>
                </p>
            }
            if !asked.is_empty() {
                <label class="try-it">
                    <input type="checkbox" data-testid="try-it" checked={trying} onchange={on_try} />
                    { " " }{ lang.t(Key::TryIt) }
                </label>
            }
            <ul class="formulas" data-testid="formulas">
                { for lines.iter().map(|line| html! { <li><code>{ line }</code></li> }) }
            </ul>
            if let (Some(answer), true) = (current, trying) {
                // A new number to work out gets an empty field.
                <form class="try-it-form" onsubmit={on_check} key={answer.to_bits().to_string()}>
                    <label>
                        { lang.t(Key::YourAnswer) }{ lang.colon() }
                        <input type="text" inputmode="decimal" size="8" data-testid="try-it-answer" ref={field}
                            autocomplete="off" />
                    </label>
                    { " " }
                    <button type="submit" data-testid="try-it-check">{ lang.t(Key::CheckAnswer) }</button>
                    <p role="status" class="try-it-verdict">
                        if let Some((answer, verdict)) = verdict {
                            <span data-testid="try-it-verdict" data-verdict={format!("{verdict:?}").to_lowercase()}
                                class={classes!((verdict == Verdict::Right).then_some("right"))}>
                                { match verdict {
                                    Verdict::Right => format!("{} {}.", lang.t(Key::AnswerRight), num(answer)),
                                    Verdict::Wrong => format!("{} {}.", lang.t(Key::AnswerWrong), num(answer)),
                                    Verdict::NotANumber => lang.t(Key::AnswerNotANumber).to_string(),
                                } }
                            </span>
                        }
                    </p>
                </form>
            }
            // Each phase shows only what exists by then: the loss from ③ on (and not while the
            // learner works it out).
            if loss_known {
                <p class="sample-loss">
                    { lang.t(Key::SampleLoss) }{ lang.colon() }
                    <output data-testid="sample-loss" data-value={props.loss.to_string()}>{ fixed(props.loss, 4) }</output>
                </p>
            }
            <p class="check">
                <button class="secondary" data-testid="gradient-check" onclick={send(Action::GradientCheck)}
                    title={lang.t(Key::GradientCheckTitle)}>{ lang.t(Key::GradientCheck) }</button>
                if let Some(error) = props.gradient_check {
                    <output data-testid="gradient-check-result" data-value={error.to_string()}>
                        { format!("{}{}{}{}", lang.t(Key::LargestRelativeError), lang.colon(), scientific(error), lang.dash()) }
                        { lang.t(if error < GRADIENT_CHECK_PASSES { Key::GradientCheckGood } else { Key::GradientCheckBad }) }
                    </output>
                }
            </p>
        </section>
    }
}
