//! `essay-embed import`: a publisher's feed (RSS 0.9x/1.0/2.0, Atom 1.0, JSON Feed 1.0/1.1)
//! with HTML bodies into a version-1 content document. Native only: parsing feeds, sanitising
//! and converting HTML are too heavy for the wasm, and the widget never inserts feed HTML.
//!
//! | feed | content model |
//! |---|---|
//! | item `guid` / `id` (else its link) | essay `id`, made URL-safe and stable ([`essay_id`]) |
//! | `title` (HTML in Atom's `type="html"` made text) | `title`; items without one are warned and skipped |
//! | `description` / `summary` (as text) | `dek`; an RSS `description` holding the whole article is the body |
//! | `dc:creator`, `author`, Atom `author` (`name`, `uri`), JSON Feed `authors` (`avatar` too); else the channel's | `authors` |
//! | `pubDate`, `published`, `date_published`; `updated`, `date_modified` (RFC 822 or 3339, any zone) | `published`, `updated` (RFC 3339, UTC) |
//! | item link (`alternate`), resolved against `xml:base` | `canonical_url` |
//! | item language, else the channel's | `lang` |
//! | Media RSS, an image `enclosure`, JSON Feed `image` / `banner_image`, else the body's first image | `image` |
//! | `category` / `tags` | `tags` |
//! | `content:encoded`, Atom `content`, `content_html` (or `content_text`) | `body`, sanitised Markdown ([`html::convert`]) |
//! | pull-quote markup repeating a sentence of the body | `pull_quotes` |
//! | channel `title` (or `--publication-name`), link, logo / icon, rights | `publication` |
//! | `--series-title`, with the channel's description and link | `series` |

pub mod html;

use crate::content::model::{self, Problem};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use url::Url;

/// Feeds larger than this are refused before parsing: no archive feed is that large, and the
/// document it made would be over the content limit ([`model::MAX_DOCUMENT_BYTES`]) anyway.
pub const MAX_FEED_BYTES: usize = 10 << 20;

/// What the command line may add to what the feed says.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Makes the document a series with this title (the channel's description and link too).
    pub series_title: Option<String>,
    /// The publisher's name, when the channel's title is not it.
    pub publication_name: Option<String>,
    /// Where the feed lives: the base for relative URLs no `xml:base` or item link resolves.
    pub base_url: Option<String>,
    /// What feeds cannot say about authors (role, affiliation, portrait), by name.
    pub authors: Roster,
}

/// The publisher's authors by name, for the byline: `{"Tong Zhao": {"role": "Senior
/// Fellow", "affiliation": "...", "url": "...", "avatar": "..."}}`.
pub type Roster = std::collections::BTreeMap<String, AuthorDetails>;

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorDetails {
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub url: Option<String>,
    pub avatar: Option<String>,
}

/// Reads an authors file (see [`Roster`]); the error names the JSON path of a bad value.
pub fn parse_roster(json: &str) -> Result<Roster, String> {
    let mut de = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            inner.to_string()
        } else {
            format!("{path}: {inner}")
        }
    })
}

/// A document `essay-embed check` accepts, and what was left out on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The content JSON, pretty-printed, ending with a newline.
    pub json: String,
    pub essays: usize,
    /// Items skipped, bodies emptied, pull quotes kept in the body, as readable sentences.
    pub warnings: Vec<String>,
}

