//! Reading the bundle's pieces ([`crate::bundle`]) from any [`JsonValue`], natively
//! (`serde_json::Value`: quiz-author's tests, the fuzz targets) and in the browser
//! (`quiz_js::JsJson` over `JSON.parse`d values) alike, so the code the browser runs is the code
//! the native tests run.
//!
//! The shapes are declared once, with the types ([`crate::json_shape::shape!`] in `bundle.rs`
//! and `model.rs`): the serde derives quiz-author writes with and the [`Shape`] read here come
//! from the same declaration. This module adds what is not a field's shape: the format check
//! first, and the placeholders a failed read goes on with.

use crate::bundle::{check_format, BundleError, Index, Outline, Shard};
use crate::json::JsonValue;
use crate::json_read::{At, Placeholder, Reader};
use crate::json_shape::Shape;
use crate::model::{Blueprint, Difficulty, QuestionKind};

/// Reads an index (`bank.json`).
pub fn read_index<J: JsonValue>(value: &J) -> Result<Index, BundleError> {
    read(value)
}

/// Reads a shard.
pub fn read_shard<J: JsonValue>(value: &J) -> Result<Shard, BundleError> {
    read(value)
}

/// Reads the outline (`outline.json`).
pub fn read_outline<J: JsonValue>(value: &J) -> Result<Outline, BundleError> {
    read(value)
}

/// Checks the format first (a piece of another format is [`BundleError::Format`]), then reads.
fn read<J: JsonValue, T: Shape>(value: &J) -> Result<T, BundleError> {
    if !value.is_object() {
        return Err(BundleError::Unreadable("it is not a JSON object".into()));
    }
    let mut r = Reader { error: None };
    let format = match value.member("format") {
        Some(f) => r.small(&f, &At::Field(&At::Root, "format")),
        None => return Err(BundleError::Unreadable("format: missing".into())),
    };
    if r.error.is_none() {
        check_format(format)?;
    }
    let out = T::read(&mut r, value, &At::Root);
    r.error
        .map_or(Ok(out), |why| Err(BundleError::Unreadable(why)))
}

impl Placeholder for QuestionKind {
    fn placeholder() -> Self {
        QuestionKind::Single
    }
}

impl Placeholder for Difficulty {
    fn placeholder() -> Self {
        Difficulty::Medium
    }
}

impl Placeholder for Blueprint {
    fn placeholder() -> Self {
        Blueprint {
            id: String::new(),
            title: String::new(),
            version: String::new(),
            question_count: 0,
            duration_minutes: 0,
            pass_percent: 0,
            domains: vec![],
        }
    }
}

#[cfg(test)]
mod tests {
    //! The shape is serde's: what serde writes, this reads back as the same value; what serde
    //! refuses, this refuses.
    use super::*;
    use crate::bundle::{split, BUNDLE_FORMAT};
    use crate::model::fixtures::bank;
    use crate::model::{AnswerOption, Question, Reference, StudyNote};
    use proptest::prelude::*;
    use serde_json::{json, Value};

    fn value<T: serde::Serialize>(t: &T) -> Value {
        serde_json::to_value(t).unwrap()
    }

    #[test]
    fn reads_what_serde_writes() {
        let mut b = bank(&[60, 40], 3, 7, 10);
        b.questions[2].tags = vec!["x".into()];
        b.notes = vec![StudyNote {
            objective: "d0-o0".into(),
            know: "k".into(),
            trap: "t".into(),
        }];
        let b = crate::model::Bank::new(b.blueprint, b.questions, b.notes);
        let pieces = split(&b);
        let index = pieces.index("bank-x");
        assert_eq!(read_index(&value(&index)).unwrap(), index);
        for shard in &pieces.shards {
            assert_eq!(&read_shard(&value(shard)).unwrap(), shard);
        }
        assert_eq!(
            read_outline(&value(&pieces.outline)).unwrap(),
            pieces.outline
        );
    }

    #[test]
    fn errors_say_where() {
        let b = bank(&[100], 1, 2, 1);
        let pieces = split(&b);
        let mut shard = value(&pieces.shards[0]);
        shard["questions"][1]["options"][2]
            .as_object_mut()
            .unwrap()
            .remove("correct");
        assert_eq!(
            read_shard(&shard),
            Err(BundleError::Unreadable(
                "questions[1].options[2].correct: missing".into()
            ))
        );
        shard["questions"][1]["options"][2]["correct"] = json!(true);
        shard["questions"][0]["kind"] = json!("triple");
        assert_eq!(
            read_shard(&shard),
            Err(BundleError::Unreadable(
                "questions[0].kind: unknown value \"triple\"".into()
            ))
        );
        assert_eq!(
            read_index(&json!({"format": 1})),
            Err(BundleError::Format(1))
        );
        assert_eq!(
            read_index(&json!([1])),
            Err(BundleError::Unreadable("it is not a JSON object".into()))
        );
        assert_eq!(
            read_index(&json!({"format": 2.5})),
            Err(BundleError::Unreadable(
                "format: not a whole number from 0 to 4294967295".into()
            ))
        );
        assert_eq!(
            read_outline(&json!({"format": 2, "questions": [{"id": "a"}]})),
            Err(BundleError::Unreadable(
                "questions[0].objective: missing".into()
            ))
        );
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-z\"\\\\<é ]{0,5}"
    }

    prop_compose! {
        fn question()(id in text(), multiple in any::<bool>(), choose in proptest::option::of(0u32..9), d in 0usize..3,
                      tags in proptest::collection::vec(text(), 0..2), stem in text(),
                      options in proptest::collection::vec((text(), any::<bool>(), text()), 0..4),
                      references in proptest::collection::vec((text(), text()), 0..3)) -> Question {
            Question {
                id, objective: "o".into(),
                kind: if multiple { QuestionKind::Multiple } else { QuestionKind::Single },
                choose, difficulty: Difficulty::NAMES[d].1, tags, stem: stem.clone(),
                options: options.into_iter().enumerate().map(|(i, (text, correct, reason))| AnswerOption { id: i.to_string(), text, correct, reason }).collect(),
                explanation: stem,
                references: references.into_iter().map(|(title, url)| Reference { title, url }).collect(),
            }
        }
    }

    proptest! {
        #[test]
        fn any_shard_serde_writes_reads_back(questions in proptest::collection::vec(question(), 0..4), part in 0u32..9, with_note in any::<bool>()) {
            let shard = Shard {
                format: BUNDLE_FORMAT, objective: "o".into(), part,
                note: with_note.then(|| StudyNote { objective: "o".into(), know: "k".into(), trap: "t".into() }),
                questions,
            };
            let v = value(&shard);
            prop_assert_eq!(read_shard(&v).unwrap(), shard.clone());
            // The shape writes what serde writes (fields, order, what is left out).
            prop_assert_eq!(&shard.write::<Value>(), &v);
            // What serde reads, this reads alike (and the other way round) after one field is dropped.
            let mut damaged = v.clone();
            if let Some(q) = damaged["questions"].as_array_mut().and_then(|a| a.first_mut()) {
                q.as_object_mut().unwrap().remove("stem");
            }
            let ours = read_shard(&damaged).ok();
            let serdes = serde_json::from_value::<Shard>(damaged).ok().filter(|s| s.format == BUNDLE_FORMAT);
            prop_assert_eq!(ours, serdes);
        }
    }
}
