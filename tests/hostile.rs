//! Hostile input: script and markup in every string field, forbidden URL schemes in every
//! URL field and in every kind of Markdown link. Each rendering is parsed and checked
//! against the allow-lists (see `support`).

mod support;

use essay_embed::{self as model, render, Mode, RenderOptions};

const MARKUP: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "'><iframe srcdoc=\"<script>alert(1)</script>\">",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<style>@import 'x'; body{background:url(javascript:alert(1))}</style>",
    "<form><button formaction=javascript:alert(1)>x",
    "</p></article><script>alert(1)</script>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
];

const BAD_URLS: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\u{0001}javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml;base64,PHN2Zz4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
];

/// Markdown link forms a URL can hide in.
fn markdown_vectors(url: &str) -> Vec<String> {
    vec![
        format!("[inline]({url})"),
        format!("[inline](<{url}>)"),
        format!("![image]({url})"),
        format!("<{url}>"),
        format!("[ref]\n\n[ref]: {url}"),
        format!("![ref image][img]\n\n[img]: {url}"),
        format!("Footnote.[^1]\n\n[^1]: [in a footnote]({url})"),
        format!("| t |\n|---|\n| [in a table]({url}) |"),
        format!("> [quoted]({url})"),
    ]
}

fn escape_json(s: &str) -> String {
    support::json_string(s)
}

/// A document with `value` in every string field and `url` in every URL field.
fn document(value: &str, url: &str, body: &str) -> String {
    let v = escape_json(value);
    let u = escape_json(url);
    let b = escape_json(body);
    format!(
        r#"{{"version":1,
        "publication":{{"name":{v},"url":{u},"logo":{u},"copyright":{v},"cta":{{"label":{v},"url":{u}}},"credit":{v}}},
        "series":{{"id":"s","title":{v},"dek":{v},"url":{u}}},
        "strings":{{"read_essay":{v},"by":{v},"more_in":{v},"min_read":{v}}},
        "essays":[{{"id":"a","kicker":{v},"title":{v},"dek":{v},
            "authors":[{{"name":{v},"role":{v},"affiliation":{v},"url":{u},"avatar":{u}}}],
            "canonical_url":{u},"image":{{"src":{u},"alt":{v},"caption":{v},"credit":{v}}},
            "body":{b},"pull_quotes":[{{"text":{v}}}],"tags":[{v}]}},
          {{"id":"b","title":{v},"canonical_url":{u},"authors":[{{"name":{v}}}]}}]}}"#
    )
}

fn assert_safe_in_every_mode(doc: &model::Document, context: &str) {
    for mode in [Mode::Article, Mode::Card, Mode::Series] {
        let options = RenderOptions {
            mode,
            interactive: true,
            ..RenderOptions::default()
        };
        let html = render(doc, &options).unwrap().html;
        let v = support::violations(&html);
        assert!(v.is_empty(), "{context} in {mode:?}: {v:#?}\n{html}");
    }
}

#[test]
fn markup_in_every_string_field_stays_text() {
    for value in MARKUP {
        let text = document(value, "https://ok.example/", value);
        let loaded = model::load(&text).unwrap_or_else(|e| panic!("{value}: {e}"));
        assert_safe_in_every_mode(&loaded.document, value);
        // The text survives, as text: the reader sees what the author typed.
        let html = render(&loaded.document, &RenderOptions::default())
            .unwrap()
            .html;
        let parsed = scraper::Html::parse_fragment(&html);
        let title = parsed
            .select(&scraper::Selector::parse("h1").unwrap())
            .next()
            .unwrap();
        assert_eq!(title.text().collect::<String>(), *value);
    }
}

