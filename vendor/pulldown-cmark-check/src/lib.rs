//! The patched pulldown-cmark gives what the crates.io release gives: the same events and the
//! same `push_html` output, with the options `src/render/markdown/` asks for, on every
//! Markdown body of essay-embed's fixtures, demo content, import goldens, fuzz seeds and XSS
//! vectors, and on random mixes of Markdown syntax. Both copies use crates.io's unicase here
//! (the patched unicase has its own tests, `vendor/unicase`).

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

    /// Events (as `Debug` text) and HTML of `markdown` through one of the two copies.
    macro_rules! parse_with {
        ($name:ident, $copy:ident) => {
            fn $name(markdown: &str) -> (Vec<String>, String) {
                use $copy::{html, Options, Parser};
                let options = Options::ENABLE_TABLES
                    | Options::ENABLE_FOOTNOTES
                    | Options::ENABLE_STRIKETHROUGH;
                let events: Vec<_> = Parser::new_ext(markdown, options).collect();
                let mut out = String::new();
                html::push_html(&mut out, events.iter().cloned());
                (events.iter().map(|e| format!("{e:?}")).collect(), out)
            }
        };
    }
    parse_with!(patched, patched);
    parse_with!(upstream, upstream);

    fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(ext))
            .collect();
        out.sort();
        out
    }

    /// Every `body` and `content_text` string anywhere in a JSON document.
    fn bodies(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map {
                    match (key.as_str(), v) {
                        ("body" | "content_text", serde_json::Value::String(s)) => {
                            out.push(s.clone())
                        }
                        _ => bodies(v, out),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| bodies(v, out)),
            _ => {}
        }
    }

    fn our_inputs() -> Vec<String> {
        let mut out = Vec::new();
        let json = [
            files("tests/fixtures", ".json"),
            files("www/content", ".json"),
            files("tests/import", ".expected.json"),
        ];
        for path in json.iter().flatten() {
            let text = std::fs::read_to_string(path).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            bodies(&value, &mut out);
        }
        for path in files("fuzz/corpus/markdown", ".md") {
            out.push(std::fs::read_to_string(path).unwrap());
        }
        let xss: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(Path::new(ROOT).join("tests/xss/vectors.json")).unwrap(),
        )
        .unwrap();
        for v in xss["vectors"].as_array().unwrap() {
            let vector = v["vector"].as_str().unwrap();
            out.push(vector.to_owned());
            out.push(format!(
                "Text [link]({vector}) and ![img]({vector}) and <{vector}>\n"
            ));
        }
        out
    }

    #[test]
    fn our_markdown_gives_the_same_events_and_html() {
        let inputs = our_inputs();
        assert!(inputs.len() > 300, "only {} inputs found", inputs.len());
        for input in &inputs {
            assert_eq!(patched(input), upstream(input), "input: {input:?}");
        }
    }

    /// Pieces of Markdown syntax, joined at random: what the parser's every path sees.
    const PIECES: &[&str] = &[
        "word",
        "  ",
        " ",
        "\n",
        "\n\n",
        "\t",
        "# ",
        "## ",
        "###### ",
        "> ",
        "- ",
        "* ",
        "+ ",
        "1. ",
        "2) ",
        "```",
        "~~~",
        "    ",
        "|",
        "| a | b |\n|---|:-:|\n",
        "---\n",
        "***",
        "___",
        "*",
        "_",
        "**",
        "__",
        "~",
        "~~",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "[^1]",
        "[^1]: note",
        "[ref]: /url \"t\"",
        "<",
        ">",
        "<div>",
        "</div>",
        "<!--",
        "-->",
        "<pre>",
        "</pre>",
        "<span>",
        "&amp;",
        "&copy;",
        "&#x41;",
        "&#65;",
        "&nosuch;",
        "&",
        "\\",
        "\\*",
        "http://a.example",
        "<http://a.example>",
        "<a@b.example>",
        "\"",
        "'",
        "...",
        "--",
        "中文",
        "עברית",
        "é",
        "\u{0}",
        "\r\n",
        "=",
        "==\n",
        "-\n",
        ":",
        "1",
    ];

    #[test]
    fn random_markdown_gives_the_same_events_and_html() {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            // xorshift64*: deterministic, so a failure reproduces.
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_f491_4f6c_dd1d)
        };
        for _ in 0..30_000 {
            let len = 1 + (next() % 40) as usize;
            let input: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            assert_eq!(patched(&input), upstream(&input), "input: {input:?}");
        }
    }
}
