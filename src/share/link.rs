//! Sharing a passage: the deep link, the share texts, and each target's URL.
//!
//! A deep link is the essay's `canonical_url` (else the host page) plus a fragment with two
//! parts. The widget's own, versioned parameter comes first:
//!
//! ```text
//! #ee=1~<essay id>~<position>~<length>~<prefix>~<head>~<tail>~<suffix>
//! ```
//!
//! `position` and `length` count characters (Unicode scalar values) of the essay's
//! whitespace-normalised plain text (see `anchor`; a position counted in UTF-16 code units
//! is recognised too); `prefix` and `suffix` are up to 32 characters around the passage. A
//! passage of up to 96 characters is carried whole in `head` (`tail` empty); a longer one
//! as its first and last 32 characters, which keeps links short enough to post while still
//! finding the passage after edits. Parts are UTF-8, percent-encoded, with `+` for a space;
//! the characters a fragment allows (`-._!$'()*,;@/?`) stay as they are. `:` is encoded, so
//! no part ending in `:` next to one starting with `:` can spell `:~:`, the start of the
//! directive.
//!
//! Then a [Text Fragment](https://wicg.github.io/scroll-to-text-fragment/) directive,
//! `:~:text=[prefix-,]start[,end][,-suffix]`, with just enough context to match once on the
//! page that shows the essay (pull quotes, dek and title included; see [`PageText`]), so
//! browsers highlight the passage even where the widget does not run.
//!
//! ```
//! use essay_embed::{render::markdown::render, share::anchor::Projection, share::link::DeepLink};
//! let p = Projection::from_blocks(&render("Arms control helps. Arms control works.", 2));
//! let at = p.text.rfind("Arms").unwrap();
//! let link = DeepLink::new("essay-1", &p, at, p.text.len()).unwrap();
//! let url = link.url("https://example.com/essay#top");
//! assert_eq!(url, "https://example.com/essay#ee=1~essay-1~20~19~Arms+control+helps.+~Arms+control+works.~~:~:text=Arms%20control%20works.");
//! let found = DeepLink::parse(&url[url.find('#').unwrap()..]).unwrap().anchor(&p).unwrap();
//! assert_eq!(&p.text[found.start..found.end], "Arms control works.");
//! ```

use crate::render::html::Html;
use crate::render::i18n::Strings;
use crate::share::anchor::{Anchored, Projection, Selector, CONTEXT_CHARS};

use super::directive;
pub use super::directive::PageText;

/// The first part of the fragment that marks our parameter, with its version.
const PARAMETER: &str = "ee=1~";

/// Longer selections are shared up to this many characters (cut at a word).
pub const MAX_QUOTE_CHARS: usize = 1000;

/// Passages longer than this travel as their first and last [`HEAD_TAIL_CHARS`].
const WHOLE_UP_TO: usize = 96;
const HEAD_TAIL_CHARS: usize = 32;

/// A passage of an essay, as carried by a share link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeepLink {
    pub essay: String,
    /// The passage. From a parsed link of a long passage, `exact` holds only its head.
    pub selector: Selector,
    /// The last characters of a long passage (empty when `selector.exact` is all of it).
    pub tail: String,
    /// The passage's length in characters.
    pub length: usize,
    /// The text directive (`text=...`), when it could be built.
    pub directive: Option<String>,
    /// The selection was longer than [`MAX_QUOTE_CHARS`] and the link carries its start.
    pub cut: bool,
}

impl DeepLink {
    /// The link for bytes `start..end` of the essay's projection (a selection), its text
    /// directive made unique within the body alone (see [`DeepLink::on_page`]).
    pub fn new(essay: &str, projection: &Projection, start: usize, end: usize) -> Option<DeepLink> {
        let page = PageText::from_projection(projection);
        DeepLink::on_page(essay, projection, &page, start, end)
    }

