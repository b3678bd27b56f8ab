//! The bundle: what the browser loads, written by `quiz-author bundle`, in pieces so that a
//! page downloads only the questions it shows. Text fields hold sanitized HTML rendered from the
//! content's Markdown at bundle time.
//!
//! - The **index** (`bank.json`, the address `?bank=` and `data-bank` name): the blueprint, the
//!   folder that holds the shards, and for every objective how many questions each of its shards
//!   holds. A few KB whatever the bank's size.
//! - The **shards** (`FOLDER/OBJECTIVE-PART.json`, [`Index::shard_path`]): the questions of one
//!   objective, at most [`SHARD_SIZE`] each, and the objective's study note.
//! - The **outline** (`FOLDER/outline.json`): every question's id, kind and option ids with the
//!   correct ones, without its text, in the index's order (which gives each its objective and
//!   shard): enough to draw exams and quick checks and score them ([`outline_bank`]), so the
//!   study app fetches the text of only the questions it shows ([`with_shards`]), and a blog
//!   widget that names its questions finds their shards.
//!
//! The folder is named after a hash of everything in it, so a cache can never serve shards of
//! one version with the index of another. [`split`] makes the pieces from a bank and
//! [`assemble`] puts loaded shards back together; [`crate::bundle_format`] reads them from
//! parsed JSON (natively and in the browser alike); [`parse`] reads and checks a whole bundle
//! from its texts.

use crate::assembly::Scope;
use crate::bundle_format;
use crate::json::JsonValue;
use crate::json_shape::shape;
use crate::model::{AnswerOption, Bank, Blueprint, Difficulty, Question, QuestionKind, StudyNote};
use crate::rules;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_pcg::Pcg32;
use serde::{Deserialize, Serialize};

/// The bundle format this build reads and writes.
pub const BUNDLE_FORMAT: u32 = 3;

/// The most questions one shard holds. Four keeps the largest shard under 4 KB gzip (a
/// 3-question blog widget fetches one, and its page must stay under 60 KB in all) while the
/// 625-question bank needs about 170 files; ARCHITECTURE.md has the measurements behind it.
pub const SHARD_SIZE: usize = 4;

shape! {
    /// The file a page loads first.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Index {
        pub format: u32,
        pub blueprint: Blueprint,
        /// The folder beside the index that holds the shards and the directory.
        pub folder: String,
        /// Objectives with questions, in blueprint order.
        pub objectives: Vec<ObjectiveShards>,
    }
}

shape! {
    /// How an objective's questions are split: the number of questions in each of its shards.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct ObjectiveShards {
        pub objective: String,
        pub shards: Vec<u32>,
    }
}

shape! {
    /// One shard: part `part` of an objective's questions, with the objective's study note.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Shard {
        pub format: u32,
        pub objective: String,
        pub part: u32,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub note: Option<StudyNote>,
        pub questions: Vec<Question>,
    }
}

shape! {
    /// Every question without its text.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct Outline {
        pub format: u32,
        pub questions: Vec<OutlineQuestion>,
    }
}

shape! {
    /// A question's shape: what drawing exams and scoring them need. Its objective and shard are
    /// its place: the outline lists the questions in the index's order, objective by objective
    /// and shard by shard (`placed`), so they are not written for every question (with
    /// the difficulty, which no page shows before the text, that took the outline from 5.0 to 3.1
    /// KB gzip, and a 2,000-question bank's from 12.1 to 6.3 KB).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    pub struct OutlineQuestion {
        pub id: String,
        pub kind: QuestionKind,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub choose: Option<u32>,
        /// Option ids, in content order.
        pub options: Vec<String>,
        /// The correct options' ids.
        pub correct: Vec<String>,
    }
}

/// Which shard of the index a piece is: an objective and a part.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ShardId {
    pub objective: String,
    pub part: u32,
}

impl Index {
    /// The shard's address relative to the index.
    pub fn shard_path(&self, shard: &ShardId) -> String {
        format!("{}/{}-{}.json", self.folder, shard.objective, shard.part)
    }

    /// The outline's address relative to the index.
    pub fn outline_path(&self) -> String {
        format!("{}/outline.json", self.folder)
    }

