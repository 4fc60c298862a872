//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>), mapped onto the content model.
//!
//! | JSON Feed | content model |
//! |---|---|
//! | `title`, `home_page_url`, `icon` / `favicon` | `publication.name`, `.url`, `.logo` |
//! | `title`, `description`, `feed_url`/`home_page_url` | `series.title`, `.dek`, `.url` |
//! | item `id`, `url`, `title`, `summary` | essay `id`, `canonical_url`, `title`, `dek` |
//! | item `content_text` | `body`, as plain text (never read as Markdown) |
//! | item `content_html` only | no body: a link-out card showing `summary` (the HTML is untrusted and never inserted) |
//! | item `authors` (1.1), `author` (1.0), else the feed's | `authors` (`name`, `url`, `avatar`) |
//! | item `language`, else the feed's | `lang` |
//! | item `image`, else `banner_image` | `image.src` (alt text: none given, so `""`) |
//! | `date_published`, `date_modified`, `tags` | `published`, `updated`, `tags` |

use crate::json::Value;
use crate::model::{is_language_tag, BodyFormat};
use crate::model::{
    join, quoted, Author, Checker, Document, Essay, Image, Publication, Series, FORMAT_VERSION,
};

/// True for an object whose `version` is a JSON Feed version URL.
pub fn is_json_feed(v: &Value) -> bool {
    v.get("version")
        .and_then(Value::as_str)
        .is_some_and(|s| s.starts_with("https://jsonfeed.org/version/1"))
}

pub(crate) fn read(feed: &Value, cx: &mut Checker) -> Document {
    if let Some(version) = feed.get("version").and_then(Value::as_str) {
        if !matches!(
            version,
            "https://jsonfeed.org/version/1" | "https://jsonfeed.org/version/1.1"
        ) {
            cx.error(
                "version",
                [
                    "unsupported JSON Feed version ",
                    &quoted(version),
                    " (1 and 1.1 are read)",
                ]
                .concat(),
            );
        }
    }
    let title = cx.req_str(feed, "title", "");
    let home = cx.opt_url(feed, "home_page_url", "");
    let feed_lang = cx
        .opt_str(feed, "language", "")
        .filter(|l| is_language_tag(l));
    let logo = match cx.opt_url(feed, "icon", "") {
        Some(icon) => Some(icon),
        None => cx.opt_url(feed, "favicon", ""),
    };
    let feed_authors = read_authors(feed, "", cx);
    let essays = match feed.get("items") {
        Some(Value::Array(items)) if items.is_empty() => {
            cx.error("items", "must hold at least one item");
            Vec::new()
        }
        None | Some(Value::Null) => {
            cx.error("items", "missing");
            Vec::new()
        }
        _ => cx.array(feed, "items", "", |item, path, cx| {
            cx.is_object(item, path)
                .then(|| read_item(item, path, cx, &feed_authors, &feed_lang))
        }),
    };
    Document {
        version: FORMAT_VERSION,
        publication: Some(Publication {
            name: title.clone(),
            url: home.clone(),
            logo,
            ..Default::default()
        }),
        series: Some(Series {
            id: None,
            title,
            dek: cx.opt_str(feed, "description", ""),
            url: home,
        }),
        essays,
        strings: Vec::new(),
    }
}

fn read_authors(v: &Value, path: &str, cx: &mut Checker) -> Vec<Author> {
    let read_one = |v: &Value, path: &str, cx: &mut Checker| -> Option<Author> {
        if !cx.is_object(v, path) {
            return None;
        }
        // JSON Feed authors may lack a name (just a url); such an author cannot be shown.
        let name = cx.opt_str(v, "name", path)?;
        Some(Author {
            name,
            url: cx.opt_url(v, "url", path),
            avatar: cx.opt_url(v, "avatar", path),
            ..Author::default()
        })
    };
    if v.get("authors").is_some() {
        cx.array(v, "authors", path, read_one)
    } else {
        match v.get("author") {
            Some(author @ Value::Object(_)) => read_one(author, &join(path, "author"), cx)
                .into_iter()
                .collect(),
            _ => Vec::new(),
        }
    }
}

