//! The progress record's JSON shape: reading a stored record of any known version into a
//! [`ProgressRecord`], and writing the current version, through any [`JsonValue`].
//!
//! The shape is the one serde's derives on the progress types describe (field names, enum tags,
//! defaults for absent fields); property tests hold this code to them both ways. It exists
//! because the derived code, with serde_json, cost the study app's first download about 60 KB
//! gzip; in the browser this code reads and builds `JSON.parse`d values instead.
//!
//! Reading is as strict as serde is: a required field that is absent, a value of the wrong type
//! or an unknown enum name is an error naming where it is (`exams["x"].attempts[2].percent: …`).
//! Fields that are not part of the record are ignored. Numbers must be whole and at most
//! [`MAX_EXACT`](crate::json::MAX_EXACT) (JavaScript's exact limit); only a paper's seed, a label, may be larger.

use crate::assembly::{Paper, PaperItem, Scope};
use crate::attempt::{Attempt, Mode, Response, Status, SubmitReason};
use crate::json::JsonValue;
use crate::json_read::{exact_whole, At, Placeholder, Reader};
use crate::progress::{
    AttemptRecord, ExamProgress, Outcome, ProgressRecord, QuestionStat, Settings, Theme,
    CURRENT_VERSION,
};
use std::collections::BTreeSet;

type R<T> = Result<T, String>;

/// What [`read_version`] is given: the stored value's `version`, when it has one.
pub enum Header {
    /// An object with a whole-number `version` (absent or not whole: `None`).
    Object { version: Option<u64> },
    /// Any other JSON value.
    NotObject,
}

/// The first look at stored JSON: is it an object, and which version does it say it is?
pub fn header<J: JsonValue>(value: &J) -> Header {
    if !value.is_object() {
        return Header::NotObject;
    }
    Header::Object {
        version: value
            .member("version")
            .and_then(|v| exact_whole(&v, u64::MAX)),
    }
}

/// Reads stored JSON of format `version` (at most [`CURRENT_VERSION`]) as the current record;
/// each older format has its own reader that builds the current record.
pub fn read_version<J: JsonValue>(value: &J, version: u32) -> R<ProgressRecord> {
    let mut r = Reader { error: None };
    let record = match version {
        CURRENT_VERSION => r.record(value),
        1 => r.v1(value),
        other => return Err(format!("no migration from format {other}")),
    };
    match r.error {
        None => Ok(record),
        Some(why) if version == 1 => Err(format!("format 1: {why}")),
        Some(why) => Err(why),
    }
}

/// The record as JSON of the current format.
pub fn write<J: JsonValue>(r: &ProgressRecord) -> J {
    J::object(vec![
        field("version", J::from_whole(r.version as u64)),
        field(
            "settings",
            J::object(vec![
                field("theme", J::from_text(theme_name(r.settings.theme))),
                field("shuffle_options", J::from_bool(r.settings.shuffle_options)),
            ]),
        ),
        field(
            "exams",
            J::object(
                r.exams
                    .iter()
                    .map(|(id, e)| (id.as_str(), exam_progress(e)))
                    .collect(),
            ),
        ),
    ])
}

/// One attempt's record as JSON (the blog embed hands one to its progress module).
pub fn write_attempt_record<J: JsonValue>(a: &AttemptRecord) -> J {
    attempt_record_json(a)
}

/// Reads what [`write_attempt_record`] wrote.
pub fn read_attempt_record<J: JsonValue>(value: &J) -> R<AttemptRecord> {
    let mut r = Reader { error: None };
    let record = r.attempt_record(value, &At::Root);
    r.error.map_or(Ok(record), Err)
}

// ------------------------------------------------------------------ reading: the record's own values

impl Placeholder for Mode {
    fn placeholder() -> Self {
        Mode::Exam
    }
}

impl Placeholder for Scope {
    fn placeholder() -> Self {
        Scope::All
    }
}

impl Placeholder for Status {
    fn placeholder() -> Self {
        Status::InProgress
    }
}

impl Placeholder for Paper {
    fn placeholder() -> Self {
        Paper {
            seed: 0,
            items: Vec::new(),
        }
    }
}

impl Placeholder for SubmitReason {
    fn placeholder() -> Self {
        SubmitReason::Manual
    }
}

