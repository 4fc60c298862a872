//! A type error with its JSON path, built as it returns through the maps and arrays it was
//! found in, and written in serde's own words.

use crate::content::model::LoadError;
use serde::de::{self, Expected, Unexpected};
use std::fmt;

/// A type error and where it is: `path` is built from the innermost member outwards as the
/// error returns through the maps and arrays it was found in.
///
/// Boxed, so that every `Result` the derived visitors move about is a pointer wider than its
/// value, not two `String`s wider: 3.0 KB gzip less wasm than the unboxed pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Error(pub(super) Box<Located>);

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Located {
    pub(super) path: String,
    pub(super) message: String,
}

impl Error {
    pub(super) fn at_key(mut self, key: &str) -> Error {
        let rest = std::mem::take(&mut self.0.path);
        self.0.path = if rest.is_empty() || rest.starts_with('[') {
            [key, &rest].concat()
        } else {
            [key, ".", &rest].concat()
        };
        self
    }

    pub(super) fn at_index(mut self, i: usize) -> Error {
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
pub(super) fn decimal(x: f64) -> String {
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
