//! The widget's words in every built-in language, their direction inside essays of either
//! direction, and share texts that keep their order when pasted into a text field of either
//! direction (checked with the Unicode Bidirectional Algorithm).

use crate::content::model;
use crate::render::i18n::{Language, Strings};
use crate::render::states;
use crate::render::view::{render, Mode, RenderOptions};
use crate::share::link::{popover_html, Passage, Target};
use unicode_bidi::{BidiInfo, Level};

const SEED: &str = "www/content/reinventing-nuclear-arms-control.json";

fn load(path: &str) -> model::Document {
    model::load(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .document
}

fn rendered(doc: &model::Document, mode: Mode, lang: Option<&str>) -> String {
    let options = RenderOptions {
        mode,
        lang,
        interactive: true,
        ..RenderOptions::default()
    };
    render(doc, &options).unwrap().html
}

/// The English words the widget may show (the long enough ones: a word like "X" is a name).
fn english_words() -> Vec<&'static str> {
    let en = Strings::new(Language::English, &[]);
    [
        "by",
        "updated",
        "read_essay",
        "series",
        "share_selection",
        "share_quote",
        "copy_link",
        "copy_quote",
        "share_native",
        "share_email",
        "share_image",
        "loading",
        "retry",
        "error_title",
        "error_network",
        "not_found",
        "shared_as",
        "revised",
        "revised_closest",
        "link_copied",
        "quote_copied",
    ]
    .iter()
    .map(|k| en.get(k))
    .chain(["min read", "More in", "September"])
    .collect()
}

/// The notices of a share link whose passage was revised: found approximately, and gone.
fn revised_notices(strings: &Strings<'_>) -> String {
    use crate::render::markdown::render as markdown;
    use crate::share::{anchor::Projection, arrival::Arrival, link::DeepLink};
    let old = Projection::from_blocks(&markdown("We must engage China on arms control today.", 2));
    let link = DeepLink::new("e", &old, 8, 36).unwrap();
    let html = [
        "We must engage China on the arms control today.",
        "Something else.",
    ]
    .iter()
    .map(|now| {
        let now = Projection::from_blocks(&markdown(now, 2));
        let arrival = Arrival::new(&link, &now);
        arrival
            .notice_html(&link, strings, Some("en"), None)
            .unwrap()
    })
    .collect::<String>();
    for key in ["shared_as", "revised", "revised_closest", "not_found"] {
        assert!(html.contains(strings.get(key)), "{key}");
    }
    html
}

#[test]
fn no_english_word_of_the_widget_remains_in_another_language() {
    let doc = load(SEED);
    for language in &Language::ALL[1..] {
        let s = Strings::new(*language, &[]);
        let mut html = String::new();
        for mode in [Mode::Article, Mode::Card, Mode::Series] {
            html.push_str(&rendered(&doc, mode, Some(language.tag())));
        }
        html.push_str(&popover_html(&Target::ALL, &s, true));
        html.push_str(&revised_notices(&s));
        let offline = crate::error::EmbedError::Network { url: "/x".into() };
        let error = states::error_html(&offline, Some(language.tag()), &[]);
        // The technical detail is the developer's and marked as English.
        let (words, detail) = error.split_once("<p class=\"ee-error-message\"").unwrap();
        assert!(detail.starts_with(" lang=\"en\" dir=\"ltr\">"));
        html.push_str(words);
        html.push_str(&states::loading_html(Some(language.tag())));
        for english in english_words() {
            // German writes "September" too.
            if *language == Language::German && english == "September" {
                continue;
            }
            // The essay's own text is English: a short word counts where it is a whole text.
            let found = if english.len() < 4 {
                html.contains(&[">", english, "<"].concat())
            } else {
                html.contains(english)
            };
            assert!(!found, "{}: {english:?} in the widget", language.tag());
        }
        // Its own words, tagged with its language and direction (the essay is English).
        let attrs = ["lang=\"", language.tag(), "\" dir=\"", language.dir(), "\""].concat();
        assert!(html.contains(&attrs), "{}", language.tag());
        assert!(html.contains(s.get("read_essay")) && html.contains(s.get("share_quote")));
    }
}

