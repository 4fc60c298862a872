//! The page's text as the Text Fragment matching algorithm reads it: text nodes in
//! document order, split into blocks at block elements, folded as the polyfill folds.

use crate::share::anchor::Projection;

/// A block boundary in the folded text (collapsed white space is `' '`).
pub(super) const BREAK: char = '\n';

/// Elements that start a block for the matching algorithm (the polyfill's list).
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "details",
    "dialog",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "tr",
    "th",
    "td",
    "colgroup",
    "col",
    "caption",
    "thead",
    "tbody",
    "tfoot",
];

/// Elements whose content is not page text.
const NOT_TEXT: &[&str] = &["script", "style", "template", "textarea", "title"];
/// The text of a rendered page as the Text Fragment algorithm searches it (see the module
/// docs), built once per render.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageText {
    /// The text as shown: white space collapsed to `' '`, block boundaries as [`BREAK`].
    pub(super) shown: Vec<char>,
    /// `shown`, case- and diacritic-folded, char for char.
    pub(super) folded: Vec<char>,
    /// Where each body block (`data-block="i"`) starts in `shown`.
    pub(super) blocks: Vec<usize>,
}

impl PageText {
    /// The page text of HTML the renderer wrote (our own markup: every text escaped, every
    /// attribute value quoted, so a tag ends at the first `>`). Only the browser shell reads
    /// the page (natively, the tests).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub fn from_html(html: &str) -> PageText {
        let mut page = PageText::default();
        let mut pending_space = false;
        let mut rest = html;
        while let Some(lt) = rest.find('<') {
            page.push_text(&decode_entities(&rest[..lt]), &mut pending_space);
            rest = &rest[lt..];
            if let Some(comment) = rest.strip_prefix("<!--") {
                rest = crate::share::search::find(comment, "-->").map_or("", |e| &comment[e + 3..]);
                continue;
            }
            let Some(gt) = rest.find('>') else { break };
            let tag = &rest[1..gt];
            rest = &rest[gt + 1..];
            let closing = tag.starts_with('/');
            if closing {
                continue;
            }
            // Our markup writes element names in lowercase.
            let name = tag
                .split(|c: char| !c.is_ascii_alphanumeric())
                .next()
                .unwrap_or("");
            if BLOCK_ELEMENTS.contains(&name) {
                page.push_break(&mut pending_space);
                if let Some(index) = attribute(tag, "data-block") {
                    if index.parse() == Ok(page.blocks.len()) {
                        page.blocks.push(page.shown.len());
                    }
                }
            }
            if NOT_TEXT.contains(&name) {
                let end = ["</", name].concat();
                rest = crate::share::search::find(rest, &end).map_or("", |e| &rest[e..]);
            }
        }
        page.push_text(&decode_entities(rest), &mut pending_space);
        page
    }

    /// The page text of the essay body alone (where no rendered page is at hand).
    pub fn from_projection(projection: &Projection) -> PageText {
        let mut page = PageText::default();
        let mut pending_space = false;
        for block in 0..projection.starts.len() {
            page.push_break(&mut pending_space);
            page.blocks.push(page.shown.len());
            page.push_text(projection.block_text(block), &mut pending_space);
        }
        page
    }

    fn push_text(&mut self, text: &str, pending_space: &mut bool) {
        for c in text.chars() {
            if c.is_whitespace() {
                *pending_space = true;
                continue;
            }
            let folded = fold(c);
            if folded == '\0' {
                continue; // a combining mark: the polyfill drops it
            }
            if std::mem::take(pending_space) && self.shown.last().is_some_and(|&l| l != BREAK) {
                self.shown.push(' ');
                self.folded.push(' ');
            }
            self.shown.push(c);
            self.folded.push(folded);
        }
    }

    fn push_break(&mut self, pending_space: &mut bool) {
        *pending_space = false;
        if self.shown.last().is_some_and(|&l| l != BREAK) {
            self.shown.push(BREAK);
            self.folded.push(BREAK);
        }
    }

    /// The index in `shown` of `offset` bytes into body block `block`, whose text (its
    /// `textContent`) is `block_text`: of the character there, or with `end`, just after
    /// the one before. Walks the block's text along the page's (which collapses its white
    /// space and may break it into several blocks, as a list's items): `None` where they
    /// differ, so a page that is not this body's is never trusted.
    pub(super) fn index(
        &self,
        block: usize,
        block_text: &str,
        offset: usize,
        end: bool,
    ) -> Option<usize> {
        let mut at = *self.blocks.get(block)?;
        let skip_space = |at: &mut usize| {
            while matches!(self.shown.get(*at), Some(&' ') | Some(&BREAK)) {
                *at += 1;
            }
        };
        for c in block_text.get(..offset)?.chars() {
            if c.is_whitespace() || fold(c) == '\0' {
                continue;
            }
            skip_space(&mut at);
            if self.shown.get(at) != Some(&c) {
                return None;
            }
            at += 1;
        }
        if !end {
            skip_space(&mut at);
        }
        Some(at)
    }
}

