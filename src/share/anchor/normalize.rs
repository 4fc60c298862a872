//! The text as the matcher reads it: white space collapsed with each character's byte
//! offset kept; case and typography folded; a quote's parts between elisions.

/// `text` with every run of white space as one space, and where each character came from.
#[derive(Debug, Clone, Default)]
pub(super) struct Normalized {
    pub(super) chars: Vec<char>,
    /// Byte offset in the original text of each character, plus the end.
    pub(super) bytes: Vec<usize>,
}

impl Normalized {
    pub(super) fn new(text: &str) -> Normalized {
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

    pub(super) fn byte(&self, index: usize) -> Option<usize> {
        self.bytes.get(index).copied()
    }

    /// The character index holding byte `at` (a later space of a collapsed run maps to it).
    pub(super) fn index_of_byte(&self, at: usize) -> Option<usize> {
        match self.bytes.binary_search(&at) {
            Ok(i) => Some(i),
            Err(0) => None,
            // Inside a collapsed run of white space, or mid-character: round up.
            Err(i) if i < self.bytes.len() => Some(i),
            Err(_) => None,
        }
    }
}

pub(super) fn normalize_chars(text: &str) -> Vec<char> {
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
pub(super) fn find(hay: &[char], needle: &[char], from: usize) -> Option<usize> {
    let first = *needle.first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    (from..=last_start)
        .find(|&i| hay.get(i) == Some(&first) && hay.get(i..i + needle.len()) == Some(needle))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
