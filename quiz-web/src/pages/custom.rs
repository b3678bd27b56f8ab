//! `#/custom`: the custom-practice builder. Checkboxes for domains, sections and objectives, the
//! number of questions, which questions, timing and feedback, with a live count of what matches
//! and a link that carries the choices and the seed. The choices are a `quiz_core::custom::Custom`;
//! this page only wires its inputs to it.

use crate::app::{App, BannerKind};
use crate::browser;
use crate::logic::route::Route;
use leptos::prelude::*;
use quiz_core::custom::{Checked, Custom, Feedback, Pick, MAX_COUNT};
use quiz_core::Bank;
use std::sync::Arc;

/// A checkbox for a domain or section: checked when all its objectives are chosen, mixed when
/// some are.
fn topic_box(
    id: String,
    label: String,
    checked: Memo<Checked>,
    set: impl Fn(bool) + 'static,
) -> impl IntoView {
    view! {
        <div class="topic">
            <input type="checkbox" id=id.clone()
                prop:checked=move || checked.get() == Checked::All
                prop:indeterminate=move || checked.get() == Checked::Some
                on:change=move |ev| set(event_target_checked(&ev))/>
            <label for=id>{label}</label>
        </div>
    }
}

fn topics(bank: &Arc<Bank>, choices: RwSignal<Custom>) -> impl IntoView {
    let domains = bank.blueprint.domains.iter().map(|d| {
        let sections = d.sections.iter().map(|s| {
            let objectives = s.objectives.iter().map(|o| {
                let id = o.id.clone();
                let on_change = id.clone();
                view! {
                    <li class="topic">
                        <input type="checkbox" id=format!("o-{id}")
                            prop:checked=move || choices.with(|c| c.objectives.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                choices.update(|c| c.set_objective(&on_change, on));
                            }/>
                        <label for=format!("o-{}", o.id)>{o.statement.clone()}</label>
                    </li>
                }
            }).collect_view();
            let (b, id) = (bank.clone(), s.id.clone());
            let checked = Memo::new(move |_| choices.with(|c| c.section_checked(&b, &id)));
            let (b, id) = (bank.clone(), s.id.clone());
            view! {
                <li>
                    {topic_box(format!("s-{}", s.id), s.title.clone(), checked, move |on| {
                        choices.update(|c| c.set_section(&b, &id, on));
                    })}
                    <details>
                        <summary>{format!("{} objectives", s.objectives.len())}<span class="sr-only">{format!(" of {}", s.title)}</span></summary>
                        <ul class="objectives">{objectives}</ul>
                    </details>
                </li>
            }
        }).collect_view();
        let (b, id) = (bank.clone(), d.id.clone());
        let checked = Memo::new(move |_| choices.with(|c| c.domain_checked(&b, &id)));
        let (b, id) = (bank.clone(), d.id.clone());
        view! {
            <li class="topic-domain">
                {topic_box(format!("d-{}", d.id), d.title.clone(), checked, move |on| {
                    choices.update(|c| c.set_domain(&b, &id, on));
                })}
                <ul class="sections">{sections}</ul>
            </li>
        }
    }).collect_view();
    view! { <ul class="topics">{domains}</ul> }
}

