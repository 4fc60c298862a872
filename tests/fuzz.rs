//! Replays the fuzz targets' seed corpus (`fuzz/corpus/`) and every input a fuzzer or a
//! review ever found failing (`fuzz/regressions/`) through the targets' checks
//! (`fuzz/checks.rs`), so `cargo test` keeps them fixed without cargo-fuzz or nightly flags.
//! `make fuzz` runs the fuzzers themselves.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::path::Path;

/// Every file of `dir`, sorted (none when the directory does not exist).
fn inputs(dir: &str) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(Path::new(dir)) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect()
}

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let mut n = 0;
    for kind in ["corpus", "regressions"] {
        for (name, data) in inputs(&format!("fuzz/{kind}/{target}")) {
            let result = std::panic::catch_unwind(|| check(&data));
            assert!(result.is_ok(), "{name} fails the {target} target's checks");
            n += 1;
        }
    }
    n
}

#[test]
fn document_inputs() {
    assert!(replay("document", checks::document) >= 6);
}

#[test]
fn markdown_inputs() {
    assert!(replay("markdown", checks::markdown) >= 6);
}

#[test]
fn anchor_inputs() {
    assert!(replay("anchor", checks::anchor) >= 5);
}
