//! Card, article and series views of a document, rendered to one HTML string.
//!
//! The output is a fragment meant for a shadow root (or, from the CLI, for a server page):
//! every element closed, every attribute quoted, all content escaped, and only the element
//! and attribute names written in this file and in `markdown`. Class names are prefixed
//! `ee-`; `part` names (title, byline, body, pullquote, share, card, footer, ...) are the
//! styling contract documented in the README.

use crate::content::date::Date;
use crate::content::model::{index, join, Author, BodyFormat, Document, Essay, Problem};
use crate::render::html::Html;
use crate::render::i18n::{Language, Strings};
use crate::render::markdown::{self, Block};
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
}

impl RenderError {
    pub fn code(&self) -> &'static str {
        match self {
            RenderError::UnknownEssay { .. } => "unknown-essay",
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

/// The rendered body of one essay: its blocks and where each pull quote goes.
pub struct Body {
    pub blocks: Vec<Block>,
    /// For each pull quote, the block it follows, or `None` when its text is not in the body.
    pub placements: Vec<Option<usize>>,
}

/// Renders an essay's body and places its pull quotes. Body headings start one level below
/// `title_level`.
pub fn body(essay: &Essay, title_level: u8) -> Body {
    let source = essay.body.as_deref().unwrap_or("");
    let blocks = match essay.body_format {
        BodyFormat::Markdown => markdown::render(source, title_level.saturating_add(1).min(6)),
        BodyFormat::PlainText => markdown::render_plain(source),
    };
    // Blocks are normalized only as far as a quote needs (none without pull quotes).
    let mut normalized: Vec<String> = Vec::new();
    let mut placements = Vec::with_capacity(essay.pull_quotes.len());
    for q in &essay.pull_quotes {
        let quote = normalize_quote(&q.text);
        let mut found = None;
        for (i, block) in blocks.iter().enumerate() {
            if i == normalized.len() {
                normalized.push(normalize(&block.text));
            }
            if normalized
                .get(i)
                .is_some_and(|b| contains_normalized(b, &quote))
            {
                found = Some(i);
                break;
            }
        }
        placements.push(found);
    }
    Body { blocks, placements }
}

/// Case-folded, with whitespace collapsed and typographic quotes and dashes made plain
/// ([`crate::share::anchor::fold`]), so a pull quote matches its sentence however the editor typed it.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut at = 0;
    while let Some(&b) = text.as_bytes().get(at) {
        let c = if b.is_ascii() {
            // ASCII first, on the byte: most text is, and it needs no decoding or tables.
            at += 1;
            if matches!(b, b'\t'..=b'\r' | b' ') {
                space = true;
                continue;
            }
            char::from(b.to_ascii_lowercase())
        } else {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if c.is_whitespace() {
                space = true;
                continue;
            }
            // The same folding the share layer uses to find the quote again.
            crate::share::anchor::fold(c)
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// A pull quote normalized for [`contains_normalized`], with its elisions as "…".
fn normalize_quote(quote: &str) -> String {
    let quote = crate::share::search::replace(&normalize(quote), ". . .", "\u{2026}");
    crate::share::search::replace(&quote, "...", "\u{2026}")
}

/// True when every part of `quote` (split at elisions: "…", ". . .", "...") occurs in
/// `block`, in order. `block` is already normalized.
#[cfg(test)]
fn contains_quote(block: &str, quote: &str) -> bool {
    contains_normalized(block, &normalize_quote(quote))
}

/// [`contains_quote`] for a quote already through [`normalize_quote`].
fn contains_normalized(block: &str, quote: &str) -> bool {
    let mut from = 0;
    let mut any = false;
    for part in quote.split('\u{2026}') {
        let part = part.trim_matches(|c: char| {
            c.is_whitespace() || c.is_ascii_punctuation() || c == '\u{3002}'
        });
        if part.is_empty() {
            continue;
        }
        match block
            .get(from..)
            .and_then(|rest| crate::share::search::find(rest, part))
        {
            Some(at) => {
                from += at + part.len();
                any = true;
            }
            None => return false,
        }
    }
    any
}

/// About 230 words a minute for alphabetic scripts, 500 characters a minute for CJK.
pub fn reading_minutes(text: &str) -> usize {
    let mut words = 0usize;
    let mut cjk = 0usize;
    let mut in_word = false;
    let mut at = 0;
    while let Some(&b) = text.as_bytes().get(at) {
        if b.is_ascii() {
            // The same tests as below, on the byte: no decoding, no tables, for the common
            // case (this reads every character of the essay).
            if b.is_ascii_alphanumeric() {
                words += usize::from(!in_word);
                in_word = true;
            } else if matches!(b, b'\t'..=b'\r' | b' ') {
                in_word = false;
            }
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else if c.is_whitespace() {
            in_word = false;
        }
    }
    ((words * 60 / 230 + cjk * 60 / 500) / 60 + 1).max(1)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
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
        let name = match level {
            0 | 1 => "h1",
            2 => "h2",
            3 => "h3",
            4 => "h4",
            5 => "h5",
            _ => "h6",
        };
        self.html
            .open(name, &[("class", Some(class)), ("part", Some(part))]);
        name
    }

    fn article(&mut self, essay: &Essay, position: usize) -> Projection {
        let level = self.options.heading_level.unwrap_or(1).clamp(1, 6);
        self.open_essay_root("article", "ee ee-article", "article", essay);

        self.html.open_class("header", "ee-head");
        if let Some(kicker) = &essay.kicker {
            self.html.paragraph("ee-kicker", "kicker", kicker);
        }
        let h = self.heading(level, "ee-title", "title");
        self.html.text(&essay.title).close(h);
        if let Some(dek) = &essay.dek {
            self.html.paragraph("ee-dek", "dek", dek);
        }

        let body = body(essay, level);
        let projection = Projection::from_blocks(&body.blocks);
        self.byline(essay, Some(reading_minutes(&projection.text)));
        self.html.close("header");

        if let Some(image) = &essay.image {
            if !image.src.is_empty() {
                self.html.open(
                    "figure",
                    &[("class", Some("ee-figure")), ("part", Some("image"))],
                );
                // With its size the image's box is laid out before it loads (`height: auto`
                // in the stylesheet keeps the ratio at any width).
                let size = image.size().map(|(w, h)| (w.to_string(), h.to_string()));
                self.html.open(
                    "img",
                    &[
                        ("src", Some(&image.src)),
                        ("alt", Some(image.alt.as_deref().unwrap_or(""))),
                        ("width", size.as_ref().map(|s| s.0.as_str())),
                        ("height", size.as_ref().map(|s| s.1.as_str())),
                        ("loading", Some("lazy")),
                        ("decoding", Some("async")),
                    ],
                );
                if image.caption.is_some() || image.credit.is_some() {
                    self.html.open_class("figcaption", "ee-caption");
                    if let Some(caption) = &image.caption {
                        self.html.text(caption);
                    }
                    if let Some(credit) = &image.credit {
                        if image.caption.is_some() {
                            self.html.text(" ");
                        }
                        self.html.element("span", "ee-image-credit", credit);
                    }
                    self.html.close("figcaption");
                }
                self.html.close("figure");
            }
        }

        self.html
            .open("div", &[("class", Some("ee-body")), ("part", Some("body"))]);
        for (i, block) in body.blocks.iter().enumerate() {
            self.html.buf.push_str(&block.html);
            for (q, _) in body
                .placements
                .iter()
                .enumerate()
                .filter(|(_, at)| **at == Some(i))
            {
                self.pull_quote(essay, q, true);
            }
        }
        let path = index("essays", position);
        for (q, _) in body
            .placements
            .iter()
            .enumerate()
            .filter(|(_, at)| at.is_none())
        {
            if essay.body.is_some() {
                self.warnings.push(Problem {
                    path: index(&join(&path, "pull_quotes"), q),
                    message: "not found in the body; shown at the end".to_owned(),
                });
            }
            self.pull_quote(essay, q, false);
        }
        self.html.close("div");

        self.series_nav(essay, level);
        self.footer();
        self.html.close("article");
        projection
    }

    /// A pull quote. When it repeats body text it is decorative (`aria-hidden`), so screen
    /// readers and the share layer meet the sentence once.
    fn pull_quote(&mut self, essay: &Essay, q: usize, duplicate: bool) {
        let Some(quote) = essay.pull_quotes.get(q) else {
            return;
        };
        let n = q.to_string();
        self.html.open(
            "aside",
            &[
                ("class", Some("ee-pullquote")),
                ("part", Some("pullquote")),
                ("data-pullquote", Some(&n)),
            ],
        );
        self.html
            .open(
                "blockquote",
                &[("aria-hidden", duplicate.then_some("true"))],
            )
            .open("p", &[])
            .text(&unbreakable_elisions(&quote.text))
            .close("p")
            .close("blockquote");
        if self.options.interactive {
            let label = self.strings.get("share_quote");
            let [lang, dir] = self.words_attrs(essay);
            self.html
                .open(
                    "button",
                    &[
                        ("type", Some("button")),
                        ("class", Some("ee-pq-share")),
                        ("part", Some("share")),
                        ("data-share-quote", Some(&n)),
                        lang,
                        dir,
                    ],
                )
                .text(label)
                .close("button");
        }
        self.html.close("aside");
    }

    /// Authors with role and affiliation, then the date and reading time.
    fn byline(&mut self, essay: &Essay, minutes: Option<usize>) {
        self.html.open(
            "div",
            &[("class", Some("ee-byline")), ("part", Some("byline"))],
        );
        if !essay.authors.is_empty() {
            self.html.open_class("ul", "ee-authors");
            for author in &essay.authors {
                self.author(author);
            }
            self.html.close("ul");
        }
        let date = essay.published.as_deref().and_then(Date::parse);
        if date.is_some() || minutes.is_some() {
            self.html.open_class("p", "ee-meta");
            let mut first = true;
            let mut separate = |html: &mut Html| {
                if !std::mem::take(&mut first) {
                    html.open(
                        "span",
                        &[("class", Some("ee-dot")), ("aria-hidden", Some("true"))],
                    )
                    .text(" · ")
                    .close("span");
                }
            };
            let [lang, dir] = self.words_attrs(essay);
            if let Some(d) = date {
                let iso = d.iso();
                let shown = self.strings.date(d);
                separate(&mut self.html);
                self.html
                    .open("time", &[("datetime", Some(&iso)), lang, dir])
                    .text(&shown)
                    .close("time");
            }
            if let Some(updated) = essay
                .updated
                .as_deref()
                .and_then(Date::parse)
                .filter(|u| Some(*u) != date)
            {
                separate(&mut self.html);
                self.html
                    .open("span", &[("class", Some("ee-updated")), lang, dir]);
                let label = self.strings.get("updated");
                self.html.text(label).text(" ");
                let iso = updated.iso();
                let shown = self.strings.date(updated);
                self.html
                    .open("time", &[("datetime", Some(&iso))])
                    .text(&shown)
                    .close("time");
                self.html.close("span");
            }
            if let Some(m) = minutes {
                separate(&mut self.html);
                let text = self.strings.count("min_read", m as u64);
                self.words("span", "ee-reading-time", essay, &text);
            }
            self.html.close("p");
        }
        self.html.close("div");
    }

    fn author(&mut self, author: &Author) {
        self.html.open_class("li", "ee-author");
        if let Some(avatar) = &author.avatar {
            self.html.open(
                "img",
                &[
                    ("class", Some("ee-avatar")),
                    ("src", Some(avatar)),
                    ("alt", Some("")),
                    ("width", Some("48")),
                    ("height", Some("48")),
                    ("loading", Some("lazy")),
                    ("decoding", Some("async")),
                ],
            );
        }
        self.html.open_class("span", "ee-author-text");
        self.html.open(
            "span",
            &[("class", Some("ee-author-name")), ("dir", Some("auto"))],
        );
        self.html
            .link_or_text(author.url.as_deref(), None, &author.name);
        self.html.close("span");
        // Role and affiliation sit on their own lines; the commas are for screen readers
        // and for copied text ("Tong Zhao, Senior Fellow, ...").
        if let Some(role) = &author.role {
            self.html.element("span", "ee-sep", ", ");
            self.html.auto_dir("span", "ee-author-role", role);
        }
        if let Some(affiliation) = &author.affiliation {
            self.html.element("span", "ee-sep", ", ");
            self.html
                .auto_dir("span", "ee-author-affiliation", affiliation);
        }
        self.html.close("span").close("li");
    }

    /// "Author and Author", for cards.
    fn author_names(&self, essay: &Essay) -> String {
        let names: Vec<&str> = essay.authors.iter().map(|a| a.name.as_str()).collect();
        self.strings.list(&names)
    }

    fn card(&mut self, essay: &Essay, level: u8) {
        let class = if essay.body.is_none() {
            "ee ee-card ee-link-out"
        } else {
            "ee ee-card"
        };
        self.open_essay_root("article", class, "card", essay);
        // Inside a series view, a kicker that only repeats the series title says nothing.
        let series_title = self.doc.series.as_ref().map(|s| s.title.as_str());
        let kicker = essay
            .kicker
            .as_deref()
            .filter(|k| !(self.options.mode == Mode::Series && Some(*k) == series_title));
        if let Some(kicker) = kicker {
            self.html.paragraph("ee-kicker", "kicker", kicker);
        }
        let h = self.heading(level, "ee-title", "title");
        self.html
            .link_or_text(essay.canonical_url.as_deref(), None, &essay.title);
        self.html.close(h);
        let teaser = essay.dek.clone().or_else(|| opening_lines(essay));
        if let Some(teaser) = teaser {
            self.html.paragraph("ee-dek", "dek", &teaser);
        }
        if !essay.authors.is_empty() {
            self.html.open(
                "p",
                &[("class", Some("ee-byline")), ("part", Some("byline"))],
            );
            let by = match essay.authors.len() {
                1 => self.strings.get("by"),
                _ => match self.strings.get("by_several") {
                    "by_several" => self.strings.get("by"),
                    several => several,
                },
            };
            self.words("span", "ee-by", essay, by);
            self.html.text(" ");
            let names = self.author_names(essay);
            self.html.auto_dir("span", "ee-author-name", &names);
            if let [only] = essay.authors.as_slice() {
                let detail: Vec<&str> = [only.role.as_deref(), only.affiliation.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if !detail.is_empty() {
                    self.html.element("span", "ee-sep", ", ");
                    self.html
                        .auto_dir("span", "ee-author-role", &detail.join(", "));
                }
            }
            self.html.close("p");
        }
        if let Some(quote) = essay.pull_quotes.first() {
            self.html
                .open(
                    "blockquote",
                    &[
                        ("class", Some("ee-card-quote")),
                        ("part", Some("pullquote")),
                    ],
                )
                .open("p", &[])
                .text(&quote.text)
                .close("p")
                .close("blockquote");
        }
        if let Some(url) = essay.canonical_url.as_deref() {
            let label = self.strings.get("read_essay");
            let arrow = self.forward_arrow(essay);
            let [lang, dir] = self.words_attrs(essay);
            self.html.open_class("p", "ee-more");
            self.html.open_link(url, Some("ee-read"));
            let wrapped = lang.1.is_some();
            if wrapped {
                self.html.open("span", &[lang, dir]);
            }
            self.html
                .text(label)
                .open("span", &[("aria-hidden", Some("true"))])
                .text(arrow)
                .close("span");
            if wrapped {
                self.html.close("span");
            }
            self.html.close("a").close("p");
        }
        self.html.close("article");
    }

    fn series(&mut self) {
        let level = self.options.heading_level.unwrap_or(2).clamp(1, 6);
        let first = self.doc.essays.first();
        self.html.open(
            "section",
            &[
                ("class", Some("ee ee-series")),
                ("part", Some("series")),
                ("lang", first.and_then(|e| e.lang.as_deref())),
                ("dir", first.and_then(essay_dir)),
            ],
        );
        if let Some(series) = &self.doc.series {
            self.html.open_class("header", "ee-head");
            let label = self.strings.get("series");
            self.html.open(
                "p",
                &[("class", Some("ee-kicker")), ("part", Some("kicker"))],
            );
            if let Some(first) = first {
                self.words("span", "ee-words", first, label);
            } else {
                self.html.text(label);
            }
            self.html.close("p");
            let h = self.heading(level, "ee-title", "title");
            self.html
                .link_or_text(series.url.as_deref(), None, &series.title);
            self.html.close(h);
            if let Some(dek) = &series.dek {
                self.html.paragraph("ee-dek", "dek", dek);
            }
            self.html.close("header");
        }
        let card_level = if self.doc.series.is_some() {
            level + 1
        } else {
            level
        };
        self.html.open_class("ul", "ee-cards");
        for essay in &self.doc.essays {
            self.html.open_class("li", "ee-cards-item");
            self.card(essay, card_level);
            self.html.close("li");
        }
        self.html.close("ul");
        self.footer();
        self.html.close("section");
    }

    /// "More in <series>": the document's other essays.
    fn series_nav(&mut self, current: &Essay, level: u8) {
        let others: Vec<&Essay> = self
            .doc
            .essays
            .iter()
            .filter(|e| e.id != current.id)
            .collect();
        if others.is_empty() {
            return;
        }
        let series_title = self.doc.series.as_ref().map(|s| s.title.as_str());
        let label = match series_title {
            Some(title) => self.strings.fill("more_in", "series", title),
            None => self.strings.get("more").to_owned(),
        };
        self.html.open(
            "nav",
            &[
                ("class", Some("ee-series-nav")),
                ("part", Some("series")),
                ("aria-label", Some(&label)),
            ],
        );
        let h = self.heading(
            level.saturating_add(1).min(6),
            "ee-series-title",
            "series-title",
        );
        // The widget's words around the series title, which is the essay's and isolated.
        let [lang, dir] = self.words_attrs(current);
        let wrapped = lang.1.is_some();
        if wrapped {
            self.html.open("span", &[lang, dir]);
        }
        match series_title {
            Some(title) => {
                let template = self.strings.get("more_in");
                let (before, after) = crate::share::search::split_once(template, "{series}")
                    .unwrap_or((template, ""));
                self.html
                    .text(before)
                    .open("bdi", &[("lang", current.lang.as_deref())])
                    .text(title)
                    .close("bdi")
                    .text(after);
            }
            None => {
                self.html.text(&label);
            }
        }
        if wrapped {
            self.html.close("span");
        }
        self.html.close(h);
        self.html.open_class("ul", "ee-series-list");
        for essay in others {
            self.html.open_class("li", "ee-series-item");
            self.html.open(
                "span",
                &[("class", Some("ee-series-essay")), ("dir", Some("auto"))],
            );
            self.html
                .link_or_text(essay.canonical_url.as_deref(), None, &essay.title);
            self.html.close("span");
            if !essay.authors.is_empty() {
                let names = self.author_names(essay);
                self.html.auto_dir("span", "ee-series-authors", &names);
                let roles: Vec<&str> = essay
                    .authors
                    .iter()
                    .flat_map(|a| [a.role.as_deref(), a.affiliation.as_deref()])
                    .flatten()
                    .collect();
                if !roles.is_empty() {
                    self.html
                        .auto_dir("span", "ee-series-roles", &roles.join(", "));
                }
            }
            self.html.close("li");
        }
        self.html.close("ul").close("nav");
    }

    fn footer(&mut self) {
        let Some(publication) = &self.doc.publication else {
            return;
        };
        self.html.open(
            "footer",
            &[("class", Some("ee-footer")), ("part", Some("footer"))],
        );
        // The publisher's lines may be in another script than the essay: each is isolated.
        if let Some(cta) = &publication.cta {
            self.html.open_class("p", "ee-cta").open("bdi", &[]);
            self.html
                .link_or_text(Some(&cta.url), Some("ee-cta-link"), &cta.label);
            self.html.close("bdi").close("p");
        }
        if let Some(credit) = &publication.credit {
            self.html
                .open_class("p", "ee-credit")
                .open("bdi", &[])
                .text(credit)
                .close("bdi")
                .close("p");
        }
        self.html.open_class("p", "ee-publication");
        if let Some(logo) = &publication.logo {
            self.html.open(
                "img",
                &[
                    ("class", Some("ee-logo")),
                    ("src", Some(logo)),
                    ("alt", Some("")),
                    ("height", Some("24")),
                ],
            );
        }
        self.html.open("bdi", &[]);
        self.html.link_or_text(
            publication.url.as_deref(),
            Some("ee-publication-name"),
            &publication.name,
        );
        self.html.close("bdi").close("p");
        if let Some(copyright) = &publication.copyright {
            self.html
                .open("p", &[("class", Some("ee-copyright"))])
                .open("small", &[("dir", Some("auto"))])
                .text(copyright);
            self.html.close("small").close("p");
        }
        self.html.close("footer");
    }
}

/// Whether `essay` reads right to left (its `dir`, else its `lang`).
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

/// ". . ." with no-break spaces, so an elision never wraps apart or starts a line.
fn unbreakable_elisions(text: &str) -> std::borrow::Cow<'_, str> {
    if crate::share::search::find(text, ". . .").is_some() {
        let text = crate::share::search::replace(text, " . . .", "\u{a0}. . .");
        crate::share::search::replace(&text, ". . .", ".\u{a0}.\u{a0}.").into()
    } else {
        text.into()
    }
}

/// The first ~30 words of the body, for a card without a dek.
fn opening_lines(essay: &Essay) -> Option<String> {
    let body = body(essay, 2);
    let first = body.blocks.iter().find(|b| !b.text.trim().is_empty())?;
    let text = first.text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(truncate_words(&text, 180))
}

/// `text` cut at a word boundary to at most `max` bytes, with an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut,
    };
    let mut out = cut
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_across_typography_and_elisions() {
        let block = normalize("In China’s highly centralized political system, in which experts are scattered, the blessing of top political leadership is key to momentum.");
        assert!(contains_quote(&block, "In China's highly centralized political system . . . the blessing of top political leadership is key."));
        assert!(contains_quote(
            &block,
            "in china’s highly   centralized…leadership is key"
        ));
        assert!(
            !contains_quote(&block, "the blessing … In China’s"),
            "parts must be in order"
        );
        assert!(!contains_quote(&block, "..."));
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"word ".repeat(460)), 3);
        assert_eq!(reading_minutes(&"字".repeat(1000)), 3);
    }

