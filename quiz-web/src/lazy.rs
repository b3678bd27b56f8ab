//! Split points: the pages the browser fetches on first use instead of with the app shell.
//!
//! `scripts/build-web.sh` runs `wasm-split-cli` over the build: the functions of each
//! `#[wasm_split(module)]` group below go into that module's wasm chunk (code both groups use
//! goes into a shared chunk), fetched the first time one of them is called. The shell keeps the
//! home page, the state, storage and the bank loader; the exam, practice and results pages
//! arrive together when one of them is first opened, progress and settings likewise, and the
//! chunk of the page a visitor lands on is requested while the bank is still loading. The shell
//! also calls into `study` (asynchronously) to start a full exam or drill, to submit at
//! time-out and for the keys of the study pages, so that code stays out of the shell too.
//! The bank's content check is a chunk of its own, fetched at start-up beside the bank.
//! (Leptos's `#[lazy]` is the same macro with one chunk per function; grouping means fewer,
//! better-compressed files.)

use crate::app::{App, BannerKind};
use crate::pages;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use quiz_core::assembly::Scope;
use quiz_core::attempt::Mode;
use quiz_core::study::{KeyAction, Route};
use quiz_core::Bank;
use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

// `study`: the pages a candidate answers questions on (they share the question view);
// `records`: progress and settings. `fallible`: a chunk that cannot be fetched (offline before
// the service worker cached it) is an error the page shows, not a crash.
#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, preload(preload_exam), fallible)]
fn exam_page() -> Result<AnyView, SplitLoaderError> {
    Ok(pages::exam::Exam().into_any())
}

#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, preload(preload_practice), fallible)]
fn practice_page(scope: Option<Scope>) -> Result<AnyView, SplitLoaderError> {
    Ok(pages::practice::practice(scope).into_any())
}

#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, preload(preload_results), fallible)]
fn results_page(id: String) -> Result<AnyView, SplitLoaderError> {
    Ok(pages::results::results(id).into_any())
}

#[wasm_split(records, wasm_split_path = ::leptos::wasm_split, preload(preload_progress), fallible)]
fn progress_page() -> Result<AnyView, SplitLoaderError> {
    Ok(pages::progress::Progress().into_any())
}

#[wasm_split(records, wasm_split_path = ::leptos::wasm_split, preload(preload_settings), fallible)]
fn settings_page() -> Result<AnyView, SplitLoaderError> {
    Ok(pages::settings::Settings().into_any())
}

// What the shell asks of the `study` code: starting and submitting exams, and keys on the
// study pages. Running them through the chunk keeps assembly, scoring and the study pages'
// logic out of the shell.
#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start_exam_in_chunk(app: App) -> Result<Result<(), String>, SplitLoaderError> {
    Ok(app.start_exam())
}

#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start_drill_in_chunk(app: App) -> Result<Result<(), String>, SplitLoaderError> {
    Ok(app.start_practice(Mode::Drill, Scope::All, pages::home::DRILL_COUNT))
}

#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, fallible)]
fn submit_exam_in_chunk(app: App) -> Result<(), SplitLoaderError> {
    app.submit_exam();
    Ok(())
}

#[wasm_split(study, wasm_split_path = ::leptos::wasm_split, fallible)]
fn study_key_in_chunk(app: App, exam: bool, action: KeyAction) -> Result<(), SplitLoaderError> {
    if exam {
        pages::exam::key(app, action);
    } else {
        pages::practice::key(app, action);
    }
    Ok(())
}

// `check`: the content rules the bank must pass (about 13 KB gzip). The shell shows the home page
// from the bank as soon as it is read; other pages wait for the check.
#[wasm_split(check, wasm_split_path = ::leptos::wasm_split, preload(preload_check), fallible)]
fn check_bank_in_chunk(
    bank: Arc<Bank>,
) -> Result<Result<Option<String>, String>, SplitLoaderError> {
    Ok(match quiz_core::bundle::check(&bank) {
        Ok(()) => Ok(quiz_core::assembly::check_full_exam(&bank)
            .err()
            .map(|e| e.to_string())),
        Err(e) => Err(e.to_string()),
    })
}

/// Starts fetching the content check, at start-up, while the bank downloads.
pub fn fetch_checks() {
    leptos::task::spawn_local(async {
        let _ = preload_check().await;
    });
}

/// Runs the content check on the bank read from `url`: a bank that fails shows its first error
/// instead of the app; one too small for a full exam says so on the home page. If the check
/// cannot be fetched (offline before the service worker kept it), the bank, read as strictly as
/// the CLI reads it, is used unchecked.
pub fn check_bank(app: App, bank: Arc<Bank>, url: String) {
    leptos::task::spawn_local(async move {
        match check_bank_in_chunk(bank.clone()).await {
            Ok(Err(why)) => app.load_error.set(Some(format!("{why} ({url})"))),
            Ok(Ok(exam_problem)) => {
                app.exam_problem.set(exam_problem);
                crate::app::bank_checked(app, bank);
            }
            Err(_) => crate::app::bank_checked(app, bank),
        }
    });
}

pub const NOT_DOWNLOADED: &str =
    "Part of the app did not download. Check the connection and try again.";

