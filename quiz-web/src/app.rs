//! App state, persistence, routing and the page shell.

use crate::browser::{self, now_ms, random_u64};
use crate::content;
use crate::lazy;
use crate::logic::bank_source;
use crate::logic::keys::{self, KeyAction};
use crate::logic::route::Route;
use crate::logic::time_text;
use leptos::prelude::*;
use quiz_core::assembly::{self, Scope};
use quiz_core::attempt::{Attempt, Mode};
use quiz_core::progress::{self, ProgressRecord, Theme};
use quiz_core::study;
use quiz_core::Bank;
use quiz_js::JsJson;
use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BannerKind {
    Info,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub id: u64,
    pub kind: BannerKind,
    pub text: String,
}

/// Everything the pages share. All fields are signals, so the struct is `Copy`.
#[derive(Clone, Copy)]
pub struct App {
    pub bank: RwSignal<Option<Arc<Bank>>>,
    /// The bank's origin when it is not the app's own (`?bank=` on another origin): every page
    /// says so, and its progress is kept apart ([`App::exam_key`]).
    pub foreign_origin: RwSignal<Option<String>>,
    /// The bank is read. The page is built again when this changes, not each time a page's
    /// questions arrive and `bank` is replaced (`content`), which would lose focus and the
    /// page's own state.
    pub bank_read: RwSignal<bool>,
    /// The bank passed the content check and the unfinished exam is resumed: pages other than
    /// home may open.
    pub checked: RwSignal<bool>,
    /// Why this bank cannot make a full exam (too few questions in a domain), once checked.
    pub exam_problem: RwSignal<Option<String>>,
    pub load_error: RwSignal<Option<String>>,
    pub record: RwSignal<ProgressRecord>,
    /// The unfinished timed exam (or retake) of this bank.
    pub exam: RwSignal<Option<Attempt>>,
    /// The quick check or drill in progress, kept in memory.
    pub practice: RwSignal<Option<Attempt>>,
    /// The timed practice in progress ran out of time (set by the clock's tick, which the
    /// quick-check page watches instead of the clock: it is then not rebuilt every second).
    pub practice_time_up: RwSignal<bool>,
    /// Attempts submitted in this session, for their full review.
    pub finished: RwSignal<Vec<Attempt>>,
    pub route: RwSignal<Route>,
    pub banners: RwSignal<Vec<Banner>>,
    pub now: RwSignal<u64>,
    /// Polite screen-reader announcement (timer milestones, time-out).
    pub announce: RwSignal<String>,
    /// Why the last pick on the question on screen was refused ("choose 2 …"), whether it came
    /// from a pointer or a key: the question's notice shows it (`pages::question`).
    pub pick_notice: RwSignal<String>,
    pub discarded: RwSignal<Vec<String>>,
    quota_warned: RwSignal<bool>,
    /// Unreadable stored progress already copied to a backup key. Unreadable stored text that is
    /// not this (storage was full at start-up, or another tab or app version wrote it) is copied
    /// aside before anything is written over it.
    kept_aside: RwSignal<Option<String>>,
    /// The text this tab last wrote: stored text still equal to it holds nothing from another
    /// tab, so a save need not read it again.
    written: RwSignal<Option<String>>,
    /// A save is scheduled for after the next frame ([`App::save_after_paint`]).
    save_pending: RwSignal<bool>,
    /// The bank's pieces: which question texts are in, which are on their way.
    pub pieces: content::Pieces,
    /// A record was stored when the app started (a first visit has none).
    stored_at_start: bool,
}

thread_local! {
    /// Quick checks and drills as they stood at a checked answer, with the time, not yet
    /// recorded in the app's record: the next save records them first
    /// ([`App::record_unrecorded`], in the `storage` chunk, which holds the record's
    /// bookkeeping). Kept until then, whatever the visitor does meanwhile, also when that chunk
    /// cannot be fetched. (Not a `StoredValue` in `App`: its write guard cost the quick check's
    /// code 0.35 KB gzip.)
    static UNRECORDED: RefCell<Vec<(Attempt, u64)>> = const { RefCell::new(Vec::new()) };
}

