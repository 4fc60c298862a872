//! `essay-embed render FILE.json [...]`: the HTML fragment and its JSON-LD, for servers.

use crate::{content, USAGE};
use essay_embed::jsonld;
use essay_embed::render::{render, Mode, RenderOptions};

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut file = None;
    let mut options = RenderOptions::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| {
            iter.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--mode" => {
                let v = value("--mode")?;
                options.mode = Mode::parse(v)
                    .ok_or_else(|| format!("unknown mode {v:?} (article, card or series)"))?;
            }
            "--essay" => options.essay = Some(value("--essay")?.as_str()),
            "--lang" => options.lang = Some(value("--lang")?.as_str()),
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s if file.is_none() => file = Some(s),
            s => return Err(format!("unexpected argument {s:?}\n{USAGE}")),
        }
    }
    let file = file.ok_or_else(|| format!("which file?\n{USAGE}"))?;
    let loaded = content::load(file)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let doc = &loaded.document;
    let rendered = render(doc, &options).map_err(|e| format!("{file}: {e}"))?;
    for w in &rendered.warnings {
        eprintln!("warning: {w}");
    }
    println!("{}", rendered.html);
    if let Some(essay) = rendered
        .essay_id
        .as_deref()
        .and_then(|id| doc.essay(Some(id)))
    {
        println!("{}", jsonld::script(doc, essay));
    }
    Ok(())
}
