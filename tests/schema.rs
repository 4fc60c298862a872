//! The published JSON Schema is generated from the model types; this keeps the file current.
//! `UPDATE_SCHEMA=1 cargo test --test schema` rewrites it.

const PATH: &str = "www/schema/essay-embed.schema.json";

#[test]
fn published_schema_is_current() {
    let generated = essay_embed::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::create_dir_all("www/schema").unwrap();
        std::fs::write(PATH, &generated).unwrap();
    }
    let published = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        published == generated,
        "{PATH} is stale: run UPDATE_SCHEMA=1 cargo test --test schema"
    );
}

const TYPES: &str = "js/essay-embed-content.d.ts";

#[test]
fn typescript_types_are_current() {
    let generated = essay_embed::typescript();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(TYPES, &generated).unwrap();
    }
    let published = std::fs::read_to_string(TYPES).unwrap_or_default();
    assert!(
        published == generated,
        "{TYPES} is stale: run UPDATE_SCHEMA=1 cargo test --test schema"
    );
    // The types say what the schema says.
    for line in [
        "export interface EssayEmbedEssay {",
        "  title: string;",
        "  pull_quotes?: EssayEmbedPullQuote[];",
        "export type EssayEmbedPullQuote = string | {",
        "  strings?: Record<string, string>;",
        "export type EssayEmbedContentObject = EssayEmbedDocument | EssayEmbedEssay | EssayEmbedJsonFeed;",
    ] {
        assert!(generated.contains(line), "{line}\n{generated}");
    }
}

#[test]
fn schema_names_the_contract_fields() {
    let schema: serde_json::Value = serde_json::from_str(&essay_embed::json_schema()).unwrap();
    let text = essay_embed::json_schema();
    for field in [
        "canonical_url",
        "pull_quotes",
        "affiliation",
        "publication",
        "cta",
        "essays",
    ] {
        assert!(text.contains(&format!("\"{field}\"")), "{field}");
    }
    assert!(
        !text.contains("body_format"),
        "internal fields stay out of the contract"
    );
    assert!(schema.get("$defs").is_some());
    // Fields the reader reads as empty when missing (so that validation reports them all)
    // stay required in the schema, without a default and without the marker.
    assert!(!text.contains("x-required"));
    for (def, field) in [
        ("Document", "version"),
        ("Document", "essays"),
        ("Essay", "title"),
        ("Author", "name"),
        ("Image", "src"),
        ("Publication", "name"),
        ("Series", "title"),
        ("CallToAction", "url"),
        ("JsonFeed", "items"),
        ("FeedItem", "id"),
    ] {
        let object = &schema["$defs"][def];
        let required = object["required"].as_array().unwrap();
        assert!(required.contains(&field.into()), "{def}.{field}");
        assert!(
            object["properties"][field].get("default").is_none(),
            "{def}.{field}"
        );
    }
}

/// Every case of `tests/schema/cases.json` as the reader sees it: `valid` is what the reader
/// says (and, in `tests/e2e/schema.test.mjs`, what ajv says of the same case against the
/// published schema).
#[test]
fn the_reader_agrees_with_the_case_table() {
    let text = std::fs::read_to_string("tests/schema/cases.json").unwrap();
    let table: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 20);
    let mut wrong = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let valid = case["valid"].as_bool().unwrap();
        let content = serde_json::to_string(&case["content"]).unwrap();
        let got = essay_embed::load(&content);
        if got.is_ok() != valid {
            wrong.push(format!("{name}: expected valid={valid}, got {got:?}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Every fixture and the demo content load (ajv validates the same files against the schema
/// in `tests/e2e/schema.test.mjs`).
#[test]
fn every_fixture_and_the_demo_content_load() {
    let mut files = Vec::new();
    for dir in ["tests/fixtures", "www/content"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 6, "{files:?}");
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        essay_embed::load(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}
