//! The content model (version 1 of the content JSON) and its validation.
//!
//! Every problem is collected, not just the first, and each names its JSON path, so an editor
//! fixing a document sees the whole list at once:
//!
//! ```
//! let err = essay_embed::model::load(r#"{"version":1,"essays":[{"id":"a"}]}"#).unwrap_err();
//! assert_eq!(err.to_string(), "the content is not valid: essays[0].title: missing");
//! ```
//!
//! The types mirror the JSON field for field (that is what the published JSON Schema is
//! generated from); values are checked here and trusted by the renderer.

use crate::json::{self, Value};
use crate::url;
use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// The only content format version this build reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole content document: one publication, an optional series and its essays.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "essay-embed content, version 1")
)]
pub struct Document {
    /// Always 1.
    pub version: u32,
    pub publication: Option<Publication>,
    pub series: Option<Series>,
    /// At least one essay; ids are unique.
    pub essays: Vec<Essay>,
    /// Overrides for the widget's own words, by key (see the README), e.g. `{"read_essay": "Read"}`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        schemars(with = "std::collections::BTreeMap<String, String>")
    )]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub strings: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Publication {
    pub name: String,
    pub url: Option<String>,
    /// URL of a logo image.
    pub logo: Option<String>,
    pub copyright: Option<String>,
    pub cta: Option<CallToAction>,
    /// An editorial credit line, e.g. "This digital magazine was edited by Chris Russell."
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct CallToAction {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Series {
    pub id: Option<String>,
    pub title: String,
    pub dek: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Essay {
    /// Unique within the document; used by the `essay` attribute and in share links.
    /// Letters, digits, `-`, `_` and `.`. Optional for a bare essay (then "essay").
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub id: String,
    pub kicker: Option<String>,
    pub title: String,
    /// The standfirst: one or two sentences under the title.
    pub dek: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub authors: Vec<Author>,
    /// RFC 3339 date (`2020-09-09`) or date-time.
    pub published: Option<String>,
    pub updated: Option<String>,
    /// Where the essay lives; share links and link-out cards point here.
    pub canonical_url: Option<String>,
    /// BCP 47 language tag of the essay text.
    pub lang: Option<String>,
    /// `ltr`, `rtl` or `auto`.
    pub dir: Option<String>,
    pub image: Option<Image>,
    /// Markdown (CommonMark with tables, footnotes and strikethrough; raw HTML is shown as
    /// text). Without a body the essay is a link-out card.
    pub body: Option<String>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub pull_quotes: Vec<PullQuote>,
    #[cfg_attr(not(target_arch = "wasm32"), schemars(default))]
    pub tags: Vec<String>,
    /// How `body` is written. Not part of the JSON: JSON Feed's `content_text` is plain text.
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

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Author {
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub url: Option<String>,
    /// URL of a square portrait.
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Image {
    pub src: String,
    /// Required for accessibility; `""` marks a purely decorative image.
    pub alt: String,
    pub caption: Option<String>,
    pub credit: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct PullQuote {
    /// A sentence of the body (elisions written ". . ." or "…" are allowed).
    pub text: String,
}

/// One problem in a document, at a JSON path such as `essays[2].authors[0].name`.
#[derive(Debug, Clone, PartialEq, Eq)]
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

/// Why content could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadError {
    kind: LoadErrorKind,
}

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The text is not JSON.
    Syntax(json::SyntaxError),
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

impl From<json::SyntaxError> for LoadError {
    fn from(e: json::SyntaxError) -> Self {
        LoadError {
            kind: LoadErrorKind::Syntax(e),
        }
    }
}

/// A document that passed validation, with the warnings found on the way (content that
/// renders, but probably not as the editor meant, like a pull quote not found in the body).
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub document: Document,
    pub warnings: Vec<Problem>,
}

/// Parses and validates content JSON: a version-1 document, a bare essay object, or a
/// JSON Feed 1.0/1.1 document.
pub fn load(text: &str) -> Result<Loaded, LoadError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        let message = over_limit("too large: ", text.len(), MAX_DOCUMENT_BYTES);
        return Err(LoadError {
            kind: LoadErrorKind::Invalid(vec![Problem {
                path: String::new(),
                message,
            }]),
        });
    }
    let value = json::parse(text)?;
    from_value(&value)
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
fn over_limit(what: &str, bytes: usize, limit: usize) -> String {
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
        crate::num::uint((tenths / 10) as u64),
        ".".to_owned(),
        crate::num::uint((tenths % 10) as u64),
        " MB".to_owned(),
    ]
    .concat()
}

/// Validates an already parsed JSON value (see [`load`]).
pub fn from_value(value: &Value) -> Result<Loaded, LoadError> {
    let mut cx = Checker::default();
    let document = match value {
        Value::Object(_) if crate::feed::is_json_feed(value) => crate::feed::read(value, &mut cx),
        Value::Object(_) if value.get("essays").is_some() || value.get("version").is_some() => {
            read_document(value, &mut cx)
        }
        Value::Object(_) => {
            let essay = read_essay(value, "", &mut cx, true);
            Document {
                version: FORMAT_VERSION,
                essays: vec![essay],
                ..Document::default()
            }
        }
        other => {
            cx.error(
                "",
                ["expected a content object, found ", other.kind()].concat(),
            );
            Document::default()
        }
    };
    cx.check_document(&document);
    if cx.errors.is_empty() {
        Ok(Loaded {
            document,
            warnings: cx.warnings,
        })
    } else {
        Err(LoadError {
            kind: LoadErrorKind::Invalid(cx.errors),
        })
    }
}

/// Collects problems while reading fields.
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
    crate::num::push_uint(&mut p, i as u64);
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

    fn wrong_type(&mut self, path: &str, expected: &str, found: &Value) {
        self.error(
            path,
            ["expected ", expected, ", found ", found.kind()].concat(),
        );
    }

    /// An optional string member. `null` counts as absent; blank strings too.
    pub(crate) fn opt_str(&mut self, obj: &Value, key: &str, path: &str) -> Option<String> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => {
                self.wrong_type(&join(path, key), "a string", other);
                None
            }
        }
    }

    /// A required, non-blank string member.
    pub(crate) fn req_str(&mut self, obj: &Value, key: &str, path: &str) -> String {
        match obj.get(key) {
            None | Some(Value::Null) => {
                self.error(&join(path, key), "missing");
                String::new()
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                self.error(&join(path, key), "must not be empty");
                String::new()
            }
            Some(_) => self.opt_str(obj, key, path).unwrap_or_default(),
        }
    }

    /// An optional URL member: must be http(s), mailto, relative or a fragment.
    pub(crate) fn opt_url(&mut self, obj: &Value, key: &str, path: &str) -> Option<String> {
        let raw = self.opt_str(obj, key, path)?;
        self.check_url(&join(path, key), raw)
    }

    pub(crate) fn check_url(&mut self, path: &str, raw: String) -> Option<String> {
        match url::check(&raw) {
            Ok(()) => Some(raw),
            Err(why) => {
                self.error(path, why.to_string());
                None
            }
        }
    }

    /// An optional object member, read by `read` when present.
    fn opt_object<T>(
        &mut self,
        obj: &Value,
        key: &str,
        path: &str,
        read: impl FnOnce(&Value, &str, &mut Self) -> T,
    ) -> Option<T> {
        match obj.get(key) {
            None | Some(Value::Null) => None,
            Some(v @ Value::Object(_)) => Some(read(v, &join(path, key), self)),
            Some(other) => {
                self.wrong_type(&join(path, key), "an object", other);
                None
            }
        }
    }

    /// An optional array member whose items are read by `read`.
    pub(crate) fn array<T>(
        &mut self,
        obj: &Value,
        key: &str,
        path: &str,
        mut read: impl FnMut(&Value, &str, &mut Self) -> Option<T>,
    ) -> Vec<T> {
        let path = join(path, key);
        match obj.get(key) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| read(item, &index(&path, i), self))
                .collect(),
            Some(other) => {
                self.wrong_type(&path, "an array", other);
                Vec::new()
            }
        }
    }

    /// Requires `value` to be an object; reports it otherwise.
    pub(crate) fn is_object(&mut self, value: &Value, path: &str) -> bool {
        if matches!(value, Value::Object(_)) {
            true
        } else {
            self.wrong_type(path, "an object", value);
            false
        }
    }

    /// Checks that span the whole document: unique ids (a set of those seen, not a scan of
    /// the essays before each: a document may hold hundreds of thousands).
    fn check_document(&mut self, doc: &Document) {
        let mut seen = crate::strmap::StrMap::default();
        for (i, essay) in doc.essays.iter().enumerate() {
            if essay.id.is_empty() {
                continue;
            }
            if seen.get(&essay.id).is_none() {
                seen.insert(&essay.id, i);
            } else {
                self.error(
                    &join(&index("essays", i), "id"),
                    ["duplicate id ", &quoted(&essay.id), " (ids must be unique)"].concat(),
                );
            }
        }
    }
}

