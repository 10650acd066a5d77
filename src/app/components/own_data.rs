//! The controls of your own data, under the output view: Edit points (clicks on the view add and
//! remove points), the class new points get, Import CSV and Export CSV.

use crate::app::draw::field::label_color;
use crate::app::format::percent_encode;
use crate::app::i18n::{Key, Lang};
use crate::app::state::{pens, Action, Edit};
use crate::core::{model, DatasetKind, Task};
use web_sys::{HtmlAnchorElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The example in the empty CSV field: a header and one point (numbers, in every language).
const EXAMPLE: &str = "x1,x2,label\n0.5,-0.2,1";

/// Properties of [`OwnDataBar`].
#[derive(Properties, PartialEq)]
pub struct OwnDataBarProps {
    /// The page's language.
    pub lang: Lang,
    /// The dataset whose task the points have.
    pub kind: DatasetKind,
    /// Whether clicks on the output view edit the points.
    pub editing: bool,
    /// The label new points get.
    pub pen: f64,
    /// Your own points in use, as (training, test) counts, if any.
    pub own: Option<(usize, usize)>,
    /// Receives the edits.
    pub on_action: Callback<Action>,
    /// The data in use as CSV, asked for when Export is pressed.
    pub data_csv: Callback<(), String>,
}

/// The colour of label `label` for `task`, as the output view draws such a point.
fn pen_colour(task: Task, label: f64) -> String {
    let target: Vec<f64> = match task {
        Task::Classes(k) => (0..k).map(|c| if c as f64 == label { 1.0 } else { 0.0 }).collect(),
        _ => vec![label],
    };
    label_color(task, &target).css()
}

/// Edit points, the class toggle (while editing), Import CSV and Export CSV, and what your own
/// data is.
#[component]
pub fn OwnDataBar(props: &OwnDataBarProps) -> Html {
    let (lang, kind, editing, pen) = (props.lang, props.kind, props.editing, props.pen);
    let task = kind.task();
    let send = |edit: Edit| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Action::Edit(edit.clone())))
    };
    let pen_button = |label: f64| {
        let chosen = label == pen;
        html! {
            <button type="button" role="radio" class="pen" aria-checked={chosen.to_string()}
                data-testid={format!("add-point-class-{label}")} onclick={send(Edit::Pen(label))}>
                <span class="swatch" style={format!("background: {}", pen_colour(task, label))} aria-hidden="true"></span>
                { lang.pen_name(kind, label) }
            </button>
        }
    };
    // The reader of the file being imported, kept until it has read the file.
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    let on_import = {
        let cb = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Empty again, so that the same file can be imported again after an edit.
            input.set_value("");
            let cb = cb.clone();
            let task = gloo_file::callbacks::read_as_bytes(&gloo_file::File::from(file), move |bytes| {
                // A byte-order mark or UTF-16 are read as a model file's are; a file that cannot be
                // read at all is an empty one, which the importer refuses with a reason.
                let text = model::decode(&bytes.unwrap_or_default());
                cb.emit(Action::Edit(Edit::Import(text.into())));
            });
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_export = {
        let data_csv = props.data_csv.clone();
        // The file is written when asked for, not on every frame.
        Callback::from(move |e: MouseEvent| {
            let link: HtmlAnchorElement = e.target_unchecked_into();
            let text = data_csv.emit(());
            link.set_href(&format!("data:text/csv;charset=utf-8,{}", percent_encode(&text)));
        })
    };
    // Text typed or pasted in: imported as a file's would be.
    let pasted = use_node_ref();
    let on_paste = {
        let (cb, pasted) = (props.on_action.clone(), pasted.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = pasted.cast::<HtmlTextAreaElement>() {
                cb.emit(Action::Edit(Edit::Import(area.value().into())));
            }
        })
    };
    let hint = if task == Task::Regression {
        Key::EditHintRegression
    } else {
        Key::EditHint
    };
    html! {
        <div class="own-data" data-testid="own-data">
            <div class="own-data-row">
                <button type="button" class="secondary small" data-testid="edit-points" aria-pressed={editing.to_string()}
                    title={lang.t(Key::EditPointsTitle)} onclick={send(Edit::Editing(!editing))}>
                    { lang.t(Key::EditPoints) }
                </button>
                <label class="open" title={lang.t(Key::ImportCsvTitle)}>
                    { lang.t(Key::ImportCsv) }
                    <input type="file" accept=".csv,text/csv,text/plain" data-testid="import-csv" onchange={on_import} />
                </label>
                <a class="save" data-testid="export-csv" href="#" download="backprop-lab-data.csv"
                    onclick={on_export} title={lang.t(Key::ExportCsvTitle)}>{ lang.t(Key::ExportCsv) }</a>
                <details class="paste-csv" data-testid="paste-csv">
                    <summary>{ lang.t(Key::PasteCsv) }</summary>
                    <label class="paste-label">
                        <span>{ lang.t(Key::PasteCsvLabel) }</span>
                        <textarea ref={pasted} data-testid="paste-csv-text" rows="4" spellcheck="false"
                            placeholder={EXAMPLE} />
                    </label>
                    <button type="button" class="secondary small" data-testid="paste-csv-import" onclick={on_paste}>
                        { lang.t(Key::PasteCsvImport) }
                    </button>
                </details>
            </div>
            if editing {
                <div class="own-data-row" role="radiogroup" data-testid="add-point-class" aria-label={lang.t(Key::NewPointClass)}>
                    <span class="pen-title" aria-hidden="true">{ lang.t(Key::NewPointClass) }</span>
                    { for pens(task).into_iter().map(pen_button) }
                </div>
                <p class="hint" data-testid="edit-hint">{ lang.t(hint) }</p>
            }
            if let Some((train, test)) = props.own {
                <p class="hint" data-testid="own-data-note">{ lang.own_data_short(train, test) }</p>
            }
        </div>
    }
}
