//! The content: the typed model and its validation, the JSON Feed mapping, dates, the
//! browser's reader of the value `JSON.parse` made, and (natively) the JSON Schema generated from the model.

pub mod date;
pub mod feed;
pub mod model;
#[cfg(not(target_arch = "wasm32"))]
pub mod schema;
// The browser's reader; natively it is tested against serde_json's.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod value;
