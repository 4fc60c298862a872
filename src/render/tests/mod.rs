//! The core end to end, through its internals: what used to be integration tests in `tests/`
//! and needs more than the public API. Run one with `cargo test --lib render::tests::xss`.

mod bad_input;
mod i18n;
mod properties;
mod pulldown_patch;
mod xss;

#[path = "../../../tests/support/mod.rs"]
mod support;
