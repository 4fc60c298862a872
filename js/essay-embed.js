// essay-embed: defines <essay-embed>. This file stays small; the renderer (WebAssembly) is
// fetched once per page, when the first element needs to render.
const TAG = 'essay-embed';
const ATTRIBUTES = ['src', 'essay', 'mode', 'lang', 'share', 'loading', 'heading-level', 'timeout'];
let core;
let skeleton;

const SKELETON = '<div class="ee-state ee-loading" aria-busy="true"><span class="ee-skel"></span>'
  + '<span class="ee-skel ee-skel-title"></span>' + '<span class="ee-skel"></span>'.repeat(4) + '</div>';

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
  core ??= import(new URL('./essay-embed-core.js', import.meta.url)).then(async (m) => {
    await m.default({ module_or_path: new URL('./essay-embed-core_bg.wasm', import.meta.url) });
    return m;
  });
  return core;
}

class EssayEmbed extends HTMLElement {
  static get observedAttributes() { return ATTRIBUTES; }

  connectedCallback() {
    if (!this.shadowRoot) {
      // Reserve the space at once, before the renderer loads, so the page does not jump.
      const root = this.attachShadow({ mode: 'open' });
      root.adoptedStyleSheets = [skeletonSheet()];
      root.innerHTML = SKELETON;
    }
    // Arriving on a share link (#ee=1~...): render now, the passage is waiting.
    const arriving = location.hash.startsWith('#ee=1~');
    if (arriving || this.getAttribute('loading') === 'eager' || !('IntersectionObserver' in window)) return this.#mount();
    this.#observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.#mount();
    }, { rootMargin: '100% 0px' });
    this.#observer.observe(this);
  }

  disconnectedCallback() {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#view?.free();
    this.#view = null;
    this.#pending = false;
  }

  attributeChangedCallback(name, old, value) {
    if (old === value) return;
    if (name === 'loading' && value === 'eager' && this.isConnected) this.#mount();
    else this.#view?.update();
  }

  /** Content given directly: a document object or its JSON text. Re-renders. */
  get data() { return this.#data; }
  set data(value) {
    this.#data = value;
    this.#view?.update();
  }

  #data;
  #view = null;
  #observer = null;
  #pending = false;

  #mount() {
    this.#observer?.disconnect();
    this.#observer = null;
    if (this.#view || this.#pending) return;
    this.#pending = true;
    loadCore().then((m) => {
      if (!this.#pending || !this.isConnected) return;
      this.#pending = false;
      this.#view = new m.View(this);
    }).catch((error) => {
      this.#pending = false;
      const detail = { code: 'load-failed', message: String(error && error.message || error), url: null };
      if (this.shadowRoot) this.shadowRoot.textContent = 'essay-embed could not load: ' + detail.message;
      this.dispatchEvent(new CustomEvent('essay-embed:error', { bubbles: true, composed: true, detail }));
    });
  }
}

if (!customElements.get(TAG)) customElements.define(TAG, EssayEmbed);

/** Renders content (a JSON string or object) into `element`'s shadow root. */
export async function render(element, content, options = {}) {
  for (const [name, value] of Object.entries(options)) element.setAttribute(name, value);
  element.setAttribute('loading', 'eager');
  element.data = content;
  if (!element.isConnected) throw new Error('essay-embed: render() needs an element in the document');
  await loadCore();
}

/** The HTML of content (a JSON string or object), for pre-rendering. */
export async function renderToString(content, { mode, essay, lang } = {}) {
  const m = await loadCore();
  const json = typeof content === 'string' ? content : JSON.stringify(content);
  return m.renderToString(json, mode, essay, lang);
}