impl Reader {
    fn mode<J: JsonValue>(&mut self, v: &J, at: &At) -> Mode {
        self.name_of(v, at, &MODES)
    }
}

const MODES: [(&str, Mode); 4] = [
    ("exam", Mode::Exam),
    ("quick-check", Mode::QuickCheck),
    ("drill", Mode::Drill),
    ("retake", Mode::Retake),
];
const THEMES: [(&str, Theme); 3] = [
    ("system", Theme::System),
    ("light", Theme::Light),
    ("dark", Theme::Dark),
];
const REASONS: [(&str, SubmitReason); 2] = [
    ("manual", SubmitReason::Manual),
    ("time-up", SubmitReason::TimeUp),
];

// ------------------------------------------------------------------ reading: the record

impl Reader {
    fn record<J: JsonValue>(&mut self, v: &J) -> ProgressRecord {
        let f = &self.fields(v, &At::Root);
        ProgressRecord {
            version: self.req(f, "version", Self::small),
            settings: self.or_default(f, "settings", Self::settings),
            exams: self.or_default(f, "exams", |r, v, at| r.map(v, at, Self::exam_progress)),
        }
    }

    fn settings<J: JsonValue>(&mut self, v: &J, at: &At) -> Settings {
        let f = &self.fields(v, at);
        let default = Settings::default();
        Settings {
            theme: self.or(f, "theme", default.theme, |r, v, at| {
                r.name_of(v, at, &THEMES)
            }),
            shuffle_options: self.or(f, "shuffle_options", default.shuffle_options, Self::boolean),
        }
    }

    fn exam_progress<J: JsonValue>(&mut self, v: &J, at: &At) -> ExamProgress {
        let f = &self.fields(v, at);
        ExamProgress {
            attempts: self.or_default(f, "attempts", |r, v, at| {
                r.list(v, at, Self::attempt_record)
            }),
            active: self.optional(f, "active", Self::attempt),
            stats: self.or_default(f, "stats", |r, v, at| r.map(v, at, Self::question_stat)),
        }
    }

    fn question_stat<J: JsonValue>(&mut self, v: &J, at: &At) -> QuestionStat {
        let f = &self.fields(v, at);
        QuestionStat {
            seen: self.req(f, "seen", Self::small),
            correct: self.req(f, "correct", Self::small),
            last_seen_ms: self.req(f, "last_seen_ms", Self::timestamp),
            last_correct: self.optional(f, "last_correct", Self::boolean),
        }
    }

    fn outcome<J: JsonValue>(&mut self, v: &J, at: &At) -> Outcome {
        let f = &self.fields(v, at);
        Outcome {
            question_id: self.req(f, "question_id", Self::text),
            correct: self.req(f, "correct", Self::boolean),
            flagged: self.or_default(f, "flagged", Self::boolean),
        }
    }

    fn domain_result<J: JsonValue>(&mut self, v: &J, at: &At) -> (String, u32, u32) {
        match v.elements().as_deref() {
            Some([id, correct, total]) => (
                self.text(id, at),
                self.small(correct, at),
                self.small(total, at),
            ),
            _ => self.fail(at, "not a [domain, correct, total] list"),
        }
    }

    fn attempt_record<J: JsonValue>(&mut self, v: &J, at: &At) -> AttemptRecord {
        let f = &self.fields(v, at);
        AttemptRecord {
            id: self.req(f, "id", Self::text),
            mode: self.req(f, "mode", Self::mode),
            scope: self.or(f, "scope", Scope::All, Self::scope),
            started_ms: self.req(f, "started_ms", Self::timestamp),
            finished_ms: self.req(f, "finished_ms", Self::timestamp),
            question_count: self.req(f, "question_count", Self::small),
            percent: self.req(f, "percent", Self::small),
            passed: self.req(f, "passed", Self::boolean),
            domains: self.or_default(f, "domains", |r, v, at| r.list(v, at, Self::domain_result)),
            outcomes: self.req(f, "outcomes", |r, v, at| r.list(v, at, Self::outcome)),
        }
    }

