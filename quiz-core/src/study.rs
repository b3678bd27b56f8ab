//! The study app's exam bookkeeping: finishing an attempt into the progress record, whether an
//! answer is right, attempt ids, review filters and retakes of missed questions, saving with a
//! merge of what another tab stored, importing a progress file and resuming an unfinished exam.
//!
//! Plain Rust, unit-tested natively; quiz-web calls it. The app's helpers that are not about
//! exams (routes, keys, timer text, chart geometry, the bank's source line) are quiz-web's own
//! (`quiz-web/src/logic/`); bank HTML as a page inserts it is [`crate::safe_html`]'s.

use crate::assembly::Scope;
use crate::attempt::{Attempt, Mode};
use crate::json::JsonValue;
use crate::model::Bank;
use crate::progress::{self, AttemptRecord, ExamProgress, LoadProblem, ProgressRecord};
use crate::schedule;
use crate::scoring::{is_correct_answer, Report};

// ---------------------------------------------------------------- attempts

/// An attempt id from the clock and a random number: sortable and unique enough per device.
pub fn attempt_id(now_ms: u64, random: u64) -> String {
    format!("{now_ms:x}-{:06x}", random & 0xff_ffff)
}

/// Whether the answer given at `index` is right (`None`: not answered or unknown question).
pub fn answer_correct(bank: &Bank, attempt: &Attempt, index: usize) -> Option<bool> {
    let item = attempt.paper.items.get(index)?;
    let response = attempt.responses.get(index)?;
    if response.selected.is_empty() {
        return None;
    }
    let question = bank.question(&item.question_id)?;
    Some(is_correct_answer(question, &response.selected))
}

/// Records a submitted (or, for quick checks, partly checked) attempt in the record under the
/// bank's `key` ([`progress::exam_key`]), clearing it as the active exam when it was. Returns the
/// attempt record. The review schedule is then stale: the app replays it in a chunk of its own
/// (`ExamProgress::rebuild_schedule`).
pub fn finish(
    record: &mut ProgressRecord,
    key: &str,
    bank: &Bank,
    attempt: &Attempt,
    now_ms: u64,
) -> AttemptRecord {
    let entry = AttemptRecord::from_attempt(bank, attempt, now_ms);
    let exam = record.exam_mut(key);
    exam.record(entry.clone());
    if exam.active.as_ref().is_some_and(|a| a.id == attempt.id) {
        exam.active = None;
    }
    entry
}

/// The scope and mode of "retake only the ones I missed", or `None` when nothing was missed.
pub fn retake_missed(report: &Report) -> Option<(Scope, Mode)> {
    let ids: Vec<String> = report.wrong().map(|i| i.question_id.clone()).collect();
    (!ids.is_empty()).then_some((Scope::Questions(ids), Mode::Retake))
}

/// A spaced-review session at `now_ms`: the due questions the bank has, most overdue first, at
/// most [`schedule::SESSION_SIZE`] (questions no longer in the bank are skipped before the cap,
/// so a session is never short because of them).
pub fn review_session(bank: &Bank, exam: &ExamProgress, now_ms: u64) -> Vec<String> {
    schedule::due(exam, now_ms, usize::MAX)
        .into_iter()
        .filter(|id| bank.question(id).is_some())
        .take(schedule::SESSION_SIZE)
        .collect()
}

/// Which questions a results page's review lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    All,
    Wrong,
    Flagged,
}

impl ReviewFilter {
    /// What a results page with `wrong` wrong answers opens with: those when there are any, else
    /// everything.
    pub fn initial(wrong: usize) -> ReviewFilter {
        if wrong > 0 {
            ReviewFilter::Wrong
        } else {
            ReviewFilter::All
        }
    }

    /// Whether a question answered `correct`, `flagged` or not, is listed.
    pub fn shows(self, correct: bool, flagged: bool) -> bool {
        match self {
            ReviewFilter::All => true,
            ReviewFilter::Wrong => !correct,
            ReviewFilter::Flagged => flagged,
        }
    }
}

/// Positions of the report's items that pass the filter.
pub fn review_items(report: &Report, filter: ReviewFilter) -> Vec<usize> {
    report
        .items
        .iter()
        .filter(|i| filter.shows(i.correct, i.flagged))
        .map(|i| i.index)
        .collect()
}

// ---------------------------------------------------------------- storage

/// What to do when saving, decided from one read of the stored text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavePlan {
    /// Stored text that cannot be read and has not been copied aside yet: copy it to a backup key
    /// first, and write `record` only if that worked.
    pub back_up_first: Option<String>,
    /// The record to write.
    pub record: ProgressRecord,
}

