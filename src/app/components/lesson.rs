//! The lesson panel: the chapters, the one open with what to look at and its task, "Done" once
//! the lab has seen the task done, and the way on. Its progress is kept in localStorage.

use super::{store, stored};
use crate::app::i18n::Lang;
use crate::app::lesson_words::LessonLabel;
use crate::app::state::{Action, Chapter, Lesson};
use yew::prelude::*;

/// The localStorage key that keeps the lesson (see [`Lesson::kept`]).
const LESSON_KEY: &str = "backprop-lab.lesson";

/// What an earlier visit kept of the lesson, for [`Action::RestoreLesson`].
pub fn kept_lesson() -> Option<String> {
    stored(LESSON_KEY)
}

/// Keeps the lesson for the next visit whenever it changes.
#[hook]
pub fn use_kept_lesson(lesson: &Lesson) {
    use_effect_with(lesson.kept(), |kept| store(LESSON_KEY, kept));
}

/// Properties of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// The page's language.
    pub lang: Lang,
    /// The lesson, with a chapter open.
    pub lesson: Lesson,
    /// Receives the chapter to open, or the lesson's end.
    pub on_action: Callback<Action>,
}

/// The lesson beside the lab: the list of chapters (the open one marked, those done ticked),
/// the open chapter's words and task, and once the lab has seen the task done, a way to the
/// next chapter.
#[component]
pub fn LessonPanel(props: &LessonPanelProps) -> Html {
    let (lang, lesson) = (props.lang, &props.lesson);
    let Some(open) = lesson.chapter() else {
        return html! {};
    };
    let send = |action: Action| {
        let cb = props.on_action.clone();
        Callback::from(move |_: MouseEvent| cb.emit(action.clone()))
    };
    let done = lesson.is_done(open);
    let chapter = |c: Chapter| {
        let current = c == open;
        html! {
            <li>
                <button type="button" class={classes!("chapter", current.then_some("current"))}
                    data-testid="lesson-chapter" data-chapter={c.number().to_string()}
                    data-done={lesson.is_done(c).to_string()}
                    aria-current={current.then_some("step")} onclick={send(Action::OpenChapter(c))}>
                    <span class="number" aria-hidden="true">{ circled(c.number()) }</span>
                    { lang.chapter_title(c) }
                    if lesson.is_done(c) {
                        <span class="tick">{ " ✓" }</span>
                    }
                </button>
            </li>
        }
    };
    html! {
        <section class="panel lesson-panel" data-testid="lesson" aria-labelledby="lesson-title">
            <div class="lesson-head">
                <h2 id="lesson-title">{ lang.lesson(LessonLabel::Lesson) }{ " " }{ circled(open.number()) }{ " " }{ lang.chapter_title(open) }</h2>
                <button type="button" class="secondary small" data-testid="lesson-close"
                    onclick={send(Action::CloseLesson)}>{ lang.lesson(LessonLabel::Close) }</button>
            </div>
            <nav aria-label={lang.lesson(LessonLabel::Chapters)}>
                <ol class="chapters">{ for Chapter::ALL.into_iter().map(chapter) }</ol>
            </nav>
            <p class="lesson-text">{ lang.chapter_text(open) }</p>
            <p class="lesson-task" data-testid="lesson-task" data-chapter={open.number().to_string()}>
                <strong>{ lang.lesson(LessonLabel::Task) }{ lang.colon() }</strong>{ lang.chapter_task(open) }
            </p>
            // A live region: the learner hears the chapter done the moment the lab sees it.
            <p class="lesson-status" role="status">
                if done {
                    <span data-testid="lesson-done">{ lang.lesson(LessonLabel::Done) }</span>
                    { " " }
                    if let Some(next) = open.next() {
                        <button type="button" data-testid="lesson-next" onclick={send(Action::OpenChapter(next))}>
                            { lang.lesson(LessonLabel::Next) }{ " " }{ circled(next.number()) }
                        </button>
                    } else if Chapter::ALL.iter().all(|&c| lesson.is_done(c)) {
                        { lang.lesson(LessonLabel::AllDone) }
                    }
                }
            </p>
        </section>
    }
}

/// ①…⑧ for a chapter number.
fn circled(n: usize) -> &'static str {
    ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧"]
        .get(n.wrapping_sub(1))
        .copied()
        .unwrap_or("")
}
