//! The series view (the series title and a card for every essay) and the "More in" list
//! under an article.

use super::{essay_dir, Context};
use crate::content::model::Essay;

impl Context<'_, '_> {
    pub(super) fn series(&mut self) {
        let level = self.options.heading_level.unwrap_or(2).clamp(1, 6);
        let first = self.doc.essays.first();
        self.html.open(
            "section",
            &[
                ("class", Some("ee ee-series")),
                ("part", Some("series")),
                ("lang", first.and_then(|e| e.lang.as_deref())),
                ("dir", first.and_then(essay_dir)),
            ],
        );
        if let Some(series) = &self.doc.series {
            self.html.open_class("header", "ee-head");
            let label = self.strings.get("series");
            self.html.open(
                "p",
                &[("class", Some("ee-kicker")), ("part", Some("kicker"))],
            );
            if let Some(first) = first {
                self.words("span", "ee-words", first, label);
            } else {
                self.html.text(label);
            }
            self.html.close("p");
            let h = self.heading(level, "ee-title", "title");
            self.html
                .link_or_text(series.url.as_deref(), None, &series.title);
            self.html.close(h);
            if let Some(dek) = &series.dek {
                self.html.paragraph("ee-dek", "dek", dek);
            }
            self.html.close("header");
        }
        let card_level = if self.doc.series.is_some() {
            level + 1
        } else {
            level
        };
        self.html.open_class("ul", "ee-cards");
        for essay in &self.doc.essays {
            self.html.open_class("li", "ee-cards-item");
            self.card(essay, card_level);
            self.html.close("li");
        }
        self.html.close("ul");
        self.footer();
        self.html.close("section");
    }

    /// "More in <series>": the document's other essays.
    pub(super) fn series_nav(&mut self, current: &Essay, level: u8) {
        let others: Vec<&Essay> = self
            .doc
            .essays
            .iter()
            .filter(|e| e.id != current.id)
            .collect();
        if others.is_empty() {
            return;
        }
        let series_title = self.doc.series.as_ref().map(|s| s.title.as_str());
        let label = match series_title {
            Some(title) => self.strings.fill("more_in", "series", title),
            None => self.strings.get("more").to_owned(),
        };
        self.html.open(
            "nav",
            &[
                ("class", Some("ee-series-nav")),
                ("part", Some("series")),
                ("aria-label", Some(&label)),
            ],
        );
        let h = self.heading(
            level.saturating_add(1).min(6),
            "ee-series-title",
            "series-title",
        );
        // The widget's words around the series title, which is the essay's and isolated.
        let [lang, dir] = self.words_attrs(current);
        let wrapped = lang.1.is_some();
        if wrapped {
            self.html.open("span", &[lang, dir]);
        }
        match series_title {
            Some(title) => {
                let template = self.strings.get("more_in");
                let (before, after) = crate::share::search::split_once(template, "{series}")
                    .unwrap_or((template, ""));
                self.html
                    .text(before)
                    .open("bdi", &[("lang", current.lang.as_deref())])
                    .text(title)
                    .close("bdi")
                    .text(after);
            }
            None => {
                self.html.text(&label);
            }
        }
        if wrapped {
            self.html.close("span");
        }
        self.html.close(h);
        self.html.open_class("ul", "ee-series-list");
        for essay in others {
            self.html.open_class("li", "ee-series-item");
            self.html.open(
                "span",
                &[("class", Some("ee-series-essay")), ("dir", Some("auto"))],
            );
            self.html
                .link_or_text(essay.canonical_url.as_deref(), None, &essay.title);
            self.html.close("span");
            if !essay.authors.is_empty() {
                let names = self.author_names(essay);
                self.html.auto_dir("span", "ee-series-authors", &names);
                let roles: Vec<&str> = essay
                    .authors
                    .iter()
                    .flat_map(|a| [a.role.as_deref(), a.affiliation.as_deref()])
                    .flatten()
                    .collect();
                if !roles.is_empty() {
                    self.html
                        .auto_dir("span", "ee-series-roles", &roles.join(", "));
                }
            }
            self.html.close("li");
        }
        self.html.close("ul").close("nav");
    }
}
