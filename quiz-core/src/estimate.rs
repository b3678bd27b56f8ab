//! "Am I ready?": an estimate of the score on a full exam, with a range and the chance of
//! passing, from the candidate's latest answer to each question.
//!
//! The method, in the sentence the app shows beside it: each objective's share of right answers
//! is weighted by its share of a real exam (its domain's blueprint weight, split evenly over the
//! domain's objectives), pulled toward the candidate's overall rate when an objective has few
//! answers, and the range is where the score of one exam lands 9 times in 10, given how much is
//! known and the luck of the draw of one exam's questions.
//!
//! In numbers: objective `o` with `n` answered questions, `c` of them right the last time, has a
//! Beta posterior with the overall rate `m` as its prior mean and a prior weight of
//! [`PRIOR_ANSWERS`] answers; the estimate is `Σ w_o·mean_o`; its variance is
//! `Σ w_o²·var_o` (what is not known) plus `s(1−s)/Q` (one exam of `Q` questions); the range is
//! ±1.645 standard deviations, and the chance of passing is the normal probability of scoring at
//! least the pass mark.

use crate::model::Bank;
use crate::progress::ExamProgress;

/// How many answers an objective's prior is worth: an objective with fewer answers than this
/// leans mostly on the candidate's overall rate.
pub const PRIOR_ANSWERS: f64 = 4.0;

/// The fewest answered questions an estimate is made from.
pub const MIN_ANSWERED: usize = 5;

/// An estimated full-exam score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    /// The estimate and its 90% range, in whole percent.
    pub low: u32,
    pub mid: u32,
    pub high: u32,
    /// The chance of reaching the pass mark, in whole percent.
    pub pass_chance: u32,
    /// How many of the bank's questions it rests on.
    pub answered: usize,
}

impl Estimate {
    /// The figures in a line: `Estimated score 64–78% · most likely 71% · chance of passing 55%`.
    pub fn headline(&self) -> String {
        format!(
            "Estimated score {}–{}% · most likely {}% · chance of passing {}%",
            self.low, self.high, self.mid, self.pass_chance
        )
    }

    /// The method in a sentence, shown beside the figures.
    pub fn method(&self) -> String {
        format!(
            "From your latest answer to each of the {} questions you have answered, each topic weighted as the blueprint weights it. The range is where 9 exams in 10 would land; it narrows as you answer more.",
            self.answered
        )
    }
}

/// The estimate from `exam`'s per-question results on `bank`; `None` with fewer than
/// [`MIN_ANSWERED`] of the bank's questions answered.
pub fn estimate(bank: &Bank, exam: &ExamProgress) -> Option<Estimate> {
    let blueprint = &bank.blueprint;
    // Per objective, in blueprint order: (weight in the exam, answered, right).
    let mut objectives: Vec<(f64, f64, f64)> = Vec::new();
    let (mut answered, mut right) = (0usize, 0.0);
    for domain in &blueprint.domains {
        let first = objectives.len();
        for section in &domain.sections {
            for objective in &section.objectives {
                let questions = bank.questions_for_objective(&objective.id);
                if questions.is_empty() {
                    continue;
                }
                let (mut n, mut c) = (0.0, 0.0);
                for &i in &questions {
                    if let Some(stat) = exam.stats.get(&bank.questions[i].id) {
                        if stat.seen == 0 {
                            continue;
                        }
                        n += 1.0;
                        c += match stat.last_correct {
                            Some(last) => f64::from(u8::from(last)),
                            None => f64::from(stat.correct) / f64::from(stat.seen),
                        };
                    }
                }
                answered += n as usize;
                right += c;
                objectives.push((0.0, n, c));
            }
        }
        let count = (objectives.len() - first) as f64;
        for o in &mut objectives[first..] {
            o.0 = f64::from(domain.weight_percent) / 100.0 / count;
        }
    }
    if answered < MIN_ANSWERED {
        return None;
    }
    // The overall rate, kept off 0 and 1 so that no objective is certain before it is answered.
    let overall = (right + 1.0) / (answered as f64 + 2.0);
    let total_weight: f64 = objectives.iter().map(|o| o.0).sum();
    let (mut score, mut unknown) = (0.0, 0.0);
    for &(weight, n, c) in &objectives {
        let w = weight / total_weight;
        let alpha = c + PRIOR_ANSWERS * overall;
        let beta = n - c + PRIOR_ANSWERS * (1.0 - overall);
        let mean = alpha / (alpha + beta);
        score += w * mean;
        unknown += w * w * mean * (1.0 - mean) / (alpha + beta + 1.0);
    }
    let questions = f64::from(blueprint.question_count.max(1));
    let sd = (unknown + score * (1.0 - score) / questions).sqrt();
    let percent = |x: f64| (x.clamp(0.0, 1.0) * 100.0).round() as u32;
    let pass = f64::from(blueprint.pass_percent) / 100.0;
    Some(Estimate {
        low: percent(score - 1.645 * sd),
        mid: percent(score),
        high: percent(score + 1.645 * sd),
        pass_chance: percent(normal_cdf((score - pass) / sd.max(1e-9))),
        answered,
    })
}