impl App {
    fn new(stored_at_start: bool) -> Self {
        App {
            bank: RwSignal::new(None),
            foreign_origin: RwSignal::new(browser::foreign_bank_origin()),
            bank_read: RwSignal::new(false),
            checked: RwSignal::new(false),
            exam_problem: RwSignal::new(None),
            load_error: RwSignal::new(None),
            record: RwSignal::new(ProgressRecord::default()),
            exam: RwSignal::new(None),
            practice: RwSignal::new(None),
            practice_time_up: RwSignal::new(false),
            finished: RwSignal::new(Vec::new()),
            route: RwSignal::new(Route::parse(
                &window().location().hash().unwrap_or_default(),
            )),
            banners: RwSignal::new(Vec::new()),
            now: RwSignal::new(now_ms()),
            announce: RwSignal::new(String::new()),
            pick_notice: RwSignal::new(String::new()),
            discarded: RwSignal::new(Vec::new()),
            quota_warned: RwSignal::new(false),
            kept_aside: RwSignal::new(None),
            written: RwSignal::new(None),
            save_pending: RwSignal::new(false),
            pieces: content::Pieces::new(),
            stored_at_start,
        }
    }

    /// The bank cannot be used: says why, in place of any page.
    pub fn load_failed(&self, why: String) {
        self.load_error.set(Some(why));
        show_soon();
    }

    pub fn bank(&self) -> Arc<Bank> {
        self.bank.get_untracked().expect("bank loaded")
    }

    /// Where the bank's progress is kept in the record: its exam id, or for a bank from another
    /// origin that origin and its exam id ([`progress::exam_key`]).
    pub fn exam_key(&self) -> String {
        let id = self.bank().blueprint.id.clone();
        self.foreign_origin
            .with_untracked(|origin| progress::exam_key(&id, origin.as_deref()))
    }

    pub fn banner(&self, kind: BannerKind, text: impl Into<String>) {
        let text = text.into();
        self.banners.update(|b| {
            if !b.iter().any(|x| x.text == text) {
                b.push(Banner {
                    id: random_u64(),
                    kind,
                    text,
                });
            }
        });
    }

    pub fn navigate(&self, route: Route) {
        let hash = route.to_hash();
        if window().location().hash().unwrap_or_default() != hash {
            let _ = window().location().set_hash(&hash);
        }
        self.route.set(route);
        browser::scroll_top();
        browser::focus_later("main h1");
    }

    /// Saves the record (with the active exam) after merging in what another tab stored: at
    /// once when the `storage` chunk is in, else once it arrives ([`lazy::save`]).
    pub fn save(&self) {
        lazy::save(*self);
    }

