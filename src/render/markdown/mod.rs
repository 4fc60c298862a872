//! Markdown to safe HTML, one top-level block at a time.
//!
//! We walk pulldown-cmark's event stream ourselves instead of post-processing its HTML, so
//! the unsafe never gets written: raw HTML (block and inline) becomes escaped text, links and
//! images whose URL fails the allow-list become their text, and element names come only from
//! this module.
//!
//! Each top-level block is returned separately with its plain text (exactly the `textContent`
//! the browser will compute for it), and carries `data-block="N"`, so the share layer can map
//! a DOM selection to offsets in the essay's plain text and the renderer can place pull quotes
//! between blocks.

mod slug;
mod tags;
mod writer;

use crate::render::html::escape_into;
use crate::render::strmap::StrMap;
use pulldown_cmark::{Alignment, Event, Options, Parser};

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Block {
    /// The block's HTML, one element with `data-block`.
    pub html: String,
    /// Its text as the DOM will see it (`textContent`).
    pub text: String,
}

/// Nesting beyond this is flattened: the text is kept, the extra container elements are not.
/// Browsers cap DOM depth too (Chromium's parser at 512), and deep trees are slow to lay out.
pub const MAX_NESTING: usize = 48;

/// Renders Markdown (CommonMark plus tables, footnotes and strikethrough). Body headings are
/// shifted so `#` becomes `<h{heading_base}>` (capped at `h6`).
pub fn render(markdown: &str, heading_base: u8) -> Vec<Block> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut writer = Writer {
        heading_base,
        ..Writer::default()
    };
    for (event, source) in Parser::new_ext(markdown, options).into_offset_iter() {
        if writer.stack.is_empty() && matches!(event, Event::Start(_)) {
            // A top-level block starts: its HTML and text will be about as long as its
            // Markdown, so make room once instead of growing from nothing.
            writer.current.html.reserve(source.len() + 32);
            writer.current.text.reserve(source.len());
        }
        writer.event(event);
    }
    writer.finish()
}

/// Renders plain text (JSON Feed's `content_text`): paragraphs at blank lines, line breaks
/// kept, nothing interpreted.
pub fn render_plain(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let normalized = crate::share::search::replace(text, "\r\n", "\n");
    let mut para: Vec<&str> = Vec::new();
    let flush = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if para.is_empty() {
            return;
        }
        let mut block = Block::default();
        block.html.push_str("<p data-block=\"");
        block.html.push_str(&blocks.len().to_string());
        block.html.push_str("\">");
        for (i, line) in para.iter().enumerate() {
            if i > 0 {
                block.html.push_str("<br>\n");
                block.text.push('\n');
            }
            let line = crate::render::html::as_parsed(line);
            escape_into(&mut block.html, &line);
            block.text.push_str(&line);
        }
        block.html.push_str("</p>");
        blocks.push(block);
        para.clear();
    };
    for line in normalized.split('\n') {
        if line.trim().is_empty() {
            flush(&mut para, &mut blocks);
        } else {
            para.push(line.trim_end());
        }
    }
    flush(&mut para, &mut blocks);
    blocks
}

/// An image whose alt text is being collected.
#[derive(Default)]
struct PendingImage {
    src: Option<String>,
    title: String,
    alt: String,
    nested: usize,
}

#[derive(Default)]
struct Writer {
    heading_base: u8,
    blocks: Vec<Block>,
    current: Block,
    /// Closing markup for every open tag (empty for tags we did not emit).
    stack: Vec<&'static str>,
    /// Where to put `id="..."` in a top-level heading, once its text is known.
    heading_id_at: Option<usize>,
    image: Option<PendingImage>,
    table_alignments: Vec<Alignment>,
    table_in_head: bool,
    table_column: usize,
    /// Footnote labels, each with its number (the order they were first seen in).
    footnotes: StrMap,
    /// Every heading id given so far, and for an id that is also a base (a heading's own
    /// slug), the last number tried after it: each lookup is then constant time, even for
    /// thousands of headings with the same text.
    slugs: StrMap,
    /// An `<a>` is open: a link inside it (an autolink in link text) keeps its text but not
    /// its element, since the HTML parser would close the outer link and rebuild the tree
    /// differently from what we wrote.
    in_link: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Raw HTML becomes text; a link the allow-list refuses, its text.
    #[test]
    fn raw_html_is_text_and_a_refused_link_its_text() {
        let blocks = render("Hi <b>there</b> [x](javascript:alert(1))", 2);
        assert_eq!(
            blocks[0].html,
            r#"<p data-block="0">Hi &lt;b&gt;there&lt;/b&gt; x</p>"#
        );
        assert_eq!(blocks[0].text, "Hi <b>there</b> x");
    }

