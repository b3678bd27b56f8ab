//! Content rules: every check on a bank that goes beyond the JSON Schema, shared by the
//! quiz-author CLI and the browser so the two can never disagree.
//!
//! [`check`] returns [`Finding`]s; each names its [`Rule`], a [`Target`] (where in the content it
//! is, as a JSON pointer that the CLI maps back to file, line and column), a message and a hint.

use crate::assembly::apportion;
use crate::cues;
use crate::model::{Bank, Question, QuestionKind};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// Every content rule, with a stable kebab-case code used in reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    DuplicateQuestionId,
    DuplicateBlueprintId,
    UnknownObjective,
    SingleNeedsOneCorrect,
    MultipleNeedsTwoCorrect,
    ChooseMismatch,
    ChooseOnSingle,
    DuplicateOptionId,
    OptionCount,
    EmptyText,
    WeightsSum,
    NotEnoughQuestions,
    BannedOption,
    DuplicateNote,
    ObjectiveWithoutQuestions,
    NearDuplicateStem,
    MissingReason,
    AnswerLengthBias,
    CueAsymmetry,
    CueExposesKey,
    MissingReferences,
    ReferenceUrl,
    DuplicateReference,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::DuplicateQuestionId => "duplicate-question-id",
            Rule::DuplicateBlueprintId => "duplicate-blueprint-id",
            Rule::UnknownObjective => "unknown-objective",
            Rule::SingleNeedsOneCorrect => "single-needs-one-correct",
            Rule::MultipleNeedsTwoCorrect => "multiple-needs-two-correct",
            Rule::ChooseMismatch => "choose-mismatch",
            Rule::ChooseOnSingle => "choose-on-single",
            Rule::DuplicateOptionId => "duplicate-option-id",
            Rule::OptionCount => "option-count",
            Rule::EmptyText => "empty-text",
            Rule::WeightsSum => "weights-sum",
            Rule::NotEnoughQuestions => "not-enough-questions",
            Rule::BannedOption => "banned-option",
            Rule::DuplicateNote => "duplicate-note",
            Rule::ObjectiveWithoutQuestions => "objective-without-questions",
            Rule::NearDuplicateStem => "near-duplicate-stem",
            Rule::MissingReason => "missing-reason",
            Rule::AnswerLengthBias => "answer-length-bias",
            Rule::CueAsymmetry => "cue-asymmetry",
            Rule::CueExposesKey => "cue-exposes-key",
            Rule::MissingReferences => "missing-references",
            Rule::ReferenceUrl => "reference-url",
            Rule::DuplicateReference => "duplicate-reference",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Rule::ObjectiveWithoutQuestions
            | Rule::NearDuplicateStem
            | Rule::MissingReason
            | Rule::AnswerLengthBias
            | Rule::CueAsymmetry
            | Rule::CueExposesKey
            | Rule::MissingReferences => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// How an author fixes a finding of this rule.
    pub fn hint(self) -> &'static str {
        match self {
            Rule::DuplicateQuestionId => "give each question an id used nowhere else in the bank",
            Rule::DuplicateBlueprintId => "domain, section and objective ids must be unique across the blueprint",
            Rule::UnknownObjective => "use an objective id from blueprint.json (see `quiz-author stats` for the list)",
            Rule::SingleNeedsOneCorrect => "mark exactly one option \"correct\": true, or make the question \"kind\": \"multiple\"",
            Rule::MultipleNeedsTwoCorrect => "a multiple-select question needs at least two correct options; otherwise make it \"kind\": \"single\"",
            Rule::ChooseMismatch => "set \"choose\" to the number of options marked correct",
            Rule::ChooseOnSingle => "remove \"choose\" from single-select questions",
            Rule::DuplicateOptionId => "give each option of the question a different id (a, b, c, ...)",
            Rule::OptionCount => "a question has between 2 and 8 options, and more options than it asks to choose",
            Rule::EmptyText => "write the text; blank text shows as an empty box",
            Rule::WeightsSum => "make the domains' weight_percent values add up to 100",
            Rule::NotEnoughQuestions => "add questions to this domain, or lower question_count",
            Rule::BannedOption => "replace it with a plausible, specific distractor; \"all/none of the above\" is banned",
            Rule::DuplicateNote => "keep one study note per objective",
            Rule::ObjectiveWithoutQuestions => "add at least one question for this objective",
            Rule::NearDuplicateStem => "reword or remove one of the two questions; candidates notice repeats",
            Rule::MissingReason => "say why this option is right or the specific reason it is wrong",
            Rule::AnswerLengthBias => "make distractors as long and specific as the correct option",
            Rule::CueAsymmetry => {
                "let keyed options carry reasons and qualifiers as often as wrong ones (CONTRIBUTING.md lists the cue words)"
            }
            Rule::CueExposesKey => {
                "give a distractor a reason or qualifier too, or state the key's reason plainly; a guesser crosses out every option with a cue word"
            }
            Rule::MissingReferences => "cite 1 to 3 official documentation pages that support the key, in \"references\"",
            Rule::ReferenceUrl => "use the page's full https:// address, with no spaces or quotes",
            Rule::DuplicateReference => "cite each page once per question",
        }
    }
}