/// Why a feed could not be imported (nothing is written then).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ImportError {
    /// Over [`MAX_FEED_BYTES`].
    TooLarge { bytes: usize },
    /// Not well-formed XML, at a 1-based line and column.
    Xml {
        line: u32,
        column: u32,
        message: String,
    },
    /// Not a JSON Feed: bad JSON at a line and column, or a wrong value at a JSON path.
    Json {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but not RSS, Atom or JSON Feed.
    NotAFeed(String),
    /// A feed without items.
    Empty,
    /// Every item was skipped (see the warnings).
    NothingImported { skipped: usize },
    /// The document would be over [`model::MAX_DOCUMENT_BYTES`].
    OutputTooLarge { bytes: usize },
    /// The document made is not valid content (a bug: please report it with the feed).
    Invalid(Vec<Problem>),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes } => write!(
                f,
                "the feed is too large: {} (the limit is {}); split it",
                megabytes(*bytes),
                megabytes(MAX_FEED_BYTES)
            ),
            ImportError::Xml {
                line,
                column,
                message,
            } => write!(
                f,
                "line {line}, column {column}: not well-formed XML: {message}"
            ),
            ImportError::Json {
                path,
                line,
                column,
                message,
            } => {
                if path.is_empty() || path == "." {
                    write!(
                        f,
                        "line {line}, column {column}: not a JSON Feed: {message}"
                    )
                } else {
                    write!(
                        f,
                        "{path}: not a JSON Feed: {message} (line {line}, column {column})"
                    )
                }
            }
            ImportError::NotAFeed(what) => write!(
                f,
                "not a feed: {what} (import reads RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.0/1.1)"
            ),
            ImportError::Empty => f.write_str("the feed has no items"),
            ImportError::NothingImported { skipped } => write!(
                f,
                "nothing to import: all {skipped} items were skipped (see the warnings)"
            ),
            ImportError::OutputTooLarge { bytes } => write!(
                f,
                "the document would be {} (the content limit is {}); import fewer items",
                megabytes(*bytes),
                megabytes(model::MAX_DOCUMENT_BYTES)
            ),
            ImportError::Invalid(problems) => {
                f.write_str("the document made is not valid content (please report this): ")?;
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        f.write_str("; ")?;
                    }
                    write!(f, "{p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / f64::from(1u32 << 20))
}

/// Imports a feed (the raw bytes: feed-rs reads the XML prolog's encoding).
pub fn import(bytes: &[u8], options: &Options) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_FEED_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let json = looks_like_json(bytes);
    let extras = if json {
        Some(json_extras(bytes)?)
    } else {
        None
    };
    let parser = feed_rs::parser::Builder::new()
        .base_uri(options.base_url.as_deref())
        .build();
    let feed = parser.parse(bytes).map_err(|e| parse_error(bytes, e))?;
    if feed.entries.is_empty() {
        return Err(ImportError::Empty);
    }
    let bases = if json {
        Vec::new()
    } else {
        xml_bases(bytes, options.base_url.as_deref(), feed.entries.len())
    };
    let mut warnings = Vec::new();
    let document = map_feed(&feed, extras.as_ref(), &bases, options, &mut warnings);
    if document.essays.is_empty() {
        return Err(ImportError::NothingImported {
            skipped: feed.entries.len(),
        });
    }
    let mut text = serde_json::to_string_pretty(&document)
        .map_err(|e| ImportError::Invalid(vec![problem("", e.to_string())]))?;
    text.push('\n');
    if text.len() > model::MAX_DOCUMENT_BYTES {
        return Err(ImportError::OutputTooLarge { bytes: text.len() });
    }
    // What `check` runs: the document must load, and its warnings are ours too.
    let loaded = model::load(&text).map_err(|e| ImportError::Invalid(e.problems().to_vec()))?;
    warnings.extend(loaded.warnings.iter().map(ToString::to_string));
    Ok(Imported {
        json: text,
        essays: document.essays.len(),
        warnings,
    })
}

fn problem(path: &str, message: String) -> Problem {
    Problem {
        path: path.to_owned(),
        message,
    }
}

fn looks_like_json(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    text.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

/// feed-rs says what failed but not where: XML errors are located by roxmltree (a strict
/// XML parser that reports line and column); JSON ones come from [`json_extras`].
fn parse_error(bytes: &[u8], e: feed_rs::parser::ParseFeedError) -> ImportError {
    use feed_rs::parser::{ParseErrorKind, ParseFeedError};
    let text = String::from_utf8_lossy(bytes);
    let xml = roxmltree::Document::parse_with_options(
        &text,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    );
    match (&e, xml) {
        (_, Err(xml)) if !looks_like_json(bytes) && starts_like_xml(&text) => {
            let pos = xml.pos();
            ImportError::Xml {
                line: pos.row,
                column: pos.col,
                message: xml_message(&xml),
            }
        }
        (ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot), Ok(doc)) => {
            let root = doc.root_element().tag_name().name().to_owned();
            let what = if root.eq_ignore_ascii_case("html") {
                "an HTML page (look for its <link rel=\"alternate\" type=\"application/rss+xml\">)"
                    .to_owned()
            } else {
                format!("XML whose root element is <{root}>")
            };
            ImportError::NotAFeed(what)
        }
        (ParseFeedError::ParseError(ParseErrorKind::NoFeedRoot), Err(_)) => {
            ImportError::NotAFeed(if text.trim().is_empty() {
                "the file is empty".to_owned()
            } else {
                "neither XML nor JSON".to_owned()
            })
        }
        (ParseFeedError::JsonUnsupportedVersion(v), _) => ImportError::Json {
            path: "version".to_owned(),
            line: 0,
            column: 0,
            message: format!("unsupported version {v:?}"),
        },
        _ => ImportError::NotAFeed(e.to_string()),
    }
}

