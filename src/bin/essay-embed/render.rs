//! `essay-embed render FILE.json [...]`: the HTML fragment and its JSON-LD, for servers; with
//! `--element`, the whole pre-rendered `<essay-embed>` element (declarative shadow root).

use crate::{content, USAGE};
#[cfg(not(target_arch = "wasm32"))]
use essay_embed::jsonld_script;
use essay_embed::render;
use essay_embed::{element, ElementContent as Content, ElementOptions, Mode, RenderOptions};

/// No JSON-LD on wasm32, which has no JSON writer: cargo builds this binary for wasm32 only
/// to run the browser tests, and there it reads no content (`content::read`).
#[cfg(target_arch = "wasm32")]
fn jsonld_script(_: &essay_embed::Document, _: &essay_embed::Essay) -> String {
    String::new()
}

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut file = None;
    let mut options = RenderOptions::default();
    let mut as_element = false;
    let mut src = None;
    let mut share = None;
    let mut pkg_url = None;
    let mut script = false;
    let mut inline_style = false;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| crate::option_value(&mut iter, name);
        match arg.as_str() {
            "--mode" => {
                let v = value("--mode")?;
                options.mode = Mode::parse(v)
                    .ok_or_else(|| format!("unknown mode {v:?} (article, card or series)"))?;
            }
            "--essay" => options.essay = Some(value("--essay")?.as_str()),
            "--lang" => options.lang = Some(value("--lang")?.as_str()),
            "--heading-level" => {
                let v = value("--heading-level")?;
                let level = essay_embed::parse_heading_level(v);
                options.heading_level =
                    Some(level.ok_or_else(|| format!("--heading-level {v:?}: 1 to 6"))?);
            }
            "--element" => as_element = true,
            "--src" => src = Some(value("--src")?.as_str()),
            "--share" => share = Some(value("--share")?.as_str()),
            "--pkg-url" => pkg_url = Some(value("--pkg-url")?.as_str()),
            "--script" => script = true,
            "--inline-style" => inline_style = true,
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s if file.is_none() => file = Some(s),
            s => return Err(format!("unexpected argument {s:?}\n{USAGE}")),
        }
    }
    let file = file.ok_or_else(|| format!("which file?\n{USAGE}"))?;
    if !as_element
        && (src.is_some() || share.is_some() || pkg_url.is_some() || script || inline_style)
    {
        return Err(format!(
            "--src, --share, --pkg-url, --script and --inline-style need --element\n{USAGE}"
        ));
    }
    let (loaded, text) = content::load_text(file)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let doc = &loaded.document;
    let rendered = if as_element {
        // `element` checks `pkg_url` and `src` against the URL allow-list itself.
        let mut element_options = ElementOptions::new(match src {
            Some(url) => Content::Src(url),
            None => Content::Inline(&text),
        });
        element_options.render = options;
        element_options.share = share;
        element_options.script = script;
        element_options.inline_style = inline_style;
        if let Some(url) = pkg_url {
            element_options.pkg_url = url;
        }
        let made = element(doc, &element_options).map_err(|e| format!("{file}: {e}"))?;
        crate::out(&[&made.html, "\n"].concat())?;
        made.rendered
    } else {
        let rendered = render(doc, &options).map_err(|e| format!("{file}: {e}"))?;
        crate::out(&[&rendered.html, "\n"].concat())?;
        rendered
    };
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    if let Some(essay) = rendered
        .essay_id
        .as_deref()
        .and_then(|id| doc.essay(Some(id)))
    {
        crate::out(&[&jsonld_script(doc, essay), "\n"].concat())?;
    }
    Ok(())
}
