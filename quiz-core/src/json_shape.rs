//! One declaration per JSON shape. [`shape!`] takes a struct as it is written once, with serde's
//! derives and field attributes, and adds its [`Shape`]: the reader and writer over any
//! [`JsonValue`] that the browser runs (`JSON.parse`d values through quiz-js) and the native
//! tests and fuzz targets run (serde_json's `Value`). The reader and serde read the same field
//! names and the same defaults because both come from the same tokens: a field attribute the
//! macro does not know is a compile error, not a silent difference. [`names!`] does the same for
//! enums written as names. Shapes that are not a plain object of fields (tagged enums, a tuple,
//! a struct-wide default) implement [`Shape`] by hand beside their format's other code.
//!
//! Reading is as strict as serde is: a required field that is absent, a value of the wrong type
//! or an unknown name is an error naming where it is (`questions[3].options[1].correct:
//! missing`); fields the shape does not name are ignored.

use crate::json::JsonValue;
use crate::json_read::{At, Fields, Placeholder, Reader};
use std::collections::{BTreeMap, BTreeSet};

/// A type's JSON shape: how it is read from and written to a [`JsonValue`].
pub trait Shape: Sized {
    /// Reads a value; on an error, records it in `r` and returns a placeholder.
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self;
    /// The value as JSON.
    fn write<J: JsonValue>(&self) -> J;
    /// What a field of this type is when it is absent and its declaration gives no default:
    /// `None` for an `Option` (as serde reads it), otherwise an error (`missing`).
    fn absent() -> Option<Self> {
        None
    }
}

/// A field with no `#[serde(default)]`: required, unless its type says what absent means.
pub fn required<J: JsonValue, T: Shape + Placeholder>(
    r: &mut Reader,
    f: &Fields<J>,
    key: &str,
) -> T {
    match T::absent() {
        Some(absent) => r.or(f, key, absent, T::read),
        None => r.req(f, key, T::read),
    }
}

/// Whether a field holds its type's default (what `skip_serializing_if` leaves out).
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Shape for String {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.text(v, at)
    }
    fn write<J: JsonValue>(&self) -> J {
        J::from_text(self)
    }
}

impl Shape for bool {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.boolean(v, at)
    }
    fn write<J: JsonValue>(&self) -> J {
        J::from_bool(*self)
    }
}

impl Shape for u8 {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.whole(v, at, u8::MAX as u64) as u8
    }
    fn write<J: JsonValue>(&self) -> J {
        J::from_whole(*self as u64)
    }
}

impl Shape for u32 {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.small(v, at)
    }
    fn write<J: JsonValue>(&self) -> J {
        J::from_whole(*self as u64)
    }
}

/// A position: at most `u32::MAX` in any format here.
impl Shape for usize {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.small(v, at) as usize
    }
    fn write<J: JsonValue>(&self) -> J {
        J::from_whole(*self as u64)
    }
}

/// A time in milliseconds: whole, and exact in JavaScript.
impl Shape for u64 {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.timestamp(v, at)
    }
    fn write<J: JsonValue>(&self) -> J {
        J::from_whole(*self)
    }
}

/// `null` is `None`, as is an absent field (see [`Shape::absent`]).
impl<T: Shape> Shape for Option<T> {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        (!v.is_null()).then(|| T::read(r, v, at))
    }
    fn write<J: JsonValue>(&self) -> J {
        self.as_ref().map_or_else(J::null, T::write)
    }
    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Shape> Shape for Vec<T> {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.list(v, at, T::read)
    }
    fn write<J: JsonValue>(&self) -> J {
        J::array(self.iter().map(T::write).collect())
    }
}

/// A set is a list (a repeated item is kept once, as serde reads it).
impl<T: Shape + Ord> Shape for BTreeSet<T> {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        let mut set = BTreeSet::new();
        for item in r.list(v, at, T::read) {
            set.insert(item);
        }
        set
    }
    fn write<J: JsonValue>(&self) -> J {
        J::array(self.iter().map(T::write).collect())
    }
}