/// `name="value"` in a start tag's text.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = crate::share::search::find(tag, &[" ", name, "=\""].concat())? + name.len() + 3;
    let value = tag.get(at..)?;
    value.split('"').next()
}

/// Decodes the character references our HTML writers produce (`html::escape_into` and
/// pulldown-cmark's escaping write these five and no others).
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    // `find`, not `contains`: `str::contains(char)` reaches core's Two-Way substring
    // searcher (for chars beyond ASCII).
    if text.find('&').is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let found = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&#39;", '\''),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        let (len, c) = found.map_or((1, '&'), |(name, c)| (name.len(), c));
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// A character as the polyfill compares it: lowercased (Unicode case folding, one char
/// for one), diacritics removed from Latin letters (it decomposes and drops combining marks,
/// for which this returns `'\0'`).
pub(super) fn fold(c: char) -> char {
    if ('\u{300}'..='\u{36f}').contains(&c) {
        return '\0';
    }
    let c = unicase::fold_char(c);
    match c as u32 {
        0xe0..=0x17f => LATIN_BASE
            .as_bytes()
            .get(c as usize - 0xe0)
            .map(|&b| char::from(b))
            .filter(|&b| b != '.')
            .unwrap_or(c),
        _ => c,
    }
}

/// The base letter of each of U+00E0..U+017F (lowercase Latin-1 and Latin Extended-A; `.`
/// where NFKD leaves no single ASCII letter once the marks are dropped), generated with
/// Python's `unicodedata`: a table of 160 bytes instead of a normalisation crate in the wasm.
const LATIN_BASE: &str = concat!(
    "aaaaaa.ceeeeiiii", // U+00E0..
    ".nooooo..uuuuy.y",
    "aaaaaaccccccccdd", // U+0100..
    "..eeeeeeeeeegggg",
    "gggghh..iiiiiiii",
    "i...jjkk.llllll.",
    "...nnnnnn...oooo",
    "oo..rrrrrrssssss",
    "sstttt..uuuuuuuu",
    "uuuuwwyyyzzzzzzs",
);

#[cfg(test)]
mod tests {
    use super::super::tests::{count, directive, rendered};
    use super::*;

    #[test]
    fn page_text_is_the_text_in_blocks_as_the_matching_algorithm_reads_it() {
        let page = PageText::from_html(concat!(
            "<style>p{color:red}</style><header><h1>T&amp;T <em>one</em></h1>",
            "<p>By A&#39;s &lt;b&gt; &amp;c &unknown;</p></header><!-- <p>not text</p> -->",
            "<div class=\"ee-body\"><p data-block=\"0\">Caf\u{e9}   au\nlait.</p>",
            "<ul data-block=\"1\"><li>a</li><li>B</li></ul></div>"
        ));
        let shown: String = page.shown.iter().collect();
        assert_eq!(
            shown,
            "T&T one\nBy A's <b> &c &unknown;\nCaf\u{e9} au lait.\na\nB"
        );
        let folded: String = page.folded.iter().collect();
        assert_eq!(
            folded,
            "t&t one\nby a's <b> &c &unknown;\ncafe au lait.\na\nb"
        );
        assert_eq!(page.blocks, vec![32, 46]);
        // A point in a block maps through the page's white space and breaks.
        assert_eq!(page.index(1, "aB", 1, false), Some(48));
        assert_eq!(page.index(1, "aB", 1, true), Some(47));
        assert_eq!(page.index(1, "xB", 1, true), None, "not this body");
    }

    #[test]
    fn diacritics_fold_as_the_polyfill_folds_them() {
        for (c, base) in [
            ('é', 'e'),
            ('Ä', 'a'),
            ('ñ', 'n'),
            ('Ł', 'ł'),
            ('ſ', 's'),
            ('ß', 's'),
            ('Ё', 'ё'),
        ] {
            assert_eq!(fold(c), base, "{c}");
        }
        // (The polyfill keeps "ß" as it is: folding it to "s" only makes more matches, which
        // costs a directive a word of context at worst.)
        assert_eq!(fold('\u{301}'), '\0');
        // To the polyfill "naïve plan" and "naive plan" are the same words.
        let (p, page) =
            rendered(r#"{"title":"T","body":"The naïve plan failed.\n\nA naive plan."}"#);
        let at = p.text.find("naïve").unwrap();
        let d = directive(&p, &page, at, at + "naïve plan".len());
        assert_eq!(d, "text=na%C3%AFve%20plan,-failed.");
        assert_eq!(count(&page, "text=naive%20plan"), 2);
    }
}
