//! Bindings to `dom.js`: the browser APIs web-sys has no stable bindings for, and geometry.

use wasm_bindgen::prelude::*;
use web_sys::{Element, Event};

#[wasm_bindgen(module = "/src/web/dom.js")]
extern "C" {
    /// `[firstBlock, startOffset, lastBlock, endOffset]` (UTF-16 offsets) of the selection
    /// inside the essay body, clipped to body blocks; `null` when there is none. `root` is
    /// the element's shadow root, or the element itself (light DOM).
    pub fn selected_blocks(root: &web_sys::Node) -> Option<Vec<u32>>;
    /// Highlights the block range and scrolls it into view; the text highlighted, or `null`.
    pub fn highlight(
        root: &web_sys::Node,
        first: u32,
        start: u32,
        last: u32,
        end: u32,
    ) -> Option<String>;
    /// Places the popover under `anchor`, or under the selection when `anchor` is null.
    pub fn place(root: &web_sys::Node, popover: &Element, anchor: Option<&Element>);
    pub fn deep_active_element() -> Option<web_sys::HtmlElement>;
    pub fn event_within(event: &Event, node: &Element) -> bool;
    pub fn can_share() -> bool;
    pub fn copy_text(text: &str) -> js_sys::Promise;
    /// Says `done` or `failed` in `popover`'s live region when `promise` settles.
    pub fn announce(promise: &js_sys::Promise, popover: &Element, done: &str, failed: &str);
    /// Fetches `url`; `done(outcome, status, content_type, text)` is called once (see dom.js).
    pub fn fetch_text(platform: &JsValue, url: &str, seconds: u32, done: JsValue);
    /// The system share sheet (its promise never rejects; nothing to announce).
    pub fn share_native(title: &str, text: &str, url: &str);
    pub fn open_url(url: &str);
    pub fn quote_image(
        quote: &str,
        attribution: &str,
        publication: &str,
        colors: Vec<String>,
        file_name: &str,
        dir: &str,
    ) -> js_sys::Promise;
    pub fn css_var(el: &Element, name: &str, fallback: &str) -> String;
    /// Fires a bubbling, composed `CustomEvent` named `name` on `host`.
    pub fn emit(host: &Element, name: &str, detail: &JsValue);
    pub fn page_url() -> String;
    pub fn page_hash() -> String;
    /// Scrolls `element` into view, as little as it takes.
    pub fn reveal(element: &Element);
}
