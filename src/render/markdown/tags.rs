//! The element each Markdown tag becomes, and what closing it does.

use super::{PendingImage, Writer, MAX_NESTING};
use crate::render::html::is_external;
use crate::render::url;
use pulldown_cmark::{Alignment, CodeBlockKind, HeadingLevel, LinkType, Tag, TagEnd};

impl Writer {
    pub(super) fn start(&mut self, tag: Tag<'_>) {
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

    /// Closes `tag`: writes the markup its start pushed (none for an element left out).
    pub(super) fn end(&mut self, tag: TagEnd) {
        let Some(close) = self.stack.pop() else {
            return;
        };
        match tag {
            TagEnd::TableHead => self.table_in_head = false,
            // Only a link whose `<a>` was written ends `in_link`: one left out (a refused
            // URL, a link inside a link, past the nesting limit) wrote nothing.
            TagEnd::Link if !close.is_empty() => self.in_link = false,
            _ => {}
        }
        self.raw(close);
        if matches!(tag, TagEnd::Heading(_)) {
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
    crate::render::html::heading(level as u8 + base.clamp(1, 6) - 1)
}
