//! Content validation from raw bytes: any JSON shaped like {blueprint, questions, notes} goes
//! through every content rule (the wording cues too), exam assembly and scoring without panicking.
#![no_main]
use libfuzzer_sys::fuzz_target;
use quiz_core::assembly::full_exam;
use quiz_core::attempt::{Attempt, Mode};
use quiz_core::model::{Bank, Blueprint, Question, StudyNote};
use quiz_core::{rules, scoring, Scope};

/// A bank in one object, as the content rules see it.
#[derive(serde::Deserialize)]
struct Content {
    blueprint: Blueprint,
    #[serde(default)]
    notes: Vec<StudyNote>,
    questions: Vec<Question>,
}

fuzz_target!(|data: &[u8]| {
    let Ok(content) = serde_json::from_slice::<Content>(data) else {
        return;
    };
    let bank = Bank::new(content.blueprint, content.questions, content.notes);
    let findings = rules::check(&bank);
    let _ = quiz_core::rules::longest_correct_count(&bank);
    if let Ok(paper) = full_exam(&bank, 1, true) {
        let mut attempt = Attempt::start("f", "x", Mode::Exam, Scope::All, paper, 0, Some(1));
        for i in 0..attempt.len() {
            let first = attempt.paper.items[i].option_order.first().cloned();
            if let Some(option) = first {
                let _ = attempt.toggle(&bank, i, &option, 1);
            }
        }
        let report = scoring::score(&bank, &attempt, 2);
        assert!(report.percent <= 100);
        if !rules::has_errors(&findings) {
            assert_eq!(report.items.len(), attempt.len());
        }
    }
});
