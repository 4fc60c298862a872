//! Checks on rendered HTML, made by parsing it with a real HTML5 parser (html5ever, as
//! browsers parse), not by looking at the string, and by the string checks of `wellformed`
//! (shared with the fuzz targets).
#![allow(dead_code)]

pub mod wellformed;

use scraper::{ElementRef, Html, Node};
pub use wellformed::{browser_scheme, is_allowed_scheme};

/// `s` as a JSON string literal (for building content documents).
pub fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// The string checks alone (see `wellformed`): every reason `html` is not well formed.
pub fn well_formedness(html: &str) -> Vec<String> {
    wellformed::well_formedness(html)
}
pub use wellformed::{ALLOWED_ATTRIBUTES, ALLOWED_ELEMENTS};

/// Every reason `html` is unsafe or malformed; empty when it is fine.
pub fn violations(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let doc = Html::parse_fragment(html);
    // (The tree also holds the parser's detached context element: walk from the root.)
    for node in doc.tree.root().descendants() {
        if let Node::Element(el) = node.value() {
            let name = el.name();
            // The fragment parser wraps the fragment in <html>.
            let root = name == "html" && node.parent().is_some_and(|p| p.parent().is_none());
            if !root && !ALLOWED_ELEMENTS.contains(&name) {
                found.push(format!("element <{name}>"));
            }
            for (attr, value) in el.attrs() {
                if attr.starts_with("on") || !ALLOWED_ATTRIBUTES.contains(&attr) {
                    found.push(format!("attribute {attr}={value:?} on <{name}>"));
                }
                let refused = essay_embed::check_url(value).is_err()
                    || browser_scheme(value).is_some_and(|s| !is_allowed_scheme(&s));
                if matches!(attr, "href" | "src") && refused {
                    found.push(format!("URL {attr}={value:?} on <{name}>"));
                }
            }
        }
    }
    let (tags, problems) = wellformed::scan(html);
    if problems.is_empty() {
        // What the parser built must be what we wrote: same elements, same nesting.
        let written: Vec<(usize, String)> = tags.into_iter().map(|t| (t.depth, t.name)).collect();
        let parsed = parsed_shape(&doc);
        if written != parsed {
            let at = written.iter().zip(&parsed).position(|(a, b)| a != b);
            found.push(format!(
                "the parser rebuilds the tree differently (first difference at element {at:?}: wrote {:?}, parsed {:?})",
                at.and_then(|i| written.get(i)),
                at.and_then(|i| parsed.get(i)),
            ));
        }
    }
    found.extend(problems);
    found
}

/// The elements html5ever built, in document order, with their depth below the fragment root.
fn parsed_shape(doc: &Html) -> Vec<(usize, String)> {
    fn walk(el: ElementRef<'_>, depth: usize, out: &mut Vec<(usize, String)>) {
        for child in el.children().filter_map(ElementRef::wrap) {
            out.push((depth, child.value().name().to_owned()));
            walk(child, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(doc.root_element(), 0, &mut out);
    out
}
