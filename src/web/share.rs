//! The share feature in the page: reading the reader's selection, the popover, the share
//! actions, and arriving on a share link. The text work (selectors, anchoring, links,
//! share texts) is the core's (`crate::share::anchor`, `crate::share::link`); this is only the wiring.

use super::events::{dispatch, tell, to_js};
use super::html::{append_html, insert_before_block};
use super::{dom, Shared};
use crate::content::model::Document;
use crate::render::i18n::{Language, Strings};
use crate::share::anchor::{byte_to_utf16, utf16_to_byte, BlockPoint, Projection};
use crate::share::annotation::{self, SelectorInput, SharedPassage};
use crate::share::arrival::Arrival;
use crate::share::link::{popover_html, DeepLink, PageText, Passage, Target};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, KeyboardEvent};

/// What the share feature needs to know about the essay shown.
pub(crate) struct ShareContext {
    essay: String,
    projection: Projection,
    /// The text of the whole rendered view, which share links' text directives match once.
    page: PageText,
    targets: Vec<Target>,
    title: String,
    authors: String,
    publication: Option<String>,
    canonical: Option<String>,
    published: Option<crate::content::date::Date>,
    pull_quotes: Vec<String>,
    language: Language,
    overrides: Vec<(String, String)>,
    /// `ltr` or `rtl`: the essay's direction, for the quote image and a revised passage.
    dir: &'static str,
    /// The essay's `lang`, for the quote of a revised passage.
    essay_lang: Option<String>,
}

impl ShareContext {
    pub(crate) fn new(
        doc: &Document,
        essay_id: &str,
        projection: Projection,
        page: PageText,
        targets: Vec<Target>,
        lang: Option<&str>,
    ) -> Option<ShareContext> {
        let essay = doc.essay(Some(essay_id))?;
        let authors: Vec<&str> = essay.authors.iter().map(|a| a.name.as_str()).collect();
        let language = Language::choose(&[lang, essay.lang.as_deref()]);
        let authors = Strings::new(language, &doc.strings).list(&authors);
        Some(ShareContext {
            essay: essay.id.clone(),
            projection,
            page,
            targets,
            title: essay.title.clone(),
            authors,
            publication: doc.publication.as_ref().map(|p| p.name.clone()),
            canonical: essay.canonical_url.clone(),
            published: essay
                .published
                .as_deref()
                .and_then(crate::content::date::Date::parse),
            pull_quotes: essay.pull_quotes.iter().map(|q| q.text.clone()).collect(),
            language,
            overrides: doc.strings.clone(),
            dir: if crate::render::view::essay_is_rtl(essay) {
                "rtl"
            } else {
                "ltr"
            },
            essay_lang: essay.lang.clone(),
        })
    }

    fn strings(&self) -> Strings<'_> {
        Strings::new(self.language, &self.overrides)
    }

    fn projection_offset(&self, block: u32, utf16: u32) -> Option<usize> {
        let block = block as usize;
        let offset = utf16_to_byte(self.projection.block_text(block), utf16 as usize)?;
        self.projection.offset(BlockPoint { block, offset })
    }

    fn dom_point(&self, offset: usize, forward: bool) -> Option<(u32, u32)> {
        let point = self.projection.point(offset, forward)?;
        let utf16 = byte_to_utf16(self.projection.block_text(point.block), point.offset);
        Some((point.block as u32, utf16 as u32))
    }

    /// Where the link points: the essay's canonical URL, else this page.
    fn base_url(&self) -> String {
        self.canonical.clone().unwrap_or_else(dom::page_url)
    }
}

/// The open popover. (When the selection has settled, and whether a pointer is down, is the
/// entry script's to know: it listens once for the page.)
#[derive(Default)]
pub(crate) struct Popover {
    element: Option<Element>,
    /// The passage it would share: its link and the quote as shown to readers.
    passage: Option<(DeepLink, String)>,
    return_focus: Option<HtmlElement>,
    /// The last pointer press was inside the popover.
    interacting: bool,
}

pub(crate) fn pointer_down(shared: &Rc<Shared>, event: &Event) {
    let mut popover = shared.popover.borrow_mut();
    let inside = popover
        .element
        .as_ref()
        .is_some_and(|el| dom::event_within(event, el));
    popover.interacting = inside;
    drop(popover);
    if !inside {
        close(shared, false);
    }
}

pub(crate) fn key_down(shared: &Rc<Shared>, event: &KeyboardEvent) {
    let element = shared.popover.borrow().element.clone();
    let Some(element) = element else { return };
    match event.key().as_str() {
        "Escape" => close(shared, true),
        // After selecting with the keyboard, Tab goes to the popover.
        "Tab" if !event.shift_key() && !focus_within(&element) => {
            if let Ok(Some(first)) = element.query_selector("button") {
                if let Some(first) = first.dyn_ref::<HtmlElement>() {
                    event.prevent_default();
                    let _ = first.focus();
                }
            }
        }
        _ => {}
    }
}