/// What a save finds in storage, beside our record.
#[derive(Debug, Clone, Copy, Default)]
pub struct Stored<'a> {
    /// The stored text, if any.
    pub text: Option<&'a str>,
    /// Unreadable text this tab already copied to a backup key.
    pub kept_aside: Option<&'a str>,
    /// The text this tab last wrote: stored text equal to it holds nothing new and is not read.
    pub written: Option<&'a str>,
}

/// Plans a save (reading stored text as `J` parses it): the stored record merged into ours, so
/// another tab's finished attempts survive. `discarded` names active attempts this tab set aside
/// on purpose; they are not brought back from the stored copy. Stored text that cannot be read
/// is never merged, and unless it is `kept_aside` (already copied to a backup key) it must be
/// copied before it is overwritten. Text this tab wrote itself is not read again (with a large
/// record that would be most of the cost of saving an answer).
pub fn plan_save<J: JsonValue>(
    mine: &ProgressRecord,
    stored: Stored,
    discarded: &[String],
) -> SavePlan {
    let mut record = mine.clone();
    let text = stored.text.filter(|t| Some(*t) != stored.written);
    let loaded = progress::load_as::<J>(text);
    let back_up_first = match loaded.problem {
        None => {
            record.merge(&loaded.record);
            None
        }
        Some(_) => text
            .filter(|raw| Some(*raw) != stored.kept_aside)
            .map(str::to_string),
    };
    for exam in record.exams.values_mut() {
        if exam
            .active
            .as_ref()
            .is_some_and(|a| discarded.contains(&a.id))
        {
            exam.active = None;
        }
    }
    SavePlan {
        back_up_first,
        record,
    }
}

/// Outcome of reading an imported progress file (as `J` parses it).
pub fn import<J: JsonValue>(mine: &mut ProgressRecord, text: &str) -> Result<usize, LoadProblem> {
    let loaded = progress::load_as::<J>(Some(text));
    if let Some(problem) = loaded.problem {
        return Err(problem);
    }
    let before: usize = mine.exams.values().map(|e| e.attempts.len()).sum();
    mine.merge(&loaded.record);
    let after: usize = mine.exams.values().map(|e| e.attempts.len()).sum();
    Ok(after - before)
}

