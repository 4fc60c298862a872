//! Text Fragment directives (`:~:text=[prefix-,]start[,end][,-suffix]`) that match the
//! passage, and only it, on the page that shows it.
//!
//! A browser (or Google's reference polyfill) searches the text of the whole page: the title,
//! dek, byline and pull quotes as well as the body. A pull quote repeats a sentence of the
//! body by design, so a directive made unique within the body alone can match twice. The
//! page's text is therefore modelled here as the [matching algorithm] sees it: text nodes in
//! document order, split into blocks at each block element's start tag (a term never spans
//! two blocks; context may, across white space), folded for case and diacritics, white space
//! collapsed. The model errs on the side of more matches (it ignores word boundaries and
//! allows every start/end pair, as the polyfill counts them), so a directive it finds unique
//! is unique for the browser too. Terms grow as the specification's generation guidance
//! says: the passage (or its first and last words), then context words before and after,
//! then longer start and end terms.
//!
//! [matching algorithm]: https://wicg.github.io/scroll-to-text-fragment/#finding-ranges-in-a-document
mod matches;
mod page;

pub use page::PageText;

use crate::share::anchor::Projection;
use matches::Directive;
use page::BREAK;

/// A passage up to this long is its own directive; a longer one, its first and last words.
const WHOLE_UP_TO: usize = 80;
/// Words in the start and end terms of a range directive, tried in turn.
const TERM_WORDS: [usize; 3] = [4, 8, 16];
/// At most this many context words on each side: a pull quote can repeat a whole sentence,
/// and only the words before it in its paragraph tell the two apart.
const MAX_CONTEXT_WORDS: usize = 16;
/// The text directive for bytes `start..end` of `projection` (a selection, widened here to
/// whole words), unique on `page` where the model can make it so.
pub(super) fn text_directive(
    projection: &Projection,
    page: &PageText,
    start: usize,
    end: usize,
) -> Option<String> {
    let (start, end) = widen_to_words(&projection.text, start, end);
    let passage = |page: &PageText| -> Option<Span> {
        let point = |offset: usize, forward: bool| {
            let p = projection.point(offset, forward)?;
            let block_text = projection.text.get(projection.block_range(p.block)?)?;
            page.index(p.block, block_text, p.offset, !forward)
        };
        let (s, e) = (point(start, true)?, point(end, false)?);
        (s < e).then_some((s, e))
    };
    // Our reading of the page must hold the body as the projection has it; else the body
    // alone, which always does.
    let body_only;
    let (page, (s, e)) = match passage(page) {
        Some(found) => (page, found),
        None => {
            body_only = PageText::from_projection(projection);
            (&body_only, passage(&body_only)?)
        }
    };
    Generator {
        page,
        start: s,
        end: e,
    }
    .directive()
}

/// Browsers match whole words: a selection that starts or ends inside one is widened to it.
fn widen_to_words(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    while let Some(c) = text
        .get(..start)
        .and_then(|t| t.chars().next_back())
        .filter(|c| c.is_alphanumeric())
    {
        start -= c.len_utf8();
    }
    while let Some(c) = text
        .get(end..)
        .and_then(|t| t.chars().next())
        .filter(|c| c.is_alphanumeric())
    {
        end += c.len_utf8();
    }
    // And white space at the edges is not part of any term.
    let trimmed = text.get(start..end).unwrap_or("");
    let lead = trimmed.len() - trimmed.trim_start().len();
    let trail = trimmed.len() - trimmed.trim_end().len();
    (start + lead, end.saturating_sub(trail).max(start + lead))
}

/// A span of `page.shown`: `start..end`.
type Span = (usize, usize);

struct Generator<'a> {
    page: &'a PageText,
    /// The passage in `page.shown`.
    start: usize,
    end: usize,
}

