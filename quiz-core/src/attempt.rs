//! The attempt state machine: a candidate working through a [`Paper`]: answering, changing and
//! clearing answers, flagging, moving between questions, checking an answer (quick checks), and
//! submitting, by hand or because the deadline passed.
//!
//! Time is never a ticking counter: the attempt keeps an absolute deadline in milliseconds since
//! the Unix epoch and every question about time takes `now_ms`, so an attempt survives reloads,
//! closed tabs and a sleeping phone. Illegal moves return [`AttemptError`]; nothing panics.

use crate::assembly::{Paper, Scope};
use crate::json_shape::{names, shape};
use crate::model::{Bank, QuestionKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

names! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Mode {
        /// A timed, full-length exam drawn by blueprint weights.
        Exam = "exam",
        /// A few questions with feedback after each.
        QuickCheck = "quick-check",
        /// Weak spots first: missed, then unseen questions.
        Drill = "drill",
        /// Retake of the questions missed in an earlier attempt.
        Retake = "retake",
        /// The questions the spaced-review schedule says are due, with feedback after each.
        Review = "review",
        /// A custom practice: the candidate's topics, count, timing and feedback
        /// ([`crate::custom::Custom`]).
        Custom = "custom",
    }
}

impl Mode {
    /// What the study app calls an attempt of this mode (results, history).
    pub fn label(self) -> &'static str {
        match self {
            Mode::Exam => "Practice exam",
            Mode::QuickCheck => "Quick check",
            Mode::Drill => "Drill",
            Mode::Retake => "Retake",
            Mode::Review => "Spaced review",
            Mode::Custom => "Custom practice",
        }
    }
}

names! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum SubmitReason {
        Manual = "manual",
        TimeUp = "time-up",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Status {
    InProgress,
    Submitted { at_ms: u64, reason: SubmitReason },
}

shape! {
    /// The candidate's state on one question of the paper.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Response {
        /// Selected option ids.
        #[serde(default)]
        pub selected: BTreeSet<String>,
        #[serde(default)]
        pub flagged: bool,
        /// Feedback was shown (quick check); the answer can no longer change.
        #[serde(default)]
        pub checked: bool,
        /// The candidate marked the answer "I guessed": a right answer is then scheduled for
        /// review sooner ([`crate::schedule::Rating::Hard`]).
        #[serde(default)]
        pub guessed: bool,
    }
}

shape! {
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Attempt {
        pub id: String,
        pub exam_id: String,
        pub mode: Mode,
        pub scope: Scope,
        pub paper: Paper,
        pub responses: Vec<Response>,
        pub current: usize,
        pub started_ms: u64,
        /// Absolute deadline; `None` for untimed practice.
        pub deadline_ms: Option<u64>,
        pub status: Status,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptError {
    /// The attempt was already submitted.
    Submitted,
    /// The deadline passed; the attempt must be submitted.
    TimeUp,
    /// No question at this position.
    NoSuchItem(usize),
    /// The option is not part of this question.
    NoSuchOption(String),
    /// The question is not in the bank (the bank changed since the attempt began).
    UnknownQuestion(String),
    /// A multiple-select question already has as many selections as it asks for.
    TooManySelections { allowed: usize },
    /// Feedback was shown; the answer is locked.
    Locked,
    /// Checking needs an answer first.
    NothingSelected,
}

impl std::fmt::Display for AttemptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AttemptError::Submitted => write!(f, "this attempt was already submitted"),
            AttemptError::TimeUp => write!(f, "time is up"),
            AttemptError::NoSuchItem(i) => write!(f, "there is no question {}", i + 1),
            AttemptError::NoSuchOption(o) => write!(f, "option {o} is not part of this question"),
            AttemptError::UnknownQuestion(q) => write!(f, "question {q} is no longer in the bank"),
            AttemptError::TooManySelections { allowed } => {
                write!(f, "choose at most {allowed}; unselect one first")
            }
            AttemptError::Locked => write!(f, "this answer was already checked"),
            AttemptError::NothingSelected => write!(f, "choose an answer first"),
        }
    }
}

impl std::error::Error for AttemptError {}

/// Which positions of an attempt are answered, unanswered and flagged: the navigator's and the
/// submit dialog's lists (not a score: that is [`crate::scoring::Tally`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AnswerStatus {
    pub answered: Vec<usize>,
    pub unanswered: Vec<usize>,
    pub flagged: Vec<usize>,
}

