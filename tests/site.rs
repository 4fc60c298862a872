//! `essay-embed build`: the files of the static site, read as HTML, XML and JSON, and the CLI
//! around it (atomic writes, the same errors as `check`). The browser-side checks (oEmbed in
//! a sandboxed iframe, Readability, feed parsers) are in tests/e2e/site.test.mjs.

#![cfg(not(target_arch = "wasm32"))]

use essay_embed::publish::{self, Options};
use essay_embed::{self as model, render, DeepLink, Mode, RenderOptions};
use scraper::{Html, Selector};
use std::process::Command;

/// `%XX` escapes decoded (as a browser reads a text directive's terms); `None` when the
/// bytes are not UTF-8.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

const SEED: &str = "www/content/reinventing-nuclear-arms-control.json";
const BASE: &str = "https://publisher.example/essays/";

fn seed() -> (model::Document, String) {
    let text = std::fs::read_to_string(SEED).unwrap();
    (model::load(&text).unwrap().document, text)
}

fn build(doc: &model::Document, base: Option<&str>) -> publish::Site {
    let options = Options {
        base_url: base.map(str::to_owned),
    };
    publish::generate(doc, b"{}", &options).unwrap()
}

fn file(site: &publish::Site, path: &str) -> String {
    String::from_utf8(
        site.files
            .get(path)
            .unwrap_or_else(|| panic!("no {path}"))
            .clone(),
    )
    .unwrap()
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

fn meta(doc: &Html, key: &str) -> Vec<String> {
    select(
        doc,
        &format!("meta[property=\"{key}\"], meta[name=\"{key}\"]"),
    )
    .iter()
    .filter_map(|m| m.value().attr("content").map(str::to_owned))
    .collect()
}

#[test]
fn the_seed_site_has_its_pages_cards_oembed_and_feeds_and_the_same_bytes_twice() {
    let (doc, _) = seed();
    let site = build(&doc, Some(BASE));
    let paths: Vec<&str> = site.files.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        [
            "_headers",
            "assets/embed-page.js",
            "assets/essay-embed.css",
            "assets/frame.js",
            "atom.xml",
            "content.json",
            "embed.html",
            "feed.json",
            "feed.xml",
            "index.html",
            "sitemap.xml",
            "view-from-beijing/embed/index.html",
            "view-from-beijing/index.html",
            "view-from-beijing/oembed.json",
        ]
    );
    assert_eq!(
        site,
        build(&doc, Some(BASE)),
        "rebuilding gives other bytes"
    );
    // A base URL without its trailing slash means the same site.
    assert_eq!(site, build(&doc, Some("https://publisher.example/essays")));

    let page = Html::parse_document(&file(&site, "view-from-beijing/index.html"));
    assert_eq!(
        select(&page, "title")[0].text().collect::<String>(),
        "View From Beijing | Carnegie Endowment for International Peace"
    );
    assert_eq!(
        meta(&page, "description")[0],
        doc.essays[0].dek.clone().unwrap()
    );
    let canonical = select(&page, "link[rel=canonical]")[0]
        .value()
        .attr("href")
        .unwrap();
    assert_eq!(Some(canonical), doc.essays[0].canonical_url.as_deref());
    assert_eq!(meta(&page, "og:type"), ["article"]);
    assert_eq!(meta(&page, "og:url"), [canonical]);
    assert_eq!(meta(&page, "article:author"), ["Tong Zhao"]);
    assert_eq!(
        meta(&page, "article:published_time"),
        ["2020-09-09T00:00:00Z"]
    );
    assert_eq!(meta(&page, "twitter:card"), ["summary"]);
    let oembed = select(&page, "link[type=\"application/json+oembed\"]");
    assert_eq!(
        oembed[0].value().attr("href"),
        Some("https://publisher.example/essays/view-from-beijing/oembed.json")
    );
    // The essay is in the page's own DOM, no script needed: Readability and Text Fragments
    // read the light DOM only.
    assert_eq!(
        select(&page, "main article.ee-article h1")[0]
            .text()
            .collect::<String>(),
        "View From Beijing"
    );
    // Beside the JSON-LD, the widget's entry, which adds sharing to the essay in the light
    // DOM (`<essay-embed light-dom>`: no shadow root, no template).
    let scripts: Vec<_> = select(&page, "script")
        .iter()
        .map(|s| (s.value().attr("type"), s.value().attr("src")))
        .collect();
    assert_eq!(
        scripts,
        [
            (Some("module"), Some("../pkg/essay-embed.js")),
            (Some("application/ld+json"), None)
        ]
    );
    assert!(select(&page, "template").is_empty());
    let element = select(&page, "main > essay-embed[light-dom]");
    assert_eq!(element[0].value().attr("src"), Some("../content.json"));
    assert_eq!(element[0].value().attr("essay"), Some("view-from-beijing"));

    let o: serde_json::Value =
        serde_json::from_str(&file(&site, "view-from-beijing/oembed.json")).unwrap();
    assert_eq!(o["type"], "rich");
    assert_eq!(o["version"], "1.0");
    assert_eq!(o["author_name"], "Tong Zhao");
    assert!(o["html"].as_str().unwrap().starts_with("<iframe "));

    let index = Html::parse_document(&file(&site, "index.html"));
    let hrefs: Vec<&str> = select(&index, ".ee-card .ee-title a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs[0],
        "https://publisher.example/essays/view-from-beijing/"
    );
    assert!(
        hrefs[1].starts_with("https://carnegieendowment.org/"),
        "link-outs keep their URL"
    );
    // Our own pages open in the same tab; other sites in a new one.
    let own = select(&index, ".ee-card .ee-title a")[0];
    assert_eq!(own.value().attr("target"), None);
    assert_eq!(
        select(&index, ".ee-card .ee-title a")[1]
            .value()
            .attr("target"),
        Some("_blank")
    );

    let sitemap = file(&site, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://publisher.example/essays/view-from-beijing/</loc>\n<lastmod>2020-09-09</lastmod>"), "{sitemap}");
    let headers = file(&site, "_headers");
    for needed in [
        "Access-Control-Allow-Origin: *",
        "Content-Type: application/wasm",
        "Content-Security-Policy: default-src 'none'",
    ] {
        assert!(headers.contains(needed), "{needed}");
    }
}

#[test]
fn the_iframe_card_has_no_inline_script_or_style_and_its_links_open_in_the_top_window() {
    let (doc, _) = seed();
    let site = build(&doc, Some(BASE));
    let frame = file(&site, "view-from-beijing/embed/index.html");
    let html = Html::parse_document(&frame);
    for script in select(&html, "script") {
        assert!(script.value().attr("src").is_some(), "inline script");
        assert_eq!(script.text().collect::<String>(), "");
    }
    assert!(select(&html, "style, [style]").is_empty(), "inline style");
    assert!(select(&html, "[onclick], [onload]").is_empty());
    let card_links = select(&html, "#ee-view a");
    assert!(!card_links.is_empty());
    for a in card_links {
        assert_eq!(a.value().attr("target"), Some("_top"), "{:?}", a.value());
    }
    assert!(!frame.contains("_blank"));
    assert_eq!(meta(&html, "robots"), ["noindex"]);
    assert!(select(&html, "meta[http-equiv=Content-Security-Policy]")[0]
        .value()
        .attr("content")
        .unwrap()
        .starts_with("default-src 'none'; script-src 'self'; style-src 'self'"));
    // The article for ?mode=article waits in a template.
    assert_eq!(select(&html, "template#ee-article").len(), 1);
}

#[test]
fn every_text_directive_the_widget_makes_is_contiguous_text_on_the_essay_page() {
    let (doc, _) = seed();
    let site = build(&doc, Some(BASE));
    let page = Html::parse_document(&file(&site, "view-from-beijing/index.html"));
    // The page's blocks as the DOM holds them, case-folded as the Text Fragments spec matches.
    let blocks: Vec<String> = select(&page, ".ee-body > [data-block]")
        .iter()
        .map(|b| b.text().collect::<String>().to_lowercase())
        .collect();
    let projection = render(
        &doc,
        &RenderOptions {
            mode: Mode::Article,
            ..Default::default()
        },
    )
    .unwrap()
    .projection
    .unwrap();
    assert_eq!(blocks.len(), projection.starts.len());
    let text = &projection.text;
    // A passage per sentence of the body (the unit readers highlight most).
    let mut checked = 0;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let end = i + 1;
        let passage = text[start..end].trim();
        let from = start + (text[start..end].len() - text[start..end].trim_start().len());
        start = end;
        if passage.len() < 20 || passage.contains('\n') {
            continue;
        }
        let link =
            DeepLink::new("view-from-beijing", &projection, from, from + passage.len()).unwrap();
        let directive = link.directive.expect("a directive");
        let terms: Vec<String> = directive
            .trim_start_matches("text=")
            .split(',')
            .map(|t| {
                percent_decode(t.trim_start_matches('-').trim_end_matches('-'))
                    .unwrap()
                    .to_lowercase()
            })
            .collect();
        // Each term lies inside one block, in order; together they span the passage.
        let joined = terms.join(" … ");
        let block = blocks
            .iter()
            .find(|b| b.contains(&terms[0]))
            .unwrap_or_else(|| panic!("{joined:?} is not in one block of the page"));
        let mut at = 0;
        for t in &terms {
            let found = block[at..]
                .find(t.as_str())
                .unwrap_or_else(|| panic!("{t:?} of {joined:?} not contiguous"));
            at += found + t.len();
        }
        assert!(
            block.contains(&passage.to_lowercase()),
            "{passage:?} is not contiguous text"
        );
        checked += 1;
    }
    assert!(checked >= 20, "only {checked} sentences");
}

