//! The XSS corpus (`tests/xss/vectors.json`) through the whole core: every vector in every
//! JSON string field, every URL field and the Markdown body (as text and inside every kind of
//! Markdown link), in a content document and in a JSON Feed, rendered in every mode with the
//! interactive controls, plus the error states, the share popover, the share URLs and the
//! CLI's JSON-LD. Every output is parsed with html5ever and checked against the allow-lists,
//! and string-checked for a tree the parser cannot rebuild differently (see `support`).
//! The browser half of this is `tests/e2e/xss.test.mjs`.

use super::support;

use crate::content::model::{self, Document};
use crate::error::EmbedError;
use crate::render::element::{element, Content, ElementOptions};
use crate::render::i18n::{Language, Strings};
use crate::render::view::{render, Mode, RenderError, RenderOptions};
use crate::render::{jsonld, markdown, states};
use crate::share::link::{self, Passage, Target};
use scraper::{Html, Selector};
use serde_json::Value;

struct Vector {
    id: String,
    category: String,
    text: String,
}

fn corpus() -> Vec<Vector> {
    let text = std::fs::read_to_string("tests/xss/vectors.json").unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let field = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap().to_owned();
    doc.get("vectors")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|v| Vector {
            id: field(v, "id"),
            category: field(v, "category"),
            text: field(v, "vector"),
        })
        .collect()
}

/// A JSON string literal (the JSON-LD escaper writes valid JSON).
fn lit(s: &str) -> String {
    jsonld::string(s)
}

/// Every key of the widget's words (docs/content.md, "The widget's words").
const STRING_KEYS: &[&str] = &[
    "by",
    "and",
    "min_read",
    "updated",
    "read_essay",
    "more_in",
    "series",
    "share_selection",
    "share_quote",
    "copy_link",
    "copy_quote",
    "share_native",
    "share_email",
    "share_image",
    "link_copied",
    "quote_copied",
    "copy_failed",
    "image_saved",
    "not_found",
    "shared_as",
    "revised",
    "revised_closest",
    "loading",
    "retry",
    "error_title",
    "error_network",
    "error_not_found",
    "error_invalid",
    "more",
    "by_several",
    "min_read.one",
    "months",
    "date",
];

/// `text` in every free-text field and the body; URLs safe.
fn text_document(text: &str) -> String {
    let v = lit(text);
    let u = lit("https://ok.example/");
    let strings: Vec<String> = STRING_KEYS.iter().map(|k| format!("\"{k}\":{v}")).collect();
    let strings = strings.join(",");
    format!(
        r#"{{"version":1,
        "publication":{{"name":{v},"url":{u},"logo":{u},"copyright":{v},"cta":{{"label":{v},"url":{u}}},"credit":{v}}},
        "series":{{"id":{v},"title":{v},"dek":{v},"url":{u}}},
        "strings":{{{strings}}},
        "essays":[{{"id":"a","kicker":{v},"title":{v},"dek":{v},
            "authors":[{{"name":{v},"role":{v},"affiliation":{v},"url":{u},"avatar":{u}}},{{"name":{v}}}],
            "published":"2020-09-09","updated":"2021-01-02","canonical_url":{u},"lang":"en","dir":"ltr",
            "image":{{"src":{u},"alt":{v},"caption":{v},"credit":{v}}},
            "body":{v},"pull_quotes":[{{"text":{v}}},{v},{{"text":"not in the body"}}],"tags":[{v}]}},
          {{"id":"b","kicker":{v},"title":{v},"canonical_url":{u},"authors":[{{"name":{v},"role":{v}}}],"pull_quotes":[{v}]}}]}}"#
    )
}

/// The URL fields of [`url_document`], as validation names them.
const URL_PATHS: &[&str] = &[
    "essays[0].authors[0].avatar",
    "essays[0].authors[0].url",
    "essays[0].canonical_url",
    "essays[0].image.src",
    "essays[1].canonical_url",
    "publication.cta.url",
    "publication.logo",
    "publication.url",
    "series.url",
];

