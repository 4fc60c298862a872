//! The whole pre-rendered `<essay-embed>` element, for a server or a static site generator
//! to paste into a page: the element's attributes, a declarative shadow root
//! (`<template shadowrootmode="open">`) holding exactly what the widget renders, the
//! stylesheet as a `<link>` to the `essay-embed.css` that `make build` writes into `pkg/`,
//! and the content the element needs to hydrate (an inline JSON child, or `src`).
//!
//! With JavaScript off the reader sees the full, styled essay. With the entry script, the
//! element keeps the DOM the HTML parser built and only attaches behaviour; the
//! [`RENDER_HASH`] attribute (a hash of the rendered fragment, see [`render_hash`]) lets it
//! notice that the content or the renderer changed since the HTML was made, and render again.
//!
//! ```
//! use essay_embed::{element, load, ElementContent as Content, ElementOptions};
//! let json = r#"{"title":"Hello","authors":[{"name":"Ada"}],"body":"First *words*."}"#;
//! let loaded = load(json).unwrap();
//! let out = element(&loaded.document, &ElementOptions::new(Content::Inline(json))).unwrap();
//! assert!(out.html.starts_with("<essay-embed render-hash=\"ee1-"));
//! assert!(out.html.contains("<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/pkg/essay-embed.css\">"));
//! ```

use crate::content::model::Document;
use crate::content::url::check;
use crate::render::html::escape_into;
use crate::render::view::{render, Mode, RenderError, RenderOptions, Rendered};

/// The attribute holding [`render_hash`] of the fragment in the declarative shadow root.
pub const RENDER_HASH: &str = "render-hash";

/// The stylesheet's file name in `pkg/` (the same CSS the widget adopts).
pub const STYLESHEET_FILE: &str = "essay-embed.css";

/// The entry script's file name in `pkg/`.
pub const SCRIPT_FILE: &str = "essay-embed.js";

/// The widget's stylesheet, minified (by `build.rs`): what every shadow root adopts and what
/// `make build` writes to `pkg/essay-embed.css`.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/style.min.css"));

/// Where the element's content comes from when it hydrates.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    /// The content document's JSON text, as a `<script type="application/json">` child.
    Inline(&'a str),
    /// A URL the element fetches (`src`) when the reader needs sharing.
    Src(&'a str),
}

/// What to pre-render and how the element finds its files.
#[derive(Debug, Clone)]
pub struct ElementOptions<'a> {
    /// Mode, essay, language and heading level, as the element's attributes say them.
    pub render: RenderOptions<'a>,
    /// The `share` attribute (a comma list of targets, or `none`); all targets when `None`.
    pub share: Option<&'a str>,
    pub content: Content<'a>,
    /// Where `pkg/` is served, ending in `/` (default `/pkg/`). It must pass the URL
    /// allow-list ([`check_url`](crate::check_url)), since the script's and the stylesheet's
    /// URLs are built from it.
    pub pkg_url: &'a str,
    /// Put the entry script's `<script type="module">` before the element.
    pub script: bool,
    /// The stylesheet inline (`<style>`) instead of linked: no request before the essay
    /// shows, at the price of its bytes in every page and a CSP that allows it
    /// (`style-src` with the hash of `pkg/essay-embed.css`, or `'unsafe-inline'`).
    pub inline_style: bool,
}

impl<'a> ElementOptions<'a> {
    /// An article of the first essay, all share targets, `pkg/` at `/pkg/`, no script tag.
    pub fn new(content: Content<'a>) -> Self {
        ElementOptions {
            render: RenderOptions::default(),
            share: None,
            content,
            pkg_url: "/pkg/",
            script: false,
            inline_style: false,
        }
    }
}

/// A pre-rendered element and what the renderer said about it.
#[derive(Debug, Clone)]
pub struct Element {
    /// The `<essay-embed>` element (after the entry script's tag, with `script`).
    pub html: String,
    /// The fragment in its shadow root, as [`render`] made it, and its warnings.
    pub rendered: Rendered,
}

