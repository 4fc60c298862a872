//! What feed-rs does not say: where a broken feed is broken, the JSON Feed fields it drops,
//! and the `xml:base` in scope at each item.

use super::{ImportError, JsonFeedShape};
use url::Url;

pub(super) fn looks_like_json(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    text.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{' || b == b'[')
}

/// feed-rs says what failed but not where: XML errors are located by roxmltree (a strict
/// XML parser that reports line and column); JSON ones come from [`json_extras`].
pub(super) fn parse_error(bytes: &[u8], e: feed_rs::parser::ParseFeedError) -> ImportError {
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

pub(super) fn json_extras(bytes: &[u8]) -> Result<JsonFeedShape, ImportError> {
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

/// The `xml:base` in scope at each item's content (or the item), when the feed sets one.
/// feed-rs resolves links against it but keeps only the `<content>` element's own attribute,
/// not the one inherited from the entry or the feed, so roxmltree reads it. Empty when the
/// feed has no `xml:base` or the items cannot be matched one to one.
pub(super) fn xml_bases(
    bytes: &[u8],
    document_base: Option<&str>,
    entries: usize,
) -> Vec<Option<Url>> {
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
