//! A feed item's HTML body to safe CommonMark: sanitised by ammonia first (scripts, styles,
//! frames, forms, event handlers and URLs outside the allow-list gone; relative URLs resolved
//! against the item's base), then converted by htmd, with the pull quotes the HTML marks
//! taken out and the leading image lifted out to become the essay's image.

use crate::content::model::{Essay, PullQuote};
use markup5ever_rcdom::{Handle, Node, NodeData};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use url::Url;

/// The class every pull-quote element carries after sanitising (ammonia keeps only this one).
const PULL_MARK: &str = "ee-pull";

/// Elements whose content is dropped with them, not unwrapped: their text is code, a
/// fallback for a plugin, or controls, never prose.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "form", "button", "select", "textarea", "input", "svg", "math", "canvas", "video",
    "audio", "map", "head", "title", "nav",
];

/// Elements kept (their attributes are dropped except the few below); anything else is
/// unwrapped (its text kept).
const KEPT: &[&str] = &[
    "a",
    "abbr",
    "aside",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "section",
    "article",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// What an item's HTML became.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Converted {
    /// CommonMark; empty when nothing readable was left.
    pub markdown: String,
    /// Pull quotes the HTML marked whose text the body also holds.
    pub pull_quotes: Vec<String>,
    /// Marked pull quotes whose text the body does not repeat (kept in the body as quotes).
    pub unique_quotes: Vec<String>,
    /// The image the body starts with (taken out of the body), or else its first image.
    pub image: Option<BodyImage>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BodyImage {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    /// Width and height in pixels, from the `<img>`'s attributes when it gives both.
    pub size: Option<(u32, u32)>,
}

/// Converts an item's HTML body. Relative URLs resolve against `base` (the item's
/// `xml:base` or link); without a base they are dropped, since they would resolve against
/// whatever page embeds the essay. `lead_image` is the essay image found elsewhere (media,
/// enclosure): when the body starts with that same image it is taken out of the body.
pub fn convert(html: &str, base: Option<&Url>, lead_image: Option<&str>) -> Converted {
    let clean = sanitize(html, base).replace([REF_OPEN, REF_CLOSE], "");
    let converter = converter();
    let Ok(tree) = converter.html_to_tree(&clean) else {
        return Converted::default();
    };

    drop_tracking_pixels(&tree);
    let mut quotes = Vec::new();
    collect_pull_quotes(&tree, &mut quotes);
    let (inline, block): (Vec<_>, Vec<_>) = quotes.into_iter().partition(|q| q.inline);

    // The image the body leads with becomes the essay's image (the article shows it above
    // the body) unless the feed named another one.
    let mut image = None;
    if let Some(lead) = leading_image(&tree) {
        let same = lead_image.is_none_or(|src| src == lead.image.src);
        if same {
            detach(&lead.node);
            image = Some(lead.image);
        }
    }
    if image.is_none() && lead_image.is_none() {
        image = first_image(&tree);
    }

    // Block pull quotes repeat a sentence of the body: out of the body, into `pull_quotes`.
    // One that repeats nothing is the only copy of its text and stays in the body.
    for q in &block {
        detach(&q.node);
    }
    let notes = take_footnotes(&tree);
    let without = write(&converter, &tree, &notes);
    let (repeated, unique): (Vec<_>, Vec<_>) =
        block.iter().partition(|q| body_holds(&without, &q.text));
    let markdown = if unique.is_empty() {
        without
    } else {
        // Put the unique ones back: parse again and take out only the repeated ones.
        let Ok(tree) = converter.html_to_tree(&clean) else {
            return Converted::default();
        };
        drop_tracking_pixels(&tree);
        let mut again = Vec::new();
        collect_pull_quotes(&tree, &mut again);
        let repeated_texts: HashSet<&str> = repeated.iter().map(|q| q.text.as_str()).collect();
        for q in again.iter().filter(|q| !q.inline) {
            if repeated_texts.contains(q.text.as_str()) {
                detach(&q.node);
            }
        }
        if image.is_some() {
            if let Some(lead) = leading_image(&tree) {
                detach(&lead.node);
            }
        }
        let notes = take_footnotes(&tree);
        write(&converter, &tree, &notes)
    };

    let mut pull_quotes: Vec<String> = Vec::new();
    // In document order: the block ones (repeated) and the inline ones (the body's own words).
    let mut ordered: Vec<&PullQuoteNode> = repeated;
    ordered.extend(inline.iter().filter(|q| body_holds(&markdown, &q.text)));
    ordered.sort_by_key(|q| q.order);
    for q in ordered {
        if !pull_quotes.contains(&q.text) {
            pull_quotes.push(q.text.clone());
        }
    }
    Converted {
        markdown: markdown.trim().to_owned(),
        pull_quotes,
        unique_quotes: unique.iter().map(|q| q.text.clone()).collect(),
        image,
    }
}

/// The tree as CommonMark, its footnotes after it.
fn write(converter: &htmd::HtmlToMarkdown, tree: &Handle, notes: &[(usize, Handle)]) -> String {
    let notes: Vec<(usize, String)> = notes
        .iter()
        .map(|(n, note)| {
            let markdown = converter.tree_to_markdown(note);
            // A note that was a list item comes out with its list marker.
            let text = if element_name(note).as_deref() == Some("li") {
                strip_list_marker(&markdown).to_owned()
            } else {
                markdown
            };
            (*n, text)
        })
        .collect();
    with_footnotes(converter.tree_to_markdown(tree), &notes)
}

fn strip_list_marker(text: &str) -> &str {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
        return rest;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    match t[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest,
        _ => t,
    }
}

/// Plain text of an HTML fragment (titles, summaries), whitespace collapsed.
pub fn text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse(html);
    }
    let clean = sanitize(html, None);
    match converter().html_to_tree(&clean) {
        Ok(tree) => {
            let mut out = String::new();
            text_into(&tree, &mut out, false);
            collapse(&out)
        }
        Err(_) => String::new(),
    }
}

