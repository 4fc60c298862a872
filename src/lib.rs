//! Show an essay (a full article, a card or a series index) in any web page from JSON
//! content, and share a highlighted passage with a link that brings the next reader to it.
//!
//! The same crate is the widget's WebAssembly (with the browser shell, `web`, on wasm32) and
//! a library for a Rust server or static site generator that renders the same HTML ahead of
//! time. The core knows nothing of the browser: content in, HTML text out.
//!
//! The pipeline, and the names at the root for each step:
//!
//! 1. **Read** the content: [`load`] reads JSON text (a version-1 [`Document`], a bare
//!    [`Essay`] or a JSON Feed); [`validate`] checks a [`Document`] built any other way
//!    (with serde, say). Either gives a [`Loaded`] (the document and its warnings) or a
//!    [`LoadError`] that names every problem with its JSON path.
//! 2. **Render** it: [`render()`] with [`RenderOptions`] (the [`Mode`], which essay, the
//!    language of the widget's words) gives [`Rendered`]: one HTML string, safe to insert
//!    as is (every text escaped, only http(s), mailto, relative and fragment URLs kept), and
//!    the article's plain-text [`Projection`] for sharing. A [`RenderError`] says why not.
//! 3. **Share** a passage: [`DeepLink::new`] makes the `#ee=1~...` link (with a Text
//!    Fragment for browsers without the widget) for a range of the projection;
//!    [`DeepLink::parse`] and [`DeepLink::anchor`] find the passage again, after edits too.
//!
//! [`EmbedError`] is everything that can stop an element from showing its essay, as the
//! browser reports it.
//!
//! For a server: [`element()`] pre-renders the whole `<essay-embed>` with its declarative
//! shadow root ([`ElementOptions`], [`ElementContent`]); [`jsonld_script`] gives the page's
//! schema.org metadata; [`check_url`] is the URL allow-list every `href` and `src` passes;
//! [`parse_heading_level`] reads a `heading-level` as the element does;
//! [`json_schema`] and [`typescript`] describe the content format. A stored passage in the
//! W3C Web Annotation terms ([`DeepLink::w3c`], [`SelectorInput`]) is found again with
//! [`anchor_selectors`]. Natively, the library behind the CLI's commands is public too: the
//! static site ([`publish`]) and feed import ([`import`]).
//!
//! ```
//! use essay_embed::{load, render, DeepLink, Mode, RenderOptions};
//!
//! let json = r#"{"title":"Hello","authors":[{"name":"Ada"}],"body":"Arms control helps. It works."}"#;
//! let loaded = load(json)?;
//! let card = render(&loaded.document, &RenderOptions { mode: Mode::Card, ..RenderOptions::default() })?;
//! assert!(card.html.contains("Hello") && card.html.contains("Ada"));
//!
//! let article = render(&loaded.document, &RenderOptions::default())?;
//! let text = article.projection.expect("an article has a projection");
//! let start = text.text.find("It works").unwrap();
//! let essay = article.essay_id.as_deref().unwrap();
//! let link = DeepLink::new(essay, &text, start, text.text.len()).unwrap();
//! let url = link.url("https://example.com/essay");
//! let again = DeepLink::parse(&url[url.find('#').unwrap()..]).unwrap();
//! let found = again.anchor(&text).unwrap();
//! assert_eq!(&text.text[found.start..found.end], "It works.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

// Nothing on a data path may panic: a panic would kill the wasm module for every widget.
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

// The modules are no part of the API: what a user needs is named at the root below.
mod content;
mod error;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod publish;
mod render;
mod share;

// The tests' shared HTML checks (`tests/support/`) name the crate as an integration test
// does; the suites that moved into the crate (`src/render/tests/`) include them too.
#[cfg(test)]
extern crate self as essay_embed;

// The content: the model, reading and validation, the URL allow-list.
// Native only: in the browser the shell reads the value `JSON.parse` made.
#[cfg(not(target_arch = "wasm32"))]
pub use content::model::load;
pub use content::model::{
    validate, Author, BodyFormat, CallToAction, Document, Essay, Image, LoadError, LoadErrorKind,
    Loaded, Problem, Publication, PullQuote, Series, SyntaxError,
};
pub use content::url::{check as check_url, UrlError};
// The JSON Schema and the TypeScript declarations of the content, generated from the model (native only).
#[cfg(not(target_arch = "wasm32"))]
pub use content::schema::{json_schema, typescript};
pub use error::EmbedError;

// Rendering: the views, the pre-rendered element, schema.org JSON-LD, the element's
// `heading-level` rule.
pub use render::attributes::parse_heading_level;
pub use render::element::{element, Content as ElementContent, Element, ElementOptions};
#[cfg(not(target_arch = "wasm32"))]
pub use render::jsonld::{article as jsonld, script as jsonld_script};
pub use render::view::{render, Mode, RenderError, RenderOptions, Rendered};

// Sharing: the projection and re-anchoring, the share link, W3C Web Annotation selectors.
pub use share::anchor::{Anchored, BlockPoint, Projection, Selector};
pub use share::annotation::{
    anchor as anchor_selectors, SelectorInput, SharedPassage, TextPositionSelector,
    TextQuoteSelector,
};
pub use share::link::DeepLink;

/// Not part of the API: the internals the crate's benchmarks (`benches/`), fuzz targets
/// (`fuzz/`) and browser tests (`tests/web.rs`) drive directly. No stability promise:
/// anything here may change or go in any release.
#[doc(hidden)]
pub mod internals {
    /// Markdown to safe HTML blocks, each with its plain text.
    pub mod markdown {
        pub use crate::render::markdown::{render, render_plain, Block};
    }
    /// The widget's words.
    pub mod i18n {
        pub use crate::render::i18n::{Language, Strings};
    }
    /// The element's loading and error states.
    pub mod states {
        pub use crate::render::states::error_html;
    }
    pub use crate::share::arrival::Arrival;
    pub use crate::share::link::MAX_QUOTE_CHARS;
}

// The browser shell: its API is the wasm's exports (`View`, `renderToString`); its Rust
// items are public only for the browser tests (`tests/web.rs`).
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod web;

/// The wasm's allocator: talc instead of std's dlmalloc, 2.1 KB gzip less wasm for the same
/// speed (`make bench`). Safe: the widget runs its wasm single-threaded, and talc owns the
/// growth of the module's memory.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };
