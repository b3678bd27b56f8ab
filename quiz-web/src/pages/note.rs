//! The study note for an objective (what to know, the trap), shown after a quick-check answer
//! and in the review of results.

use leptos::prelude::*;
use quiz_core::safe_html::PageHtml;
use quiz_core::Bank;

/// The note for `objective`, or nothing when the bank has none. `collapsed` shows it as a
/// disclosure (the results review lists many questions).
pub fn study_note(bank: &Bank, objective: &str, collapsed: bool) -> Option<AnyView> {
    let note = bank.note_for(objective)?.clone();
    let statement = bank
        .objective(objective)
        .map(|o| o.statement.clone())
        .unwrap_or_default();
    let body = view! {
        <p class="objective">{statement}</p>
        <h4>"Know"</h4>
        <div inner_html=PageHtml::from_bank(&note.know).into_string()></div>
        <h4>"Trap"</h4>
        <div inner_html=PageHtml::from_bank(&note.trap).into_string()></div>
    };
    Some(if collapsed {
        view! { <details class="note"><summary>"Study note for this objective"</summary>{body}</details> }.into_any()
    } else {
        view! { <aside class="note" aria-label="Study note"><h3>"Study note"</h3>{body}</aside> }
            .into_any()
    })
}
