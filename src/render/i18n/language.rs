//! The languages the widget has words for: their tags and direction, and the CLDR plural
//! rule of each.

use super::{KEYS, TABLES};

/// A language the widget has words for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    Chinese,
    Arabic,
    Russian,
    Hindi,
    French,
    German,
    Spanish,
}

impl Language {
    /// Every built-in language, English first.
    pub const ALL: [Language; 8] = [
        Language::English,
        Language::Chinese,
        Language::Arabic,
        Language::Russian,
        Language::Hindi,
        Language::French,
        Language::German,
        Language::Spanish,
    ];

    /// The BCP 47 tag of this language (its primary subtag).
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Chinese => "zh",
            Language::Arabic => "ar",
            Language::Russian => "ru",
            Language::Hindi => "hi",
            Language::French => "fr",
            Language::German => "de",
            Language::Spanish => "es",
        }
    }

    /// The built-in language of a BCP 47 tag, matched by its primary subtag (`zh-Hant`,
    /// `fr-CA` match; `pt-BR` has none).
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = primary_subtag(tag);
        Language::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.tag()))
    }

    /// The built-in language of `tag`, else English.
    pub fn for_tag(tag: &str) -> Language {
        Language::from_tag(tag).unwrap_or(Language::English)
    }

    /// The first of `tags` (most wanted first: the `lang` attribute, then the essay's) that
    /// has a built-in language, else English.
    pub fn choose(tags: &[Option<&str>]) -> Language {
        tags.iter()
            .flatten()
            .find_map(|t| Language::from_tag(t))
            .unwrap_or(Language::English)
    }

    /// Written right to left.
    pub fn rtl(self) -> bool {
        self == Language::Arabic
    }

    /// `dir` for text in this language.
    pub fn dir(self) -> &'static str {
        if self.rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// `key`'s text in this language's own table.
    pub(super) fn own(self, key: &str) -> Option<&'static str> {
        let at = KEYS.split('\n').position(|k| k == key)?;
        let table = TABLES.get(self as usize)?;
        table.split('\n').nth(at).filter(|v| !v.is_empty())
    }

    /// The CLDR plural category of the integer `n` in this language (the integer rules of
    /// CLDR's plurals.xml; the widget only counts whole things).
    pub fn plural(self, n: u64) -> Plural {
        match self {
            // one: i = 1 and v = 0
            Language::English | Language::German => {
                if n == 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            // one: n = 1; many: e = 0 and i != 0 and i % 1000000 = 0 and v = 0
            Language::Spanish => match n {
                1 => Plural::One,
                n if n != 0 && n % 1_000_000 == 0 => Plural::Many,
                _ => Plural::Other,
            },
            // one: i = 0,1; many: as Spanish
            Language::French => match n {
                0 | 1 => Plural::One,
                n if n % 1_000_000 == 0 => Plural::Many,
                _ => Plural::Other,
            },
            // one: i = 0 or n = 1
            Language::Hindi => {
                if n <= 1 {
                    Plural::One
                } else {
                    Plural::Other
                }
            }
            // one: v = 0 and i % 10 = 1 and i % 100 != 11
            // few: v = 0 and i % 10 = 2..4 and i % 100 != 12..14
            // many: v = 0 and i % 10 = 0 or i % 10 = 5..9 or i % 100 = 11..14
            Language::Russian => match (n % 10, n % 100) {
                (1, h) if h != 11 => Plural::One,
                (2..=4, h) if !(12..=14).contains(&h) => Plural::Few,
                _ => Plural::Many,
            },
            // zero: n = 0; one: n = 1; two: n = 2; few: n % 100 = 3..10; many: n % 100 = 11..99
            Language::Arabic => match (n, n % 100) {
                (0, _) => Plural::Zero,
                (1, _) => Plural::One,
                (2, _) => Plural::Two,
                (_, 3..=10) => Plural::Few,
                (_, 11..=99) => Plural::Many,
                _ => Plural::Other,
            },
            // no plural forms
            Language::Chinese => Plural::Other,
        }
    }
}

