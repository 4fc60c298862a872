//! The JSON Schema of the content format, generated from the model types (native only).
//! `www/schema/essay-embed.schema.json` is this output; a test keeps it current.

use crate::model::{Document, Essay};
use schemars::JsonSchema;

/// Either a whole document or a bare essay object: both are valid content.
#[derive(JsonSchema)]
#[allow(dead_code)]
#[schemars(title = "essay-embed content, version 1")]
#[schemars(untagged)]
enum Content {
    Document(Document),
    Essay(Essay),
}

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
