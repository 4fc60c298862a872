//! The browser shell: the only code that touches web-sys. It finds the content, asks the
//! core for HTML, puts it into the shadow root in one assignment, wires the share popover,
//! and reports what happened through DOM events. `essay-embed.js` (the small entry script)
//! defines the custom element and creates one [`View`] per connected element.

mod dom;
mod fetch;
mod listener;
mod share;

use crate::error::EmbedError;
use crate::model;
use crate::render::{self, Mode, RenderOptions};
use crate::states;
use listener::Listener;
use share::ShareContext;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};

/// How long a content request may take before the element shows a timeout.
const DEFAULT_TIMEOUT_SECONDS: u32 = 10;

thread_local! {
    /// One stylesheet object for every element on the page (adopted, not copied).
    static STYLE: Option<CssStyleSheet> = CssStyleSheet::new().ok().and_then(|sheet| {
        sheet.replace_sync(crate::element::STYLESHEET).ok()?;
        Some(sheet)
    });
}

/// What one element's callbacks share.
pub(crate) struct Shared {
    host: HtmlElement,
    root: ShadowRoot,
    /// `fetch` and friends as the entry script captured them (see `essay-embed.js`).
    platform: JsValue,
    /// Bumped on every render request and on drop; a response for an older one is ignored.
    generation: Cell<u32>,
    /// The shown essay's text and metadata, while an article is shown.
    share: RefCell<Option<ShareContext>>,
    /// The popover, the pending selection check and what they need.
    popover: RefCell<share::Popover>,
    /// A share link in the page URL has been handled (once per element).
    arrived: Cell<bool>,
    /// The `render-hash` of a pre-rendered shadow root not yet hydrated: the first render
    /// keeps the DOM as the HTML parser built it when its fragment hashes the same.
    prerendered: RefCell<Option<String>>,
}

/// One `<essay-embed>` element's live state. Dropping it (the entry script calls `free()`
/// when the element leaves the page) removes its listeners and discards any response still
/// on its way.
#[wasm_bindgen]
pub struct View {
    shared: Rc<Shared>,
    _listeners: Vec<Listener>,
}

#[wasm_bindgen]
impl View {
    /// Takes over `host` and its shadow `root` (attached by the entry script, or declared in
    /// the HTML: then the element hydrates), adopts the stylesheet, and starts rendering.
    /// `platform` holds the `fetch` and `stringify` the entry script captured before the
    /// page could replace them.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: ShadowRoot, platform: JsValue) -> View {
        // Pre-rendered (`essay-embed render --element`): the essay is on the page already.
        let prerendered = host
            .get_attribute(crate::element::RENDER_HASH)
            .filter(|_| root.query_selector(".ee").ok().flatten().is_some());
        STYLE.with(|sheet| {
            if let Some(sheet) = sheet {
                let sheets = js_sys::Array::of1(sheet);
                let _ = js_sys::Reflect::set(&root, &"adoptedStyleSheets".into(), &sheets);
            }
        });
        let shared = Rc::new(Shared {
            host,
            root,
            platform,
            generation: Cell::new(0),
            share: RefCell::new(None),
            popover: RefCell::new(share::Popover::default()),
            arrived: Cell::new(false),
            prerendered: RefCell::new(prerendered),
        });
        let listeners = listen(&shared);
        start(&shared);
        View {
            shared,
            _listeners: listeners,
        }
    }

    /// Renders again from the current attributes and content (after an attribute or the
    /// `data` property changed).
    pub fn update(&self) {
        start(&self.shared);
    }
}

impl Drop for View {
    fn drop(&mut self) {
        self.shared
            .generation
            .set(self.shared.generation.get().wrapping_add(1));
        share::close(&self.shared, false);
    }
}

/// The element's listeners; each removes itself when dropped with the [`View`].
fn listen(shared: &Rc<Shared>) -> Vec<Listener> {
    let mut listeners = vec![on(shared, &shared.root, "click", click)];
    if let Some(document) = shared.host.owner_document() {
        listeners.extend([
            on(shared, &document, "selectionchange", |s, _| {
                share::selection_changed(s)
            }),
            on(shared, &document, "pointerdown", share::pointer_down),
            on(shared, &document, "pointerup", |s, _| share::pointer_up(s)),
            // Not passive (the default for keydown): Escape and arrow keys in the popover
            // call preventDefault.
            on(shared, &document, "keydown", |s, event| {
                if let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                    share::key_down(s, key);
                }
            }),
        ]);
    }
    listeners
}

/// `handler` for each `kind` event on `target`, with the element's state, while the element
/// lives (the listener holds it weakly). One plain function type for every handler.
fn on(
    shared: &Rc<Shared>,
    target: &web_sys::EventTarget,
    kind: &'static str,
    handler: fn(&Rc<Shared>, &web_sys::Event),
) -> Listener {
    let weak = Rc::downgrade(shared);
    Listener::new(target, kind, move |event| {
        if let Some(shared) = weak.upgrade() {
            handler(&shared, event);
        }
    })
}

