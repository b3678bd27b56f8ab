//! Spaced review: each question's memory state ([`Memory`]), scheduled with FSRS, and which
//! questions are due.
//!
//! The schedule is derived, like the per-question stats: [`replay`] reviews every outcome of the
//! attempts in their finish order, at its attempt's finish time, rated by [`Rating::of`] (wrong:
//! Again; right but marked "I guessed": Hard; right: Good). `ExamProgress::rebuild_stats` keeps
//! `ExamProgress::schedule` equal to that replay, so two tabs merged, an export imported and the
//! blog embed adding an attempt all give the schedule a replay gives, with no merge rule of its
//! own. The stored schedule is a cache: [`due`] and [`due_count`] compare its due times with the
//! clock and never run FSRS.
//!
//! [`review`] is the one use of the `rs-fsrs` crate (its scheduler with the default parameters,
//! fuzz off, so the same history always gives the same schedule). Times are milliseconds since
//! the Unix epoch, as everywhere in the record; stability and difficulty are kept in thousandths
//! (the JSON layer holds whole numbers only), and the next review starts from those rounded
//! values, so a replay and a review of a stored memory agree exactly.
//!
//! The device clock is not trusted to run forwards. A review stamped earlier than the question's
//! previous review (a clock that jumped backwards) counts as made at the previous review's time:
//! elapsed time is never negative and no due time is computed from a clock in the past. In the
//! replay the attempts come in finish order, so this never fires there, but [`review`] holds to
//! it for any caller. Likewise [`due`] and [`due_count`] take "now" to be at least the latest
//! review in the schedule. Times past [`LATEST_MS`] (corrupt data, not a clock) count as
//! [`LATEST_MS`], so every due time stays a number JavaScript holds exactly.

use crate::json_shape::{names, shape};
use crate::order;
use crate::progress::{self, AttemptRecord, ExamProgress, Outcome};
use chrono::{DateTime, Utc};
use rs_fsrs::{Card, Parameters, FSRS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many due questions one review session asks at most. About ten minutes at 30 seconds a
/// question, short enough to finish in one sitting; a backlog (after a holiday, or right after
/// an import) is worked off most overdue first over several sessions instead of in one long,
/// discouraging one. The home page shows the full count ([`due_count`]).
pub const SESSION_SIZE: usize = 20;

/// The latest time the scheduler is given: 8×10^15 ms, about the year 255,000. A due time is at
/// most 100 years (FSRS's longest interval) later, still within chrono's dates and below 2^53.
pub const LATEST_MS: u64 = 8_000_000_000_000_000;

names! {
    /// Where a question is in FSRS's cycle.
    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub enum Phase {
        /// Never reviewed (a stored memory is never new: it exists after a review).
        #[default]
        New = "new",
        /// Answered once or twice, minutes apart, before the first interval of days.
        Learning = "learning",
        /// Remembered: due after an interval of days that grows with each right answer.
        Review = "review",
        /// Forgotten after having been remembered: back to short steps.
        Relearning = "relearning",
    }
}

shape! {
    /// One question's memory state: when it is due, and FSRS's model of how well it is known.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Memory {
        /// When the question is next due (ms since the epoch).
        pub due_ms: u64,
        /// When it was last answered (ms since the epoch).
        pub last_ms: u64,
        /// FSRS's stability in thousandths of a day: the interval after which the chance of
        /// remembering has fallen to 90%.
        pub stability: u32,
        /// FSRS's difficulty in thousandths, from 1,000 (easiest) to 10,000.
        pub difficulty: u32,
        /// How many times it was answered.
        pub reps: u32,
        /// How many times it was forgotten after having been remembered.
        pub lapses: u32,
        pub state: Phase,
    }
}

/// How an answer is graded for the scheduler (FSRS's "Easy" is never given: a practice answer
/// says nothing about being too easy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rating {
    /// A wrong (or unanswered) question.
    Again,
    /// A right answer the candidate marked "I guessed".
    Hard,
    /// A right answer.
    Good,
}

impl Rating {
    /// The rating an outcome gives: wrong → Again; right and guessed → Hard; right → Good.
    pub fn of(outcome: &Outcome) -> Rating {
        match (outcome.correct, outcome.guessed) {
            (false, _) => Rating::Again,
            (true, true) => Rating::Hard,
            (true, false) => Rating::Good,
        }
    }

    fn fsrs(self) -> rs_fsrs::Rating {
        match self {
            Rating::Again => rs_fsrs::Rating::Again,
            Rating::Hard => rs_fsrs::Rating::Hard,
            Rating::Good => rs_fsrs::Rating::Good,
        }
    }
}

