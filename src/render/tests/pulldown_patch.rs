//! The patched pulldown-cmark (vendor/pulldown-cmark/PATCH.md), through its public API:
//! the HTML5 named character references (a compact table) all expand to their values and
//! names that are not entities stay literal text; the extensions src/render/markdown/ uses are
//! compiled in, and asking for one that is left out is refused in debug builds.

use pulldown_cmark::{Event, Options, Parser};

/// The text pulldown-cmark makes of `markdown` (all `Text` events, concatenated).
fn text_of(markdown: &str) -> String {
    Parser::new(markdown)
        .filter_map(|e| match e {
            Event::Text(t) => Some(t.into_string()),
            _ => None,
        })
        .collect()
}

/// The table as vendor/pulldown-cmark/entities.txt lists it (`name U+XXXX [U+XXXX]` lines;
/// gen_entities.py writes it beside the compact src/entities.rs the parser searches).
fn table() -> Vec<(String, String)> {
    include_str!("../../../vendor/pulldown-cmark/entities.txt")
        .lines()
        .map(|line| {
            let mut parts = line.split(' ');
            let name = parts.next().expect("a name").to_owned();
            let value = parts
                .map(|point| {
                    let hex = point.strip_prefix("U+").expect("U+XXXX");
                    char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap()
                })
                .collect();
            (name, value)
        })
        .collect()
}

#[test]
fn the_table_is_whole_and_sorted() {
    let table = table();
    assert_eq!(
        table.len(),
        2125,
        "HTML5 defines 2,125 names with a semicolon"
    );
    assert!(table
        .windows(2)
        .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
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
        (
            "&copy; &nbsp;&mdash; &hellip;",
            "\u{a9} \u{a0}\u{2014} \u{2026}",
        ),
        (
            "&AElig; &zwnj; &fjlig; &ThickSpace;",
            "\u{c6} \u{200c} fj \u{205f}\u{200a}",
        ),
        ("&nvlt; &Afr;", "<\u{20d2} \u{1d504}"),
    ] {
        assert_eq!(text_of(md), text, "{md}");
    }
}

#[test]
fn names_that_are_not_entities_stay_text() {
    for md in [
        "&Amp;",
        "&ampx;",
        "&AAA;",
        "&A;",
        "&zzzz;",
        "&zwnjz;",
        "&AElig",
        "&;",
        "&",
        "&x1;",
        "&Aacut;",
        "&yumlz;",
        "&CounterClockwiseContourIntegralX;",
        "&0;",
    ] {
        assert_eq!(text_of(md), md, "{md}");
    }
}

#[test]
fn the_renderer_expands_entities_and_escapes_them_again() {
    let blocks = crate::render::markdown::render("&lt;b&gt; &copy; 2020 &#x26; &#169;", 2);
    assert_eq!(blocks[0].text, "<b> \u{a9} 2020 & \u{a9}");
    assert!(
        blocks[0]
            .html
            .contains("&lt;b&gt; \u{a9} 2020 &amp; \u{a9}"),
        "{}",
        blocks[0].html
    );
}

#[test]
fn the_extensions_essay_embed_uses_are_compiled_in() {
    let used = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    assert_eq!(Options::COMPILED_IN, used);
    let blocks =
        crate::render::markdown::render("| a |\n|---|\n| b |\n\n~~gone~~ note[^1]\n\n[^1]: n", 2);
    let html: String = blocks.iter().map(|b| b.html.as_str()).collect();
    for part in ["<table", "<td>b</td>", "<del>gone</del>", "<sup"] {
        assert!(html.contains(part), "{part} in {html}");
    }
}

#[test]
fn extensions_left_out_stay_plain_commonmark() {
    // What upstream would read as math, a heading id or smart quotes is plain text here
    // (essay-embed never asks for those extensions).
    let blocks = crate::render::markdown::render("$x$ \"q\" -- a\n\n# T {#id}", 2);
    assert_eq!(blocks[0].text, "$x$ \"q\" -- a");
    assert_eq!(blocks[1].text, "T {#id}");
}

#[cfg(debug_assertions)]
#[test]
#[should_panic(expected = "leaves these extensions out")]
fn asking_for_an_extension_left_out_panics_in_debug_builds() {
    let _ = Parser::new_ext("$x$", Options::ENABLE_MATH | Options::ENABLE_TABLES);
}
