//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>): its types, and their mapping
//! onto the content model.
//!
//! | JSON Feed | content model |
//! |---|---|
//! | `title`, `home_page_url`, `icon` / `favicon` | `publication.name`, `.url`, `.logo` |
//! | `title`, `description`, `feed_url`/`home_page_url` | `series.title`, `.dek`, `.url` |
//! | item `id`, `url`, `title`, `summary` | essay `id`, `canonical_url`, `title`, `dek` |
//! | item `content_text` | `body`, as plain text (never read as Markdown) |
//! | item `content_html` only | no body: a link-out card showing `summary` (the HTML is untrusted and never inserted; the warning names `essay-embed import`, which converts it) |
//! | item `authors` (1.1), `author` (1.0), else the feed's | `authors` (`name`, `url`, `avatar`) |
//! | item `language`, else the feed's | `lang` |
//! | item `image`, else `banner_image` | `image.src` (alt text: none given, so `""`) |
//! | `date_published`, `date_modified`, `tags` | `published`, `updated`, `tags` |

use crate::content::model::{
    blank_to_none, index, is_language_tag, join, quoted, Author, BodyFormat, Checker, Document,
    Essay, Image, Publication, Series, FORMAT_VERSION,
};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;

/// A JSON Feed document: the members this widget reads (others are ignored).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct JsonFeed {
    /// `https://jsonfeed.org/version/1` or `https://jsonfeed.org/version/1.1`.
    pub version: String,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub home_page_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub favicon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// JSON Feed 1.1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<FeedAuthor>>,
    /// JSON Feed 1.0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<FeedAuthor>,
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub items: Vec<FeedItem>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct FeedAuthor {
    /// JSON Feed authors may lack a name (just a url); such an author is not shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct FeedItem {
    /// A string; numbers, which feeds in the wild use, are read as their digits.
    #[serde(default)]
    #[cfg_attr(not(target_arch = "wasm32"), schemars(extend("x-required" = true)))]
    pub id: FeedId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_text: Option<String>,
    /// Never inserted (untrusted HTML): an item with only this is a card linking out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_html: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub authors: Option<Vec<FeedAuthor>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<FeedAuthor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub banner_image: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_modified: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// An item id: JSON Feed 1.1 says a string; a whole number is read as its digits.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[serde(transparent)]
pub struct FeedId(
    #[cfg_attr(not(target_arch = "wasm32"), schemars(with = "FeedIdForm"))] pub String,
);

// The JSON forms of a feed item's `id`, for the schema. The reader is `FeedId`'s own
// `Deserialize`: derived `untagged`, serde would say only "data did not match any variant"
// where the reader says what it expected ("a string or a whole number").
#[cfg(not(target_arch = "wasm32"))]
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum FeedIdForm {
    Text(String),
    Number(u64),
}

impl<'de> Deserialize<'de> for FeedId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = FeedId;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a whole number")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<FeedId, E> {
                Ok(FeedId(s.to_owned()))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<FeedId, E> {
                Ok(FeedId(s))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<FeedId, E> {
                Ok(FeedId(n.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<FeedId, E> {
                Ok(FeedId(n.to_string()))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// The feed as a content document; problems (with the feed's paths) go to `cx`.
pub(crate) fn to_document(feed: JsonFeed, cx: &mut Checker) -> Document {
    if !matches!(
        feed.version.as_str(),
        "https://jsonfeed.org/version/1" | "https://jsonfeed.org/version/1.1"
    ) {
        cx.error(
            "version",
            [
                "unsupported JSON Feed version ",
                &quoted(&feed.version),
                " (1 and 1.1 are read)",
            ]
            .concat(),
        );
    }
    cx.required(&feed.title, "title");
    let mut home = feed.home_page_url;
    cx.url(&mut home, "home_page_url");
    let mut feed_lang = feed.language;
    blank_to_none(&mut feed_lang);
    let feed_lang = feed_lang.filter(|l| is_language_tag(l));
    let mut icon = feed.icon;
    cx.url(&mut icon, "icon");
    let mut favicon = feed.favicon;
    cx.url(&mut favicon, "favicon");
    let feed_authors = authors(feed.authors, feed.author, "", cx);
    if feed.items.is_empty() {
        cx.error("items", "must hold at least one item");
    }
    let essays = feed
        .items
        .into_iter()
        .enumerate()
        .map(|(i, item)| read_item(item, &index("items", i), cx, &feed_authors, &feed_lang))
        .collect();
    let mut description = feed.description;
    blank_to_none(&mut description);
    Document {
        version: FORMAT_VERSION,
        publication: Some(Publication {
            name: feed.title.clone(),
            url: home.clone(),
            logo: icon.or(favicon),
            ..Default::default()
        }),
        series: Some(Series {
            id: None,
            title: feed.title,
            dek: description,
            url: home,
        }),
        essays,
        strings: Vec::new(),
    }
}

/// 1.1's `authors`, else 1.0's `author`, those with a name, their URLs checked.
fn authors(
    list: Option<Vec<FeedAuthor>>,
    single: Option<FeedAuthor>,
    path: &str,
    cx: &mut Checker,
) -> Vec<Author> {
    let (list, path) = match (list, single) {
        (Some(list), _) => (list, join(path, "authors")),
        (None, Some(author)) => (vec![author], join(path, "author")),
        (None, None) => return Vec::new(),
    };
    let single = path.ends_with("author");
    list.into_iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let path = if single {
                path.clone()
            } else {
                index(&path, i)
            };
            let mut name = a.name;
            blank_to_none(&mut name);
            let name = name?;
            let (mut url, mut avatar) = (a.url, a.avatar);
            cx.url(&mut url, &join(&path, "url"));
            cx.url(&mut avatar, &join(&path, "avatar"));
            Some(Author {
                name,
                url,
                avatar,
                ..Author::default()
            })
        })
        .collect()
}

fn read_item(
    item: FeedItem,
    path: &str,
    cx: &mut Checker,
    feed_authors: &[Author],
    feed_lang: &Option<String>,
) -> Essay {
    let at = |key: &str| join(path, key);
    cx.required(&item.id.0, &at("id"));
    let mut url = item.url;
    cx.url(&mut url, &at("url"));
    let mut summary = item.summary;
    blank_to_none(&mut summary);
    let mut content_text = item.content_text;
    blank_to_none(&mut content_text);
    let mut title = item.title;
    blank_to_none(&mut title);
    let title = title.or_else(|| summary.clone()).unwrap_or_else(|| {
        cx.error(&at("title"), "missing (an item needs a title or a summary)");
        String::new()
    });
    let has_html = item
        .content_html
        .as_deref()
        .is_some_and(|h| !h.trim().is_empty());
    if content_text.is_none() && has_html {
        cx.warn(
            &at("content_html"),
            "HTML content is not inserted (untrusted); the item is shown as a card linking out \
             (`essay-embed import` turns the feed into content with the body as Markdown)",
        );
    }
    let mut authors = authors(item.authors, item.author, path, cx);
    if authors.is_empty() {
        authors = feed_authors.to_vec();
    }
    let mut lang = item.language;
    blank_to_none(&mut lang);
    let lang = lang
        .filter(|l| is_language_tag(l))
        .or_else(|| feed_lang.clone());
    let mut image = item.image;
    cx.url(&mut image, &at("image"));
    let mut banner = item.banner_image;
    cx.url(&mut banner, &at("banner_image"));
    let mut date = |key: &str, value: Option<String>| {
        let mut value = value;
        blank_to_none(&mut value);
        value.filter(|d| {
            let ok = crate::content::date::Date::parse(d).is_some();
            if !ok {
                cx.warn(&at(key), "not an RFC 3339 date; ignored");
            }
            ok
        })
    };
    let published = date("date_published", item.date_published);
    let updated = date("date_modified", item.date_modified);
    if content_text
        .as_ref()
        .is_some_and(|b| b.len() > crate::content::model::MAX_BODY_BYTES)
    {
        let len = content_text.as_ref().map_or(0, String::len);
        cx.error(
            &at("content_text"),
            crate::content::model::over_limit(
                "too long: ",
                len,
                crate::content::model::MAX_BODY_BYTES,
            ),
        );
        content_text = None;
    }
    Essay {
        id: safe_id(&item.id.0),
        kicker: None,
        title,
        dek: summary,
        authors,
        published,
        updated,
        canonical_url: url,
        lang,
        dir: None,
        image: image.or(banner).map(|src| Image {
            src,
            alt: Some(String::new()),
            caption: None,
            credit: None,
            width: None,
            height: None,
        }),
        body: content_text,
        pull_quotes: Vec::new(),
        tags: item.tags,
        body_format: BodyFormat::PlainText,
    }
}

/// Feed item ids are often URLs; ours are used in attributes and links, so keep the safe
/// characters and replace the rest.
fn safe_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::content::model::{load, BodyFormat};

    #[test]
    fn maps_a_json_feed_1_1_document() {
        let loaded = load(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Feed","home_page_url":"https://f.example/",
                "language":"en","authors":[{"name":"Feed Author"}],
                "items":[
                  {"id":"https://f.example/1","url":"https://f.example/1","title":"One","content_text":"Para one.",
                   "date_published":"2021-01-02T03:04:05Z"},
                  {"id":2,"summary":"Only a summary","content_html":"<p onclick=x>hi</p>","language":"zh",
                   "authors":[{"name":"Item Author","url":"javascript:x"}]}]}"#,
        )
        .unwrap();
        let doc = &loaded.document;
        assert_eq!(doc.publication.as_ref().unwrap().name, "Feed");
        let one = &doc.essays[0];
        assert_eq!(one.id, "https---f.example-1");
        assert_eq!(one.body_format, BodyFormat::PlainText);
        assert_eq!(one.authors[0].name, "Feed Author");
        assert_eq!(one.lang.as_deref(), Some("en"));
        let two = &doc.essays[1];
        assert_eq!(two.id, "2");
        assert_eq!(two.title, "Only a summary");
        assert_eq!(two.body, None, "content_html must never become the body");
        assert!(
            loaded.warnings[0].message.contains("`essay-embed import`"),
            "the warning names the fix: {}",
            loaded.warnings[0]
        );
        assert_eq!(two.lang.as_deref(), Some("zh"));
        assert_eq!(two.authors[0].url, None, "the javascript: URL is dropped");
        let paths: Vec<&str> = loaded.warnings.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(paths, ["items[1].content_html", "items[1].authors[0].url"]);
    }

    #[test]
    fn reads_json_feed_1_0_author() {
        let doc = load(
            r#"{"version":"https://jsonfeed.org/version/1","title":"F","items":[
                {"id":"a","title":"A","content_text":"x","author":{"name":"Old Style"}}]}"#,
        )
        .unwrap()
        .document;
        assert_eq!(doc.essays[0].authors[0].name, "Old Style");
    }

    #[test]
    fn unknown_feed_versions_and_missing_items_are_errors() {
        let err = load(r#"{"version":"https://jsonfeed.org/version/1.9","title":"F","items":[]}"#)
            .unwrap_err();
        let msgs: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
        assert_eq!(
            msgs,
            vec![
                "version: unsupported JSON Feed version \"https://jsonfeed.org/version/1.9\" (1 and 1.1 are read)",
                "items: must hold at least one item",
            ]
        );
        let err =
            load(r#"{"version":"https://jsonfeed.org/version/1.1","title":"F"}"#).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the content is not valid: items: must hold at least one item"
        );
    }
}