/// True when the HTML holds block structure (a paragraph, a heading, a list...): an RSS
/// `description` that is the whole article, not a summary.
pub fn has_blocks(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    [
        "<p",
        "<h2",
        "<h3",
        "<ul",
        "<ol",
        "<blockquote",
        "<figure",
        "<table",
    ]
    .iter()
    .any(|tag| {
        lower.match_indices(tag).any(|(at, _)| {
            lower[at + tag.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_whitespace() || c == '/')
        })
    })
}

fn converter() -> htmd::HtmlToMarkdown {
    htmd::HtmlToMarkdown::builder()
        .options(htmd::options::Options {
            heading_style: htmd::options::HeadingStyle::Atx,
            code_block_style: htmd::options::CodeBlockStyle::Fenced,
            bullet_list_marker: htmd::options::BulletListMarker::Dash,
            ul_bullet_spacing: 1,
            ol_number_spacing: 1,
            ..Default::default()
        })
        // GFM strikethrough, which the renderer reads (htmd drops the marks otherwise).
        .add_handler(
            vec!["s", "del", "strike"],
            |handlers: &dyn htmd::element_handler::Handlers, element: htmd::Element| {
                let content = handlers.walk_children(element.node).content;
                let inner = content.trim();
                if inner.is_empty() {
                    return None;
                }
                let lead = if content.starts_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                let trail = if content.ends_with(char::is_whitespace) {
                    " "
                } else {
                    ""
                };
                Some(format!("{lead}~~{inner}~~{trail}").into())
            },
        )
        .build()
}

