//! `essay-embed check FILE.json`: validate the content and print every problem and warning.

use crate::{content, USAGE};

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err(USAGE.to_owned());
    };
    let loaded = content::load(file)?;
    for w in &loaded.warnings {
        eprintln!("warning: {w}");
    }
    println!("{file}: valid ({} essays)", loaded.document.essays.len());
    Ok(())
}
