//! RSS 2.0, Atom 1.0 and JSON Feed 1.1 with the full text of every essay that has a page,
//! and the sitemap. Bodies come from the same safe renderer as the pages.
//!
//! Items are the essays this site publishes (those with a body), newest first. An essay
//! without a date is dated like the newest essay in the document (Atom requires a date);
//! with no date anywhere, 1970-01-01.

use super::dates::Timestamp;
use super::page::is_absolute;
use super::xml::Xml;
use super::{has_page, Urls};
use crate::content::model::{Document, Essay};
use serde_json::{json, Map, Value};

const RSS_PATH: &str = "feed.xml";
const ATOM_PATH: &str = "atom.xml";
const JSON_PATH: &str = "feed.json";

struct Item<'a> {
    essay: &'a Essay,
    /// The essay's page here (also the item's permanent id).
    page: String,
    /// Where readers go: the canonical URL when the essay has one, else the page.
    link: String,
    published: Timestamp,
    updated: Timestamp,
    content: String,
    /// The body's plain text, block by block (JSON Feed's `content_text`).
    text: String,
}

fn items<'a>(doc: &'a Document, urls: &Urls) -> Vec<Item<'a>> {
    let newest = newest(doc);
    let mut items: Vec<Item<'a>> = doc
        .essays
        .iter()
        .filter(|e| has_page(e))
        .map(|essay| {
            let page = urls.link(0, &[essay.id.as_str(), "/"].concat());
            let published = essay
                .published
                .as_deref()
                .and_then(Timestamp::parse)
                .unwrap_or(newest);
            let updated = essay
                .updated
                .as_deref()
                .and_then(Timestamp::parse)
                .unwrap_or(published);
            Item {
                essay,
                link: essay
                    .canonical_url
                    .clone()
                    .filter(|u| is_absolute(u))
                    .unwrap_or_else(|| page.clone()),
                page,
                published,
                updated,
                content: content_html(essay),
                text: crate::share::anchor::Projection::from_blocks(
                    &crate::render::view::body(essay, 1).blocks,
                )
                .text,
            }
        })
        .collect();
    // Newest first; the document's order among equals (a stable sort).
    items.sort_by_key(|i| std::cmp::Reverse(i.published.unix()));
    items
}

/// The newest date of any essay (published or updated), else 1970-01-01.
fn newest(doc: &Document) -> Timestamp {
    doc.essays
        .iter()
        .flat_map(|e| [e.published.as_deref(), e.updated.as_deref()])
        .flatten()
        .filter_map(Timestamp::parse)
        .max_by_key(Timestamp::unix)
        .unwrap_or(Timestamp::EPOCH)
}

/// The essay's image and body, as the article view renders them (pull quotes, which repeat
/// body sentences, are left out).
fn content_html(essay: &Essay) -> String {
    let mut html = crate::render::html::Html::new();
    if let Some(image) = essay
        .image
        .as_ref()
        .filter(|i| crate::content::url::is_allowed(&i.src))
    {
        html.open("figure", &[]);
        html.open(
            "img",
            &[
                ("src", Some(&image.src)),
                ("alt", Some(image.alt.as_deref().unwrap_or(""))),
            ],
        );
        if let Some(caption) = &image.caption {
            html.open("figcaption", &[])
                .text(caption)
                .close("figcaption");
        }
        html.close("figure");
    }
    for block in crate::render::view::body(essay, 1).blocks {
        html.buf.push_str(&block.html);
    }
    html.buf
}

fn feed_title(doc: &Document) -> String {
    match (&doc.series, &doc.publication) {
        (Some(s), Some(p)) => [s.title.as_str(), " | ", &p.name].concat(),
        (Some(s), None) => s.title.clone(),
        (None, Some(p)) => p.name.clone(),
        (None, None) => "Essays".to_owned(),
    }
}

fn feed_description(doc: &Document) -> String {
    doc.series
        .as_ref()
        .and_then(|s| s.dek.clone())
        .unwrap_or_else(|| feed_title(doc))
}

