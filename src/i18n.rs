//! The widget's own words, in English and Chinese, overridable from the content's `strings`.
//!
//! Keys are part of the content format (documented in the README). Templates use `{n}`,
//! `{series}` and `{names}` placeholders.

use crate::date::Date;

/// Every key, with its English and Chinese text.
const TABLE: &[(&str, &str, &str)] = &[
    ("by", "By", "作者："),
    ("and", " and ", "、"),
    ("min_read", "{n} min read", "阅读约 {n} 分钟"),
    ("updated", "Updated", "更新于"),
    ("read_essay", "Read the essay", "阅读全文"),
    ("more_in", "More in {series}", "“{series}”系列更多文章"),
    ("series", "Series", "系列"),
    ("share_selection", "Share this selection", "分享所选内容"),
    ("share_quote", "Share this quote", "分享这段引文"),
    ("copy_link", "Copy link", "复制链接"),
    ("copy_quote", "Copy quote", "复制引文"),
    ("share_native", "Share…", "分享…"),
    ("share_email", "Email", "电子邮件"),
    ("share_image", "Save quote image", "保存引文图片"),
    ("link_copied", "Link copied", "链接已复制"),
    ("quote_copied", "Quote copied", "引文已复制"),
    (
        "copy_failed",
        "Could not copy: select the text and copy it yourself",
        "无法复制，请手动复制",
    ),
    ("image_saved", "Image saved", "图片已保存"),
    (
        "not_found",
        "The shared passage could not be found in this version of the essay.",
        "在本版文章中找不到所分享的段落。",
    ),
    ("close", "Close", "关闭"),
    ("footnotes", "Notes", "注释"),
    ("loading", "Loading the essay…", "正在加载文章…"),
    ("retry", "Try again", "重试"),
    (
        "error_title",
        "This essay could not be shown",
        "无法显示这篇文章",
    ),
];

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    Chinese,
}

impl Language {
    /// The built-in table for a BCP 47 tag: Chinese for `zh*`, English otherwise.
    pub fn for_tag(tag: &str) -> Language {
        let primary = tag.split('-').next().unwrap_or("");
        if primary.eq_ignore_ascii_case("zh") {
            Language::Chinese
        } else {
            Language::English
        }
    }
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

    /// The text for `key`; unknown keys come back as themselves (a visible, harmless bug).
    pub fn get(&self, key: &'static str) -> &str {
        if let Some((_, v)) = self.overrides.iter().rev().find(|(k, _)| k == key) {
            return v;
        }
        match TABLE.iter().find(|(k, _, _)| *k == key) {
            Some((_, en, zh)) => match self.language {
                Language::English => en,
                Language::Chinese => zh,
            },
            None => key,
        }
    }

    /// `key`'s template with `{placeholder}` replaced by `value`.
    pub fn fill(&self, key: &'static str, placeholder: &str, value: &str) -> String {
        crate::search::replace(self.get(key), placeholder, value)
    }

    /// A date as readers of this language write it: "9 September 2020", "2020年9月9日".
    pub fn date(&self, d: Date) -> String {
        match self.language {
            Language::English => {
                let month = MONTHS_EN
                    .get(usize::from(d.month).wrapping_sub(1))
                    .copied()
                    .unwrap_or("");
                let mut s = crate::num::uint(u64::from(d.day));
                s.push(' ');
                s.push_str(month);
                s.push(' ');
                crate::num::push_uint(&mut s, u64::from(d.year));
                s
            }
            Language::Chinese => {
                let mut s = crate::num::uint(u64::from(d.year));
                s.push('年');
                crate::num::push_uint(&mut s, u64::from(d.month));
                s.push('月');
                crate::num::push_uint(&mut s, u64::from(d.day));
                s.push('日');
                s
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_tables_and_overrides() {
        let none = Vec::new();
        let en = Strings::new(Language::for_tag("en-GB"), &none);
        assert_eq!(en.get("read_essay"), "Read the essay");
        assert_eq!(en.fill("min_read", "{n}", "4"), "4 min read");
        let zh = Strings::new(Language::for_tag("zh-Hans"), &none);
        assert_eq!(zh.get("copy_link"), "复制链接");
        let custom = vec![("read_essay".to_owned(), "Continue reading".to_owned())];
        let en = Strings::new(Language::English, &custom);
        assert_eq!(en.get("read_essay"), "Continue reading");
        assert_eq!(en.get("by"), "By");
    }

    #[test]
    fn every_key_has_both_languages() {
        for (key, en, zh) in TABLE {
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
        }
    }

    #[test]
    fn dates_in_each_language() {
        let d = Date {
            year: 2020,
            month: 9,
            day: 9,
        };
        assert_eq!(
            Strings::new(Language::English, &[]).date(d),
            "9 September 2020"
        );
        assert_eq!(Strings::new(Language::Chinese, &[]).date(d), "2020年9月9日");
    }
}
