//! The browser shell: the only code that touches web-sys. It finds the content, asks the
//! core for HTML, puts it into the shadow root in one assignment, wires the share popover,
//! and reports what happened through DOM events. `essay-embed.js` (the small entry script)
//! defines the custom element and creates one [`View`] per connected element.

mod dom;
mod fetch;
mod load;
mod share;

#[doc(hidden)]
pub use load::copied_both_ways;

use crate::content::model;
use crate::error::EmbedError;
use crate::render::view::{self, Mode, RenderOptions};
use crate::render::{attributes, states};
use load::Input;
use serde::{Deserialize, Serialize};
use share::ShareContext;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, Element, HtmlElement, ShadowRoot};

/// The property of the platform object where a view leaves [`crate::render::element::render_hash`]
/// of the HTML it showed; the entry script hands it to the element's next view (the element
/// was moved, or its renderer crashed), which keeps the DOM when it renders the same, and
/// with it the reader's selection, highlight and scroll position.
const SHOWN: &str = "shown";

thread_local! {
    /// One stylesheet object for every element on the page (adopted, not copied).
    static STYLE: Option<CssStyleSheet> = CssStyleSheet::new().ok().and_then(|sheet| {
        sheet.replace_sync(crate::render::element::STYLESHEET).ok()?;
        Some(sheet)
    });
}

/// Where an element's essay is: its shadow root, or the element itself (light-DOM hydration:
/// `<essay-embed light-dom>` around the essay that `essay-embed build` writes into the page,
/// where reader modes and Text Fragments can see it). A light root is never written to: the
/// view only adds sharing to what the page holds.
pub(crate) struct Root {
    /// The shadow root or the host. Only the `ParentNode` methods that both have are called
    /// (`querySelector`, `childElementCount`), and web-sys has no type for that mixin: a
    /// shadow root is held as an `Element` (an unchecked cast), so each method is imported
    /// once, not once per type.
    node: Element,
    light: bool,
}

impl Root {
    pub(crate) fn query_selector(&self, selectors: &str) -> Result<Option<Element>, JsValue> {
        self.node.query_selector(selectors)
    }

    fn child_element_count(&self) -> u32 {
        self.node.child_element_count()
    }

    /// The essay is the page's own DOM (light-DOM hydration).
    fn is_light(&self) -> bool {
        self.light
    }

    pub(crate) fn node(&self) -> &web_sys::Node {
        &self.node
    }
}

/// What one element's callbacks share.
pub(crate) struct Shared {
    host: HtmlElement,
    root: Root,
    /// `fetch`, `JSON.parse` and friends as the entry script captured them (see
    /// `essay-embed.js`).
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

/// One `<essay-embed>` element's live state. The entry script owns the listeners (one set
/// per page, not per element) and calls the methods below for the events that concern this
/// element; it calls `free()` when the element leaves the page, which closes the popover
/// and discards any response still on its way.
#[wasm_bindgen]
pub struct View {
    shared: Rc<Shared>,
}

#[wasm_bindgen]
impl View {
    /// Takes over `host` and its shadow `root` (attached by the entry script, or declared in
    /// the HTML: then the element hydrates), adopts the stylesheet, and starts rendering.
    /// With `root` the host itself (`light-dom`), the essay the page holds gets sharing and
    /// is never rewritten.
    /// `platform` holds the `fetch` and `parse` the entry script captured before the
    /// page could replace them.
    #[wasm_bindgen(constructor)]
    pub fn new(host: HtmlElement, root: web_sys::Node, platform: JsValue) -> View {
        let root = match root.dyn_into::<ShadowRoot>() {
            Ok(shadow) => Root {
                node: shadow.unchecked_into(),
                light: false,
            },
            Err(_) => Root {
                node: host.clone().into(),
                light: true,
            },
        };
        // The essay may be on the page already: written by an earlier view of this element
        // (`SHOWN`: the element was moved, or its renderer crashed) or pre-rendered
        // (`essay-embed render --element`). It is kept as it is if the first render makes
        // the same HTML.
        let frame = root.query_selector(".ee").ok().flatten();
        let earlier = js_sys::Reflect::get(&platform, &SHOWN.into())
            .ok()
            .and_then(|hash| hash.as_string())
            .filter(|_| frame.is_some());
        // That view's popover, if it had one open (its state is gone).
        if let Ok(Some(popover)) = root.query_selector(".ee-share") {
            popover.remove();
        }
        let arrived = earlier.is_some();
        let prerendered = earlier.or_else(|| {
            host.get_attribute(crate::render::element::RENDER_HASH)
                .filter(|_| frame.is_some())
        });
        if !root.is_light() {
            STYLE.with(|sheet| {
                if let Some(sheet) = sheet {
                    let sheets = js_sys::Array::of1(sheet);
                    let _ =
                        js_sys::Reflect::set(root.node(), &"adoptedStyleSheets".into(), &sheets);
                }
            });
        }
        let shared = Rc::new(Shared {
            host,
            root,
            platform,
            generation: Cell::new(0),
            share: RefCell::new(None),
            popover: RefCell::new(share::Popover::default()),
            // A share link was handled by the view that wrote the essay (the highlight is
            // still in the DOM): not again, which would scroll the reader back to it.
            arrived: Cell::new(arrived),
            prerendered: RefCell::new(prerendered),
        });
        start(&shared);
        View { shared }
    }

    /// Renders again from the current attributes and content (after an attribute or the
    /// `data` property changed).
    pub fn update(&self) {
        start(&self.shared);
    }

    /// A click in the shadow root: Retry, share targets, a pull quote's Share, in-essay links.
    pub fn click(&self, event: &web_sys::Event) {
        click(&self.shared, event);
    }

