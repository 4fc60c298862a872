// essay-embed: defines <essay-embed>. This file stays small; the renderer (WebAssembly) is
// fetched once per page, when the first element needs to render.
const TAG = 'essay-embed';
const ATTRIBUTES = ['src', 'essay', 'mode', 'lang', 'share', 'loading', 'heading-level', 'timeout'];

// Platform functions as they are when this script loads: a page that later replaces
// window.fetch, JSON.parse or Element.prototype.attachShadow does not break the widget.
// The renderer parses JSON text with this `parse` (the browser's parser, no JSON code in
// the wasm) and reads the value it makes, or a `data` object as it is.
const PLATFORM = {
  nativeFetch: globalThis.fetch.bind(globalThis),
  parse: JSON.parse,
  attachShadow: Element.prototype.attachShadow,
};

let core;
let instances = 0;
let hostSheet;

/** `:host` rules until the renderer adopts the full stylesheet. */
function hostStyle() {
  if (!hostSheet) {
    hostSheet = new CSSStyleSheet();
    hostSheet.replaceSync(':host{display:block}:host([hidden]){display:none}');
  }
  return hostSheet;
}

// Content requests, one per distinct URL however many elements show it: started by the
// entry as soon as an element needs to render (beside the wasm request), handed to the
// renderer as the response to its first request. A failed one is forgotten; one that every
// element waiting for it gave up on (timed out) is cancelled.
const contents = new Map();
function content(url) {
  let entry = contents.get(url);
  if (!entry) {
    const controller = new AbortController();
    const forget = () => { entry.settled = true; if (contents.get(url) === entry) contents.delete(url); };
    entry = { controller, waiting: 0, settled: false };
    entry.response = PLATFORM.nativeFetch(url, { mode: 'cors', credentials: 'same-origin', signal: controller.signal })
      .then(async (r) => ({ status: r.status, statusText: r.statusText, headers: [...r.headers], body: r.ok ? await r.text() : '' }));
    entry.response.then((r) => { entry.settled = true; if (!(r.status >= 200 && r.status < 300)) forget(); }, forget);
    contents.set(url, entry);
  }
  entry.waiting++;
  return entry;
}

/**
 * The `fetch` an element's renderer uses: its first GET of `url` is answered from `content`
 * (honouring the request's signal); later ones (Retry, a new `src`) go to the network.
 */
function fetchFor(url) {
  let first = url && content(url);
  return (request) => {
    if (!first || !(request instanceof Request) || request.method !== 'GET' || request.url !== url) return PLATFORM.nativeFetch(request);
    const entry = first;
    first = null;
    const { signal } = request;
    return new Promise((ok, no) => {
      signal?.addEventListener('abort', () => {
        if (!entry.settled && --entry.waiting === 0) {
          entry.controller.abort();
          if (contents.get(url) === entry) contents.delete(url);
        }
        no(signal.reason);
      }, { once: true });
      entry.response.then((r) => ok(new Response(r.body || null, r)), no);
    });
  };
}

/** Loads and instantiates the wasm renderer once for the whole page. */
export function loadCore() {
  core ??= (async () => {
    // A fresh module instance after a crash (see `crash`): another URL, another instance.
    // `make build` puts content-hashed names here (pkg/immutable/, cached for ever).
    const glue = new URL('./essay-embed-core.js', import.meta.url);
    if (instances) glue.search = `?instance=${instances}`;
    // The wasm is requested now, beside the glue, not after it: one round trip less.
    const wasm = PLATFORM.nativeFetch(new URL('./essay-embed-core_bg.wasm', import.meta.url));
    wasm.catch(() => {}); // if the glue fails to load, its error is the one to report
    const m = await import(glue.href);
    await m.default({ module_or_path: wasm });
    instances++;
    return m;
  })();
  return core;
}

/** The element methods the page's listeners and `crash` call (not part of its public API). */
const ROUTE = Symbol('route');
const RESTART = Symbol('restart');

/** Functions to run once the HTML parser is done (one listener for them all). */
const afterParsing = [];
function whenParsed(task) {
  if (!afterParsing.length) {
    document.addEventListener('DOMContentLoaded', () => { for (const run of afterParsing.splice(0)) run(); }, { once: true });
  }
  afterParsing.push(task);
}

/** Instances that trapped: nothing calls into them again. */
const trapped = new WeakSet();

