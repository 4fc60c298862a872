//! Pieces more than one view shows: the byline with its authors, and the publication's footer.

use super::Context;
use crate::content::date::Date;
use crate::content::model::{Author, Essay};
use crate::render::html::Html;

impl Context<'_, '_> {
    /// Authors with role and affiliation, then the date and reading time.
    pub(super) fn byline(&mut self, essay: &Essay, minutes: Option<usize>) {
        self.html.open(
            "div",
            &[("class", Some("ee-byline")), ("part", Some("byline"))],
        );
        if !essay.authors.is_empty() {
            self.html.open_class("ul", "ee-authors");
            for author in &essay.authors {
                self.author(author);
            }
            self.html.close("ul");
        }
        let date = essay.published.as_deref().and_then(Date::parse);
        if date.is_some() || minutes.is_some() {
            self.html.open_class("p", "ee-meta");
            let mut first = true;
            let mut separate = |html: &mut Html| {
                if !std::mem::take(&mut first) {
                    html.open(
                        "span",
                        &[("class", Some("ee-dot")), ("aria-hidden", Some("true"))],
                    )
                    .text(" · ")
                    .close("span");
                }
            };
            let [lang, dir] = self.words_attrs(essay);
            if let Some(d) = date {
                let iso = d.iso();
                let shown = self.strings.date(d);
                separate(&mut self.html);
                self.html
                    .open("time", &[("datetime", Some(&iso)), lang, dir])
                    .text(&shown)
                    .close("time");
            }
            if let Some(updated) = essay
                .updated
                .as_deref()
                .and_then(Date::parse)
                .filter(|u| Some(*u) != date)
            {
                separate(&mut self.html);
                self.html
                    .open("span", &[("class", Some("ee-updated")), lang, dir]);
                let label = self.strings.get("updated");
                self.html.text(label).text(" ");
                let iso = updated.iso();
                let shown = self.strings.date(updated);
                self.html
                    .open("time", &[("datetime", Some(&iso))])
                    .text(&shown)
                    .close("time");
                self.html.close("span");
            }
            if let Some(m) = minutes {
                separate(&mut self.html);
                let text = self.strings.count("min_read", m as u64);
                self.words("span", "ee-reading-time", essay, &text);
            }
            self.html.close("p");
        }
        self.html.close("div");
    }

    pub(super) fn author(&mut self, author: &Author) {
        self.html.open_class("li", "ee-author");
        if let Some(avatar) = &author.avatar {
            self.html.open(
                "img",
                &[
                    ("class", Some("ee-avatar")),
                    ("src", Some(avatar)),
                    ("alt", Some("")),
                    ("width", Some("48")),
                    ("height", Some("48")),
                    ("loading", Some("lazy")),
                    ("decoding", Some("async")),
                ],
            );
        }
        self.html.open_class("span", "ee-author-text");
        self.html.open(
            "span",
            &[("class", Some("ee-author-name")), ("dir", Some("auto"))],
        );
        self.html
            .link_or_text(author.url.as_deref(), None, &author.name);
        self.html.close("span");
        // Role and affiliation sit on their own lines; the commas are for screen readers
        // and for copied text ("Tong Zhao, Senior Fellow, ...").
        if let Some(role) = &author.role {
            self.html.element("span", "ee-sep", ", ");
            self.html.auto_dir("span", "ee-author-role", role);
        }
        if let Some(affiliation) = &author.affiliation {
            self.html.element("span", "ee-sep", ", ");
            self.html
                .auto_dir("span", "ee-author-affiliation", affiliation);
        }
        self.html.close("span").close("li");
    }

    /// "Author and Author", for cards.
    pub(super) fn author_names(&self, essay: &Essay) -> String {
        let names: Vec<&str> = essay.authors.iter().map(|a| a.name.as_str()).collect();
        self.strings.list(&names)
    }
    pub(super) fn footer(&mut self) {
        let Some(publication) = &self.doc.publication else {
            return;
        };
        self.html.open(
            "footer",
            &[("class", Some("ee-footer")), ("part", Some("footer"))],
        );
        // The publisher's lines may be in another script than the essay: each is isolated.
        if let Some(cta) = &publication.cta {
            self.html.open_class("p", "ee-cta").open("bdi", &[]);
            self.html
                .link_or_text(Some(&cta.url), Some("ee-cta-link"), &cta.label);
            self.html.close("bdi").close("p");
        }
        if let Some(credit) = &publication.credit {
            self.html
                .open_class("p", "ee-credit")
                .open("bdi", &[])
                .text(credit)
                .close("bdi")
                .close("p");
        }
        self.html.open_class("p", "ee-publication");
        if let Some(logo) = &publication.logo {
            self.html.open(
                "img",
                &[
                    ("class", Some("ee-logo")),
                    ("src", Some(logo)),
                    ("alt", Some("")),
                    ("height", Some("24")),
                ],
            );
        }
        self.html.open("bdi", &[]);
        self.html.link_or_text(
            publication.url.as_deref(),
            Some("ee-publication-name"),
            &publication.name,
        );
        self.html.close("bdi").close("p");
        if let Some(copyright) = &publication.copyright {
            self.html
                .open("p", &[("class", Some("ee-copyright"))])
                .open("small", &[("dir", Some("auto"))])
                .text(copyright);
            self.html.close("small").close("p");
        }
        self.html.close("footer");
    }
}