    /// [`App::save`]'s work, run in the `storage` chunk: the save plan and the record's writer
    /// are not in the shell.
    pub(crate) fn write_record(&self) {
        if self.bank.with_untracked(Option::is_none) {
            return;
        }
        let mut mine = self.record.get_untracked();
        let exam = self.exam.get_untracked().filter(|a| !a.is_submitted());
        if let Some(a) = &exam {
            mine.exam_mut(&self.exam_key()).active = Some(a.clone());
        }
        let stored = browser::read_raw();
        let plan = self.kept_aside.with_untracked(|kept| {
            self.written.with_untracked(|written| {
                let stored = study::Stored {
                    text: stored.as_deref(),
                    kept_aside: kept.as_deref(),
                    written: written.as_deref(),
                };
                study::plan_save::<JsJson>(&mine, stored, &self.discarded.get_untracked())
            })
        });
        // Never write over unreadable progress before a copy of it is kept.
        if let Some(raw) = plan.back_up_first {
            let key = backup_key();
            if browser::write_raw(&key, &raw).is_err() {
                self.record.set(mine);
                return;
            }
            self.banner(BannerKind::Warning, format!("Saved progress in this browser could not be read, so a copy was kept under \"{key}\" before saving yours."));
            self.kept_aside.set(Some(raw));
        }
        let merged = plan.record;
        let text = merged.to_json_as::<JsJson>(false);
        match browser::write_raw(browser::STORAGE_KEY, &text) {
            Ok(()) => {
                self.quota_warned.set(false);
                self.written.set(Some(text));
            }
            Err(why) => {
                if !self.quota_warned.get_untracked() {
                    self.quota_warned.set(true);
                    let text = if why == "QuotaExceededError" {
                        "Storage is full, so progress is not being saved. You can keep going; your answers are kept in this tab until you close it."
                    } else {
                        "Progress cannot be saved in this browser right now. You can keep going; your answers are kept in this tab until you close it."
                    };
                    self.banner(BannerKind::Warning, text);
                }
            }
        }
        self.record.set(merged);
    }

    /// Saves once the frame that shows the change is painted (answers and checks: the feedback
    /// comes first). Several changes in one frame make one save; leaving the page saves at once.
    pub fn save_after_paint(&self) {
        if self.save_pending.get_untracked() {
            return;
        }
        self.save_pending.set(true);
        let app = *self;
        browser::after_next_paint(move || app.save_if_pending());
    }

    /// Runs the save [`App::save_after_paint`] scheduled, if it has not run yet.
    pub fn save_if_pending(&self) {
        if self.save_pending.get_untracked() {
            self.save_pending.set(false);
            self.save();
        }
    }

    pub fn settings(&self) -> progress::Settings {
        self.record.with_untracked(|r| r.settings.clone())
    }

    pub fn start_exam(&self) -> Result<(), String> {
        let bank = self.bank();
        let now = now_ms();
        let seed = browser::shared_seed().unwrap_or_else(random_u64);
        let paper = assembly::full_exam(&bank, seed, self.settings().shuffle_options)
            .map_err(|e| e.to_string())?;
        let attempt = Attempt::start(
            study::attempt_id(now, random_u64()),
            bank.blueprint.id.clone(),
            Mode::Exam,
            Scope::All,
            paper,
            now,
            Some(bank.blueprint.duration_minutes),
        );
        self.replace_exam(attempt);
        Ok(())
    }

    /// Starts "retake the ones I missed": an untimed paper of those questions.
    pub fn start_retake(&self, scope: Scope) -> Result<(), String> {
        let bank = self.bank();
        let now = now_ms();
        let count = match &scope {
            Scope::Questions(ids) => ids.len(),
            _ => 0,
        };
        let paper = assembly::quick_check(
            &bank,
            &scope,
            count,
            random_u64(),
            self.settings().shuffle_options,
        )
        .map_err(|e| e.to_string())?;
        let attempt = Attempt::start(
            study::attempt_id(now, random_u64()),
            bank.blueprint.id.clone(),
            Mode::Retake,
            scope,
            paper,
            now,
            None,
        );
        self.replace_exam(attempt);
        Ok(())
    }

    fn replace_exam(&self, attempt: Attempt) {
        if let Some(old) = self.exam.get_untracked() {
            self.discard(&old);
        }
        self.exam.set(Some(attempt));
        self.now.set(now_ms());
        self.save();
        self.navigate(Route::Exam);
    }

    fn discard(&self, old: &Attempt) {
        self.discarded.update(|d| d.push(old.id.clone()));
        let key = self.exam_key();
        self.record.update(|r| {
            let e = r.exam_mut(&key);
            if e.active.as_ref().is_some_and(|a| a.id == old.id) {
                e.active = None;
            }
        });
    }

    pub fn discard_exam(&self) {
        if let Some(old) = self.exam.get_untracked() {
            self.discard(&old);
            self.exam.set(None);
            self.save();
        }
    }

