//! The browser shell: the only code that touches web-sys. It finds the content, asks the
//! core for HTML, puts it into the shadow root in one assignment, wires the share popover,
//! and reports what happened through DOM events. `essay-embed.js` (the small entry script)
//! defines the custom element and creates one [`View`] per connected element.
//!
//! Here: the element's lifecycle (its [`View`], what its callbacks share, its clicks). What
//! it shows is `show`'s; writing HTML into the page, `html`'s; the events it fires, `events`'s;
//! selection, popover and share links, `share`'s; reading the content, `load` and `fetch`;
//! `renderToString`, with no element, `render_to_string`.

mod dom;
mod events;
mod fetch;
mod html;
mod load;
mod render_to_string;
mod share;
mod show;

#[doc(hidden)]
pub use load::copied_both_ways;
pub use render_to_string::render_to_string;

use events::to_js;
use serde::Deserialize;
use share::ShareContext;
use show::start;
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
