//! Checks on rendered HTML, made by parsing it with a real HTML5 parser (html5ever, as
//! browsers parse), not by looking at the string.

use scraper::{Html, Node};

/// Elements the renderer may emit. Anything else in the output is an injection.
pub const ALLOWED_ELEMENTS: &[&str] = &[
    "html",
    "head",
    "body", // added by the fragment parser
    "a",
    "article",
    "aside",
    "blockquote",
    "br",
    "button",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
];

pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "alt",
    "aria-busy",
    "aria-hidden",
    "aria-label",
    "class",
    "data-action",
    "data-block",
    "data-essay",
    "data-pullquote",
    "data-share-quote",
    "datetime",
    "decoding",
    "dir",
    "height",
    "href",
    "id",
    "lang",
    "loading",
    "part",
    "rel",
    "role",
    "src",
    "start",
    "target",
    "title",
    "type",
    "width",
];

/// Every reason `html` is unsafe or malformed; empty when it is fine.
pub fn violations(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        if let Node::Element(el) = node.value() {
            let name = el.name();
            if !ALLOWED_ELEMENTS.contains(&name) {
                found.push(format!("element <{name}>"));
            }
            for (attr, value) in el.attrs() {
                if attr.starts_with("on") || !ALLOWED_ATTRIBUTES.contains(&attr) {
                    found.push(format!("attribute {attr}={value:?} on <{name}>"));
                }
                if matches!(attr, "href" | "src") && !essay_embed::url::is_allowed(value) {
                    found.push(format!("URL {attr}={value:?} on <{name}>"));
                }
            }
        }
    }
    found.extend(well_formedness(html));
    found
}

/// Our output must be balanced as written (every element closed, nothing implied by the
/// parser), so reparsing cannot change its shape (the root of mutation XSS).
pub fn well_formedness(html: &str) -> Vec<String> {
    const VOID: &[&str] = &["br", "hr", "img"];
    let mut stack: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let Some(gt) = rest.find('>') else {
            problems.push("unterminated tag".to_owned());
            break;
        };
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
        } else {
            let name: String = tag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if name.is_empty() {
                problems.push(format!("stray '<' before {tag:?}"));
            }
            // Attribute values must be quoted: count quotes.
            if tag.matches('"').count() % 2 != 0 {
                problems.push(format!("unbalanced quotes in <{tag}>"));
            }
            if !VOID.contains(&name.as_str()) {
                stack.push(name);
            }
        }
    }
    if !stack.is_empty() {
        problems.push(format!("unclosed: {stack:?}"));
    }
    problems
}
