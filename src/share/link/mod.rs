//! Sharing a passage: the deep link, the share texts, and each target's URL.
//!
//! A deep link is the essay's `canonical_url` (else the host page) plus a fragment with two
//! parts. The widget's own, versioned parameter comes first:
//!
//! ```text
//! #ee=1~<essay id>~<position>~<length>~<prefix>~<head>~<tail>~<suffix>
//! ```
//!
//! `position` and `length` count characters (Unicode scalar values) of the essay's
//! whitespace-normalised plain text (see `anchor`; a position counted in UTF-16 code units
//! is recognised too); `prefix` and `suffix` are up to 32 characters around the passage. A
//! passage of up to 96 characters is carried whole in `head` (`tail` empty); a longer one
//! as its first and last 32 characters, which keeps links short enough to post while still
//! finding the passage after edits. Parts are UTF-8, percent-encoded, with `+` for a space;
//! the characters a fragment allows (`-._!$'()*,;@/?`) stay as they are. `:` is encoded, so
//! no part ending in `:` next to one starting with `:` can spell `:~:`, the start of the
//! directive.
//!
//! Then a [Text Fragment](https://wicg.github.io/scroll-to-text-fragment/) directive,
//! `:~:text=[prefix-,]start[,end][,-suffix]`, with just enough context to match once on the
//! page that shows the essay (pull quotes, dek and title included; see [`PageText`]), so
//! browsers highlight the passage even where the widget does not run.
//!
//! ```
//! use essay_embed::{load, render, DeepLink, Projection, RenderOptions};
//! // The plain text of an essay's body, as `render` gives it beside the HTML.
//! let projection = |body: &str| -> Projection {
//!     let doc = load(&format!(r#"{{"title":"T","body":"{body}"}}"#)).unwrap().document;
//!     render(&doc, &RenderOptions::default()).unwrap().projection.unwrap()
//! };
//! let p = projection("Arms control helps. Arms control works.");
//! let at = p.text.rfind("Arms").unwrap();
//! let link = DeepLink::new("essay-1", &p, at, p.text.len()).unwrap();
//! let url = link.url("https://example.com/essay#top");
//! assert_eq!(url, "https://example.com/essay#ee=1~essay-1~20~19~Arms+control+helps.+~Arms+control+works.~~:~:text=Arms%20control%20works.");
//! let found = DeepLink::parse(&url[url.find('#').unwrap()..]).unwrap().anchor(&p).unwrap();
//! assert_eq!(&p.text[found.start..found.end], "Arms control works.");
//! ```
mod fragment;
mod target;
// The share texts and the popover: only the browser shell uses them (natively, the tests).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod text;

#[cfg(test)]
pub use fragment::percent_decode;
pub use fragment::percent_encode_into;
pub use target::parse_targets;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub use target::{popover_html, Target};
pub use text::cut_at_word;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub use text::Passage;

use crate::share::anchor::{Anchored, Projection, Selector};

use super::directive;
pub use super::directive::PageText;

/// The first part of the fragment that marks our parameter, with its version.
const PARAMETER: &str = "ee=1~";

/// Longer selections are shared up to this many characters (cut at a word).
pub const MAX_QUOTE_CHARS: usize = 1000;

/// Passages longer than this travel as their first and last [`HEAD_TAIL_CHARS`].
const WHOLE_UP_TO: usize = 96;
const HEAD_TAIL_CHARS: usize = 32;

/// A passage of an essay, as carried by a share link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLink {
    pub essay: String,
    /// The passage. From a parsed link of a long passage, `exact` holds only its head.
    pub selector: Selector,
    /// The last characters of a long passage (empty when `selector.exact` is all of it).
    pub tail: String,
    /// The passage's length in characters.
    pub length: usize,
    /// The text directive (`text=...`), when it could be built.
    pub directive: Option<String>,
    /// The selection was longer than [`MAX_QUOTE_CHARS`] and the link carries its start.
    pub cut: bool,
}

impl DeepLink {
    /// The link for bytes `start..end` of the essay's projection (a selection), its text
    /// directive made unique within the body alone (the shell makes it unique on the whole
    /// page it shows).
    pub fn new(essay: &str, projection: &Projection, start: usize, end: usize) -> Option<DeepLink> {
        let page = PageText::from_projection(projection);
        DeepLink::on_page(essay, projection, &page, start, end)
    }