impl Attempt {
    /// Starts an attempt. `duration_minutes` of `None` means untimed.
    pub fn start(
        id: impl Into<String>,
        exam_id: impl Into<String>,
        mode: Mode,
        scope: Scope,
        paper: Paper,
        now_ms: u64,
        duration_minutes: Option<u32>,
    ) -> Self {
        let responses = vec![Response::default(); paper.items.len()];
        Attempt {
            id: id.into(),
            exam_id: exam_id.into(),
            mode,
            scope,
            paper,
            responses,
            current: 0,
            started_ms: now_ms,
            deadline_ms: duration_minutes.map(|m| now_ms + m as u64 * 60_000),
            status: Status::InProgress,
        }
    }

    pub fn len(&self) -> usize {
        self.paper.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.paper.items.is_empty()
    }

    pub fn is_submitted(&self) -> bool {
        matches!(self.status, Status::Submitted { .. })
    }

    /// Milliseconds left, or `None` when untimed.
    pub fn time_left_ms(&self, now_ms: u64) -> Option<u64> {
        self.deadline_ms.map(|d| d.saturating_sub(now_ms))
    }

    pub fn is_past_deadline(&self, now_ms: u64) -> bool {
        self.deadline_ms.is_some_and(|d| now_ms >= d)
    }

    fn ensure_open(&self, now_ms: u64) -> Result<(), AttemptError> {
        if self.is_submitted() {
            return Err(AttemptError::Submitted);
        }
        if self.is_past_deadline(now_ms) {
            return Err(AttemptError::TimeUp);
        }
        Ok(())
    }

    fn response_mut(&mut self, index: usize) -> Result<&mut Response, AttemptError> {
        self.responses
            .get_mut(index)
            .ok_or(AttemptError::NoSuchItem(index))
    }

    fn option_known(&self, index: usize, option: &str) -> Result<(), AttemptError> {
        let item = self
            .paper
            .items
            .get(index)
            .ok_or(AttemptError::NoSuchItem(index))?;
        if item.option_order.iter().any(|o| o == option) {
            Ok(())
        } else {
            Err(AttemptError::NoSuchOption(option.to_string()))
        }
    }

    /// Picks an option. Single-select replaces the answer; multiple-select adds to it, refusing
    /// more than the question asks for.
    pub fn select(
        &mut self,
        bank: &Bank,
        index: usize,
        option: &str,
        now_ms: u64,
    ) -> Result<(), AttemptError> {
        self.ensure_open(now_ms)?;
        self.option_known(index, option)?;
        let question_id = &self.paper.items[index].question_id;
        let question = bank
            .question(question_id)
            .ok_or_else(|| AttemptError::UnknownQuestion(question_id.clone()))?;
        let (kind, allowed) = (question.kind, question.picks_required());
        let response = self.response_mut(index)?;
        if response.checked {
            return Err(AttemptError::Locked);
        }
        match kind {
            QuestionKind::Single => {
                response.selected.clear();
                response.selected.insert(option.to_string());
            }
            QuestionKind::Multiple => {
                if !response.selected.contains(option) && response.selected.len() >= allowed {
                    return Err(AttemptError::TooManySelections { allowed });
                }
                response.selected.insert(option.to_string());
            }
        }
        Ok(())
    }

    /// Removes one option from the answer.
    pub fn unselect(
        &mut self,
        index: usize,
        option: &str,
        now_ms: u64,
    ) -> Result<(), AttemptError> {
        self.ensure_open(now_ms)?;
        self.option_known(index, option)?;
        let response = self.response_mut(index)?;
        if response.checked {
            return Err(AttemptError::Locked);
        }
        response.selected.remove(option);
        Ok(())
    }

    /// Selects an unselected option or unselects a selected one (a checkbox click).
    pub fn toggle(
        &mut self,
        bank: &Bank,
        index: usize,
        option: &str,
        now_ms: u64,
    ) -> Result<(), AttemptError> {
        let selected = self
            .responses
            .get(index)
            .ok_or(AttemptError::NoSuchItem(index))?
            .selected
            .contains(option);
        if selected {
            self.unselect(index, option, now_ms)
        } else {
            self.select(bank, index, option, now_ms)
        }
    }

    /// Clears the answer to a question.
    pub fn clear(&mut self, index: usize, now_ms: u64) -> Result<(), AttemptError> {
        self.ensure_open(now_ms)?;
        let response = self.response_mut(index)?;
        if response.checked {
            return Err(AttemptError::Locked);
        }
        response.selected.clear();
        Ok(())
    }

    pub fn toggle_flag(&mut self, index: usize, now_ms: u64) -> Result<bool, AttemptError> {
        self.ensure_open(now_ms)?;
        let response = self.response_mut(index)?;
        response.flagged = !response.flagged;
        Ok(response.flagged)
    }

