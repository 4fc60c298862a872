//! Pull quotes the HTML marks, their text, and whether the body repeats it.

use super::sanitize::PULL_MARK;
use crate::content::model::{Essay, PullQuote};
use markup5ever_rcdom::{Handle, NodeData};

pub(super) struct PullQuoteNode {
    pub(super) node: Handle,
    pub(super) text: String,
    pub(super) inline: bool,
    pub(super) order: usize,
}

pub(super) fn collect_pull_quotes(node: &Handle, out: &mut Vec<PullQuoteNode>) {
    for child in node.children.borrow().iter() {
        if let NodeData::Element { name, attrs, .. } = &child.data {
            let marked = attrs
                .borrow()
                .iter()
                .any(|a| &*a.name.local == "class" && &*a.value == PULL_MARK);
            if marked {
                let mut text = String::new();
                text_into(child, &mut text, true);
                let text = strip_quote_marks(&collapse(&text));
                if !text.is_empty() {
                    out.push(PullQuoteNode {
                        node: child.clone(),
                        text,
                        inline: &*name.local == "q",
                        order: out.len(),
                    });
                }
                continue;
            }
        }
        collect_pull_quotes(child, out);
    }
}

/// The text under `node`; `quote_only` leaves out attributions (`cite`, `figcaption`).
pub(super) fn text_into(node: &Handle, out: &mut String, quote_only: bool) {
    match &node.data {
        NodeData::Text { contents } => out.push_str(&contents.borrow()),
        NodeData::Element { name, .. } => {
            let tag = &*name.local;
            if quote_only && matches!(tag, "cite" | "figcaption") {
                return;
            }
            let block = matches!(
                tag,
                "p" | "div" | "br" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
            );
            if block {
                out.push(' ');
            }
            for child in node.children.borrow().iter() {
                text_into(child, out, quote_only);
            }
            if block {
                out.push(' ');
            }
        }
        _ => {
            for child in node.children.borrow().iter() {
                text_into(child, out, quote_only);
            }
        }
    }
}

pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A pull quote is often typeset with quotation marks the body sentence does not have.
fn strip_quote_marks(text: &str) -> String {
    let marks = [
        '"', '\u{201c}', '\u{201d}', '\u{00ab}', '\u{00bb}', '\u{300c}', '\u{300d}',
    ];
    let t = text.trim();
    match (t.chars().next(), t.chars().last()) {
        (Some(a), Some(b)) if marks.contains(&a) && marks.contains(&b) && t.chars().count() > 2 => {
            let inner: String = t.chars().skip(1).collect();
            let mut inner: Vec<char> = inner.chars().collect();
            inner.pop();
            inner.into_iter().collect::<String>().trim().to_owned()
        }
        _ => t.to_owned(),
    }
}

/// True when the renderer finds `quote` in the Markdown `body` (its own matching rules).
pub(super) fn body_holds(body: &str, quote: &str) -> bool {
    let essay = Essay {
        body: Some(body.to_owned()),
        pull_quotes: vec![PullQuote {
            text: quote.to_owned(),
        }],
        ..Essay::default()
    };
    crate::render::view::body(&essay, 1)
        .placements
        .first()
        .is_some_and(Option::is_some)
}
