//! Finding a stored passage again: exact at its position, else exact elsewhere told apart
//! by context and closeness, else approximate; each candidate scored as the Hypothesis client does.

use super::myers::approximate_matches;
use super::normalize::{find, normalize_chars, Normalized};
use super::utf16::char_index_of_utf16;
use super::{Anchored, Projection, Selector, CONTEXT_CHARS};

impl Projection {
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
        let lengths = span_lengths(length);
        let reach = a_start
            .saturating_add(*lengths.end())
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
        (b_start >= a_end && lengths.contains(&span)).then_some(Anchored {
            start: norm.byte(a_start)?,
            end: norm.byte(b_end)?,
            exact: a_exact && b_exact && span == length,
            score: a_score.min(b_score),
        })
    }
}

/// The lengths a long passage of `length` characters found again by its ends may have: a
/// quarter shorter to a quarter longer, plus 8 characters (room for an edit in a short one).
fn span_lengths(length: usize) -> std::ops::RangeInclusive<usize> {
    length.saturating_mul(3).div_ceil(4)..=length.saturating_mul(5).saturating_add(32) / 4
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

#[cfg(test)]
mod tests {
    use super::super::tests::projection;
    use super::*;

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

    fn random_essay() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = proptest::sample::select(crate::share::TEST_WORDS);
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
}