    /// The link for bytes `start..end` of the essay's projection (a selection) on `page`,
    /// the rendered view that shows it: its text directive matches once there.
    pub fn on_page(
        essay: &str,
        projection: &Projection,
        page: &PageText,
        start: usize,
        end: usize,
    ) -> Option<DeepLink> {
        let mut selector = projection.selector(start, end)?;
        let cut = selector.exact.chars().count() > MAX_QUOTE_CHARS;
        if cut {
            // The link carries text that is in the essay, so its tail is found exactly:
            // the "…" is for readers (`shown_quote`), not for the selector.
            let shown = cut_at_word(&selector.exact, MAX_QUOTE_CHARS);
            selector.exact = shown.trim_end_matches('…').to_owned();
            selector.suffix.clear();
        }
        let directive = projection
            .anchor(&selector)
            .and_then(|a| directive::text_directive(projection, page, a.start, a.end));
        let length = selector.exact.chars().count();
        Some(DeepLink {
            essay: essay.to_owned(),
            selector,
            tail: String::new(),
            length,
            directive,
            cut,
        })
    }

    /// The passage as readers see it quoted: the selection, or its start and "…" when it
    /// was cut.
    pub fn shown_quote(&self) -> String {
        if self.cut {
            [self.selector.exact.as_str(), "\u{2026}"].concat()
        } else {
            self.selector.exact.clone()
        }
    }

    /// The passage as the sharer selected it, as far as the link carries it: whole up to
    /// 96 characters, else its first words, " … " and its last words (the head
    /// and tail are cut at characters; where words are spaced, the partial word at each cut
    /// is left out).
    pub fn shared_quote(&self) -> String {
        if self.tail.is_empty() {
            return self.selector.exact.clone();
        }
        // Our links' parts are normalised: their only white space is ' '.
        let head = self.selector.exact.as_str();
        let head = match head.rfind(' ') {
            Some(at) if at > head.len() / 2 => &head[..at],
            _ => head, // one long word, or CJK
        };
        let tail = self.tail.as_str();
        let tail = match tail.find(' ') {
            Some(at) if at < tail.len() / 2 => &tail[at + 1..],
            _ => tail,
        };
        [head.trim_end_matches(','), " \u{2026} ", tail].concat()
    }

    /// The fragment, `ee=1~...` then `:~:text=...`, without the leading `#`.
    pub fn fragment(&self) -> String {
        let s = &self.selector;
        let (head, tail) = if self.tail.is_empty() && self.length > WHOLE_UP_TO {
            let chars: Vec<char> = s.exact.chars().collect();
            let head: String = chars.iter().take(HEAD_TAIL_CHARS).collect();
            let tail: String = chars
                .get(chars.len().saturating_sub(HEAD_TAIL_CHARS)..)
                .unwrap_or(&[])
                .iter()
                .collect();
            (head, tail)
        } else {
            (s.exact.clone(), self.tail.clone())
        };
        let mut out = String::from(PARAMETER);
        let parts = [
            self.essay.as_str(),
            &s.position.to_string(),
            &self.length.to_string(),
            &s.prefix,
            &head,
            &tail,
            &s.suffix,
        ];
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push('~');
            }
            encode_parameter_into(&mut out, part);
        }
        if let Some(directive) = &self.directive {
            out.push_str(":~:");
            out.push_str(directive);
        }
        out
    }

    /// `base` (its own fragment dropped) with this link's fragment.
    pub fn url(&self, base: &str) -> String {
        let base = base.split('#').next().unwrap_or(base);
        let mut out = String::with_capacity(base.len() + 64);
        out.push_str(base);
        out.push('#');
        out.push_str(&self.fragment());
        out
    }

    /// Reads our parameter from a URL fragment (with or without `#`; browsers strip the
    /// `:~:` directive before scripts see it, and we ignore it when they do not).
    pub fn parse(fragment: &str) -> Option<DeepLink> {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
        let ours =
            crate::share::search::find(fragment, ":~:").map_or(fragment, |at| &fragment[..at]);
        let rest = ours.strip_prefix(PARAMETER)?;
        let mut parts = rest.split('~').map(decode_parameter);
        let mut next = || parts.next().flatten();
        let essay = next()?;
        let position = next()?.parse().ok()?;
        let length = next()?.parse().ok()?;
        let (prefix, exact, tail, suffix) = (next()?, next()?, next()?, next()?);
        if next().is_some() || exact.is_empty() || essay.is_empty() {
            return None;
        }
        // Longer parts than `new` ever writes are not our links. Anyone can write a link,
        // and context is compared by edit distance (quadratic in its length): a 100,000-
        // character prefix would freeze the reader's tab. (Bytes, 4 per character at most.)
        if prefix.len() > 4 * CONTEXT_CHARS
            || suffix.len() > 4 * CONTEXT_CHARS
            || exact.len() > 4 * MAX_QUOTE_CHARS
            || tail.len() > 4 * HEAD_TAIL_CHARS
            || essay.len() > crate::content::model::MAX_ID_BYTES
        {
            return None;
        }
        let selector = Selector {
            exact,
            prefix,
            suffix,
            position,
        };
        Some(DeepLink {
            essay,
            selector,
            tail,
            length,
            directive: None,
            cut: false,
        })
    }

    /// Finds the passage in `projection` (see `anchor`). A long passage is found by its
    /// head, then its tail near where its length says, and kept only if the span's length is
    /// close to the original.
    pub fn anchor(&self, projection: &Projection) -> Option<Anchored> {
        if self.tail.is_empty() {
            return projection.anchor(&self.selector);
        }
        let head = Selector {
            suffix: String::new(),
            ..self.selector.clone()
        };
        projection.anchor_ends(&head, &self.tail, &self.selector.suffix, self.length)
    }
}

