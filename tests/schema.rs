//! The published JSON Schema is generated from the model types; this keeps the file current.
//! `UPDATE_SCHEMA=1 cargo test --test schema` rewrites it.

const PATH: &str = "www/schema/essay-embed.schema.json";

#[test]
fn published_schema_is_current() {
    let generated = essay_embed::schema::json_schema();
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

#[test]
fn schema_names_the_contract_fields() {
    let schema = essay_embed::json::parse(&essay_embed::schema::json_schema()).unwrap();
    let text = essay_embed::schema::json_schema();
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
}