    /// Marks the answer "I guessed" (or unmarks it). Allowed on a checked answer too: the
    /// feedback is when a candidate learns that a guess was right.
    pub fn set_guessed(
        &mut self,
        index: usize,
        guessed: bool,
        now_ms: u64,
    ) -> Result<(), AttemptError> {
        self.ensure_open(now_ms)?;
        self.response_mut(index)?.guessed = guessed;
        Ok(())
    }

    /// Moves to a question. Allowed after submission too (for review).
    pub fn go_to(&mut self, index: usize) -> Result<(), AttemptError> {
        if index >= self.len() {
            return Err(AttemptError::NoSuchItem(index));
        }
        self.current = index;
        Ok(())
    }

    /// Moves to the question after the current one.
    pub fn go_next(&mut self) -> Result<(), AttemptError> {
        self.go_to(self.current + 1)
    }

    pub fn previous(&mut self) -> Result<(), AttemptError> {
        self.current
            .checked_sub(1)
            .map_or(Err(AttemptError::NoSuchItem(0)), |i| self.go_to(i))
    }

    /// Locks the answer to a question so that feedback can be shown (quick checks and drills).
    pub fn check(&mut self, index: usize, now_ms: u64) -> Result<(), AttemptError> {
        self.ensure_open(now_ms)?;
        let response = self.response_mut(index)?;
        if response.selected.is_empty() {
            return Err(AttemptError::NothingSelected);
        }
        response.checked = true;
        Ok(())
    }

    /// Answered, unanswered and flagged positions, for the navigator and the submit dialog.
    pub fn answer_status(&self) -> AnswerStatus {
        let mut status = AnswerStatus::default();
        for (i, r) in self.responses.iter().enumerate() {
            if r.selected.is_empty() {
                status.unanswered.push(i);
            } else {
                status.answered.push(i);
            }
            if r.flagged {
                status.flagged.push(i);
            }
        }
        status
    }

    /// Submits the attempt. Past the deadline the submission is recorded as a time-out at the
    /// deadline, with the answers given by then.
    pub fn submit(&mut self, now_ms: u64) -> Result<(), AttemptError> {
        if self.is_submitted() {
            return Err(AttemptError::Submitted);
        }
        self.status = match self.deadline_ms {
            Some(deadline) if now_ms >= deadline => Status::Submitted {
                at_ms: deadline,
                reason: SubmitReason::TimeUp,
            },
            _ => Status::Submitted {
                at_ms: now_ms,
                reason: SubmitReason::Manual,
            },
        };
        Ok(())
    }

    /// Submits the attempt if its deadline has passed; returns whether it did. Call it on load
    /// and on every timer tick.
    pub fn expire_if_due(&mut self, now_ms: u64) -> bool {
        if !self.is_submitted() && self.is_past_deadline(now_ms) {
            self.submit(now_ms).is_ok()
        } else {
            false
        }
    }

    /// Milliseconds from start to submission (or to `now_ms` while in progress).
    pub fn time_used_ms(&self, now_ms: u64) -> u64 {
        let end = match self.status {
            Status::Submitted { at_ms, .. } => at_ms,
            Status::InProgress => now_ms,
        };
        end.saturating_sub(self.started_ms)
    }