fn starts_like_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// roxmltree's message without its own " at 3:14" (we say where first).
fn xml_message(e: &roxmltree::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at ") {
        Some(at)
            if message[at + 4..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':') =>
        {
            message[..at].to_owned()
        }
        _ => message,
    }
}

/// The JSON Feed fields feed-rs does not carry (images, avatars, item languages), read with
/// the types feed-rs expects, so a wrong value is reported with its path before feed-rs
/// fails on it without one.
#[derive(serde::Deserialize)]
struct JsonFeedShape {
    version: String,
    #[allow(dead_code)]
    title: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    icon: Option<String>,
    #[serde(default)]
    favicon: Option<String>,
    #[serde(default)]
    author: Option<JsonAuthorShape>,
    #[serde(default)]
    authors: Option<Vec<JsonAuthorShape>>,
    items: Vec<JsonItemShape>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct JsonItemShape {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    external_url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    content_html: Option<String>,
    #[serde(default)]
    content_text: Option<String>,
    #[serde(default)]
    summary: Option<String>,
    #[serde(default)]
    image: Option<String>,
    #[serde(default)]
    banner_image: Option<String>,
    #[serde(default)]
    date_published: Option<String>,
    #[serde(default)]
    date_modified: Option<String>,
    #[serde(default)]
    author: Option<JsonAuthorShape>,
    #[serde(default)]
    authors: Option<Vec<JsonAuthorShape>>,
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    language: Option<String>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct JsonAuthorShape {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    avatar: Option<String>,
}

fn json_extras(bytes: &[u8]) -> Result<JsonFeedShape, ImportError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let shape: JsonFeedShape = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        ImportError::Json {
            path,
            line: inner.line(),
            column: inner.column(),
            message: strip_position(&inner.to_string()),
        }
    })?;
    if !shape.version.starts_with("https://jsonfeed.org/version/1") {
        return Err(ImportError::Json {
            path: "version".to_owned(),
            line: 0,
            column: 0,
            message: format!(
                "{:?} is not a JSON Feed version (https://jsonfeed.org/version/1 or 1.1)",
                shape.version
            ),
        });
    }
    Ok(shape)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message.to_owned(),
    }
}

// The document written: the content format's field names, empty fields left out.

#[derive(Serialize)]
struct Document {
    version: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    publication: Option<Publication>,
    #[serde(skip_serializing_if = "Option::is_none")]
    series: Option<Series>,
    essays: Vec<Essay>,
}

#[derive(Serialize)]
struct Publication {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright: Option<String>,
}

