//! schema.org `Article` metadata as JSON-LD, for server-side pre-rendering: search engines
//! and link previews read it from the host page, where the widget's shadow root is invisible.
//!
//! serde_json writes the JSON; the structs below fix the keys and their order, and leave
//! out what the essay does not say.

use crate::content::model::{Document, Essay};
use serde::Serialize;

/// A `<script type="application/ld+json">` element describing `essay`.
pub fn script(doc: &Document, essay: &Essay) -> String {
    let mut out = String::from("<script type=\"application/ld+json\">");
    out.push_str(&article(doc, essay));
    out.push_str("</script>");
    out
}

/// The JSON-LD object, safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029
/// are written as `\u003c` etc.
pub fn article(doc: &Document, essay: &Essay) -> String {
    let article = Article {
        context: "https://schema.org",
        kind: "Article",
        headline: &essay.title,
        description: essay.dek.as_deref(),
        in_language: essay.lang.as_deref(),
        date_published: essay.published.as_deref(),
        date_modified: essay.updated.as_deref(),
        url: essay.canonical_url.as_deref(),
        main_entity_of_page: essay.canonical_url.as_deref(),
        image: essay.image.as_ref().map(|i| i.src.as_str()),
        author: essay
            .authors
            .iter()
            .map(|a| Person {
                kind: "Person",
                name: &a.name,
                job_title: a.role.as_deref(),
                url: a.url.as_deref(),
                image: a.avatar.as_deref(),
                affiliation: a.affiliation.as_deref().map(|name| Organization {
                    kind: "Organization",
                    name,
                    url: None,
                    logo: None,
                }),
            })
            .collect(),
        publisher: doc.publication.as_ref().map(|p| Organization {
            kind: "Organization",
            name: &p.name,
            url: p.url.as_deref(),
            logo: p.logo.as_deref().map(|url| ImageObject {
                kind: "ImageObject",
                url,
            }),
        }),
        copyright_notice: doc
            .publication
            .as_ref()
            .and_then(|p| p.copyright.as_deref()),
        is_part_of: doc.series.as_ref().map(|s| CreativeWorkSeries {
            kind: "CreativeWorkSeries",
            name: &s.title,
            url: s.url.as_deref(),
        }),
        keywords: essay.tags.iter().map(String::as_str).collect(),
    };
    script_safe(to_json(&article))
}

/// A JSON string literal that is also safe inside an HTML `<script>` element (the tests build
/// content JSON with it).
#[cfg(test)]
pub(crate) fn string(s: &str) -> String {
    script_safe(to_json(s))
}

/// serde_json's text. Strings and structs of strings cannot fail to serialise (no map with
/// non-string keys, no I/O), so the empty default is never taken, and nothing panics.
fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// `json` with `<`, `>`, `&`, U+2028 and U+2029 written as `\u003c` etc., so neither
/// `</script>` nor `<!--` can end or change the element, nor a line separator break an
/// older JavaScript parser.
fn script_safe(json: String) -> String {
    // A post-pass over the output is enough: outside strings, JSON text holds none of these.
    if !json.contains(['<', '>', '&', '\u{2028}', '\u{2029}']) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

// The schema.org types, each key in the order it is written.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Article<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    headline: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    main_entity_of_page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<Person<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<Organization<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copyright_notice: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_part_of: Option<CreativeWorkSeries<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    keywords: Vec<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<Organization<'a>>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<ImageObject<'a>>,
}