/// Clicks in the shadow root: Retry, share targets, a pull quote's Share, in-essay links.
fn click(shared: &Rc<Shared>, event: &web_sys::Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    if target
        .closest("[data-action=retry]")
        .ok()
        .flatten()
        .is_some()
    {
        start(shared);
    } else if let Some(button) = target.closest("[data-share-target]").ok().flatten() {
        let name = button
            .get_attribute("data-share-target")
            .unwrap_or_default();
        share::act(shared, &name);
    } else if let Some(button) = target.closest("[data-share-quote]").ok().flatten() {
        let index = button
            .get_attribute("data-share-quote")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        share::open_for_pull_quote(shared, index, &button);
    } else if let Some(link) = target.closest("a[href^='#']").ok().flatten() {
        // In-essay links (footnotes): the ids live in the shadow root, out of the
        // document's reach, so scroll ourselves.
        let id = link.get_attribute("href").unwrap_or_default();
        if let Ok(Some(to)) = shared
            .root
            .query_selector(&["[id='", id.trim_start_matches('#'), "']"].concat())
        {
            event.prevent_default();
            to.scroll_into_view();
        }
    }
}

#[wasm_bindgen(inline_js = r#"
let policy;
export function set_html(root, html) {
  // Under `require-trusted-types-for 'script'` innerHTML needs a TrustedHTML. The policy is
  // a pass-through because the core only ever emits escaped, allow-listed HTML.
  if (policy === undefined) {
    try { policy = globalThis.trustedTypes?.createPolicy?.('essay-embed', { createHTML: (s) => s }) ?? null; }
    catch { policy = null; }
  }
  root.innerHTML = policy ? policy.createHTML(html) : html;
}
export function append_html(parent, html) {
  const holder = parent.ownerDocument.createElement('div');
  set_html(holder, html);
  const element = holder.firstElementChild;
  if (element) parent.append(element);
  return element;
}
"#)]
extern "C" {
    /// `root.innerHTML = html`, through the `essay-embed` Trusted Types policy where the page
    /// enforces Trusted Types.
    #[wasm_bindgen(catch)]
    fn set_html(root: &JsValue, html: &str) -> Result<(), JsValue>;
    /// Parses `html` (one element) the same way and appends it to `parent`; the element.
    #[wasm_bindgen(catch)]
    pub(crate) fn append_html(parent: &Element, html: &str) -> Result<Option<Element>, JsValue>;
}

/// Replaces `node`'s content (a shadow root or an element) in one assignment.
pub(crate) fn replace_content(node: &JsValue, html: &str) {
    if set_html(node, html).is_err() {
        // Trusted Types refused our policy (the page's CSP does not list "essay-embed"):
        // say so in the console; text content needs no policy.
        web_sys::console::error_1(&JsValue::from_str(
            "essay-embed: this page enforces Trusted Types; allow the policy \"essay-embed\" in its CSP",
        ));
        if let Some(node) = node.dyn_ref::<web_sys::Node>() {
            node.set_text_content(Some(
                "essay-embed: blocked by this page's Trusted Types policy",
            ));
        }
    }
}

/// Where the content comes from, in order of precedence.
enum Source {
    Url(String),
    Text(String),
}

