//! The content model (version 1 of the content JSON), its reading and its validation.
//!
//! The types derive serde's `Deserialize` and `Serialize` (and, natively, schemars'
//! `JsonSchema`: the published JSON Schema is generated from exactly these types). Reading
//! happens in two steps:
//!
//! 1. deserialising, by serde, from a value tree (`src/content/value.rs`): natively serde_json
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
//! let err = essay_embed::content::model::load(r#"{"version":1,"essays":[{"id":"a","title":" "},{"body":"B"}]}"#).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "the content is not valid: essays[0].title: must not be blank; essays[1].id: missing; essays[1].title: missing",
//! );
//!
//! let loaded = essay_embed::content::model::load(r#"{"title":"T","authors":[{"name":"N","url":"javascript:x"}]}"#).unwrap();
//! assert_eq!(loaded.document.essays[0].authors[0].url, None);
//! assert_eq!(loaded.warnings[0].path, "authors[0].url");
//! ```
//!
//! A Rust program can build or read a [`Document`] with serde directly, then validate it:
//!
//! ```
//! use essay_embed::content::model::{self, Document};
//! use essay_embed::render::view::{render, RenderOptions};
//! let doc: Document = serde_json::from_str(
//!     r#"{"version":1,"essays":[{"id":"a","title":"Hello","authors":[{"name":"Ada"}],
//!         "body":"First *words*.","pull_quotes":["First"]}]}"#,
//! ).unwrap();
//! let loaded = model::validate(doc).unwrap();
//! let out = render(&loaded.document, &RenderOptions::default()).unwrap();
//! assert!(out.html.contains("<em>words</em>"));
//! ```

use crate::content::feed::JsonFeed;
use crate::render::url;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// The only content format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole content document: one publication, an optional series and its essays.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Document {
    /// Always 1.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publication: Option<Publication>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<Series>,
    /// At least one essay; ids are unique.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub essays: Vec<Essay>,
    /// Overrides for the widget's own words, by key (see the README), e.g. `{"read_essay": "Read"}`.
    #[serde(default, with = "string_map", skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "std::collections::BTreeMap<String, String>")
    )]
    pub strings: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Publication {
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// URL of a logo image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copyright: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cta: Option<CallToAction>,
    /// An editorial credit line, e.g. "This digital magazine was edited by Chris Russell."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct CallToAction {
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub label: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Series {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dek: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Essay {
    /// Unique within the document; used by the `essay` attribute and in share links.
    /// Letters, digits, `-`, `_` and `.`. Required in a document; optional for a bare essay
    /// (then "essay").
    #[serde(default)]
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kicker: Option<String>,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub title: String,
    /// The standfirst: one or two sentences under the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dek: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// RFC 3339 date (`2020-09-09`) or date-time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// Where the essay lives; share links and link-out cards point here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub canonical_url: Option<String>,
    /// BCP 47 language tag of the essay text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// `ltr`, `rtl` or `auto`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Markdown (CommonMark with tables, footnotes and strikethrough; raw HTML is shown as
    /// text). Without a body the essay is a link-out card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Sentences of the body shown as pull quotes: `{"text": "..."}` or the sentence alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pull_quotes: Vec<PullQuote>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// How `body` is written. Not part of the JSON: JSON Feed's `content_text` is plain text.
    #[serde(skip)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(skip))]
    pub body_format: BodyFormat,
}

/// Markdown for the content format; plain text for JSON Feed's `content_text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BodyFormat {
    #[default]
    Markdown,
    PlainText,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Author {
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// URL of a square portrait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Image {
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub src: String,
    /// Describe the image; `""` marks a purely decorative one. Left out, it is a warning
    /// (and the image is rendered as decorative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// The image's width in pixels, given with `height`: the page reserves the image's
    /// space before it loads (nothing below it moves), and link previews and oEmbed
    /// consumers get the thumbnail's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub width: Option<u32>,
    /// The image's height in pixels, given with `width`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(range(min = 1)))]
    pub height: Option<u32>,
}

impl Image {
    /// Width and height, when both are known.
    pub fn size(&self) -> Option<(u32, u32)> {
        self.width.zip(self.height)
    }
}

/// A pull quote. In JSON, `{"text": "..."}` or, as shorthand, the sentence as a string.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PullQuote {
    /// A sentence of the body (elisions written ". . ." or "…" are allowed).
    pub text: String,
}

/// The two JSON forms of a pull quote, for the schema (the reader is [`PullQuote`]'s
/// `Deserialize`, which reads either without buffering the value).
#[cfg(not(target_arch = "wasm32"))]
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum PullQuoteForm {
    /// Shorthand for `{"text": ...}`.
    Sentence(String),
    Object {
        /// A sentence of the body (elisions written ". . ." or "…" are allowed).
        text: String,
    },
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonSchema for PullQuote {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PullQuote".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        PullQuoteForm::json_schema(generator)
    }
}

impl<'de> Deserialize<'de> for PullQuote {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PullQuoteVisitor;
        impl<'de> Visitor<'de> for PullQuoteVisitor {
            type Value = PullQuote;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or an object with \"text\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<PullQuote, E> {
                Ok(PullQuote {
                    text: text.to_owned(),
                })
            }
            fn visit_string<E: de::Error>(self, text: String) -> Result<PullQuote, E> {
                Ok(PullQuote { text })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PullQuote, A::Error> {
                let mut text = None;
                while let Some(key) = map.next_key::<PullQuoteField>()? {
                    match key {
                        PullQuoteField::Text => text = Some(map.next_value::<String>()?),
                        PullQuoteField::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                // Without "text" it is empty, and validation reports it with the rest.
                Ok(PullQuote {
                    text: text.unwrap_or_default(),
                })
            }
        }
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum PullQuoteField {
            Text,
            #[serde(other)]
            Other,
        }
        deserializer.deserialize_any(PullQuoteVisitor)
    }
}

/// `strings` is a JSON object; kept as pairs in source order.
mod string_map {
    use serde::de::{MapAccess, Visitor};
    use serde::ser::SerializeMap;
    use serde::{Deserializer, Serializer};
    use std::fmt;

    pub fn serialize<S: Serializer>(pairs: &[(String, String)], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(pairs.len()))?;
        for (k, v) in pairs {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(String, String)>, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Vec<(String, String)>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut pairs: Vec<(String, String)> = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    // A repeated key keeps its last value, as JSON.parse does.
                    pairs.retain(|(old, _)| *old != k);
                    pairs.push((k, v));
                }
                Ok(pairs)
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Vec::new())
            }
        }
        d.deserialize_any(Pairs)
    }
}