    fn scope<J: JsonValue>(&mut self, v: &J, at: &At) -> Scope {
        let f = &self.fields(v, at);
        let kind = self.req(f, "scope", Self::text);
        match kind.as_str() {
            "all" => Scope::All,
            "domain" => Scope::Domain(self.req(f, "id", Self::text)),
            "section" => Scope::Section(self.req(f, "id", Self::text)),
            "objective" => Scope::Objective(self.req(f, "id", Self::text)),
            "questions" => Scope::Questions(self.req(f, "id", Self::texts)),
            other => self.fail(
                &At::Field(at, "scope"),
                &format!("unknown value \"{other}\""),
            ),
        }
    }

    fn attempt<J: JsonValue>(&mut self, v: &J, at: &At) -> Attempt {
        let f = &self.fields(v, at);
        Attempt {
            id: self.req(f, "id", Self::text),
            exam_id: self.req(f, "exam_id", Self::text),
            mode: self.req(f, "mode", Self::mode),
            scope: self.req(f, "scope", Self::scope),
            paper: self.req(f, "paper", Self::paper),
            responses: self.req(f, "responses", |r, v, at| r.list(v, at, Self::response)),
            current: self.req(f, "current", Self::small) as usize,
            started_ms: self.req(f, "started_ms", Self::timestamp),
            deadline_ms: self.optional(f, "deadline_ms", Self::timestamp),
            status: self.req(f, "status", Self::status),
        }
    }

    fn paper<J: JsonValue>(&mut self, v: &J, at: &At) -> Paper {
        let f = &self.fields(v, at);
        Paper {
            // A label only (the questions are stored): any whole number, as exactly as it was read.
            seed: self.req(f, "seed", |r, v, at| match v.as_number() {
                Some(n) if n.fract() == 0.0 && n >= 0.0 => n as u64,
                _ => r.fail(at, "not a whole number"),
            }),
            items: self.req(f, "items", |r, v, at| r.list(v, at, Self::paper_item)),
        }
    }

    fn paper_item<J: JsonValue>(&mut self, v: &J, at: &At) -> PaperItem {
        let f = &self.fields(v, at);
        PaperItem {
            question_id: self.req(f, "question_id", Self::text),
            option_order: self.req(f, "option_order", Self::texts),
        }
    }

    fn response<J: JsonValue>(&mut self, v: &J, at: &At) -> Response {
        let f = &self.fields(v, at);
        let mut selected = BTreeSet::new();
        for id in self.or_default(f, "selected", Self::texts) {
            selected.insert(id);
        }
        Response {
            selected,
            flagged: self.or_default(f, "flagged", Self::boolean),
            checked: self.or_default(f, "checked", Self::boolean),
        }
    }

    fn status<J: JsonValue>(&mut self, v: &J, at: &At) -> Status {
        let f = &self.fields(v, at);
        let state = self.req(f, "state", Self::text);
        match state.as_str() {
            "in-progress" => Status::InProgress,
            "submitted" => Status::Submitted {
                at_ms: self.req(f, "at_ms", Self::timestamp),
                reason: self.req(f, "reason", |r, v, at| r.name_of(v, at, &REASONS)),
            },
            other => self.fail(
                &At::Field(at, "state"),
                &format!("unknown value \"{other}\""),
            ),
        }
    }

    /// Format 1 (the first release) kept a single exam: `{version: 1, exam_id, attempts: [{id,
    /// mode, started_ms, finished_ms, percent, passed, outcomes: [{question_id, correct}]}],
    /// seen: {question id: {seen, correct}}}` with no settings. Format 2 keys progress by exam,
    /// adds settings, the unfinished attempt, per-domain results and last-seen times.
    fn v1<J: JsonValue>(&mut self, v: &J) -> ProgressRecord {
        let f = &self.fields(v, &At::Root);
        let exam_id = self.req(f, "exam_id", Self::text);
        let seen = self.or_default(f, "seen", |r, v, at| {
            r.map(v, at, |r, v, at| {
                let s = &r.fields(v, at);
                (
                    r.req(s, "seen", Self::small),
                    r.req(s, "correct", Self::small),
                )
            })
        });
        let attempts = self.or_default(f, "attempts", |r, v, at| {
            r.list(v, at, |r, v, at| {
                let a = &r.fields(v, at);
                let outcomes: Vec<Outcome> =
                    r.or_default(a, "outcomes", |r, v, at| r.list(v, at, Self::outcome));
                AttemptRecord {
                    id: r.req(a, "id", Self::text),
                    mode: r.req(a, "mode", Self::mode),
                    scope: Scope::All,
                    started_ms: r.req(a, "started_ms", Self::timestamp),
                    finished_ms: r.req(a, "finished_ms", Self::timestamp),
                    question_count: outcomes.len() as u32,
                    percent: r.req(a, "percent", Self::small).min(100),
                    passed: r.req(a, "passed", Self::boolean),
                    domains: vec![],
                    outcomes,
                }
            })
        });
        let mut exam = ExamProgress::default();
        for (id, (seen, correct)) in seen {
            exam.stats.insert(
                id,
                QuestionStat {
                    seen,
                    correct: correct.min(seen),
                    last_seen_ms: 0,
                    last_correct: None,
                },
            );
        }
        exam.attempts = attempts;
        exam.rebuild_stats();
        let mut record = ProgressRecord::default();
        record.exams.insert(exam_id, exam);
        record
    }
}

