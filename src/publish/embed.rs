//! The iframe card (`<id>/embed/index.html`) and the partner page (`embed.html`).

use super::page::Head;
use super::{has_page, linked_here, oembed, Urls, CONTENT_FILE};
use crate::content::model::{Document, Essay};
use crate::render::element::{element, Content, ElementOptions};
use crate::render::html::escape;
use crate::render::view::{render, Mode, RenderOptions};

/// The strict policy the iframe card declares for itself (hosts may send the same as a
/// header, see `_headers`): its own script and stylesheet files, images from anywhere, nothing
/// inline, no plugins, no forms.
pub(crate) const FRAME_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src https: http: data:; base-uri 'none'; form-action 'none'";

/// The card alone on a transparent page, for an iframe. `?mode=article` shows the whole
/// essay instead (kept in a `<template>`, so the card page does not lay it out). Links open
/// in the top window; `assets/frame.js` reports the height to the parent.
pub(crate) fn frame(doc: &Document, essay: &Essay, urls: &Urls) -> String {
    let shown = linked_here(doc, urls, 2);
    let card = render(
        &shown,
        &RenderOptions {
            mode: Mode::Card,
            essay: Some(&essay.id),
            heading_level: Some(1),
            ..RenderOptions::default()
        },
    )
    .map(|r| top_window_links(&r.html))
    .unwrap_or_default();
    let article = render(
        &shown,
        &RenderOptions {
            mode: Mode::Article,
            essay: Some(&essay.id),
            ..RenderOptions::default()
        },
    )
    .map(|r| top_window_links(&r.html))
    .unwrap_or_default();

    let mut head = Head::new(essay.lang.as_deref(), essay.dir.as_deref());
    head.tag(
        "meta",
        &[
            ("http-equiv", "Content-Security-Policy"),
            ("content", FRAME_CSP),
        ],
    );
    head.title(&essay.title);
    head.meta_name("robots", "noindex");
    head.link(
        "canonical",
        &urls.link(2, &[essay.id.as_str(), "/"].concat()),
        None,
        None,
    );
    // Relative links too (none are written today) open in the top window.
    head.tag("base", &[("target", "_top")]);
    head.stylesheet(&Urls::relative(2, "assets/essay-embed.css"));
    head.script(&Urls::relative(2, "assets/frame.js"));
    let mut page = head.finish("ee-frame");
    page.push_str("<div class=\"ee-host\" id=\"ee-view\">");
    page.push_str(&card);
    page.push_str("</div>\n<template id=\"ee-article\">");
    page.push_str(&article);
    page.push_str("</template>\n</body>\n</html>\n");
    page
}

/// The renderer's external links open a new tab; in the frame every link replaces the top
/// window instead. Only our own attribute can match: content text and attribute values are
/// escaped, so they hold no `"`.
fn top_window_links(html: &str) -> String {
    html.replace(" target=\"_blank\"", " target=\"_top\"")
}

/// The page that shows a partner the three ways to embed each essay, with copy buttons.
pub(crate) fn partner_page(doc: &Document, urls: &Urls) -> String {
    let first = doc.essays.first();
    let mut head = Head::new(first.and_then(|e| e.lang.as_deref()), None);
    let name = doc
        .publication
        .as_ref()
        .map(|p| p.name.as_str())
        .unwrap_or("these essays");
    head.title(&["Embed essays from ", name].concat());
    head.meta_name("robots", "noindex");
    head.stylesheet(&Urls::relative(0, "assets/essay-embed.css"));
    head.script(&Urls::relative(0, "assets/embed-page.js"));
    let mut page = head.finish("ee-partner");
    page.push_str("<main>\n<h1>");
    page.push_str(&escape(&["Embed essays from ", name].concat()));
    page.push_str("</h1>\n<p>Three ways to show an essay on your site. Pick the first your platform allows.</p>\n");
    if urls.absolute("").is_none() {
        page.push_str("<p><strong>These snippets use relative URLs: build with <code>--base-url</code> for snippets that work on other sites.</strong></p>\n");
    }
    let mut n = 0;
    for essay in doc.essays.iter().filter(|e| has_page(e)) {
        page.push_str("<section>\n<h2>");
        page.push_str(&escape(&essay.title));
        page.push_str("</h2>\n");

        let script = script_tag(urls, essay);
        let prerendered = prerendered_element(doc, urls, essay);
        let iframe = oembed::iframe_html(doc, essay, urls);
        let page_url = urls.link(0, &[essay.id.as_str(), "/"].concat());
        for (title, note, snippet) in [
            (
                "1. Script tag",
                "Any page that allows a script: the widget renders the card, the article (mode=\"article\") or the series (mode=\"series\"), and lets readers share a passage.",
                script,
            ),
            (
                "2. Pre-rendered element",
                "The same element with the card already inside it (a declarative shadow root): readable before and without JavaScript; the script hydrates it.",
                prerendered,
            ),
            (
                "3. Iframe (WordPress, Ghost, editors without scripts)",
                "On WordPress and Ghost, paste the essay's address on a line of its own; they find this iframe through oEmbed. Elsewhere paste the iframe; it reports its height with a message {type: 'essay-embed:height', height} to the page.",
                iframe,
            ),
        ] {
            n += 1;
            let id = ["snippet-", &n.to_string()].concat();
            page.push_str("<h3>");
            page.push_str(&escape(title));
            page.push_str("</h3>\n<p>");
            page.push_str(&escape(note));
            page.push_str("</p>\n<pre><code id=\"");
            page.push_str(&id);
            page.push_str("\">");
            page.push_str(&escape(&snippet));
            page.push_str("</code></pre>\n<p><button type=\"button\" data-copy=\"");
            page.push_str(&id);
            page.push_str("\" hidden>Copy</button></p>\n");
        }
        page.push_str("<p>Essay address: <a href=\"");
        page.push_str(&escape(&page_url));
        page.push_str("\">");
        page.push_str(&escape(&page_url));
        page.push_str("</a></p>\n<h3>Preview (iframe)</h3>\n");
        page.push_str(&oembed::iframe_html(doc, essay, urls));
        page.push_str("\n</section>\n");
    }
    page.push_str("</main>\n</body>\n</html>\n");
    page
}

fn script_tag(urls: &Urls, essay: &Essay) -> String {
    [
        "<script type=\"module\" src=\"",
        &escape(&urls.link(0, "pkg/essay-embed.js")),
        "\"></script>\n<essay-embed src=\"",
        &escape(&urls.link(0, CONTENT_FILE)),
        "\" essay=\"",
        &escape(&essay.id),
        "\" mode=\"card\"></essay-embed>",
    ]
    .concat()
}

/// The pre-rendered element (a declarative shadow root holding the card, readable before
/// and without JavaScript), with the entry script's tag; it hydrates from `content.json`.
fn prerendered_element(doc: &Document, urls: &Urls, essay: &Essay) -> String {
    let src = urls.link(0, CONTENT_FILE);
    let pkg = urls.link(0, "pkg/");
    let mut options = ElementOptions::new(Content::Src(&src));
    options.render = RenderOptions {
        mode: Mode::Card,
        essay: Some(&essay.id),
        ..RenderOptions::default()
    };
    options.pkg_url = &pkg;
    options.script = true;
    element(doc, &options)
        .map(|e| e.html.trim_end().to_owned())
        .unwrap_or_default()
}
