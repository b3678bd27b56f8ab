//! The text of the questions a page shows. At start-up the app reads the bank's index and its
//! outline (every question without its text: enough for home, drawing exams and scoring); a
//! page that shows questions names them here, and their shards are fetched (once; the service
//! worker keeps them) and merged into the bank before the page appears. Which shards hold which
//! questions, and the merge, are quiz-core's (`bundle::shards_holding`, `bundle::with_shards`).

use crate::app::App;
use crate::browser;
use leptos::prelude::*;
use quiz_core::bundle::{self, Index, Outline, ShardId};
use quiz_core::Bank;
use std::sync::Arc;

/// What the app knows of the bank's pieces (the app's `pieces`).
#[derive(Clone, Copy)]
pub struct Pieces {
    /// The index's address, against which shard paths resolve.
    url: StoredValue<String>,
    index: StoredValue<Option<Arc<Index>>>,
    outline: StoredValue<Option<Arc<Outline>>>,
    /// Shards merged into the bank so far.
    loaded: RwSignal<Vec<ShardId>>,
    /// Shards being fetched now (not asked for again meanwhile).
    pending: StoredValue<Vec<ShardId>>,
    /// The last load failed (a retry clears it).
    failed: RwSignal<bool>,
}

impl Pieces {
    pub fn new() -> Self {
        Pieces {
            url: StoredValue::new(String::new()),
            index: StoredValue::new(None),
            outline: StoredValue::new(None),
            loaded: RwSignal::new(vec![]),
            pending: StoredValue::new(vec![]),
            failed: RwSignal::new(false),
        }
    }

    /// Records the bank that was read at start-up.
    pub fn set(&self, url: String, index: Index, outline: Outline) {
        self.url.set_value(url);
        self.index.set_value(Some(Arc::new(index)));
        self.outline.set_value(Some(Arc::new(outline)));
    }

    /// The shards that hold `ids` and are not merged yet (none before the bank is read).
    fn missing(&self, ids: &[String]) -> Vec<ShardId> {
        let Some(outline) = self.outline.get_value() else {
            return vec![];
        };
        let loaded = self.loaded.get_untracked();
        let Some(index) = self.index.get_value() else {
            return vec![];
        };
        bundle::shards_holding(&index, &outline, ids)
            .into_iter()
            .filter(|s| !loaded.contains(s))
            .collect()
    }

    /// Fetches the shards holding `ids` (but those on their way already) and merges them into
    /// the app's bank. Safe to call from a view that re-runs: it writes no signal unless it
    /// starts a fetch after a failure.
    fn load(&self, app: App, ids: Vec<String>) {
        let pieces = *self;
        let Some(index) = self.index.get_value() else {
            return;
        };
        let pending = self.pending.get_value();
        let missing: Vec<ShardId> = self
            .missing(&ids)
            .into_iter()
            .filter(|s| !pending.contains(s))
            .collect();
        if missing.is_empty() {
            return;
        }
        self.pending
            .update_value(|p| p.extend(missing.iter().cloned()));
        if self.failed.get_untracked() {
            self.failed.set(false);
        }
        let url = self.url.get_value();
        leptos::task::spawn_local(async move {
            let urls: Vec<String> = missing
                .iter()
                .map(|s| browser::beside(&url, &index.shard_path(s)))
                .collect();
            let read = match browser::fetch_all_json(&urls).await {
                Ok(values) => quiz_js::bank::shards(&values).ok(),
                Err(_) => None,
            };
            pieces
                .pending
                .update_value(|p| p.retain(|s| !missing.contains(s)));
            let Some(shards) = read else {
                pieces.failed.set(true);
                return;
            };
            // Filled in place when no page holds the bank any more, else in a copy (made with
            // `Bank::new`, which the shell has: a derived `Clone` of the bank's indexes cost the
            // quick check's code 0.7 KB gzip).
            app.bank.update(|bank| {
                if let Some(current) = bank.take() {
                    let owned = Arc::try_unwrap(current).unwrap_or_else(|shared| {
                        Bank::new(
                            shared.blueprint.clone(),
                            shared.questions.clone(),
                            shared.notes.clone(),
                        )
                    });
                    *bank = Some(Arc::new(bundle::with_shards(owned, shards)));
                }
            });
            pieces.loaded.update(|l| l.extend(missing));
        });
    }
}