/// Pre-renders `doc` as the element `options` describe; a `pkg_url` or a `Content::Src`
/// outside the URL allow-list is [`RenderError::UrlNotAllowed`].
pub fn element(doc: &Document, options: &ElementOptions<'_>) -> Result<Element, RenderError> {
    let src = match options.content {
        Content::Src(url) => Some(url),
        Content::Inline(_) => None,
    };
    for (option, url) in [("pkg_url", Some(options.pkg_url)), ("src", src)] {
        if let Some(url) = url {
            check(url).map_err(|error| RenderError::UrlNotAllowed {
                option,
                url: url.to_owned(),
                error,
            })?;
        }
    }
    let (targets, _) = crate::share::link::parse_targets(options.share);
    // What the widget renders for these attributes: with the pull quotes' share buttons
    // unless sharing is off (they are what brings the renderer in when pressed).
    let render_options = RenderOptions {
        interactive: !targets.is_empty(),
        ..options.render.clone()
    };
    let rendered = render(doc, &render_options)?;
    let base = options.pkg_url;
    let mut out = String::with_capacity(rendered.html.len() * 2 + 256);
    if options.script {
        out.push_str("<script type=\"module\" src=\"");
        push_url(&mut out, base, SCRIPT_FILE);
        out.push_str("\"></script>\n");
    }
    out.push_str("<essay-embed ");
    out.push_str(RENDER_HASH);
    out.push_str("=\"");
    out.push_str(&render_hash(&rendered.html));
    out.push('"');
    let r = &options.render;
    // An article is the default: no attribute.
    let mode = (r.mode != Mode::Article).then(|| r.mode.name());
    let level = r.heading_level.map(|l| l.to_string());
    for (name, value) in [
        ("src", src),
        ("essay", r.essay),
        ("mode", mode),
        ("lang", r.lang),
        ("heading-level", level.as_deref()),
        ("share", options.share),
    ] {
        if let Some(value) = value {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_into(&mut out, value);
            out.push('"');
        }
    }
    out.push_str("><template shadowrootmode=\"open\">");
    if options.inline_style {
        // Our own constant: it holds no `</style` (a test says so).
        out.push_str("<style>");
        out.push_str(STYLESHEET);
        out.push_str("</style>");
    } else {
        out.push_str("<link rel=\"stylesheet\" href=\"");
        push_url(&mut out, base, STYLESHEET_FILE);
        out.push_str("\">");
    }
    out.push_str(&rendered.html);
    out.push_str("</template>");
    if let Content::Inline(json) = options.content {
        out.push_str("<script type=\"application/json\">");
        push_json(&mut out, json.trim());
        out.push_str("</script>");
    }
    out.push_str("</essay-embed>");
    Ok(Element {
        html: out,
        rendered,
    })
}

/// `base` + `file`, escaped for a quoted attribute.
fn push_url(out: &mut String, base: &str, file: &str) {
    escape_into(out, base);
    if !base.is_empty() && !base.ends_with('/') {
        out.push('/');
    }
    out.push_str(file);
}

/// JSON text made safe inside `<script>`: every `<` written as `\u003c`. In valid JSON a `<`
/// can only be inside a string, where the escape means the same character, so neither
/// `</script>` nor `<!--` can end or change the element.
fn push_json(out: &mut String, json: &str) {
    let mut parts = json.split('<');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        out.push_str("\\u003c");
        out.push_str(part);
    }
}

