//! The bundle pieces' JSON shape ([`crate::bundle`]): reading an index, a shard and the
//! outline from any [`JsonValue`], natively (`serde_json::Value`: quiz-author's tests, the fuzz
//! targets) and in the browser (`quiz_js::JsJson` over `JSON.parse`d values) alike, so the code
//! the browser runs is the code the native tests run.
//!
//! The shape is the one serde's derives on the bundle and model types describe (quiz-author
//! writes with them); property tests hold this reader to them. Reading is as strict as serde:
//! a missing required field, a value of the wrong type or an unknown name is an error naming
//! where it is (`questions[3].options[1].correct: missing`). Unknown fields are ignored.

use crate::bundle::{
    check_format, BundleError, Index, ObjectiveShards, Outline, OutlineQuestion, Shard,
    BUNDLE_FORMAT,
};
use crate::json::JsonValue;
use crate::json_read::{At, Placeholder, Reader};
use crate::model::{
    AnswerOption, Blueprint, Difficulty, Domain, Objective, Question, QuestionKind, Reference,
    Section, StudyNote,
};

type R<T> = Result<T, BundleError>;

/// Reads an index (`bank.json`).
pub fn read_index<J: JsonValue>(value: &J) -> R<Index> {
    read(value, |r, v| r.index(v))
}

/// Reads a shard.
pub fn read_shard<J: JsonValue>(value: &J) -> R<Shard> {
    read(value, |r, v| r.shard(v))
}

/// Reads the outline (`outline.json`).
pub fn read_outline<J: JsonValue>(value: &J) -> R<Outline> {
    read(value, |r, v| r.outline(v))
}

