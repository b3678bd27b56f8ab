//! Reads a bundle that the browser already parsed (`JSON.parse` in the loader) into a
//! [`Bank`], field by field with `Reflect.get`.
//!
//! This replaces serde for the bank: serde's generated code for the bundle types would add
//! about 40 KB gzip to the download, while `JSON.parse` is free. The shape is
//! `quiz_core::bundle::Bundle` (format 1); a missing required field is a readable error.

use js_sys::{Array, Reflect};
use quiz_core::bundle::{BundleError, BUNDLE_FORMAT};
use quiz_core::model::{
    AnswerOption, Bank, Blueprint, Difficulty, Domain, Objective, Question, QuestionKind, Section, StudyNote,
};
use wasm_bindgen::JsValue;

type R<T> = Result<T, String>;

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn missing(what: &str, key: &str) -> String {
    BundleError::Unreadable(format!("{what} has no {key}")).to_string()
}

fn text(o: &JsValue, what: &str, key: &str) -> R<String> {
    get(o, key).as_string().ok_or_else(|| missing(what, key))
}

fn text_or_empty(o: &JsValue, key: &str) -> String {
    get(o, key).as_string().unwrap_or_default()
}

fn num(o: &JsValue, key: &str) -> u32 {
    get(o, key).as_f64().map_or(0, |n| n as u32)
}

fn list<T>(o: &JsValue, what: &str, key: &str, item: impl Fn(&JsValue) -> R<T>) -> R<Vec<T>> {
    let v = get(o, key);
    if !Array::is_array(&v) {
        return Err(missing(what, key));
    }
    let array = Array::from(&v);
    let mut out = Vec::with_capacity(array.length() as usize);
    for i in 0..array.length() {
        out.push(item(&array.get(i))?);
    }
    Ok(out)
}

fn objective(o: &JsValue) -> R<Objective> {
    Ok(Objective { id: text(o, "an objective", "id")?, statement: text_or_empty(o, "statement"), tier: num(o, "tier") as u8 })
}

fn section(o: &JsValue) -> R<Section> {
    Ok(Section {
        id: text(o, "a section", "id")?,
        title: text_or_empty(o, "title"),
        objectives: list(o, "a section", "objectives", objective)?,
    })
}

fn domain(o: &JsValue) -> R<Domain> {
    Ok(Domain {
        id: text(o, "a domain", "id")?,
        title: text_or_empty(o, "title"),
        weight_percent: num(o, "weight_percent"),
        sections: list(o, "a domain", "sections", section)?,
    })
}

fn option(o: &JsValue) -> R<AnswerOption> {
    Ok(AnswerOption {
        id: text(o, "an option", "id")?,
        text: text(o, "an option", "text")?,
        correct: get(o, "correct").as_bool().unwrap_or(false),
        reason: text_or_empty(o, "reason"),
    })
}

fn question(o: &JsValue) -> R<Question> {
    let kind = match text(o, "a question", "kind")?.as_str() {
        "multiple" => QuestionKind::Multiple,
        _ => QuestionKind::Single,
    };
    let difficulty = match text_or_empty(o, "difficulty").as_str() {
        "easy" => Difficulty::Easy,
        "hard" => Difficulty::Hard,
        _ => Difficulty::Medium,
    };
    Ok(Question {
        id: text(o, "a question", "id")?,
        objective: text(o, "a question", "objective")?,
        kind,
        choose: get(o, "choose").as_f64().map(|n| n as u32),
        difficulty,
        tags: vec![],
        stem: text(o, "a question", "stem")?,
        options: list(o, "a question", "options", option)?,
        explanation: text_or_empty(o, "explanation"),
    })
}

fn note(o: &JsValue) -> R<StudyNote> {
    Ok(StudyNote { objective: text(o, "a note", "objective")?, know: text_or_empty(o, "know"), trap: text_or_empty(o, "trap") })
}

/// The bank in a parsed bundle, or a readable reason why not.
pub fn bank_from_js(v: &JsValue) -> R<Bank> {
    if !v.is_object() {
        return Err(BundleError::Unreadable("it is not a JSON object".into()).to_string());
    }
    let format = get(v, "format").as_f64().map(|f| f as u32);
    match format {
        Some(BUNDLE_FORMAT) => {}
        Some(other) => return Err(BundleError::Format(other).to_string()),
        None => return Err(missing("the bundle", "format")),
    }
    let bp = get(v, "blueprint");
    if !bp.is_object() {
        return Err(missing("the bundle", "blueprint"));
    }
    let blueprint = Blueprint {
        id: text(&bp, "the blueprint", "id")?,
        title: text_or_empty(&bp, "title"),
        version: text_or_empty(&bp, "version"),
        question_count: num(&bp, "question_count"),
        duration_minutes: num(&bp, "duration_minutes"),
        pass_percent: num(&bp, "pass_percent"),
        domains: list(&bp, "the blueprint", "domains", domain)?,
    };
    let questions = list(v, "the bundle", "questions", question)?;
    let notes = if Array::is_array(&get(v, "notes")) { list(v, "the bundle", "notes", note)? } else { vec![] };
    Ok(Bank::new(blueprint, questions, notes))
}
