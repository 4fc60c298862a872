//! The image the body leads with (lifted out to become the essay's image), else its first.

use super::dom::{attribute, element_name, find_element, is_blank};
use super::quotes::{collapse, text_into};
use super::BodyImage;
use markup5ever_rcdom::Handle;

pub(super) struct LeadImage {
    pub(super) node: Handle,
    pub(super) image: BodyImage,
}

/// The image the body starts with: an `<img>`, or a `<figure>` / `<p>` holding just one
/// (with the figure's caption), before any text.
pub(super) fn leading_image(tree: &Handle) -> Option<LeadImage> {
    let body = find_element(tree, "body")?;
    let first = body
        .children
        .borrow()
        .iter()
        .find(|c| !is_blank(c))
        .cloned()?;
    let mut node = first;
    // Descend through wrappers that hold only this one thing.
    loop {
        let tag = element_name(&node)?;
        match tag.as_str() {
            "img" => {
                let image = image_of(&node, None)?;
                return Some(LeadImage { node, image });
            }
            "figure" | "p" | "div" | "a" | "span" => {
                let children: Vec<Handle> = node
                    .children
                    .borrow()
                    .iter()
                    .filter(|c| !is_blank(c))
                    .cloned()
                    .collect();
                let imgs: Vec<&Handle> = children
                    .iter()
                    .filter(|c| element_name(c).as_deref() == Some("img"))
                    .collect();
                let captions: Vec<&Handle> = children
                    .iter()
                    .filter(|c| element_name(c).as_deref() == Some("figcaption"))
                    .collect();
                if tag == "figure" && imgs.len() == 1 && children.len() == 1 + captions.len() {
                    let caption = captions.first().map(|c| {
                        let mut t = String::new();
                        text_into(c, &mut t, false);
                        collapse(&t)
                    });
                    let image = image_of(imgs[0], caption.filter(|c| !c.is_empty()))?;
                    return Some(LeadImage { node, image });
                }
                if children.len() == 1 {
                    let only = children[0].clone();
                    if element_name(&only).as_deref() == Some("img") {
                        let image = image_of(&only, None)?;
                        return Some(LeadImage { node, image });
                    }
                    node = only;
                    continue;
                }
                return None;
            }
            _ => return None,
        }
    }
}

pub(super) fn first_image(node: &Handle) -> Option<BodyImage> {
    if element_name(node).as_deref() == Some("img") {
        if let Some(image) = image_of(node, None) {
            return Some(image);
        }
    }
    node.children.borrow().iter().find_map(first_image)
}

fn image_of(node: &Handle, caption: Option<String>) -> Option<BodyImage> {
    let src = attribute(node, "src")?;
    let pixels = |a: &str| {
        attribute(node, a)
            .and_then(|v| v.trim().parse::<u32>().ok())
            .filter(|&n| n > 0)
    };
    Some(BodyImage {
        src,
        alt: attribute(node, "alt").unwrap_or_default(),
        caption,
        size: pixels("width").zip(pixels("height")),
    })
}
