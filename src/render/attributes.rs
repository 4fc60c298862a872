//! The element's attributes, read by one set of rules for the browser's shell and the CLI: a
//! value that decides what is shown (`mode`) and is not known is an error; one that only tunes
//! it (`heading-level`, `timeout`) falls back to its default, with a warning that names it.

use crate::content::model::Problem;
use crate::error::EmbedError;
use crate::render::view::Mode;
use std::ops::RangeInclusive;

/// Heading levels HTML has.
pub const HEADING_LEVELS: RangeInclusive<u8> = 1..=6;

/// Seconds the content request may take: the default and what `timeout` may ask for.
pub const DEFAULT_TIMEOUT_SECONDS: u32 = 10;
pub const TIMEOUT_SECONDS: RangeInclusive<u32> = 1..=300;

/// `mode`: absent or blank is an article.
pub fn mode(value: Option<&str>) -> Result<Mode, EmbedError> {
    let Some(value) = given(value) else {
        return Ok(Mode::Article);
    };
    Mode::parse(value).ok_or_else(|| EmbedError::BadAttribute {
        name: "mode",
        value: value.to_owned(),
        expected: "article, card or series",
    })
}

/// A heading level from 1 to 6, or `None`.
pub fn parse_heading_level(value: &str) -> Option<u8> {
    let level = number(value, 1..=u32::from(*HEADING_LEVELS.end()))?;
    u8::try_from(level).ok()
}

/// Seconds from 1 to 300, or `None`.
pub fn parse_timeout(value: &str) -> Option<u32> {
    number(value, TIMEOUT_SECONDS)
}

fn number(value: &str, range: RangeInclusive<u32>) -> Option<u32> {
    value.trim().parse().ok().filter(|n| range.contains(n))
}

/// `heading-level`: absent is the mode's default (`None`); a value that is not 1 to 6 is
/// too, with a warning.
pub fn heading_level(value: Option<&str>) -> (Option<u8>, Option<Problem>) {
    match given(value) {
        None => (None, None),
        Some(v) => match parse_heading_level(v) {
            Some(level) => (Some(level), None),
            None => (
                None,
                Some(ignored("heading-level", v, "a level from 1 to 6")),
            ),
        },
    }
}

/// `timeout`: absent, or not 1 to 300 (with a warning), is the default.
pub fn timeout_seconds(value: Option<&str>) -> (u32, Option<Problem>) {
    match given(value) {
        None => (DEFAULT_TIMEOUT_SECONDS, None),
        Some(v) => match parse_timeout(v) {
            Some(seconds) => (seconds, None),
            None => (
                DEFAULT_TIMEOUT_SECONDS,
                Some(ignored("timeout", v, "seconds from 1 to 300")),
            ),
        },
    }
}

/// The value, unless the attribute is absent or blank.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// The warning for a value that is ignored.
fn ignored(name: &str, value: &str, expected: &str) -> Problem {
    Problem {
        path: [name, " attribute"].concat(),
        message: ["\"", value, "\" is not ", expected, "; the default is used"].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mode_it_does_not_know_is_an_error_and_none_is_an_article() {
        assert_eq!(mode(None).unwrap(), Mode::Article);
        assert_eq!(mode(Some(" ")).unwrap(), Mode::Article);
        assert_eq!(mode(Some(" Card ")).unwrap(), Mode::Card);
        let err = mode(Some("cards")).unwrap_err();
        assert_eq!(err.code(), "bad-attribute");
        assert!(err.to_string().contains("cards"), "{err}");
    }

    #[test]
    fn a_heading_level_outside_one_to_six_is_the_default_with_a_warning() {
        assert_eq!(heading_level(None), (None, None));
        assert_eq!(heading_level(Some("")), (None, None));
        assert_eq!(heading_level(Some(" 3 ")), (Some(3), None));
        for bad in ["0", "7", "two", "-1", "2.5"] {
            let (level, warning) = heading_level(Some(bad));
            assert_eq!(level, None, "{bad}");
            assert_eq!(
                warning.unwrap().to_string(),
                format!(
                    "heading-level attribute: \"{bad}\" is not a level from 1 to 6; the default is used"
                )
            );
        }
    }

    #[test]
    fn a_timeout_outside_one_to_three_hundred_seconds_is_the_default_with_a_warning() {
        assert_eq!(timeout_seconds(None), (DEFAULT_TIMEOUT_SECONDS, None));
        assert_eq!(timeout_seconds(Some("300")), (300, None));
        let (seconds, warning) = timeout_seconds(Some("0"));
        assert_eq!(seconds, DEFAULT_TIMEOUT_SECONDS);
        assert!(warning
            .unwrap()
            .to_string()
            .starts_with("timeout attribute: \"0\""));
        assert!(timeout_seconds(Some("301")).1.is_some());
    }
}
