//! Writing XML (feeds, the sitemap) through one escaper: every text and attribute value goes
//! through [`escape`], which also drops the characters XML 1.0 cannot hold at all.

/// `text` escaped for XML text and double- or single-quoted attribute values. Control
/// characters other than tab, newline and carriage return, lone surrogates (impossible in a
/// `str`), U+FFFE and U+FFFF are not allowed in XML 1.0 even as references: they are dropped.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// An XML document under construction, element by element.
pub(crate) struct Xml {
    pub(crate) buf: String,
}

impl Xml {
    pub(crate) fn new() -> Xml {
        Xml {
            buf: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
        }
    }

    /// `<name a="v"...>`; `close` writes `/>` instead.
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, &str)], close: bool) -> &mut Xml {
        super::start_tag(&mut self.buf, name, attrs, escape);
        self.buf.push_str(if close { "/>" } else { ">" });
        self
    }

    pub(crate) fn close(&mut self, name: &str) -> &mut Xml {
        self.buf.push_str("</");
        self.buf.push_str(name);
        self.buf.push_str(">\n");
        self
    }

    /// `<name attrs>text</name>` on one line.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.open(name, attrs, false);
        self.buf.push_str(&escape(text));
        self.close(name)
    }

    pub(crate) fn newline(&mut self) -> &mut Xml {
        self.buf.push('\n');
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b>&\"c\"'d'\u{0}\u{1b}\u{fffe}\t\n"),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;\t\n"
        );
        let mut x = Xml::new();
        x.leaf("title", &[("type", "x\"y")], "</title><evil/>");
        assert!(x
            .buf
            .ends_with("<title type=\"x&quot;y\">&lt;/title&gt;&lt;evil/&gt;</title>\n"));
    }
}