/// `url` in every URL field; text harmless.
fn url_document(url: &str) -> String {
    let u = lit(url);
    format!(
        r#"{{"version":1,
        "publication":{{"name":"P","url":{u},"logo":{u},"cta":{{"label":"L","url":{u}}}}},
        "series":{{"title":"S","url":{u}}},
        "essays":[{{"id":"a","title":"A","authors":[{{"name":"N","url":{u},"avatar":{u}}}],
            "canonical_url":{u},"image":{{"src":{u},"alt":""}},"body":"Body text."}},
          {{"id":"b","title":"B","canonical_url":{u}}}]}}"#
    )
}

/// A JSON Feed with `text` in every string field; `content_html` also carries a marker
/// that must never reach the output.
fn feed_text_document(text: &str) -> String {
    let v = lit(text);
    let html = lit(&format!("{text}<b>CONTENT-HTML-MARKER</b>"));
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1.1","title":{v},"description":{v},
        "home_page_url":"https://ok.example/","authors":[{{"name":{v}}}],
        "items":[{{"id":{v},"title":{v},"summary":{v},"content_text":{v},"tags":[{v}],
                   "authors":[{{"name":{v},"url":"https://ok.example/a"}}]}},
                 {{"id":"2","title":{v},"summary":{v},"content_html":{html},"url":"https://ok.example/2"}},
                 {{"id":"3","summary":"S","content_html":{html}}},
                 {{"id":"4","summary":{v},"content_html":{html},"content_text":{v}}}]}}"#
    )
}

/// A JSON Feed with `url` in every URL field.
fn feed_url_document(url: &str) -> String {
    let u = lit(url);
    format!(
        r#"{{"version":"https://jsonfeed.org/version/1","title":"F","home_page_url":{u},"feed_url":{u},
        "icon":{u},"favicon":{u},"author":{{"name":"N","url":{u},"avatar":{u}}},
        "items":[{{"id":"1","url":{u},"external_url":{u},"title":"T","content_text":"Text.",
                   "image":{u},"banner_image":{u},"authors":[{{"name":"M","url":{u},"avatar":{u}}}]}},
                 {{"id":"2","url":{u},"title":"U","content_html":"<p>x</p>"}}]}}"#
    )
}

/// What the reader sees of `text`: the renderer writes CR as LF and NUL as U+FFFD, as the
/// HTML parser reads them (`html::as_parsed`), so the DOM's text is exactly that.
fn shown(text: &str) -> String {
    crate::render::html::as_parsed(text).into_owned()
}

fn assert_safe(html: &str, context: &str) {
    let v = support::violations(html);
    assert!(v.is_empty(), "{context}: {v:#?}\n{html}");
}

/// Renders `doc` in every mode (and the second essay as an article), checks every output;
/// returns the article's HTML.
fn render_every_mode(doc: &Document, context: &str) -> String {
    let mut article = String::new();
    for (mode, essay) in [
        (Mode::Article, None),
        (Mode::Card, None),
        (Mode::Series, None),
        (Mode::Article, doc.essays.get(1).map(|e| e.id.as_str())),
        (Mode::Card, doc.essays.get(1).map(|e| e.id.as_str())),
    ] {
        let options = RenderOptions {
            mode,
            essay,
            interactive: true,
            ..RenderOptions::default()
        };
        let html = render(doc, &options).unwrap().html;
        assert_safe(&html, &format!("{context} ({mode:?}, essay {essay:?})"));
        if mode == Mode::Article && essay.is_none() {
            article = html;
        }
    }
    for essay in &doc.essays {
        let script = jsonld::script(doc, essay);
        let parsed = Html::parse_fragment(&script);
        let scripts: Vec<_> = parsed.select(&Selector::parse("*").unwrap()).collect();
        let names: Vec<&str> = scripts.iter().map(|e| e.value().name()).collect();
        assert_eq!(names, ["html", "script"], "{context}: JSON-LD {script}");
        let json_text: String = scripts[1].text().collect();
        assert!(
            serde_json::from_str::<Value>(&json_text).is_ok(),
            "{context}: {json_text}"
        );
    }
    article
}

