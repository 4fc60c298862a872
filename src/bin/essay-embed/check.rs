//! `essay-embed check FILE.json`: validate the content and print every problem and warning.
//! Strict, for publishers: a warning (a URL the widget would leave out, a pull quote not
//! found in the body...) fails the check too, so it is fixed before the content ships.

use crate::{content, USAGE};
use essay_embed::{render, RenderOptions};

pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let [file] = args else {
        return Err(USAGE.to_owned());
    };
    let loaded = content::load(file)?;
    let doc = &loaded.document;
    let mut warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    // What only rendering finds (pull quotes looked for in each body).
    for essay in &doc.essays {
        let options = RenderOptions {
            essay: Some(&essay.id),
            ..RenderOptions::default()
        };
        if let Ok(rendered) = render(doc, &options) {
            warnings.extend(rendered.warnings.iter().map(ToString::to_string));
        }
    }
    if warnings.is_empty() {
        crate::out(&format!("{file}: valid ({} essays)\n", doc.essays.len()))?;
        return Ok(());
    }
    let mut message = format!(
        "{file}: {} warning{} (the widget shows the rest; fix these before publishing):",
        warnings.len(),
        if warnings.len() == 1 { "" } else { "s" }
    );
    for w in &warnings {
        message.push_str("\n  warning: ");
        message.push_str(w);
    }
    Err(message)
}
