//! The texts that go with a shared passage: the quote cut at a word, its attribution and
//! citation, and each target's post within its length limit and composer URL.

use super::fragment::percent_encode;
use super::target::Target;
use crate::render::i18n::Strings;

/// Up to `max` characters of `text`, cut at a word boundary, with an ellipsis when cut.
pub fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(at) if at > cut.len() / 2 => &cut[..at],
        _ => cut.as_str(), // one long word, or CJK: cut at a character
    };
    let mut out = at_word
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'))
        .to_owned();
    out.push('…');
    out
}

/// What is shared: the passage and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage<'a> {
    pub quote: &'a str,
    pub author: &'a str,
    pub title: &'a str,
    pub publication: Option<&'a str>,
    pub url: &'a str,
}

/// X counts every URL as 23 characters (t.co) and East Asian characters as 2.
const X_LIMIT: usize = 280;
const X_URL_WEIGHT: usize = 23;
/// Bluesky counts the graphemes of the whole post, with links as its composer shortens them.
const BLUESKY_LIMIT: usize = 300;

/// A link as Bluesky's composer shows and counts it: host, then at most 13 characters of
/// the rest and "...".
fn bluesky_link_weight(url: &str) -> usize {
    let rest = crate::share::search::split_once(url, "://").map_or(url, |(_, r)| r);
    let (host, path) = rest
        .split_once('/')
        .map_or((rest, None), |(h, p)| (h, Some(p)));
    let path_chars = path.map_or(0, |p| p.chars().count() + 1);
    host.chars().count() + if path_chars > 15 { 16 } else { path_chars }
}

fn x_weight(text: &str) -> usize {
    text.chars()
        .map(|c| if matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD) { 2 } else { 1 })
        .sum()
}

/// Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko, ...).
fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
    })
}

