//! `essay-embed build FILE.json --out DIR [--base-url URL] [--pkg DIR]`: the static site.

use crate::{content, USAGE};
use essay_embed::publish;
use std::path::PathBuf;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut file = None;
    let mut out = None;
    let mut pkg = PathBuf::from("pkg");
    let mut options = publish::Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| crate::option_value(&mut iter, name);
        match arg.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--base-url" => options.base_url = Some(value("--base-url")?.clone()),
            "--pkg" => pkg = PathBuf::from(value("--pkg")?),
            s if s.starts_with("--") => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s if file.is_none() => file = Some(s),
            s => return Err(format!("unexpected argument {s:?}\n{USAGE}")),
        }
    }
    let file = file.ok_or_else(|| format!("which file?\n{USAGE}"))?;
    let out = out.ok_or_else(|| format!("--out DIR is required\n{USAGE}"))?;
    // The same checks and messages as `check`; nothing is written when they fail.
    let (loaded, text) = content::load_text(file)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    let mut site = publish::generate(&loaded.document, text.as_bytes(), &options)
        .map_err(|e| e.to_string())?;
    publish::add_pkg(&mut site, &pkg).map_err(|e| e.to_string())?;
    for w in &site.warnings {
        eprintln!("warning: {w}");
    }
    publish::write(&site, &out).map_err(|e| e.to_string())?;
    crate::out(&format!("{}: {} files\n", out.display(), site.files.len()))?;
    Ok(())
}
