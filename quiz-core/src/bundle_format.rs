//! Reading the bundle's pieces ([`crate::bundle`]) from any [`JsonValue`], natively
//! (`serde_json::Value`: quiz-author's tests, the fuzz targets) and in the browser
//! (`quiz_js::JsJson` over `JSON.parse`d values) alike, so the code the browser runs is the code
//! the native tests run.
//!
//! The shapes are declared once, with the types ([`crate::json_shape::shape!`] in `bundle.rs`
//! and `model.rs`): the serde derives quiz-author writes with and the [`Shape`] read here come
//! from the same declaration. This module adds what is not a field's shape: the format check
//! first, and the placeholders a failed read goes on with.

use crate::bundle::{
    check_format, BundleError, Index, Outline, OutlineQuestion, Shard, BUNDLE_FORMAT,
};
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

/// Reads the outline (`outline.json`): [`OutlineReading`] with every question in one step.
pub fn read_outline<J: JsonValue>(value: &J) -> Result<Outline, BundleError> {
    let mut reading = OutlineReading::start(value)?;
    reading.step(usize::MAX);
    reading.finish()
}

/// The outline read a few questions at a time, so that a page can let the browser handle input
/// between steps: the study app reads it at every start, and in one go the 625 questions
/// blocked input for about 200 ms at 4x CPU (a 2,000-question bank three times as long). Reads
/// what [`Outline`]'s shape reads, with the same errors (a test holds the two together).
pub struct OutlineReading<J> {
    reader: Reader,
    questions: Vec<J>,
    read: Vec<OutlineQuestion>,
}

impl<J: JsonValue> OutlineReading<J> {
    /// Checks the format and finds the questions (nothing read yet).
    pub fn start(value: &J) -> Result<Self, BundleError> {
        let mut reader = check(value)?;
        let at = At::Field(&At::Root, "questions");
        let questions = match value.member("questions") {
            Some(list) => list
                .elements()
                .unwrap_or_else(|| reader.fail(&at, "not a list")),
            None => reader.fail(&at, "missing"),
        };
        Ok(OutlineReading {
            read: Vec::with_capacity(questions.len()),
            reader,
            questions,
        })
    }

    /// Reads up to `count` more questions; whether to go on: false once every question is read
    /// or one could not be (the error is [`finish`](Self::finish)'s).
    pub fn step(&mut self, count: usize) -> bool {
        let list = At::Field(&At::Root, "questions");
        let from = self.read.len();
        let to = from.saturating_add(count).min(self.questions.len());
        for i in from..to {
            let question =
                OutlineQuestion::read(&mut self.reader, &self.questions[i], &At::Item(&list, i));
            self.read.push(question);
        }
        to < self.questions.len() && self.reader.error.is_none()
    }

    /// The outline, or the first error; questions not read by a [`step`](Self::step) yet are
    /// left out.
    pub fn finish(self) -> Result<Outline, BundleError> {
        match self.reader.error {
            Some(why) => Err(BundleError::Unreadable(why)),
            None => Ok(Outline {
                format: BUNDLE_FORMAT,
                questions: self.read,
            }),
        }
    }
}

/// Checks the format first (a piece of another format is [`BundleError::Format`]), then reads.
fn read<J: JsonValue, T: Shape>(value: &J) -> Result<T, BundleError> {
    let mut r = check(value)?;
    let out = T::read(&mut r, value, &At::Root);
    r.error
        .map_or(Ok(out), |why| Err(BundleError::Unreadable(why)))
}

/// A reader for a piece of this format: an object whose `format` is [`BUNDLE_FORMAT`] (an
/// error in the reader if `format` is not a number).
fn check<J: JsonValue>(value: &J) -> Result<Reader, BundleError> {
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
    Ok(r)
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
            read_outline(&json!({"format": BUNDLE_FORMAT, "questions": [{"id": "a"}]})),
            Err(BundleError::Unreadable("questions[0].kind: missing".into()))
        );
    }

    /// What `Outline`'s shape reads from `value`, as `read_outline` did before it read in steps.
    fn shape_read(value: &Value) -> Result<Outline, BundleError> {
        read::<Value, Outline>(value)
    }

    #[test]
    fn the_outline_read_in_steps_is_the_outline_its_shape_reads() {
        let b = bank(&[60, 40], 3, 7, 10);
        let outline = value(&split(&b).outline);
        let whole = shape_read(&outline).unwrap();
        let n = whole.questions.len();
        assert!(n > 10);
        for count in [1, 3, n, n + 1] {
            let mut reading = OutlineReading::start(&outline).unwrap();
            let mut steps = 1;
            while reading.step(count) {
                steps += 1;
            }
            assert_eq!(steps, n.div_ceil(count), "{count} at a time");
            assert_eq!(reading.finish().unwrap(), whole);
        }
        assert_eq!(read_outline(&outline).unwrap(), whole);
        // A question not read yet is not in the outline.
        let mut reading = OutlineReading::start(&outline).unwrap();
        assert!(reading.step(4));
        assert_eq!(reading.finish().unwrap().questions, whole.questions[..4]);
        // The same errors, at the same places; reading stops at the first.
        let mut damaged = outline.clone();
        damaged["questions"][5]
            .as_object_mut()
            .unwrap()
            .remove("kind");
        damaged["questions"][7]["choose"] = json!("x");
        let mut reading = OutlineReading::start(&damaged).unwrap();
        assert!(reading.step(3));
        assert!(!reading.step(3), "stops after the step that met an error");
        let error = reading.finish();
        assert_eq!(
            error,
            Err(BundleError::Unreadable("questions[5].kind: missing".into()))
        );
        assert_eq!(shape_read(&damaged), error);
        for broken in [
            json!({"format": BUNDLE_FORMAT}),
            json!({"format": BUNDLE_FORMAT, "questions": {"a": 1}}),
            json!({"format": "2", "questions": []}),
            json!({"format": 1, "questions": []}),
        ] {
            let stepped = OutlineReading::start(&broken).and_then(|mut r| {
                r.step(usize::MAX);
                r.finish()
            });
            assert_eq!(stepped, shape_read(&broken), "{broken}");
            assert!(stepped.is_err());
        }
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
