//! Progress: history, score over time, per-domain accuracy, weakest objectives, readiness,
//! export, import and reset.

use super::charts::{bar_chart_view, line_chart_view};
use crate::app::{App, BannerKind};
use crate::browser;
use crate::logic::route::Route;
use leptos::prelude::*;
use quiz_core::assembly::Scope;
use quiz_core::estimate;
use quiz_core::progress::{self, ProgressRecord};
use quiz_core::study;
use wasm_bindgen::JsCast;

fn date(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

#[component]
pub fn Progress() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    let key = app.exam_key();
    let pass = bank.blueprint.pass_percent;
    let confirm_reset = RwSignal::new(false);
    let import_msg = RwSignal::new(String::new());

    let e1 = key.clone();
    let ep = move || {
        app.record
            .with(|r| r.exam(&e1).cloned().unwrap_or_default())
    };
    let b = bank.clone();
    let ep1 = ep.clone();
    let charts = move || {
        let ep = ep1();
        let scores: Vec<u32> = ep.exam_history().iter().map(|a| a.percent).collect();
        let domains: Vec<(String, u32)> = ep
            .domain_accuracy(&b)
            .into_iter()
            .map(|(id, t)| {
                (
                    b.blueprint
                        .domains
                        .iter()
                        .find(|d| d.id == id)
                        .map(|d| d.title.clone())
                        .unwrap_or(id),
                    t.percent(),
                )
            })
            .collect();
        let any = ep.stats.values().any(|s| s.seen > 0);
        view! {
            <section class="panel" aria-labelledby="trend-title">
                <h2 id="trend-title">"Practice exam scores"</h2>
                {line_chart_view(scores, pass)}
            </section>
            <section class="panel" aria-labelledby="acc-title">
                <h2 id="acc-title">"Accuracy by domain"</h2>
                {if any { bar_chart_view(domains, pass, "Accuracy per domain against the pass mark").into_any() } else { view! { <p class="empty">"Answer some questions to see this."</p> }.into_any() }}
            </section>
        }
    };
    let b2 = bank.clone();
    let ep2 = ep.clone();
    let weakest = move || {
        let ep = ep2();
        let rows = ep.weakest_objectives(&b2, 5);
        if rows.is_empty() {
            return view! { <p class="empty">"Nothing answered yet."</p> }.into_any();
        }
        rows.into_iter()
            .map(|(id, t)| {
                let label = b2.objective(&id).map(|o| o.statement.clone()).unwrap_or(id.clone());
                view! {
                    <li>
                        <span class="stmt">{label}</span>
                        <span class="meta">
                            <small>{format!("{}% right of {} answers", t.percent(), t.total)}</small>
                            <a href=Route::Quick(Some(Scope::Objective(id))).to_hash()>"Quick check"<span class="sr-only">" on this objective"</span></a>
                        </span>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let ep4 = ep.clone();
    let history = move || {
        let mut attempts = ep4().attempts.clone();
        quiz_core::order::sort_by(&mut attempts, |a, b| b.finished_ms.cmp(&a.finished_ms));
        if attempts.is_empty() {
            return view! { <p class="empty">"No attempts yet."</p> }.into_any();
        }
        let rows = attempts
            .into_iter()
            .map(|a| view! {
                <tr>
                    <td>{date(a.finished_ms)}</td>
                    <td>{a.mode.label()}</td>
                    <td class="num">{format!("{}", a.outcomes.len())}</td>
                    <td class="num">{format!("{}%", a.percent)}</td>
                    <td><a href=Route::Results(a.id.clone()).to_hash()>"Details"<span class="sr-only">{format!(" of the {} on {}", a.mode.label(), date(a.finished_ms))}</span></a></td>
                </tr>
            })
            .collect_view();
        view! {
            <div class="table-wrap">
                <table class="history">
                    <thead><tr><th scope="col">"Finished"</th><th scope="col">"Kind"</th><th scope="col" class="num">"Questions"</th><th scope="col" class="num">"Score"</th><th scope="col"><span class="sr-only">"Link"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };

    let export = move |_| {
        let text = app
            .record
            .with_untracked(|r| r.to_json_as::<quiz_js::JsJson>(true));
        let d = js_sys::Date::new_0();
        let name = format!(
            "quiz-progress-{:04}-{:02}-{:02}.json",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        );
        browser::download(&name, &text);
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            match browser::file_text(file).await {
                Ok(text) => {
                    let mut mine = app.record.get_untracked();
                    match study::import::<quiz_js::JsJson>(&mut mine, &text) {
                        Ok(n) => {
                            app.record.set(mine);
                            app.save();
                            crate::lazy::refresh_schedule(app);
                            import_msg.set(format!(
                                "Imported: {n} new attempt{} added.",
                                if n == 1 { "" } else { "s" }
                            ));
                        }
                        Err(p) => import_msg.set(format!("That file could not be imported: {p}.")),
                    }
                }
                Err(e) => import_msg.set(e),
            }
        });
    };
    let reset = move |_| {
        let settings = app.record.with_untracked(|r| r.settings.clone());
        if let Some(a) = app.exam.get_untracked() {
            app.discarded.update(|d| d.push(a.id.clone()));
        }
        app.exam.set(None);
        app.practice.set(None);
        app.finished.set(Vec::new());
        browser::remove_key(browser::STORAGE_KEY);
        app.record.set(ProgressRecord {
            settings,
            ..ProgressRecord::default()
        });
        app.save();
        confirm_reset.set(false);
        app.banner(BannerKind::Info, "Your progress was reset.");
        browser::focus_later("main h1");
    };

    view! {
        <h1 tabindex="-1">"Your progress"</h1>
        <section class="panel" aria-labelledby="ready2-title">
            <h2 id="ready2-title">"Am I ready?"</h2>
            {readiness_panel()}
        </section>
        {charts}
        <section class="panel" aria-labelledby="weak-title">
            <h2 id="weak-title">"Weakest objectives"</h2>
            <ul class="weak">{weakest}</ul>
        </section>
        <section class="panel" aria-labelledby="hist-title">
            <h2 id="hist-title">"Attempts"</h2>
            {history}
        </section>
        <section class="panel" aria-labelledby="data-title">
            <h2 id="data-title">"Your data"</h2>
            <p>"Progress is kept in this browser only. Export it to move it to another device, then import it there."</p>
            <div class="row">
                <button type="button" class="btn" on:click=export>"Export progress"</button>
                <label class="btn file">
                    "Import progress"
                    <input type="file" accept=".json,application/json" class="sr-only" on:change=import/>
                </label>
                <button type="button" class="btn danger" on:click=move |_| { confirm_reset.set(true); browser::focus_later("#reset-title"); }>"Reset progress…"</button>
            </div>
            <p class="notice" role="status" id="import-status">{move || import_msg.get()}</p>
            {move || confirm_reset.get().then(|| view! {
                <div class="confirm" role="group" aria-labelledby="reset-title">
                    <h3 id="reset-title" tabindex="-1">"Delete all progress for every exam?"</h3>
                    <p>"This removes your attempts and statistics from this browser. Export first if you may want them back."</p>
                    <div class="row">
                        <button type="button" class="btn danger" on:click=reset>"Yes, delete everything"</button>
                        <button type="button" class="btn" on:click=move |_| confirm_reset.set(false)>"Cancel"</button>
                    </div>
                </div>
            })}
        </section>
    }
}

/// "Am I ready?": the estimated score on a full exam with its range, the chance of passing and
/// the method in a sentence, then the readiness checklist. On the progress page, and on home
/// through the `records` chunk (`lazy::readiness`), so its arithmetic stays out of the shell.
pub fn readiness_panel() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    let key = app.exam_key();
    move || {
        let ep = app
            .record
            .with(|r| r.exam(&key).cloned().unwrap_or_default());
        let estimate = match estimate::estimate(&bank, &ep) {
            Some(e) => view! {
                <div class="estimate">
                    <p class="estimate-figure">{e.headline()}</p>
                    <p class="hint">{e.method()}</p>
                </div>
            }
            .into_any(),
            None => view! {
                <p class="hint">{format!("Answer at least {} questions to see an estimate of your score on the real exam.", estimate::MIN_ANSWERED)}</p>
            }
            .into_any(),
        };
        let items = progress::readiness(&bank, &ep);
        let done = items.iter().filter(|i| i.done).count();
        let list = items
            .into_iter()
            .map(|i| view! {
                <li class=if i.done { "done" } else { "todo" }>
                    <span class="mark" aria-hidden="true">{if i.done { "✓" } else { "○" }}</span>
                    <span><span class="sr-only">{if i.done { "Done: " } else { "Not yet: " }}</span>{i.label}<small>{format!(" — {}", i.detail)}</small></span>
                </li>
            })
            .collect_view();
        view! {
            {estimate}
            <p>{format!("{done} of 3 done · {} attempts recorded", ep.attempts.len())}</p>
            <ul class="checklist">{list}</ul>
        }
    }
}