/// The builder, filled in from a link's query when there is one.
pub fn custom(query: Option<String>) -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    let seed = browser::random_u64();
    let (initial, link_problem) = match &query {
        None => (Custom::new(seed), None),
        Some(q) => match Custom::parse(&bank, q, seed) {
            Ok(c) => (c, None),
            Err(e) => (
                Custom::new(seed),
                Some(format!(
                    "This link could not be read: {e}. Choose again below."
                )),
            ),
        },
    };
    let shared = query.is_some() && link_problem.is_none();
    let choices = RwSignal::new(initial);
    let key = app.exam_key();
    let b = bank.clone();
    let size = Memo::new(move |_| {
        app.record
            .with(|r| choices.with(|c| c.size(&b, r.exam(&key))))
    });
    let b = bank.clone();
    let minutes = move || choices.with(|c| c.duration_minutes(&b, size.get()));
    let exam_open = move || app.exam.with(|a| a.is_some());
    let blocked = move || choices.with(|c| c.feedback == Feedback::AtEnd) && exam_open();
    let b = bank.clone();
    let link = Memo::new(move |_| {
        let q = choices.with(|c| c.to_query(&b));
        browser::page_link(&Route::Custom(Some(q)).to_hash()).unwrap_or_default()
    });
    let summary = move || {
        let chosen = choices.with(|c| c.objectives.len());
        let n = size.get();
        let wanted = choices.with(|c| c.count);
        let pick = choices.with(|c| c.pick);
        match (chosen, n) {
            (0, _) => "Choose at least one topic.".to_string(),
            (_, 0) => format!("No questions match: none of the chosen topics is “{}” yet.", pick.label().to_lowercase()),
            (_, 1) if wanted > 1 => "Only 1 question matches, so this practice has 1.".to_string(),
            (_, n) if n < wanted => format!("{n} questions match, so this practice has {n} (fewer than the {wanted} asked for)."),
            (_, 1) => "This practice has 1 question.".to_string(),
            (_, n) => format!("This practice has {n} questions."),
        }
    };
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let custom = choices.get_untracked();
        if let Err(e) = app.start_custom(&custom) {
            app.banner(BannerKind::Warning, e);
        }
    };
    let pick_choice = move |pick: Pick| {
        let id = format!("pick-{}", pick.name());
        view! {
            <div class="chip">
                <input type="radio" name="pick" id=id.clone() prop:checked=move || choices.with(|c| c.pick == pick)
                    on:change=move |_| choices.update(|c| c.pick = pick)/>
                <label for=id>{pick.label()}</label>
            </div>
        }
    };
    let feedback_choice = move |value: Feedback, id: &'static str, label: &'static str| {
        view! {
            <div class="opt">
                <input type="radio" name="feedback" id=id prop:checked=move || choices.with(|c| c.feedback == value)
                    on:change=move |_| choices.update(|c| c.feedback = value)/>
                <label for=id>{label}</label>
            </div>
        }
    };
    let b = bank.clone();
    let pace = move || {
        let bp = &b.blueprint;
        format!(
            "at the exam's pace ({} minutes for {} questions)",
            bp.duration_minutes, bp.question_count
        )
    };
    view! {
        <h1 tabindex="-1">"Custom practice"</h1>
        <p class="lead">"Choose the topics, how many questions, which ones, and when you see the answers."</p>
        {link_problem.map(|p| view! { <p class="error">{p}</p> })}
        {shared.then(|| view! { <p class="notice">"Opened from a shared link: starting it draws the same questions in the same order as for whoever shared it (with “Any question”)."</p> })}
        <form class="custom" on:submit=start>
            <section class="panel">
                <fieldset>
                    <legend>"Topics"</legend>
                    {topics(&bank, choices)}
                </fieldset>
            </section>
            <section class="panel">
                <fieldset>
                    <legend>"Questions"</legend>
                    <label class="field" for="custom-count">"How many (1–"{MAX_COUNT.to_string()}")"</label>
                    <input id="custom-count" class="count-input" type="number" inputmode="numeric" min="1" max=MAX_COUNT.to_string() required
                        prop:value=move || choices.with(|c| c.count.to_string())
                        on:change=move |ev| {
                            let n = event_target_value(&ev).trim().parse::<usize>().unwrap_or(0).clamp(1, MAX_COUNT);
                            choices.update(|c| c.count = n);
                        }/>
                </fieldset>
                <fieldset class="filters">
                    <legend>"Which questions"</legend>
                    {Pick::ALL.into_iter().map(pick_choice).collect_view()}
                </fieldset>
            </section>
            <section class="panel">
                <fieldset class="options">
                    <legend>"Timing"</legend>
                    <div class="opt">
                        <input type="checkbox" id="custom-timed" prop:checked=move || choices.with(|c| c.timed)
                            on:change=move |ev| { let on = event_target_checked(&ev); choices.update(|c| c.timed = on); }/>
                        <label for="custom-timed">
                            {move || match minutes() {
                                Some(m) => format!("Timed: {m} minute{}", if m == 1 { "" } else { "s" }),
                                None => "Timed".to_string(),
                            }}
                            <small>{move || format!(" {}", pace())}</small>
                        </label>
                    </div>
                </fieldset>
                <fieldset class="options">
                    <legend>"Feedback"</legend>
                    {feedback_choice(Feedback::EachQuestion, "feedback-each", "After each question, with the explanation")}
                    {feedback_choice(Feedback::AtEnd, "feedback-end", "At the end, with a results page, as in the exam")}
                </fieldset>
            </section>
            <section class="panel start-panel">
                <p id="custom-summary" aria-live="polite">{summary}</p>
                {move || blocked().then(|| view! {
                    <p class="warn-text">"You have an unfinished practice exam. Resume or discard it from the home page before starting one with feedback at the end."</p>
                })}
                <button type="submit" class="btn primary" disabled=move || size.get() == 0 || blocked()>"Start practice"</button>
                <p class="share">"Link to this practice: "<a class="share-link" href=move || link.get()>{move || link.get()}</a></p>
            </section>
        </form>
    }
}
