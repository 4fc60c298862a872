//! The URL allow-list: only `http:`, `https:`, `mailto:`, relative and `#fragment` URLs
//! may reach the output.
//!
//! Browsers forgive a lot when they parse a URL: they drop leading and trailing spaces and
//! control characters, remove tabs and newlines anywhere, and compare schemes case-blind. We
//! read the scheme the same way, so `" JaVa\tScRiPt:alert(1)"` is caught. Character references
//! (`&#106;avascript:`) are already decoded by the time a URL gets here: by pulldown-cmark for
//! Markdown, and JSON has none.
//!
//! ```
//! let is_allowed = |url| essay_embed::check_url(url).is_ok();
//! assert!(is_allowed("https://example.com/a?b#c"));
//! assert!(is_allowed("../essays/view-from-beijing"));
//! assert!(!is_allowed(" JaVa\tScRiPt:alert(1)"));
//! ```

use std::fmt;

/// Why a URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// The URL has a scheme outside the allow-list; holds the scheme, lowercased.
    SchemeNotAllowed(String),
    /// The URL holds characters no URL may hold (angle brackets, quotes, backslashes in the
    /// scheme position, NUL): refused rather than guessed at.
    Malformed,
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::SchemeNotAllowed(scheme) => {
                f.write_str("URL scheme \"")?;
                f.write_str(scheme)?;
                f.write_str(
                    ":\" is not allowed (use http, https, mailto, a relative URL or #fragment)",
                )
            }
            UrlError::Malformed => {
                f.write_str("not a URL that is allowed (it holds characters URLs may not)")
            }
        }
    }
}

impl std::error::Error for UrlError {}

/// True when `url` may be emitted as an `href` or `src`.
pub fn is_allowed(url: &str) -> bool {
    check(url).is_ok()
}

/// Checks `url` against the allow-list (see the module docs).
pub fn check(url: &str) -> Result<(), UrlError> {
    // What a browser's URL parser sees: C0 controls and spaces trimmed from both ends, ASCII
    // tab and newlines removed everywhere.
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    if trimmed
        .bytes()
        .any(|b| matches!(b, 0 | b'<' | b'>' | b'"' | b'`'))
    {
        return Err(UrlError::Malformed);
    }
    // Most links: no scheme to read character by character.
    if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
        return Ok(());
    }
    let mut scheme = String::new();
    for c in trimmed.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')) {
        match c {
            ':' => break,
            // A path, query or fragment starts before any colon: a relative URL.
            '/' | '?' | '#' => return Ok(()),
            // Browsers treat backslash like slash in special URLs; be strict.
            '\\' => return Ok(()),
            c => scheme.push(c.to_ascii_lowercase()),
        }
    }
    if scheme.len()
        == trimmed
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .count()
    {
        return Ok(()); // no colon at all: relative
    }
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !is_scheme {
        // "1:2" or "a b:c": the URL parser reads these as relative paths, but nobody means
        // that; only a colon after a non-scheme in a path segment is harmless.
        return if scheme.chars().any(|c| c.is_ascii_control()) {
            Err(UrlError::Malformed)
        } else {
            Ok(())
        };
    }
    match scheme.as_str() {
        "http" | "https" | "mailto" => Ok(()),
        _ => Err(UrlError::SchemeNotAllowed(scheme)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_web_mail_relative_and_fragment_urls() {
        for ok in [
            "http://a.example",
            "HTTPS://A.EXAMPLE/x",
            "mailto:editor@example.com",
            "/abs/path",
            "rel/path:with-colon",
            "./x",
            "../x",
            "?q=1",
            "#section",
            "//cdn.example/x.png",
            "page.html",
            "",
        ] {
            assert!(is_allowed(ok), "{ok:?} should be allowed");
        }
    }

    #[test]
    fn refuses_other_schemes_however_disguised() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            "javascript\t:alert(1)",
            "data:text/html,<b>",
            "DATA:image/svg+xml;base64,AA",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "blob:https://a.example/uuid",
            "livescript:x",
        ] {
            assert!(!is_allowed(bad), "{bad:?} should be refused");
        }
        assert_eq!(
            check("JavaScript:x"),
            Err(UrlError::SchemeNotAllowed("javascript".into()))
        );
    }

    #[test]
    fn refuses_markup_characters() {
        assert_eq!(
            check("https://a.example/\"onmouseover=x"),
            Err(UrlError::Malformed)
        );
        assert_eq!(check("<script>"), Err(UrlError::Malformed));
    }
}
