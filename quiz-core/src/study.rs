//! Study-app helpers: the small decisions the browser app makes that are not views: hash routes,
//! keyboard shortcuts, timer text and spoken milestones, saving with a merge, finishing an
//! attempt, review filters, retakes, and the geometry of the app's two SVG charts.
//!
//! Everything here is plain Rust so it is unit-tested natively; quiz-web only renders it.

use crate::assembly::Scope;
use crate::attempt::{Attempt, Mode};
use crate::json::JsonValue;
use crate::model::Bank;
use crate::progress::{self, AttemptRecord, LoadProblem, ProgressRecord};
use crate::scoring::{is_correct_answer, Report};

// ---------------------------------------------------------------- routes

/// A screen of the app, as written in the URL hash (`#/exam`, `#/results/ID`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Home,
    Exam,
    Results(String),
    /// A quick check over a scope; `None` when the scope is chosen on the page.
    Quick(Option<Scope>),
    Progress,
    Settings,
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(v) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Route {
    /// Reads a location hash (with or without the leading `#`). Unknown hashes go home.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let parts: Vec<String> = path
            .split('/')
            .filter(|p| !p.is_empty())
            .map(decode)
            .collect();
        let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
        match parts.as_slice() {
            ["exam"] => Route::Exam,
            ["results", id] => Route::Results(id.to_string()),
            ["quick"] => Route::Quick(None),
            ["quick", "all"] => Route::Quick(Some(Scope::All)),
            ["quick", "domain", id] => Route::Quick(Some(Scope::Domain(id.to_string()))),
            ["quick", "section", id] => Route::Quick(Some(Scope::Section(id.to_string()))),
            ["quick", "objective", id] => Route::Quick(Some(Scope::Objective(id.to_string()))),
            ["progress"] => Route::Progress,
            ["settings"] => Route::Settings,
            _ => Route::Home,
        }
    }

    /// The hash for this route, starting with `#/`.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "#/".into(),
            Route::Exam => "#/exam".into(),
            Route::Results(id) => format!("#/results/{}", encode(id)),
            Route::Quick(None) | Route::Quick(Some(Scope::Questions(_))) => "#/quick".into(),
            Route::Quick(Some(Scope::All)) => "#/quick/all".into(),
            Route::Quick(Some(Scope::Domain(id))) => format!("#/quick/domain/{}", encode(id)),
            Route::Quick(Some(Scope::Section(id))) => format!("#/quick/section/{}", encode(id)),
            Route::Quick(Some(Scope::Objective(id))) => format!("#/quick/objective/{}", encode(id)),
            Route::Progress => "#/progress".into(),
            Route::Settings => "#/settings".into(),
        }
    }
}

// ---------------------------------------------------------------- keyboard

/// What a key press does on a question screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyAction {
    /// Pick the option at this 0-based position.
    Pick(usize),
    Flag,
    Next,
    Previous,
}

/// Maps `KeyboardEvent.key` to an action: 1–8 pick, F flag, arrows move. Keys with Ctrl, Alt or
/// Meta held are left to the browser.
pub fn key_action(key: &str, modifier_held: bool) -> Option<KeyAction> {
    if modifier_held {
        return None;
    }
    match key {
        "f" | "F" => Some(KeyAction::Flag),
        "ArrowRight" => Some(KeyAction::Next),
        "ArrowLeft" => Some(KeyAction::Previous),
        k if k.len() == 1 => {
            let c = k.chars().next()?;
            let n = c.to_digit(10)?;
            (1..=8)
                .contains(&n)
                .then(|| KeyAction::Pick(n as usize - 1))
        }
        _ => None,
    }
}

/// The letter shown before an option: A, B, C, ...
pub fn option_letter(position: usize) -> char {
    (b'A' + (position % 26) as u8) as char
}

// ---------------------------------------------------------------- bank source

/// What every page says about a bank from another origin ([`progress::foreign_origin`]): where
/// its questions come from, "Questions from example.org".
pub fn source_label(foreign_origin: &str) -> String {
    // Concatenation rather than `format!`: this runs in the shell, and formatting here drew
    // shared formatting code out of the page chunks into it.
    let host = progress::origin_host(foreign_origin);
    let name = if host.len() < foreign_origin.len() {
        host
    } else {
        "another site"
    };
    String::from("Questions from ") + name
}

// ---------------------------------------------------------------- time

