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
//! use essay_embed::{render::markdown::render, share::anchor::Projection};
//! let old = Projection::from_blocks(&render("The cat sat on the mat. The cat sat again.", 2));
//! let at = old.text.rfind("The cat sat").unwrap();
//! let selector = old.selector(at, at + "The cat sat".len()).unwrap();
//! let new = Projection::from_blocks(&render("Today the cat sat on the mat. The cat sat again.", 2));
//! let found = new.anchor(&selector).unwrap();
//! assert_eq!(&new.text[found.start..found.end], "The cat sat");
//! assert!(found.start > 20, "the second occurrence, as selected");
//! ```

use crate::render::markdown::Block;
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

    fn block_end(&self, block: usize) -> usize {
        self.starts
            .get(block + 1)
            .map_or(self.text.len(), |next| next - BLOCK_SEPARATOR.len())
    }

    /// The offset in the projection of `offset` bytes into block `block`, if both exist.
    pub fn offset(&self, point: BlockPoint) -> Option<usize> {
        let start = *self.starts.get(point.block)?;
        let at = start.checked_add(point.offset)?;
        (at <= self.block_end(point.block) && self.text.is_char_boundary(at)).then_some(at)
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
        let end = self.block_end(block);
        if offset <= end {
            let start = self.starts.get(block).copied().unwrap_or(0);
            Some(BlockPoint {
                block,
                offset: offset - start,
            })
        } else if forward && block + 1 < self.starts.len() {
            Some(BlockPoint {
                block: block + 1,
                offset: 0,
            })
        } else {
            Some(BlockPoint {
                block,
                offset: end - self.starts.get(block).copied().unwrap_or(0),
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

    /// Finds `selector` again (see the module docs).
    pub fn anchor(&self, selector: &Selector) -> Option<Anchored> {
        let norm = self.normalized();
        let (s, e, exact, score) = anchor_normalized(norm, selector)?;
        Some(Anchored {
            start: norm.byte(s)?,
            end: norm.byte(e)?,
            exact,
            score,
        })
    }

    /// Finds a long passage again from its first characters (`head`, with the passage's
    /// prefix and position) and its last ones (`tail`, followed by `suffix`), `length`
    /// characters in all: the head first, then the tail where the length puts it. Kept only
    /// when the span found is close to `length` (a quarter either way).
    pub fn anchor_ends(
        &self,
        head: &Selector,
        tail: &str,
        suffix: &str,
        length: usize,
    ) -> Option<Anchored> {
        // One normalisation of the text for both ends: it is most of the work when the
        // passage is where it was.
        let norm = self.normalized();
        let (a_start, a_end, a_exact, a_score) = anchor_normalized(norm, head)?;
        // The tail is only looked for after the head and no further than a span kept below
        // could reach (plus room for its suffix): not in the whole text again.
        let reach = a_start
            .saturating_add(length.saturating_mul(5).saturating_add(32) / 4)
            .saturating_add(CONTEXT_CHARS)
            .min(norm.chars.len());
        let window = norm.chars.get(a_end..reach)?;
        let tail_chars = normalize_chars(tail);
        let tail = Selector {
            exact: tail.to_owned(),
            prefix: String::new(),
            suffix: suffix.to_owned(),
            // A link's numbers are anyone's: saturate rather than overflow.
            position: a_start
                .saturating_add(length)
                .saturating_sub(tail_chars.len())
                .saturating_sub(a_end),
        };
        let (b_start, b_end, b_exact, b_score) = anchor_chars(window, &tail_chars, &tail)?;
        let (b_start, b_end) = (b_start + a_end, b_end + a_end);
        let span = b_end.checked_sub(a_start)?;
        let span4 = span.saturating_mul(4);
        let close = span4 >= length.saturating_mul(3)
            && span4 <= length.saturating_mul(5).saturating_add(32);
        (b_start >= a_end && close).then_some(Anchored {
            start: norm.byte(a_start)?,
            end: norm.byte(b_end)?,
            exact: a_exact && b_exact && span == length,
            score: a_score.min(b_score),
        })
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

/// The byte offset in `text` of a UTF-16 offset (the DOM's unit); `None` past the end or
/// inside a surrogate pair.
pub fn utf16_to_byte(text: &str, utf16: usize) -> Option<usize> {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        if units == utf16 {
            return Some(at);
        }
        units += c.len_utf16();
        if units > utf16 {
            return None;
        }
    }
    (units == utf16).then_some(text.len())
}

/// The UTF-16 offset of byte offset `byte` in `text` (clamped to the text).
pub fn byte_to_utf16(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or(0, |t| t.encode_utf16().count())
}

/// The index of the character that starts at UTF-16 offset `units` of `text`, when it
/// differs from `units` (some character before it is outside the BMP); `None` otherwise.
fn char_index_of_utf16(text: &[char], units: usize) -> Option<usize> {
    let mut counted = 0usize;
    for (i, c) in text.iter().enumerate() {
        if counted >= units {
            return (counted == units && i != units).then_some(i);
        }
        counted += c.len_utf16();
    }
    (counted == units && text.len() != units).then_some(text.len())
}

/// `text` with every run of white space as one space, and where each character came from.
#[derive(Debug, Clone, Default)]
struct Normalized {
    chars: Vec<char>,
    /// Byte offset in the original text of each character, plus the end.
    bytes: Vec<usize>,
}

impl Normalized {
    fn new(text: &str) -> Normalized {
        let mut chars = Vec::with_capacity(text.len());
        let mut bytes = Vec::with_capacity(text.len() + 1);
        let mut in_space = false;
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !in_space {
                    chars.push(' ');
                    bytes.push(at);
                }
                in_space = true;
            } else {
                chars.push(c);
                bytes.push(at);
                in_space = false;
            }
        }
        bytes.push(text.len());
        Normalized { chars, bytes }
    }

    fn byte(&self, index: usize) -> Option<usize> {
        self.bytes.get(index).copied()
    }

    /// The character index holding byte `at` (a later space of a collapsed run maps to it).
    fn index_of_byte(&self, at: usize) -> Option<usize> {
        match self.bytes.binary_search(&at) {
            Ok(i) => Some(i),
            Err(0) => None,
            // Inside a collapsed run of white space, or mid-character: round up.
            Err(i) if i < self.bytes.len() => Some(i),
            Err(_) => None,
        }
    }
}

fn normalize_chars(text: &str) -> Vec<char> {
    Normalized::new(text.trim()).chars
}

/// Case, typographic quotes and dashes folded: how a pull quote is matched to its sentence,
/// both to place it (`render`) and to share it, so the two always agree.
pub(crate) fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' => '-',
        c if c.is_whitespace() => ' ',
        c => unicase::fold_char(c),
    }
}

