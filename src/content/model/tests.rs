use super::*;

fn problems(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => Vec::new(),
        Err(e) => {
            assert!(!e.problems().is_empty(), "{e}");
            e.problems().iter().map(ToString::to_string).collect()
        }
    }
}

#[test]
fn reads_a_full_document() {
    let loaded = load(
        r#"{"version":1,"publication":{"name":"P","url":"https://p.example/","cta":{"label":"Sign up","url":"/signup"}},
           "series":{"title":"S","dek":"d"},
           "essays":[{"id":"a","title":"A","authors":[{"name":"N","role":"R","affiliation":"F"}],
                      "published":"2020-09-09","lang":"en","dir":"ltr","body":"Hello",
                      "pull_quotes":[{"text":"Hello"}],"tags":["x"],"unknown":{"ignored":true}}]}"#,
    )
    .unwrap();
    let doc = loaded.document;
    assert_eq!(
        doc.publication.as_ref().unwrap().cta.as_ref().unwrap().url,
        "/signup"
    );
    assert_eq!(doc.series.as_ref().unwrap().title, "S");
    let essay = doc.essay(None).unwrap();
    assert_eq!(essay.authors[0].affiliation.as_deref(), Some("F"));
    assert_eq!(essay.pull_quotes[0].text, "Hello");
    assert!(loaded.warnings.is_empty());
}

#[test]
fn a_bare_essay_is_a_document_and_a_string_is_a_pull_quote() {
    let doc = load(r#"{"title":"Alone","body":"Text","pull_quotes":["Text",{"text":"T","x":1}]}"#)
        .unwrap()
        .document;
    assert_eq!(doc.essays.len(), 1);
    assert_eq!(doc.essays[0].id, "essay");
    assert_eq!(doc.essay(Some("essay")).unwrap().title, "Alone");
    let quotes: Vec<&str> = doc.essays[0]
        .pull_quotes
        .iter()
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(quotes, ["Text", "T"]);
}

#[test]
fn an_id_over_the_limit_is_named_as_too_long() {
    let id = "a".repeat(MAX_ID_BYTES + 1);
    let doc = format!(r#"{{"version":1,"essays":[{{"id":"{id}","title":"A"}}]}}"#);
    assert_eq!(problems(&doc), ["essays[0].id: longer than 200 bytes"]);
    let doc = doc.replace(&id, &id[1..]);
    assert!(load(&doc).is_ok());
}

#[test]
fn a_type_error_names_its_path() {
    assert_eq!(
        problems(r#"{"version":1,"essays":[{"id":"a","title":"A"},{"id":"c","title":5}]}"#),
        ["essays[1].title: expected a string, found integer `5`"]
    );
    assert_eq!(
        problems(r#"{"title":"A","pull_quotes":[3]}"#),
        ["pull_quotes[0]: expected a string or an object with \"text\", found integer `3`"]
    );
}

#[test]
fn every_missing_required_field_is_named_with_its_path() {
    // A missing field is read as empty, so the first one does not hide the others.
    assert_eq!(
        problems(
            r#"{"version":1,"publication":{"cta":{}},"series":{"dek":"d"},"essays":[
                {"authors":[{"role":"x"},{"name":"N"},{}],"image":{"alt":""},"pull_quotes":[{"txt":"x"}]},
                {"title":"B"},
                {"id":"c","title":""}]}"#
        ),
        [
            "publication.name: missing",
            "publication.cta.label: missing",
            "publication.cta.url: missing",
            "series.title: missing",
            "essays[0].id: missing",
            "essays[0].title: missing",
            "essays[0].authors[0].name: missing",
            "essays[0].authors[2].name: missing",
            "essays[0].image.src: missing",
            "essays[0].pull_quotes[0]: has no text (a sentence of the body)",
            "essays[1].id: missing",
            "essays[2].title: missing",
        ]
    );
    assert_eq!(
        problems(r#"{"essays":[{"id":"a"}]}"#),
        [
            "version: missing (this widget reads version 1)",
            "essays[0].title: missing"
        ]
    );
    assert_eq!(
        problems(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"title":"T"},{"id":""}]}"#
        ),
        [
            "title: missing",
            "items[0].id: missing",
            "items[1].id: missing",
            "items[1].title: missing (an item needs a title or a summary)",
        ]
    );
}

