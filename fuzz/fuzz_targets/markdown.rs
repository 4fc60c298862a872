//! Any text as an essay body: Markdown (and plain text, as JSON Feed's `content_text`)
//! renders without panicking to well-formed, allow-listed blocks, each carrying its index.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::markdown(data));