    /// Whether every question of the paper is still in the bank.
    pub fn fits(&self, bank: &Bank) -> bool {
        self.paper.items.iter().all(|item| {
            bank.question(&item.question_id).is_some_and(|q| {
                item.option_order.iter().all(|o| q.option(o).is_some())
                    && item.option_order.len() == q.options.len()
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assembly::{full_exam, quick_check};
    use crate::model::fixtures::*;

    fn setup() -> (Bank, Attempt) {
        let bank = bank(&[50, 50], 2, 3, 6);
        let paper = full_exam(&bank, 1, false).unwrap();
        let attempt = Attempt::start(
            "a1",
            "test-exam",
            Mode::Exam,
            Scope::All,
            paper,
            1_000,
            Some(10),
        );
        (bank, attempt)
    }

    fn index_of_kind(bank: &Bank, attempt: &Attempt, kind: QuestionKind) -> usize {
        attempt
            .paper
            .items
            .iter()
            .position(|i| bank.question(&i.question_id).unwrap().kind == kind)
            .unwrap()
    }

    #[test]
    fn deadline_is_absolute() {
        let (_, attempt) = setup();
        assert_eq!(attempt.deadline_ms, Some(1_000 + 600_000));
        assert_eq!(attempt.time_left_ms(1_000), Some(600_000));
        assert_eq!(attempt.time_left_ms(301_000), Some(300_000));
        assert_eq!(attempt.time_left_ms(10_000_000), Some(0));
    }

    #[test]
    fn single_select_replaces() {
        let (bank, mut a) = setup();
        let i = index_of_kind(&bank, &a, QuestionKind::Single);
        a.select(&bank, i, "a", 2_000).unwrap();
        a.select(&bank, i, "b", 2_000).unwrap();
        assert_eq!(a.responses[i].selected, BTreeSet::from(["b".to_string()]));
    }

    #[test]
    fn multiple_select_enforces_choose() {
        let (bank, mut a) = setup();
        let i = index_of_kind(&bank, &a, QuestionKind::Multiple);
        a.toggle(&bank, i, "a", 2_000).unwrap();
        a.toggle(&bank, i, "b", 2_000).unwrap();
        assert_eq!(
            a.toggle(&bank, i, "c", 2_000),
            Err(AttemptError::TooManySelections { allowed: 2 })
        );
        a.toggle(&bank, i, "b", 2_000).unwrap();
        a.toggle(&bank, i, "c", 2_000).unwrap();
        assert_eq!(a.responses[i].selected.len(), 2);
    }

    #[test]
    fn clear_and_flag() {
        let (bank, mut a) = setup();
        a.select(&bank, 0, "a", 2_000).unwrap();
        a.clear(0, 2_000).unwrap();
        assert!(a.responses[0].selected.is_empty());
        assert!(a.toggle_flag(1, 2_000).unwrap());
        let status = a.answer_status();
        assert_eq!(status.flagged, vec![1]);
        assert_eq!(status.unanswered.len(), 6);
    }

    #[test]
    fn illegal_moves_are_errors() {
        let (bank, mut a) = setup();
        assert_eq!(
            a.select(&bank, 99, "a", 2_000),
            Err(AttemptError::NoSuchItem(99))
        );
        assert_eq!(
            a.select(&bank, 0, "z", 2_000),
            Err(AttemptError::NoSuchOption("z".into()))
        );
        assert_eq!(a.go_to(6), Err(AttemptError::NoSuchItem(6)));
        assert_eq!(a.previous(), Err(AttemptError::NoSuchItem(0)));
        a.go_to(5).unwrap();
        assert_eq!(a.go_next(), Err(AttemptError::NoSuchItem(6)));
        assert_eq!(a.check(0, 2_000), Err(AttemptError::NothingSelected));
    }

    #[test]
    fn no_answers_after_deadline_or_submit() {
        let (bank, mut a) = setup();
        assert_eq!(a.select(&bank, 0, "a", 601_000), Err(AttemptError::TimeUp));
        a.submit(3_000).unwrap();
        assert_eq!(a.select(&bank, 0, "a", 3_000), Err(AttemptError::Submitted));
        assert_eq!(a.submit(3_000), Err(AttemptError::Submitted));
        // Review navigation still works.
        a.go_to(3).unwrap();
    }

    #[test]
    fn expiry_submits_with_the_answers_at_the_deadline() {
        let (bank, mut a) = setup();
        a.select(&bank, 0, "a", 2_000).unwrap();
        assert!(!a.expire_if_due(600_999));
        assert!(a.expire_if_due(5_000_000));
        assert_eq!(
            a.status,
            Status::Submitted {
                at_ms: 601_000,
                reason: SubmitReason::TimeUp
            }
        );
        assert_eq!(a.time_used_ms(9_999_999), 600_000);
        assert!(!a.responses[0].selected.is_empty());
        assert!(!a.expire_if_due(6_000_000));
    }

    #[test]
    fn checked_answers_lock() {
        let bank = bank(&[100], 1, 3, 3);
        let paper = quick_check(&bank, &Scope::All, 3, 1, false).unwrap();
        let mut a = Attempt::start(
            "q",
            "test-exam",
            Mode::QuickCheck,
            Scope::All,
            paper,
            0,
            None,
        );
        a.select(&bank, 0, "b", 10).unwrap();
        a.check(0, 10).unwrap();
        assert_eq!(a.select(&bank, 0, "a", 10), Err(AttemptError::Locked));
        assert_eq!(a.clear(0, 10), Err(AttemptError::Locked));
        assert_eq!(a.time_left_ms(10), None);
        assert!(!a.expire_if_due(u64::MAX));
    }

    #[test]
    fn attempt_round_trips_through_json() {
        let (bank, mut a) = setup();
        a.select(&bank, 2, "a", 2_000).unwrap();
        a.toggle_flag(2, 2_000).unwrap();
        let json = serde_json::to_string(&a).unwrap();
        let back: Attempt = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
        assert!(back.fits(&bank));
    }

    #[test]
    fn a_changed_bank_is_detected() {
        let (bank, a) = setup();
        let mut smaller = bank.clone();
        smaller
            .questions
            .retain(|q| q.id != a.paper.items[0].question_id);
        let smaller = Bank::new(smaller.blueprint, smaller.questions, vec![]);
        assert!(!a.fits(&smaller));
    }
}
