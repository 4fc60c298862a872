//! `_headers` (Netlify, Cloudflare Pages): what partners' pages need to use the site's files
//! from another origin, and cache lifetimes that match how often each file changes.

use super::embed::FRAME_CSP;

/// Cache lifetime of content (pages, JSON, feeds, the widget's entry): short, so an edit, or
/// a new build of the widget, shows within minutes.
pub(crate) const CONTENT_MAX_AGE: u32 = 300;

/// The directory of `pkg/` whose files are named by a hash of their content (the renderer's
/// glue and wasm, which the entry names): cached for a year, never revalidated.
pub(crate) const IMMUTABLE_DIR: &str = "pkg/immutable/";

/// The `_headers` file. Netlify and Cloudflare Pages apply every rule a path matches and join
/// the values of a header set by several (two `Cache-Control` values would mean the shorter
/// lifetime, or none), so each header is set by exactly one rule a path can match: the
/// `Cache-Control` rules by depth (a `:name` placeholder is one path segment), the hashed
/// files being the only ones three deep besides each essay's `embed/`. (A `*` matches across
/// segments and within one: `/*/embed/*` would also match `/embed.html` and
/// `/assets/embed-page.js`.)
pub(crate) fn headers() -> String {
    let content = format!("public, max-age={CONTENT_MAX_AGE}");
    format!(
        "# Written by `essay-embed build`. Netlify and Cloudflare Pages read this file; essay-embed's
# docs/publishing.md shows the same headers for nginx and an S3-style bucket. Each header is set by one rule per
# path: hosts join the values of several.
/*
  Access-Control-Allow-Origin: *
  X-Content-Type-Options: nosniff
/
  Cache-Control: {content}
/:file
  Cache-Control: {content}
/:dir/:file
  Cache-Control: {content}
/:essay/embed/:file
  Cache-Control: {content}
  Content-Security-Policy: {FRAME_CSP}
/:essay/embed/
  Content-Security-Policy: {FRAME_CSP}
/{IMMUTABLE_DIR}*
  Cache-Control: public, max-age=31536000, immutable
/feed.json
  Content-Type: application/feed+json; charset=utf-8
/feed.xml
  Content-Type: application/rss+xml; charset=utf-8
/atom.xml
  Content-Type: application/atom+xml; charset=utf-8
/pkg/*.wasm
  Content-Type: application/wasm
"
    )
}