    /// Every shard, in blueprint order.
    pub fn shards(&self) -> Vec<ShardId> {
        let mut out = vec![];
        for o in &self.objectives {
            for part in 0..o.shards.len() as u32 {
                out.push(ShardId {
                    objective: o.objective.clone(),
                    part,
                });
            }
        }
        out
    }

    /// The shards of one objective.
    pub fn shards_of(&self, objective: &str) -> Vec<ShardId> {
        self.shards()
            .into_iter()
            .filter(|s| s.objective == objective)
            .collect()
    }

    /// How many questions the bank has in all.
    pub fn question_count(&self) -> usize {
        self.objectives
            .iter()
            .flat_map(|o| &o.shards)
            .map(|&n| n as usize)
            .sum()
    }
}

/// A bank in pieces, before the folder is named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pieces {
    pub blueprint: Blueprint,
    pub objectives: Vec<ObjectiveShards>,
    pub shards: Vec<Shard>,
    pub outline: Outline,
}

impl Pieces {
    /// The index, once the folder's name (from a hash of the pieces) is known.
    pub fn index(&self, folder: &str) -> Index {
        Index {
            format: BUNDLE_FORMAT,
            blueprint: self.blueprint.clone(),
            folder: folder.to_string(),
            objectives: self.objectives.clone(),
        }
    }
}

/// Splits a bank into shards of at most [`SHARD_SIZE`] questions per objective, balanced (13
/// questions make four shards: 4, 3, 3, 3), in blueprint and then content order. Questions whose
/// objective the blueprint lacks are left out (the content rules reject such a bank anyway).
pub fn split(bank: &Bank) -> Pieces {
    let mut objectives = vec![];
    let mut shards = vec![];
    let mut outline = vec![];
    for (_, objective) in bank.objectives() {
        let questions: Vec<&Question> = bank
            .questions_for_objective(&objective.id)
            .into_iter()
            .map(|i| &bank.questions[i])
            .collect();
        if questions.is_empty() {
            continue;
        }
        let parts = questions.len().div_ceil(SHARD_SIZE);
        let mut sizes = vec![];
        let mut rest = questions.as_slice();
        for part in 0..parts {
            let take = rest.len().div_ceil(parts - part);
            let (these, others) = rest.split_at(take);
            rest = others;
            sizes.push(take as u32);
            for q in these {
                outline.push(OutlineQuestion {
                    id: q.id.clone(),
                    kind: q.kind,
                    choose: q.choose,
                    options: q.options.iter().map(|o| o.id.clone()).collect(),
                    correct: q.correct_ids().into_iter().map(str::to_string).collect(),
                });
            }
            shards.push(Shard {
                format: BUNDLE_FORMAT,
                objective: objective.id.clone(),
                part: part as u32,
                note: bank.note_for(&objective.id).cloned(),
                questions: these.iter().map(|q| (*q).clone()).collect(),
            });
        }
        objectives.push(ObjectiveShards {
            objective: objective.id.clone(),
            shards: sizes,
        });
    }
    Pieces {
        blueprint: bank.blueprint.clone(),
        objectives,
        shards,
        outline: Outline {
            format: BUNDLE_FORMAT,
            questions: outline,
        },
    }
}

/// A bank from its index and the shards loaded so far (any order; each shard at most once). A
/// page that loaded some shards gets a bank of those questions; one that loaded them all gets
/// the whole bank, in the order [`split`] took it apart.
pub fn assemble(index: &Index, mut shards: Vec<Shard>) -> Result<Bank, BundleError> {
    let order: Vec<ShardId> = index.shards();
    // Each shard goes to its place in the index's order (no sort: one slot per shard).
    let mut slots: Vec<Option<Shard>> = order.iter().map(|_| None).collect();
    for shard in shards.drain(..) {
        let at = order
            .iter()
            .position(|id| id.objective == shard.objective && id.part == shard.part);
        let Some(at) = at else {
            return Err(BundleError::Unreadable(format!(
                "the index has no shard {}-{}",
                shard.objective, shard.part
            )));
        };
        let expected = index
            .objectives
            .iter()
            .find(|o| o.objective == shard.objective)
            .map(|o| o.shards[shard.part as usize]);
        if expected != Some(shard.questions.len() as u32)
            || shard
                .questions
                .iter()
                .any(|q| q.objective != shard.objective)
        {
            return Err(BundleError::Unreadable(format!(
                "shard {}-{} does not match the index",
                shard.objective, shard.part
            )));
        }
        if slots[at].is_some() {
            return Err(BundleError::Unreadable(format!(
                "shard {}-{} given twice",
                shard.objective, shard.part
            )));
        }
        slots[at] = Some(shard);
    }
    let mut questions = vec![];
    let mut notes: Vec<StudyNote> = vec![];
    for shard in slots.into_iter().flatten() {
        if let Some(note) = shard.note {
            if !notes.iter().any(|n| n.objective == note.objective) {
                notes.push(note);
            }
        }
        questions.extend(shard.questions);
    }
    Ok(Bank::new(index.blueprint.clone(), questions, notes))
}

