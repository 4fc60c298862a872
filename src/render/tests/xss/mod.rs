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
            // A `src` the URL allow-list refuses is an error; the `share` attribute is
            // still written, beside an allowed `src`.
            let made = match element(doc, &options) {
                Err(RenderError::UrlNotAllowed { option: "src", .. }) if !inline => {
                    options.content = Content::Src("/content.json");
                    element(doc, &options).unwrap()
                }
                made => made.unwrap(),
            };
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
                let src = match options.content {
                    Content::Src(src) if src == attribute => value.as_str(),
                    Content::Src(src) => src,
                    Content::Inline(_) => unreachable!(),
                };
                assert_eq!(host.value().attr("src"), Some(src), "{context}");
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

mod cases;