/// A CLDR plural category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl Plural {
    /// The key suffix of this form (`min_read.few`); `other` is the bare key.
    pub(super) fn suffix(self) -> &'static str {
        match self {
            Plural::Zero => ".zero",
            Plural::One => ".one",
            Plural::Two => ".two",
            Plural::Few => ".few",
            Plural::Many => ".many",
            Plural::Other => "",
        }
    }
}

fn primary_subtag(tag: &str) -> &str {
    let end = tag
        .bytes()
        .position(|b| b == b'-' || b == b'_')
        .unwrap_or(tag.len());
    tag.get(..end).unwrap_or("")
}

/// Whether text tagged `tag` is written right to left (Arabic, Hebrew, Persian, Urdu, ...):
/// the direction an essay with a `lang` and no `dir` gets.
pub fn is_rtl_tag(tag: &str) -> bool {
    let primary = primary_subtag(tag);
    [
        "ar", "he", "iw", "fa", "ur", "ps", "yi", "dv", "ckb", "sd", "ug", "syr", "ks",
    ]
    .iter()
    .any(|t| primary.eq_ignore_ascii_case(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_chosen_by_primary_subtag_in_order() {
        assert_eq!(Language::from_tag("zh-Hant-TW"), Some(Language::Chinese));
        assert_eq!(Language::from_tag("AR"), Some(Language::Arabic));
        assert_eq!(Language::from_tag("fr_CA"), Some(Language::French));
        assert_eq!(Language::from_tag("pt-BR"), None);
        assert_eq!(Language::from_tag(""), None);
        // The attribute first, then the essay's, then English.
        assert_eq!(
            Language::choose(&[Some("de"), Some("ru")]),
            Language::German
        );
        assert_eq!(
            Language::choose(&[Some("pt-BR"), Some("ru")]),
            Language::Russian
        );
        assert_eq!(Language::choose(&[None, Some("he")]), Language::English);
        assert_eq!(Language::choose(&[None, None]), Language::English);
        assert!(is_rtl_tag("he-IL") && is_rtl_tag("ar") && is_rtl_tag("fa"));
        assert!(!is_rtl_tag("en") && !is_rtl_tag("hi") && !is_rtl_tag("arn"));
    }

    #[test]
    fn cldr_plural_rules() {
        use Plural::*;
        let forms = |l: Language, ns: &[u64]| ns.iter().map(|&n| l.plural(n)).collect::<Vec<_>>();
        let ns = [
            0, 1, 2, 3, 5, 10, 11, 12, 21, 22, 25, 99, 100, 101, 102, 111, 1_000_000,
        ];
        assert_eq!(
            forms(Language::Russian, &ns),
            [
                Many, One, Few, Few, Many, Many, Many, Many, One, Few, Many, Many, Many, One, Few,
                Many, Many
            ]
        );
        assert_eq!(
            forms(Language::Arabic, &ns),
            [
                Zero, One, Two, Few, Few, Few, Many, Many, Many, Many, Many, Many, Other, Other,
                Other, Many, Other
            ]
        );
        assert_eq!(
            forms(Language::Hindi, &[0, 1, 2, 5]),
            [One, One, Other, Other]
        );
        assert_eq!(
            forms(Language::French, &[0, 1, 2, 1_000_000, 2_000_000]),
            [One, One, Other, Many, Many]
        );
        assert_eq!(
            forms(Language::Spanish, &[0, 1, 2, 1_000_000]),
            [Other, One, Other, Many]
        );
        for l in [Language::English, Language::German] {
            assert_eq!(forms(l, &[0, 1, 2, 21]), [Other, One, Other, Other]);
        }
        assert_eq!(forms(Language::Chinese, &[0, 1, 2]), [Other, Other, Other]);
    }
}
