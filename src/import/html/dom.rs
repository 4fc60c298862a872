//! Small operations on the parsed tree: names, attributes, finding, moving and removing nodes.

use markup5ever_rcdom::{Handle, NodeData};
use std::rc::Rc;

pub(super) fn parent_of(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(std::rc::Weak::upgrade);
    node.parent.set(weak);
    parent
}

/// Puts `with` where `node` is.
pub(super) fn replace(node: &Handle, with: &Handle) {
    if let Some(parent) = parent_of(node) {
        let mut children = parent.children.borrow_mut();
        if let Some(at) = children.iter().position(|c| Rc::ptr_eq(c, node)) {
            children[at] = with.clone();
            with.parent.set(Some(Rc::downgrade(&parent)));
            node.parent.set(None);
        }
    }
}

pub(super) fn find_element(node: &Handle, tag: &str) -> Option<Handle> {
    if element_name(node).as_deref() == Some(tag) {
        return Some(node.clone());
    }
    node.children
        .borrow()
        .iter()
        .find_map(|c| find_element(c, tag))
}

pub(super) fn element_name(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

pub(super) fn attribute(node: &Handle, attr: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == attr)
            .map(|a| a.value.to_string())
            .filter(|v| !v.is_empty()),
        _ => None,
    }
}

pub(super) fn is_blank(node: &Handle) -> bool {
    match &node.data {
        NodeData::Text { contents } => contents.borrow().trim().is_empty(),
        NodeData::Comment { .. } => true,
        _ => false,
    }
}

/// Takes `node` out of its parent.
pub(super) fn detach(node: &Handle) {
    let parent = node.parent.take();
    if let Some(parent) = parent.and_then(|weak| weak.upgrade()) {
        parent
            .children
            .borrow_mut()
            .retain(|child| !Rc::ptr_eq(child, node));
    }
}
