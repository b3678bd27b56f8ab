//! Custom practice (`#/custom`): the candidate's choices (which objectives, how many questions,
//! timed or not, feedback after each question or at the end, which questions), the checkbox
//! states of the builder, the shareable link that carries the choices and the seed, and the
//! paper they draw.
//!
//! A link holds the largest whole units chosen (`domains=`, `sections=`, `objectives=`), so a
//! candidate who picks a whole domain shares a short link that still means that domain.

use crate::assembly::{self, AssemblyError, Paper};
use crate::json::MAX_EXACT;
use crate::model::Bank;
use crate::percent::{decode, encode};
use crate::progress::ExamProgress;
use std::collections::BTreeSet;

/// Questions in a custom practice unless the candidate says otherwise.
pub const DEFAULT_COUNT: usize = 20;
/// The most questions one custom practice holds.
pub const MAX_COUNT: usize = 150;

/// When the candidate sees whether an answer was right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feedback {
    /// After each question, with the explanation (like a quick check).
    EachQuestion,
    /// After submitting, on a results page (like the exam).
    AtEnd,
}

/// Which questions of the chosen objectives a practice draws from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Any,
    /// Never answered on this device.
    Unseen,
    /// Answered wrong at least once.
    Missed,
    /// Flagged in an earlier attempt.
    Flagged,
}

impl Pick {
    pub const ALL: [Pick; 4] = [Pick::Any, Pick::Unseen, Pick::Missed, Pick::Flagged];

    /// The name in a link.
    pub fn name(self) -> &'static str {
        match self {
            Pick::Any => "any",
            Pick::Unseen => "unseen",
            Pick::Missed => "missed",
            Pick::Flagged => "flagged",
        }
    }

    /// What the builder calls it.
    pub fn label(self) -> &'static str {
        match self {
            Pick::Any => "Any question",
            Pick::Unseen => "Not seen yet",
            Pick::Missed => "Missed before",
            Pick::Flagged => "Flagged before",
        }
    }

    fn from_name(name: &str) -> Option<Pick> {
        Pick::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// A checkbox of the builder for a domain or section: all, some or none of its objectives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    All,
    Some,
    None,
}

/// What a link could not say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// A domain, section or objective the exam does not have.
    Unknown(String),
    /// A value that is not what its key takes (`n=many`, `pick=best`).
    Bad { key: String, value: String },
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Unknown(id) => {
                write!(f, "the link names \"{id}\", which this exam does not have")
            }
            LinkError::Bad { key, value } => {
                write!(f, "the link's {key} is \"{value}\", which is not a setting")
            }
        }
    }
}

impl std::error::Error for LinkError {}

/// One custom practice as chosen in the builder (or read from a link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Custom {
    /// The chosen objectives' ids.
    pub objectives: BTreeSet<String>,
    /// How many questions (fewer when fewer match).
    pub count: usize,
    /// Timed at the blueprint's pace ([`Custom::duration_minutes`]).
    pub timed: bool,
    pub feedback: Feedback,
    pub pick: Pick,
    /// Draws the questions and their order: the same link gives the same practice.
    pub seed: u64,
}

/// Each domain's and section's objective ids, in blueprint order.
fn domain_objectives<'a>(bank: &'a Bank, domain: &str) -> Option<Vec<&'a str>> {
    let d = bank.blueprint.domains.iter().find(|d| d.id == domain)?;
    Some(
        d.sections
            .iter()
            .flat_map(|s| &s.objectives)
            .map(|o| o.id.as_str())
            .collect(),
    )
}

fn section_objectives<'a>(bank: &'a Bank, section: &str) -> Option<Vec<&'a str>> {
    let s = bank
        .blueprint
        .domains
        .iter()
        .flat_map(|d| &d.sections)
        .find(|s| s.id == section)?;
    Some(s.objectives.iter().map(|o| o.id.as_str()).collect())
}

