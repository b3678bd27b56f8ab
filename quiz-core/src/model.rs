//! The exam domain model: a blueprint (domains → sections → objectives), questions with
//! options, study notes, and the [`Bank`] that puts them together with fast lookups.
//!
//! These are plain data types, each declared once with [`shape!`]: serde's derives (quiz-author
//! reads the content files and writes the bundle with them) and the [`Shape`] the browser reads
//! the bundle with come from the same declaration.

use crate::json_shape::{names, shape};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

shape! {
    /// The shape of one exam: format, and domains weighted by their share of questions.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Blueprint {
        pub id: String,
        pub title: String,
        pub version: String,
        pub question_count: u32,
        pub duration_minutes: u32,
        pub pass_percent: u32,
        pub domains: Vec<Domain>,
    }
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Domain {
        pub id: String,
        pub title: String,
        pub weight_percent: u32,
        pub sections: Vec<Section>,
    }
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Section {
        pub id: String,
        pub title: String,
        pub objectives: Vec<Objective>,
    }
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Objective {
        pub id: String,
        pub statement: String,
        /// Study priority: 1 most tested, 3 least.
        pub tier: u8,
    }
}

names! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum QuestionKind {
        /// Radio buttons: exactly one correct option.
        Single = "single",
        /// Checkboxes: `choose` correct options, scored all-or-nothing.
        Multiple = "multiple",
    }
}

names! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Difficulty {
        Easy = "easy",
        Medium = "medium",
        Hard = "hard",
    }
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct AnswerOption {
        pub id: String,
        pub text: String,
        pub correct: bool,
        /// Why this option is right, or the specific reason it is wrong.
        #[serde(default)]
        pub reason: String,
    }
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Question {
        pub id: String,
        pub objective: String,
        pub kind: QuestionKind,
        /// Multiple-select: how many options to pick. Absent for single-select.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub choose: Option<u32>,
        pub difficulty: Difficulty,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub tags: Vec<String>,
        pub stem: String,
        pub options: Vec<AnswerOption>,
        pub explanation: String,
        /// Official documentation pages that support the key, shown as links after answering.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub references: Vec<Reference>,
    }
}

shape! {
    /// A documentation page a question cites: the link text and its https address.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Reference {
        pub title: String,
        pub url: String,
    }
}

impl Reference {
    /// The address, when it is one a page may link to: `https://`, a host with a dot, and no
    /// white space, control character, quote, angle bracket or backslash anywhere. The app and
    /// the embed show a link only then, whatever bank they were given.
    pub fn https_url(&self) -> Option<&str> {
        let url = self.url.as_str();
        let rest = url.strip_prefix("https://")?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host_ok = host.contains('.')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        let chars_ok = !url.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
        });
        (host_ok && chars_ok).then_some(url)
    }
}

impl Question {
    /// Ids of the correct options, in content order.
    pub fn correct_ids(&self) -> Vec<&str> {
        self.options
            .iter()
            .filter(|o| o.correct)
            .map(|o| o.id.as_str())
            .collect()
    }

    /// How many options the candidate must select.
    pub fn picks_required(&self) -> usize {
        match self.kind {
            QuestionKind::Single => 1,
            QuestionKind::Multiple => self
                .choose
                .map(|c| c as usize)
                .unwrap_or_else(|| self.correct_ids().len()),
        }
    }

    pub fn option(&self, id: &str) -> Option<&AnswerOption> {
        self.options.iter().find(|o| o.id == id)
    }
}

shape! {
    /// A short study note for one objective.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct StudyNote {
        pub objective: String,
        pub know: String,
        pub trap: String,
    }
}

/// Where an objective sits in the blueprint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectivePlace {
    pub domain: usize,
    pub section: usize,
    pub objective: usize,
}

/// A blueprint with its questions and notes, indexed for lookups.
///
/// Build it with [`Bank::new`]; the indexes are derived, never stored.
#[derive(Debug, Clone)]
pub struct Bank {
    pub blueprint: Blueprint,
    pub questions: Vec<Question>,
    pub notes: Vec<StudyNote>,
    // B-trees, not hash maps: a few comparisons more per lookup, and no hashing code in the
    // embed's wasm (about 2 KB gzip).
    question_index: BTreeMap<String, usize>,
    objective_index: BTreeMap<String, ObjectivePlace>,
}