/// The pre-rendered element (`render --element`) in every mode, with the content inline and
/// with `src` (and the share list) set to `attribute`: its declarative shadow root holds the
/// renderer's fragment and nothing else, which passes the same checks; the parser builds
/// exactly `<essay-embed>` > `<template>` (+ the JSON `<script>`), with our attributes only;
/// the inline JSON is the same document once parsed.
fn element_every_mode(doc: &Document, json_text: &str, attribute: &str, context: &str) {
    let modes = [
        (Mode::Article, None),
        (Mode::Card, None),
        (Mode::Series, None),
        (Mode::Article, doc.essays.get(1).map(|e| e.id.as_str())),
    ];
    for (mode, essay) in modes {
        // `src` and `share` from the vector once: they do not depend on the mode.
        let src = (mode == Mode::Article && essay.is_none()).then_some(Content::Src(attribute));
        for content in [Some(Content::Inline(json_text)), src]
            .into_iter()
            .flatten()
        {
            let mut options = ElementOptions::new(content);
            options.render.mode = mode;
            options.render.essay = essay;
            let inline = matches!(content, Content::Inline(_));
            if !inline {
                options.share = Some(attribute);
            }
            let context = format!("{context} (element {mode:?}, essay {essay:?}, inline {inline})");
            let made = element(doc, &options).unwrap();
            let html = &made.html;
            let start = html.find("<template shadowrootmode=\"open\">").unwrap();
            let fragment_start = html[start..].find('>').unwrap() + start + 1;
            let fragment_start = html[fragment_start..].find('>').unwrap() + fragment_start + 1;
            let fragment_end = html.find("</template>").unwrap();
            let fragment = &html[fragment_start..fragment_end];
            assert_eq!(fragment, made.rendered.html, "{context}");
            assert_safe(fragment, &context);

            let parsed = Html::parse_fragment(html);
            let all = Selector::parse("*").unwrap();
            let top: Vec<_> = parsed.root_element().child_elements().collect();
            assert_eq!(top.len(), 1, "{context}: {html}");
            let host = top[0];
            assert_eq!(host.value().name(), "essay-embed", "{context}");
            let names: Vec<&str> = host.value().attrs().map(|(n, _)| n).collect();
            for name in &names {
                assert!(
                    ["render-hash", "src", "essay", "mode", "share"].contains(name),
                    "{context}: attribute {name}"
                );
            }
            if !inline {
                // What the parser makes of an attribute value: CR as LF, NUL as U+FFFD.
                let value = attribute
                    .replace("\r\n", "\n")
                    .replace('\r', "\n")
                    .replace('\0', "\u{fffd}");
                assert_eq!(host.value().attr("src"), Some(value.as_str()), "{context}");
                assert_eq!(
                    host.value().attr("share"),
                    Some(value.as_str()),
                    "{context}"
                );
            }
            let children: Vec<&str> = host.child_elements().map(|c| c.value().name()).collect();
            let expected: &[&str] = if inline {
                &["template", "script"]
            } else {
                &["template"]
            };
            assert_eq!(children, expected, "{context}");
            let template = host.child_elements().next().unwrap();
            assert_eq!(template.value().attr("shadowrootmode"), Some("open"));
            // (html5ever keeps a template's content in a fragment node below it.)
            let inside: Vec<_> = template
                .descendants()
                .skip(1)
                .filter_map(scraper::ElementRef::wrap)
                .collect();
            assert_eq!(
                inside.first().map(|l| l.value().name()),
                Some("link"),
                "{context}"
            );
            // Everything in the template after the link is the fragment, parsed alike.
            let inside: Vec<&str> = inside.iter().skip(1).map(|e| e.value().name()).collect();
            let alone = Html::parse_fragment(fragment);
            let alone: Vec<&str> = alone
                .root_element()
                .select(&all)
                .map(|e| e.value().name())
                .collect();
            assert_eq!(inside, alone, "{context}");
            if inline {
                let script = host.child_elements().nth(1).unwrap();
                assert_eq!(script.value().attr("type"), Some("application/json"));
                let text: String = script.text().collect();
                assert_eq!(
                    serde_json::from_str::<Value>(&text).unwrap(),
                    serde_json::from_str::<Value>(json_text).unwrap(),
                    "{context}"
                );
            }
        }
    }
}

fn error_state(error: &EmbedError, context: &str) {
    let html = states::error_html(error, None, &[]);
    assert_safe(&html, &format!("{context}: error state"));
}