    #[test]
    fn reading_time_per_script() {
        // Space-separated scripts count words, however many letters and marks each has:
        // 460 words is 2 minutes at 230 a minute, so "3 min" (rounded up), in every script.
        for word in [
            "word",
            "слово",
            "كلمة",
            "מילה",
            "हिन्दी",
            "καλημέρα",
            "Straße",
            "naïve",
        ] {
            let text = [word, " "].concat().repeat(460);
            assert_eq!(reading_minutes(&text), 3, "{word}");
            let text = [word, "\n"].concat().repeat(920);
            assert_eq!(reading_minutes(&text), 5, "{word}");
        }
        // Devanagari's virama and vowel signs, Arabic's harakat do not split a word.
        assert_eq!(reading_minutes(&"क्षत्रिय ".repeat(230)), 2);
        assert_eq!(reading_minutes(&"كَتَبَ ".repeat(230)), 2);
        // CJK counts characters (500 a minute), kana and hangul included, with no spaces.
        assert_eq!(reading_minutes(&"かな".repeat(500)), 3);
        assert_eq!(reading_minutes(&"한국어".repeat(500)), 4);
        assert_eq!(reading_minutes(&"中文".repeat(1_500)), 7);
        // Mixed: Latin words inside Chinese text add at their own rate.
        let mixed = ["字".repeat(1000), " NATO ".repeat(230)].concat();
        assert_eq!(reading_minutes(&mixed), 4);
    }

    #[test]
    fn truncates_at_word_boundaries() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert_eq!(truncate_words("中文中文中文", 7), "中文…");
    }

    #[test]
    fn modes_parse() {
        assert_eq!(Mode::parse(" Card "), Some(Mode::Card));
        assert_eq!(Mode::parse(""), Some(Mode::Article));
        assert_eq!(Mode::parse("poster"), None);
    }
}
