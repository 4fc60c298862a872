//! What each fuzz target checks, as plain functions: the cargo-fuzz targets in
//! `fuzz_targets/` call them on libFuzzer's inputs, and the native test `tests/fuzz.rs`
//! replays the seed corpus and every input that ever failed (`fuzz/regressions/`) through
//! them in `cargo test`. A failed check panics.
#![allow(dead_code)]

use essay_embed::internals::i18n::{Language, Strings};
use essay_embed::internals::{markdown, states, Arrival, MAX_QUOTE_CHARS};
use essay_embed::{jsonld, jsonld_script, load, render, Mode, RenderOptions};
use essay_embed::{Anchored, BlockPoint, DeepLink, EmbedError, Projection};

#[path = "../tests/support/wellformed.rs"]
mod wellformed;

fn check(html: &str, what: &str) {
    let problems = wellformed::well_formedness(html);
    assert!(problems.is_empty(), "{what}: {problems:?}\n{html}");
}

/// Any text as a content document: parsing and validation never panic; a valid document
/// renders, in every mode, for every essay, as well-formed, allow-listed HTML; an invalid
/// one gives a well-formed error state; the JSON-LD cannot leave its script element.
pub fn document(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let loaded = match load(&text) {
        Ok(loaded) => loaded,
        Err(e) => {
            check(
                &states::error_html(&EmbedError::Load(e), None, &[]),
                "error state",
            );
            return;
        }
    };
    let doc = &loaded.document;
    assert!(!doc.essays.is_empty());
    let ids: Vec<Option<&str>> = std::iter::once(None)
        .chain(doc.essays.iter().take(4).map(|e| Some(e.id.as_str())))
        .collect();
    for mode in [Mode::Article, Mode::Card, Mode::Series] {
        for &essay in &ids {
            let options = RenderOptions {
                mode,
                essay,
                interactive: true,
                ..RenderOptions::default()
            };
            let out = render(doc, &options).expect("every id in the document renders");
            check(&out.html, &format!("{mode:?} {essay:?}"));
            if let Some(projection) = &out.projection {
                assert!(projection.starts.windows(2).all(|w| w[0] <= w[1]));
                assert!(projection
                    .starts
                    .iter()
                    .all(|&s| projection.text.is_char_boundary(s)));
            }
        }
    }
    let unknown = RenderOptions {
        essay: Some("no such essay \u{0}"),
        ..RenderOptions::default()
    };
    if let Err(e) = render(doc, &unknown) {
        check(
            &states::error_html(&EmbedError::Render(e), Some("zh"), &doc.strings),
            "unknown essay",
        );
    }
    for essay in doc.essays.iter().take(4) {
        let script = jsonld_script(doc, essay);
        assert_eq!(script.matches('<').count(), 2, "{script}");
        let json = jsonld(doc, essay);
        assert!(
            serde_json::from_str::<serde_json::Value>(&json).is_ok(),
            "{json}"
        );
    }
}

/// Any text as an essay body: Markdown (and plain text, as JSON Feed's `content_text`)
/// renders without panicking to well-formed, allow-listed blocks, each carrying its index.
pub fn markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let heading_base = (data.len() % 6) as u8 + 1;
    for (kind, blocks) in [
        ("markdown", markdown::render(&text, heading_base)),
        ("plain", markdown::render_plain(&text)),
    ] {
        for (i, block) in blocks.iter().enumerate() {
            let problems = wellformed::well_formedness(&block.html);
            assert!(
                problems.is_empty(),
                "{kind} block {i}: {problems:?}\n{}",
                block.html
            );
            let index = format!("data-block=\"{i}\"");
            assert!(
                block.html.contains(&index),
                "{kind} block {i}: {}",
                block.html
            );
            // One element per block: the block's index is on its first tag.
            let first_tag_end = block.html.find('>').unwrap_or(0);
            assert!(
                block.html[..first_tag_end].contains(&index),
                "{}",
                block.html
            );
        }
        let projection = Projection::from_blocks(&blocks);
        assert_eq!(projection.starts.len(), blocks.len());
    }
}