fn focus_within(element: &Element) -> bool {
    dom::deep_active_element().is_some_and(|active| element.contains(Some(&active)))
}

pub(crate) fn check_selection(shared: &Rc<Shared>) {
    let element = shared.popover.borrow().element.clone();
    if element.as_ref().is_some_and(focus_within) || shared.popover.borrow().interacting {
        return; // the reader is using the popover
    }
    let passage = {
        let context = shared.share.borrow();
        let Some(cx) = context.as_ref().filter(|cx| !cx.targets.is_empty()) else {
            return;
        };
        dom::selected_blocks(shared.root.node()).and_then(|v| match v.as_slice() {
            &[first, start, last, end] => {
                let start = cx.projection_offset(first, start)?;
                let end = cx.projection_offset(last, end)?;
                let link = DeepLink::on_page(&cx.essay, &cx.projection, &cx.page, start, end)?;
                let quote = link.shown_quote();
                Some((link, quote))
            }
            _ => None,
        })
    };
    match passage {
        Some(passage) => open(shared, passage, None),
        None => close(shared, false),
    }
}

/// Shows the popover for `passage`, under `anchor` or under the selection.
fn open(shared: &Rc<Shared>, passage: (DeepLink, String), anchor: Option<&Element>) {
    let existing = shared.popover.borrow().element.clone();
    let element = match existing {
        Some(element) => element,
        None => {
            let Some(element) = create_popover(shared) else {
                return;
            };
            let mut popover = shared.popover.borrow_mut();
            popover.return_focus = dom::deep_active_element();
            popover.element = Some(element.clone());
            tell(&shared.platform, "popover", &true.into());
            element
        }
    };
    shared.popover.borrow_mut().passage = Some(passage);
    dom::place(shared.root.node(), &element, anchor);
}

fn create_popover(shared: &Rc<Shared>) -> Option<Element> {
    let html = {
        let context = shared.share.borrow();
        let cx = context.as_ref()?;
        popover_html(&cx.targets, &cx.strings(), dom::can_share())
    };
    let frame = shared.root.query_selector(".ee").ok()??;
    append_html(&frame, &html).ok()?
}

/// Removes the popover; with `restore_focus`, focus goes back where it was before.
pub(crate) fn close(shared: &Rc<Shared>, restore_focus: bool) {
    let (element, focus) = {
        let mut popover = shared.popover.borrow_mut();
        popover.passage = None;
        popover.interacting = false;
        (popover.element.take(), popover.return_focus.take())
    };
    if let Some(element) = element {
        element.remove();
        tell(&shared.platform, "popover", &false.into());
        if restore_focus {
            if let Some(focus) = focus {
                let _ = focus.focus();
            }
        }
    }
}

/// A pull quote's own share button: the popover for that quote, focused.
pub(crate) fn open_for_pull_quote(shared: &Rc<Shared>, index: usize, button: &Element) {
    let passage = {
        let context = shared.share.borrow();
        let Some(cx) = context.as_ref() else { return };
        let Some(quote) = cx.pull_quotes.get(index) else {
            return;
        };
        let Some((start, end)) = cx.projection.find_quote(quote) else {
            return;
        };
        DeepLink::on_page(&cx.essay, &cx.projection, &cx.page, start, end)
            .map(|link| (link, quote.clone()))
    };
    let Some(passage) = passage else { return };
    close(shared, false);
    open(shared, passage, Some(button));
    let mut popover = shared.popover.borrow_mut();
    popover.return_focus = button.dyn_ref::<HtmlElement>().cloned();
    if let Some(first) = popover
        .element
        .as_ref()
        .and_then(|el| el.query_selector("button").ok().flatten())
    {
        if let Some(first) = first.dyn_ref::<HtmlElement>() {
            let _ = first.focus();
        }
    }
}

