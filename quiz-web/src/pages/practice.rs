//! Quick checks and drills: a few questions with feedback, the explanation and the study note
//! after each answer.

use super::home::QUICK_COUNT;
use super::question::{self, Which};
use crate::app::{App, BannerKind};
use crate::browser;
use crate::content;
use crate::logic::keys::KeyAction;
use crate::logic::route::Route;
use crate::logic::time_text;
use leptos::prelude::*;
use quiz_core::assembly::Scope;
use quiz_core::attempt::Mode;
use quiz_core::safe_html::PageHtml;
use quiz_core::schedule;
use quiz_core::study;
use quiz_core::Bank;

fn scope_title(bank: &Bank, scope: &Scope) -> String {
    let bp = &bank.blueprint;
    match scope {
        Scope::All => "the whole exam".into(),
        Scope::Domain(id) => bp
            .domains
            .iter()
            .find(|d| &d.id == id)
            .map(|d| d.title.clone())
            .unwrap_or_else(|| id.clone()),
        Scope::Section(id) => bp
            .domains
            .iter()
            .flat_map(|d| &d.sections)
            .find(|s| &s.id == id)
            .map(|s| s.title.clone())
            .unwrap_or_else(|| id.clone()),
        Scope::Objective(id) => bank
            .objective(id)
            .map(|o| o.statement.clone())
            .unwrap_or_else(|| id.clone()),
        Scope::Questions(ids) => format!("{} chosen questions", ids.len()),
    }
}

fn check(app: App) {
    let r = question::change(app, Which::Practice, |a, _, now| a.check(a.current, now));
    match r {
        Ok(()) => {
            app.record_practice();
            browser::focus_later("#feedback-title");
        }
        Err(e) => app.banner(BannerKind::Info, question::error_text(&e)),
    }
}

fn next(app: App, done: RwSignal<bool>) {
    let last = app
        .practice
        .with_untracked(|a| a.as_ref().is_some_and(|a| a.current + 1 >= a.len()));
    if last {
        done.set(true);
        browser::focus_later("main h1");
    } else {
        let _ = question::change(app, Which::Practice, |a, _, _| a.go_next());
        browser::focus_later("#q-heading");
    }
}

pub fn key(app: App, action: KeyAction) {
    let checked = app
        .practice
        .with_untracked(|a| a.as_ref().is_some_and(|a| a.responses[a.current].checked));
    match action {
        KeyAction::Pick(p) if !checked => question::pick(app, Which::Practice, p),
        KeyAction::Next if checked => {
            let last = app
                .practice
                .with_untracked(|a| a.as_ref().is_some_and(|a| a.current + 1 >= a.len()));
            if !last {
                let _ = question::change(app, Which::Practice, |a, _, _| a.go_next());
                browser::focus_later("#q-heading");
            }
        }
        _ => {}
    }
}

