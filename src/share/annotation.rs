//! The passage in the terms of the [W3C Web Annotation Data Model]: a `TextQuoteSelector`
//! (the quote and the text right before and after it) and a `TextPositionSelector` (where
//! it starts and ends), with the essay's canonical URL as their `source`. Annotation tools
//! (Hypothesis exports the same) can store and exchange a passage so; the element's
//! `highlight(selector)` takes such selectors back and finds the passage again.
//!
//! Positions count characters (Unicode scalar values) of the essay's whitespace-normalised
//! plain text, as share links' positions do (see `crate::share::anchor`).
//!
//! [W3C Web Annotation Data Model]: https://www.w3.org/TR/annotation-model/#selectors
//!
//! ```
//! use essay_embed::{anchor_selectors, load, render, DeepLink, Projection, RenderOptions, SelectorInput};
//! // The plain text of an essay's body, as `render` gives it beside the HTML.
//! let projection = |body: &str| -> Projection {
//!     let doc = load(&format!(r#"{{"title":"T","body":"{body}"}}"#)).unwrap().document;
//!     render(&doc, &RenderOptions::default()).unwrap().projection.unwrap()
//! };
//! let p = projection("The cat sat. The dog ran.");
//! let link = DeepLink::new("e", &p, 13, 25).unwrap();
//! let passage = link.w3c("https://example.com/essay");
//! assert_eq!(passage.selector.0.exact, "The dog ran.");
//! assert_eq!((passage.selector.1.start, passage.selector.1.end), (13, 25));
//! let stored = [SelectorInput::position(13, 25)];
//! let found = anchor_selectors(&p, &stored).unwrap();
//! assert_eq!(&p.text[found.start..found.end], "The dog ran.");
//! ```

use super::link::{DeepLink, MAX_QUOTE_CHARS};
use crate::share::anchor::{Anchored, Projection, Selector, CONTEXT_CHARS};
use serde::{Deserialize, Serialize};

/// `{"type": "TextQuoteSelector", "exact", "prefix", "suffix"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextQuoteSelector {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
}

/// `{"type": "TextPositionSelector", "start", "end"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TextPositionSelector {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub start: usize,
    pub end: usize,
}

/// A W3C `SpecificResource`: the essay (its canonical URL, else the page's) and the passage
/// in it, as both selectors (`selector` is a JSON array).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SharedPassage {
    pub source: String,
    pub selector: (TextQuoteSelector, TextPositionSelector),
}

impl DeepLink {
    /// The passage as W3C selectors of the essay at `source`.
    pub fn w3c(&self, source: &str) -> SharedPassage {
        let s = &self.selector;
        SharedPassage {
            source: source.split('#').next().unwrap_or(source).to_owned(),
            selector: (
                TextQuoteSelector {
                    kind: "TextQuoteSelector",
                    exact: s.exact.clone(),
                    prefix: s.prefix.clone(),
                    suffix: s.suffix.clone(),
                },
                TextPositionSelector {
                    kind: "TextPositionSelector",
                    start: s.position,
                    end: s.position.saturating_add(self.length),
                },
            ),
        }
    }
}

/// A selector as a host hands it back: either kind, by its W3C field names (others ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectorInput {
    #[serde(rename = "type", default)]
    pub kind: String,
    #[serde(default)]
    pub exact: Option<String>,
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub suffix: Option<String>,
    #[serde(default)]
    pub start: Option<usize>,
    #[serde(default)]
    pub end: Option<usize>,
}

impl SelectorInput {
    pub fn quote(exact: &str, prefix: &str, suffix: &str) -> SelectorInput {
        SelectorInput {
            kind: "TextQuoteSelector".to_owned(),
            exact: Some(exact.to_owned()),
            prefix: Some(prefix.to_owned()),
            suffix: Some(suffix.to_owned()),
            ..SelectorInput::default()
        }
    }

    pub fn position(start: usize, end: usize) -> SelectorInput {
        SelectorInput {
            kind: "TextPositionSelector".to_owned(),
            start: Some(start),
            end: Some(end),
            ..SelectorInput::default()
        }
    }
}