fn language(doc: &Document) -> Option<&str> {
    doc.essays.iter().find_map(|e| e.lang.as_deref())
}

/// RSS 2.0 with `content:encoded` (the full text) and `dc:creator` (each author).
pub(crate) fn rss(doc: &Document, urls: &Urls) -> String {
    let items = items(doc, urls);
    let home = urls.link(0, "");
    let mut x = Xml::new();
    x.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
        ],
        false,
    )
    .newline();
    x.open("channel", &[], false).newline();
    x.leaf("title", &[], &feed_title(doc));
    x.leaf("link", &[], &home);
    x.leaf("description", &[], &feed_description(doc));
    if let Some(lang) = language(doc) {
        x.leaf("language", &[], lang);
    }
    if let Some(c) = doc
        .publication
        .as_ref()
        .and_then(|p| p.copyright.as_deref())
    {
        x.leaf("copyright", &[], c);
    }
    let last = items
        .iter()
        .map(|i| i.updated)
        .max_by_key(Timestamp::unix)
        .unwrap_or_else(|| newest(doc));
    x.leaf("lastBuildDate", &[], &last.rfc822());
    x.leaf("generator", &[], "essay-embed");
    x.open(
        "atom:link",
        &[
            ("href", &urls.link(0, RSS_PATH)),
            ("rel", "self"),
            ("type", "application/rss+xml"),
        ],
        true,
    )
    .newline();
    for item in &items {
        let e = item.essay;
        x.open("item", &[], false).newline();
        x.leaf("title", &[], &e.title);
        x.leaf("link", &[], &item.link);
        x.leaf("guid", &[("isPermaLink", "true")], &item.page);
        x.leaf("pubDate", &[], &item.published.rfc822());
        for a in &e.authors {
            x.leaf("dc:creator", &[], &a.name);
        }
        if let Some(dek) = &e.dek {
            x.leaf("description", &[], dek);
        }
        for tag in &e.tags {
            x.leaf("category", &[], tag);
        }
        x.leaf("content:encoded", &[], &item.content);
        x.close("item");
    }
    x.close("channel");
    x.close("rss");
    x.buf
}

/// Atom 1.0 with the full text (`content type="html"`) and every author.
pub(crate) fn atom(doc: &Document, urls: &Urls) -> String {
    let items = items(doc, urls);
    let home = urls.link(0, "");
    let mut attrs = vec![("xmlns", "http://www.w3.org/2005/Atom")];
    if let Some(lang) = language(doc) {
        attrs.push(("xml:lang", lang));
    }
    let mut x = Xml::new();
    x.open("feed", &attrs, false).newline();
    x.leaf("id", &[], &urls.link(0, ATOM_PATH));
    x.leaf("title", &[], &feed_title(doc));
    x.leaf("subtitle", &[], &feed_description(doc));
    let last = items
        .iter()
        .map(|i| i.updated)
        .max_by_key(Timestamp::unix)
        .unwrap_or_else(|| newest(doc));
    x.leaf("updated", &[], &last.rfc3339());
    x.open(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &urls.link(0, ATOM_PATH)),
        ],
        true,
    )
    .newline();
    x.open(
        "link",
        &[("rel", "alternate"), ("type", "text/html"), ("href", &home)],
        true,
    )
    .newline();
    if let Some(c) = doc
        .publication
        .as_ref()
        .and_then(|p| p.copyright.as_deref())
    {
        x.leaf("rights", &[], c);
    }
    x.leaf("generator", &[], "essay-embed");
    for item in &items {
        let e = item.essay;
        x.open("entry", &[], false).newline();
        x.leaf("id", &[], &item.page);
        x.leaf("title", &[], &e.title);
        x.open(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &item.link),
            ],
            true,
        )
        .newline();
        x.leaf("published", &[], &item.published.rfc3339());
        x.leaf("updated", &[], &item.updated.rfc3339());
        for a in &e.authors {
            x.open("author", &[], false);
            x.leaf("name", &[], &a.name);
            if let Some(url) = a.url.as_deref().filter(|u| is_absolute(u)) {
                x.leaf("uri", &[], url);
            }
            x.close("author");
        }
        if let Some(dek) = &e.dek {
            x.leaf("summary", &[], dek);
        }
        for tag in &e.tags {
            x.open("category", &[("term", tag)], true).newline();
        }
        x.leaf("content", &[("type", "html")], &item.content);
        x.close("entry");
    }
    x.close("feed");
    x.buf
}