/// Starts a full exam (and opens it), or says why not.
pub fn start_exam(app: App) {
    leptos::task::spawn_local(async move {
        match start_exam_in_chunk(app).await {
            Ok(Ok(())) => {}
            Ok(Err(why)) => app.banner(BannerKind::Warning, why),
            Err(_) => app.banner(BannerKind::Warning, NOT_DOWNLOADED),
        }
    });
}

/// Starts a drill over the whole bank (and opens it), or says why not.
pub fn start_drill(app: App) {
    leptos::task::spawn_local(async move {
        match start_drill_in_chunk(app).await {
            Ok(Ok(())) => app.navigate(Route::Quick(None)),
            Ok(Err(why)) => app.banner(BannerKind::Warning, why),
            Err(_) => app.banner(BannerKind::Warning, NOT_DOWNLOADED),
        }
    });
}

/// Submits the exam (its time is up). Submitting twice is harmless: the second finds no exam.
pub fn submit_exam(app: App) {
    leptos::task::spawn_local(async move {
        if submit_exam_in_chunk(app).await.is_err() {
            app.banner(BannerKind::Warning, NOT_DOWNLOADED);
        }
    });
}

/// A key on the exam (`exam`) or quick-check page; those pages are open, so their code is in.
pub fn study_key(app: App, exam: bool, action: KeyAction) {
    leptos::task::spawn_local(async move {
        let _ = study_key_in_chunk(app, exam, action).await;
    });
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    NotYet,
    Loading,
    Ready,
    Failed,
}

/// Where each chunk stands. Provided as context by the root; `page` re-renders when a chunk
/// arrives.
#[derive(Clone, Copy)]
pub struct Chunks {
    study: RwSignal<Load>,
    records: RwSignal<Load>,
}

impl Chunks {
    pub fn new() -> Self {
        Chunks {
            study: RwSignal::new(Load::NotYet),
            records: RwSignal::new(Load::NotYet),
        }
    }

    /// The load state of the chunk `route`'s page is in (`None`: the page is in the shell).
    /// (`static/boot.js` preloads by the same routes; change both together.)
    fn of(&self, route: &Route) -> Option<RwSignal<Load>> {
        match route {
            Route::Home => None,
            Route::Exam | Route::Quick(_) | Route::Results(_) => Some(self.study),
            Route::Progress | Route::Settings => Some(self.records),
        }
    }

    /// Starts fetching the chunk of `route`'s page unless it is in or on its way (at start-up
    /// this runs while the question bank loads, so both arrive together).
    pub fn fetch(&self, route: &Route) {
        let Some(state) = self.of(route) else { return };
        if matches!(state.get_untracked(), Load::Loading | Load::Ready) {
            return;
        }
        state.set(Load::Loading);
        let study = state == self.study;
        leptos::task::spawn_local(async move {
            // Every split function has its own loader; the chunk is fetched once (the JS loader
            // shares it), and each loader must have seen it before `build` can poll once.
            let loaded = if study {
                async {
                    preload_exam().await?;
                    preload_practice().await?;
                    preload_results().await
                }
                .await
            } else {
                async {
                    preload_progress().await?;
                    preload_settings().await
                }
                .await
            };
            state.set(if loaded.is_ok() {
                Load::Ready
            } else {
                Load::Failed
            });
        });
    }
}

/// The page for a route: home at once; another page once its chunk is in (a short "Opening…"
/// line shows meanwhile, usually for a frame or two), or a retry button if it cannot be fetched.
/// Pages are built untracked, in the owner of the closure that shows them, exactly as if they
/// were in the shell.
pub fn page(route: Route) -> AnyView {
    let chunks = expect_context::<Chunks>();
    let Some(state) = chunks.of(&route) else {
        return pages::home::Home().into_any();
    };
    chunks.fetch(&route);
    (move || match state.get() {
        Load::Ready => untrack(|| build(route.clone())),
        Load::Failed => {
            let again = route.clone();
            view! {
                <section class="panel">
                    <h1 tabindex="-1">"This page could not be opened"</h1>
                    <p>{NOT_DOWNLOADED}</p>
                    <button type="button" class="btn primary" on:click=move |_| chunks.fetch(&again)>"Try again"</button>
                </section>
            }
            .into_any()
        }
        Load::NotYet | Load::Loading => view! { <p class="loading" aria-busy="true">"Opening…"</p> }.into_any(),
    })
    .into_any()
}

/// Builds a page whose chunk is loaded: its split function then completes on the first poll.
fn build(route: Route) -> AnyView {
    let built = match route {
        Route::Home => Some(Ok(pages::home::Home().into_any())),
        Route::Exam => poll_once(exam_page()),
        Route::Quick(scope) => poll_once(practice_page(scope)),
        Route::Results(id) => poll_once(results_page(id)),
        Route::Progress => poll_once(progress_page()),
        Route::Settings => poll_once(settings_page()),
    };
    built
        .and_then(Result::ok)
        .unwrap_or_else(|| view! { <p class="loading" aria-busy="true">"Opening…"</p> }.into_any())
}

fn poll_once<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = pin!(future);
    match future
        .as_mut()
        .poll(&mut Context::from_waker(Waker::noop()))
    {
        Poll::Ready(value) => Some(value),
        Poll::Pending => None,
    }
}
