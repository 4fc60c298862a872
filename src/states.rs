//! The element's own states: loading (a skeleton) and error (what went wrong, and Retry
//! where it can help). Pure HTML strings like the views, so they are tested natively.

use crate::error::EmbedError;
use crate::html::Html;
use crate::i18n::{Language, Strings};

/// The error state shown inside the element: what went wrong, the first few validation
/// problems, and a Retry button when trying again can help.
pub fn error_html(
    error: &EmbedError,
    lang: Option<&str>,
    overrides: &[(String, String)],
) -> String {
    /// More would push the essay's place on the page around; the event has them all.
    const SHOWN_PROBLEMS: usize = 5;
    let strings = Strings::new(Language::for_tag(lang.unwrap_or("en")), overrides);
    let mut h = Html::new();
    h.open(
        "div",
        &[
            ("class", Some("ee-state ee-error")),
            ("role", Some("alert")),
            ("part", Some("error")),
        ],
    );
    h.element("p", "ee-error-title", strings.get("error_title"));
    let problems = error.problems();
    if problems.is_empty() {
        h.element("p", "ee-error-message", &error.to_string());
    } else {
        h.element("p", "ee-error-message", "the content is not valid:");
        h.open_class("ul", "ee-error-problems");
        for p in problems.iter().take(SHOWN_PROBLEMS) {
            h.open("li", &[]).text(p).close("li");
        }
        if problems.len() > SHOWN_PROBLEMS {
            let more = crate::num::uint((problems.len() - SHOWN_PROBLEMS) as u64);
            h.open("li", &[]).text("… +").text(&more).close("li");
        }
        h.close("ul");
    }
    if error.retryable() {
        h.open(
            "button",
            &[
                ("type", Some("button")),
                ("class", Some("ee-retry")),
                ("data-action", Some("retry")),
            ],
        )
        .text(strings.get("retry"))
        .close("button");
    }
    h.close("div");
    h.buf
}

/// The loading skeleton: roughly the shape of what is coming, so nothing jumps.
pub fn loading_html(lang: Option<&str>) -> String {
    let strings = Strings::new(Language::for_tag(lang.unwrap_or("en")), &[]);
    let mut h = Html::new();
    h.open(
        "div",
        &[
            ("class", Some("ee-state ee-loading")),
            ("aria-busy", Some("true")),
        ],
    );
    h.element("span", "ee-live", strings.get("loading"));
    h.open(
        "span",
        &[
            ("class", Some("ee-skel ee-skel-kicker")),
            ("aria-hidden", Some("true")),
        ],
    )
    .close("span");
    h.open(
        "span",
        &[
            ("class", Some("ee-skel ee-skel-title")),
            ("aria-hidden", Some("true")),
        ],
    )
    .close("span");
    for _ in 0..4 {
        h.open(
            "span",
            &[
                ("class", Some("ee-skel ee-skel-line")),
                ("aria-hidden", Some("true")),
            ],
        )
        .close("span");
    }
    h.close("div");
    h.buf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_state_lists_problems_and_offers_retry_only_when_it_can_help() {
        let invalid: EmbedError = crate::model::load(
            r#"{"version":1,"essays":[{"id":"a","title":""},{"id":"b","title":""},{"id":"c","title":""},
                {"id":"d","title":""},{"id":"e","title":""},{"id":"f","title":""},{"id":"g","title":""}]}"#,
        )
        .unwrap_err()
        .into();
        let html = error_html(&invalid, None, &[]);
        assert_eq!(
            html.matches("<li>").count(),
            6,
            "five problems and a count of the rest: {html}"
        );
        assert!(
            html.contains("<li>essays[0].title: must not be empty</li>")
                && html.contains("<li>… +2</li>")
        );
        assert!(!html.contains("ee-retry"));
        let offline = EmbedError::Network {
            url: "/x.json".into(),
        };
        let html = error_html(&offline, Some("zh"), &[]);
        assert!(
            html.contains("无法显示这篇文章") && html.contains(">重试</button>"),
            "{html}"
        );
        assert!(html.contains("could not reach /x.json"));
    }

    #[test]
    fn loading_state_is_announced_and_busy() {
        let html = loading_html(None);
        assert!(html.contains("aria-busy=\"true\"") && html.contains("Loading the essay…"));
    }
}