/// The questions of an attempt.
pub fn ids_of(attempt: &quiz_core::Attempt) -> Vec<String> {
    attempt
        .paper
        .items
        .iter()
        .map(|i| i.question_id.clone())
        .collect()
}

/// The question an attempt shows now (none past its end).
fn on_screen(attempt: &quiz_core::Attempt) -> Vec<String> {
    attempt
        .paper
        .items
        .get(attempt.current)
        .map(|i| i.question_id.clone())
        .into_iter()
        .collect()
}

/// For a page that shows `attempt` one question at a time (an exam, a quick check): the
/// question on screen first, the others while the candidate reads it. `None` once the question
/// on screen has its text (the others are then on their way); until then, what to show
/// instead ([`when_loaded`] with `build`, the page itself).
pub fn on_screen_first(
    app: App,
    attempt: RwSignal<Option<quiz_core::Attempt>>,
    build: impl Fn() -> AnyView + Send + Sync + 'static,
) -> Option<AnyView> {
    let (ids, on_screen) = attempt.with_untracked(|a| {
        a.as_ref()
            .map(|a| (ids_of(a), on_screen(a)))
            .unwrap_or_default()
    });
    if !ready(app, &on_screen) {
        return Some(when_loaded(app, on_screen, build));
    }
    // After the question on screen is painted, so that nothing competes with it for the line.
    browser::after_next_paint(move || prefetch(app, ids));
    None
}

/// Whether the text of the questions `ids` is in the bank.
pub fn ready(app: App, ids: &[String]) -> bool {
    app.pieces.missing(ids).is_empty()
}

/// Starts fetching the text of the questions `ids` (what is in or on its way is not fetched
/// again), for a page that will show them soon: the rest of an exam while its first question
/// is read.
pub fn prefetch(app: App, ids: Vec<String>) {
    app.pieces.load(app, ids);
}

/// Shows `build()` once the text of the questions `ids` is in; meanwhile [`waiting`].
/// `build` runs untracked, like any page.
pub fn when_loaded(
    app: App,
    ids: Vec<String>,
    build: impl Fn() -> AnyView + Send + Sync + 'static,
) -> AnyView {
    let pieces = app.pieces;
    if pieces.missing(&ids).is_empty() {
        return build();
    }
    pieces.load(app, ids.clone());
    // Once built, the page depends on nothing here: `missing` reads untracked, and only
    // `waiting` tracks the shards' arrival, so shards arriving later (an exam's others) never
    // build the page again.
    (move || {
        if pieces.missing(&ids).is_empty() {
            return untrack(&build);
        }
        waiting(app, ids.clone())
    })
    .into_any()
}

/// What shows while the text of the questions `ids` is on its way (call it from a reactive
/// view: it re-runs when shards arrive): a short "Opening…" line, or a retry when a shard could
/// not be fetched.
pub fn waiting(app: App, ids: Vec<String>) -> AnyView {
    let pieces = app.pieces;
    pieces.loaded.track();
    if pieces.failed.get() {
        return view! {
            <section class="panel">
                <h1 tabindex="-1">"These questions could not be opened"</h1>
                <p>{crate::lazy::NOT_DOWNLOADED}</p>
                <button type="button" class="btn primary" on:click=move |_| pieces.load(app, ids.clone())>"Try again"</button>
            </section>
        }
        .into_any();
    }
    view! { <p class="loading" aria-busy="true">"Opening…"</p> }.into_any()
}
