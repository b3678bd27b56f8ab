//! Split points: the pages the browser fetches on first use instead of with the app shell.
//!
//! `scripts/build-web.sh` runs `wasm-split-cli` over the build: the functions of each
//! `#[wasm_split(module)]` group below go into that module's wasm chunk (code both groups use
//! goes into a shared chunk), fetched the first time one of them is called. The shell keeps the
//! home page, the state, storage and the bank loader; the exam and results pages arrive
//! together when one of them is first opened, the quick check and drill page on its own (a
//! visitor's first question should not wait for the exam's code), progress and settings
//! together, and the chunk of the page a visitor lands on is requested while the bank is still
//! loading. The shell also calls into those chunks (asynchronously) to start a full exam or
//! drill, to submit at time-out and for the keys of the study pages, so that code stays out of
//! the shell too.
//! The bank's content check is a chunk of its own, fetched at start-up beside a bank from
//! elsewhere (`?bank=`); the site's own bank was checked when it was built. So is the code that
//! reads, merges and writes the stored progress record (`storage`): fetched at start-up when a
//! record is stored, else at the visitor's first action, so a first visit's first page does
//! not wait for it.
//! (Leptos's `#[lazy]` is the same macro with one chunk per function; grouping means fewer,
//! better-compressed files.)

use crate::app::{App, BannerKind};
use crate::browser;
use crate::logic::keys::KeyAction;
use crate::logic::route::Route;
use crate::pages;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use quiz_core::assembly::Scope;
use quiz_core::attempt::Mode;
use quiz_core::Bank;
use std::future::Future;
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

// `exam`: the full exam and its results; `practice`: quick checks and drills (the question view
// both use goes into a shared chunk); `records`: progress and settings. `fallible`: a chunk that cannot be fetched (offline before
// the service worker cached it) is an error the page shows, not a crash.
#[wasm_split(exam, wasm_split_path = ::leptos::wasm_split, preload(preload_exam), fallible)]
fn exam_page() -> Result<AnyView, SplitLoaderError> {
    Ok(pages::exam::Exam().into_any())
}

#[wasm_split(practice, wasm_split_path = ::leptos::wasm_split, preload(preload_practice), fallible)]
fn practice_page(scope: Option<Scope>) -> Result<AnyView, SplitLoaderError> {
    Ok(pages::practice::practice(scope).into_any())
}

// `review`: the spaced-review session's own code (which questions are due, the page with nothing
// due); the question view it shares with quick checks comes in a chunk they share.
#[wasm_split(review, wasm_split_path = ::leptos::wasm_split, preload(preload_review), fallible)]
fn review_page() -> Result<AnyView, SplitLoaderError> {
    Ok(pages::practice::review().into_any())
}

// The custom-practice builder is in the `review` group too: both build a session from the
// record, and a group of its own cost the first quick-check question 8 KB (the code it shares
// with quick checks and exams split the chunks quick checks fetch into more, smaller files, each
// compressed apart: `practice` went from 7 files and 64.9 KB to 12 and 73.2 KB). Starting what it
// built opens the exam page (feedback at the end) or the quick-check page (after each).
#[wasm_split(review, wasm_split_path = ::leptos::wasm_split, preload(preload_custom), fallible)]
fn custom_page(query: Option<String>) -> Result<AnyView, SplitLoaderError> {
    Ok(pages::custom::custom(query).into_any())
}

#[wasm_split(exam, wasm_split_path = ::leptos::wasm_split, preload(preload_results), fallible)]
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

// What the shell asks of the `exam` and `practice` code: starting and submitting exams, and
// keys on their pages. Running them through the chunks keeps assembly, scoring and the study
// pages' logic out of the shell.
#[wasm_split(exam, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start_exam_in_chunk(app: App) -> Result<Result<(), String>, SplitLoaderError> {
    Ok(app.start_exam())
}

#[wasm_split(practice, wasm_split_path = ::leptos::wasm_split, fallible)]
fn start_drill_in_chunk(app: App) -> Result<Result<(), String>, SplitLoaderError> {
    Ok(app.start_practice(Mode::Drill, Scope::All, pages::home::DRILL_COUNT))
}

