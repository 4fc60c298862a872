//! The essay's plain text, and finding a passage in it again.
//!
//! The projection is the text of every body block (its `textContent`) joined by a blank
//! line. Pull quotes and the widget's own words are not part of it, so a selection or a
//! share link always points into what the author wrote, once.
//!
//! A passage is stored as a [`Selector`]: its exact text, about 32 characters of context on
//! each side, and its position, all over the whitespace-normalised text (every run of white
//! space is one space), counted in Unicode scalar values. Re-anchoring follows the
//! Hypothesis client (`match-quote.ts`): exact match at the stored position; else the exact
//! occurrences, told apart by context and closeness; else approximate matches (Myers'
//! bit-parallel edit distance, so a 200-character quote in a 100,000-character essay costs
//! well under a millisecond), scored by quote, prefix and suffix similarity and position.
//! When nothing scores well enough there is no match: never a wrong highlight.
//!
//! ```
//! use essay_embed::{load, render, Projection, RenderOptions};
//! // The plain text of an essay's body, as `render` gives it beside the HTML.
//! let projection = |body: &str| -> Projection {
//!     let doc = load(&format!(r#"{{"title":"T","body":"{body}"}}"#)).unwrap().document;
//!     render(&doc, &RenderOptions::default()).unwrap().projection.unwrap()
//! };
//! let old = projection("The cat sat on the mat. The cat sat again.");
//! let at = old.text.rfind("The cat sat").unwrap();
//! let selector = old.selector(at, at + "The cat sat".len()).unwrap();
//! let new = projection("Today the cat sat on the mat. The cat sat again.");
//! let found = new.anchor(&selector).unwrap();
//! assert_eq!(&new.text[found.start..found.end], "The cat sat");
//! assert!(found.start > 20, "the second occurrence, as selected");
//! ```

mod matching;
mod myers;
mod normalize;
// Selections arrive in UTF-16 offsets: only the browser shell maps them.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
mod utf16;

pub(crate) use normalize::fold;
pub use normalize::split_elisions;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub use utf16::{byte_to_utf16, utf16_to_byte};

use crate::render::markdown::Block;
use normalize::{find, Normalized};
use std::cell::OnceCell;

/// What separates blocks in the projection.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// Characters of context kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// The plain text of an essay body and where each block starts in it. Read-only once made:
/// the normalised and case-folded forms of `text` are made on first use and then kept, so
/// a selection, a link or a pull quote costs no pass over the whole essay after the first.
#[derive(Debug, Clone, Default)]
pub struct Projection {
    pub text: String,
    /// `starts[i]` is the byte offset of block `i` (`data-block="i"`) in `text`.
    pub starts: Vec<usize>,
    normalized: OnceCell<Normalized>,
    folded: OnceCell<Vec<char>>,
}

impl PartialEq for Projection {
    fn eq(&self, other: &Projection) -> bool {
        self.text == other.text && self.starts == other.starts
    }
}

impl Eq for Projection {}

/// A stored passage (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selector {
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Start of `exact` in the normalised text, in characters.
    pub position: usize,
}

/// A passage found again: byte offsets into the projection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchored {
    pub start: usize,
    pub end: usize,
    /// The text at `start..end` is the quote, letter for letter.
    pub exact: bool,
    /// 0 to 1: how sure we are (1 for an exact match at the stored position).
    pub score: f32,
}

/// A point in the body: block index and byte offset in that block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockPoint {
    pub block: usize,
    pub offset: usize,
}