/// The shards a quick check of `count` questions over `scope` fetches, so that a page (a blog
/// widget) downloads a few questions instead of the bank: for a list of question ids, the shards
/// that hold them (from the outline; none without it); otherwise the scope's objectives in a
/// seeded order, one shard each (a seeded part), round after round until `count` questions are
/// in. The quick check is then drawn from the questions those shards hold.
pub fn shards_for(
    index: &Index,
    scope: &Scope,
    count: usize,
    seed: u64,
    outline: Option<&Outline>,
) -> Vec<ShardId> {
    if let Scope::Questions(ids) = scope {
        return outline
            .map(|o| shards_holding(index, o, ids))
            .unwrap_or_default();
    }
    let bp = &index.blueprint;
    let in_scope = |domain: &str, section: &str, objective: &str| match scope {
        Scope::All => true,
        Scope::Domain(id) => id == domain,
        Scope::Section(id) => id == section,
        Scope::Objective(id) => id == objective,
        Scope::Questions(_) => false,
    };
    let mut rng = Pcg32::seed_from_u64(seed);
    let mut objectives: Vec<Vec<ShardId>> = vec![];
    for d in &bp.domains {
        for s in &d.sections {
            for o in s
                .objectives
                .iter()
                .filter(|o| in_scope(&d.id, &s.id, &o.id))
            {
                let mut parts = index.shards_of(&o.id);
                parts.shuffle(&mut rng);
                if !parts.is_empty() {
                    objectives.push(parts);
                }
            }
        }
    }
    objectives.shuffle(&mut rng);
    let size = |s: &ShardId| {
        index
            .objectives
            .iter()
            .find(|o| o.objective == s.objective)
            .map_or(0, |o| o.shards[s.part as usize] as usize)
    };
    let mut out = vec![];
    let mut have = 0;
    let rounds = objectives.iter().map(Vec::len).max().unwrap_or(0);
    'rounds: for round in 0..rounds {
        for parts in &objectives {
            if have >= count {
                break 'rounds;
            }
            if let Some(shard) = parts.get(round) {
                have += size(shard);
                out.push(shard.clone());
            }
        }
    }
    out
}

/// The shards that hold these questions, each once, in the order the questions name them.
/// Ids the outline lacks are passed over; an outline that is not the index's (see
/// [`outline_bank`]) holds none.
pub fn shards_holding(index: &Index, outline: &Outline, ids: &[String]) -> Vec<ShardId> {
    let (placed, whole) = placed(index, outline);
    if !whole {
        return vec![];
    }
    let mut out: Vec<ShardId> = vec![];
    for id in ids {
        let place = placed.iter().find_map(|&(q, objective, part)| {
            (&q.id == id).then(|| ShardId {
                objective: objective.to_string(),
                part,
            })
        });
        if let Some(shard) = place {
            if !out.contains(&shard) {
                out.push(shard);
            }
        }
    }
    out
}

/// A question of the outline, its objective and its shard's part.
type Placed<'a> = (&'a OutlineQuestion, &'a str, u32);

/// The outline's questions with their objectives and shards (it lists them in the index's
/// order, objective by objective and shard by shard), as far as both go; and whether they end
/// together, as an outline and the index it came with do. Loops rather than nested iterators:
/// those cost the app's first screen 1.5 KB of code.
fn placed<'a>(index: &'a Index, outline: &'a Outline) -> (Vec<Placed<'a>>, bool) {
    let mut questions = outline.questions.iter();
    let mut out = Vec::with_capacity(outline.questions.len());
    for o in &index.objectives {
        for (part, &n) in o.shards.iter().enumerate() {
            for _ in 0..n {
                let Some(q) = questions.next() else {
                    return (out, false);
                };
                out.push((q, o.objective.as_str(), part as u32));
            }
        }
    }
    let whole = questions.next().is_none();
    (out, whole)
}

