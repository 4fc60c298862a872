//! Checks on the renderer's HTML made on the string alone (std only, no HTML parser), so the
//! fuzz targets can use them too (`fuzz/` includes this file with `#[path]`).
//!
//! The renderer's contract is stricter than "a browser can parse it": the string must be
//! exactly the tree the HTML parser will build from it, so reparsing can never change its
//! shape (the root of mutation XSS) and `textContent` is the text the share layer counted.
//! So: every tag written `<name attr="value">` with lowercase names and double-quoted values,
//! only allow-listed elements and attributes, every element closed in order, no character
//! reference but the five the escaper writes, no `href`/`src` outside http(s), mailto or
//! relative (read the way a browser's URL parser reads a scheme), and none of the nestings
//! the HTML parser repairs by moving elements around (a block inside `<p>`, `<a>` inside
//! `<a>`, a table part outside its table, text where tables foster-parent it, ...).

/// Elements the renderer may emit. Anything else in the output is an injection.
pub const ALLOWED_ELEMENTS: &[&str] = &[
    "a",
    "article",
    "aside",
    "bdi",
    "blockquote",
    "br",
    "button",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "img",
    "li",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
];

/// Attributes the renderer may emit (on any allowed element).
pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "alt",
    "aria-busy",
    "aria-hidden",
    "aria-label",
    "aria-live",
    "class",
    "data-action",
    "data-block",
    "data-essay",
    "data-pullquote",
    "data-share-quote",
    "data-share-target",
    "datetime",
    "decoding",
    "dir",
    "height",
    "href",
    "id",
    "lang",
    "loading",
    "part",
    "rel",
    "role",
    "src",
    "start",
    "target",
    "title",
    "type",
    "width",
];

/// Elements with no end tag.
pub const VOID: &[&str] = &["br", "hr", "img"];

/// Elements whose start tag closes an open `<p>` (HTML's "in body" insertion mode): inside
/// a `<p>` the parser would end the paragraph early and move what follows out of it.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
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
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "search",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// The parent each table part must have, else the parser drops or moves it.
const TABLE_PARENT: &[(&str, &[&str])] = &[
    ("thead", &["table"]),
    ("tbody", &["table"]),
    ("tr", &["thead", "tbody"]),
    ("th", &["tr"]),
    ("td", &["tr"]),
];

/// Where the parser would foster-parent text or elements out of a table.
const TABLE_BOXES: &[&str] = &["table", "thead", "tbody", "tr"];

/// One start tag as written: its name and attributes (values unescaped), and its depth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub depth: usize,
}

/// The start tags of `html` in document order, with every reason it is not the well-formed,
/// parser-stable, allow-listed HTML the renderer promises (empty when it is).
pub fn scan(html: &str) -> (Vec<StartTag>, Vec<String>) {
    let mut problems = Vec::new();
    let mut tags = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut rest = html;
    let mut after_pre = false;
    loop {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        if after_pre && text.starts_with('\n') {
            problems.push("a newline right after <pre> (the parser drops it)".to_owned());
        }
        after_pre = false;
        check_text(text, &stack, &mut problems);
        if lt == rest.len() {
            break;
        }
        rest = &rest[lt + 1..];
        let Some(gt) = rest.find('>') else {
            problems.push("unterminated tag".to_owned());
            break;
        };
        let tag = &rest[..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name => {}
                other => problems.push(format!("</{name}> closes {other:?}")),
            }
            continue;
        }
        let name_len = tag
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit()))
            .unwrap_or(tag.len());
        let name = &tag[..name_len];
        if name.is_empty() {
            problems.push(format!("stray '<' before {tag:?}"));
            continue;
        }
        if !ALLOWED_ELEMENTS.contains(&name) {
            problems.push(format!("element <{name}>"));
        }
        let attrs = attributes(&tag[name_len..], name, &mut problems);
        nesting(name, &stack, &mut problems);
        tags.push(StartTag {
            name: name.to_owned(),
            attrs,
            depth: stack.len(),
        });
        after_pre = name == "pre";
        if !VOID.contains(&name) {
            stack.push(name.to_owned());
        }
    }
    if !stack.is_empty() {
        problems.push(format!("unclosed: {stack:?}"));
    }
    (tags, problems)
}

/// Every reason `html` is not well formed (see the module docs); empty when it is.
pub fn well_formedness(html: &str) -> Vec<String> {
    scan(html).1
}