#[wasm_split(exam, wasm_split_path = ::leptos::wasm_split, fallible)]
fn submit_exam_in_chunk(app: App) -> Result<(), SplitLoaderError> {
    app.submit_exam();
    Ok(())
}

#[wasm_split(exam, wasm_split_path = ::leptos::wasm_split, fallible)]
fn exam_key_in_chunk(app: App, action: KeyAction) -> Result<(), SplitLoaderError> {
    pages::exam::key(app, action);
    Ok(())
}

#[wasm_split(practice, wasm_split_path = ::leptos::wasm_split, fallible)]
fn practice_key_in_chunk(app: App, action: KeyAction) -> Result<(), SplitLoaderError> {
    pages::practice::key(app, action);
    Ok(())
}

// Home's readiness panel (the estimated score and the checklist) is the progress page's: its
// arithmetic stays in the `records` chunk, fetched once home is on screen.
#[wasm_split(records, wasm_split_path = ::leptos::wasm_split, preload(preload_readiness), fallible)]
fn readiness_in_chunk() -> Result<AnyView, SplitLoaderError> {
    Ok(pages::progress::readiness_panel().into_any())
}

/// Home's readiness panel (in the section headed `#ready-title`): fetches the `records` chunk
/// when the panel comes near the viewport (below the fold on a phone: then not at start-up) and
/// shows the panel once it is in; a "Loading…" line meanwhile, nothing if it cannot be fetched
/// (the link to the progress page stays). That line is marked `later`: it may wait for the
/// visitor to scroll, so `boot.js` does not count it as part of the first screen.
pub fn readiness() -> AnyView {
    let chunks = expect_context::<Chunks>();
    browser::when_near("ready-title", move || chunks.fetch(&Route::Progress));
    let state = chunks.state(Group::Records);
    (move || match state.get() {
        Load::Ready => untrack(|| poll_once(readiness_in_chunk()))
            .and_then(Result::ok)
            .unwrap_or_else(|| ().into_any()),
        Load::Failed => ().into_any(),
        Load::NotYet | Load::Loading => {
            view! { <p class="loading later" aria-busy="true">"Loading…"</p> }.into_any()
        }
    })
    .into_any()
}

// `schedule`: the review schedule's replay (rs-fsrs and chrono, about 20 KB gzip), in a chunk of
// its own so that no page waits for it: fetched once answers are missing from the schedule
// (after an answer is recorded, or at start).
#[wasm_split(schedule, wasm_split_path = ::leptos::wasm_split, fallible)]
fn refresh_schedule_in_chunk(app: App) -> Result<(), SplitLoaderError> {
    let key = app.exam_key();
    app.record.update(|r| r.exam_mut(&key).rebuild_schedule());
    app.save();
    Ok(())
}

/// Brings the review schedule up to date when answers are missing from it (at start after the
/// blog embed or another tab recorded some, a record of an older format, an import): the
/// `schedule` chunk replays it and the record is saved. Nothing is fetched when the schedule is
/// up to date.
pub fn refresh_schedule(app: App) {
    let key = app.exam_key();
    let stale = app
        .record
        .with_untracked(|r| r.exam(&key).is_some_and(|e| e.schedule_is_stale()));
    if stale {
        replay_schedule(app);
    }
}

/// Replays the review schedule in the `schedule` chunk and saves: after an answer is recorded,
/// which can change a rating without a later time ("I guessed" ticked in the same millisecond).
pub fn replay_schedule(app: App) {
    leptos::task::spawn_local(async move {
        let _ = refresh_schedule_in_chunk(app).await;
    });
}

// `check`: the content rules a bank from elsewhere must pass (about 17 KB gzip). The shell shows
// the home page from the bank as soon as it is read; other pages wait for the check.
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

/// Starts fetching the content check, at start-up, while a bank from elsewhere downloads.
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
            Ok(Err(why)) => app.load_failed(format!("{why} ({url})")),
            Ok(Ok(exam_problem)) => {
                app.exam_problem.set(exam_problem);
                crate::app::bank_checked(app, bank);
            }
            Err(_) => crate::app::bank_checked(app, bank),
        }
    });
}

