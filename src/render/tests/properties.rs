//! Property tests: arbitrary Markdown and arbitrary documents never panic and always render
//! safe, well-formed HTML.

use super::support;

use crate::content::model;
use crate::render::markdown;
use crate::render::view::{render, Mode, RenderOptions};
use proptest::prelude::*;

/// Markdown-ish text: a mix of syntax characters, markup and words.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("*".to_owned()),
        Just("_".to_owned()),
        Just("`".to_owned()),
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("<".to_owned()),
        Just(">".to_owned()),
        Just("!".to_owned()),
        Just("#".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("|".to_owned()),
        Just("---".to_owned()),
        Just("[^1]".to_owned()),
        Just("[^1]: ".to_owned()),
        Just("```".to_owned()),
        Just("~~".to_owned()),
        Just("    ".to_owned()),
        Just("&amp;".to_owned()),
        Just("javascript:alert(1)".to_owned()),
        Just("<script>".to_owned()),
        Just("<img src=x onerror=y>".to_owned()),
        Just("https://a.example".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just(":".to_owned()),
        "[a-z ]{1,8}",
        "\\PC{1,3}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn markdown_renders_safe_well_formed_blocks(md in markdownish()) {
        let blocks = markdown::render(&md, 2);
        for (i, block) in blocks.iter().enumerate() {
            let expected = format!("data-block=\"{i}\"");
            prop_assert!(block.html.contains(&expected), "{}", block.html);
            let v = support::violations(&block.html);
            prop_assert!(v.is_empty(), "{md:?} -> {}: {v:?}", block.html);
        }
    }

    #[test]
    fn any_text_loads_or_errors_without_panicking(text in "\\PC{0,200}") {
        let _ = model::load(&text);
    }

    #[test]
    fn any_valid_document_renders_safely(title in "\\PC{1,40}", body in markdownish(), quote in "\\PC{1,30}", essay in "[a-z]{1,3}") {
        let doc = format!(
            r#"{{"version":1,"essays":[{{"id":"e","title":{},"body":{},"pull_quotes":[{{"text":{}}}]}}]}}"#,
            crate::render::jsonld::string(&title), crate::render::jsonld::string(&body), crate::render::jsonld::string(&quote)
        );
        let Ok(loaded) = model::load(&doc) else { return Ok(()) };
        for mode in [Mode::Article, Mode::Card, Mode::Series] {
            for essay_id in [None, Some(essay.as_str())] {
                let options = RenderOptions { mode, essay: essay_id, interactive: true, ..RenderOptions::default() };
                if let Ok(out) = render(&loaded.document, &options) {
                    let v = support::violations(&out.html);
                    prop_assert!(v.is_empty(), "{v:?}\n{}", out.html);
                }
            }
        }
    }
}