/// JSON Feed 1.1 with `authors`, `language`, `content_html` and `content_text` (for readers
/// that show plain text, and for `essay-embed` itself, which never inserts feed HTML).
pub(crate) fn json_feed(doc: &Document, urls: &Urls) -> String {
    let items = items(doc, urls);
    let mut feed = Map::new();
    feed.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
    feed.insert("title".into(), json!(feed_title(doc)));
    feed.insert("home_page_url".into(), json!(urls.link(0, "")));
    feed.insert("feed_url".into(), json!(urls.link(0, JSON_PATH)));
    feed.insert("description".into(), json!(feed_description(doc)));
    if let Some(lang) = language(doc) {
        feed.insert("language".into(), json!(lang));
    }
    let list: Vec<Value> = items
        .iter()
        .map(|item| {
            let e = item.essay;
            let mut o = Map::new();
            o.insert("id".into(), json!(item.page));
            o.insert("url".into(), json!(item.link));
            o.insert("title".into(), json!(e.title));
            o.insert("content_html".into(), json!(item.content));
            o.insert("content_text".into(), json!(item.text));
            if let Some(dek) = &e.dek {
                o.insert("summary".into(), json!(dek));
            }
            if let Some(image) = e.image.as_ref().filter(|i| is_absolute(&i.src)) {
                o.insert("image".into(), json!(image.src));
            }
            o.insert("date_published".into(), json!(item.published.rfc3339()));
            o.insert("date_modified".into(), json!(item.updated.rfc3339()));
            let authors: Vec<Value> = e
                .authors
                .iter()
                .map(|a| {
                    let mut p = Map::new();
                    p.insert("name".into(), json!(a.name));
                    if let Some(url) = a.url.as_deref().filter(|u| is_absolute(u)) {
                        p.insert("url".into(), json!(url));
                    }
                    if let Some(avatar) = a.avatar.as_deref().filter(|u| is_absolute(u)) {
                        p.insert("avatar".into(), json!(avatar));
                    }
                    Value::Object(p)
                })
                .collect();
            if !authors.is_empty() {
                o.insert("authors".into(), Value::Array(authors));
            }
            if !e.tags.is_empty() {
                o.insert("tags".into(), json!(e.tags));
            }
            if let Some(lang) = &e.lang {
                o.insert("language".into(), json!(lang));
            }
            Value::Object(o)
        })
        .collect();
    feed.insert("items".into(), Value::Array(list));
    let mut text = serde_json::to_string_pretty(&Value::Object(feed)).unwrap_or_default();
    text.push('\n');
    text
}

/// The sitemap: the index and every essay page, with their last change where known.
pub(crate) fn sitemap(doc: &Document, urls: &Urls) -> String {
    let mut x = Xml::new();
    x.open(
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
        false,
    )
    .newline();
    x.open("url", &[], false);
    x.leaf("loc", &[], &urls.link(0, ""));
    x.close("url");
    for e in doc.essays.iter().filter(|e| has_page(e)) {
        x.open("url", &[], false);
        x.leaf("loc", &[], &urls.link(0, &[e.id.as_str(), "/"].concat()));
        if let Some(t) = e
            .updated
            .as_deref()
            .or(e.published.as_deref())
            .and_then(crate::content::date::Date::parse)
        {
            x.leaf("lastmod", &[], &t.iso());
        }
        x.close("url");
    }
    x.close("urlset");
    x.buf
}
