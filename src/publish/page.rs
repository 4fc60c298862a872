//! The essay pages and the series index.
//!
//! The essay is in the page's own DOM (light DOM), not in a shadow root: reader modes
//! (Firefox's reader view runs Mozilla Readability, which reads the light DOM only), search
//! engines and the browser's own Text Fragment links (`#:~:text=`, which search the
//! document's text) all see it, and the page needs no script to show it. The widget's
//! stylesheet styles it through the `.ee-host` wrapper (see `super::assets`); on the publisher's
//! own page there is no foreign CSS to isolate it from. Once scripts run, the widget adds
//! its share feature to it: `<essay-embed light-dom>` hydrates the essay it holds (reading
//! the site's `content.json`) and never rewrites it.

use super::{linked_here, same_tab_for_own_pages, Urls};
use crate::content::model::{Document, Essay};
use crate::render::html::escape;
use crate::render::view::{render, Mode, RenderOptions};

/// The page of one essay, at `<id>/index.html`.
pub(crate) fn essay(doc: &Document, essay: &Essay, urls: &Urls) -> String {
    let shown = linked_here(doc, urls, 1);
    let options = RenderOptions {
        mode: Mode::Article,
        essay: Some(&essay.id),
        ..RenderOptions::default()
    };
    let body = render(&shown, &options)
        .map(|r| same_tab_for_own_pages(&r.html, doc, urls))
        .unwrap_or_default();
    let page_path = [essay.id.as_str(), "/"].concat();
    let mut head = Head::new(essay.lang.as_deref(), essay.dir.as_deref());
    head.title(&page_title(doc, essay));
    let description = description(essay);
    head.meta_name("description", &description);
    let canonical = essay
        .canonical_url
        .clone()
        .filter(|u| is_absolute(u))
        .or_else(|| urls.absolute(&page_path));
    if let Some(url) = &canonical {
        head.link("canonical", url, None, None);
    }
    for author in &essay.authors {
        head.meta_name("author", &author.name);
    }
    open_graph(&mut head, doc, essay, &description, canonical.as_deref());
    if let Some(oembed) = urls.absolute(&[essay.id.as_str(), "/oembed.json"].concat()) {
        head.link(
            "alternate",
            &oembed,
            Some("application/json+oembed"),
            Some(&essay.title),
        );
    }
    feed_links(&mut head, doc, urls, 1);
    head.stylesheet(&Urls::relative(1, "assets/essay-embed.css"));
    head.module_script(&Urls::relative(1, "pkg/essay-embed.js"));
    // JSON-LD describes the essay at its canonical URL (this page when it has none).
    let mut described = essay.clone();
    described.canonical_url = canonical;
    head.raw(&crate::render::jsonld::script(doc, &described));

    let mut page = head.finish("ee-site");
    if doc.series.is_some() || doc.essays.len() > 1 {
        let label = doc
            .series
            .as_ref()
            .map(|s| s.title.as_str())
            .unwrap_or("All essays");
        page.push_str("<nav class=\"ee-site-nav\"><a href=\"");
        page.push_str(&escape(&urls.link(1, "")));
        page.push_str("\">");
        page.push_str(&escape(label));
        page.push_str("</a></nav>\n");
    }
    page.push_str("<main class=\"ee-host\"><essay-embed light-dom src=\"");
    page.push_str(&escape(&Urls::relative(1, super::CONTENT_FILE)));
    page.push_str("\" essay=\"");
    page.push_str(&escape(&essay.id));
    page.push_str("\">");
    page.push_str(&body);
    page.push_str("</essay-embed></main>\n</body>\n</html>\n");
    page
}