fn text_of(html: &str, selector: &str) -> Vec<String> {
    let parsed = Html::parse_fragment(html);
    parsed
        .select(&Selector::parse(selector).unwrap())
        .map(|e| e.text().collect())
        .collect()
}

#[test]
fn the_corpus_covers_every_category_and_tries_to_run_script() {
    let corpus = corpus();
    assert!(corpus.len() >= 150, "{} vectors", corpus.len());
    let mut ids: Vec<&str> = corpus.iter().map(|v| v.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), corpus.len(), "ids must be unique");
    for category in [
        "script-tag",
        "style-tag",
        "event-handler",
        "javascript-url",
        "data-url",
        "vbscript-url",
        "svg",
        "mathml",
        "srcdoc",
        "formaction",
        "css",
        "mutation",
        "markdown-link",
        "markdown-image",
        "markdown-autolink",
        "markdown-reference",
        "markdown-footnote",
        "markdown-html",
    ] {
        let n = corpus.iter().filter(|v| v.category == category).count();
        assert!(n >= 4, "{category}: {n} vectors");
    }
    for v in &corpus {
        assert!(v.id.starts_with(&v.category), "{}", v.id);
        let payload = [
            "alert",
            "__xss",
            "msgbox",
            "MsgBox",
            "expression(",
            "javascript:",
        ]
        .iter()
        .any(|p| v.text.contains(p))
            || v.text.contains("&#x61;lert")
            || v.text.contains("base64,")
            || v.text.contains("//xss.example")
            || v.text.contains("x.htc");
        assert!(payload, "{}: does not try to run anything", v.id);
    }
}

#[test]
fn every_vector_in_every_string_field_stays_text() {
    for v in corpus() {
        let text = text_document(&v.text);
        let loaded = model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", v.id));
        let doc = &loaded.document;
        let article = render_every_mode(doc, &v.id);
        element_every_mode(doc, &text, &v.text, &v.id);
        // The vector was really there, and the reader sees exactly what the author typed.
        assert_eq!(text_of(&article, "h1"), [shown(&v.text)], "{}", v.id);
        assert_eq!(
            text_of(&article, ".ee-author-role"),
            [shown(&v.text)],
            "{}",
            v.id
        );
        assert!(
            text_of(&article, ".ee-kicker")
                .iter()
                .all(|k| *k == shown(&v.text)),
            "{}",
            v.id
        );
        // The share popover with every label set to the vector.
        let popover = link::popover_html(
            &link::parse_targets(None).0,
            &Strings::new(Language::English, &doc.strings),
            true,
        );
        assert_safe(&popover, &format!("{}: popover", v.id));
        assert!(
            text_of(&popover, ".ee-share-title") == [shown(&v.text)],
            "{}",
            v.id
        );
        // Every share target's URL stays on its own site, whatever the quote and title say.
        let passage = Passage {
            quote: &v.text,
            author: &v.text,
            title: &v.text,
            publication: Some(&v.text),
            url: "https://ok.example/a#ee=1~a~0~1~~x~~",
        };
        for target in link::parse_targets(None).0 {
            if let Some(url) = passage.target_url(target) {
                let scheme = support::browser_scheme(&url);
                let expected = if target == Target::Email {
                    "mailto"
                } else {
                    "https"
                };
                assert_eq!(scheme.as_deref(), Some(expected), "{}: {url}", v.id);
                assert!(!url.contains(['<', '>', '"', '\'', ' ']), "{}: {url}", v.id);
            }
        }
    }
}

#[test]
fn every_vector_as_the_markdown_body_renders_safely_with_the_text_the_dom_will_have() {
    for v in corpus() {
        let blocks = markdown::render(&v.text, 2);
        for (i, block) in blocks.iter().enumerate() {
            assert_safe(&block.html, &v.id);
            // The share layer counts characters in `text`: it must be the DOM's textContent.
            let dom: String = Html::parse_fragment(&block.html)
                .root_element()
                .text()
                .collect();
            assert_eq!(dom, block.text, "{} block {i}: {}", v.id, block.html);
        }
        let plain = markdown::render_plain(&v.text);
        for block in &plain {
            assert_safe(&block.html, &format!("{} (plain text)", v.id));
        }
    }
}

