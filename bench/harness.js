// In-page half of the browser benchmark (bench/run.mjs drives it through playwright-core).
// Every timing is performance.now() around the work in this page; each case returns its
// raw samples and bench/run.mjs takes the medians. The widget, the floor, the peer and the
// core take turns within each run, so a slow moment of the machine falls on all of them.
import { loadCore } from '/pkg/essay-embed.js';
import { renderPeer, PeerEmbed } from '/bench/peer.js';

const stage = document.getElementById('stage');
let core, wasm, sheets;
const texts = new Map();

const once = (el, type) => new Promise((ok) => el.addEventListener(type, ok, { once: true }));
const frame = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));

async function text(name) {
  if (!texts.has(name)) texts.set(name, await (await fetch(`/bench/essays/${name}.json`)).text());
  return texts.get(name);
}

/** Clears the stage and lets the page paint and collect before the next sample. */
async function settle() {
  stage.replaceChildren();
  globalThis.gc?.();
  await frame();
}

/** What the renderer needs of the page to read JSON text: the browser's own parser. */
const CORE_PLATFORM = { parse: JSON.parse };

function widgetElement(json) {
  const el = document.createElement('essay-embed');
  el.setAttribute('loading', 'eager');
  el.data = json;
  return el;
}

/** Loads the renderer (the module is then "already loaded" for every case) and takes the
 * widget's stylesheet for the floor and the peer, so all three lay out with the same CSS. */
export async function setup() {
  core = await loadCore();
  wasm = await core.default(); // already initialised: returns the wasm exports (memory)
  const el = widgetElement(await text('seed'));
  const ready = once(el, 'essay-embed:ready');
  stage.append(el);
  await ready;
  sheets = [...el.shadowRoot.adoptedStyleSheets];
  PeerEmbed.sheets = sheets;
  await settle();
  return memory();
}

/** Bytes of wasm linear memory, and the JS heap (Chromium, --enable-precise-memory-info). */
export function memory() {
  return { wasm: wasm.memory.buffer.byteLength, jsHeap: performance.memory?.usedJSHeapSize ?? null };
}

// One sample of each contender: [ms until the content is in the shadow root, ms until laid out].
const contenders = {
  /** JSON text -> `<essay-embed>` with `.data` -> `essay-embed:ready`. */
  async widget(json) {
    const el = widgetElement(json);
    const ready = once(el, 'essay-embed:ready');
    const t0 = performance.now();
    stage.append(el);
    await ready;
    const t1 = performance.now();
    void el.offsetHeight;
    return [t1 - t0, performance.now() - t0];
  },
  /** The floor: the widget's final HTML string assigned to a shadow root's innerHTML. */
  async floor(json, html) {
    const host = document.createElement('div');
    stage.append(host);
    const t0 = performance.now();
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = sheets;
    root.innerHTML = html;
    const t1 = performance.now();
    void host.offsetHeight;
    return [t1 - t0, performance.now() - t0];
  },
  /** The peer: JSON.parse + marked + DOMPurify into a shadow root. */
  async peer(json) {
    const host = document.createElement('div');
    stage.append(host);
    const t0 = performance.now();
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = sheets;
    root.innerHTML = renderPeer(json);
    const t1 = performance.now();
    void host.offsetHeight;
    return [t1 - t0, performance.now() - t0];
  },
  /** The core alone: renderToString (JSON text in, HTML string out), no DOM. */
  async core(json) {
    const t0 = performance.now();
    core.renderToString(CORE_PLATFORM, json, { mode: 'article' });
    const t = performance.now() - t0;
    return [t, t];
  },
};

/** Samples of `kinds` rendering the essay `name`: `{ kind: { dom: [...], layout: [...] } }`. */
export async function renderCase(name, { runs, warmup, kinds = Object.keys(contenders) }) {
  const json = await text(name);
  const html = core.renderToString(CORE_PLATFORM, json, { mode: 'article' });
  const out = Object.fromEntries(kinds.map((k) => [k, { dom: [], layout: [] }]));
  for (let i = 0; i < warmup + runs; i++) {
    for (let k = 0; k < kinds.length; k++) {
      const kind = kinds[(i + k) % kinds.length];
      await settle();
      const [dom, layout] = await contenders[kind](json, html);
      if (i >= warmup) {
        out[kind].dom.push(dom);
        out[kind].layout.push(layout);
      }
    }
  }
  await settle();
  return { bytes: new TextEncoder().encode(json).length, html: html.length, samples: out };
}

/** `n` widgets of the seed essay on one page: ms until every one is ready (and laid out),
 * then the memory with the last `n` still on the page. */
