//! The widget's own words in eight languages, their plural forms and dates, overridable from
//! the content's `strings`.
//!
//! Each language is one table, `src/render/i18n/<tag>.txt`: a `key=value` line per key (keys are
//! part of the content format, listed in docs/content.md); `build.rs` packs them for the wasm. Templates use `{n}`, `{series}`,
//! `{a}`/`{b}` and, for `date`, `{d}`, `{m}`, `{month}`, `{y}` placeholders. A counted key
//! has its CLDR plural forms as `key.one`, `key.few`, ... beside `key` (the `other` form and
//! the fallback of every form). A key a table lacks falls back to English.
//!
//! Dates are written from each table's `months` and `date` (CLDR's long date format, the
//! one `Intl.DateTimeFormat(tag, { dateStyle: "long" })` shows) so the widget, the CLI and
//! the browser agree; the plural rules are the few CLDR integer rules below. Both are a few
//! hundred bytes where ICU's data for eight locales would be far more than the whole widget.

mod language;

pub use language::{is_rtl_tag, Language};

use crate::content::date::Date;

// KEYS (one a line) and TABLES (per language in `Language::ALL` order, its values a line
// each in the order of KEYS), from src/render/i18n/*.txt.
include!(concat!(env!("OUT_DIR"), "/i18n_tables.rs"));
/// `template` with each `{name}` of `args` replaced by its value (one pass, left to right).
fn format(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        let value = rest.find('}').and_then(|close| {
            let name = &rest[1..close];
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (close, *v))
        });
        match value {
            Some((close, v)) => {
                out.push_str(v);
                rest = &rest[close + 1..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}
/// The words in effect for one rendering.
#[derive(Debug, Clone)]
pub struct Strings<'a> {
    language: Language,
    overrides: &'a [(String, String)],
}

impl<'a> Strings<'a> {
    pub fn new(language: Language, overrides: &'a [(String, String)]) -> Self {
        Strings {
            language,
            overrides,
        }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    fn overridden(&self, key: &str) -> Option<&'a str> {
        let found = self.overrides.iter().rev().find(|(k, _)| k == key);
        found.map(|(_, v)| v.as_str())
    }

    /// The text for `key`; unknown keys come back as themselves (a visible, harmless bug).
    pub fn get<'k>(&self, key: &'k str) -> &'k str
    where
        'a: 'k,
    {
        self.overridden(key)
            .or_else(|| self.language.own(key))
            .or_else(|| Language::English.own(key))
            .unwrap_or(key)
    }

    /// `key`'s template with `{name}` replaced by `value`.
    pub fn fill(&self, key: &str, name: &str, value: &str) -> String {
        format(self.get(key), &[(name, value)])
    }

    /// `key`'s template with each `{name}` replaced by its value; an empty value drops its
    /// placeholder and the separators right after it (white space, commas, colons, full
    /// stops in any script), so a reference without an author starts at the title.
    pub fn fill_present(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut kept = String::new();
        let mut rest = self.get(key);
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
            let name = rest.get(open + 1..close - 1).unwrap_or("");
            if args.iter().any(|(n, v)| *n == name && v.is_empty()) {
                kept.push_str(&rest[..open]);
                // A `matches!`, not `"...".contains(c)`: `str::contains(char)` reaches core's
                // Two-Way substring searcher for chars beyond ASCII (see docs/size.md).
                rest = rest[close..].trim_start_matches(|c: char| {
                    c.is_whitespace()
                        || matches!(
                            c,
                            ',' | '.'
                                | ':'
                                | ';'
                                | '\u{3001}'
                                | '\u{3002}'
                                | '\u{ff0c}'
                                | '\u{ff1a}'
                                | '\u{60c}'
                        )
                });
            } else {
                kept.push_str(&rest[..close]);
                rest = &rest[close..];
            }
        }
        kept.push_str(rest);
        format(&kept, args)
    }

    /// The plural form of `key` for `n`, with `{n}` filled in: `key.few` and the like
    /// (the content's, then the table's), else `key` itself.
    pub fn count(&self, key: &str, n: u64) -> String {
        let form = [key, self.language.plural(n).suffix()].concat();
        let text = match self.overridden(&form).or_else(|| self.overridden(key)) {
            Some(v) => v,
            None => match self.language.own(&form) {
                Some(v) => v,
                None => self.get(key),
            },
        };
        format(text, &[("n", &n.to_string())])
    }

    /// `names` as a list: "A and B", "A、B".
    pub fn list(&self, names: &[&str]) -> String {
        let and = self.get("and");
        let template = crate::share::search::find(and, "{a}").is_some();
        let mut out = String::new();
        for (i, name) in names.iter().enumerate() {
            out = match i {
                0 => (*name).to_owned(),
                _ if template => format(and, &[("a", &out), ("b", name)]),
                // An override written as a separator (" & "), the older form.
                _ => [out.as_str(), and, name].concat(),
            };
        }
        out
    }

    /// A date as readers of this language write it: "9 September 2020", "2020年9月9日",
    /// "9 сентября 2020 г.".
    pub fn date(&self, d: Date) -> String {
        let month = self
            .get("months")
            .split('|')
            .nth(usize::from(d.month).wrapping_sub(1))
            .unwrap_or("");
        let uint = |n: u16| n.to_string();
        let (day, number, year) = (uint(d.day.into()), uint(d.month.into()), uint(d.year));
        format(
            self.get("date"),
            &[("month", month), ("d", &day), ("m", &number), ("y", &year)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(language: Language) -> &'static str {
        match language {
            Language::English => include_str!("i18n/en.txt"),
            Language::Chinese => include_str!("i18n/zh.txt"),
            Language::Arabic => include_str!("i18n/ar.txt"),
            Language::Russian => include_str!("i18n/ru.txt"),
            Language::Hindi => include_str!("i18n/hi.txt"),
            Language::French => include_str!("i18n/fr.txt"),
            Language::German => include_str!("i18n/de.txt"),
            Language::Spanish => include_str!("i18n/es.txt"),
        }
    }

    fn keys(language: Language) -> Vec<&'static str> {
        source(language)
            .lines()
            .map(|l| l.split_once('=').expect("key=value").0)
            .collect()
    }

    #[test]
    fn the_packed_tables_hold_the_sources() {
        for language in Language::ALL {
            for line in source(language).lines() {
                let (key, value) = line.split_once('=').unwrap();
                assert_eq!(language.own(key), Some(value), "{}: {key}", language.tag());
            }
        }
        assert_eq!(Language::Chinese.own("months"), None);
        assert_eq!(Language::English.own("min_read.few"), None);
    }

    #[test]
    fn templates() {
        assert_eq!(
            format("{a} and {b}", &[("a", "X"), ("b", "{a}")]),
            "X and {a}"
        );
        assert_eq!(format("{n} {x} {", &[("n", "4")]), "4 {x} {");
        assert_eq!(format("", &[]), "");
    }

    fn placeholders(text: &str) -> Vec<&str> {
        let mut out: Vec<&str> = text
            .match_indices('{')
            .filter_map(|(at, _)| text[at..].find('}').map(|end| &text[at..=at + end]))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn built_in_tables_and_overrides() {
        let none = Vec::new();
        let en = Strings::new(Language::for_tag("en-GB"), &none);
        assert_eq!(en.get("read_essay"), "Read the essay");
        assert_eq!(en.count("min_read", 4), "4 min read");
        let zh = Strings::new(Language::for_tag("zh-Hans"), &none);
        assert_eq!(zh.get("copy_link"), "复制链接");
        let custom = vec![("read_essay".to_owned(), "Continue reading".to_owned())];
        let en = Strings::new(Language::English, &custom);
        assert_eq!(en.get("read_essay"), "Continue reading");
        assert_eq!(en.get("by"), "By");
        assert_eq!(en.get("no_such_key"), "no_such_key");
    }

    #[test]
    fn every_table_has_every_english_key_with_the_same_placeholders() {
        let english = keys(Language::English);
        for language in Language::ALL {
            let own = keys(language);
            for key in &english {
                if *key == "months" && language == Language::Chinese {
                    continue; // its date template has no month names
                }
                assert!(own.contains(key), "{}: no {key}", language.tag());
            }
            for key in &own {
                let base = key.split('.').next().unwrap();
                assert!(
                    english.contains(&base) || *key == "by_several",
                    "{}: unknown key {key}",
                    language.tag()
                );
                let value = language.own(key).unwrap();
                assert!(!value.is_empty(), "{}: {key} is empty", language.tag());
                let form = key.split_once('.').map(|(_, f)| f);
                assert!(
                    matches!(form, None | Some("zero" | "one" | "two" | "few" | "many")),
                    "{}: {key}",
                    language.tag()
                );
                // A plural form may drop {n} ("one minute"); nothing else may.
                if form.is_none() && !matches!(*key, "date" | "by_several") {
                    assert_eq!(
                        placeholders(value),
                        placeholders(Language::English.own(base).unwrap()),
                        "{}: {key}",
                        language.tag()
                    );
                }
            }
            if language != Language::Chinese {
                assert_eq!(
                    language.own("months").unwrap().split('|').count(),
                    12,
                    "{}",
                    language.tag()
                );
            }
        }
    }

    #[test]
    fn counts_take_the_plural_form_of_their_language() {
        let ru = Strings::new(Language::Russian, &[]);
        assert_eq!(ru.count("min_read", 1), "1 минута чтения");
        assert_eq!(ru.count("min_read", 3), "3 минуты чтения");
        assert_eq!(ru.count("min_read", 5), "5 минут чтения");
        assert_eq!(ru.count("min_read", 11), "11 минут чтения");
        assert_eq!(ru.count("min_read", 21), "21 минута чтения");
        let ar = Strings::new(Language::Arabic, &[]);
        assert_eq!(ar.count("min_read", 1), "دقيقة واحدة للقراءة");
        assert_eq!(ar.count("min_read", 2), "دقيقتان للقراءة");
        assert_eq!(ar.count("min_read", 7), "7 دقائق للقراءة");
        assert_eq!(ar.count("min_read", 12), "12 دقيقة للقراءة");
        assert_eq!(ar.count("min_read", 100), "100 دقيقة للقراءة");
        let fr = Strings::new(Language::French, &[]);
        assert_eq!(fr.count("min_read", 1), "1 min de lecture");
        // The content's words win over every built-in form: its form, then its bare key.
        let custom = vec![("min_read".to_owned(), "{n} мин".to_owned())];
        assert_eq!(
            Strings::new(Language::Russian, &custom).count("min_read", 5),
            "5 мин"
        );
        let custom = vec![
            ("min_read".to_owned(), "{n} minutes".to_owned()),
            ("min_read.one".to_owned(), "one minute".to_owned()),
        ];
        let en = Strings::new(Language::English, &custom);
        assert_eq!(
            (en.count("min_read", 1), en.count("min_read", 2)),
            ("one minute".into(), "2 minutes".into())
        );
    }

    #[test]
    fn lists_of_names() {
        let names = ["A", "B", "C"];
        assert_eq!(
            Strings::new(Language::English, &[]).list(&names),
            "A and B and C"
        );
        assert_eq!(
            Strings::new(Language::Chinese, &[]).list(&names[..2]),
            "A、B"
        );
        assert_eq!(
            Strings::new(Language::Arabic, &[]).list(&names[..2]),
            "A وB"
        );
        assert_eq!(Strings::new(Language::German, &[]).list(&names[..1]), "A");
        assert_eq!(Strings::new(Language::German, &[]).list(&[]), "");
        let custom = vec![("and".to_owned(), " & ".to_owned())];
        assert_eq!(
            Strings::new(Language::English, &custom).list(&names[..2]),
            "A & B"
        );
    }

    #[test]
    fn dates_in_each_language() {
        let d = Date {
            year: 2020,
            month: 9,
            day: 9,
        };
        let jan = Date {
            year: 2021,
            month: 1,
            day: 1,
        };
        // As Intl.DateTimeFormat(tag, { dateStyle: "long" }) writes them (CLDR 48; English
        // as en-GB); tests/e2e/i18n.test.mjs compares every month with Chromium's.
        let expected = [
            (Language::English, "9 September 2020", "1 January 2021"),
            (Language::Chinese, "2020年9月9日", "2021年1月1日"),
            (Language::Arabic, "9 سبتمبر 2020", "1 يناير 2021"),
            (Language::Russian, "9 сентября 2020 г.", "1 января 2021 г."),
            (Language::Hindi, "9 सितंबर 2020", "1 जनवरी 2021"),
            (Language::French, "9 septembre 2020", "1 janvier 2021"),
            (Language::German, "9. September 2020", "1. Januar 2021"),
            (
                Language::Spanish,
                "9 de septiembre de 2020",
                "1 de enero de 2021",
            ),
        ];
        for (language, sept, january) in expected {
            let s = Strings::new(language, &[]);
            assert_eq!((s.date(d).as_str(), s.date(jan).as_str()), (sept, january));
        }
    }
}