/// The memory after answering at `at_ms` with `rating`, from the memory before (`None`: the
/// question's first answer). A time earlier than the previous review counts as the previous
/// review's time; a time past [`LATEST_MS`] as [`LATEST_MS`] (see the module's documentation).
pub fn review(previous: Option<&Memory>, rating: Rating, at_ms: u64) -> Memory {
    review_with(&scheduler(), previous, rating, at_ms)
}

/// FSRS with the default parameters and no fuzz (the same history always gives the same schedule).
fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_fuzz: false,
        ..Parameters::default()
    })
}

fn review_with(fsrs: &FSRS, previous: Option<&Memory>, rating: Rating, at_ms: u64) -> Memory {
    let at_ms = previous.map_or(at_ms, |p| at_ms.max(p.last_ms));
    let card = previous.map_or_else(Card::default, card_of);
    memory_of(&fsrs.next(card, time(at_ms), rating.fsrs()).card)
}

/// The schedule the attempts give: every outcome, in the attempts' finish order, reviewed at its
/// attempt's finish time. Questions no attempt answered have no memory.
pub fn replay(attempts: &[AttemptRecord]) -> BTreeMap<String, Memory> {
    let fsrs = scheduler();
    let mut schedule: BTreeMap<String, Memory> = BTreeMap::new();
    for attempt in progress::finish_ordered(attempts) {
        for outcome in &attempt.outcomes {
            let next = review_with(
                &fsrs,
                schedule.get(&outcome.question_id),
                Rating::of(outcome),
                attempt.finished_ms,
            );
            schedule.insert(outcome.question_id.clone(), next);
        }
    }
    schedule
}

/// The questions due at `now_ms` (due time at or before it), most overdue first (ties by id), at
/// most `limit` of them: a review session ([`SESSION_SIZE`] is the usual limit). "Now" is at
/// least the latest review in the schedule (a clock that jumped backwards). Ids the bank no
/// longer has are the caller's to skip.
pub fn due(exam: &ExamProgress, now_ms: u64, limit: usize) -> Vec<String> {
    let now_ms = trusted_now(exam, now_ms);
    let mut due: Vec<(&String, u64)> = exam
        .schedule
        .iter()
        .filter(|(_, m)| m.due_ms <= now_ms)
        .map(|(id, m)| (id, m.due_ms))
        .collect();
    // Ids come from a map: in order, so a stable sort by due time breaks ties by id.
    order::sort_by(&mut due, |a, b| a.1.cmp(&b.1));
    due.into_iter()
        .take(limit)
        .map(|(id, _)| id.clone())
        .collect()
}

/// How many questions are due at `now_ms` (the count [`due`] takes its session from): a
/// comparison per stored due time, without FSRS.
pub fn due_count(exam: &ExamProgress, now_ms: u64) -> usize {
    let now_ms = trusted_now(exam, now_ms);
    exam.schedule
        .values()
        .filter(|m| m.due_ms <= now_ms)
        .count()
}

/// When the next question not due at `now_ms` comes due (`None`: nothing scheduled after now):
/// what a page with nothing to review says.
pub fn next_due(exam: &ExamProgress, now_ms: u64) -> Option<u64> {
    let now_ms = trusted_now(exam, now_ms);
    exam.schedule
        .values()
        .map(|m| m.due_ms)
        .filter(|&due| due > now_ms)
        .min()
}

/// `now_ms`, or the latest review in the schedule if that is later: the record says the clock
/// has been at least there.
fn trusted_now(exam: &ExamProgress, now_ms: u64) -> u64 {
    exam.schedule
        .values()
        .map(|m| m.last_ms)
        .fold(now_ms, u64::max)
}

// ------------------------------------------------------------------ to and from rs-fsrs

const DAY_MS: u64 = 86_400_000;

/// A time as chrono's, within [`LATEST_MS`].
fn time(ms: u64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms.min(LATEST_MS) as i64).unwrap_or_default()
}

fn millis(time: DateTime<Utc>) -> u64 {
    time.timestamp_millis().max(0) as u64
}

/// The counts as FSRS's `i32`s, below the maximum (the scheduler adds one).
fn count(n: u32) -> i32 {
    n.min(i32::MAX as u32 - 1) as i32
}

