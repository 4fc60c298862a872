//! `essay-embed import FEED [...]`: a feed (RSS, Atom, JSON Feed) to content JSON. The
//! document goes to stdout, or to `-o FILE` (written whole or not at all), only once the
//! import succeeded; warnings go to stderr.

use crate::USAGE;
use essay_embed::import::{self, Options, MAX_FEED_BYTES};
use std::io::{Read, Write};
use std::path::Path;

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let mut feed = None;
    let mut output = None;
    let mut options = Options::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| crate::option_value(&mut iter, name).cloned();
        match arg.as_str() {
            "--series-title" => options.series_title = Some(value("--series-title")?),
            "--publication-name" => options.publication_name = Some(value("--publication-name")?),
            "--base-url" => options.base_url = Some(value("--base-url")?),
            "--authors" => {
                let file = value("--authors")?;
                let text = std::fs::read_to_string(&file).map_err(|e| format!("{file}: {e}"))?;
                options.authors =
                    import::parse_roster(&text).map_err(|e| format!("{file}: {e}"))?;
            }
            "-o" | "--output" => output = Some(value("-o")?),
            "-" if feed.is_none() => feed = Some("-".to_owned()),
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}\n{USAGE}")),
            s if feed.is_none() => feed = Some(s.to_owned()),
            s => return Err(format!("unexpected argument {s:?}\n{USAGE}")),
        }
    }
    let feed = feed.ok_or_else(|| format!("which feed?\n{USAGE}"))?;
    let bytes = read_limited(&feed)?;
    let imported = import::import(&bytes, &options).map_err(|e| format!("{feed}: {e}"))?;
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    match output {
        None => {
            crate::out(&imported.json)?;
        }
        Some(path) => {
            write_atomically(Path::new(&path), imported.json.as_bytes())
                .map_err(|e| format!("{path}: {e}"))?;
            eprintln!("{path}: {} essays", imported.essays);
        }
    }
    Ok(())
}

/// The feed's bytes, refusing more than the limit without reading them all.
fn read_limited(feed: &str) -> Result<Vec<u8>, String> {
    let limit = MAX_FEED_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let result = if feed == "-" {
        std::io::stdin().lock().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(feed).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    result.map_err(|e| format!("{feed}: {e}"))?;
    Ok(bytes)
}

/// Writes beside the target, then renames over it: a reader never sees half a document,
/// and a failed import leaves the old file as it was.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written.and_then(|()| std::fs::rename(&tmp, path)) {
        Ok(()) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
