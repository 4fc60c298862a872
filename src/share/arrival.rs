//! Arriving on a share link: which passage to highlight, and what to tell the reader when
//! the essay no longer holds the passage as it was shared.
//!
//! A passage found letter for letter is highlighted and nothing is said. One found only
//! approximately (the author revised it since), or not at all, brings a notice above it:
//! the quote the sharer selected, marked as the passage as it was shared, that the essay has
//! since been revised, and whether the closest passage of this version is the one
//! highlighted. The link carries a passage of up to 96 characters whole and a longer one as
//! its first and last 32 (see [`crate::share::link`]): that one is shown as its first words,
//! an ellipsis and its last words.

use crate::render::html::Html;
use crate::render::i18n::Strings;
use crate::share::anchor::{Anchored, Projection};
use crate::share::link::DeepLink;

/// What a share link finds in the essay as it is now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrival {
    /// The passage to highlight: the shared one, or the closest current one where it scores
    /// well enough (the anchor's own threshold: never a wrong highlight).
    pub found: Option<Anchored>,
    /// The essay no longer holds the passage letter for letter: it was found only
    /// approximately, or not at all.
    pub revised: bool,
}

impl Arrival {
    /// Anchors `link` in `projection` and decides whether the reader is told it was revised.
    pub fn new(link: &DeepLink, projection: &Projection) -> Arrival {
        let found = link.anchor(projection);
        Arrival {
            revised: !found.is_some_and(|a| a.exact),
            found,
        }
    }

