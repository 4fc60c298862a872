//! Content into the model in the browser: JSON text is parsed by the browser's own
//! `JSON.parse` (as the entry script captured it), and the value it makes, or the object
//! given as the `data` property, is copied out (by [`copy`], which gives what
//! serde-wasm-bindgen's `Deserializer` gives) into a [`crate::content::value::Value`], from which the model is read with the JSON path of any type
//! error. No JSON parser in the wasm.

use crate::content::model::{self, LoadError, Loaded};
use crate::content::value::Value;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

/// Content as the page gave it.
pub(crate) enum Input {
    /// JSON text (a response body, an inline `<script type="application/json">`, a `data`
    /// string), as a JavaScript string: it goes to `JSON.parse` without crossing into the
    /// wasm and back (a copy each way of the whole document).
    Text(JsValue),
    /// An object (the `data` property): read as it is, never turned into text.
    Value(JsValue),
}

/// Reads and validates `input`; `platform` holds the `parse` (JSON.parse) the entry script
/// captured before the page could replace it.
pub(crate) fn load(platform: &JsValue, input: Input) -> Result<Loaded, LoadError> {
    let value = match input {
        Input::Text(text) => parse(platform, &text)?,
        Input::Value(value) => value,
    };
    let value = copy(&value).map_err(|message| LoadError::from_serde("", &message))?;
    crate::content::value::load(&value)
}