/// A map is an object keyed by the map's keys.
impl<T: Shape> Shape for BTreeMap<String, T> {
    fn read<J: JsonValue>(r: &mut Reader, v: &J, at: &At) -> Self {
        r.map(v, at, T::read)
    }
    fn write<J: JsonValue>(&self) -> J {
        J::object(self.iter().map(|(k, v)| (k.as_str(), v.write())).collect())
    }
}

/// Declares a struct and its [`Shape`] at once (see the module's documentation). Each field may
/// carry doc comments and then one serde attribute of the forms the reader understands:
/// `#[serde(default)]`, `#[serde(default, skip_serializing_if = "Option::is_none")]` or
/// `#[serde(default, skip_serializing_if = "Vec::is_empty")]`.
macro_rules! shape {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[serde($($serde:tt)*)])?
                $field_vis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $(
                $(#[doc = $doc])*
                $(#[serde($($serde)*)])?
                $field_vis $field: $ty,
            )*
        }

        impl $crate::json_shape::Shape for $name {
            fn read<J: $crate::json::JsonValue>(
                r: &mut $crate::json_read::Reader,
                v: &J,
                at: &$crate::json_read::At,
            ) -> Self {
                let f = &r.fields(v, at);
                $name {
                    $( $field: $crate::json_shape::read_field!(r, f, stringify!($field), [$($($serde)*)?]), )*
                }
            }

            fn write<J: $crate::json::JsonValue>(&self) -> J {
                let mut members: Vec<(&str, J)> =
                    Vec::with_capacity([$(stringify!($field)),*].len());
                $( $crate::json_shape::write_field!(members, stringify!($field), &self.$field, [$($($serde)*)?]); )*
                J::object(members)
            }
        }
    };
}

/// A field's reading, from its serde attribute (see [`shape!`]).
macro_rules! read_field {
    ($r:ident, $f:ident, $key:expr, []) => {
        $crate::json_shape::required($r, $f, $key)
    };
    ($r:ident, $f:ident, $key:expr, [default $(, skip_serializing_if = "Option::is_none")?]) => {
        $r.or_default($f, $key, $crate::json_shape::Shape::read)
    };
    ($r:ident, $f:ident, $key:expr, [default, skip_serializing_if = "Vec::is_empty"]) => {
        $r.or_default($f, $key, $crate::json_shape::Shape::read)
    };
}

/// A field's writing, from its serde attribute (see [`shape!`]): left out when serde leaves it out.
macro_rules! write_field {
    ($members:ident, $key:expr, $value:expr, [$(default)?]) => {
        $members.push(($key, $crate::json_shape::Shape::write($value)))
    };
    ($members:ident, $key:expr, $value:expr, [default, skip_serializing_if = $skip:literal]) => {
        if !$crate::json_shape::is_default($value) {
            $members.push(($key, $crate::json_shape::Shape::write($value)))
        }
    };
}

/// Declares an enum whose values are written as names (`Single = "single"`), with serde's
/// renames and its [`Shape`] from the same names. The enum is `Copy` and has a
/// [`Placeholder`](crate::json_read::Placeholder) (its `Default`, or one written by hand).
macro_rules! names {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $text:literal
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $(
                $(#[$variant_meta])*
                #[serde(rename = $text)]
                $variant,
            )*
        }

        impl $name {
            /// Every value with the name it is written as.
            pub const NAMES: &'static [(&'static str, $name)] = &[$(($text, $name::$variant)),*];

            /// The name this value is written as.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl $crate::json_shape::Shape for $name {
            fn read<J: $crate::json::JsonValue>(
                r: &mut $crate::json_read::Reader,
                v: &J,
                at: &$crate::json_read::At,
            ) -> Self {
                r.name_of(v, at, Self::NAMES)
            }

            fn write<J: $crate::json::JsonValue>(&self) -> J {
                J::from_text(self.name())
            }
        }
    };
}

pub(crate) use {names, read_field, shape, write_field};
