//! `_headers` (Netlify, Cloudflare Pages): what partners' pages need to use the site's files
//! from another origin, and cache lifetimes that match how often each file changes.

use super::embed::FRAME_CSP;

/// Cache lifetime of content (pages, JSON, feeds): short, so an edit shows within minutes.
pub(crate) const CONTENT_MAX_AGE: u32 = 300;

/// The `_headers` file. Rules are combined for a path that matches several.
pub(crate) fn headers() -> String {
    let content = format!("public, max-age={CONTENT_MAX_AGE}");
    format!(
        "# Written by `essay-embed build`. Netlify and Cloudflare Pages read this file; the README
# shows the same headers for nginx and an S3-style bucket.
/*
  Cache-Control: {content}
  X-Content-Type-Options: nosniff
/content.json
  Access-Control-Allow-Origin: *
/*/oembed.json
  Access-Control-Allow-Origin: *
/feed.json
  Access-Control-Allow-Origin: *
  Content-Type: application/feed+json; charset=utf-8
/feed.xml
  Access-Control-Allow-Origin: *
  Content-Type: application/rss+xml; charset=utf-8
/atom.xml
  Access-Control-Allow-Origin: *
  Content-Type: application/atom+xml; charset=utf-8
/pkg/*
  Access-Control-Allow-Origin: *
/pkg/*.wasm
  Content-Type: application/wasm
/*/embed/*
  Content-Security-Policy: {FRAME_CSP}
"
    )
}
