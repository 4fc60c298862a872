//! `essay-embed build`: a static site from a content document, for any static host or CDN.
//!
//! For every essay with a body: a page (`<id>/index.html`, the essay in the page's own DOM,
//! with its metadata), an iframe card (`<id>/embed/index.html`) and its oEmbed answer
//! (`<id>/oembed.json`). For the document: a series index, RSS, Atom and JSON feeds, a
//! sitemap, a `_headers` file for the hosts that read one, a page showing partners how to
//! embed, a copy of the content JSON and the widget's `pkg/`.
//!
//! [`generate`] is pure: the same document and options give the same files, byte for byte.
//! [`write()`] puts them on disk atomically (a temporary directory renamed into place), so a
//! failed build leaves the previous site as it was.
//!
//! ```
//! use essay_embed::{load, publish};
//! let doc = load(r#"{"id":"a","title":"Hello","authors":[{"name":"Ada"}],"body":"Words."}"#)
//!     .unwrap().document;
//! let options = publish::Options { base_url: Some("https://pub.example/essays/".into()), ..Default::default() };
//! let site = publish::generate(&doc, b"{}", &options).unwrap();
//! assert!(site.files.contains_key("a/index.html") && site.files.contains_key("a/oembed.json"));
//! ```

mod assets;
mod dates;
mod embed;
mod feeds;
mod headers;
mod oembed;
mod page;
mod xml;

use crate::content::model::{Document, Essay};
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The absolute URL the site will be served at (`https://publisher.example/essays/`).
    /// Without it, pages link to each other relatively, and what needs absolute URLs (Open
    /// Graph URLs, oEmbed, feeds, the sitemap) is left out with a warning.
    pub base_url: Option<String>,
}

/// The files of a site: path (relative, `/`-separated) to bytes, in path order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Site {
    pub files: BTreeMap<String, Vec<u8>>,
    /// What was left out and why (no base URL, an essay without a body, ...).
    pub warnings: Vec<String>,
}

/// Why a site could not be built.
#[derive(Debug)]
#[non_exhaustive]
pub enum BuildError {
    /// `--base-url` is not an absolute http(s) URL.
    BaseUrl(String),
    /// No essay has a body: there is no page to build.
    NoPages,
    /// The widget's `pkg/` directory is missing or incomplete.
    MissingPkg(PathBuf),
    /// Reading or writing a file failed.
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::BaseUrl(url) => write!(
                f,
                "--base-url {url:?} is not an absolute http(s) URL (like https://publisher.example/essays/)"
            ),
            BuildError::NoPages => f.write_str(
                "no essay has a body, so there is no page to build (essays without a body are link-out cards)",
            ),
            BuildError::MissingPkg(dir) => write!(
                f,
                "{} has no built widget (essay-embed.js): run `make build` first, or pass --pkg DIR",
                dir.display()
            ),
            BuildError::Io(path, e) => write!(f, "{}: {e}", path.display()),
        }
    }
}

impl std::error::Error for BuildError {}

/// Where things are, seen from one page: the prefix that reaches the site's root from it
/// (`""`, `"../"`, `"../../"`) or the absolute base URL.
#[derive(Debug, Clone)]
pub(crate) struct Urls {
    base: Option<String>,
}

impl Urls {
    /// An absolute URL of `path` under the site, when the base URL is known.
    pub(crate) fn absolute(&self, path: &str) -> Option<String> {
        self.base.as_ref().map(|b| [b.as_str(), path].concat())
    }

    /// `path` as linked from a page `depth` directories below the root: absolute with a base
    /// URL, else relative.
    pub(crate) fn link(&self, depth: usize, path: &str) -> String {
        match &self.base {
            Some(b) => [b.as_str(), path].concat(),
            None => {
                let mut s = "../".repeat(depth);
                s.push_str(path);
                if s.is_empty() {
                    s.push_str("./");
                }
                s
            }
        }
    }