/// Our parameter's encoding: `+` for a space, fragment-safe characters kept.
fn encode_parameter_into(out: &mut String, text: &str) {
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push('+');
        }
        for c in word.chars() {
            if c.is_ascii_alphanumeric() || (c.is_ascii() && b"-._!$'()*,;@/?".contains(&(c as u8)))
            {
                out.push(c);
            } else {
                let mut buf = [0u8; 4];
                percent_encode_into(out, c.encode_utf8(&mut buf), true);
            }
        }
    }
}

fn decode_parameter(text: &str) -> Option<String> {
    percent_decode(&text.replace('+', " "))
}

/// Appends `text` percent-encoded as UTF-8, leaving ASCII letters, digits, `.`, `_` and (unless
/// `encode_dash`, as text directives need) `-`.
pub fn percent_encode_into(out: &mut String, text: &str, encode_dash: bool) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || (b == b'-' && !encode_dash) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
}

/// `text` percent-encoded for a URL query value or a fragment.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    percent_encode_into(&mut out, text, false);
    out
}

/// Decodes `%XX` escapes (and nothing else); `None` for a malformed escape or bad UTF-8.
pub fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

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

/// Where a passage can be shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    CopyLink,
    CopyQuote,
    /// The quote and a reference to it (author, title, publication, date, link).
    CopyCitation,
    /// The system share sheet (`navigator.share`), shown only where it exists.
    Native,
    X,
    Bluesky,
    LinkedIn,
    Facebook,
    Email,
    /// A 1200×630 PNG of the quote.
    Image,
}

impl Target {
    /// Every target, in the default order.
    pub const ALL: [Target; 10] = [
        Target::CopyLink,
        Target::CopyQuote,
        Target::CopyCitation,
        Target::Native,
        Target::X,
        Target::Bluesky,
        Target::LinkedIn,
        Target::Facebook,
        Target::Email,
        Target::Image,
    ];

    /// The name used in the `share` attribute and in `essay-embed:share` events.
    pub fn name(self) -> &'static str {
        match self {
            Target::CopyLink => "copy-link",
            Target::CopyQuote => "copy-quote",
            Target::CopyCitation => "copy-citation",
            Target::Native => "native",
            Target::X => "x",
            Target::Bluesky => "bluesky",
            Target::LinkedIn => "linkedin",
            Target::Facebook => "facebook",
            Target::Email => "email",
            Target::Image => "image",
        }
    }

    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The button label.
    fn label(self, strings: &Strings<'_>) -> String {
        match self {
            Target::CopyLink => strings.get("copy_link").to_owned(),
            Target::CopyQuote => strings.get("copy_quote").to_owned(),
            Target::CopyCitation => strings.get("copy_citation").to_owned(),
            Target::Native => strings.get("share_native").to_owned(),
            Target::X => "X".to_owned(),
            Target::Bluesky => "Bluesky".to_owned(),
            Target::LinkedIn => "LinkedIn".to_owned(),
            Target::Facebook => "Facebook".to_owned(),
            Target::Email => strings.get("share_email").to_owned(),
            Target::Image => strings.get("share_image").to_owned(),
        }
    }
}

