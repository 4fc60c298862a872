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
//! when it came, 8.8 KB with the typed readers below taking only their own kind of value.
//! `tests` below: the same results as serde's own reading (derived visitors over serde_json,
//! paths by serde_path_to_error) on every case, except that a struct is read only from an
//! object, as the schema says.

use crate::content::model::{Content, Form, LoadError, Loaded};
use serde::de::{
    self, value::BorrowedStrDeserializer, DeserializeSeed, Deserializer, Expected, MapAccess,
    SeqAccess, Unexpected, Visitor,
};
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

/// A type error and where it is: `path` is built from the innermost member outwards as the
/// error returns through the maps and arrays it was found in.
///
/// Boxed, so that every `Result` the derived visitors move about is a pointer wider than its
/// value, not two `String`s wider: 3.0 KB gzip less wasm than the unboxed pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Error(Box<Located>);

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located {
    path: String,
    message: String,
}

impl Error {
    fn at_key(mut self, key: &str) -> Error {
        let rest = std::mem::take(&mut self.0.path);
        self.0.path = if rest.is_empty() || rest.starts_with('[') {
            [key, &rest].concat()
        } else {
            [key, ".", &rest].concat()
        };
        self
    }

    fn at_index(mut self, i: usize) -> Error {
        let rest = std::mem::take(&mut self.0.path);
        let mut path = String::with_capacity(rest.len() + 6);
        path.push('[');
        path.push_str(&i.to_string());
        path.push(']');
        if !rest.is_empty() && !rest.starts_with('[') {
            path.push('.');
        }
        path.push_str(&rest);
        self.0.path = path;
        self
    }