// ------------------------------------------------------------------ writing

fn field<J: JsonValue>(key: &str, value: J) -> (&str, J) {
    (key, value)
}

fn name_in<T: PartialEq + Copy>(names: &[(&'static str, T)], value: T) -> &'static str {
    names
        .iter()
        .find(|(_, v)| *v == value)
        .map_or("", |(n, _)| n)
}

fn theme_name(theme: Theme) -> &'static str {
    name_in(&THEMES, theme)
}

fn mode_json<J: JsonValue>(m: Mode) -> J {
    J::from_text(name_in(&MODES, m))
}

fn texts_json<'a, J: JsonValue>(items: impl IntoIterator<Item = &'a String>) -> J {
    J::array(items.into_iter().map(|s| J::from_text(s)).collect())
}

fn exam_progress<J: JsonValue>(e: &ExamProgress) -> J {
    J::object(vec![
        field(
            "attempts",
            J::array(e.attempts.iter().map(attempt_record_json).collect()),
        ),
        field(
            "active",
            e.active.as_ref().map_or_else(J::null, attempt_json),
        ),
        field(
            "stats",
            J::object(
                e.stats
                    .iter()
                    .map(|(id, s)| {
                        let stat = J::object(vec![
                            field("seen", J::from_whole(s.seen as u64)),
                            field("correct", J::from_whole(s.correct as u64)),
                            field("last_seen_ms", J::from_whole(s.last_seen_ms)),
                            field(
                                "last_correct",
                                s.last_correct.map_or_else(J::null, J::from_bool),
                            ),
                        ]);
                        (id.as_str(), stat)
                    })
                    .collect(),
            ),
        ),
    ])
}

fn attempt_record_json<J: JsonValue>(a: &AttemptRecord) -> J {
    J::object(vec![
        field("id", J::from_text(&a.id)),
        field("mode", mode_json(a.mode)),
        field("scope", scope_json(&a.scope)),
        field("started_ms", J::from_whole(a.started_ms)),
        field("finished_ms", J::from_whole(a.finished_ms)),
        field("question_count", J::from_whole(a.question_count as u64)),
        field("percent", J::from_whole(a.percent as u64)),
        field("passed", J::from_bool(a.passed)),
        field(
            "domains",
            J::array(
                a.domains
                    .iter()
                    .map(|(id, c, t)| {
                        J::array(vec![
                            J::from_text(id),
                            J::from_whole(*c as u64),
                            J::from_whole(*t as u64),
                        ])
                    })
                    .collect(),
            ),
        ),
        field(
            "outcomes",
            J::array(
                a.outcomes
                    .iter()
                    .map(|o| {
                        J::object(vec![
                            field("question_id", J::from_text(&o.question_id)),
                            field("correct", J::from_bool(o.correct)),
                            field("flagged", J::from_bool(o.flagged)),
                        ])
                    })
                    .collect(),
            ),
        ),
    ])
}

fn scope_json<J: JsonValue>(s: &Scope) -> J {
    let (kind, id) = match s {
        Scope::All => ("all", None),
        Scope::Domain(id) => ("domain", Some(J::from_text(id))),
        Scope::Section(id) => ("section", Some(J::from_text(id))),
        Scope::Objective(id) => ("objective", Some(J::from_text(id))),
        Scope::Questions(ids) => ("questions", Some(texts_json(ids))),
    };
    let mut members = vec![field("scope", J::from_text(kind))];
    members.extend(id.map(|id| field("id", id)));
    J::object(members)
}

fn attempt_json<J: JsonValue>(a: &Attempt) -> J {
    let status = match &a.status {
        Status::InProgress => J::object(vec![field("state", J::from_text("in-progress"))]),
        Status::Submitted { at_ms, reason } => J::object(vec![
            field("state", J::from_text("submitted")),
            field("at_ms", J::from_whole(*at_ms)),
            field("reason", J::from_text(name_in(&REASONS, *reason))),
        ]),
    };
    J::object(vec![
        field("id", J::from_text(&a.id)),
        field("exam_id", J::from_text(&a.exam_id)),
        field("mode", mode_json(a.mode)),
        field("scope", scope_json(&a.scope)),
        field(
            "paper",
            J::object(vec![
                field("seed", J::from_whole(a.paper.seed)),
                field(
                    "items",
                    J::array(
                        a.paper
                            .items
                            .iter()
                            .map(|i| {
                                J::object(vec![
                                    field("question_id", J::from_text(&i.question_id)),
                                    field("option_order", texts_json(&i.option_order)),
                                ])
                            })
                            .collect(),
                    ),
                ),
            ]),
        ),
        field(
            "responses",
            J::array(
                a.responses
                    .iter()
                    .map(|r| {
                        J::object(vec![
                            field("selected", texts_json(&r.selected)),
                            field("flagged", J::from_bool(r.flagged)),
                            field("checked", J::from_bool(r.checked)),
                        ])
                    })
                    .collect(),
            ),
        ),
        field("current", J::from_whole(a.current as u64)),
        field("started_ms", J::from_whole(a.started_ms)),
        field(
            "deadline_ms",
            a.deadline_ms.map_or_else(J::null, J::from_whole),
        ),
        field("status", status),
    ])
}

#[cfg(test)]
pub(crate) mod tests {
    //! The shape is serde's: for any record, what this module writes is what serde writes, and
    //! what serde writes reads back as the same record. `progress_record` also feeds the merge's
    //! property tests (progress.rs).
    use super::*;
    use crate::json::MAX_EXACT;
    use crate::progress::load;
    use proptest::prelude::*;
    use serde_json::Value;

    fn id() -> impl Strategy<Value = String> {
        "[a-z0-9\"\\\\é\\- ]{0,6}"
    }

    fn ms() -> impl Strategy<Value = u64> {
        0..=MAX_EXACT
    }

    fn mode() -> impl Strategy<Value = Mode> {
        prop_oneof![
            Just(Mode::Exam),
            Just(Mode::QuickCheck),
            Just(Mode::Drill),
            Just(Mode::Retake)
        ]
    }

    fn scope() -> impl Strategy<Value = Scope> {
        prop_oneof![
            Just(Scope::All),
            id().prop_map(Scope::Domain),
            id().prop_map(Scope::Section),
            id().prop_map(Scope::Objective),
            proptest::collection::vec(id(), 0..3).prop_map(Scope::Questions),
        ]
    }

    prop_compose! {
        fn attempt_record()(id in id(), mode in mode(), scope in scope(), started_ms in ms(), finished_ms in ms(),
                            question_count in any::<u32>(), percent in any::<u32>(), passed in any::<bool>(),
                            domains in proptest::collection::vec((id(), any::<u32>(), any::<u32>()), 0..3),
                            outcomes in proptest::collection::vec((id(), any::<bool>(), any::<bool>()), 0..3)) -> AttemptRecord {
            let outcomes = outcomes.into_iter().map(|(question_id, correct, flagged)| Outcome { question_id, correct, flagged }).collect();
            AttemptRecord { id, mode, scope, started_ms, finished_ms, question_count, percent, passed, domains, outcomes }
        }
    }

    prop_compose! {
        fn attempt()(id in id(), exam_id in id(), mode in mode(), scope in scope(), seed in ms(),
                     items in proptest::collection::vec((id(), proptest::collection::vec(id(), 0..3)), 0..3),
                     responses in proptest::collection::vec((proptest::collection::btree_set(id(), 0..3), any::<bool>(), any::<bool>()), 0..3),
                     current in 0..=u32::MAX as usize, started_ms in ms(), deadline_ms in proptest::option::of(ms()),
                     submitted in proptest::option::of((ms(), any::<bool>()))) -> Attempt {
            Attempt {
                id, exam_id, mode, scope,
                paper: Paper { seed, items: items.into_iter().map(|(question_id, option_order)| PaperItem { question_id, option_order }).collect() },
                responses: responses.into_iter().map(|(selected, flagged, checked)| Response { selected, flagged, checked }).collect(),
                current, started_ms, deadline_ms,
                status: match submitted {
                    None => Status::InProgress,
                    Some((at_ms, timed_out)) => Status::Submitted { at_ms, reason: if timed_out { SubmitReason::TimeUp } else { SubmitReason::Manual } },
                },
            }
        }
    }

    prop_compose! {
        fn exam_progress()(attempts in proptest::collection::vec(attempt_record(), 0..3), active in proptest::option::of(attempt()),
                           stats in proptest::collection::btree_map(id(), (any::<u32>(), any::<u32>(), ms(), proptest::option::of(any::<bool>())), 0..3)) -> ExamProgress {
            let stats = stats.into_iter().map(|(id, (seen, correct, last_seen_ms, last_correct))| (id, QuestionStat { seen, correct, last_seen_ms, last_correct })).collect();
            ExamProgress { attempts, active, stats }
        }
    }

    prop_compose! {
        pub(crate) fn progress_record()(theme in prop_oneof![Just(Theme::System), Just(Theme::Light), Just(Theme::Dark)], shuffle_options in any::<bool>(),
                             exams in proptest::collection::btree_map(id(), exam_progress(), 0..3)) -> ProgressRecord {
            ProgressRecord { version: CURRENT_VERSION, settings: Settings { theme, shuffle_options }, exams }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn writes_what_serde_writes(record in progress_record()) {
            prop_assert_eq!(write::<Value>(&record), serde_json::to_value(&record).unwrap());
        }

        #[test]
        fn reads_what_serde_writes(record in progress_record()) {
            let loaded = load(Some(&serde_json::to_string(&record).unwrap()));
            prop_assert_eq!(loaded.problem, None);
            prop_assert_eq!(loaded.record, record);
        }
    }

    #[test]
    fn serde_defaults_are_honoured() {
        // Absent `settings`, `exams`, `attempts`, `stats`, `scope`, `domains`, `flagged`,
        // `last_correct`, `deadline_ms`, `selected`: what serde fills in.
        let raw = r#"{"version":2,"exams":{"x":{"attempts":[{"id":"a","mode":"drill","started_ms":1,"finished_ms":2,
            "question_count":1,"percent":100,"passed":true,"outcomes":[{"question_id":"q","correct":true}]}],
            "active":{"id":"b","exam_id":"x","mode":"exam","scope":{"scope":"all"},"paper":{"seed":3,"items":[]},
            "responses":[{}],"current":0,"started_ms":5,"status":{"state":"in-progress"}}}}}"#;
        let expected: ProgressRecord = serde_json::from_str(raw).unwrap();
        let loaded = load(Some(raw));
        assert_eq!(loaded.problem, None);
        assert_eq!(loaded.record, expected);
    }

    #[test]
    fn errors_say_where() {
        let why = |raw: &str| match load(Some(raw)).problem {
            Some(crate::progress::LoadProblem::Corrupt(why)) => why,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            why(r#"{"version":2,"exams":{"x":{"attempts":[{"id":"a"}]}}}"#),
            r#"exams["x"].attempts[0].mode: missing"#
        );
        assert_eq!(
            why(r#"{"version":2,"exams":{"x":{"stats":{"q":{"seen":-1}}}}}"#),
            r#"exams["x"].stats["q"].seen: not a whole number from 0 to 4294967295"#
        );
        assert_eq!(
            why(r#"{"version":2,"settings":{"theme":"blue"}}"#),
            r#"settings.theme: unknown value "blue""#
        );
        assert_eq!(why(r#"{"version":1}"#), "format 1: exam_id: missing");
    }
}
