//! The progress record's JSON shape: reading a stored record of any known version into a
//! [`ProgressRecord`], and writing the current version, through any [`JsonValue`].
//!
//! The current version is declared once, with its types ([`crate::json_shape::shape!`] in
//! `progress.rs`, `attempt.rs` and `assembly.rs`): serde's derives and the [`Shape`] read and
//! written here come from the same declaration, and property tests hold the two together. This
//! module adds the shapes that are not a plain object of fields (the tagged scope and status,
//! the domain results as `[id, correct, total]`, the settings' defaults, the paper's seed), the
//! reader of every older version, and the placeholders a failed read goes on with. In the
//! browser the values are `JSON.parse`d (serde and serde_json cost the study app's first
//! download about 60 KB gzip).
//!
//! Reading is as strict as serde is: a required field that is absent, a value of the wrong type
//! or an unknown enum name is an error naming where it is (`exams["x"].attempts[2].percent: …`).
//! Fields that are not part of the record are ignored. Numbers must be whole and at most
//! [`MAX_EXACT`](crate::json::MAX_EXACT) (JavaScript's exact limit); only a paper's seed, a label, may be larger.

use crate::assembly::{Paper, PaperItem, Scope};
use crate::attempt::{Mode, Status, SubmitReason};
use crate::json::JsonValue;
use crate::json_read::{exact_whole, At, Placeholder, Reader};
use crate::json_shape::Shape;
use crate::progress::{
    AttemptRecord, ExamProgress, Outcome, ProgressRecord, QuestionStat, Settings, Theme,
    CURRENT_VERSION,
};

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
///
/// - Format 4 (current): read as stored; its schedule is the one written.
/// - Format 3 is format 4 without attempts of the custom-practice mode: read as format 4.
/// - Format 2 is format 3 without `schedule` in an exam and `guessed` in outcomes and responses
///   (both read as absent: nothing was marked guessed); the current reader reads it with an
///   empty schedule, which is then stale (`ExamProgress::schedule_is_stale`): the study app
///   replays it at start, in a page chunk, so loading never runs the scheduler.
/// - Format 1: see `Reader::v1` (its stats are rebuilt from the attempts; its schedule, empty,
///   likewise stale).
pub fn read_version<J: JsonValue>(value: &J, version: u32) -> R<ProgressRecord> {
    let mut r = Reader { error: None };
    let record = match version {
        CURRENT_VERSION => ProgressRecord::read(&mut r, value, &At::Root),
        3 | 2 => ProgressRecord::read(&mut r, value, &At::Root),
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
    r.write()
}

/// One attempt's record as JSON (the blog embed hands one to its progress module).
pub fn write_attempt_record<J: JsonValue>(a: &AttemptRecord) -> J {
    a.write()
}

/// Reads what [`write_attempt_record`] wrote.
pub fn read_attempt_record<J: JsonValue>(value: &J) -> R<AttemptRecord> {
    let mut r = Reader { error: None };
    let record = AttemptRecord::read(&mut r, value, &At::Root);
    r.error.map_or(Ok(record), Err)
}

// ------------------------------------------------------------------ placeholders

impl Placeholder for Mode {
    fn placeholder() -> Self {
        Mode::Exam
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

// ------------------------------------------------------------------ shapes that are not plain objects

/// Absent fields take [`Settings::default`]'s values (serde's `#[serde(default)]` on the struct).
impl Shape for Settings {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        let f = &r.fields(v, at);
        let default = Settings::default();
        Settings {
            theme: r.or(f, "theme", default.theme, Theme::read),
            shuffle_options: r.or(f, "shuffle_options", default.shuffle_options, bool::read),
        }
    }

    fn write<J: JsonValue>(&self) -> J {
        J::object(vec![
            ("theme", self.theme.write()),
            ("shuffle_options", self.shuffle_options.write()),
        ])
    }
}

/// A domain's result in an attempt: `[domain id, correct, total]`.
impl Shape for (String, u32, u32) {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        match v.elements().as_deref() {
            Some([id, correct, total]) => {
                (r.text(id, at), r.small(correct, at), r.small(total, at))
            }
            _ => r.fail(at, "not a [domain, correct, total] list"),
        }
    }

    fn write<J: JsonValue>(&self) -> J {
        J::array(vec![self.0.write(), self.1.write(), self.2.write()])
    }
}

/// `{"scope": "all"}`, or `{"scope": KIND, "id": ID}` (serde's adjacently tagged enum).
impl Shape for Scope {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        let f = &r.fields(v, at);
        let kind = r.req(f, "scope", String::read);
        match kind.as_str() {
            "all" => Scope::All,
            "domain" => Scope::Domain(r.req(f, "id", String::read)),
            "section" => Scope::Section(r.req(f, "id", String::read)),
            "objective" => Scope::Objective(r.req(f, "id", String::read)),
            "questions" => Scope::Questions(r.req(f, "id", Vec::read)),
            other => r.fail(
                &At::Field(at, "scope"),
                &format!("unknown value \"{other}\""),
            ),
        }
    }

    fn write<J: JsonValue>(&self) -> J {
        let (kind, id) = match self {
            Scope::All => ("all", None),
            Scope::Domain(id) => ("domain", Some(id.write())),
            Scope::Section(id) => ("section", Some(id.write())),
            Scope::Objective(id) => ("objective", Some(id.write())),
            Scope::Questions(ids) => ("questions", Some(ids.write())),
        };
        let mut members = vec![("scope", J::from_text(kind))];
        members.extend(id.map(|id| ("id", id)));
        J::object(members)
    }
}