/// The parts of a quote between elisions ("…", ". . .", "..."), trimmed of spaces and
/// punctuation at their edges.
pub fn split_elisions(quote: &str) -> Vec<String> {
    let quote = crate::share::search::replace(quote, ". . .", "\u{2026}");
    let quote = crate::share::search::replace(&quote, "...", "\u{2026}");
    quote
        .split('\u{2026}')
        .map(|p| {
            let p = p.trim_matches(|c: char| {
                c.is_whitespace() || c.is_ascii_punctuation() || c == '\u{3002}'
            });
            p.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect()
}

/// The first occurrence of `needle` in `hay` at or after `from`.
fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (from..=last_start)
        .find(|&i| hay.get(i) == Some(&first) && hay.get(i..i + needle.len()) == Some(needle))
}

/// Weights from the Hypothesis client: the quote matters most, then its context, then
/// being near where it was.
const QUOTE_WEIGHT: f32 = 50.0;
const CONTEXT_WEIGHT: f32 = 20.0;
const POSITION_WEIGHT: f32 = 2.0;

/// [`anchor_chars`] of `sel` in an already normalised text.
fn anchor_normalized(norm: &Normalized, sel: &Selector) -> Option<(usize, usize, bool, f32)> {
    anchor_chars(&norm.chars, &normalize_chars(&sel.exact), sel)
}

/// A candidate's scores, each 0 to 1: how much its text, the text before and after it, and
/// its position agree with the selector's. An unchanged passage scores 1 on the first three.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Parts {
    quote: f32,
    prefix: f32,
    suffix: f32,
    position: f32,
}