/// Where a finding is, as a JSON pointer inside one piece of content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "in", rename_all = "lowercase")]
pub enum Target {
    Blueprint {
        pointer: String,
    },
    /// `index` is the question's position in `Bank::questions`.
    Question {
        index: usize,
        pointer: String,
    },
    /// `index` is the note's position in `Bank::notes`.
    Note {
        index: usize,
        pointer: String,
    },
    /// The bank as a whole.
    Bank,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub rule: Rule,
    pub severity: Severity,
    pub target: Target,
    pub message: String,
}

impl Finding {
    fn new(rule: Rule, target: Target, message: impl Into<String>) -> Self {
        Finding {
            rule,
            severity: rule.severity(),
            target,
            message: message.into(),
        }
    }
}

/// Share of single-select questions whose correct option may be the strictly longest before a warning.
pub const MAX_LONGEST_CORRECT_SHARE: f64 = 0.40;
/// Jaccard similarity of word trigrams above which two stems of one objective count as near-duplicates.
pub const NEAR_DUPLICATE_SIMILARITY: f64 = 0.8;

fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn q(index: usize, pointer: impl Into<String>) -> Target {
    Target::Question {
        index,
        pointer: pointer.into(),
    }
}

/// One group of content rules: it adds its findings, in content order, to the list.
pub type Checks = fn(&Bank, &mut Vec<Finding>);

/// Every content rule, in the order [`check`] reports them. They only read the bank, so a caller
/// with threads may run them side by side (the CLI runs the near-duplicate search, about half
/// the work on a large bank, beside the rest) and pass their findings, concatenated in this
/// order, to [`report_order`].
pub const CHECKS: [Checks; 5] = [
    check_errors,
    check_coverage,
    check_near_duplicates,
    check_answer_length_bias,
    check_cues,
];

/// Runs every rule on the bank. Errors first, then warnings, each in content order.
pub fn check(bank: &Bank) -> Vec<Finding> {
    let mut out = Vec::new();
    for checks in CHECKS {
        checks(bank, &mut out);
    }
    report_order(out)
}

/// The findings of [`CHECKS`], concatenated in their order, as [`check`] reports them: errors
/// first, then warnings.
pub fn report_order(found: Vec<Finding>) -> Vec<Finding> {
    let (mut errors, warnings): (Vec<Finding>, Vec<Finding>) = found
        .into_iter()
        .partition(|f| f.severity == Severity::Error);
    errors.extend(warnings);
    errors
}

/// The first error [`check`] reports, if any. It skips the checks that can only warn (coverage,
/// near-duplicate stems, answer-length bias, wording cues), so the browser, which only needs to know whether a
/// bank is usable, neither runs nor downloads them.
pub fn first_error(bank: &Bank) -> Option<Finding> {
    let mut out = Vec::new();
    check_errors(bank, &mut out);
    out.into_iter().find(|f| f.severity == Severity::Error)
}

/// The checks that can report errors (some of them warn as well), in [`check`]'s order.
fn check_errors(bank: &Bank, out: &mut Vec<Finding>) {
    check_blueprint(bank, out);
    check_questions(bank, out);
    check_notes(bank, out);
}

pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn check_blueprint(bank: &Bank, out: &mut Vec<Finding>) {
    let bp = &bank.blueprint;
    let sum: u32 = bp.domains.iter().map(|d| d.weight_percent).sum();
    if sum != 100 {
        out.push(Finding::new(
            Rule::WeightsSum,
            Target::Blueprint {
                pointer: "/domains".into(),
            },
            format!("domain weights add up to {sum}, not 100"),
        ));
    }
    let mut seen: HashSet<&str> = HashSet::new();
    for (d, domain) in bp.domains.iter().enumerate() {
        let mut ids = vec![(format!("/domains/{d}/id"), domain.id.as_str())];
        for (s, section) in domain.sections.iter().enumerate() {
            ids.push((format!("/domains/{d}/sections/{s}/id"), section.id.as_str()));
            for (o, objective) in section.objectives.iter().enumerate() {
                ids.push((
                    format!("/domains/{d}/sections/{s}/objectives/{o}/id"),
                    objective.id.as_str(),
                ));
                if is_blank(&objective.statement) {
                    out.push(Finding::new(
                        Rule::EmptyText,
                        Target::Blueprint {
                            pointer: format!("/domains/{d}/sections/{s}/objectives/{o}/statement"),
                        },
                        format!("objective {} has an empty statement", objective.id),
                    ));
                }
            }
        }
        for (pointer, id) in ids {
            if !seen.insert(id) {
                out.push(Finding::new(
                    Rule::DuplicateBlueprintId,
                    Target::Blueprint { pointer },
                    format!("id \"{id}\" is used twice in the blueprint"),
                ));
            }
        }
    }
    if sum == 100 && !bp.domains.is_empty() {
        let weights: Vec<u32> = bp.domains.iter().map(|d| d.weight_percent).collect();
        let need = apportion(bp.question_count, &weights);
        for (d, domain) in bp.domains.iter().enumerate() {
            let have = bank
                .questions
                .iter()
                .filter(|q| {
                    bank.objective_place(&q.objective)
                        .is_some_and(|p| p.domain == d)
                })
                .count();
            if have < need[d] as usize {
                out.push(Finding::new(
                    Rule::NotEnoughQuestions,
                    Target::Blueprint { pointer: format!("/domains/{d}") },
                    format!(
                        "domain \"{}\" needs {} questions for one full exam but the bank has {have}",
                        domain.id, need[d]
                    ),
                ));
            }
        }
    }
}

