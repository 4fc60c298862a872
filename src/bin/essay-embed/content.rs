//! Reading a content file (or stdin) and loading it, with every problem in the message.

use essay_embed::{LoadError, Loaded};

/// Loads `file` (`-` for stdin); the error lists every problem, one per line.
pub(crate) fn load(file: &str) -> Result<Loaded, String> {
    load_text(file).map(|(loaded, _)| loaded)
}

/// [`load`], with the file's text as read.
pub(crate) fn load_text(file: &str) -> Result<(Loaded, String), String> {
    let text = if file == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("stdin: {e}"))?;
        s
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?
    };
    let loaded = read(&text).map_err(|e| {
        let mut message = format!("{file}: ");
        match e.problems() {
            [] => message.push_str(&e.to_string()),
            problems => {
                message.push_str("the content is not valid:");
                for p in problems {
                    message.push_str("\n  ");
                    message.push_str(&p.to_string());
                }
            }
        }
        message
    })?;
    Ok((loaded, text))
}

/// The JSON text read with serde_json (native; the wasm has no JSON parser, and cargo builds
/// this binary for wasm32 only to run the browser tests).
#[cfg(not(target_arch = "wasm32"))]
fn read(text: &str) -> Result<Loaded, LoadError> {
    essay_embed::load(text)
}

#[cfg(target_arch = "wasm32")]
fn read(_: &str) -> Result<Loaded, LoadError> {
    Err(LoadError::invalid(
        String::new(),
        "the CLI runs natively only".to_owned(),
    ))
}