#[test]
fn words_in_an_rtl_essay_get_their_own_direction() {
    // Hebrew has no table: the English words sit in a right-to-left essay, each isolated.
    let doc = load("tests/fixtures/hebrew.json");
    let article = rendered(&doc, Mode::Article, None);
    assert!(article
        .starts_with("<article class=\"ee ee-article\" part=\"article\" lang=\"he\" dir=\"rtl\""));
    for needle in [
        "<time datetime=\"2020-09-09\" lang=\"en\" dir=\"ltr\">9 September 2020</time>",
        "<span class=\"ee-reading-time\" lang=\"en\" dir=\"ltr\">1 min read</span>",
        "data-share-quote=\"0\" lang=\"en\" dir=\"ltr\">Share this quote</button>",
        "<span lang=\"en\" dir=\"ltr\">More in <bdi lang=\"he\">",
        "<span class=\"ee-author-name\" dir=\"auto\">Tong Zhao</span>",
        "<span class=\"ee-author-affiliation\" dir=\"auto\">Carnegie–Tsinghua Center for Global Policy</span>",
        "<span class=\"ee-series-authors\" dir=\"auto\">James M. Acton</span>",
    ] {
        assert!(article.contains(needle), "{needle}\n{article}");
    }
    let card = rendered(&doc, Mode::Card, None);
    assert!(
        card.contains("<span class=\"ee-by\" lang=\"en\" dir=\"ltr\">By</span>"),
        "{card}"
    );
    assert!(card.contains("<span lang=\"en\" dir=\"ltr\">Read the essay<span aria-hidden=\"true\"> →</span></span>"), "{card}");
    // Arabic words in the Arabic essay: nothing to isolate, the arrow points its way.
    let doc = load("tests/fixtures/rtl.json");
    let card = rendered(&doc, Mode::Card, None);
    assert!(card.contains("<span class=\"ee-by\">بقلم</span>"), "{card}");
    assert!(
        card.contains("اقرأ المقالة<span aria-hidden=\"true\"> ←</span>"),
        "{card}"
    );
    assert!(
        card.contains("<span class=\"ee-author-name\" dir=\"auto\">كاتب المقال وTong Zhao</span>"),
        "{card}"
    );
    // The essay's lang alone gives its direction.
    let doc = model::load(r#"{"title":"عنوان","lang":"ar-EG","body":"نص."}"#)
        .unwrap()
        .document;
    assert!(rendered(&doc, Mode::Article, None).contains("lang=\"ar-EG\" dir=\"rtl\""));
    // English words asked for in an Arabic essay are isolated the other way round.
    let doc = load("tests/fixtures/rtl.json");
    let article = rendered(&doc, Mode::Article, Some("en"));
    assert!(
        article
            .contains("<time datetime=\"2021-03-04\" lang=\"en\" dir=\"ltr\">4 March 2021</time>"),
        "{article}"
    );
    assert!(
        article.contains("<span class=\"ee-updated\" lang=\"en\" dir=\"ltr\">Updated <time"),
        "{article}"
    );
}

#[test]
fn the_popover_carries_its_language_and_direction() {
    let s = Strings::new(Language::Arabic, &[]);
    let html = popover_html(&[Target::CopyLink, Target::X, Target::Bluesky], &s, false);
    assert!(
        html.contains("aria-label=\"شارك النص المحدد\" lang=\"ar\" dir=\"rtl\""),
        "{html}"
    );
    assert!(
        html.contains("data-share-target=\"x\" dir=\"ltr\">X</button>"),
        "{html}"
    );
    assert!(
        html.contains("data-share-target=\"copy-link\">نسخ الرابط</button>"),
        "{html}"
    );
}

/// `text` as displayed in a paragraph of direction `rtl`, isolate marks dropped.
fn visual(text: &str, rtl: bool) -> String {
    let level = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(level));
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
        .replace(['\u{2068}', '\u{2069}'], "")
}

/// `field` as displayed alone, in the direction of its first strong letter.
fn alone(field: &str) -> String {
    let info = BidiInfo::new(field, None);
    info.paragraphs
        .iter()
        .map(|p| info.reorder_line(p, p.range.clone()).into_owned())
        .collect::<String>()
}

#[test]
fn share_texts_keep_each_field_in_order_when_pasted() {
    let url = "https://carnegieendowment.org/ar/rtl#quote";
    let passage = Passage {
        quote: "لماذا تساعد بكين؟ 2020",
        author: "Tong Zhao, Jr.",
        title: "Arms Control 2.0?",
        publication: Some("مؤسسة كارنيغي (بيروت)"),
        url,
    };
    let fields = [
        passage.quote,
        passage.author,
        passage.title,
        passage.publication.unwrap(),
    ];
    let texts = [
        passage.clipboard_text(),
        passage.short_text(Target::X),
        passage.short_text(Target::Bluesky),
        passage.short_text(Target::Native),
        passage.attribution(),
    ];
    for (i, text) in texts.iter().enumerate() {
        assert!(
            text.contains('\u{2068}') && text.contains('\u{2069}'),
            "{text:?}"
        );
        // Pasted into a left-to-right or a right-to-left field, each field reads as typed.
        let fields = if i == texts.len() - 1 {
            &fields[1..]
        } else {
            &fields[..]
        };
        for rtl in [false, true] {
            let shown = visual(text, rtl);
            for field in fields {
                assert!(
                    shown.contains(&alone(field)),
                    "{field:?} in {shown:?} (rtl: {rtl})"
                );
            }
        }
    }
    // The email's subject and body, once decoded, likewise.
    let mail = passage.target_url(Target::Email).unwrap();
    assert!(mail.contains("%E2%81%A8"), "FSI in {mail}");
    // Without the marks the same text would not keep its order: the test can fail.
    let plain = [
        "“",
        passage.quote,
        "” — ",
        passage.author,
        ", ",
        passage.title,
    ]
    .concat();
    let shown = visual(&plain, true);
    assert!(
        !shown.contains(&alone(passage.title)) || !shown.contains(&alone(passage.author)),
        "{shown:?}"
    );
    // Text in one direction only is left exactly as typed.
    let english = Passage {
        quote: "Why would Beijing help?",
        author: "Tong Zhao",
        title: "View From Beijing",
        publication: Some("Carnegie"),
        url,
    };
    assert_eq!(
        english.short_text(Target::Native),
        "“Why would Beijing help?” — Tong Zhao, View From Beijing (Carnegie)"
    );
}
