//! The element's own states: loading (a skeleton) and error (what went wrong, and Retry
//! where it can help). Pure HTML strings like the views, so they are tested natively.

use crate::error::EmbedError;
use crate::render::html::Html;
use crate::render::i18n::{Language, Strings};

/// The error state shown inside the element: what went wrong in the reader's words, the
/// technical detail (the first few validation problems; English, for the page's developer,
/// isolated as such), and a Retry button when trying again can help. `lang` is the
/// element's language (its `lang` attribute, else the page's): there is no essay to ask.
pub fn error_html(
    error: &EmbedError,
    lang: Option<&str>,
    overrides: &[(String, String)],
) -> String {
    /// More would push the essay's place on the page around; the event has them all.
    const SHOWN_PROBLEMS: usize = 5;
    let strings = Strings::new(Language::choose(&[lang]), overrides);
    let language = strings.language();
    let mut h = Html::new();
    h.open(
        "div",
        &[
            ("class", Some("ee-state ee-error")),
            ("role", Some("alert")),
            ("part", Some("error")),
            ("lang", Some(language.tag())),
            ("dir", Some(language.dir())),
        ],
    );
    h.element("p", "ee-error-title", strings.get("error_title"));
    let summary = match error {
        EmbedError::Network { .. } | EmbedError::Timeout { .. } => Some("error_network"),
        EmbedError::Http { status: 404, .. } => Some("error_not_found"),
        EmbedError::Http { .. } => Some("error_network"),
        EmbedError::NotJson { .. } | EmbedError::Load(_) => Some("error_invalid"),
        _ => None,
    };
    if let Some(key) = summary {
        h.element("p", "ee-error-summary", strings.get(key));
    }
    // The detail is the developer's, in English: marked so, and isolated from the words.
    const DETAIL: [(&str, Option<&str>); 2] = [("lang", Some("en")), ("dir", Some("ltr"))];
    let problems = error.problems();
    if problems.is_empty() {
        h.open(
            "p",
            &[("class", Some("ee-error-message")), DETAIL[0], DETAIL[1]],
        )
        .text(&error.to_string())
        .close("p");
    } else {
        h.open(
            "ul",
            &[("class", Some("ee-error-problems")), DETAIL[0], DETAIL[1]],
        );
        for p in problems.iter().take(SHOWN_PROBLEMS) {
            h.open("li", &[]).text(p).close("li");
        }
        if problems.len() > SHOWN_PROBLEMS {
            let more = (problems.len() - SHOWN_PROBLEMS).to_string();
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
// Only the browser shell shows it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub fn loading_html(lang: Option<&str>) -> String {
    let strings = Strings::new(Language::choose(&[lang]), &[]);
    let language = strings.language();
    let mut h = Html::new();
    h.open(
        "div",
        &[
            ("class", Some("ee-state ee-loading")),
            ("aria-busy", Some("true")),
            ("lang", Some(language.tag())),
            ("dir", Some(language.dir())),
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
        let invalid: EmbedError = crate::content::model::load(
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
            html.contains("<li>essays[0].title: missing</li>") && html.contains("<li>… +2</li>")
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
    fn error_state_in_every_language_with_the_detail_isolated() {
        let offline = EmbedError::Network {
            url: "/x.json".into(),
        };
        for language in Language::ALL {
            let s = Strings::new(language, &[]);
            let html = error_html(&offline, Some(language.tag()), &[]);
            for key in ["error_title", "error_network", "retry"] {
                assert!(
                    html.contains(s.get(key)),
                    "{}: {key} in {html}",
                    language.tag()
                );
            }
            let root = ["lang=\"", language.tag(), "\" dir=\"", language.dir(), "\""].concat();
            assert!(html.contains(&root), "{html}");
            assert!(
                html.contains(
                    "<p class=\"ee-error-message\" lang=\"en\" dir=\"ltr\">could not reach"
                ),
                "{html}"
            );
        }
        let html = error_html(&offline, Some("ar-EG"), &[]);
        assert!(html.contains("dir=\"rtl\"") && html.contains("أعد المحاولة"));
        // A language without a table: English.
        assert!(error_html(&offline, Some("pt-BR"), &[]).contains(">Try again</button>"));
        let html = loading_html(Some("ru"));
        assert!(html.contains("Загрузка статьи…") && html.contains("lang=\"ru\""));
    }

    #[test]
    fn loading_state_is_announced_and_busy() {
        let html = loading_html(None);
        assert!(html.contains("aria-busy=\"true\"") && html.contains("Loading the essay…"));
    }
}