/// Every form of content the widget reads: a version-1 document, a bare essay (a document
/// of that one essay), or a JSON Feed 1.0/1.1 document (mapped onto the model).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "essay-embed content, version 1")
)]
#[serde(untagged)]
pub enum Content {
    Document(Document),
    // An object with `version` or `essays` is read as a document or a feed (see `Form`).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(extend("not" = {"anyOf": [{"required": ["version"]}, {"required": ["essays"]}]}))
    )]
    Essay(Essay),
    JsonFeed(JsonFeed),
}

/// Which of the [`Content`] forms a value is, read from its `version` and `essays` members
/// alone (the rest of the value is skipped, not copied), so that the value is then read as
/// that one type and a type error names its path and what that type expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Document,
    Essay,
    JsonFeed,
}

impl<'de> Deserialize<'de> for Form {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FormVisitor;
        impl<'de> Visitor<'de> for FormVisitor {
            type Value = Form;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a content object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Form, A::Error> {
                let mut form = Form::Essay;
                while let Some(key) = map.next_key::<FormField>()? {
                    match key {
                        FormField::Version => {
                            if map.next_value::<VersionKind>()?.0 {
                                form = Form::JsonFeed;
                            } else if form == Form::Essay {
                                form = Form::Document;
                            }
                        }
                        FormField::Essays => {
                            map.next_value::<IgnoredAny>()?;
                            if form == Form::Essay {
                                form = Form::Document;
                            }
                        }
                        FormField::Other => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(form)
            }
        }
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum FormField {
            Version,
            Essays,
            #[serde(other)]
            Other,
        }
        /// True for a JSON Feed version URL; any other value is skipped.
        struct VersionKind(bool);
        impl<'de> Deserialize<'de> for VersionKind {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = VersionKind;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a version")
                    }
                    fn visit_str<E>(self, s: &str) -> Result<VersionKind, E> {
                        Ok(VersionKind(s.starts_with("https://jsonfeed.org/version/1")))
                    }
                    fn visit_bool<E>(self, _: bool) -> Result<VersionKind, E> {
                        Ok(VersionKind(false))
                    }
                    fn visit_i64<E>(self, _: i64) -> Result<VersionKind, E> {
                        Ok(VersionKind(false))
                    }
                    fn visit_u64<E>(self, _: u64) -> Result<VersionKind, E> {
                        Ok(VersionKind(false))
                    }
                    fn visit_f64<E>(self, _: f64) -> Result<VersionKind, E> {
                        Ok(VersionKind(false))
                    }
                    fn visit_unit<E>(self) -> Result<VersionKind, E> {
                        Ok(VersionKind(false))
                    }
                    fn visit_seq<A: de::SeqAccess<'de>>(
                        self,
                        mut seq: A,
                    ) -> Result<VersionKind, A::Error> {
                        while seq.next_element::<IgnoredAny>()?.is_some() {}
                        Ok(VersionKind(false))
                    }
                    fn visit_map<A: MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<VersionKind, A::Error> {
                        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                        Ok(VersionKind(false))
                    }
                }
                d.deserialize_any(V)
            }
        }
        deserializer.deserialize_map(FormVisitor)
    }
}

/// One problem in a document, at a JSON path such as `essays[2].authors[0].name`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            f.write_str(&self.path)?;
            f.write_str(": ")?;
            f.write_str(&self.message)
        }
    }
}

/// Why a text is not JSON, and where (1-based line and column) when the parser said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub message: String,
    /// 0 when unknown (the browser's `JSON.parse` gives a message only).
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not valid JSON: ")?;
        f.write_str(&self.message)?;
        if self.line > 0 {
            f.write_str(" at line ")?;
            fmt::Display::fmt(&self.line, f)?;
            f.write_str(", column ")?;
            fmt::Display::fmt(&self.column, f)?;
        }
        Ok(())
    }
}

