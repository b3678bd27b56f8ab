//! Reading JSON values ([`JsonValue`]) into Rust values with serde's strictness and a readable
//! error: the building blocks of [`crate::progress_format`] and [`crate::bundle_format`]. A
//! [`Reader`] keeps the first error and reads on with [`Placeholder`]s, so readers need no early
//! returns; [`At`] says where a value is (`exams["x"].attempts[2].percent`).

use crate::json::{JsonValue, MAX_EXACT};
use std::collections::BTreeMap;

/// A whole number in `0..=max` (and within [`MAX_EXACT`]).
pub fn exact_whole<J: JsonValue>(v: &J, max: u64) -> Option<u64> {
    let n = v.as_number()?;
    (n.fract() == 0.0 && n >= 0.0 && n <= max.min(MAX_EXACT) as f64).then_some(n as u64)
}

/// Where a value is in the record, for error messages (`exams["x"].attempts[2].percent`); put
/// into words only when there is an error.
pub enum At<'a> {
    Root,
    Field(&'a At<'a>, &'a str),
    Item(&'a At<'a>, usize),
    Key(&'a At<'a>, &'a str),
}

impl std::fmt::Display for At<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            At::Root => f.write_str("the top level"),
            At::Field(At::Root, key) => f.write_str(key),
            At::Field(parent, key) => write!(f, "{parent}.{key}"),
            At::Item(parent, i) => write!(f, "{parent}[{i}]"),
            At::Key(parent, key) => write!(f, "{parent}[\"{key}\"]"),
        }
    }
}

/// What a value that could not be read is replaced by while reading goes on (the record is
/// thrown away at the end). `Default` where there is one.
pub trait Placeholder {
    fn placeholder() -> Self;
}

impl<T: Default> Placeholder for T {
    fn placeholder() -> Self {
        T::default()
    }
}

/// Reads values and keeps the first error. A value that cannot be read becomes a
/// [`Placeholder`] and reading goes on, so no field needs an early return (with `?` at every
/// field, the clean-up code of the fields read so far came to most of this reader's size).
pub struct Reader {
    pub error: Option<String>,
}

/// An object's fields, with where it is for error messages.
pub struct Fields<'a, J> {
    object: &'a J,
    at: &'a At<'a>,
}

impl Reader {
    pub fn fail<T: Placeholder>(&mut self, at: &At, what: &str) -> T {
        if self.error.is_none() {
            self.error = Some(format!("{at}: {what}"));
        }
        T::placeholder()
    }

    pub fn whole<J: JsonValue>(&mut self, v: &J, at: &At, max: u64) -> u64 {
        match exact_whole(v, max) {
            Some(n) => n,
            None => self.fail(
                at,
                &format!("not a whole number from 0 to {}", max.min(MAX_EXACT)),
            ),
        }
    }

    pub fn small<J: JsonValue>(&mut self, v: &J, at: &At) -> u32 {
        self.whole(v, at, u32::MAX as u64) as u32
    }

    pub fn timestamp<J: JsonValue>(&mut self, v: &J, at: &At) -> u64 {
        self.whole(v, at, u64::MAX)
    }

    pub fn text<J: JsonValue>(&mut self, v: &J, at: &At) -> String {
        v.as_text().unwrap_or_else(|| self.fail(at, "not text"))
    }

    pub fn boolean<J: JsonValue>(&mut self, v: &J, at: &At) -> bool {
        v.as_bool()
            .unwrap_or_else(|| self.fail(at, "not true or false"))
    }

    /// One of the names an enum is written as.
    pub fn name_of<J: JsonValue, T: Copy + Placeholder>(
        &mut self,
        v: &J,
        at: &At,
        names: &[(&str, T)],
    ) -> T {
        let name = self.text(v, at);
        match names.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => *value,
            None => self.fail(at, &format!("unknown value \"{name}\"")),
        }
    }

    pub fn list<J: JsonValue, T>(
        &mut self,
        v: &J,
        at: &At,
        item: impl Fn(&mut Self, &J, &At) -> T,
    ) -> Vec<T> {
        let Some(elements) = v.elements() else {
            return self.fail(at, "not a list");
        };
        let mut out = Vec::with_capacity(elements.len());
        for (i, e) in elements.iter().enumerate() {
            out.push(item(self, e, &At::Item(at, i)));
        }
        out
    }

    pub fn texts<J: JsonValue>(&mut self, v: &J, at: &At) -> Vec<String> {
        self.list(v, at, Self::text)
    }

    pub fn map<J: JsonValue, T>(
        &mut self,
        v: &J,
        at: &At,
        item: impl Fn(&mut Self, &J, &At) -> T,
    ) -> BTreeMap<String, T> {
        let Some(members) = v.members() else {
            return self.fail(at, "not an object");
        };
        let mut out = BTreeMap::new();
        for (k, e) in members {
            let value = item(self, &e, &At::Key(at, &k));
            out.insert(k, value);
        }
        out
    }

    /// The fields of `object`; an error (and no fields) if it is not an object.
    pub fn fields<'a, J: JsonValue>(&mut self, object: &'a J, at: &'a At<'a>) -> Fields<'a, J> {
        if !object.is_object() {
            self.fail::<()>(at, "not an object");
        }
        Fields { object, at }
    }

    /// A required field.
    pub fn req<J: JsonValue, T: Placeholder>(
        &mut self,
        f: &Fields<J>,
        key: &str,
        read: impl FnOnce(&mut Self, &J, &At) -> T,
    ) -> T {
        let at = At::Field(f.at, key);
        match f.object.member(key) {
            Some(v) if self.error.is_none() => read(self, &v, &at),
            Some(_) => T::placeholder(),
            None => self.fail(&at, "missing"),
        }
    }

    /// A field that takes `default` when absent (serde's `#[serde(default)]`).
    pub fn or<J: JsonValue, T>(
        &mut self,
        f: &Fields<J>,
        key: &str,
        default: T,
        read: impl FnOnce(&mut Self, &J, &At) -> T,
    ) -> T {
        match f.object.member(key) {
            Some(v) => read(self, &v, &At::Field(f.at, key)),
            None => default,
        }
    }

    /// A field that takes its type's default when absent.
    pub fn or_default<J: JsonValue, T: Default>(
        &mut self,
        f: &Fields<J>,
        key: &str,
        read: impl FnOnce(&mut Self, &J, &At) -> T,
    ) -> T {
        self.or(f, key, T::default(), read)
    }

    /// An `Option` field: absent or null is `None`.
    pub fn optional<J: JsonValue, T>(
        &mut self,
        f: &Fields<J>,
        key: &str,
        read: impl FnOnce(&mut Self, &J, &At) -> T,
    ) -> Option<T> {
        match f.object.member(key) {
            Some(v) if !v.is_null() => Some(read(self, &v, &At::Field(f.at, key))),
            _ => None,
        }
    }
}
