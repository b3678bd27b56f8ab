//! Coverage of a bank against its blueprint: questions per domain, section and objective, the
//! share of multiple-select, code and recall-only questions, difficulty, references, the
//! wording-cue figures and answer-length bias, and how many full exams the bank gives without
//! repeating a question.

use quiz_core::assembly::apportion;
use quiz_core::cues;
use quiz_core::model::Difficulty;
use quiz_core::{Bank, QuestionKind};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

#[derive(Debug, Serialize)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub questions: usize,
    /// Questions one full exam draws from this domain (domains only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_exam: Option<u32>,
}

/// One cue family's figures (see `quiz_core::cues`).
#[derive(Debug, Serialize)]
pub struct CueRow {
    pub family: &'static str,
    pub keyed_options_with: usize,
    pub keyed_options: usize,
    pub keyed_percent: f64,
    pub wrong_options_with: usize,
    pub wrong_options: usize,
    pub wrong_percent: f64,
    pub gap_points: f64,
}

#[derive(Debug, Serialize)]
pub struct Cues {
    pub families: Vec<CueRow>,
    pub max_gap_points: f64,
    /// Questions whose key is left alone when the options with cue words are crossed out.
    pub key_exposed: Vec<String>,
    pub key_exposed_percent: f64,
}

#[derive(Debug, Serialize)]
pub struct Difficulties {
    pub easy: usize,
    pub medium: usize,
    pub hard: usize,
}

#[derive(Debug, Serialize)]
pub struct Stats {
    pub exam: String,
    pub questions: usize,
    pub multiple_select: usize,
    pub with_code: usize,
    /// Questions tagged `recall` (a fact without a decision).
    pub recall_only: usize,
    pub with_references: usize,
    pub difficulty: Difficulties,
    pub single_select: usize,
    pub correct_is_longest: usize,
    pub notes: usize,
    pub full_exams_without_repeats: u32,
    pub cues: Cues,
    pub domains: Vec<Row>,
    pub sections: Vec<Row>,
    pub objectives: Vec<Row>,
    pub objectives_without_questions: Vec<String>,
}

pub fn compute(bank: &Bank) -> Stats {
    let bp = &bank.blueprint;
    let mut per_objective: HashMap<&str, usize> = HashMap::new();
    for q in &bank.questions {
        *per_objective.entry(q.objective.as_str()).or_default() += 1;
    }
    let weights: Vec<u32> = bp.domains.iter().map(|d| d.weight_percent).collect();
    let per_exam = apportion(bp.question_count, &weights);
    let mut domains = vec![];
    let mut sections = vec![];
    let mut objectives = vec![];
    let mut missing = vec![];
    for (d, domain) in bp.domains.iter().enumerate() {
        let mut domain_total = 0;
        for section in &domain.sections {
            let mut section_total = 0;
            for objective in &section.objectives {
                let n = per_objective
                    .get(objective.id.as_str())
                    .copied()
                    .unwrap_or(0);
                if n == 0 {
                    missing.push(objective.id.clone());
                }
                section_total += n;
                objectives.push(Row {
                    id: objective.id.clone(),
                    title: objective.statement.clone(),
                    questions: n,
                    per_exam: None,
                });
            }
            domain_total += section_total;
            sections.push(Row {
                id: section.id.clone(),
                title: section.title.clone(),
                questions: section_total,
                per_exam: None,
            });
        }
        domains.push(Row {
            id: domain.id.clone(),
            title: domain.title.clone(),
            questions: domain_total,
            per_exam: Some(per_exam[d]),
        });
    }
    let full_exams = domains
        .iter()
        .filter_map(|r| {
            r.per_exam
                .filter(|&n| n > 0)
                .map(|n| r.questions as u32 / n)
        })
        .min()
        .unwrap_or(0);
    let (correct_is_longest, single_select) = quiz_core::rules::longest_correct_count(bank);
    let figures = cues::figures(bank);
    let round1 = |x: f64| (x * 10.0).round() / 10.0;
    let cues = Cues {
        families: cues::FAMILIES
            .iter()
            .zip(&figures.families)
            .map(|(f, c)| CueRow {
                family: f.name,
                keyed_options_with: c.keyed_with,
                keyed_options: c.keyed,
                keyed_percent: round1(c.keyed_percent()),
                wrong_options_with: c.wrong_with,
                wrong_options: c.wrong,
                wrong_percent: round1(c.wrong_percent()),
                gap_points: round1(c.gap_points()),
            })
            .collect(),
        max_gap_points: cues::MAX_GAP_POINTS,
        key_exposed: figures
            .exposed
            .iter()
            .map(|&i| bank.questions[i].id.clone())
            .collect(),
        key_exposed_percent: round1(if bank.questions.is_empty() {
            0.0
        } else {
            figures.exposed.len() as f64 * 100.0 / bank.questions.len() as f64
        }),
    };
    let count_difficulty =
        |d: Difficulty| bank.questions.iter().filter(|q| q.difficulty == d).count();
    Stats {
        exam: bp.title.clone(),
        questions: bank.questions.len(),
        multiple_select: bank
            .questions
            .iter()
            .filter(|q| q.kind == QuestionKind::Multiple)
            .count(),
        with_code: bank
            .questions
            .iter()
            .filter(|q| q.stem.contains("```"))
            .count(),
        recall_only: bank
            .questions
            .iter()
            .filter(|q| q.tags.iter().any(|t| t == "recall"))
            .count(),
        with_references: bank
            .questions
            .iter()
            .filter(|q| !q.references.is_empty())
            .count(),
        difficulty: Difficulties {
            easy: count_difficulty(Difficulty::Easy),
            medium: count_difficulty(Difficulty::Medium),
            hard: count_difficulty(Difficulty::Hard),
        },
        single_select,
        correct_is_longest,
        notes: bank.notes.len(),
        full_exams_without_repeats: full_exams,
        cues,
        domains,
        sections,
        objectives,
        objectives_without_questions: missing,
    }
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / of as f64)
    }
}