/// Why content could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    kind: LoadErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The text is not JSON.
    Syntax(SyntaxError),
    /// The JSON does not describe valid content; every problem found, in document order.
    Invalid(Vec<Problem>),
}

impl LoadError {
    pub fn kind(&self) -> &LoadErrorKind {
        &self.kind
    }

    /// A short machine-readable code, used in the `essay-embed:error` event.
    pub fn code(&self) -> &'static str {
        match self.kind {
            LoadErrorKind::Syntax(_) => "invalid-json",
            LoadErrorKind::Invalid(_) => "invalid-content",
        }
    }

    /// The problems of an `Invalid` error (empty for a syntax error).
    pub fn problems(&self) -> &[Problem] {
        match &self.kind {
            LoadErrorKind::Invalid(p) => p,
            LoadErrorKind::Syntax(_) => &[],
        }
    }

    /// A syntax error: the text is not JSON.
    pub fn syntax(message: String, line: usize, column: usize) -> LoadError {
        LoadError {
            kind: LoadErrorKind::Syntax(SyntaxError {
                message,
                line,
                column,
            }),
        }
    }

    /// One problem at `path`.
    pub fn invalid(path: String, message: String) -> LoadError {
        LoadError {
            kind: LoadErrorKind::Invalid(vec![Problem { path, message }]),
        }
    }

    /// A type error from serde, at the path serde_path_to_error (or `value`) tracked. `message` is the
    /// deserializer's, without any position; it is reworded to read like ours
    /// ("expected a string, found integer `5`", "missing").
    pub fn from_serde(path: &str, message: &str) -> LoadError {
        let mut path = path.to_owned();
        if path == "." {
            path.clear();
        }
        let message = if let Some(field) = message
            .strip_prefix("missing field `")
            .and_then(|m| m.strip_suffix('`'))
        {
            path = join(&path, field);
            "missing".to_owned()
        } else if let Some((found, expected)) = message
            .strip_prefix("invalid type: ")
            .and_then(|m| crate::share::search::split_once(m, ", expected "))
        {
            // The browser's value copy (as serde-wasm-bindgen) describes a value that is no JSON
            // by its Debug text, which this build leaves out.
            let found = if found.is_empty() {
                "an array or an object"
            } else {
                found
            };
            ["expected ", expected, ", found ", found].concat()
        } else if let Some((found, expected)) = message
            .strip_prefix("invalid value: ")
            .and_then(|m| crate::share::search::split_once(m, ", expected "))
        {
            ["expected ", expected, ", found ", found].concat()
        } else {
            message.to_owned()
        };
        LoadError::invalid(path, message)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            LoadErrorKind::Syntax(e) => {
                f.write_str("the content is ")?;
                fmt::Display::fmt(e, f)
            }
            LoadErrorKind::Invalid(problems) => {
                f.write_str("the content is not valid: ")?;
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    fmt::Display::fmt(p, f)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A document that passed validation, with the warnings found on the way: content that
/// renders, but not as the editor meant (a URL left out, a pull quote not found in the
/// body, an image without alt text).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub document: Document,
    pub warnings: Vec<Problem>,
}

/// Reads and validates content JSON: a version-1 document, a bare essay object, or a
/// JSON Feed 1.0/1.1 document (native; the browser reads the value `JSON.parse` made).
#[cfg(not(target_arch = "wasm32"))]
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(text.len()));
    }
    if text.trim().is_empty() {
        return Err(LoadError::syntax("the document is empty".into(), 0, 0));
    }
    let value: crate::content::value::Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        // serde_json puts " at line L column C" after the message.
        let message = match full.rfind(" at line ") {
            Some(at) if e.line() > 0 => &full[..at],
            _ => &full,
        };
        LoadError::syntax(message.to_owned(), e.line(), e.column())
    })?;
    crate::content::value::load(&value)
}

/// Validates content of any form (see [`validate`]).
pub fn validate_content(content: Content) -> Result<Loaded, LoadError> {
    match content {
        Content::Document(doc) => validate(doc),
        Content::Essay(essay) => {
            let mut cx = Checker::default();
            let mut essay = essay;
            if essay.id.is_empty() {
                "essay".clone_into(&mut essay.id);
            }
            cx.essay(&mut essay, "");
            cx.finish(Document {
                version: FORMAT_VERSION,
                essays: vec![essay],
                ..Document::default()
            })
        }
        Content::JsonFeed(feed) => {
            let mut cx = Checker::default();
            let doc = crate::content::feed::to_document(feed, &mut cx);
            cx.check_ids(&doc, "items");
            cx.finish(doc)
        }
    }
}