fn start(shared: &Rc<Shared>) {
    let ticket = shared.generation.get().wrapping_add(1);
    shared.generation.set(ticket);
    let host = &shared.host;
    let source = match content_source(host) {
        Some(source) => source,
        None => return show(shared, Err(EmbedError::NoContent)),
    };
    match source {
        Source::Text(text) => show(shared, render_text(host, &text)),
        Source::Url(url) => {
            let root = &shared.root;
            if root.child_element_count() == 0
                || root.query_selector(".ee-error").ok().flatten().is_some()
            {
                replace_content(root, &states::loading_html(attr(host, "lang").as_deref()));
            }
            let timeout = attr(host, "timeout")
                .and_then(|t| t.trim().parse::<u32>().ok())
                .filter(|t| (1..=300).contains(t))
                .unwrap_or(DEFAULT_TIMEOUT_SECONDS);
            let weak = Rc::downgrade(shared);
            let requested = url.clone();
            fetch::text(&shared.platform, &requested, timeout, move |result| {
                let Some(shared) = weak.upgrade() else { return };
                if shared.generation.get() != ticket || !shared.host.is_connected() {
                    return; // superseded, or the element is gone
                }
                let rendered = result.and_then(|body| {
                    render_text(&shared.host, &body.text)
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

/// `data` property, then inline JSON, then `src`.
fn content_source(host: &HtmlElement) -> Option<Source> {
    // The entry script turns `data` into JSON text, with the JSON.stringify it captured.
    let text = js_sys::Reflect::get(host, &"contentText".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(host).ok());
    if let Some(text) = text.filter(|t| !t.is_null() && !t.is_undefined()) {
        return Some(Source::Text(text.as_string().unwrap_or_default()));
    }
    if let Ok(Some(script)) = host.query_selector(":scope > script[type='application/json']") {
        return Some(Source::Text(script.text_content().unwrap_or_default()));
    }
    attr(host, "src").map(Source::Url)
}

struct Shown {
    html: String,
    essay: Option<String>,
    mode: &'static str,
    share: Option<ShareContext>,
}

fn render_text(host: &HtmlElement, text: &str) -> Result<Shown, EmbedError> {
    let mode = match attr(host, "mode") {
        None => Mode::Article,
        Some(m) => Mode::parse(&m).ok_or(EmbedError::BadAttribute {
            name: "mode",
            value: m,
            expected: "article, card or series",
        })?,
    };
    let loaded = model::load(text)?;
    let essay = attr(host, "essay");
    let lang = attr(host, "lang");
    let (targets, unknown) = crate::share::parse_targets(host.get_attribute("share").as_deref());
    for name in unknown {
        web_sys::console::warn_1(&JsValue::from_str(
            &["essay-embed: unknown share target \"", &name, "\""].concat(),
        ));
    }
    let options = RenderOptions {
        mode,
        essay: essay.as_deref(),
        lang: lang.as_deref(),
        heading_level: attr(host, "heading-level").and_then(|l| l.parse().ok()),
        interactive: !targets.is_empty(),
    };
    let rendered = render::render(&loaded.document, &options)?;
    for warning in loaded.warnings.iter().chain(&rendered.warnings) {
        web_sys::console::warn_1(&JsValue::from_str(
            &["essay-embed: ", &warning.to_string()].concat(),
        ));
    }
    let share = match (&rendered.projection, &rendered.essay_id) {
        (Some(projection), Some(id)) if !targets.is_empty() => ShareContext::new(
            &loaded.document,
            id,
            projection.clone(),
            targets,
            lang.as_deref(),
        ),
        _ => None,
    };
    let mode = match mode {
        Mode::Article => "article",
        Mode::Card => "card",
        Mode::Series => "series",
    };
    Ok(Shown {
        html: rendered.html,
        essay: rendered.essay_id,
        mode,
        share,
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
            let rerendered =
                prerendered.is_some_and(|hash| hash != crate::element::render_hash(&shown.html));
            if !hydrated || rerendered {
                replace_content(&shared.root, &shown.html);
            }
            *shared.share.borrow_mut() = shown.share;
            let detail = js_sys::Object::new();
            set(&detail, "mode", &shown.mode.into());
            set(&detail, "hydrated", &hydrated.into());
            set(&detail, "rerendered", &rerendered.into());
            set(
                &detail,
                "essay",
                &shown.essay.map_or(JsValue::NULL, JsValue::from),
            );
            share::arrive(shared);
            if hydrated {
                // The selection (or focus) that brought the renderer in may wait for a popover.
                share::selection_changed(shared);
            }
            dispatch(host, "essay-embed:ready", &detail);
        }
        Err(error) => {
            *shared.share.borrow_mut() = None;
            // A pre-rendered essay stays readable when its content cannot be had now; the
            // event says why sharing is unavailable.
            if prerendered.is_none() {
                replace_content(
                    &shared.root,
                    &states::error_html(&error, attr(host, "lang").as_deref(), &[]),
                );
            }
            let detail = js_sys::Object::new();
            set(&detail, "code", &error.code().into());
            set(&detail, "message", &error.to_string().into());
            set(
                &detail,
                "url",
                &error.url().map_or(JsValue::NULL, JsValue::from),
            );
            let problems: js_sys::Array = error.problems().into_iter().map(JsValue::from).collect();
            set(&detail, "problems", &problems);
            dispatch(host, "essay-embed:error", &detail);
        }
    }
}

pub(crate) fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

pub(crate) fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    dom::emit(host, name, detail);
}

/// The HTML of `json` rendered as `options` say (`{mode, essay, lang}`), for servers and
/// bundler users. Throws with a message naming every problem when the content is invalid.
#[wasm_bindgen(js_name = renderToString)]
pub fn render_to_string(
    json: &str,
    mode: Option<String>,
    essay: Option<String>,
    lang: Option<String>,
) -> Result<String, JsError> {
    let mode = match mode.as_deref() {
        None => Mode::Article,
        Some(m) => Mode::parse(m)
            .ok_or_else(|| JsError::new("essay-embed: mode must be article, card or series"))?,
    };
    let loaded = model::load(json).map_err(|e| JsError::new(&e.to_string()))?;
    let options = RenderOptions {
        mode,
        essay: essay.as_deref(),
        lang: lang.as_deref(),
        ..RenderOptions::default()
    };
    render::render(&loaded.document, &options)
        .map(|r| r.html)
        .map_err(|e| JsError::new(&e.to_string()))
}
