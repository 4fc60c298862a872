//! The link's fragment: our `ee=1~` parameter written and read, and the percent-encoding
//! it and the text directive use.

use super::{DeepLink, HEAD_TAIL_CHARS, MAX_QUOTE_CHARS, PARAMETER, WHOLE_UP_TO};
use crate::share::anchor::{Selector, CONTEXT_CHARS};

impl DeepLink {
    /// The fragment, `ee=1~...` then `:~:text=...`, without the leading `#`.
    pub fn fragment(&self) -> String {
        let s = &self.selector;
        let (head, tail) = if self.tail.is_empty() && self.length > WHOLE_UP_TO {
            let chars: Vec<char> = s.exact.chars().collect();
            let head: String = chars.iter().take(HEAD_TAIL_CHARS).collect();
            let tail: String = chars
                .get(chars.len().saturating_sub(HEAD_TAIL_CHARS)..)
                .unwrap_or(&[])
                .iter()
                .collect();
            (head, tail)
        } else {
            (s.exact.clone(), self.tail.clone())
        };
        let mut out = String::from(PARAMETER);
        let parts = [
            self.essay.as_str(),
            &s.position.to_string(),
            &self.length.to_string(),
            &s.prefix,
            &head,
            &tail,
            &s.suffix,
        ];
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push('~');
            }
            encode_parameter_into(&mut out, part);
        }
        if let Some(directive) = &self.directive {
            out.push_str(":~:");
            out.push_str(directive);
        }
        out
    }

    /// `base` (its own fragment dropped) with this link's fragment.
    pub fn url(&self, base: &str) -> String {
        let base = base.split('#').next().unwrap_or(base);
        let mut out = String::with_capacity(base.len() + 64);
        out.push_str(base);
        out.push('#');
        out.push_str(&self.fragment());
        out
    }

    /// Reads our parameter from a URL fragment (with or without `#`; browsers strip the
    /// `:~:` directive before scripts see it, and we ignore it when they do not).
    pub fn parse(fragment: &str) -> Option<DeepLink> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let ours =
            crate::share::search::find(fragment, ":~:").map_or(fragment, |at| &fragment[..at]);
        let rest = ours.strip_prefix(PARAMETER)?;
        let mut parts = rest.split('~').map(decode_parameter);
        let mut next = || parts.next().flatten();
        let essay = next()?;
        let position = next()?.parse().ok()?;
        let length = next()?.parse().ok()?;
        let (prefix, exact, tail, suffix) = (next()?, next()?, next()?, next()?);
        if next().is_some() || exact.is_empty() || essay.is_empty() {
            return None;
        }
        // Longer parts than `new` ever writes are not our links. Anyone can write a link,
        // and context is compared by edit distance (quadratic in its length): a 100,000-
        // character prefix would freeze the reader's tab. (Bytes, 4 per character at most.)
        if prefix.len() > 4 * CONTEXT_CHARS
            || suffix.len() > 4 * CONTEXT_CHARS
            || exact.len() > 4 * MAX_QUOTE_CHARS
            || tail.len() > 4 * HEAD_TAIL_CHARS
            || essay.len() > crate::content::model::MAX_ID_BYTES
        {
            return None;
        }
        let selector = Selector {
            exact,
            prefix,
            suffix,
            position,
        };
        Some(DeepLink {
            essay,
            selector,
            tail,
            length,
            directive: None,
            cut: false,
        })
    }
}

/// Our parameter's encoding: `+` for a space, fragment-safe characters kept.
fn encode_parameter_into(out: &mut String, text: &str) {
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push('+');
        }
        for c in word.chars() {
            if c.is_ascii_alphanumeric() || (c.is_ascii() && b"-._!$'()*,;@/?".contains(&(c as u8)))
            {
                out.push(c);
            } else {
                let mut buf = [0u8; 4];
                percent_encode_into(out, c.encode_utf8(&mut buf), true);
            }
        }
    }
}

fn decode_parameter(text: &str) -> Option<String> {
    percent_decode(&text.replace('+', " "))
}

/// Appends `text` percent-encoded as UTF-8, leaving ASCII letters, digits, `.`, `_` and (unless
/// `encode_dash`, as text directives need) `-`.
pub fn percent_encode_into(out: &mut String, text: &str, encode_dash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || (b == b'-' && !encode_dash) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// `text` percent-encoded for a URL query value or a fragment.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    percent_encode_into(&mut out, text, false);
    out
}

