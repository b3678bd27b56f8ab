//! The progress record the browser keeps: settings, and per exam the finished attempts, the
//! unfinished one, per-question stats (seen, correct, last seen) and the review schedule
//! (per-question memory, [`crate::schedule`]). Stats and schedule are derived: a replay of the
//! attempts ([`ExamProgress::rebuild_stats`]).
//!
//! The record carries a schema version. [`load`] turns any stored text into a usable record:
//! older versions are migrated; corrupted, foreign or newer-version text is reported as a
//! [`LoadProblem`] so the caller can keep it aside and start clean. Parsing never panics. The
//! current version's JSON shape is declared with its types here (`shape!`: serde's derives and
//! the reader/writer the browser runs from one declaration); [`crate::progress_format`] reads
//! every version and writes the current one.
//! [`ProgressRecord::merge`] unions two records (two tabs, or an imported file) without losing a
//! finished attempt.

use crate::assembly::Scope;
use crate::attempt::{Attempt, Mode};
use crate::json::JsonValue;
use crate::json_shape::{names, shape};
use crate::model::Bank;
use crate::order;
use crate::progress_format::{self, Header};
use crate::schedule::{self, Memory};
use crate::scoring::{score, Tally};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version [`ProgressRecord::to_json`] writes. Format 4 added the custom-practice mode
/// (`"mode": "custom"`, which a format-3 reader would reject); format 3 each exam's review
/// schedule and "I guessed" on answers; see [`progress_format::read_version`] for the older ones.
pub const CURRENT_VERSION: u32 = 4;

/// The localStorage key the record is kept under, by the study app and by the blog embed on the
/// app's origin (the embed's loader reads it from the embed's progress module, which exports it).
pub const STORAGE_KEY: &str = "quiz-progress";

/// The origin of a bank that is not from the page's own origin (`None`: the bank shipped with the
/// app, or another bank on its origin). Both origins as the browser gives them (`URL.origin`); an
/// opaque origin (`"null"`: a `data:` address) is never the page's own.
pub fn foreign_origin<'a>(page_origin: &str, bank_origin: &'a str) -> Option<&'a str> {
    (bank_origin != page_origin || bank_origin == "null").then_some(bank_origin)
}

/// Where a bank's progress is kept in [`ProgressRecord::exams`]. A bank from the page's own origin
/// keeps it under its exam id, as every record did before banks from elsewhere were told apart, so
/// those records stay where they are. A bank from another origin (see [`foreign_origin`]) keeps it
/// under `ORIGIN/EXAM-ID` (`https://example.org/pg-admin`): such a key always holds `/`, which
/// an exam id cannot (a lower-case-and-hyphens id), and an origin never does after its `//`, so a
/// bank from elsewhere that declares our exam id can never add to our exam's progress, nor to that
/// of a bank from a third origin. The study app and the blog embed both key by this.
pub fn exam_key(exam_id: &str, foreign_origin: Option<&str>) -> String {
    match foreign_origin {
        None => exam_id.to_string(),
        Some(origin) => format!("{origin}/{exam_id}"),
    }
}

/// The name of an origin to show people: its host (`example.org`, with a port if it has one), or
/// the origin itself when it has no host (`null`).
pub fn origin_host(origin: &str) -> &str {
    origin.split_once("://").map_or(origin, |(_, host)| host)
}

names! {
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Theme {
        #[default]
        System = "system",
        Light = "light",
        Dark = "dark",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: Theme,
    pub shuffle_options: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            shuffle_options: true,
        }
    }
}

shape! {
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct QuestionStat {
        pub seen: u32,
        pub correct: u32,
        pub last_seen_ms: u64,
        /// Whether the most recent answer was right; `None` when only legacy counts exist.
        #[serde(default)]
        pub last_correct: Option<bool>,
    }
}

shape! {
    /// One question's outcome in a recorded attempt.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Outcome {
        pub question_id: String,
        pub correct: bool,
        #[serde(default)]
        pub flagged: bool,
        /// The candidate marked the answer "I guessed" (a right one is then rated Hard, not Good).
        #[serde(default)]
        pub guessed: bool,
    }
}

shape! {
    /// A finished (or, for quick checks, partly answered) attempt as kept in history.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct AttemptRecord {
        pub id: String,
        pub mode: Mode,
        #[serde(default)]
        pub scope: Scope,
        pub started_ms: u64,
        pub finished_ms: u64,
        pub question_count: u32,
        pub percent: u32,
        pub passed: bool,
        /// (domain id, correct, total) for the domains the attempt touched.
        #[serde(default)]
        pub domains: Vec<(String, u32, u32)>,
        pub outcomes: Vec<Outcome>,
    }
}

/// Oldest finished first, then by id; what is left equal keeps its order.
fn finish_order(a: &AttemptRecord, b: &AttemptRecord) -> std::cmp::Ordering {
    a.finished_ms
        .cmp(&b.finished_ms)
        .then_with(|| a.id.cmp(&b.id))
}

/// The attempts in finish order: the order every replay of them (stats, schedule) takes.
pub(crate) fn finish_ordered(attempts: &[AttemptRecord]) -> impl Iterator<Item = &AttemptRecord> {
    order::positions(attempts.len(), &|a, b| {
        finish_order(&attempts[a], &attempts[b])
    })
    .into_iter()
    .map(|i| &attempts[i])
}

impl AttemptRecord {
    /// Records an attempt. Exams count every question (unanswered is wrong); quick checks and
    /// drills count only the questions whose answer was checked.
    pub fn from_attempt(bank: &Bank, attempt: &Attempt, now_ms: u64) -> Self {
        let report = score(bank, attempt, now_ms);
        let counts_all = matches!(attempt.mode, Mode::Exam) || attempt.is_submitted();
        let outcomes: Vec<Outcome> = report
            .items
            .iter()
            .filter(|i| counts_all || attempt.responses[i.index].checked)
            .map(|i| Outcome {
                question_id: i.question_id.clone(),
                correct: i.correct,
                flagged: i.flagged,
                guessed: attempt.responses.get(i.index).is_some_and(|r| r.guessed),
            })
            .collect();
        let mut domains: Vec<(String, u32, u32)> = Vec::new();
        for outcome in &outcomes {
            if let Some(domain) = bank
                .question(&outcome.question_id)
                .and_then(|q| bank.domain_of(q))
            {
                match domains.iter_mut().find(|d| d.0 == domain.id) {
                    Some(d) => {
                        d.1 += outcome.correct as u32;
                        d.2 += 1;
                    }
                    None => domains.push((domain.id.clone(), outcome.correct as u32, 1)),
                }
            }
        }
        let tally = Tally {
            correct: outcomes.iter().filter(|o| o.correct).count() as u32,
            total: outcomes.len() as u32,
        };
        AttemptRecord {
            id: attempt.id.clone(),
            mode: attempt.mode,
            scope: attempt.scope.clone(),
            started_ms: attempt.started_ms,
            finished_ms: attempt.started_ms + attempt.time_used_ms(now_ms),
            question_count: attempt.len() as u32,
            percent: tally.percent(),
            passed: tally.percent() >= bank.blueprint.pass_percent,
            domains,
            outcomes,
        }
    }
}