#[test]
fn an_image_with_its_size_gives_the_thumbnail_the_og_size_and_the_img_box() {
    let doc = model::load(
        r#"{"version":1,"essays":[
            {"id":"sized","title":"S","body":"Text.","image":{"src":"https://i.example/a.jpg","alt":"","width":1600,"height":900}},
            {"id":"unsized","title":"U","body":"Text.","image":{"src":"https://i.example/b.jpg","alt":""}}]}"#,
    )
    .unwrap()
    .document;
    let site = build(&doc, Some(BASE));
    let oembed = |id: &str| -> serde_json::Value {
        serde_json::from_str(&file(&site, &format!("{id}/oembed.json"))).unwrap()
    };
    let sized = oembed("sized");
    assert_eq!(
        (
            &sized["thumbnail_url"],
            &sized["thumbnail_width"],
            &sized["thumbnail_height"]
        ),
        (&"https://i.example/a.jpg".into(), &1600.into(), &900.into())
    );
    // No size known: no thumbnail (oEmbed gives its URL, width and height together).
    let unsized_ = oembed("unsized");
    for key in ["thumbnail_url", "thumbnail_width", "thumbnail_height"] {
        assert!(unsized_.get(key).is_none(), "{key}");
    }

    let page = Html::parse_document(&file(&site, "sized/index.html"));
    assert_eq!(meta(&page, "og:image:width"), ["1600"]);
    assert_eq!(meta(&page, "og:image:height"), ["900"]);
    let img = select(&page, ".ee-figure img")[0].value();
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("1600"), Some("900"))
    );
    let page = Html::parse_document(&file(&site, "unsized/index.html"));
    assert!(meta(&page, "og:image:width").is_empty());
    assert_eq!(meta(&page, "og:image"), ["https://i.example/b.jpg"]);
    assert_eq!(
        select(&page, ".ee-figure img")[0].value().attr("width"),
        None
    );
}

