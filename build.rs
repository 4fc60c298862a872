//! Minifies the widget's stylesheet for the wasm (comments and layout white space out):
//! `src/web/style.css` stays the readable source; the wasm carries about 40% fewer bytes.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/web/style.css");
    let css = fs::read_to_string("src/web/style.css").unwrap_or_default();
    let out = env::var_os("OUT_DIR").map(|d| Path::new(&d).to_owned());
    if let Some(out) = out {
        // A build script may panic: it only fails the build, never a page.
        fs::write(out.join("style.min.css"), minify(&css)).expect("write the minified stylesheet");
        fs::write(out.join("i18n_tables.rs"), language_tables()).expect("write the word tables");
    }
}

/// The tables of src/render/i18n/ (`key=value` lines, readable and reviewable) as the wasm carries
/// them: the keys once, then per language its values alone, a line each in the keys' order
/// (empty where a table has no such key), which is about 0.4 KB gzip less than every table
/// repeating the keys.
fn language_tables() -> String {
    const LANGUAGES: [&str; 8] = ["en", "zh", "ar", "ru", "hi", "fr", "de", "es"];
    let tables: Vec<Vec<(String, String)>> = LANGUAGES
        .iter()
        .map(|tag| {
            let path = format!("src/render/i18n/{tag}.txt");
            println!("cargo:rerun-if-changed={path}");
            let text = fs::read_to_string(&path).expect("read a word table");
            text.lines()
                .filter(|l| !l.is_empty())
                .map(|l| {
                    let (k, v) = l.split_once('=').expect("key=value lines");
                    (k.to_owned(), v.to_owned())
                })
                .collect()
        })
        .collect();
    let mut keys: Vec<&str> = Vec::new();
    for (k, _) in tables.iter().flatten() {
        if !keys.contains(&k.as_str()) {
            keys.push(k);
        }
    }
    let mut out = format!(
        "const KEYS: &str = {:?};\nconst TABLES: [&str; 8] = [\n",
        keys.join("\n")
    );
    for table in &tables {
        let values: Vec<&str> = keys
            .iter()
            .map(|k| {
                table
                    .iter()
                    .find(|(t, _)| t == k)
                    .map_or("", |(_, v)| v.as_str())
            })
            .collect();
        out.push_str(&format!("    {:?},\n", values.join("\n")));
    }
    out.push_str("];\n");
    out
}

/// Drops comments and collapses white space, keeping it only where CSS needs it (between
/// words and values); strings are left alone.
fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for d in chars.by_ref() {
                    if last == '*' && d == '/' {
                        break;
                    }
                    last = d;
                }
                pending_space = true;
            }
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == c {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => pending_space = true,
            c => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes one space before `next` if white space separated it from the previous token and
/// neither side is punctuation that makes it redundant (not `+`: `calc()` needs its spaces).
fn flush_space(out: &mut String, pending: &mut bool, next: char) {
    if std::mem::take(pending) {
        let prev = out.chars().next_back();
        let tight = |c: char| matches!(c, '{' | '}' | ';' | ',' | '>');
        if prev.is_some_and(|p| !tight(p) && p != ':') && !tight(next) {
            out.push(' ');
        }
    }
}