    /// Starts a quick check on `scope`, unless one on it is under way (a question not checked).
    pub fn ensure_quick_check(&self, scope: &Scope) -> Result<(), String> {
        let under_way = self.practice.with_untracked(|a| {
            a.as_ref().is_some_and(|a| {
                a.mode == Mode::QuickCheck
                    && &a.scope == scope
                    && a.responses.iter().any(|r| !r.checked)
            })
        });
        if under_way {
            return Ok(());
        }
        self.start_practice(
            Mode::QuickCheck,
            scope.clone(),
            crate::pages::home::QUICK_COUNT,
        )
    }

    pub fn start_practice(&self, mode: Mode, scope: Scope, count: usize) -> Result<(), String> {
        let bank = self.bank();
        let now = now_ms();
        let shuffle = self.settings().shuffle_options;
        let key = self.exam_key();
        let paper = match mode {
            Mode::Drill => {
                let stats = self
                    .record
                    .with_untracked(|r| r.exam(&key).map(|e| e.stats.clone()).unwrap_or_default());
                assembly::drill(&bank, &scope, &stats, count, random_u64(), shuffle)
            }
            _ => assembly::quick_check(&bank, &scope, count, random_u64(), shuffle),
        }
        .map_err(|e| e.to_string())?;
        let attempt = Attempt::start(
            study::attempt_id(now, random_u64()),
            bank.blueprint.id.clone(),
            mode,
            scope,
            paper,
            now,
            None,
        );
        self.begin_practice(attempt);
        Ok(())
    }

    /// Puts a new attempt on the quick-check page (its clock not run out).
    fn begin_practice(&self, attempt: Attempt) {
        self.practice_time_up.set(false);
        self.practice.set(Some(attempt));
    }

    /// Starts a custom practice and opens it: with feedback at the end it runs as an exam
    /// (navigator, flags, submit, a results page), with feedback after each as a quick check;
    /// timed, at the blueprint's pace.
    pub fn start_custom(&self, custom: &quiz_core::custom::Custom) -> Result<(), String> {
        let bank = self.bank();
        let now = now_ms();
        let key = self.exam_key();
        let shuffle = self.settings().shuffle_options;
        let paper = self
            .record
            .with_untracked(|r| custom.paper(&bank, r.exam(&key), shuffle))
            .map_err(|e| e.to_string())?;
        let ids = paper.items.iter().map(|i| i.question_id.clone()).collect();
        let minutes = custom.duration_minutes(&bank, paper.items.len());
        let attempt = Attempt::start(
            study::attempt_id(now, random_u64()),
            bank.blueprint.id.clone(),
            Mode::Custom,
            Scope::Questions(ids),
            paper,
            now,
            minutes,
        );
        match custom.feedback {
            quiz_core::custom::Feedback::AtEnd => self.replace_exam(attempt),
            quiz_core::custom::Feedback::EachQuestion => {
                self.begin_practice(attempt);
                self.now.set(now);
                self.navigate(Route::Quick(None));
            }
        }
        Ok(())
    }

    /// Applies a change to the exam and saves. Returns the change's error, if any.
    pub fn change_exam<T>(
        &self,
        f: impl FnOnce(&mut Attempt, &Bank, u64) -> Result<T, quiz_core::AttemptError>,
    ) -> Result<T, quiz_core::AttemptError> {
        let bank = self.bank();
        let now = now_ms();
        let mut out = Err(quiz_core::AttemptError::Submitted);
        self.exam.update(|a| {
            if let Some(a) = a {
                out = f(a, &bank, now);
            }
        });
        if self
            .exam
            .with_untracked(|a| a.as_ref().is_some_and(|a| a.is_past_deadline(now)))
        {
            // Through the exam's chunk, which holds the submission: the quick check's page
            // shares the question view that calls this, and its code then lacks the exam's
            // scoring and recording (5.2 KB gzip before its first question).
            lazy::submit_exam(*self);
        } else if out.is_ok() {
            self.save_after_paint();
        }
        out
    }

