//! The documentation pages a question cites, shown after an answer and in the review as links
//! that open in a new tab without giving the opened page a handle on this one
//! (`rel="noopener noreferrer"`). Only addresses that `Reference::https_url` accepts become links.

use leptos::prelude::*;
use quiz_core::Question;

/// The question's sources under a heading (`h3` after an answer, `h4` inside a review item), or
/// nothing when it cites no usable page.
pub fn sources(question: &Question, in_review: bool) -> Option<AnyView> {
    let links: Vec<(String, String)> = question
        .references
        .iter()
        .filter_map(|r| r.https_url().map(|url| (r.title.clone(), url.to_string())))
        .collect();
    if links.is_empty() {
        return None;
    }
    let items = links
        .into_iter()
        .map(|(title, url)| {
            view! {
                <li><a href=url target="_blank" rel="noopener noreferrer">{title}<span class="sr-only">" (opens in a new tab)"</span></a></li>
            }
        })
        .collect_view();
    let list = view! { <ul>{items}</ul> };
    Some(if in_review {
        view! { <div class="sources"><h4>"Sources"</h4>{list}</div> }.into_any()
    } else {
        view! { <div class="sources"><h3>"Sources"</h3>{list}</div> }.into_any()
    })
}
