//! Reads a bundle that the browser parsed (`JSON.parse`) into a [`Bank`], field by
//! field with `Reflect.get`. Used by the study app (quiz-web) and the blog embed (quiz-embed).
//!
//! This replaces serde for the bank in the browser: serde's generated code for the bundle types
//! would add about 40 KB gzip to each download, while `JSON.parse` is free. The shape is
//! `quiz_core::bundle::Bundle` (format [`bundle::BUNDLE_FORMAT`]); what cannot be read is a readable
//! [`BundleError`], with the same wording as `quiz_core::bundle::parse`.
//!
//! - [`bank_from_parsed`] (the app) reads as strictly as `bundle::parse`: the same fields are
//!   required and the same format check runs ([`bundle::check_format`]). The content rules
//!   ([`bundle::check`]) are the caller's next step: the app runs them from a chunk of their own
//!   so they are not part of its first download.
//! - [`bank_from_js`] (the embed, whose loader parses the bundle) is lenient, as it always was:
//!   only ids and texts are required, other fields fall back to defaults, and no content rules run.
//!

use js_sys::{Array, Reflect};
use quiz_core::bundle::{self, BundleError};
use quiz_core::model::{
    AnswerOption, Bank, Blueprint, Difficulty, Domain, Objective, Question, QuestionKind, Reference, Section, StudyNote,
};
use wasm_bindgen::JsValue;

type R<T> = Result<T, BundleError>;

/// The bank in a bundle the browser parsed (`Response.json()` or `JSON.parse`), read as strictly
/// as `quiz_core::bundle::parse` reads the text: the format and every field serde requires. Run
/// [`bundle::check`] on it before trusting its content.
pub fn bank_from_parsed(value: &JsValue) -> R<Bank> {
    Reader::<true>.bank(value)
}

/// The bank in a bundle the loader already parsed, read leniently (see the crate docs), or a
/// readable reason why not.
pub fn bank_from_js(v: &JsValue) -> R<Bank> {
    Reader::<false>.bank(v)
}

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn missing(what: &str, key: &str) -> BundleError {
    BundleError::Unreadable(format!("{what} has no {key}"))
}

fn invalid(what: &str, key: &str) -> BundleError {
    BundleError::Unreadable(format!("{what} has an invalid {key}"))
}

/// A whole number in `0..=max`, as serde reads an unsigned integer field.
fn whole(v: &JsValue, max: u32) -> Option<u32> {
    v.as_f64().filter(|n| n.fract() == 0.0 && *n >= 0.0 && *n <= max as f64).map(|n| n as u32)
}

/// Reads a bundle; `STRICT` requires what serde requires (each variant is compiled only where
/// it is used, so the embed carries no strict code and the app no lenient code).
struct Reader<const STRICT: bool>;

impl<const STRICT: bool> Reader<STRICT> {
    /// A required text field.
    fn text(&self, o: &JsValue, what: &str, key: &str) -> R<String> {
        get(o, key).as_string().ok_or_else(|| missing(what, key))
    }

    /// A text field that the lenient reader lets default to "" (serde requires it).
    fn text_or_empty(&self, o: &JsValue, what: &str, key: &str) -> R<String> {
        if STRICT {
            self.text(o, what, key)
        } else {
            Ok(get(o, key).as_string().unwrap_or_default())
        }
    }

    /// An unsigned number field up to `max`; the lenient reader lets it default to 0.
    fn num(&self, o: &JsValue, what: &str, key: &str, max: u32) -> R<u32> {
        let v = get(o, key);
        if !STRICT {
            return Ok(v.as_f64().map_or(0, |n| n as u32));
        }
        match whole(&v, max) {
            Some(n) => Ok(n),
            None if v.is_undefined() => Err(missing(what, key)),
            None => Err(invalid(what, key)),
        }
    }

