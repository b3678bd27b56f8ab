//! The content JSON Schema (content/schema/*.schema.json) and quiz-core's model describe the same
//! shapes: every field the model writes is a property of the schema and the other way round
//! (beyond `$schema`), and a file the model writes with every field set validates. The schemas'
//! help texts, and CONTRIBUTING.md's general rules, suit any exam (no one exam's tools).

use quiz_core::model::{
    AnswerOption, Blueprint, Difficulty, Domain, Objective, Question, QuestionKind, Reference,
    Section, StudyNote,
};
use serde_json::{json, Value};
use std::collections::BTreeSet;

fn schema(name: &str) -> Value {
    let path = format!(
        "{}/../content/schema/{name}.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap()
        .keys()
        .filter(|k| *k != "$schema")
        .cloned()
        .collect()
}

fn question() -> Question {
    Question {
        id: "o-01".into(),
        objective: "o".into(),
        kind: QuestionKind::Multiple,
        choose: Some(2),
        difficulty: Difficulty::Hard,
        tags: vec!["recall".into()],
        stem: "Which two? (Choose two.)".into(),
        options: ["a", "b", "c"]
            .iter()
            .map(|id| AnswerOption {
                id: id.to_string(),
                text: format!("Option {id}"),
                correct: *id != "c",
                reason: "Why.".into(),
            })
            .collect(),
        explanation: "Because.".into(),
        references: vec![Reference {
            title: "A page".into(),
            url: "https://docs.example.org/page".into(),
        }],
    }
}

#[test]
fn question_file_fields_are_the_models() {
    let s = schema("questions");
    let defs = &s["$defs"];
    let q = serde_json::to_value(question()).unwrap();
    assert_eq!(keys(&q), keys(&defs["question"]["properties"]), "question");
    assert_eq!(
        keys(&q["options"][0]),
        keys(&defs["option"]["properties"]),
        "option"
    );
    assert_eq!(
        keys(&q["references"][0]),
        keys(&defs["reference"]["properties"]),
        "reference"
    );
    let note = serde_json::to_value(StudyNote {
        objective: "o".into(),
        know: "k".into(),
        trap: "t".into(),
    })
    .unwrap();
    assert_eq!(keys(&note), keys(&defs["note"]["properties"]), "note");
    let file = json!({ "questions": [q], "notes": [note] });
    let validator = jsonschema::validator_for(&s).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&file)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn blueprint_fields_are_the_models() {
    let s = schema("blueprint");
    let bp = Blueprint {
        id: "x".into(),
        title: "X".into(),
        version: "1".into(),
        question_count: 10,
        duration_minutes: 20,
        pass_percent: 70,
        domains: vec![Domain {
            id: "d".into(),
            title: "D".into(),
            weight_percent: 100,
            sections: vec![Section {
                id: "s".into(),
                title: "S".into(),
                objectives: vec![Objective {
                    id: "o".into(),
                    statement: "Do it.".into(),
                    tier: 1,
                }],
            }],
        }],
    };
    let v = serde_json::to_value(&bp).unwrap();
    assert_eq!(keys(&v), keys(&s["properties"]), "blueprint");
    assert_eq!(
        keys(&v["domains"][0]),
        keys(&s["$defs"]["domain"]["properties"]),
        "domain"
    );
    assert_eq!(
        keys(&v["domains"][0]["sections"][0]),
        keys(&s["$defs"]["section"]["properties"]),
        "section"
    );
    assert_eq!(
        keys(&v["domains"][0]["sections"][0]["objectives"][0]),
        keys(&s["$defs"]["objective"]["properties"]),
        "objective"
    );
    let validator = jsonschema::validator_for(&s).unwrap();
    let errors: Vec<String> = validator.iter_errors(&v).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Words that belong to one exam's subject (the shipped Databricks bank's tools and languages),
/// not to the content format: help texts and general writing rules must not use them.
const EXAM_WORDS: [&str; 16] = [
    "python",
    "mlflow",
    "databricks",
    "spark",
    "pyspark",
    "optuna",
    "hyperopt",
    "unity",
    "lakehouse",
    "mosaic",
    "delta",
    "sklearn",
    "pandas",
    "ray",
    "automl",
    "uc",
];

/// The exam words a text uses, matched as whole words, case-insensitively.
fn exam_words(text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    let words: BTreeSet<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    EXAM_WORDS
        .into_iter()
        .filter(|w| words.contains(w))
        .collect()
}

/// Every `title` and `description` string in a schema, with its JSON pointer.
fn help_texts(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                let here = format!("{at}/{k}");
                match child {
                    Value::String(s) if k == "title" || k == "description" => {
                        out.push((here, s.clone()))
                    }
                    _ => help_texts(child, &here, out),
                }
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                help_texts(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn schema_help_is_exam_neutral() {
    let mut found = vec![];
    for name in ["questions", "blueprint"] {
        let mut texts = vec![];
        help_texts(&schema(name), "", &mut texts);
        assert!(texts.len() > 10, "{name}: help texts not found");
        for (pointer, text) in texts {
            let words = exam_words(&text);
            if !words.is_empty() {
                found.push(format!(
                    "{name}.schema.json {pointer}: {words:?} in {text:?}"
                ));
            }
        }
    }
    assert!(
        found.is_empty(),
        "schema help texts must suit any exam:\n{}",
        found.join("\n")
    );
}

#[test]
fn contributing_general_sections_are_exam_neutral() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../CONTRIBUTING.md"))
        .unwrap();
    // From the first section to the exam's own section: the rules for any exam.
    let start = doc.find("\n## ").expect("CONTRIBUTING.md has sections");
    let end = doc
        .find("\n## The Databricks")
        .expect("CONTRIBUTING.md has a Databricks section");
    let found: Vec<String> = doc[start..end]
        .lines()
        .filter(|l| !exam_words(l).is_empty())
        .map(|l| format!("{:?}: {l}", exam_words(l)))
        .collect();
    assert!(
        found.is_empty(),
        "CONTRIBUTING.md's general sections name one exam's subject (move it to its section):\n{}",
        found.join("\n")
    );
}