    /// Submits the exam (by hand or at time-out), records it and shows the results.
    pub fn submit_exam(&self) {
        let Some(mut attempt) = self.exam.get_untracked() else {
            return;
        };
        let bank = self.bank();
        let now = now_ms();
        let timed_out = attempt.is_past_deadline(now);
        let key = self.exam_key();
        if !attempt.is_submitted() {
            let _ = attempt.submit(now);
        }
        self.record.update(|r| {
            study::finish(r, &key, &bank, &attempt, now);
        });
        let id = attempt.id.clone();
        self.finished.update(|f| f.push(attempt));
        self.exam.set(None);
        self.save();
        lazy::replay_schedule(*self);
        if timed_out {
            self.announce
                .set("Time is up. Your exam was submitted.".into());
            self.banner(
                BannerKind::Info,
                "Time is up: your exam was submitted automatically with the answers given by then.",
            );
        }
        self.navigate(Route::Results(id));
    }

    /// Records a quick check or drill after each checked answer: keeps it as it stands now,
    /// and the save after the next paint records it ([`App::record_unrecorded`]).
    pub fn record_practice(&self) {
        let Some(attempt) = self.practice.get_untracked() else {
            return;
        };
        let now = now_ms();
        UNRECORDED.with_borrow_mut(|list| {
            list.retain(|(a, _)| a.id != attempt.id);
            list.push((attempt, now));
        });
        self.save_after_paint();
    }

    /// Records the practices kept by [`App::record_practice`] (run in the `storage` chunk before
    /// each save), then has the review schedule replayed.
    pub(crate) fn record_unrecorded(&self) {
        let list = UNRECORDED.take();
        if list.is_empty() {
            return;
        }
        let bank = self.bank();
        let key = self.exam_key();
        self.record.update(|r| {
            for (attempt, at) in &list {
                study::finish(r, &key, &bank, attempt, *at);
            }
        });
        lazy::replay_schedule(*self);
    }

    pub fn set_theme(&self, theme: Theme) {
        self.record.update(|r| r.settings.theme = theme);
        apply_theme(theme);
        self.save();
    }
}

pub fn apply_theme(theme: Theme) {
    browser::set_theme_attr(match theme {
        Theme::System => "system",
        Theme::Light => "light",
        Theme::Dark => "dark",
    });
}

/// A fresh key to keep a copy of unreadable stored progress under.
fn backup_key() -> String {
    format!("{}.backup.{}", browser::STORAGE_KEY, now_ms())
}

/// Reads the record stored at start-up (run in the `storage` chunk; nothing stored leaves the
/// empty record): one that cannot be used is kept aside under a backup key.
pub(crate) fn read_record(app: App, raw: String) {
    let loaded = progress::load_as::<JsJson>(Some(&raw));
    if let Some(problem) = &loaded.problem {
        let key = backup_key();
        let kept = browser::write_raw(&key, &raw).is_ok();
        let text = if kept {
            app.kept_aside.set(Some(raw));
            format!("Your saved progress could not be used ({problem}). A copy was kept in this browser under \"{key}\", and the app started fresh.")
        } else {
            format!("Your saved progress could not be used ({problem}). Storage is too full to keep a copy of it, so it is left untouched and new progress is not saved until there is room.")
        };
        app.banner(BannerKind::Warning, text);
    }
    apply_theme(loaded.record.settings.theme);
    app.record.set(loaded.record);
}

/// Another tab saved `raw`: folds its record into ours so both show the same history (run in
/// the `storage` chunk).
pub(crate) fn merge_stored(app: App, raw: &str) {
    let loaded = progress::load_as::<JsJson>(Some(raw));
    if loaded.problem.is_none() {
        app.record.update(|mine| mine.merge(&loaded.record));
    }
}