/// The unfinished exam to resume for this bank, kept under `key` ([`progress::exam_key`]). An
/// attempt that no longer fits the bank is taken out of the record and returned as the second
/// value so the app can say so.
pub fn take_resumable(
    record: &mut ProgressRecord,
    key: &str,
    bank: &Bank,
) -> (Option<Attempt>, Option<Attempt>) {
    let Some(exam) = record.exams.get_mut(key) else {
        return (None, None);
    };
    match exam.active.take() {
        Some(a) if a.fits(bank) => {
            exam.active = Some(a.clone());
            (Some(a), None)
        }
        Some(a) => (None, Some(a)),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assembly::{full_exam, quick_check};
    use crate::model::fixtures::bank;
    use crate::scoring::score;
    use serde_json::Value;

    fn exam_setup() -> (Bank, Attempt) {
        let bank = bank(&[50, 50], 2, 3, 6);
        let paper = full_exam(&bank, 1, false).unwrap();
        (
            bank.clone(),
            Attempt::start(
                "a1",
                "test-exam",
                Mode::Exam,
                Scope::All,
                paper,
                1_000,
                Some(10),
            ),
        )
    }

    #[test]
    fn answer_correctness() {
        let (bank, mut a) = exam_setup();
        assert_eq!(answer_correct(&bank, &a, 0), None);
        let q = bank
            .question(&a.paper.items[0].question_id)
            .unwrap()
            .clone();
        for id in q.correct_ids() {
            a.select(&bank, 0, id, 2_000).unwrap();
        }
        assert_eq!(answer_correct(&bank, &a, 0), Some(true));
        assert_eq!(answer_correct(&bank, &a, 99), None);
    }

    #[test]
    fn finishing_records_and_clears_active() {
        let (bank, mut a) = exam_setup();
        let mut record = ProgressRecord::default();
        record.exam_mut("test-exam").active = Some(a.clone());
        a.select(&bank, 0, "a", 2_000).unwrap();
        a.submit(3_000).unwrap();
        let entry = finish(&mut record, "test-exam", &bank, &a, 3_000);
        let exam = record.exam("test-exam").unwrap();
        assert!(exam.active.is_none());
        assert_eq!(exam.attempts.len(), 1);
        assert_eq!(entry.question_count, 6);
    }

    #[test]
    fn the_review_opens_on_the_wrong_answers_when_there_are_any() {
        let (bank, mut a) = exam_setup();
        for i in 0..a.paper.items.len() {
            let q = bank
                .question(&a.paper.items[i].question_id)
                .unwrap()
                .clone();
            for id in q.correct_ids() {
                a.select(&bank, i, id, 2_000).unwrap();
            }
        }
        a.submit(3_000).unwrap();
        let all_right = score(&bank, &a, 3_000);
        assert_eq!(all_right.wrong().count(), 0);
        assert_eq!(
            ReviewFilter::initial(all_right.wrong().count()),
            ReviewFilter::All
        );
        assert!(
            ReviewFilter::Flagged.shows(true, true) && !ReviewFilter::Flagged.shows(false, false)
        );
        assert!(ReviewFilter::Wrong.shows(false, false) && !ReviewFilter::Wrong.shows(true, true));
    }

    #[test]
    fn a_review_session_is_the_due_questions_the_bank_has_most_overdue_first() {
        let (bank, _) = exam_setup();
        let mut exam = ExamProgress::default();
        let ids: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
        // Due at 10, 30, 20 and 40; one question the bank does not have, due first of all.
        for (id, due) in [(&ids[0], 10), (&ids[1], 30), (&ids[2], 20), (&ids[3], 40)] {
            let memory = schedule::Memory {
                due_ms: due,
                ..Default::default()
            };
            exam.schedule.insert(id.clone(), memory);
        }
        exam.schedule.insert(
            "gone".into(),
            schedule::Memory {
                due_ms: 1,
                ..Default::default()
            },
        );
        assert_eq!(
            review_session(&bank, &exam, 30),
            vec![ids[0].clone(), ids[2].clone(), ids[1].clone()]
        );
        assert!(review_session(&bank, &exam, 5).is_empty());
        for i in 0..40 {
            exam.schedule.insert(
                format!("gone-{i}"),
                schedule::Memory {
                    due_ms: 2,
                    ..Default::default()
                },
            );
        }
        assert_eq!(
            review_session(&bank, &exam, 40).len(),
            4,
            "questions the bank lacks never fill the session"
        );
    }

    #[test]
    fn retake_and_filters() {
        let (bank, mut a) = exam_setup();
        a.toggle_flag(1, 2_000).unwrap();
        let q = bank
            .question(&a.paper.items[0].question_id)
            .unwrap()
            .clone();
        for id in q.correct_ids() {
            a.select(&bank, 0, id, 2_000).unwrap();
        }
        a.submit(3_000).unwrap();
        let report = score(&bank, &a, 3_000);
        assert_eq!(review_items(&report, ReviewFilter::All).len(), 6);
        assert_eq!(
            review_items(&report, ReviewFilter::Wrong),
            vec![1, 2, 3, 4, 5]
        );
        assert_eq!(review_items(&report, ReviewFilter::Flagged), vec![1]);
        assert_eq!(
            ReviewFilter::initial(report.wrong().count()),
            ReviewFilter::Wrong
        );
        let (scope, mode) = retake_missed(&report).unwrap();
        assert_eq!(mode, Mode::Retake);
        match scope {
            Scope::Questions(ids) => assert_eq!(ids.len(), 5),
            other => panic!("{other:?}"),
        }
        let paper = quick_check(&bank, &retake_missed(&report).unwrap().0, 100, 1, false).unwrap();
        assert_eq!(paper.items.len(), 5);
    }

    /// A record holding one submitted exam, as another tab or an exported file would.
    fn record_with_one_exam() -> ProgressRecord {
        let (bank, mut a) = exam_setup();
        a.submit(3_000).unwrap();
        let mut record = ProgressRecord::default();
        finish(&mut record, "test-exam", &bank, &a, 3_000);
        record
    }

    #[test]
    fn saving_merges_the_other_tab() {
        let theirs = record_with_one_exam();
        let mut mine = ProgressRecord::default();
        mine.settings.shuffle_options = false;
        let (_, b) = exam_setup();
        let mut b = b;
        b.id = "a2".into();
        mine.exam_mut("test-exam").active = Some(b.clone());
        let plan = plan_save::<Value>(
            &mine,
            Stored {
                text: Some(&theirs.to_json()),
                ..Stored::default()
            },
            &[],
        );
        assert_eq!(plan.back_up_first, None);
        let exam = plan.record.exam("test-exam").unwrap();
        assert_eq!(exam.attempts.len(), 1);
        assert_eq!(exam.active.as_ref().unwrap().id, "a2");
        assert!(!plan.record.settings.shuffle_options);
        // Unreadable stored text is not merged, and is copied aside before it is overwritten...
        let plan = plan_save::<Value>(
            &mine,
            Stored {
                text: Some("{oops"),
                ..Stored::default()
            },
            &[],
        );
        assert_eq!(
            plan,
            SavePlan {
                back_up_first: Some("{oops".into()),
                record: mine.clone()
            }
        );
        // ...once: text already kept aside is simply replaced.
        assert_eq!(
            plan_save::<Value>(
                &mine,
                Stored {
                    text: Some("{oops"),
                    kept_aside: Some("{oops"),
                    ..Stored::default()
                },
                &[]
            )
            .back_up_first,
            None
        );
        // A different unreadable text (another tab, another app version) is copied too.
        assert_eq!(
            plan_save::<Value>(
                &mine,
                Stored {
                    text: Some("{\"version\":99}"),
                    kept_aside: Some("{oops"),
                    ..Stored::default()
                },
                &[]
            )
            .back_up_first,
            Some("{\"version\":99}".into())
        );
        assert_eq!(
            plan_save::<Value>(&mine, Stored::default(), &[]).back_up_first,
            None
        );
        // A discarded exam does not come back from storage.
        let mut stored = ProgressRecord::default();
        stored.exam_mut("test-exam").active = Some(b);
        let plan = plan_save::<Value>(
            &ProgressRecord::default(),
            Stored {
                text: Some(&stored.to_json()),
                ..Stored::default()
            },
            &["a2".into()],
        );
        assert!(plan.record.exam("test-exam").unwrap().active.is_none());
    }

    #[test]
    fn saving_does_not_read_back_its_own_write() {
        let text = record_with_one_exam().to_json();
        let mine = ProgressRecord::default();
        // Stored text this tab wrote holds nothing new: it is neither read nor merged...
        let plan = plan_save::<Value>(
            &mine,
            Stored {
                text: Some(&text),
                written: Some(&text),
                ..Stored::default()
            },
            &[],
        );
        assert_eq!(plan.record, mine);
        // ...while text another tab wrote since is.
        let plan = plan_save::<Value>(
            &mine,
            Stored {
                text: Some(&text),
                written: Some("{}"),
                ..Stored::default()
            },
            &[],
        );
        assert_eq!(plan.record.exam("test-exam").unwrap().attempts.len(), 1);
    }

    #[test]
    fn importing_merges_or_reports() {
        let file = record_with_one_exam();
        let mut mine = ProgressRecord::default();
        assert_eq!(import::<Value>(&mut mine, &file.to_pretty_json()), Ok(1));
        assert_eq!(import::<Value>(&mut mine, &file.to_json()), Ok(0));
        assert!(matches!(
            import::<Value>(&mut mine, "not json"),
            Err(LoadProblem::Corrupt(_))
        ));
        assert_eq!(
            import::<Value>(&mut mine, "{\"a\":1}"),
            Err(LoadProblem::Foreign)
        );
    }

    #[test]
    fn unfit_active_attempts_are_set_aside() {
        let (bank, a) = exam_setup();
        let mut record = ProgressRecord::default();
        record.exam_mut("test-exam").active = Some(a.clone());
        let (resume, aside) = take_resumable(&mut record, "test-exam", &bank);
        assert_eq!(resume.unwrap().id, "a1");
        assert!(aside.is_none());
        let mut smaller = bank.clone();
        smaller
            .questions
            .retain(|q| q.id != a.paper.items[0].question_id);
        let smaller = Bank::new(smaller.blueprint, smaller.questions, vec![]);
        let (resume, aside) = take_resumable(&mut record, "test-exam", &smaller);
        assert!(resume.is_none());
        assert_eq!(aside.unwrap().id, "a1");
        assert!(record.exam("test-exam").unwrap().active.is_none());
        assert_eq!(
            take_resumable(&mut ProgressRecord::default(), "test-exam", &bank),
            (None, None)
        );
        // A bank from elsewhere with the same exam id does not resume ours.
        record.exam_mut("test-exam").active = Some(a.clone());
        assert_eq!(
            take_resumable(&mut record, "https://example.org/test-exam", &bank),
            (None, None)
        );
        assert!(record.exam("test-exam").unwrap().active.is_some());
    }

    #[test]
    fn ids_are_distinct() {
        assert_ne!(attempt_id(1, 2), attempt_id(1, 3));
        assert_eq!(attempt_id(255, 1), "ff-000001");
    }
}