/**
 * The renderer instance `m` trapped (a Rust panic aborts the wasm; its memory may be left
 * half-written): it is abandoned, and every element it served mounts again on a fresh
 * instance, keeping its content, attributes and, where the essay renders the same, the DOM
 * (selection, highlight, scroll position). True when `error` was such a trap.
 */
function crash(m, error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return false;
  if (m && !trapped.has(m)) {
    trapped.add(m);
    core = undefined;
    console.error(`essay-embed: the renderer crashed (${error.message}); its essays start again`);
    for (const element of [...page.elements.keys()]) element[RESTART](m);
  }
  return true;
}

/**
 * The page's one set of document listeners (not one per element: each event calls into
 * the wasm only for the elements it concerns). A settled selection goes to the elements
 * holding its ends; pointer presses and keys to elements showing a popover.
 *
 * They and the settle timer live here, not in the wasm (gloo-events, gloo-timers) on
 * purpose: one set serves every element and every wasm instance on the page, and a wasm
 * instance that trapped must not own the listeners that notice it and mount its elements on
 * a fresh one (its closures could never run again).
 */
const page = {
  /** Elements with a live view, and their shadow roots (ours even where a page closes them). */
  elements: new Map(),
  /** Elements that said their popover opened and not yet that it closed. */
  open: new Set(),
  pressed: false,
  timer: 0,
};

/** Wait this long after the selection last changed before showing the popover, so it does
 * not flicker while a reader extends a selection with the keyboard. */
const SETTLE_MS = 150;

// Once, when the entry loads: a pointer pressed before a pre-rendered element hydrates is
// known to be down.
document.addEventListener('selectionchange', () => { if (!page.pressed) settleSelection(); });
document.addEventListener('pointerdown', (event) => {
  page.pressed = true;
  clearTimeout(page.timer); // a selection from before the press is not the one being made
  for (const element of [...page.open]) element[ROUTE]((view) => view.pointerDown(event));
}, true);
document.addEventListener('pointerup', () => {
  page.pressed = false;
  settleSelection();
}, true);
// Escape and Tab in a popover (they call preventDefault).
document.addEventListener('keydown', (event) => {
  for (const element of [...page.open]) element[ROUTE]((view) => view.keyDown(event));
});

function settleSelection() {
  clearTimeout(page.timer);
  page.timer = setTimeout(() => {
    if (page.pressed) return; // still dragging: pointerup settles it
    for (const element of new Set([...selectionOwners(), ...page.open])) element[ROUTE]((view) => view.selectionSettled());
  }, SETTLE_MS);
}

/** The elements that hold an end of the document's selection (the rest of it is theirs to clip). */
function selectionOwners() {
  const selection = document.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.type !== 'Range') return [];
  let ends;
  if (selection.getComposedRanges) {
    const shadowRoots = [...page.elements.values()].filter((root) => root instanceof ShadowRoot);
    const [range] = selection.getComposedRanges({ shadowRoots });
    if (!range) return [];
    ends = [range.startContainer, range.endContainer];
  } else {
    ends = [selection.anchorNode, selection.focusNode];
  }
  const owners = new Set();
  for (let node of ends) {
    // Out through shadow roots until one of ours, or a light-DOM element holding it.
    while (node) {
      const light = (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement)?.closest(`${TAG}[light-dom]`);
      if (light && page.elements.get(light) === light) { owners.add(light); break; }
      const root = node.getRootNode();
      if (!root.host) break;
      if (page.elements.has(root.host)) { owners.add(root.host); break; }
      node = root.host;
    }
  }
  return owners;
}

function fail(element, code, message) {
  console.error(`essay-embed: ${message}`);
  element.dispatchEvent(new CustomEvent('essay-embed:error', { bubbles: true, composed: true, detail: { code, message, url: null, problems: [] } }));
}