/// The app takes the page's place (the prerendered home, or the loading line) in the task after
/// the one that rendered what it has to show: a page, or why there is none.
fn show_soon() {
    set_timeout(browser::show_app, Duration::ZERO);
}

/// Why the bank could not be loaded: a piece could not be fetched, or could not be read.
enum Load {
    Fetch(String),
    Read(quiz_core::bundle::BundleError),
}

/// How many of the outline's questions are read in one task: about 30 ms at 4x CPU, so that
/// reading them all (625 took about 200 ms) never blocks input for long.
const OUTLINE_STEP: usize = 100;

/// The bank at `url`: its index, then its outline (the questions without their text, which
/// pages fetch when they show them: `content`).
async fn load_bank(url: &str, pieces: content::Pieces) -> Result<Bank, Load> {
    let (parsed, early_outline) = browser::fetch_bank(url).await.map_err(Load::Fetch)?;
    let index = parsed
        .map_err(quiz_core::bundle::BundleError::Unreadable)
        .and_then(|v| quiz_js::bank::index(&v))
        .map_err(Load::Read)?;
    let outline_url = browser::beside(url, &index.outline_path());
    let value = early_outline
        .json(&outline_url)
        .await
        .map_err(Load::Fetch)?;
    let mut reading = quiz_js::bank::outline_reading(&value).map_err(Load::Read)?;
    loop {
        browser::next_task().await;
        if !reading.step(OUTLINE_STEP) {
            break;
        }
    }
    let outline = reading.finish().map_err(Load::Read)?;
    let bank = quiz_core::bundle::outline_bank(&index, &outline).map_err(Load::Read)?;
    pieces.set(url.to_string(), index, outline);
    Ok(bank)
}

/// Called once the bank is read: the home page can show it. A bank from elsewhere (`?bank=`)
/// goes through the content check next ([`lazy::check_bank`]); the site's own bank passed it
/// when it was built (see [`browser::site_bank`]; the check's `not-enough-questions` error
/// means it also fills a full exam). Then [`bank_checked`].
fn bank_read(app: App, bank: Arc<Bank>, url: String) {
    document().set_title(&bank.blueprint.title);
    app.bank.set(Some(bank.clone()));
    app.bank_read.set(true);
    show_soon();
    // The page renders in this task; what follows waits for the next one, so that the first
    // paint is not held up by it.
    leptos::task::spawn_local(async move {
        browser::next_task().await;
        if browser::site_bank() {
            bank_checked(app, bank);
        } else {
            lazy::check_bank(app, bank, url);
        }
    });
}

/// Called once the bank passed the content check: resume the unfinished exam, or set it aside
/// if it no longer fits; the other pages can open.
pub fn bank_checked(app: App, bank: Arc<Bank>) {
    let mut record = app.record.get_untracked();
    let (resume, aside) = study::take_resumable(&mut record, &app.exam_key(), &bank);
    app.record.set(record);
    if let Some(a) = aside {
        app.discarded.update(|d| d.push(a.id.clone()));
        app.banner(
            BannerKind::Warning,
            "Your unfinished exam was set aside because the question bank has changed since it began. Start a new one when ready.",
        );
    }
    if let Some(mut a) = resume {
        let now = now_ms();
        if a.expire_if_due(now) {
            app.exam.set(Some(a));
            app.checked.set(true);
            lazy::submit_exam(app);
            return;
        }
        app.exam.set(Some(a));
    }
    if app.route.get_untracked() == Route::Exam && app.exam.get_untracked().is_none() {
        app.navigate(Route::Home);
    }
    // Stores what changed above (and an older format's record in the current one) once the
    // page this opens is painted: the first question does not wait for a write to storage. With
    // nothing stored there is nothing to change, and a first visit fetches no `storage` chunk
    // before its first page.
    app.checked.set(true);
    if app.stored_at_start {
        app.save_after_paint();
    }
    lazy::refresh_schedule(app);
}

