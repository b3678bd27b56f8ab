//! Results: score, pass/fail, per-domain chart, per-section table, time, review, retake.

use super::charts::bar_chart_view;
use crate::app::{App, BannerKind};
use crate::browser::now_ms;
use crate::content;
use crate::logic::keys;
use crate::logic::time_text;
use leptos::prelude::*;
use quiz_core::assembly::Scope;
use quiz_core::attempt::{Mode, Status, SubmitReason};
use quiz_core::safe_html::{self, PageHtml};
use quiz_core::scoring::{self, Breakdown};
use quiz_core::study::{self, ReviewFilter};
use std::collections::BTreeSet;

#[derive(Clone)]
struct Item {
    index: usize,
    question_id: String,
    correct: bool,
    flagged: bool,
    /// Your choices and the order options were shown in, when this session still has them.
    selected: Option<BTreeSet<String>>,
    order: Option<Vec<String>>,
}

pub fn results(id: String) -> impl IntoView {
    let app = use_context::<App>().expect("app");
    let bank = app.bank();
    let full = app
        .finished
        .with_untracked(|f| f.iter().find(|a| a.id == id).cloned());
    if let Some(ids) = full
        .as_ref()
        .map(content::ids_of)
        .filter(|ids| !content::ready(app, ids))
    {
        return content::when_loaded(app, ids, move || results(id.clone()).into_any());
    }
    let record = app.record.with_untracked(|r| {
        r.exam(&app.exam_key())
            .and_then(|e| e.attempts.iter().find(|a| a.id == id).cloned())
    });

    let (
        percent,
        passed,
        correct,
        total,
        time_used,
        timed_out,
        domains,
        sections,
        items,
        missed,
        mode,
    ) = if let Some(a) = &full {
        let report = scoring::score(&bank, a, now_ms());
        let items: Vec<Item> = report
            .items
            .iter()
            .map(|i| Item {
                index: i.index,
                question_id: i.question_id.clone(),
                correct: i.correct,
                flagged: i.flagged,
                selected: Some(a.responses[i.index].selected.clone()),
                order: Some(a.paper.items[i.index].option_order.clone()),
            })
            .collect();
        let domains: Vec<(String, u32)> = report
            .domains
            .iter()
            .map(|d| (d.title.clone(), d.tally.percent()))
            .collect();
        let timed_out = matches!(
            a.status,
            Status::Submitted {
                reason: SubmitReason::TimeUp,
                ..
            }
        );
        let missed = study::retake_missed(&report).map(|(s, _)| s);
        (
            report.percent,
            report.passed,
            report.overall.correct,
            report.overall.total,
            Some(report.time_used_ms),
            timed_out,
            domains,
            Some(report.sections.clone()),
            items,
            missed,
            a.mode,
        )
    } else if let Some(r) = &record {
        let items: Vec<Item> = r
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| Item {
                index: i,
                question_id: o.question_id.clone(),
                correct: o.correct,
                flagged: o.flagged,
                selected: None,
                order: None,
            })
            .collect();
        let domains: Vec<(String, u32)> = r
            .domains
            .iter()
            .map(|(id, c, t)| {
                let title = bank
                    .blueprint
                    .domains
                    .iter()
                    .find(|d| &d.id == id)
                    .map(|d| d.title.clone())
                    .unwrap_or_else(|| id.clone());
                (
                    title,
                    scoring::Tally {
                        correct: *c,
                        total: *t,
                    }
                    .percent(),
                )
            })
            .collect();
        let wrong: Vec<String> = r
            .outcomes
            .iter()
            .filter(|o| !o.correct)
            .map(|o| o.question_id.clone())
            .collect();
        let correct = r.outcomes.iter().filter(|o| o.correct).count() as u32;
        let missed = (!wrong.is_empty()).then_some(Scope::Questions(wrong));
        (
            r.percent,
            r.passed,
            correct,
            r.outcomes.len() as u32,
            Some(r.finished_ms.saturating_sub(r.started_ms)),
            false,
            domains,
            None,
            items,
            missed,
            r.mode,
        )
    } else {
        return view! {
            <section class="panel">
                <h1 tabindex="-1">"Result not found"</h1>
                <p>"This attempt is not in your progress record."</p>
                <a class="btn" href="#/progress">"See all attempts"</a>
            </section>
        }
        .into_any();
    };
    let pass_percent = bank.blueprint.pass_percent;
    let what = mode.label();
    let verdict = if passed { "Pass" } else { "Not yet a pass" };

    let section_table = sections.map(|rows: Vec<Breakdown>| {
        let rows = rows.into_iter().map(|s| view! {
            <tr>
                <th scope="row">{s.title}</th>
                <td class="num">{format!("{} / {}", s.tally.correct, s.tally.total)}</td>
                <td class="num">{format!("{}%", s.tally.percent())}</td>
            </tr>
        }).collect_view();
        view! {
            <section class="panel" aria-labelledby="sec-title">
                <h2 id="sec-title">"By section"</h2>
                <div class="table-wrap">
                    <table>
                        <thead><tr><th scope="col">"Section"</th><th scope="col" class="num">"Correct"</th><th scope="col" class="num">"Score"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });

    let retake = missed.map(|scope| view! {
        <button type="button" class="btn primary" on:click=move |_| {
            if let Err(e) = app.start_retake(scope.clone()) { app.banner(BannerKind::Warning, e); }
        }>"Retake only the ones I missed"</button>
    });

    // Same bank + same seed = same exam: a link a candidate can send to a study partner.
    let share = full
        .as_ref()
        .filter(|a| a.mode == Mode::Exam)
        .and_then(|a| crate::browser::exam_link(a.paper.seed))
        .map(|href| {
            let text = href.clone();
            view! { <p class="share">"Share this exam: "<a href=href class="share-link">{text}</a></p> }
        });

    let count_wrong = items.iter().filter(|i| !i.correct).count();
    let count_flagged = items.iter().filter(|i| i.flagged).count();
    let filter = RwSignal::new(ReviewFilter::initial(count_wrong));
    let items_all = items.clone();
    let b2 = bank.clone();
    let review = move || {
        let f = filter.get();
        let shown: Vec<Item> = items_all
            .iter()
            .filter(|i| f.shows(i.correct, i.flagged))
            .cloned()
            .collect();
        if shown.is_empty() {
            return view! { <p class="empty">"No questions match this filter."</p> }.into_any();
        }
        shown
            .into_iter()
            .map(|i| review_item(&b2, i))
            .collect_view()
            .into_any()
    };
    let filter_input = move |value: ReviewFilter, label: String| {
        let id = match value {
            ReviewFilter::All => "filter-all",
            ReviewFilter::Wrong => "filter-wrong",
            ReviewFilter::Flagged => "filter-flagged",
        };
        view! {
            <span class="chip">
                <input type="radio" name="review-filter" id=id prop:checked=move || filter.get() == value on:change=move |_| filter.set(value)/>
                <label for=id>{label}</label>
            </span>
        }
    };

    view! {
        <section class="panel result-head" class:pass=passed>
            <h1 tabindex="-1">{format!("{what} result: {percent}%")}</h1>
            {share}
            <p class="verdict"><strong>{verdict}</strong>{format!(" — pass mark {pass_percent}%")}</p>
            <dl class="facts">
                <div><dt>"Correct"</dt><dd>{format!("{correct} of {total}")}</dd></div>
                {time_used.map(|t| view! { <div><dt>"Time used"</dt><dd>{time_text::duration_words(t)}</dd></div> })}
                {timed_out.then(|| view! { <div><dt>"Submitted"</dt><dd>"when time ran out"</dd></div> })}
            </dl>
            <div class="row">
                {retake}
                <a class="btn" href="#/">"Home"</a>
                <a class="btn" href="#/progress">"Progress"</a>
            </div>
        </section>
        <section class="panel" aria-labelledby="dom-title">
            <h2 id="dom-title">"By domain"</h2>
            {bar_chart_view(domains, pass_percent, "Score per domain against the pass mark")}
        </section>
        {section_table}
        <section class="panel" aria-labelledby="review-title">
            <h2 id="review-title">"Review"</h2>
            {full.is_none().then(|| view! { <p class="hint">"Your own choices are only kept until the tab closes; here you see which questions you got right and the correct answers."</p> })}
            <fieldset class="filters">
                <legend>"Show"</legend>
                {filter_input(ReviewFilter::All, format!("All ({})", items.len()))}
                {filter_input(ReviewFilter::Wrong, format!("Wrong only ({count_wrong})"))}
                {filter_input(ReviewFilter::Flagged, format!("Flagged only ({count_flagged})"))}
            </fieldset>
            <div class="review">{review}</div>
        </section>
    }
    .into_any()
}