impl Parts {
    fn total(&self) -> f32 {
        (QUOTE_WEIGHT * self.quote
            + CONTEXT_WEIGHT * self.prefix
            + CONTEXT_WEIGHT * self.suffix
            + POSITION_WEIGHT * self.position)
            / (QUOTE_WEIGHT + 2.0 * CONTEXT_WEIGHT + POSITION_WEIGHT)
    }
}

/// Scores candidates for one selector in one normalised text.
struct Scorer<'a> {
    text: &'a [char],
    /// The stored context, normalised as the text is (runs of white space as one space) but
    /// not trimmed: it is compared with the characters right next to a candidate, so a
    /// prefix that ends in a space must keep it.
    prefix: Vec<char>,
    suffix: Vec<char>,
    position: usize,
}

impl<'a> Scorer<'a> {
    fn new(text: &'a [char], sel: &Selector) -> Scorer<'a> {
        Scorer {
            text,
            prefix: Normalized::new(&sel.prefix).chars,
            suffix: Normalized::new(&sel.suffix).chars,
            position: sel.position,
        }
    }

    /// The parts of a candidate at `start..end` whose quote similarity is `quote`.
    fn parts(&self, start: usize, end: usize, quote: f32) -> Parts {
        let text = self.text;
        let before = text
            .get(start.saturating_sub(self.prefix.len())..start)
            .unwrap_or(&[]);
        let after = text
            .get(end..end.saturating_add(self.suffix.len()).min(text.len()))
            .unwrap_or(&[]);
        Parts {
            quote,
            prefix: similarity(&self.prefix, before),
            suffix: similarity(&self.suffix, after),
            position: 1.0
                - (start.abs_diff(self.position) as f32 / text.len().max(1) as f32).min(1.0),
        }
    }
}

fn anchor_chars(
    text: &[char],
    quote: &[char],
    sel: &Selector,
) -> Option<(usize, usize, bool, f32)> {
    if quote.is_empty() || text.is_empty() {
        return None;
    }
    // 1. Exactly where it was: `position` counts characters, or, from a tool that counts
    // as JavaScript strings do, UTF-16 code units; the quote being there tells which.
    // (`position` may come from a link: a huge one must not overflow.)
    // Taken at once only where its context agrees too: an edit before the passage can
    // move another occurrence of a short or repeated quote to the stored position.
    let scorer = Scorer::new(text, sel);
    // (The UTF-16 reading walks the text up to the position: only when the first fails.)
    let positions = std::iter::once(Some(sel.position)).chain(std::iter::once_with(|| {
        char_index_of_utf16(text, sel.position)
    }));
    for position in positions {
        let Some(position) = position else { continue };
        let end = position.saturating_add(quote.len());
        let parts = scorer.parts(position, end, 1.0);
        if text.get(position..end) == Some(quote) && parts.prefix == 1.0 && parts.suffix == 1.0 {
            return Some((position, end, true, 1.0));
        }
    }
    // 2. Exact occurrences elsewhere, told apart by context and closeness.
    let mut best: Option<(usize, usize, bool, f32)> = None;
    let mut from = 0;
    while let Some(at) = find(text, quote, from) {
        let score = scorer.parts(at, at + quote.len(), 1.0).total();
        if best.is_none_or(|b| score > b.3) {
            best = Some((at, at + quote.len(), true, score));
        }
        from = at + 1;
    }
    if best.is_some() {
        return best;
    }
    // 3. Approximate: at most a quarter of the quote's characters edited.
    let max_errors = quote.len() / 4;
    if max_errors == 0 {
        return None;
    }
    for (mut start, mut end, errors) in approximate_matches(text, quote, max_errors) {
        // An edit at the edge may have pulled in the space beyond a word: leave it out.
        while start < end && text.get(start) == Some(&' ') {
            start += 1;
        }
        while end > start && text.get(end - 1) == Some(&' ') {
            end -= 1;
        }
        let q = 1.0 - errors as f32 / quote.len() as f32;
        let parts = scorer.parts(start, end, q);
        // Heavier edits need the context to agree, or we would highlight the wrong thing.
        if q < 0.9 && parts.prefix.max(parts.suffix) < 0.5 {
            continue;
        }
        let score = parts.total();
        if best.is_none_or(|b| score > b.3) {
            best = Some((start, end, false, score));
        }
    }
    best.filter(|b| b.3 >= 0.5)
}

/// 1 − (edit distance / length of `expected`); 1 when both are empty.
fn similarity(expected: &[char], actual: &[char]) -> f32 {
    if expected.is_empty() {
        return 1.0;
    }
    1.0 - (levenshtein(expected, actual) as f32 / expected.len() as f32).min(1.0)
}

/// Plain edit distance, for short context strings.
fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row.first().copied().unwrap_or(0);
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(0);
            let left = row.get(j).copied().unwrap_or(0);
            let value = (diagonal + usize::from(ca != cb)).min(up + 1).min(left + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = value;
            }
        }
    }
    row.last().copied().unwrap_or(0)
}

