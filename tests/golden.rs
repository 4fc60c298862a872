//! Golden files: every `tests/fixtures/NAME.json` (and the demo's seed magazine) renders to
//! `tests/fixtures/NAME.MODE.html` for each mode, and the seed magazine with the widget's
//! words in each other built-in language (`lang` set as the element's attribute would) to
//! `tests/fixtures/reinventing-nuclear-arms-control.LANG.MODE.html`.
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites them; review the diff like code.

use essay_embed::{self as model, jsonld_script, render, Mode, RenderOptions};
use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.push(PathBuf::from(
        "www/content/reinventing-nuclear-arms-control.json",
    ));
    files.sort();
    files
}

/// The tag of every built-in language but English: one table of words each,
/// `src/render/i18n/TAG.txt`.
fn other_languages() -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir("src/render/i18n")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_owned())
        .filter(|tag| tag != "en")
        .collect();
    tags.sort();
    assert!(tags.len() >= 7, "{tags:?}");
    tags
}

const SEED: &str = "www/content/reinventing-nuclear-arms-control.json";

/// Every rendering on record: each fixture as it is, then the seed in each other language.
fn cases() -> Vec<(PathBuf, Option<String>)> {
    let mut cases: Vec<_> = fixtures().into_iter().map(|f| (f, None)).collect();
    for language in other_languages() {
        cases.push((PathBuf::from(SEED), Some(language)));
    }
    cases
}

fn golden_path(json: &Path, lang: Option<&str>, mode: &str) -> PathBuf {
    let stem = json.file_stem().unwrap().to_str().unwrap();
    let name = match lang {
        Some(lang) => format!("{stem}.{lang}.{mode}.html"),
        None => format!("{stem}.{mode}.html"),
    };
    PathBuf::from("tests/fixtures").join(name)
}

/// The rendering of one fixture in one mode, with warnings and JSON-LD, as a reviewable text.
fn rendering(json: &Path, lang: Option<&str>, mode: Mode) -> String {
    let text = std::fs::read_to_string(json).unwrap();
    let loaded = model::load(&text).unwrap_or_else(|e| panic!("{}: {e}", json.display()));
    let options = RenderOptions {
        mode,
        lang,
        interactive: true,
        ..RenderOptions::default()
    };
    let rendered = render(&loaded.document, &options).unwrap();
    let mut out = rendered.html.replace("><", ">\n<");
    out.push('\n');
    for w in loaded.warnings.iter().chain(&rendered.warnings) {
        out.push_str(&format!("<!-- warning: {w} -->\n"));
    }
    if let Some(essay) = rendered
        .essay_id
        .as_deref()
        .and_then(|id| loaded.document.essay(Some(id)))
    {
        out.push_str(&jsonld_script(&loaded.document, essay));
        out.push('\n');
    }
    out
}

#[test]
fn fixtures_render_as_recorded() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut stale = Vec::new();
    for (json, lang) in cases() {
        for (mode, name) in [
            (Mode::Article, "article"),
            (Mode::Card, "card"),
            (Mode::Series, "series"),
        ] {
            let got = rendering(&json, lang.as_deref(), mode);
            let path = golden_path(&json, lang.as_deref(), name);
            if update {
                std::fs::write(&path, &got).unwrap();
            } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ (UPDATE_GOLDEN=1 to rewrite, then review): {stale:#?}"
    );
}

#[test]
fn rendering_is_deterministic() {
    for (json, lang) in cases() {
        assert_eq!(
            rendering(&json, lang.as_deref(), Mode::Article),
            rendering(&json, lang.as_deref(), Mode::Article)
        );
    }
}