const BANNED_PHRASES: [&str; 6] = [
    "all of the above",
    "none of the above",
    "both of the above",
    "all of these",
    "none of these",
    "all the above",
];

/// The banned phrase an option says as a whole clause, if any: the option, or a part of it
/// bounded by punctuation (`A and B; all of the above`), is the phrase, with case, spacing and
/// a leading "and"/"or" ignored. A phrase inside a longer clause ("so that all of these tables
/// are covered") is an ordinary option.
fn banned_phrase(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphanumeric() || c.is_whitespace() || c == '\'' || c == '-'))
        .find_map(|clause| {
            let mut words = clause.split_whitespace().peekable();
            if matches!(words.peek(), Some(&("and" | "or"))) {
                words.next();
            }
            BANNED_PHRASES
                .iter()
                .copied()
                .find(|phrase| phrase.split(' ').eq(words.clone()))
        })
}

fn check_questions(bank: &Bank, out: &mut Vec<Finding>) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for (i, question) in bank.questions.iter().enumerate() {
        if let Some(&first) = first_seen.get(question.id.as_str()) {
            out.push(Finding::new(
                Rule::DuplicateQuestionId,
                q(i, "/id"),
                format!(
                    "question id \"{}\" is already used by question #{}",
                    question.id,
                    first + 1
                ),
            ));
        } else {
            first_seen.insert(&question.id, i);
        }
        if bank.objective_place(&question.objective).is_none() {
            out.push(Finding::new(
                Rule::UnknownObjective,
                q(i, "/objective"),
                format!(
                    "question {} names objective \"{}\", which the blueprint does not have",
                    question.id, question.objective
                ),
            ));
        }
        for (field, text) in [
            ("stem", &question.stem),
            ("explanation", &question.explanation),
        ] {
            if is_blank(text) {
                out.push(Finding::new(
                    Rule::EmptyText,
                    q(i, format!("/{field}")),
                    format!("question {} has an empty {field}", question.id),
                ));
            }
        }
        let n = question.options.len();
        if !(2..=8).contains(&n) {
            out.push(Finding::new(
                Rule::OptionCount,
                q(i, "/options"),
                format!("question {} has {n} options", question.id),
            ));
        }
        let mut option_ids = HashSet::new();
        for (o, option) in question.options.iter().enumerate() {
            if !option_ids.insert(option.id.as_str()) {
                out.push(Finding::new(
                    Rule::DuplicateOptionId,
                    q(i, format!("/options/{o}/id")),
                    format!(
                        "question {} has two options with id \"{}\"",
                        question.id, option.id
                    ),
                ));
            }
            if is_blank(&option.text) {
                out.push(Finding::new(
                    Rule::EmptyText,
                    q(i, format!("/options/{o}/text")),
                    format!("option {} of question {} is empty", option.id, question.id),
                ));
            }
            if let Some(phrase) = banned_phrase(&option.text) {
                out.push(Finding::new(
                    Rule::BannedOption,
                    q(i, format!("/options/{o}/text")),
                    format!(
                        "option {} of question {} says \"{phrase}\"",
                        option.id, question.id
                    ),
                ));
            }
            if is_blank(&option.reason) {
                out.push(Finding::new(
                    Rule::MissingReason,
                    q(i, format!("/options/{o}")),
                    format!(
                        "option {} of question {} has no reason",
                        option.id, question.id
                    ),
                ));
            }
        }
        let correct = question.options.iter().filter(|o| o.correct).count();
        match question.kind {
            QuestionKind::Single => {
                if correct != 1 {
                    out.push(Finding::new(
                        Rule::SingleNeedsOneCorrect,
                        q(i, "/options"),
                        format!(
                            "single-select question {} has {correct} correct options",
                            question.id
                        ),
                    ));
                }
                if question.choose.is_some() {
                    out.push(Finding::new(
                        Rule::ChooseOnSingle,
                        q(i, "/choose"),
                        format!("single-select question {} sets choose", question.id),
                    ));
                }
            }
            QuestionKind::Multiple => {
                if correct < 2 {
                    out.push(Finding::new(
                        Rule::MultipleNeedsTwoCorrect,
                        q(i, "/options"),
                        format!(
                            "multiple-select question {} has {correct} correct option(s)",
                            question.id
                        ),
                    ));
                }
                match question.choose {
                    None => out.push(Finding::new(
                        Rule::ChooseMismatch,
                        q(i, "/kind"),
                        format!(
                            "multiple-select question {} does not say how many to choose",
                            question.id
                        ),
                    )),
                    Some(c) if c as usize != correct => out.push(Finding::new(
                        Rule::ChooseMismatch,
                        q(i, "/choose"),
                        format!(
                            "question {} asks to choose {c} but {correct} options are correct",
                            question.id
                        ),
                    )),
                    Some(c) if c as usize >= n => out.push(Finding::new(
                        Rule::OptionCount,
                        q(i, "/options"),
                        format!(
                            "question {} asks to choose {c} of only {n} options",
                            question.id
                        ),
                    )),
                    _ => {}
                }
            }
        }
        check_references(i, question, out);
    }
}

