//! A parsed JSON value, whoever parsed it: the one interface [`crate::progress_format`] reads and
//! writes the progress record through.
//!
//! Natively (the CLI, tests, fuzzing) the value is a `serde_json::Value`, implemented here. In
//! the browser it is a `JSON.parse`d JavaScript value (`quiz_js::JsJson`): the browser's own
//! parser and `JSON.stringify` do the text, so the app's wasm carries neither serde_json nor
//! serde's generated code for the record.
//!
//! Numbers are `f64` on both sides, as JavaScript holds them: a whole number is exact up to
//! 2^53 ([`MAX_EXACT`]).

use serde_json::Value;

/// The largest whole number every JSON reader here holds exactly (2^53, JavaScript's limit).
pub const MAX_EXACT: u64 = 1 << 53;

pub trait JsonValue: Sized {
    /// Parses JSON text; `Err` says why it is not JSON.
    fn parse(text: &str) -> Result<Self, String>;
    /// The JSON text of this value, indented when `pretty`.
    fn stringify(&self, pretty: bool) -> String;

    /// Whether this is an object (not an array, not null).
    fn is_object(&self) -> bool;
    fn is_null(&self) -> bool;
    /// The member `key` of an object, if it has one of its own.
    fn member(&self, key: &str) -> Option<Self>;
    /// An object's members in order, or `None` if this is not an object.
    fn members(&self) -> Option<Vec<(String, Self)>>;
    /// An array's elements, or `None` if this is not an array.
    fn elements(&self) -> Option<Vec<Self>>;
    fn as_bool(&self) -> Option<bool>;
    fn as_number(&self) -> Option<f64>;
    fn as_text(&self) -> Option<String>;

    fn null() -> Self;
    fn from_bool(value: bool) -> Self;
    /// A whole number (callers keep it within [`MAX_EXACT`]).
    fn from_whole(value: u64) -> Self;
    fn from_text(value: &str) -> Self;
    fn array(elements: Vec<Self>) -> Self;
    fn object(members: Vec<(&str, Self)>) -> Self;
}

impl JsonValue for Value {
    fn parse(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    fn stringify(&self, pretty: bool) -> String {
        let text = if pretty {
            serde_json::to_string_pretty(self)
        } else {
            serde_json::to_string(self)
        };
        text.unwrap_or_default()
    }

    fn is_object(&self) -> bool {
        self.is_object()
    }

    fn is_null(&self) -> bool {
        self.is_null()
    }

    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }

    fn members(&self) -> Option<Vec<(String, Self)>> {
        Some(
            self.as_object()?
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }

    fn elements(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }

    fn as_bool(&self) -> Option<bool> {
        self.as_bool()
    }

    fn as_number(&self) -> Option<f64> {
        self.as_f64()
    }

    fn as_text(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }

    fn null() -> Self {
        Value::Null
    }

    fn from_bool(value: bool) -> Self {
        Value::Bool(value)
    }

    fn from_whole(value: u64) -> Self {
        Value::from(value)
    }

    fn from_text(value: &str) -> Self {
        Value::from(value)
    }

    fn array(elements: Vec<Self>) -> Self {
        Value::Array(elements)
    }

    fn object(members: Vec<(&str, Self)>) -> Self {
        Value::Object(
            members
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    }
}
