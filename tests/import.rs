//! `essay-embed import` on real-world-shaped feeds (`tests/import/*`): each imports to a
//! document that `check` accepts, renders, and matches its golden files,
//! `tests/import/NAME.expected.json` (the document) and `tests/import/NAME.expected.html`
//! (every essay rendered as an article). `UPDATE_GOLDEN=1 cargo test --test import`
//! rewrites them; review the diff like code. Then the XSS corpus in item HTML, the seed
//! magazine as a feed, and bad input.

mod support;

use essay_embed::import::{self, ImportError, Options};
use essay_embed::{self as model, render, Mode, RenderOptions};
use pulldown_cmark::{Event, Parser, Tag};
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};

const FEEDS: &[&str] = &[
    "wordpress.rss",
    "ghost.atom",
    "substack.rss",
    "medium.rss",
    "xml-base.atom",
    "json-feed.json",
    "chinese.rss",
];

fn feed_path(name: &str) -> PathBuf {
    Path::new("tests/import").join(name)
}

fn import_file(name: &str, options: &Options) -> import::Imported {
    let bytes = std::fs::read(feed_path(name)).unwrap();
    import::import(&bytes, options).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Every essay of `doc` rendered as an article, with warnings, as a reviewable text.
fn rendering(text: &str) -> String {
    let loaded = model::load(text).unwrap();
    let mut out = String::new();
    for essay in &loaded.document.essays {
        let options = RenderOptions {
            mode: Mode::Article,
            essay: Some(&essay.id),
            ..RenderOptions::default()
        };
        let rendered = render(&loaded.document, &options).unwrap();
        let problems = support::violations(&rendered.html);
        assert!(problems.is_empty(), "{}: {problems:#?}", essay.id);
        out.push_str(&rendered.html.replace("><", ">\n<"));
        out.push('\n');
        for w in &rendered.warnings {
            out.push_str(&format!("<!-- warning: {w} -->\n"));
        }
    }
    out
}

fn json_doc(imported: &import::Imported) -> Value {
    serde_json::from_str(&imported.json).unwrap()
}

fn essays(doc: &Value) -> &[Value] {
    doc.get("essays").and_then(Value::as_array).unwrap()
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut at = v;
    for key in path {
        at = match key.parse::<usize>() {
            Ok(i) => at.as_array()?.get(i)?,
            Err(_) => at.get(key)?,
        };
    }
    at.as_str()
}

fn pull_quotes(essay: &Value) -> Vec<String> {
    essay
        .get("pull_quotes")
        .and_then(Value::as_array)
        .map(|qs| {
            qs.iter()
                .map(|q| q.get("text").and_then(Value::as_str).unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn feeds_import_check_render_and_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for name in FEEDS {
        let imported = import_file(name, &Options::default());
        // What `check` runs.
        let loaded = model::load(&imported.json).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(loaded.document.essays.len(), imported.essays, "{name}");
        let html = rendering(&imported.json);
        let mut warnings = String::new();
        for w in &imported.warnings {
            warnings.push_str(&format!("<!-- import warning: {w} -->\n"));
        }
        let stem = name.replace('.', "-");
        for (path, got) in [
            (
                format!("tests/import/{stem}.expected.json"),
                imported.json.clone(),
            ),
            (
                format!("tests/import/{stem}.expected.html"),
                warnings + &html,
            ),
        ] {
            if update {
                std::fs::write(&path, &got).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
                stale.push(path);
            }
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ (UPDATE_GOLDEN=1 to rewrite, then review): {stale:#?}"
    );
}

#[test]
fn wordpress_gutenberg_blocks_become_markdown_and_pull_quotes() {
    let imported = import_file("wordpress.rss", &Options::default());
    let doc = json_doc(&imported);
    assert_eq!(
        str_at(&doc, &["publication", "name"]),
        Some("Harbour Review")
    );
    let list = essays(&doc);
    assert_eq!(list.len(), 2, "the untitled item is skipped");
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.starts_with("item 3 (https://harbourreview.example/?p=1401): no title")));
    let tide = &list[0];
    assert_eq!(str_at(tide, &["id"]), Some("p-1482"));
    assert_eq!(
        str_at(tide, &["authors", "0", "name"]),
        Some("Maartje de Vries")
    );
    // RFC 822 with +0100, in UTC.
    assert_eq!(str_at(tide, &["published"]), Some("2020-11-02T15:30:00Z"));
    assert_eq!(str_at(tide, &["lang"]), Some("en-US"));
    assert_eq!(
        str_at(tide, &["image", "alt"]),
        Some("The Maeslant storm barrier, its two arms open")
    );
    let body = str_at(tide, &["body"]).unwrap();
    for kept in [
        "## Room for the river",
        "1. Lower the floodplains.",
        "| 1953 | 4.55",
        "**three terms**",
        "*something to be read*",
        "> The sea gives, the sea takes.  \n> The dike decides how much.",
        "[Corrections](https://harbourreview.example/about/corrections/)",
        "who pays.[^1]",
        "[^1]: Rijkswaterstaat, *Annual Report 2019*, p. 14.",
    ] {
        assert!(body.contains(kept), "{kept:?} missing from {body}");
    }
    for dropped in [
        "<",
        "wp:",
        "script",
        "iframe",
        "Subscribe",
        "onclick",
        "youtube",
        "maeslantkering",
    ] {
        assert!(!body.contains(dropped), "{dropped:?} left in {body}");
    }
    assert_eq!(
        pull_quotes(tide),
        ["We stopped fighting the sea. Now we negotiate."]
    );
    assert_eq!(body.matches("Now we negotiate").count(), 1, "{body}");
    // A pull quote that repeats nothing is the only copy of its words: it stays.
    let letters = &list[1];
    assert!(pull_quotes(letters).is_empty());
    assert!(str_at(letters, &["body"])
        .unwrap()
        .contains("> A bridge is a promise"));
    assert_eq!(
        str_at(letters, &["title"]),
        Some("Letters: On Bridges & Ferries")
    );
}

#[test]
fn ghost_atom_authors_dates_and_html_titles() {
    let doc = json_doc(&import_file("ghost.atom", &Options::default()));
    let first = &essays(&doc)[0];
    assert_eq!(
        str_at(first, &["title"]),
        Some("Against the Infinite Scroll")
    );
    assert_eq!(
        str_at(first, &["authors", "0", "url"]),
        Some("https://slowletter.example/author/priya/")
    );
    assert_eq!(str_at(first, &["authors", "1", "name"]), Some("Jonas Berg"));
    // 18:30 at -05:00.
    assert_eq!(str_at(first, &["published"]), Some("2021-03-13T23:30:00Z"));
    assert_eq!(str_at(first, &["updated"]), Some("2021-03-14T07:05:12Z"));
    assert_eq!(str_at(first, &["lang"]), Some("en-GB"));
    assert_eq!(
        str_at(first, &["image", "caption"]),
        Some("Photo by Ana K.")
    );
    assert_eq!(
        pull_quotes(first),
        ["The infinite scroll removed the one thing a reader needs to stop."]
    );
    let body = str_at(first, &["body"]).unwrap();
    assert!(
        body.contains("```\nmain { overscroll-behavior: contain; }\n```"),
        "{body}"
    );
    assert!(body.contains("> Finishing is a feature."), "{body}");
    // Only <updated>: it is the publication date.
    let second = &essays(&doc)[1];
    assert_eq!(str_at(second, &["published"]), Some("2021-03-06T08:00:00Z"));
    assert_eq!(
        str_at(second, &["body"]),
        Some("Nothing happened, and it was ~~boring~~ wonderful.")
    );
    assert_eq!(
        str_at(&doc, &["publication", "copyright"]),
        Some("© 2021 The Slow Letter")
    );
}

#[test]
fn substack_enclosure_image_and_a_body_of_scripts() {
    let imported = import_file("substack.rss", &Options::default());
    let doc = json_doc(&imported);
    let first = &essays(&doc)[0];
    assert_eq!(
        str_at(first, &["image", "src"]),
        Some("https://substackcdn.example/image/fetch/w_1200/budget-appendix.jpg")
    );
    let body = str_at(first, &["body"]).unwrap();
    assert!(
        !body.contains("budget-appendix"),
        "the lead image left the body: {body}"
    );
    assert!(!body.contains("Type your email"), "{body}");
    // Substack's footnotes: the number links back from inside the note.
    assert!(body.contains("did not exist last year.[^1]"), "{body}");
    assert!(body.ends_with("[^1]: Page 212, line 9."), "{body}");
    assert_eq!(
        pull_quotes(first),
        ["Nobody reads appendix F. That is why it matters."]
    );
    let scripts = &essays(&doc)[1];
    assert!(
        scripts.get("body").is_none(),
        "scripts only: a link-out card"
    );
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.contains("only-scripts-here") && w.contains("no text once scripts")));
}

#[test]
fn medium_figures_become_images_with_captions_and_the_tracking_pixel_goes() {
    let doc = json_doc(&import_file("medium.rss", &Options::default()));
    let essay = &essays(&doc)[0];
    assert_eq!(
        str_at(essay, &["image", "src"]),
        Some("https://cdn-images-1.medium.example/max/1024/1*x8Yq3coast.jpeg")
    );
    assert_eq!(
        str_at(essay, &["image", "caption"]),
        Some("Low tide near Kilkee. Photo by the author.")
    );
    let body = str_at(essay, &["body"]).unwrap();
    assert!(body.contains("![Two tracings of the same bay at different scales](https://cdn-images-1.medium.example/max/800/1*bay-scales.png)"), "{body}");
    assert!(body.contains("The same bay traced at 1:50,000"), "{body}");
    assert!(!body.contains("_/stat"), "{body}");
    let tags: Vec<&str> = (0..3)
        .map(|i| str_at(essay, &["tags", &i.to_string()]).unwrap())
        .collect();
    assert_eq!(tags, ["cartography", "mathematics", "walking"]);
}

#[test]
fn xml_base_resolves_relative_links_in_scope() {
    let doc = json_doc(&import_file("xml-base.atom", &Options::default()));
    let first = &essays(&doc)[0];
    assert_eq!(
        str_at(first, &["canonical_url"]),
        Some("https://atlas.example/carnets/2021/le-port-trois-fois/")
    );
    let body = str_at(first, &["body"]).unwrap();
    for url in [
        "(https://atlas.example/carnets/2021/le-port-trois-fois/carte.html)",
        "(https://atlas.example/carnets/2020/les-calanques/)",
        "(https://atlas.example/a-propos/)",
        "(https://atlas.example/carnets/2021/images/vieux-port.jpg)",
        "(https://sources.atlas.example/marseille)",
        "(#notes)",
    ] {
        assert!(body.contains(url), "{url} missing from {body}");
    }
    // The feed's author (relative uri) for entries without their own.
    assert_eq!(
        str_at(first, &["authors", "0", "url"]),
        Some("https://atlas.example/auteurs/camille/")
    );
    let second = &essays(&doc)[1];
    assert_eq!(str_at(second, &["title"]), Some("Sans base propre"));
    assert_eq!(
        str_at(second, &["body"]),
        Some("Lien vers [les carnets](https://atlas.example/carnets/).")
    );
    assert_eq!(str_at(second, &["lang"]), Some("fr"));
}

#[test]
fn json_feed_content_html_images_avatars_and_languages() {
    let doc = json_doc(&import_file("json-feed.json", &Options::default()));
    let list = essays(&doc);
    let clip = &list[0];
    assert_eq!(
        str_at(clip, &["image", "src"]),
        Some("https://smallthings.example/img/paperclip-card.jpg")
    );
    assert_eq!(
        str_at(clip, &["authors", "0", "avatar"]),
        Some("https://smallthings.example/authors/ruth.jpg")
    );
    assert_eq!(str_at(clip, &["lang"]), Some("en"));
    assert_eq!(str_at(clip, &["published"]), Some("2021-01-15T17:30:00Z"));
    assert_eq!(
        pull_quotes(clip),
        ["A paperclip is one bend short of a spring."]
    );
    let body = str_at(clip, &["body"]).unwrap();
    assert!(
        body.contains("[The stapler](https://smallthings.example/essays/the-stapler/)"),
        "{body}"
    );
    assert!(!body.contains("track"), "{body}");
    // content_text is text: line breaks kept, nothing read as markup.
    let button = &list[1];
    assert_eq!(str_at(button, &["id"]), Some("42"));
    assert_eq!(
        str_at(button, &["body"]),
        Some("Four holes or two?\n\nThe answer says  \nwhere the coat was made.")
    );
    assert_eq!(
        str_at(button, &["authors", "0", "name"]),
        Some("The Quarterly")
    );
    assert_eq!(str_at(button, &["lang"]), Some("en-GB"));
    let key = &list[2];
    assert!(key.get("body").is_none());
    assert_eq!(
        str_at(key, &["image", "src"]),
        Some("https://smallthings.example/img/key-banner.jpg")
    );
}

#[test]
fn a_chinese_feed_keeps_its_text_language_and_quotes() {
    let doc = json_doc(&import_file("chinese.rss", &Options::default()));
    let essay = &essays(&doc)[0];
    assert_eq!(str_at(essay, &["title"]), Some("潮汐与城市：上海的防汛墙"));
    assert_eq!(str_at(essay, &["lang"]), Some("zh-CN"));
    assert_eq!(str_at(essay, &["authors", "0", "name"]), Some("李明"));
    assert_eq!(str_at(essay, &["published"]), Some("2021-07-15T00:00:00Z"));
    let id = str_at(essay, &["id"]).unwrap();
    assert!(
        id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
        "{id}"
    );
    assert_eq!(
        pull_quotes(essay),
        [
            "每一次加高，都是对下一场风暴的预测。",
            "我们不是在挡水，而是在给水让路。"
        ]
    );
    assert_eq!(
        str_at(essay, &["image", "src"]),
        Some("https://guanchao.example/images/fangxunqiang.jpg")
    );
    assert!(str_at(essay, &["body"])
        .unwrap()
        .contains("[潮位数据](https://guanchao.example/data/tides-2021.html)"));
}

#[test]
fn the_same_feed_imports_to_the_same_document() {
    for name in FEEDS {
        assert_eq!(
            import_file(name, &Options::default()).json,
            import_file(name, &Options::default()).json,
            "{name}"
        );
    }
}

#[test]
fn options_name_the_publication_and_make_a_series() {
    let options = Options {
        series_title: Some("Water Cities".to_owned()),
        publication_name: Some("Harbour Review Ltd".to_owned()),
        ..Options::default()
    };
    let doc = json_doc(&import_file("wordpress.rss", &options));
    assert_eq!(
        str_at(&doc, &["publication", "name"]),
        Some("Harbour Review Ltd")
    );
    assert_eq!(str_at(&doc, &["series", "title"]), Some("Water Cities"));
    assert_eq!(
        str_at(&doc, &["series", "dek"]),
        Some("Long reads on cities, water and the people who live by both")
    );
}

// The XSS corpus in item HTML.

struct Vector {
    id: String,
    text: String,
}

fn corpus() -> Vec<Vector> {
    let text = std::fs::read_to_string("tests/xss/vectors.json").unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    doc.get("vectors")
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|v| Vector {
            id: v.get("id").and_then(Value::as_str).unwrap().to_owned(),
            text: v.get("vector").and_then(Value::as_str).unwrap().to_owned(),
        })
        .collect()
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every reason the Markdown is unsafe for any CommonMark renderer (ours shows raw HTML as
/// text; others would insert it): raw HTML, or a link or image URL outside the allow-list.
fn markdown_problems(markdown: &str) -> Vec<String> {
    let mut found = Vec::new();
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => found.push(format!("raw HTML {h:?}")),
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => {
                let url = dest_url.to_string();
                let scheme_ok = support::browser_scheme(&url)
                    .is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"));
                if essay_embed::check_url(&url).is_err() || !scheme_ok {
                    found.push(format!("URL {url:?}"));
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn the_xss_corpus_in_item_html_leaves_nothing_dangerous() {
    for v in corpus() {
        let html = format!(
            "<p>Before the vector.</p>{}<blockquote class=\"pullquote\">{}</blockquote><p>After it <a href=\"{}\">link</a> <img src=\"{}\" alt=\"x\"></p>",
            v.text,
            v.text,
            xml_escape(&v.text),
            xml_escape(&v.text)
        );
        let rss = format!(
            r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title><link>https://ok.example/</link>
            <item><title>{t}</title><guid>{t}</guid><description>{d}</description><content:encoded>{c}</content:encoded><link>https://ok.example/a</link></item></channel></rss>"#,
            t = xml_escape(&v.text),
            d = xml_escape(&v.text),
            c = xml_escape(&html),
        );
        let json_feed = format!(
            r#"{{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{{"id":"1","title":"T","url":"https://ok.example/a","content_html":{h},"summary":{s}}}]}}"#,
            h = support::json_string(&html),
            s = support::json_string(&v.text),
        );
        for (kind, feed) in [("rss", rss), ("json", json_feed)] {
            let context = format!("{} in {kind}", v.id);
            let imported = match import::import(feed.as_bytes(), &Options::default()) {
                Ok(i) => i,
                // A vector that makes the title empty skips the only item: nothing written.
                Err(ImportError::NothingImported { .. }) => continue,
                Err(e) => panic!("{context}: {e}"),
            };
            let loaded = model::load(&imported.json).unwrap_or_else(|e| panic!("{context}: {e}"));
            for essay in &loaded.document.essays {
                if let Some(body) = &essay.body {
                    let problems = markdown_problems(body);
                    assert!(problems.is_empty(), "{context}: {problems:?} in {body:?}");
                }
                if let Some(image) = &essay.image {
                    assert!(essay_embed::check_url(&image.src).is_ok(), "{context}");
                }
            }
            for mode in [Mode::Article, Mode::Card, Mode::Series] {
                let out = render(
                    &loaded.document,
                    &RenderOptions {
                        mode,
                        interactive: true,
                        ..RenderOptions::default()
                    },
                )
                .unwrap();
                let problems = support::violations(&out.html);
                assert!(
                    problems.is_empty(),
                    "{context}: {problems:#?}\n{}",
                    out.html
                );
            }
        }
    }
}

#[test]
fn the_markdown_checker_catches_what_it_looks_for() {
    assert!(!markdown_problems("<script>alert(1)</script>").is_empty());
    assert!(!markdown_problems("[x](javascript:alert(1))").is_empty());
    assert!(!markdown_problems("a <img src=x onerror=alert(1)> b").is_empty());
    assert!(markdown_problems("[x](https://ok.example/) and \\<b\\>").is_empty());
}

// The seed magazine as a feed.

/// The parts of an article a reader sees, as text, by their `part` names.
fn article_parts(html: &str) -> Vec<(String, String)> {
    let doc = Html::parse_fragment(html);
    let mut parts = Vec::new();
    for part in ["title", "dek", "byline", "body", "pullquote"] {
        let selector = Selector::parse(&format!("[part~={part}]")).unwrap();
        for el in doc.select(&selector) {
            let text: String = el.text().collect::<Vec<_>>().join(" ");
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            parts.push((part.to_owned(), text));
        }
    }
    parts
}

fn article(text: &str, essay: &str) -> String {
    let loaded = model::load(text).unwrap();
    let options = RenderOptions {
        mode: Mode::Article,
        essay: Some(essay),
        ..RenderOptions::default()
    };
    render(&loaded.document, &options).unwrap().html
}

#[test]
fn the_seed_magazine_as_a_feed_renders_the_same_article() {
    let roster =
        import::parse_roster(&std::fs::read_to_string("tests/import/seed-authors.json").unwrap())
            .unwrap();
    let options = Options {
        series_title: Some("Reinventing Nuclear Arms Control".to_owned()),
        authors: roster,
        ..Options::default()
    };
    let imported = import_file("seed-magazine.rss", &options);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let seed =
        std::fs::read_to_string("www/content/reinventing-nuclear-arms-control.json").unwrap();
    let ours = article_parts(&article(&imported.json, "view-from-beijing"));
    let theirs = article_parts(&article(&seed, "view-from-beijing"));
    assert!(
        ours.iter().filter(|(p, _)| p == "pullquote").count() == 2,
        "{ours:#?}"
    );
    assert!(ours
        .iter()
        .any(|(p, t)| p == "byline" && t.contains("Senior Fellow")));
    assert_eq!(ours, theirs);
    // The other essays are link-out cards with their authors' roles, as in the seed.
    let doc = json_doc(&imported);
    let list = essays(&doc);
    assert_eq!(list.len(), 4);
    assert!(list[1].get("body").is_none());
    assert_eq!(
        str_at(&list[1], &["authors", "0", "role"]),
        Some("Co-director and Senior Fellow")
    );
    assert_eq!(
        str_at(&doc, &["publication", "copyright"]),
        Some("© 2021 Carnegie Endowment for International Peace. All Rights Reserved")
    );
}

// Bad input.

fn import_err(text: &str) -> ImportError {
    match import::import(text.as_bytes(), &Options::default()) {
        Ok(i) => panic!("imported: {}", i.json),
        Err(e) => e,
    }
}

#[test]
fn malformed_xml_names_the_line_and_column() {
    let e = import_err("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>\n<title>T</title>\n<item><title>A &amp B</title></item></channel></rss>");
    match &e {
        ImportError::Xml { line, column, .. } => assert_eq!((*line, *column), (4, 16), "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(
        e.to_string()
            .starts_with("line 4, column 16: not well-formed XML"),
        "{e}"
    );
    let e = import_err(
        "<rss version=\"2.0\"><channel><title>T</title><item><title>x</title></channel></rss>",
    );
    assert!(matches!(e, ImportError::Xml { line: 1, .. }), "{e}");
}

#[test]
fn a_bad_json_feed_names_the_path() {
    let e = import_err(
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","title":"ok"},{"id":"2","title":7}]}"#,
    );
    assert!(
        e.to_string().starts_with(
            "items[1].title: not a JSON Feed: invalid type: integer `7`, expected a string"
        ),
        "{e}"
    );
    let e = import_err(r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[}"#);
    assert!(matches!(e, ImportError::Json { line: 1, .. }), "{e}");
    let e = import_err(r#"{"version":"1","title":"T","items":[]}"#);
    assert!(e.to_string().starts_with("version: not a JSON Feed"), "{e}");
}

#[test]
fn what_is_not_a_feed_says_what_it_is() {
    let e = import_err("<!DOCTYPE html><html><head><title>Blog</title></head><body></body></html>");
    assert!(e.to_string().contains("not a feed: an HTML page"), "{e}");
    let e = import_err("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    assert_eq!(
        e.to_string(),
        "not a feed: XML whose root element is <svg> (import reads RSS 0.9x/1.0/2.0, Atom 1.0 and JSON Feed 1.0/1.1)"
    );
    assert!(import_err("just some words")
        .to_string()
        .contains("neither XML nor JSON"));
    assert!(import_err("").to_string().contains("the file is empty"));
}

#[test]
fn an_empty_feed_and_a_feed_of_untitled_items_fail() {
    let e = import_err(
        r#"<rss version="2.0"><channel><title>T</title><link>https://ok.example/</link></channel></rss>"#,
    );
    assert_eq!(e, ImportError::Empty);
    let e = import_err(
        r#"<rss version="2.0"><channel><title>T</title><item><description>x</description></item><item><title> </title></item></channel></rss>"#,
    );
    assert_eq!(e, ImportError::NothingImported { skipped: 2 });
    let e = import_err(r#"{"version":"https://jsonfeed.org/version/1","title":"T","items":[]}"#);
    assert_eq!(e, ImportError::Empty);
}

#[test]
fn a_feed_over_ten_megabytes_is_refused_before_parsing() {
    let mut big = String::from("<rss version=\"2.0\"><channel><title>T</title>");
    while big.len() <= import::MAX_FEED_BYTES {
        big.push_str(
            "<item><title>x</title><description>padding padding padding</description></item>",
        );
    }
    big.push_str("</channel></rss>");
    let e = import_err(&big);
    assert!(matches!(e, ImportError::TooLarge { .. }), "{e}");
    assert!(e.to_string().contains("(the limit is 10.0 MB)"), "{e}");
}

#[test]
fn rss_0_91_and_1_0_import_too() {
    let rss091 = r#"<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title><link>https://old.example/</link><description>d</description><language>en</language>
        <item><title>First</title><link>https://old.example/1</link><description>&lt;p&gt;Hello &lt;b&gt;there&lt;/b&gt;.&lt;/p&gt;</description></item></channel></rss>"#;
    let doc: Value = serde_json::from_str(
        &import::import(rss091.as_bytes(), &Options::default())
            .unwrap()
            .json,
    )
    .unwrap();
    assert_eq!(
        str_at(&doc, &["essays", "0", "body"]),
        Some("Hello **there**.")
    );
    let rss10 = r#"<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://rdf.example/"><title>RDF</title><link>https://rdf.example/</link><description>d</description></channel>
        <item rdf:about="https://rdf.example/one"><title>One</title><link>https://rdf.example/one</link><dc:creator>Ann Lee</dc:creator><dc:date>2020-01-02T03:04:05+01:00</dc:date><description>A summary.</description></item></rdf:RDF>"#;
    let doc: Value = serde_json::from_str(
        &import::import(rss10.as_bytes(), &Options::default())
            .unwrap()
            .json,
    )
    .unwrap();
    assert_eq!(str_at(&doc, &["essays", "0", "title"]), Some("One"));
    assert_eq!(
        str_at(&doc, &["essays", "0", "authors", "0", "name"]),
        Some("Ann Lee")
    );
    assert_eq!(
        str_at(&doc, &["essays", "0", "canonical_url"]),
        Some("https://rdf.example/one")
    );
}
