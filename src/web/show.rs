//! What an element shows: finding its content (the `data` property, inline JSON or `src`),
//! reading its attributes, asking the core for HTML, and putting it into the root (or keeping
//! the pre-rendered DOM), then telling the page.

use super::events::{dispatch, tell, to_js, ErrorDetail, ReadyDetail};
use super::html::replace_content;
use super::load::{self, Input};
use super::share::{self, ShareContext};
use super::{fetch, Shared, SHOWN};
use crate::content::model;
use crate::error::EmbedError;
use crate::render::view::{self, RenderOptions};
use crate::render::{attributes, states};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// Where the content comes from, in order of precedence.
enum Source {
    Url(String),
    Given(Input),
}

pub(super) fn start(shared: &Rc<Shared>) {
    let ticket = shared.generation.get().wrapping_add(1);
    shared.generation.set(ticket);
    let host = &shared.host;
    let source = match content_source(host) {
        Some(source) => source,
        None => return show(shared, Err(EmbedError::NoContent)),
    };
    match source {
        Source::Given(input) => show(shared, render_input(host, &shared.platform, input)),
        Source::Url(url) => {
            let root = &shared.root;
            if !root.is_light()
                && (root.child_element_count() == 0
                    || root.query_selector(".ee-error").ok().flatten().is_some())
            {
                replace_content(
                    root.node(),
                    &states::loading_html(inherited_lang(host).as_deref()),
                );
            }
            let (timeout, warning) = attributes::timeout_seconds(attr(host, "timeout").as_deref());
            if let Some(warning) = warning {
                web_sys::console::warn_1(&JsValue::from_str(
                    &["essay-embed: ", &warning.to_string()].concat(),
                ));
            }
            let weak = Rc::downgrade(shared);
            let requested = url.clone();
            fetch::text(&shared.platform, &requested, timeout, move |result| {
                let Some(shared) = weak.upgrade() else { return };
                if shared.generation.get() != ticket || !shared.host.is_connected() {
                    return; // superseded, or the element is gone
                }
                let rendered = result.and_then(|body| {
                    render_input(&shared.host, &shared.platform, Input::Text(body.text))
                        .map_err(|e| fetch::explain(e, &url, body.content_type.as_deref()))
                });
                show(&shared, rendered);
            });
        }
    }
}

pub(crate) fn attr(host: &HtmlElement, name: &str) -> Option<String> {
    host.get_attribute(name).filter(|v| !v.trim().is_empty())
}

