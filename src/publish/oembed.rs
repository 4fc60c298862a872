//! oEmbed (oembed.com): the static answer `<id>/oembed.json` for each essay, a `rich` type
//! whose `html` is the iframe card. Consumers find it through the `<link rel="alternate"
//! type="application/json+oembed">` in the essay page's head.

use super::{page::is_absolute, Urls};
use crate::content::model::{Document, Essay};
use crate::render::html::escape;
use serde_json::{json, Map, Value};

/// The width the iframe is offered at, in CSS pixels; the card is fluid below it.
pub(crate) const WIDTH: u32 = 600;

/// How long consumers may cache the answer, in seconds.
pub(crate) const CACHE_AGE: u32 = 86_400;

/// The `<iframe>` of the card. `sandbox` lets the card's script run and links open in the top
/// window on a click; WordPress replaces it with its own `sandbox="allow-scripts"`, and
/// links then go through wp-embed's `link` message.
pub(crate) fn iframe_html(doc: &Document, essay: &Essay, urls: &Urls) -> String {
    let src = urls.link(0, &[essay.id.as_str(), "/embed/"].concat());
    let title = match &doc.publication {
        Some(p) => [essay.title.as_str(), " (", &p.name, ")"].concat(),
        None => essay.title.clone(),
    };
    [
        "<iframe class=\"essay-embed-frame\" src=\"",
        &escape(&src),
        "\" width=\"",
        &WIDTH.to_string(),
        "\" height=\"",
        &card_height(essay, WIDTH).to_string(),
        "\" title=\"",
        &escape(&title),
        "\" frameborder=\"0\" scrolling=\"no\" loading=\"lazy\" sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"></iframe>",
    ]
    .concat()
}

/// The oEmbed answer for `essay` (needs the base URL: every URL in it is absolute).
pub(crate) fn json(doc: &Document, essay: &Essay, urls: &Urls) -> String {
    let mut o = Map::new();
    o.insert("version".into(), json!("1.0"));
    o.insert("type".into(), json!("rich"));
    o.insert("title".into(), json!(essay.title));
    o.insert("html".into(), json!(iframe_html(doc, essay, urls)));
    o.insert("width".into(), json!(WIDTH));
    o.insert("height".into(), json!(card_height(essay, WIDTH)));
    o.insert("cache_age".into(), json!(CACHE_AGE));
    if !essay.authors.is_empty() {
        let names: Vec<&str> = essay.authors.iter().map(|a| a.name.as_str()).collect();
        o.insert("author_name".into(), json!(names.join(", ")));
        if let Some(url) = essay
            .authors
            .iter()
            .find_map(|a| a.url.as_deref().filter(|u| is_absolute(u)))
        {
            o.insert("author_url".into(), json!(url));
        }
    }
    let provider_url = doc
        .publication
        .as_ref()
        .and_then(|p| p.url.clone())
        .filter(|u| is_absolute(u))
        .or_else(|| urls.absolute(""));
    if let Some(p) = &doc.publication {
        o.insert("provider_name".into(), json!(p.name));
    }
    if let Some(url) = provider_url {
        o.insert("provider_url".into(), json!(url));
    }
    // oEmbed gives a thumbnail's URL, width and height together or not at all.
    let thumbnail = essay.image.as_ref().filter(|i| is_absolute(&i.src));
    if let Some((image, (width, height))) = thumbnail.and_then(|i| Some((i, i.size()?))) {
        o.insert("thumbnail_url".into(), json!(image.src));
        o.insert("thumbnail_width".into(), json!(width));
        o.insert("thumbnail_height".into(), json!(height));
    }
    let mut text = Value::Object(o).to_string();
    text.push('\n');
    text
}

/// An estimate of the card's height at `width` CSS pixels (the iframe's first height,
/// before the card reports its own), from the lengths of its lines and the widget's card
/// styles at the default 16 px font. The iframe is resized to the real height on load.
pub(crate) fn card_height(essay: &Essay, width: u32) -> u32 {
    let inner = f64::from(width.saturating_sub(42).max(120));
    // (characters, font size px, line height, average glyph width in ems, margin below px)
    let lines = |text: &str, font: f64, glyph: f64| -> f64 {
        let per_line = (inner / (font * glyph)).max(8.0);
        (text.chars().count() as f64 / per_line).ceil().max(1.0)
    };
    let mut h = 42.0; // padding and border
    if essay.kicker.is_some() {
        h += lines(essay.kicker.as_deref().unwrap_or(""), 13.0, 0.75) * 17.0 + 10.0;
    }
    h += lines(&essay.title, 22.0, 0.52) * 26.4 + 16.5;
    let dek = essay
        .dek
        .clone()
        .unwrap_or_else(|| super::page::description(essay));
    if !dek.is_empty() {
        h += lines(&dek, 16.0, 0.47) * 24.0 + 12.0;
    }
    if let Some(first) = essay.authors.first() {
        let detail = first.role.is_some() || first.affiliation.is_some();
        h += if detail && essay.authors.len() == 1 {
            2.0
        } else {
            1.0
        } * 19.6
            + 10.5;
    }
    if let Some(q) = essay.pull_quotes.first() {
        h += lines(&q.text, 16.0, 0.47) * 23.2 + 12.0;
    }
    if essay.canonical_url.is_some() || super::has_page(essay) {
        h += 18.2;
    }
    h.ceil() as u32
}
