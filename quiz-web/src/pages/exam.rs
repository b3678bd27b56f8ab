//! The practice exam: timer, question, navigator, flag, previous/next, submit with confirmation.

use super::question::{self, Which};
use crate::app::App;
use crate::browser;
use crate::content;
use crate::logic::keys::KeyAction;
use crate::logic::time_text;
use leptos::prelude::*;
use quiz_core::attempt::Mode;

pub fn go(app: App, index: usize) {
    if app.change_exam(|a, _, _| a.go_to(index)).is_ok() {
        browser::focus_later("#q-heading");
    }
}

fn flag(app: App) {
    let _ = app.change_exam(|a, _, now| a.toggle_flag(a.current, now).map(|_| ()));
}

pub fn key(app: App, action: KeyAction) {
    let Some(current) = app.exam.with_untracked(|a| a.as_ref().map(|a| a.current)) else {
        return;
    };
    match action {
        KeyAction::Pick(p) => question::pick(app, Which::Exam, p),
        KeyAction::Flag => flag(app),
        KeyAction::Next => go(app, current + 1),
        KeyAction::Previous => {
            if current > 0 {
                go(app, current - 1)
            }
        }
    }
}

#[component]
pub fn Exam() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let confirming = RwSignal::new(false);
    if app.exam.with_untracked(|a| a.is_none()) {
        return view! {
            <section class="panel">
                <h1 tabindex="-1">"No exam in progress"</h1>
                <p>"Start a full practice exam from the home page."</p>
                <a class="btn primary" href="#/">"Go to home"</a>
            </section>
        }
        .into_any();
    }
    if let Some(waiting) = content::on_screen_first(app, app.exam, || Exam().into_any()) {
        return waiting;
    }
    let title = app.bank().blueprint.title.clone();
    let timed = app
        .exam
        .with_untracked(|a| a.as_ref().is_some_and(|a| a.deadline_ms.is_some()));
    let mode_label = app
        .exam
        .with_untracked(|a| match a.as_ref().map(|a| a.mode) {
            Some(Mode::Retake) => "Retake of missed questions",
            Some(Mode::Custom) => "Custom practice",
            _ => "Practice exam",
        });
    let left = move || {
        app.exam
            .with(|a| a.as_ref().and_then(|a| a.time_left_ms(app.now.get())))
    };
    let low = move || left().is_some_and(|l| l <= 5 * 60_000);
    let current = move || {
        app.exam
            .with(|a| a.as_ref().map(|a| a.current).unwrap_or(0))
    };
    let total = move || app.exam.with(|a| a.as_ref().map(|a| a.len()).unwrap_or(0));
    let is_flagged = move || {
        app.exam
            .with(|a| a.as_ref().is_some_and(|a| a.responses[a.current].flagged))
    };
    let status = move || {
        app.exam
            .with(|a| a.as_ref().map(|a| a.answer_status()).unwrap_or_default())
    };

    let navigator = move || {
        app.exam.with(|a| {
            let Some(a) = a.as_ref() else { return Vec::new() };
            a.responses
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let answered = !r.selected.is_empty();
                    let mut class = String::from("nav-q");
                    class.push_str(if answered { " answered" } else { " unanswered" });
                    if r.flagged {
                        class.push_str(" flagged");
                    }
                    let label = format!(
                        "Question {}, {}{}",
                        i + 1,
                        if answered { "answered" } else { "unanswered" },
                        if r.flagged { ", flagged" } else { "" }
                    );
                    let cur = a.current == i;
                    view! {
                        <li>
                            <button type="button" class=class aria-label=label aria-current=cur.then_some("step")
                                on:click=move |_| go(app, i)>{(i + 1).to_string()}</button>
                        </li>
                    }
                })
                .collect::<Vec<_>>()
        })
    };

    let list = |v: &[usize]| -> String {
        if v.is_empty() {
            "none".into()
        } else {
            v.iter()
                .map(|i| (i + 1).to_string())
                .collect::<Vec<_>>()
                .join(", ")
        }
    };

    view! {
        <div class="exam">
            <div class="exam-bar" >
                <p class="exam-title">{mode_label}<span class="sr-only">{format!(": {title}")}</span></p>
                {timed.then(|| view! {
                    <p class="timer" class:low=low>
                        <span class="sr-only">"Time left: "</span>
                        <span id="time-left">{move || left().map(time_text::clock).unwrap_or_default()}</span>
                    </p>
                })}
                <p class="progress-count">{move || format!("{} of {} answered", status().answered.len(), total())}</p>
            </div>
            <div class="exam-main">
            {question::question_view(app, Which::Exam, false)}
            <div class="controls">
                <button type="button" class="btn" on:click=move |_| go(app, current().saturating_sub(1)) disabled=move || { current() == 0 }>
                    "← Previous"
                </button>
                <button type="button" class="btn" aria-pressed=move || if is_flagged() { "true" } else { "false" } on:click=move |_| flag(app)>
                    {move || if is_flagged() { "⚑ Unflag" } else { "⚐ Flag for review" }}
                </button>
                <button type="button" class="btn" on:click=move |_| go(app, current() + 1) disabled=move || { current() + 1 >= total() }>
                    "Next →"
                </button>
            </div>
            <p class="shortcuts">"Keys: 1–8 choose, F flag, ← → move."</p>
            <div class="submit-row">
                <button type="button" class="btn primary" on:click=move |_| { confirming.set(true); browser::focus_later("#confirm-title"); }>
                    "Submit exam…"
                </button>
            </div>
            </div>
            <nav class="navigator" aria-label="Questions">
                <h2 class="small-title">"Questions"</h2>
                <p class="legend-keys">
                    <span class="key answered">"Answered"</span>
                    <span class="key unanswered">"Unanswered"</span>
                    <span class="key flagged">"Flagged"</span>
                </p>
                <ol>{navigator}</ol>
            </nav>
            {move || confirming.get().then(|| {
                let t = status();
                view! {
                    <div class="backdrop">
                        <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title"
                             on:keydown=move |ev| if ev.key() == "Escape" { confirming.set(false); }>
                            <h2 id="confirm-title" tabindex="-1">"Submit your answers?"</h2>
                            <p>{format!("{} of {} questions answered.", t.answered.len(), total())}</p>
                            <p><strong>"Unanswered: "</strong>{list(&t.unanswered)}</p>
                            <p><strong>"Flagged for review: "</strong>{list(&t.flagged)}</p>
                            {(!t.unanswered.is_empty()).then(|| view! { <p class="warn-text">"Unanswered questions count as wrong."</p> })}
                            <div class="row">
                                <button type="button" class="btn primary" on:click=move |_| { confirming.set(false); app.submit_exam(); }>"Submit now"</button>
                                <button type="button" class="btn" on:click=move |_| { confirming.set(false); browser::focus_later("#q-heading"); }>"Keep working"</button>
                            </div>
                        </div>
                    </div>
                }
            })}
        </div>
    }
    .into_any()
}