/// A short hash of a rendered fragment (64-bit FNV-1a, `ee1-` and 16 hex digits): the
/// element compares it with the fragment it renders when it hydrates, so a pre-render made
/// from other content, or by another version of the renderer, is noticed. Not a security
/// measure: it detects staleness, not tampering.
pub fn render_hash(html: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in html.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut out = String::with_capacity(20);
    out.push_str("ee1-");
    for shift in (0..16).rev() {
        let nibble = (hash >> (shift * 4)) as u8 & 0xf;
        out.push(char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            b'a' + nibble - 10
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model;

    const DOC: &str = r#"{"version":1,"essays":[
        {"id":"one","title":"First <b>","authors":[{"name":"Ada"}],"body":"Text with </script><!-- a comment.","pull_quotes":[{"text":"Text with"}]},
        {"id":"two","title":"Second","authors":[{"name":"Bo"}],"body":"More."}]}"#;

    fn make(options: &ElementOptions<'_>) -> Element {
        let loaded = model::load(DOC).unwrap();
        element(&loaded.document, options).unwrap()
    }

    #[test]
    fn the_shadow_root_holds_what_the_widget_renders() {
        let out = make(&ElementOptions::new(Content::Inline(DOC)));
        let loaded = model::load(DOC).unwrap();
        let widget = render(
            &loaded.document,
            &RenderOptions {
                interactive: true,
                ..RenderOptions::default()
            },
        )
        .unwrap();
        let start = out.html.find("href=\"/pkg/essay-embed.css\">").unwrap() + 28;
        let end = out.html.find("</template>").unwrap();
        assert_eq!(&out.html[start..end], widget.html);
        assert!(out
            .html
            .contains(&format!("render-hash=\"{}\"", render_hash(&widget.html))));
        assert!(
            widget.html.contains("data-share-quote"),
            "share buttons kept"
        );
    }

    #[test]
    fn inline_json_cannot_close_the_script() {
        let out = make(&ElementOptions::new(Content::Inline(DOC)));
        let json_start = out.html.find("<script type=\"application/json\">").unwrap() + 32;
        let json_end = out.html.rfind("</script></essay-embed>").unwrap();
        let inline = &out.html[json_start..json_end];
        assert!(!inline.contains('<'), "{inline}");
        // The same document once a JSON parser reads it.
        let parsed = serde_json::from_str::<serde_json::Value>(inline).unwrap();
        let original = serde_json::from_str::<serde_json::Value>(DOC).unwrap();
        assert_eq!(parsed, original);
    }

    #[test]
    fn attributes_say_what_was_rendered() {
        let mut options = ElementOptions::new(Content::Src("/c.json?a=1&b=2"));
        options.render.mode = Mode::Card;
        options.render.essay = Some("two");
        options.render.lang = Some("fr");
        options.render.heading_level = Some(3);
        options.share = Some("none");
        options.pkg_url = "https://cdn.example/ee@1";
        options.script = true;
        let out = make(&options);
        assert!(out.html.starts_with(
            "<script type=\"module\" src=\"https://cdn.example/ee@1/essay-embed.js\"></script>\n<essay-embed render-hash=\"ee1-"
        ));
        assert!(out.html.contains(
            " src=\"/c.json?a=1&amp;b=2\" essay=\"two\" mode=\"card\" lang=\"fr\" heading-level=\"3\" share=\"none\">"
        ));
        assert!(out
            .html
            .contains("href=\"https://cdn.example/ee@1/essay-embed.css\""));
        assert!(
            !out.html.contains("application/json"),
            "src: no inline copy"
        );
        assert!(
            !out.html.contains("data-share-quote"),
            "share=none: no share buttons"
        );
        assert!(out.html.ends_with("</template></essay-embed>"));
    }

    #[test]
    fn the_stylesheet_can_be_inline() {
        let mut options = ElementOptions::new(Content::Inline(DOC));
        options.inline_style = true;
        let out = make(&options);
        let style =
            format!("<template shadowrootmode=\"open\"><style>{STYLESHEET}</style><article");
        assert!(out.html.contains(&style));
        assert!(!out.html.contains("<link"));
        assert!(!STYLESHEET.to_ascii_lowercase().contains("</style"));
        assert!(
            STYLESHEET.contains(":host{display:block"),
            "the minified stylesheet"
        );
    }

    #[test]
    fn the_hash_changes_with_the_fragment() {
        let a = render_hash("<p>a</p>");
        assert_eq!(a.len(), 20);
        assert_ne!(a, render_hash("<p>b</p>"));
        assert_eq!(a, render_hash("<p>a</p>"));
        // FNV-1a 64 of the empty input is its offset basis.
        assert_eq!(render_hash(""), "ee1-cbf29ce484222325");
    }

    #[test]
    fn a_pkg_url_outside_the_allow_list_is_refused() {
        let loaded = model::load(DOC).unwrap();
        let mut options = ElementOptions::new(Content::Inline(DOC));
        options.script = true;
        for bad in [
            "javascript:alert(1)//",
            " JaVa\tScRiPt:alert(1)//",
            "data:text/javascript,",
            "/pkg/\"><script>",
        ] {
            options.pkg_url = bad;
            let err = element(&loaded.document, &options).unwrap_err();
            assert!(
                matches!(&err, RenderError::UrlNotAllowed { option: "pkg_url", url, .. } if url == bad),
                "{bad:?}: {err:?}"
            );
            assert_eq!(err.code(), "url-not-allowed");
            assert!(
                err.to_string().starts_with(&format!("pkg_url \"{bad}\": ")),
                "{err}"
            );
        }
        options.pkg_url = "javascript:alert(1)//";
        assert_eq!(
            element(&loaded.document, &options).unwrap_err().to_string(),
            "pkg_url \"javascript:alert(1)//\": URL scheme \"javascript:\" is not allowed \
             (use http, https, mailto, a relative URL or #fragment)"
        );
        for good in ["/pkg/", "https://cdn.example/ee@1", "../pkg/", ""] {
            options.pkg_url = good;
            assert!(element(&loaded.document, &options).is_ok(), "{good:?}");
        }
    }

    #[test]
    fn a_src_outside_the_allow_list_is_refused() {
        let loaded = model::load(DOC).unwrap();
        for bad in ["javascript:alert(1)//", "data:application/json,{}"] {
            let options = ElementOptions::new(Content::Src(bad));
            let err = element(&loaded.document, &options).unwrap_err();
            assert!(
                matches!(&err, RenderError::UrlNotAllowed { option: "src", url, .. } if url == bad),
                "{bad:?}: {err:?}"
            );
        }
        let options = ElementOptions::new(Content::Src("/content/essay.json"));
        assert!(element(&loaded.document, &options).is_ok());
    }

    #[test]
    fn an_unknown_essay_is_an_error() {
        let loaded = model::load(DOC).unwrap();
        let mut options = ElementOptions::new(Content::Inline(DOC));
        options.render.essay = Some("nope");
        assert!(element(&loaded.document, &options).is_err());
    }
}