#[test]
fn every_vector_in_every_url_field_is_refused_or_harmless() {
    let mut refused = 0;
    for v in corpus() {
        let dangerous =
            support::browser_scheme(&v.text).is_some_and(|s| !support::is_allowed_scheme(&s));
        // Lenient for readers: the essay renders; a refused URL is left out, with a warning
        // naming each field.
        let loaded = model::load(&url_document(&v.text))
            .unwrap_or_else(|e| panic!("{}: {:?} made the essay an error: {e}", v.id, v.text));
        let article = render_every_mode(&loaded.document, &v.id);
        element_every_mode(&loaded.document, &url_document(&v.text), &v.text, &v.id);
        let parsed = Html::parse_fragment(&article);
        let hrefs: Vec<&str> = parsed
            .select(&Selector::parse("a[href]").unwrap())
            .filter_map(|a| a.value().attr("href"))
            .collect();
        if loaded.warnings.is_empty() {
            assert!(!dangerous, "{}: {:?} was accepted", v.id, v.text);
            // It was used, as a link: the check above saw it.
            assert!(hrefs.contains(&v.text.as_str()), "{}: {hrefs:?}", v.id);
        } else {
            refused += 1;
            let mut paths: Vec<&str> = loaded.warnings.iter().map(|p| p.path.as_str()).collect();
            paths.sort_unstable();
            assert_eq!(paths, URL_PATHS, "{}: {:?}", v.id, loaded.warnings);
            assert!(!hrefs.contains(&v.text.as_str()), "{}: {hrefs:?}", v.id);
            // The safe parts are all there.
            assert!(
                article.contains("Body text.")
                    && article.contains(">A</h1>")
                    && article.contains("N"),
                "{}: {article}",
                v.id
            );
        }
    }
    assert!(refused > 100, "only {refused} vectors refused as URLs");
}

#[test]
fn every_vector_in_every_kind_of_markdown_link_is_refused_or_harmless() {
    for v in corpus() {
        let u = &v.text;
        for md in [
            format!("[inline]({u})"),
            format!("[inline](<{u}>)"),
            format!("[titled](https://ok.example/ \"{u}\")"),
            format!("![image]({u})"),
            format!("![image](<{u}>)"),
            format!("<{u}>"),
            format!("[ref]\n\n[ref]: {u}"),
            format!("[ref][r]\n\n[r]: <{u}> '{u}'"),
            format!("![ref image][img]\n\n[img]: {u}"),
            format!("Footnote.[^1]\n\n[^1]: [in a footnote]({u})"),
            format!("| t |\n|---|\n| [in a table]({u}) |"),
            format!("> - [quoted, listed](<{u}>)"),
        ] {
            for block in markdown::render(&md, 2) {
                assert_safe(&block.html, &format!("{}: {md:?}", v.id));
            }
        }
    }
}

#[test]
fn every_vector_in_a_json_feed_stays_text_and_content_html_is_never_inserted() {
    for v in corpus() {
        let loaded =
            model::load(&feed_text_document(&v.text)).unwrap_or_else(|e| panic!("{}: {e}", v.id));
        let doc = &loaded.document;
        for essay in &doc.essays {
            for mode in [Mode::Article, Mode::Card, Mode::Series] {
                let options = RenderOptions {
                    mode,
                    essay: Some(&essay.id),
                    interactive: true,
                    ..RenderOptions::default()
                };
                let html = render(doc, &options).unwrap().html;
                assert_safe(&html, &format!("{} (feed, {mode:?})", v.id));
                assert!(
                    !html.contains("CONTENT-HTML-MARKER"),
                    "{}: content_html inserted\n{html}",
                    v.id
                );
            }
        }
        let dangerous =
            support::browser_scheme(&v.text).is_some_and(|s| !support::is_allowed_scheme(&s));
        let loaded = model::load(&feed_url_document(&v.text))
            .unwrap_or_else(|e| panic!("{}: {:?} made the feed an error: {e}", v.id, v.text));
        if dangerous {
            assert!(
                !loaded.warnings.is_empty(),
                "{}: {:?} was accepted in a feed",
                v.id,
                v.text
            );
        }
        assert!(
            loaded
                .warnings
                .iter()
                .all(|p| p.message.contains("allowed") || p.path.ends_with("content_html")),
            "{}: {:?}",
            v.id,
            loaded.warnings
        );
        render_every_mode(&loaded.document, &v.id);
    }
}

