//! Scoring and reports. A question scores when the set of chosen options equals the set of
//! correct options (multiple-select is all-or-nothing, as on the real exam). The [`Report`] gives
//! the percentage, pass or fail, breakdowns per domain, section and objective, time used, and the
//! wrong and flagged questions.

use crate::attempt::Attempt;
use crate::model::{Bank, Question};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Whether a chosen set is exactly the correct set.
pub fn is_correct(correct: &BTreeSet<&str>, chosen: &BTreeSet<String>) -> bool {
    correct.len() == chosen.len() && chosen.iter().all(|c| correct.contains(c.as_str()))
}

/// Whether `chosen` is exactly the set of the question's correct option ids: [`is_correct`]
/// without building the correct set (no set, and no sort, for each question scored).
pub fn is_correct_answer(question: &Question, chosen: &BTreeSet<String>) -> bool {
    let correct = &question.options;
    // Distinct correct ids: an id that repeats counts once, as in a set.
    let distinct = correct
        .iter()
        .enumerate()
        .filter(|(i, o)| o.correct && !correct[..*i].iter().any(|p| p.correct && p.id == o.id))
        .count();
    distinct == chosen.len()
        && chosen
            .iter()
            .all(|c| correct.iter().any(|o| o.correct && o.id == *c))
}

/// How many answers were right out of how many: a score over a domain, section, objective or
/// attempt (not the answered/flagged positions: that is [`crate::attempt::AnswerStatus`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub correct: u32,
    pub total: u32,
}

impl Tally {
    pub fn add(&mut self, correct: bool) {
        self.total += 1;
        self.correct += correct as u32;
    }

    /// Whole percent, rounded down so that 69.9% never shows as a pass at 70%.
    pub fn percent(&self) -> u32 {
        (self.correct * 100).checked_div(self.total).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    pub id: String,
    pub title: String,
    pub tally: Tally,
}

/// The outcome of one question of an attempt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub index: usize,
    pub question_id: String,
    pub answered: bool,
    pub correct: bool,
    pub flagged: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub overall: Tally,
    pub percent: u32,
    pub pass_percent: u32,
    pub passed: bool,
    pub time_used_ms: u64,
    pub domains: Vec<Breakdown>,
    pub sections: Vec<Breakdown>,
    pub objectives: Vec<Breakdown>,
    pub items: Vec<ItemResult>,
    /// Questions of the attempt the bank no longer has (counted as wrong).
    pub missing_questions: Vec<String>,
}

impl Report {
    pub fn wrong(&self) -> impl Iterator<Item = &ItemResult> {
        self.items.iter().filter(|i| !i.correct)
    }

    pub fn flagged(&self) -> impl Iterator<Item = &ItemResult> {
        self.items.iter().filter(|i| i.flagged)
    }
}

