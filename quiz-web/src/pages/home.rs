//! Home: the exam at a glance, readiness, and the ways in.

use crate::app::App;
use crate::browser;
use crate::lazy;
use crate::logic::route::Route;
use crate::logic::time_text;
use leptos::prelude::*;
use quiz_core::assembly::{self, Scope};
use quiz_core::attempt::Mode;
use quiz_core::schedule;

pub const QUICK_COUNT: usize = 3;
pub const DRILL_COUNT: usize = 10;

#[component]
pub fn Home() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    let bp = bank.blueprint.clone();
    let counts = assembly::apportion(
        bp.question_count,
        &bp.domains
            .iter()
            .map(|d| d.weight_percent)
            .collect::<Vec<_>>(),
    );
    // Questions the spaced-review schedule says are due: a comparison of stored due times.
    let due_key = app.exam_key();
    let due = move || {
        app.record.with(|r| {
            r.exam(&due_key)
                .map_or(0, |e| schedule::due_count(e, browser::now_ms()))
        })
    };

    let start = move |_| lazy::start_exam(app);
    let drill = move |_| lazy::start_drill(app);

    let resume = move || {
        app.exam.with(|a| {
            a.as_ref().map(|a| {
                let t = a.answer_status();
                let left = a
                    .time_left_ms(app.now.get())
                    .map(|ms| format!(", {} left", time_text::clock(ms)))
                    .unwrap_or_default();
                let what = match a.mode {
                    Mode::Retake => "retake",
                    Mode::Custom => "custom practice",
                    _ => "practice exam",
                };
                (
                    what,
                    format!("{} of {} answered{left}", t.answered.len(), a.len()),
                )
            })
        })
    };

    let domains = bp.domains.iter().zip(counts).map(|(d, n)| {
        let route = Route::Quick(Some(Scope::Domain(d.id.clone()))).to_hash();
        view! {
            <tr>
                <th scope="row">
                    {d.title.clone()}
                    <br/>
                    <a class="row-link" href=route>"Quick check"<span class="sr-only">{format!(": {}", d.title)}</span></a>
                </th>
                <td class="num">{format!("{}%", d.weight_percent)}</td>
                <td class="num">{n}</td>
            </tr>
        }
    }).collect_view();

    view! {
        <section aria-labelledby="home-title">
            <h1 id="home-title" tabindex="-1">{bp.title.clone()}</h1>
            <p class="lead">
                {format!("{} questions · {} minutes · pass mark {}%", bp.question_count, bp.duration_minutes, bp.pass_percent)}
            </p>
        </section>

        <section class="panel" aria-labelledby="ways-title">
            <h2 id="ways-title">"Practise"</h2>
            {move || resume().map(|(what, detail)| view! {
                <div class="resume">
                    <p><strong>{format!("Unfinished {what}: ")}</strong>{detail}</p>
                    <div class="row">
                        <a class="btn primary" href="#/exam">{format!("Resume {what}")}</a>
                        <button type="button" class="btn" on:click=move |_| app.discard_exam()>"Discard it"</button>
                    </div>
                </div>
            })}
            <div class="ways">
                <div class="way">
                    <h3>"Full practice exam"</h3>
                    <p>{format!("{} questions by the blueprint weights, timed at {} minutes.", bp.question_count, bp.duration_minutes)}</p>
                    {move || match app.exam_problem.get() {
                        Some(e) => view! { <p class="error">{format!("Not available with this question bank: {e}.")}</p> }.into_any(),
                        None => view! {
                            <button type="button" class="btn primary" on:click=start
                                disabled=move || app.exam.with(|a| a.is_some())>"Start full exam"</button>
                        }.into_any(),
                    }}
                </div>
                <div class="way">
                    <h3>"Quick check"</h3>
                    <p>{format!("{QUICK_COUNT} questions from one domain, section or objective, with feedback after each answer.")}</p>
                    <a class="btn" href="#/quick">"Choose a topic"</a>
                </div>
                <div class="way">
                    <h3>"Spaced review"</h3>
                    {move || match due() {
                        0 => view! { <p>"Nothing due now. Questions you answer come back just before you would forget them."</p> }.into_any(),
                        n => view! {
                            <p><strong class="due">{format!("{n} due")}</strong>{format!(": {} you answered before, back at the right time to remember {}.", if n == 1 { "a question" } else { "questions" }, if n == 1 { "it" } else { "them" })}</p>
                            <a class="btn primary" href="#/review">{if n > schedule::SESSION_SIZE { format!("Review {} of them", schedule::SESSION_SIZE) } else { "Review them".to_string() }}</a>
                        }.into_any(),
                    }}
                </div>
                <div class="way">
                    <h3>"Custom practice"</h3>
                    <p>"Your choice of topics and number of questions, timed or not, with feedback after each answer or at the end."</p>
                    <a class="btn" href="#/custom">"Build a practice"</a>
                </div>
                <div class="way">
                    <h3>"Drill weak spots"</h3>
                    <p>{format!("Up to {DRILL_COUNT} questions: ones you missed first, then ones you have not seen.")}</p>
                    <button type="button" class="btn" on:click=drill>"Start drill"</button>
                </div>
            </div>
        </section>

        <section class="panel" aria-labelledby="bp-title">
            <h2 id="bp-title">"The exam at a glance"</h2>
            <div class="table-wrap">
                <table>
                    <caption class="sr-only">"Domains, their weight and questions per exam"</caption>
                    <thead><tr><th scope="col">"Domain"</th><th scope="col" class="num">"Weight"</th><th scope="col" class="num">"Questions"</th></tr></thead>
                    <tbody>{domains}</tbody>
                </table>
            </div>
        </section>

        <section class="panel" aria-labelledby="ready-title">
            <h2 id="ready-title">"Your readiness"</h2>
            {lazy::readiness()}
            <a href="#/progress">"See your progress"</a>
        </section>
        <p class="fineprint">{format!("Bank version {} · {} questions in the bank", bp.version, bank.questions.len())}</p>
    }
}