/// Collapses white space as the selector does.
fn normalized(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn valid(found: &Anchored, projection: &Projection) {
    assert!(found.start <= found.end, "{found:?}");
    assert!(
        projection.text.get(found.start..found.end).is_some(),
        "{found:?} in {:?}",
        projection.text
    );
    assert!((0.0..=1.0).contains(&found.score), "{found:?}");
}

/// Re-anchoring: the plain-text projection of any body, a selection at any offsets, its
/// selector and share link, found again in the same text and in an edited one, and any
/// fragment parsed as a share link. No panics; every range found lies on character
/// boundaries of the text; a selection is found again exactly where it was.
///
/// Input: 4 bytes (selection start and end, u16 little-endian, taken modulo the text
/// length), then UTF-8 text split at U+001E into: the body (Markdown), an edited body
/// (default: the body), a URL fragment to parse.
pub fn anchor(data: &[u8]) {
    let [a0, a1, b0, b1, ..] = *data else {
        return;
    };
    let a = usize::from(u16::from_le_bytes([a0, a1]));
    let b = usize::from(u16::from_le_bytes([b0, b1]));
    let text = String::from_utf8_lossy(&data[4..]);
    let mut parts = text.split('\u{1e}');
    let body = parts.next().unwrap_or("");
    let edited = parts.next().unwrap_or(body);
    let fragment = parts.next().unwrap_or("");

    let projection = Projection::from_blocks(&markdown::render(body, 2));
    let moved = Projection::from_blocks(&markdown::render(edited, 2));
    let len = projection.text.len();
    let (mut start, mut end) = (a % (len + 1), b % (len + 1));
    if start > end {
        std::mem::swap(&mut start, &mut end);
    }

    // Offsets and block points convert back and forth without panicking.
    for offset in [start, end] {
        if let Some(point) = projection.point(offset, start % 2 == 0) {
            if projection.text.is_char_boundary(offset) {
                assert!(projection.offset(point).is_some(), "{offset} -> {point:?}");
            }
        }
    }
    let _ = projection.offset(BlockPoint {
        block: a,
        offset: b,
    });

    if let Some(selector) = projection.selector(start, end) {
        assert!(!selector.exact.is_empty());
        // The same text: found again exactly.
        let found = projection
            .anchor(&selector)
            .expect("a selector is found in its own text");
        valid(&found, &projection);
        assert!(found.exact, "{selector:?} -> {found:?}");
        assert_eq!(
            normalized(&projection.text[found.start..found.end]),
            selector.exact
        );
        // Through a share link and back.
        if let Some(link) = DeepLink::new("e", &projection, start, end) {
            let fragment = link.fragment();
            let parsed = DeepLink::parse(&fragment).expect("our own links parse");
            assert_eq!(parsed.essay, "e");
            if selector.exact.chars().count() <= MAX_QUOTE_CHARS {
                let again = parsed
                    .anchor(&projection)
                    .expect("a share link is found in its own text");
                valid(&again, &projection);
                assert_eq!(
                    (again.start, again.end),
                    (found.start, found.end),
                    "{fragment}"
                );
                // Unchanged: no revision notice.
                assert!(!Arrival::new(&parsed, &projection).revised, "{fragment}");
            }
            if let Some(found) = parsed.anchor(&moved) {
                valid(&found, &moved);
            }
        }
        // An edited text: maybe found, never out of bounds.
        if let Some(found) = moved.anchor(&selector) {
            valid(&found, &moved);
        }
    }
    // Whatever a page's URL says.
    if let Some(link) = DeepLink::parse(fragment) {
        let english = Strings::new(Language::English, &[]);
        for p in [&projection, &moved] {
            if let Some(found) = link.anchor(p) {
                valid(&found, p);
            }
            // The notice of a revised passage: well-formed whatever the link holds.
            let arrival = Arrival::new(&link, p);
            if let Some(html) = arrival.notice_html(&link, &english, Some("en"), None) {
                check(&html, "revised passage notice");
            }
        }
        let _ = link.fragment();
    }
    if let Some((s, e)) = projection.find_quote(edited) {
        assert!(s <= e && projection.text.get(s..e).is_some());
    }
}