fn review_item(bank: &quiz_core::Bank, item: Item) -> impl IntoView {
    let Some(q) = bank.question(&item.question_id).cloned() else {
        return view! { <article class="review-item"><h3>{format!("Question {} (no longer in the bank)", item.index + 1)}</h3></article> }.into_any();
    };
    let order = item
        .order
        .clone()
        .unwrap_or_else(|| q.options.iter().map(|o| o.id.clone()).collect());
    let status = if item.correct {
        "Correct"
    } else if item.selected.as_ref().is_some_and(|s| s.is_empty()) {
        "Unanswered"
    } else {
        "Wrong"
    };
    let opts = order.iter().enumerate().filter_map(|(pos, oid)| {
        let o = q.option(oid)?.clone();
        let mine = item.selected.as_ref().map(|s| s.contains(oid));
        let mut class = String::from("ropt");
        if o.correct { class.push_str(" right"); }
        if mine == Some(true) && !o.correct { class.push_str(" wrong"); }
        let mut tags = Vec::new();
        if mine == Some(true) { tags.push("Your answer"); }
        if o.correct { tags.push("Correct answer"); }
        Some(view! {
            <li class=class>
                <span class="letter" aria-hidden="true">{keys::option_letter(pos).to_string()}</span>
                <div class="ropt-body">
                    <div class="opt-text" inner_html=PageHtml::from_bank(&o.text).into_string()></div>
                    {(!tags.is_empty()).then(|| view! { <p class="tags">{tags.join(" · ")}</p> })}
                    <div class="reason" inner_html=PageHtml::from_bank(&o.reason).into_string()></div>
                </div>
            </li>
        })
    }).collect_view();
    // One row per question, collapsed: a 59-question review stays a page a phone can scroll.
    let glimpse = safe_html::summary(&q.stem, 90);
    view! {
        <details class="review-item" class:is-wrong=!item.correct>
            <summary>
                <h3>
                    {format!("Question {} — {status}", item.index + 1)}
                    {item.flagged.then(|| view! { <span class="badge flag">"Flagged"</span> })}
                </h3>
                <span class="glimpse">{glimpse}</span>
            </summary>
            <div class="stem" inner_html=PageHtml::from_bank(&q.stem).into_string()></div>
            <ul class="ropts">{opts}</ul>
            <div class="explanation"><h4>"Explanation"</h4><div inner_html=PageHtml::from_bank(&q.explanation).into_string()></div></div>
            {super::sources::sources(&q, true)}
            {super::note::study_note(bank, &q.objective, true)}
        </details>
    }
    .into_any()
}
