//! The CLI, as a server's build step would run it.

use std::process::Command;

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_essay-embed"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const SEED: &str = "www/content/reinventing-nuclear-arms-control.json";

#[test]
fn render_prints_the_fragment_and_json_ld() {
    let (code, out, err) = cli(&[
        "render",
        SEED,
        "--mode",
        "card",
        "--essay",
        "view-from-beijing",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<article class=\"ee ee-card\""), "{out}");
    assert!(out.contains("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Article\",\"headline\":\"View From Beijing\""));
    assert_eq!(err, "");
}

#[test]
fn render_element_prints_the_pre_rendered_element() {
    let (code, out, err) = cli(&[
        "render",
        SEED,
        "--element",
        "--essay",
        "view-from-beijing",
        "--pkg-url",
        "https://cdn.example/essay-embed/",
        "--script",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("<script type=\"module\" src=\"https://cdn.example/essay-embed/essay-embed.js\"></script>\n<essay-embed render-hash=\"ee1-"),
        "{out}"
    );
    assert!(out.contains(" essay=\"view-from-beijing\"><template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"https://cdn.example/essay-embed/essay-embed.css\"><article class=\"ee ee-article\""));
    assert!(out.contains("</template><script type=\"application/json\">{"));
    assert!(out.contains("</script></essay-embed>\n<script type=\"application/ld+json\">"));

    let (code, out, err) = cli(&[
        "render",
        SEED,
        "--element",
        "--mode",
        "series",
        "--src",
        "/c.json",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(" src=\"/c.json\" mode=\"series\"><template"),
        "{out}"
    );
    assert!(!out.contains("application/json"));

    let (code, _, err) = cli(&["render", SEED, "--src", "/c.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("need --element"), "{err}");
    let (code, _, err) = cli(&["render", SEED, "--element", "--src", "javascript:alert(1)"]);
    assert_eq!(code, 2);
    assert!(err.contains("javascript:alert(1)"), "{err}");
}

#[test]
fn render_element_refuses_a_pkg_url_outside_the_allow_list() {
    // Alone and beside an allowed `--src` (which the CLI once checked instead).
    for extra in [&[][..], &["--src", "/c.json"][..]] {
        let mut args = vec![
            "render",
            SEED,
            "--element",
            "--script",
            "--pkg-url",
            "javascript:alert(1)//",
        ];
        args.extend_from_slice(extra);
        let (code, out, err) = cli(&args);
        assert_eq!(code, 2, "{args:?}: {out}");
        assert_eq!(out, "", "{args:?}: nothing printed");
        assert_eq!(
            err,
            format!(
                "essay-embed: {SEED}: pkg_url \"javascript:alert(1)//\": URL scheme \"javascript:\" \
                 is not allowed (use http, https, mailto, a relative URL or #fragment)\n"
            ),
            "{args:?}"
        );
    }
}

#[test]
fn bad_input_names_the_problem_and_fails() {
    let dir = std::env::temp_dir().join(format!("essay-embed-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"version":1,"essays":[{"id":"a","authors":[{"name":3}]}]}"#,
    )
    .unwrap();
    let (code, out, err) = cli(&["render", bad.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.contains("essays[0].authors[0].name: expected a string, found integer `3`"),
        "{err}"
    );

    std::fs::write(&bad, "{\"version\": 1,").unwrap();
    let (code, _, err) = cli(&["check", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("not valid JSON: EOF while parsing a value at line 1, column 14"),
        "{err}"
    );

    let (code, _, err) = cli(&["render", SEED, "--essay", "nope"]);
    assert_eq!(code, 2);
    assert!(err.contains("no essay has the id \"nope\""), "{err}");
    let (code, _, err) = cli(&["render", SEED, "--mode", "poster"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown mode \"poster\""), "{err}");
    let (code, _, _) = cli(&["render", "/no/such/file.json"]);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_names_every_missing_field_with_its_path() {
    let dir = std::env::temp_dir().join(format!("essay-embed-cli-m-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("missing.json");
    std::fs::write(
        &file,
        r#"{"version":1,"publication":{"url":"https://p.example/"},"essays":[
            {"body":"No id, no title.","authors":[{"role":"Editor"},{"name":"Ada"},{"url":"/b"}]},
            {"title":"No id either"}]}"#,
    )
    .unwrap();
    let (code, out, err) = cli(&["check", file.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    let listed: Vec<&str> = err.lines().skip(1).map(str::trim).collect();
    assert_eq!(
        listed,
        [
            "publication.name: missing",
            "essays[0].id: missing",
            "essays[0].title: missing",
            "essays[0].authors[0].name: missing",
            "essays[0].authors[2].name: missing",
            "essays[1].id: missing",
        ],
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_fails_on_every_warning_and_render_leaves_the_unsafe_url_out() {
    let dir = std::env::temp_dir().join(format!("essay-embed-cli-w-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("unsafe.json");
    std::fs::write(
        &file,
        r#"{"title":"T","canonical_url":"javascript:alert(1)","body":"Body.",
            "authors":[{"name":"N","avatar":"data:image/png;base64,AA"}],"pull_quotes":["Not in it."]}"#,
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let (code, out, err) = cli(&["check", file]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    for field in [
        "canonical_url: URL scheme \"javascript:\" is not allowed",
        "authors[0].avatar: URL scheme \"data:\"",
        "pull_quotes[0]: not found in the body",
    ] {
        assert!(err.contains(field), "{field}: {err}");
    }
    assert!(err.contains("3 warnings"), "{err}");

    let (code, out, err) = cli(&["render", file]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("Body.") && !out.contains("javascript:") && !out.contains("data:"),
        "{out}"
    );
    assert!(err.contains("warning: canonical_url: "), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();

    let (code, out, err) = cli(&["check", SEED]);
    assert_eq!(code, 0, "the demo content is clean: {err}");
    assert!(out.ends_with("valid (4 essays)\n"), "{out}");
}

#[test]
fn schema_command_prints_the_published_schema() {
    let (code, out, _) = cli(&["schema"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        std::fs::read_to_string("www/schema/essay-embed.schema.json").unwrap()
    );
}

#[test]
fn import_writes_the_document_to_stdout_and_warnings_to_stderr() {
    let (code, out, err) = cli(&["import", "tests/import/wordpress.rss"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("{\n  \"version\": 1,"), "{out}");
    assert!(essay_embed::load(&out).is_ok());
    assert!(
        err.contains("warning: item 3 (https://harbourreview.example/?p=1401): no title; skipped"),
        "{err}"
    );
}

#[test]
fn import_writes_nothing_when_it_fails() {
    let dir = std::env::temp_dir().join(format!("essay-embed-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.rss");
    std::fs::write(
        &bad,
        "<rss version=\"2.0\"><channel><title>T</title>\n<item><title>x</item></channel></rss>",
    )
    .unwrap();
    let target = dir.join("content.json");
    std::fs::write(&target, "old").unwrap();
    let (code, out, err) = cli(&[
        "import",
        bad.to_str().unwrap(),
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("bad.rss: line 2, column"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "old",
        "the old file is kept"
    );
    let (code, out, _) = cli(&["import", bad.to_str().unwrap()]);
    assert_eq!((code, out.as_str()), (2, ""));

    // Success replaces the file whole, and leaves no temporary file beside it.
    let (code, out, err) = cli(&[
        "import",
        "tests/import/json-feed.json",
        "-o",
        target.to_str().unwrap(),
        "--series-title",
        "Small Things",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("\"title\": \"Small Things\""), "{written}");
    let (code, _, err) = cli(&["check", target.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn import_reads_stdin_and_an_authors_file() {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_essay-embed"))
        .args(["import", "-", "--authors", "tests/import/seed-authors.json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let feed = std::fs::read("tests/import/seed-magazine.rss").unwrap();
    child.stdin.take().unwrap().write_all(&feed).unwrap();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("\"role\": \"Jessica T. Mathews Chair\""),
        "{stdout}"
    );
    let (code, _, err) = cli(&[
        "import",
        "tests/import/wordpress.rss",
        "--authors",
        "tests/import/wordpress.rss",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("tests/import/wordpress.rss: expected value at line 1 column 1"),
        "{err}"
    );
}

#[test]
fn output_to_a_reader_that_stops_early_ends_quietly() {
    // `essay-embed render … | head -c 100`: the pipe closes before the output is written.
    for args in [
        &["render", SEED][..],
        &["render", SEED, "--element", "--essay", "view-from-beijing"][..],
        &["schema"][..],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_essay-embed"))
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}
