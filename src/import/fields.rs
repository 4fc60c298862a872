//! One feed field at a time: links and bases, the item's image, people, languages, text.

use super::{html, model, Author, JsonAuthorShape, JsonItemShape};
use url::Url;

/// An item's own base: its `xml:base` (relative to the channel's), else the channel's.
pub(super) fn entry_base(entry: &feed_rs::model::Entry, feed_base: Option<&Url>) -> Option<Url> {
    entry
        .base
        .as_deref()
        .and_then(|b| resolve_base(b, feed_base))
        .or_else(|| feed_base.cloned())
}

pub(super) fn resolve_base(base: &str, against: Option<&Url>) -> Option<Url> {
    match against {
        Some(a) => a.join(base).ok(),
        None => Url::parse(base).ok(),
    }
}

/// `url` made absolute; only http(s) comes out.
pub(super) fn absolute(url: &str, base: Option<&Url>) -> Option<String> {
    let url = url.trim();
    let parsed = match Url::parse(url) {
        Ok(u) => u,
        Err(url::ParseError::RelativeUrlWithoutBase) => base?.join(url).ok()?,
        Err(_) => return None,
    };
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

/// The page a feed or item links to: its `alternate` link (or one with no `rel`).
pub(super) fn alternate_link(links: &[feed_rs::model::Link], base: Option<&Url>) -> Option<String> {
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
pub(super) fn feed_image(
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

pub(super) fn people(
    list: &[feed_rs::model::Person],
    _role: Option<&str>,
    base: Option<&Url>,
) -> Vec<Author> {
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
pub(super) fn add_avatars(
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
pub(super) fn language_tag(raw: &str) -> Option<String> {
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

pub(super) fn text_of(t: &feed_rs::model::Text) -> String {
    if t.content_type.subty() == "plain" {
        t.content.split_whitespace().collect::<Vec<_>>().join(" ")
    } else {
        html::text(&t.content)
    }
}

/// WordPress ends its excerpts with "[…]" or "[&#8230;]" and sometimes "Continue reading".
pub(super) fn clean_dek(dek: &str) -> String {
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
pub(super) fn plain_to_html(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