/// A stored memory as FSRS's card. Values no review writes (a hand-edited record) are brought
/// into FSRS's ranges: stability at least a thousandth of a day, difficulty from 1 to 10.
fn card_of(m: &Memory) -> Card {
    Card {
        due: time(m.due_ms),
        stability: m.stability.max(1) as f64 / 1000.0,
        difficulty: m.difficulty.clamp(1_000, 10_000) as f64 / 1000.0,
        // Worked out by the scheduler from the last review and the review's time.
        elapsed_days: 0,
        scheduled_days: (m.due_ms.saturating_sub(m.last_ms) / DAY_MS) as i64,
        reps: count(m.reps),
        lapses: count(m.lapses),
        state: match m.state {
            Phase::New => rs_fsrs::State::New,
            Phase::Learning => rs_fsrs::State::Learning,
            Phase::Review => rs_fsrs::State::Review,
            Phase::Relearning => rs_fsrs::State::Relearning,
        },
        last_review: time(m.last_ms),
    }
}

/// FSRS's card as a memory to store (thousandths, rounded; a value out of range is clamped).
fn memory_of(card: &Card) -> Memory {
    Memory {
        due_ms: millis(card.due),
        last_ms: millis(card.last_review),
        // `as` saturates (and makes NaN 0): no value here can be unwritable.
        stability: ((card.stability * 1000.0).round() as u32).max(1),
        difficulty: ((card.difficulty * 1000.0).round() as u32).clamp(1_000, 10_000),
        reps: card.reps.max(0) as u32,
        lapses: card.lapses.max(0) as u32,
        state: match card.state {
            rs_fsrs::State::New => Phase::New,
            rs_fsrs::State::Learning => Phase::Learning,
            rs_fsrs::State::Review => Phase::Review,
            rs_fsrs::State::Relearning => Phase::Relearning,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::MAX_EXACT;
    use proptest::prelude::*;

    const MINUTE: u64 = 60_000;
    /// FSRS's longest interval (its default `maximum_interval`, 36,500 days).
    const LONGEST: u64 = 36_500 * DAY_MS;
    /// 2024-01-01T00:00:00Z.
    const T0: u64 = 1_704_067_200_000;

    fn outcome(correct: bool, guessed: bool) -> Outcome {
        Outcome {
            question_id: "q".into(),
            correct,
            flagged: false,
            guessed,
        }
    }

    /// The memory after answering with `ratings`, each `gap_ms` after the one before.
    fn history(ratings: &[(Rating, u64)], start_ms: u64) -> Option<Memory> {
        let mut at = start_ms;
        let mut memory = None;
        for &(rating, gap) in ratings {
            at += gap;
            memory = Some(review(memory.as_ref(), rating, at));
        }
        memory
    }

    fn rating() -> impl Strategy<Value = Rating> {
        prop_oneof![Just(Rating::Again), Just(Rating::Hard), Just(Rating::Good)]
    }

    /// Gaps from a minute to a year, and some of exactly zero.
    fn gap() -> impl Strategy<Value = u64> {
        prop_oneof![Just(0), MINUTE..=365 * DAY_MS]
    }

    #[test]
    fn the_outcome_gives_the_rating() {
        assert_eq!(Rating::of(&outcome(false, false)), Rating::Again);
        assert_eq!(Rating::of(&outcome(false, true)), Rating::Again);
        assert_eq!(Rating::of(&outcome(true, true)), Rating::Hard);
        assert_eq!(Rating::of(&outcome(true, false)), Rating::Good);
    }

    #[test]
    fn a_first_answer_is_asked_again_within_minutes() {
        // rs-fsrs's short-term steps: Again in 1 minute, Hard in 5, Good in 10.
        for (rating, minutes) in [(Rating::Again, 1), (Rating::Hard, 5), (Rating::Good, 10)] {
            let m = review(None, rating, T0);
            assert_eq!(m.last_ms, T0);
            assert_eq!(m.due_ms, T0 + minutes * MINUTE, "{rating:?}");
            assert_eq!(m.state, Phase::Learning);
            assert_eq!((m.reps, m.lapses), (1, 0));
        }
        // Good twice: the first interval of days.
        let first = review(None, Rating::Good, T0);
        let second = review(Some(&first), Rating::Good, first.due_ms);
        assert_eq!(second.state, Phase::Review);
        assert!(second.due_ms >= second.last_ms + DAY_MS, "{second:?}");
        // Forgotten once remembered: a lapse, and back to minutes.
        let third = review(Some(&second), Rating::Again, second.due_ms);
        assert_eq!(third.state, Phase::Relearning);
        assert_eq!(third.lapses, 1);
        assert_eq!(third.due_ms, second.due_ms + 5 * MINUTE);
    }

    #[test]
    fn a_clock_that_jumped_backwards_counts_as_the_previous_review_time() {
        let first = review(None, Rating::Good, T0);
        let second = review(Some(&first), Rating::Good, T0 + DAY_MS);
        for back in [1, MINUTE, DAY_MS, 30 * DAY_MS, T0 + DAY_MS] {
            for rating in [Rating::Again, Rating::Hard, Rating::Good] {
                let late = review(Some(&second), rating, T0 + DAY_MS - back);
                assert_eq!(
                    late,
                    review(Some(&second), rating, T0 + DAY_MS),
                    "{back} {rating:?}"
                );
                assert_eq!(late.last_ms, second.last_ms);
                assert!(late.due_ms > second.last_ms);
            }
        }
    }

    #[test]
    fn far_times_are_held_within_what_json_keeps_exactly() {
        for at in [LATEST_MS - 1, LATEST_MS, LATEST_MS + 1, MAX_EXACT, u64::MAX] {
            let mut memory = None;
            for rating in [Rating::Good, Rating::Good, Rating::Good, Rating::Again] {
                let next = review(memory.as_ref(), rating, at);
                assert!(next.last_ms <= LATEST_MS, "{next:?}");
                assert!(next.due_ms <= MAX_EXACT, "{next:?}");
                memory = Some(next);
            }
        }
    }

    #[test]
    fn memories_no_review_writes_are_brought_into_range() {
        let edges = [0, 1, i32::MAX as u32 - 1, i32::MAX as u32, u32::MAX];
        for state in [
            Phase::New,
            Phase::Learning,
            Phase::Review,
            Phase::Relearning,
        ] {
            for &n in &edges {
                let odd = Memory {
                    due_ms: T0,
                    last_ms: T0,
                    stability: n,
                    difficulty: n,
                    reps: n,
                    lapses: n,
                    state,
                };
                for rating in [Rating::Again, Rating::Hard, Rating::Good] {
                    let next = review(Some(&odd), rating, T0 + DAY_MS);
                    assert!(next.stability >= 1, "{next:?}");
                    assert!((1_000..=10_000).contains(&next.difficulty), "{next:?}");
                    assert!(next.reps >= n.min(i32::MAX as u32 - 1), "{next:?}");
                    assert!(next.due_ms > next.last_ms, "{next:?}");
                }
            }
        }
    }

    fn exam_due(entries: &[(&str, u64, u64)]) -> ExamProgress {
        let mut exam = ExamProgress::default();
        for &(id, due_ms, last_ms) in entries {
            exam.schedule.insert(
                id.into(),
                Memory {
                    due_ms,
                    last_ms,
                    ..Memory::default()
                },
            );
        }
        exam
    }

    #[test]
    fn due_questions_come_most_overdue_first() {
        let exam = exam_due(&[
            ("a", T0 + 3 * DAY_MS, T0),
            ("b", T0 + DAY_MS, T0),
            ("c", T0 + 2 * DAY_MS, T0),
            ("d", T0 + DAY_MS, T0),
            ("e", T0 + 9 * DAY_MS, T0),
        ]);
        let now = T0 + 3 * DAY_MS;
        assert_eq!(due(&exam, now, 10), ["b", "d", "c", "a"]);
        assert_eq!(due(&exam, now, 2), ["b", "d"]);
        assert_eq!(due(&exam, now, 0), Vec::<String>::new());
        assert_eq!(due_count(&exam, now), 4);
        assert_eq!(due_count(&exam, now - 1), 3);
        assert_eq!(due_count(&exam, T0), 0);
        assert_eq!(due_count(&ExamProgress::default(), now), 0);
    }

    #[test]
    fn the_next_due_time_is_the_earliest_after_now() {
        let mut exam = ExamProgress::default();
        for (id, due) in [("a", 50), ("b", 200), ("c", 120)] {
            exam.schedule.insert(
                id.into(),
                Memory {
                    due_ms: due,
                    ..Default::default()
                },
            );
        }
        assert_eq!(next_due(&exam, 100), Some(120));
        assert_eq!(next_due(&exam, 10), Some(50));
        assert_eq!(next_due(&exam, 200), None);
    }

    #[test]
    fn due_takes_now_to_be_at_least_the_latest_review() {
        // Answered on day 5; the clock then says day 1.
        let exam = exam_due(&[
            ("a", T0 + 2 * DAY_MS, T0),
            ("b", T0 + 6 * DAY_MS, T0 + 5 * DAY_MS),
        ]);
        assert_eq!(due(&exam, T0 + DAY_MS, SESSION_SIZE), ["a"]);
        assert_eq!(due_count(&exam, T0 + DAY_MS), 1);
        assert_eq!(due_count(&exam, T0 + 6 * DAY_MS), 2);
    }

    #[test]
    fn the_replay_reviews_in_finish_order_at_finish_time() {
        let attempt = |id: &str, finished_ms: u64, outcomes: Vec<Outcome>| AttemptRecord {
            id: id.into(),
            mode: crate::attempt::Mode::QuickCheck,
            scope: crate::assembly::Scope::All,
            started_ms: 0,
            finished_ms,
            question_count: outcomes.len() as u32,
            percent: 0,
            passed: false,
            domains: vec![],
            outcomes,
        };
        let later = attempt("b", T0 + DAY_MS, vec![outcome(false, false)]);
        let earlier = attempt("a", T0, vec![outcome(true, false), outcome(true, true)]);
        let schedule = replay(&[later, earlier]);
        let expected = [
            (Rating::Good, 0),
            (Rating::Hard, 0),
            (Rating::Again, DAY_MS),
        ];
        assert_eq!(schedule.len(), 1);
        assert_eq!(Some(&schedule["q"]), history(&expected, T0).as_ref());
        assert_eq!(replay(&[]), BTreeMap::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// At the same moment after the same history, a right answer (guessed or not) is never
        /// due sooner than a wrong one, nor a sure one sooner than a guessed one.
        #[test]
        fn right_is_never_due_sooner_than_wrong(
            before in proptest::collection::vec((rating(), gap()), 0..8),
            start in 0..=T0 * 2,
            wait in gap(),
        ) {
            let previous = history(&before, start);
            let at = start + before.iter().map(|r| r.1).sum::<u64>() + wait;
            let [again, hard, good] =
                [Rating::Again, Rating::Hard, Rating::Good].map(|r| review(previous.as_ref(), r, at).due_ms);
            prop_assert!(hard >= again, "hard {hard} < again {again}");
            prop_assert!(good >= hard, "good {good} < hard {hard}");
            prop_assert!(good > again, "good {good} <= again {again}");
        }

        /// Right answers in a row, each given when the question is due, space it out: each
        /// interval is longer than the one before, until FSRS's longest (100 years; then they
        /// stay there).
        #[test]
        fn right_answers_in_a_row_give_growing_intervals(
            start in 0..=T0 * 2,
            answers in 2..16usize,
        ) {
            let mut memory: Option<Memory> = None;
            let mut at = start;
            let mut last_interval = 0;
            for _ in 0..answers {
                let next = review(memory.as_ref(), Rating::Good, at);
                let interval = next.due_ms - next.last_ms;
                if last_interval < LONGEST {
                    prop_assert!(interval > last_interval, "{interval} after {last_interval}: {next:?}");
                } else {
                    prop_assert!(interval >= LONGEST, "{interval} after {last_interval}: {next:?}");
                }
                last_interval = interval;
                at = next.due_ms;
                memory = Some(next);
            }
        }

        /// After any history, right answers in a row, each given when due, never shorten the
        /// interval. (Not always lengthen it: after misses and guesses have made a question hard,
        /// FSRS may repeat a short interval once or twice before it grows.)
        #[test]
        fn right_answers_in_a_row_never_shorten_the_interval(
            before in proptest::collection::vec((rating(), gap()), 0..10),
            answers in 2..10usize,
        ) {
            let mut memory = history(&before, T0);
            let mut at = memory.as_ref().map_or(T0, |m| m.due_ms);
            let mut last_interval = 0;
            for _ in 0..answers {
                let next = review(memory.as_ref(), Rating::Good, at);
                let interval = next.due_ms - next.last_ms;
                prop_assert!(interval >= last_interval, "{interval} after {last_interval}: {next:?}");
                last_interval = interval;
                at = next.due_ms;
                memory = Some(next);
            }
        }

        /// Any stored memory (a hand-edited record too) and any time: no panic, and a memory
        /// that can be written and read back.
        #[test]
        fn any_memory_reviews_to_a_storable_one(
            due_ms in any::<u64>(), last_ms in any::<u64>(), stability in any::<u32>(),
            difficulty in any::<u32>(), reps in any::<u32>(), lapses in any::<u32>(),
            state in prop_oneof![Just(Phase::New), Just(Phase::Learning), Just(Phase::Review), Just(Phase::Relearning)],
            rating in rating(), at in any::<u64>(),
        ) {
            let previous = Memory { due_ms, last_ms, stability, difficulty, reps, lapses, state };
            let next = review(Some(&previous), rating, at);
            prop_assert!(next.due_ms <= MAX_EXACT && next.last_ms <= next.due_ms, "{next:?}");
            prop_assert!(next.last_ms >= last_ms.min(LATEST_MS));
            prop_assert_eq!(card_of(&next).stability, next.stability as f64 / 1000.0);
        }
    }
}