    fn html(md: &str) -> String {
        render(md, 2)
            .into_iter()
            .map(|b| b.html)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn blocks_carry_indices_and_their_text() {
        let blocks = render(
            "# Title\n\nOne *two*\nthree.\n\n- a\n- b\n\n---\n\n> quote",
            2,
        );
        let htmls: Vec<&str> = blocks.iter().map(|b| b.html.as_str()).collect();
        assert_eq!(
            htmls,
            vec![
                r#"<h2 data-block="0" id="title">Title</h2>"#,
                "<p data-block=\"1\">One <em>two</em>\nthree.</p>",
                r#"<ul data-block="2"><li>a</li><li>b</li></ul>"#,
                r#"<hr data-block="3">"#,
                r#"<blockquote data-block="4"><p>quote</p></blockquote>"#,
            ]
        );
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["Title", "One two\nthree.", "ab", "", "quote"]);
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(
            html("<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)> y"),
            "<p data-block=\"0\" class=\"ee-raw-html\">&lt;script&gt;alert(1)&lt;/script&gt;\n</p>\n\
             <p data-block=\"1\">x &lt;img src=x onerror=alert(1)&gt; y</p>"
        );
    }

    #[test]
    fn unsafe_links_and_images_become_text() {
        assert_eq!(
            html("[a](javascript:alert(1)) [b](&#106;avascript:x) ![c](data:image/png;base64,AA) <vbscript:x>"),
            "<p data-block=\"0\">a b c vbscript:x</p>"
        );
        assert_eq!(
            html("[r][ref]\n\n[ref]: JAVASCRIPT:alert(1)"),
            "<p data-block=\"0\">r</p>"
        );
    }

    #[test]
    fn safe_links_images_and_autolinks() {
        assert_eq!(
            html("[a](https://x.example \"T\") [b](/local) [c](#frag) <https://auto.example> <me@x.example> ![alt *text*](/i.png)"),
            "<p data-block=\"0\"><a href=\"https://x.example\" title=\"T\" target=\"_blank\" rel=\"noopener noreferrer\">a</a> \
             <a href=\"/local\">b</a> <a href=\"#frag\">c</a> \
             <a href=\"https://auto.example\" target=\"_blank\" rel=\"noopener noreferrer\">https://auto.example</a> \
             <a href=\"mailto:me@x.example\">me@x.example</a> \
             <img src=\"/i.png\" alt=\"alt text\" loading=\"lazy\" decoding=\"async\"></p>"
        );
    }

    #[test]
    fn tables_footnotes_strikethrough_code() {
        assert_eq!(
            html("| a | b |\n|:--|--:|\n| 1 | 2 |"),
            "<div data-block=\"0\" class=\"ee-table\"><table><thead><tr><th class=\"ee-align-left\">a</th>\
             <th class=\"ee-align-right\">b</th></tr></thead><tbody><tr><td class=\"ee-align-left\">1</td>\
             <td class=\"ee-align-right\">2</td></tr></tbody></table></div>"
        );
        assert_eq!(
            html("Claim.[^n] ~~gone~~ `x<y`\n\n[^n]: Source."),
            "<p data-block=\"0\">Claim.<sup class=\"ee-fn-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup> \
             <del>gone</del> <code>x&lt;y</code></p>\n\
             <div data-block=\"1\" class=\"ee-footnote\" id=\"fn-1\"><a class=\"ee-fn-label\" href=\"#fnref-1\">1</a> \
             <p>Source.</p></div>"
        );
        assert_eq!(
            html("```rust onclick=x\nfn main() {}\n```"),
            "<pre data-block=\"0\"><code class=\"language-rust\">fn main() {}\n</code></pre>"
        );
    }

    #[test]
    fn heading_ids_are_stable_and_unique() {
        assert_eq!(
            html("## Why *now*?\n\n## Why now\n\n# 中文 标题"),
            "<h3 data-block=\"0\" id=\"why-now\">Why <em>now</em>?</h3>\n\
             <h3 data-block=\"1\" id=\"why-now-2\">Why now</h3>\n\
             <h2 data-block=\"2\" id=\"中文-标题\">中文 标题</h2>"
        );
    }

