//! The blog embed's progress module, loaded by the loader the first time a reader checks an
//! answer (quiz-core's progress record is most of its size, so the quiz itself starts without it).
//!
//! It adds a quick check to the progress the study app keeps in localStorage
//! ([`progress::STORAGE_KEY`], which [`storage_key`] hands to the loader) on the same origin, under
//! the key the app uses for the same bank (`progress::exam_key`: its exam id for a bank from this
//! page's origin, the bank's origin and exam id for one from elsewhere):
//! `progress::load_as` the stored text (through `JSON.parse`); if it reports a problem, nothing
//! is written (the reader's data is never destroyed); otherwise record the attempt, merge with
//! what is stored, and return the JSON to write.

use quiz_core::json::JsonValue;
use quiz_core::progress::{self, ProgressRecord};
use quiz_core::progress_format;
use wasm_bindgen::prelude::*;

/// The localStorage key the study app keeps its record under, for the loader (quiz-embed.js), so
/// that the key is spelled once, in quiz-core.
#[wasm_bindgen]
pub fn storage_key() -> String {
    progress::STORAGE_KEY.to_string()
}

/// The progress to write after recording `record_json` (an `AttemptRecord`) for `exam_id` of a
/// bank from `bank_origin`, on a page of `page_origin` (both `URL.origin`), or `None` when the
/// stored text is unreadable (leave it alone) or the record is not a record. Read and written
/// through the browser's `JSON.parse` and `JSON.stringify`.
#[wasm_bindgen]
pub fn merged(
    stored: Option<String>,
    page_origin: &str,
    bank_origin: &str,
    exam_id: &str,
    record_json: &str,
) -> Option<String> {
    merged_as::<quiz_js::JsJson>(stored, page_origin, bank_origin, exam_id, record_json)
}

/// [`merged`] through the JSON values of `J`.
pub fn merged_as<J: JsonValue>(
    stored: Option<String>,
    page_origin: &str,
    bank_origin: &str,
    exam_id: &str,
    record_json: &str,
) -> Option<String> {
    let record = progress_format::read_attempt_record(&J::parse(record_json).ok()?).ok()?;
    let loaded = progress::load_as::<J>(stored.as_deref());
    if loaded.problem.is_some() {
        return None;
    }
    let mut mine = ProgressRecord::default();
    let key = progress::exam_key(exam_id, progress::foreign_origin(page_origin, bank_origin));
    mine.exam_mut(&key).record(record);
    let mut all = loaded.record;
    all.merge(&mine);
    Some(all.to_json_as::<J>(false))
}

// A small free-list allocator instead of dlmalloc: this module runs a few merges and is done.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };

#[cfg(test)]
mod tests {
    use super::*;
    use quiz_core::attempt::Mode;
    use quiz_core::progress::AttemptRecord;
    use quiz_core::progress::Outcome;
    use quiz_core::Scope;

    const APP: &str = "https://quiz.example.com";

    fn record(id: &str, answered: usize) -> String {
        serde_json::to_string(&AttemptRecord {
            id: id.into(),
            mode: Mode::QuickCheck,
            scope: Scope::Objective("o1".into()),
            started_ms: 1,
            finished_ms: 2 + answered as u64,
            question_count: 3,
            percent: 100,
            passed: true,
            domains: vec![],
            outcomes: (0..answered)
                .map(|i| Outcome {
                    question_id: format!("q{i}"),
                    correct: true,
                    flagged: false,
                    guessed: false,
                })
                .collect(),
        })
        .unwrap()
    }

    #[test]
    fn adds_to_stored_progress_and_updates_the_same_attempt() {
        let mut other = ProgressRecord::default();
        other
            .exam_mut("other-exam")
            .stats
            .insert("x".into(), Default::default());
        let json =
            merged_as::<serde_json::Value>(Some(other.to_json()), APP, APP, "ex", &record("e1", 1))
                .unwrap();
        let json =
            merged_as::<serde_json::Value>(Some(json), APP, APP, "ex", &record("e1", 2)).unwrap();
        let back = progress::load(Some(&json));
        assert!(back.problem.is_none());
        assert!(back.record.exam("other-exam").is_some());
        let ex = back.record.exam("ex").unwrap();
        assert_eq!(ex.attempts.len(), 1);
        assert_eq!(ex.attempts[0].outcomes.len(), 2);
        assert_eq!(ex.stats["q1"].seen, 1);
    }

    #[test]
    fn a_bank_from_elsewhere_never_adds_to_the_apps_own_exam() {
        let own = merged_as::<serde_json::Value>(None, APP, APP, "ex", &record("mine", 1)).unwrap();
        let both = merged_as::<serde_json::Value>(
            Some(own),
            APP,
            "https://evil.example",
            "ex",
            &record("theirs", 1),
        )
        .unwrap();
        let back = progress::load(Some(&both)).record;
        let ids = |key: &str| -> Vec<String> {
            back.exam(key)
                .unwrap()
                .attempts
                .iter()
                .map(|a| a.id.clone())
                .collect()
        };
        assert_eq!(ids("ex"), ["mine"]);
        // The key the study app uses for the same bank through `?bank=`.
        assert_eq!(
            ids(&progress::exam_key("ex", Some("https://evil.example"))),
            ["theirs"]
        );
    }

    #[test]
    fn starts_a_record_when_nothing_is_stored() {
        let json = merged_as::<serde_json::Value>(None, APP, APP, "ex", &record("e1", 1)).unwrap();
        assert_eq!(
            progress::load(Some(&json))
                .record
                .exam("ex")
                .unwrap()
                .attempts
                .len(),
            1
        );
    }

    #[test]
    fn the_loader_takes_the_storage_key_from_this_module() {
        let loader = include_str!("../../static/quiz-embed.js");
        assert!(loader.contains("m.storage_key()"));
        assert!(
            !loader.contains(progress::STORAGE_KEY),
            "quiz-embed.js spells the storage key itself"
        );
        assert_eq!(storage_key(), progress::STORAGE_KEY);
    }

    #[test]
    fn never_overwrites_unreadable_progress() {
        assert_eq!(
            merged_as::<serde_json::Value>(
                Some("{broken".into()),
                APP,
                APP,
                "ex",
                &record("e1", 1)
            ),
            None
        );
        assert_eq!(
            merged_as::<serde_json::Value>(
                Some("{\"version\":99}".into()),
                APP,
                APP,
                "ex",
                &record("e1", 1)
            ),
            None
        );
        assert_eq!(
            merged_as::<serde_json::Value>(Some("[1,2]".into()), APP, APP, "ex", &record("e1", 1)),
            None
        );
        assert_eq!(
            merged_as::<serde_json::Value>(None, APP, APP, "ex", "not a record"),
            None
        );
    }
}