/// `{"state": "in-progress"}` or `{"state": "submitted", "at_ms": …, "reason": …}` (serde's
/// internally tagged enum).
impl Shape for Status {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        let f = &r.fields(v, at);
        let state = r.req(f, "state", String::read);
        match state.as_str() {
            "in-progress" => Status::InProgress,
            "submitted" => Status::Submitted {
                at_ms: r.req(f, "at_ms", u64::read),
                reason: r.req(f, "reason", SubmitReason::read),
            },
            other => r.fail(
                &At::Field(at, "state"),
                &format!("unknown value \"{other}\""),
            ),
        }
    }

    fn write<J: JsonValue>(&self) -> J {
        match self {
            Status::InProgress => J::object(vec![("state", J::from_text("in-progress"))]),
            Status::Submitted { at_ms, reason } => J::object(vec![
                ("state", J::from_text("submitted")),
                ("at_ms", at_ms.write()),
                ("reason", reason.write()),
            ]),
        }
    }
}

/// The seed is a label only (the questions are stored): any whole number, as exactly as it was
/// read, where the record's other numbers must be exact in JavaScript.
impl Shape for Paper {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        let f = &r.fields(v, at);
        Paper {
            seed: r.req(f, "seed", |r, v, at| match v.as_number() {
                Some(n) if n.fract() == 0.0 && n >= 0.0 => n as u64,
                _ => r.fail(at, "not a whole number"),
            }),
            items: r.req(f, "items", Vec::<PaperItem>::read),
        }
    }

    fn write<J: JsonValue>(&self) -> J {
        J::object(vec![
            ("seed", self.seed.write()),
            ("items", self.items.write()),
        ])
    }
}

// ------------------------------------------------------------------ older versions

