//! The JSON Schema of the content format, generated from the model types the reader uses
//! (native only). `www/schema/essay-embed.schema.json` is this output; a test keeps it
//! current, and `tests/schema.rs` checks reader and schema agree.

use crate::model::Content;

/// The schema as pretty-printed JSON with a trailing newline.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Content);
    schema.insert(
        "$id".to_owned(),
        "https://essay-embed.invalid/schema/essay-embed.schema.json".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
