//! The JSON Schema of the content format, generated from the model types the reader uses
//! (native only). `www/schema/essay-embed.schema.json` is this output; a test keeps it
//! current, and `tests/schema.rs` checks reader and schema agree.

use crate::content::model::Content;

/// The schema as pretty-printed JSON with a trailing newline.
pub fn json_schema() -> String {
    let mut value = schemars::schema_for!(Content).to_value();
    require_marked(&mut value);
    // Back into a `Schema`, which writes its keywords in the usual order.
    let mut schema = schemars::Schema::try_from(value).unwrap_or_default();
    schema.insert(
        "$id".to_owned(),
        "https://essay-embed.invalid/schema/essay-embed.schema.json".into(),
    );
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The reader reads a missing required field as empty (`#[serde(default)]`) so that
/// validation can report every one, not only the first; the schema still requires it. Such
/// fields are marked `x-required` in the types: here each goes into its object's
/// `required`, without the marker or the `default` serde's attribute gave it.
fn require_marked(schema: &mut serde_json::Value) {
    match schema {
        serde_json::Value::Object(object) => {
            let mut required = Vec::new();
            if let Some(serde_json::Value::Object(properties)) = object.get_mut("properties") {
                for (key, property) in properties.iter_mut() {
                    let Some(property) = property.as_object_mut() else {
                        continue;
                    };
                    if property.remove("x-required").is_some() {
                        property.remove("default");
                        required.push(serde_json::Value::String(key.clone()));
                    }
                }
            }
            if !required.is_empty() {
                let list = object
                    .entry("required")
                    .or_insert_with(|| serde_json::Value::Array(Vec::new()));
                if let Some(list) = list.as_array_mut() {
                    list.extend(required);
                }
            }
            object.values_mut().for_each(require_marked);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(require_marked),
        _ => {}
    }
}

/// TypeScript declarations of the content, generated from the same schema (so from the same
/// types): `js/essay-embed-content.d.ts` is this output; a test keeps it current.
pub fn typescript() -> String {
    let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap_or_default();
    let mut out = String::from(
        "// Generated from the Rust content types (src/content/model/, src/content/feed.rs) through their JSON\n\
         // Schema: `UPDATE_SCHEMA=1 cargo test --test schema` rewrites it. Do not edit.\n\n",
    );
    doc_comment(&mut out, &schema, "");
    out.push_str("export type EssayEmbedContentObject = ");
    out.push_str(&ts_type(&schema, ""));
    out.push_str(";\n");
    if let Some(defs) = schema.get("$defs").and_then(|d| d.as_object()) {
        for (name, def) in defs {
            out.push('\n');
            doc_comment(&mut out, def, "");
            if def.get("properties").is_some() {
                out.push_str("export interface EssayEmbed");
                out.push_str(name);
                out.push(' ');
                out.push_str(&object_type(def, ""));
                out.push('\n');
            } else {
                out.push_str("export type EssayEmbed");
                out.push_str(name);
                out.push_str(" = ");
                out.push_str(&ts_type(def, ""));
                out.push_str(";\n");
            }
        }
    }
    out
}

fn doc_comment(out: &mut String, schema: &serde_json::Value, indent: &str) {
    if let Some(text) = schema.get("description").and_then(|d| d.as_str()) {
        out.push_str(indent);
        out.push_str("/** ");
        out.push_str(
            &text
                .replace("*/", "* /")
                .replace('\n', &format!("\n{indent} * ")),
        );
        out.push_str(" */\n");
    }
}

/// `{ key?: T; ... }` for an object schema.
fn object_type(schema: &serde_json::Value, indent: &str) -> String {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(|r| r.as_array())
        .map(|r| r.iter().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    let inner = format!("{indent}  ");
    let mut out = String::from("{\n");
    if let Some(props) = schema.get("properties").and_then(|p| p.as_object()) {
        for (key, prop) in props {
            doc_comment(&mut out, prop, &inner);
            out.push_str(&inner);
            out.push_str(key);
            if !required.contains(&key.as_str()) {
                out.push('?');
            }
            out.push_str(": ");
            out.push_str(&ts_type(prop, &inner));
            out.push_str(";\n");
        }
    }
    out.push_str(indent);
    out.push('}');
    out
}

/// The TypeScript type a schema describes.
fn ts_type(schema: &serde_json::Value, indent: &str) -> String {
    if let Some(r) = schema.get("$ref").and_then(|r| r.as_str()) {
        return ["EssayEmbed", r.trim_start_matches("#/$defs/")].concat();
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(|o| o.as_array()) {
            let types: Vec<String> = options.iter().map(|o| ts_type(o, indent)).collect();
            return types.join(" | ");
        }
    }
    let one = |kind: &str| -> String {
        match kind {
            "string" => "string".into(),
            "integer" | "number" => "number".into(),
            "boolean" => "boolean".into(),
            "null" => "null".into(),
            "array" => {
                let item = schema
                    .get("items")
                    .map_or_else(|| "unknown".to_owned(), |i| ts_type(i, indent));
                if item.contains(' ') {
                    ["(", &item, ")[]"].concat()
                } else {
                    [&item, "[]"].concat()
                }
            }
            "object" if schema.get("properties").is_some() => object_type(schema, indent),
            "object" => match schema.get("additionalProperties") {
                Some(v) if v.is_object() => ["Record<string, ", &ts_type(v, indent), ">"].concat(),
                _ => "Record<string, unknown>".into(),
            },
            _ => "unknown".into(),
        }
    };
    match schema.get("type") {
        Some(serde_json::Value::String(kind)) => one(kind),
        Some(serde_json::Value::Array(kinds)) => kinds
            .iter()
            .filter_map(|k| k.as_str())
            .map(one)
            .collect::<Vec<_>>()
            .join(" | "),
        _ => "unknown".into(),
    }
}
