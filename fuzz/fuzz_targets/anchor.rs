//! Re-anchoring: the plain-text projection of any body, a selection at any offsets, its
//! selector and share link, found again in the same text and in an edited one, and any
//! fragment parsed as a share link. No panics; every range found lies on character
//! boundaries of the text; a selection is found again exactly where it was.
//!
//! Input: 4 bytes (selection start and end, u16 little-endian, taken modulo the text
//! length), then UTF-8 text split at U+001E into: the body (Markdown), an edited body
//! (default: the body), a URL fragment to parse.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::anchor(data));