/// ammonia with our allow-lists (see the module docs).
fn sanitize(html: &str, base: Option<&Url>) -> String {
    let base = base.cloned();
    let mut builder = ammonia::Builder::empty();
    builder
        .tags(KEPT.iter().copied().collect())
        .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
        // class only for pull quotes (filtered below), id only to find footnotes.
        .generic_attributes(["class", "id"].into_iter().collect())
        .tag_attributes(
            [
                ("a", ["href", "title"].into_iter().collect()),
                // width and height only to recognise tracking pixels (dropped below).
                (
                    "img",
                    ["src", "alt", "title", "width", "height"]
                        .into_iter()
                        .collect(),
                ),
                ("td", ["align"].into_iter().collect()),
                ("th", ["align"].into_iter().collect()),
                ("ol", ["start"].into_iter().collect()),
            ]
            .into_iter()
            .collect(),
        )
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .url_relative(ammonia::UrlRelative::Custom(Box::new(Resolver(base))))
        .link_rel(None)
        .strip_comments(true)
        // Only the pull-quote classes survive, as one marker class.
        .attribute_filter(|element: &str, attribute: &str, value: &str| {
            // ammonia checked the scheme of this very value (the relative ones are resolved
            // after this filter); only its normal form is written, never a trimmed one.
            if matches!(attribute, "href" | "src") {
                return match Url::parse(value) {
                    Ok(url) if matches!(url.scheme(), "http" | "https" | "mailto") => {
                        Some(Cow::Owned(no_entities(url.to_string())))
                    }
                    Ok(_) => None,
                    Err(_) => Some(Cow::Borrowed(value)),
                };
            }
            if attribute != "class" {
                return Some(value.into());
            }
            let pull = value.to_ascii_lowercase().contains("pull")
                && matches!(
                    element,
                    "blockquote" | "aside" | "q" | "figure" | "div" | "p"
                );
            pull.then_some(Cow::Borrowed(PULL_MARK))
        });
    builder.clean(html).to_string()
}

struct Resolver(Option<Url>);

impl ammonia::UrlRelativeEvaluate<'static> for Resolver {
    fn evaluate<'u>(&self, url: &'u str) -> Option<Cow<'u, str>> {
        resolve(self.0.as_ref(), url)
    }
}

/// A relative URL in the body: fragments stay (footnote references), the rest resolve
/// against the base and must come out http(s); without a base they are dropped.
fn resolve<'u>(base: Option<&Url>, url: &'u str) -> Option<Cow<'u, str>> {
    if let Some(fragment) = url.strip_prefix('#') {
        return Some(Cow::Owned(no_entities(encode_fragment(fragment))));
    }
    let joined = base?.join(url).ok()?;
    matches!(joined.scheme(), "http" | "https").then(|| Cow::Owned(no_entities(joined.to_string())))
}