/// What a question's text fields hold until its shard is in (never shown: pages wait for the
/// shards of the questions they show). Not blank, so the content rules pass over it.
pub const NOT_LOADED: &str = "…";

/// A bank of every question in the outline, without text ([`NOT_LOADED`] in every text field,
/// [`Difficulty::Medium`] for every difficulty) and without study notes: enough to show the home
/// page, draw exams and quick checks, and score them. [`with_shards`] fills in the questions a
/// page shows. An outline that does not list as many questions as the index counts is not the
/// index's.
pub fn outline_bank(index: &Index, outline: &Outline) -> Result<Bank, BundleError> {
    let (placed, whole) = placed(index, outline);
    if !whole {
        return Err(BundleError::Unreadable(format!(
            "the outline's {} questions are not the ones the index counts",
            outline.questions.len()
        )));
    }
    let questions = placed
        .into_iter()
        .map(|(q, objective, _)| Question {
            id: q.id.clone(),
            objective: objective.to_string(),
            kind: q.kind,
            choose: q.choose,
            difficulty: Difficulty::Medium,
            tags: vec![],
            stem: NOT_LOADED.into(),
            options: q
                .options
                .iter()
                .map(|id| AnswerOption {
                    id: id.clone(),
                    text: NOT_LOADED.into(),
                    correct: q.correct.contains(id),
                    reason: NOT_LOADED.into(),
                })
                .collect(),
            explanation: NOT_LOADED.into(),
            references: vec![],
        })
        .collect();
    Ok(Bank::new(index.blueprint.clone(), questions, vec![]))
}

/// The bank with the questions (and study notes) of `shards` in place of their outlines. A
/// question the bank lacks, or whose shape (objective, kind, how many to choose, option ids,
/// which are correct) differs from its outline, is passed over: the outline is what was checked
/// and what exams were drawn and are scored from, so a shard can add text but never change an
/// answer or move a question.
/// The bank is filled in place: no question moves, so its indexes stay as they are (rebuilding
/// them and copying every question was most of the task that paints a page's first question).
pub fn with_shards(mut bank: Bank, shards: Vec<Shard>) -> Bank {
    for shard in shards {
        if let Some(note) = shard.note {
            if bank.note_for(&note.objective).is_none() {
                bank.notes.push(note);
            }
        }
        for q in shard.questions {
            if let Some(i) = bank
                .question_position(&q.id)
                .filter(|&i| same_shape(&bank.questions[i], &q))
            {
                bank.questions[i] = q;
            }
        }
    }
    bank
}

fn same_shape(a: &Question, b: &Question) -> bool {
    a.objective == b.objective
        && a.kind == b.kind
        && a.choose == b.choose
        && a.options.len() == b.options.len()
        && a.options
            .iter()
            .zip(&b.options)
            .all(|(x, y)| x.id == y.id && x.correct == y.correct)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    /// Not JSON, or not shaped like a bundle.
    Unreadable(String),
    /// A bundle format this build does not read.
    Format(u32),
    /// The content breaks a rule (first error message).
    Invalid(String),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::Unreadable(why) => write!(f, "the question bank could not be read: {why}"),
            BundleError::Format(v) => write!(
                f,
                "the question bank uses format {v}; this app reads format {BUNDLE_FORMAT}"
            ),
            BundleError::Invalid(why) => write!(f, "the question bank is invalid: {why}"),
        }
    }
}

impl std::error::Error for BundleError {}

/// Reads a whole bundle natively: the index's text and a way to get a shard's text by its path
/// (relative to the index), through the same reader the browser runs; then checks it with the
/// content rules. Never panics.
pub fn parse(
    index: &str,
    shard_text: impl Fn(&str) -> Option<String>,
) -> Result<Bank, BundleError> {
    let index: Index = bundle_format::read_index(&parse_json(index)?)?;
    let mut shards = vec![];
    for id in index.shards() {
        let path = index.shard_path(&id);
        let text = shard_text(&path)
            .ok_or_else(|| BundleError::Unreadable(format!("{path} is missing")))?;
        shards.push(bundle_format::read_shard(&parse_json(&text)?)?);
    }
    checked(assemble(&index, shards)?)
}