    /// The link for bytes `start..end` of the essay's projection (a selection) on `page`,
    /// the rendered view that shows it: its text directive matches once there.
    pub(crate) fn on_page(
        essay: &str,
        projection: &Projection,
        page: &PageText,
        start: usize,
        end: usize,
    ) -> Option<DeepLink> {
        let mut selector = projection.selector(start, end)?;
        let cut = selector.exact.chars().count() > MAX_QUOTE_CHARS;
        if cut {
            // The link carries text that is in the essay, so its tail is found exactly:
            // the "…" is for readers (`shown_quote`), not for the selector.
            let shown = cut_at_word(&selector.exact, MAX_QUOTE_CHARS);
            selector.exact = shown.trim_end_matches('…').to_owned();
            selector.suffix.clear();
        }
        let directive = projection
            .anchor(&selector)
            .and_then(|a| directive::text_directive(projection, page, a.start, a.end));
        let length = selector.exact.chars().count();
        Some(DeepLink {
            essay: essay.to_owned(),
            selector,
            tail: String::new(),
            length,
            directive,
            cut,
        })
    }

    /// The passage as readers see it quoted: the selection, or its start and "…" when it
    /// was cut.
    pub fn shown_quote(&self) -> String {
        if self.cut {
            [self.selector.exact.as_str(), "\u{2026}"].concat()
        } else {
            self.selector.exact.clone()
        }
    }

    /// The passage as the sharer selected it, as far as the link carries it: whole up to
    /// 96 characters, else its first words, " … " and its last words (the head
    /// and tail are cut at characters; where words are spaced, the partial word at each cut
    /// is left out).
    pub fn shared_quote(&self) -> String {
        if self.tail.is_empty() {
            return self.selector.exact.clone();
        }
        // Our links' parts are normalised: their only white space is ' '.
        let head = self.selector.exact.as_str();
        let head = match head.rfind(' ') {
            Some(at) if at > head.len() / 2 => &head[..at],
            _ => head, // one long word, or CJK
        };
        let tail = self.tail.as_str();
        let tail = match tail.find(' ') {
            Some(at) if at < tail.len() / 2 => &tail[at + 1..],
            _ => tail,
        };
        [head.trim_end_matches(','), " \u{2026} ", tail].concat()
    }