fn read_document(value: &Value, cx: &mut Checker) -> Document {
    match value.get("version") {
        Some(Value::Number(n)) if n == "1" => {}
        None => cx.error("version", "missing (this widget reads version 1)"),
        Some(Value::Number(n)) => cx.error(
            "version",
            ["unsupported version ", n, " (this widget reads version 1)"].concat(),
        ),
        Some(other) => cx.wrong_type("version", "the number 1", other),
    }
    let publication = cx.opt_object(value, "publication", "", read_publication);
    let series = cx.opt_object(value, "series", "", read_series);
    let essays = match value.get("essays") {
        None | Some(Value::Null) => {
            cx.error("essays", "missing (a document needs at least one essay)");
            Vec::new()
        }
        Some(Value::Array(items)) if items.is_empty() => {
            cx.error("essays", "must hold at least one essay");
            Vec::new()
        }
        Some(_) => cx.array(value, "essays", "", |v, path, cx| {
            cx.is_object(v, path)
                .then(|| read_essay(v, path, cx, false))
        }),
    };
    let strings = match value.get("strings") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Object(members)) => members
            .iter()
            .filter_map(|(k, v)| match v {
                Value::String(s) => Some((k.clone(), s.clone())),
                other => {
                    cx.wrong_type(&join("strings", k), "a string", other);
                    None
                }
            })
            .collect(),
        Some(other) => {
            cx.wrong_type("strings", "an object", other);
            Vec::new()
        }
    };
    Document {
        version: FORMAT_VERSION,
        publication,
        series,
        essays,
        strings,
    }
}