/// Myers' bit-parallel approximate matcher, in 64-bit blocks for long patterns: for each
/// end position in `text`, the least edit distance of `pattern` to a substring ending there.
struct Myers {
    blocks: usize,
    last_bit: Vec<u64>,
    ascii: Vec<Vec<u64>>,
    /// Non-ASCII pattern characters and their masks, sorted by character (a map's code would
    /// cost the wasm more than this binary search).
    other: Vec<(char, Vec<u64>)>,
    zero: Vec<u64>,
}

impl Myers {
    fn new(pattern: &[char]) -> Myers {
        let blocks = pattern.len().div_ceil(64);
        let mut ascii = vec![vec![0u64; blocks]; 128];
        let mut other: Vec<(char, Vec<u64>)> = Vec::new();
        for (i, &c) in pattern.iter().enumerate() {
            let words = match ascii.get_mut(c as usize) {
                Some(words) => words,
                None => {
                    let at = match other.binary_search_by(|(k, _)| k.cmp(&c)) {
                        Ok(at) => at,
                        Err(at) => {
                            other.insert(at, (c, vec![0; blocks]));
                            at
                        }
                    };
                    match other.get_mut(at) {
                        Some((_, words)) => words,
                        None => continue,
                    }
                }
            };
            if let Some(word) = words.get_mut(i / 64) {
                *word |= 1 << (i % 64);
            }
        }
        let last_bit = (0..blocks)
            .map(|b| {
                if b + 1 == blocks {
                    1u64 << ((pattern.len() - 1) % 64)
                } else {
                    1u64 << 63
                }
            })
            .collect();
        Myers {
            blocks,
            last_bit,
            ascii,
            other,
            zero: vec![0; blocks],
        }
    }

    fn peq(&self, c: char) -> &[u64] {
        match self.ascii.get(c as usize) {
            Some(words) => words,
            None => match self.other.binary_search_by(|(k, _)| k.cmp(&c)) {
                Ok(at) => self.other.get(at).map_or(&self.zero, |(_, words)| words),
                Err(_) => &self.zero,
            },
        }
    }

    /// Calls `visit(index, distance)` for each text position (the match ends before index+1).
    fn scan(
        &self,
        text: impl Iterator<Item = char>,
        pattern_len: usize,
        mut visit: impl FnMut(usize, usize),
    ) {
        let mut pv = vec![!0u64; self.blocks];
        let mut mv = vec![0u64; self.blocks];
        let mut score = pattern_len as isize;
        for (j, c) in text.enumerate() {
            let peq = self.peq(c);
            let mut carry: i8 = 0;
            for b in 0..self.blocks {
                let (Some(p), Some(m), Some(&eq), Some(&last)) = (
                    pv.get_mut(b),
                    mv.get_mut(b),
                    peq.get(b),
                    self.last_bit.get(b),
                ) else {
                    continue;
                };
                carry = advance_block(p, m, eq, carry, last);
            }
            score += isize::from(carry);
            visit(j, score.max(0) as usize);
        }
    }
}

/// One 64-row block of Myers' algorithm for one text character; `h_in` is the horizontal
/// delta entering the block from below (0 for the first block: a match may start anywhere).
fn advance_block(pv: &mut u64, mv: &mut u64, eq: u64, h_in: i8, last_bit: u64) -> i8 {
    let (p, m) = (*pv, *mv);
    let h_in_neg = u64::from(h_in < 0);
    let h_in_pos = u64::from(h_in > 0);
    let eq = eq | h_in_neg;
    let xv = eq | m;
    let xh = ((eq & p).wrapping_add(p) ^ p) | eq;
    let mut ph = m | !(xh | p);
    let mut mh = p & xh;
    let h_out = if ph & last_bit != 0 {
        1
    } else if mh & last_bit != 0 {
        -1
    } else {
        0
    };
    ph = (ph << 1) | h_in_pos;
    mh = (mh << 1) | h_in_neg;
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    h_out
}

