//! The content model (version 1 of the content JSON), its reading and its validation.
//!
//! The types derive serde's `Deserialize` and `Serialize` (and, natively, schemars'
//! `JsonSchema`: the published JSON Schema is generated from exactly these types). Reading
//! happens in two steps:
//!
//! 1. deserialising, by serde, from a value tree (`src/content/value/`): natively serde_json
//!    parses the text into it, in the browser it is copied out of the value `JSON.parse` made.
//!    One reader for both, so `essay-embed check` accepts exactly what the widget accepts. A
//!    value of the wrong type stops it, and the error names its JSON path; a JSON syntax error
//!    keeps its line and column.
//! 2. [`validate`]: a pass over the typed model that collects every semantic problem with its
//!    path (missing titles, duplicate ids, dates, `lang`, `dir`, limits), so an editor sees
//!    the whole list at once. A URL that the allow-list refuses is dropped with a warning:
//!    the essay still renders, without it.
//!
//! ```
//! let err = essay_embed::load(r#"{"version":1,"essays":[{"id":"a","title":" "},{"body":"B"}]}"#).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "the content is not valid: essays[0].title: must not be blank; essays[1].id: missing; essays[1].title: missing",
//! );
//!
//! let loaded = essay_embed::load(r#"{"title":"T","authors":[{"name":"N","url":"javascript:x"}]}"#).unwrap();
//! assert_eq!(loaded.document.essays[0].authors[0].url, None);
//! assert_eq!(loaded.warnings[0].path, "authors[0].url");
//! ```
//!
//! A [`Document`] read or built with serde directly is checked by [`validate`] (its example).

mod check;
mod document;
mod error;
mod limits;
mod read;
#[cfg(test)]
mod tests;

pub(crate) use check::{blank_to_none, Checker};
pub use check::{is_language_tag, validate, validate_content};
pub use document::{
    Author, BodyFormat, CallToAction, Document, Essay, Image, Publication, PullQuote, Series,
    FORMAT_VERSION,
};
pub(crate) use error::{index, join, quoted};
pub use error::{LoadError, LoadErrorKind, Problem, SyntaxError};
pub(crate) use limits::{over_limit, too_large};
pub use limits::{MAX_BODY_BYTES, MAX_DOCUMENT_BYTES, MAX_ID_BYTES, MAX_PULL_QUOTES};
#[cfg(not(target_arch = "wasm32"))]
pub use read::load;
pub use read::{Content, Form, Loaded};