/// Checks a document: every problem is collected with its path. URLs the allow-list refuses
/// are dropped, blank optional strings become `None`, pull quotes beyond the limit are left
/// out (each a warning); the rest are errors.
pub fn validate(mut doc: Document) -> Result<Loaded, LoadError> {
    let mut cx = Checker::default();
    if doc.version == 0 {
        cx.error("version", "missing (this widget reads version 1)");
    } else if doc.version != FORMAT_VERSION {
        cx.error(
            "version",
            [
                "unsupported version ",
                &doc.version.to_string(),
                " (this widget reads version 1)",
            ]
            .concat(),
        );
    }
    if let Some(p) = &mut doc.publication {
        cx.required(&p.name, "publication.name");
        cx.url(&mut p.url, "publication.url");
        cx.url(&mut p.logo, "publication.logo");
        blank_to_none(&mut p.copyright);
        blank_to_none(&mut p.credit);
        if let Some(cta) = &p.cta {
            cx.required(&cta.label, "publication.cta.label");
            cx.required(&cta.url, "publication.cta.url");
            if let Err(why) = url::check(&cta.url) {
                cx.dropped("publication.cta.url", why, "the call to action is left out");
                p.cta = None;
            }
        }
    }
    if let Some(s) = &mut doc.series {
        blank_to_none(&mut s.id);
        cx.required(&s.title, "series.title");
        blank_to_none(&mut s.dek);
        cx.url(&mut s.url, "series.url");
    }
    if doc.essays.is_empty() {
        cx.error("essays", "must hold at least one essay");
    }
    for (i, essay) in doc.essays.iter_mut().enumerate() {
        let path = index("essays", i);
        if essay.id.is_empty() {
            cx.error(&join(&path, "id"), "missing");
        }
        cx.essay(essay, &path);
    }
    cx.check_ids(&doc, "essays");
    cx.finish(doc)
}

pub(crate) fn too_large(bytes: usize) -> LoadError {
    LoadError::invalid(
        String::new(),
        over_limit("too large: ", bytes, MAX_DOCUMENT_BYTES),
    )
}

/// Content larger than this is refused before parsing: it could only be a mistake, and
/// laying out that much text would freeze the host page for seconds.
pub const MAX_DOCUMENT_BYTES: usize = 8 << 20;

/// The longest essay body accepted (Markdown source): a book, not an essay, beyond it.
pub const MAX_BODY_BYTES: usize = 2 << 20;

/// Pull quotes shown per essay; more are reported and left out. Each is looked for in the
/// body, so their number multiplies the work of a render, and no page shows more.
pub const MAX_PULL_QUOTES: usize = 64;

/// "too large: 10.2 MB (the limit is 8.0 MB)", for `what` (with its ": ").
pub(crate) fn over_limit(what: &str, bytes: usize, limit: usize) -> String {
    [
        what,
        &megabytes(bytes),
        " (the limit is ",
        &megabytes(limit),
        ")",
    ]
    .concat()
}

/// "10.5 MB", with integer arithmetic (no float formatting in the wasm).
fn megabytes(bytes: usize) -> String {
    let tenths = bytes * 10 / (1 << 20);
    [
        (tenths / 10).to_string(),
        ".".to_owned(),
        (tenths % 10).to_string(),
        " MB".to_owned(),
    ]
    .concat()
}

/// Collects problems while checking fields.
#[derive(Default)]
pub(crate) struct Checker {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        let mut p = String::with_capacity(path.len() + 1 + key.len());
        p.push_str(path);
        p.push('.');
        p.push_str(key);
        p
    }
}

pub(crate) fn index(path: &str, i: usize) -> String {
    let mut p = String::with_capacity(path.len() + 6);
    p.push_str(path);
    p.push('[');
    p.push_str(&i.to_string());
    p.push(']');
    p
}