    /// Finds the passage in `projection` (see `anchor`). A long passage is found by its
    /// head, then its tail near where its length says, and kept only if the span's length is
    /// close to the original.
    pub fn anchor(&self, projection: &Projection) -> Option<Anchored> {
        if self.tail.is_empty() {
            return projection.anchor(&self.selector);
        }
        let head = Selector {
            suffix: String::new(),
            ..self.selector.clone()
        };
        projection.anchor_ends(&head, &self.tail, &self.selector.suffix, self.length)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::render;

    pub(super) fn projection(md: &str) -> Projection {
        Projection::from_blocks(&render(md, 2))
    }

    pub(super) fn link_for(p: &Projection, needle: &str, nth: usize) -> DeepLink {
        let at = p.text.match_indices(needle).nth(nth).unwrap().0;
        DeepLink::new("e", p, at, at + needle.len()).unwrap()
    }

    #[test]
    fn long_passages_travel_as_head_and_tail_and_are_found_after_edits() {
        let para = "Washington cannot coerce Beijing by threatening to start an arms race and spend China into oblivion, especially because Beijing is confident it can outcompete Washington in the long run.";
        let text = format!("Intro.\n\n{para}\n\nOutro with arms race and Washington again.");
        let p = projection(&text);
        let link = link_for(&p, para, 0);
        let fragment = link.fragment();
        assert!(
            fragment
                .contains("~Washington+cannot+coerce+Beijing~pete+Washington+in+the+long+run.~"),
            "{fragment}"
        );
        assert!(
            fragment
                .ends_with(":~:text=Washington%20cannot%20coerce%20Beijing,in%20the%20long%20run."),
            "{fragment}"
        );
        let parsed = DeepLink::parse(&fragment).unwrap();
        assert_eq!(
            (parsed.length, parsed.tail.as_str()),
            (para.chars().count(), "pete Washington in the long run.")
        );
        let a = parsed.anchor(&p).unwrap();
        assert_eq!(&p.text[a.start..a.end], para);
        assert!(a.exact);
        let edited_para = para
            .replace("into oblivion", "“into oblivion,”")
            .replace("Beijing is", "Beijing, it seems, is");
        let edited = projection(&text.replace(para, &edited_para));
        let a = parsed.anchor(&edited).unwrap();
        assert_eq!(&edited.text[a.start..a.end], edited_para);
        assert!(!a.exact);
        let gutted = projection(&text.replace(
            para,
            "Washington cannot coerce Beijing. The end is in the long run.",
        ));
        assert_eq!(
            parsed.anchor(&gutted),
            None,
            "a span far shorter than the passage is not it"
        );
    }

    #[test]
    fn text_directives_are_unique_with_just_enough_context() {
        let p = projection("The cat sat. The dog ran. The cat sat down.");
        assert_eq!(
            link_for(&p, "dog", 0).directive.as_deref(),
            Some("text=dog")
        );
        // The first occurrence too: browsers take the first match, but a directive that
        // matches twice is ambiguous (the reference polyfill counts every match).
        assert_eq!(
            link_for(&p, "The cat sat", 0).directive.as_deref(),
            Some("text=The%20cat%20sat,-.")
        );
        assert_eq!(
            link_for(&p, "The cat sat", 1).directive.as_deref(),
            Some("text=The%20cat%20sat,-down.")
        );
        // A selection inside a word is widened to whole words for the directive.
        assert_eq!(
            link_for(&p, "og ra", 0).directive.as_deref(),
            Some("text=dog%20ran")
        );
        // Characters whose case fold has another length (a ligature, long s, ß, Armenian
        // ech-yiwn) anywhere in the essay do not cost the directive its context.
        for odd in [
            "\u{fb01}ne",
            "\u{17f}un",
            "Stra\u{df}e",
            "\u{587}",
            "\u{212a}",
        ] {
            let p = projection(
                &[
                    "The cat sat. The dog ran. The cat sat down. A ",
                    odd,
                    " day.",
                ]
                .concat(),
            );
            assert_eq!(
                link_for(&p, "The cat sat", 1).directive.as_deref(),
                Some("text=The%20cat%20sat,-down."),
                "{odd}"
            );
        }
    }

    #[test]
    fn links_counting_utf16_code_units_land_where_they_point() {
        // Twenty emoji (two UTF-16 code units each) before the second "A cat sat.": a tool
        // counting UTF-16 puts it 20 further on than we count, nearer the third one.
        let text = format!("A cat sat. {} A cat sat. A cat sat.", "😀".repeat(20));
        let p = projection(&text);
        let ours = link_for(&p, "A cat sat.", 1);
        assert_eq!(ours.selector.position, 32);
        let expected = p.text.match_indices("A cat sat.").nth(1).unwrap().0;
        for position in [32, 52] {
            let link = DeepLink::parse(&format!("#ee=1~e~{position}~10~~A+cat+sat.~~")).unwrap();
            let found = link.anchor(&p).unwrap();
            assert_eq!(
                (found.start, found.exact),
                (expected, true),
                "position {position}"
            );
        }
    }

    #[test]
    fn long_and_multi_block_passages_use_start_and_end() {
        let p = projection(
            "First paragraph has several words in it.\n\nSecond paragraph also has words.",
        );
        let start = p.text.find("several").unwrap();
        let end = p.text.find("also").unwrap() + 4;
        let link = DeepLink::new("e", &p, start, end).unwrap();
        assert_eq!(
            link.directive.as_deref(),
            Some("text=several%20words%20in%20it.,Second%20paragraph%20also")
        );
        let long = "word ".repeat(100);
        let p = projection(&format!("Start {long}finish here."));
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        assert_eq!(
            link.directive.as_deref(),
            Some("text=Start%20word%20word%20word,word%20word%20finish%20here.")
        );
    }

    #[test]
    fn long_selections_are_cut_at_a_word() {
        let text = "lorem ipsum ".repeat(200);
        let p = projection(&text);
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        let chars = link.shown_quote().chars().count();
        assert!(
            chars <= MAX_QUOTE_CHARS && chars > MAX_QUOTE_CHARS - 20,
            "{chars}"
        );
        let shown = link.shown_quote();
        assert!(
            shown.ends_with("ipsum…") || shown.ends_with("lorem…"),
            "{shown}"
        );
        // The link itself carries only text of the essay, so its ends are found exactly.
        assert!(!link.selector.exact.ends_with('…'));
        assert!(p.text.starts_with(&link.selector.exact));
        let words: Vec<String> = (0..600).map(|i| ["w", &i.to_string()].concat()).collect();
        let p = projection(&words.join(" "));
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        let parsed = DeepLink::parse(&link.fragment()).unwrap();
        let found = parsed.anchor(&p).unwrap();
        assert!(found.exact, "{found:?}");
        assert_eq!(&p.text[found.start..found.end], link.selector.exact);
    }
}
