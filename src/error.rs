//! Everything that can stop an `<essay-embed>` from showing its essay, as one typed error.
//! The browser shell turns it into the error state, the `essay-embed:error` event and, for
//! the JS API, a `JsError`; the core never needs to know about any of those.

use crate::content::model::LoadError;
use crate::render::view::RenderError;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EmbedError {
    /// Neither `src`, an inline `<script type="application/json">` nor `data` gave content.
    NoContent,
    /// The request failed before any response: offline, DNS, CORS refused, connection reset.
    Network { url: String },
    /// No complete response within the time limit.
    Timeout { url: String, seconds: u32 },
    /// The server answered with an error status.
    Http { url: String, status: u16 },
    /// The server sent something else than JSON (its content type says so, and the body
    /// does not parse): an HTML error page from a proxy, say.
    NotJson { url: String, content_type: String },
    /// The content could not be read: not JSON, or not valid content.
    Load(LoadError),
    /// The content is valid but cannot be shown as asked (e.g. an unknown `essay` id).
    Render(RenderError),
    /// An attribute has a value the widget does not know.
    BadAttribute {
        name: &'static str,
        value: String,
        expected: &'static str,
    },
}

impl EmbedError {
    /// Stable codes for `event.detail.code`, documented in the README.
    pub fn code(&self) -> &'static str {
        match self {
            EmbedError::NoContent => "no-content",
            EmbedError::Network { .. } => "network",
            EmbedError::Timeout { .. } => "timeout",
            EmbedError::Http { status: 404, .. } => "not-found",
            EmbedError::Http { .. } => "http",
            EmbedError::NotJson { .. } => "invalid-json",
            EmbedError::Load(e) => e.code(),
            EmbedError::Render(e) => e.code(),
            EmbedError::BadAttribute { .. } => "bad-attribute",
        }
    }

    /// Whether trying again might help (so the error state offers a Retry button).
    pub fn retryable(&self) -> bool {
        match self {
            EmbedError::Network { .. }
            | EmbedError::Timeout { .. }
            | EmbedError::NotJson { .. } => true,
            // 404 may be a page published a moment from now; 5xx and 429 are transient.
            EmbedError::Http { status, .. } => {
                *status == 404 || *status == 408 || *status == 429 || *status >= 500
            }
            // A half-delivered body or a proxy's HTML error page reads as invalid JSON.
            EmbedError::Load(e) => e.code() == "invalid-json",
            EmbedError::NoContent | EmbedError::Render(_) | EmbedError::BadAttribute { .. } => {
                false
            }
        }
    }

    /// The URL involved, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            EmbedError::Network { url }
            | EmbedError::Timeout { url, .. }
            | EmbedError::Http { url, .. }
            | EmbedError::NotJson { url, .. } => Some(url),
            _ => None,
        }
    }

    /// The validation problems, one per line in the error state.
    pub fn problems(&self) -> Vec<String> {
        match self {
            EmbedError::Load(e) => e.problems().iter().map(ToString::to_string).collect(),
            _ => Vec::new(),
        }
    }
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EmbedError::NoContent => f.write_str(
                "no content: give the element a src attribute, a <script type=\"application/json\"> child, or set its data property",
            ),
            // Pieces through `write_str` rather than `write!`: the same text without
            // `fmt::Arguments` at every arm.
            EmbedError::Network { url } => {
                f.write_str("could not reach ")?;
                f.write_str(url)?;
                f.write_str(
                    " (offline, refused by the server, or blocked because it does not allow this site (CORS))",
                )
            }
            EmbedError::NotJson { url, content_type } => {
                f.write_str(url)?;
                f.write_str(" answered with ")?;
                f.write_str(content_type)?;
                f.write_str(", not JSON")
            }
            EmbedError::Timeout { url, seconds } => {
                f.write_str(url)?;
                f.write_str(" did not answer within ")?;
                fmt::Display::fmt(seconds, f)?;
                f.write_str(" seconds")
            }
            EmbedError::Http { url, status: 404 } => {
                f.write_str(url)?;
                f.write_str(" was not found (HTTP 404)")
            }
            EmbedError::Http { url, status } => {
                f.write_str(url)?;
                f.write_str(" answered with HTTP status ")?;
                fmt::Display::fmt(status, f)
            }
            EmbedError::Load(e) => e.fmt(f),
            EmbedError::Render(e) => e.fmt(f),
            EmbedError::BadAttribute { name, value, expected } => {
                f.write_str("the ")?;
                f.write_str(name)?;
                f.write_str(" attribute is \"")?;
                f.write_str(value)?;
                f.write_str("\"; expected ")?;
                f.write_str(expected)
            }
        }
    }
}

impl std::error::Error for EmbedError {}

impl From<LoadError> for EmbedError {
    fn from(e: LoadError) -> Self {
        EmbedError::Load(e)
    }
}

impl From<RenderError> for EmbedError {
    fn from(e: RenderError) -> Self {
        EmbedError::Render(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_messages_and_retry() {
        let e = EmbedError::Http {
            url: "/a.json".into(),
            status: 404,
        };
        assert_eq!((e.code(), e.retryable()), ("not-found", true));
        assert_eq!(e.to_string(), "/a.json was not found (HTTP 404)");
        let e = EmbedError::Http {
            url: "/a.json".into(),
            status: 403,
        };
        assert_eq!((e.code(), e.retryable()), ("http", false));
        let e: EmbedError = crate::content::model::load("{").unwrap_err().into();
        assert_eq!((e.code(), e.retryable()), ("invalid-json", true));
        let e: EmbedError = crate::content::model::load(r#"{"version":1,"essays":[{"id":"a"}]}"#)
            .unwrap_err()
            .into();
        assert_eq!((e.code(), e.retryable()), ("invalid-content", false));
        assert_eq!(e.problems(), vec!["essays[0].title: missing"]);
        assert_eq!(
            EmbedError::Timeout {
                url: "u".into(),
                seconds: 10
            }
            .to_string(),
            "u did not answer within 10 seconds"
        );
    }
}
