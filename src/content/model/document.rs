//! The types of a content document, version 1 (document, publication, series, essay, author,
//! image, pull quote): what serde reads and writes and what the JSON Schema is generated from.

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
    /// Overrides for the widget's own words, by key, e.g. `{"read_essay": "Read"}`; a counted
    /// key's plural forms as `"min_read.one"`, `"min_read.few"`, ... (the keys: docs/content.md,
    /// "The widget's words").
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

// The reader is `PullQuote`'s own `Deserialize`, which reads either form without buffering
// the value: derived on this `untagged` enum, serde would buffer every pull quote and answer
// any mistake inside one with "data did not match any variant of untagged enum", where the
// reader names the field: for `{"text": 5}`, "pull_quotes[0].text: expected a string, found
// integer `5`". `tests/schema/cases.json` keeps the two in step.
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

impl Document {
    /// The essay with this id, or the first essay when `id` is `None`.
    pub fn essay(&self, id: Option<&str>) -> Option<&Essay> {
        match id {
            Some(id) => self.essays.iter().find(|e| e.id == id),
            None => self.essays.first(),
        }
    }
}