fn read_publication(v: &Value, path: &str, cx: &mut Checker) -> Publication {
    Publication {
        name: cx.req_str(v, "name", path),
        url: cx.opt_url(v, "url", path),
        logo: cx.opt_url(v, "logo", path),
        copyright: cx.opt_str(v, "copyright", path),
        cta: cx.opt_object(v, "cta", path, |v, path, cx| CallToAction {
            label: cx.req_str(v, "label", path),
            url: {
                let raw = cx.req_str(v, "url", path);
                if raw.is_empty() {
                    raw
                } else {
                    cx.check_url(&join(path, "url"), raw).unwrap_or_default()
                }
            },
        }),
        credit: cx.opt_str(v, "credit", path),
    }
}

fn read_series(v: &Value, path: &str, cx: &mut Checker) -> Series {
    Series {
        id: cx.opt_str(v, "id", path),
        title: cx.req_str(v, "title", path),
        dek: cx.opt_str(v, "dek", path),
        url: cx.opt_url(v, "url", path),
    }
}

/// Reads one essay object. `bare` is true for a document that is just this essay, where the
/// id may be left out.
pub(crate) fn read_essay(v: &Value, path: &str, cx: &mut Checker, bare: bool) -> Essay {
    let id = if bare {
        cx.opt_str(v, "id", path)
            .unwrap_or_else(|| "essay".to_owned())
    } else {
        cx.req_str(v, "id", path)
    };
    if !id.is_empty() && !is_valid_id(&id) {
        cx.error(
            &join(path, "id"),
            "may only hold letters, digits, '-', '_' and '.'",
        );
    }
    let published = cx.opt_str(v, "published", path);
    let updated = cx.opt_str(v, "updated", path);
    for (key, date) in [("published", &published), ("updated", &updated)] {
        if let Some(d) = date {
            if crate::date::Date::parse(d).is_none() {
                cx.error(
                    &join(path, key),
                    [
                        &quoted(d),
                        " is not a date (expected e.g. 2020-09-09 or 2020-09-09T12:00:00Z)",
                    ]
                    .concat(),
                );
            }
        }
    }
    let lang = cx.opt_str(v, "lang", path);
    if let Some(tag) = &lang {
        if !is_language_tag(tag) {
            cx.error(
                &join(path, "lang"),
                [&quoted(tag), " is not a BCP 47 language tag"].concat(),
            );
        }
    }
    let dir = cx.opt_str(v, "dir", path);
    if let Some(d) = &dir {
        if !matches!(d.as_str(), "ltr" | "rtl" | "auto") {
            cx.error(
                &join(path, "dir"),
                [&quoted(d), " must be \"ltr\", \"rtl\" or \"auto\""].concat(),
            );
        }
    }
    let body = match v.get("body") {
        Some(Value::String(s)) if s.trim().is_empty() => {
            cx.warn(
                &join(path, "body"),
                "empty: the essay is shown as a link-out card",
            );
            None
        }
        Some(Value::String(s)) if s.len() > MAX_BODY_BYTES => {
            cx.error(
                &join(path, "body"),
                over_limit("too long: ", s.len(), MAX_BODY_BYTES),
            );
            None
        }
        _ => cx.opt_str(v, "body", path),
    };
    Essay {
        id,
        kicker: cx.opt_str(v, "kicker", path),
        title: cx.req_str(v, "title", path),
        dek: cx.opt_str(v, "dek", path),
        authors: cx.array(v, "authors", path, |v, path, cx| {
            cx.is_object(v, path).then(|| read_author(v, path, cx))
        }),
        published,
        updated,
        canonical_url: cx.opt_url(v, "canonical_url", path),
        lang,
        dir,
        image: cx.opt_object(v, "image", path, read_image),
        body,
        pull_quotes: read_pull_quotes(v, path, cx),
        tags: cx.array(v, "tags", path, |v, path, cx| match v {
            Value::String(s) => Some(s.clone()),
            other => {
                cx.wrong_type(path, "a string", other);
                None
            }
        }),
        body_format: BodyFormat::Markdown,
    }
}