impl Projection {
    /// The projection of rendered Markdown blocks. Not part of the API (the blocks' type is
    /// not): a user takes the projection `render` gives.
    #[doc(hidden)]
    pub fn from_blocks(blocks: &[Block]) -> Projection {
        let mut projection = Projection::default();
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                projection.text.push_str(BLOCK_SEPARATOR);
            }
            projection.starts.push(projection.text.len());
            projection.text.push_str(&block.text);
        }
        projection
    }

    fn normalized(&self) -> &Normalized {
        self.normalized.get_or_init(|| Normalized::new(&self.text))
    }

    /// The normalised text folded for case and quote styles, char for char.
    fn folded(&self) -> &[char] {
        self.folded
            .get_or_init(|| self.normalized().chars.iter().map(|&c| fold(c)).collect())
    }

    /// Where block `block`'s text is in `text`: from its start to the separator before the
    /// next block, or to the end; `None` past the last block.
    pub fn block_range(&self, block: usize) -> Option<std::ops::Range<usize>> {
        let start = *self.starts.get(block)?;
        let end = self.starts.get(block + 1).map_or(self.text.len(), |next| {
            next.saturating_sub(BLOCK_SEPARATOR.len())
        });
        Some(start..end)
    }

    /// The text of block `block` (its `textContent`); empty past the last block.
    pub fn block_text(&self, block: usize) -> &str {
        self.block_range(block)
            .and_then(|range| self.text.get(range))
            .unwrap_or("")
    }

    /// The offset in the projection of `offset` bytes into block `block`, if both exist.
    pub fn offset(&self, point: BlockPoint) -> Option<usize> {
        let range = self.block_range(point.block)?;
        let at = range.start.checked_add(point.offset)?;
        (at <= range.end && self.text.is_char_boundary(at)).then_some(at)
    }

    /// The block point of a projection offset. An offset in a separator belongs to the next
    /// block when `forward`, else to the previous one.
    pub fn point(&self, offset: usize, forward: bool) -> Option<BlockPoint> {
        if offset > self.text.len() || self.starts.is_empty() {
            return None;
        }
        let block = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let range = self.block_range(block)?;
        if offset <= range.end {
            Some(BlockPoint {
                block,
                offset: offset.saturating_sub(range.start),
            })
        } else if forward && block + 1 < self.starts.len() {
            Some(BlockPoint {
                block: block + 1,
                offset: 0,
            })
        } else {
            Some(BlockPoint {
                block,
                offset: range.end.saturating_sub(range.start),
            })
        }
    }

    /// The selector for bytes `start..end` of the projection. White space at the edges is
    /// dropped; `None` when nothing but white space is selected.
    pub fn selector(&self, start: usize, end: usize) -> Option<Selector> {
        let norm = self.normalized();
        let (mut s, mut e) = (norm.index_of_byte(start)?, norm.index_of_byte(end)?);
        while s < e && norm.chars.get(s) == Some(&' ') {
            s += 1;
        }
        while e > s && norm.chars.get(e - 1) == Some(&' ') {
            e -= 1;
        }
        if s == e {
            return None;
        }
        let slice = |a: usize, b: usize| {
            norm.chars
                .get(a..b)
                .map(|c| c.iter().collect::<String>())
                .unwrap_or_default()
        };
        Some(Selector {
            exact: slice(s, e),
            prefix: slice(s.saturating_sub(CONTEXT_CHARS), s),
            suffix: slice(e, (e + CONTEXT_CHARS).min(norm.chars.len())),
            position: s,
        })
    }

    /// The byte span of characters `start..end` of the normalised text (positions as
    /// selectors count them); `None` past its end.
    pub fn chars_to_bytes(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let norm = self.normalized();
        Some((norm.byte(start)?, norm.byte(end)?)).filter(|(s, e)| s < e)
    }

    /// The span of a pull quote in the body: from its first part to its last (parts split
    /// at elisions), matched ignoring case and typographic quote styles.
    pub fn find_quote(&self, quote: &str) -> Option<(usize, usize)> {
        let norm = self.normalized();
        let folded = self.folded();
        let mut parts = split_elisions(quote).into_iter().filter(|p| !p.is_empty());
        let first: Vec<char> = parts.next()?.chars().map(fold).collect();
        let start = find(folded, &first, 0)?;
        let mut end = start + first.len();
        for part in parts {
            let part: Vec<char> = part.chars().map(fold).collect();
            let at = find(folded, &part, end)?;
            end = at + part.len();
        }
        Some((norm.byte(start)?, norm.byte(end)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::render;

    pub(super) fn projection(md: &str) -> Projection {
        Projection::from_blocks(&render(md, 2))
    }

    #[test]
    fn a_pull_quote_is_found_whatever_its_case() {
        // A pull quote typed in lowercase, with a final sigma, against capitals in the body.
        let p = projection("Then ΟΔΥΣΣΕΥΣ came home.\n\nThe END.");
        let (s, e) = p.find_quote("οδυσσευς came home").unwrap();
        assert_eq!(&p.text[s..e], "ΟΔΥΣΣΕΥΣ came home");
    }

    #[test]
    fn projection_joins_block_texts_and_maps_points() {
        let p = projection("One *two*.\n\n- a\n- b\n\n中文");
        assert_eq!(p.text, "One two.\n\nab\n\n中文");
        assert_eq!(p.starts, vec![0, 10, 14]);
        assert_eq!(
            p.offset(BlockPoint {
                block: 1,
                offset: 1
            }),
            Some(11)
        );
        assert_eq!(
            &p.text[p
                .offset(BlockPoint {
                    block: 2,
                    offset: 3
                })
                .unwrap()..],
            "文"
        );
        assert_eq!(
            p.offset(BlockPoint {
                block: 1,
                offset: 3
            }),
            None
        );
        assert_eq!(
            p.offset(BlockPoint {
                block: 2,
                offset: 1
            }),
            None,
            "not a char boundary"
        );
        assert_eq!(
            p.point(9, true),
            Some(BlockPoint {
                block: 1,
                offset: 0
            })
        );
        assert_eq!(
            p.point(9, false),
            Some(BlockPoint {
                block: 0,
                offset: 8
            })
        );
        assert_eq!(
            p.point(12, false),
            Some(BlockPoint {
                block: 1,
                offset: 2
            })
        );
    }

    #[test]
    fn selectors_normalise_white_space_and_keep_context() {
        let p = projection("First   para\nline.\n\nSecond para.");
        let start = p.text.find("para").unwrap();
        let end = p.text.find("Second").unwrap() + 6;
        let sel = p.selector(start, end).unwrap();
        assert_eq!(sel.exact, "para line. Second");
        assert_eq!(sel.prefix, "First ");
        assert_eq!(sel.suffix, " para.");
        assert_eq!(sel.position, 6);
        assert_eq!(p.selector(5, 6), None, "white space only");
    }

    #[test]
    fn pull_quotes_placed_by_the_renderer_are_found_for_sharing() {
        // Typed with a hyphen and straight quotes; the body has an en dash and curly ones.
        let essay = crate::content::model::load(
            r#"{"title":"T","body":"Intro.\n\nThe “strong” – and the weak.","pull_quotes":["the \"strong\" - and the weak"]}"#,
        )
        .unwrap()
        .document;
        let body = crate::render::view::body(&essay.essays[0], 1);
        assert_eq!(body.placements, vec![Some(1)]);
        let p = Projection::from_blocks(&body.blocks);
        let (s, e) = p.find_quote(&essay.essays[0].pull_quotes[0].text).unwrap();
        assert_eq!(&p.text[s..e], "The “strong” – and the weak");
    }

    #[test]
    fn pull_quotes_with_elisions_are_found_in_the_body() {
        let p = projection("In China’s highly centralized political system, in which experts are scattered, the blessing of top political leadership is key to momentum.");
        let (s, e) = p.find_quote("In China's highly centralized political system . . . the blessing of top political leadership is key.").unwrap();
        assert_eq!(&p.text[s..e], "In China’s highly centralized political system, in which experts are scattered, the blessing of top political leadership is key");
        assert_eq!(p.find_quote("not in the essay"), None);
    }
}
