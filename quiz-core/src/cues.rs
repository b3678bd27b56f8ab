//! Item-writing cues: words in an option's text that let a test-wise candidate guess the key
//! without knowing the subject. The word families are declared here and nowhere else; the
//! content rules ([`crate::rules`]) and `quiz-author stats` read them, and CONTRIBUTING.md lists
//! them (a quiz-author test keeps that list in step).
//!
//! Two figures come out of it:
//! - per family, the share of keyed options and of wrong options that carry one of its words
//!   (a bank where wrong options explain themselves and keyed ones do not teaches guessing);
//! - the questions where crossing out every option that carries a cue word leaves exactly the
//!   correct options.

use crate::model::{Bank, Question};

/// A family of cue words. Each entry is a word or a phrase of whole words, lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueFamily {
    /// Short name used in reports (`reason`, `absolute`, `sweeping`).
    pub name: &'static str,
    /// What the family is, for reports and docs.
    pub label: &'static str,
    pub words: &'static [&'static str],
}

/// Every cue family, in report order.
pub const FAMILIES: [CueFamily; 3] = [
    CueFamily {
        name: "reason",
        label: "reason clauses",
        words: &[
            "because",
            "since",
            "so that",
            "so",
            "as a result",
            "in order to",
            "to ensure",
            "to avoid",
            "to prevent",
            "which means",
            "thereby",
            "given that",
            "due to",
        ],
    },
    CueFamily {
        name: "absolute",
        label: "absolute qualifiers",
        words: &[
            "only",
            "never",
            "cannot",
            "can't",
            "can not",
            "no longer",
            "automatically",
            "whatever",
            "always",
            "guarantee",
            "guarantees",
            "guaranteed",
            "impossible",
            "solely",
            "exclusively",
        ],
    },
    CueFamily {
        name: "sweeping",
        label: "sweeping qualifiers",
        words: &[
            "all",
            "any",
            "every",
            "everything",
            "must",
            "none",
            "nothing",
            "entire",
            "entirely",
            "completely",
            "fully",
        ],
    },
];

/// Largest allowed gap, in percentage points, between the share of keyed options and the share
/// of wrong options that carry a family's words.
pub const MAX_GAP_POINTS: f64 = 10.0;

/// Fewest questions a bank needs before a gap between shares counts as a bias.
pub const MIN_QUESTIONS_FOR_GAP: usize = 20;

/// The lower-cased words of a Markdown text, without code (fenced blocks and inline code spans),
/// where identifiers such as `.all()` are not wording. Curly apostrophes count as straight ones.
/// Written as one string with a space before and after every word, so a phrase is a whole-word
/// match where it is found between two spaces (no string per word: these are read for every
/// option of a bank).
fn words(text: &str) -> String {
    let mut prose = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('`') {
        prose.push_str(&rest[..start]);
        let ticks = rest[start..].bytes().take_while(|&b| b == b'`').count();
        let fence = &rest[start..start + ticks];
        let after = &rest[start + ticks..];
        match after.find(fence) {
            Some(end) => rest = &after[end + ticks..],
            // An unclosed code span is text (as in CommonMark).
            None => {
                prose.push_str(fence);
                rest = after;
            }
        }
        prose.push(' ');
    }
    prose.push_str(rest);
    let lower = prose.to_lowercase().replace('\u{2019}', "'");
    let mut words = String::with_capacity(lower.len() + 2);
    words.push(' ');
    for word in lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
    {
        words.push_str(word);
        words.push(' ');
    }
    words
}

/// Whether `words` (as [`words`] writes them) hold `phrase` (words separated by one space) as
/// whole words.
fn contains_phrase(words: &str, phrase: &str) -> bool {
    let b = words.as_bytes();
    (1..b.len()).any(|i| phrase_at(b, i, phrase.as_bytes()))
}

/// Whether `phrase` starts right after a space at `i` of `words` and ends right before one.
/// (The first byte is compared alone first: most places hold no phrase at all.)
fn phrase_at(words: &[u8], i: usize, phrase: &[u8]) -> bool {
    words[i - 1] == b' '
        && words[i] == phrase[0]
        && words[i..].starts_with(phrase)
        && words.get(i + phrase.len()) == Some(&b' ')
}