/// Checks the format first (a piece of another format is [`BundleError::Format`]), then reads.
fn read<J: JsonValue, T>(value: &J, piece: impl FnOnce(&mut Reader, &J) -> T) -> R<T> {
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
    let out = piece(&mut r, value);
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

const KINDS: [(&str, QuestionKind); 2] = [
    ("single", QuestionKind::Single),
    ("multiple", QuestionKind::Multiple),
];
const DIFFICULTIES: [(&str, Difficulty); 3] = [
    ("easy", Difficulty::Easy),
    ("medium", Difficulty::Medium),
    ("hard", Difficulty::Hard),
];

impl Reader {
    fn index<J: JsonValue>(&mut self, v: &J) -> Index {
        let f = &self.fields(v, &At::Root);
        Index {
            format: BUNDLE_FORMAT,
            blueprint: self.req(f, "blueprint", Self::blueprint),
            folder: self.req(f, "folder", Self::text),
            objectives: self.req(f, "objectives", |r, v, at| {
                r.list(v, at, Self::objective_shards)
            }),
        }
    }

    fn objective_shards<J: JsonValue>(&mut self, v: &J, at: &At) -> ObjectiveShards {
        let f = &self.fields(v, at);
        ObjectiveShards {
            objective: self.req(f, "objective", Self::text),
            shards: self.req(f, "shards", |r, v, at| r.list(v, at, Self::small)),
        }
    }

    fn shard<J: JsonValue>(&mut self, v: &J) -> Shard {
        let f = &self.fields(v, &At::Root);
        Shard {
            format: BUNDLE_FORMAT,
            objective: self.req(f, "objective", Self::text),
            part: self.req(f, "part", Self::small),
            note: self.optional(f, "note", Self::note),
            questions: self.req(f, "questions", |r, v, at| r.list(v, at, Self::question)),
        }
    }

    fn outline<J: JsonValue>(&mut self, v: &J) -> Outline {
        let f = &self.fields(v, &At::Root);
        Outline {
            format: BUNDLE_FORMAT,
            questions: self.req(f, "questions", |r, v, at| {
                r.list(v, at, Self::outline_question)
            }),
        }
    }

    fn outline_question<J: JsonValue>(&mut self, v: &J, at: &At) -> OutlineQuestion {
        let f = &self.fields(v, at);
        OutlineQuestion {
            id: self.req(f, "id", Self::text),
            objective: self.req(f, "objective", Self::text),
            part: self.req(f, "part", Self::small),
            kind: self.req(f, "kind", |r, v, at| r.name_of(v, at, &KINDS)),
            choose: self.optional(f, "choose", Self::small),
            difficulty: self.req(f, "difficulty", |r, v, at| r.name_of(v, at, &DIFFICULTIES)),
            options: self.req(f, "options", Self::texts),
            correct: self.req(f, "correct", Self::texts),
        }
    }

    fn blueprint<J: JsonValue>(&mut self, v: &J, at: &At) -> Blueprint {
        let f = &self.fields(v, at);
        Blueprint {
            id: self.req(f, "id", Self::text),
            title: self.req(f, "title", Self::text),
            version: self.req(f, "version", Self::text),
            question_count: self.req(f, "question_count", Self::small),
            duration_minutes: self.req(f, "duration_minutes", Self::small),
            pass_percent: self.req(f, "pass_percent", Self::small),
            domains: self.req(f, "domains", |r, v, at| r.list(v, at, Self::domain)),
        }
    }

    fn domain<J: JsonValue>(&mut self, v: &J, at: &At) -> Domain {
        let f = &self.fields(v, at);
        Domain {
            id: self.req(f, "id", Self::text),
            title: self.req(f, "title", Self::text),
            weight_percent: self.req(f, "weight_percent", Self::small),
            sections: self.req(f, "sections", |r, v, at| r.list(v, at, Self::section)),
        }
    }

    fn section<J: JsonValue>(&mut self, v: &J, at: &At) -> Section {
        let f = &self.fields(v, at);
        Section {
            id: self.req(f, "id", Self::text),
            title: self.req(f, "title", Self::text),
            objectives: self.req(f, "objectives", |r, v, at| r.list(v, at, Self::objective)),
        }
    }

    fn objective<J: JsonValue>(&mut self, v: &J, at: &At) -> Objective {
        let f = &self.fields(v, at);
        Objective {
            id: self.req(f, "id", Self::text),
            statement: self.req(f, "statement", Self::text),
            tier: self.req(f, "tier", |r, v, at| r.whole(v, at, u8::MAX as u64) as u8),
        }
    }

    fn question<J: JsonValue>(&mut self, v: &J, at: &At) -> Question {
        let f = &self.fields(v, at);
        Question {
            id: self.req(f, "id", Self::text),
            objective: self.req(f, "objective", Self::text),
            kind: self.req(f, "kind", |r, v, at| r.name_of(v, at, &KINDS)),
            choose: self.optional(f, "choose", Self::small),
            difficulty: self.req(f, "difficulty", |r, v, at| r.name_of(v, at, &DIFFICULTIES)),
            tags: self.or_default(f, "tags", Self::texts),
            stem: self.req(f, "stem", Self::text),
            options: self.req(f, "options", |r, v, at| r.list(v, at, Self::option)),
            explanation: self.req(f, "explanation", Self::text),
            references: self.or_default(f, "references", |r, v, at| r.list(v, at, Self::reference)),
        }
    }

    fn option<J: JsonValue>(&mut self, v: &J, at: &At) -> AnswerOption {
        let f = &self.fields(v, at);
        AnswerOption {
            id: self.req(f, "id", Self::text),
            text: self.req(f, "text", Self::text),
            correct: self.req(f, "correct", Self::boolean),
            reason: self.or_default(f, "reason", Self::text),
        }
    }

    fn reference<J: JsonValue>(&mut self, v: &J, at: &At) -> Reference {
        let f = &self.fields(v, at);
        Reference {
            title: self.req(f, "title", Self::text),
            url: self.req(f, "url", Self::text),
        }
    }

    fn note<J: JsonValue>(&mut self, v: &J, at: &At) -> StudyNote {
        let f = &self.fields(v, at);
        StudyNote {
            objective: self.req(f, "objective", Self::text),
            know: self.req(f, "know", Self::text),
            trap: self.req(f, "trap", Self::text),
        }
    }
}

#[cfg(test)]
mod tests {
    //! The shape is serde's: what serde writes, this reads back as the same value; what serde
    //! refuses, this refuses.
    use super::*;
    use crate::bundle::split;
    use crate::model::fixtures::bank;
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
                choose, difficulty: DIFFICULTIES[d].1, tags, stem: stem.clone(),
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