fn check_references(i: usize, question: &Question, out: &mut Vec<Finding>) {
    if question.references.is_empty() {
        out.push(Finding::new(
            Rule::MissingReferences,
            q(i, "/explanation"),
            format!("question {} cites no documentation page", question.id),
        ));
    }
    let mut urls = HashSet::new();
    for (r, reference) in question.references.iter().enumerate() {
        if is_blank(&reference.title) {
            out.push(Finding::new(
                Rule::EmptyText,
                q(i, format!("/references/{r}/title")),
                format!(
                    "reference {} of question {} has no title",
                    r + 1,
                    question.id
                ),
            ));
        }
        if reference.https_url().is_none() {
            out.push(Finding::new(
                Rule::ReferenceUrl,
                q(i, format!("/references/{r}/url")),
                format!(
                    "reference {} of question {} is not a plain https address: \"{}\"",
                    r + 1,
                    question.id,
                    reference.url
                ),
            ));
        } else if !urls.insert(reference.url.trim_end_matches('/')) {
            out.push(Finding::new(
                Rule::DuplicateReference,
                q(i, format!("/references/{r}/url")),
                format!("question {} cites {} twice", question.id, reference.url),
            ));
        }
    }
}

fn check_notes(bank: &Bank, out: &mut Vec<Finding>) {
    let mut seen = HashSet::new();
    for (i, note) in bank.notes.iter().enumerate() {
        let target = |p: &str| Target::Note {
            index: i,
            pointer: p.into(),
        };
        if bank.objective_place(&note.objective).is_none() {
            out.push(Finding::new(
                Rule::UnknownObjective,
                target("/objective"),
                format!(
                    "study note names objective \"{}\", which the blueprint does not have",
                    note.objective
                ),
            ));
        }
        if !seen.insert(note.objective.as_str()) {
            out.push(Finding::new(
                Rule::DuplicateNote,
                target("/objective"),
                format!("objective \"{}\" has a second study note", note.objective),
            ));
        }
        for (field, text) in [("know", &note.know), ("trap", &note.trap)] {
            if is_blank(text) {
                out.push(Finding::new(
                    Rule::EmptyText,
                    target(&format!("/{field}")),
                    format!("study note for {} has an empty {field}", note.objective),
                ));
            }
        }
    }
}

fn check_coverage(bank: &Bank, out: &mut Vec<Finding>) {
    let covered: HashSet<&str> = bank
        .questions
        .iter()
        .map(|q| q.objective.as_str())
        .collect();
    for (place, objective) in bank.objectives() {
        if !covered.contains(objective.id.as_str()) {
            out.push(Finding::new(
                Rule::ObjectiveWithoutQuestions,
                Target::Blueprint {
                    pointer: format!(
                        "/domains/{}/sections/{}/objectives/{}",
                        place.domain, place.section, place.objective
                    ),
                },
                format!("objective \"{}\" has no question", objective.id),
            ));
        }
    }
}

type TrigramSet = rustc_hash::FxHashSet<u64>;

/// Hashes of the lower-cased words of a text, ignoring punctuation and Markdown (no allocation
/// per word: this runs over every stem of large banks).
fn word_hashes(text: &str) -> Vec<u64> {
    use std::hash::{BuildHasher, Hasher};
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = rustc_hash::FxBuildHasher.build_hasher();
            for c in w.chars().flat_map(char::to_lowercase) {
                h.write_u32(c as u32);
            }
            h.finish()
        })
        .collect()
}

