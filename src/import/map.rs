//! The feed's channel and items mapped onto the content model's document and essays.

use super::fields::{
    absolute, add_avatars, alternate_link, clean_dek, entry_base, feed_image, language_tag, people,
    plain_to_html, resolve_base, text_of,
};
use super::{
    essay_id, html, megabytes, model, Author, Document, Essay, Image, JsonFeedShape, JsonItemShape,
    Options, Publication, PullQuote, Roster, Series,
};
use chrono::{DateTime, SecondsFormat, Utc};
use std::collections::HashMap;
use url::Url;

pub(super) fn map_feed(
    feed: &feed_rs::model::Feed,
    extras: Option<&JsonFeedShape>,
    bases: &[Option<Url>],
    options: &Options,
    warnings: &mut Vec<String>,
) -> Document {
    let option_base = options.base_url.as_deref().and_then(|u| Url::parse(u).ok());
    let feed_link = alternate_link(&feed.links, option_base.as_ref());
    let feed_base = feed_link
        .as_deref()
        .and_then(|u| Url::parse(u).ok())
        .or(option_base);
    let feed_title = feed.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let feed_lang = feed
        .language
        .as_deref()
        .or(extras.and_then(|x| x.language.as_deref()))
        .and_then(language_tag);
    let mut feed_authors = people(&feed.authors, None, feed_base.as_ref());
    if let Some(x) = extras {
        add_avatars(&mut feed_authors, x.author.as_ref(), x.authors.as_deref());
    }
    let name = options
        .publication_name
        .clone()
        .or(feed_title.clone())
        .unwrap_or_else(|| {
            feed_link
                .as_deref()
                .and_then(|u| Url::parse(u).ok())
                .and_then(|u| u.host_str().map(str::to_owned))
                .unwrap_or_else(|| "Untitled feed".to_owned())
        });
    let logo = feed
        .logo
        .as_ref()
        .or(feed.icon.as_ref())
        .map(|i| i.uri.clone())
        .or_else(|| extras.and_then(|x| x.icon.clone().or(x.favicon.clone())))
        .and_then(|u| absolute(&u, feed_base.as_ref()));
    let publication = Publication {
        name,
        url: feed_link.clone(),
        logo,
        copyright: feed.rights.as_ref().map(text_of).filter(|t| !t.is_empty()),
    };
    let series = options.series_title.as_ref().map(|title| Series {
        title: title.clone(),
        dek: feed
            .description
            .as_ref()
            .map(text_of)
            .filter(|t| !t.is_empty()),
        url: feed_link.clone(),
    });

    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut essays = Vec::with_capacity(feed.entries.len());
    for (i, entry) in feed.entries.iter().enumerate() {
        let extra = extras.and_then(|x| x.items.get(i));
        let context = ItemContext {
            xml_base: bases.get(i).cloned().flatten(),
            feed_base: feed_base.as_ref(),
            feed_authors: &feed_authors,
            feed_lang: feed_lang.as_deref(),
            roster: &options.authors,
        };
        let label = item_label(i, entry);
        if let Some(mut essay) = map_entry(entry, extra, &context, &label, warnings) {
            let n = ids.entry(essay.id.clone()).or_insert(0);
            *n += 1;
            if *n > 1 {
                warnings.push(format!(
                    "{label}: its id {:?} is another item's too; this one is {:?}",
                    essay.id,
                    format!("{}-{n}", essay.id)
                ));
                essay.id = format!("{}-{n}", essay.id);
            }
            essays.push(essay);
        }
    }
    Document {
        version: model::FORMAT_VERSION,
        publication: Some(publication),
        series,
        essays,
    }
}

struct ItemContext<'a> {
    xml_base: Option<Url>,
    feed_base: Option<&'a Url>,
    feed_authors: &'a [Author],
    feed_lang: Option<&'a str>,
    roster: &'a Roster,
}

fn item_label(i: usize, entry: &feed_rs::model::Entry) -> String {
    let mut label = format!("item {}", i + 1);
    if !entry.id.is_empty() && entry.id.len() < 120 {
        label.push_str(&format!(" ({})", entry.id));
    }
    label
}