    pub(crate) fn into_load_error(self) -> LoadError {
        LoadError::from_serde(&self.0.path, &self.0.message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Error {
        Error(Box::new(Located {
            path: String::new(),
            message: message.to_string(),
        }))
    }

    // serde's own wording ("invalid type: integer `5`, expected a string"), without the
    // float formatting serde's `Unexpected` display brings into the wasm.
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Error {
        Error::custom(
            [
                "invalid type: ",
                &found(unexpected),
                ", expected ",
                &expected.to_string(),
            ]
            .concat(),
        )
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Error {
        Error::custom(
            [
                "invalid value: ",
                &found(unexpected),
                ", expected ",
                &expected.to_string(),
            ]
            .concat(),
        )
    }

    // These two as serde words them, without `format_args!`.
    fn missing_field(field: &'static str) -> Error {
        Error::custom(["missing field `", field, "`"].concat())
    }

    fn duplicate_field(field: &'static str) -> Error {
        Error::custom(["duplicate field `", field, "`"].concat())
    }
}

/// What `Unexpected`'s display says.
pub(crate) fn found(unexpected: Unexpected<'_>) -> String {
    let ticked = |what: &str, text: &str| [what, " `", text, "`"].concat();
    match unexpected {
        Unexpected::Bool(b) => ticked("boolean", if b { "true" } else { "false" }),
        Unexpected::Unsigned(n) => ticked("integer", &n.to_string()),
        Unexpected::Signed(n) => ticked("integer", &n.to_string()),
        Unexpected::Float(x) => ticked("floating point", &decimal(x)),
        Unexpected::Char(c) => ticked("character", c.encode_utf8(&mut [0; 4])),
        Unexpected::Str(s) => ["string ", &crate::content::model::quoted(s)].concat(),
        Unexpected::Unit => "null".to_owned(),
        Unexpected::Seq => "sequence".to_owned(),
        Unexpected::Map => "map".to_owned(),
        Unexpected::Bytes(_) => "byte array".to_owned(),
        Unexpected::Option => "Option value".to_owned(),
        Unexpected::NewtypeStruct => "newtype struct".to_owned(),
        Unexpected::Enum => "enum".to_owned(),
        Unexpected::UnitVariant => "unit variant".to_owned(),
        Unexpected::NewtypeVariant => "newtype variant".to_owned(),
        Unexpected::TupleVariant => "tuple variant".to_owned(),
        Unexpected::StructVariant => "struct variant".to_owned(),
        Unexpected::Other(other) => other.to_owned(),
    }
}

/// `x` as `Unexpected` writes it for fractions of up to nine decimals (`1.5`, `-0.25`, `2.0`),
/// without float formatting; others are rounded to nine decimals, very large ones left out.
fn decimal(x: f64) -> String {
    if !x.is_finite() {
        return if x.is_nan() {
            "NaN"
        } else if x > 0.0 {
            "inf"
        } else {
            "-inf"
        }
        .to_owned();
    }
    let magnitude = x.abs();
    if magnitude >= 1e15 {
        return "number".to_owned();
    }
    let mut whole = magnitude.trunc() as u64;
    let mut billionths = ((magnitude - magnitude.trunc()) * 1e9).round() as u64;
    if billionths >= 1_000_000_000 {
        whole += 1;
        billionths -= 1_000_000_000;
    }
    let mut out = String::new();
    if x.is_sign_negative() {
        out.push('-');
    }
    out.push_str(&whole.to_string());
    out.push('.');
    let fraction = (billionths + 1_000_000_000).to_string();
    let fraction = fraction[1..].trim_end_matches('0');
    out.push_str(if fraction.is_empty() { "0" } else { fraction });
    out
}

impl Value {
    fn invalid_type(&self, expected: &dyn Expected) -> Error {
        let unexpected = match self {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                Unexpected::Signed(*n as i64)
            }
            Value::Number(n) => Unexpected::Float(*n),
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        };
        de::Error::invalid_type(unexpected, expected)
    }
}

/// The largest whole number a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl<'de> Deserializer<'de> for &'de Value {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            // Whole numbers JavaScript holds exactly are integers, as serde-wasm-bindgen
            // reads them.
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                visitor.visit_i64(*n as i64)
            }
            Value::Number(n) => visitor.visit_f64(*n),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
            }),
            Value::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
        }
    }

    // The typed readers below take only their own kind of value (serde_json would also read
    // a struct from an array, which the schema does not allow): the visitors' other paths
    // are then never reached, and leave the wasm.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Object(members) => visitor.visit_map(Members {
                members: members.iter(),
                value: None,
            }),
            other => Err(other.invalid_type(&visitor)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter().enumerate(),
            }),
            other => Err(other.invalid_type(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::String(s) => visitor.visit_borrowed_str(s),
            other => Err(other.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    /// Unknown members: nothing to read, nothing to walk.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        unit unit_struct tuple tuple_struct enum identifier
    }
}

struct Items<'de> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Value>>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some((i, item)) => seed.deserialize(item).map(Some).map_err(|e| e.at_index(i)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Members<'de> {
    members: std::slice::Iter<'de, (String, Value)>,
    value: Option<&'de (String, Value)>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.members.next() {
            Some(member) => {
                self.value = Some(member);
                seed.deserialize(BorrowedStrDeserializer::new(&member.0))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some((key, value)) => seed.deserialize(value).map_err(|e| e.at_key(key)),
            None => Err(de::Error::custom("a value without its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.members.len())
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the reader makes of `text`: parsed into a [`Value`] (here by serde_json, in the
    /// browser copied out of what `JSON.parse` made), then read.
    fn through_value(text: &str) -> Result<Loaded, LoadError> {
        let value: Value = serde_json::from_str(text).unwrap();
        load(&value)
    }

    /// serde's own reading of `text`: the derived visitors over serde_json, the path of a type
    /// error by serde_path_to_error. What the reader must agree with.
    fn serde_reading(text: &str) -> Result<Loaded, LoadError> {
        fn read<T: de::DeserializeOwned>(text: &str) -> Result<T, LoadError> {
            let mut de = serde_json::Deserializer::from_str(text);
            serde_path_to_error::deserialize(&mut de).map_err(|e| {
                let full = e.inner().to_string();
                let message = full.rfind(" at line ").map_or(&full[..], |at| &full[..at]);
                LoadError::from_serde(&e.path().to_string(), message)
            })
        }
        let content = match read::<Form>(text)? {
            Form::Document => Content::Document(read(text)?),
            Form::Essay => Content::Essay(read(text)?),
            Form::JsonFeed => Content::JsonFeed(read(text)?),
        };
        crate::content::model::validate_content(content)
    }

    #[test]
    fn reads_what_serde_reads_and_names_the_same_paths() {
        let seed = include_str!("../../www/content/reinventing-nuclear-arms-control.json");
        let cases = [
            seed,
            r#"{"version":1,"essays":[{"id":"a","title":"A"},{"id":"c","title":5}]}"#,
            r#"{"version":1,"essays":[{"id":"a","title":"A","authors":[{"name":3}]}]}"#,
            r#"{"version":1,"essays":[{"id":"a","title":"A","authors":["Ada"]}]}"#,
            r#"{"title":"A","pull_quotes":[3, {"text":"x"}]}"#,
            r#"{"title":"A","pull_quotes":[{"text":["x"]}]}"#,
            r#"{"title":"A","tags":"t"}"#,
            r#"{"title":"A","image":{"src":true}}"#,
            r#"{"title":"A","image":"/a.png"}"#,
            r#"{"title":"A","image":{"src":"/a.png","alt":"","width":1600,"height":900}}"#,
            r#"{"title":"A","image":{"src":"/a.png","width":-1,"height":9.5}}"#,
            r#"{"title":"A","image":{"src":"/a.png","width":"12","height":0}}"#,
            r#"{"version":"1","essays":[]}"#,
            r#"{"version":1.5,"essays":[]}"#,
            r#"{"version":-1,"essays":[]}"#,
            r#"{"version":4294967296,"essays":[]}"#,
            r#"{"version":1,"essays":{"id":"a"}}"#,
            r#"{"version":1,"essays":[{"id":"a","title":"A"}],"strings":{"by":1}}"#,
            r#"{"version":1,"essays":[{"id":"a","title":"A"}],"strings":null}"#,
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":7,"title":"One","content_text":"x"},{"id":-3,"title":"T"},{"id":1.5}]}"#,
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":"a","authors":[{"name":2}]}]}"#,
            r#"{"title":"T","updated":null,"dek":null,"x":{"deep":[[1,2],{"a":null}]}}"#,
            r#"{"title":"T","authors":[{"name":"N","url":"javascript:x"}]}"#,
            r#"{"version":1,"essays":[{"authors":[{"role":"R"}]},{"id":"b"}]}"#,
            r#"[1]"#,
            r#"null"#,
            r#""text""#,
            r#"{"title":"\u0000\"\\\n"}"#,
        ];
        for text in cases {
            assert_eq!(through_value(text), serde_reading(text), "{text}");
            assert_eq!(
                through_value(text),
                crate::content::model::load(text),
                "{text}"
            );
        }
    }

    #[test]
    fn messages_are_serdes_own() {
        use serde::de::Error as _;
        type Serde = serde::de::value::Error;
        for field in ["version", "title"] {
            assert_eq!(
                Error::missing_field(field).to_string(),
                Serde::missing_field(field).to_string()
            );
            assert_eq!(
                Error::duplicate_field(field).to_string(),
                Serde::duplicate_field(field).to_string()
            );
        }
        let expected: &dyn Expected = &"a string";
        for unexpected in [
            Unexpected::Bool(true),
            Unexpected::Signed(-5),
            Unexpected::Map,
        ] {
            assert_eq!(
                Error::invalid_type(unexpected, expected).to_string(),
                Serde::invalid_type(unexpected, expected).to_string()
            );
        }
    }

    #[test]
    fn decimals_read_as_unexpected_writes_them() {
        for x in [1.5, -0.25, 2.0, 0.1, 123.456, 1e-3, -7.0] {
            assert_eq!(
                decimal(x),
                Unexpected::Float(x)
                    .to_string()
                    .trim_start_matches("floating point `")
                    .trim_end_matches('`'),
                "{x}"
            );
        }
    }

    #[test]
    fn a_struct_is_read_from_an_object_only() {
        // serde_json reads `["Ada"]` as an author; the schema, the widget and `check` do not.
        let text = r#"{"title":"T","authors":[["Ada"]]}"#;
        assert_eq!(
            serde_reading(text).unwrap().document.essays[0].authors[0].name,
            "Ada"
        );
        let err = crate::content::model::load(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the content is not valid: authors[0]: expected struct Author, found sequence"
        );
    }

    #[test]
    fn paths_name_members_and_indices() {
        let e = Error(Box::new(Located {
            path: String::new(),
            message: "m".into(),
        }));
        let e = e
            .at_key("name")
            .at_index(0)
            .at_key("authors")
            .at_index(2)
            .at_key("essays");
        assert_eq!(e.0.path, "essays[2].authors[0].name");
        let e = Error(Box::new(Located {
            path: String::new(),
            message: "m".into(),
        }));
        assert_eq!(e.at_index(3).at_index(1).at_key("x").0.path, "x[1][3]");
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_refused() {
        let deep =
            |n: usize| [r#"{"title":"T","x":"#, &"[".repeat(n), &"]".repeat(n), "}"].concat();
        assert!(through_value(&deep(100)).is_ok());
        let mut tree = Value::Null;
        for _ in 0..200 {
            tree = Value::Array(vec![tree]);
        }
        let nested = Value::Object(vec![("x".into(), tree)]);
        // Re-read through serde (as serde-wasm-bindgen would hand it over): refused.
        let again: Result<Value, Error> = Value::deserialize(&nested);
        assert_eq!(
            again.unwrap_err().0.message,
            "nested more than 128 levels deep"
        );
    }
}
