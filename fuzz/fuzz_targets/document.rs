//! Any text as a content document: parsing and validation never panic; a valid document
//! renders, in every mode, for every essay, as well-formed, allow-listed HTML; an invalid
//! one gives a well-formed error state; the JSON-LD cannot leave its script element.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::document(data));