/// The standard normal distribution function, through the error function (Abramowitz and
/// Stegun 7.1.26, absolute error under 1.5e-7).
fn normal_cdf(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-x * x).exp();
    if z >= 0.0 {
        (1.0 + erf) / 2.0
    } else {
        (1.0 - erf) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::bank;
    use crate::progress::QuestionStat;

    /// `exam` with the first `count` questions of `bank` answered, right when `right(i)`.
    fn answered(bank: &Bank, count: usize, right: impl Fn(usize) -> bool) -> ExamProgress {
        let mut exam = ExamProgress::default();
        for (i, q) in bank.questions.iter().take(count).enumerate() {
            exam.stats.insert(
                q.id.clone(),
                QuestionStat {
                    seen: 1,
                    correct: u32::from(right(i)),
                    last_seen_ms: 1,
                    last_correct: Some(right(i)),
                },
            );
        }
        exam
    }

    /// The bank with its questions interleaved across objectives (`per_objective` each), so that
    /// the first `n` questions spread over the blueprint as practice would.
    fn interleaved(b: &Bank, per_objective: usize) -> Bank {
        let mut questions = b.questions.clone();
        let key = |q: &crate::Question| {
            let at = b.question_position(&q.id).unwrap();
            (at % per_objective, at / per_objective)
        };
        crate::order::sort_by(&mut questions, |x, y| key(x).cmp(&key(y)));
        Bank::new(b.blueprint.clone(), questions, b.notes.clone())
    }

    #[test]
    fn no_data_no_estimate() {
        let b = bank(&[60, 40], 3, 10, 20);
        assert_eq!(estimate(&b, &ExamProgress::default()), None);
        assert_eq!(
            estimate(&b, &answered(&b, MIN_ANSWERED - 1, |_| true)),
            None
        );
        assert!(estimate(&b, &answered(&b, MIN_ANSWERED, |_| true)).is_some());
    }

    #[test]
    fn more_data_narrows_the_range() {
        let b = interleaved(&bank(&[50, 30, 20], 3, 12, 60), 12);
        let mut widths = Vec::new();
        for count in [6, 20, 60, b.questions.len()] {
            let e = estimate(&b, &answered(&b, count, |i| i % 3 != 0)).unwrap();
            assert!(e.low <= e.mid && e.mid <= e.high, "{e:?}");
            assert_eq!(e.answered, count);
            widths.push(e.high - e.low);
        }
        assert!(widths.windows(2).all(|w| w[1] < w[0]), "{widths:?}");
        // Two thirds right everywhere: the estimate lands near 67%.
        let all = estimate(&b, &answered(&b, b.questions.len(), |i| i % 3 != 0)).unwrap();
        assert!((60..=72).contains(&all.mid), "{all:?}");
    }

    #[test]
    fn all_right_is_near_the_top_and_likely_to_pass() {
        let b = bank(&[50, 30, 20], 3, 12, 60);
        let e = estimate(&b, &answered(&b, b.questions.len(), |_| true)).unwrap();
        assert!(e.mid >= 90 && e.high == 100, "{e:?}");
        assert!(e.pass_chance >= 99, "{e:?}");
        let none = estimate(&b, &answered(&b, b.questions.len(), |_| false)).unwrap();
        assert!(none.mid <= 10 && none.low == 0, "{none:?}");
        assert!(none.pass_chance <= 1, "{none:?}");
    }

    #[test]
    fn weights_follow_the_blueprint() {
        // Everything right in the 80% domain, everything wrong in the 20% one.
        let b = bank(&[80, 20], 2, 20, 40);
        let heavy = b.blueprint.domains[0].id.clone();
        let mut exam = ExamProgress::default();
        for q in &b.questions {
            let right = b.domain_of(q).unwrap().id == heavy;
            exam.stats.insert(
                q.id.clone(),
                QuestionStat {
                    seen: 1,
                    correct: u32::from(right),
                    last_seen_ms: 1,
                    last_correct: Some(right),
                },
            );
        }
        let e = estimate(&b, &exam).unwrap();
        assert!((72..=86).contains(&e.mid), "{e:?}");
    }

    #[test]
    fn the_words_carry_the_figures() {
        let e = Estimate {
            low: 64,
            mid: 71,
            high: 78,
            pass_chance: 55,
            answered: 120,
        };
        assert_eq!(
            e.headline(),
            "Estimated score 64–78% · most likely 71% · chance of passing 55%"
        );
        assert!(e
            .method()
            .starts_with("From your latest answer to each of the 120 questions"));
    }

    #[test]
    fn the_normal_distribution_function() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.645) - 0.95).abs() < 1e-3);
        assert!((normal_cdf(-1.96) - 0.025).abs() < 1e-3);
    }
}
