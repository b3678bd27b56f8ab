//! The bundle: the single JSON file the browser loads, written by `quiz-author bundle`.
//! Its text fields hold sanitized HTML rendered from the content's Markdown at bundle time.
//! [`parse`] reads it with serde and runs the same content rules as the CLI; readers that parse
//! the JSON some other way (the browser's `JSON.parse`, in quiz-bank-js) run the same
//! [`check_format`] and [`checked`].

use crate::model::{Bank, Blueprint, Question, StudyNote};
use crate::rules;
use serde::{Deserialize, Serialize};

/// The bundle format this build reads and writes.
pub const BUNDLE_FORMAT: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bundle {
    pub format: u32,
    pub blueprint: Blueprint,
    #[serde(default)]
    pub notes: Vec<StudyNote>,
    pub questions: Vec<Question>,
}

impl Bundle {
    pub fn into_bank(self) -> Bank {
        Bank::new(self.blueprint, self.questions, self.notes)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Not JSON, or not shaped like a bundle.
    Unreadable(String),
    /// A bundle format this build does not read.
    Format(u32),
    /// The content breaks a rule (first error message).
    Invalid(String),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::Unreadable(why) => write!(f, "the question bank could not be read: {why}"),
            BundleError::Format(v) => write!(f, "the question bank uses format {v}; this app reads format {BUNDLE_FORMAT}"),
            BundleError::Invalid(why) => write!(f, "the question bank is invalid: {why}"),
        }
    }
}

impl std::error::Error for BundleError {}

/// Reads a bundle and checks it with the content rules. Never panics.
pub fn parse(text: &str) -> Result<Bank, BundleError> {
    #[derive(Deserialize)]
    struct Header {
        format: u32,
    }
    let header: Header = serde_json::from_str(text).map_err(|e| BundleError::Unreadable(e.to_string()))?;
    check_format(header.format)?;
    let bundle: Bundle = serde_json::from_str(text).map_err(|e| BundleError::Unreadable(e.to_string()))?;
    checked(bundle.into_bank())
}

/// The format check every reader of a bundle runs before reading the rest.
pub fn check_format(format: u32) -> Result<(), BundleError> {
    if format == BUNDLE_FORMAT {
        Ok(())
    } else {
        Err(BundleError::Format(format))
    }
}

/// The content check after a bundle is read, here (serde) and in the study app (which reads
/// through `JSON.parse` with `quiz_js::bank_from_parsed`, then runs this from a chunk fetched
/// beside the bank): the first error any content rule finds, as [`rules::check`] orders them.
pub fn check(bank: &Bank) -> Result<(), BundleError> {
    match rules::first_error(bank) {
        Some(error) => Err(BundleError::Invalid(error.message)),
        None => Ok(()),
    }
}

/// The bank if [`check`] finds no error.
pub fn checked(bank: Bank) -> Result<Bank, BundleError> {
    check(&bank).map(|()| bank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::bank;

    fn bundle_text() -> String {
        let b = bank(&[50, 50], 2, 2, 4);
        serde_json::to_string(&Bundle { format: BUNDLE_FORMAT, blueprint: b.blueprint, notes: b.notes, questions: b.questions }).unwrap()
    }

    #[test]
    fn reads_a_bundle() {
        let bank = parse(&bundle_text()).unwrap();
        assert_eq!(bank.questions.len(), 8);
    }

    #[test]
    fn rejects_bad_bundles() {
        assert!(matches!(parse("nope"), Err(BundleError::Unreadable(_))));
        assert!(matches!(parse("{\"format\":2}"), Err(BundleError::Format(2))));
        assert!(matches!(parse("{\"format\":1}"), Err(BundleError::Unreadable(_))));
        let broken = bundle_text().replacen("\"correct\":false", "\"correct\":true", 1);
        assert!(matches!(parse(&broken), Err(BundleError::Invalid(_))));
    }
}