fn tick(app: App) {
    let now = now_ms();
    let before = app.now.get_untracked();
    app.now.set(now);
    // A timed custom practice with feedback after each answer: its page ends itself at the
    // deadline (it watches `now`); the announcements are the exam's.
    let practice_left = app.practice.with_untracked(|a| {
        a.as_ref()
            .and_then(|a| Some((a.time_left_ms(before)?, a.time_left_ms(now)?)))
    });
    if let Some((left_before, left_now)) = practice_left {
        if left_before > 0 && left_now == 0 {
            app.practice_time_up.set(true);
            app.announce.set("Time is up. Your practice ended.".into());
        } else if let Some(text) = time_text::milestone(left_before, left_now) {
            app.announce.set(text);
        }
    }
    let Some((left_before, left_now, due)) = app.exam.with_untracked(|a| {
        a.as_ref().filter(|a| !a.is_submitted()).and_then(|a| {
            Some((
                a.time_left_ms(before)?,
                a.time_left_ms(now)?,
                a.is_past_deadline(now),
            ))
        })
    }) else {
        return;
    };
    if due {
        lazy::submit_exam(app);
    } else if let Some(text) = time_text::milestone(left_before, left_now) {
        app.announce.set(text);
    }
}

fn on_key(app: App, ev: web_sys::KeyboardEvent) {
    let modifier = ev.ctrl_key() || ev.alt_key() || ev.meta_key();
    let Some(action) = keys::key_action(&ev.key(), modifier) else {
        return;
    };
    if let Some(t) = ev.target() {
        use wasm_bindgen::JsCast;
        if let Some(el) = t.dyn_ref::<web_sys::HtmlElement>() {
            let tag = el.tag_name();
            let typ = el.get_attribute("type").unwrap_or_default();
            if tag == "TEXTAREA"
                || tag == "SELECT"
                || (tag == "INPUT" && typ != "radio" && typ != "checkbox")
            {
                return;
            }
        }
    }
    if document()
        .query_selector("[role=dialog]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    match app.route.get_untracked() {
        Route::Exam => {
            ev.prevent_default();
            lazy::study_key(app, true, action);
        }
        Route::Quick(_) | Route::Review if app.practice.with_untracked(|p| p.is_some()) => {
            if matches!(action, KeyAction::Pick(_) | KeyAction::Next) {
                ev.prevent_default();
                lazy::study_key(app, false, action);
            }
        }
        _ => {}
    }
}

