//! Coverage of a bank against its blueprint: questions per domain, section and objective, the
//! share of multiple-select and code questions, answer-length bias, and how many full exams the
//! bank gives without repeating a question.

use quiz_core::assembly::apportion;
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

#[derive(Debug, Serialize)]
pub struct Stats {
    pub exam: String,
    pub questions: usize,
    pub multiple_select: usize,
    pub with_code: usize,
    pub single_select: usize,
    pub correct_is_longest: usize,
    pub notes: usize,
    pub full_exams_without_repeats: u32,
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
                let n = per_objective.get(objective.id.as_str()).copied().unwrap_or(0);
                if n == 0 {
                    missing.push(objective.id.clone());
                }
                section_total += n;
                objectives.push(Row { id: objective.id.clone(), title: objective.statement.clone(), questions: n, per_exam: None });
            }
            domain_total += section_total;
            sections.push(Row { id: section.id.clone(), title: section.title.clone(), questions: section_total, per_exam: None });
        }
        domains.push(Row { id: domain.id.clone(), title: domain.title.clone(), questions: domain_total, per_exam: Some(per_exam[d]) });
    }
    let full_exams = domains
        .iter()
        .filter_map(|r| r.per_exam.filter(|&n| n > 0).map(|n| r.questions as u32 / n))
        .min()
        .unwrap_or(0);
    let (correct_is_longest, single_select) = quiz_core::rules::longest_correct_count(bank);
    Stats {
        exam: bp.title.clone(),
        questions: bank.questions.len(),
        multiple_select: bank.questions.iter().filter(|q| q.kind == QuestionKind::Multiple).count(),
        with_code: bank.questions.iter().filter(|q| q.stem.contains("```")).count(),
        single_select,
        correct_is_longest,
        notes: bank.notes.len(),
        full_exams_without_repeats: full_exams,
        domains,
        sections,
        objectives,
        objectives_without_questions: missing,
    }
}

fn pct(n: usize, of: usize) -> String {
    if of == 0 { "0%".into() } else { format!("{:.0}%", n as f64 * 100.0 / of as f64) }
}

pub fn human(s: &Stats) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", s.exam);
    let _ = writeln!(o, "  questions: {}  multiple-select: {} ({})  code in stem: {} ({})  study notes: {}", s.questions, s.multiple_select, pct(s.multiple_select, s.questions), s.with_code, pct(s.with_code, s.questions), s.notes);
    let _ = writeln!(o, "  correct option is the longest: {} of {} single-select ({})", s.correct_is_longest, s.single_select, pct(s.correct_is_longest, s.single_select));
    let _ = writeln!(o, "  full exams without repeating a question: {}", s.full_exams_without_repeats);
    let _ = writeln!(o, "\nDomains (questions in bank / per exam):");
    for r in &s.domains {
        let _ = writeln!(o, "  {:<28} {:>5} / {}", r.title, r.questions, r.per_exam.unwrap_or(0));
    }
    let _ = writeln!(o, "\nSections:");
    for r in &s.sections {
        let _ = writeln!(o, "  {:<44} {:>5}", r.title, r.questions);
    }
    let _ = writeln!(o, "\nObjectives:");
    for r in &s.objectives {
        let _ = writeln!(o, "  {:<36} {:>5}", r.id, r.questions);
    }
    if s.objectives_without_questions.is_empty() {
        let _ = writeln!(o, "\nEvery objective has at least one question.");
    } else {
        let _ = writeln!(o, "\nObjectives without questions: {}", s.objectives_without_questions.join(", "));
    }
    o
}
