use super::error::{decimal, Located};
use super::*;
use serde::de::{Expected, Unexpected};

/// What the reader makes of `text`: parsed into a [`Value`] (here by serde_json, in the
/// browser copied out of what `JSON.parse` made), then read.
fn through_value(text: &str) -> Result<Loaded, LoadError> {
    let value: Value = serde_json::from_str(text).unwrap();
    load(&value)
}

/// serde's own reading of `text`: the derived visitors over serde_json, the path of a type
/// error by serde_path_to_error. What the reader must agree with.
fn serde_reading(text: &str) -> Result<Loaded, LoadError> {
    fn read<T: de::DeserializeOwned>(text: &str) -> Result<T, LoadError> {
        let mut de = serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let full = e.inner().to_string();
            let message = full.rfind(" at line ").map_or(&full[..], |at| &full[..at]);
            LoadError::from_serde(&e.path().to_string(), message)
        })
    }
    let content = match read::<Form>(text)? {
        Form::Document => Content::Document(read(text)?),
        Form::Essay => Content::Essay(read(text)?),
        Form::JsonFeed => Content::JsonFeed(read(text)?),
    };
    crate::content::model::validate_content(content)
}

#[test]
fn reads_what_serde_reads_and_names_the_same_paths() {
    let seed = include_str!("../../../www/content/reinventing-nuclear-arms-control.json");
    let cases = [
        seed,
        r#"{"version":1,"essays":[{"id":"a","title":"A"},{"id":"c","title":5}]}"#,
        r#"{"version":1,"essays":[{"id":"a","title":"A","authors":[{"name":3}]}]}"#,
        r#"{"version":1,"essays":[{"id":"a","title":"A","authors":["Ada"]}]}"#,
        r#"{"title":"A","pull_quotes":[3, {"text":"x"}]}"#,
        r#"{"title":"A","pull_quotes":[{"text":["x"]}]}"#,
        r#"{"title":"A","tags":"t"}"#,
        r#"{"title":"A","image":{"src":true}}"#,
        r#"{"title":"A","image":"/a.png"}"#,
        r#"{"title":"A","image":{"src":"/a.png","alt":"","width":1600,"height":900}}"#,
        r#"{"title":"A","image":{"src":"/a.png","width":-1,"height":9.5}}"#,
        r#"{"title":"A","image":{"src":"/a.png","width":"12","height":0}}"#,
        r#"{"version":"1","essays":[]}"#,
        r#"{"version":1.5,"essays":[]}"#,
        r#"{"version":-1,"essays":[]}"#,
        r#"{"version":4294967296,"essays":[]}"#,
        r#"{"version":1,"essays":{"id":"a"}}"#,
        r#"{"version":1,"essays":[{"id":"a","title":"A"}],"strings":{"by":1}}"#,
        r#"{"version":1,"essays":[{"id":"a","title":"A"}],"strings":null}"#,
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":7,"title":"One","content_text":"x"},{"id":-3,"title":"T"},{"id":1.5}]}"#,
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":"a","authors":[{"name":2}]}]}"#,
        r#"{"title":"T","updated":null,"dek":null,"x":{"deep":[[1,2],{"a":null}]}}"#,
        r#"{"title":"T","authors":[{"name":"N","url":"javascript:x"}]}"#,
        r#"{"version":1,"essays":[{"authors":[{"role":"R"}]},{"id":"b"}]}"#,
        r#"[1]"#,
        r#"null"#,
        r#""text""#,
        r#"{"title":"\u0000\"\\\n"}"#,
    ];
    for text in cases {
        assert_eq!(through_value(text), serde_reading(text), "{text}");
        assert_eq!(
            through_value(text),
            crate::content::model::load(text),
            "{text}"
        );
    }
}

#[test]
fn messages_are_serdes_own() {
    use serde::de::Error as _;
    type Serde = serde::de::value::Error;
    for field in ["version", "title"] {
        assert_eq!(
            Error::missing_field(field).to_string(),
            Serde::missing_field(field).to_string()
        );
        assert_eq!(
            Error::duplicate_field(field).to_string(),
            Serde::duplicate_field(field).to_string()
        );
    }
    let expected: &dyn Expected = &"a string";
    for unexpected in [
        Unexpected::Bool(true),
        Unexpected::Signed(-5),
        Unexpected::Map,
    ] {
        assert_eq!(
            Error::invalid_type(unexpected, expected).to_string(),
            Serde::invalid_type(unexpected, expected).to_string()
        );
    }
}

#[test]
fn decimals_read_as_unexpected_writes_them() {
    for x in [1.5, -0.25, 2.0, 0.1, 123.456, 1e-3, -7.0] {
        assert_eq!(
            decimal(x),
            Unexpected::Float(x)
                .to_string()
                .trim_start_matches("floating point `")
                .trim_end_matches('`'),
            "{x}"
        );
    }
}

#[test]
fn a_struct_is_read_from_an_object_only() {
    // serde_json reads `["Ada"]` as an author; the schema, the widget and `check` do not.
    let text = r#"{"title":"T","authors":[["Ada"]]}"#;
    assert_eq!(
        serde_reading(text).unwrap().document.essays[0].authors[0].name,
        "Ada"
    );
    let err = crate::content::model::load(text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the content is not valid: authors[0]: expected struct Author, found sequence"
    );
}

#[test]
fn paths_name_members_and_indices() {
    let e = Error(Box::new(Located {
        path: String::new(),
        message: "m".into(),
    }));
    let e = e
        .at_key("name")
        .at_index(0)
        .at_key("authors")
        .at_index(2)
        .at_key("essays");
    assert_eq!(e.0.path, "essays[2].authors[0].name");
    let e = Error(Box::new(Located {
        path: String::new(),
        message: "m".into(),
    }));
    assert_eq!(e.at_index(3).at_index(1).at_key("x").0.path, "x[1][3]");
}

#[test]
fn nesting_deeper_than_the_limit_is_refused() {
    let deep = |n: usize| [r#"{"title":"T","x":"#, &"[".repeat(n), &"]".repeat(n), "}"].concat();
    assert!(through_value(&deep(100)).is_ok());
    let mut tree = Value::Null;
    for _ in 0..200 {
        tree = Value::Array(vec![tree]);
    }
    let nested = Value::Object(vec![("x".into(), tree)]);
    // Re-read through serde (as serde-wasm-bindgen would hand it over): refused.
    let again: Result<Value, Error> = Value::deserialize(&nested);
    assert_eq!(
        again.unwrap_err().0.message,
        "nested more than 128 levels deep"
    );
}

/// The shorthand forms' own readers name the field at fault and what they expected (the
/// reason they are not serde's `untagged`, which says only that no variant matched).
#[test]
fn shorthand_forms_name_the_field_at_fault() {
    let err = crate::content::model::load(r#"{"title":"A","pull_quotes":[{"text":5}]}"#)
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("pull_quotes[0].text: expected a string, found integer `5`"),
        "{err}"
    );
    let err = crate::content::model::load(
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":true}]}"#,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("items[0].id: expected a string or a whole number, found boolean `true`"),
        "{err}"
    );
    assert!(!err.contains("did not match any variant"), "{err}");
}