impl Custom {
    /// Nothing chosen yet: [`DEFAULT_COUNT`] questions, untimed, feedback after each, any
    /// question.
    pub fn new(seed: u64) -> Custom {
        Custom {
            objectives: BTreeSet::new(),
            count: DEFAULT_COUNT,
            timed: false,
            feedback: Feedback::EachQuestion,
            pick: Pick::Any,
            seed: seed % MAX_EXACT,
        }
    }

    /// Whether all, some or none of a domain's objectives are chosen.
    pub fn domain_checked(&self, bank: &Bank, domain: &str) -> Checked {
        self.checked(&domain_objectives(bank, domain).unwrap_or_default())
    }

    /// Whether all, some or none of a section's objectives are chosen.
    pub fn section_checked(&self, bank: &Bank, section: &str) -> Checked {
        self.checked(&section_objectives(bank, section).unwrap_or_default())
    }

    fn checked(&self, ids: &[&str]) -> Checked {
        let chosen = ids
            .iter()
            .filter(|id| self.objectives.contains(**id))
            .count();
        match chosen {
            0 => Checked::None,
            n if n == ids.len() => Checked::All,
            _ => Checked::Some,
        }
    }

    /// Chooses (or drops) every objective of a domain.
    pub fn set_domain(&mut self, bank: &Bank, domain: &str, on: bool) {
        let ids = domain_objectives(bank, domain).unwrap_or_default();
        self.set_all(&ids, on);
    }

    /// Chooses (or drops) every objective of a section.
    pub fn set_section(&mut self, bank: &Bank, section: &str, on: bool) {
        let ids = section_objectives(bank, section).unwrap_or_default();
        self.set_all(&ids, on);
    }

    /// Chooses (or drops) one objective.
    pub fn set_objective(&mut self, objective: &str, on: bool) {
        self.set_all(&[objective], on);
    }

    fn set_all(&mut self, ids: &[&str], on: bool) {
        for id in ids {
            if on {
                self.objectives.insert(id.to_string());
            } else {
                self.objectives.remove(*id);
            }
        }
    }

    /// The link's query (after `#/custom/`): the largest whole units chosen, then the settings
    /// and the seed. [`Custom::parse`] reads it back.
    pub fn to_query(&self, bank: &Bank) -> String {
        let (mut domains, mut sections, mut objectives) = (vec![], vec![], vec![]);
        for d in &bank.blueprint.domains {
            if self.domain_checked(bank, &d.id) == Checked::All {
                domains.push(encode(&d.id));
                continue;
            }
            for s in &d.sections {
                if self.section_checked(bank, &s.id) == Checked::All {
                    sections.push(encode(&s.id));
                    continue;
                }
                objectives.extend(
                    s.objectives
                        .iter()
                        .filter(|o| self.objectives.contains(&o.id))
                        .map(|o| encode(&o.id)),
                );
            }
        }
        let mut parts = vec![];
        for (key, ids) in [
            ("domains", domains),
            ("sections", sections),
            ("objectives", objectives),
        ] {
            if !ids.is_empty() {
                parts.push(format!("{key}={}", ids.join(",")));
            }
        }
        parts.push(format!("n={}", self.count));
        parts.push(format!("timed={}", if self.timed { "yes" } else { "no" }));
        parts.push(format!(
            "feedback={}",
            match self.feedback {
                Feedback::EachQuestion => "each",
                Feedback::AtEnd => "end",
            }
        ));
        parts.push(format!("pick={}", self.pick.name()));
        parts.push(format!("seed={}", self.seed));
        parts.join("&")
    }