/// The series index, at `index.html`: the series view, every essay linked.
pub(crate) fn index(doc: &Document, urls: &Urls) -> String {
    let shown = linked_here(doc, urls, 0);
    let options = RenderOptions {
        mode: Mode::Series,
        heading_level: Some(1),
        ..RenderOptions::default()
    };
    let body = render(&shown, &options)
        .map(|r| same_tab_for_own_pages(&r.html, doc, urls))
        .unwrap_or_default();
    let first = doc.essays.first();
    let mut head = Head::new(
        first.and_then(|e| e.lang.as_deref()),
        first.and_then(|e| e.dir.as_deref()),
    );
    let title = match (&doc.series, &doc.publication) {
        (Some(s), Some(p)) => [s.title.as_str(), " | ", &p.name].concat(),
        (Some(s), None) => s.title.clone(),
        (None, Some(p)) => p.name.clone(),
        (None, None) => "Essays".to_owned(),
    };
    head.title(&title);
    if let Some(dek) = doc.series.as_ref().and_then(|s| s.dek.as_deref()) {
        head.meta_name("description", dek);
        head.meta_property("og:description", dek);
    }
    if let Some(url) = urls.absolute("") {
        head.link("canonical", &url, None, None);
        head.meta_property("og:url", &url);
    }
    head.meta_property("og:type", "website");
    head.meta_property("og:title", &title);
    if let Some(p) = &doc.publication {
        head.meta_property("og:site_name", &p.name);
    }
    feed_links(&mut head, doc, urls, 0);
    head.stylesheet(&Urls::relative(0, "assets/essay-embed.css"));
    let mut page = head.finish("ee-site");
    page.push_str("<main class=\"ee-host\">");
    page.push_str(&body);
    page.push_str("</main>\n</body>\n</html>\n");
    page
}

/// "Title | Series | Publication" (the parts there are).
fn page_title(doc: &Document, essay: &Essay) -> String {
    let mut parts = vec![essay.title.as_str()];
    if let Some(p) = &doc.publication {
        parts.push(&p.name);
    }
    parts.join(" | ")
}

