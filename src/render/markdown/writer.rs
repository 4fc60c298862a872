//! The writer's output: raw markup, escaped text beside the block's plain text, and the
//! events that are not tags (text, code, breaks, footnote references, images).

use super::{Block, PendingImage, Writer};
use crate::render::html::escape_into;
use pulldown_cmark::{Event, Tag, TagEnd};

impl Writer {
    pub(super) fn finish(mut self) -> Vec<Block> {
        // Close anything a malformed stream left open, so the output is always well formed.
        while let Some(close) = self.stack.pop() {
            self.current.html.push_str(close);
        }
        if !self.current.html.is_empty() {
            self.end_block();
        }
        self.blocks
    }

    pub(super) fn end_block(&mut self) {
        let block = std::mem::take(&mut self.current);
        self.blocks.push(block);
    }

    pub(super) fn raw(&mut self, html: &str) {
        self.current.html.push_str(html);
    }

    pub(super) fn text(&mut self, text: &str) {
        if let Some(image) = &mut self.image {
            image.alt.push_str(text);
            return;
        }
        if self.stack.is_empty() {
            // Text outside any block (not produced by pulldown-cmark today): give it a paragraph.
            self.start(Tag::Paragraph);
            self.text(text);
            self.end(TagEnd::Paragraph);
            return;
        }
        // The text the DOM will hold, CR and NUL included (the HTML parser changes them).
        let text = crate::render::html::as_parsed(text);
        escape_into(&mut self.current.html, &text);
        self.current.text.push_str(&text);
    }

    /// Opens `<name` and, for a top-level block, its `data-block` index. The caller adds
    /// attributes and the closing `>`.
    pub(super) fn open(&mut self, name: &str) {
        self.raw("<");
        self.raw(name);
        if self.stack.is_empty() {
            self.raw(" data-block=\"");
            self.current.html.push_str(&self.blocks.len().to_string());
            self.raw("\"");
        }
    }

    pub(super) fn attr(&mut self, key: &str, value: &str) {
        self.raw(" ");
        self.raw(key);
        self.raw("=\"");
        escape_into(&mut self.current.html, value);
        self.raw("\"");
    }

    pub(super) fn open_simple(&mut self, name: &str, close: &'static str) {
        self.open(name);
        self.raw(">");
        self.stack.push(close);
    }

    pub(super) fn event(&mut self, event: Event<'_>) {
        if self.image.is_some() {
            return self.image_event(event);
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
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

    pub(super) fn image_event(&mut self, event: Event<'_>) {
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

    pub(super) fn write_image(&mut self, image: PendingImage) {
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

    pub(super) fn footnote_number(&mut self, label: &str) -> String {
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
}