shape! {
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ExamProgress {
        #[serde(default)]
        pub attempts: Vec<AttemptRecord>,
        /// The unfinished timed exam, if any; resumed on the next visit.
        #[serde(default)]
        pub active: Option<Attempt>,
        #[serde(default)]
        pub stats: BTreeMap<String, QuestionStat>,
        /// Each answered question's memory (question id → memory): the replay of the attempts
        /// ([`schedule::replay`]), kept so that the home page can count due questions without
        /// running the scheduler.
        #[serde(default)]
        pub schedule: BTreeMap<String, Memory>,
    }
}

impl ExamProgress {
    /// Adds or replaces (same id) an attempt's record and updates the stats.
    pub fn record(&mut self, record: AttemptRecord) {
        match self.attempts.iter_mut().find(|a| a.id == record.id) {
            Some(existing) => *existing = record,
            None => self.attempts.push(record),
        }
        self.drop_active_if_finished();
        self.rebuild_stats();
    }

    /// Forgets the unfinished exam once a finished record with its id exists.
    fn drop_active_if_finished(&mut self) {
        if self
            .active
            .as_ref()
            .is_some_and(|a| self.attempts.iter().any(|r| r.id == a.id))
        {
            self.active = None;
        }
    }

    /// Recomputes the stats of every question that appears in an attempt, from the attempts.
    /// Stats of questions no attempt mentions (legacy counts) are kept. (The schedule is not
    /// touched: see [`ExamProgress::rebuild_schedule`].)
    pub fn rebuild_stats(&mut self) {
        let mut fresh: BTreeMap<String, QuestionStat> = BTreeMap::new();
        for attempt in finish_ordered(&self.attempts) {
            for outcome in &attempt.outcomes {
                let stat = fresh.entry(outcome.question_id.clone()).or_default();
                stat.seen += 1;
                stat.correct += outcome.correct as u32;
                stat.last_seen_ms = attempt.finished_ms;
                stat.last_correct = Some(outcome.correct);
            }
        }
        for (id, stat) in fresh {
            self.stats.insert(id, stat);
        }
    }

    /// Recomputes the review schedule from the attempts ([`schedule::replay`]): every outcome
    /// in finish order, at its attempt's finish time. The study app runs it in a chunk of its
    /// own, fetched after an answer is recorded or at start when
    /// [`ExamProgress::schedule_is_stale`]: the scheduler (rs-fsrs with chrono, about 20 KB
    /// gzip) stays out of the app shell, the first question's code and the blog embed, whose
    /// saves and merges only union schedules ([`ExamProgress::merge`]).
    pub fn rebuild_schedule(&mut self) {
        self.schedule = schedule::replay(&self.attempts);
    }

    /// Whether an answer is missing from the schedule: an outcome whose question has no memory,
    /// or one reviewed before that outcome's attempt finished. True after answers recorded where
    /// the schedule is not computed (the blog embed, a record of format 2 or older) and after a
    /// merge brought newer answers; false right after [`ExamProgress::rebuild_schedule`].
    pub fn schedule_is_stale(&self) -> bool {
        self.attempts.iter().any(|a| {
            let finished = a.finished_ms.min(schedule::LATEST_MS);
            a.outcomes.iter().any(|o| {
                self.schedule
                    .get(&o.question_id)
                    .is_none_or(|m| m.last_ms < finished)
            })
        })
    }

    /// Unions another copy of this exam's progress into this one. Finished attempts from both
    /// are kept (the fuller copy wins on an id clash); this copy's unfinished exam is kept unless
    /// the other copy finished it.
    pub fn merge(&mut self, other: &ExamProgress) {
        for theirs in &other.attempts {
            match self.attempts.iter_mut().find(|a| a.id == theirs.id) {
                Some(mine) => {
                    if (theirs.outcomes.len(), theirs.finished_ms)
                        > (mine.outcomes.len(), mine.finished_ms)
                    {
                        *mine = theirs.clone();
                    }
                }
                None => self.attempts.push(theirs.clone()),
            }
        }
        order::sort_by(&mut self.attempts, finish_order);
        for (id, stat) in &other.stats {
            self.stats.entry(id.clone()).or_insert_with(|| stat.clone());
        }
        if self.active.is_none() {
            self.active = other.active.clone();
        }
        // Each question's later-reviewed memory (the same replay then gives the same one); a
        // replay of the merged attempts follows where the schedule is computed.
        for (id, theirs) in &other.schedule {
            let newer = self
                .schedule
                .get(id)
                .is_none_or(|mine| (theirs.last_ms, theirs.reps) > (mine.last_ms, mine.reps));
            if newer {
                self.schedule.insert(id.clone(), theirs.clone());
            }
        }
        self.drop_active_if_finished();
        self.rebuild_stats();
    }

    /// Full practice exams, oldest first.
    pub fn exam_history(&self) -> Vec<&AttemptRecord> {
        let mut exams: Vec<&AttemptRecord> = self
            .attempts
            .iter()
            .filter(|a| a.mode == Mode::Exam)
            .collect();
        order::sort_by(&mut exams, |a, b| a.finished_ms.cmp(&b.finished_ms));
        exams
    }

    /// Seen and correct answers per domain, in blueprint order, from the question stats.
    pub fn domain_accuracy(&self, bank: &Bank) -> Vec<(String, Tally)> {
        let mut tallies: Vec<Tally> = vec![Tally::default(); bank.blueprint.domains.len()];
        for (id, stat) in &self.stats {
            if let Some(place) = bank
                .question(id)
                .and_then(|q| bank.objective_place(&q.objective))
            {
                tallies[place.domain].correct += stat.correct;
                tallies[place.domain].total += stat.seen;
            }
        }
        bank.blueprint
            .domains
            .iter()
            .map(|d| d.id.clone())
            .zip(tallies)
            .collect()
    }

