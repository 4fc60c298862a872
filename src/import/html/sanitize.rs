//! ammonia with our allow-lists: what is kept, what goes with its content, how URLs
//! resolve, and tracking pixels.

use super::dom::{attribute, detach, element_name};
use markup5ever_rcdom::Handle;
use std::borrow::Cow;
use url::Url;

/// The class every pull-quote element carries after sanitising (ammonia keeps only this one).
pub(super) const PULL_MARK: &str = "ee-pull";

/// Elements whose content is dropped with them, not unwrapped: their text is code, a
/// fallback for a plugin, or controls, never prose.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "form", "button", "select", "textarea", "input", "svg", "math", "canvas", "video",
    "audio", "map", "head", "title", "nav",
];

/// Elements kept (their attributes are dropped except the few below); anything else is
/// unwrapped (its text kept).
const KEPT: &[&str] = &[
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "article",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// ammonia with our allow-lists (see the module docs).
pub(super) fn sanitize(html: &str, base: Option<&Url>) -> String {
    let base = base.cloned();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(KEPT.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        // class only for pull quotes (filtered below), id only to find footnotes.
        .generic_attributes(["class", "id"].into_iter().collect())
        .tag_attributes(
            [
                ("a", ["href", "title"].into_iter().collect()),
                // width and height only to recognise tracking pixels (dropped below).
                (
                    "img",
                    ["src", "alt", "title", "width", "height"]
                        .into_iter()
                        .collect(),
                ),
                ("td", ["align"].into_iter().collect()),
                ("th", ["align"].into_iter().collect()),
                ("ol", ["start"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Resolver(base))))
        .link_rel(None)
        .strip_comments(true)
        // Only the pull-quote classes survive, as one marker class.
        .attribute_filter(|element: &str, attribute: &str, value: &str| {
            // ammonia checked the scheme of this very value (the relative ones are resolved
            // after this filter); only its normal form is written, never a trimmed one.
            if matches!(attribute, "href" | "src") {
                return match Url::parse(value) {
                    Ok(url) if matches!(url.scheme(), "http" | "https" | "mailto") => {
                        Some(Cow::Owned(no_entities(url.to_string())))
                    }
                    Ok(_) => None,
                    Err(_) => Some(Cow::Borrowed(value)),
                };
            }
            if attribute != "class" {
                return Some(value.into());
            }
            let pull = value.to_ascii_lowercase().contains("pull")
                && matches!(
                    element,
                    "blockquote" | "aside" | "q" | "figure" | "div" | "p"
                );
            pull.then_some(Cow::Borrowed(PULL_MARK))
        });
    builder.clean(html).to_string()
}

struct Resolver(Option<Url>);

impl ammonia::UrlRelativeEvaluate<'static> for Resolver {
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        resolve(self.0.as_ref(), url)
    }
}

/// A relative URL in the body: fragments stay (footnote references), the rest resolve
/// against the base and must come out http(s); without a base they are dropped.
fn resolve<'u>(base: Option<&Url>, url: &'u str) -> Option<Cow<'u, str>> {
    if let Some(fragment) = url.strip_prefix('#') {
        return Some(Cow::Owned(no_entities(encode_fragment(fragment))));
    }
    let joined = base?.join(url).ok()?;
    matches!(joined.scheme(), "http" | "https").then(|| Cow::Owned(no_entities(joined.to_string())))
}

/// `#` and the fragment with everything but URL code points percent-encoded (spaces, line
/// breaks, angle brackets and quotes would end or break a Markdown link).
fn encode_fragment(fragment: &str) -> String {
    let mut out = String::from("#");
    for c in fragment.chars() {
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A URL as Markdown may hold it: CommonMark decodes character references in link
/// destinations, so an `&` that starts one (`&lt;`, `&#60;`) is percent-encoded; URL
/// parsing has already encoded spaces, quotes and angle brackets.
pub(super) fn no_entities(url: String) -> String {
    if !url.contains('&') {
        return url;
    }
    let mut out = String::with_capacity(url.len());
    for (i, part) in url.split('&').enumerate() {
        if i > 0 {
            let name_len = part
                .strip_prefix('#')
                .unwrap_or(part)
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            let hash = usize::from(part.starts_with('#'));
            let reference = name_len > 0 && part.as_bytes().get(hash + name_len) == Some(&b';');
            out.push_str(if reference { "%26" } else { "&" });
        }
        out.push_str(part);
    }
    out
}

/// Images of 1×1 pixels (or none) count visits; they are not part of the essay.
pub(super) fn drop_tracking_pixels(node: &Handle) {
    let children: Vec<Handle> = node.children.borrow().clone();
    for child in children {
        if element_name(&child).as_deref() == Some("img") {
            let tiny = |a: &str| {
                attribute(&child, a).is_some_and(|v| v.trim().parse::<u32>().is_ok_and(|n| n <= 1))
            };
            if tiny("width") || tiny("height") {
                detach(&child);
                continue;
            }
        }
        drop_tracking_pixels(&child);
    }
}