export async function scaling(n, { runs, warmup }) {
  const json = await text('seed');
  const dom = [], layout = [];
  let mem;
  for (let i = 0; i < warmup + runs; i++) {
    await settle();
    const els = Array.from({ length: n }, () => widgetElement(json));
    const ready = Promise.all(els.map((el) => once(el, 'essay-embed:ready')));
    const t0 = performance.now();
    stage.append(...els);
    await ready;
    const t1 = performance.now();
    void stage.offsetHeight;
    const t2 = performance.now();
    if (i >= warmup) {
      dom.push(t1 - t0);
      layout.push(t2 - t0);
    }
    mem = memory();
  }
  await settle();
  return { dom, layout, memory: mem };
}

/** Resolves to `get()` once it is truthy (checked every frame, for up to 5 s). */
async function until(get) {
  for (let t0 = performance.now(); performance.now() - t0 < 5000; await frame()) {
    const value = get();
    if (value) return value;
  }
  throw new Error('bench: timed out waiting');
}

/** The share link the widget makes for `quote` (plain text in one paragraph of the essay
 * `name`): the passage selected, then "Copy link" (its `essay-embed:share` event). */
export async function shareLink(name, quote) {
  await settle();
  const el = widgetElement(await text(name));
  const ready = once(el, 'essay-embed:ready');
  stage.append(el);
  await ready;
  const walker = document.createTreeWalker(el.shadowRoot.querySelector('.ee-body'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.data.includes(quote));
  if (!node) throw new Error('bench: the quote is not in the rendered essay');
  const at = node.data.indexOf(quote);
  const shared = once(el, 'essay-embed:share');
  getSelection().setBaseAndExtent(node, at, node, at + quote.length);
  (await until(() => el.shadowRoot.querySelector('[data-share-target="copy-link"]'))).click();
  const { detail } = await shared;
  getSelection().removeAllRanges();
  await settle();
  return detail.url;
}

/** The edited essay `name` rendered while arriving on `link` and without it, taking turns:
 * ms until `essay-embed:ready` (arrival happens before it) for each, and what was found.
 * The stage is hidden meanwhile: arriving scrolls the passage into view, which would lay
 * the 100,000-character essay out (some 50 ms, and noisy) on one side only. Hidden, neither
 * is laid out and the difference is the arrival's own work: finding the passage again and
 * highlighting it. */
export async function reanchor(name, link, { runs, warmup }) {
  const json = await text(name);
  const hash = new URL(link).hash;
  const out = { arrive: [], plain: [], found: null, chars: 0 };
  stage.style.display = 'none';
  for (let i = 0; i < warmup + runs; i++) {
    for (const kind of i % 2 ? ['plain', 'arrive'] : ['arrive', 'plain']) {
      await settle();
      CSS.highlights.clear();
      history.replaceState(null, '', kind === 'arrive' ? hash : location.pathname);
      const el = widgetElement(json);
      const ready = once(el, 'essay-embed:ready');
      const t0 = performance.now();
      stage.append(el);
      await ready;
      const ms = performance.now() - t0;
      if (kind === 'arrive') {
        const ranges = [...(CSS.highlights.get('essay-embed-quote') ?? [])];
        out.found = ranges.map((r) => r.toString()).join('');
        if (!out.found) throw new Error('bench: the edited passage was not found again');
      }
      out.chars = el.shadowRoot.querySelector('.ee-body').textContent.length;
      if (i >= warmup) out[kind].push(ms);
    }
  }
  history.replaceState(null, '', location.pathname);
  CSS.highlights.clear();
  stage.style.display = '';
  await settle();
  return out;
}

/** The rendered essay `name` stays on the page while `quote` (plain text in one paragraph)
 * is selected again and again: ms from the selection being made to the share popover in
 * the shadow root, each time after the last popover has closed. Includes the entry's
 * settle delay (SETTLE_MS in js/essay-embed.js), the same for every essay size. */
export async function selectToPopover(name, quote, { runs, warmup }) {
  await settle();
  const el = widgetElement(await text(name));
  const ready = once(el, 'essay-embed:ready');
  stage.append(el);
  await ready;
  const root = el.shadowRoot;
  const walker = document.createTreeWalker(root.querySelector('.ee-body'), NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.data.includes(quote));
  if (!node) throw new Error('bench: the quote is not in the rendered essay');
  const at = node.data.indexOf(quote);
  const popover = () => root.querySelector('[data-share-target="copy-link"]');
  const out = { ms: [], chars: root.querySelector('.ee-body').textContent.length };
  for (let i = 0; i < warmup + runs; i++) {
    getSelection().removeAllRanges();
    await until(() => !popover());
    await frame();
    const shown = new Promise((ok) => {
      const seen = new MutationObserver(() => {
        if (popover()) { seen.disconnect(); ok(performance.now()); }
      });
      seen.observe(root, { childList: true, subtree: true });
    });
    const t0 = performance.now();
    getSelection().setBaseAndExtent(node, at, node, at + quote.length);
    const t1 = await shown;
    if (i >= warmup) out.ms.push(t1 - t0);
  }
  getSelection().removeAllRanges();
  await settle();
  return out;
}