    /// Seen and correct answers per objective, in blueprint order.
    pub fn objective_accuracy(&self, bank: &Bank) -> Vec<(String, Tally)> {
        let mut by_objective: BTreeMap<&str, Tally> = BTreeMap::new();
        for (id, stat) in &self.stats {
            if let Some(q) = bank.question(id) {
                let t = by_objective.entry(q.objective.as_str()).or_default();
                t.correct += stat.correct;
                t.total += stat.seen;
            }
        }
        bank.objectives()
            .map(|(_, o)| {
                (
                    o.id.clone(),
                    by_objective.get(o.id.as_str()).cloned().unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Objectives answered at least once, weakest first (lowest accuracy, then most answers).
    pub fn weakest_objectives(&self, bank: &Bank, limit: usize) -> Vec<(String, Tally)> {
        let mut seen: Vec<(String, Tally)> = self
            .objective_accuracy(bank)
            .into_iter()
            .filter(|(_, t)| t.total > 0)
            .collect();
        order::sort_by(&mut seen, |a, b| {
            let ra = a.1.correct as u64 * b.1.total as u64;
            let rb = b.1.correct as u64 * a.1.total as u64;
            ra.cmp(&rb).then(b.1.total.cmp(&a.1.total))
        });
        seen.truncate(limit);
        seen
    }

    /// Questions whose most recent answer was wrong, for "review my mistakes".
    pub fn missed_questions(&self) -> Vec<String> {
        self.stats
            .iter()
            .filter(|(_, s)| s.last_correct == Some(false))
            .map(|(id, _)| id.clone())
            .collect()
    }
}

/// One line of the exam-readiness checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadinessItem {
    pub key: &'static str,
    pub label: String,
    pub done: bool,
    pub detail: String,
}

/// Practice exams at or above this score count toward readiness.
pub const READY_EXAM_PERCENT: u32 = 80;
/// How many such exams are wanted.
pub const READY_EXAM_COUNT: usize = 2;

/// The readiness checklist, ticked from the candidate's own data.
pub fn readiness(bank: &Bank, progress: &ExamProgress) -> Vec<ReadinessItem> {
    let strong = progress
        .exam_history()
        .iter()
        .filter(|a| a.percent >= READY_EXAM_PERCENT)
        .count();
    let pass = bank.blueprint.pass_percent;
    let domains = progress.domain_accuracy(bank);
    let weak_domains: Vec<String> = domains
        .iter()
        .filter(|(_, t)| t.total == 0 || t.percent() < pass)
        .map(|(id, _)| {
            bank.blueprint
                .domains
                .iter()
                .find(|d| &d.id == id)
                .map(|d| d.title.clone())
                .unwrap_or_default()
        })
        .collect();
    let objectives = progress.objective_accuracy(bank);
    let seen_objectives = objectives.iter().filter(|(_, t)| t.total > 0).count();
    vec![
        ReadinessItem {
            key: "strong-exams",
            label: format!(
                "{READY_EXAM_COUNT} full practice exams at {READY_EXAM_PERCENT}% or more"
            ),
            done: strong >= READY_EXAM_COUNT,
            detail: format!("{} of {READY_EXAM_COUNT}", strong.min(READY_EXAM_COUNT)),
        },
        ReadinessItem {
            key: "domains",
            label: format!("Every domain at {pass}% or more"),
            done: weak_domains.is_empty(),
            detail: if weak_domains.is_empty() {
                "all domains".into()
            } else {
                format!("below: {}", weak_domains.join(", "))
            },
        },
        ReadinessItem {
            key: "objectives",
            label: "Every objective practised at least once".into(),
            done: seen_objectives == objectives.len(),
            detail: format!("{seen_objectives} of {}", objectives.len()),
        },
    ]
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ProgressRecord {
        pub version: u32,
        #[serde(default)]
        pub settings: Settings,
        #[serde(default)]
        pub exams: BTreeMap<String, ExamProgress>,
    }
}

impl Default for ProgressRecord {
    fn default() -> Self {
        ProgressRecord {
            version: CURRENT_VERSION,
            settings: Settings::default(),
            exams: BTreeMap::new(),
        }
    }
}

impl ProgressRecord {
    pub fn exam(&self, exam_id: &str) -> Option<&ExamProgress> {
        self.exams.get(exam_id)
    }

    pub fn exam_mut(&mut self, exam_id: &str) -> &mut ExamProgress {
        self.exams.entry(exam_id.to_string()).or_default()
    }

    /// The record as JSON text of the current format (see [`progress_format`]).
    pub fn to_json(&self) -> String {
        self.to_json_as::<serde_json::Value>(false)
    }

    /// The record as indented JSON text, for an export file.
    pub fn to_pretty_json(&self) -> String {
        self.to_json_as::<serde_json::Value>(true)
    }

    /// The record as JSON text made by `J` (the browser passes its `JSON.stringify`).
    pub fn to_json_as<J: JsonValue>(&self, pretty: bool) -> String {
        progress_format::write::<J>(self).stringify(pretty)
    }

    /// Unions `other` into this record: see [`ExamProgress::merge`]. Settings stay this record's.
    pub fn merge(&mut self, other: &ProgressRecord) {
        for (exam_id, theirs) in &other.exams {
            self.exam_mut(exam_id).merge(theirs);
        }
    }
}

/// Checks what [`ProgressRecord::merge`] promises on `mine` merged with `theirs`, for any two
/// records the loader can give (duplicate or unsorted attempts included), and returns the merged
/// record or the first promise broken. Run by the `progress_load` fuzz target and the property
/// tests; nothing in the app calls it.
///
/// - Settings and version stay `mine`'s; every exam of either side is in the merge.
/// - No attempt is lost: every finished attempt of either side has one with its id in the
///   merge, at least as full (outcomes, then finish time); and the merge has no other ids.
/// - In every exam `theirs` has: attempts in finish order, the active attempt not a finished
///   one, each question's stats counted from the attempts, and each question's memory in the
///   schedule the later-reviewed of the two sides' (a replay follows where the schedule is
///   computed, [`ExamProgress::rebuild_schedule`]).
/// - The merge saves and loads back unchanged.
#[doc(hidden)]
pub fn check_merge(
    mine: &ProgressRecord,
    theirs: &ProgressRecord,
) -> Result<ProgressRecord, String> {
    let mut merged = mine.clone();
    merged.merge(theirs);
    if merged.settings != mine.settings || merged.version != mine.version {
        return Err("the settings or version are not this record's".into());
    }
    let fullness = |a: &AttemptRecord| (a.outcomes.len(), a.finished_ms);
    for (exam_id, side) in mine.exams.iter().chain(&theirs.exams) {
        let Some(exam) = merged.exams.get(exam_id) else {
            return Err(format!("exam {exam_id:?} was lost"));
        };
        for attempt in &side.attempts {
            if !exam
                .attempts
                .iter()
                .any(|a| a.id == attempt.id && fullness(a) >= fullness(attempt))
            {
                return Err(format!(
                    "exam {exam_id:?}: attempt {:?} was lost",
                    attempt.id
                ));
            }
        }
    }
    for (exam_id, exam) in &merged.exams {
        let known = |id: &str| {
            [mine, theirs].iter().any(|r| {
                r.exams
                    .get(exam_id)
                    .is_some_and(|e| e.attempts.iter().any(|a| a.id == id))
            })
        };
        if let Some(a) = exam.attempts.iter().find(|a| !known(&a.id)) {
            return Err(format!(
                "exam {exam_id:?}: attempt {:?} came from nowhere",
                a.id
            ));
        }
        if !theirs.exams.contains_key(exam_id) {
            continue;
        }
        if exam
            .attempts
            .windows(2)
            .any(|w| finish_order(&w[0], &w[1]).is_gt())
        {
            return Err(format!("exam {exam_id:?}: attempts not in finish order"));
        }
        if let Some(active) = &exam.active {
            if exam.attempts.iter().any(|a| a.id == active.id) {
                return Err(format!("exam {exam_id:?}: the active attempt is finished"));
            }
        }
        for outcome in exam.attempts.iter().flat_map(|a| &a.outcomes) {
            let id = &outcome.question_id;
            let answers = exam
                .attempts
                .iter()
                .flat_map(|a| &a.outcomes)
                .filter(|o| &o.question_id == id)
                .count();
            if exam.stats.get(id).map(|s| s.seen as usize) != Some(answers) {
                return Err(format!(
                    "exam {exam_id:?}: stats of {id:?} not from the attempts"
                ));
            }
        }
        // Each question's memory is the later-reviewed of the two sides' (mine's on a tie), and
        // no side's question is lost.
        let sides: Vec<&BTreeMap<String, Memory>> = [mine, theirs]
            .iter()
            .filter_map(|r| r.exams.get(exam_id).map(|e| &e.schedule))
            .collect();
        for side in &sides {
            if let Some(id) = side.keys().find(|id| !exam.schedule.contains_key(*id)) {
                return Err(format!("exam {exam_id:?}: the schedule lost {id:?}"));
            }
        }
        for (id, merged) in &exam.schedule {
            let candidates: Vec<&Memory> = sides.iter().filter_map(|s| s.get(id)).collect();
            let latest = candidates
                .iter()
                .fold(None::<&Memory>, |best, &m| match best {
                    Some(b) if (m.last_ms, m.reps) <= (b.last_ms, b.reps) => Some(b),
                    _ => Some(m),
                });
            if latest != Some(merged) {
                return Err(format!(
                    "exam {exam_id:?}: the memory of {id:?} is not the later-reviewed one"
                ));
            }
        }
    }
    // Not asserted: merging the same record again changes nothing. A property test found a
    // pair where it does not hold (one side's active attempt already submitted; see the note on
    // issue 15); the rule for that case is to be settled before it is asserted.
    let saved = merged.to_json();
    let loaded = load(Some(&saved));
    if loaded.problem.is_some() || loaded.record != merged {
        return Err(format!("the merge does not load back unchanged: {saved}"));
    }
    Ok(merged)
}

/// Why stored text could not be used as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadProblem {
    /// Not JSON, or JSON that does not fit the record of its version.
    Corrupt(String),
    /// JSON that is not a progress record at all (no version number).
    Foreign,
    /// Written by a newer version of the app.
    NewerVersion(u32),
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadProblem::Corrupt(why) => write!(f, "the saved progress is damaged ({why})"),
            LoadProblem::Foreign => write!(f, "the saved data is not a progress record"),
            LoadProblem::NewerVersion(v) => write!(
                f,
                "the saved progress comes from a newer version of the app (format {v})"
            ),
        }
    }
}