/// Finds the passage `selectors` describe in `projection`: by its quote (with its context,
/// and its position to tell repeats apart) as share links are found, or where only a
/// position is given, the text there. `None` when nothing matches well enough, or nothing
/// usable was given.
pub fn anchor(projection: &Projection, selectors: &[SelectorInput]) -> Option<Anchored> {
    let of_kind = |kind: &str| selectors.iter().find(|s| s.kind == kind);
    let position = of_kind("TextPositionSelector")
        .and_then(|s| Some((s.start?, s.end?)))
        .filter(|(start, end)| start < end);
    // Context is compared by edit distance (quadratic in its length) and the quote by a
    // matcher linear in it: keep what a stored selector brings to what our links carry.
    let quote = of_kind("TextQuoteSelector")
        .and_then(|s| Some((s.exact.as_deref()?, s)))
        .filter(|(exact, _)| !exact.trim().is_empty() && exact.len() <= 4 * MAX_QUOTE_CHARS);
    match (quote, position) {
        (Some((exact, s)), position) => {
            let prefix = s.prefix.as_deref().unwrap_or("");
            let suffix = s.suffix.as_deref().unwrap_or("");
            let prefix_from = prefix
                .char_indices()
                .rev()
                .nth(CONTEXT_CHARS - 1)
                .map_or(0, |(i, _)| i);
            let selector = Selector {
                exact: exact.to_owned(),
                prefix: prefix[prefix_from..].to_owned(),
                suffix: suffix.chars().take(CONTEXT_CHARS).collect(),
                position: position.map_or(0, |(start, _)| start),
            };
            projection.anchor(&selector)
        }
        (None, Some((start, end))) => {
            let (start, end) = projection.chars_to_bytes(start, end)?;
            Some(Anchored {
                start,
                end,
                exact: true,
                score: 1.0,
            })
        }
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::render;

    fn projection(md: &str) -> Projection {
        Projection::from_blocks(&render(md, 2))
    }

    #[test]
    fn a_link_gives_both_selectors_of_its_passage() {
        let p = projection("Rust, wasm and the web.\n\nSecond   paragraph.");
        let at = p.text.find("wasm").unwrap();
        let link = DeepLink::new("e", &p, at, p.text.find("Second").unwrap() + 6).unwrap();
        let passage = link.w3c("https://x.example/essay#old");
        let json = serde_json::to_value(&passage).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "source": "https://x.example/essay",
                "selector": [
                    {"type": "TextQuoteSelector", "exact": "wasm and the web. Second", "prefix": "Rust, ", "suffix": " paragraph."},
                    {"type": "TextPositionSelector", "start": 6, "end": 30},
                ],
            })
        );
    }

    #[test]
    fn stored_selectors_find_the_passage_again() {
        let p = projection("The cat sat. The dog ran. The cat sat down.");
        let second = p.text.rfind("The cat sat").unwrap();
        let link = DeepLink::new("e", &p, second, second + 11).unwrap();
        let passage = link.w3c("https://x.example/e");
        let (q, pos) = &passage.selector;
        let quote = SelectorInput::quote(&q.exact, &q.prefix, &q.suffix);
        let position = SelectorInput::position(pos.start, pos.end);
        for given in [
            vec![quote.clone(), position.clone()],
            vec![quote.clone()],
            vec![position],
        ] {
            let found = anchor(&p, &given).unwrap();
            assert_eq!((found.start, found.exact), (second, true), "{given:?}");
        }
        // After an edit the quote and its context still find it; a position alone would not.
        let edited = projection("Now: The cat sat. The dog ran. The cat sat down.");
        let found = anchor(&edited, &[quote]).unwrap();
        assert_eq!(found.start, edited.text.rfind("The cat sat").unwrap());
        // Nothing usable, or nothing there.
        assert_eq!(anchor(&p, &[]), None);
        assert_eq!(anchor(&p, &[SelectorInput::position(5, 5)]), None);
        assert_eq!(anchor(&p, &[SelectorInput::position(40, 400)]), None);
        assert_eq!(
            anchor(&p, &[SelectorInput::quote("fisheries and cod", "", "")]),
            None
        );
    }

    #[test]
    fn selectors_are_read_by_their_w3c_names() {
        let given: Vec<SelectorInput> = serde_json::from_value(serde_json::json!([
            {"type": "TextQuoteSelector", "exact": "dog", "prefix": "The ", "suffix": " ran", "extra": 1},
            {"type": "TextPositionSelector", "start": 17, "end": 20},
            {"type": "CssSelector", "value": "p"},
        ]))
        .unwrap();
        let p = projection("The cat sat. The dog ran.");
        let found = anchor(&p, &given).unwrap();
        assert_eq!(&p.text[found.start..found.end], "dog");
        // A huge stored context is cut to what our links carry, not compared whole.
        let long = "x".repeat(100_000);
        let found = anchor(&p, &[SelectorInput::quote("dog", &long, &long)]).unwrap();
        assert_eq!(&p.text[found.start..found.end], "dog");
    }
}
