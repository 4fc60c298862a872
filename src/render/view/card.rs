//! The card view: a compact teaser that links to the essay, alone or in a series.

use super::{body, truncate_words, Context, Mode};
use crate::content::model::Essay;

impl Context<'_, '_> {
    pub(super) fn card(&mut self, essay: &Essay, level: u8) {
        let class = if essay.body.is_none() {
            "ee ee-card ee-link-out"
        } else {
            "ee ee-card"
        };
        self.open_essay_root("article", class, "card", essay);
        // Inside a series view, a kicker that only repeats the series title says nothing.
        let series_title = self.doc.series.as_ref().map(|s| s.title.as_str());
        let kicker = essay
            .kicker
            .as_deref()
            .filter(|k| !(self.options.mode == Mode::Series && Some(*k) == series_title));
        if let Some(kicker) = kicker {
            self.html.paragraph("ee-kicker", "kicker", kicker);
        }
        let h = self.heading(level, "ee-title", "title");
        self.html
            .link_or_text(essay.canonical_url.as_deref(), None, &essay.title);
        self.html.close(h);
        let teaser = essay.dek.clone().or_else(|| opening_lines(essay));
        if let Some(teaser) = teaser {
            self.html.paragraph("ee-dek", "dek", &teaser);
        }
        if !essay.authors.is_empty() {
            self.html.open(
                "p",
                &[("class", Some("ee-byline")), ("part", Some("byline"))],
            );
            let by = match essay.authors.len() {
                1 => self.strings.get("by"),
                _ => match self.strings.get("by_several") {
                    "by_several" => self.strings.get("by"),
                    several => several,
                },
            };
            self.words("span", "ee-by", essay, by);
            self.html.text(" ");
            let names = self.author_names(essay);
            self.html.auto_dir("span", "ee-author-name", &names);
            if let [only] = essay.authors.as_slice() {
                let detail: Vec<&str> = [only.role.as_deref(), only.affiliation.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                if !detail.is_empty() {
                    self.html.element("span", "ee-sep", ", ");
                    self.html
                        .auto_dir("span", "ee-author-role", &detail.join(", "));
                }
            }
            self.html.close("p");
        }
        if let Some(quote) = essay.pull_quotes.first() {
            self.html
                .open(
                    "blockquote",
                    &[
                        ("class", Some("ee-card-quote")),
                        ("part", Some("pullquote")),
                    ],
                )
                .open("p", &[])
                .text(&quote.text)
                .close("p")
                .close("blockquote");
        }
        if let Some(url) = essay.canonical_url.as_deref() {
            let label = self.strings.get("read_essay");
            let arrow = self.forward_arrow(essay);
            let [lang, dir] = self.words_attrs(essay);
            self.html.open_class("p", "ee-more");
            self.html.open_link(url, Some("ee-read"));
            let wrapped = lang.1.is_some();
            if wrapped {
                self.html.open("span", &[lang, dir]);
            }
            self.html
                .text(label)
                .open("span", &[("aria-hidden", Some("true"))])
                .text(arrow)
                .close("span");
            if wrapped {
                self.html.close("span");
            }
            self.html.close("a").close("p");
        }
        self.html.close("article");
    }
}

/// A card without a dek shows the body's opening, cut at a word within this many bytes:
/// about 30 words of English.
const TEASER_BYTES: usize = 180;

/// The opening of the body (up to [`TEASER_BYTES`]), for a card without a dek.
fn opening_lines(essay: &Essay) -> Option<String> {
    let body = body(essay, 2);
    let first = body.blocks.iter().find(|b| !b.text.trim().is_empty())?;
    let text = first.text.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(truncate_words(&text, TEASER_BYTES))
}
