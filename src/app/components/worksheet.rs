//! The worksheet over the page: one sample's walk in the article's five steps, the numbers
//! given (inputs, weights, biases) and every number to work out, blank or answered; printed
//! alone, and with the NumPy script that recomputes it.

use crate::app::components::explain_panel::phase_name;
use crate::app::components::layer_title;
use crate::app::draw::network::LayerKind;
use crate::app::explain::{subscript, Phase};
use crate::app::format::{fixed, percent_encode, rate, scientific};
use crate::app::i18n::Lang;
use crate::app::state::Lab;
use crate::app::worksheet::Worksheet;
use crate::app::worksheet_words::WorksheetLabel as W;
use crate::core::{ModelError, OptimizerKind};
use gloo_events::EventListener;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

/// Properties of [`WorksheetView`].
#[derive(Properties, PartialEq)]
pub struct WorksheetProps {
    /// The page's language.
    pub lang: Lang,
    /// The walk, made when the learner asked for it.
    pub sheet: Rc<Worksheet>,
    /// The rule the lab trains with (the sheet takes the plain step).
    pub optimizer: OptimizerKind,
    /// Whether the lab adds a penalty on weights.
    pub penalty: bool,
    /// Closes the sheet.
    pub on_close: Callback<()>,
}

/// The worksheet shown over the page, if one is: made, or why it could not be.
pub type Sheet = Option<Result<Rc<Worksheet>, ModelError>>;

/// The worksheet open over the page (made from the lab as it was when asked for, or why it
/// cannot be made), the callback that opens it and the one that closes it. Once it has closed,
/// the keyboard goes back to the button that opened it.
#[hook]
pub fn use_worksheet(lab: &UseReducerHandle<Lab>) -> (UseStateHandle<Sheet>, Callback<()>, Callback<()>) {
    let sheet = use_state(|| Sheet::None);
    let open = {
        let (lab, sheet) = (lab.clone(), sheet.clone());
        Callback::from(move |()| sheet.set(Some(Worksheet::of(&lab).map(Rc::new))))
    };
    let close = {
        let sheet = sheet.clone();
        Callback::from(move |()| sheet.set(None))
    };
    let is_open = matches!(&*sheet, Some(Ok(_)));
    let was_open = use_mut_ref(|| false);
    // After the render that took the sheet away: the lab is no longer inert, and can be focused.
    use_effect_with(is_open, move |&is_open| {
        if std::mem::replace(&mut *was_open.borrow_mut(), is_open) && !is_open {
            if let Some(button) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.query_selector("[data-testid=worksheet-open]").ok().flatten())
                .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            {
                let _ = button.focus();
            }
        }
    });
    (sheet, open, close)
}

/// A number in a box: four decimals, or powers of ten where those would read 0.
fn shown(v: f64) -> String {
    let s = if v != 0.0 && v.abs() < 5e-5 {
        scientific(v)
    } else {
        fixed(v, 4)
    };
    s.replacen('-', "−", 1)
}

/// A number given on the sheet.
fn given(id: String, v: f64) -> Html {
    html! { <td data-testid={id} data-value={v.to_string()}>{ shown(v) }</td> }
}

/// A number to work out: its box, empty unless the answers are shown.
fn asked(id: String, v: f64, answers: bool) -> Html {
    if answers {
        html! { <td class="answer" data-testid={id} data-value={v.to_string()}>{ shown(v) }</td> }
    } else {
        html! { <td class="blank" data-testid={id}></td> }
    }
}

/// The name of layer `l` of `layers` in `lang`.
fn layer_name(lang: Lang, l: usize, layers: usize) -> String {
    let kind = match l {
        0 => LayerKind::Input,
        l if l + 1 == layers => LayerKind::Output,
        l => LayerKind::Hidden(l),
    };
    layer_title(lang, kind)
}

