//! One question of an attempt: heading, stem, and its options as radio buttons or checkboxes.

use crate::app::App;
use crate::browser;
use crate::content;
use crate::logic::keys;
use leptos::prelude::*;
use quiz_core::attempt::{Attempt, AttemptError};
use quiz_core::model::QuestionKind;
use quiz_core::safe_html::PageHtml;
use wasm_bindgen::JsCast;

/// Which attempt a question view works on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Exam,
    Practice,
}

impl Which {
    pub fn signal(self, app: App) -> RwSignal<Option<Attempt>> {
        match self {
            Which::Exam => app.exam,
            Which::Practice => app.practice,
        }
    }
}

/// Applies a change to the exam (saved at once) or to the practice attempt (in memory).
pub fn change(
    app: App,
    which: Which,
    f: impl FnOnce(&mut Attempt, &quiz_core::Bank, u64) -> Result<(), AttemptError>,
) -> Result<(), AttemptError> {
    match which {
        Which::Exam => app.change_exam(f),
        Which::Practice => {
            let bank = app.bank();
            let now = browser::now_ms();
            let mut out = Err(AttemptError::Submitted);
            app.practice.update(|a| {
                if let Some(a) = a {
                    out = f(a, &bank, now);
                }
            });
            out
        }
    }
}

pub fn error_text(e: &AttemptError) -> String {
    match e {
        AttemptError::TooManySelections { allowed } => {
            format!("This question asks you to choose {allowed}. Unselect one of your choices before picking another.")
        }
        AttemptError::Locked => "This answer was already checked, so it cannot change.".into(),
        AttemptError::TimeUp => "Time is up; answers can no longer change.".into(),
        other => other.to_string(),
    }
}

/// Picks (single) or toggles (multiple) the option at `position` of the current question, by
/// pointer or keyboard alike; a refused pick says why in the question's notice
/// ([`App::pick_notice`], shown and announced by [`question_view`]).
pub fn pick(app: App, which: Which, position: usize) {
    let bank = app.bank();
    let Some((index, option, kind)) = which.signal(app).with_untracked(|a| {
        let a = a.as_ref()?;
        let item = a.paper.items.get(a.current)?;
        let q = bank.question(&item.question_id)?;
        Some((a.current, item.option_order.get(position)?.clone(), q.kind))
    }) else {
        return;
    };
    let result = change(app, which, |a, bank, now| match kind {
        QuestionKind::Single => a.select(bank, index, &option, now),
        QuestionKind::Multiple => a.toggle(bank, index, &option, now),
    });
    app.pick_notice
        .set(result.err().map(|e| error_text(&e)).unwrap_or_default());
}

/// Heading, stem and options of the attempt's current question. `locked_feedback` shows, once an
/// answer is checked, which options are right and why.
pub fn question_view(app: App, which: Which, locked_feedback: bool) -> impl IntoView {
    let sig = which.signal(app);
    let message = app.pick_notice;
    let current = Memo::new(move |_| {
        sig.with(|a| {
            a.as_ref().and_then(|a| {
                a.paper
                    .items
                    .get(a.current)
                    .map(|item| (a.current, a.len(), item.clone()))
            })
        })
    });
    move || {
        let (index, total, item) = current.get()?;
        message.set(String::new());
        // An exam fetches its other questions' text while the first is read; one not in yet
        // shows "Opening…" until it is.
        let this = vec![item.question_id.clone()];
        if !content::ready(app, &this) {
            content::prefetch(app, this.clone());
            return Some(content::waiting(app, this));
        }
        let bank = app.bank();
        let q = bank.question(&item.question_id)?.clone();
        let single = q.kind == QuestionKind::Single;
        let needed = q.picks_required();
        let legend = if single {
            "Choose one answer".to_string()
        } else {
            format!("Choose {needed} answers")
        };
        let name = format!("q{index}");
        let selected = move |id: String| {
            sig.with(|a| {
                a.as_ref()
                    .is_some_and(|a| a.responses[index].selected.contains(&id))
            })
        };
        let checked = move || sig.with(|a| a.as_ref().is_some_and(|a| a.responses[index].checked));
        let flagged = move || sig.with(|a| a.as_ref().is_some_and(|a| a.responses[index].flagged));
        let options = item.option_order.iter().enumerate().filter_map(|(pos, oid)| {
            let opt = q.option(oid)?.clone();
            let id = opt.id.clone();
            let id2 = id.clone();
            let id3 = id.clone();
            let input_id = format!("q{index}-{id}");
            let correct = opt.correct;
            let class = move || {
                let mut c = String::from("opt");
                if selected(id3.clone()) { c.push_str(" chosen"); }
                if locked_feedback && checked() {
                    if correct { c.push_str(" right"); } else if selected(id3.clone()) { c.push_str(" wrong"); }
                }
                c
            };
            let reason = opt.reason.clone();
            Some(view! {
                <div class=class>
                    <input type=if single { "radio" } else { "checkbox" } id=input_id.clone() name=name.clone() value=id.clone()
                        prop:checked=move || selected(id.clone())
                        disabled=move || locked_feedback && checked()
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                            pick(app, which, pos);
                            // Keep the box in step with the attempt when a pick was refused.
                            input.set_checked(selected(id2.clone()));
                        }/>
                    <label for=input_id>
                        <span class="letter" aria-hidden="true">{keys::option_letter(pos).to_string()}</span>
                        <span class="opt-text" inner_html=PageHtml::from_bank(&opt.text).into_string()></span>
                        {move || (locked_feedback && checked()).then(|| {
                            let mine = selected(opt.id.clone());
                            let verdict = match (correct, mine) {
                                (true, true) => "Your answer, correct. ",
                                (true, false) => "Correct answer. ",
                                (false, true) => "Your answer, incorrect. ",
                                (false, false) => "Incorrect. ",
                            };
                            view! { <span class="reason"><strong>{verdict}</strong><span inner_html=PageHtml::from_bank(&reason).into_string()></span></span> }
                        })}
                    </label>
                </div>
            })
        }).collect_view();
        Some(view! {
            <div class="question">
                <h1 id="q-heading" tabindex="-1">
                    {format!("Question {} of {}", index + 1, total)}
                    {move || flagged().then(|| view! { <span class="badge flag">"Flagged"</span> })}
                </h1>
                <div class="stem" inner_html=PageHtml::from_bank(&q.stem).into_string()></div>
                <fieldset class="options">
                    <legend>{legend}{(!single).then(|| view! { <span class="count">{move || sig.with(|a| a.as_ref().map(|a| format!(" ({} of {needed} chosen)", a.responses[index].selected.len())).unwrap_or_default())}</span> })}</legend>
                    {options}
                </fieldset>
                <p class="notice" role="status">{move || message.get()}</p>
            </div>
        }
        .into_any())
    }
}
