//! Why content could not be loaded: the problems found, each at its JSON path, and the
//! helpers that write those paths and quote values in messages.

use serde::Serialize;
use std::fmt;

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
    pub(super) kind: LoadErrorKind,
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
            .and_then(|m| crate::content::search::split_once(m, ", expected "))
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
            .and_then(|m| crate::content::search::split_once(m, ", expected "))
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
