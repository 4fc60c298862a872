//! `renderToString`: the essay's HTML for servers and bundler users, with no element.

use super::load::{self, Input};
use crate::render::view::{self, Mode, RenderOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// `renderToString`'s options.
#[derive(Deserialize, Default)]
struct StringOptions {
    mode: Option<String>,
    essay: Option<String>,
    lang: Option<String>,
}

/// The HTML of `content` (an object, or JSON text) rendered as `options` say
/// (`{mode, essay, lang}`), for servers and bundler users. Throws with a message naming every
/// problem when the content is invalid.
#[wasm_bindgen(js_name = renderToString)]
pub fn render_to_string(
    platform: &JsValue,
    content: JsValue,
    options: JsValue,
) -> Result<String, JsError> {
    let options: StringOptions = if options.is_undefined() || options.is_null() {
        StringOptions::default()
    } else {
        let error = |e: &dyn std::fmt::Display| {
            JsError::new(&["essay-embed: options: ", &e.to_string()].concat())
        };
        let value = load::copy(&options).map_err(|e| error(&e))?;
        StringOptions::deserialize(&value).map_err(|e| error(&e))?
    };
    let mode = match options.mode.as_deref() {
        None => Mode::Article,
        Some(m) => Mode::parse(m)
            .ok_or_else(|| JsError::new("essay-embed: mode must be article, card or series"))?,
    };
    let input = if content.is_string() {
        Input::Text(content)
    } else {
        Input::Value(content)
    };
    let loaded = load::load(platform, input).map_err(|e| JsError::new(&e.to_string()))?;
    let options = RenderOptions {
        mode,
        essay: options.essay.as_deref(),
        lang: options.lang.as_deref(),
        ..RenderOptions::default()
    };
    view::render(&loaded.document, &options)
        .map(|r| r.html)
        .map_err(|e| JsError::new(&e.to_string()))
}
