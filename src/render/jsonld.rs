//! schema.org `Article` metadata as JSON-LD, for server-side pre-rendering: search engines
//! and link previews read it from the host page, where the widget's shadow root is invisible.

use crate::content::model::{Document, Essay};

/// A `<script type="application/ld+json">` element describing `essay`.
pub fn script(doc: &Document, essay: &Essay) -> String {
    let mut out = String::from("<script type=\"application/ld+json\">");
    out.push_str(&article(doc, essay));
    out.push_str("</script>");
    out
}

/// The JSON-LD object. Strings are escaped so the JSON can sit inside a `<script>`
/// element: `<`, `>` and `&` are written as `\u003c` etc.
pub fn article(doc: &Document, essay: &Essay) -> String {
    let mut o = Object::new();
    o.str("@context", "https://schema.org");
    o.str("@type", "Article");
    o.str("headline", &essay.title);
    o.opt("description", essay.dek.as_deref());
    o.opt("inLanguage", essay.lang.as_deref());
    o.opt("datePublished", essay.published.as_deref());
    o.opt("dateModified", essay.updated.as_deref());
    o.opt("url", essay.canonical_url.as_deref());
    o.opt("mainEntityOfPage", essay.canonical_url.as_deref());
    if let Some(image) = &essay.image {
        o.str("image", &image.src);
    }
    if !essay.authors.is_empty() {
        let authors: Vec<String> = essay
            .authors
            .iter()
            .map(|a| {
                let mut p = Object::new();
                p.str("@type", "Person");
                p.str("name", &a.name);
                p.opt("jobTitle", a.role.as_deref());
                p.opt("url", a.url.as_deref());
                p.opt("image", a.avatar.as_deref());
                if let Some(affiliation) = &a.affiliation {
                    let mut org = Object::new();
                    org.str("@type", "Organization");
                    org.str("name", affiliation);
                    p.raw("affiliation", &org.finish());
                }
                p.finish()
            })
            .collect();
        o.raw("author", &array(&authors));
    }
    if let Some(publication) = &doc.publication {
        let mut org = Object::new();
        org.str("@type", "Organization");
        org.str("name", &publication.name);
        org.opt("url", publication.url.as_deref());
        if let Some(logo) = &publication.logo {
            let mut img = Object::new();
            img.str("@type", "ImageObject");
            img.str("url", logo);
            org.raw("logo", &img.finish());
        }
        o.raw("publisher", &org.finish());
        o.opt("copyrightNotice", publication.copyright.as_deref());
    }
    if let Some(series) = &doc.series {
        let mut s = Object::new();
        s.str("@type", "CreativeWorkSeries");
        s.str("name", &series.title);
        s.opt("url", series.url.as_deref());
        o.raw("isPartOf", &s.finish());
    }
    if !essay.tags.is_empty() {
        let tags: Vec<String> = essay.tags.iter().map(|t| string(t)).collect();
        o.raw("keywords", &array(&tags));
    }
    o.finish()
}

struct Object {
    buf: String,
}

impl Object {
    fn new() -> Self {
        Object {
            buf: String::from("{"),
        }
    }

    fn raw(&mut self, key: &str, json: &str) {
        if self.buf.len() > 1 {
            self.buf.push(',');
        }
        self.buf.push_str(&string(key));
        self.buf.push(':');
        self.buf.push_str(json);
    }

    fn str(&mut self, key: &str, value: &str) {
        self.raw(key, &string(value));
    }

    fn opt(&mut self, key: &str, value: Option<&str>) {
        if let Some(v) = value {
            self.str(key, v);
        }
    }

    fn finish(mut self) -> String {
        self.buf.push('}');
        self.buf
    }
}

fn array(items: &[String]) -> String {
    let mut out = String::from("[");
    out.push_str(&items.join(","));
    out.push(']');
    out
}

/// A JSON string literal that is also safe inside an HTML `<script>` element.
pub fn string(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') => {
                let n = c as u32;
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    out.push(HEX[((n >> shift) & 0xf) as usize] as char);
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::load;

    #[test]
    fn describes_the_article_and_cannot_break_out_of_its_script() {
        let doc = load(
            r#"{"title":"T </script><script>alert(1)</script>","authors":[{"name":"A","role":"R","affiliation":"F"}],
                "published":"2020-09-09","canonical_url":"https://x.example/t","body":"b"}"#,
        )
        .unwrap()
        .document;
        let s = script(&doc, &doc.essays[0]);
        assert_eq!(s.matches("</script>").count(), 1, "{s}");
        let json = article(&doc, &doc.essays[0]);
        let parsed = serde_json::from_str::<serde_json::Value>(&json).unwrap();
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
}