    /// The notice shown above the passage when it was revised (`None` otherwise): one
    /// element, in the widget's language (`strings`); the quote in the essay's `lang` and
    /// `dir` (isolated by `dir="auto"` when the essay has none). Every text is escaped.
    pub fn notice_html(
        &self,
        link: &DeepLink,
        strings: &Strings<'_>,
        lang: Option<&str>,
        dir: Option<&str>,
    ) -> Option<String> {
        if !self.revised {
            return None;
        }
        let language = strings.language();
        let outcome = if self.found.is_some() {
            "revised_closest"
        } else {
            "not_found"
        };
        // A status, as the plain notice was: read out when it appears. The figure's caption
        // names the quote. (Our own markup written out, every value through the escaper:
        // the wasm pays for each call of the generic writer.)
        let mut h = Html::new();
        h.buf
            .push_str("<div class=\"ee-notice ee-revised\" role=\"status\"");
        h.attr("lang", language.tag());
        h.attr("dir", language.dir());
        h.buf
            .push_str("><figure><figcaption class=\"ee-revised-title\">");
        h.text(strings.get("shared_as"));
        h.buf
            .push_str("</figcaption><blockquote class=\"ee-revised-quote\"");
        if let Some(lang) = lang {
            h.attr("lang", lang);
        }
        h.attr("dir", dir.unwrap_or("auto"));
        h.buf.push_str("><p>");
        h.text(&link.shared_quote());
        h.buf
            .push_str("</p></blockquote></figure><p class=\"ee-revised-note\">");
        h.text(strings.get("revised"));
        h.buf.push(' ');
        h.text(strings.get(outcome));
        h.buf.push_str("</p></div>");
        Some(h.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::i18n::Language;
    use crate::render::markdown::render;

    fn projection(md: &str) -> Projection {
        Projection::from_blocks(&render(md, 2))
    }

    /// A passage revised since it was shared: found approximately, and the notice shows it
    /// as it was shared.
    #[test]
    fn a_revised_passage_is_found_and_shown_as_it_was() {
        let old = projection("We must engage China on arms control today.");
        let link = DeepLink::new("e", &old, 8, 36).unwrap();
        let new = projection("We must engage China on the arms control today.");
        let arrival = Arrival::new(&link, &new);
        let found = arrival.found.unwrap();
        assert_eq!(
            &new.text[found.start..found.end],
            "engage China on the arms control"
        );
        let html = arrival
            .notice_html(
                &link,
                &Strings::new(Language::English, &[]),
                Some("en"),
                None,
            )
            .unwrap();
        assert!(html.contains("<p>engage China on arms control</p>"));
        assert!(html.contains("It has since been revised."));
    }

    const ESSAY: &str = "All major powers must recognize that, despite their strategic competition, they have a common interest in pursuing arms control.\n\nThus, the United States should be able to engage China on arms control if it sets the right goals. But if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?\n\nWashington cannot coerce Beijing by threatening to start an arms race.";

    fn link_for(p: &Projection, needle: &str) -> DeepLink {
        let at = p.text.find(needle).unwrap();
        let link = DeepLink::new("e", p, at, at + needle.len()).unwrap();
        // As the reader's page gets it: through the URL.
        DeepLink::parse(&link.fragment()).unwrap()
    }

    fn english() -> Strings<'static> {
        Strings::new(Language::English, &[])
    }

    #[test]
    fn an_unchanged_passage_is_highlighted_without_a_notice() {
        let p = projection(ESSAY);
        let link = link_for(&p, "engage China on arms control");
        let arrival = Arrival::new(&link, &p);
        assert!(!arrival.revised);
        assert!(arrival.found.is_some_and(|a| a.exact));
        assert_eq!(arrival.notice_html(&link, &english(), None, None), None);
        // Moved by an edit elsewhere, letter for letter the same: still no notice.
        let moved = projection(&ESSAY.replace("All major powers", "Today, all of the powers"));
        let arrival = Arrival::new(&link, &moved);
        assert!(!arrival.revised && arrival.found.is_some());
    }

    #[test]
    fn a_revised_passage_shows_the_quote_as_shared_and_highlights_the_closest() {
        let p = projection(ESSAY);
        let quote = "engage China on arms control if it sets the right goals";
        let link = link_for(&p, quote);
        let edited = projection(&ESSAY.replace("the right goals", "the proper goals"));
        let arrival = Arrival::new(&link, &edited);
        assert!(arrival.revised);
        let found = arrival.found.unwrap();
        assert_eq!(
            &edited.text[found.start..found.end],
            "engage China on arms control if it sets the proper goals"
        );
        let html = arrival
            .notice_html(&link, &english(), Some("en"), None)
            .unwrap();
        assert_eq!(
            html,
            [
                "<div class=\"ee-notice ee-revised\" role=\"status\" lang=\"en\" dir=\"ltr\">",
                "<figure><figcaption class=\"ee-revised-title\">The passage as it was shared</figcaption>",
                "<blockquote class=\"ee-revised-quote\" lang=\"en\" dir=\"auto\"><p>",
                quote,
                "</p></blockquote></figure>",
                "<p class=\"ee-revised-note\">It has since been revised. The closest passage in this version is highlighted.</p></div>",
            ]
            .concat()
        );
    }

    #[test]
    fn a_passage_that_is_gone_shows_the_quote_and_highlights_nothing() {
        let p = projection(ESSAY);
        let link = link_for(&p, "Washington cannot coerce Beijing");
        let gone = projection("An entirely different essay about fisheries and cod.");
        let arrival = Arrival::new(&link, &gone);
        assert_eq!(arrival.found, None);
        assert!(arrival.revised);
        let html = arrival
            .notice_html(&link, &english(), Some("en"), Some("ltr"))
            .unwrap();
        assert!(
            html.contains("<p>Washington cannot coerce Beijing</p>"),
            "{html}"
        );
        assert!(html.contains("dir=\"ltr\"><p>"), "{html}");
        assert!(html.contains(
            "It has since been revised. The shared passage could not be found in this version of the essay."
        ));
        assert!(!html.contains("closest"));
    }

    #[test]
    fn a_long_passage_is_shown_as_its_first_and_last_words() {
        let p = projection(ESSAY);
        let start = p.text.find("Thus, the United").unwrap();
        let end = p.text.find("help?").unwrap() + "help?".len();
        let link = DeepLink::new("e", &p, start, end).unwrap();
        let link = DeepLink::parse(&link.fragment()).unwrap();
        assert!(!link.tail.is_empty(), "carried as head and tail");
        assert_eq!(
            link.shared_quote(),
            "Thus, the United States should … why would Beijing help?"
        );
        let edited = projection(&ESSAY.replace("the right goals", "the proper goals"));
        let arrival = Arrival::new(&link, &edited);
        assert!(arrival.revised && arrival.found.is_some());
        let html = arrival
            .notice_html(&link, &english(), Some("en"), None)
            .unwrap();
        assert!(html.contains("<p>Thus, the United States should … why would Beijing help?</p>"));
    }

    #[test]
    fn everything_from_the_link_is_escaped_and_the_words_are_translated() {
        // Anyone can write a link: its quote is hostile text.
        let link =
            DeepLink::parse("ee=1~e~0~40~~%3Cimg+src%3Dx+onerror%3Dalert(1)%3E+%26amp;~~").unwrap();
        let p = projection("Nothing like it here at all, a different text.");
        let arrival = Arrival::new(&link, &p);
        let zh = Strings::new(Language::Chinese, &[]);
        let html = arrival.notice_html(&link, &zh, None, None).unwrap();
        assert!(
            html.contains("<p>&lt;img src=x onerror=alert(1)&gt; &amp;amp;</p>"),
            "{html}"
        );
        assert!(!html.contains("<img"));
        assert!(html.contains("lang=\"zh\" dir=\"ltr\""));
        assert!(html.contains("<blockquote class=\"ee-revised-quote\" dir=\"auto\">"));
        for key in ["shared_as", "revised", "not_found"] {
            assert!(html.contains(zh.get(key)), "{key}");
        }
        // Arabic: the widget's words right to left.
        let ar = Strings::new(Language::Arabic, &[]);
        let html = arrival.notice_html(&link, &ar, None, None).unwrap();
        assert!(html.starts_with(
            "<div class=\"ee-notice ee-revised\" role=\"status\" lang=\"ar\" dir=\"rtl\">"
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        /// The held-out round trip, natively: a selection anywhere (the first and last words
        /// included, across blocks, long ones carried as head and tail) goes through its link
        /// and is opened on a copy with a word inserted right before it and another right
        /// after it: found letter for letter, and no notice.
        #[test]
        fn edits_next_to_a_passage_do_not_make_it_revised(
            words in proptest::collection::vec(proptest::sample::select(crate::share::TEST_WORDS), 2..60),
            breaks in proptest::collection::vec(proptest::prelude::any::<bool>(), 60),
            a in proptest::prelude::any::<proptest::sample::Index>(),
            b in proptest::prelude::any::<proptest::sample::Index>(),
        ) {
            // Paragraphs where `breaks` says, the selection whole words `s..e`.
            let (mut s, mut e) = (a.index(words.len()), b.index(words.len()));
            if s > e { std::mem::swap(&mut s, &mut e); }
            let e = e + 1;
            let join = |words: &[&str], breaks: &[bool]| {
                let mut out = String::new();
                for (i, w) in words.iter().enumerate() {
                    if i > 0 {
                        out.push_str(if breaks.get(i) == Some(&true) { "\n\n" } else { " " });
                    }
                    out.push_str(w);
                }
                out
            };
            let p = projection(&join(&words, &breaks));
            let quote = join(&words[s..e], &breaks[s..]);
            let (start, end) = {
                let before = join(&words[..s], &breaks);
                let at = if s == 0 { 0 } else { before.len() + if breaks[s] { 2 } else { 1 } };
                (at, at + quote.len())
            };
            let Some(link) = DeepLink::new("e", &p, start, end) else { return Ok(()) };
            let link = DeepLink::parse(&link.fragment()).unwrap();
            let mut edited: Vec<&str> = words.clone();
            let mut edited_breaks = breaks.clone();
            edited.insert(e, "inserted");
            edited_breaks.insert(e, false);
            edited.insert(s, "added");
            edited_breaks.insert(s + 1, false);
            let now = projection(&join(&edited, &edited_breaks));
            let arrival = Arrival::new(&link, &now);
            let found = arrival.found.unwrap();
            proptest::prop_assert!(!arrival.revised, "{:?}", link);
            let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
            proptest::prop_assert_eq!(norm(&now.text[found.start..found.end]), norm(&quote));
        }
    }

    #[test]
    fn cjk_heads_and_tails_are_cut_at_characters() {
        let sentence =
            "所有大国都必须认识到，尽管存在战略竞争，它们在推进军备控制方面有着共同利益。"
                .repeat(3);
        let p = projection(&sentence);
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        let link = DeepLink::parse(&link.fragment()).unwrap();
        let shown = link.shared_quote();
        let chars: Vec<char> = sentence.chars().collect();
        let head: String = chars[..32].iter().collect();
        let tail: String = chars[chars.len() - 32..].iter().collect();
        assert_eq!(shown, [head.as_str(), " … ", tail.as_str()].concat());
    }
}