/// The dek, else the opening lines of the body.
pub(crate) fn description(essay: &Essay) -> String {
    if let Some(dek) = &essay.dek {
        return dek.clone();
    }
    let body = crate::render::view::body(essay, 1);
    let text = body
        .blocks
        .iter()
        .find(|b| !b.text.trim().is_empty())
        .map(|b| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
        .unwrap_or_default();
    crate::render::view::truncate_words(&text, 200)
}

pub(crate) fn is_absolute(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && crate::content::url::is_allowed(url)
}

/// Open Graph and Twitter card tags: absolute URLs only (a relative one means nothing to a
/// crawler on another site).
fn open_graph(
    head: &mut Head,
    doc: &Document,
    essay: &Essay,
    description: &str,
    url: Option<&str>,
) {
    head.meta_property("og:type", "article");
    head.meta_property("og:title", &essay.title);
    head.meta_property("og:description", description);
    if let Some(url) = url {
        head.meta_property("og:url", url);
    }
    if let Some(p) = &doc.publication {
        head.meta_property("og:site_name", &p.name);
    }
    if let Some(lang) = &essay.lang {
        head.meta_property("og:locale", &lang.replace('-', "_"));
    }
    let image = essay.image.as_ref().filter(|i| is_absolute(&i.src));
    if let Some(image) = image {
        head.meta_property("og:image", &image.src);
        if let Some((width, height)) = image.size() {
            head.meta_property("og:image:width", &width.to_string());
            head.meta_property("og:image:height", &height.to_string());
        }
        if let Some(alt) = image.alt.as_deref().filter(|a| !a.is_empty()) {
            head.meta_property("og:image:alt", alt);
        }
    }
    for author in &essay.authors {
        // `article:author` is a profile URL or, as most sites write it, a name.
        let who = author
            .url
            .as_deref()
            .filter(|u| is_absolute(u))
            .unwrap_or(&author.name);
        head.meta_property("article:author", who);
    }
    if let Some(t) = essay
        .published
        .as_deref()
        .and_then(super::dates::Timestamp::parse)
    {
        head.meta_property("article:published_time", &t.rfc3339());
    }
    if let Some(t) = essay
        .updated
        .as_deref()
        .and_then(super::dates::Timestamp::parse)
    {
        head.meta_property("article:modified_time", &t.rfc3339());
    }
    if let Some(series) = &doc.series {
        head.meta_property("article:section", &series.title);
    }
    for tag in &essay.tags {
        head.meta_property("article:tag", tag);
    }
    let card = if image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    head.meta_name("twitter:card", card);
    head.meta_name("twitter:title", &essay.title);
    head.meta_name("twitter:description", description);
    if let Some(image) = image {
        head.meta_name("twitter:image", &image.src);
        if let Some(alt) = image.alt.as_deref().filter(|a| !a.is_empty()) {
            head.meta_name("twitter:image:alt", alt);
        }
    }
}

/// Discovery links for the feeds (written only with a base URL).
fn feed_links(head: &mut Head, doc: &Document, urls: &Urls, depth: usize) {
    if urls.absolute("").is_none() {
        return;
    }
    let name = doc
        .series
        .as_ref()
        .map(|s| s.title.as_str())
        .or(doc.publication.as_ref().map(|p| p.name.as_str()))
        .unwrap_or("Essays");
    for (file, kind) in [
        ("feed.xml", "application/rss+xml"),
        ("atom.xml", "application/atom+xml"),
        ("feed.json", "application/feed+json"),
    ] {
        head.link("alternate", &urls.link(depth, file), Some(kind), Some(name));
    }
}

/// The `<head>` of a page, then `<body>`. Every value is escaped.
pub(crate) struct Head {
    buf: String,
}

impl Head {
    pub(crate) fn new(lang: Option<&str>, dir: Option<&str>) -> Head {
        let mut buf = String::from("<!doctype html>\n<html");
        buf.push_str(" lang=\"");
        buf.push_str(&escape(lang.unwrap_or("en")));
        buf.push('"');
        if let Some(dir) = dir {
            buf.push_str(" dir=\"");
            buf.push_str(&escape(dir));
            buf.push('"');
        }
        buf.push_str(">\n<head>\n<meta charset=\"utf-8\">\n");
        buf.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        Head { buf }
    }

    pub(crate) fn title(&mut self, title: &str) {
        self.buf.push_str("<title>");
        self.buf.push_str(&escape(title));
        self.buf.push_str("</title>\n");
    }

    pub(crate) fn meta_name(&mut self, name: &str, content: &str) {
        self.tag("meta", &[("name", name), ("content", content)]);
    }

    pub(crate) fn meta_property(&mut self, property: &str, content: &str) {
        self.tag("meta", &[("property", property), ("content", content)]);
    }

    pub(crate) fn link(&mut self, rel: &str, href: &str, kind: Option<&str>, title: Option<&str>) {
        let mut attrs = vec![("rel", rel)];
        if let Some(kind) = kind {
            attrs.push(("type", kind));
        }
        attrs.push(("href", href));
        if let Some(title) = title {
            attrs.push(("title", title));
        }
        self.tag("link", &attrs);
    }

    pub(crate) fn stylesheet(&mut self, href: &str) {
        self.tag("link", &[("rel", "stylesheet"), ("href", href)]);
    }

    pub(crate) fn script(&mut self, src: &str) {
        self.buf.push_str("<script src=\"");
        self.buf.push_str(&escape(src));
        self.buf.push_str("\" defer></script>\n");
    }

    /// The widget's entry, an ES module (deferred like every module script).
    pub(crate) fn module_script(&mut self, src: &str) {
        self.buf.push_str("<script type=\"module\" src=\"");
        self.buf.push_str(&escape(src));
        self.buf.push_str("\"></script>\n");
    }

    /// Markup made by our own code (the JSON-LD script).
    pub(crate) fn raw(&mut self, html: &str) {
        self.buf.push_str(html);
        self.buf.push('\n');
    }

    pub(crate) fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        super::start_tag(&mut self.buf, name, attrs, escape);
        self.buf.push_str(">\n");
    }

    /// Closes the head and opens `<body class="body_class">`.
    pub(crate) fn finish(mut self, body_class: &str) -> String {
        self.buf.push_str("</head>\n<body class=\"");
        self.buf.push_str(&escape(body_class));
        self.buf.push_str("\">\n");
        self.buf
    }
}
