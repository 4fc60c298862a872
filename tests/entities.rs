//! The HTML5 named character references of the patched pulldown-cmark (a compact table, see
//! vendor/pulldown-cmark/PATCH.md), checked through the public parser: every entry of the
//! table expands to its value, and names that are not entities stay literal text.

use pulldown_cmark::{Event, Parser};

/// The text pulldown-cmark makes of `markdown` (all `Text` events, concatenated).
fn text_of(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect()
}

/// The entries of vendor/pulldown-cmark/src/entities.rs: `"name\x01\u{XXXX}...\0",` lines.
fn table() -> Vec<(String, String)> {
    let source = include_str!("../vendor/pulldown-cmark/src/entities.rs");
    source
        .lines()
        .filter_map(|line| line.trim().strip_prefix('"')?.strip_suffix("\\0\",").map(str::to_owned))
        .map(|entry| {
            let (name, escapes) = entry.split_once("\\x01").expect("name \\x01 value");
            let value = escapes
                .split("\\u{")
                .skip(1)
                .map(|hex| {
                    let hex = hex.strip_suffix('}').expect("\\u{XXXX}");
                    char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
                })
                .collect();
            (name.to_owned(), value)
        })
        .collect()
}

#[test]
fn the_table_is_whole_and_sorted() {
    let table = table();
    assert_eq!(table.len(), 2125, "HTML5 defines 2,125 names with a semicolon");
    assert!(table.windows(2).all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
    assert!(table.iter().all(|(n, v)| !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_alphanumeric())
        && !v.is_empty()));
}

#[test]
fn every_entry_expands_to_its_value() {
    for (name, value) in table() {
        // Inside a word too, so values that are whitespace (`&Tab;`, `&NewLine;`) survive.
        let got = text_of(&format!("a&{name};b"));
        assert_eq!(got, format!("a{value}b"), "&{name};");
    }
}

#[test]
fn well_known_entities() {
    for (md, text) in [
        ("&amp; &AMP; &lt; &gt; &quot;", "& & < > \""),
        ("&copy; &nbsp;&mdash; &hellip;", "\u{a9} \u{a0}\u{2014} \u{2026}"),
        ("&AElig; &zwnj; &fjlig; &ThickSpace;", "\u{c6} \u{200c} fj \u{205f}\u{200a}"),
        ("&nvlt; &Afr;", "<\u{20d2} \u{1d504}"),
    ] {
        assert_eq!(text_of(md), text, "{md}");
    }
}

#[test]
fn names_that_are_not_entities_stay_text() {
    for md in [
        "&Amp;", "&ampx;", "&AAA;", "&A;", "&zzzz;", "&zwnjz;", "&AElig", "&;", "&", "&x1;",
        "&Aacut;", "&yumlz;",
    ] {
        assert_eq!(text_of(md), md, "{md}");
    }
}

#[test]
fn the_renderer_expands_entities_and_escapes_them_again() {
    let blocks = essay_embed::markdown::render("&lt;b&gt; &copy; 2020 &#x26; &#169;", 2);
    assert_eq!(blocks[0].text, "<b> \u{a9} 2020 & \u{a9}");
    assert!(blocks[0].html.contains("&lt;b&gt; \u{a9} 2020 &amp; \u{a9}"), "{}", blocks[0].html);
}
