//! quiz-core: everything the practice-exam app knows, as plain Rust with no web dependencies.
//! It builds for native targets (tested there) and for wasm32 (used by quiz-web).
//!
//! - [`model`]: blueprint, questions, notes, and the indexed [`model::Bank`].
//! - [`rules`]: content rules shared by the CLI and the browser; [`cues`]: the wording-cue
//!   families and figures they use.
//! - [`assembly`]: full exams by blueprint weights, quick checks and drills, from a seed;
//!   [`custom`]: custom practice (the builder's choices, their link, their paper).
//! - [`attempt`]: the attempt state machine with an absolute deadline.
//! - [`scoring`]: all-or-nothing scoring and reports.
//! - [`progress`]: the versioned progress record kept in the browser, with migrations.
//! - [`schedule`]: spaced review (FSRS): each question's memory, replayed from the attempts, and
//!   which questions are due.
//! - [`progress_format`]: the record's JSON shape, read and written through [`json::JsonValue`]
//!   (serde_json natively, `JSON.parse` in the browser).
//! - [`bundle`]: what the browser loads, in pieces (index, outline, shards);
//!   [`bundle_format`]: reading them through [`json::JsonValue`]; [`json_shape`]: each shape
//!   declared once (serde's derives and the reader/writer the browser runs from one
//!   declaration); [`json_read`]: the reading building blocks.
//! - [`safe_html`]: bank HTML as a page inserts it, through the one allowlist of what
//!   quiz-author's renderer writes (the study app and the blog embed both use it).
//! - [`study`]: the study app's exam bookkeeping: finishing, reviewing and retaking attempts,
//!   saving with a merge, importing and resuming.
//! - [`percent`]: percent-coding of ids in links (routes, custom-practice queries).
//! - [`order`]: the one stable sort everything uses (one copy of the sort code in the wasm).

pub mod assembly;
pub mod attempt;
pub mod bundle;
pub mod bundle_format;
pub mod cues;
pub mod custom;
pub mod estimate;
pub mod json;
pub mod json_read;
pub mod json_shape;
pub mod model;
pub mod order;
pub mod percent;
pub mod progress;
pub mod progress_format;
pub mod rules;
pub mod safe_html;
pub mod schedule;
pub mod scoring;
pub mod study;

pub use assembly::{Paper, PaperItem, Scope};
pub use attempt::{Attempt, AttemptError, Mode};
pub use model::{Bank, Blueprint, Question, QuestionKind};
pub use progress::ProgressRecord;
pub use scoring::Report;