    /// Relative `path` from a page `depth` directories below the root (for the site's own
    /// assets, which never need the base URL).
    pub(crate) fn relative(depth: usize, path: &str) -> String {
        let mut s = "../".repeat(depth);
        s.push_str(path);
        if s.is_empty() {
            s.push_str("./");
        }
        s
    }
}

/// Appends `<name k="v" ...` (without the closing `>`), each value through `escape`: the
/// essay pages' HTML and the feeds' XML write their tags alike, each with its own escaper.
pub(crate) fn start_tag(
    buf: &mut String,
    name: &str,
    attrs: &[(&str, &str)],
    escape: fn(&str) -> String,
) {
    buf.push('<');
    buf.push_str(name);
    for (k, v) in attrs {
        buf.push(' ');
        buf.push_str(k);
        buf.push_str("=\"");
        buf.push_str(&escape(v));
        buf.push('"');
    }
}

/// The essays that get a page: those with a body (the others are link-outs to elsewhere).
pub(crate) fn has_page(essay: &Essay) -> bool {
    essay.body.is_some()
}

/// `doc` as shown on a page `depth` below the root: essays that have a page here link to it
/// (cards, series navigation), the others keep their `canonical_url`.
pub(crate) fn linked_here(doc: &Document, urls: &Urls, depth: usize) -> Document {
    let mut doc = doc.clone();
    for essay in &mut doc.essays {
        if has_page(essay) {
            essay.canonical_url = Some(urls.link(depth, &[essay.id.as_str(), "/"].concat()));
        }
    }
    doc
}

/// `html` (rendered from [`linked_here`]) with the links to this site's own pages opening in
/// the same tab: the renderer gives every absolute link `target="_blank"`. Only our own
/// attributes can match: content is escaped, so it holds no `"`.
pub(crate) fn same_tab_for_own_pages(html: &str, doc: &Document, urls: &Urls) -> String {
    let mut html = html.to_owned();
    let mut own: Vec<String> = doc
        .essays
        .iter()
        .filter(|e| has_page(e))
        .filter_map(|e| urls.absolute(&[e.id.as_str(), "/"].concat()))
        .collect();
    own.extend(urls.absolute(""));
    for url in own {
        let href = ["href=\"", &crate::render::html::escape(&url), "\""].concat();
        html = html.replace(
            &[
                href.as_str(),
                " target=\"_blank\" rel=\"noopener noreferrer\"",
            ]
            .concat(),
            &href,
        );
    }
    html
}

/// The name of the copy of the content JSON in the site.
pub const CONTENT_FILE: &str = "content.json";

