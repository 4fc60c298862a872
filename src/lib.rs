//! essay-embed: show an essay (card, full article or series) in any page, and share a
//! highlighted passage with a link that brings the next reader to it.
//!
//! This crate is a pure core that knows nothing of the browser (content model, validation,
//! Markdown, rendering to an HTML string, the text projection used for sharing) plus a thin
//! browser shell in [`web`] (wasm32 only) and a CLI for server-side pre-rendering.
//!
//! ```
//! use essay_embed::{content::model, render::view::{render, Mode, RenderOptions}};
//! // Natively from JSON text; in the browser from the value `JSON.parse` made.
//! let loaded = model::load(r#"{"title":"Hello","authors":[{"name":"Ada"}],"body":"First *words*."}"#).unwrap();
//! let out = render(&loaded.document, &RenderOptions { mode: Mode::Card, ..RenderOptions::default() }).unwrap();
//! assert!(out.html.contains("Hello") && out.html.contains("Ada"));
//! ```

// Nothing on a data path may panic: a panic would kill the wasm module for every widget.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod content;
pub mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
pub mod render;
pub mod share;

#[cfg(target_arch = "wasm32")]
pub mod web;

/// The wasm's allocator: talc instead of std's dlmalloc, 2.1 KB gzip less wasm for the same
/// speed (`make bench`). Safe: the widget runs its wasm single-threaded, and talc owns the
/// growth of the module's memory.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
