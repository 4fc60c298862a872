//! Card, article and series views of a document, rendered to one HTML string.
//!
//! The output is a fragment meant for a shadow root (or, from the CLI, for a server page):
//! every element closed, every attribute quoted, all content escaped, and only the element
//! and attribute names written in these modules and in `markdown`. Class names are prefixed
//! `ee-`; `part` names (title, byline, body, pullquote, share, card, footer, ...) are the
//! styling contract documented in the README.

mod article;
mod blocks;
mod card;
mod parts;
mod series;

pub use blocks::{body, reading_minutes, truncate_words};

use crate::content::model::{Document, Essay, Problem};
use crate::content::url::UrlError;
use crate::render::html::Html;
use crate::render::i18n::{Language, Strings};
use crate::share::anchor::Projection;
use std::fmt;

/// Which view to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The whole essay (the default).
    #[default]
    Article,
    /// A compact teaser linking to the essay.
    Card,
    /// The series title and a card for every essay.
    Series,
}

impl Mode {
    /// Parses the `mode` attribute value.
    pub fn parse(s: &str) -> Option<Mode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "article" | "" => Some(Mode::Article),
            "card" => Some(Mode::Card),
            "series" => Some(Mode::Series),
            _ => None,
        }
    }

    /// The name `parse` reads (the `mode` the element reports in its events).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Article => "article",
            Mode::Card => "card",
            Mode::Series => "series",
        }
    }
}

/// How to render. `Default` gives an article of the first essay with an `h1` title.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions<'a> {
    pub mode: Mode,
    /// Essay id; the first essay when `None`.
    pub essay: Option<&'a str>,
    /// Language for the widget's own words; else the essay's `lang`; else English.
    pub lang: Option<&'a str>,
    /// Level of the top heading (1 to 6). Defaults to 1 for an article, 2 otherwise.
    pub heading_level: Option<u8>,
    /// Emit the controls only a running widget can serve (pull-quote share buttons).
    pub interactive: bool,
}

/// Why a document could not be rendered as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// No essay has the requested id; holds it and the ids there are.
    UnknownEssay { id: String, available: Vec<String> },
    /// An option of the pre-rendered element (`pkg_url`, or `src` for
    /// [`ElementContent::Src`](crate::ElementContent::Src)) holds a URL outside the allow-list
    /// that every `href` and `src` passes. Only [`element()`](crate::element()) returns it.
    UrlNotAllowed {
        option: &'static str,
        url: String,
        error: UrlError,
    },
}

impl RenderError {
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::UnknownEssay { .. } => "unknown-essay",
            RenderError::UrlNotAllowed { .. } => "url-not-allowed",
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenderError::UnknownEssay { id, available } => {
                f.write_str("no essay has the id \"")?;
                f.write_str(id)?;
                f.write_str("\" (this document has: ")?;
                for (i, a) in available.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str("\"")?;
                    f.write_str(a)?;
                    f.write_str("\"")?;
                }
                f.write_str(")")
            }
            RenderError::UrlNotAllowed { option, url, error } => {
                f.write_str(option)?;
                f.write_str(" \"")?;
                f.write_str(url)?;
                f.write_str("\": ")?;
                fmt::Display::fmt(error, f)
            }
        }
    }
}

impl std::error::Error for RenderError {}

/// A rendered view.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    /// The essay shown (article and card modes).
    pub essay_id: Option<String>,
    /// The article body's plain text, for the share layer (article mode).
    pub projection: Option<Projection>,
    /// Problems worth telling the editor that did not stop rendering.
    pub warnings: Vec<Problem>,
}

/// Renders `doc` as `options` ask.
pub fn render(doc: &Document, options: &RenderOptions<'_>) -> Result<Rendered, RenderError> {
    let position =
        match options.essay {
            Some(id) => doc.essays.iter().position(|e| e.id == id).ok_or_else(|| {
                RenderError::UnknownEssay {
                    id: id.to_owned(),
                    available: doc.essays.iter().map(|e| e.id.clone()).collect(),
                }
            })?,
            None => 0,
        };
    let Some(essay) = doc.essays.get(position) else {
        // `model` guarantees at least one essay; an empty hand-built document renders empty.
        return Ok(Rendered {
            html: String::new(),
            essay_id: None,
            projection: None,
            warnings: Vec::new(),
        });
    };
    let language = Language::choose(&[options.lang, essay.lang.as_deref()]);
    let strings = Strings::new(language, &doc.strings);
    let mut cx = Context {
        doc,
        strings,
        html: Html::new(),
        options,
        warnings: Vec::new(),
    };
    let mut projection = None;
    match options.mode {
        Mode::Article => projection = Some(cx.article(essay, position)),
        Mode::Card => cx.card(essay, options.heading_level.unwrap_or(2)),
        Mode::Series => cx.series(),
    }
    let essay_id = (options.mode != Mode::Series).then(|| essay.id.clone());
    Ok(Rendered {
        html: cx.html.buf,
        essay_id,
        projection,
        warnings: cx.warnings,
    })
}

struct Context<'a, 'o> {
    doc: &'a Document,
    strings: Strings<'a>,
    html: Html,
    options: &'o RenderOptions<'o>,
    warnings: Vec<Problem>,
}

impl<'a> Context<'a, '_> {
    /// `lang` and `dir` of an essay, on its outermost element.
    fn open_essay_root(&mut self, name: &'static str, class: &str, part: &str, essay: &Essay) {
        self.html.open(
            name,
            &[
                ("class", Some(class)),
                ("part", Some(part)),
                ("lang", essay.lang.as_deref()),
                ("dir", essay_dir(essay)),
                ("data-essay", Some(&essay.id)),
            ],
        );
    }

    /// `lang` and `dir` for the widget's own words inside `essay`: none when they are in
    /// the essay's language and direction, else theirs, so an English fallback word or date
    /// in an Arabic essay (or Arabic words around an English essay) reads in its own order.
    fn words_attrs(&self, essay: &Essay) -> [(&'static str, Option<&'static str>); 2] {
        let words = self.strings.language();
        let same_language = match essay.lang.as_deref() {
            Some(tag) => Language::from_tag(tag) == Some(words),
            None => words == Language::English,
        };
        let same_dir = essay_dir(essay).is_none_or(|d| d == "auto" || d == words.dir());
        if same_language && same_dir {
            [("lang", None), ("dir", None)]
        } else {
            [("lang", Some(words.tag())), ("dir", Some(words.dir()))]
        }
    }

    /// `<name class=... lang=... dir=...>text</name>` for the widget's words in `essay`.
    fn words(&mut self, name: &'static str, class: &str, essay: &Essay, text: &str) {
        let [lang, dir] = self.words_attrs(essay);
        self.html
            .open(name, &[("class", Some(class)), lang, dir])
            .text(text)
            .close(name);
    }

    /// "→", or "←" where the words around it read right to left.
    fn forward_arrow(&self, essay: &Essay) -> &'static str {
        let rtl = match self.words_attrs(essay) {
            [_, (_, Some(dir))] => dir == "rtl",
            _ => essay_dir(essay) == Some("rtl"),
        };
        if rtl {
            " ←"
        } else {
            " →"
        }
    }

    fn heading(&mut self, level: u8, class: &str, part: &str) -> &'static str {
        let (name, _) = crate::render::html::heading(level);
        self.html
            .open(name, &[("class", Some(class)), ("part", Some(part))]);
        name
    }
}

/// Whether `essay` reads right to left (its `dir`, else its `lang`).
// Only the browser shell asks (for the popover's share texts).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub fn essay_is_rtl(essay: &Essay) -> bool {
    essay_dir(essay) == Some("rtl")
}

/// The essay's `dir`, else right to left when its `lang` is written so.
fn essay_dir(essay: &Essay) -> Option<&str> {
    essay.dir.as_deref().or_else(|| {
        essay
            .lang
            .as_deref()
            .filter(|tag| crate::render::i18n::is_rtl_tag(tag))
            .map(|_| "rtl")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_parse() {
        assert_eq!(Mode::parse(" Card "), Some(Mode::Card));
        assert_eq!(Mode::parse(""), Some(Mode::Article));
        assert_eq!(Mode::parse("poster"), None);
    }
}