/// Scores an attempt against the bank. Domains, sections and objectives that the attempt did not
/// touch are left out of the breakdowns; they keep blueprint order.
pub fn score(bank: &Bank, attempt: &Attempt, now_ms: u64) -> Report {
    let bp = &bank.blueprint;
    let mut domains: Vec<Tally> = vec![Tally::default(); bp.domains.len()];
    let mut sections: Vec<Vec<Tally>> = bp
        .domains
        .iter()
        .map(|d| vec![Tally::default(); d.sections.len()])
        .collect();
    let mut objectives: Vec<Vec<Vec<Tally>>> = bp
        .domains
        .iter()
        .map(|d| {
            d.sections
                .iter()
                .map(|s| vec![Tally::default(); s.objectives.len()])
                .collect()
        })
        .collect();
    let mut overall = Tally::default();
    let mut items = Vec::with_capacity(attempt.len());
    let mut missing_questions = Vec::new();

    for (index, (item, response)) in attempt
        .paper
        .items
        .iter()
        .zip(&attempt.responses)
        .enumerate()
    {
        let question = bank.question(&item.question_id);
        let correct = question.is_some_and(|q| is_correct_answer(q, &response.selected));
        overall.add(correct);
        match question.and_then(|q| bank.objective_place(&q.objective)) {
            Some(p) => {
                domains[p.domain].add(correct);
                sections[p.domain][p.section].add(correct);
                objectives[p.domain][p.section][p.objective].add(correct);
            }
            None => missing_questions.push(item.question_id.clone()),
        }
        items.push(ItemResult {
            index,
            question_id: item.question_id.clone(),
            answered: !response.selected.is_empty(),
            correct,
            flagged: response.flagged,
        });
    }

    let mut domain_rows = Vec::new();
    let mut section_rows = Vec::new();
    let mut objective_rows = Vec::new();
    for (d, domain) in bp.domains.iter().enumerate() {
        if domains[d].total > 0 {
            domain_rows.push(Breakdown {
                id: domain.id.clone(),
                title: domain.title.clone(),
                tally: domains[d].clone(),
            });
        }
        for (s, section) in domain.sections.iter().enumerate() {
            if sections[d][s].total > 0 {
                section_rows.push(Breakdown {
                    id: section.id.clone(),
                    title: section.title.clone(),
                    tally: sections[d][s].clone(),
                });
            }
            for (o, objective) in section.objectives.iter().enumerate() {
                let t = &objectives[d][s][o];
                if t.total > 0 {
                    objective_rows.push(Breakdown {
                        id: objective.id.clone(),
                        title: objective.statement.clone(),
                        tally: t.clone(),
                    });
                }
            }
        }
    }

    let percent = overall.percent();
    let time_used_ms = attempt.time_used_ms(now_ms);
    Report {
        percent,
        pass_percent: bp.pass_percent,
        passed: percent >= bp.pass_percent,
        overall,
        time_used_ms,
        domains: domain_rows,
        sections: section_rows,
        objectives: objective_rows,
        items,
        missing_questions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assembly::{full_exam, Scope};
    use crate::attempt::Mode;
    use crate::model::fixtures::*;
    use proptest::prelude::*;

    fn answer_all_correctly(bank: &Bank, attempt: &mut Attempt) {
        for i in 0..attempt.len() {
            let q = bank
                .question(&attempt.paper.items[i].question_id)
                .unwrap()
                .clone();
            for id in q.correct_ids() {
                attempt.select(bank, i, id, attempt.started_ms).unwrap();
            }
        }
    }

    #[test]
    fn multiple_select_is_all_or_nothing() {
        let correct: BTreeSet<&str> = ["a", "c"].into();
        assert!(is_correct(
            &correct,
            &BTreeSet::from(["a".to_string(), "c".to_string()])
        ));
        assert!(!is_correct(&correct, &BTreeSet::from(["a".to_string()])));
        assert!(!is_correct(
            &correct,
            &BTreeSet::from(["a".to_string(), "b".to_string()])
        ));
        assert!(!is_correct(&correct, &BTreeSet::new()));
    }

    #[test]
    fn report_breaks_down_by_domain_and_lists_wrong_and_flagged() {
        let bank = bank(&[50, 50], 2, 3, 4);
        let paper = full_exam(&bank, 3, true).unwrap();
        let mut a = Attempt::start("x", "test-exam", Mode::Exam, Scope::All, paper, 0, Some(5));
        answer_all_correctly(&bank, &mut a);
        a.clear(1, 0).unwrap();
        a.toggle_flag(2, 0).unwrap();
        a.submit(60_000).unwrap();
        let report = score(&bank, &a, 99_999);
        assert_eq!(
            report.overall,
            Tally {
                correct: 3,
                total: 4
            }
        );
        assert_eq!(report.percent, 75);
        assert!(report.passed);
        assert_eq!(report.time_used_ms, 60_000);
        assert_eq!(report.domains.len(), 2);
        assert_eq!(report.domains.iter().map(|d| d.tally.total).sum::<u32>(), 4);
        assert_eq!(report.wrong().map(|i| i.index).collect::<Vec<_>>(), vec![1]);
        assert_eq!(
            report.flagged().map(|i| i.index).collect::<Vec<_>>(),
            vec![2]
        );
        assert!(!report.items[1].answered);
    }

    #[test]
    fn percent_rounds_down_at_the_pass_line() {
        let t = Tally {
            correct: 41,
            total: 59,
        };
        assert_eq!(t.percent(), 69);
        assert_eq!(Tally::default().percent(), 0);
    }

    #[test]
    fn questions_gone_from_the_bank_count_as_wrong() {
        let bank = bank(&[100], 1, 4, 4);
        let paper = full_exam(&bank, 3, true).unwrap();
        let mut a = Attempt::start("x", "test-exam", Mode::Exam, Scope::All, paper, 0, None);
        answer_all_correctly(&bank, &mut a);
        let gone = a.paper.items[0].question_id.clone();
        let mut b = bank.clone();
        b.questions.retain(|q| q.id != gone);
        let b = Bank::new(b.blueprint, b.questions, vec![]);
        let report = score(&b, &a, 0);
        assert_eq!(
            report.overall,
            Tally {
                correct: 3,
                total: 4
            }
        );
        assert_eq!(report.missing_questions, vec![gone]);
    }

    proptest! {
        #[test]
        fn is_correct_answer_is_is_correct(
            options in proptest::collection::vec((0usize..4, any::<bool>()), 0..6),
            chosen in proptest::collection::btree_set(0usize..5, 0..5),
        ) {
            // Option ids from a small alphabet, so some repeat.
            let ids = ["a", "b", "c", "d", "e"];
            let mut q = single("q", "o");
            q.options = options.iter().map(|&(i, c)| option(ids[i], c)).collect();
            let chosen: BTreeSet<String> = chosen.iter().map(|&i| ids[i].to_string()).collect();
            let correct: BTreeSet<&str> = q.correct_ids().into_iter().collect();
            prop_assert_eq!(is_correct_answer(&q, &chosen), is_correct(&correct, &chosen));
        }

        #[test]
        fn correct_sets_score_100(seed in any::<u64>(), per_objective in 3usize..6) {
            let bank = bank(&[44, 44, 12], 3, per_objective, 12);
            let paper = full_exam(&bank, seed, true).unwrap();
            let mut a = Attempt::start("p", "test-exam", Mode::Exam, Scope::All, paper, 0, Some(120));
            answer_all_correctly(&bank, &mut a);
            let report = score(&bank, &a, 1);
            prop_assert_eq!(report.percent, 100);
            prop_assert!(report.passed);
            prop_assert_eq!(report.wrong().count(), 0);
        }

        #[test]
        fn score_counts_exactly_the_matching_sets(seed in any::<u64>(), picks in proptest::collection::vec(proptest::collection::btree_set(0usize..4, 0..4), 12)) {
            let bank = bank(&[50, 50], 3, 4, 12);
            let paper = full_exam(&bank, seed, false).unwrap();
            let mut a = Attempt::start("p", "test-exam", Mode::Exam, Scope::All, paper, 0, None);
            let mut expected = 0;
            for (i, pick) in picks.iter().enumerate() {
                let ids: BTreeSet<String> = pick.iter().map(|p| ["a", "b", "c", "d"][*p].to_string()).collect();
                a.responses[i].selected = ids.clone();
                let q = bank.question(&a.paper.items[i].question_id).unwrap();
                let correct: BTreeSet<String> = q.correct_ids().into_iter().map(String::from).collect();
                expected += (correct == ids) as u32;
            }
            let report = score(&bank, &a, 0);
            prop_assert_eq!(report.overall.correct, expected);
            prop_assert!(report.percent <= 100);
            prop_assert_eq!(report.domains.iter().map(|d| d.tally.correct).sum::<u32>(), expected);
        }
    }
}