#[test]
fn hostile_content_stays_text_in_pages_feeds_and_oembed() {
    let doc = model::load(
        r#"{"version":1,"publication":{"name":"P</title><script>alert(1)</script>","url":"https://p.example/?a=1&b=2"},
            "essays":[{"id":"x","title":"T\"><script>alert(2)</script>","dek":"D ]]> <img src=x onerror=alert(3)>",
              "authors":[{"name":"A & B <i>"}],"published":"2021-01-02T03:04:05+01:00",
              "body":"<script>alert(5)</script> [link](javascript:alert(6)) \u0001 text"}]}"#,
    )
    .unwrap()
    .document;
    let site = build(&doc, Some(BASE));
    for (path, bytes) in &site.files {
        let text = String::from_utf8(bytes.clone()).unwrap();
        // JSON strings are data, not markup (their HTML fields are checked below).
        if path.starts_with("assets/") || path.ends_with(".json") {
            continue;
        }
        for bad in [
            "<script>alert",
            "<img src=x",
            "href=\"javascript",
            "href=&quot;javascript",
            "<i>",
        ] {
            assert!(!text.contains(bad), "{path} holds {bad:?}:\n{text}");
        }
        if path.ends_with(".xml") {
            assert!(
                !text.contains('\u{1}'),
                "{path}: a character XML cannot hold"
            );
        }
    }
    let page = Html::parse_document(&file(&site, "x/index.html"));
    assert_eq!(meta(&page, "og:title"), ["T\"><script>alert(2)</script>"]);
    assert_eq!(
        meta(&page, "article:published_time"),
        ["2021-01-02T03:04:05+01:00"]
    );
    let rss = file(&site, "feed.xml");
    assert!(
        rss.contains("<pubDate>Sat, 02 Jan 2021 03:04:05 +0100</pubDate>"),
        "{rss}"
    );
    let o: serde_json::Value = serde_json::from_str(&file(&site, "x/oembed.json")).unwrap();
    assert_eq!(o["author_name"], "A & B <i>");
    assert_eq!(o["provider_url"], "https://p.example/?a=1&b=2");
    let feed: serde_json::Value = serde_json::from_str(&file(&site, "feed.json")).unwrap();
    for html in [
        o["html"].as_str().unwrap(),
        feed["items"][0]["content_html"].as_str().unwrap(),
    ] {
        assert!(
            !html.contains("<script") && !html.contains("href=\"javascript"),
            "{html}"
        );
    }
}

