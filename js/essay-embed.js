// essay-embed: defines <essay-embed>. This file stays small; the renderer (WebAssembly) is
// fetched once per page, when the first element needs to render.
const TAG = 'essay-embed';
const ATTRIBUTES = ['src', 'essay', 'mode', 'lang', 'share', 'loading', 'heading-level', 'timeout'];

// Platform functions as they are when this script loads: a page that later replaces
// window.fetch, JSON.stringify or Element.prototype.attachShadow does not break the widget.
const PLATFORM = {
  fetch: globalThis.fetch.bind(globalThis),
  stringify: JSON.stringify,
  attachShadow: Element.prototype.attachShadow,
};

let core;
let instances = 0;
let skeleton;

/** The loading skeleton, built without innerHTML (pages may enforce Trusted Types). */
function skeletonNode() {
  const box = document.createElement('div');
  box.className = 'ee-state ee-loading';
  box.setAttribute('aria-busy', 'true');
  for (const kind of ['', ' ee-skel-title', '', '', '', '']) {
    const bar = document.createElement('span');
    bar.className = `ee-skel${kind}`;
    box.append(bar);
  }
  return box;
}

/** A few rules for the skeleton until the renderer adopts the full stylesheet. */
function skeletonSheet() {
  if (!skeleton) {
    skeleton = new CSSStyleSheet();
    skeleton.replaceSync(':host{display:block}:host([hidden]){display:none}'
      + '.ee-loading{display:flex;flex-direction:column;gap:.8em;min-height:16em;padding:1.25em}'
      + ':host(:not([mode])) .ee-loading,:host([mode=article]) .ee-loading{min-height:40em}'
      + '.ee-skel{display:block;height:1em;border-radius:.25em;background:#8883}.ee-skel-title{height:1.75em;width:75%}');
  }
  return skeleton;
}

/** Loads and instantiates the wasm renderer once for the whole page. */
export function loadCore() {
  core ??= (async () => {
    // A fresh module instance after a crash (see `crashed`): another URL, another instance.
    const glue = new URL('./essay-embed-core.js', import.meta.url);
    if (instances) glue.search = `?instance=${instances}`;
    // The wasm is requested now, beside the glue, not after it: one round trip less.
    const wasm = PLATFORM.fetch(new URL('./essay-embed-core_bg.wasm', import.meta.url));
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
      try {
        // Our own reference: a page that forces shadow roots closed cannot hide it from us.
        this.#root = this.shadowRoot ?? PLATFORM.attachShadow.call(this, { mode: 'open' });
      } catch (error) {
        // The fallback content (the element's children) stays readable.
        return fail(this, 'no-shadow-root', `could not attach a shadow root (${error?.message ?? error})`);
      }
      // Reserve the space at once, before the renderer loads, so the page does not jump.
      this.#root.adoptedStyleSheets = [skeletonSheet()];
      this.#root.replaceChildren(skeletonNode());
    }
    // Arriving on a share link (#ee=1~...): render now, the passage is waiting.
    const arriving = location.hash.startsWith('#ee=1~');
    if (arriving || this.getAttribute('loading') === 'eager' || !('IntersectionObserver' in window)) return this.#mount();
    this.#observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) return this.#mount();
    }, { rootMargin: '100% 0px' });
    this.#observer.observe(this);
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

  /** The `data` property as JSON text, for the renderer (null when unset). */
  contentText() {
    const d = this.#data;
    if (d === undefined || d === null) return null;
    return typeof d === 'string' ? d : PLATFORM.stringify(d);
  }

  #data;
  #root = null;
  #view = null;
  #observer = null;
  #pending = false;

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
    if (this.#view || this.#pending || !this.#root) return;
    this.#pending = true;
    loadCore().then((m) => {
      if (!this.#pending || !this.isConnected) return;
      this.#pending = false;
      try {
        this.#view = new m.View(this, this.#root, PLATFORM);
      } catch (error) {
        crashed(error);
        throw error;
      }
    }).catch((error) => {
      this.#pending = false;
      const message = `the renderer could not load (${error?.message ?? error})`;
      if (this.#root) this.#root.textContent = `essay-embed: ${message}`;
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
  const json = typeof content === 'string' ? content : PLATFORM.stringify(content);
  return m.renderToString(json, mode, essay, lang);
}
