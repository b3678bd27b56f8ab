//! [`JsJson`]: quiz-core's [`JsonValue`] over a JavaScript value: `JSON.parse`, `JSON.stringify`,
//! and plain objects and arrays in between.

use js_sys::{Array, Object, Reflect, JSON};
use quiz_core::json::JsonValue;
use wasm_bindgen::{JsCast, JsValue};

/// A JSON value as the browser holds it.
#[derive(Clone, Debug)]
pub struct JsJson(pub JsValue);

fn message(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .and_then(|e| e.message().as_string())
        .unwrap_or_else(|| "not JSON".into())
}

impl JsonValue for JsJson {
    fn parse(text: &str) -> Result<Self, String> {
        JSON::parse(text).map(JsJson).map_err(message)
    }

    fn stringify(&self, pretty: bool) -> String {
        let text = if pretty {
            JSON::stringify_with_replacer_and_space(&self.0, &JsValue::NULL, &JsValue::from(2))
        } else {
            JSON::stringify(&self.0)
        };
        text.ok().and_then(|t| t.as_string()).unwrap_or_default()
    }

    fn is_object(&self) -> bool {
        self.0.is_object() && !Array::is_array(&self.0)
    }

    fn is_null(&self) -> bool {
        self.0.is_null()
    }

    fn member(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let key = JsValue::from_str(key);
        // Own members only: `constructor` or `toString` are not fields of a parsed object.
        if !Object::has_own(self.0.unchecked_ref::<Object>(), &key) {
            return None;
        }
        Reflect::get(&self.0, &key).ok().map(JsJson)
    }

    fn members(&self) -> Option<Vec<(String, Self)>> {
        if !self.is_object() {
            return None;
        }
        let entries = Object::entries(self.0.unchecked_ref());
        Some(
            entries
                .iter()
                .filter_map(|pair| {
                    let pair: Array = pair.unchecked_into();
                    Some((pair.get(0).as_string()?, JsJson(pair.get(1))))
                })
                .collect(),
        )
    }

    fn elements(&self) -> Option<Vec<Self>> {
        Array::is_array(&self.0)
            .then(|| self.0.unchecked_ref::<Array>().iter().map(JsJson).collect())
    }

    fn as_bool(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn as_number(&self) -> Option<f64> {
        self.0.as_f64()
    }

    fn as_text(&self) -> Option<String> {
        self.0.as_string()
    }

    fn null() -> Self {
        JsJson(JsValue::NULL)
    }

    fn from_bool(value: bool) -> Self {
        JsJson(JsValue::from_bool(value))
    }

    fn from_whole(value: u64) -> Self {
        JsJson(JsValue::from_f64(value as f64))
    }

    fn from_text(value: &str) -> Self {
        JsJson(JsValue::from_str(value))
    }

    fn array(elements: Vec<Self>) -> Self {
        JsJson(elements.into_iter().map(|e| e.0).collect::<Array>().into())
    }

    fn object(members: Vec<(&str, Self)>) -> Self {
        // No prototype, so a key like `__proto__` is a plain member, as `JSON.parse` makes it.
        let object = Object::create(JsValue::NULL.unchecked_ref::<Object>());
        for (key, value) in members {
            let _ = Reflect::set(&object, &JsValue::from_str(key), &value.0);
        }
        JsJson(object.into())
    }
}
