//! Bad input from the robustness issue: each is a clear error or a safe rendering, never a
//! panic or a hang.

use super::support;

use crate::content::model;
use crate::render::view::{render, Mode, RenderOptions};

fn essay_with_body(body: &str) -> String {
    format!(
        r#"{{"title":"T","body":{}}}"#,
        crate::render::jsonld::string(body)
    )
}

fn render_all_modes(json: &str) -> Vec<String> {
    let loaded = model::load(json).unwrap();
    [Mode::Article, Mode::Card, Mode::Series]
        .into_iter()
        .map(|mode| {
            render(
                &loaded.document,
                &RenderOptions {
                    mode,
                    ..RenderOptions::default()
                },
            )
            .unwrap()
            .html
        })
        .collect()
}

#[test]
fn hundred_thousand_deep_markdown_nesting_renders_flat_and_well_formed() {
    for (what, md) in [
        ("block quotes", ">".repeat(100_000) + " deep"),
        ("lists", "- ".repeat(100_000) + "deep"),
        ("ordered lists", "1. ".repeat(100_000) + "deep"),
        (
            "brackets",
            "[".repeat(100_000) + "deep" + &"]".repeat(100_000),
        ),
        ("links in links", "[a](b ".repeat(50_000)),
        (
            "emphasis",
            "*".repeat(100_000) + "deep" + &"*".repeat(100_000),
        ),
    ] {
        for html in render_all_modes(&essay_with_body(&md)) {
            assert!(support::well_formedness(&html).is_empty(), "{what}");
            assert!(
                html.matches("<blockquote").count() <= crate::render::markdown::MAX_NESTING,
                "{what}"
            );
        }
    }
}

#[test]
fn hundred_thousand_deep_json_is_a_clear_error_or_skipped_without_recursion() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    // Nested deeper than 128 levels: refused with its place, wherever it is (the reader holds
    // every member in its value tree, as in the browser, where the copy refuses the same).
    for text in [
        format!(r#"{{"title":{deep}}}"#),
        format!(r#"{{"title":"T","extra":{deep}}}"#),
    ] {
        let err = model::load(&text).unwrap_err();
        // Where serde_json stops: 128 levels with the object around (the value tree's limit too).
        let column = text.find('[').unwrap() + 127;
        assert_eq!(
            err.to_string(),
            format!("the content is not valid JSON: recursion limit exceeded at line 1, column {column}")
        );
    }
    // Unbalanced: a syntax error with its place.
    let err = model::load(&format!(
        r#"{{"title":"T","extra":{}}}"#,
        "[".repeat(100_000)
    ))
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the content is not valid JSON: "),
        "{err}"
    );
}

#[test]
fn a_ten_megabyte_body_is_a_clear_error_and_two_megabytes_render() {
    let paragraph =
        "A sentence of an essay that goes on, with *emphasis* and a [link](https://x.example).\n\n";
    let big = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    let err = model::load(&essay_with_body(&big)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the content is not valid: too large: 10.2 MB (the limit is 8.0 MB)"
    );
    let five = paragraph.repeat(5 * 1024 * 1024 / paragraph.len());
    let err = model::load(&essay_with_body(&five)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the content is not valid: body: too long: 4.9 MB (the limit is 2.0 MB)"
    );
    let huge = format!(r#"{{"title":"T","junk":"{}"}}"#, "x".repeat(9 << 20));
    assert_eq!(
        model::load(&huge).unwrap_err().to_string(),
        "the content is not valid: too large: 9.0 MB (the limit is 8.0 MB)"
    );

    let body = paragraph.repeat(crate::content::model::MAX_BODY_BYTES / paragraph.len());
    let loaded = model::load(&essay_with_body(&body)).unwrap();
    let out = render(&loaded.document, &RenderOptions::default()).unwrap();
    assert!(out.html.len() > body.len());
    assert_eq!(
        out.projection.unwrap().starts.len(),
        body.matches("\n\n").count()
    );
}

#[test]
fn a_five_thousand_character_word_is_kept_whole() {
    let word = "x".repeat(5000);
    for html in render_all_modes(&essay_with_body(&word)) {
        assert!(support::violations(&html).is_empty());
    }
    assert!(render_all_modes(&essay_with_body(&word))[0].contains(&word));
}

#[test]
fn control_characters_render_as_replacement_characters_or_text() {
    let json = r#"{"title":"a\u0001b","body":"x\u0000y\u0007z"}"#;
    let html = &render_all_modes(json)[0];
    assert!(
        html.contains("a\u{1}b") || html.contains("a\u{fffd}b"),
        "{html}"
    );
    assert!(
        html.contains("x\u{fffd}y\u{7}z") || html.contains("x\u{0}y"),
        "{html}"
    );
}

#[test]
fn lone_surrogates_are_a_syntax_error_with_its_place() {
    // serde_json refuses them (a browser's JSON.parse reads them, and the wasm gets U+FFFD).
    let err = model::load(r#"{"title":"a\ud800b"}"#).unwrap_err();
    assert_eq!(err.code(), "invalid-json");
    assert!(err.to_string().contains("at line 1, column "), "{err}");
}

#[test]
fn empty_and_missing_things_are_clear() {
    let cases = [
        ("", "the content is not valid JSON: the document is empty"),
        (
            " \n",
            "the content is not valid JSON: the document is empty",
        ),
        (
            "null",
            "the content is not valid: expected a content object, found null",
        ),
        (
            r#"{"title":""}"#,
            "the content is not valid: title: missing",
        ),
        (
            r#"{"version":"1","essays":[]}"#,
            "the content is not valid: version: expected u32, found string \"1\"",
        ),
        (
            r#"{"version":1,"essays":[]}"#,
            "the content is not valid: essays: must hold at least one essay",
        ),
    ];
    for (json, message) in cases {
        assert_eq!(
            model::load(json).unwrap_err().to_string(),
            message,
            "{json:?}"
        );
    }
}
