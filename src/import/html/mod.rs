//! A feed item's HTML body to safe CommonMark: sanitised by ammonia first (scripts, styles,
//! frames, forms, event handlers and URLs outside the allow-list gone; relative URLs resolved
//! against the item's base), then converted by htmd, with the pull quotes the HTML marks
//! taken out and the leading image lifted out to become the essay's image.

mod dom;
mod footnotes;
mod image;
mod quotes;
mod sanitize;

use dom::{detach, element_name};
use footnotes::{take_footnotes, with_footnotes, REF_CLOSE, REF_OPEN};
use image::{first_image, leading_image};
use markup5ever_rcdom::Handle;
use quotes::{body_holds, collapse, collect_pull_quotes, text_into, PullQuoteNode};
use sanitize::{drop_tracking_pixels, sanitize};
use std::collections::HashSet;
use url::Url;

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

#[cfg(test)]
mod tests {
    use super::sanitize::no_entities;
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