/// Decodes `%XX` escapes (and nothing else); `None` for a malformed escape or bad UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::super::tests::{link_for, projection};
    use super::*;

    #[test]
    fn colons_around_a_part_boundary_do_not_cut_the_link() {
        // Found by the anchor fuzz target (fuzz/regressions/anchor/colons-at-a-boundary): a
        // prefix ending in ':' and a passage starting with ':' wrote ":~:", where `parse`
        // cuts off the text directive, so our own link did not parse.
        let p = projection("Ratio a:b and c::d mean 1:2.");
        let at = p.text.find("::").unwrap() + 1;
        let link = DeepLink::new("e", &p, at, at + 4).unwrap();
        let fragment = link.fragment();
        assert!(
            !fragment.split(":~:").next().unwrap().contains(':'),
            "{fragment}"
        );
        let parsed = DeepLink::parse(&fragment).unwrap();
        let found = parsed.anchor(&p).unwrap();
        assert_eq!(&p.text[found.start..found.end], ":d m");
        // Links written before this still parse.
        let old = DeepLink::parse("ee=1~e~0~3~~a:b~~").unwrap();
        assert_eq!(old.selector.exact, "a:b");
    }

    #[test]
    fn absurd_numbers_in_a_link_do_not_overflow() {
        // Found reviewing for the fuzz targets (fuzz/regressions/anchor/huge-*): position
        // and length come from the page URL, and `position + quote length`, `head + length`
        // and `length * 5` overflowed (a panic in debug builds, garbage in release).
        let p = projection("x abc def");
        for fragment in [
            "ee=1~e~18446744073709551615~3~~abc~~",
            "ee=1~e~2~18446744073709551615~x+~abc~def~",
            "ee=1~e~0~18446744073709551615~~x~def~",
        ] {
            let link = DeepLink::parse(fragment).unwrap();
            if let Some(found) = link.anchor(&p) {
                assert!(p.text.get(found.start..found.end).is_some(), "{fragment}");
            }
        }
        let far = DeepLink::parse("ee=1~e~18446744073709551615~3~~abc~~").unwrap();
        let found = far.anchor(&p).unwrap();
        assert_eq!(&p.text[found.start..found.end], "abc");
    }

    #[test]
    fn parts_longer_than_our_links_have_are_refused() {
        // Context is compared by edit distance, quadratic in its length: a link with a
        // 100,000-character prefix took minutes to anchor, freezing the reader's tab.
        let long = "x".repeat(100_000);
        for fragment in [
            ["ee=1~e~0~3~", &long, "~abc~~"].concat(),
            ["ee=1~e~0~3~~abc~~", &long].concat(),
            ["ee=1~e~0~3~~", &long, "~~"].concat(),
            ["ee=1~e~0~300~~abc~", &long, "~"].concat(),
            ["ee=1~", &long, "~0~3~~abc~~"].concat(),
        ] {
            assert_eq!(DeepLink::parse(&fragment), None, "{}", &fragment[..40]);
        }
        // What our own links carry, at the limits, still parses.
        let words: Vec<String> = (0..400).map(|i| ["w", &i.to_string()].concat()).collect();
        let p = projection(&words.join(" "));
        let link = DeepLink::new("e", &p, 500, p.text.len()).unwrap();
        assert_eq!(
            link.selector.exact.chars().count(),
            MAX_QUOTE_CHARS.min(link.length)
        );
        let parsed = DeepLink::parse(&link.fragment()).unwrap();
        assert!(parsed.anchor(&p).is_some());
        let at_limits = [
            "ee=1~e~0~3~",
            &"p".repeat(CONTEXT_CHARS),
            "~",
            &"q".repeat(MAX_QUOTE_CHARS),
            "~~",
            &"s".repeat(CONTEXT_CHARS),
        ]
        .concat();
        assert!(DeepLink::parse(&at_limits).is_some());
    }

    #[test]
    fn percent_encoding_round_trips_every_character() {
        let text = "a-b,c&d e:~:f%g#h?i/j\"k<l>'m“中文”😀\u{301}\n";
        assert_eq!(percent_decode(&percent_encode(text)).as_deref(), Some(text));
        let mut directive = String::new();
        percent_encode_into(&mut directive, "a-b,c&d", true);
        assert_eq!(directive, "a%2Db%2Cc%26d");
        assert_eq!(percent_decode("%E4%B8%AD"), Some("中".into()));
        assert_eq!(percent_decode("%E4%B8"), None, "bad UTF-8");
        assert_eq!(percent_decode("%G0"), None);
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn deep_links_round_trip_and_ignore_other_fragments() {
        let p = projection("Rust, “wasm” & the web: a-b-c ~ tilde + 100% #1.\n\n第二段。");
        let link = link_for(&p, "“wasm” & the web: a-b-c ~ tilde + 100% #1", 0);
        let url = link.url("https://x.example/a?b=c#old");
        assert!(
            url.starts_with("https://x.example/a?b=c#ee=1~e~6~41~Rust,+~%E2%80%9Cwasm%E2%80%9D+%26+the+web%3A+a-b-c+%7E+tilde+%2B+100%25+%231~~.+"),
            "{url}"
        );
        let parsed = DeepLink::parse(&url[url.find('#').unwrap()..]).unwrap();
        assert_eq!(parsed.selector, link.selector);
        assert_eq!((parsed.essay.as_str(), parsed.length), ("e", 41));
        for other in [
            "",
            "#",
            "#top",
            "#ee=2~e~0~1~~x~~",
            "#ee=1~e~x~1~~q~~",
            "#ee=1~~0~1~~q~~",
            "#ee=1~e~0~0~~~~",
            "#ee=1~e~0~1~a~b",
            "#ee=1~e~0~1~a~b~c~d~e",
            "#ee=1~e~0~1~%ZZ~b~~c",
        ] {
            assert_eq!(DeepLink::parse(other), None, "{other:?}");
        }
    }
}