#[test]
fn the_json_feed_reads_back_through_our_own_json_feed_reader() {
    let (doc, _) = seed();
    let site = build(&doc, Some(BASE));
    let back = model::load(&file(&site, "feed.json")).unwrap().document;
    assert_eq!(back.essays.len(), 1);
    assert_eq!(back.essays[0].title, "View From Beijing");
    assert_eq!(back.essays[0].authors[0].name, "Tong Zhao");
    let body = back.essays[0].body.as_deref().unwrap();
    assert!(body.contains("would help start a much-needed domestic discussion."));
}

#[test]
fn without_a_base_url_pages_link_relatively_and_what_needs_absolute_urls_is_left_out() {
    let (doc, _) = seed();
    let site = build(&doc, None);
    for left_out in [
        "feed.xml",
        "atom.xml",
        "feed.json",
        "sitemap.xml",
        "view-from-beijing/oembed.json",
    ] {
        assert!(!site.files.contains_key(left_out), "{left_out}");
    }
    assert!(
        site.warnings.iter().any(|w| w.contains("--base-url")),
        "{:?}",
        site.warnings
    );
    let index = Html::parse_document(&file(&site, "index.html"));
    assert_eq!(
        select(&index, ".ee-card .ee-title a")[0]
            .value()
            .attr("href"),
        Some("view-from-beijing/")
    );
    let page = Html::parse_document(&file(&site, "view-from-beijing/index.html"));
    assert_eq!(
        select(&page, ".ee-site-nav a")[0].value().attr("href"),
        Some("../")
    );
    assert!(select(&page, "link[type=\"application/json+oembed\"]").is_empty());
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_essay-embed"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_cli_writes_the_site_atomically_and_refuses_bad_input_with_checks_errors() {
    let dir = std::env::temp_dir().join(format!("essay-embed-site-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pkg/snippets/x")).unwrap();
    std::fs::write(dir.join("pkg/essay-embed.js"), "export {};\n").unwrap();
    std::fs::write(dir.join("pkg/snippets/x/inline0.js"), "export {};\n").unwrap();
    let out = dir.join("site");
    let out_s = out.to_str().unwrap();
    let pkg = dir.join("pkg");
    let pkg_s = pkg.to_str().unwrap();

    let (code, stdout, err) = cli(&[
        "build",
        SEED,
        "--out",
        out_s,
        "--base-url",
        BASE,
        "--pkg",
        pkg_s,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("files"), "{stdout}");
    assert!(out.join("view-from-beijing/index.html").is_file());
    assert_eq!(
        std::fs::read_to_string(out.join("pkg/snippets/x/inline0.js")).unwrap(),
        "export {};\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("content.json")).unwrap(),
        std::fs::read_to_string(SEED).unwrap()
    );
    let first = std::fs::read(out.join("feed.xml")).unwrap();

    // Bad content: check's message, exit 2, and the site already there is left as it was.
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version":1,"essays":[{"id":"a","authors":[{}]}]}"#,
    )
    .unwrap();
    let bad_s = bad.to_str().unwrap();
    let (code, _, build_err) = cli(&[
        "build",
        bad_s,
        "--out",
        out_s,
        "--base-url",
        BASE,
        "--pkg",
        pkg_s,
    ]);
    let (check_code, _, check_err) = cli(&["check", bad_s]);
    assert_eq!((code, check_code), (2, 2));
    assert_eq!(build_err, check_err);
    assert!(
        build_err.contains("essays[0].") && build_err.contains("missing"),
        "{build_err}"
    );
    assert_eq!(std::fs::read(out.join("feed.xml")).unwrap(), first);

    // No pkg/: a clear error, nothing written.
    let elsewhere = dir.join("other");
    let (code, _, err) = cli(&[
        "build",
        SEED,
        "--out",
        elsewhere.to_str().unwrap(),
        "--pkg",
        dir.join("nope").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("make build"), "{err}");
    assert!(!elsewhere.exists());
    let (code, _, err) = cli(&[
        "build",
        SEED,
        "--out",
        elsewhere.to_str().unwrap(),
        "--base-url",
        "ftp://x",
        "--pkg",
        pkg_s,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--base-url"), "{err}");
    assert!(!elsewhere.exists());
    // Nothing left over beside the site.
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["bad.json", "pkg", "site"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