    #[test]
    fn heading_ids_skip_what_is_taken_and_stay_linear() {
        assert_eq!(
            ids(&html("# a-2\n\n# a\n\n# a\n\n# a\n\n# a-2")),
            ["a-2", "a", "a-3", "a-4", "a-2-2"]
        );
        // Thousands of headings with the same text: each id is found without trying all the
        // ones before it (this took minutes when every heading rescanned the list).
        let md = "# Same\n\n".repeat(5_000);
        let got = ids(&html(&md));
        assert_eq!(got.len(), 5_000);
        assert_eq!(
            (got[0].as_str(), got[4_999].as_str()),
            ("same", "same-5000")
        );
    }

    #[test]
    fn footnotes_are_numbered_in_the_order_first_referenced() {
        let md = (0..3_000)
            .map(|i| format!("x[^n{}]\n\n", 2_999 - i))
            .chain((0..3_000).map(|i| format!("[^n{i}]: y\n\n")))
            .collect::<String>()
            + "again[^n2999]";
        let out = html(&md);
        assert!(out.contains("<a href=\"#fn-1\" id=\"fnref-1\">1</a>"));
        assert!(out.contains("id=\"fn-3000\""));
        // n2999 was referenced first: number 1, again.
        assert!(
            out.ends_with(
                "again<sup class=\"ee-fn-ref\"><a href=\"#fn-1\" id=\"fnref-1\">1</a></sup></p>"
            ),
            "{}",
            &out[out.len() - 200..]
        );
    }

    /// The `id`s of the headings in `html`, in order.
    fn ids(html: &str) -> Vec<String> {
        html.split("<h")
            .skip(1)
            .filter_map(|h| {
                h.split(" id=\"")
                    .nth(1)?
                    .split('"')
                    .next()
                    .map(str::to_owned)
            })
            .collect()
    }

    #[test]
    fn heading_ids_are_case_folded() {
        // Unicode case folding, as link labels are matched: `ß` is "ss", every sigma is σ.
        assert_eq!(
            html("## Straße der ΟΔΥΣΣΕΙΑ"),
            "<h3 data-block=\"0\" id=\"strasse-der-οδυσσεια\">Straße der ΟΔΥΣΣΕΙΑ</h3>"
        );
    }

    #[test]
    fn deep_nesting_is_flattened_not_fatal() {
        let md = ">".repeat(10_000) + " deep";
        let blocks = render(&md, 2);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].html.matches("<blockquote").count(), MAX_NESTING);
        assert_eq!(blocks[0].text, "deep");
    }

    #[test]
    fn a_table_past_the_nesting_limit_keeps_its_structure() {
        // The table used to be dropped with the containers past the limit, but not its rows
        // and cells: `<thead>` outside any table (the parser discards it) and `<tbody>` left
        // unclosed.
        let quote = "> ".repeat(MAX_NESTING + 2);
        let md = format!("{quote}| a |\n{quote}|---|\n{quote}| b |");
        let html = html(&md);
        assert_eq!(html.matches("<blockquote").count(), MAX_NESTING);
        let inner = "<div class=\"ee-table\"><table><thead><tr><th>a</th></tr></thead>\
                     <tbody><tr><td>b</td></tr></tbody></table></div>";
        let closes = "</blockquote>".repeat(MAX_NESTING);
        assert!(html.ends_with(&[inner, &closes].concat()), "{html}");
    }

    #[test]
    fn a_link_inside_a_link_keeps_its_text_not_its_element() {
        // Nested `<a>` elements are re-parented by the HTML parser (the tree would no longer
        // be what we wrote); an autolink inside link text shows as text.
        assert_eq!(
            html("[a <https://b.example> c](/d)"),
            "<p data-block=\"0\"><a href=\"/d\">a https://b.example c</a></p>"
        );
        assert_eq!(
            html("[a <https://b.example>](javascript:x) [e](/e)"),
            "<p data-block=\"0\">a <a href=\"https://b.example\" target=\"_blank\" \
             rel=\"noopener noreferrer\">https://b.example</a> <a href=\"/e\">e</a></p>"
        );
    }

    #[test]
    fn plain_text_bodies_are_never_interpreted() {
        let blocks = render_plain("# not a heading\n<b>x</b>\n\n\n*two*\r\n");
        assert_eq!(
            blocks[0].html,
            "<p data-block=\"0\"># not a heading<br>\n&lt;b&gt;x&lt;/b&gt;</p>"
        );
        assert_eq!(blocks[0].text, "# not a heading\n<b>x</b>");
        assert_eq!(blocks[1].html, "<p data-block=\"1\">*two*</p>");
    }
}