/// Runs a share target for the popover's passage.
pub(crate) fn act(shared: &Rc<Shared>, name: &str) {
    let Some(target) = Target::from_name(name) else {
        return;
    };
    let Some((link, quote)) = shared.popover.borrow().passage.clone() else {
        return;
    };
    let context = shared.share.borrow();
    let Some(cx) = context.as_ref() else { return };
    let url = link.url(&cx.base_url());
    let passage = Passage {
        quote: &quote,
        author: &cx.authors,
        title: &cx.title,
        publication: cx.publication.as_deref(),
        url: &url,
    };
    let strings = cx.strings();
    let text = match target {
        Target::CopyQuote => passage.clipboard_text(),
        Target::CopyCitation => passage.citation(&strings, cx.published),
        Target::CopyLink => url.clone(),
        Target::Image => quote.clone(),
        _ => passage.short_text(target),
    };
    let detail = to_js(&ShareDetail {
        target: target.name(),
        text: &text,
        url: &url,
        passage: link.w3c(&cx.base_url()),
    });
    dispatch(&shared.host, "essay-embed:share", &detail);
    match target {
        Target::CopyLink | Target::CopyQuote | Target::CopyCitation => {
            let done = match target {
                Target::CopyLink => "link_copied",
                Target::CopyQuote => "quote_copied",
                _ => "citation_copied",
            };
            let (done, failed) = (strings.get(done), strings.get("copy_failed"));
            announce_when(shared, &dom::copy_text(&text), done, failed);
        }
        Target::Native => {
            dom::share_native(&cx.title, &passage.short_text(target), &url);
        }
        Target::Image => {
            let frame = shared.root.query_selector(".ee").ok().flatten();
            let colors: Vec<String> = [
                ("--_bg", "#ffffff"),
                ("--_text", "#1b1b1b"),
                ("--_accent", "#0b4a8b"),
                ("--_muted", "#595959"),
            ]
            .iter()
            .map(|(name, fallback)| {
                frame
                    .as_ref()
                    .map_or((*fallback).to_owned(), |f| dom::css_var(f, name, fallback))
            })
            .collect();
            let file = [cx.essay.as_str(), "-quote.png"].concat();
            let promise = dom::quote_image(
                &quote,
                &passage.attribution(),
                cx.publication.as_deref().unwrap_or(""),
                colors,
                &file,
                cx.dir,
            );
            let saved = strings.get("image_saved");
            let failed = strings.get("copy_failed");
            announce_when(shared, &promise, saved, failed);
        }
        Target::X | Target::Bluesky | Target::LinkedIn | Target::Facebook | Target::Email => {
            if let Some(target_url) = passage.target_url(target) {
                dom::open_url(&target_url);
            }
            drop(context);
            close(shared, true);
        }
    }
}

/// Announces `done` or `failed` in the popover's live region when `promise` settles
/// (truthy: done).
fn announce_when(shared: &Rc<Shared>, promise: &js_sys::Promise, done: &str, failed: &str) {
    if let Some(popover) = &shared.popover.borrow().element {
        dom::announce(promise, popover, done, failed);
    }
}

/// Arriving on a share link: find the passage, highlight it and scroll to it. When the
/// essay no longer holds it letter for letter, the core's notice shows the passage as it was
/// shared, above the closest current one (highlighted) or at the top of the body. Once per
/// element.
pub(crate) fn arrive(shared: &Rc<Shared>) {
    if shared.arrived.get() {
        return;
    }
    let hash = dom::page_hash();
    let Some(link) = DeepLink::parse(&hash) else {
        return;
    };
    let context = shared.share.borrow();
    let Some(cx) = context.as_ref().filter(|cx| cx.essay == link.essay) else {
        return;
    };
    shared.arrived.set(true);
    let mut arrival = Arrival::new(&link, &cx.projection);
    let points = arrival
        .found
        .and_then(|a| Some((cx.dom_point(a.start, true)?, cx.dom_point(a.end, false)?)));
    if points.is_none() {
        arrival.found = None;
    }
    let html = arrival.notice_html(&link, &cx.strings(), cx.essay_lang.as_deref(), Some(cx.dir));
    let body = shared.root.query_selector(".ee-body").ok().flatten();
    let notice = match (html, &body) {
        // Above the block the passage now starts in, else at the top of the body.
        (Some(html), Some(body)) => {
            let block = points.map(|((first, _), _)| first);
            insert_before_block(body, &html, block).ok().flatten()
        }
        _ => None,
    };
    if let Some(((first, start), (last, end))) = points {
        dom::highlight(shared.root.node(), first, start, last, end);
    }
    if let Some(notice) = notice {
        dom::reveal(&notice);
    }
}

/// `essay-embed:share`'s detail.
#[derive(serde::Serialize)]
struct ShareDetail<'a> {
    target: &'a str,
    text: &'a str,
    url: &'a str,
    /// The passage as W3C Web Annotation selectors of the essay.
    passage: SharedPassage,
}

/// The element's `highlight(selector)`: finds the passage W3C selectors describe (see
/// `share::annotation`), highlights it and scrolls to it. `None` when no essay with sharing
/// is shown or nothing matches.
pub(crate) fn highlight(shared: &Rc<Shared>, selectors: &[SelectorInput]) -> Option<Highlighted> {
    let context = shared.share.borrow();
    let cx = context.as_ref()?;
    let found = annotation::anchor(&cx.projection, selectors)?;
    let (first, start) = cx.dom_point(found.start, true)?;
    let (last, end) = cx.dom_point(found.end, false)?;
    let text = dom::highlight(shared.root.node(), first, start, last, end)?;
    Some(Highlighted {
        found: true,
        exact: found.exact,
        score: found.score,
        text,
    })
}

/// What `highlight(selector)` returns.
#[derive(serde::Serialize, Default)]
pub(crate) struct Highlighted {
    found: bool,
    /// The text is the quote letter for letter.
    exact: bool,
    /// 0 to 1: how sure the match is.
    score: f32,
    /// The text highlighted.
    text: String,
}