#[derive(Serialize)]
struct Series {
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    dek: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct Essay {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    dek: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<Author>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    canonical_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<Image>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pull_quotes: Vec<PullQuote>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

#[derive(Serialize, Clone, PartialEq)]
struct Author {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    avatar: Option<String>,
}

#[derive(Serialize)]
struct Image {
    src: String,
    alt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    height: Option<u32>,
}

#[derive(Serialize)]
struct PullQuote {
    text: String,
}

/// The `xml:base` in scope at each item's content (or the item), when the feed sets one.
/// feed-rs resolves links against it but keeps only the `<content>` element's own attribute,
/// not the one inherited from the entry or the feed, so roxmltree reads it. Empty when the
/// feed has no `xml:base` or the items cannot be matched one to one.
fn xml_bases(bytes: &[u8], document_base: Option<&str>, entries: usize) -> Vec<Option<Url>> {
    const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
    if !bytes.windows(8).any(|w| w == b"xml:base") {
        return Vec::new();
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let Ok(doc) = roxmltree::Document::parse_with_options(text, options) else {
        return Vec::new();
    };
    let in_scope = |node: roxmltree::Node<'_, '_>| -> Option<Url> {
        let chain: Vec<&str> = node
            .ancestors()
            .filter_map(|n| n.attribute((XML_NS, "base")))
            .collect();
        if chain.is_empty() {
            return None;
        }
        let mut base = document_base.and_then(|b| Url::parse(b).ok());
        for attr in chain.iter().rev() {
            base = match &base {
                Some(b) => b.join(attr).ok(),
                None => Url::parse(attr).ok(),
            };
        }
        base
    };
    let items: Vec<_> = doc
        .descendants()
        .filter(|n| n.is_element() && matches!(n.tag_name().name(), "entry" | "item"))
        .collect();
    if items.len() != entries {
        return Vec::new();
    }
    items
        .into_iter()
        .map(|item| {
            let content = item
                .children()
                .find(|c| c.is_element() && matches!(c.tag_name().name(), "content" | "encoded"));
            in_scope(content.unwrap_or(item))
        })
        .collect()
}

fn map_feed(
    feed: &feed_rs::model::Feed,
    extras: Option<&JsonFeedShape>,
    bases: &[Option<Url>],
    options: &Options,
    warnings: &mut Vec<String>,
) -> Document {
    let option_base = options.base_url.as_deref().and_then(|u| Url::parse(u).ok());
    let feed_link = alternate_link(&feed.links, option_base.as_ref());
    let feed_base = feed_link
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .or(option_base);
    let feed_title = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let feed_lang = feed
        .language
        .as_deref()
        .or(extras.and_then(|x| x.language.as_deref()))
        .and_then(language_tag);
    let mut feed_authors = people(&feed.authors, None, feed_base.as_ref());
    if let Some(x) = extras {
        add_avatars(&mut feed_authors, x.author.as_ref(), x.authors.as_deref());
    }
    let name = options
        .publication_name
        .clone()
        .or(feed_title.clone())
        .unwrap_or_else(|| {
            feed_link
                .as_deref()
                .and_then(|u| Url::parse(u).ok())
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| "Untitled feed".to_owned())
        });
    let logo = feed
        .logo
        .as_ref()
        .or(feed.icon.as_ref())
        .map(|i| i.uri.clone())
        .or_else(|| extras.and_then(|x| x.icon.clone().or(x.favicon.clone())))
        .and_then(|u| absolute(&u, feed_base.as_ref()));
    let publication = Publication {
        name,
        url: feed_link.clone(),
        logo,
        copyright: feed.rights.as_ref().map(text_of).filter(|t| !t.is_empty()),
    };
    let series = options.series_title.as_ref().map(|title| Series {
        title: title.clone(),
        dek: feed
            .description
            .as_ref()
            .map(text_of)
            .filter(|t| !t.is_empty()),
        url: feed_link.clone(),
    });

    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut essays = Vec::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.iter().enumerate() {
        let extra = extras.and_then(|x| x.items.get(i));
        let context = ItemContext {
            xml_base: bases.get(i).cloned().flatten(),
            feed_base: feed_base.as_ref(),
            feed_authors: &feed_authors,
            feed_lang: feed_lang.as_deref(),
            roster: &options.authors,
        };
        let label = item_label(i, entry);
        if let Some(mut essay) = map_entry(entry, extra, &context, &label, warnings) {
            let n = ids.entry(essay.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                warnings.push(format!(
                    "{label}: its id {:?} is another item's too; this one is {:?}",
                    essay.id,
                    format!("{}-{n}", essay.id)
                ));
                essay.id = format!("{}-{n}", essay.id);
            }
            essays.push(essay);
        }
    }
    Document {
        version: model::FORMAT_VERSION,
        publication: Some(publication),
        series,
        essays,
    }
}

struct ItemContext<'a> {
    xml_base: Option<Url>,
    feed_base: Option<&'a Url>,
    feed_authors: &'a [Author],
    feed_lang: Option<&'a str>,
    roster: &'a Roster,
}

fn item_label(i: usize, entry: &feed_rs::model::Entry) -> String {
    let mut label = format!("item {}", i + 1);
    if !entry.id.is_empty() && entry.id.len() < 120 {
        label.push_str(&format!(" ({})", entry.id));
    }
    label
}

fn map_entry(
    entry: &feed_rs::model::Entry,
    extra: Option<&JsonItemShape>,
    cx: &ItemContext<'_>,
    label: &str,
    warnings: &mut Vec<String>,
) -> Option<Essay> {
    let title = entry.title.as_ref().map(text_of).unwrap_or_default();
    if title.is_empty() {
        warnings.push(format!("{label}: no title; skipped"));
        return None;
    }
    let link = alternate_link(&entry.links, entry_base(entry, cx.feed_base).as_ref());
    // Relative URLs in the body: against the xml:base in scope, else the item's link, else
    // the channel's.
    let base = cx
        .xml_base
        .clone()
        .or_else(|| {
            entry
                .base
                .as_deref()
                .and_then(|b| resolve_base(b, cx.feed_base))
        })
        .or_else(|| link.as_deref().and_then(|l| Url::parse(l).ok()))
        .or_else(|| cx.feed_base.cloned());

    let summary = entry.summary.as_ref();
    let (body_html, dek_source) = match &entry.content {
        Some(content)
            if content
                .body
                .as_deref()
                .is_some_and(|b| !b.trim().is_empty()) =>
        {
            let raw = content.body.clone().unwrap_or_default();
            let html = if content.content_type.subty() == "plain" {
                plain_to_html(&raw)
            } else {
                raw
            };
            (Some(html), summary)
        }
        // An RSS description that holds the whole article is the body, not a dek.
        _ => match summary {
            Some(s) if html::has_blocks(&s.content) => (Some(s.content.clone()), None),
            _ => (None, summary),
        },
    };

    let feed_image = feed_image(entry, extra, base.as_ref());
    let mut body = None;
    let mut pull_quotes = Vec::new();
    let mut image = feed_image.clone().map(|(src, size)| Image {
        src,
        alt: String::new(),
        caption: None,
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
    });
    if let Some(html) = &body_html {
        let lead_src = feed_image.as_ref().map(|(src, _)| src.as_str());
        let converted = html::convert(html, base.as_ref(), lead_src);
        if converted.markdown.is_empty() {
            warnings.push(format!(
                "{label}: the body has no text once scripts, styles and embeds are removed; \
                 the essay is a card linking out"
            ));
        } else if converted.markdown.len() > model::MAX_BODY_BYTES {
            warnings.push(format!(
                "{label}: the body is longer than the content limit ({}); skipped",
                megabytes(model::MAX_BODY_BYTES)
            ));
            return None;
        } else {
            body = Some(converted.markdown);
        }
        for q in &converted.unique_quotes {
            warnings.push(format!(
                "{label}: the pull quote {:?} does not repeat the body; kept in the body",
                short(q)
            ));
        }
        if body.is_some() {
            pull_quotes = converted
                .pull_quotes
                .into_iter()
                .take(model::MAX_PULL_QUOTES)
                .map(|text| PullQuote { text })
                .collect();
        }
        match (&mut image, converted.image) {
            (Some(image), Some(from_body)) if image.src == from_body.src => {
                image.alt = from_body.alt;
                image.caption = from_body.caption;
                if image.width.is_none() {
                    image.width = from_body.size.map(|s| s.0);
                    image.height = from_body.size.map(|s| s.1);
                }
            }
            (None, Some(from_body)) => {
                image = Some(Image {
                    src: from_body.src,
                    alt: from_body.alt,
                    caption: from_body.caption,
                    width: from_body.size.map(|s| s.0),
                    height: from_body.size.map(|s| s.1),
                });
            }
            _ => {}
        }
    }
    let image = image.filter(|i| crate::render::url::is_allowed(&i.src));

    let dek = dek_source
        .map(text_of)
        .map(|d| clean_dek(&d))
        .filter(|d| !d.is_empty() && *d != title);

    let mut authors = people(&entry.authors, None, base.as_ref());
    if let Some(x) = extra {
        add_avatars(&mut authors, x.author.as_ref(), x.authors.as_deref());
    }
    if authors.is_empty() {
        authors = cx.feed_authors.to_vec();
    }
    for author in &mut authors {
        if let Some(details) = cx.roster.get(&author.name) {
            author.role = author.role.take().or(details.role.clone());
            author.affiliation = author.affiliation.take().or(details.affiliation.clone());
            author.url = author
                .url
                .take()
                .or(details.url.as_deref().and_then(|u| absolute(u, None)));
            author.avatar = author
                .avatar
                .take()
                .or(details.avatar.as_deref().and_then(|u| absolute(u, None)));
        }
    }

    // Atom requires `updated` and makes `published` optional: a date is a date.
    let (published, updated) = match (entry.published, entry.updated) {
        (Some(p), Some(u)) if u > p => (Some(p), Some(u)),
        (Some(p), _) => (Some(p), None),
        (None, u) => (u, None),
    };

    let lang = entry
        .language
        .as_deref()
        .or(extra.and_then(|x| x.language.as_deref()))
        .and_then(language_tag)
        .or(cx.feed_lang.map(str::to_owned));

    let mut tags: Vec<String> = Vec::new();
    for c in &entry.categories {
        let tag = c.label.as_deref().unwrap_or(&c.term).trim().to_owned();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let id_source = if entry.id.trim().is_empty() {
        link.as_deref().unwrap_or(&title)
    } else {
        entry.id.as_str()
    };
    Some(Essay {
        id: essay_id(id_source),
        title,
        dek,
        authors,
        published: published.map(rfc3339),
        updated: updated.map(rfc3339),
        canonical_url: link,
        lang,
        image,
        body,
        pull_quotes,
        tags,
    })
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

fn rfc3339(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// An item's own base: its `xml:base` (relative to the channel's), else the channel's.
fn entry_base(entry: &feed_rs::model::Entry, feed_base: Option<&Url>) -> Option<Url> {
    entry
        .base
        .as_deref()
        .and_then(|b| resolve_base(b, feed_base))
        .or_else(|| feed_base.cloned())
}

fn resolve_base(base: &str, against: Option<&Url>) -> Option<Url> {
    match against {
        Some(a) => a.join(base).ok(),
        None => Url::parse(base).ok(),
    }
}

/// `url` made absolute; only http(s) comes out.
fn absolute(url: &str, base: Option<&Url>) -> Option<String> {
    let url = url.trim();
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(url).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// The page a feed or item links to: its `alternate` link (or one with no `rel`).
fn alternate_link(links: &[feed_rs::model::Link], base: Option<&Url>) -> Option<String> {
    let pick = |want: fn(Option<&str>) -> bool| {
        links
            .iter()
            .filter(|l| want(l.rel.as_deref()))
            .filter(|l| {
                l.media_type
                    .as_deref()
                    .is_none_or(|t| t.contains("html") || t.is_empty())
            })
            .find_map(|l| absolute(&l.href, base))
    };
    pick(|rel| rel == Some("alternate")).or_else(|| pick(|rel| rel.is_none()))
}

/// The item's image as the feed gives it: Media RSS content or thumbnail, an image
/// enclosure, or JSON Feed's `image` / `banner_image`; with its size when the feed says.
fn feed_image(
    entry: &feed_rs::model::Entry,
    extra: Option<&JsonItemShape>,
    base: Option<&Url>,
) -> Option<(String, Option<(u32, u32)>)> {
    let size = |w: Option<u32>, h: Option<u32>| w.zip(h).filter(|&(w, h)| w > 0 && h > 0);
    if let Some(x) = extra {
        if let Some(src) = x
            .image
            .as_deref()
            .or(x.banner_image.as_deref())
            .and_then(|u| absolute(u, base))
        {
            return Some((src, None));
        }
    }
    for media in &entry.media {
        for content in &media.content {
            let is_image = content
                .content_type
                .as_ref()
                .map(|t| t.ty() == "image")
                .unwrap_or_else(|| {
                    content.url.as_ref().is_some_and(|u| {
                        let p = u.path().to_ascii_lowercase();
                        [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"]
                            .iter()
                            .any(|e| p.ends_with(e))
                    })
                });
            if is_image {
                if let Some(src) = content
                    .url
                    .as_ref()
                    .and_then(|u| absolute(u.as_str(), base))
                {
                    return Some((src, size(content.width, content.height)));
                }
            }
        }
        if let Some(thumbnail) = media.thumbnails.first() {
            if let Some(src) = absolute(&thumbnail.image.uri, base) {
                let image = &thumbnail.image;
                return Some((src, size(image.width, image.height)));
            }
        }
    }
    None
}

fn people(list: &[feed_rs::model::Person], _role: Option<&str>, base: Option<&Url>) -> Vec<Author> {
    let mut out: Vec<Author> = Vec::new();
    for p in list {
        for name in split_names(&person_name(p)) {
            let author = Author {
                name,
                role: None,
                affiliation: None,
                url: p.uri.as_deref().and_then(|u| absolute(u, base)),
                avatar: None,
            };
            if !out.iter().any(|a| a.name == author.name) {
                out.push(author);
            }
        }
    }
    out
}

/// RSS `author` is an e-mail address, often with the name in parentheses:
/// `editor@example.com (Tong Zhao)`.
fn person_name(p: &feed_rs::model::Person) -> String {
    let name = p.name.as_deref().unwrap_or_default().trim();
    if let (Some(open), true) = (name.find('('), name.ends_with(')')) {
        let inside = name[open + 1..name.len() - 1].trim();
        if name[..open].contains('@') && !inside.is_empty() {
            return inside.to_owned();
        }
    }
    if name.contains('@') && !name.contains(' ') {
        // A bare address names nobody; the part before the @ is the best guess left.
        return String::new();
    }
    html::text(name)
}

/// `dc:creator` sometimes holds several people: "Ann Lee and Bo Chen", "Ann Lee, Bo Chen".
fn split_names(names: &str) -> Vec<String> {
    names
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// JSON Feed authors carry `avatar`, which feed-rs leaves out.
fn add_avatars(
    authors: &mut [Author],
    one: Option<&JsonAuthorShape>,
    many: Option<&[JsonAuthorShape]>,
) {
    let all = one.into_iter().chain(many.unwrap_or_default());
    for shape in all {
        if let (Some(name), Some(avatar)) = (&shape.name, &shape.avatar) {
            if let Some(a) = authors.iter_mut().find(|a| &a.name == name) {
                a.avatar = absolute(avatar, None);
            }
        }
    }
}

/// A feed's language code as a BCP 47 tag: `en-us` becomes `en-US`.
fn language_tag(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('_', "-");
    let mut parts = raw.split('-');
    let mut tag = parts.next()?.to_ascii_lowercase();
    for part in parts {
        tag.push('-');
        if part.len() == 2 {
            tag.push_str(&part.to_ascii_uppercase());
        } else {
            tag.push_str(part);
        }
    }
    model::is_language_tag(&tag).then_some(tag)
}

fn text_of(t: &feed_rs::model::Text) -> String {
    if t.content_type.subty() == "plain" {
        t.content.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        html::text(&t.content)
    }
}

/// WordPress ends its excerpts with "[…]" or "[&#8230;]" and sometimes "Continue reading".
fn clean_dek(dek: &str) -> String {
    let mut d = dek.trim();
    for tail in ["[…]", "[...]", "…", "Continue reading", "Read more"] {
        if let Some(rest) = d.strip_suffix(tail) {
            d = rest.trim_end();
        }
    }
    let mut d = d.to_owned();
    if d.chars().count() > 400 {
        d = crate::render::view::truncate_words(&d, 60);
    }
    d
}

/// JSON Feed `content_text` (plain text) as HTML paragraphs, for the same conversion.
fn plain_to_html(text: &str) -> String {
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    text.replace("\r\n", "\n")
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .map(|p| format!("<p>{}</p>", escape(p.trim()).replace('\n', "<br>")))
        .collect()
}

/// An essay id from a feed item's guid or id: URL-safe (ASCII letters, digits, `-`, `.`),
/// and the same every time the same item is imported. A URL keeps its path (the site's own
/// slug); an opaque id keeps its words; a long or non-ASCII one gets a short hash of the
/// whole so that two items never share an id by truncation.
///
/// ```
/// use essay_embed::import::essay_id;
/// assert_eq!(essay_id("https://example.com/2020/09/view-from-beijing/"), "2020-09-view-from-beijing");
/// assert_eq!(essay_id("https://example.com/?p=123"), "p-123");
/// assert_eq!(essay_id("tag:ghost.org,2020:post-5f3a"), "tag-ghost.org-2020-post-5f3a");
/// ```
pub fn essay_id(raw: &str) -> String {
    let raw = raw.trim();
    let source = match Url::parse(raw) {
        Ok(u) if matches!(u.scheme(), "http" | "https") => {
            let mut s = u.path().to_owned();
            if let Some(q) = u.query() {
                s.push('-');
                s.push_str(q);
            }
            let decoded = percent_decode(&s);
            if decoded
                .trim_matches(|c: char| !c.is_alphanumeric())
                .is_empty()
            {
                u.host_str().unwrap_or_default().to_owned()
            } else {
                decoded
            }
        }
        _ => raw.to_owned(),
    };
    let mut id = String::with_capacity(source.len());
    let mut lossy = false;
    for c in source.chars() {
        if c.is_ascii_alphanumeric() || c == '.' || c == '_' {
            id.push(c.to_ascii_lowercase());
        } else {
            if !c.is_ascii() {
                lossy = true;
            }
            if !id.ends_with('-') {
                id.push('-');
            }
        }
    }
    let mut id = id.trim_matches(['-', '.']).to_owned();
    if id.len() > 80 {
        id.truncate(80);
        id = id.trim_end_matches(['-', '.']).to_owned();
        lossy = true;
    }
    if id.is_empty() || lossy {
        let hash = fnv1a(raw.as_bytes());
        if id.is_empty() {
            id = format!("item-{hash:08x}");
        } else {
            id = format!("{id}-{hash:08x}");
        }
    }
    id
}

fn percent_decode(s: &str) -> String {
    url::form_urlencoded::parse(s.replace('+', "%2B").as_bytes())
        .map(|(k, v)| {
            if v.is_empty() {
                k.into_owned()
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// 32-bit FNV-1a: a stable hash (std's is randomised per process).
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for &b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_url_safe_stable_and_distinct() {
        assert_eq!(essay_id("https://example.com/?p=123"), "p-123");
        assert_eq!(
            essay_id("urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a"),
            "urn-uuid-1225c695-cfb8-4ebb-aaaa-80da344efa6a"
        );
        let cjk = essay_id("https://example.cn/文章/北京");
        assert!(cjk.starts_with("item-"), "{cjk}");
        assert_eq!(cjk, essay_id("https://example.cn/文章/北京"));
        assert_ne!(cjk, essay_id("https://example.cn/文章/上海"));
        let long = "x".repeat(200);
        assert_ne!(essay_id(&format!("{long}a")), essay_id(&format!("{long}b")));
        assert!(essay_id(&long).len() <= 89);
    }

    #[test]
    fn language_codes_become_tags() {
        assert_eq!(language_tag("en-us").as_deref(), Some("en-US"));
        assert_eq!(language_tag("zh_CN").as_deref(), Some("zh-CN"));
        assert_eq!(language_tag("english"), Some("english".to_owned()));
        assert_eq!(language_tag("e"), None);
    }

    #[test]
    fn rss_author_addresses_give_the_name() {
        let p = |name: &str| feed_rs::model::Person {
            name: Some(name.to_owned()),
            uri: None,
            email: None,
            role: None,
        };
        assert_eq!(person_name(&p("ed@example.com (Tong Zhao)")), "Tong Zhao");
        assert_eq!(person_name(&p("ed@example.com")), "");
        assert_eq!(split_names("Ann Lee and Bo Chen"), ["Ann Lee", "Bo Chen"]);
    }

    #[test]
    fn deks_lose_the_excerpt_tail() {
        assert_eq!(clean_dek("It begins here […]"), "It begins here");
    }
}