#[test]
fn forbidden_schemes_in_url_fields_are_left_out_with_a_warning_each_and_the_rest_renders() {
    for url in BAD_URLS {
        let loaded = model::load(&document("Safe words", url, "The *body* text."))
            .unwrap_or_else(|e| panic!("{url:?}: {e}"));
        let mut paths: Vec<&str> = loaded.warnings.iter().map(|p| p.path.as_str()).collect();
        paths.sort_unstable();
        assert_eq!(
            paths,
            vec![
                "essays[0].authors[0].avatar",
                "essays[0].authors[0].url",
                "essays[0].canonical_url",
                "essays[0].image.src",
                "essays[1].canonical_url",
                "publication.cta.url",
                "publication.logo",
                "publication.url",
                "series.url",
            ],
            "{url:?}"
        );
        assert_safe_in_every_mode(&loaded.document, url);
        let html = render(&loaded.document, &RenderOptions::default())
            .unwrap()
            .html;
        let parsed = scraper::Html::parse_fragment(&html);
        let text_of = |css: &str| {
            parsed
                .select(&scraper::Selector::parse(css).unwrap())
                .next()
                .map(|e| e.text().collect::<String>())
                .unwrap_or_else(|| panic!("{url:?}: no {css} in {html}"))
        };
        assert_eq!(text_of("h1"), "Safe words");
        assert!(text_of(".ee-byline").contains("Safe words"), "{html}");
        assert!(html.contains("The <em>body</em> text."), "{html}");
        let needle = url.trim_start_matches(|c: char| c <= ' ');
        assert!(
            !html.contains(&needle[..needle.len().min(8)]),
            "{url:?} in {html}"
        );
    }
}

#[test]
fn the_html_writer_refuses_unsafe_urls_in_a_document_built_in_rust() {
    // No validation: a Rust caller fills the public fields and renders directly.
    let mut doc = model::load(&document("x", "https://ok.example/", "b"))
        .unwrap()
        .document;
    for url in BAD_URLS {
        let bad = Some(url.to_string());
        let p = doc.publication.as_mut().unwrap();
        (p.url, p.logo) = (bad.clone(), bad.clone());
        p.cta.as_mut().unwrap().url = url.to_string();
        doc.series.as_mut().unwrap().url = bad.clone();
        let essay = &mut doc.essays[0];
        essay.canonical_url = bad.clone();
        essay.image.as_mut().unwrap().src = url.to_string();
        essay.authors[0].url = bad.clone();
        essay.authors[0].avatar = bad.clone();
        assert_safe_in_every_mode(&doc, url);
    }
}

#[test]
fn forbidden_schemes_in_markdown_links_become_text() {
    for url in BAD_URLS {
        for md in markdown_vectors(url) {
            let loaded = model::load(&document("x", "https://ok.example/", &md)).unwrap();
            assert_safe_in_every_mode(&loaded.document, &md);
        }
    }
    // Entity-encoded schemes are decoded by the Markdown parser, then refused.
    for md in [
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript:alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](jav&#x09;ascript:alert(1))",
        "[x](%6Aavascript:alert(1))",
    ] {
        let loaded = model::load(&document("x", "https://ok.example/", md)).unwrap();
        assert_safe_in_every_mode(&loaded.document, md);
    }
}

#[test]
fn safe_links_survive_with_rel() {
    let loaded = model::load(&document(
        "x",
        "https://ok.example/",
        "[a](https://ok.example/a) [b](/b) [c](#c) <mailto:x@y.example>",
    ))
    .unwrap();
    let html = render(&loaded.document, &RenderOptions::default())
        .unwrap()
        .html;
    assert!(html.contains(
        r#"<a href="https://ok.example/a" target="_blank" rel="noopener noreferrer">a</a>"#
    ));
    assert!(html.contains(r#"<a href="/b">b</a>"#));
    assert!(html.contains(r##"<a href="#c">c</a>"##));
    assert!(html.contains(r#"<a href="mailto:x@y.example">mailto:x@y.example</a>"#));
}

#[test]
fn the_checker_itself_catches_injections() {
    // Guard against a checker that passes everything.
    assert!(!support::violations("<p onclick=\"x\">a</p>").is_empty());
    assert!(!support::violations("<script>x</script>").is_empty());
    assert!(!support::violations("<a href=\"javascript:x\">a</a>").is_empty());
    assert!(!support::violations("<p>a").is_empty());
    assert!(support::violations("<p class=\"x\">a &lt;b&gt;</p>").is_empty());
    assert!(serde_json::from_str::<serde_json::Value>(&escape_json("\u{1}</script>")).is_ok());
}