/// Word trigrams of a stem, hashed. FxHash is fine here: a collision only makes two stems look
/// a little more alike.
fn trigrams(text: &str) -> TrigramSet {
    use std::hash::{BuildHasher, Hasher};
    let w = word_hashes(text);
    let hash = |parts: &[u64]| {
        let mut h = rustc_hash::FxBuildHasher.build_hasher();
        for &p in parts {
            h.write_u64(p);
        }
        h.finish()
    };
    if w.len() < 3 {
        return std::iter::once(hash(&w)).collect();
    }
    w.windows(3).map(hash).collect()
}

/// Jaccard similarity of two sets.
fn similarity(a: &TrigramSet, b: &TrigramSet) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        1.0
    } else {
        inter as f64 / union as f64
    }
}

/// Near-duplicate stems are looked for within each objective (where repeats hurt). Candidate
/// pairs come from prefix filtering (a set-similarity join): each stem's trigrams are ordered
/// rarest first, and two stems can only reach the threshold if they share one of the first
/// `len - ceil(t * len) + 1` trigrams. That finds every pair a full comparison would, without
/// comparing every pair.
fn check_near_duplicates(bank: &Bank, out: &mut Vec<Finding>) {
    let mut by_objective: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, question) in bank.questions.iter().enumerate() {
        by_objective.entry(&question.objective).or_default().push(i);
    }
    let mut groups: Vec<_> = by_objective.into_values().collect();
    // Disjoint, non-empty groups: no two are equal, so an unstable sort gives the one order.
    groups.sort_unstable();
    for group in groups {
        let sets: Vec<TrigramSet> = group
            .iter()
            .map(|&i| trigrams(&bank.questions[i].stem))
            .collect();
        let mut frequency: rustc_hash::FxHashMap<u64, usize> = Default::default();
        for set in &sets {
            for &t in set {
                *frequency.entry(t).or_default() += 1;
            }
        }
        let mut index: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
        for (b, set) in sets.iter().enumerate() {
            let mut ordered: Vec<u64> = set.iter().copied().collect();
            // A set has no equal trigrams: (frequency, trigram) is a total order.
            crate::order::sort_by(&mut ordered, |a, b| {
                (frequency[a], *a).cmp(&(frequency[b], *b))
            });
            let keep = (NEAR_DUPLICATE_SIMILARITY * ordered.len() as f64).ceil() as usize;
            let prefix = &ordered[..(ordered.len() + 1).saturating_sub(keep).min(ordered.len())];
            let mut candidates: Vec<usize> = prefix
                .iter()
                .filter_map(|t| index.get(t))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            for a in candidates {
                let s = similarity(&sets[a], set);
                if s >= NEAR_DUPLICATE_SIMILARITY {
                    let (qa, qb) = (&bank.questions[group[a]], &bank.questions[group[b]]);
                    out.push(Finding::new(
                        Rule::NearDuplicateStem,
                        q(group[b], "/stem"),
                        format!(
                            "the stem of {} is {:.0}% the same as the stem of {}",
                            qb.id,
                            s * 100.0,
                            qa.id
                        ),
                    ));
                }
            }
            for &t in prefix {
                index.entry(t).or_default().push(b);
            }
        }
    }
}

/// Single-select questions whose correct option is strictly the longest, and how many single-select questions there are.
pub fn longest_correct_count(bank: &Bank) -> (usize, usize) {
    let mut longest = 0;
    let mut singles = 0;
    for question in bank
        .questions
        .iter()
        .filter(|q| q.kind == QuestionKind::Single)
    {
        singles += 1;
        let len = |t: &str| t.chars().count();
        let Some(correct) = question.options.iter().find(|o| o.correct) else {
            continue;
        };
        let c = len(&correct.text);
        if question
            .options
            .iter()
            .filter(|o| !o.correct)
            .all(|o| len(&o.text) < c)
        {
            longest += 1;
        }
    }
    (longest, singles)
}

fn check_answer_length_bias(bank: &Bank, out: &mut Vec<Finding>) {
    let (longest, singles) = longest_correct_count(bank);
    // Too few questions to call it a bias.
    if singles < 10 {
        return;
    }
    let share = longest as f64 / singles as f64;
    if share > MAX_LONGEST_CORRECT_SHARE {
        out.push(Finding::new(
            Rule::AnswerLengthBias,
            Target::Bank,
            format!(
                "the correct option is the longest in {longest} of {singles} single-select questions ({:.0}%, limit {:.0}%)",
                share * 100.0,
                MAX_LONGEST_CORRECT_SHARE * 100.0
            ),
        ));
    }
}