/// A table of a layer's neurons (named in `lang`): a row each, headed by its number, with a column under each of
/// `heads` (the neurons of the layer before, after any column of its own), then one `last` heads.
fn matrix(
    lang: Lang,
    caption: String,
    heads: &[String],
    last: &str,
    rows: impl Iterator<Item = (Vec<Html>, Html)>,
) -> Html {
    html! {
        <table class="ws-table">
            <caption>{ caption }</caption>
            <thead><tr><th scope="col">{ lang.worksheet(W::Neuron) }</th>{ for heads.iter().map(|n| html! { <th scope="col">{ n }</th> }) }<th scope="col">{ last }</th></tr></thead>
            <tbody>
                { for rows.enumerate().map(|(j, (cells, end))| html! {
                    <tr><th scope="row">{ j + 1 }</th>{ for cells }{ end }</tr>
                }) }
            </tbody>
        </table>
    }
}

/// One sample's walk to print: given numbers, boxes to fill, the answers behind a switch, and
/// the NumPy script. Escape or Close closes it.
#[component]
pub fn WorksheetView(props: &WorksheetProps) -> Html {
    let (lang, s) = (props.lang, &props.sheet);
    let answers = use_state_eq(|| false);
    let close = use_node_ref();
    {
        // Opened, the sheet has the keyboard: its close button takes the focus.
        let close = close.clone();
        use_effect_with((), move |_| {
            if let Some(button) = close.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        });
    }
    let on_answers = {
        let answers = answers.clone();
        Callback::from(move |e: Event| answers.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    {
        // Escape closes it, wherever the keyboard is.
        let on_close = props.on_close.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "keydown", move |event| {
                    if event.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
                        on_close.emit(());
                    }
                })
            });
            move || drop(listener)
        });
    }
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            // A browser that cannot print says nothing, and the sheet stays.
            let _ = window.print();
        }
    });
    let script = format!("data:text/x-python;charset=utf-8,{}", percent_encode(&s.numpy()));
    let a = *answers;
    let n = s.model.layers().len();
    let names = |l: usize| -> Vec<String> {
        if l == 0 {
            s.inputs.clone()
        } else {
            (1..=s.model.layers()[l])
                .map(|j| format!("a{}", subscript(j)))
                .collect()
        }
    };
    let activation = |l: usize| lang.activation(s.model.activations()[l - 1]);
    let eta = rate(s.eta);
    let sheet = html! {
            <section class="worksheet" data-testid="worksheet" role="dialog" aria-modal="true" aria-labelledby="worksheet-title"
    >
                <header class="ws-head">
                    <h2 id="worksheet-title">{ lang.worksheet_title(s.sample) }</h2>
                    <div class="ws-tools">
                        <label><input type="checkbox" data-testid="worksheet-answers" checked={a} onchange={on_answers} />{ " " }{ lang.worksheet(W::Answers) }</label>
                        <button type="button" class="secondary" data-testid="worksheet-print" onclick={on_print}>{ lang.worksheet(W::Print) }</button>
                        <a class="button secondary" data-testid="worksheet-numpy" href={script} download={format!("backprop-lab-sample-{}.py", s.sample)}
                            title={lang.worksheet(W::ScriptTitle)}>{ lang.worksheet(W::Script) }</a>
                        <button type="button" data-testid="worksheet-close" ref={close} onclick={{
                            let on_close = props.on_close.clone();
                            Callback::from(move |_: MouseEvent| on_close.emit(()))
                        }}>{ lang.worksheet(W::Close) }</button>
                    </div>
                </header>
                <p>{ lang.worksheet(W::Intro) }</p>
                <p class="ws-setup" data-testid="worksheet-setup">
                    { format!("[{}] · {} · {} · η = {eta}",
                        s.model.layers().iter().map(usize::to_string).collect::<Vec<_>>().join(", "),
                        s.model.activations().iter().map(|&f| lang.activation(f)).collect::<Vec<_>>().join(", "),
                        lang.loss(s.model.loss())) }
                </p>

                <h3>{ phase_name(lang, Phase::Initialise) }</h3>
                <table class="ws-table">
                    <caption>{ lang.worksheet(W::Inputs) }</caption>
                    <tbody>
                        { for s.x.iter().enumerate().map(|(i, &x)| html! {
                            <tr><th scope="row">{ &s.inputs.get(i).cloned().unwrap_or_default() }</th>{ given(format!("ws-x-{i}"), x) }</tr>
                        }) }
                        <tr><th scope="row">{ lang.worksheet(W::Target) }</th>
                            <td data-testid="ws-target">{ s.target.iter().map(|&t| if t.fract() == 0.0 { fixed(t, 0) } else { shown(t) }).collect::<Vec<_>>().join(", ") }</td></tr>
                    </tbody>
                </table>
                { for (1..n).map(|l| matrix(lang,
                    format!("{} · {}", layer_name(lang, l, n), lang.worksheet(W::Weights)), &names(l - 1), "b",
                    (0..s.model.layers()[l]).map(move |j| (
                        (0..s.model.layers()[l - 1]).map(|i| given(format!("ws-w-{l}-{j}-{i}"), s.model.weights()[l - 1][j][i])).collect(),
                        given(format!("ws-b-{l}-{j}"), s.model.biases()[l - 1][j]),
                    )),
                )) }

                <h3>{ phase_name(lang, Phase::Forward) }</h3>
                <p>{ lang.worksheet(W::ForwardRule) }</p>
                { for (1..n).map(|l| html! {
                    <table class="ws-table">
                        <caption>{ format!("{} · {}", layer_name(lang, l, n), activation(l)) }</caption>
                        <thead><tr><th scope="col">{ lang.worksheet(W::Neuron) }</th><th scope="col">{ "z" }</th><th scope="col">{ "a = f(z)" }</th></tr></thead>
                        <tbody>
                            { for (0..s.model.layers()[l]).map(|j| html! {
                                <tr><th scope="row">{ j + 1 }</th>
                                    { asked(format!("ws-z-{l}-{j}"), s.trace.forward[l - 1].z[j], a) }
                                    { asked(format!("ws-a-{l}-{j}"), s.trace.forward[l - 1].a[j], a) }</tr>
                            }) }
                        </tbody>
                    </table>
                }) }

                <h3>{ phase_name(lang, Phase::Loss) }</h3>
                <p>{ lang.worksheet_loss_rule(s.model.loss()) }</p>
                <table class="ws-table"><tbody><tr><th scope="row">{ "L" }</th>{ asked("ws-loss".to_string(), s.trace.loss, a) }</tr></tbody></table>

                <h3>{ phase_name(lang, Phase::Backward) }</h3>
                <p>{ lang.worksheet(W::HiddenDelta) }{ if lang == Lang::En { " " } else { "" } }{ lang.worksheet(W::GradientRule) }</p>
                { for (1..n).rev().map(|l| {
                    let heads: Vec<String> = std::iter::once("δ".to_string()).chain(names(l - 1)).collect();
                    matrix(lang, format!("{} · δ, {}", layer_name(lang, l, n), lang.worksheet(W::Gradients)), &heads, "∂L/∂b",
                        (0..s.model.layers()[l]).map(move |j| (
                            std::iter::once(asked(format!("ws-delta-{l}-{j}"), s.trace.backward[l - 1].delta[j], a))
                                .chain((0..s.model.layers()[l - 1]).map(|i| asked(format!("ws-dw-{l}-{j}-{i}"), s.trace.backward[l - 1].dw[j][i], a)))
                                .collect(),
                            asked(format!("ws-db-{l}-{j}"), s.trace.backward[l - 1].db[j], a),
                        )))
                }) }

                <h3>{ phase_name(lang, Phase::Update) }</h3>
                <p>{ lang.worksheet_update_rule(&eta, props.optimizer, props.penalty) }</p>
                { for (1..n).map(|l| matrix(lang,
                    format!("{} · {}", layer_name(lang, l, n), lang.worksheet(W::NewWeights)), &names(l - 1), "b",
                    (0..s.model.layers()[l]).map(move |j| (
                        (0..s.model.layers()[l - 1]).map(|i| asked(format!("ws-neww-{l}-{j}-{i}"), s.new_weight(l - 1, j, i), a)).collect(),
                        asked(format!("ws-newb-{l}-{j}"), s.new_bias(l - 1, j), a),
                    )),
                )) }
            </section>
        };
    // On the page's body, beside the lab: printing shows the sheet alone.
    match web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()) {
        Some(body) => create_portal(sheet, body.into()),
        None => sheet,
    }
}