#[component]
pub fn Root() -> impl IntoView {
    // A stored record is read in the `storage` chunk (which boot.js preloads), beside the bank
    // and as soon as that chunk is in, so that a chosen theme applies early; the pages open once
    // both are read. A first visit has none: its record is the empty one.
    let stored = browser::read_raw();
    let app = App::new(stored.is_some());
    provide_context(app);
    // A bank from another origin says so above every page: its questions are not this site's.
    if let Some(origin) = app.foreign_origin.get_untracked() {
        browser::show_source(&bank_source::source_label(&origin));
    }
    let _ = window_event_listener(leptos::ev::hashchange, move |_| {
        let route = Route::parse(&window().location().hash().unwrap_or_default());
        if route != app.route.get_untracked() {
            app.route.set(route);
            browser::scroll_top();
            browser::focus_later("main h1");
        }
    });
    // Every save follows something the visitor did, so their first action fetches the code
    // that saves (when no stored record fetched it at start-up).
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        lazy::fetch_storage();
        on_key(app, ev)
    });
    let _ = window_event_listener(leptos::ev::pointerdown, move |_| lazy::fetch_storage());
    let _ = window_event_listener(leptos::ev::pagehide, move |_| app.save_if_pending());
    let _ = window_event_listener(leptos::ev::storage, move |ev: web_sys::StorageEvent| {
        if ev.key().as_deref() == Some(browser::STORAGE_KEY) && app.bank.get_untracked().is_some() {
            if let Some(raw) = ev.new_value() {
                lazy::merge_stored(app, raw);
            }
        }
    });
    let _ = set_interval_with_handle(move || tick(app), Duration::from_secs(1));
    let chunks = lazy::Chunks::new();
    provide_context(chunks);
    let pieces = app.pieces;
    chunks.fetch(&app.route.get_untracked());
    if !browser::site_bank() {
        lazy::fetch_checks();
    }

    leptos::task::spawn_local(async move {
        let url = browser::bank_url();
        let record = async move {
            match stored {
                Some(raw) => lazy::read_record(app, raw).await,
                None => true,
            }
        };
        let (bank, record_read) = futures::future::join(load_bank(&url, pieces), record).await;
        if !record_read {
            app.load_failed(lazy::NOT_DOWNLOADED.into());
            return;
        }
        match bank {
            Ok(bank) => {
                browser::next_task().await;
                bank_read(app, Arc::new(bank), url)
            }
            Err(Load::Fetch(e)) => {
                app.load_failed(format!("The question bank could not be loaded: {e}"))
            }
            Err(Load::Read(e)) => app.load_failed(format!("{e} ({url})")),
        }
    });

    let nav_link = move |route: Route, label: &'static str| {
        let href = route.to_hash();
        let r2 = route.clone();
        view! {
            <a href=href aria-current=move || {
                let cur = app.route.get();
                let same = match (&cur, &r2) {
                    (Route::Results(_), Route::Progress) => false,
                    (a, b) => std::mem::discriminant(a) == std::mem::discriminant(b),
                };
                same.then_some("page")
            }>{label}</a>
        }
    };

    view! {
        <a class="skip" href="#main" on:click=move |ev| { ev.prevent_default(); browser::focus_later("main h1"); }>"Skip to content"</a>
        <header class="top">
            <div class="wrap top-inner">
                <a class="brand" href="#/">
                    {move || app.bank.with(|b| b.as_ref().map(|b| b.blueprint.title.clone()).unwrap_or_else(|| "Practice exam".into()))}
                </a>
                <nav aria-label="Main">
                    {nav_link(Route::Home, "Home")}
                    {nav_link(Route::Progress, "Progress")}
                    {nav_link(Route::Settings, "Settings")}
                </nav>
            </div>
        </header>
        <div class="sr-only" aria-live="polite" aria-atomic="true" id="announcer">{move || app.announce.get()}</div>
        <main id="main" class="wrap">
            <Banners/>
            {move || {
                if let Some(err) = app.load_error.get() {
                    return view! {
                        <section class="panel">
                            <h1 tabindex="-1">"The exam could not be opened"</h1>
                            <p class="error">{err}</p>
                            <p>"Check the address of the question bank, or try again later."</p>
                        </section>
                    }.into_any();
                }
                if !app.bank_read.get() {
                    return view! { <p class="loading" aria-busy="true">"Loading the question bank…"</p> }.into_any();
                }
                let route = app.route.get();
                if route != Route::Home && !app.checked.get() {
                    return view! { <p class="loading" aria-busy="true">"Opening…"</p> }.into_any();
                }
                untrack(move || lazy::page(route))
            }}
        </main>
    }
}

#[component]
fn Banners() -> impl IntoView {
    let app = use_context::<App>().expect("app");
    view! {
        <div class="banners">
            // A plain list, not a keyed `<For>`: banners are few, and the keyed list's code would
            // be in the shell for this one use.
            {move || app.banners.get().into_iter().map(|b| {
                let id = b.id;
                let class = match b.kind { BannerKind::Info => "banner info", BannerKind::Warning => "banner warn" };
                view! {
                    <div class=class role="status">
                        <p>{b.text}</p>
                        <button type="button" class="ghost" on:click=move |_| app.banners.update(|v| v.retain(|x| x.id != id))>
                            "Dismiss"
                        </button>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}
