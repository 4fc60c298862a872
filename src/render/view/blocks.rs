//! The essay's body as rendered blocks with its pull quotes placed, and what is measured
//! from that text: the reading time and a teaser cut at a word.

use crate::content::model::{BodyFormat, Essay};
use crate::render::markdown::{self, Block};
use crate::share::anchor::split_elisions;

/// The rendered body of one essay: its blocks and where each pull quote goes.
pub struct Body {
    pub blocks: Vec<Block>,
    /// For each pull quote, the block it follows, or `None` when its text is not in the body.
    pub placements: Vec<Option<usize>>,
}

/// Renders an essay's body and places its pull quotes. Body headings start one level below
/// `title_level`.
pub fn body(essay: &Essay, title_level: u8) -> Body {
    let source = essay.body.as_deref().unwrap_or("");
    let blocks = match essay.body_format {
        BodyFormat::Markdown => markdown::render(source, title_level.saturating_add(1).min(6)),
        BodyFormat::PlainText => markdown::render_plain(source),
    };
    // Blocks are normalized only as far as a quote needs (none without pull quotes).
    let mut normalized: Vec<String> = Vec::new();
    let mut placements = Vec::with_capacity(essay.pull_quotes.len());
    for q in &essay.pull_quotes {
        let quote = quote_parts(&q.text);
        let mut found = None;
        for (i, block) in blocks.iter().enumerate() {
            if i == normalized.len() {
                normalized.push(normalize(&block.text));
            }
            if normalized.get(i).is_some_and(|b| contains_parts(b, &quote)) {
                found = Some(i);
                break;
            }
        }
        placements.push(found);
    }
    Body { blocks, placements }
}

/// Case-folded, with whitespace collapsed and typographic quotes and dashes made plain
/// ([`crate::share::anchor::fold`]), so a pull quote matches its sentence however the editor typed it.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    let mut at = 0;
    while let Some(&b) = text.as_bytes().get(at) {
        let c = if b.is_ascii() {
            // ASCII first, on the byte: most text is, and it needs no decoding or tables.
            at += 1;
            if matches!(b, b'\t'..=b'\r' | b' ') {
                space = true;
                continue;
            }
            char::from(b.to_ascii_lowercase())
        } else {
            let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
                break;
            };
            at += c.len_utf8();
            if c.is_whitespace() {
                space = true;
                continue;
            }
            // The same folding the share layer uses to find the quote again.
            crate::share::anchor::fold(c)
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// A pull quote normalized as the blocks are, in its parts between elisions: the share
/// layer's reading ([`split_elisions`]), so the two find the same sentence.
fn quote_parts(quote: &str) -> Vec<String> {
    split_elisions(&normalize(quote))
}

/// True when every part of `quote` (split at elisions: "…", ". . .", "...") occurs in
/// `block`, in order. `block` is already normalized.
#[cfg(test)]
fn contains_quote(block: &str, quote: &str) -> bool {
    contains_parts(block, &quote_parts(quote))
}

/// [`contains_quote`] for a quote already through [`quote_parts`].
fn contains_parts(block: &str, parts: &[String]) -> bool {
    let mut from = 0;
    let mut any = false;
    for part in parts.iter().filter(|p| !p.is_empty()) {
        match block
            .get(from..)
            .and_then(|rest| crate::share::search::find(rest, part))
        {
            Some(at) => {
                from += at + part.len();
                any = true;
            }
            None => return false,
        }
    }
    any
}

/// Reading speeds: words a minute where words are spaced, characters a minute for CJK.
const WORDS_PER_MINUTE: usize = 230;
const CJK_CHARS_PER_MINUTE: usize = 500;

/// Minutes to read `text`: 230 words a minute in scripts that space their words, 500
/// characters a minute in CJK.
pub fn reading_minutes(text: &str) -> usize {
    let mut words = 0usize;
    let mut cjk = 0usize;
    let mut in_word = false;
    let mut at = 0;
    while let Some(&b) = text.as_bytes().get(at) {
        if b.is_ascii() {
            // The same tests as below, on the byte: no decoding, no tables, for the common
            // case (this reads every character of the essay).
            if b.is_ascii_alphanumeric() {
                words += usize::from(!in_word);
                in_word = true;
            } else if matches!(b, b'\t'..=b'\r' | b' ') {
                in_word = false;
            }
            at += 1;
            continue;
        }
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        at += c.len_utf8();
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
            }
            in_word = true;
        } else if c.is_whitespace() {
            in_word = false;
        }
    }
    let seconds = words * 60 / WORDS_PER_MINUTE + cjk * 60 / CJK_CHARS_PER_MINUTE;
    // The whole minutes and the one under way: a few words are "1 min", and 460 words (two
    // minutes exactly) "3 min".
    seconds / 60 + 1
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff | 0x20000..=0x2fa1f)
}

/// `text` cut at a word boundary to at most `max` bytes, with an ellipsis when cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    let cut = match cut.rfind(char::is_whitespace) {
        Some(at) if at > max / 2 => &cut[..at],
        _ => cut,
    };
    let mut out = cut
        .trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_match_across_typography_and_elisions() {
        let block = normalize("In China’s highly centralized political system, in which experts are scattered, the blessing of top political leadership is key to momentum.");
        assert!(contains_quote(&block, "In China's highly centralized political system . . . the blessing of top political leadership is key."));
        assert!(contains_quote(
            &block,
            "in china’s highly   centralized…leadership is key"
        ));
        assert!(
            !contains_quote(&block, "the blessing … In China’s"),
            "parts must be in order"
        );
        assert!(!contains_quote(&block, "..."));
    }

    #[test]
    fn reading_time() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes(&"word ".repeat(460)), 3);
        assert_eq!(reading_minutes(&"字".repeat(1000)), 3);
    }

    #[test]
    fn reading_time_per_script() {
        // Space-separated scripts count words, however many letters and marks each has:
        // 460 words is 2 minutes at 230 a minute, so "3 min" (rounded up), in every script.
        for word in [
            "word",
            "слово",
            "كلمة",
            "מילה",
            "हिन्दी",
            "καλημέρα",
            "Straße",
            "naïve",
        ] {
            let text = [word, " "].concat().repeat(460);
            assert_eq!(reading_minutes(&text), 3, "{word}");
            let text = [word, "\n"].concat().repeat(920);
            assert_eq!(reading_minutes(&text), 5, "{word}");
        }
        // Devanagari's virama and vowel signs, Arabic's harakat do not split a word.
        assert_eq!(reading_minutes(&"क्षत्रिय ".repeat(230)), 2);
        assert_eq!(reading_minutes(&"كَتَبَ ".repeat(230)), 2);
        // CJK counts characters (500 a minute), kana and hangul included, with no spaces.
        assert_eq!(reading_minutes(&"かな".repeat(500)), 3);
        assert_eq!(reading_minutes(&"한국어".repeat(500)), 4);
        assert_eq!(reading_minutes(&"中文".repeat(1_500)), 7);
        // Mixed: Latin words inside Chinese text add at their own rate.
        let mixed = ["字".repeat(1000), " NATO ".repeat(230)].concat();
        assert_eq!(reading_minutes(&mixed), 4);
    }

    #[test]
    fn truncates_at_word_boundaries() {
        assert_eq!(truncate_words("short", 10), "short");
        assert_eq!(truncate_words("one two three four", 12), "one two…");
        assert_eq!(truncate_words("中文中文中文", 7), "中文…");
    }
}
