//! Writing HTML text safely: every text and attribute value goes through an escaper, and
//! every URL through the allow-list, so no caller can forget either.

use crate::render::url;

/// Appends `text` with `&`, `<`, `>`, `"` and `'` escaped: safe in text and in quoted
/// attribute values. CR and NUL are written as the parser would read them ([`as_parsed`]).
pub fn escape_into(out: &mut String, text: &str) {
    // Room for the text at once (most of it is copied as is), and one bit test per byte:
    // escaping is a fifth of the renderer's time on a long essay.
    out.reserve(text.len());
    let mut last = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b >= 64 || SPECIAL >> b & 1 == 0 {
            continue;
        }
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            // What the HTML parser would make of them (see `as_parsed`), written out so
            // that the text we keep for the DOM is the text the DOM gets.
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => "",
            b'\r' => "\n",
            _ => "\u{fffd}",
        };
        out.push_str(&text[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// The bytes [`escape_into`] replaces (`"`, `&`, `'`, `<`, `>`, CR and NUL: all below 64),
/// as bits.
const SPECIAL: u64 =
    1 << b'"' | 1 << b'&' | 1 << b'\'' | 1 << b'<' | 1 << b'>' | 1 << b'\r' | 1 << 0;

/// `text` as the HTML parser turns it into DOM text: CR LF and a lone CR become LF (the
/// input stream's newline normalisation), NUL becomes U+FFFD (the parser drops it from
/// text; CommonMark, and so pulldown-cmark elsewhere, replaces it). [`escape_into`] writes
/// text this way, so `textContent` of what it wrote is exactly `as_parsed(text)`.
pub fn as_parsed(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.bytes().any(|b| b == b'\r' || b == 0) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\r' => out.push('\n'),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `text`, escaped (see [`escape_into`]).
// Its only user is the publisher's pages (native).
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// The heading element for `level` and its end tag: `h1` to `h6`, a level below 1 as `h1`
/// and one beyond 6 as `h6` (HTML has no deeper heading).
pub(crate) fn heading(level: u8) -> (&'static str, &'static str) {
    match level {
        0 | 1 => ("h1", "</h1>"),
        2 => ("h2", "</h2>"),
        3 => ("h3", "</h3>"),
        4 => ("h4", "</h4>"),
        5 => ("h5", "</h5>"),
        _ => ("h6", "</h6>"),
    }
}

/// An HTML string under construction. Element and attribute names are `&'static str`
/// (chosen by our code, never by content); values are escaped on the way in.
#[derive(Debug, Default)]
pub struct Html {
    pub buf: String,
}

impl Html {
    pub fn new() -> Self {
        Html { buf: String::new() }
    }

    /// `<name attr="value"...>`; attributes with a `None` value are left out. A void element
    /// (`<img>`, `<hr>`) is just this, with no end tag.
    pub fn open(
        &mut self,
        name: &'static str,
        attrs: &[(&'static str, Option<&str>)],
    ) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(name);
        for (key, value) in attrs {
            if let Some(value) = value {
                self.attr(key, value);
            }
        }
        self.buf.push('>');
        self
    }

    /// Opens `name` with just a class, the common case.
    pub fn open_class(&mut self, name: &'static str, class: &str) -> &mut Self {
        self.open(name, &[("class", Some(class))])
    }

    /// One ` key="value"` pair, escaped. Only for use right after an unfinished start tag.
    /// An `href` or `src` the URL allow-list refuses is left out, whoever built the
    /// document (the model's fields are public: validation is not the only way in).
    pub fn attr(&mut self, key: &'static str, value: &str) {
        if matches!(key, "href" | "src") && !url::is_allowed(value) {
            return;
        }
        self.buf.push(' ');
        self.buf.push_str(key);
        self.buf.push_str("=\"");
        escape_into(&mut self.buf, value);
        self.buf.push('"');
    }

    pub fn close(&mut self, name: &'static str) -> &mut Self {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push('>');
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.buf, text);
        self
    }

    /// `<p class="class" part="part">text</p>`: the kicker, dek and other labelled lines.
    pub fn paragraph(&mut self, class: &str, part: &str, text: &str) -> &mut Self {
        self.open("p", &[("class", Some(class)), ("part", Some(part))])
            .text(text)
            .close("p")
    }

    /// `<name class="class">text</name>`.
    pub fn element(&mut self, name: &'static str, class: &str, text: &str) -> &mut Self {
        self.open_class(name, class).text(text).close(name)
    }

    /// `<name class="class" dir="auto">text</name>`: content that may be in another script
    /// than the essay around it (a Latin name in an Arabic essay), isolated in its own
    /// direction.
    pub fn auto_dir(&mut self, name: &'static str, class: &str, text: &str) -> &mut Self {
        self.open(name, &[("class", Some(class)), ("dir", Some("auto"))])
            .text(text)
            .close(name)
    }

    /// A link when `href` passes the URL allow-list, else the text alone. External links
    /// open in a new tab without giving it access to this page.
    pub fn link_or_text(
        &mut self,
        href: Option<&str>,
        class: Option<&str>,
        text: &str,
    ) -> &mut Self {
        match href.filter(|h| url::is_allowed(h)) {
            Some(href) => {
                self.open_link(href, class);
                self.text(text).close("a")
            }
            // Keep the class, so the text can still be styled (and found) as that thing.
            None => match class {
                Some(class) => self.element("span", class, text),
                None => self.text(text),
            },
        }
    }

    /// `<a href=...>` for an allowed URL, with `rel`/`target` for external ones. The caller
    /// must have checked the URL.
    pub fn open_link(&mut self, href: &str, class: Option<&str>) {
        let external = is_external(href);
        self.open(
            "a",
            &[
                ("class", class),
                ("href", Some(href)),
                ("target", external.then_some("_blank")),
                ("rel", external.then_some("noopener noreferrer")),
            ],
        );
    }
}

/// Links that leave the essay: absolute http(s) and protocol-relative URLs, read the way
/// browsers read them (leading spaces and controls dropped, tabs and newlines removed, `\`
/// as `/`), so `\\host/x`, `/\t/host` and `HTTPS:host` count too.
pub fn is_external(href: &str) -> bool {
    // The first six bytes the URL parser sees, lowercased (only ASCII is compared).
    let mut start = [0u8; 6];
    let mut n = 0;
    let bytes = href.trim_start_matches(|c: char| c <= ' ').bytes();
    for (slot, b) in start
        .iter_mut()
        .zip(bytes.filter(|b| !matches!(b, b'\t' | b'\n' | b'\r')))
    {
        *slot = b.to_ascii_lowercase();
        n += 1;
    }
    let start = &start[..n];
    matches!(start, [b'/' | b'\\', b'/' | b'\\', ..])
        || start.starts_with(b"http:")
        || start.starts_with(b"https:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        let mut h = Html::new();
        h.open("p", &[("class", Some("a\"b")), ("title", None)])
            .text("1 < 2")
            .close("p");
        assert_eq!(h.buf, r#"<p class="a&quot;b">1 &lt; 2</p>"#);
    }

    #[test]
    fn external_links_however_written() {
        // A link that leaves for another site gets target/rel, however the URL spells it:
        // `\\host` and `/\t/host` are protocol-relative to a browser, `https:host` absolute.
        for external in [
            "https://a.example",
            "HTTP://a.example",
            "//a.example/x",
            "\\\\xss.example\\x",
            "/\\a.example",
            "/\t/a.example",
            " https://a.example",
            "ht\ttps://a.example",
            "https:a.example",
        ] {
            assert!(is_external(external), "{external:?}");
        }
        for local in ["/a", "a/b", "#top", "?q", "mailto:x@a.example", "", "/"] {
            assert!(!is_external(local), "{local:?}");
        }
    }

    #[test]
    fn refuses_unsafe_href_and_src_whoever_asks() {
        let mut h = Html::new();
        h.open(
            "img",
            &[("src", Some("javascript:alert(1)")), ("alt", Some(""))],
        );
        h.open_link(" JaVa\tScRiPt:x", None);
        h.open("a", &[("href", Some("data:text/html,x"))]);
        h.open("img", &[("src", Some("/ok.png"))]);
        assert_eq!(h.buf, r#"<img alt=""><a><a><img src="/ok.png">"#);
    }

    #[test]
    fn links_only_allowed_urls() {
        let mut h = Html::new();
        h.link_or_text(Some("javascript:alert(1)"), None, "x");
        h.link_or_text(Some("https://a.example"), Some("c"), "y");
        h.link_or_text(Some("/local"), None, "z");
        assert_eq!(
            h.buf,
            r#"x<a class="c" href="https://a.example" target="_blank" rel="noopener noreferrer">y</a><a href="/local">z</a>"#
        );
    }
}