/// Which families (as bits, in [`FAMILIES`] order) a text's words carry.
pub fn families_in(text: &str) -> u8 {
    let words = words(text);
    let b = words.as_bytes();
    let mut bits = 0;
    for i in (1..b.len()).filter(|&i| b[i - 1] == b' ') {
        for (f, family) in FAMILIES.iter().enumerate() {
            if family.words.iter().any(|p| phrase_at(b, i, p.as_bytes())) {
                bits |= 1 << f;
            }
        }
    }
    bits
}

/// The cue words of one family that a text carries, in the family's order.
pub fn words_in(text: &str, family: &CueFamily) -> Vec<&'static str> {
    let words = words(text);
    family
        .words
        .iter()
        .copied()
        .filter(|p| contains_phrase(&words, p))
        .collect()
}

/// Whether crossing out the options that carry any cue word leaves exactly the correct options.
pub fn exposes_key(question: &Question) -> bool {
    let bits: Vec<u8> = question
        .options
        .iter()
        .map(|o| families_in(&o.text))
        .collect();
    exposes_key_with(question, &bits)
}

/// [`exposes_key`], given the families of each option (`bits[k]` for option `k`).
fn exposes_key_with(question: &Question, bits: &[u8]) -> bool {
    let left: Vec<bool> = question
        .options
        .iter()
        .zip(bits)
        .filter(|(_, &b)| b == 0)
        .map(|(o, _)| o.correct)
        .collect();
    let correct = question.options.iter().filter(|o| o.correct).count();
    correct > 0 && left.len() == correct && left.iter().all(|&c| c)
}

/// How often one family's words appear on keyed and on wrong options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FamilyCount {
    pub keyed_with: usize,
    pub keyed: usize,
    pub wrong_with: usize,
    pub wrong: usize,
}

impl FamilyCount {
    pub fn keyed_percent(&self) -> f64 {
        percent(self.keyed_with, self.keyed)
    }

    pub fn wrong_percent(&self) -> f64 {
        percent(self.wrong_with, self.wrong)
    }

    /// The gap between the two shares, in percentage points.
    pub fn gap_points(&self) -> f64 {
        (self.keyed_percent() - self.wrong_percent()).abs()
    }
}

fn percent(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 * 100.0 / of as f64
    }
}

/// The cue figures of a bank.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CueFigures {
    /// One count per family, in [`FAMILIES`] order.
    pub families: Vec<FamilyCount>,
    /// Positions in `Bank::questions` of the questions whose key the cue words expose.
    pub exposed: Vec<usize>,
}

impl CueFigures {
    /// The families whose gap is over [`MAX_GAP_POINTS`], when the bank is large enough to judge.
    pub fn biased_families(&self, questions: usize) -> Vec<(&'static CueFamily, FamilyCount)> {
        if questions < MIN_QUESTIONS_FOR_GAP {
            return vec![];
        }
        FAMILIES
            .iter()
            .zip(self.families.iter().copied())
            .filter(|(_, c)| c.gap_points() > MAX_GAP_POINTS)
            .collect()
    }
}

