//! Reading content: the forms a JSON value may take (document, bare essay, JSON Feed), which
//! of them a value is, and `load`, from JSON text to a validated document.

#[cfg(not(target_arch = "wasm32"))]
use super::{too_large, LoadError, MAX_DOCUMENT_BYTES};
use super::{Document, Essay, Problem};
use crate::content::feed::JsonFeed;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

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