/// Candidate matches of `pattern` with at most `max_errors` edits: `(start, end, errors)`,
/// one per cluster of end positions (its best), best first, at most 16.
fn approximate_matches(
    text: &[char],
    pattern: &[char],
    max_errors: usize,
) -> Vec<(usize, usize, usize)> {
    let forward = Myers::new(pattern);
    let mut ends: Vec<(usize, usize)> = Vec::new();
    forward.scan(text.iter().copied(), pattern.len(), |j, d| {
        if d <= max_errors {
            match ends.last_mut() {
                // Neighbouring ends describe the same match: keep the better.
                Some(last) if j - last.0 <= pattern.len() / 2 => {
                    // On a tie the later end wins: a substituted last letter, not a dropped one.
                    if d <= last.1 {
                        *last = (j, d);
                    }
                }
                _ => ends.push((j, d)),
            }
        }
    });
    keep_best(&mut ends, 16);
    let reversed: Vec<char> = pattern.iter().rev().copied().collect();
    let backward = Myers::new(&reversed);
    ends.into_iter()
        .filter_map(|(j, d)| {
            // Run the reversed pattern backwards from the end to find where the match starts.
            let end = j + 1;
            let window_start = end.saturating_sub(pattern.len() + max_errors);
            let window = text.get(window_start..end)?;
            let mut start = None;
            backward.scan(window.iter().rev().copied(), pattern.len(), |k, dist| {
                if dist <= d && start.is_none_or(|(_, best)| dist <= best) {
                    start = Some((end - 1 - k, dist));
                }
            });
            start.map(|(s, _)| (s, end, d))
        })
        .collect()
}

