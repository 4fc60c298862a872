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
    // A fresh module instance after a crash (see `crashed`): another URL, another instance.
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

/**
 * The renderer trapped (a Rust panic aborts the wasm instance): elements created from now
 * on get a fresh instance, so one bad moment does not take every essay on the page down.
 */
function crashed(error) {
  if (error instanceof WebAssembly.RuntimeError) core = undefined;
}

function fail(element, code, message) {
  console.error(`essay-embed: ${message}`);
  element.dispatchEvent(new CustomEvent('essay-embed:error', { bubbles: true, composed: true, detail: { code, message, url: null, problems: [] } }));
}

class EssayEmbed extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  connectedCallback() {
    if (!this.#root) {
      if (this.hasAttribute('render-hash') && !this.#declared()) return;
      try {
        // Our own reference: a page that forces shadow roots closed cannot hide it from us.
        this.#root = this.shadowRoot ?? PLATFORM.attachShadow.call(this, { mode: 'open' });
      } catch (error) {
        // The fallback content (the element's children) stays readable.
        return fail(this, 'no-shadow-root', `could not attach a shadow root (${error?.message ?? error})`);
      }
      if (!this.#hydrating) {
        // Until the essay is ready, the element shows its own children (the fallback) and
        // keeps their height: no skeleton of a guessed height pushing the page down.
        this.#root.adoptedStyleSheets = [hostStyle()];
        this.#root.replaceChildren(document.createElement('slot'));
      }
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
      document.addEventListener('DOMContentLoaded', () => this.isConnected && this.connectedCallback(), { once: true });
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
    try {
      this.#view?.free();
    } catch (error) {
      crashed(error);
    }
    this.#view = null;
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

  #update() {
    try {
      this.#view?.update();
    } catch (error) {
      crashed(error);
      this.#view = null;
      if (this.isConnected) this.#mount();
    }
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
    const platform = { ...PLATFORM, fetch: fetchFor(url) };
    loadCore().then((m) => {
      if (!this.#pending || !this.isConnected) return;
      this.#pending = false;
      try {
        this.#view = new m.View(this, this.#root, platform);
      } catch (error) {
        crashed(error);
        throw error;
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
  return m.renderToString(PLATFORM, content, { mode, essay, lang });
}
