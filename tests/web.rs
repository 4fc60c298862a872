//! Browser unit tests of the shell (wasm-bindgen-test in headless Chromium):
//! `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use essay_embed::web::View;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const SEED: &str = include_str!("../www/content/reinventing-nuclear-arms-control.json");

fn host(attrs: &[(&str, &str)]) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    for (k, v) in attrs {
        el.set_attribute(k, v).unwrap();
    }
    document.body().unwrap().append_child(&el).unwrap();
    el
}

/// What the entry script's element offers the shell: `contentText()` returns the `data`.
fn set_data(el: &HtmlElement, json: &str) {
    js_sys::Reflect::set(el, &"__json".into(), &json.into()).unwrap();
    let content_text = js_sys::Function::new_no_args("return this.__json ?? null");
    js_sys::Reflect::set(el, &"contentText".into(), &content_text).unwrap();
}

/// The shell, as the entry script creates it: an open shadow root and the captured platform.
fn view(el: &HtmlElement) -> View {
    let root = el
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    let platform = js_sys::Object::new();
    let window = web_sys::window().unwrap();
    let fetch = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
    let bound = js_sys::Function::from(fetch).bind0(&window);
    js_sys::Reflect::set(&platform, &"fetch".into(), &bound).unwrap();
    View::new(el.clone(), root, platform.into())
}

fn shadow_html(el: &HtmlElement) -> String {
    el.shadow_root().unwrap().inner_html()
}

fn shadow_text(el: &HtmlElement) -> String {
    el.shadow_root().unwrap().text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn renders_the_seed_article_into_an_open_shadow_root() {
    let el = host(&[("essay", "view-from-beijing")]);
    set_data(&el, SEED);
    let _view = view(&el);
    let root = el.shadow_root().unwrap();
    let title = root.query_selector("h1.ee-title").unwrap().unwrap();
    assert_eq!(title.text_content().unwrap(), "View From Beijing");
    let byline = root
        .query_selector("[part=byline]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        byline.contains("Tong Zhao")
            && byline.contains("Carnegie–Tsinghua Center for Global Policy"),
        "{byline}"
    );
    assert_eq!(
        root.query_selector_all("aside.ee-pullquote")
            .unwrap()
            .length(),
        2
    );
    // Styles are adopted, not inlined (works under a strict CSP).
    let sheets = js_sys::Reflect::get(&root, &"adoptedStyleSheets".into()).unwrap();
    assert_eq!(js_sys::Array::from(&sheets).length(), 1);
    assert!(root.query_selector("style").unwrap().is_none());
}

#[wasm_bindgen_test]
fn attribute_changes_rerender_on_update() {
    let el = host(&[("mode", "card")]);
    set_data(&el, SEED);
    let view = view(&el);
    assert!(shadow_html(&el).contains("ee-card"));
    el.set_attribute("mode", "series").unwrap();
    view.update();
    let root = el.shadow_root().unwrap();
    assert_eq!(
        root.query_selector_all("li.ee-cards-item")
            .unwrap()
            .length(),
        4
    );
}

#[wasm_bindgen_test]
fn invalid_content_shows_an_error_state_naming_the_problem() {
    let el = host(&[]);
    set_data(&el, r#"{"version":1,"essays":[{"id":"a","authors":[{}]}]}"#);
    let _view = view(&el);
    let root = el.shadow_root().unwrap();
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(alert.contains("essays[0].title: missing"), "{alert}");
    assert!(
        alert.contains("essays[0].authors[0].name: missing"),
        "{alert}"
    );
    // Not retryable: fixing the content is what helps.
    assert!(root.query_selector(".ee-retry").unwrap().is_none());
}

#[wasm_bindgen_test]
fn unknown_mode_and_unknown_essay_are_clear_errors() {
    let el = host(&[("mode", "poster")]);
    set_data(&el, SEED);
    let _view = view(&el);
    assert!(shadow_text(&el)
        .contains("the mode attribute is \"poster\"; expected article, card or series"));

    let el = host(&[("essay", "missing")]);
    set_data(&el, SEED);
    let _view = view(&el);
    assert!(
        shadow_text(&el).contains("no essay has the id \"missing\""),
        "{}",
        shadow_text(&el)
    );
}

#[wasm_bindgen_test]
fn no_content_at_all_is_explained() {
    let el = host(&[]);
    let _view = view(&el);
    assert!(shadow_text(&el).contains("no content: give the element a src attribute"));
}

#[wasm_bindgen_test]
fn render_to_string_matches_the_native_renderer_contract() {
    let html = essay_embed::web::render_to_string(SEED, Some("card".into()), None, None).unwrap();
    assert!(html.starts_with("<article class=\"ee ee-card\""));
    assert!(essay_embed::web::render_to_string("{", None, None, None).is_err());
}
