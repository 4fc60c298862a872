//! Content into the model in the browser: JSON text is parsed by the browser's own
//! `JSON.parse` (as the entry script captured it), and the value it makes, or the object
//! given as the `data` property, is copied out with serde-wasm-bindgen into a
//! [`crate::content::value::Value`], from which the model is read with the JSON path of any type
//! error. No JSON parser in the wasm.

use crate::content::model::{self, LoadError, Loaded};
use crate::content::value::Value;
use serde::Deserialize;
use wasm_bindgen::{JsCast, JsValue};

/// Content as the page gave it.
pub(crate) enum Input {
    /// JSON text (a response body, an inline `<script type="application/json">`, a `data`
    /// string).
    Text(String),
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
    let value = Value::deserialize(serde_wasm_bindgen::Deserializer::from(value))
        .map_err(|e| LoadError::from_serde("", &message(&e)))?;
    crate::content::value::load(&value)
}

/// `JSON.parse(text)`, after the size check `model::load` makes natively.
fn parse(platform: &JsValue, text: &str) -> Result<JsValue, LoadError> {
    if text.len() > model::MAX_DOCUMENT_BYTES {
        return Err(model::too_large(text.len()));
    }
    let parse = js_sys::Reflect::get(platform, &"parse".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(parse) = parse else {
        return Err(LoadError::syntax("JSON.parse is missing".into(), 0, 0));
    };
    parse.call1(&JsValue::NULL, &text.into()).map_err(|e| {
        // A SyntaxError: its message says where ("... at position 14 (line 1 column 15)").
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .unwrap_or_default();
        LoadError::syntax(message, 0, 0)
    })
}

/// The text of a serde-wasm-bindgen error (a JS `Error`: "Error: ..." without the prefix).
fn message(e: &serde_wasm_bindgen::Error) -> String {
    let text = e.to_string();
    match text.strip_prefix("Error: ") {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}