/// The `share` attribute: a comma list of target names (unknown ones are reported), `none`,
/// or nothing (every target). Returns the targets in the given order and the unknown names.
pub fn parse_targets(attribute: Option<&str>) -> (Vec<Target>, Vec<String>) {
    let Some(list) = attribute.map(str::trim).filter(|l| !l.is_empty()) else {
        return (Target::ALL.to_vec(), Vec::new());
    };
    if list.eq_ignore_ascii_case("none") {
        return (Vec::new(), Vec::new());
    }
    let mut targets = Vec::new();
    let mut unknown = Vec::new();
    for name in list
        .split(',')
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
    {
        match Target::from_name(&name) {
            Some(t) if !targets.contains(&t) => targets.push(t),
            Some(_) => {}
            None => unknown.push(name),
        }
    }
    (targets, unknown)
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

/// The "Share this selection" popover: a labelled group of buttons, one per target, and a
/// live region that announces what happened. It carries the language and direction of its
/// words (an Arabic popover lays out from the right, whatever the essay); the brand names
/// keep their own left-to-right direction.
pub fn popover_html(targets: &[Target], strings: &Strings<'_>, native_available: bool) -> String {
    let mut h = Html::new();
    let title = strings.get("share_selection").to_owned();
    let language = strings.language();
    h.open(
        "div",
        &[
            ("class", Some("ee-share")),
            ("part", Some("share")),
            ("role", Some("group")),
            ("aria-label", Some(&title)),
            ("lang", Some(language.tag())),
            ("dir", Some(language.dir())),
        ],
    );
    h.element("p", "ee-share-title", &title);
    h.open_class("div", "ee-share-buttons");
    for &target in targets {
        if target == Target::Native && !native_available {
            continue;
        }
        let brand = matches!(
            target,
            Target::X | Target::Bluesky | Target::LinkedIn | Target::Facebook
        );
        h.open(
            "button",
            &[
                ("type", Some("button")),
                ("data-share-target", Some(target.name())),
                ("dir", brand.then_some("ltr")),
            ],
        )
        .text(&target.label(strings))
        .close("button");
    }
    h.close("div");
    h.open(
        "p",
        &[
            ("class", Some("ee-live")),
            ("role", Some("status")),
            ("aria-live", Some("polite")),
        ],
    )
    .close("p");
    h.close("div");
    h.buf
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::markdown::render;

    fn projection(md: &str) -> Projection {
        Projection::from_blocks(&render(md, 2))
    }

    fn link_for(p: &Projection, needle: &str, nth: usize) -> DeepLink {
        let at = p.text.match_indices(needle).nth(nth).unwrap().0;
        DeepLink::new("e", p, at, at + needle.len()).unwrap()
    }

    #[test]
    fn colons_around_a_part_boundary_do_not_cut_the_link() {
        // Found by the anchor fuzz target (fuzz/regressions/anchor/colons-at-a-boundary): a
        // prefix ending in ':' and a passage starting with ':' wrote ":~:", where `parse`
        // cuts off the text directive, so our own link did not parse.
        let p = projection("Ratio a:b and c::d mean 1:2.");
        let at = p.text.find("::").unwrap() + 1;
        let link = DeepLink::new("e", &p, at, at + 4).unwrap();
        let fragment = link.fragment();
        assert!(
            !fragment.split(":~:").next().unwrap().contains(':'),
            "{fragment}"
        );
        let parsed = DeepLink::parse(&fragment).unwrap();
        let found = parsed.anchor(&p).unwrap();
        assert_eq!(&p.text[found.start..found.end], ":d m");
        // Links written before this still parse.
        let old = DeepLink::parse("ee=1~e~0~3~~a:b~~").unwrap();
        assert_eq!(old.selector.exact, "a:b");
    }

    #[test]
    fn absurd_numbers_in_a_link_do_not_overflow() {
        // Found reviewing for the fuzz targets (fuzz/regressions/anchor/huge-*): position
        // and length come from the page URL, and `position + quote length`, `head + length`
        // and `length * 5` overflowed (a panic in debug builds, garbage in release).
        let p = projection("x abc def");
        for fragment in [
            "ee=1~e~18446744073709551615~3~~abc~~",
            "ee=1~e~2~18446744073709551615~x+~abc~def~",
            "ee=1~e~0~18446744073709551615~~x~def~",
        ] {
            let link = DeepLink::parse(fragment).unwrap();
            if let Some(found) = link.anchor(&p) {
                assert!(p.text.get(found.start..found.end).is_some(), "{fragment}");
            }
        }
        let far = DeepLink::parse("ee=1~e~18446744073709551615~3~~abc~~").unwrap();
        let found = far.anchor(&p).unwrap();
        assert_eq!(&p.text[found.start..found.end], "abc");
    }

    #[test]
    fn parts_longer_than_our_links_have_are_refused() {
        // Context is compared by edit distance, quadratic in its length: a link with a
        // 100,000-character prefix took minutes to anchor, freezing the reader's tab.
        let long = "x".repeat(100_000);
        for fragment in [
            ["ee=1~e~0~3~", &long, "~abc~~"].concat(),
            ["ee=1~e~0~3~~abc~~", &long].concat(),
            ["ee=1~e~0~3~~", &long, "~~"].concat(),
            ["ee=1~e~0~300~~abc~", &long, "~"].concat(),
            ["ee=1~", &long, "~0~3~~abc~~"].concat(),
        ] {
            assert_eq!(DeepLink::parse(&fragment), None, "{}", &fragment[..40]);
        }
        // What our own links carry, at the limits, still parses.
        let words: Vec<String> = (0..400).map(|i| ["w", &i.to_string()].concat()).collect();
        let p = projection(&words.join(" "));
        let link = DeepLink::new("e", &p, 500, p.text.len()).unwrap();
        assert_eq!(
            link.selector.exact.chars().count(),
            MAX_QUOTE_CHARS.min(link.length)
        );
        let parsed = DeepLink::parse(&link.fragment()).unwrap();
        assert!(parsed.anchor(&p).is_some());
        let at_limits = [
            "ee=1~e~0~3~",
            &"p".repeat(CONTEXT_CHARS),
            "~",
            &"q".repeat(MAX_QUOTE_CHARS),
            "~~",
            &"s".repeat(CONTEXT_CHARS),
        ]
        .concat();
        assert!(DeepLink::parse(&at_limits).is_some());
    }

    #[test]
    fn percent_encoding_round_trips_every_character() {
        let text = "a-b,c&d e:~:f%g#h?i/j\"k<l>'m“中文”😀\u{301}\n";
        assert_eq!(percent_decode(&percent_encode(text)).as_deref(), Some(text));
        let mut directive = String::new();
        percent_encode_into(&mut directive, "a-b,c&d", true);
        assert_eq!(directive, "a%2Db%2Cc%26d");
        assert_eq!(percent_decode("%E4%B8%AD"), Some("中".into()));
        assert_eq!(percent_decode("%E4%B8"), None, "bad UTF-8");
        assert_eq!(percent_decode("%G0"), None);
        assert_eq!(percent_decode("%4"), None);
    }

    #[test]
    fn deep_links_round_trip_and_ignore_other_fragments() {
        let p = projection("Rust, “wasm” & the web: a-b-c ~ tilde + 100% #1.\n\n第二段。");
        let link = link_for(&p, "“wasm” & the web: a-b-c ~ tilde + 100% #1", 0);
        let url = link.url("https://x.example/a?b=c#old");
        assert!(
            url.starts_with("https://x.example/a?b=c#ee=1~e~6~41~Rust,+~%E2%80%9Cwasm%E2%80%9D+%26+the+web%3A+a-b-c+%7E+tilde+%2B+100%25+%231~~.+"),
            "{url}"
        );
        let parsed = DeepLink::parse(&url[url.find('#').unwrap()..]).unwrap();
        assert_eq!(parsed.selector, link.selector);
        assert_eq!((parsed.essay.as_str(), parsed.length), ("e", 41));
        for other in [
            "",
            "#",
            "#top",
            "#ee=2~e~0~1~~x~~",
            "#ee=1~e~x~1~~q~~",
            "#ee=1~~0~1~~q~~",
            "#ee=1~e~0~0~~~~",
            "#ee=1~e~0~1~a~b",
            "#ee=1~e~0~1~a~b~c~d~e",
            "#ee=1~e~0~1~%ZZ~b~~c",
        ] {
            assert_eq!(DeepLink::parse(other), None, "{other:?}");
        }
    }

    #[test]
    fn long_passages_travel_as_head_and_tail_and_are_found_after_edits() {
        let para = "Washington cannot coerce Beijing by threatening to start an arms race and spend China into oblivion, especially because Beijing is confident it can outcompete Washington in the long run.";
        let text = format!("Intro.\n\n{para}\n\nOutro with arms race and Washington again.");
        let p = projection(&text);
        let link = link_for(&p, para, 0);
        let fragment = link.fragment();
        assert!(
            fragment
                .contains("~Washington+cannot+coerce+Beijing~pete+Washington+in+the+long+run.~"),
            "{fragment}"
        );
        assert!(
            fragment
                .ends_with(":~:text=Washington%20cannot%20coerce%20Beijing,in%20the%20long%20run."),
            "{fragment}"
        );
        let parsed = DeepLink::parse(&fragment).unwrap();
        assert_eq!(
            (parsed.length, parsed.tail.as_str()),
            (para.chars().count(), "pete Washington in the long run.")
        );
        let a = parsed.anchor(&p).unwrap();
        assert_eq!(&p.text[a.start..a.end], para);
        assert!(a.exact);
        let edited_para = para
            .replace("into oblivion", "“into oblivion,”")
            .replace("Beijing is", "Beijing, it seems, is");
        let edited = projection(&text.replace(para, &edited_para));
        let a = parsed.anchor(&edited).unwrap();
        assert_eq!(&edited.text[a.start..a.end], edited_para);
        assert!(!a.exact);
        let gutted = projection(&text.replace(
            para,
            "Washington cannot coerce Beijing. The end is in the long run.",
        ));
        assert_eq!(
            parsed.anchor(&gutted),
            None,
            "a span far shorter than the passage is not it"
        );
    }

    #[test]
    fn text_directives_are_unique_with_just_enough_context() {
        let p = projection("The cat sat. The dog ran. The cat sat down.");
        assert_eq!(
            link_for(&p, "dog", 0).directive.as_deref(),
            Some("text=dog")
        );
        // The first occurrence too: browsers take the first match, but a directive that
        // matches twice is ambiguous (the reference polyfill counts every match).
        assert_eq!(
            link_for(&p, "The cat sat", 0).directive.as_deref(),
            Some("text=The%20cat%20sat,-.")
        );
        assert_eq!(
            link_for(&p, "The cat sat", 1).directive.as_deref(),
            Some("text=The%20cat%20sat,-down.")
        );
        // A selection inside a word is widened to whole words for the directive.
        assert_eq!(
            link_for(&p, "og ra", 0).directive.as_deref(),
            Some("text=dog%20ran")
        );
        // Characters whose case fold has another length (a ligature, long s, ß, Armenian
        // ech-yiwn) anywhere in the essay do not cost the directive its context.
        for odd in [
            "\u{fb01}ne",
            "\u{17f}un",
            "Stra\u{df}e",
            "\u{587}",
            "\u{212a}",
        ] {
            let p = projection(
                &[
                    "The cat sat. The dog ran. The cat sat down. A ",
                    odd,
                    " day.",
                ]
                .concat(),
            );
            assert_eq!(
                link_for(&p, "The cat sat", 1).directive.as_deref(),
                Some("text=The%20cat%20sat,-down."),
                "{odd}"
            );
        }
    }

    #[test]
    fn links_counting_utf16_code_units_land_where_they_point() {
        // Twenty emoji (two UTF-16 code units each) before the second "A cat sat.": a tool
        // counting UTF-16 puts it 20 further on than we count, nearer the third one.
        let text = format!("A cat sat. {} A cat sat. A cat sat.", "😀".repeat(20));
        let p = projection(&text);
        let ours = link_for(&p, "A cat sat.", 1);
        assert_eq!(ours.selector.position, 32);
        let expected = p.text.match_indices("A cat sat.").nth(1).unwrap().0;
        for position in [32, 52] {
            let link = DeepLink::parse(&format!("#ee=1~e~{position}~10~~A+cat+sat.~~")).unwrap();
            let found = link.anchor(&p).unwrap();
            assert_eq!(
                (found.start, found.exact),
                (expected, true),
                "position {position}"
            );
        }
    }

    #[test]
    fn long_and_multi_block_passages_use_start_and_end() {
        let p = projection(
            "First paragraph has several words in it.\n\nSecond paragraph also has words.",
        );
        let start = p.text.find("several").unwrap();
        let end = p.text.find("also").unwrap() + 4;
        let link = DeepLink::new("e", &p, start, end).unwrap();
        assert_eq!(
            link.directive.as_deref(),
            Some("text=several%20words%20in%20it.,Second%20paragraph%20also")
        );
        let long = "word ".repeat(100);
        let p = projection(&format!("Start {long}finish here."));
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        assert_eq!(
            link.directive.as_deref(),
            Some("text=Start%20word%20word%20word,word%20word%20finish%20here.")
        );
    }

    #[test]
    fn long_selections_are_cut_at_a_word() {
        let text = "lorem ipsum ".repeat(200);
        let p = projection(&text);
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        let chars = link.shown_quote().chars().count();
        assert!(
            chars <= MAX_QUOTE_CHARS && chars > MAX_QUOTE_CHARS - 20,
            "{chars}"
        );
        let shown = link.shown_quote();
        assert!(
            shown.ends_with("ipsum…") || shown.ends_with("lorem…"),
            "{shown}"
        );
        // The link itself carries only text of the essay, so its ends are found exactly.
        assert!(!link.selector.exact.ends_with('…'));
        assert!(p.text.starts_with(&link.selector.exact));
        let words: Vec<String> = (0..600).map(|i| ["w", &i.to_string()].concat()).collect();
        let p = projection(&words.join(" "));
        let link = DeepLink::new("e", &p, 0, p.text.len()).unwrap();
        let parsed = DeepLink::parse(&link.fragment()).unwrap();
        let found = parsed.anchor(&p).unwrap();
        assert!(found.exact, "{found:?}");
        assert_eq!(&p.text[found.start..found.end], link.selector.exact);
    }

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

    #[test]
    fn the_share_attribute_chooses_and_orders_targets() {
        assert_eq!(parse_targets(None).0, Target::ALL.to_vec());
        assert_eq!(parse_targets(Some("none")), (vec![], vec![]));
        assert_eq!(
            parse_targets(Some(" email, X ,copy-link,x,myspace")),
            (
                vec![Target::Email, Target::X, Target::CopyLink],
                vec!["myspace".to_owned()]
            )
        );
    }

    #[test]
    fn popover_lists_the_targets_with_labels() {
        let strings = Strings::new(crate::render::i18n::Language::English, &[]);
        let html = popover_html(
            &[Target::CopyLink, Target::Native, Target::X],
            &strings,
            false,
        );
        assert!(html.contains("aria-label=\"Share this selection\""));
        assert!(html.contains(
            "<button type=\"button\" data-share-target=\"copy-link\">Copy link</button>"
        ));
        assert!(
            !html.contains("native"),
            "no share sheet where the browser has none"
        );
        assert!(html.contains("aria-live=\"polite\""));
    }
}