/// Counts every family over every option of the bank, and finds the exposed questions.
pub fn figures(bank: &Bank) -> CueFigures {
    let mut families = vec![FamilyCount::default(); FAMILIES.len()];
    let mut exposed = vec![];
    let mut bits_of = Vec::new();
    for (i, question) in bank.questions.iter().enumerate() {
        bits_of.clear();
        for option in &question.options {
            let bits = families_in(&option.text);
            bits_of.push(bits);
            for (f, count) in families.iter_mut().enumerate() {
                let has = bits & (1 << f) != 0;
                if option.correct {
                    count.keyed += 1;
                    count.keyed_with += has as usize;
                } else {
                    count.wrong += 1;
                    count.wrong_with += has as usize;
                }
            }
        }
        if exposes_key_with(question, &bits_of) {
            exposed.push(i);
        }
    }
    CueFigures { families, exposed }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::*;

    #[test]
    fn whole_words_and_phrases_only() {
        assert_eq!(
            families_in("Use the overall metric"),
            0,
            "\"all\" inside a word is not a cue"
        );
        assert_eq!(families_in("Retrain it so that drift is caught"), 0b001);
        assert_eq!(families_in("It can't be served"), 0b010);
        assert_eq!(families_in("It can’t be served"), 0b010, "curly apostrophe");
        assert_eq!(families_in("Every run must log"), 0b100);
        assert_eq!(
            families_in("Only log it, because every run needs it"),
            0b111
        );
        assert_eq!(families_in("Log it in order to compare"), 0b001);
        assert_eq!(
            families_in("Log it in order"),
            0,
            "a phrase needs all its words"
        );
    }

    #[test]
    fn code_is_not_wording() {
        assert_eq!(families_in("Call `df.select(\"*\").all()` on it"), 0);
        assert_eq!(families_in("Run ``only `this` `` now"), 0);
        assert_eq!(families_in("```python\nx = all(y)\n```\nthen log"), 0);
        assert_eq!(
            families_in("Unclosed `code span with all"),
            0b100,
            "an unclosed span is text"
        );
    }

    #[test]
    fn every_phrase_is_lower_case_words_one_space_apart() {
        // `contains_phrase` and `families_in` match phrases in this form only.
        for phrase in FAMILIES.iter().flat_map(|f| f.words) {
            assert_eq!(words(phrase), format!(" {phrase} "), "{phrase:?}");
        }
    }

    #[test]
    fn words_in_names_the_words() {
        assert_eq!(
            words_in("Always retrain, never skip", &FAMILIES[1]),
            vec!["never", "always"]
        );
    }

    fn question_with(texts: &[(&str, bool)]) -> Question {
        let mut q = single("q", "o");
        q.options = texts
            .iter()
            .enumerate()
            .map(|(i, (t, c))| {
                let mut o = option(&((b'a' + i as u8) as char).to_string(), *c);
                o.text = t.to_string();
                o
            })
            .collect();
        q
    }

    #[test]
    fn exposed_when_only_the_key_is_left() {
        let q = question_with(&[
            ("Retrain on the new data", true),
            ("Always retrain every hour", false),
            ("Skip retraining because drift is small", false),
            ("Retrain only on Mondays", false),
        ]);
        assert!(exposes_key(&q));
    }

    #[test]
    fn not_exposed_when_a_distractor_is_bare_or_the_key_has_a_cue() {
        let bare_distractor = question_with(&[
            ("Retrain on the new data", true),
            ("Retrain on last year's data", false),
            ("Skip retraining because drift is small", false),
        ]);
        assert!(!exposes_key(&bare_distractor));
        let cued_key = question_with(&[
            ("Retrain on the new data so that drift is caught", true),
            ("Always retrain every hour", false),
            ("Skip retraining because drift is small", false),
        ]);
        assert!(!exposes_key(&cued_key));
        let no_cues = question_with(&[("Retrain", true), ("Wait", false)]);
        assert!(!exposes_key(&no_cues));
    }

    #[test]
    fn exposed_counts_every_key_of_a_multiple_select() {
        let mut q = question_with(&[
            ("Log the metric", true),
            ("Log the parameter", true),
            ("Log nothing", false),
            ("Log only the model", false),
        ]);
        q.kind = crate::model::QuestionKind::Multiple;
        q.choose = Some(2);
        assert!(exposes_key(&q));
        q.options[3].text = "Log the model".into();
        assert!(!exposes_key(&q));
    }

    #[test]
    fn figures_count_keyed_and_wrong_options() {
        let mut b = bank(&[100], 1, 2, 4);
        b.questions[0].options[0].text = "Retrain because it drifted".into();
        b.questions[0].options[1].text = "Never retrain".into();
        let f = figures(&b);
        let reason = f.families[0];
        assert_eq!(
            (
                reason.keyed_with,
                reason.keyed,
                reason.wrong_with,
                reason.wrong
            ),
            (1, 2, 0, 6)
        );
        assert_eq!(reason.gap_points(), 50.0);
        assert_eq!(f.families[1].wrong_with, 1);
        assert_eq!(f.exposed, Vec::<usize>::new());
    }

    #[test]
    fn small_banks_are_not_judged_for_bias() {
        let f = CueFigures {
            families: vec![
                FamilyCount {
                    keyed_with: 0,
                    keyed: 10,
                    wrong_with: 10,
                    wrong: 30
                };
                3
            ],
            ..Default::default()
        };
        assert!(f.biased_families(MIN_QUESTIONS_FOR_GAP - 1).is_empty());
        assert_eq!(f.biased_families(MIN_QUESTIONS_FOR_GAP).len(), 3);
    }
}
