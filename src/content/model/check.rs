//! Validation: one pass over the typed model (the `Checker`) that collects every problem with
//! its path, drops what the URL allow-list refuses and applies the limits.

use super::limits::is_valid_id;
use super::{
    index, join, over_limit, quoted, Content, Document, Essay, Image, LoadError, LoadErrorKind,
    Loaded, Problem, FORMAT_VERSION, MAX_BODY_BYTES, MAX_ID_BYTES, MAX_PULL_QUOTES,
};
use crate::content::url;

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
///
/// A Rust program reads (or builds) a [`Document`] with serde, then validates and renders it:
///
/// ```
/// use essay_embed::{render, validate, Document, RenderOptions};
/// let doc: Document = serde_json::from_str(
///     r#"{"version":1,"essays":[{"id":"a","title":"Hello","authors":[{"name":"Ada"}],
///         "body":"First *words*.","pull_quotes":["First"]}]}"#,
/// ).unwrap();
/// let loaded = validate(doc).unwrap();
/// let out = render(&loaded.document, &RenderOptions::default()).unwrap();
/// assert!(out.html.contains("<em>words</em>"));
/// ```
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

/// Collects problems while checking fields.
#[derive(Default)]
pub(crate) struct Checker {
    errors: Vec<Problem>,
    warnings: Vec<Problem>,
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
        let mut seen = crate::content::strmap::StrMap::default();
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
