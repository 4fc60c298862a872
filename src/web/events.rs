//! What an element tells the page: the `essay-embed:ready` and `essay-embed:error` events and
//! their details, and the calls into the entry script.

use super::dom;
use crate::content::model;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// `essay-embed:ready`'s detail.
#[derive(Serialize)]
pub(super) struct ReadyDetail<'a> {
    pub(super) mode: &'a str,
    pub(super) essay: Option<&'a str>,
    /// The element kept the pre-rendered DOM (declarative shadow root).
    pub(super) hydrated: bool,
    /// ... and had to write it again (its render-hash was stale).
    pub(super) rerendered: bool,
    pub(super) warnings: &'a [model::Problem],
}

/// `essay-embed:error`'s detail.
#[derive(Serialize)]
pub(super) struct ErrorDetail<'a> {
    pub(super) code: &'a str,
    pub(super) message: String,
    pub(super) url: Option<&'a str>,
    pub(super) problems: Vec<String>,
}

/// `value` as a JS value, `None` as `null` (serde-wasm-bindgen's JSON-compatible form).
pub(crate) fn to_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

/// Calls the entry script's `platform[name](arg)`: `settle()` (the view is ready for the
/// page's selection, once settled) and `popover(open)` (pointer presses and keys go to the
/// element while its popover is open). Through js-sys, which the shell imports anyway.
pub(crate) fn tell(platform: &JsValue, name: &str, arg: &JsValue) {
    if let Some(f) = js_sys::Reflect::get(platform, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(platform, arg);
    }
}

pub(crate) fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    dom::emit(host, name, detail);
}
