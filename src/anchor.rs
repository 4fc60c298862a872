//! The essay's plain text, as the share layer sees it.
//!
//! The projection is the text of every body block (its `textContent`) joined by a blank
//! line. Pull quotes and the widget's own words are not part of it, so a selection or a
//! share link always points into what the author wrote, once. Offsets are UTF-8 byte
//! offsets in Rust; the browser shell converts to and from UTF-16 at the boundary.

use crate::markdown::Block;

/// What separates blocks in the projection.
pub const BLOCK_SEPARATOR: &str = "\n\n";

/// The plain text of an essay body and where each block starts in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Projection {
    pub text: String,
    /// `starts[i]` is the offset of block `i` (`data-block="i"`) in `text`.
    pub starts: Vec<usize>,
}

impl Projection {
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

    /// The offset in the projection of `offset` bytes into block `block`, if both exist.
    pub fn offset(&self, block: usize, offset: usize) -> Option<usize> {
        let start = *self.starts.get(block)?;
        let end = self
            .starts
            .get(block + 1)
            .map_or(self.text.len(), |next| next - BLOCK_SEPARATOR.len());
        (start + offset <= end).then_some(start + offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    #[test]
    fn projection_joins_block_texts() {
        let p = Projection::from_blocks(&render("One *two*.\n\n- a\n- b\n\n中文", 2));
        assert_eq!(p.text, "One two.\n\nab\n\n中文");
        assert_eq!(p.starts, vec![0, 10, 14]);
        assert_eq!(p.offset(1, 1), Some(11));
        assert_eq!(&p.text[p.offset(2, 3).unwrap()..], "文");
        assert_eq!(p.offset(1, 3), None);
        assert_eq!(p.offset(3, 0), None);
    }
}
