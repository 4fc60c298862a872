//! Where a passage can be shared: the targets, the `share` attribute, and the popover
//! that offers them.

use crate::render::html::Html;
use crate::render::i18n::Strings;

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
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
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

/// The "Share this selection" popover: a labelled group of buttons, one per target, and a
/// live region that announces what happened. It carries the language and direction of its
/// words (an Arabic popover lays out from the right, whatever the essay); the brand names
/// keep their own left-to-right direction.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
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