fn read_item(
    item: &Value,
    path: &str,
    cx: &mut Checker,
    feed_authors: &[Author],
    feed_lang: &Option<String>,
) -> Essay {
    let id = match item.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        // Feeds in the wild use numbers as ids; 1.1 says strings, but be kind.
        Some(Value::Number(n)) => n.clone(),
        _ => {
            cx.error(&join(path, "id"), "missing");
            String::new()
        }
    };
    let url = cx.opt_url(item, "url", path);
    let summary = cx.opt_str(item, "summary", path);
    let content_text = cx.opt_str(item, "content_text", path);
    let has_html = cx.opt_str(item, "content_html", path).is_some();
    let title = cx
        .opt_str(item, "title", path)
        .or_else(|| summary.clone())
        .unwrap_or_else(|| {
            cx.error(
                &join(path, "title"),
                "missing (an item needs a title or a summary)",
            );
            String::new()
        });
    if content_text.is_none() && has_html {
        cx.warn(
            &join(path, "content_html"),
            "HTML content is not inserted (untrusted); the item is shown as a card linking out",
        );
    }
    let mut authors = read_authors(item, path, cx);
    if authors.is_empty() {
        authors = feed_authors.to_vec();
    }
    let lang = cx
        .opt_str(item, "language", path)
        .filter(|l| is_language_tag(l))
        .or_else(|| feed_lang.clone());
    let image_src = match cx.opt_url(item, "image", path) {
        Some(src) => Some(src),
        None => cx.opt_url(item, "banner_image", path),
    };
    let mut dates = [("date_published", None), ("date_modified", None)];
    for (key, slot) in dates.iter_mut() {
        *slot = cx.opt_str(item, key, path).filter(|d| {
            let ok = crate::date::Date::parse(d).is_some();
            if !ok {
                cx.warn(&join(path, key), "not an RFC 3339 date; ignored");
            }
            ok
        });
    }
    let [(_, published), (_, updated)] = dates;
    Essay {
        id: safe_id(&id),
        kicker: None,
        title,
        dek: summary,
        authors,
        published,
        updated,
        canonical_url: url,
        lang,
        dir: None,
        image: image_src.map(|src| Image {
            src,
            alt: String::new(),
            caption: None,
            credit: None,
        }),
        body: content_text,
        pull_quotes: Vec::new(),
        tags: cx.array(item, "tags", path, |v, _, _| v.as_str().map(str::to_owned)),
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
    use crate::model::{load, BodyFormat};

    #[test]
    fn maps_a_json_feed_1_1_document() {
        let loaded = load(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Feed","home_page_url":"https://f.example/",
                "description":"About","language":"en","authors":[{"name":"Feed Author"}],
                "items":[
                  {"id":"https://f.example/1","url":"https://f.example/1","title":"One","content_text":"Para one.\n\nPara two.",
                   "date_published":"2021-01-02T03:04:05Z","tags":["t"]},
                  {"id":"2","title":"Two","summary":"Sum","content_html":"<p onclick=x>hi</p>",
                   "authors":[{"name":"Item Author","url":"javascript:x"}],"language":"zh"}]}"#,
        );
        let err = loaded.unwrap_err();
        assert_eq!(err.problems()[0].path, "items[1].authors[0].url");

        let loaded = load(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"Feed","home_page_url":"https://f.example/",
                "language":"en","authors":[{"name":"Feed Author"}],
                "items":[
                  {"id":"https://f.example/1","url":"https://f.example/1","title":"One","content_text":"Para one.",
                   "date_published":"2021-01-02T03:04:05Z"},
                  {"id":2,"summary":"Only a summary","content_html":"<p onclick=x>hi</p>","language":"zh"}]}"#,
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
        assert_eq!(two.title, "Only a summary");
        assert_eq!(two.body, None, "content_html must never become the body");
        assert_eq!(two.lang.as_deref(), Some("zh"));
        assert_eq!(loaded.warnings[0].path, "items[1].content_html");
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
    }
}
