//! Markdown to safe HTML, one top-level block at a time.
//!
//! We walk pulldown-cmark's event stream ourselves instead of post-processing its HTML, so
//! the unsafe never gets written: raw HTML (block and inline) becomes escaped text, links and
//! images whose URL fails the allow-list become their text, and element names come only from
//! this file.
//!
//! Each top-level block is returned separately with its plain text (exactly the `textContent`
//! the browser will compute for it), and carries `data-block="N"`, so the share layer can map
//! a DOM selection to offsets in the essay's plain text and the renderer can place pull quotes
//! between blocks.
//!
//! ```
//! let blocks = essay_embed::render::markdown::render("Hi <b>there</b> [x](javascript:alert(1))", 2);
//! assert_eq!(blocks[0].html, r#"<p data-block="0">Hi &lt;b&gt;there&lt;/b&gt; x</p>"#);
//! assert_eq!(blocks[0].text, "Hi <b>there</b> x");
//! ```

use crate::render::html::{escape_into, is_external};
use crate::render::strmap::StrMap;
use crate::render::url;
use pulldown_cmark::{
    Alignment, CodeBlockKind, Event, HeadingLevel, LinkType, Options, Parser, Tag,
};

/// One top-level block of the body.
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

impl Writer {
    fn finish(mut self) -> Vec<Block> {
        // Close anything a malformed stream left open, so the output is always well formed.
        while let Some(close) = self.stack.pop() {
            self.current.html.push_str(close);
        }
        if !self.current.html.is_empty() {
            self.end_block();
        }
        self.blocks
    }

    fn end_block(&mut self) {
        let block = std::mem::take(&mut self.current);
        self.blocks.push(block);
    }

    fn raw(&mut self, html: &str) {
        self.current.html.push_str(html);
    }

    fn text(&mut self, text: &str) {
        if let Some(image) = &mut self.image {
            image.alt.push_str(text);
            return;
        }
        if self.stack.is_empty() {
            // Text outside any block (not produced by pulldown-cmark today): give it a paragraph.
            self.start(Tag::Paragraph);
            self.text(text);
            self.end();
            return;
        }
        // The text the DOM will hold, CR and NUL included (the HTML parser changes them).
        let text = crate::render::html::as_parsed(text);
        escape_into(&mut self.current.html, &text);
        self.current.text.push_str(&text);
    }

    /// Opens `<name` and, for a top-level block, its `data-block` index. The caller adds
    /// attributes and the closing `>`.
    fn open(&mut self, name: &str) {
        self.raw("<");
        self.raw(name);
        if self.stack.is_empty() {
            self.raw(" data-block=\"");
            self.current.html.push_str(&self.blocks.len().to_string());
            self.raw("\"");
        }
    }

    fn attr(&mut self, key: &str, value: &str) {
        self.raw(" ");
        self.raw(key);
        self.raw("=\"");
        escape_into(&mut self.current.html, value);
        self.raw("\"");
    }

    fn open_simple(&mut self, name: &str, close: &'static str) {
        self.open(name);
        self.raw(">");
        self.stack.push(close);
    }

