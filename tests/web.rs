//! Browser unit tests of the shell (wasm-bindgen-test in headless Chromium):
//! `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use essay_embed::web::View;
use wasm_bindgen::{JsCast, JsValue};
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

/// What the entry script's element offers the shell: `contentData()` returns the `data`
/// as set (JSON text here).
fn set_data(el: &HtmlElement, json: &str) {
    set_value(el, &json.into());
}

/// `data` set to any value (an object, as a page would set it).
fn set_value(el: &HtmlElement, value: &JsValue) {
    js_sys::Reflect::set(el, &"__data".into(), value).unwrap();
    let content_data = js_sys::Function::new_no_args("return this.__data ?? null");
    js_sys::Reflect::set(el, &"contentData".into(), &content_data).unwrap();
}

fn platform() -> JsValue {
    let platform = js_sys::Object::new();
    let window = web_sys::window().unwrap();
    let fetch = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
    let bound = js_sys::Function::from(fetch).bind0(&window);
    js_sys::Reflect::set(&platform, &"fetch".into(), &bound).unwrap();
    let json = js_sys::Reflect::get(&window, &"JSON".into()).unwrap();
    let parse = js_sys::Reflect::get(&json, &"parse".into()).unwrap();
    js_sys::Reflect::set(&platform, &"parse".into(), &parse).unwrap();
    platform.into()
}