pub fn practice(scope: Option<Scope>) -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    if let Some(scope) = &scope {
        if let Err(e) = app.ensure_quick_check(scope) {
            app.practice.set(None);
            return view! {
                <section class="panel">
                    <h1 tabindex="-1">"Quick check unavailable"</h1>
                    <p class="error">{format!("No quick check for {}: {e}.", scope_title(&bank, scope))}</p>
                    <a class="btn" href="#/quick">"Choose another topic"</a>
                </section>
            }
            .into_any();
        }
    }
    if app.practice.with_untracked(|a| a.is_none())
        || (scope.is_none()
            && app
                .practice
                .with_untracked(|a| a.as_ref().is_some_and(|a| a.mode == Mode::QuickCheck)))
    {
        app.practice.set(None);
        return picker(&bank).into_any();
    }
    let rebuild = move || practice(scope.clone()).into_any();
    if let Some(waiting) = content::on_screen_first(app, app.practice, rebuild) {
        return waiting;
    }
    let done = RwSignal::new(false);
    // A timed custom practice ends at its deadline (`app.now` ticks every second).
    let left = move || {
        app.practice
            .with(|a| a.as_ref().and_then(|a| a.time_left_ms(app.now.get())))
    };
    let timed = left().is_some();
    let time_up = app.practice_time_up;
    let (mode, pscope) = app
        .practice
        .with_untracked(|a| a.as_ref().map(|a| (a.mode, a.scope.clone())))
        .unwrap();
    let heading = match mode {
        Mode::Drill => "Drill: weak spots first".to_string(),
        Mode::Review => "Spaced review: the questions due".to_string(),
        Mode::Custom => "Custom practice".to_string(),
        _ => format!("Quick check: {}", scope_title(&bank, &pscope)),
    };
    let state = move || {
        app.practice.with(|a| {
            a.as_ref().map(|a| {
                let i = a.current;
                (
                    i,
                    a.responses[i].checked,
                    !a.responses[i].selected.is_empty(),
                    a.current + 1 >= a.len(),
                )
            })
        })
    };
    let feedback = move || {
        let (i, checked, _, last) = state()?;
        if !checked {
            return None;
        }
        // The bank as it is now: the page was built when only its first question's text was in,
        // and a checked question's text has arrived since (the question view waits for it).
        let bank = app.bank();
        let (correct, qid) = app.practice.with_untracked(|a| {
            let a = a.as_ref()?;
            Some((
                study::answer_correct(&bank, a, i).unwrap_or(false),
                a.paper.items[i].question_id.clone(),
            ))
        })?;
        let q = bank.question(&qid)?.clone();
        let note = super::note::study_note(&bank, &q.objective, false);
        let guessed = app
            .practice
            .with_untracked(|a| a.as_ref().is_some_and(|a| a.responses[i].guessed));
        // A right guess is scheduled sooner than a known answer (FSRS "Hard" instead of "Good").
        let guess = correct.then(|| view! {
            <label class="guess">
                <input type="checkbox" prop:checked=guessed on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    if question::change(app, Which::Practice, |a, _, now| a.set_guessed(i, on, now)).is_ok() {
                        app.record_practice();
                    }
                }/>
                "I guessed: ask me again sooner"
            </label>
        });
        Some(view! {
            <section class="feedback" class:ok=correct aria-labelledby="feedback-title">
                <h2 id="feedback-title" tabindex="-1">{if correct { "✓ Correct" } else { "✗ Not quite" }}</h2>
                {guess}
                <div class="explanation" inner_html=PageHtml::from_bank(&q.explanation).into_string()></div>
                {super::sources::sources(&q, false)}
                {note}
                <button type="button" class="btn primary" on:click=move |_| next(app, done)>
                    {if last { "See summary" } else { "Next question →" }}
                </button>
            </section>
        })
    };
    let b3 = bank.clone();
    let summary = move || {
        let (right, total) = app.practice.with(|a| {
            a.as_ref()
                .map(|a| {
                    (
                        (0..a.len())
                            .filter(|&i| study::answer_correct(&b3, a, i) == Some(true))
                            .count(),
                        a.len(),
                    )
                })
                .unwrap_or((0, 0))
        });
        let again = pscope.clone();
        let answered = app.practice.with(|a| {
            a.as_ref()
                .map_or(0, |a| a.responses.iter().filter(|r| r.checked).count())
        });
        // One line and one link that say what fits the mode (fewer elements: less code in the
        // chunk every first quick-check question waits for).
        let saved = if time_up.get_untracked() {
            format!("Time is up: you answered {answered} of the {total} questions. Your answers are saved in your progress.")
        } else {
            "Your answers are saved in your progress.".to_string()
        };
        let (other, other_label) = if mode == Mode::Custom {
            ("#/custom", "New custom practice")
        } else {
            ("#/quick", "Choose another topic")
        };
        view! {
            <section class="panel">
                <h1 tabindex="-1">{format!("You got {right} of {total} right")}</h1>
                <p>{saved}</p>
                <div class="row">
                    {(!matches!(mode, Mode::Review | Mode::Custom)).then(|| view! { <button type="button" class="btn primary" on:click=move |_| {
                        let r = app.start_practice(mode, again.clone(), if mode == Mode::Drill { super::home::DRILL_COUNT } else { QUICK_COUNT });
                        match r { Ok(()) => done.set(false), Err(e) => app.banner(BannerKind::Warning, e) }
                        browser::focus_later("#q-heading");
                    }>"Another round"</button> })}
                    <a class="btn" href=other>{other_label}</a>
                    <a class="btn" href="#/">"Home"</a>
                </div>
            </section>
        }
    };
    let summary = std::sync::Arc::new(summary);
    let feedback = std::sync::Arc::new(feedback);
    view! {
        {move || if done.get() || time_up.get() {
            let summary = summary.clone();
            untrack(|| summary()).into_any()
        } else {
            let heading2 = heading.clone();
            let feedback = feedback.clone();
            view! {
                <div class="practice">
                    <div class="exam-bar">
                        <p class="exam-title">{heading2.clone()}</p>
                        {timed.then(|| view! {
                            <p class="timer" class:low=move || left().is_some_and(|l| l <= 60_000)>
                                <span class="sr-only">"Time left: "</span>
                                <span id="time-left">{move || left().map(time_text::clock).unwrap_or_default()}</span>
                            </p>
                        })}
                    </div>
                    {question::question_view(app, Which::Practice, true)}
                    {move || state().and_then(|(_, checked, any, _)| (!checked).then(|| view! {
                        <div class="controls">
                            <button type="button" class="btn primary" disabled=!any on:click=move |_| check(app)>"Check answer"</button>
                        </div>
                    }))}
                    {move || feedback()}
                </div>
            }.into_any()
        }}
    }
    .into_any()
}