/// `m:ss`, or `h:mm:ss` from one hour, rounding partial seconds up so 0:00 means time is up.
pub fn clock(ms: u64) -> String {
    let total = ms.div_ceil(1000);
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// A duration in words for results: "1 h 5 min", "12 min 3 s", "45 s".
pub fn duration_words(ms: u64) -> String {
    let total = ms / 1000;
    let (h, m, s) = (total / 3600, (total % 3600) / 60, total % 60);
    if h > 0 {
        format!("{h} h {m} min")
    } else if m > 0 {
        format!("{m} min {s} s")
    } else {
        format!("{s} s")
    }
}

/// Time left (ms) at which the timer is announced to screen readers.
pub const MILESTONES_MS: [u64; 7] = [
    60 * 60_000,
    30 * 60_000,
    15 * 60_000,
    10 * 60_000,
    5 * 60_000,
    60_000,
    30_000,
];

/// The polite announcement due when time left goes from `before` to `now` (ms), if a milestone
/// was crossed in between: "5 minutes left". At most one, the smallest crossed.
pub fn milestone(before: u64, now: u64) -> Option<String> {
    let crossed = MILESTONES_MS
        .iter()
        .rev()
        .find(|&&m| before > m && now <= m)?;
    Some(match *crossed {
        m if m >= 60_000 && m / 60_000 == 1 => "1 minute left".to_string(),
        m if m >= 60_000 => format!("{} minutes left", m / 60_000),
        m => format!("{} seconds left", m / 1000),
    })
}

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
/// attempt record.
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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFilter {
    All,
    Wrong,
    Flagged,
}

/// Positions of the report's items that pass the filter.
pub fn review_items(report: &Report, filter: ReviewFilter) -> Vec<usize> {
    report
        .items
        .iter()
        .filter(|i| match filter {
            ReviewFilter::All => true,
            ReviewFilter::Wrong => !i.correct,
            ReviewFilter::Flagged => i.flagged,
        })
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

// ---------------------------------------------------------------- charts

// Chart geometry is in whole SVG user units (rounded), so the views write integers and no float
// formatting code goes into the wasm.

/// `num / den` rounded to the nearest whole number, halves up (`den` > 0).
fn div_round(num: u32, den: u32) -> u32 {
    (2 * num + den) / (2 * den)
}

/// One horizontal bar of the per-domain chart, in SVG user units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub percent: u32,
    pub y: u32,
    pub width: u32,
    pub passed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarChart {
    pub width: u32,
    pub height: u32,
    /// Where the bars start (labels sit above each bar).
    pub left: u32,
    /// The width of a full (100%) bar.
    pub plot_width: u32,
    pub bar_height: u32,
    pub pass_x: u32,
    pub bars: Vec<Bar>,
}

/// Lays out horizontal percentage bars with a pass line, each bar under its label.
pub fn bar_chart(rows: &[(String, u32)], pass_percent: u32, width: u32) -> BarChart {
    let left = 4;
    let right = 44;
    let plot = width.saturating_sub(left + right).max(10);
    let (label_h, bar_h, gap) = (20, 18, 10);
    let bars = rows
        .iter()
        .enumerate()
        .map(|(i, (label, p))| Bar {
            label: label.clone(),
            percent: *p,
            y: i as u32 * (label_h + bar_h + gap) + label_h,
            width: div_round(plot * (*p).min(100), 100),
            passed: *p >= pass_percent,
        })
        .collect::<Vec<_>>();
    let height = rows.len() as u32 * (label_h + bar_h + gap) + 16;
    BarChart {
        width,
        height,
        left,
        plot_width: plot,
        bar_height: bar_h,
        pass_x: left + div_round(plot * pass_percent.min(100), 100),
        bars,
    }
}

/// Points of a score-over-time line in a `width`×`height` box with `pad` margins; y grows down,
/// 100% at the top. A single score sits in the middle.
pub fn line_points(percents: &[u32], width: u32, height: u32, pad: u32) -> Vec<(u32, u32)> {
    let n = percents.len() as u32;
    let w = width.saturating_sub(2 * pad);
    percents
        .iter()
        .enumerate()
        .map(|(i, &p)| {
            let x = if n <= 1 {
                pad + div_round(w, 2)
            } else {
                pad + div_round(w * i as u32, n - 1)
            };
            (x, percent_y(p, height, pad))
        })
        .collect()
}

/// The y coordinate of a percentage in the same box as [`line_points`].
pub fn percent_y(percent: u32, height: u32, pad: u32) -> u32 {
    pad + div_round(
        height.saturating_sub(2 * pad) * (100 - percent.min(100)),
        100,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assembly::{full_exam, quick_check};
    use crate::model::fixtures::bank;
    use crate::scoring::score;
    use serde_json::Value;

    #[test]
    fn routes_round_trip() {
        let routes = [
            Route::Home,
            Route::Exam,
            Route::Results("18f-00ab12".into()),
            Route::Quick(None),
            Route::Quick(Some(Scope::All)),
            Route::Quick(Some(Scope::Domain("d 1/x".into()))),
            Route::Quick(Some(Scope::Section("s1".into()))),
            Route::Quick(Some(Scope::Objective("o1".into()))),
            Route::Progress,
            Route::Settings,
        ];
        for r in routes {
            assert_eq!(Route::parse(&r.to_hash()), r, "{}", r.to_hash());
        }
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("#"), Route::Home);
        assert_eq!(Route::parse("#/nope/x"), Route::Home);
        assert_eq!(Route::parse("#/exam/"), Route::Exam);
        assert_eq!(Route::parse("#/results/a%2"), Route::Results("a%2".into()));
    }

    #[test]
    fn keys_map_to_actions() {
        assert_eq!(key_action("1", false), Some(KeyAction::Pick(0)));
        assert_eq!(key_action("8", false), Some(KeyAction::Pick(7)));
        assert_eq!(key_action("9", false), None);
        assert_eq!(key_action("0", false), None);
        assert_eq!(key_action("f", false), Some(KeyAction::Flag));
        assert_eq!(key_action("F", false), Some(KeyAction::Flag));
        assert_eq!(key_action("ArrowRight", false), Some(KeyAction::Next));
        assert_eq!(key_action("ArrowLeft", false), Some(KeyAction::Previous));
        assert_eq!(key_action("1", true), None);
        assert_eq!(key_action("Enter", false), None);
        assert_eq!(option_letter(0), 'A');
        assert_eq!(option_letter(7), 'H');
    }

    #[test]
    fn a_bank_from_elsewhere_says_where_from() {
        assert_eq!(
            source_label("https://example.org"),
            "Questions from example.org"
        );
        assert_eq!(
            source_label("http://localhost:8080"),
            "Questions from localhost:8080"
        );
        assert_eq!(source_label("null"), "Questions from another site");
    }

    #[test]
    fn clocks_and_durations() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(1), "0:01");
        assert_eq!(clock(59_001), "1:00");
        assert_eq!(clock(120 * 60_000), "2:00:00");
        assert_eq!(clock(3_599_000), "59:59");
        assert_eq!(duration_words(45_500), "45 s");
        assert_eq!(duration_words(12 * 60_000 + 3_000), "12 min 3 s");
        assert_eq!(duration_words(65 * 60_000), "1 h 5 min");
    }

    #[test]
    fn milestones_are_announced_once() {
        assert_eq!(
            milestone(5 * 60_000 + 1, 5 * 60_000),
            Some("5 minutes left".into())
        );
        assert_eq!(milestone(5 * 60_000, 5 * 60_000 - 1000), None);
        assert_eq!(milestone(61_000, 60_000), Some("1 minute left".into()));
        assert_eq!(milestone(31_000, 29_000), Some("30 seconds left".into()));
        assert_eq!(
            milestone(40 * 60_000, 20 * 60_000),
            Some("30 minutes left".into())
        );
        // A long sleep crossing several milestones announces the nearest one.
        assert_eq!(
            milestone(40 * 60_000, 4 * 60_000),
            Some("5 minutes left".into())
        );
        assert_eq!(milestone(100_000, 99_000), None);
    }

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
    fn chart_geometry() {
        let chart = bar_chart(
            &[("A".into(), 100), ("B".into(), 50), ("C".into(), 0)],
            70,
            348,
        );
        assert_eq!(chart.bars.len(), 3);
        assert_eq!(chart.plot_width, 300);
        assert_eq!(chart.bars[0].width, 300);
        assert_eq!(chart.bars[1].width, 150);
        assert_eq!(chart.bars[2].width, 0);
        assert!(chart.bars[0].passed && !chart.bars[1].passed);
        assert_eq!(chart.pass_x, 4 + 210);
        assert!(chart.bars[1].y > chart.bars[0].y);
        assert!(chart.height > chart.bars[2].y + chart.bar_height);

        let pts = line_points(&[0, 100, 50], 120, 100, 10);
        assert_eq!(pts, vec![(10, 90), (60, 10), (110, 50)]);
        assert_eq!(line_points(&[70], 120, 100, 10), vec![(60, 34)]);
        assert_eq!(percent_y(70, 100, 10), 34);
        assert!(line_points(&[], 1, 1, 0).is_empty());
        // Rounded to whole units, halves up: 126 * 25% = 31.5.
        assert_eq!(percent_y(75, 170, 22), 22 + 32);
        assert_eq!(
            line_points(&[0, 0, 0, 0], 340, 170, 22)
                .iter()
                .map(|p| p.0)
                .collect::<Vec<_>>(),
            vec![22, 121, 219, 318]
        );
    }

    #[test]
    fn ids_are_distinct() {
        assert_ne!(attempt_id(1, 2), attempt_id(1, 3));
        assert_eq!(attempt_id(255, 1), "ff-000001");
    }
}
