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
//! | `content:encoded`, Atom `content`, `content_html` (or `content_text`) | `body`, sanitised Markdown (`html::convert`) |
//! | pull-quote markup repeating a sentence of the body | `pull_quotes` |
//! | channel `title` (or `--publication-name`), link, logo / icon, rights | `publication` |
//! | `--series-title`, with the channel's description and link | `series` |

mod fields;
pub(crate) mod html;
mod id;
mod map;
mod read;

pub use id::essay_id;

use crate::content::model::{self, Problem};
use map::map_feed;
use read::{json_extras, looks_like_json, parse_error, xml_bases};
use serde::Serialize;
use std::fmt;

/// Feeds larger than this are refused before parsing: no archive feed is that large, and the
/// document it made would be over the content limit (8 MiB) anyway.
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
    /// The document would be over the content limit (8 MiB).
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
