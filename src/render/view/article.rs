//! The article view: the whole essay, its figure, body and pull quotes.

use super::{body, reading_minutes, Context};
use crate::content::model::{index, join, Essay, Problem};
use crate::share::anchor::Projection;

impl Context<'_, '_> {
    pub(super) fn article(&mut self, essay: &Essay, position: usize) -> Projection {
        let level = self.options.heading_level.unwrap_or(1).clamp(1, 6);
        self.open_essay_root("article", "ee ee-article", "article", essay);

        self.html.open_class("header", "ee-head");
        if let Some(kicker) = &essay.kicker {
            self.html.paragraph("ee-kicker", "kicker", kicker);
        }
        let h = self.heading(level, "ee-title", "title");
        self.html.text(&essay.title).close(h);
        if let Some(dek) = &essay.dek {
            self.html.paragraph("ee-dek", "dek", dek);
        }

        let body = body(essay, level);
        let projection = Projection::from_blocks(&body.blocks);
        self.byline(essay, Some(reading_minutes(&projection.text)));
        self.html.close("header");

        if let Some(image) = &essay.image {
            if !image.src.is_empty() {
                self.html.open(
                    "figure",
                    &[("class", Some("ee-figure")), ("part", Some("image"))],
                );
                // With its size the image's box is laid out before it loads (`height: auto`
                // in the stylesheet keeps the ratio at any width).
                let size = image.size().map(|(w, h)| (w.to_string(), h.to_string()));
                self.html.open(
                    "img",
                    &[
                        ("src", Some(&image.src)),
                        ("alt", Some(image.alt.as_deref().unwrap_or(""))),
                        ("width", size.as_ref().map(|s| s.0.as_str())),
                        ("height", size.as_ref().map(|s| s.1.as_str())),
                        ("loading", Some("lazy")),
                        ("decoding", Some("async")),
                    ],
                );
                if image.caption.is_some() || image.credit.is_some() {
                    self.html.open_class("figcaption", "ee-caption");
                    if let Some(caption) = &image.caption {
                        self.html.text(caption);
                    }
                    if let Some(credit) = &image.credit {
                        if image.caption.is_some() {
                            self.html.text(" ");
                        }
                        self.html.element("span", "ee-image-credit", credit);
                    }
                    self.html.close("figcaption");
                }
                self.html.close("figure");
            }
        }

        self.html
            .open("div", &[("class", Some("ee-body")), ("part", Some("body"))]);
        for (i, block) in body.blocks.iter().enumerate() {
            self.html.buf.push_str(&block.html);
            for (q, _) in body
                .placements
                .iter()
                .enumerate()
                .filter(|(_, at)| **at == Some(i))
            {
                self.pull_quote(essay, q, true);
            }
        }
        let path = index("essays", position);
        for (q, _) in body
            .placements
            .iter()
            .enumerate()
            .filter(|(_, at)| at.is_none())
        {
            if essay.body.is_some() {
                self.warnings.push(Problem {
                    path: index(&join(&path, "pull_quotes"), q),
                    message: "not found in the body; shown at the end".to_owned(),
                });
            }
            self.pull_quote(essay, q, false);
        }
        self.html.close("div");

        self.series_nav(essay, level);
        self.footer();
        self.html.close("article");
        projection
    }

    /// A pull quote. When it repeats body text it is decorative (`aria-hidden`), so screen
    /// readers and the share layer meet the sentence once.
    pub(super) fn pull_quote(&mut self, essay: &Essay, q: usize, duplicate: bool) {
        let Some(quote) = essay.pull_quotes.get(q) else {
            return;
        };
        let n = q.to_string();
        self.html.open(
            "aside",
            &[
                ("class", Some("ee-pullquote")),
                ("part", Some("pullquote")),
                ("data-pullquote", Some(&n)),
            ],
        );
        self.html
            .open(
                "blockquote",
                &[("aria-hidden", duplicate.then_some("true"))],
            )
            .open("p", &[])
            .text(&unbreakable_elisions(&quote.text))
            .close("p")
            .close("blockquote");
        if self.options.interactive {
            let label = self.strings.get("share_quote");
            let [lang, dir] = self.words_attrs(essay);
            self.html
                .open(
                    "button",
                    &[
                        ("type", Some("button")),
                        ("class", Some("ee-pq-share")),
                        ("part", Some("share")),
                        ("data-share-quote", Some(&n)),
                        lang,
                        dir,
                    ],
                )
                .text(label)
                .close("button");
        }
        self.html.close("aside");
    }
}

/// ". . ." with no-break spaces, so an elision never wraps apart or starts a line.
fn unbreakable_elisions(text: &str) -> std::borrow::Cow<'_, str> {
    if crate::share::search::find(text, ". . .").is_some() {
        let text = crate::share::search::replace(text, " . . .", "\u{a0}. . .");
        crate::share::search::replace(&text, ". . .", ".\u{a0}.\u{a0}.").into()
    } else {
        text.into()
    }
}
