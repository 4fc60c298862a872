//! Content between JSON and the model: a [`Value`] tree, made natively by serde_json from the
//! text and in the browser by copying the value `JSON.parse` made out of JavaScript once (by
//! `web::load::copy`, which gives what serde-wasm-bindgen gives). The model types are
//! deserialised from that tree by a deserializer that names the JSON path of a type error
//! itself (`essays[1].title`), the way serde_path_to_error does. One reader on both sides:
//! `essay-embed check` accepts exactly what the widget accepts.
//!
//! Why not serde_path_to_error over serde-wasm-bindgen, as over serde_json: its
//! wrappers instantiate every model visitor a second time, and serde-wasm-bindgen's
//! deserializer is instantiated for each model type; here the model is read from one type
//! (`Value`), and the path costs a string only on the error path: 4.8 KB gzip less wasm
//! when it came, 8.8 KB with the typed readers (`read.rs`) taking only their own kind of value.
//! `tests.rs`: the same results as serde's own reading (derived visitors over serde_json,
//! paths by serde_path_to_error) on every case, except that a struct is read only from an
//! object, as the schema says.

mod error;
mod read;
#[cfg(test)]
mod tests;

// The browser's copy (`web::load`) names what it found as serde does.
#[cfg_attr(not(target_arch = "wasm32"), allow(unused_imports))]
pub(crate) use error::found;
use error::Error;

use crate::content::model::{Content, Form, LoadError, Loaded};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// A JSON value, members in document order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Deeper nesting is refused, as serde_json refuses it natively (JavaScript objects may
/// also be cyclic: the `data` property is any object a page sets).
pub(crate) const MAX_DEPTH: u32 = 128;

/// Reads a content value of any form and validates it.
pub(crate) fn load(value: &Value) -> Result<Loaded, LoadError> {
    let form = Form::deserialize(value).map_err(Error::into_load_error)?;
    let content = match form {
        Form::Document => Content::Document(typed(value)?),
        Form::Essay => Content::Essay(typed(value)?),
        Form::JsonFeed => Content::JsonFeed(typed(value)?),
    };
    crate::content::model::validate_content(content)
}

fn typed<'de, T: Deserialize<'de>>(value: &'de Value) -> Result<T, LoadError> {
    T::deserialize(value).map_err(Error::into_load_error)
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        Nested { depth: 0 }.deserialize(deserializer)
    }
}

/// Reads a value `depth` levels down.
#[derive(Clone, Copy)]
struct Nested {
    depth: u32,
}

impl Nested {
    fn deeper<E: de::Error>(self) -> Result<Nested, E> {
        if self.depth >= MAX_DEPTH {
            Err(E::custom("nested more than 128 levels deep"))
        } else {
            Ok(Nested {
                depth: self.depth + 1,
            })
        }
    }
}

impl<'de> DeserializeSeed<'de> for Nested {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Nested {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Number(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let inner = self.deeper()?;
        let mut members: Vec<(String, Value)> = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(inner)?;
            // A repeated key keeps its last value, as JSON.parse does.
            members.retain(|(old, _)| *old != key);
            members.push((key, value));
        }
        Ok(Value::Object(members))
    }
}