/// Builds the site's files (everything but `pkg/`, which [`add_pkg`] copies in).
/// `content_json` is the document's source text, served as [`CONTENT_FILE`] for the
/// script-tag embed.
pub fn generate(
    doc: &Document,
    content_json: &[u8],
    options: &Options,
) -> Result<Site, BuildError> {
    let base = match &options.base_url {
        Some(url) => Some(normalize_base(url)?),
        None => None,
    };
    if !doc.essays.iter().any(has_page) {
        return Err(BuildError::NoPages);
    }
    let urls = Urls { base };
    let mut site = Site::default();
    let mut put = |path: String, bytes: Vec<u8>| {
        site.files.insert(path, bytes);
    };
    put(CONTENT_FILE.to_owned(), content_json.to_vec());
    for (name, bytes) in assets::files() {
        put(["assets/", name].concat(), bytes);
    }
    put(
        "index.html".to_owned(),
        page::index(doc, &urls).into_bytes(),
    );
    for essay in doc.essays.iter().filter(|e| has_page(e)) {
        let id = &essay.id;
        put(
            [id, "/index.html"].concat(),
            page::essay(doc, essay, &urls).into_bytes(),
        );
        put(
            [id, "/embed/index.html"].concat(),
            embed::frame(doc, essay, &urls).into_bytes(),
        );
        if urls.base.is_some() {
            put(
                [id, "/oembed.json"].concat(),
                oembed::json(doc, essay, &urls).into_bytes(),
            );
        }
    }
    let skipped: Vec<&str> = doc
        .essays
        .iter()
        .filter(|e| !has_page(e))
        .map(|e| e.id.as_str())
        .collect();
    if !skipped.is_empty() {
        site.warnings.push(format!(
            "no page for {} (no body: link-out cards, shown in the index and series navigation)",
            skipped.join(", ")
        ));
    }
    if urls.base.is_some() {
        site.files
            .insert("feed.xml".to_owned(), feeds::rss(doc, &urls).into_bytes());
        site.files
            .insert("atom.xml".to_owned(), feeds::atom(doc, &urls).into_bytes());
        site.files.insert(
            "feed.json".to_owned(),
            feeds::json_feed(doc, &urls).into_bytes(),
        );
        site.files.insert(
            "sitemap.xml".to_owned(),
            feeds::sitemap(doc, &urls).into_bytes(),
        );
    } else {
        site.warnings.push(
            "no --base-url: oEmbed, feeds, the sitemap and Open Graph URLs need absolute URLs and were left out"
                .to_owned(),
        );
    }
    site.files.insert(
        "embed.html".to_owned(),
        embed::partner_page(doc, &urls).into_bytes(),
    );
    site.files
        .insert("_headers".to_owned(), headers::headers().into_bytes());
    Ok(site)
}

/// `url` with a trailing `/`, when it is an absolute http(s) URL without query or fragment.
fn normalize_base(url: &str) -> Result<String, BuildError> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let ok = rest.is_some_and(|r| {
        let host = r.split('/').next().unwrap_or("");
        !host.is_empty()
            && !r.contains(['?', '#'])
            && !r.chars().any(|c| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '<' | '>' | '"' | '\'' | '`' | '\\')
            })
    });
    if !ok {
        return Err(BuildError::BaseUrl(url.to_owned()));
    }
    let mut base = url.to_owned();
    if !base.ends_with('/') {
        base.push('/');
    }
    Ok(base)
}

/// Adds the built widget (`pkg_dir`) to `site` under `pkg/`, in file-name order.
pub fn add_pkg(site: &mut Site, pkg_dir: &Path) -> Result<(), BuildError> {
    if !pkg_dir.join("essay-embed.js").is_file() {
        return Err(BuildError::MissingPkg(pkg_dir.to_owned()));
    }
    let mut stack = vec![(pkg_dir.to_owned(), String::from("pkg/"))];
    while let Some((dir, prefix)) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| BuildError::Io(dir.clone(), e))?;
        for entry in entries {
            let entry = entry.map_err(|e| BuildError::Io(dir.clone(), e))?;
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                stack.push((path, [prefix.as_str(), &name, "/"].concat()));
            } else {
                let bytes = std::fs::read(&path).map_err(|e| BuildError::Io(path.clone(), e))?;
                site.files.insert([prefix.as_str(), &name].concat(), bytes);
            }
        }
    }
    Ok(())
}

/// Writes `site` to `out`: first into a temporary directory beside it, then renamed into
/// place, so `out` holds either the old site or the whole new one.
pub fn write(site: &Site, out: &Path) -> Result<(), BuildError> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| BuildError::Io(parent.clone(), e))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "site".to_owned());
    let tmp = parent.join(format!(".{name}.building-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        for (path, bytes) in &site.files {
            let file = tmp.join(path);
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir).map_err(|e| BuildError::Io(dir.to_owned(), e))?;
            }
            std::fs::write(&file, bytes).map_err(|e| BuildError::Io(file.clone(), e))?;
        }
        if out.exists() {
            std::fs::rename(out, &old).map_err(|e| BuildError::Io(out.to_owned(), e))?;
        }
        if let Err(e) = std::fs::rename(&tmp, out) {
            let _ = std::fs::rename(&old, out);
            return Err(BuildError::Io(out.to_owned(), e));
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}
