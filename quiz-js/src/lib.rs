//! quiz-js: the browser side of quiz-core's formats, read from values the browser's own JSON
//! parser made (and, for progress, written as values for `JSON.stringify`), through js-sys. The
//! wasm then carries neither serde_json nor serde's generated code, which cost the study app's
//! first download about 100 KB gzip between the bank and the progress record.
//!
//! - [`bank`]: the question bank's pieces (index, shards, directory), read by quiz-core's reader.
//! - [`json`]: [`JsJson`], quiz-core's `JsonValue` over a JavaScript value, through which
//!   `quiz_core::progress` loads and saves the progress record.
//!
//! It needs a JavaScript engine, so its tests are the browser tests (tests/e2e: app, faults,
//! embed); it compiles natively (quiz-embed's native tests link it) but panics there if called.

pub mod bank;
pub mod json;

pub use json::JsJson;