/// Width of the widest text, so columns line up whatever the titles are.
fn width<'a>(texts: impl Iterator<Item = &'a str>) -> usize {
    texts.map(|t| t.chars().count()).max().unwrap_or(0)
}

pub fn human(s: &Stats) -> String {
    let mut o = String::new();
    let n = s.questions;
    let _ = writeln!(o, "{}", s.exam);
    let _ = writeln!(o, "  questions: {n}  multiple-select: {} ({})  code in stem: {} ({})  recall-only: {} ({})  study notes: {}", s.multiple_select, pct(s.multiple_select, n), s.with_code, pct(s.with_code, n), s.recall_only, pct(s.recall_only, n), s.notes);
    let d = &s.difficulty;
    let _ = writeln!(
        o,
        "  difficulty: easy {} ({})  medium {} ({})  hard {} ({})",
        d.easy,
        pct(d.easy, n),
        d.medium,
        pct(d.medium, n),
        d.hard,
        pct(d.hard, n)
    );
    let _ = writeln!(
        o,
        "  with references: {} of {n} ({})",
        s.with_references,
        pct(s.with_references, n)
    );
    let _ = writeln!(
        o,
        "  correct option is the longest: {} of {} single-select ({})",
        s.correct_is_longest,
        s.single_select,
        pct(s.correct_is_longest, s.single_select)
    );
    let _ = writeln!(
        o,
        "  full exams without repeating a question: {}",
        s.full_exams_without_repeats
    );
    let _ = writeln!(
        o,
        "\nWording cues (share of options carrying the family's words; gap limit {:.0} points):",
        s.cues.max_gap_points
    );
    for r in &s.cues.families {
        let _ = writeln!(
            o,
            "  {:<9} keyed {:>5.1}%  wrong {:>5.1}%  gap {:>4.1}",
            r.family, r.keyed_percent, r.wrong_percent, r.gap_points
        );
    }
    let _ = writeln!(
        o,
        "  key left alone after crossing out cue-word options: {} of {n} ({:.1}%){}",
        s.cues.key_exposed.len(),
        s.cues.key_exposed_percent,
        if s.cues.key_exposed.is_empty() {
            String::new()
        } else {
            format!(": {}", s.cues.key_exposed.join(", "))
        }
    );
    let w = width(
        s.domains
            .iter()
            .chain(&s.sections)
            .map(|r| r.title.as_str()),
    )
    .max(width(s.objectives.iter().map(|r| r.id.as_str())));
    let _ = writeln!(o, "\nDomains (questions in bank / per exam):");
    for r in &s.domains {
        let _ = writeln!(
            o,
            "  {:<w$} {:>5} / {}",
            r.title,
            r.questions,
            r.per_exam.unwrap_or(0)
        );
    }
    let _ = writeln!(o, "\nSections:");
    for r in &s.sections {
        let _ = writeln!(o, "  {:<w$} {:>5}", r.title, r.questions);
    }
    let _ = writeln!(o, "\nObjectives:");
    for r in &s.objectives {
        let _ = writeln!(o, "  {:<w$} {:>5}", r.id, r.questions);
    }
    if s.objectives_without_questions.is_empty() {
        let _ = writeln!(o, "\nEvery objective has at least one question.");
    } else {
        let _ = writeln!(
            o,
            "\nObjectives without questions: {}",
            s.objectives_without_questions.join(", ")
        );
    }
    o
}