    /// The page's selection settled and has an end in this element (or its popover is
    /// open): show, move or close the popover.
    #[wasm_bindgen(js_name = selectionSettled)]
    pub fn selection_settled(&self) {
        share::check_selection(&self.shared);
    }

    /// A pointer press somewhere on the page while the popover is open.
    #[wasm_bindgen(js_name = pointerDown)]
    pub fn pointer_down(&self, event: &web_sys::Event) {
        share::pointer_down(&self.shared, event);
    }

    /// A key press somewhere on the page while the popover is open.
    #[wasm_bindgen(js_name = keyDown)]
    pub fn key_down(&self, event: &web_sys::KeyboardEvent) {
        share::key_down(&self.shared, event);
    }

    /// Highlights the passage that W3C `TextQuoteSelector`s and `TextPositionSelector`s
    /// describe (an array of either or both) and scrolls to it: `{found, exact, score,
    /// text}`, `found` false when nothing matches. Throws on input that is not selectors.
    pub fn highlight(&self, selectors: JsValue) -> Result<JsValue, JsError> {
        // Through the content reader's value tree: one reader of JS values in the wasm.
        let error = |e: &dyn std::fmt::Display| {
            JsError::new(&["essay-embed: highlight: ", &e.to_string()].concat())
        };
        let value = load::copy(&selectors).map_err(|e| error(&e))?;
        let selectors = Vec::<crate::share::annotation::SelectorInput>::deserialize(&value)
            .map_err(|e| error(&e))?;
        let result = share::highlight(&self.shared, &selectors).unwrap_or_default();
        Ok(to_js(&result))
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
export function insert_before_block(body, html, block) {
  const holder = body.ownerDocument.createElement('div');
  set_html(holder, html);
  const element = holder.firstElementChild;
  const before = block == null ? null : body.querySelector(`:scope > [data-block="${block}"]`);
  if (element) body.insertBefore(element, before ?? body.firstChild);
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
    /// The same, inserted into the essay `body` before its block `block`, else first.
    #[wasm_bindgen(catch)]
    pub(crate) fn insert_before_block(
        body: &Element,
        html: &str,
        block: Option<u32>,
    ) -> Result<Option<Element>, JsValue>;
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
    Given(Input),
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
        return Some(Source::Given(match data.as_string() {
            Some(text) => Input::Text(text),
            None => Input::Value(data),
        }));
    }
    if let Ok(Some(script)) = host.query_selector(":scope > script[type='application/json']") {
        return Some(Source::Given(Input::Text(
            script.text_content().unwrap_or_default(),
        )));
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

/// `essay-embed:ready`'s detail.
#[derive(Serialize)]
struct ReadyDetail<'a> {
    mode: &'a str,
    essay: Option<&'a str>,
    /// The element kept the pre-rendered DOM (declarative shadow root).
    hydrated: bool,
    /// ... and had to write it again (its render-hash was stale).
    rerendered: bool,
    warnings: &'a [model::Problem],
}

/// `essay-embed:error`'s detail.
#[derive(Serialize)]
struct ErrorDetail<'a> {
    code: &'a str,
    message: String,
    url: Option<&'a str>,
    problems: Vec<String>,
}

/// `value` as a JS value, `None` as `null` (serde-wasm-bindgen's JSON-compatible form).
pub(crate) fn to_js(value: &impl Serialize) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
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

/// Calls the entry script's `platform[name](arg)`: `settle()` (the view is ready for the
/// page's selection, once settled) and `popover(open)` (pointer presses and keys go to the
/// element while its popover is open). Through js-sys, which the shell imports anyway.
pub(crate) fn tell(platform: &JsValue, name: &str, arg: &JsValue) {
    if let Some(f) = js_sys::Reflect::get(platform, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    {
        let _ = f.call1(platform, arg);
    }
}

pub(crate) fn dispatch(host: &HtmlElement, name: &str, detail: &JsValue) {
    dom::emit(host, name, detail);
}

/// `renderToString`'s options.
#[derive(Deserialize, Default)]
struct StringOptions {
    mode: Option<String>,
    essay: Option<String>,
    lang: Option<String>,
}

/// The HTML of `content` (an object, or JSON text) rendered as `options` say
/// (`{mode, essay, lang}`), for servers and bundler users. Throws with a message naming every
/// problem when the content is invalid.
#[wasm_bindgen(js_name = renderToString)]
pub fn render_to_string(
    platform: &JsValue,
    content: JsValue,
    options: JsValue,
) -> Result<String, JsError> {
    let options: StringOptions = if options.is_undefined() || options.is_null() {
        StringOptions::default()
    } else {
        let error = |e: &dyn std::fmt::Display| {
            JsError::new(&["essay-embed: options: ", &e.to_string()].concat())
        };
        let value = load::copy(&options).map_err(|e| error(&e))?;
        StringOptions::deserialize(&value).map_err(|e| error(&e))?
    };
    let mode = match options.mode.as_deref() {
        None => Mode::Article,
        Some(m) => Mode::parse(m)
            .ok_or_else(|| JsError::new("essay-embed: mode must be article, card or series"))?,
    };
    let input = match content.as_string() {
        Some(text) => Input::Text(text),
        None => Input::Value(content),
    };
    let loaded = load::load(platform, input).map_err(|e| JsError::new(&e.to_string()))?;
    let options = RenderOptions {
        mode,
        essay: options.essay.as_deref(),
        lang: options.lang.as_deref(),
        ..RenderOptions::default()
    };
    view::render(&loaded.document, &options)
        .map(|r| r.html)
        .map_err(|e| JsError::new(&e.to_string()))
}