/// Keeps the `n` best `(end, distance)` pairs (least distance, then earliest end), best
/// first, without a general sort (whose code would cost the wasm more than this).
fn keep_best(ends: &mut Vec<(usize, usize)>, n: usize) {
    let mut best: Vec<(usize, usize)> = Vec::with_capacity(n + 1);
    for &(j, d) in ends.iter() {
        let at = best
            .iter()
            .position(|&(bj, bd)| (d, j) < (bd, bj))
            .unwrap_or(best.len());
        if at < n {
            best.insert(at, (j, d));
            best.truncate(n);
        }
    }
    *ends = best;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::render;

    fn projection(md: &str) -> Projection {
        Projection::from_blocks(&render(md, 2))
    }

    fn select(p: &Projection, needle: &str, nth: usize) -> Selector {
        let at = p.text.match_indices(needle).nth(nth).unwrap().0;
        p.selector(at, at + needle.len()).unwrap()
    }

    fn found<'a>(p: &'a Projection, sel: &Selector) -> Option<&'a str> {
        p.anchor(sel).map(|a| &p.text[a.start..a.end])
    }

    const ESSAY: &str = "All major powers must recognize that, despite their strategic competition, they have a common interest in pursuing arms control.\n\nThus, the United States should be able to engage China on arms control if it sets the right goals. But if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?\n\nWashington cannot coerce Beijing by threatening to start an arms race.";

    #[test]
    fn a_long_passage_is_found_by_its_ends_after_copy_edits() {
        let p = projection(ESSAY);
        let start = p.text.find("Thus, the United").unwrap();
        let end = p.text.find("help?").unwrap() + "help?".len();
        let sel = p.selector(start, end).unwrap();
        let length = sel.exact.chars().count();
        let head = Selector {
            exact: sel.exact.chars().take(32).collect(),
            suffix: String::new(),
            ..sel.clone()
        };
        let tail: String = sel.exact.chars().skip(length - 32).collect();
        let found = p.anchor_ends(&head, &tail, &sel.suffix, length).unwrap();
        assert_eq!((found.start, found.end, found.exact), (start, end, true));

        // A word inserted in the head, one dropped in the middle, a typo in the tail.
        let edited = projection(
            &ESSAY
                .replace("Thus, the United", "Thus, the very United")
                .replace("the right goals", "the goals")
                .replace("Beijing help?", "Beijjing help?"),
        );
        let found = edited
            .anchor_ends(&head, &tail, &sel.suffix, length)
            .unwrap();
        let text = &edited.text[found.start..found.end];
        assert!(text.starts_with("Thus, the very United") && text.ends_with("Beijjing help?"));
        assert!(!found.exact);

        // A tail further than the passage's length allows is not taken.
        let far = projection(&ESSAY.replace("the right goals", &"and so on ".repeat(30)));
        assert_eq!(far.anchor_ends(&head, &tail, &sel.suffix, length), None);
    }

    /// Words for random essays: Latin with punctuation and diacritics, CJK, Arabic, emoji.
    const WORDS: &[&str] = &[
        "Rust,",
        "the",
        "web",
        "«wasm»",
        "arms",
        "control.",
        "naïve",
        "Beijing",
        "“quoted”",
        "中文",
        "竞争。",
        "العربية",
        "جملة،",
        "😀",
        "a",
        "I",
        "—",
        "don't",
        "x-y",
        "(aside)",
    ];

    fn random_essay() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = proptest::sample::select(WORDS);
        let paragraph = proptest::collection::vec(word, 1..14).prop_map(|w| w.join(" "));
        proptest::collection::vec(paragraph, 1..5).prop_map(|p| p.join("\n\n"))
    }

    /// The scores of the passage `start..end` (characters of the normalised text) for `sel`.
    fn parts_at(p: &Projection, sel: &Selector, start: usize, end: usize) -> Parts {
        let norm = Normalized::new(&p.text);
        let quote = normalize_chars(&sel.exact);
        let q = if norm.chars.get(start..end) == Some(&quote[..]) {
            1.0
        } else {
            0.0
        };
        Scorer::new(&norm.chars, sel).parts(start, end, q)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 400, ..Default::default() })]

        /// An unchanged passage scores 1 on quote, prefix and suffix wherever it is, the first
        /// and last words included, and is found again where it now is after text was added
        /// before and after it (its stored position is then wrong).
        #[test]
        fn an_unchanged_passage_scores_one_on_every_part(
            essay in random_essay(),
            a in proptest::prelude::any::<proptest::sample::Index>(),
            b in proptest::prelude::any::<proptest::sample::Index>(),
            edge in 0..4u8,
        ) {
            let p = projection(&essay);
            let chars: Vec<(usize, char)> = p.text.char_indices().collect();
            let n = chars.len();
            let (mut s, mut e) = (a.index(n + 1), b.index(n + 1));
            if s > e { std::mem::swap(&mut s, &mut e); }
            match edge { 1 => s = 0, 2 => e = n, 3 => { s = 0; e = n; } _ => {} }
            let byte = |i: usize| chars.get(i).map_or(p.text.len(), |c| c.0);
            let Some(sel) = p.selector(byte(s), byte(e)) else { return Ok(()) };
            let len = sel.exact.chars().count();
            let here = parts_at(&p, &sel, sel.position, sel.position + len);
            proptest::prop_assert_eq!(here, Parts { quote: 1.0, prefix: 1.0, suffix: 1.0, position: 1.0 }, "{:?}", sel);
            let found = p.anchor(&sel).unwrap();
            proptest::prop_assert!(found.exact && found.score == 1.0);

            let opening = "An opening paragraph was added.";
            let moved = projection(&[opening, "\n\n", &essay, "\n\nAnd a closing one."].concat());
            let shift = opening.chars().count() + 1;
            let there = parts_at(&moved, &sel, sel.position + shift, sel.position + shift + len);
            proptest::prop_assert_eq!((there.quote, there.prefix, there.suffix), (1.0, 1.0, 1.0), "{:?}", sel);
            let found = moved.anchor(&sel).unwrap();
            let norm = Normalized::new(&moved.text);
            proptest::prop_assert!(found.exact);
            let at = norm.index_of_byte(found.start).unwrap();
            // Elsewhere only if the passage and all its context repeat there, letter for letter.
            if at != sel.position + shift {
                let other = parts_at(&moved, &sel, at, at + len);
                proptest::prop_assert_eq!((other.quote, other.prefix, other.suffix), (1.0, 1.0, 1.0), "{:?}", sel);
            }
        }
    }

    #[test]
    fn the_stored_position_is_taken_at_once_only_where_the_context_agrees() {
        // A paragraph added before the passage puts another "a" at its stored position.
        let p = projection("Once upon a time.");
        let sel = select(&p, "a", 0);
        assert_eq!(sel.position, 10);
        let moved = projection("So I said a thing.\n\nOnce upon a time.");
        assert_eq!(&moved.text[10..11], "a");
        let found = moved.anchor(&sel).unwrap();
        assert_eq!(found.start, moved.text.find("a time").unwrap());
    }

    #[test]
    fn context_is_compared_with_the_characters_next_to_the_passage() {
        // Short contexts at both ends of the essay, each with a space at its inner edge.
        let p = projection("Rust, wasm and the web.");
        let sel = p.selector(6, 10).unwrap();
        assert_eq!(
            (sel.prefix.as_str(), sel.exact.as_str(), sel.suffix.as_str()),
            ("Rust, ", "wasm", " and the web.")
        );
        let moved = projection("Today: Rust, wasm and the web.");
        let at = moved.text.find("wasm").unwrap();
        let parts = parts_at(&moved, &sel, at, at + 4);
        assert_eq!((parts.quote, parts.prefix, parts.suffix), (1.0, 1.0, 1.0));
    }

    #[test]
    fn fold_is_unicode_case_folding_char_for_char() {
        assert_eq!(fold('A'), 'a');
        assert_eq!(fold('\u{130}'), 'i'); // İ folds to "i\u{307}": its first char
        assert_eq!(fold('\u{3a3}'), fold('\u{3c2}')); // Σ and final ς both fold to σ
        assert_eq!(fold('\u{17f}'), 's'); // long s
        assert_eq!(fold('\u{212a}'), 'k'); // Kelvin sign
        assert_eq!(fold('\u{2014}'), '-');
        assert_eq!(fold('\u{201c}'), '"');
        assert_eq!(fold('\u{a0}'), ' ');
        assert_eq!(fold('中'), '中');
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
    fn exact_at_position_and_repeated_phrases() {
        let p = projection(ESSAY);
        for nth in 0..3 {
            let sel = select(&p, "arms control", nth);
            let a = p.anchor(&sel).unwrap();
            assert_eq!(
                a.start,
                p.text.match_indices("arms control").nth(nth).unwrap().0,
                "occurrence {nth}"
            );
            assert!(a.exact);
        }
        // The same phrase after an edit moved everything: context picks the right one.
        let sel = select(&p, "arms control", 2);
        let edited =
            projection(&ESSAY.replace("All major powers", "Today, all of the major powers"));
        let a = edited.anchor(&sel).unwrap();
        assert_eq!(
            a.start,
            edited.text.match_indices("arms control").nth(2).unwrap().0
        );
    }

    #[test]
    fn survives_small_edits() {
        let p = projection(ESSAY);
        let quote = "But if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?";
        let sel = select(&p, quote, 0);
        for (what, edited_quote) in [
            ("typo fixed", "But if Washington continues to present arms control as a tool to compete with Bejing, why would Beijing help?"),
            ("punctuation", "But if Washington continues to present arms control as a tool to compete with Beijing — why would Beijing help?"),
            ("word inserted", "But if Washington continues to present arms control merely as a tool to compete with Beijing, why would Beijing help?"),
            ("word removed", "But if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help"),
        ] {
            let edited = projection(&ESSAY.replace(quote, edited_quote));
            let a = edited.anchor(&sel).unwrap_or_else(|| panic!("{what}"));
            assert_eq!(&edited.text[a.start..a.end].trim_end_matches('?'), &edited_quote.trim_end_matches('?'), "{what}");
            assert!(!a.exact);
        }
    }

    #[test]
    fn no_match_rather_than_a_wrong_one() {
        let p = projection(ESSAY);
        let sel = select(&p, "Washington cannot coerce Beijing", 0);
        let rewritten = projection(
            "An entirely different essay about fisheries and the price of cod in winter.",
        );
        assert_eq!(found(&rewritten, &sel), None);
        assert_eq!(projection("").anchor(&sel), None);
        let empty = Selector::default();
        assert_eq!(p.anchor(&empty), None);
    }

    #[test]
    fn quotes_at_the_very_start_and_end() {
        let p = projection(ESSAY);
        let first = p.selector(0, 3).unwrap();
        assert_eq!((first.exact.as_str(), first.prefix.as_str()), ("All", ""));
        assert_eq!(found(&p, &first), Some("All"));
        let last = p.selector(p.text.len() - 5, p.text.len()).unwrap();
        assert_eq!((last.exact.as_str(), last.suffix.as_str()), ("race.", ""));
        assert_eq!(found(&p, &last), Some("race."));
    }

    #[test]
    fn cjk_rtl_emoji_and_combining_marks() {
        let text = "所有大国都必须认识到😀，尽管存在战略竞争。\n\nهذه فقرة أولى. وفيها جملة مقتبسة.\n\nCafe\u{301} au lait, s'il vous plaît.";
        let p = projection(text);
        for needle in ["认识到😀，尽管", "وفيها جملة", "Cafe\u{301} au", "😀"] {
            let sel = select(&p, needle, 0);
            assert_eq!(found(&p, &sel), Some(needle));
        }
        let sel = select(&p, "尽管存在战略竞争", 0);
        let edited = projection(&text.replace("所有大国", "今天所有的大国"));
        assert_eq!(found(&edited, &sel), Some("尽管存在战略竞争"));
        let long = select(&p, "وفيها جملة مقتبسة", 0);
        let typo = projection(&text.replace("مقتبسة", "مقتبسه"));
        assert_eq!(found(&typo, &long), Some("وفيها جملة مقتبسه"));
    }

    #[test]
    fn long_quotes_use_several_blocks_of_bits() {
        let sentence = "word ".repeat(60) + "the distinctive ending of a very long quotation";
        let text = format!("Intro paragraph.\n\n{sentence}.\n\nOutro.");
        let p = projection(&text);
        let sel = select(&p, &sentence, 0);
        assert!(sel.exact.chars().count() > 128);
        let edited_sentence = sentence
            .replacen("word", "wrd", 3)
            .replace("distinctive", "distinctively");
        let edited = projection(&text.replace(&sentence, &edited_sentence));
        assert_eq!(found(&edited, &sel), Some(edited_sentence.as_str()));
    }

    #[test]
    fn myers_matches_plain_dynamic_programming() {
        // Cross-check the bit-parallel distances against the textbook recurrence.
        let text: Vec<char> = "abcabdabXcabcaxbcab".chars().collect();
        let pattern: Vec<char> = "abcab".chars().collect();
        let mut fast = Vec::new();
        Myers::new(&pattern).scan(text.iter().copied(), pattern.len(), |_, d| fast.push(d));
        let mut column: Vec<usize> = (0..=pattern.len()).collect();
        let mut slow = Vec::new();
        for &t in &text {
            let mut diagonal = 0;
            column[0] = 0;
            for i in 1..=pattern.len() {
                let value = (diagonal + usize::from(pattern[i - 1] != t))
                    .min(column[i] + 1)
                    .min(column[i - 1] + 1);
                diagonal = column[i];
                column[i] = value;
            }
            slow.push(column[pattern.len()]);
        }
        assert_eq!(fast, slow);
    }

    #[test]
    fn keep_best_orders_by_distance_then_position() {
        let mut ends = vec![(50, 3), (10, 1), (70, 0), (20, 1), (5, 4)];
        keep_best(&mut ends, 3);
        assert_eq!(ends, vec![(70, 0), (10, 1), (20, 1)]);
    }

    #[test]
    fn utf16_offsets_convert_exactly() {
        let text = "a😀é\u{301}中ب";
        // a(1) 😀(2 units, 4 bytes) é(1, 2 bytes) combining(1, 2 bytes) 中(1, 3 bytes) ب(1, 2 bytes)
        let pairs = [(0, 0), (1, 1), (3, 5), (4, 7), (5, 9), (6, 12), (7, 14)];
        for (units, bytes) in pairs {
            assert_eq!(utf16_to_byte(text, units), Some(bytes), "{units}");
            assert_eq!(byte_to_utf16(text, bytes), units, "{bytes}");
        }
        assert_eq!(utf16_to_byte(text, 2), None, "inside the surrogate pair");
        assert_eq!(utf16_to_byte(text, 8), None, "past the end");
        assert_eq!(text.encode_utf16().count(), 7);
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
