//! The XSS cases: each puts the corpus into one kind of place and checks what comes out.

use super::*;

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
