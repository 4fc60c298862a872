//! Sharing a passage: the essay's plain-text projection and re-anchoring of quotes, and the
//! deep links, share texts and target URLs built on them.

pub(crate) mod anchor;
pub(crate) mod annotation;
pub(crate) mod arrival;
pub(crate) mod directive;
pub(crate) mod link;
// In `content`, the lowest module that uses it.
pub(crate) use crate::content::search;

/// Words for the property tests' random essays (anchoring, arrival): Latin with punctuation and
/// diacritics, CJK, Arabic, emoji.
#[cfg(test)]
pub(crate) const TEST_WORDS: &[&str] = &[
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