impl Bank {
    pub fn new(blueprint: Blueprint, questions: Vec<Question>, notes: Vec<StudyNote>) -> Self {
        let mut question_index = BTreeMap::new();
        for (i, q) in questions.iter().enumerate() {
            question_index.entry(q.id.clone()).or_insert(i);
        }
        let mut objective_index = BTreeMap::new();
        for (d, domain) in blueprint.domains.iter().enumerate() {
            for (s, section) in domain.sections.iter().enumerate() {
                for (o, objective) in section.objectives.iter().enumerate() {
                    objective_index
                        .entry(objective.id.clone())
                        .or_insert(ObjectivePlace {
                            domain: d,
                            section: s,
                            objective: o,
                        });
                }
            }
        }
        Bank {
            blueprint,
            questions,
            notes,
            question_index,
            objective_index,
        }
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|&i| &self.questions[i])
    }

    pub fn question_position(&self, id: &str) -> Option<usize> {
        self.question_index.get(id).copied()
    }

    pub fn objective_place(&self, objective_id: &str) -> Option<ObjectivePlace> {
        self.objective_index.get(objective_id).copied()
    }

    pub fn objective(&self, objective_id: &str) -> Option<&Objective> {
        self.objective_place(objective_id)
            .map(|p| &self.blueprint.domains[p.domain].sections[p.section].objectives[p.objective])
    }

    /// The domain a question counts toward, by its objective.
    pub fn domain_of(&self, question: &Question) -> Option<&Domain> {
        self.objective_place(&question.objective)
            .map(|p| &self.blueprint.domains[p.domain])
    }

    pub fn note_for(&self, objective_id: &str) -> Option<&StudyNote> {
        self.notes.iter().find(|n| n.objective == objective_id)
    }

    /// Every objective with its place, in blueprint order.
    pub fn objectives(&self) -> impl Iterator<Item = (ObjectivePlace, &Objective)> {
        self.blueprint
            .domains
            .iter()
            .enumerate()
            .flat_map(|(d, domain)| {
                domain
                    .sections
                    .iter()
                    .enumerate()
                    .flat_map(move |(s, section)| {
                        section
                            .objectives
                            .iter()
                            .enumerate()
                            .map(move |(o, objective)| {
                                (
                                    ObjectivePlace {
                                        domain: d,
                                        section: s,
                                        objective: o,
                                    },
                                    objective,
                                )
                            })
                    })
            })
    }

    /// Positions of the questions for one objective, in bank order.
    pub fn questions_for_objective(&self, objective_id: &str) -> Vec<usize> {
        self.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| q.objective == objective_id)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn domain_index(&self, domain_id: &str) -> Option<usize> {
        self.blueprint
            .domains
            .iter()
            .position(|d| d.id == domain_id)
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! Small banks for unit tests.
    use super::*;

    pub fn option(id: &str, correct: bool) -> AnswerOption {
        AnswerOption {
            id: id.into(),
            text: format!("Option {id}"),
            correct,
            reason: format!("Reason {id}"),
        }
    }

    pub fn single(id: &str, objective: &str) -> Question {
        Question {
            id: id.into(),
            objective: objective.into(),
            kind: QuestionKind::Single,
            choose: None,
            difficulty: Difficulty::Medium,
            tags: vec![],
            stem: format!("Stem of question {id} about {objective}"),
            options: vec![
                option("a", true),
                option("b", false),
                option("c", false),
                option("d", false),
            ],
            explanation: "Because.".into(),
            references: vec![Reference {
                title: "Docs".into(),
                url: format!("https://docs.example.org/{id}"),
            }],
        }
    }

    pub fn multiple(id: &str, objective: &str) -> Question {
        Question {
            kind: QuestionKind::Multiple,
            choose: Some(2),
            options: vec![
                option("a", true),
                option("b", false),
                option("c", true),
                option("d", false),
            ],
            ..single(id, objective)
        }
    }

    /// Blueprint with domains weighted as given; each domain has one section with `objectives` objectives.
    pub fn blueprint(weights: &[u32], objectives: usize, question_count: u32) -> Blueprint {
        Blueprint {
            id: "test-exam".into(),
            title: "Test exam".into(),
            version: "1".into(),
            question_count,
            duration_minutes: 10,
            pass_percent: 70,
            domains: weights
                .iter()
                .enumerate()
                .map(|(d, &w)| Domain {
                    id: format!("d{d}"),
                    title: format!("Domain {d}"),
                    weight_percent: w,
                    sections: vec![Section {
                        id: format!("d{d}-s0"),
                        title: format!("Section {d}.0"),
                        objectives: (0..objectives)
                            .map(|o| Objective {
                                id: format!("d{d}-o{o}"),
                                statement: "Do it.".into(),
                                tier: 1,
                            })
                            .collect(),
                    }],
                })
                .collect(),
        }
    }

    /// A bank with `per_objective` questions for every objective, every third one multiple-select.
    pub fn bank(
        weights: &[u32],
        objectives: usize,
        per_objective: usize,
        question_count: u32,
    ) -> Bank {
        let bp = blueprint(weights, objectives, question_count);
        let mut questions = vec![];
        for d in &bp.domains {
            for s in &d.sections {
                for o in &s.objectives {
                    for i in 0..per_objective {
                        let id = format!("{}-q{i}", o.id);
                        questions.push(if i % 3 == 2 {
                            multiple(&id, &o.id)
                        } else {
                            single(&id, &o.id)
                        });
                    }
                }
            }
        }
        Bank::new(bp, questions, vec![])
    }
}

#[cfg(test)]
mod tests {
    use super::Reference;

    fn url(u: &str) -> Option<String> {
        Reference {
            title: "t".into(),
            url: u.into(),
        }
        .https_url()
        .map(str::to_string)
    }

    #[test]
    fn https_urls_are_linkable() {
        for u in [
            "https://docs.databricks.com/aws/en/machine-learning/",
            "https://mlflow.org/docs/latest/index.html#x",
            "https://a.b:8443/p?q=1",
        ] {
            assert_eq!(url(u).as_deref(), Some(u));
        }
    }

    #[test]
    fn anything_else_is_not() {
        for u in [
            "http://docs.databricks.com/",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            " https://docs.databricks.com/",
            "https://docs.databricks.com/a b",
            "https://docs.databricks.com/\"onmouseover=\"x",
            "https://docs.databricks.com/<script>",
            "https://localhost/",
            "https:///path",
            "https://.com/",
            "https://user@evil.example/",
            "data:text/html,hi",
            "//docs.databricks.com/",
            "https://docs.databricks.com/\n",
        ] {
            assert_eq!(url(u), None, "{u}");
        }
    }
}