fn parse_json(text: &str) -> Result<serde_json::Value, BundleError> {
    <serde_json::Value as JsonValue>::parse(text).map_err(BundleError::Unreadable)
}

/// The format check every reader of a bundle piece runs before reading the rest.
pub fn check_format(format: u32) -> Result<(), BundleError> {
    if format == BUNDLE_FORMAT {
        Ok(())
    } else {
        Err(BundleError::Format(format))
    }
}

/// The content check after a bank is assembled, here and in the study app (which runs it from a
/// chunk fetched beside the bank): the first error any content rule finds, as [`rules::check`]
/// orders them.
pub fn check(bank: &Bank) -> Result<(), BundleError> {
    match rules::first_error(bank) {
        Some(error) => Err(BundleError::Invalid(error.message)),
        None => Ok(()),
    }
}

/// The bank if [`check`] finds no error.
pub fn checked(bank: Bank) -> Result<Bank, BundleError> {
    check(&bank).map(|()| bank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::fixtures::bank;
    use std::collections::HashMap;

    /// The pieces of a bank as texts by path, as `quiz-author bundle` writes them.
    fn texts(b: &Bank) -> (String, HashMap<String, String>) {
        let pieces = split(b);
        let index = pieces.index("bank-test");
        let mut files = HashMap::new();
        for shard in &pieces.shards {
            let id = ShardId {
                objective: shard.objective.clone(),
                part: shard.part,
            };
            files.insert(index.shard_path(&id), serde_json::to_string(shard).unwrap());
        }
        files.insert(
            index.outline_path(),
            serde_json::to_string(&pieces.outline).unwrap(),
        );
        (serde_json::to_string(&index).unwrap(), files)
    }

    #[test]
    fn split_then_parse_gives_the_same_bank() {
        let b = bank(&[50, 50], 2, 12, 4);
        let (index, files) = texts(&b);
        let back = parse(&index, |p| files.get(p).cloned()).unwrap();
        assert_eq!(back.questions, b.questions);
        assert_eq!(back.blueprint, b.blueprint);
    }

    #[test]
    fn shards_are_balanced_and_small() {
        for n in [1, 4, 5, 6, 12, 13, 16] {
            let b = bank(&[100], 1, n, 1);
            let pieces = split(&b);
            let sizes = &pieces.objectives[0].shards;
            assert_eq!(sizes.iter().sum::<u32>() as usize, n);
            assert_eq!(sizes.len(), n.div_ceil(SHARD_SIZE), "{n}: {sizes:?}");
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            assert!(
                max - min <= 1 && *max as usize <= SHARD_SIZE,
                "{n}: {sizes:?}"
            );
            assert_eq!(pieces.outline.questions.len(), n);
        }
    }

    #[test]
    fn some_shards_make_a_bank_of_their_questions() {
        let b = bank(&[50, 50], 2, 7, 4);
        let pieces = split(&b);
        let index = pieces.index("f");
        let wanted: Vec<Shard> = pieces
            .shards
            .iter()
            .filter(|s| s.objective == "d1-o0")
            .cloned()
            .collect();
        let part = assemble(&index, wanted).unwrap();
        assert_eq!(part.questions.len(), 7);
        assert!(part.questions.iter().all(|q| q.objective == "d1-o0"));
        assert_eq!(index.question_count(), 28);
        assert_eq!(index.shards_of("d1-o0").len(), 2);
    }

    #[test]
    fn assemble_refuses_pieces_that_do_not_fit() {
        let b = bank(&[100], 1, 6, 4);
        let pieces = split(&b);
        let index = pieces.index("f");
        let mut short = pieces.shards[0].clone();
        short.questions.pop();
        assert!(assemble(&index, vec![short]).is_err());
        let mut stranger = pieces.shards[0].clone();
        stranger.objective = "nope".into();
        assert!(assemble(&index, vec![stranger]).is_err());
        assert!(assemble(
            &index,
            vec![pieces.shards[0].clone(), pieces.shards[0].clone()]
        )
        .is_err());
    }

    #[test]
    fn a_widget_fetches_one_shard_of_its_objective() {
        let b = bank(&[50, 50], 3, 12, 4);
        let pieces = split(&b);
        let index = pieces.index("f");
        let mut parts_seen = std::collections::HashSet::new();
        for seed in 0..40 {
            let shards = shards_for(&index, &Scope::Objective("d0-o1".into()), 3, seed, None);
            assert_eq!(shards.len(), 1, "{shards:?}");
            assert_eq!(shards[0].objective, "d0-o1");
            parts_seen.insert(shards[0].part);
        }
        assert_eq!(parts_seen.len(), 3, "every part of the objective comes up");
        // More questions than one shard holds: more shards of the objective.
        assert_eq!(
            shards_for(&index, &Scope::Objective("d0-o1".into()), 9, 1, None).len(),
            3
        );
        assert_eq!(
            shards_for(&index, &Scope::Objective("d0-o1".into()), 99, 1, None).len(),
            3
        );
        assert_eq!(
            shards_for(&index, &Scope::Objective("nope".into()), 3, 1, None),
            vec![]
        );
    }

    #[test]
    fn a_wider_scope_spreads_over_objectives_and_stops_when_enough() {
        let b = bank(&[50, 50], 3, 12, 4);
        let index = split(&b).index("f");
        let shards = shards_for(&index, &Scope::Domain("d1".into()), 10, 5, None);
        let objectives: std::collections::HashSet<_> =
            shards.iter().map(|s| s.objective.as_str()).collect();
        assert_eq!(
            shards.len(),
            3,
            "three shards of four questions make ten: {shards:?}"
        );
        assert_eq!(objectives.len(), 3, "one per objective first");
        assert!(shards.iter().all(|s| s.objective.starts_with("d1-")));
        assert_eq!(shards_for(&index, &Scope::All, 1, 5, None).len(), 1);
        // The same seed, the same shards.
        assert_eq!(
            shards_for(&index, &Scope::All, 7, 9, None),
            shards_for(&index, &Scope::All, 7, 9, None)
        );
    }

    #[test]
    fn the_outline_draws_and_scores_like_the_bank_and_shards_fill_it_in() {
        use crate::assembly::{full_exam, quick_check};
        let mut b = bank(&[60, 40], 3, 9, 10);
        // The outline leaves difficulty out: nothing that draws or scores may depend on it.
        for (i, q) in b.questions.iter_mut().enumerate() {
            q.difficulty = Difficulty::NAMES[i % 3].1;
        }
        let pieces = split(&b);
        let index = pieces.index("f");
        let outline = outline_bank(&index, &pieces.outline).unwrap();
        for seed in 0..5 {
            assert_eq!(
                full_exam(&outline, seed, true),
                full_exam(&b, seed, true),
                "shared exam links stay the same"
            );
            assert_eq!(
                quick_check(&outline, &Scope::All, 7, seed, true),
                quick_check(&b, &Scope::All, 7, seed, true)
            );
        }
        assert!(
            check(&outline).is_ok(),
            "the content rules pass over text not loaded yet"
        );
        for (q, full) in outline.questions.iter().zip(&b.questions) {
            assert_eq!(
                (q.correct_ids(), q.picks_required(), q.stem.as_str()),
                (full.correct_ids(), full.picks_required(), NOT_LOADED)
            );
        }
        let paper = quick_check(&outline, &Scope::Domain("d1".into()), 4, 3, true).unwrap();
        let ids: Vec<String> = paper.items.iter().map(|i| i.question_id.clone()).collect();
        let needed = shards_holding(&index, &pieces.outline, &ids);
        assert!(!needed.is_empty() && needed.len() <= ids.len());
        let loaded: Vec<Shard> = pieces
            .shards
            .iter()
            .filter(|s| {
                needed
                    .iter()
                    .any(|n| n.objective == s.objective && n.part == s.part)
            })
            .cloned()
            .collect();
        let filled = with_shards(outline.clone(), loaded);
        for id in &ids {
            assert_eq!(filled.question(id), b.question(id), "{id} has its text");
        }
        assert_eq!(filled.questions.len(), b.questions.len());
        assert!(
            filled.questions.iter().any(|q| q.stem == NOT_LOADED),
            "the others still wait"
        );
    }

    #[test]
    fn the_outline_lists_questions_in_the_places_the_index_gives() {
        let b = bank(&[60, 40], 3, 9, 10);
        let pieces = split(&b);
        let index = pieces.index("f");
        let (places, whole) = placed(&index, &pieces.outline);
        assert!(whole);
        assert_eq!(places.len(), index.question_count());
        for (&(q, objective, part), full) in places.iter().zip(&b.questions) {
            let shard = pieces
                .shards
                .iter()
                .find(|s| s.objective == objective && s.part == part)
                .unwrap();
            assert!(
                shard.questions.iter().any(|s| s.id == q.id),
                "{} in {objective}-{part}",
                q.id
            );
            assert_eq!(full.id, q.id, "in the bank's order");
            assert_eq!(
                shards_holding(&index, &pieces.outline, std::slice::from_ref(&q.id)),
                vec![ShardId {
                    objective: objective.to_string(),
                    part
                }]
            );
        }
        let mut short = pieces.outline.clone();
        short.questions.pop();
        assert_eq!(
            outline_bank(&index, &short).map(|_| ()),
            Err(BundleError::Unreadable(format!(
                "the outline's {} questions are not the ones the index counts",
                places.len() - 1
            )))
        );
        let mut long = pieces.outline.clone();
        long.questions.push(long.questions[0].clone());
        assert!(outline_bank(&index, &long).is_err());
        assert_eq!(
            shards_holding(&index, &long, &[long.questions[1].id.clone()]),
            vec![],
            "an outline that is not the index's places no question"
        );
    }

    #[test]
    fn a_shard_cannot_change_an_answer() {
        let b = bank(&[100], 1, 4, 4);
        let pieces = split(&b);
        let outline = outline_bank(&pieces.index("f"), &pieces.outline).unwrap();
        let mut shard = pieces.shards[0].clone();
        shard.questions[0].options[0].correct = false;
        shard.questions[0].options[1].correct = true;
        shard.questions[1].options[2].id = "z".into();
        shard.questions[2].stem = "Text that may come in".into();
        shard.questions[3].objective = "d0-o1".into();
        let filled = with_shards(outline.clone(), vec![shard]);
        assert_eq!(
            filled.questions[0], outline.questions[0],
            "a changed key is refused"
        );
        assert_eq!(
            filled.questions[1], outline.questions[1],
            "changed option ids are refused"
        );
        assert_eq!(filled.questions[2].stem, "Text that may come in");
        assert_eq!(
            filled.questions[3], outline.questions[3],
            "a question moved to another objective is refused"
        );
    }

    #[test]
    fn named_questions_come_from_the_outline() {
        let b = bank(&[100], 2, 12, 4);
        let pieces = split(&b);
        let index = pieces.index("f");
        let ids = vec![
            "d0-o1-q11".to_string(),
            "d0-o0-q0".to_string(),
            "d0-o1-q10".to_string(),
            "ghost".to_string(),
        ];
        let shards = shards_for(
            &index,
            &Scope::Questions(ids.clone()),
            3,
            1,
            Some(&pieces.outline),
        );
        assert_eq!(
            shards,
            vec![
                ShardId {
                    objective: "d0-o1".into(),
                    part: 2
                },
                ShardId {
                    objective: "d0-o0".into(),
                    part: 0
                }
            ]
        );
        assert_eq!(
            shards_for(&index, &Scope::Questions(ids), 3, 1, None),
            vec![]
        );
    }

    #[test]
    fn rejects_bad_bundles() {
        let b = bank(&[50, 50], 2, 2, 4);
        let (index, files) = texts(&b);
        assert!(matches!(
            parse("nope", |_| None),
            Err(BundleError::Unreadable(_))
        ));
        assert!(matches!(
            parse("{\"format\":1}", |_| None),
            Err(BundleError::Format(1))
        ));
        assert!(matches!(
            parse(&format!("{{\"format\":{BUNDLE_FORMAT}}}"), |_| None),
            Err(BundleError::Unreadable(_))
        ));
        assert!(
            matches!(parse(&index, |_| None), Err(BundleError::Unreadable(m)) if m.contains("is missing"))
        );
        let broken = |p: &str| {
            files
                .get(p)
                .map(|t| t.replacen("\"correct\":false", "\"correct\":true", 1))
        };
        assert!(matches!(
            parse(&index, broken),
            Err(BundleError::Invalid(_))
        ));
    }
}