/// An essay's pull quotes, at most [`MAX_PULL_QUOTES`] (the rest reported and left out).
fn read_pull_quotes(v: &Value, path: &str, cx: &mut Checker) -> Vec<PullQuote> {
    let mut pull_quotes = cx.array(v, "pull_quotes", path, |v, path, cx| match v {
        // A plain string is accepted as shorthand for {"text": ...}.
        Value::String(s) if !s.trim().is_empty() => Some(PullQuote { text: s.clone() }),
        Value::Object(_) => Some(PullQuote {
            text: cx.req_str(v, "text", path),
        }),
        other => {
            cx.wrong_type(path, "an object with \"text\"", other);
            None
        }
    });
    if pull_quotes.len() > MAX_PULL_QUOTES {
        let message = [
            &crate::num::uint(pull_quotes.len() as u64),
            " pull quotes: only the first ",
            &crate::num::uint(MAX_PULL_QUOTES as u64),
            " are shown",
        ]
        .concat();
        cx.warn(&join(path, "pull_quotes"), message);
        pull_quotes.truncate(MAX_PULL_QUOTES);
    }
    pull_quotes
}

fn read_author(v: &Value, path: &str, cx: &mut Checker) -> Author {
    Author {
        name: cx.req_str(v, "name", path),
        role: cx.opt_str(v, "role", path),
        affiliation: cx.opt_str(v, "affiliation", path),
        url: cx.opt_url(v, "url", path),
        avatar: cx.opt_url(v, "avatar", path),
    }
}