    fn event(&mut self, event: Event<'_>) {
        if self.image.is_some() {
            return self.image_event(event);
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(_) => self.end(),
            Event::Text(t) => self.text(&t),
            Event::Code(t) => {
                self.raw("<code>");
                self.text(&t);
                self.raw("</code>");
            }
            // Raw HTML is content, shown as what it is: text.
            Event::Html(t) | Event::InlineHtml(t) => self.text(&t),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.text(&t),
            Event::FootnoteReference(label) => {
                let n = self.footnote_number(&label);
                self.raw("<sup class=\"ee-fn-ref\"><a href=\"#fn-");
                self.raw(&n);
                self.raw("\" id=\"fnref-");
                self.raw(&n);
                self.raw("\">");
                self.text(&n);
                self.raw("</a></sup>");
            }
            Event::SoftBreak => self.text("\n"),
            Event::HardBreak => {
                self.raw("<br>");
                self.text("\n");
            }
            Event::Rule => {
                let top = self.stack.is_empty();
                self.open("hr");
                self.raw(">");
                if top {
                    self.end_block();
                }
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn image_event(&mut self, event: Event<'_>) {
        let Some(image) = &mut self.image else { return };
        match event {
            Event::Start(_) => image.nested += 1,
            Event::End(_) if image.nested > 0 => image.nested -= 1,
            Event::End(_) => {
                if let Some(image) = self.image.take() {
                    self.write_image(image);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                image.alt.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => image.alt.push(' '),
            _ => {}
        }
    }

    fn write_image(&mut self, image: PendingImage) {
        match image.src {
            Some(src) => {
                self.raw("<img");
                self.attr("src", &src);
                self.attr("alt", &image.alt);
                if !image.title.is_empty() {
                    self.attr("title", &image.title);
                }
                self.raw(" loading=\"lazy\" decoding=\"async\">");
            }
            // A refused image shows its description instead.
            None => self.text(&image.alt),
        }
    }

    fn footnote_number(&mut self, label: &str) -> String {
        let number = match self.footnotes.get(label) {
            Some(n) => n,
            None => {
                let n = self.footnotes.len() + 1;
                self.footnotes.insert(label, n);
                n
            }
        };
        number.to_string()
    }

    fn start(&mut self, tag: Tag<'_>) {
        if self.stack.len() >= MAX_NESTING && is_container(&tag) {
            self.stack.push("");
            return;
        }
        match tag {
            Tag::Paragraph => self.open_simple("p", "</p>"),
            Tag::Heading { level, .. } => {
                let top = self.stack.is_empty();
                let (name, close) = heading(level, self.heading_base);
                self.open(name);
                if top {
                    self.heading_id_at = Some(self.current.html.len());
                }
                self.raw(">");
                self.stack.push(close);
            }
            Tag::BlockQuote(_) => self.open_simple("blockquote", "</blockquote>"),
            Tag::CodeBlock(kind) => {
                self.open("pre");
                self.raw("><code");
                if let CodeBlockKind::Fenced(info) = kind {
                    let lang: String = info
                        .split_whitespace()
                        .next()
                        .unwrap_or("")
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+'))
                        .take(32)
                        .collect();
                    if !lang.is_empty() {
                        self.raw(" class=\"language-");
                        self.raw(&lang);
                        self.raw("\"");
                    }
                }
                self.raw(">");
                self.stack.push("</code></pre>");
            }
            Tag::HtmlBlock => {
                self.open("p");
                self.raw(" class=\"ee-raw-html\">");
                self.stack.push("</p>");
            }
            Tag::List(Some(start)) => {
                self.open("ol");
                if start != 1 {
                    self.attr("start", &start.to_string());
                }
                self.raw(">");
                self.stack.push("</ol>");
            }
            Tag::List(None) => self.open_simple("ul", "</ul>"),
            Tag::Item => self.open_simple("li", "</li>"),
            Tag::FootnoteDefinition(label) => {
                let n = self.footnote_number(&label);
                self.open("div");
                self.raw(" class=\"ee-footnote\" id=\"fn-");
                self.raw(&n);
                self.raw("\"><a class=\"ee-fn-label\" href=\"#fnref-");
                self.raw(&n);
                self.raw("\">");
                self.stack.push("</div>");
                self.text(&n);
                self.raw("</a> ");
                self.current.text.push(' ');
            }
            Tag::DefinitionList => self.open_simple("dl", "</dl>"),
            Tag::DefinitionListTitle => self.open_simple("dt", "</dt>"),
            Tag::DefinitionListDefinition => self.open_simple("dd", "</dd>"),
            Tag::Table(alignments) => {
                self.table_alignments = alignments;
                self.open("div");
                self.raw(" class=\"ee-table\"><table>");
                self.stack.push("</tbody></table></div>");
            }
            Tag::TableHead => {
                self.table_in_head = true;
                self.table_column = 0;
                self.raw("<thead><tr>");
                self.stack.push("</tr></thead><tbody>");
            }
            Tag::TableRow => {
                self.table_column = 0;
                self.open_simple("tr", "</tr>");
            }
            Tag::TableCell => {
                let (name, close) = if self.table_in_head {
                    ("th", "</th>")
                } else {
                    ("td", "</td>")
                };
                self.open(name);
                let class = match self.table_alignments.get(self.table_column) {
                    Some(Alignment::Left) => Some("ee-align-left"),
                    Some(Alignment::Center) => Some("ee-align-center"),
                    Some(Alignment::Right) => Some("ee-align-right"),
                    _ => None,
                };
                if let Some(class) = class {
                    self.attr("class", class);
                }
                self.raw(">");
                self.table_column += 1;
                self.stack.push(close);
            }
            Tag::Emphasis => self.open_simple("em", "</em>"),
            Tag::Strong => self.open_simple("strong", "</strong>"),
            Tag::Strikethrough => self.open_simple("del", "</del>"),
            Tag::Superscript => self.open_simple("sup", "</sup>"),
            Tag::Subscript => self.open_simple("sub", "</sub>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                let href = match link_type {
                    LinkType::Email => ["mailto:", &dest_url].concat(),
                    _ => (*dest_url).to_owned(),
                };
                if url::is_allowed(&href) && !self.in_link {
                    self.in_link = true;
                    self.raw("<a");
                    self.attr("href", &href);
                    if !title.is_empty() {
                        self.attr("title", &title);
                    }
                    if is_external(&href) {
                        self.raw(" target=\"_blank\" rel=\"noopener noreferrer\"");
                    }
                    self.raw(">");
                    self.stack.push("</a>");
                } else {
                    // The link is dropped (a refused URL, or a link inside a link); its
                    // text stays.
                    self.stack.push("");
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let src = url::is_allowed(&dest_url).then(|| (*dest_url).to_owned());
                self.image = Some(PendingImage {
                    src,
                    title: (*title).to_owned(),
                    ..PendingImage::default()
                });
            }
            Tag::MetadataBlock(_) => self.stack.push(""),
        }
    }

    fn end(&mut self) {
        let Some(close) = self.stack.pop() else {
            return;
        };
        if close.starts_with("</tr></thead>") {
            self.table_in_head = false;
        }
        if close == "</a>" {
            self.in_link = false;
        }
        self.raw(close);
        if close.starts_with("</h") {
            if let Some(at) = self.heading_id_at.take() {
                let slug = self.unique_slug();
                let mut attr = String::from(" id=\"");
                attr.push_str(&slug);
                attr.push('"');
                self.current.html.insert_str(at, &attr);
            }
        }
        if self.stack.is_empty() {
            self.end_block();
        }
    }

    /// A stable id for the current top-level heading, from its text (case-folded), unique in
    /// the body.
    fn unique_slug(&mut self) -> String {
        let mut slug = String::new();
        for c in unicase::UniCase::unicode(&self.current.text)
            .to_folded_case()
            .chars()
        {
            if c.is_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('-') && !slug.is_empty() {
                slug.push('-');
            }
            if slug.len() > 60 {
                break;
            }
        }
        let trimmed = slug.trim_end_matches('-');
        let base = if trimmed.is_empty() {
            "section".to_owned()
        } else {
            trimmed.to_owned()
        };
        // The base itself, else base-2, base-3, ... (the first not taken), resuming where the
        // last heading with this base stopped.
        let mut n = self.slugs.get(&base).unwrap_or(0);
        let slug = if n == 0 {
            base.clone()
        } else {
            loop {
                n += 1;
                let mut candidate = base.clone();
                candidate.push('-');
                candidate.push_str(&n.to_string());
                if self.slugs.get(&candidate).is_none() {
                    break candidate;
                }
            }
        };
        self.slugs.insert(&base, n.max(1));
        if self.slugs.get(&slug).is_none() {
            self.slugs.insert(&slug, 1);
        }
        let mut escaped = String::new();
        escape_into(&mut escaped, &slug);
        escaped
    }
}

/// Tags that nest blocks: beyond [`MAX_NESTING`] we stop emitting their elements. Not
/// tables: they cannot nest (so they add a bounded depth), and a table whose `<table>` was
/// dropped would leave its rows and cells where the HTML parser throws them away.
fn is_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::BlockQuote(_)
            | Tag::List(_)
            | Tag::Item
            | Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
    )
}

fn heading(level: HeadingLevel, base: u8) -> (&'static str, &'static str) {
    let level = level as u8 + base.clamp(1, 6) - 1;
    match level {
        0 | 1 => ("h1", "</h1>"),
        2 => ("h2", "</h2>"),
        3 => ("h3", "</h3>"),
        4 => ("h4", "</h4>"),
        5 => ("h5", "</h5>"),
        _ => ("h6", "</h6>"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