impl Reader {
    /// Format 1 (the first release) kept a single exam: `{version: 1, exam_id, attempts: [{id,
    /// mode, started_ms, finished_ms, percent, passed, outcomes: [{question_id, correct}]}],
    /// seen: {question id: {seen, correct}}}` with no settings. Format 2 keys progress by exam,
    /// adds settings, the unfinished attempt, per-domain results and last-seen times; format 3
    /// the schedule (rebuilt here with the stats) and "I guessed".
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
                let outcomes: Vec<Outcome> = r.or_default(a, "outcomes", Vec::<Outcome>::read);
                AttemptRecord {
                    id: r.req(a, "id", Self::text),
                    mode: r.req(a, "mode", Mode::read),
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

#[cfg(test)]
pub(crate) mod tests {
    //! The shape is serde's: for any record, what this module writes is what serde writes, and
    //! what serde writes reads back as the same record. `progress_record` also feeds the merge's
    //! property tests (progress.rs).
    use super::*;
    use crate::attempt::{Attempt, Response};
    use crate::json::MAX_EXACT;
    use crate::progress::load;
    use crate::schedule::{Memory, Phase};
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
                            outcomes in proptest::collection::vec((id(), any::<bool>(), any::<bool>(), any::<bool>()), 0..3)) -> AttemptRecord {
            let outcomes = outcomes.into_iter().map(|(question_id, correct, flagged, guessed)| Outcome { question_id, correct, flagged, guessed }).collect();
            AttemptRecord { id, mode, scope, started_ms, finished_ms, question_count, percent, passed, domains, outcomes }
        }
    }

    prop_compose! {
        fn attempt()(id in id(), exam_id in id(), mode in mode(), scope in scope(), seed in ms(),
                     items in proptest::collection::vec((id(), proptest::collection::vec(id(), 0..3)), 0..3),
                     responses in proptest::collection::vec((proptest::collection::btree_set(id(), 0..3), any::<bool>(), any::<bool>(), any::<bool>()), 0..3),
                     current in 0..=u32::MAX as usize, started_ms in ms(), deadline_ms in proptest::option::of(ms()),
                     submitted in proptest::option::of((ms(), any::<bool>()))) -> Attempt {
            Attempt {
                id, exam_id, mode, scope,
                paper: Paper { seed, items: items.into_iter().map(|(question_id, option_order)| PaperItem { question_id, option_order }).collect() },
                responses: responses.into_iter().map(|(selected, flagged, checked, guessed)| Response { selected, flagged, checked, guessed }).collect(),
                current, started_ms, deadline_ms,
                status: match submitted {
                    None => Status::InProgress,
                    Some((at_ms, timed_out)) => Status::Submitted { at_ms, reason: if timed_out { SubmitReason::TimeUp } else { SubmitReason::Manual } },
                },
            }
        }
    }

    prop_compose! {
        /// Any memory the JSON layer can hold (not only those a review gives).
        fn memory()(due_ms in ms(), last_ms in ms(), stability in any::<u32>(), difficulty in any::<u32>(),
                    reps in any::<u32>(), lapses in any::<u32>(),
                    state in prop_oneof![Just(Phase::New), Just(Phase::Learning), Just(Phase::Review), Just(Phase::Relearning)]) -> Memory {
            Memory { due_ms, last_ms, stability, difficulty, reps, lapses, state }
        }
    }

    prop_compose! {
        fn exam_progress()(attempts in proptest::collection::vec(attempt_record(), 0..3), active in proptest::option::of(attempt()),
                           stats in proptest::collection::btree_map(id(), (any::<u32>(), any::<u32>(), ms(), proptest::option::of(any::<bool>())), 0..3),
                           schedule in proptest::collection::btree_map(id(), memory(), 0..3)) -> ExamProgress {
            let stats = stats.into_iter().map(|(id, (seen, correct, last_seen_ms, last_correct))| (id, QuestionStat { seen, correct, last_seen_ms, last_correct })).collect();
            ExamProgress { attempts, active, stats, schedule }
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
        // Absent `settings`, `exams`, `attempts`, `stats`, `schedule`, `scope`, `domains`,
        // `flagged`, `guessed`, `last_correct`, `deadline_ms`, `selected`: what serde fills in.
        let raw = r#"{"version":4,"exams":{"x":{"attempts":[{"id":"a","mode":"drill","started_ms":1,"finished_ms":2,
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