impl Passage<'_> {
    /// Whether the fields are isolated from each other, each in first-strong isolates
    /// (FSI … PDI) so that pasted anywhere it keeps its own order and the punctuation
    /// between fields follows the paragraph: when any is right to left (so text in one
    /// direction only stays exactly as typed).
    fn bidi(&self) -> bool {
        [
            self.quote,
            self.author,
            self.title,
            self.publication.unwrap_or(""),
        ]
        .into_iter()
        .any(has_rtl)
    }

    /// A field as it goes into a share text: isolated when [`Self::bidi`].
    fn field(&self, text: &str) -> String {
        let (open, close) = if self.bidi() {
            ("\u{2068}", "\u{2069}")
        } else {
            ("", "")
        };
        [open, text, close].concat()
    }

    /// `— Author, Title (Publication)`.
    pub fn attribution(&self) -> String {
        let mut out = String::from("— ");
        if !self.author.is_empty() {
            out.push_str(&self.field(self.author));
            out.push_str(", ");
        }
        out.push_str(&self.field(self.title));
        if let Some(publication) = self.publication {
            out.push_str(" (");
            out.push_str(&self.field(publication));
            out.push(')');
        }
        out
    }

    /// The quote in quotation marks and its attribution, cut to `fits` (a predicate on the
    /// whole text) at a word boundary.
    fn quoted_within(&self, fits: impl Fn(&str) -> bool) -> String {
        let attribution = self.attribution();
        let mut max = self.quote.chars().count();
        loop {
            let quote = self.field(&cut_at_word(self.quote, max));
            let text = ["“", &quote, "” ", &attribution].concat();
            if fits(&text) || max == 0 {
                return text;
            }
            // Shrink by the overflow, at least a character, and try again.
            max = max.saturating_sub(max / 10 + 1);
        }
    }

    /// For "Copy quote": the passage, its attribution and the link, on three lines.
    pub fn clipboard_text(&self) -> String {
        let quote = self.field(self.quote);
        ["“", &quote, "”\n", &self.attribution(), "\n", self.url].concat()
    }

    /// For "Copy as citation": the quote, then a reference in the words' language
    /// (`Tong Zhao, “View From Beijing”, Carnegie Endowment, 9 September 2020. https://…`,
    /// the `citation` template; parts the essay lacks are left out with their punctuation).
    pub fn citation(
        &self,
        strings: &Strings<'_>,
        published: Option<crate::content::date::Date>,
    ) -> String {
        let date = published.map(|d| strings.date(d)).unwrap_or_default();
        let reference = strings.fill_present(
            "citation",
            &[
                ("author", &self.field(self.author)),
                ("title", &self.field(self.title)),
                (
                    "publication",
                    &self.publication.map(|p| self.field(p)).unwrap_or_default(),
                ),
                ("date", &date),
                ("url", self.url),
            ],
        );
        ["“", &self.field(self.quote), "”\n", &reference].concat()
    }

    /// The text that goes with the link (share sheet, X, Bluesky).
    pub fn short_text(&self, target: Target) -> String {
        match target {
            Target::X => self.quoted_within(|t| x_weight(t) + 1 + X_URL_WEIGHT <= X_LIMIT),
            Target::Bluesky => self.quoted_within(|t| {
                t.chars().count() + 1 + bluesky_link_weight(self.url) <= BLUESKY_LIMIT
            }),
            _ => ["“", &self.field(self.quote), "” ", &self.attribution()].concat(),
        }
    }

    /// The URL that opens `target`'s composer, for the web targets.
    pub fn target_url(&self, target: Target) -> Option<String> {
        let e = percent_encode;
        Some(match target {
            Target::X => [
                "https://x.com/intent/post?text=",
                &e(&self.short_text(Target::X)),
                "&url=",
                &e(self.url),
            ]
            .concat(),
            Target::Bluesky => {
                let post = [self.short_text(Target::Bluesky).as_str(), " ", self.url].concat();
                ["https://bsky.app/intent/compose?text=", &e(&post)].concat()
            }
            Target::LinkedIn => [
                "https://www.linkedin.com/sharing/share-offsite/?url=",
                &e(self.url),
            ]
            .concat(),
            Target::Facebook => [
                "https://www.facebook.com/sharer/sharer.php?u=",
                &e(self.url),
            ]
            .concat(),
            Target::Email => {
                let subject = if self.author.is_empty() {
                    self.field(self.title)
                } else {
                    [
                        self.field(self.title),
                        " — ".into(),
                        self.field(self.author),
                    ]
                    .concat()
                };
                [
                    "mailto:?subject=",
                    &e(&subject),
                    "&body=",
                    &e(&self.clipboard_text()),
                ]
                .concat()
            }
            Target::CopyLink
            | Target::CopyQuote
            | Target::CopyCitation
            | Target::Native
            | Target::Image => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::fragment::percent_decode;
    use super::*;

    fn passage(quote: &str) -> Passage<'_> {
        Passage {
            quote,
            author: "Tong Zhao",
            title: "View From Beijing",
            publication: Some("Carnegie Endowment for International Peace"),
            url: "https://carnegieendowment.org/2020/09/09/view-from-beijing-pub-82525#ee=1~view-from-beijing~0~~x~",
        }
    }

    #[test]
    fn x_posts_fit_280_characters_counting_the_link_as_23() {
        let long = "Washington cannot coerce Beijing by threatening to start an arms race and spend China into oblivion, especially because Beijing is confident it can outcompete Washington in the long run. Such a threat also reinforces China’s long-standing suspicion.";
        let p = passage(long);
        let text = p.short_text(Target::X);
        assert!(x_weight(&text) + 1 + 23 <= 280, "{}", x_weight(&text));
        assert!(text.contains("…” — Tong Zhao, View From Beijing"), "{text}");
        assert!(
            !text.contains(" …"),
            "cut at a word, not after a space: {text}"
        );
        let short = passage("Short and sweet.").short_text(Target::X);
        assert_eq!(short, "“Short and sweet.” — Tong Zhao, View From Beijing (Carnegie Endowment for International Peace)");
        let cjk = "如果华盛顿继续把军控当作与北京竞争的工具，北京为什么要帮忙？".repeat(8);
        let text = passage(&cjk).short_text(Target::X);
        assert!(
            x_weight(&text) + 24 <= 280 && x_weight(&text) + 24 > 240,
            "{}",
            x_weight(&text)
        );
    }

    #[test]
    fn every_target_url_is_encoded_and_within_limits() {
        let p = passage("If Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help? & more #tags");
        let x = p.target_url(Target::X).unwrap();
        assert!(
            x.starts_with("https://x.com/intent/post?text=%E2%80%9CIf%20Washington"),
            "{x}"
        );
        assert!(
            x.contains("%26%20more%20%23tags")
                && x.ends_with(&["&url=", &percent_encode(p.url)].concat())
        );
        let bsky = p.target_url(Target::Bluesky).unwrap();
        let post = percent_decode(
            bsky.strip_prefix("https://bsky.app/intent/compose?text=")
                .unwrap(),
        )
        .unwrap();
        assert!(post.ends_with(p.url), "{post}");
        let shown = post.chars().count() - p.url.chars().count() + bluesky_link_weight(p.url);
        assert!(shown <= 300, "{shown}");
        assert_eq!(
            bluesky_link_weight("https://carnegieendowment.org/2020/09/09/x#ee=1"),
            "carnegieendowment.org".len() + 16
        );
        assert_eq!(
            bluesky_link_weight("https://a.example/short"),
            "a.example/short".len()
        );
        assert_eq!(bluesky_link_weight("https://a.example"), "a.example".len());
        assert_eq!(
            p.target_url(Target::LinkedIn).unwrap(),
            [
                "https://www.linkedin.com/sharing/share-offsite/?url=",
                &percent_encode(p.url)
            ]
            .concat()
        );
        assert!(p.target_url(Target::Facebook).unwrap().starts_with(
            "https://www.facebook.com/sharer/sharer.php?u=https%3A%2F%2Fcarnegieendowment.org"
        ));
        let mail = p.target_url(Target::Email).unwrap();
        assert!(
            mail.starts_with(
                "mailto:?subject=View%20From%20Beijing%20%E2%80%94%20Tong%20Zhao&body=%E2%80%9CIf"
            ),
            "{mail}"
        );
        assert_eq!(p.target_url(Target::CopyLink), None);
    }

    #[test]
    fn citations_name_the_source_in_the_readers_language() {
        use crate::render::i18n::Language;
        let date = crate::content::date::Date::parse("2020-09-09");
        let p = passage("Washington cannot coerce Beijing.");
        let english = Strings::new(Language::English, &[]);
        assert_eq!(
            p.citation(&english, date),
            ["“Washington cannot coerce Beijing.”\nTong Zhao, “View From Beijing”, Carnegie Endowment for International Peace, 9 September 2020. ", p.url].concat()
        );
        let german = Strings::new(Language::German, &[]);
        assert_eq!(
            p.citation(&german, date),
            ["“Washington cannot coerce Beijing.”\nTong Zhao: „View From Beijing“, Carnegie Endowment for International Peace, 9. September 2020. ", p.url].concat()
        );
        // No author, publication or date: those parts and their punctuation are left out.
        let bare = Passage {
            author: "",
            publication: None,
            ..passage("A quote.")
        };
        assert_eq!(
            bare.citation(&english, None),
            ["“A quote.”\n“View From Beijing”, ", bare.url].concat()
        );
        let chinese = Strings::new(Language::Chinese, &[]);
        assert_eq!(
            bare.citation(&chinese, date),
            [
                "“A quote.”\n《View From Beijing》，2020年9月9日。",
                bare.url
            ]
            .concat()
        );
    }
}