class EssayEmbed extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  connectedCallback() {
    if (!this.#root) {
      if (this.hasAttribute('light-dom')) {
        // The essay is the element's own children (the pages `essay-embed build` writes):
        // no shadow root; it hydrates like a pre-rendered element, once they are parsed.
        if (!this.querySelector('.ee') && document.readyState === 'loading') {
          whenParsed(() => this.isConnected && this.connectedCallback());
          return;
        }
        this.#root = this;
        this.#hydrating = true;
      } else {
        if (this.hasAttribute('render-hash') && !this.#declared()) return;
        try {
          // Our own reference: a page that forces shadow roots closed cannot hide it from us.
          this.#root = this.shadowRoot ?? PLATFORM.attachShadow.call(this, { mode: 'open' });
        } catch (error) {
          // The fallback content (the element's children) stays readable.
          return fail(this, 'no-shadow-root', `could not attach a shadow root (${error?.message ?? error})`);
        }
      }
      if (!this.#hydrating) {
        // Until the essay is ready, the element shows its own children (the fallback) and
        // keeps their height: no skeleton of a guessed height pushing the page down.
        this.#root.adoptedStyleSheets = [hostStyle()];
        this.#root.replaceChildren(document.createElement('slot'));
      }
      // Retry, share targets, pull quotes' Share, in-essay links.
      this.#root.addEventListener('click', (event) => this[ROUTE]((view) => view.click(event)));
    }
    // Arriving on a share link (#ee=1~...): render now, the passage is waiting.
    const arriving = location.hash.startsWith('#ee=1~');
    if (this.#hydrating) return arriving ? this.#mount() : this.#awaitNeed();
    if (arriving || this.getAttribute('loading') === 'eager' || !('IntersectionObserver' in window)) return this.#mount();
    this.#observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) return this.#mount();
    }, { rootMargin: '100% 0px' });
    this.#observer.observe(this);
  }

  /**
   * A pre-rendered element: true once its declarative shadow root is there (the HTML parser
   * attaches it at the template's end tag; a browser without declarative shadow DOM leaves
   * the template, which is attached here). False while the parser has not reached it yet.
   */
  #declared() {
    const template = this.querySelector(':scope > template[shadowrootmode]');
    if (!this.shadowRoot && template) {
      this.#root = PLATFORM.attachShadow.call(this, { mode: 'open' });
      this.#root.append(template.content);
      template.remove();
    } else if (!this.shadowRoot && document.readyState === 'loading') {
      whenParsed(() => this.isConnected && this.connectedCallback());
      return false;
    }
    this.#hydrating = true;
    return true;
  }

  /**
   * Hydration waits for the reader: the renderer (the wasm) is fetched on the first pointer
   * press or focus inside the essay (a selection starts with one), or when the browser is
   * idle if the element says `hydrate="idle"`. A share button pressed meanwhile is pressed
   * again once the renderer is there.
   */
  #awaitNeed() {
    if (this.#view || this.#pending || this.#waiting) return;
    this.#waiting = new AbortController();
    const options = { signal: this.#waiting.signal, capture: true };
    for (const type of ['pointerdown', 'focusin']) this.addEventListener(type, () => this.#mount(), options);
    if (!this.#replaying) {
      this.#replaying = true;
      this.addEventListener('click', (event) => {
        if (this.#view) return;
        const button = event.composedPath().find((n) => n.matches?.('[data-share-quote]'));
        if (!button) return;
        this.addEventListener('essay-embed:ready', () => queueMicrotask(() => button.isConnected && button.click()), { once: true });
        this.#mount();
      }, true);
    }
    if (this.getAttribute('hydrate') === 'idle') {
      const idle = globalThis.requestIdleCallback ?? ((f) => setTimeout(f, 1));
      idle(() => this.#waiting && !this.#waiting.signal.aborted && this.#mount(), { timeout: 5000 });
    }
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this[ROUTE]((view) => view.free());
    this.#view = null;
    this.#core = null;
    page.elements.delete(this);
    page.open.delete(this);
    this.#pending = false;
    this.#waiting?.abort();
    this.#waiting = null;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'loading' && value === 'eager' && this.isConnected) this.#mount();
    else this.#update();
  }

  /** Content given directly: a document object or its JSON text. Re-renders. */
  get data() { return this.#data; }
  set data(value) {
    this.#data = value;
    this.#update();
  }

  /**
   * Highlights a passage given as W3C Web Annotation selectors: a `TextQuoteSelector`, a
   * `TextPositionSelector`, an array of them, or `{ source, selector }` (what
   * `essay-embed:share` gives as `detail.passage`). Returns `{ found, exact, score, text }`,
   * or null while the essay is not shown yet.
   */
  highlight(selector) {
    const list = selector?.selector ?? selector;
    return this.#view ? this.#view.highlight(Array.isArray(list) ? list : [list]) : null;
  }

  /** The `data` property as set (an object, or JSON text), for the renderer. */
  contentData() { return this.#data ?? null; }

  #data;
  #root = null;
  #view = null;
  #observer = null;
  #pending = false;
  /** Pre-rendered: the DOM is the parser's, kept as it is. */
  #hydrating = false;
  /** Listeners waiting for the reader before a pre-rendered element hydrates. */
  #waiting = null;
  /** The listener that presses again a share button pressed before the renderer was there. */
  #replaying = false;
  /** The renderer instance (glue module) of `#view`, and the platform object it was given. */
  #core = null;
  #platform = null;
  /** Traps in this element's own calls: after the second it is not mounted again. */
  #crashes = 0;

  #update() {
    this[ROUTE]((view) => view.update());
  }

  /** Calls `action(view)` (into the wasm); a trap there abandons the instance (`crash`). */
  [ROUTE](action) {
    const view = this.#view;
    if (!view) return;
    try {
      action(view);
    } catch (error) {
      if (!this.#trapped(error)) throw error;
    }
  }

  #trapped(error) {
    if (!(error instanceof WebAssembly.RuntimeError)) return false;
    this.#crashes++;
    return crash(this.#core, error);
  }

  /**
   * The instance `m` trapped: this element's view there is abandoned (never called again)
   * and it mounts on a fresh instance, unless its own calls trapped twice (content that
   * crashes the renderer every time must not crash instance after instance).
   */
  [RESTART](m) {
    if (this.#core !== m) return;
    // dom.js calls nothing back for a revoked platform (a response still on its way).
    if (this.#platform) this.#platform.revoked = true;
    // Nor wasm-bindgen's finalizer, which would free the view in the trapped instance.
    this.#view?.__destroy_into_raw?.();
    this.#view = null;
    this.#core = null;
    page.elements.delete(this);
    page.open.delete(this);
    if (!this.isConnected) return;
    if (this.#crashes < 2) return this.#mount();
    const message = 'the renderer crashed twice';
    if (this.#root && !this.#root.querySelector('.ee')) this.#root.textContent = `essay-embed: ${message}`;
    fail(this, 'crashed', message);
  }

  #mount() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#waiting?.abort();
    this.#waiting = null;
    if (this.#view || this.#pending || !this.#root) return;
    this.#pending = true;
    // The content request goes out now, beside the renderer's, not after it.
    const src = this.getAttribute('src')?.trim();
    let url = null;
    if (src && this.#data == null && !this.querySelector(':scope > script[type="application/json"]')) {
      try { url = new URL(src, document.baseURI).href; } catch { /* the renderer reports a bad URL */ }
    }
    const platform = {
      ...PLATFORM,
      fetch: fetchFor(url),
      revoked: false,
      /** The hash of what the element's last view showed (it sets it): the DOM to keep. */
      shown: this.#platform?.shown,
      /** The view opened or closed its popover: pointer presses and keys go to it meanwhile. */
      popover: (open) => {
        if (platform.revoked) return;
        if (open) page.open.add(this);
        else page.open.delete(this);
      },
      /** The view is ready for the selection the page may have. */
      settle: () => {
        if (!platform.revoked && !page.pressed) settleSelection();
      },
      /** A callback into the view (from dom.js) threw `error`. */
      crashed: (error) => {
        if (platform !== this.#platform || !this.#trapped(error)) throw error;
      },
    };
    loadCore().then((m) => {
      if (!this.#pending || !this.isConnected) return;
      this.#pending = false;
      this.#core = m;
      this.#platform = platform;
      page.elements.set(this, this.#root);
      try {
        this.#view = new m.View(this, this.#root, platform);
      } catch (error) {
        if (!this.#trapped(error)) throw error;
      }
    }).catch((error) => {
      this.#pending = false;
      const message = `the renderer could not load (${error?.message ?? error})`;
      // A pre-rendered essay stays as it is: only sharing is unavailable.
      if (this.#root && !this.#hydrating) this.#root.textContent = `essay-embed: ${message}`;
      fail(this, 'load-failed', message);
    });
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, EssayEmbed);

/** Renders content (a JSON string or object) into `element`'s shadow root. */
export async function render(element, content, options = {}) {
  if (!element.isConnected) throw new Error('essay-embed: render() needs an element in the document');
  for (const [name, value] of Object.entries(options)) element.setAttribute(name, value);
  element.setAttribute('loading', 'eager');
  element.data = content;
  await loadCore();
}

/** The HTML of content (a JSON string or object), for pre-rendering. */
export async function renderToString(content, { mode, essay, lang } = {}) {
  const m = await loadCore();
  try {
    return m.renderToString(PLATFORM, content, { mode, essay, lang });
  } catch (error) {
    crash(m, error);
    throw error;
  }
}
