//! Writing the core's HTML into the page: through the `essay-embed` Trusted Types policy where
//! the page enforces them, in one assignment.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[wasm_bindgen(inline_js = r#"
let policy;
export function set_html(root, html) {
  // Under `require-trusted-types-for 'script'` innerHTML needs a TrustedHTML. The policy is
  // a pass-through because the core only ever emits escaped, allow-listed HTML.
  if (policy === undefined) {
    try { policy = globalThis.trustedTypes?.createPolicy?.('essay-embed', { createHTML: (s) => s }) ?? null; }
    catch { policy = null; }
  }
  root.innerHTML = policy ? policy.createHTML(html) : html;
}
export function append_html(parent, html) {
  const holder = parent.ownerDocument.createElement('div');
  set_html(holder, html);
  const element = holder.firstElementChild;
  if (element) parent.append(element);
  return element;
}
export function insert_before_block(body, html, block) {
  const holder = body.ownerDocument.createElement('div');
  set_html(holder, html);
  const element = holder.firstElementChild;
  const before = block == null ? null : body.querySelector(`:scope > [data-block="${block}"]`);
  if (element) body.insertBefore(element, before ?? body.firstChild);
  return element;
}
"#)]
extern "C" {
    /// `root.innerHTML = html`, through the `essay-embed` Trusted Types policy where the page
    /// enforces Trusted Types.
    #[wasm_bindgen(catch)]
    fn set_html(root: &JsValue, html: &str) -> Result<(), JsValue>;
    /// Parses `html` (one element) the same way and appends it to `parent`; the element.
    #[wasm_bindgen(catch)]
    pub(crate) fn append_html(parent: &Element, html: &str) -> Result<Option<Element>, JsValue>;
    /// The same, inserted into the essay `body` before its block `block`, else first.
    #[wasm_bindgen(catch)]
    pub(crate) fn insert_before_block(
        body: &Element,
        html: &str,
        block: Option<u32>,
    ) -> Result<Option<Element>, JsValue>;
}

/// Replaces `node`'s content (a shadow root or an element) in one assignment.
pub(crate) fn replace_content(node: &JsValue, html: &str) {
    if set_html(node, html).is_err() {
        // Trusted Types refused our policy (the page's CSP does not list "essay-embed"):
        // say so in the console; text content needs no policy.
        web_sys::console::error_1(&JsValue::from_str(
            "essay-embed: this page enforces Trusted Types; allow the policy \"essay-embed\" in its CSP",
        ));
        if let Some(node) = node.dyn_ref::<web_sys::Node>() {
            node.set_text_content(Some(
                "essay-embed: blocked by this page's Trusted Types policy",
            ));
        }
    }
}
