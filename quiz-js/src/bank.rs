//! The bundle's pieces (`quiz_core::bundle`: index, shards, outline) as the browser parsed
//! them (`Response.json()`, `JSON.parse`), read by quiz-core's own reader
//! (`quiz_core::bundle_format`) through [`JsJson`], so the browser runs the reader that the
//! native tests and the fuzz targets run. Used by the study app and the blog embed.

use crate::JsJson;
use quiz_core::bundle::{self, BundleError, Index, Outline, Shard};
use quiz_core::bundle_format::{self, OutlineReading};
use quiz_core::model::Bank;
use wasm_bindgen::JsValue;

/// The index (`bank.json`).
pub fn index(value: &JsValue) -> Result<Index, BundleError> {
    bundle_format::read_index(&JsJson(value.clone()))
}

/// The outline (`FOLDER/outline.json`).
pub fn outline(value: &JsValue) -> Result<Outline, BundleError> {
    bundle_format::read_outline(&JsJson(value.clone()))
}

/// The outline, to read a few questions at a time (`OutlineReading::step`).
pub fn outline_reading(value: &JsValue) -> Result<OutlineReading<JsJson>, BundleError> {
    OutlineReading::start(&JsJson(value.clone()))
}

/// Parsed shards, read.
pub fn shards(values: &[JsValue]) -> Result<Vec<Shard>, BundleError> {
    let mut read = Vec::with_capacity(values.len());
    for value in values {
        read.push(bundle_format::read_shard(&JsJson(value.clone()))?);
    }
    Ok(read)
}

/// The bank of the index's questions in `shards` (each a parsed shard). Run
/// `quiz_core::bundle::check` on it before trusting its content.
pub fn bank(index: &Index, values: &[JsValue]) -> Result<Bank, BundleError> {
    bundle::assemble(index, shards(values)?)
}