fn parse(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// The shell, as the entry script creates it: an open shadow root and the captured platform.
fn view(el: &HtmlElement) -> View {
    let root = el
        .attach_shadow(&web_sys::ShadowRootInit::new(web_sys::ShadowRootMode::Open))
        .unwrap();
    View::new(el.clone(), root.into(), platform())
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
    set_data(
        &el,
        r#"{"version":1,"essays":[{"id":"a","title":" ","published":"soon"}]}"#,
    );
    let _view = view(&el);
    let root = el.shadow_root().unwrap();
    let alert = root
        .query_selector("[role=alert]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        alert.contains("essays[0].title: must not be blank"),
        "{alert}"
    );
    assert!(
        alert.contains("essays[0].published: \"soon\" is not a date"),
        "{alert}"
    );
    // Not retryable: fixing the content is what helps.
    assert!(root.query_selector(".ee-retry").unwrap().is_none());

    // Missing fields, in an object given as `data` (read as it is): each is named, not only the
    // first.
    let el = host(&[]);
    set_value(
        &el,
        &parse(r#"{"version":1,"essays":[{"authors":[{"role":"R"}]},{"id":"b"}]}"#),
    );
    let _view = view(&el);
    let alert = el
        .shadow_root()
        .unwrap()
        .query_selector("[role=alert]")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    for problem in [
        "essays[0].id: missing",
        "essays[0].title: missing",
        "essays[0].authors[0].name: missing",
        "essays[1].title: missing",
    ] {
        assert!(alert.contains(problem), "{problem}: {alert}");
    }
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
fn a_data_object_is_read_as_it_is_and_type_errors_name_their_path() {
    // A getter the page defined: read, not stringified (JSON.stringify would call toJSON).
    let el = host(&[]);
    let value = parse(r#"{"title":"From an object","body":"Body.","pull_quotes":["Body."]}"#);
    set_value(&el, &value);
    let _view = view(&el);
    assert!(
        shadow_text(&el).contains("From an object"),
        "{}",
        shadow_text(&el)
    );
    assert_eq!(
        el.shadow_root()
            .unwrap()
            .query_selector_all("aside.ee-pullquote")
            .unwrap()
            .length(),
        1
    );

    let el = host(&[]);
    set_value(
        &el,
        &parse(r#"{"version":1,"essays":[{"id":"a","title":"T","authors":[{"name":7}]}]}"#),
    );
    let _view = view(&el);
    let text = shadow_text(&el);
    assert!(
        text.contains("essays[0].authors[0].name: expected a string, found"),
        "{text}"
    );

    let el = host(&[]);
    set_data(&el, "{\"title\": ");
    let _view = view(&el);
    assert!(
        shadow_text(&el).contains("not valid JSON: "),
        "{}",
        shadow_text(&el)
    );
    // JSON.parse's own message (read off its SyntaxError), as renderToString throws it.
    let expected = js_sys::JSON::parse("{\"title\": ")
        .unwrap_err()
        .unchecked_into::<js_sys::Error>()
        .message();
    let thrown =
        essay_embed::web::render_to_string(&platform(), "{\"title\": ".into(), JsValue::UNDEFINED)
            .map_err(JsValue::from)
            .unwrap_err()
            .unchecked_into::<js_sys::Error>()
            .message();
    assert_eq!(
        String::from(thrown),
        ["the content is not valid JSON: ", &String::from(expected)].concat()
    );
}

#[wasm_bindgen_test]
fn an_unsafe_url_is_left_out_and_reported_in_the_ready_event() {
    let el = host(&[]);
    let seen = js_sys::Array::new();
    let record = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::CustomEvent)>::new({
        let seen = seen.clone();
        move |e: web_sys::CustomEvent| {
            seen.push(&e.detail());
        }
    });
    el.add_event_listener_with_callback("essay-embed:ready", record.as_ref().unchecked_ref())
        .unwrap();
    set_value(
        &el,
        &parse(
            r#"{"title":"Safe","canonical_url":"javascript:alert(1)","body":"Text.","authors":[{"name":"Ada","url":"data:x"}]}"#,
        ),
    );
    let _view = view(&el);
    let html = shadow_html(&el);
    assert!(
        html.contains("Safe") && html.contains("Text.") && html.contains("Ada"),
        "{html}"
    );
    assert!(
        !html.contains("javascript:") && !html.contains("data:x"),
        "{html}"
    );
    assert_eq!(seen.length(), 1);
    let detail = seen.get(0);
    let warnings = js_sys::Array::from(&js_sys::Reflect::get(&detail, &"warnings".into()).unwrap());
    let paths: Vec<String> = warnings
        .iter()
        .map(|w| {
            js_sys::Reflect::get(&w, &"path".into())
                .unwrap()
                .as_string()
                .unwrap()
        })
        .collect();
    assert_eq!(paths, ["authors[0].url", "canonical_url"]);
    let essay = js_sys::Reflect::get(&detail, &"essay".into()).unwrap();
    assert_eq!(essay.as_string().as_deref(), Some("essay"));
}

#[wasm_bindgen_test]
fn render_to_string_matches_the_native_renderer_contract() {
    let options = parse(r#"{"mode":"card"}"#);
    let html = essay_embed::web::render_to_string(&platform(), SEED.into(), options).unwrap();
    assert!(html.starts_with("<article class=\"ee ee-card\""));
    let object = parse(SEED);
    let again =
        essay_embed::web::render_to_string(&platform(), object, parse(r#"{"mode":"card"}"#))
            .unwrap();
    assert_eq!(again, html);
    assert!(
        essay_embed::web::render_to_string(&platform(), "{".into(), JsValue::UNDEFINED).is_err()
    );
}

#[wasm_bindgen_test]
fn the_document_size_limit_counts_utf8_bytes_as_natively() {
    let render = |text: String| {
        essay_embed::web::render_to_string(&platform(), text.as_str().into(), JsValue::UNDEFINED)
            .map_err(|e| String::from(JsValue::from(e).unchecked_into::<js_sys::Error>().message()))
    };
    let filled =
        |filler: &str, n: usize| [r#"{"title":"T","x":""#, &filler.repeat(n), r#""}"#].concat();
    // 9,000,000 ASCII bytes, and 3,000,000 CJK characters that are 9,000,000 bytes of UTF-8
    // (3,000,000 UTF-16 code units): both over the 8 MiB limit, told in bytes.
    for text in [filled("a", 9_000_000), filled("中", 3_000_000)] {
        let err = render(text).unwrap_err();
        assert!(
            err.contains("too large: 8.5 MB (the limit is 8.0 MB)"),
            "{err}"
        );
    }
    // 2,500,000 CJK characters: 7,500,000 bytes, under the limit.
    assert!(render(filled("中", 2_500_000)).is_ok());
}

/// Bodies holding characters the HTML parser drops or changes: NUL (JSON `\u0000`, or the
/// `&#0;` reference), CR and CR LF (raw, or `&#13;`), in text, code spans, code blocks,
/// tables, footnotes and image alt text.
const PARSER_CHANGES: &[&str] = &[
    "a\u{0}b and c\rd and e\r\nf",
    "line one\r\nline two\rline three\r\n\r\nSecond\u{0}paragraph.\r",
    "`co\rde\u{0}` &#13; &#0; &#x0D;&#10; x",
    "```\r\nfn main() {\r\n\u{0}}\r\n```\r\n\r\nafter",
    "| h\u{0} | i\r |\r\n|---|---|\r\n| c\rd | e\u{0} |",
    "Note[^1].\r\n\r\n[^1]: The foot\u{0}note\rtext.",
    "![alt\u{0}\rtext](/a.png) and [link\rtext](/b)",
    "- one\r- two\u{0}\r\n- three",
    "\u{0}\u{0}\r\r\n\r",
];

/// The core's text of each body block against the browser's `textContent` of what the same
/// HTML parses to: they must be equal, or every offset after such a character is off.
#[wasm_bindgen_test]
fn block_text_is_the_rendered_blocks_text_content() {
    let document = web_sys::window().unwrap().document().unwrap();
    for body in PARSER_CHANGES {
        let blocks = essay_embed::internals::markdown::render(body, 2);
        let holder = document.create_element("div").unwrap();
        let html: String = blocks.iter().map(|b| b.html.as_str()).collect();
        holder.set_inner_html(&html);
        for (i, block) in blocks.iter().enumerate() {
            let el = holder
                .query_selector(&format!(":scope > [data-block=\"{i}\"]"))
                .unwrap()
                .unwrap_or_else(|| panic!("{body:?}: block {i} missing in {html}"));
            assert_eq!(
                el.text_content().unwrap_or_default(),
                block.text,
                "{body:?} block {i}: {}",
                block.html
            );
        }
        for block in essay_embed::internals::markdown::render_plain(body) {
            holder.set_inner_html(&block.html);
            assert_eq!(
                holder.text_content().unwrap_or_default(),
                block.text,
                "{body:?} (plain text)"
            );
        }
    }
}

/// The same through the element: JSON with `\u0000` and `\r` in the body, rendered by the
/// shell, each body block's `textContent` equal to the core's block text.
#[wasm_bindgen_test]
fn the_shells_projection_matches_the_shadow_roots_text() {
    for body in PARSER_CHANGES {
        let json = format!(
            r#"{{"title":"T\u0000\r","body":{}}}"#,
            String::from(js_sys::JSON::stringify(&JsValue::from_str(body)).unwrap())
        );
        let el = host(&[]);
        set_data(&el, &json);
        let _view = view(&el);
        let root = el.shadow_root().unwrap();
        // The core's blocks of that body (what the shell maps selections onto).
        let blocks = essay_embed::internals::markdown::render(body, 2);
        let nodes = root.query_selector_all(".ee-body > [data-block]").unwrap();
        assert_eq!(nodes.length() as usize, blocks.len(), "{body:?}");
        for (i, block) in blocks.iter().enumerate() {
            let text = nodes
                .item(i as u32)
                .unwrap()
                .text_content()
                .unwrap_or_default();
            assert_eq!(text, block.text, "{body:?} block {i}");
        }
        let title = root.query_selector(".ee-title").unwrap().unwrap();
        assert_eq!(title.text_content().unwrap(), "T\u{fffd}\n");
    }
}

/// The shell's copy of a JavaScript value (`web::load::copy`, which replaced
/// serde-wasm-bindgen's `Deserializer` to keep float formatting out of the wasm) gives what
/// serde-wasm-bindgen gives: the same value tree, or the same error, for JSON values and for
/// the other values a page may set as `data`.
#[wasm_bindgen_test]
fn the_value_copy_reads_what_serde_wasm_bindgen_reads() {
    let cases: js_sys::Array = js_sys::Function::new_no_args(
        r#"
        const nested = (n, make) => { let v = 1; for (let i = 0; i < n; i++) v = make(v); return v; };
        class Essay { constructor() { this.title = "T"; } get dek() { return "D"; } }
        const bare = Object.create(null); bare.title = "No prototype";
        const withSymbol = { title: "S" }; withSymbol[Symbol("k")] = 1;
        return [
          null, undefined, true, false, 0, -0, 7, -3, 1.5, -0.25, 2 ** 53, 2 ** 53 + 2, 1e300,
          NaN, Infinity, -Infinity, "", "text", "\u0000\ud800",
          10n, -5n, 2n ** 63n, 2n ** 70n, -(2n ** 70n),
          [], [1, [2, [3]]], [1, , 3], [undefined, null],
          {}, { a: undefined, b: null, c: [{}] }, { b: 1, a: 2, 10: "x", 2: "y" },
          bare, new Essay(), withSymbol, new Date(0), /re/,
          new Map([["a", 1], ["b", [2]]]), new Map(), new Map([[1, "x"]]), new Map([[2.5, "x"]]),
          new Map([[true, "x"]]), new Map([[null, "x"]]), new Map([[{}, "x"]]),
          new Set([1]), new Uint8Array([1, 2]), new ArrayBuffer(2), new String("s"),
          function f() {}, Symbol("s"), { f() {} }, { s: Symbol("s") }, { m: new Map([["k", 1n]]) },
          { [Symbol.iterator]: function* () { yield 1; } },
          nested(127, (v) => [v]), nested(128, (v) => [v]), nested(129, (v) => [v]),
          nested(128, (v) => ({ v })), nested(129, (v) => ({ v })),
          nested(200, (v) => [v]), { deep: nested(128, (v) => [v]) },
          JSON.parse(arguments[0] ?? "null"),
          // Strings side by side: halves of a surrogate pair, wider characters, long ones.
          ["\ud800", "\udc00", "é€😀", "a", "", "x".repeat(1025), "é".repeat(2000), "b"],
          { ["k".repeat(1500)]: "v", "\udc00": "\ud800", "ü": ["😀".repeat(600), "ö"] },
        ];"#,
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .unchecked_into();
    let mut cases: Vec<JsValue> = cases.iter().collect();
    cases.push(parse(SEED));
    for text in [
        r#"{"version":1,"essays":[{"id":"a","title":"A"},{"id":"c","title":5}]}"#,
        r#"{"title":"A","pull_quotes":[3, {"text":"x"}],"x":{"deep":[[1,2],{"a":null}]}}"#,
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"F","items":[{"id":7},{"id":1.5}]}"#,
        r#"{"a":1,"a":2}"#,
        r#"[1e400, -1e-400, 0.1, 123456789012345678901234567890]"#,
    ] {
        cases.push(parse(text));
    }
    let mut errors = 0;
    for case in &cases {
        let (ours, theirs) = essay_embed::web::copied_both_ways(case);
        assert_eq!(ours, theirs, "{case:?}");
        errors += usize::from(ours.is_err());
    }
    // Not all alike: the cases that are no JSON value (and too deep) are refused.
    assert!(
        errors >= 15 && errors < cases.len() / 2,
        "{errors} of {}",
        cases.len()
    );
}