/// `JSON.parse(text)`, after the size check `model::load` makes natively (in UTF-8 bytes).
fn parse(platform: &JsValue, text: &JsValue) -> Result<JsValue, LoadError> {
    // A UTF-16 code unit is one to three bytes of UTF-8 (a surrogate pair four): only text
    // that might be over the limit is measured exactly.
    let units = text
        .dyn_ref::<js_sys::JsString>()
        .map_or(0, |s| s.length() as usize);
    if units.saturating_mul(3) > model::MAX_DOCUMENT_BYTES {
        let bytes = text.as_string().map_or(0, |s| s.len());
        if bytes > model::MAX_DOCUMENT_BYTES {
            return Err(model::too_large(bytes));
        }
    }
    let parse = js_sys::Reflect::get(platform, &"parse".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(parse) = parse else {
        return Err(LoadError::syntax("JSON.parse is missing".into(), 0, 0));
    };
    parse.call1(&JsValue::NULL, text).map_err(|e| {
        // A SyntaxError: its message says where ("... at position 14 (line 1 column 15)").
        // gloo-utils reads it (in place of our own `Reflect.get(e, "message")`): 0.4 KB gzip
        // more wasm, its `name`, `message` and `toString()` imports and their conversions.
        let message = gloo_utils::errors::JsError::try_from(e)
            .map(|e| e.message)
            .unwrap_or_default();
        LoadError::syntax(message, 0, 0)
    })
}

/// Copies a JavaScript value (what `JSON.parse` made, or the `data` object as a page set it)
/// into a [`Value`], as serde-wasm-bindgen's `Deserializer` (0.6) hands a value to
/// `Value::deserialize`: the same order of checks (`null` and `undefined`, booleans, BigInts,
/// numbers, strings, arrays, byte arrays, objects and `Map`s, members in `Object.entries`
/// order), the same depth limit and the same messages.
///
/// Why not serde-wasm-bindgen's `Deserializer` itself: its type errors describe a number
/// through serde's `Unexpected::Float`, whose `Display` brings core's float formatting into
/// the wasm (Grisu and Dragon4, about 9 KB raw), and it is instantiated once more for each
/// type read from JavaScript. This walk is the one reader of JS values in the wasm (content,
/// `highlight()`'s selectors, `renderToString`'s options): 7.5 KB gzip less wasm (157.9 to
/// 150.4 KB for the widget).
/// `tests/web.rs` checks it gives what serde-wasm-bindgen gives, value for value.
pub(crate) fn copy(value: &JsValue) -> Result<Value, String> {
    copy_at(value, 0)
}

fn copy_at(value: &JsValue, depth: u32) -> Result<Value, String> {
    if value.loose_eq(&JsValue::NULL) {
        return Ok(Value::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if value.is_bigint() {
        return match i64::try_from(value.clone()) {
            Ok(n) => Ok(Value::Number(n as f64)),
            Err(value) => match u64::try_from(value) {
                Ok(n) => Ok(Value::Number(n as f64)),
                Err(_) => Err(
                    "Couldn't deserialize i64 or u64 from a BigInt outside i64::MIN..u64::MAX bounds"
                        .to_owned(),
                ),
            },
        };
    }
    if let Some(n) = value.as_f64() {
        // A whole number JavaScript holds exactly is read as an integer (so `-0` is `0`).
        let whole = n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER;
        return Ok(Value::Number(if whole { n as i64 as f64 } else { n }));
    }
    if let Some(s) = value.as_string() {
        return Ok(Value::String(s));
    }
    if let Some(items) = value.dyn_ref::<js_sys::Array>() {
        let depth = deeper(depth)?;
        let mut out = Vec::with_capacity((items.length() as usize).min(4096));
        for item in items.iter() {
            out.push(copy_at(&item, depth)?);
        }
        return Ok(Value::Array(out));
    }
    if value.is_instance_of::<js_sys::Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>()
    {
        return Err(invalid_type("byte array", "a JSON value"));
    }
    let is_map = value.is_instance_of::<js_sys::Map>();
    if value.is_object() && (is_map || !js_sys::Symbol::iterator().js_in(value)) {
        let depth = deeper(depth)?;
        let entries = if is_map {
            js_sys::Array::from(value)
        } else {
            js_sys::Object::entries(value.unchecked_ref())
        };
        let mut members: Vec<(String, Value)> = Vec::new();
        for entry in entries.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0);
            let Some(key) = key.as_string() else {
                return Err(invalid_type(&found(&key), "a string"));
            };
            let value = copy_at(&entry.get(1), depth)?;
            // A repeated key keeps its last value, as JSON.parse does.
            members.retain(|(old, _)| *old != key);
            members.push((key, value));
        }
        return Ok(Value::Object(members));
    }
    Err(invalid_type("", "a JSON value"))
}

/// The largest whole number a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

fn deeper(depth: u32) -> Result<u32, String> {
    if depth >= crate::content::value::MAX_DEPTH {
        Err("nested more than 128 levels deep".to_owned())
    } else {
        Ok(depth + 1)
    }
}

/// serde's wording of a type error.
fn invalid_type(found: &str, expected: &str) -> String {
    ["invalid type: ", found, ", expected ", expected].concat()
}

/// What serde-wasm-bindgen says it found in a `Map` key that is not a string (an object is
/// described by its `Debug` text, which this build leaves out).
fn found(key: &JsValue) -> String {
    use serde::de::Unexpected;
    if key.loose_eq(&JsValue::NULL) {
        "unit value".to_owned()
    } else if let Some(b) = key.as_bool() {
        crate::content::value::found(Unexpected::Bool(b))
    } else if let Some(n) = key.as_f64() {
        crate::content::value::found(Unexpected::Float(n))
    } else if key.is_instance_of::<js_sys::Uint8Array>()
        || key.is_instance_of::<js_sys::ArrayBuffer>()
    {
        "byte array".to_owned()
    } else {
        String::new()
    }
}

/// Test support: `value` copied by [`copy`], and by serde-wasm-bindgen's `Deserializer` as
/// the content reader once did (`Debug` text of the value, or the error message). Where
/// serde-wasm-bindgen describes a value by its `Debug` text (`JsValue(...)`), the text is
/// left out, as the release build (`-Zfmt-debug=none`) leaves it out.
#[doc(hidden)]
pub fn copied_both_ways(value: &JsValue) -> (Result<String, String>, Result<String, String>) {
    let ours = copy(value).map(|v| format!("{v:?}"));
    let theirs = Value::deserialize(serde_wasm_bindgen::Deserializer::from(value.clone()))
        .map(|v| format!("{v:?}"))
        .map_err(|e| {
            let text = e.to_string();
            let text = text.strip_prefix("Error: ").unwrap_or(&text);
            match text
                .strip_prefix("invalid type: JsValue(")
                .and_then(|rest| rest.rsplit_once("), expected "))
            {
                Some((_, expected)) => ["invalid type: , expected ", expected].concat(),
                None => text.to_owned(),
            }
        });
    (ours, theirs)
}