/// The element's language as the page sets it (its own `lang`, else its closest ancestor's):
/// the words of the loading and error states, which have no essay to take a language from.
fn inherited_lang(host: &HtmlElement) -> Option<String> {
    host.closest("[lang]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("lang"))
        .filter(|v| !v.trim().is_empty())
}

/// `data` property, then inline JSON, then `src`.
fn content_source(host: &HtmlElement) -> Option<Source> {
    // `data` as the page set it: an object is read as it is, a string is JSON text.
    let data = js_sys::Reflect::get(host, &"contentData".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(host).ok());
    if let Some(data) = data.filter(|d| !d.is_null() && !d.is_undefined()) {
        return Some(Source::Given(if data.is_string() {
            Input::Text(data)
        } else {
            Input::Value(data)
        }));
    }
    if let Ok(Some(script)) = host.query_selector(":scope > script[type='application/json']") {
        // The text as a JavaScript string, for JSON.parse (never copied into the wasm).
        let text = js_sys::Reflect::get(&script, &"textContent".into())
            .ok()
            .filter(JsValue::is_string)
            .unwrap_or_else(|| JsValue::from_str(""));
        return Some(Source::Given(Input::Text(text)));
    }
    attr(host, "src").map(Source::Url)
}

struct Shown {
    html: String,
    essay: Option<String>,
    mode: &'static str,
    share: Option<ShareContext>,
    /// What was left out or may not be what the editor meant (load and render warnings).
    warnings: Vec<model::Problem>,
}

fn render_input(host: &HtmlElement, platform: &JsValue, input: Input) -> Result<Shown, EmbedError> {
    let mode = attributes::mode(attr(host, "mode").as_deref())?;
    let (heading_level, level_warning) =
        attributes::heading_level(attr(host, "heading-level").as_deref());
    let loaded = load::load(platform, input)?;
    let essay = attr(host, "essay");
    let lang = attr(host, "lang");
    let (targets, unknown) =
        crate::share::link::parse_targets(host.get_attribute("share").as_deref());
    for name in unknown {
        web_sys::console::warn_1(&JsValue::from_str(
            &["essay-embed: unknown share target \"", &name, "\""].concat(),
        ));
    }
    let options = RenderOptions {
        mode,
        essay: essay.as_deref(),
        lang: lang.as_deref(),
        heading_level,
        interactive: !targets.is_empty(),
    };
    let rendered = view::render(&loaded.document, &options)?;
    let mut warnings = loaded.warnings.clone();
    warnings.extend(rendered.warnings.iter().cloned());
    if let Some(warning) = level_warning {
        warnings.push(warning);
    }
    if !warnings.is_empty() {
        // One console message per render, every warning in it.
        let mut text = String::from("essay-embed: the essay is shown, but:");
        for warning in &warnings {
            text.push_str("\n  ");
            text.push_str(&warning.to_string());
        }
        web_sys::console::warn_1(&JsValue::from_str(&text));
    }
    let share = match (&rendered.projection, &rendered.essay_id) {
        (Some(projection), Some(id)) if !targets.is_empty() => ShareContext::new(
            &loaded.document,
            id,
            projection.clone(),
            crate::share::link::PageText::from_html(&rendered.html),
            targets,
            lang.as_deref(),
        ),
        _ => None,
    };
    let mode = mode.name();
    Ok(Shown {
        html: rendered.html,
        essay: rendered.essay_id,
        mode,
        share,
        warnings,
    })
}

/// Puts the result into the shadow root in one assignment and tells the page.
fn show(shared: &Rc<Shared>, result: Result<Shown, EmbedError>) {
    share::close(shared, false);
    let host = &shared.host;
    // Hydrating: the first render only checks that the pre-rendered DOM is what it would
    // have written, and writes only when it is not (stale content or renderer).
    let prerendered = shared.prerendered.borrow_mut().take();
    match result {
        Ok(shown) => {
            let hydrated = prerendered.is_some();
            let rerendered = prerendered
                .is_some_and(|hash| hash != crate::render::element::render_hash(&shown.html));
            let light = shared.root.is_light();
            if !light && (!hydrated || rerendered) {
                replace_content(shared.root.node(), &shown.html);
            }
            *shared.share.borrow_mut() = shown.share;
            let detail = to_js(&ReadyDetail {
                mode: shown.mode,
                essay: shown.essay.as_deref(),
                hydrated: hydrated || light,
                rerendered,
                warnings: &shown.warnings,
            });
            share::arrive(shared);
            // Last, once the share link is handled (see `View::new`).
            if !light {
                let hash = crate::render::element::render_hash(&shown.html);
                let _ = js_sys::Reflect::set(&shared.platform, &SHOWN.into(), &hash.into());
            }
            if hydrated || light {
                // The selection that brought the renderer in (or that the reader had when an
                // earlier view crashed) may wait for a popover, once the pointer is up.
                tell(&shared.platform, "settle", &JsValue::UNDEFINED);
            }
            dispatch(host, "essay-embed:ready", &detail);
        }
        Err(error) => {
            *shared.share.borrow_mut() = None;
            // A pre-rendered essay stays readable when its content cannot be had now; the
            // event says why sharing is unavailable.
            if prerendered.is_none() && !shared.root.is_light() {
                replace_content(
                    shared.root.node(),
                    &states::error_html(&error, inherited_lang(host).as_deref(), &[]),
                );
            }
            let detail = to_js(&ErrorDetail {
                code: error.code(),
                message: error.to_string(),
                url: error.url(),
                problems: error.problems(),
            });
            dispatch(host, "essay-embed:error", &detail);
        }
    }
}