fn read_image(v: &Value, path: &str, cx: &mut Checker) -> Image {
    let src = cx.req_str(v, "src", path);
    let src = if src.is_empty() {
        src
    } else {
        cx.check_url(&join(path, "src"), src).unwrap_or_default()
    };
    let alt = match v.get("alt") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => {
            cx.warn(
                &join(path, "alt"),
                "missing: describe the image, or use \"\" if it is decorative",
            );
            String::new()
        }
        Some(other) => {
            cx.wrong_type(&join(path, "alt"), "a string", other);
            String::new()
        }
    };
    Image {
        src,
        alt,
        caption: cx.opt_str(v, "caption", path),
        credit: cx.opt_str(v, "credit", path),
    }
}

fn is_valid_id(id: &str) -> bool {
    id.len() <= 200
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
    fn a_bare_essay_is_a_document() {
        let doc = load(r#"{"title":"Alone","body":"Text"}"#).unwrap().document;
        assert_eq!(doc.essays.len(), 1);
        assert_eq!(doc.essays[0].id, "essay");
        assert_eq!(doc.essay(Some("essay")).unwrap().title, "Alone");
    }

    #[test]
    fn collects_every_problem_with_its_path() {
        let got = problems(
            r#"{"version":1,"essays":[
                {"id":"a","title":"A"},
                {"id":"b","title":"B"},
                {"id":"c","title":5,"authors":[{"role":"x"}],"published":"yesterday","lang":"not a tag","dir":"up"},
                {"id":"a","title":"Again"}]}"#,
        );
        assert_eq!(
            got,
            vec![
                "essays[2].published: \"yesterday\" is not a date (expected e.g. 2020-09-09 or 2020-09-09T12:00:00Z)",
                "essays[2].lang: \"not a tag\" is not a BCP 47 language tag",
                "essays[2].dir: \"up\" must be \"ltr\", \"rtl\" or \"auto\"",
                "essays[2].title: expected a string, found a number",
                "essays[2].authors[0].name: missing",
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
            vec!["essays: missing (a document needs at least one essay)"]
        );
        assert_eq!(
            problems(r#"{"version":1,"essays":[]}"#),
            vec!["essays: must hold at least one essay"]
        );
        assert_eq!(
            problems("[1]"),
            vec!["expected a content object, found an array"]
        );
    }

    #[test]
    fn rejects_urls_with_forbidden_schemes_in_every_url_field() {
        let got = problems(
            r#"{"version":1,"publication":{"name":"P","url":"javascript:alert(1)","logo":"data:image/png;base64,AA",
                "cta":{"label":"L","url":" JaVaScRiPt:x"}},"series":{"title":"S","url":"vbscript:x"},
                "essays":[{"id":"a","title":"A","canonical_url":"java\tscript:x","image":{"src":"javascript:x","alt":""},
                "authors":[{"name":"N","url":"javascript:x","avatar":"file:///etc/passwd"}]}]}"#,
        );
        assert_eq!(got.len(), 8, "{got:#?}");
        assert!(got.iter().all(|p| p.contains("not allowed")), "{got:#?}");
        assert!(got[0].starts_with("publication.url: "));
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
    fn warns_about_empty_bodies_and_missing_alt_text() {
        let loaded = load(r#"{"title":"A","body":"  ","image":{"src":"/a.jpg"}}"#).unwrap();
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            vec![
                "body: empty: the essay is shown as a link-out card",
                "image.alt: missing: describe the image, or use \"\" if it is decorative",
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
