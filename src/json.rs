//! A small, strict JSON reader.
//!
//! The content model is validated field by field with JSON paths (see `model`), so all we need
//! from a parser is a tree. Writing it here instead of pulling in serde_json keeps float
//! formatting and a large generic deserializer out of the wasm, and lets us bound nesting depth
//! so hostile input (100,000 nested arrays) is an error instead of a stack overflow.
//!
//! ```
//! use essay_embed::json::{parse, Value};
//! let v = parse(r#"{"a": [1, "two", null]}"#).unwrap();
//! assert_eq!(v.get("a").and_then(Value::as_array).map(|a| a.len()), Some(3));
//! ```

use std::fmt;

/// Deepest nesting of arrays and objects accepted. Real content needs about five.
pub const MAX_DEPTH: usize = 64;

/// A parsed JSON value. Numbers keep their source text: the model only ever needs small
/// integers, and keeping them textual avoids float parsing and formatting code.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in source order. A repeated key keeps its last value, as `JSON.parse` does.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// The member `key` of an object (the last one when repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A short noun for error messages: "a string", "an array", ...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Why a text is not JSON, and where (1-based line and column, counted in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: usize,
    pub column: usize,
    pub message: &'static str,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("not valid JSON: ")?;
        f.write_str(self.message)?;
        f.write_str(" at line ")?;
        f.write_str(&crate::num::uint(self.line as u64))?;
        f.write_str(", column ")?;
        f.write_str(&crate::num::uint(self.column as u64))
    }
}

impl std::error::Error for SyntaxError {}

/// Parses a complete JSON text (RFC 8259). A leading byte-order mark is allowed.
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser {
        src: text.as_bytes(),
        pos: 0,
        text,
    };
    parser.skip_ws();
    if parser.pos == parser.src.len() {
        return Err(parser.error("the document is empty"));
    }
    let value = parser.value(0)?;
    parser.skip_ws();
    if parser.pos != parser.src.len() {
        return Err(parser.error("unexpected text after the end of the document"));
    }
    Ok(value)
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &'static str) -> SyntaxError {
        let end = self.pos.min(self.src.len());
        // Count lines and characters up to the error; `pos` may sit inside a multi-byte
        // character only when we stop on a non-ASCII byte, so back up to a boundary.
        let mut end_char = end;
        while !self.text.is_char_boundary(end_char) {
            end_char -= 1;
        }
        let before = &self.text[..end_char];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        SyntaxError {
            line,
            column,
            message,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_literal(&mut self, word: &'static [u8], value: Value) -> Result<Value, SyntaxError> {
        if self.src[self.pos..].starts_with(word) {
            self.pos += word.len();
            Ok(value)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        match self.peek() {
            None => Err(self.error("unexpected end of the document")),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.expect_literal(b"true", Value::Bool(true)),
            Some(b'f') => self.expect_literal(b"false", Value::Bool(false)),
            Some(b'n') => self.expect_literal(b"null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn enter(&self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            Err(self.error("nesting is too deep"))
        } else {
            Ok(())
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_ws();
            items.push(self.value(depth)?);
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.error("unexpected end of the document")),
                Some(_) => return Err(self.error("expected ',' or ']'")),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.enter(depth)?;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            match self.peek() {
                Some(b'"') => {}
                None => return Err(self.error("unexpected end of the document")),
                Some(_) => return Err(self.error("expected a quoted member name")),
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.error("expected ':'"));
            }
            self.pos += 1;
            self.skip_ws();
            let value = self.value(depth)?;
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                None => return Err(self.error("unexpected end of the document")),
                Some(_) => return Err(self.error("expected ',' or '}'")),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(Value::Number(self.text[start..self.pos].to_owned()))
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let mut code = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return Err(self.error("invalid \\u escape")),
            };
            code = code * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(code)
    }

    fn string(&mut self) -> Result<String, SyntaxError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let run_start = self.pos;
            let rest = self.src.get(run_start..).unwrap_or(&[]);
            self.pos += rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(rest.len());
            // The run ends on an ASCII byte or at the end, so it is a whole UTF-8 slice.
            out.push_str(&self.text[run_start..self.pos]);
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.pos += 1;
                            out.push(self.unicode_escape()?);
                            continue;
                        }
                        _ => return Err(self.error("invalid escape")),
                    };
                    self.pos += 1;
                    out.push(escaped);
                }
                Some(_) => return Err(self.error("control character in string")),
            }
        }
    }

    /// After `\u`: one code unit, or a surrogate pair. A lone surrogate (legal JSON, but not
    /// a Unicode scalar) becomes U+FFFD, as the browser's TextEncoder does.
    fn unicode_escape(&mut self) -> Result<char, SyntaxError> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first) && self.src[self.pos..].starts_with(b"\\u") {
            let save = self.pos;
            self.pos += 2;
            let second = self.hex4()?;
            if (0xDC00..0xE000).contains(&second) {
                let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                return Ok(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            self.pos = save;
        }
        Ok(char::from_u32(first).unwrap_or('\u{fffd}'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &str) -> Value {
        Value::String(v.to_owned())
    }

    #[test]
    fn parses_every_kind_of_value() {
        let v = parse(r#" {"a":[true,false,null,-1.5e3,"x\u00e9\n"],"b":{}} "#).unwrap();
        assert_eq!(
            v,
            Value::Object(vec![
                (
                    "a".into(),
                    Value::Array(vec![
                        Value::Bool(true),
                        Value::Bool(false),
                        Value::Null,
                        Value::Number("-1.5e3".into()),
                        s("xé\n"),
                    ])
                ),
                ("b".into(), Value::Object(vec![])),
            ])
        );
    }

    #[test]
    fn surrogate_pairs_decode_and_lone_surrogates_are_replaced() {
        assert_eq!(parse(r#""\ud83d\ude00""#).unwrap(), s("😀"));
        assert_eq!(parse(r#""a\ud800b""#).unwrap(), s("a\u{fffd}b"));
        assert_eq!(
            parse(r#""\udc00\ud800\u0041""#).unwrap(),
            s("\u{fffd}\u{fffd}A")
        );
    }

    #[test]
    fn repeated_keys_keep_the_last_value_like_json_parse() {
        let v = parse(r#"{"k":1,"k":2}"#).unwrap();
        assert_eq!(v.get("k"), Some(&Value::Number("2".into())));
    }

    #[test]
    fn errors_name_line_and_column() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!((e.line, e.column), (2, 8));
        assert_eq!(
            e.to_string(),
            "not valid JSON: unexpected character at line 2, column 8"
        );
    }

    #[test]
    fn rejects_what_json_parse_rejects() {
        for bad in [
            "",
            "  ",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "'x'",
            "\"a\nb\"",
            "[1] 2",
            "{a:1}",
            "\"\\x\"",
            "\"\\u12\"",
            "NaN",
            "\"unterminated",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(parse(&deep).unwrap_err().message, "nesting is too deep");
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&ok).is_ok());
    }

    #[test]
    fn error_positions_count_characters_not_bytes() {
        let e = parse("[\"中文\", x]").unwrap_err();
        assert_eq!((e.line, e.column), (1, 8));
    }
}