/// `#` and the fragment with everything but URL code points percent-encoded (spaces, line
/// breaks, angle brackets and quotes would end or break a Markdown link).
fn encode_fragment(fragment: &str) -> String {
    let mut out = String::from("#");
    for c in fragment.chars() {
        if c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@/?%".contains(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A URL as Markdown may hold it: CommonMark decodes character references in link
/// destinations, so an `&` that starts one (`&lt;`, `&#60;`) is percent-encoded; URL
/// parsing has already encoded spaces, quotes and angle brackets.
fn no_entities(url: String) -> String {
    if !url.contains('&') {
        return url;
    }
    let mut out = String::with_capacity(url.len());
    for (i, part) in url.split('&').enumerate() {
        if i > 0 {
            let name_len = part
                .strip_prefix('#')
                .unwrap_or(part)
                .bytes()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            let hash = usize::from(part.starts_with('#'));
            let reference = name_len > 0 && part.as_bytes().get(hash + name_len) == Some(&b';');
            out.push_str(if reference { "%26" } else { "&" });
        }
        out.push_str(part);
    }
    out
}

/// Images of 1×1 pixels (or none) count visits; they are not part of the essay.
fn drop_tracking_pixels(node: &Handle) {
    let children: Vec<Handle> = node.children.borrow().clone();
    for child in children {
        if element_name(&child).as_deref() == Some("img") {
            let tiny = |a: &str| {
                attribute(&child, a).is_some_and(|v| v.trim().parse::<u32>().is_ok_and(|n| n <= 1))
            };
            if tiny("width") || tiny("height") {
                detach(&child);
                continue;
            }
        }
        drop_tracking_pixels(&child);
    }
}

struct PullQuoteNode {
    node: Handle,
    text: String,
    inline: bool,
    order: usize,
}

fn collect_pull_quotes(node: &Handle, out: &mut Vec<PullQuoteNode>) {
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
fn text_into(node: &Handle, out: &mut String, quote_only: bool) {
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

fn collapse(text: &str) -> String {
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
fn body_holds(body: &str, quote: &str) -> bool {
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

/// Marks a footnote reference in the tree until the Markdown is written (private-use
/// characters; any in the feed's own text are removed before).
const REF_OPEN: char = '\u{e000}';
const REF_CLOSE: char = '\u{e001}';

/// Footnote-like references (`<sup><a href="#note-1">1</a></sup>` pointing at a note at the
/// end) become Markdown footnotes: the reference a `[^N]` marker, the note taken out of the
/// body and returned, to be written as `[^N]: ...` after it.
fn take_footnotes(tree: &Handle) -> Vec<(usize, Handle)> {
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

fn parent_of(node: &Handle) -> Option<Handle> {
    let weak = node.parent.take();
    let parent = weak.as_ref().and_then(std::rc::Weak::upgrade);
    node.parent.set(weak);
    parent
}

/// Puts `with` where `node` is.
fn replace(node: &Handle, with: &Handle) {
    if let Some(parent) = parent_of(node) {
        let mut children = parent.children.borrow_mut();
        if let Some(at) = children.iter().position(|c| Rc::ptr_eq(c, node)) {
            children[at] = with.clone();
            with.parent.set(Some(Rc::downgrade(&parent)));
            node.parent.set(None);
        }
    }
}

/// The Markdown with footnote markers written as `[^N]` and the notes after it.
fn with_footnotes(markdown: String, notes: &[(usize, String)]) -> String {
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

struct LeadImage {
    node: Handle,
    image: BodyImage,
}

/// The image the body starts with: an `<img>`, or a `<figure>` / `<p>` holding just one
/// (with the figure's caption), before any text.
fn leading_image(tree: &Handle) -> Option<LeadImage> {
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

fn first_image(node: &Handle) -> Option<BodyImage> {
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

fn find_element(node: &Handle, tag: &str) -> Option<Handle> {
    if element_name(node).as_deref() == Some(tag) {
        return Some(node.clone());
    }
    node.children
        .borrow()
        .iter()
        .find_map(|c| find_element(c, tag))
}

fn element_name(node: &Handle) -> Option<String> {
    match &node.data {
        NodeData::Element { name, .. } => Some(name.local.to_string()),
        _ => None,
    }
}

fn attribute(node: &Handle, attr: &str) -> Option<String> {
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

fn is_blank(node: &Handle) -> bool {
    match &node.data {
        NodeData::Text { contents } => contents.borrow().trim().is_empty(),
        NodeData::Comment { .. } => true,
        _ => false,
    }
}

/// Takes `node` out of its parent.
fn detach(node: &Handle) {
    let parent = node.parent.take();
    if let Some(parent) = parent.and_then(|weak| weak.upgrade()) {
        parent
            .children
            .borrow_mut()
            .retain(|child| !Rc::ptr_eq(child, node));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> Converted {
        convert(
            html,
            Url::parse("https://example.com/essays/one/").ok().as_ref(),
            None,
        )
    }

    #[test]
    fn keeps_structure_and_drops_what_is_dangerous() {
        let c = md(
            r#"<h2>Part</h2><p>Some <em>words</em> and <a href="../two/" onclick="x()">a link</a>.</p><script>alert(1)</script><ul><li>one</li></ul><p><a href="javascript:alert(1)">bad</a></p>"#,
        );
        assert!(c.markdown.contains("## Part"), "{}", c.markdown);
        assert!(c.markdown.contains("*words*"), "{}", c.markdown);
        assert!(
            c.markdown
                .contains("[a link](https://example.com/essays/two/)"),
            "{}",
            c.markdown
        );
        assert!(c.markdown.contains("- one"), "{}", c.markdown);
        assert!(!c.markdown.contains("alert"), "{}", c.markdown);
        assert!(!c.markdown.contains("javascript"), "{}", c.markdown);
    }

    #[test]
    fn repeated_pull_quotes_leave_the_body_and_unique_ones_stay() {
        let c = md(
            r#"<p>Arms control is hard. It needs time.</p><blockquote class="wp-block-pullquote"><p>“Arms control is hard.”</p><cite>Tong Zhao</cite></blockquote><aside class="pull-quote">Only here.</aside>"#,
        );
        assert_eq!(c.pull_quotes, ["Arms control is hard."]);
        assert_eq!(c.unique_quotes, ["Only here."]);
        assert_eq!(
            c.markdown.matches("Arms control is hard").count(),
            1,
            "{}",
            c.markdown
        );
        assert!(c.markdown.contains("Only here."), "{}", c.markdown);
        assert!(!c.markdown.contains("Tong Zhao"), "{}", c.markdown);
    }

    #[test]
    fn an_inline_pull_quote_stays_in_its_sentence() {
        let c = md(r#"<p>He said <q class="pullquote">patience wins</q> and left.</p>"#);
        assert_eq!(c.pull_quotes, ["patience wins"]);
        assert!(c.markdown.contains("patience wins"), "{}", c.markdown);
    }

    #[test]
    fn the_leading_figure_becomes_the_image() {
        let c = md(
            r#"<figure><img src="/img/a.jpg" alt="A"><figcaption>Caption</figcaption></figure><p>Text.</p><p><img src="b.jpg" alt="B"></p>"#,
        );
        let image = c.image.unwrap();
        assert_eq!(image.src, "https://example.com/img/a.jpg");
        assert_eq!(image.caption.as_deref(), Some("Caption"));
        assert!(!c.markdown.contains("a.jpg"), "{}", c.markdown);
        assert!(
            c.markdown
                .contains("![B](https://example.com/essays/one/b.jpg)"),
            "{}",
            c.markdown
        );
    }

    #[test]
    fn relative_urls_without_a_base_are_dropped_and_fragments_kept() {
        let c = convert(
            r##"<p><a href="/x">x</a> <a href="#fn1">1</a></p>"##,
            None,
            None,
        );
        assert!(!c.markdown.contains("(/x)"), "{}", c.markdown);
        assert!(c.markdown.contains("[1](#fn1)"), "{}", c.markdown);
    }

    #[test]
    fn footnote_references_become_markdown_footnotes() {
        let c = md(
            r##"<p>A claim.<sup><a href="#n1" id="r1">1</a></sup> Another.<sup><a href="#n2">[2]</a></sup> <a href="#later">1</a></p><h2 id="later">Later</h2><ol class="notes"><li id="n1">First <em>source</em>. <a href="#r1">↩</a></li><li id="n2">Second
source.</li></ol>"##,
        );
        assert_eq!(
            c.markdown,
            "A claim.[^1] Another.[^2] [1](#later)\n\n## Later\n\n[^1]: First *source*.\n\n[^2]: Second source."
        );
    }

    #[test]
    fn urls_hold_no_character_references() {
        assert_eq!(
            no_entities("https://a.example/?x=1&y=2".into()),
            "https://a.example/?x=1&y=2"
        );
        assert_eq!(
            no_entities("https://a.example/&lt;b&#62;&amp".into()),
            "https://a.example/%26lt;b%26#62;&amp"
        );
    }

    #[test]
    fn text_of_html() {
        assert_eq!(
            text("A <b>bold</b> &amp; <script>x</script>claim"),
            "A bold & claim"
        );
        assert!(has_blocks("<P class=x>hi</P>"));
        assert!(!has_blocks("<pre>x</pre> a summary"));
    }
}
