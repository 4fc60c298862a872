//! Footnote-like references and notes made Markdown footnotes.

use super::dom::{attribute, detach, element_name, is_blank, parent_of, replace};
use super::quotes::text_into;
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Marks a footnote reference in the tree until the Markdown is written (private-use
/// characters; any in the feed's own text are removed before).
pub(super) const REF_OPEN: char = '\u{e000}';
pub(super) const REF_CLOSE: char = '\u{e001}';

/// Footnote-like references (`<sup><a href="#note-1">1</a></sup>` pointing at a note at the
/// end) become Markdown footnotes: the reference a `[^N]` marker, the note taken out of the
/// body and returned, to be written as `[^N]: ...` after it.
pub(super) fn take_footnotes(tree: &Handle) -> Vec<(usize, Handle)> {
    let mut ids: HashMap<String, Handle> = HashMap::new();
    collect_ids(tree, &mut ids);
    if ids.is_empty() {
        return Vec::new();
    }
    let mut order: HashMap<*const Node, usize> = HashMap::new();
    number_nodes(tree, &mut order);
    let at = |n: &Handle| order.get(&Rc::as_ptr(n)).copied().unwrap_or(0);
    let mut refs = Vec::new();
    collect_references(tree, &ids, &mut refs);
    // Notes come after their references (a link from a note back up is not a reference).
    refs.retain(|(anchor, note)| at(note) > at(anchor));
    let mut notes: Vec<(usize, Handle)> = Vec::new();
    for (anchor, note) in refs {
        let number = match notes.iter().find(|(_, n)| Rc::ptr_eq(n, &note)) {
            Some((n, _)) => *n,
            None => {
                let n = notes.len() + 1;
                notes.push((n, note.clone()));
                n
            }
        };
        let marker = Node::new(NodeData::Text {
            contents: RefCell::new(format!("{REF_OPEN}{number}{REF_CLOSE}").as_str().into()),
        });
        replace(&anchor, &marker);
    }
    for (_, note) in &notes {
        // The note's own link back to the reference is not part of it.
        remove_backlinks(note);
        let parent = parent_of(note);
        detach(note);
        // An emptied list or section of notes goes too.
        if let Some(parent) = parent {
            if !parent.children.borrow().iter().any(|c| !is_blank(c)) {
                detach(&parent);
            }
        }
    }
    notes
}

/// Each node's position in document order.
fn number_nodes(node: &Handle, order: &mut HashMap<*const Node, usize>) {
    let n = order.len();
    order.insert(Rc::as_ptr(node), n);
    for child in node.children.borrow().iter() {
        number_nodes(child, order);
    }
}

fn collect_ids(node: &Handle, ids: &mut HashMap<String, Handle>) {
    if let Some(id) = attribute(node, "id") {
        ids.entry(id).or_insert_with(|| node.clone());
    }
    for child in node.children.borrow().iter() {
        collect_ids(child, ids);
    }
}

/// `<a href="#ID">` with a short label (`1`, `[2]`, `*`) whose target is a note: a list
/// item, or a block (the target itself, or the block around a target that is a link back).
fn collect_references(
    node: &Handle,
    ids: &HashMap<String, Handle>,
    out: &mut Vec<(Handle, Handle)>,
) {
    for child in node.children.borrow().iter() {
        if element_name(child).as_deref() == Some("a") {
            if let Some(note) = reference_target(child, ids) {
                out.push((child.clone(), note));
                continue;
            }
        }
        collect_references(child, ids, out);
    }
}

fn reference_target(anchor: &Handle, ids: &HashMap<String, Handle>) -> Option<Handle> {
    let href = attribute(anchor, "href")?;
    let id = href.strip_prefix('#')?;
    let mut label = String::new();
    text_into(anchor, &mut label, false);
    let label = label
        .trim()
        .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')'));
    let short = !label.is_empty()
        && label.chars().count() <= 3
        && label
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡'));
    if !short {
        return None;
    }
    let target = ids.get(id)?;
    let note = match element_name(target).as_deref() {
        Some("li" | "p" | "div" | "aside") => target.clone(),
        // Substack: the note's number is a link back, inside the note.
        Some("a" | "span" | "sup") => parent_of(target)?,
        _ => return None,
    };
    // A reference inside its own note is the backlink, not a reference.
    let inside = std::iter::successors(parent_of(anchor), parent_of).any(|p| Rc::ptr_eq(&p, &note));
    (!inside && element_name(&note).is_some_and(|n| n != "body")).then_some(note)
}

fn remove_backlinks(note: &Handle) {
    let children: Vec<Handle> = note.children.borrow().clone();
    for child in children {
        if element_name(&child).as_deref() == Some("a") {
            let href = attribute(&child, "href").unwrap_or_default();
            let mut text = String::new();
            text_into(&child, &mut text, false);
            let text = text.trim();
            let back = text
                .chars()
                .all(|c| matches!(c, '↩' | '↑' | '^' | '\u{fe0e}'))
                || (href.starts_with('#') && text.chars().all(|c| c.is_ascii_digit()));
            if back {
                detach(&child);
                continue;
            }
        }
        remove_backlinks(&child);
    }
}

/// The Markdown with footnote markers written as `[^N]` and the notes after it.
pub(super) fn with_footnotes(markdown: String, notes: &[(usize, String)]) -> String {
    let mut out = String::with_capacity(markdown.len());
    let mut rest = markdown.as_str();
    while let Some(at) = rest.find(REF_OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + REF_OPEN.len_utf8()..];
        match after.find(REF_CLOSE) {
            Some(end) => {
                out.push_str("[^");
                out.push_str(&after[..end]);
                out.push(']');
                rest = &after[end + REF_CLOSE.len_utf8()..];
            }
            None => rest = after,
        }
    }
    out.push_str(rest);
    for (n, note) in notes {
        let note = note.trim();
        if note.is_empty() {
            continue;
        }
        out.push_str(&format!("\n\n[^{n}]: "));
        for (i, line) in note.lines().enumerate() {
            if i > 0 {
                out.push('\n');
                if !line.is_empty() {
                    out.push_str("    ");
                }
            }
            out.push_str(line);
        }
    }
    out
}