    fn list<T>(&self, o: &JsValue, what: &str, key: &str, item: impl Fn(&JsValue) -> R<T>) -> R<Vec<T>> {
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

    /// A list that serde lets default to empty: absent is empty; the strict reader refuses a
    /// present value that is not a list.
    fn optional_list<T>(&self, o: &JsValue, what: &str, key: &str, item: impl Fn(&JsValue) -> R<T>) -> R<Vec<T>> {
        let v = get(o, key);
        if Array::is_array(&v) || (STRICT && !v.is_undefined()) {
            self.list(o, what, key, item)
        } else {
            Ok(vec![])
        }
    }

    fn objective(&self, o: &JsValue) -> R<Objective> {
        let what = "an objective";
        Ok(Objective {
            id: self.text(o, what, "id")?,
            statement: self.text_or_empty(o, what, "statement")?,
            tier: self.num(o, what, "tier", u8::MAX as u32)? as u8,
        })
    }

    fn section(&self, o: &JsValue) -> R<Section> {
        let what = "a section";
        Ok(Section {
            id: self.text(o, what, "id")?,
            title: self.text_or_empty(o, what, "title")?,
            objectives: self.list(o, what, "objectives", |o| self.objective(o))?,
        })
    }

    fn domain(&self, o: &JsValue) -> R<Domain> {
        let what = "a domain";
        Ok(Domain {
            id: self.text(o, what, "id")?,
            title: self.text_or_empty(o, what, "title")?,
            weight_percent: self.num(o, what, "weight_percent", u32::MAX)?,
            sections: self.list(o, what, "sections", |o| self.section(o))?,
        })
    }

    fn option(&self, o: &JsValue) -> R<AnswerOption> {
        let what = "an option";
        let correct = get(o, "correct").as_bool();
        if STRICT && correct.is_none() {
            return Err(missing(what, "correct"));
        }
        Ok(AnswerOption {
            id: self.text(o, what, "id")?,
            text: self.text(o, what, "text")?,
            correct: correct.unwrap_or(false),
            // Optional for serde too.
            reason: get(o, "reason").as_string().unwrap_or_default(),
        })
    }

    fn question(&self, o: &JsValue) -> R<Question> {
        let what = "a question";
        let kind = match self.text(o, what, "kind")?.as_str() {
            "multiple" => QuestionKind::Multiple,
            "single" => QuestionKind::Single,
            _ if STRICT => return Err(invalid(what, "kind")),
            _ => QuestionKind::Single,
        };
        let difficulty = match self.text_or_empty(o, what, "difficulty")?.as_str() {
            "easy" => Difficulty::Easy,
            "hard" => Difficulty::Hard,
            "medium" => Difficulty::Medium,
            _ if STRICT => return Err(invalid(what, "difficulty")),
            _ => Difficulty::Medium,
        };
        let choose = get(o, "choose");
        let choose = if !STRICT {
            choose.as_f64().map(|n| n as u32)
        } else if choose.is_undefined() || choose.is_null() {
            None
        } else {
            Some(whole(&choose, u32::MAX).ok_or_else(|| invalid(what, "choose"))?)
        };
        Ok(Question {
            id: self.text(o, what, "id")?,
            objective: self.text(o, what, "objective")?,
            kind,
            choose,
            difficulty,
            // Not used in the browser.
            tags: vec![],
            stem: self.text(o, what, "stem")?,
            options: self.list(o, what, "options", |o| self.option(o))?,
            explanation: self.text_or_empty(o, what, "explanation")?,
            references: self.optional_list(o, what, "references", |o| self.reference(o))?,
        })
    }

    fn reference(&self, o: &JsValue) -> R<Reference> {
        let what = "a reference";
        Ok(Reference { title: self.text(o, what, "title")?, url: self.text(o, what, "url")? })
    }

    fn note(&self, o: &JsValue) -> R<StudyNote> {
        let what = "a note";
        Ok(StudyNote {
            objective: self.text(o, what, "objective")?,
            know: self.text_or_empty(o, what, "know")?,
            trap: self.text_or_empty(o, what, "trap")?,
        })
    }

    fn bank(&self, v: &JsValue) -> R<Bank> {
        if !v.is_object() {
            return Err(BundleError::Unreadable("it is not a JSON object".into()));
        }
        let what = "the bundle";
        let format = get(v, "format");
        let format = if STRICT { whole(&format, u32::MAX) } else { format.as_f64().map(|f| f as u32) };
        match format {
            Some(format) => bundle::check_format(format)?,
            None => return Err(missing(what, "format")),
        }
        let bp = get(v, "blueprint");
        if !bp.is_object() {
            return Err(missing(what, "blueprint"));
        }
        let bwhat = "the blueprint";
        let blueprint = Blueprint {
            id: self.text(&bp, bwhat, "id")?,
            title: self.text_or_empty(&bp, bwhat, "title")?,
            version: self.text_or_empty(&bp, bwhat, "version")?,
            question_count: self.num(&bp, bwhat, "question_count", u32::MAX)?,
            duration_minutes: self.num(&bp, bwhat, "duration_minutes", u32::MAX)?,
            pass_percent: self.num(&bp, bwhat, "pass_percent", u32::MAX)?,
            domains: self.list(&bp, bwhat, "domains", |o| self.domain(o))?,
        };
        let questions = self.list(v, what, "questions", |o| self.question(o))?;
        // Optional for serde too.
        let notes = self.optional_list(v, what, "notes", |o| self.note(o))?;
        Ok(Bank::new(blueprint, questions, notes))
    }
}