// `storage`: the stored progress record's reader (every version and its migration), the save
// plan (what another tab stored merged in, unreadable text kept aside first), the writer, and
// the record's bookkeeping of a practice's answers (`study::finish`, per-question statistics):
// 16 KB gzip off the shell that a first visit's first question does not need (the group is
// 29 KB with the chunks it shares with the pages). One split function, so one
// loader: once it has loaded, every job runs at once (`poll_once`), which a save on leaving the
// page needs.
pub enum StorageJob {
    /// Read the record stored at start-up.
    Read(String),
    /// Fold in what another tab stored.
    Merge(String),
    /// Record the practices not recorded yet, then save ([`App::save`]).
    Save,
}

#[wasm_split(storage, wasm_split_path = ::leptos::wasm_split, preload(preload_storage), fallible)]
fn storage_in_chunk(app: App, job: StorageJob) -> Result<(), SplitLoaderError> {
    match job {
        StorageJob::Read(raw) => crate::app::read_record(app, raw),
        StorageJob::Merge(raw) => crate::app::merge_stored(app, &raw),
        StorageJob::Save => {
            app.record_unrecorded();
            app.write_record();
        }
    }
    Ok(())
}

/// The `storage` chunk is in: its jobs complete on the first poll.
static STORAGE_IN: AtomicBool = AtomicBool::new(false);

/// Runs a storage job once its chunk is in; `false` if it could not be fetched.
async fn storage(app: App, job: StorageJob) -> bool {
    let done = storage_in_chunk(app, job).await.is_ok();
    if done {
        STORAGE_IN.store(true, Ordering::Relaxed);
    }
    done
}

/// Starts fetching the `storage` chunk unless it is in: at the visitor's first action (every
/// save follows one). A stored record is read at start-up, which fetches it then.
pub fn fetch_storage() {
    if STORAGE_IN.load(Ordering::Relaxed) {
        return;
    }
    leptos::task::spawn_local(async {
        if preload_storage().await.is_ok() {
            STORAGE_IN.store(true, Ordering::Relaxed);
        }
    });
}

/// Reads the record stored at start-up; `false` if the code to read it could not be fetched
/// (nothing is then written over it: saves need that code too).
pub async fn read_record(app: App, raw: String) -> bool {
    storage(app, StorageJob::Read(raw)).await
}

/// Folds in the record another tab stored.
pub fn merge_stored(app: App, raw: String) {
    leptos::task::spawn_local(async move {
        storage(app, StorageJob::Merge(raw)).await;
    });
}

pub const NOT_SAVED: &str = "Part of the app did not download, so progress is not being saved. Check the connection: your answers are kept in this tab until you close it, and your next answer tries again to save them.";