impl Generator<'_> {
    /// Tries each shape of directive with growing context: first with context from the
    /// passage's own blocks only, then from the blocks around it too. The shapes: a short
    /// passage whole, then its first and last words (more of them each time), then a long
    /// one-block passage whole (a range can match its end term anywhere after its start, so
    /// where the page repeats the passage's end only the whole passage is unique).
    fn directive(&self) -> Option<String> {
        let passage = self.page.shown.get(self.start..self.end)?;
        let one_block = !passage.contains(&BREAK);
        let whole = (self.start, self.end);
        let mut shapes = Vec::new();
        if one_block && passage.len() <= WHOLE_UP_TO {
            shapes.push((whole, None));
        }
        for words in TERM_WORDS {
            if let Some((head, tail)) = self.range_terms(words) {
                shapes.push((head, Some(tail)));
            }
        }
        if one_block && passage.len() > WHOLE_UP_TO {
            shapes.push((whole, None));
        }
        let mut fallback = None;
        for beyond in [false, true] {
            for &(start, end) in &shapes {
                if let Some(found) = self.with_context(start, end, beyond, &mut fallback) {
                    return Some(found);
                }
            }
        }
        fallback
    }

    /// The first `words` words of the passage in its first block and the last `words` in
    /// its last block, not overlapping.
    fn range_terms(&self, words: usize) -> Option<(Span, Span)> {
        let shown = &self.page.shown;
        let first_block_end = (self.start..self.end)
            .find(|&i| shown.get(i) == Some(&BREAK))
            .unwrap_or(self.end);
        let last_block_start = (self.start..self.end)
            .rev()
            .find(|&i| shown.get(i) == Some(&BREAK))
            .map_or(self.start, |i| i + 1);
        let mut head_words = word_spans(shown, self.start, first_block_end);
        let mut tail_words = word_spans(shown, last_block_start, self.end);
        if first_block_end == self.end {
            // One block: split its words between the two terms.
            if head_words.len() < 2 {
                return None;
            }
            let n = words.min(head_words.len() / 2);
            tail_words = head_words.split_off(head_words.len() - n);
            head_words.truncate(n.max(head_words.len().min(words)));
        }
        let head = head_words.get(..words.min(head_words.len()))?;
        let tail = tail_words.get(tail_words.len().saturating_sub(words)..)?;
        Some((
            (head.first()?.0, head.last()?.1),
            (tail.first()?.0, tail.last()?.1),
        ))
    }

    /// The shortest context that makes `start[,end]` unique: fewer words first, suffix
    /// before prefix, only from the passage's own blocks unless `beyond` (words from a pull
    /// quote or the byline are a poor anchor: another page lays them out differently). The
    /// most context tried that finds the passage first goes into `fallback`.
    fn with_context(
        &self,
        start: Span,
        end: Option<Span>,
        beyond: bool,
        fallback: &mut Option<String>,
    ) -> Option<String> {
        let page = self.page;
        let (before, before_here) = context_words(&page.shown, self.start, false);
        let (after, after_here) = context_words(&page.shown, self.end, true);
        if beyond && before_here && after_here {
            return None; // nothing more to try than without
        }
        let usable = |words: &[Span], here: bool| if here || beyond { words.len() } else { 0 };
        let (n_before, n_after) = (usable(&before, before_here), usable(&after, after_here));
        let folded = &page.folded;
        let starts = occurrences(folded, folded.get(start.0..start.1)?);
        let ends = match end {
            Some(e) => Some(occurrences(folded, folded.get(e.0..e.1)?)),
            None => None,
        };
        let lengths = (start.1 - start.0, end.map_or(0, |e| e.1 - e.0));
        for total in 0..=n_before + n_after {
            for n_prefix in 0..=total.min(n_before) {
                let n_suffix = total - n_prefix;
                if n_suffix > n_after {
                    continue;
                }
                let directive = Directive {
                    page,
                    start,
                    end,
                    prefix: join(before.get(before.len() - n_prefix..)?),
                    suffix: join(after.get(..n_suffix)?),
                };
                let matches = directive.matches(&starts, ends.as_deref(), lengths);
                if matches == [(self.start, self.end)] {
                    return Some(directive.encode());
                }
                if matches.first() == Some(&(self.start, self.end)) || fallback.is_none() {
                    *fallback = Some(directive.encode());
                }
            }
        }
        None
    }
}

/// The span from the first word's start to the last one's end (`None` for no words).
fn join(words: &[Span]) -> Option<Span> {
    Some((words.first()?.0, words.last()?.1))
}

/// The spans of the words in `shown[from..to]`.
fn word_spans(shown: &[char], from: usize, to: usize) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut word_start = None;
    for i in from..=to {
        let boundary = i == to || matches!(shown.get(i), Some(&' ') | Some(&BREAK) | None);
        match (boundary, word_start) {
            (true, Some(s)) => {
                spans.push((s, i));
                word_start = None;
            }
            (false, None) => word_start = Some(i),
            _ => {}
        }
    }
    spans
}

/// Up to [`MAX_CONTEXT_WORDS`] words next to `at` (before it, or after it when `forward`)
/// in text order, all from one block (a context term may not span two; between it and the
/// passage there may be a boundary), and whether that block is the passage's own.
fn context_words(shown: &[char], at: usize, forward: bool) -> (Vec<Span>, bool) {
    let is_space = |i: usize| matches!(shown.get(i), Some(&' ') | Some(&BREAK));
    let (from, to, gap) = if forward {
        let mut from = at;
        while from < shown.len() && is_space(from) {
            from += 1;
        }
        let to = (from..shown.len())
            .find(|&i| shown.get(i) == Some(&BREAK))
            .unwrap_or(shown.len());
        (from, to, at..from)
    } else {
        let mut to = at;
        while to > 0 && is_space(to - 1) {
            to -= 1;
        }
        let from = (0..to)
            .rev()
            .find(|&i| shown.get(i) == Some(&BREAK))
            .map_or(0, |i| i + 1);
        (from, to, to..at)
    };
    let here = !gap.into_iter().any(|i| shown.get(i) == Some(&BREAK));
    let mut words = word_spans(shown, from, to);
    if forward {
        words.truncate(MAX_CONTEXT_WORDS);
    } else {
        words.drain(..words.len().saturating_sub(MAX_CONTEXT_WORDS));
    }
    (words, here)
}