/// `#/review`: a spaced-review session of the questions due now (most overdue first, at most
/// `schedule::SESSION_SIZE`), with feedback after each like a quick check; a session under way
/// is kept. With nothing due, says when the next question comes back.
pub fn review() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    let under_way = app.practice.with_untracked(|a| {
        a.as_ref()
            .is_some_and(|a| a.mode == Mode::Review && a.responses.iter().any(|r| !r.checked))
    });
    if !under_way {
        let now = browser::now_ms();
        let (ids, next) = app.record.with_untracked(|r| {
            r.exam(&app.exam_key()).map_or((vec![], None), |e| {
                (
                    study::review_session(&bank, e, now),
                    schedule::next_due(e, now),
                )
            })
        });
        if ids.is_empty() {
            app.practice.set(None);
            let when = match next {
                Some(ms) => format!(
                    "The next question is due in {}.",
                    time_text::wait_words(ms.saturating_sub(now))
                ),
                None => "Questions you answer come back here just before you would forget them."
                    .to_string(),
            };
            return view! {
                <section class="panel">
                    <h1 tabindex="-1">"Nothing to review now"</h1>
                    <p>{when}</p>
                    <div class="row">
                        <a class="btn primary" href="#/quick">"Choose a topic"</a>
                        <a class="btn" href="#/">"Home"</a>
                    </div>
                </section>
            }
            .into_any();
        }
        let count = ids.len();
        if let Err(e) = app.start_practice(Mode::Review, Scope::Questions(ids), count) {
            app.banner(BannerKind::Warning, e);
        }
    }
    practice(None).into_any()
}

fn picker(bank: &Bank) -> impl IntoView {
    let link = |scope: Scope, label: String| {
        view! { <a href=Route::Quick(Some(scope)).to_hash()>{label}</a> }
    };
    let domains = bank.blueprint.domains.iter().map(|d| {
        let sections = d.sections.iter().map(|s| {
            let objectives = s.objectives.iter().map(|o| view! {
                <li>{link(Scope::Objective(o.id.clone()), o.statement.clone())}</li>
            }).collect_view();
            view! {
                <li>
                    {link(Scope::Section(s.id.clone()), s.title.clone())}
                    <details>
                        <summary>"Objectives"<span class="sr-only">{format!(" of {}", s.title)}</span></summary>
                        <ul class="objectives">{objectives}</ul>
                    </details>
                </li>
            }
        }).collect_view();
        view! {
            <section class="panel">
                <h2>{d.title.clone()}</h2>
                <p>{link(Scope::Domain(d.id.clone()), format!("Quick check on all of {}", d.title))}</p>
                <ul class="sections">{sections}</ul>
            </section>
        }
    }).collect_view();
    view! {
        <h1 tabindex="-1">"Quick check"</h1>
        <p class="lead">{format!("Pick a domain, section or objective for {QUICK_COUNT} questions with feedback after each answer.")}</p>
        {domains}
    }
}