/// `name="value"` pairs after a tag name, each checked; values come back unescaped.
fn attributes(mut s: &str, element: &str, problems: &mut Vec<String>) -> Vec<(String, String)> {
    let mut attrs: Vec<(String, String)> = Vec::new();
    loop {
        if s.is_empty() {
            return attrs;
        }
        let Some(rest) = s.strip_prefix(' ') else {
            problems.push(format!("<{element}>: expected a space before {s:?}"));
            return attrs;
        };
        let key_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '-'))
            .unwrap_or(rest.len());
        let key = &rest[..key_len];
        let Some(after) = rest[key_len..].strip_prefix("=\"") else {
            problems.push(format!(
                "<{element}>: attribute not written key=\"value\": {rest:?}"
            ));
            return attrs;
        };
        let Some(end) = after.find('"') else {
            problems.push(format!(
                "<{element}>: unterminated attribute value {after:?}"
            ));
            return attrs;
        };
        let raw = &after[..end];
        s = &after[end + 1..];
        if key.is_empty() {
            problems.push(format!("<{element}>: empty attribute name"));
        }
        if key.starts_with("on") || !ALLOWED_ATTRIBUTES.contains(&key) {
            problems.push(format!("attribute {key}={raw:?} on <{element}>"));
        }
        if attrs.iter().any(|(k, _)| k == key) {
            problems.push(format!(
                "<{element}>: duplicate attribute {key} (the parser drops it)"
            ));
        }
        if raw.contains(['<', '>']) {
            problems.push(format!("<{element}>: unescaped markup in {key}={raw:?}"));
        }
        let value = unescape(raw, problems);
        if matches!(key, "href" | "src") {
            if let Some(scheme) = browser_scheme(&value).filter(|s| !is_allowed_scheme(s)) {
                problems.push(format!(
                    "URL {key}={value:?} on <{element}> (scheme {scheme}:)"
                ));
            }
        }
        attrs.push((key.to_owned(), value));
    }
}

fn check_text(text: &str, stack: &[String], problems: &mut Vec<String>) {
    if text.contains('>') {
        problems.push(format!("unescaped '>' in text {text:?}"));
    }
    unescape(text, problems);
    if let Some(top) = stack.last() {
        if TABLE_BOXES.contains(&top.as_str()) && !text.trim().is_empty() {
            problems.push(format!(
                "text {text:?} directly in <{top}> (the parser moves it out)"
            ));
        }
    }
}

/// Rules of the HTML parser that would rebuild the tree differently from the string.
fn nesting(name: &str, stack: &[String], problems: &mut Vec<String>) {
    let inside = |n: &str| stack.iter().any(|s| s == n);
    if CLOSES_P.contains(&name) && inside("p") {
        problems.push(format!(
            "<{name}> inside <p> (the parser closes the paragraph)"
        ));
    }
    if name == "a" && inside("a") {
        problems.push("<a> inside <a> (the parser closes the outer link)".to_owned());
    }
    if name == "button" && inside("button") {
        problems.push("<button> inside <button>".to_owned());
    }
    if HEADINGS.contains(&name) && stack.iter().any(|s| HEADINGS.contains(&s.as_str())) {
        problems.push(format!("<{name}> inside a heading"));
    }
    if name == "li" && !matches!(stack.last().map(String::as_str), Some("ul" | "ol")) {
        problems.push(format!("<li> in {:?}, not in a list", stack.last()));
    }
    let parent = stack.last().map(String::as_str);
    if let Some((_, parents)) = TABLE_PARENT.iter().find(|(n, _)| *n == name) {
        if !parent.is_some_and(|p| parents.contains(&p)) {
            problems.push(format!("<{name}> in {parent:?} (the parser drops it)"));
        }
    } else if parent.is_some_and(|p| TABLE_BOXES.contains(&p)) {
        problems.push(format!(
            "<{name}> directly in {parent:?} (the parser moves it out)"
        ));
    }
}

/// Decodes the five references the escaper writes; reports any other `&`.
fn unescape(raw: &str, problems: &mut Vec<String>) -> String {
    const REFS: &[(&str, char)] = &[
        ("&amp;", '&'),
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
    ];
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match REFS.iter().find(|(r, _)| rest.starts_with(r)) {
            Some((r, c)) => {
                out.push(*c);
                rest = &rest[r.len()..];
            }
            None => {
                let shown: String = rest.chars().take(12).collect();
                problems.push(format!("unescaped '&' at {shown:?}"));
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser reads from a URL attribute value (lowercased), or `None` for a
/// relative URL. Written from the WHATWG URL standard, independently of `essay_embed::check_url`:
/// leading and trailing C0 controls and spaces are stripped, ASCII tabs and newlines removed
/// everywhere, then a scheme is a letter followed by letters, digits, `+`, `-` or `.`, and a
/// colon.
pub fn browser_scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .trim_matches(|c: char| c <= '\u{20}')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| scheme.to_ascii_lowercase())
}

/// The schemes the renderer may link to.
pub fn is_allowed_scheme(scheme: &str) -> bool {
    matches!(scheme, "http" | "https" | "mailto")
}