#[test]
fn collects_every_semantic_problem_with_its_path() {
    let got = problems(
        r#"{"version":1,"essays":[
            {"id":"a","title":"A"},
            {"id":"b","title":"B"},
            {"id":"c","title":" ","authors":[{"name":""}],"published":"yesterday","lang":"not a tag","dir":"up"},
            {"id":"a","title":"Again"}]}"#,
    );
    assert_eq!(
        got,
        vec![
            "essays[2].title: must not be blank",
            "essays[2].authors[0].name: missing",
            "essays[2].published: \"yesterday\" is not a date (expected e.g. 2020-09-09 or 2020-09-09T12:00:00Z)",
            "essays[2].lang: \"not a tag\" is not a BCP 47 language tag",
            "essays[2].dir: \"up\" must be \"ltr\", \"rtl\" or \"auto\"",
            "essays[3].id: duplicate id \"a\" (ids must be unique)",
        ]
    );
}

#[test]
fn rejects_unknown_versions_and_missing_essays() {
    assert_eq!(
        problems(r#"{"version":2,"essays":[{"id":"a","title":"A"}]}"#),
        vec!["version: unsupported version 2 (this widget reads version 1)"]
    );
    assert_eq!(
        problems(r#"{"version":1}"#),
        vec!["essays: must hold at least one essay"]
    );
    assert_eq!(
        problems(r#"{"version":1,"essays":[]}"#),
        vec!["essays: must hold at least one essay"]
    );
    assert_eq!(
        problems(r#"{"essays":[{"id":"a","title":"A"}]}"#),
        vec!["version: missing (this widget reads version 1)"]
    );
    assert_eq!(
        problems("[1]"),
        vec!["expected a content object, found sequence"]
    );
}

#[test]
fn syntax_errors_keep_line_and_column() {
    let err = load("{\"version\": 1,\n  \"essays\": [}").unwrap_err();
    assert!(matches!(err.kind(), LoadErrorKind::Syntax(_)), "{err}");
    assert_eq!(
        err.to_string(),
        "the content is not valid JSON: expected value at line 2, column 14"
    );
    assert_eq!(err.code(), "invalid-json");
    let err = load("{\"title\":\"a\"} x").unwrap_err();
    assert_eq!(
        err.to_string(),
        "the content is not valid JSON: trailing characters at line 1, column 15"
    );
}

#[test]
fn urls_with_forbidden_schemes_are_dropped_with_a_warning_each() {
    let loaded = load(
        r#"{"version":1,"publication":{"name":"P","url":"javascript:alert(1)","logo":"data:image/png;base64,AA",
            "cta":{"label":"L","url":" JaVaScRiPt:x"}},"series":{"title":"S","url":"vbscript:x"},
            "essays":[{"id":"a","title":"A","canonical_url":"java\tscript:x","image":{"src":"javascript:x","alt":""},
            "authors":[{"name":"N","url":"javascript:x","avatar":"file:///etc/passwd"}],"body":"B"}]}"#,
    )
    .unwrap();
    let got: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 8, "{got:#?}");
    assert!(got.iter().all(|p| p.contains("not allowed")), "{got:#?}");
    assert!(got[0].starts_with("publication.url: "));
    assert!(
        got[2].ends_with("; the call to action is left out"),
        "{}",
        got[2]
    );
    let doc = &loaded.document;
    let publication = doc.publication.as_ref().unwrap();
    assert_eq!(
        (&publication.url, &publication.logo, &publication.cta),
        (&None, &None, &None)
    );
    let essay = &doc.essays[0];
    assert_eq!((&essay.canonical_url, &essay.image), (&None, &None));
    assert_eq!(
        (&essay.authors[0].url, &essay.authors[0].avatar),
        (&None, &None)
    );
    assert_eq!(essay.authors[0].name, "N");
    assert_eq!(essay.body.as_deref(), Some("B"));
}

#[test]
fn validate_checks_a_document_built_in_rust() {
    let doc = Document {
        version: 1,
        essays: vec![Essay {
            id: "a".into(),
            title: "T".into(),
            canonical_url: Some("javascript:x".into()),
            ..Essay::default()
        }],
        ..Document::default()
    };
    let loaded = validate(doc.clone()).unwrap();
    assert_eq!(loaded.document.essays[0].canonical_url, None);
    assert_eq!(loaded.warnings[0].path, "essays[0].canonical_url");
    // What serde writes, serde reads back (and the widget loads).
    let text = serde_json::to_string(&loaded.document).unwrap();
    assert_eq!(load(&text).unwrap().document, loaded.document);
    let bad = Document {
        essays: vec![],
        ..doc
    };
    assert!(validate(bad).is_err());
}

#[test]
fn a_duplicate_id_is_found_among_many_essays() {
    // Each id is looked up in a set: this took minutes when every essay was compared
    // with all those before it.
    let essays: Vec<String> = (0..100_000)
        .map(|i| ["{\"id\":\"e", &i.to_string(), "\",\"title\":\"T\"}"].concat())
        .chain(std::iter::once(r#"{"id":"e7","title":"T"}"#.to_owned()))
        .collect();
    let json = [r#"{"version":1,"essays":["#, &essays.join(","), "]}"].concat();
    let err = load(&json).unwrap_err().to_string();
    assert!(
        err.contains("essays[100000].id: duplicate id \"e7\""),
        "{}",
        &err[..err.len().min(300)]
    );
}

#[test]
fn pull_quotes_past_the_limit_are_reported_and_left_out() {
    let quotes = vec!["\"q\""; MAX_PULL_QUOTES + 6].join(",");
    let json = [r#"{"title":"T","body":"q","pull_quotes":["#, &quotes, "]}"].concat();
    let loaded = load(&json).unwrap();
    assert_eq!(loaded.document.essays[0].pull_quotes.len(), MAX_PULL_QUOTES);
    let warning = loaded
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>();
    assert!(
        warning
            .iter()
            .any(|w| w.contains("pull_quotes") && w.contains("70 pull quotes: only the first 64")),
        "{warning:?}"
    );
}

#[test]
fn an_image_size_is_kept_whole_or_left_out_with_a_warning() {
    let size = |image: &str| {
        let loaded = load(&[r#"{"title":"A","body":"B","image":"#, image, "}"].concat()).unwrap();
        let image = loaded.document.essays[0].image.clone().unwrap();
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        (image.size(), warnings)
    };
    assert_eq!(
        size(r#"{"src":"/a.jpg","alt":"","width":1200,"height":800}"#),
        (Some((1200, 800)), vec![])
    );
    assert_eq!(size(r#"{"src":"/a.jpg","alt":""}"#), (None, vec![]));
    assert_eq!(
        size(r#"{"src":"/a.jpg","alt":"","width":1200}"#),
        (
            None,
            vec!["image.height: width and height go together; the size is left out".into()]
        )
    );
    assert_eq!(
        size(r#"{"src":"/a.jpg","alt":"","width":1200,"height":0}"#),
        (
            None,
            vec!["image.height: must be at least 1 pixel; the size is left out".into()]
        )
    );
    // Not a whole number of pixels: a type error, like any other.
    assert!(load(r#"{"title":"A","image":{"src":"/a.jpg","width":-3,"height":2}}"#).is_err());
}

#[test]
fn warns_about_empty_bodies_and_missing_alt_text() {
    let loaded = load(r#"{"title":"A","body":"  ","image":{"src":"/a.jpg"}}"#).unwrap();
    let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        vec![
            "image.alt: missing: describe the image, or use \"\" if it is decorative",
            "body: empty: the essay is shown as a link-out card",
        ]
    );
    assert_eq!(loaded.document.essays[0].body, None);
}

#[test]
fn language_tags() {
    for ok in [
        "en",
        "zh-Hans",
        "zh-Hans-CN",
        "ar",
        "en-US-x-private",
        "yue",
    ] {
        assert!(is_language_tag(ok), "{ok}");
    }
    for bad in [
        "",
        "e",
        "english language",
        "en_US",
        "-en",
        "en-",
        "toolongtag",
    ] {
        assert!(!is_language_tag(bad), "{bad}");
    }
}

#[test]
fn quoted_is_debug_quoting() {
    let ascii: String = (0u8..=0x7f).map(char::from).collect();
    let latin1: String = ('\u{80}'..='\u{ff}').collect();
    for s in [
        "",
        "2020-13-45",
        "en_US",
        "été, naïve, Ærø",
        "中文 日本語 한국어",
        "العربية עברית",
        "😀 👩\u{200d}💻",
        "\u{202e}rtl\u{202c} \u{200b}\u{200f}\u{2066}x\u{2069}",
        "tab\there, new\nline\r\n, nul\0",
        "quote\" back\\slash 'single'",
        "\u{1b}[31m \u{7f} \u{85} \u{ad} \u{feff} \u{2028}\u{2029} \u{fff9}",
        "\u{600}\u{61c}\u{6dd}\u{70f}\u{180e}\u{2060}\u{206f}",
        "\u{a0}\u{1680}\u{2000}\u{2007}\u{200a}\u{202f}\u{205f}\u{3000}",
        &ascii,
        &latin1,
    ] {
        assert_eq!(quoted(s), format!("{s:?}"));
    }
    // The documented difference: combining marks are left as they are.
    assert_eq!(quoted("e\u{301}"), "\"e\u{301}\"");
    assert_eq!(format!("{:?}", "e\u{301}"), "\"e\\u{301}\"");
}