/// Every start of `needle` in `hay`.
fn occurrences(hay: &[char], needle: &[char]) -> Vec<usize> {
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let last = hay.len().saturating_sub(needle.len());
    (0..=last)
        .filter(|&i| hay.get(i) == Some(&first) && hay.get(i..i + needle.len()) == Some(needle))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::page::fold;
    use super::*;
    use crate::render::view::{render, RenderOptions};
    use crate::share::link::{percent_decode, DeepLink};

    /// A pull quote after the body repeats the passage: the directive takes context to
    /// match it alone.
    #[test]
    fn a_repeat_on_the_page_outside_the_body_gets_context() {
        let body = crate::render::markdown::render("The cat sat. The dog ran.", 2);
        let p = Projection::from_blocks(&body);
        // The page repeats "The dog ran." in a pull quote after the body.
        let html = [body[0].html.as_str(), "<aside><p>The dog ran.</p></aside>"].concat();
        let page = PageText::from_html(&html);
        let at = p.text.find("The dog").unwrap();
        let link = DeepLink::on_page("e", &p, &page, at, p.text.len()).unwrap();
        assert_eq!(
            link.directive.as_deref(),
            Some("text=sat.-,The%20dog%20ran.")
        );
    }

    /// The projection and page text of an essay rendered as an article.
    pub(super) fn rendered(json: &str) -> (Projection, PageText) {
        let doc = crate::content::model::load(json).unwrap().document;
        let rendered = render(&doc, &RenderOptions::default()).unwrap();
        let page = PageText::from_html(&rendered.html);
        (rendered.projection.unwrap(), page)
    }

    fn two_cities() -> (Projection, PageText) {
        rendered(include_str!("../../../tests/fixtures/two-cities.json"))
    }

    pub(super) fn directive(p: &Projection, page: &PageText, from: usize, to: usize) -> String {
        DeepLink::on_page("e", p, page, from, to)
            .and_then(|l| l.directive)
            .unwrap()
    }

    /// Every match of `directive` in `page`, found the plain way: the page's blocks as
    /// folded strings, each term a substring of one block, context next to it across
    /// white space and block ends (as the polyfill searches, word boundaries aside).
    pub(super) fn count(page: &PageText, directive: &str) -> usize {
        let text: String = page.folded.iter().collect();
        let body = directive.strip_prefix("text=").unwrap();
        let parts: Vec<String> = body.split(',').map(|t| t.to_owned()).collect();
        let decode = |t: &str| -> String {
            percent_decode(t)
                .unwrap()
                .chars()
                .map(fold)
                .filter(|&c| c != '\0')
                .collect()
        };
        let mut terms = parts.iter().map(String::as_str).collect::<Vec<_>>();
        let prefix = terms.first().and_then(|t| t.strip_suffix('-')).map(decode);
        if prefix.is_some() {
            terms.remove(0);
        }
        let suffix = terms.last().and_then(|t| t.strip_prefix('-')).map(decode);
        if suffix.is_some() {
            terms.pop();
        }
        let start = decode(terms[0]);
        let end = terms.get(1).map(|t| decode(t));
        let gap = |c: char| c == ' ' || c == BREAK;
        // Every occurrence, overlapping ones too.
        let all = |needle: &str, from: usize| -> Vec<usize> {
            (from..text.len())
                .filter(|&i| text.is_char_boundary(i) && text[i..].starts_with(needle))
                .collect()
        };
        let mut n = 0;
        for s in all(&start, 0) {
            if let Some(prefix) = &prefix {
                if !text[..s].trim_end_matches(gap).ends_with(prefix.as_str()) {
                    continue;
                }
            }
            let after = s + start.len();
            let suffixed = |at: usize| {
                suffix
                    .as_ref()
                    .is_none_or(|x| text[at..].trim_start_matches(gap).starts_with(x.as_str()))
            };
            match &end {
                None => n += usize::from(suffixed(after)),
                Some(end) => {
                    n += all(end, after)
                        .into_iter()
                        .filter(|e| suffixed(e + end.len()))
                        .count()
                }
            }
        }
        n
    }

    #[test]
    fn a_sentence_a_pull_quote_repeats_gets_context_from_its_own_block() {
        let (p, page) = rendered(include_str!(
            "../../../www/content/reinventing-nuclear-arms-control.json"
        ));
        let sentence = "if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?";
        let at = p.text.find(sentence).unwrap();
        // In the body alone it is unique as it is; on the page the pull quote repeats it.
        let body_only = directive(&p, &PageText::from_projection(&p), at, at + sentence.len());
        assert_eq!(
            body_only,
            "text=if%20Washington%20continues%20to,why%20would%20Beijing%20help%3F"
        );
        assert_eq!(count(&page, &body_only), 3);
        let on_page = directive(&p, &page, at, at + sentence.len());
        assert_eq!(on_page, "text=But-,if%20Washington%20continues%20to%20present%20arms%20control%20as%20a%20tool%20to%20compete%20with%20Beijing%2C%20why%20would%20Beijing%20help%3F");
        assert_eq!(count(&page, &on_page), 1);
        let short = "why would Beijing help?";
        let at = p.text.find(short).unwrap();
        let on_page = directive(&p, &page, at, at + short.len());
        // The pull quote repeats the sentence whole: only its paragraph's "But" before it
        // tells them apart.
        assert_eq!(on_page, "text=But%20if%20Washington%20continues%20to%20present%20arms%20control%20as%20a%20tool%20to%20compete%20with%20Beijing%2C-,why%20would%20Beijing%20help%3F");
        assert_eq!(count(&page, &on_page), 1);
    }

    #[test]
    fn the_dickens_selection_whose_first_words_recur_is_unique() {
        let (p, page) = two_cities();
        let end = p.text.find("with a large jaw").unwrap() + "with a large jaw".len();
        let from = p.text.rfind("we were all going").unwrap();
        let d = directive(&p, &page, from, end);
        assert_eq!(
            d,
            // The pull quote holds "Heaven, we were all going" too: the prefix reaches back
            // to "us,", and "a king with a large jaw and a queen with a" comes twice.
            "text=us%2C%20we%20were%20all%20going%20direct%20to%20Heaven%2C-,we%20were%20all%20going,with%20a%20large%20jaw,-and%20a%20queen%20with%20a%20plain"
        );
        assert_eq!(count(&page, &d), 1);
        // Four starts (two in the body, two in the pull quote), each with either jaw.
        assert_eq!(
            count(&page, "text=we%20were%20all%20going,with%20a%20large%20jaw"),
            4 * 2
        );
        let first = p.text.find("we were all going").unwrap();
        assert_eq!(count(&page, &directive(&p, &page, first, end)), 1);
        // The dek repeats the opening; the title, kicker and byline are page text too.
        let opening = "It was the best of times";
        assert_eq!(count(&page, &directive(&p, &page, 0, opening.len())), 1);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, ..Default::default() })]

        /// On a page whose pull quotes, dek and title repeat parts of the body, any selection's
        /// directive matches once.
        #[test]
        fn every_directive_matches_once_on_the_page(
            words in proptest::collection::vec(proptest::sample::select(&["the", "cat", "sat", "on", "mat.", "a", "dog,", "ran", "Ünder", "wet", "grass", "—"][..]), 6..60),
            breaks in proptest::collection::vec(0..60usize, 0..4),
            quote in (0..60usize, 1..8usize),
            a in proptest::prelude::any::<proptest::sample::Index>(),
            b in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            let mut body = String::new();
            for (i, w) in words.iter().enumerate() {
                if i > 0 {
                    body.push_str(if breaks.contains(&i) { "\n\n" } else { " " });
                }
                body.push_str(w);
            }
            let q0 = quote.0 % words.len();
            let pull = words[q0..(q0 + quote.1).min(words.len())].join(" ");
            let json = serde_json::json!({
                "title": words[..3.min(words.len())].join(" "),
                "dek": pull, "body": body, "pull_quotes": [pull],
            }).to_string();
            let (p, page) = rendered(&json);
            let spans: Vec<(usize, usize)> = p.text.match_indices(|c: char| !c.is_whitespace())
                .map(|(i, s)| (i, i + s.len())).collect();
            let (mut s, mut e) = (a.index(spans.len()), b.index(spans.len()));
            if s > e { std::mem::swap(&mut s, &mut e); }
            let (from, to) = (spans[s].0, spans[e].1);
            let d = DeepLink::on_page("e", &p, &page, from, to).and_then(|l| l.directive);
            let d = d.expect("a directive");
            let n = count(&page, &d);
            proptest::prop_assert!(n >= 1, "{} matches nothing", d);
            // Where the passage lies in one block and nowhere else on the page, the passage
            // itself with context is unique: so must the directive be.
            let passage = p.text[from..to].to_lowercase();
            let shown: String = page.shown.iter().collect::<String>().to_lowercase();
            if !passage.contains('\n') && shown.matches(&passage).count() == 1 {
                proptest::prop_assert_eq!(n, 1, "{}", d);
            }
        }
    }
}