    /// Reads a link's query. A setting it leaves out keeps its default ([`Custom::new`] with
    /// `seed`); one it names wrongly, or an id the exam does not have, is an error.
    pub fn parse(bank: &Bank, query: &str, seed: u64) -> Result<Custom, LinkError> {
        let mut custom = Custom::new(seed);
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let bad = || LinkError::Bad {
                key: decode(key),
                value: decode(value),
            };
            let ids = || value.split(',').filter(|v| !v.is_empty()).map(decode);
            match key {
                "domains" => {
                    for id in ids() {
                        let objectives =
                            domain_objectives(bank, &id).ok_or(LinkError::Unknown(id.clone()))?;
                        custom.set_all(&objectives, true);
                    }
                }
                "sections" => {
                    for id in ids() {
                        let objectives =
                            section_objectives(bank, &id).ok_or(LinkError::Unknown(id.clone()))?;
                        custom.set_all(&objectives, true);
                    }
                }
                "objectives" => {
                    for id in ids() {
                        if bank.objective_place(&id).is_none() {
                            return Err(LinkError::Unknown(id));
                        }
                        custom.objectives.insert(id);
                    }
                }
                "n" => {
                    custom.count = value
                        .parse()
                        .ok()
                        .filter(|n| (1..=MAX_COUNT).contains(n))
                        .ok_or_else(bad)?
                }
                "timed" => {
                    custom.timed = match value {
                        "yes" => true,
                        "no" => false,
                        _ => return Err(bad()),
                    }
                }
                "feedback" => {
                    custom.feedback = match value {
                        "each" => Feedback::EachQuestion,
                        "end" => Feedback::AtEnd,
                        _ => return Err(bad()),
                    }
                }
                "pick" => custom.pick = Pick::from_name(value).ok_or_else(bad)?,
                "seed" => {
                    custom.seed = value
                        .parse()
                        .ok()
                        .filter(|s| *s <= MAX_EXACT)
                        .ok_or_else(bad)?
                }
                // A key from a later version of the builder: ignored, as a link should still open.
                _ => {}
            }
        }
        Ok(custom)
    }

    /// Bank positions of the questions the choices allow: of the chosen objectives, those
    /// `pick` lets through given what this device has recorded (`exam`).
    pub fn pool(&self, bank: &Bank, exam: Option<&ExamProgress>) -> Vec<usize> {
        let flagged: BTreeSet<&str> = exam
            .map(|e| {
                e.attempts
                    .iter()
                    .flat_map(|a| &a.outcomes)
                    .filter(|o| o.flagged)
                    .map(|o| o.question_id.as_str())
                    .collect()
            })
            .unwrap_or_default();
        let stat = |id: &str| exam.and_then(|e| e.stats.get(id));
        let mut seen = BTreeSet::new();
        bank.questions
            .iter()
            .enumerate()
            .filter(|(_, q)| self.objectives.contains(&q.objective) && seen.insert(q.id.as_str()))
            .filter(|(_, q)| match self.pick {
                Pick::Any => true,
                Pick::Unseen => stat(&q.id).is_none_or(|s| s.seen == 0),
                Pick::Missed => stat(&q.id).is_some_and(|s| s.correct < s.seen),
                Pick::Flagged => flagged.contains(q.id.as_str()),
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// How many questions the practice will hold: `count`, or fewer when fewer match.
    pub fn size(&self, bank: &Bank, exam: Option<&ExamProgress>) -> usize {
        self.pool(bank, exam).len().min(self.count)
    }

    /// The time for `questions` questions at the blueprint's pace (its duration over its
    /// question count), rounded up to a whole minute; `None` when untimed.
    pub fn duration_minutes(&self, bank: &Bank, questions: usize) -> Option<u32> {
        if !self.timed {
            return None;
        }
        let bp = &bank.blueprint;
        let per_exam = bp.question_count.max(1) as u64;
        let minutes = (bp.duration_minutes as u64 * questions as u64).div_ceil(per_exam);
        Some(minutes.max(1) as u32)
    }

    /// The paper: up to `count` questions of the pool, spread over their objectives, in an
    /// order drawn from the seed. An empty pool says why (nothing chosen, or nothing matches).
    pub fn paper(
        &self,
        bank: &Bank,
        exam: Option<&ExamProgress>,
        shuffle_options: bool,
    ) -> Result<Paper, AssemblyError> {
        if self.objectives.is_empty() {
            return Err(AssemblyError::EmptyScope("nothing chosen".into()));
        }
        let pool = self.pool(bank, exam);
        if pool.is_empty() {
            return Err(AssemblyError::EmptyScope(format!(
                "the chosen topics ({})",
                self.pick.label().to_lowercase()
            )));
        }
        Ok(assembly::from_pool(
            bank,
            &pool,
            self.count,
            self.seed,
            shuffle_options,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attempt::{Attempt, Mode};
    use crate::model::fixtures::*;
    use crate::model::{Objective, Section};
    use crate::progress::{AttemptRecord, Outcome, QuestionStat};
    use proptest::prelude::*;

    /// Three domains; d0 has a second section (`d0-s1`, one objective `d0-extra`).
    fn test_bank() -> Bank {
        let mut b = bank(&[44, 44, 12], 3, 4, 20);
        let mut blueprint = b.blueprint.clone();
        blueprint.domains[0].sections.push(Section {
            id: "d0-s1".into(),
            title: "Extra".into(),
            objectives: vec![Objective {
                id: "d0-extra".into(),
                statement: "Extra objective".into(),
                tier: 2,
            }],
        });
        let mut questions = b.questions.clone();
        questions.extend((0..3).map(|i| single(&format!("extra-{i}"), "d0-extra")));
        b = Bank::new(blueprint, questions, vec![]);
        b
    }

    #[test]
    fn a_whole_domain_goes_into_the_link_as_the_domain() {
        let bank = test_bank();
        let mut c = Custom::new(7);
        c.set_domain(&bank, "d0", true);
        c.set_section(&bank, "d1-s0", true);
        c.set_objective("d2-o1", true);
        assert_eq!(c.domain_checked(&bank, "d0"), Checked::All);
        assert_eq!(c.domain_checked(&bank, "d2"), Checked::Some);
        assert_eq!(c.section_checked(&bank, "d1-s0"), Checked::All);
        let q = c.to_query(&bank);
        assert_eq!(
            q,
            "domains=d0,d1&objectives=d2-o1&n=20&timed=no&feedback=each&pick=any&seed=7"
        );
        // d1 has one section, so choosing it chose the domain; a part of d0 stays a section.
        c.set_objective("d0-extra", false);
        assert_eq!(c.domain_checked(&bank, "d0"), Checked::Some);
        assert_eq!(
            c.to_query(&bank),
            "domains=d1&sections=d0-s0&objectives=d2-o1&n=20&timed=no&feedback=each&pick=any&seed=7"
        );
    }

    #[test]
    fn a_partial_domain_keeps_its_whole_sections() {
        let bank = test_bank();
        let mut c = Custom::new(1);
        c.set_section(&bank, "d0-s0", true);
        assert_eq!(c.domain_checked(&bank, "d0"), Checked::Some);
        assert_eq!(c.section_checked(&bank, "d0-s1"), Checked::None);
        assert_eq!(
            c.to_query(&bank),
            "sections=d0-s0&n=20&timed=no&feedback=each&pick=any&seed=1"
        );
    }

    #[test]
    fn links_round_trip() {
        let bank = test_bank();
        let mut c = Custom::new(99);
        c.set_section(&bank, "d0-s1", true);
        c.set_objective("d1-o2", true);
        c.count = 7;
        c.timed = true;
        c.feedback = Feedback::AtEnd;
        c.pick = Pick::Missed;
        let q = c.to_query(&bank);
        assert_eq!(Custom::parse(&bank, &q, 0), Ok(c));
    }

    #[test]
    fn a_link_without_settings_takes_the_defaults() {
        let bank = test_bank();
        let c = Custom::parse(&bank, "objectives=d0-o0", 5).unwrap();
        assert_eq!(c.count, DEFAULT_COUNT);
        assert!(!c.timed);
        assert_eq!(c.feedback, Feedback::EachQuestion);
        assert_eq!(c.pick, Pick::Any);
        assert_eq!(c.seed, 5);
        assert_eq!(Custom::parse(&bank, "", 5), Ok(Custom::new(5)));
        // A key from a later builder is ignored.
        assert!(Custom::parse(&bank, "objectives=d0-o0&colour=red", 5).is_ok());
    }

    #[test]
    fn a_wrong_link_says_what_is_wrong() {
        let bank = test_bank();
        assert_eq!(
            Custom::parse(&bank, "domains=nope", 1),
            Err(LinkError::Unknown("nope".into()))
        );
        assert_eq!(
            Custom::parse(&bank, "objectives=d0-s0", 1),
            Err(LinkError::Unknown("d0-s0".into()))
        );
        for (q, key) in [
            ("n=0", "n"),
            ("n=many", "n"),
            ("n=151", "n"),
            ("timed=1", "timed"),
            ("feedback=now", "feedback"),
            ("pick=best", "pick"),
            ("seed=-1", "seed"),
            ("seed=9007199254740993", "seed"),
        ] {
            match Custom::parse(&bank, q, 1) {
                Err(LinkError::Bad { key: k, .. }) => assert_eq!(k, key, "{q}"),
                other => panic!("{q}: {other:?}"),
            }
        }
        assert_eq!(
            Custom::parse(&bank, "domains=a%20b", 1)
                .unwrap_err()
                .to_string(),
            "the link names \"a b\", which this exam does not have"
        );
    }

    fn record(id: &str, finished: u64, outcomes: &[(&str, bool, bool)]) -> AttemptRecord {
        AttemptRecord {
            id: id.into(),
            mode: Mode::QuickCheck,
            scope: Default::default(),
            started_ms: finished - 1,
            finished_ms: finished,
            question_count: outcomes.len() as u32,
            percent: 0,
            passed: false,
            domains: vec![],
            outcomes: outcomes
                .iter()
                .map(|&(q, correct, flagged)| Outcome {
                    question_id: q.into(),
                    correct,
                    flagged,
                    guessed: false,
                })
                .collect(),
        }
    }

    #[test]
    fn pick_filters_by_what_this_device_recorded() {
        let bank = test_bank();
        let mut c = Custom::new(3);
        c.set_objective("d0-o0", true);
        let ids = |c: &Custom, exam: Option<&ExamProgress>| -> Vec<String> {
            c.pool(&bank, exam)
                .into_iter()
                .map(|i| bank.questions[i].id.clone())
                .collect()
        };
        let all = ids(&c, None);
        assert_eq!(all.len(), 4);
        let mut exam = ExamProgress::default();
        // all[0]: wrong then right (missed before); all[1]: right, flagged; all[2]: right.
        exam.record(record(
            "a",
            10,
            &[(&all[0], false, false), (&all[1], true, true)],
        ));
        exam.record(record(
            "b",
            20,
            &[(&all[0], true, false), (&all[2], true, false)],
        ));
        let exam = Some(&exam);
        c.pick = Pick::Any;
        assert_eq!(ids(&c, exam), all);
        c.pick = Pick::Unseen;
        assert_eq!(ids(&c, exam), vec![all[3].clone()]);
        c.pick = Pick::Missed;
        assert_eq!(ids(&c, exam), vec![all[0].clone()]);
        c.pick = Pick::Flagged;
        assert_eq!(ids(&c, exam), vec![all[1].clone()]);
        // Without any record, nothing was missed or flagged and everything is unseen.
        assert!(ids(&c, None).is_empty());
        c.pick = Pick::Unseen;
        assert_eq!(ids(&c, None), all);
        // Legacy counts without attempts still say what was missed.
        let mut legacy = ExamProgress::default();
        legacy.stats.insert(
            all[3].clone(),
            QuestionStat {
                seen: 2,
                correct: 1,
                last_seen_ms: 1,
                last_correct: None,
            },
        );
        c.pick = Pick::Missed;
        assert_eq!(ids(&c, Some(&legacy)), vec![all[3].clone()]);
    }

    #[test]
    fn time_follows_the_blueprint_pace() {
        let bank = test_bank(); // 10 minutes for 20 questions
        let mut c = Custom::new(1);
        assert_eq!(c.duration_minutes(&bank, 20), None);
        c.timed = true;
        assert_eq!(c.duration_minutes(&bank, 20), Some(10));
        assert_eq!(c.duration_minutes(&bank, 7), Some(4));
        assert_eq!(c.duration_minutes(&bank, 1), Some(1));
        assert_eq!(c.duration_minutes(&bank, 40), Some(20));
    }

    #[test]
    fn an_empty_choice_draws_nothing_and_says_why() {
        let bank = test_bank();
        let mut c = Custom::new(1);
        assert!(c.paper(&bank, None, false).is_err());
        c.set_objective("d0-o0", true);
        c.pick = Pick::Flagged;
        let err = c.paper(&bank, None, false).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no questions yet for \"the chosen topics (flagged before)\""
        );
    }

    #[test]
    fn a_paper_starts_as_an_attempt_with_its_time() {
        let bank = test_bank();
        let mut c = Custom::new(11);
        c.set_domain(&bank, "d2", true);
        c.count = 5;
        c.timed = true;
        let paper = c.paper(&bank, None, true).unwrap();
        let n = paper.items.len();
        let a = Attempt::start(
            "x",
            "test-exam",
            Mode::Custom,
            crate::Scope::Questions(vec![]),
            paper,
            1_000,
            c.duration_minutes(&bank, n),
        );
        assert_eq!(a.deadline_ms, Some(1_000 + 3 * 60_000));
    }

    proptest! {
        /// A paper holds `min(count, pool)` distinct questions, all from the chosen objectives
        /// and allowed by `pick`; the same choices and seed draw the same paper.
        #[test]
        fn papers_keep_to_the_choices(
            chosen in proptest::collection::btree_set(0usize..10, 1..10),
            count in 1usize..40,
            seed in 0u64..1000,
            pick in 0usize..4,
        ) {
            let bank = test_bank();
            let objectives: Vec<String> = bank.blueprint.domains.iter()
                .flat_map(|d| &d.sections).flat_map(|s| &s.objectives)
                .map(|o| o.id.clone()).collect();
            let mut c = Custom::new(seed);
            for i in &chosen {
                c.set_objective(&objectives[*i], true);
            }
            c.count = count;
            c.pick = Pick::ALL[pick];
            let mut exam = ExamProgress::default();
            let some: Vec<(String, bool, bool)> = bank.questions.iter().step_by(3)
                .enumerate().map(|(k, q)| (q.id.clone(), k % 2 == 0, k % 3 == 0)).collect();
            let refs: Vec<(&str, bool, bool)> = some.iter().map(|(q, c, f)| (q.as_str(), *c, *f)).collect();
            exam.record(record("a", 5, &refs));
            let pool = c.pool(&bank, Some(&exam));
            match c.paper(&bank, Some(&exam), true) {
                Err(_) => prop_assert!(pool.is_empty()),
                Ok(paper) => {
                    prop_assert_eq!(paper.items.len(), count.min(pool.len()));
                    prop_assert_eq!(paper.items.len(), c.size(&bank, Some(&exam)));
                    let ids: BTreeSet<&str> = paper.items.iter().map(|i| i.question_id.as_str()).collect();
                    prop_assert_eq!(ids.len(), paper.items.len());
                    for item in &paper.items {
                        let at = bank.question_position(&item.question_id).unwrap();
                        prop_assert!(pool.contains(&at));
                        prop_assert!(c.objectives.contains(&bank.questions[at].objective));
                    }
                    prop_assert_eq!(c.paper(&bank, Some(&exam), true).unwrap(), paper);
                }
            }
            prop_assert_eq!(Custom::parse(&bank, &c.to_query(&bank), 0).unwrap(), c);
        }
    }
}