/// `s` in double quotes, escaped as `format!("{s:?}")` escapes it (`\"`, `\\`, `\n`, `\r`,
/// `\t`, `\0`; other control characters, spaces other than ' ' and the invisible format
/// characters as `\u{..}`), for error messages, without `Debug` and the tables it brings
/// into the wasm. Unlike `Debug` it leaves combining marks and unassigned or private-use
/// code points as they are.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{a0}'
            | '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{1680}'
            | '\u{180e}'
            | '\u{2000}'..='\u{200f}'
            | '\u{2028}'..='\u{202f}'
            | '\u{205f}'..='\u{206f}'
            | '\u{3000}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}' => {
                out.push_str("\\u{");
                let hex = b"0123456789abcdef";
                let cp = c as u32;
                let digits = (32 - cp.leading_zeros()).div_ceil(4).max(1);
                for k in (0..digits).rev() {
                    out.push(char::from(hex[((cp >> (4 * k)) & 0xf) as usize]));
                }
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A blank optional string counts as absent.
pub(crate) fn blank_to_none(value: &mut Option<String>) {
    if value.as_deref().is_some_and(|s| s.trim().is_empty()) {
        *value = None;
    }
}

impl Checker {
    pub(crate) fn error(&mut self, path: &str, message: impl Into<String>) {
        self.errors.push(Problem {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    pub(crate) fn warn(&mut self, path: &str, message: impl Into<String>) {
        self.warnings.push(Problem {
            path: path.to_owned(),
            message: message.into(),
        });
    }

    /// A required string: absent (read as empty, so that every missing field is reported,
    /// not only the first) or empty is "missing"; only spaces, "blank".
    pub(crate) fn required(&mut self, value: &str, path: &str) {
        if value.is_empty() {
            self.error(path, "missing");
        } else if value.trim().is_empty() {
            self.error(path, "must not be blank");
        }
    }

    /// An optional URL: blank is absent; one the allow-list refuses is dropped, with a
    /// warning.
    pub(crate) fn url(&mut self, value: &mut Option<String>, path: &str) {
        blank_to_none(value);
        if let Some(raw) = value.as_deref() {
            if let Err(why) = url::check(raw) {
                self.dropped(path, why, "left out");
                *value = None;
            }
        }
    }

    /// The warning for a URL the allow-list refused: why, and what became of it.
    pub(crate) fn dropped(&mut self, path: &str, why: url::UrlError, what: &str) {
        self.warn(path, [why.to_string().as_str(), "; ", what].concat());
    }

    /// An image's size is used only whole: zero, or one side without the other, is
    /// dropped with a warning (the image is shown at its own size).
    fn image_size(&mut self, image: &mut Image, path: &str) {
        let problem = match (image.width, image.height) {
            (Some(0), _) | (_, Some(0)) => "must be at least 1 pixel",
            (Some(_), None) | (None, Some(_)) => "width and height go together",
            _ => return,
        };
        let side = if image.width.is_none_or(|w| w == 0) {
            "width"
        } else {
            "height"
        };
        self.warn(
            &join(path, side),
            [problem, "; the size is left out"].concat(),
        );
        image.width = None;
        image.height = None;
    }

    /// Checks one essay at `path` ("" for a bare essay).
    fn essay(&mut self, essay: &mut Essay, path: &str) {
        let at = |key: &str| join(path, key);
        if essay.id.len() > MAX_ID_BYTES {
            let limit = MAX_ID_BYTES.to_string();
            self.error(&at("id"), ["longer than ", &limit, " bytes"].concat());
        } else if !essay.id.is_empty() && !is_valid_id(&essay.id) {
            self.error(&at("id"), "may only hold letters, digits, '-', '_' and '.'");
        }
        blank_to_none(&mut essay.kicker);
        self.required(&essay.title, &at("title"));
        blank_to_none(&mut essay.dek);
        for (i, author) in essay.authors.iter_mut().enumerate() {
            let path = index(&at("authors"), i);
            self.required(&author.name, &join(&path, "name"));
            blank_to_none(&mut author.role);
            blank_to_none(&mut author.affiliation);
            self.url(&mut author.url, &join(&path, "url"));
            self.url(&mut author.avatar, &join(&path, "avatar"));
        }
        for (key, date) in [
            ("published", &mut essay.published),
            ("updated", &mut essay.updated),
        ] {
            blank_to_none(date);
            if let Some(d) = date.as_deref() {
                if crate::content::date::Date::parse(d).is_none() {
                    self.error(
                        &at(key),
                        [
                            &quoted(d),
                            " is not a date (expected e.g. 2020-09-09 or 2020-09-09T12:00:00Z)",
                        ]
                        .concat(),
                    );
                }
            }
        }
        self.url(&mut essay.canonical_url, &at("canonical_url"));
        blank_to_none(&mut essay.lang);
        if let Some(tag) = &essay.lang {
            if !is_language_tag(tag) {
                self.error(
                    &at("lang"),
                    [&quoted(tag), " is not a BCP 47 language tag"].concat(),
                );
            }
        }
        blank_to_none(&mut essay.dir);
        if let Some(d) = &essay.dir {
            if !matches!(d.as_str(), "ltr" | "rtl" | "auto") {
                self.error(
                    &at("dir"),
                    [&quoted(d), " must be \"ltr\", \"rtl\" or \"auto\""].concat(),
                );
            }
        }
        if let Some(image) = &mut essay.image {
            let path = at("image");
            self.required(&image.src, &join(&path, "src"));
            if image.alt.is_none() {
                self.warn(
                    &join(&path, "alt"),
                    "missing: describe the image, or use \"\" if it is decorative",
                );
            }
            blank_to_none(&mut image.caption);
            blank_to_none(&mut image.credit);
            self.image_size(image, &path);
            if let Err(why) = url::check(&image.src) {
                self.dropped(&join(&path, "src"), why, "the image is left out");
                essay.image = None;
            }
        }
        match &essay.body {
            Some(body) if body.trim().is_empty() => {
                self.warn(&at("body"), "empty: the essay is shown as a link-out card");
                essay.body = None;
            }
            Some(body) if body.len() > MAX_BODY_BYTES => {
                self.error(
                    &at("body"),
                    over_limit("too long: ", body.len(), MAX_BODY_BYTES),
                );
                essay.body = None;
            }
            _ => {}
        }
        for (i, quote) in essay.pull_quotes.iter().enumerate() {
            if quote.text.trim().is_empty() {
                self.error(
                    &index(&at("pull_quotes"), i),
                    "has no text (a sentence of the body)",
                );
            }
        }
        if essay.pull_quotes.len() > MAX_PULL_QUOTES {
            let message = [
                &essay.pull_quotes.len().to_string(),
                " pull quotes: only the first ",
                &MAX_PULL_QUOTES.to_string(),
                " are shown",
            ]
            .concat();
            self.warn(&at("pull_quotes"), message);
            essay.pull_quotes.truncate(MAX_PULL_QUOTES);
        }
    }

    /// Unique ids (a set of those seen, not a scan of the essays before each: a document may
    /// hold hundreds of thousands). `list` names the array in paths.
    pub(crate) fn check_ids(&mut self, doc: &Document, list: &str) {
        let mut seen = crate::render::strmap::StrMap::default();
        for (i, essay) in doc.essays.iter().enumerate() {
            if essay.id.is_empty() {
                continue;
            }
            if seen.get(&essay.id).is_none() {
                seen.insert(&essay.id, i);
            } else {
                self.error(
                    &join(&index(list, i), "id"),
                    ["duplicate id ", &quoted(&essay.id), " (ids must be unique)"].concat(),
                );
            }
        }
    }

    /// The document with its warnings, or every error.
    pub(crate) fn finish(self, document: Document) -> Result<Loaded, LoadError> {
        if self.errors.is_empty() {
            Ok(Loaded {
                document,
                warnings: self.warnings,
            })
        } else {
            Err(LoadError {
                kind: LoadErrorKind::Invalid(self.errors),
            })
        }
    }
}

/// The longest essay id, in bytes: every share link carries it (`#ee=1~<id>~...`), and a
/// link with a longer one is not ours.
pub const MAX_ID_BYTES: usize = 200;

fn is_valid_id(id: &str) -> bool {
    id.len() <= MAX_ID_BYTES
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The syntax of a BCP 47 tag (RFC 5646, loosely): a 2-8 letter primary subtag, then
/// subtags of 1-8 letters or digits.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

impl Document {
    /// The essay with this id, or the first essay when `id` is `None`.
    pub fn essay(&self, id: Option<&str>) -> Option<&Essay> {
        match id {
            Some(id) => self.essays.iter().find(|e| e.id == id),
            None => self.essays.first(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        match load(text) {
            Ok(_) => Vec::new(),
            Err(e) => {
                assert!(!e.problems().is_empty(), "{e}");
                e.problems().iter().map(ToString::to_string).collect()
            }
        }
    }

    #[test]
    fn reads_a_full_document() {
        let loaded = load(
            r#"{"version":1,"publication":{"name":"P","url":"https://p.example/","cta":{"label":"Sign up","url":"/signup"}},
               "series":{"title":"S","dek":"d"},
               "essays":[{"id":"a","title":"A","authors":[{"name":"N","role":"R","affiliation":"F"}],
                          "published":"2020-09-09","lang":"en","dir":"ltr","body":"Hello",
                          "pull_quotes":[{"text":"Hello"}],"tags":["x"],"unknown":{"ignored":true}}]}"#,
        )
        .unwrap();
        let doc = loaded.document;
        assert_eq!(
            doc.publication.as_ref().unwrap().cta.as_ref().unwrap().url,
            "/signup"
        );
        assert_eq!(doc.series.as_ref().unwrap().title, "S");
        let essay = doc.essay(None).unwrap();
        assert_eq!(essay.authors[0].affiliation.as_deref(), Some("F"));
        assert_eq!(essay.pull_quotes[0].text, "Hello");
        assert!(loaded.warnings.is_empty());
    }

    #[test]
    fn a_bare_essay_is_a_document_and_a_string_is_a_pull_quote() {
        let doc =
            load(r#"{"title":"Alone","body":"Text","pull_quotes":["Text",{"text":"T","x":1}]}"#)
                .unwrap()
                .document;
        assert_eq!(doc.essays.len(), 1);
        assert_eq!(doc.essays[0].id, "essay");
        assert_eq!(doc.essay(Some("essay")).unwrap().title, "Alone");
        let quotes: Vec<&str> = doc.essays[0]
            .pull_quotes
            .iter()
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(quotes, ["Text", "T"]);
    }

    #[test]
    fn an_id_over_the_limit_is_named_as_too_long() {
        let id = "a".repeat(MAX_ID_BYTES + 1);
        let doc = format!(r#"{{"version":1,"essays":[{{"id":"{id}","title":"A"}}]}}"#);
        assert_eq!(problems(&doc), ["essays[0].id: longer than 200 bytes"]);
        let doc = doc.replace(&id, &id[1..]);
        assert!(load(&doc).is_ok());
    }

    #[test]
    fn a_type_error_names_its_path() {
        assert_eq!(
            problems(r#"{"version":1,"essays":[{"id":"a","title":"A"},{"id":"c","title":5}]}"#),
            ["essays[1].title: expected a string, found integer `5`"]
        );
        assert_eq!(
            problems(r#"{"title":"A","pull_quotes":[3]}"#),
            ["pull_quotes[0]: expected a string or an object with \"text\", found integer `3`"]
        );
    }

    #[test]
    fn every_missing_required_field_is_named_with_its_path() {
        // A missing field is read as empty, so the first one does not hide the others.
        assert_eq!(
            problems(
                r#"{"version":1,"publication":{"cta":{}},"series":{"dek":"d"},"essays":[
                    {"authors":[{"role":"x"},{"name":"N"},{}],"image":{"alt":""},"pull_quotes":[{"txt":"x"}]},
                    {"title":"B"},
                    {"id":"c","title":""}]}"#
            ),
            [
                "publication.name: missing",
                "publication.cta.label: missing",
                "publication.cta.url: missing",
                "series.title: missing",
                "essays[0].id: missing",
                "essays[0].title: missing",
                "essays[0].authors[0].name: missing",
                "essays[0].authors[2].name: missing",
                "essays[0].image.src: missing",
                "essays[0].pull_quotes[0]: has no text (a sentence of the body)",
                "essays[1].id: missing",
                "essays[2].title: missing",
            ]
        );
        assert_eq!(
            problems(r#"{"essays":[{"id":"a"}]}"#),
            [
                "version: missing (this widget reads version 1)",
                "essays[0].title: missing"
            ]
        );
        assert_eq!(
            problems(
                r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"T"},{"id":""}]}"#
            ),
            [
                "title: missing",
                "items[0].id: missing",
                "items[1].id: missing",
                "items[1].title: missing (an item needs a title or a summary)",
            ]
        );
    }

    #[test]
    fn collects_every_semantic_problem_with_its_path() {
        let got = problems(
            r#"{"version":1,"essays":[
                {"id":"a","title":"A"},
                {"id":"b","title":"B"},
                {"id":"c","title":" ","authors":[{"name":""}],"published":"yesterday","lang":"not a tag","dir":"up"},
                {"id":"a","title":"Again"}]}"#,
        );
        assert_eq!(
            got,
            vec![
                "essays[2].title: must not be blank",
                "essays[2].authors[0].name: missing",
                "essays[2].published: \"yesterday\" is not a date (expected e.g. 2020-09-09 or 2020-09-09T12:00:00Z)",
                "essays[2].lang: \"not a tag\" is not a BCP 47 language tag",
                "essays[2].dir: \"up\" must be \"ltr\", \"rtl\" or \"auto\"",
                "essays[3].id: duplicate id \"a\" (ids must be unique)",
            ]
        );
    }

    #[test]
    fn rejects_unknown_versions_and_missing_essays() {
        assert_eq!(
            problems(r#"{"version":2,"essays":[{"id":"a","title":"A"}]}"#),
            vec!["version: unsupported version 2 (this widget reads version 1)"]
        );
        assert_eq!(
            problems(r#"{"version":1}"#),
            vec!["essays: must hold at least one essay"]
        );
        assert_eq!(
            problems(r#"{"version":1,"essays":[]}"#),
            vec!["essays: must hold at least one essay"]
        );
        assert_eq!(
            problems(r#"{"essays":[{"id":"a","title":"A"}]}"#),
            vec!["version: missing (this widget reads version 1)"]
        );
        assert_eq!(
            problems("[1]"),
            vec!["expected a content object, found sequence"]
        );
    }

    #[test]
    fn syntax_errors_keep_line_and_column() {
        let err = load("{\"version\": 1,\n  \"essays\": [}").unwrap_err();
        assert!(matches!(err.kind(), LoadErrorKind::Syntax(_)), "{err}");
        assert_eq!(
            err.to_string(),
            "the content is not valid JSON: expected value at line 2, column 14"
        );
        assert_eq!(err.code(), "invalid-json");
        let err = load("{\"title\":\"a\"} x").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the content is not valid JSON: trailing characters at line 1, column 15"
        );
    }

    #[test]
    fn urls_with_forbidden_schemes_are_dropped_with_a_warning_each() {
        let loaded = load(
            r#"{"version":1,"publication":{"name":"P","url":"javascript:alert(1)","logo":"data:image/png;base64,AA",
                "cta":{"label":"L","url":" JaVaScRiPt:x"}},"series":{"title":"S","url":"vbscript:x"},
                "essays":[{"id":"a","title":"A","canonical_url":"java\tscript:x","image":{"src":"javascript:x","alt":""},
                "authors":[{"name":"N","url":"javascript:x","avatar":"file:///etc/passwd"}],"body":"B"}]}"#,
        )
        .unwrap();
        let got: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(got.len(), 8, "{got:#?}");
        assert!(got.iter().all(|p| p.contains("not allowed")), "{got:#?}");
        assert!(got[0].starts_with("publication.url: "));
        assert!(
            got[2].ends_with("; the call to action is left out"),
            "{}",
            got[2]
        );
        let doc = &loaded.document;
        let publication = doc.publication.as_ref().unwrap();
        assert_eq!(
            (&publication.url, &publication.logo, &publication.cta),
            (&None, &None, &None)
        );
        let essay = &doc.essays[0];
        assert_eq!((&essay.canonical_url, &essay.image), (&None, &None));
        assert_eq!(
            (&essay.authors[0].url, &essay.authors[0].avatar),
            (&None, &None)
        );
        assert_eq!(essay.authors[0].name, "N");
        assert_eq!(essay.body.as_deref(), Some("B"));
    }

    #[test]
    fn validate_checks_a_document_built_in_rust() {
        let doc = Document {
            version: 1,
            essays: vec![Essay {
                id: "a".into(),
                title: "T".into(),
                canonical_url: Some("javascript:x".into()),
                ..Essay::default()
            }],
            ..Document::default()
        };
        let loaded = validate(doc.clone()).unwrap();
        assert_eq!(loaded.document.essays[0].canonical_url, None);
        assert_eq!(loaded.warnings[0].path, "essays[0].canonical_url");
        // What serde writes, serde reads back (and the widget loads).
        let text = serde_json::to_string(&loaded.document).unwrap();
        assert_eq!(load(&text).unwrap().document, loaded.document);
        let bad = Document {
            essays: vec![],
            ..doc
        };
        assert!(validate(bad).is_err());
    }

    #[test]
    fn a_duplicate_id_is_found_among_many_essays() {
        // Each id is looked up in a set: this took minutes when every essay was compared
        // with all those before it.
        let essays: Vec<String> = (0..100_000)
            .map(|i| ["{\"id\":\"e", &i.to_string(), "\",\"title\":\"T\"}"].concat())
            .chain(std::iter::once(r#"{"id":"e7","title":"T"}"#.to_owned()))
            .collect();
        let json = [r#"{"version":1,"essays":["#, &essays.join(","), "]}"].concat();
        let err = load(&json).unwrap_err().to_string();
        assert!(
            err.contains("essays[100000].id: duplicate id \"e7\""),
            "{}",
            &err[..err.len().min(300)]
        );
    }

    #[test]
    fn pull_quotes_past_the_limit_are_reported_and_left_out() {
        let quotes = vec!["\"q\""; MAX_PULL_QUOTES + 6].join(",");
        let json = [r#"{"title":"T","body":"q","pull_quotes":["#, &quotes, "]}"].concat();
        let loaded = load(&json).unwrap();
        assert_eq!(loaded.document.essays[0].pull_quotes.len(), MAX_PULL_QUOTES);
        let warning = loaded
            .warnings
            .iter()
            .map(|w| w.to_string())
            .collect::<Vec<_>>();
        assert!(
            warning
                .iter()
                .any(|w| w.contains("pull_quotes")
                    && w.contains("70 pull quotes: only the first 64")),
            "{warning:?}"
        );
    }

    #[test]
    fn an_image_size_is_kept_whole_or_left_out_with_a_warning() {
        let size = |image: &str| {
            let loaded =
                load(&[r#"{"title":"A","body":"B","image":"#, image, "}"].concat()).unwrap();
            let image = loaded.document.essays[0].image.clone().unwrap();
            let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
            (image.size(), warnings)
        };
        assert_eq!(
            size(r#"{"src":"/a.jpg","alt":"","width":1200,"height":800}"#),
            (Some((1200, 800)), vec![])
        );
        assert_eq!(size(r#"{"src":"/a.jpg","alt":""}"#), (None, vec![]));
        assert_eq!(
            size(r#"{"src":"/a.jpg","alt":"","width":1200}"#),
            (
                None,
                vec!["image.height: width and height go together; the size is left out".into()]
            )
        );
        assert_eq!(
            size(r#"{"src":"/a.jpg","alt":"","width":1200,"height":0}"#),
            (
                None,
                vec!["image.height: must be at least 1 pixel; the size is left out".into()]
            )
        );
        // Not a whole number of pixels: a type error, like any other.
        assert!(load(r#"{"title":"A","image":{"src":"/a.jpg","width":-3,"height":2}}"#).is_err());
    }

    #[test]
    fn warns_about_empty_bodies_and_missing_alt_text() {
        let loaded = load(r#"{"title":"A","body":"  ","image":{"src":"/a.jpg"}}"#).unwrap();
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            vec![
                "image.alt: missing: describe the image, or use \"\" if it is decorative",
                "body: empty: the essay is shown as a link-out card",
            ]
        );
        assert_eq!(loaded.document.essays[0].body, None);
    }

    #[test]
    fn language_tags() {
        for ok in [
            "en",
            "zh-Hans",
            "zh-Hans-CN",
            "ar",
            "en-US-x-private",
            "yue",
        ] {
            assert!(is_language_tag(ok), "{ok}");
        }
        for bad in [
            "",
            "e",
            "english language",
            "en_US",
            "-en",
            "en-",
            "toolongtag",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn quoted_is_debug_quoting() {
        let ascii: String = (0u8..=0x7f).map(char::from).collect();
        let latin1: String = ('\u{80}'..='\u{ff}').collect();
        for s in [
            "",
            "2020-13-45",
            "en_US",
            "été, naïve, Ærø",
            "中文 日本語 한국어",
            "العربية עברית",
            "😀 👩\u{200d}💻",
            "\u{202e}rtl\u{202c} \u{200b}\u{200f}\u{2066}x\u{2069}",
            "tab\there, new\nline\r\n, nul\0",
            "quote\" back\\slash 'single'",
            "\u{1b}[31m \u{7f} \u{85} \u{ad} \u{feff} \u{2028}\u{2029} \u{fff9}",
            "\u{600}\u{61c}\u{6dd}\u{70f}\u{180e}\u{2060}\u{206f}",
            "\u{a0}\u{1680}\u{2000}\u{2007}\u{200a}\u{202f}\u{205f}\u{3000}",
            &ascii,
            &latin1,
        ] {
            assert_eq!(quoted(s), format!("{s:?}"));
        }
        // The documented difference: combining marks are left as they are.
        assert_eq!(quoted("e\u{301}"), "\"e\u{301}\"");
        assert_eq!(format!("{:?}", "e\u{301}"), "\"e\\u{301}\"");
    }
}