fn map_entry(
    entry: &feed_rs::model::Entry,
    extra: Option<&JsonItemShape>,
    cx: &ItemContext<'_>,
    label: &str,
    warnings: &mut Vec<String>,
) -> Option<Essay> {
    let title = entry.title.as_ref().map(text_of).unwrap_or_default();
    if title.is_empty() {
        warnings.push(format!("{label}: no title; skipped"));
        return None;
    }
    let link = alternate_link(&entry.links, entry_base(entry, cx.feed_base).as_ref());
    // Relative URLs in the body: against the xml:base in scope, else the item's link, else
    // the channel's.
    let base = cx
        .xml_base
        .clone()
        .or_else(|| {
            entry
                .base
                .as_deref()
                .and_then(|b| resolve_base(b, cx.feed_base))
        })
        .or_else(|| link.as_deref().and_then(|l| Url::parse(l).ok()))
        .or_else(|| cx.feed_base.cloned());

    let summary = entry.summary.as_ref();
    let (body_html, dek_source) = match &entry.content {
        Some(content)
            if content
                .body
                .as_deref()
                .is_some_and(|b| !b.trim().is_empty()) =>
        {
            let raw = content.body.clone().unwrap_or_default();
            let html = if content.content_type.subty() == "plain" {
                plain_to_html(&raw)
            } else {
                raw
            };
            (Some(html), summary)
        }
        // An RSS description that holds the whole article is the body, not a dek.
        _ => match summary {
            Some(s) if html::has_blocks(&s.content) => (Some(s.content.clone()), None),
            _ => (None, summary),
        },
    };

    let feed_image = feed_image(entry, extra, base.as_ref());
    let mut body = None;
    let mut pull_quotes = Vec::new();
    let mut image = feed_image.clone().map(|(src, size)| Image {
        src,
        alt: String::new(),
        caption: None,
        width: size.map(|s| s.0),
        height: size.map(|s| s.1),
    });
    if let Some(html) = &body_html {
        let lead_src = feed_image.as_ref().map(|(src, _)| src.as_str());
        let converted = html::convert(html, base.as_ref(), lead_src);
        if converted.markdown.is_empty() {
            warnings.push(format!(
                "{label}: the body has no text once scripts, styles and embeds are removed; \
                 the essay is a card linking out"
            ));
        } else if converted.markdown.len() > model::MAX_BODY_BYTES {
            warnings.push(format!(
                "{label}: the body is longer than the content limit ({}); skipped",
                megabytes(model::MAX_BODY_BYTES)
            ));
            return None;
        } else {
            body = Some(converted.markdown);
        }
        for q in &converted.unique_quotes {
            warnings.push(format!(
                "{label}: the pull quote {:?} does not repeat the body; kept in the body",
                short(q)
            ));
        }
        if body.is_some() {
            pull_quotes = converted
                .pull_quotes
                .into_iter()
                .take(model::MAX_PULL_QUOTES)
                .map(|text| PullQuote { text })
                .collect();
        }
        match (&mut image, converted.image) {
            (Some(image), Some(from_body)) if image.src == from_body.src => {
                image.alt = from_body.alt;
                image.caption = from_body.caption;
                if image.width.is_none() {
                    image.width = from_body.size.map(|s| s.0);
                    image.height = from_body.size.map(|s| s.1);
                }
            }
            (None, Some(from_body)) => {
                image = Some(Image {
                    src: from_body.src,
                    alt: from_body.alt,
                    caption: from_body.caption,
                    width: from_body.size.map(|s| s.0),
                    height: from_body.size.map(|s| s.1),
                });
            }
            _ => {}
        }
    }
    let image = image.filter(|i| crate::render::url::is_allowed(&i.src));

    let dek = dek_source
        .map(text_of)
        .map(|d| clean_dek(&d))
        .filter(|d| !d.is_empty() && *d != title);

    let mut authors = people(&entry.authors, None, base.as_ref());
    if let Some(x) = extra {
        add_avatars(&mut authors, x.author.as_ref(), x.authors.as_deref());
    }
    if authors.is_empty() {
        authors = cx.feed_authors.to_vec();
    }
    for author in &mut authors {
        if let Some(details) = cx.roster.get(&author.name) {
            author.role = author.role.take().or(details.role.clone());
            author.affiliation = author.affiliation.take().or(details.affiliation.clone());
            author.url = author
                .url
                .take()
                .or(details.url.as_deref().and_then(|u| absolute(u, None)));
            author.avatar = author
                .avatar
                .take()
                .or(details.avatar.as_deref().and_then(|u| absolute(u, None)));
        }
    }

    // Atom requires `updated` and makes `published` optional: a date is a date.
    let (published, updated) = match (entry.published, entry.updated) {
        (Some(p), Some(u)) if u > p => (Some(p), Some(u)),
        (Some(p), _) => (Some(p), None),
        (None, u) => (u, None),
    };

    let lang = entry
        .language
        .as_deref()
        .or(extra.and_then(|x| x.language.as_deref()))
        .and_then(language_tag)
        .or(cx.feed_lang.map(str::to_owned));

    let mut tags: Vec<String> = Vec::new();
    for c in &entry.categories {
        let tag = c.label.as_deref().unwrap_or(&c.term).trim().to_owned();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }

    let id_source = if entry.id.trim().is_empty() {
        link.as_deref().unwrap_or(&title)
    } else {
        entry.id.as_str()
    };
    Some(Essay {
        id: essay_id(id_source),
        title,
        dek,
        authors,
        published: published.map(rfc3339),
        updated: updated.map(rfc3339),
        canonical_url: link,
        lang,
        image,
        body,
        pull_quotes,
        tags,
    })
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

fn rfc3339(date: DateTime<Utc>) -> String {
    date.to_rfc3339_opts(SecondsFormat::Secs, true)
}
