//! From the model to HTML text: Markdown to safe blocks, the article, card and series views,
//! the escaping writer (which checks every `href`/`src` against content's URL allow-list),
//! the widget's words, JSON-LD, the pre-rendered element and the element's own loading and
//! error states.

// The element's attribute rules: the shell reads them all, the CLI `heading-level` alone.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod attributes;
pub(crate) mod element;
pub(crate) mod html;
pub(crate) mod i18n;
// Native only: serde_json writes it, and the wasm has no JSON writer.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod jsonld;
pub(crate) mod markdown;
pub(crate) mod states;
// The allow-list and the map live in `content`, which applies them first.
pub(crate) use crate::content::strmap;
pub(crate) use crate::content::url;
pub(crate) mod view;

// The end-to-end suites of the core that read its internals (XSS, bad input, properties,
// every language, the patched pulldown-cmark). Native only: they parse HTML with html5ever.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
