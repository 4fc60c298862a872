//! The content: the typed model and its validation, the JSON Feed mapping, dates, the
//! browser's reader of the value `JSON.parse` made, (natively) the JSON Schema generated from
//! the model, and the URL allow-list that validation applies and the HTML writer applies
//! again. Content is the first step of the pipeline, so the small helpers every later step
//! shares (a substring search and a string map, smaller in the wasm than core's) live here too.

pub(crate) mod date;
pub(crate) mod feed;
pub(crate) mod model;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) mod schema;
pub(crate) mod search;
pub(crate) mod strmap;
pub(crate) mod url;
// The browser's reader; natively it is tested against serde_json's.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod value;