/// Wording cues ([`cues`]): a warning per family whose share on keyed and wrong options differs
/// by more than [`cues::MAX_GAP_POINTS`], and one per question whose key is left alone when the
/// options with cue words are crossed out.
fn check_cues(bank: &Bank, out: &mut Vec<Finding>) {
    let figures = cues::figures(bank);
    for (family, count) in figures.biased_families(bank.questions.len()) {
        out.push(Finding::new(
            Rule::CueAsymmetry,
            Target::Bank,
            format!(
                "{} ({}) appear in {:.0}% of keyed options but {:.0}% of wrong options: a gap of {:.0} points (limit {:.0})",
                family.label,
                family.words.join(", "),
                count.keyed_percent(),
                count.wrong_percent(),
                count.gap_points(),
                cues::MAX_GAP_POINTS
            ),
        ));
    }
    for &i in &figures.exposed {
        let question = &bank.questions[i];
        let cued: Vec<String> = question
            .options
            .iter()
            .filter(|o| cues::families_in(&o.text) != 0)
            .map(|o| {
                let words: Vec<&str> = cues::FAMILIES
                    .iter()
                    .flat_map(|f| cues::words_in(&o.text, f))
                    .collect();
                format!("{} (\"{}\")", o.id, words.join("\", \""))
            })
            .collect();
        out.push(Finding::new(
            Rule::CueExposesKey,
            q(i, "/options"),
            format!(
                "question {}: crossing out the options with cue words, {}, leaves exactly the key ({})",
                question.id,
                cued.join(", "),
                question.correct_ids().join(", ")
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::*;

    fn rules(bank: &Bank) -> Vec<Rule> {
        check(bank).into_iter().map(|f| f.rule).collect()
    }

    fn base() -> Bank {
        bank(&[50, 50], 2, 3, 4)
    }

    fn with(edit: impl FnOnce(&mut Bank)) -> Vec<Rule> {
        let mut b = base();
        edit(&mut b);
        let b = Bank::new(b.blueprint, b.questions, b.notes);
        rules(&b)
    }

    #[test]
    fn good_bank_has_no_findings() {
        assert_eq!(check(&base()), vec![]);
    }

    #[test]
    fn duplicate_question_id() {
        let r = with(|b| b.questions[1].id = b.questions[0].id.clone());
        assert!(r.contains(&Rule::DuplicateQuestionId));
    }

    #[test]
    fn unknown_objective() {
        assert!(
            with(|b| b.questions[0].objective = "nope".into()).contains(&Rule::UnknownObjective)
        );
    }

    #[test]
    fn single_with_two_correct() {
        assert!(with(|b| b.questions[0].options[1].correct = true)
            .contains(&Rule::SingleNeedsOneCorrect));
    }

    #[test]
    fn single_with_no_correct() {
        assert!(with(|b| b.questions[0].options[0].correct = false)
            .contains(&Rule::SingleNeedsOneCorrect));
    }

    #[test]
    fn multiple_with_one_correct() {
        let r = with(|b| {
            b.questions[2].options[2].correct = false;
            b.questions[2].choose = Some(1);
        });
        assert!(r.contains(&Rule::MultipleNeedsTwoCorrect));
    }

    #[test]
    fn choose_must_match_correct_count() {
        assert!(with(|b| b.questions[2].choose = Some(3)).contains(&Rule::ChooseMismatch));
        assert!(with(|b| b.questions[2].choose = None).contains(&Rule::ChooseMismatch));
    }

    #[test]
    fn choose_on_single_is_an_error() {
        assert!(with(|b| b.questions[0].choose = Some(1)).contains(&Rule::ChooseOnSingle));
    }

    #[test]
    fn duplicate_option_id() {
        assert!(
            with(|b| b.questions[0].options[1].id = "a".into()).contains(&Rule::DuplicateOptionId)
        );
    }

    #[test]
    fn option_count_bounds() {
        assert!(with(|b| b.questions[0].options.truncate(1)).contains(&Rule::OptionCount));
    }

    #[test]
    fn empty_texts() {
        assert!(with(|b| b.questions[0].stem = "  \n".into()).contains(&Rule::EmptyText));
        assert!(with(|b| b.questions[0].options[2].text = "".into()).contains(&Rule::EmptyText));
        assert!(with(|b| b.questions[0].explanation = "".into()).contains(&Rule::EmptyText));
    }

    #[test]
    fn weights_must_sum_to_100() {
        assert!(with(|b| b.blueprint.domains[0].weight_percent = 40).contains(&Rule::WeightsSum));
    }

    #[test]
    fn bank_must_fill_an_exam() {
        let r = with(|b| b.blueprint.question_count = 100);
        assert!(r.contains(&Rule::NotEnoughQuestions));
    }

    #[test]
    fn banned_option_text() {
        assert!(
            with(|b| b.questions[0].options[3].text = "None of the above".into())
                .contains(&Rule::BannedOption)
        );
    }

    #[test]
    fn banned_phrase_as_a_whole_option_or_clause_is_flagged() {
        for text in [
            "None of the above",
            "none of the above.",
            "  All of these!  ",
            "*Both of the above*",
            "A and B; all of the above",
            "Options A and C, or none of these",
            "Use a view (all the above)",
            "Drop it. None  of\nthe above",
        ] {
            assert!(
                with(|b| b.questions[0].options[3].text = text.into())
                    .contains(&Rule::BannedOption),
                "not flagged: {text:?}"
            );
        }
    }

    #[test]
    fn banned_phrase_inside_a_longer_clause_is_not_flagged() {
        for text in [
            "Partition the job by date so that all of these tables are covered",
            "Grant SELECT on all of these tables to the analysts",
            "None of these steps is needed: the cluster retries the task",
            "Run it nightly, when all of the above-ground sensors report",
            "Check that none of the above thresholds is crossed",
        ] {
            assert!(
                !with(|b| b.questions[0].options[3].text = text.into())
                    .contains(&Rule::BannedOption),
                "flagged: {text:?}"
            );
        }
    }

    #[test]
    fn warnings_are_warnings() {
        let findings = {
            let mut b = base();
            b.questions[0].options[1].reason = "".into();
            b.questions.retain(|q| q.objective != "d1-o1");
            b.blueprint.question_count = 2;
            check(&Bank::new(b.blueprint, b.questions, b.notes))
        };
        let got: Vec<_> = findings.iter().map(|f| (f.rule, f.severity)).collect();
        assert!(got.contains(&(Rule::MissingReason, Severity::Warning)));
        assert!(got.contains(&(Rule::ObjectiveWithoutQuestions, Severity::Warning)));
        assert!(!has_errors(&findings));
    }

    #[test]
    fn near_duplicate_stems_in_one_objective() {
        let r = with(|b| {
            b.questions[0].stem = "A team trains a gradient boosted tree on ten million rows and the job runs out of memory on the driver".into();
            b.questions[1].stem = "A team trains a gradient boosted tree on ten million rows and the job runs out of memory on the driver!".into();
        });
        assert!(r.contains(&Rule::NearDuplicateStem));
    }

    #[test]
    fn prefix_filter_finds_every_near_duplicate() {
        // Stems built from a tiny vocabulary collide often; compare with the all-pairs answer.
        let vocab = ["model", "drift", "alias", "table", "run"];
        let mut b = bank(&[100], 1, 40, 4);
        for (i, question) in b.questions.iter_mut().enumerate() {
            let words: Vec<&str> = (0..12)
                .map(|k| vocab[(i * 7 + k * (1 + i % 3)) % 5])
                .collect();
            question.stem = words.join(" ");
        }
        let found = check(&b)
            .into_iter()
            .filter(|f| f.rule == Rule::NearDuplicateStem)
            .count();
        let sets: Vec<_> = b.questions.iter().map(|q| trigrams(&q.stem)).collect();
        let mut expected = 0;
        for x in 0..sets.len() {
            for y in x + 1..sets.len() {
                expected += (similarity(&sets[x], &sets[y]) >= NEAR_DUPLICATE_SIMILARITY) as usize;
            }
        }
        assert!(expected > 0);
        assert_eq!(found, expected);
    }

    #[test]
    fn answer_length_bias_is_flagged() {
        let mut b = bank(&[100], 1, 15, 4);
        for question in &mut b.questions {
            for option in &mut question.options {
                if option.correct {
                    option.text = "a much longer and more detailed correct option".into();
                }
            }
        }
        assert!(rules(&b).contains(&Rule::AnswerLengthBias));
    }

    #[test]
    fn references_are_checked() {
        use crate::model::Reference;
        let r = |u: &str| Reference {
            title: "Page".into(),
            url: u.into(),
        };
        assert_eq!(
            with(|b| b.questions[0].references.clear()),
            vec![Rule::MissingReferences]
        );
        assert_eq!(
            with(|b| b.questions[0].references = vec![r("http://docs.example.org/x")]),
            vec![Rule::ReferenceUrl]
        );
        assert_eq!(
            with(|b| b.questions[0].references = vec![r("javascript:alert(1)")]),
            vec![Rule::ReferenceUrl]
        );
        assert_eq!(
            with(|b| b.questions[0].references = vec![
                r("https://docs.example.org/x"),
                r("https://docs.example.org/x/")
            ]),
            vec![Rule::DuplicateReference]
        );
        assert_eq!(
            with(|b| b.questions[0].references[0].title = " ".into()),
            vec![Rule::EmptyText]
        );
        assert_eq!(
            with(|b| b.questions[0].references =
                vec![r("https://a.example.org/"), r("https://b.example.org/")]),
            vec![]
        );
        let severities: Vec<_> = [
            Rule::MissingReferences,
            Rule::ReferenceUrl,
            Rule::DuplicateReference,
        ]
        .iter()
        .map(|r| r.severity())
        .collect();
        assert_eq!(
            severities,
            vec![Severity::Warning, Severity::Error, Severity::Error]
        );
    }

    #[test]
    fn a_question_whose_key_the_cue_words_expose_warns() {
        let findings = {
            let mut b = base();
            b.questions[0].options[1].text = "Always do it".into();
            b.questions[0].options[2].text = "Do it because it is quick".into();
            b.questions[0].options[3].text = "Do every part of it".into();
            check(&Bank::new(b.blueprint, b.questions, b.notes))
        };
        assert_eq!(findings.len(), 1, "{findings:?}");
        let f = &findings[0];
        assert_eq!(
            (f.rule, f.severity),
            (Rule::CueExposesKey, Severity::Warning)
        );
        assert_eq!(f.target, q(0, "/options"));
        assert!(
            f.message.contains("b (\"always\")")
                && f.message.contains("c (\"because\")")
                && f.message.contains("(a)"),
            "{}",
            f.message
        );
        // One bare distractor, or a cue on the key, and nothing is exposed.
        assert_eq!(
            with(|b| {
                b.questions[0].options[1].text = "Always do it".into();
                b.questions[0].options[2].text = "Do it because it is quick".into();
            }),
            vec![]
        );
        assert_eq!(
            with(|b| {
                b.questions[0].options[0].text = "Do it since it is due".into();
                b.questions[0].options[1].text = "Always do it".into();
                b.questions[0].options[2].text = "Do it because it is quick".into();
                b.questions[0].options[3].text = "Do every part of it".into();
            }),
            vec![]
        );
    }

    #[test]
    fn one_sided_cue_families_warn_on_large_banks() {
        let cue_on_wrong = |b: &mut Bank, limit: usize| {
            for question in b.questions.iter_mut().take(limit) {
                for option in question.options.iter_mut().filter(|o| !o.correct).take(1) {
                    option.text = "Retrain since the data changed".into();
                }
            }
        };
        let mut large = bank(&[100], 1, cues::MIN_QUESTIONS_FOR_GAP, 4);
        cue_on_wrong(&mut large, cues::MIN_QUESTIONS_FOR_GAP);
        let found: Vec<_> = check(&large)
            .into_iter()
            .filter(|f| f.rule == Rule::CueAsymmetry)
            .collect();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.starts_with("reason clauses"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].target, Target::Bank);
        // The same share on keyed options (every option has one): no gap.
        for question in large.questions.iter_mut() {
            for option in question.options.iter_mut() {
                option.text = format!("Retrain option {} since the labels arrived", option.id);
            }
        }
        assert!(check(&large).iter().all(|f| f.rule != Rule::CueAsymmetry));
        let mut small = bank(&[100], 1, cues::MIN_QUESTIONS_FOR_GAP - 1, 4);
        cue_on_wrong(&mut small, cues::MIN_QUESTIONS_FOR_GAP);
        assert!(check(&small).iter().all(|f| f.rule != Rule::CueAsymmetry));
    }

    #[test]
    fn duplicate_and_orphan_notes() {
        use crate::model::StudyNote;
        let note = |o: &str| StudyNote {
            objective: o.into(),
            know: "k".into(),
            trap: "t".into(),
        };
        let r = with(|b| b.notes = vec![note("d0-o0"), note("d0-o0"), note("ghost")]);
        assert!(r.contains(&Rule::DuplicateNote));
        assert!(r.contains(&Rule::UnknownObjective));
    }

    #[test]
    fn errors_sort_before_warnings() {
        let findings = {
            let mut b = base();
            b.questions[0].options[1].reason = "".into();
            b.questions[1].options[1].correct = true;
            check(&Bank::new(b.blueprint, b.questions, b.notes))
        };
        assert_eq!(findings[0].severity, Severity::Error);
        assert_eq!(findings.last().unwrap().severity, Severity::Warning);
    }

    #[test]
    fn first_error_is_checks_first_error() {
        let edits: Vec<fn(&mut Bank)> = vec![
            |_| {},
            |b| b.questions[0].options[1].reason = "".into(),
            |b| {
                b.questions[0].options[1].reason = "".into();
                b.questions[1].options[1].correct = true;
                b.questions[3].stem = "".into();
            },
            |b| {
                b.questions.retain(|q| q.objective != "d1-o1");
                b.blueprint.question_count = 100;
            },
            |b| b.blueprint.domains[0].weight_percent = 40,
            |b| {
                let note = crate::model::StudyNote {
                    objective: "d0-o0".into(),
                    know: "k".into(),
                    trap: "".into(),
                };
                b.notes = vec![note.clone(), note];
            },
        ];
        for edit in edits {
            let mut b = base();
            edit(&mut b);
            let b = Bank::new(b.blueprint, b.questions, b.notes);
            let expected = check(&b)
                .into_iter()
                .find(|f| f.severity == Severity::Error);
            assert_eq!(first_error(&b), expected);
        }
    }
}