#[derive(Serialize)]
struct ImageObject<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct CreativeWorkSeries<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::load;
    use serde_json::{json, Value};

    fn first(json: &str) -> Document {
        load(json).unwrap().document
    }

    #[test]
    fn describes_the_article_and_cannot_break_out_of_its_script() {
        let doc = first(
            r#"{"title":"T </script><script>alert(1)</script>","authors":[{"name":"A","role":"R","affiliation":"F"}],
                "published":"2020-09-09","canonical_url":"https://x.example/t","body":"b"}"#,
        );
        let s = script(&doc, &doc.essays[0]);
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
        let json = article(&doc, &doc.essays[0]);
        let parsed = serde_json::from_str::<Value>(&json).unwrap();
        assert_eq!(
            parsed.get("headline").and_then(|v| v.as_str()),
            Some("T </script><script>alert(1)</script>")
        );
        assert_eq!(
            parsed.get("@type").and_then(|v| v.as_str()),
            Some("Article")
        );
        let author = &parsed.get("author").and_then(|a| a.as_array()).unwrap()[0];
        assert_eq!(author.get("jobTitle").and_then(|v| v.as_str()), Some("R"));
        assert_eq!(string("a\u{1}\u{2028}"), "\"a\\u0001\\u2028\"");
    }

    #[test]
    fn every_field_in_schema_org_order_and_absent_ones_left_out() {
        let doc = first(
            r#"{"version":1,
                "publication":{"name":"P","url":"https://p.example/","logo":"https://p.example/l.svg","copyright":"© P"},
                "series":{"id":"s","title":"S","url":"https://p.example/s"},
                "essays":[{"id":"e","title":"T","dek":"D","lang":"en","published":"2020-01-01","updated":"2020-02-02",
                  "canonical_url":"https://p.example/e","image":{"src":"/i.png","alt":"i"},
                  "authors":[{"name":"A","role":"R","affiliation":"F","url":"https://a.example","avatar":"/a.png"},{"name":"B"}],
                  "body":"b","tags":["x","y"]}]}"#,
        );
        let json = article(&doc, &doc.essays[0]);
        assert_eq!(
            json,
            concat!(
                r#"{"@context":"https://schema.org","@type":"Article","headline":"T","description":"D","#,
                r#""inLanguage":"en","datePublished":"2020-01-01","dateModified":"2020-02-02","#,
                r#""url":"https://p.example/e","mainEntityOfPage":"https://p.example/e","image":"/i.png","#,
                r#""author":[{"@type":"Person","name":"A","jobTitle":"R","url":"https://a.example","#,
                r#""image":"/a.png","affiliation":{"@type":"Organization","name":"F"}},"#,
                r#"{"@type":"Person","name":"B"}],"#,
                r#""publisher":{"@type":"Organization","name":"P","url":"https://p.example/","#,
                r#""logo":{"@type":"ImageObject","url":"https://p.example/l.svg"}},"copyrightNotice":"© P","#,
                r#""isPartOf":{"@type":"CreativeWorkSeries","name":"S","url":"https://p.example/s"},"#,
                r#""keywords":["x","y"]}"#
            )
        );
        let parsed: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            parsed["publisher"]["logo"]["url"],
            "https://p.example/l.svg"
        );
        assert_eq!(parsed["author"][1], json!({"@type": "Person", "name": "B"}));
        assert_eq!(parsed["keywords"], json!(["x", "y"]));

        // No publication, series, authors, tags or optional essay fields: no keys for them.
        let bare = first(r#"{"title":"Only","body":"b"}"#);
        let json = article(&bare, &bare.essays[0]);
        assert_eq!(
            json,
            r#"{"@context":"https://schema.org","@type":"Article","headline":"Only"}"#
        );
    }

    #[test]
    fn a_hostile_title_stays_inside_its_script_and_reads_back_the_same() {
        let title = "</script><script>alert(1)</script> \u{2028}\u{2029} <!-- & \"q\" \\ \n\u{1}";
        let doc = first(&format!(
            r#"{{"title":{},"tags":["</script>"],"body":"b"}}"#,
            serde_json::to_string(title).unwrap()
        ));
        let s = script(&doc, &doc.essays[0]);
        let inner = s
            .strip_prefix("<script type=\"application/ld+json\">")
            .and_then(|s| s.strip_suffix("</script>"))
            .unwrap();
        for c in ['<', '>', '&', '\u{2028}', '\u{2029}', '\n', '\u{1}'] {
            assert!(!inner.contains(c), "{c:?} in {inner}");
        }
        assert!(
            inner.contains(r"\u003c/script\u003e\u003cscript\u003e"),
            "{inner}"
        );
        assert!(inner.contains(r"\u2028\u2029"), "{inner}");
        let parsed: Value = serde_json::from_str(inner).unwrap();
        assert_eq!(parsed["headline"], title);
        assert_eq!(parsed["keywords"], json!(["</script>"]));
        // The string literal alone: the same escaping, and JSON that reads back the same.
        let lit = string(title);
        assert!(
            !lit.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{lit}"
        );
        assert_eq!(serde_json::from_str::<String>(&lit).unwrap(), title);
    }
}