/// Saves at once when the `storage` chunk is in (leaving the page saves before it goes), else
/// once it arrives; says so if it cannot be fetched.
pub fn save(app: App) {
    if STORAGE_IN.load(Ordering::Relaxed)
        && poll_once(storage_in_chunk(app, StorageJob::Save)).is_some()
    {
        return;
    }
    leptos::task::spawn_local(async move {
        if !storage(app, StorageJob::Save).await {
            app.banner(BannerKind::Warning, NOT_SAVED);
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
        let _ = if exam {
            exam_key_in_chunk(app, action).await
        } else {
            practice_key_in_chunk(app, action).await
        };
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
    exam: RwSignal<Load>,
    practice: RwSignal<Load>,
    review: RwSignal<Load>,
    records: RwSignal<Load>,
}

/// A group of pages split out of the shell: one `#[wasm_split]` group above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Exam,
    Practice,
    Review,
    Records,
}

// Only the test that holds boot.js to `group_of` needs the names.
#[cfg(test)]
impl Group {
    /// The group's name in the `#[wasm_split]` attributes and in `static/boot.js`.
    fn name(self) -> &'static str {
        match self {
            Group::Exam => "exam",
            Group::Practice => "practice",
            Group::Review => "review",
            Group::Records => "records",
        }
    }
}

/// The chunk group that holds `route`'s page (`None`: the page is in the shell).
/// `static/boot.js` preloads by the same map (its `ROUTE_GROUPS`, checked against this by a
/// test).
pub fn group_of(route: &Route) -> Option<Group> {
    match route {
        Route::Home => None,
        Route::Exam | Route::Results(_) => Some(Group::Exam),
        Route::Quick(_) => Some(Group::Practice),
        Route::Review | Route::Custom(_) => Some(Group::Review),
        Route::Progress | Route::Settings => Some(Group::Records),
    }
}

impl Chunks {
    pub fn new() -> Self {
        Chunks {
            exam: RwSignal::new(Load::NotYet),
            practice: RwSignal::new(Load::NotYet),
            review: RwSignal::new(Load::NotYet),
            records: RwSignal::new(Load::NotYet),
        }
    }

    /// The load state of a group's chunk.
    fn state(&self, group: Group) -> RwSignal<Load> {
        match group {
            Group::Exam => self.exam,
            Group::Practice => self.practice,
            Group::Review => self.review,
            Group::Records => self.records,
        }
    }

    /// The load state of the chunk `route`'s page is in (`None`: the page is in the shell).
    fn of(&self, route: &Route) -> Option<RwSignal<Load>> {
        group_of(route).map(|group| self.state(group))
    }

    /// Starts fetching the chunk of `route`'s page unless it is in or on its way (at start-up
    /// this runs while the question bank loads, so both arrive together).
    pub fn fetch(&self, route: &Route) {
        let Some(group) = group_of(route) else { return };
        let state = self.state(group);
        if matches!(state.get_untracked(), Load::Loading | Load::Ready) {
            return;
        }
        state.set(Load::Loading);
        leptos::task::spawn_local(async move {
            // Every split function has its own loader; the chunk is fetched once (the JS loader
            // shares it), and each loader must have seen it before `build` can poll once.
            let loaded = match group {
                Group::Exam => {
                    async {
                        preload_exam().await?;
                        preload_results().await
                    }
                    .await
                }
                Group::Practice => preload_practice().await,
                Group::Review => {
                    async {
                        preload_review().await?;
                        preload_custom().await
                    }
                    .await
                }
                Group::Records => {
                    async {
                        preload_progress().await?;
                        preload_settings().await?;
                        preload_readiness().await
                    }
                    .await
                }
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
        Route::Review => poll_once(review_page()),
        Route::Custom(query) => poll_once(custom_page(query)),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of `static/boot.js` that starts with `start`.
    fn boot_js_line(start: &str) -> &'static str {
        include_str!("../static/boot.js")
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("boot.js has a line starting {start:?}"))
    }

    /// boot.js preloads the `storage` chunk when a record is stored, under the app's key.
    #[test]
    fn boot_js_looks_for_the_record_under_the_apps_key() {
        assert_eq!(
            boot_js_line("const STORAGE_KEY = "),
            format!("const STORAGE_KEY = '{}';", browser::STORAGE_KEY)
        );
    }

    /// boot.js preloads a route's chunk before the wasm runs, by its own copy of the map.
    #[test]
    fn boot_js_preloads_the_chunk_each_route_needs() {
        let line = boot_js_line("const ROUTE_GROUPS = {");
        let body = &line[line.find('{').unwrap() + 1..line.rfind('}').unwrap()];
        let boot_map: Vec<(String, String)> = body
            .split(',')
            .map(|pair| {
                let (k, v) = pair.split_once(':').expect("key: 'group'");
                (
                    k.trim().to_string(),
                    v.trim().trim_matches('\'').to_string(),
                )
            })
            .collect();
        let routes = [
            Route::Home,
            Route::Exam,
            Route::Quick(None),
            Route::Review,
            Route::Custom(None),
            Route::Results("x".into()),
            Route::Progress,
            Route::Settings,
        ];
        for route in routes {
            let hash = route.to_hash();
            let segment = hash.trim_start_matches("#/").split('/').next().unwrap();
            let in_boot = boot_map
                .iter()
                .find(|(k, _)| k == segment)
                .map(|(_, v)| v.as_str());
            assert_eq!(in_boot, group_of(&route).map(Group::name), "route {hash}");
        }
        for (segment, _) in &boot_map {
            // `#/results` alone is no route; `#/results/ID` is.
            let held = [format!("#/{segment}"), format!("#/{segment}/x")]
                .iter()
                .any(|hash| group_of(&Route::parse(hash)).is_some());
            assert!(held, "boot.js names #/{segment}, which no chunk holds");
        }
    }
}