/// The result of [`load`]: always a usable record, and what went wrong, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub record: ProgressRecord,
    pub problem: Option<LoadProblem>,
    /// The version the text was migrated from, when it was older.
    pub migrated_from: Option<u32>,
}

/// Reads stored text (`None`: nothing stored) as `serde_json` parses it. Never panics, whatever
/// the input. The browser reads through its own `JSON.parse` with [`load_as`].
pub fn load(raw: Option<&str>) -> Loaded {
    load_as::<serde_json::Value>(raw)
}

/// [`load`] through the JSON values of `J`: parsed, checked for a version, then read by the
/// reader of that version ([`progress_format`]).
pub fn load_as<J: JsonValue>(raw: Option<&str>) -> Loaded {
    let clean = |problem| Loaded {
        record: ProgressRecord::default(),
        problem: Some(problem),
        migrated_from: None,
    };
    let Some(raw) = raw else {
        return Loaded {
            record: ProgressRecord::default(),
            problem: None,
            migrated_from: None,
        };
    };
    let value = match J::parse(raw) {
        Ok(value) => value,
        Err(why) => return clean(LoadProblem::Corrupt(why)),
    };
    let Header::Object {
        version: Some(version),
    } = progress_format::header(&value)
    else {
        return clean(LoadProblem::Foreign);
    };
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > CURRENT_VERSION {
        return clean(LoadProblem::NewerVersion(version));
    }
    match progress_format::read_version(&value, version) {
        Ok(mut record) => {
            record.version = CURRENT_VERSION;
            Loaded {
                record,
                problem: None,
                migrated_from: (version < CURRENT_VERSION).then_some(version),
            }
        }
        Err(why) => clean(LoadProblem::Corrupt(why)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assembly::{full_exam, quick_check};
    use crate::model::fixtures::*;
    use proptest::prelude::*;

    fn finished_exam(bank: &Bank, id: &str, seed: u64, right: bool) -> Attempt {
        let paper = full_exam(bank, seed, false).unwrap();
        let mut a = Attempt::start(
            id,
            "test-exam",
            Mode::Exam,
            Scope::All,
            paper,
            1_000,
            Some(60),
        );
        for i in 0..a.len() {
            let q = bank
                .question(&a.paper.items[i].question_id)
                .unwrap()
                .clone();
            let ids: Vec<&str> = if right {
                q.correct_ids()
            } else {
                vec![q.options.iter().find(|o| !o.correct).unwrap().id.as_str()]
            };
            for o in ids {
                a.select(bank, i, o, 1_000).unwrap();
            }
        }
        a.submit(2_000 + seed).unwrap();
        a
    }

    #[test]
    fn nothing_stored_is_a_clean_start() {
        let loaded = load(None);
        assert_eq!(loaded.record, ProgressRecord::default());
        assert_eq!(loaded.problem, None);
    }

    #[test]
    fn round_trip() {
        let bank = bank(&[50, 50], 2, 3, 4);
        let mut record = ProgressRecord::default();
        let a = finished_exam(&bank, "e1", 1, true);
        record
            .exam_mut("test-exam")
            .record(AttemptRecord::from_attempt(&bank, &a, 5_000));
        let loaded = load(Some(&record.to_json()));
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.record, record);
    }

    #[test]
    fn bad_text_is_reported_not_fatal() {
        assert!(matches!(
            load(Some("{not json")).problem,
            Some(LoadProblem::Corrupt(_))
        ));
        assert!(matches!(
            load(Some("")).problem,
            Some(LoadProblem::Corrupt(_))
        ));
        assert_eq!(load(Some("[1,2,3]")).problem, Some(LoadProblem::Foreign));
        assert_eq!(
            load(Some("{\"theme\":\"dark\"}")).problem,
            Some(LoadProblem::Foreign)
        );
        assert_eq!(
            load(Some("{\"version\":99}")).problem,
            Some(LoadProblem::NewerVersion(99))
        );
        assert!(matches!(
            load(Some("{\"version\":2,\"exams\":7}")).problem,
            Some(LoadProblem::Corrupt(_))
        ));
        let deep = "[".repeat(100_000);
        assert!(matches!(
            load(Some(&deep)).problem,
            Some(LoadProblem::Corrupt(_))
        ));
        assert!(load(Some("{\"version\":0}")).problem.is_some());
    }

    #[test]
    fn a_bank_from_elsewhere_is_keyed_by_its_origin() {
        let ours = "https://quiz.example.com";
        assert_eq!(foreign_origin(ours, ours), None);
        assert_eq!(
            foreign_origin(ours, "https://example.org"),
            Some("https://example.org")
        );
        assert_eq!(
            foreign_origin(ours, "http://quiz.example.com"),
            Some("http://quiz.example.com")
        );
        assert_eq!(foreign_origin("null", "null"), Some("null"));
        assert_eq!(exam_key("test-exam", None), "test-exam");
        assert_eq!(
            exam_key("test-exam", Some("https://example.org")),
            "https://example.org/test-exam"
        );
        // Another origin (another port is one) gets its own key.
        assert_ne!(
            exam_key("test-exam", Some("https://example.org")),
            exam_key("test-exam", Some("https://example.org:8443"))
        );
        assert_eq!(origin_host("https://example.org"), "example.org");
        assert_eq!(origin_host("http://127.0.0.1:8080"), "127.0.0.1:8080");
        assert_eq!(origin_host("null"), "null");
    }

    #[test]
    fn todays_records_stay_with_the_own_bank_and_apart_from_a_bank_from_elsewhere() {
        let bank = bank(&[50, 50], 2, 3, 4);
        // A record as the app stored it before banks from elsewhere were told apart.
        let mut before = ProgressRecord::default();
        before
            .exam_mut("test-exam")
            .record(AttemptRecord::from_attempt(
                &bank,
                &finished_exam(&bank, "own", 1, true),
                5_000,
            ));
        let mut record = load(Some(&before.to_json())).record;
        let own = exam_key(&bank.blueprint.id, None);
        assert_eq!(record.exam(&own), before.exam("test-exam"));

        // A bank from another origin that declares the same exam id.
        let theirs = exam_key(
            &bank.blueprint.id,
            foreign_origin("https://quiz.example.com", "https://evil.example"),
        );
        assert!(record.exam(&theirs).is_none());
        record.exam_mut(&theirs).record(AttemptRecord::from_attempt(
            &bank,
            &finished_exam(&bank, "foreign", 2, false),
            6_000,
        ));
        let record = load(Some(&record.to_json())).record;
        assert_eq!(record.exam(&own), before.exam("test-exam"));
        let ids = |key: &str| -> Vec<String> {
            record
                .exam(key)
                .unwrap()
                .attempts
                .iter()
                .map(|a| a.id.clone())
                .collect()
        };
        assert_eq!(ids(&own), ["own"]);
        assert_eq!(ids(&theirs), ["foreign"]);
    }

    #[test]
    fn version_1_is_migrated() {
        let v1 = r#"{"version":1,"exam_id":"test-exam",
            "attempts":[{"id":"old","mode":"exam","started_ms":10,"finished_ms":20,"percent":50,"passed":false,
                         "outcomes":[{"question_id":"d0-o0-q0","correct":true},{"question_id":"d0-o0-q1","correct":false}]}],
            "seen":{"d0-o0-q0":{"seen":3,"correct":2},"d1-o1-q2":{"seen":1,"correct":1}}}"#;
        let loaded = load(Some(v1));
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.migrated_from, Some(1));
        let exam = loaded.record.exam("test-exam").unwrap();
        assert_eq!(exam.attempts.len(), 1);
        assert_eq!(exam.stats["d0-o0-q1"].last_correct, Some(false));
        // Legacy counts for questions no attempt mentions are kept.
        assert_eq!(
            exam.stats["d1-o1-q2"],
            QuestionStat {
                seen: 1,
                correct: 1,
                last_seen_ms: 0,
                last_correct: None
            }
        );
        assert_eq!(loaded.record.settings, Settings::default());
        // Loading does not run the scheduler: the schedule is empty and stale, and its replay
        // (at the app's start) gives right → Good (10 minutes after the finish), wrong → Again
        // (1 minute), none for the question with legacy counts only.
        assert!(exam.schedule.is_empty() && exam.schedule_is_stale());
        let mut exam = exam.clone();
        exam.rebuild_schedule();
        assert!(!exam.schedule_is_stale());
        assert_eq!(exam.schedule["d0-o0-q0"].due_ms, 20 + 10 * 60_000);
        assert_eq!(exam.schedule["d0-o0-q1"].due_ms, 20 + 60_000);
        assert!(!exam.schedule.contains_key("d1-o1-q2"));
        assert_eq!(load(Some(&loaded.record.to_json())).record, loaded.record);
    }

    #[test]
    fn version_2_is_migrated_with_its_schedule_replayed() {
        // As format 2 wrote it: no schedule, no "guessed"; stats as stored.
        let v2 = r#"{"version":2,"settings":{"theme":"dark","shuffle_options":false},
            "exams":{"test-exam":{
              "attempts":[
                {"id":"b","mode":"quick-check","scope":{"scope":"all"},"started_ms":86400000,"finished_ms":86460000,
                 "question_count":2,"percent":50,"passed":false,"domains":[["d0",1,2]],
                 "outcomes":[{"question_id":"q1","correct":true,"flagged":false},{"question_id":"q2","correct":false,"flagged":true}]},
                {"id":"a","mode":"exam","scope":{"scope":"all"},"started_ms":1000,"finished_ms":60000,
                 "question_count":1,"percent":100,"passed":true,"domains":[],
                 "outcomes":[{"question_id":"q1","correct":true,"flagged":false}]}],
              "active":null,
              "stats":{"q1":{"seen":2,"correct":2,"last_seen_ms":86460000,"last_correct":true},
                       "q2":{"seen":1,"correct":0,"last_seen_ms":86460000,"last_correct":false},
                       "old":{"seen":4,"correct":1,"last_seen_ms":5}}}}}"#;
        let loaded = load(Some(v2));
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.migrated_from, Some(2));
        assert_eq!(loaded.record.version, CURRENT_VERSION);
        assert_eq!(loaded.record.settings.theme, Theme::Dark);
        let exam = loaded.record.exam("test-exam").unwrap();
        assert_eq!(exam.attempts.len(), 2);
        assert!(exam
            .attempts
            .iter()
            .flat_map(|a| &a.outcomes)
            .all(|o| !o.guessed));
        assert_eq!(exam.stats["old"].seen, 4, "stats are kept as stored");
        // Empty and stale until the app replays it (loading never runs the scheduler).
        assert!(exam.schedule.is_empty() && exam.schedule_is_stale());
        let mut record = loaded.record.clone();
        record.exam_mut("test-exam").rebuild_schedule();
        let exam = record.exam("test-exam").unwrap();
        assert!(!exam.schedule_is_stale());
        // q1: right at 60,000 (a's finish), right again a day later (b's): in review, days out.
        let q1 = &exam.schedule["q1"];
        let first = schedule::review(None, schedule::Rating::Good, 60_000);
        assert_eq!(
            *q1,
            schedule::review(Some(&first), schedule::Rating::Good, 86_460_000)
        );
        assert_eq!((q1.reps, q1.last_ms), (2, 86_460_000));
        assert_eq!(q1.state, schedule::Phase::Review);
        // q2: wrong once: a minute after b's finish.
        assert_eq!(exam.schedule["q2"].due_ms, 86_460_000 + 60_000);
        assert_eq!(exam.schedule.len(), 2);
        // Saved, it is a current-format record that loads unchanged.
        let saved = record.to_json();
        assert!(saved.contains("\"version\":4") && saved.contains("\"schedule\""));
        let again = load(Some(&saved));
        assert_eq!((again.problem, again.migrated_from), (None, None));
        assert_eq!(again.record, record);
    }

    #[test]
    fn version_3_loads_as_version_4_and_custom_attempts_round_trip() {
        let bank = bank(&[44, 44, 12], 2, 3, 6);
        let v3 = r#"{"version":3,"exams":{"test-exam":{"attempts":[{"id":"a","mode":"review",
            "started_ms":1,"finished_ms":2,"question_count":1,"percent":100,"passed":true,
            "outcomes":[{"question_id":"q","correct":true,"guessed":true}]}],"schedule":{}}}}"#;
        let loaded = load(Some(v3));
        assert_eq!((loaded.problem, loaded.migrated_from), (None, Some(3)));
        assert_eq!(loaded.record.version, CURRENT_VERSION);
        let exam = loaded.record.exam("test-exam").unwrap();
        assert_eq!(exam.attempts[0].mode, Mode::Review);
        assert!(exam.attempts[0].outcomes[0].guessed);
        // A custom practice's attempt, recorded and saved, reads back as it was.
        let mut attempt = three_question_check(&bank);
        attempt.mode = Mode::Custom;
        let mut record = loaded.record.clone();
        crate::study::finish(&mut record, "test-exam", &bank, &attempt, 10);
        let saved = record.to_json();
        assert!(saved.contains("\"mode\":\"custom\""));
        let again = load(Some(&saved));
        assert_eq!((again.problem, again.migrated_from), (None, None));
        assert_eq!(again.record, record);
    }

    #[test]
    fn a_newer_version_is_still_reported_as_newer() {
        for raw in [
            "{\"version\":5}",
            "{\"version\":5,\"exams\":{\"test-exam\":{\"attempts\":[],\"schedule\":{}}}}",
        ] {
            let loaded = load(Some(raw));
            assert_eq!(loaded.problem, Some(LoadProblem::NewerVersion(5)), "{raw}");
            assert_eq!(loaded.record, ProgressRecord::default());
        }
        assert_eq!(load(Some("{\"version\":4}")).problem, None);
    }

    /// A quick check of three questions of `bank`, started at 0, nothing answered.
    fn three_question_check(bank: &Bank) -> Attempt {
        let paper = quick_check(bank, &Scope::All, 3, 1, false).unwrap();
        Attempt::start(
            "q",
            "test-exam",
            Mode::QuickCheck,
            Scope::All,
            paper,
            0,
            None,
        )
    }

    #[test]
    fn a_guessed_right_answer_is_reviewed_sooner() {
        let bank = bank(&[100], 1, 5, 5);
        let mut a = three_question_check(&bank);
        for i in 0..2 {
            let q = bank
                .question(&a.paper.items[i].question_id)
                .unwrap()
                .clone();
            a.select(&bank, i, q.correct_ids()[0], 1).unwrap();
            a.check(i, 1).unwrap();
        }
        // Marked after the feedback (the answer is locked by then).
        a.set_guessed(1, true, 2).unwrap();
        assert_eq!(
            a.set_guessed(9, true, 2),
            Err(crate::attempt::AttemptError::NoSuchItem(9))
        );
        let record = AttemptRecord::from_attempt(&bank, &a, 3);
        assert_eq!(
            record
                .outcomes
                .iter()
                .map(|o| (o.correct, o.guessed))
                .collect::<Vec<_>>(),
            [(true, false), (true, true)]
        );
        let mut exam = ExamProgress::default();
        exam.record(record.clone());
        exam.rebuild_schedule();
        let [sure, guessed] = [0, 1].map(|i| &exam.schedule[&record.outcomes[i].question_id]);
        assert_eq!(sure.due_ms, record.finished_ms + 10 * 60_000);
        assert_eq!(guessed.due_ms, record.finished_ms + 5 * 60_000);
        // Once submitted, an answer can no longer be marked.
        a.submit(4).unwrap();
        assert_eq!(
            a.set_guessed(0, true, 5),
            Err(crate::attempt::AttemptError::Submitted)
        );
    }

    #[test]
    fn merge_keeps_both_tabs_finished_attempts() {
        let bank = bank(&[50, 50], 2, 3, 4);
        let mut tab_a = ProgressRecord::default();
        let mut tab_b = ProgressRecord::default();
        tab_a
            .exam_mut("test-exam")
            .record(AttemptRecord::from_attempt(
                &bank,
                &finished_exam(&bank, "a", 1, true),
                9,
            ));
        tab_b
            .exam_mut("test-exam")
            .record(AttemptRecord::from_attempt(
                &bank,
                &finished_exam(&bank, "b", 2, false),
                9,
            ));
        let mut merged = tab_a.clone();
        merged.merge(&tab_b);
        let exam = merged.exam("test-exam").unwrap();
        assert_eq!(exam.attempts.len(), 2);
        let total_seen: u32 = exam.stats.values().map(|s| s.seen).sum();
        assert_eq!(total_seen, 8);
        // Merging is idempotent.
        let mut twice = merged.clone();
        twice.merge(&tab_b);
        assert_eq!(twice, merged);
    }

    #[test]
    fn finishing_elsewhere_clears_the_active_exam() {
        let bank = bank(&[50, 50], 2, 3, 4);
        let attempt = finished_exam(&bank, "x", 1, true);
        let mut mine = ProgressRecord::default();
        let mut unfinished = attempt.clone();
        unfinished.status = crate::attempt::Status::InProgress;
        mine.exam_mut("test-exam").active = Some(unfinished);
        let mut theirs = ProgressRecord::default();
        theirs
            .exam_mut("test-exam")
            .record(AttemptRecord::from_attempt(&bank, &attempt, 9));
        mine.merge(&theirs);
        assert_eq!(mine.exam("test-exam").unwrap().active, None);
    }

    #[test]
    fn quick_checks_count_only_checked_answers() {
        let bank = bank(&[100], 1, 5, 5);
        let mut a = three_question_check(&bank);
        let q0 = bank
            .question(&a.paper.items[0].question_id)
            .unwrap()
            .clone();
        a.select(&bank, 0, q0.correct_ids()[0], 1).unwrap();
        a.check(0, 1).unwrap();
        let record = AttemptRecord::from_attempt(&bank, &a, 2);
        assert_eq!(record.outcomes.len(), 1);
        assert_eq!(record.percent, 100);
    }

    #[test]
    fn readiness_ticks_from_data() {
        let bank = bank(&[50, 50], 2, 3, 4);
        let mut exam = ExamProgress::default();
        let items = readiness(&bank, &exam);
        assert!(items.iter().all(|i| !i.done));
        for (i, seed) in (1..=12).enumerate() {
            exam.record(AttemptRecord::from_attempt(
                &bank,
                &finished_exam(&bank, &format!("e{i}"), seed, true),
                10_000,
            ));
        }
        let items = readiness(&bank, &exam);
        assert!(items[0].done, "{items:?}");
        assert!(items[1].done, "{items:?}");
        assert!(items[2].done, "{items:?}");
    }

    #[test]
    fn weakest_objectives_come_first() {
        let bank = bank(&[100], 2, 3, 2);
        let mut exam = ExamProgress::default();
        exam.stats.insert(
            "d0-o0-q0".into(),
            QuestionStat {
                seen: 4,
                correct: 4,
                last_seen_ms: 1,
                last_correct: Some(true),
            },
        );
        exam.stats.insert(
            "d0-o1-q0".into(),
            QuestionStat {
                seen: 4,
                correct: 1,
                last_seen_ms: 1,
                last_correct: Some(false),
            },
        );
        let weakest = exam.weakest_objectives(&bank, 5);
        assert_eq!(weakest[0].0, "d0-o1");
        assert_eq!(exam.missed_questions(), vec!["d0-o1-q0".to_string()]);
    }

    /// What serde's derives read from `raw` (the reference for the shape), if the text is a
    /// current-format record they accept.
    fn serde_reads(raw: &str) -> Option<ProgressRecord> {
        serde_json::from_str::<ProgressRecord>(raw)
            .ok()
            .filter(|r| r.version == CURRENT_VERSION)
    }

    #[test]
    fn problems_are_classified() {
        let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
        let corrupt = [
            "",
            " ",
            "{not json",
            "{\"version\":2} x",
            "{\"version\":2,\"exams\":7}",
            "{\"version\":0}",
            &deep,
            "{\"version\":1}",
            "{\"version\":2,\"settings\":null}",
            "{\"version\":2,\"settings\":{\"theme\":\"blue\"}}",
        ];
        for raw in corrupt {
            assert!(
                matches!(load(Some(raw)).problem, Some(LoadProblem::Corrupt(_))),
                "{raw}"
            );
        }
        let foreign = [
            "null",
            "true",
            "7",
            "\"text\"",
            "[1,2,3]",
            "[]",
            "{}",
            "[{\"version\":2}]",
            "{\"theme\":\"dark\"}",
            "{\"version\":-1}",
            "{\"version\":2.5}",
            "{\"version\":\"2\"}",
            "{\"version\":null}",
            "{\"version\":[2]}",
            "{\"version\":{\"version\":2}}",
            "{\"version\":18446744073709551616}",
        ];
        for raw in foreign {
            assert_eq!(load(Some(raw)).problem, Some(LoadProblem::Foreign), "{raw}");
        }
        assert_eq!(
            load(Some("{\"version\":99}")).problem,
            Some(LoadProblem::NewerVersion(99))
        );
        assert_eq!(
            load(Some("{\"version\":4294967296}")).problem,
            Some(LoadProblem::NewerVersion(u32::MAX))
        );
        assert_eq!(
            load(Some("{\"version\":4,\"version\":5}")).problem,
            Some(LoadProblem::NewerVersion(5)),
            "the last of repeated keys counts"
        );
        // JavaScript cannot tell 2.0 from 2, so neither does the loader.
        for raw in [
            "{\"version\":2}",
            "{\"version\":2.0}",
            "{\"vers\\u0069on\":2}",
            "{\"exams\":{},\"version\":2}",
            "{\"version\":2}\n",
            "{\"version\":2,\"settings\":{\"theme\":\"dark\"},\"later\":[1,{\"a\":null}]}",
        ] {
            assert_eq!(load(Some(raw)).problem, None, "{raw}");
        }
    }

    #[test]
    fn reads_what_serde_reads() {
        let bank = bank(&[50, 50], 2, 3, 4);
        let mut record = ProgressRecord::default();
        record
            .exam_mut("test-exam")
            .record(AttemptRecord::from_attempt(
                &bank,
                &finished_exam(&bank, "e1", 1, true),
                5_000,
            ));
        record.exam_mut("test-exam").active = Some(finished_exam(&bank, "e2", 2, false));
        record.settings.theme = Theme::Dark;
        for raw in [
            serde_json::to_string(&record).unwrap(),
            serde_json::to_string_pretty(&record).unwrap(),
            record.to_json(),
        ] {
            let loaded = load(Some(&raw));
            assert_eq!(loaded.problem, None);
            assert_eq!(loaded.record, record);
        }
        assert_eq!(
            serde_json::from_str::<ProgressRecord>(&record.to_json()).unwrap(),
            record
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// What the `progress_load` fuzz target asserts, on generated records.
        #[test]
        fn merge_keeps_its_promises(
            mine in crate::progress_format::tests::progress_record(),
            theirs in crate::progress_format::tests::progress_record(),
        ) {
            for (a, b) in [(&mine, &theirs), (&theirs, &mine), (&mine, &mine)] {
                if let Err(broken) = check_merge(a, b) {
                    return Err(TestCaseError::fail(broken));
                }
            }
            // Both sides' copy of one exam, each with attempts the other lacks.
            let mut other = mine.clone();
            for (exam_id, exam) in &theirs.exams {
                other.exam_mut(exam_id).attempts.extend(exam.attempts.iter().cloned());
            }
            if let Err(broken) = check_merge(&mine, &other).and_then(|_| check_merge(&other, &mine)) {
                return Err(TestCaseError::fail(broken));
            }
        }
    }

    prop_compose! {
        /// An attempt over a few questions, so that attempts share questions (and, across two
        /// tabs, ids: the fuller copy wins).
        fn small_attempt()(id in "[a-e]", finished_ms in 0..30 * 86_400_000u64,
                           outcomes in proptest::collection::vec(("q[0-3]", any::<bool>(), any::<bool>()), 0..5)) -> AttemptRecord {
            AttemptRecord {
                id, mode: Mode::QuickCheck, scope: Scope::All, started_ms: 0, finished_ms,
                question_count: outcomes.len() as u32, percent: 0, passed: false, domains: vec![],
                outcomes: outcomes.into_iter().map(|(question_id, correct, guessed)| Outcome { question_id, correct, flagged: false, guessed }).collect(),
            }
        }
    }

    /// A tab's record after it recorded `attempts` one by one, replaying the schedule as the
    /// app does after each (`study::finish`).
    fn tab(attempts: Vec<AttemptRecord>) -> ProgressRecord {
        let mut record = ProgressRecord::default();
        for attempt in attempts {
            let exam = record.exam_mut("test-exam");
            exam.record(attempt);
            exam.rebuild_schedule();
        }
        record
    }

    /// `attempts` with every question id given a prefix (two tabs answering different questions).
    fn renamed(mut attempts: Vec<AttemptRecord>, prefix: &str) -> Vec<AttemptRecord> {
        for o in attempts.iter_mut().flat_map(|a| &mut a.outcomes) {
            o.question_id = format!("{prefix}{}", o.question_id);
        }
        attempts
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Two tabs merged (or a file imported): where the tabs answered different questions the
        /// merged schedule is already the replay of the merged attempts, whichever way round they
        /// merge; in general it is stale only while it differs from that replay, and one replay
        /// (the app's next recording or start) brings it there; it survives save and load.
        #[test]
        fn the_merged_schedule_becomes_the_replay_of_the_merged_attempts(
            mine in proptest::collection::vec(small_attempt(), 1..5),
            theirs in proptest::collection::vec(small_attempt(), 1..5),
        ) {
            let ids_disjoint = !mine.iter().any(|a| theirs.iter().any(|b| a.id == b.id));
            // Different questions in each tab: the union is the replay.
            let (a, b) = (tab(renamed(mine.clone(), "a-")), tab(renamed(theirs.clone(), "b-")));
            let mut merged = a.clone();
            merged.merge(&b);
            let exam = merged.exam("test-exam").unwrap();
            if ids_disjoint {
                prop_assert_eq!(&exam.schedule, &schedule::replay(&exam.attempts));
                prop_assert!(!exam.schedule_is_stale());
                let mut other = b.clone();
                other.merge(&a);
                prop_assert_eq!(&other.exam("test-exam").unwrap().schedule, &exam.schedule);
            }
            // The same questions in both tabs: a replay makes it exact and fresh.
            let (mine, theirs) = (tab(mine), tab(theirs));
            let mut merged = mine.clone();
            merged.merge(&theirs);
            let exam = merged.exam_mut("test-exam");
            let replayed = schedule::replay(&exam.attempts);
            if exam.schedule_is_stale() {
                prop_assert_ne!(&exam.schedule, &replayed);
            }
            exam.rebuild_schedule();
            prop_assert_eq!(&exam.schedule, &replayed);
            prop_assert!(!exam.schedule_is_stale());
            for q in exam.attempts.iter().flat_map(|a| &a.outcomes) {
                prop_assert_eq!(exam.schedule[&q.question_id].reps, exam.stats[&q.question_id].seen);
            }
            let loaded = load(Some(&merged.to_json()));
            prop_assert_eq!(loaded.problem, None);
            prop_assert_eq!(loaded.record, merged);
        }

        /// Save and load keep any schedule as stored (it is a cache: loading a current-format
        /// record does not replay it).
        #[test]
        fn save_and_load_round_trip_the_schedule(
            record in crate::progress_format::tests::progress_record(),
        ) {
            let loaded = load(Some(&record.to_json()));
            prop_assert_eq!(loaded.problem, None);
            for (id, exam) in &record.exams {
                prop_assert_eq!(&loaded.record.exams[id].schedule, &exam.schedule);
            }
        }
    }

    proptest! {
        #[test]
        fn reads_json_like_text_as_serde_does(s in "\\{\"version\":[0-3](\\.0)?,\"(exams|settings|seen|exam_id)\":[\\[\\]{}\"a-z0-9:,]{0,60}\\}") {
            if let Some(record) = serde_reads(&s) {
                prop_assert_eq!(load(Some(&s)).record, record);
            }
        }

        #[test]
        fn load_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let text = String::from_utf8_lossy(&bytes);
            let _ = load(Some(&text));
        }

        #[test]
        fn load_never_panics_on_json_like_text(s in "\\{\"version\":[0-3],\"(exams|settings)\":[\\[\\]{}\"a-z0-9:,]{0,60}\\}") {
            let _ = load(Some(&s));
        }
    }
}