#[test]
fn every_vector_in_validated_fields_and_attributes_gives_a_safe_error_state() {
    for v in corpus() {
        let t = lit(&v.text);
        let doc = format!(
            r#"{{"version":1,"essays":[{{"id":{t},"title":"T","lang":{t},"dir":{t},"published":{t},"updated":{t},
                "authors":[{{"name":"N"}}]}}, {{"id":"x","title":"X"}}, {{"id":"x","title":{t}}}]}}"#
        );
        let e = model::load(&doc).unwrap_err();
        assert!(e.problems().len() >= 5, "{}: {e}", v.id);
        error_state(&EmbedError::Load(e), &v.id);
        // Type errors: the first stops reading, and names its path.
        for doc in [
            format!(r#"{{"title":"T","authors":[{{"name":"N"}}, {t}]}}"#),
            format!(r#"{{"title":"T","pull_quotes":[5],"x":{t}}}"#),
            format!(
                r#"{{"version":1,"essays":[{{"id":"a","title":"T"}}],"strings":{{"by":[{t}]}}}}"#
            ),
        ] {
            let e = model::load(&doc).unwrap_err();
            assert_eq!(e.problems().len(), 1, "{}: {e}", v.id);
            error_state(&EmbedError::Load(e), &v.id);
        }
        // A bad `mode` attribute, an unknown `essay`, a failed request: each names the value.
        error_state(
            &EmbedError::BadAttribute {
                name: "mode",
                value: v.text.clone(),
                expected: "article, card or series",
            },
            &v.id,
        );
        let loaded = model::load(r#"{"title":"T","body":"b"}"#).unwrap();
        let options = RenderOptions {
            essay: Some(&v.text),
            ..RenderOptions::default()
        };
        let err = render(&loaded.document, &options).unwrap_err();
        assert!(matches!(err, RenderError::UnknownEssay { .. }));
        error_state(&EmbedError::Render(err), &v.id);
        error_state(
            &EmbedError::Network {
                url: v.text.clone(),
            },
            &v.id,
        );
        error_state(
            &EmbedError::Http {
                url: v.text.clone(),
                status: 500,
            },
            &v.id,
        );
        // The widget's words in the states come from the element's `lang` only.
        assert_safe(&states::loading_html(Some(&v.text)), &v.id);
    }
}

#[test]
fn the_checker_catches_what_the_corpus_aims_at() {
    // A checker that passes everything would make every test above pass.
    for bad in [
        "<p onclick=\"x\">a</p>",
        "<img src=\"x\" onerror=\"alert(1)\">",
        "<script>alert(1)</script>",
        "<a href=\"javascript:alert(1)\">a</a>",
        "<a href=\" java&#x09;script:alert(1)\">a</a>",
        "<a href=\"JAVA\nSCRIPT:alert(1)\">a</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<p>a <svg onload=\"alert(1)\"></svg></p>",
        "<p>a</p><style>x</style>",
        "<p>a <a href=\"/x\">b <a href=\"/y\">c</a></a></p>",
        "<p>a<div>b</div></p>",
        "<div><thead><tr><td>x</td></tr></thead></div>",
        "<table><tbody>text<tr><td>x</td></tr></tbody></table>",
        "<p title=x>a</p>",
        "<p title=\"a\" title=\"b\">a</p>",
        "<p>&copy;</p>",
        "<p>a",
        "<p><!-- x --></p>",
        "<pre>\nx</pre>",
    ] {
        assert!(!support::violations(bad).is_empty(), "{bad}");
    }
    assert!(support::violations("<p class=\"x\">a &lt;b&gt; &amp; &quot;&#39;</p>").is_empty());
    assert_eq!(
        support::browser_scheme(" \u{1}Java\tScript:x").as_deref(),
        Some("javascript")
    );
    assert_eq!(support::browser_scheme("/a:b"), None);
    assert_eq!(support::browser_scheme("&#106;avascript:x"), None);
}
