// Fifty elements on one page (articles, cards and series; content from `src` and from the
// `data` property): one set of document listeners for them all, the share round trip in any
// of them, and every element recovering from a real WebAssembly trap of their renderer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveAndLaunch, watchErrors, waitRendered } from './browser.mjs';

const SEED = JSON.parse(await readFile('www/content/reinventing-nuclear-arms-control.json', 'utf8'));
const COUNT = 50;
const base = SEED.essays[0];
const paragraphs = base.body.split('\n\n').slice(0, 2);
const opening = (i) => `Essay ${i} opens with a sentence of its own`;
// Fifty essays, each with its own first sentence; no canonical URL, so links point here.
const many = {
  ...SEED,
  essays: Array.from({ length: COUNT }, (_, i) => {
    const { canonical_url: omitted, ...essay } = base;
    return { ...essay, id: `essay-${i}`, title: `Essay ${i}`, pull_quotes: [], body: [`${opening(i)}.`, ...paragraphs].join('\n\n') };
  }),
};
const mode = (i) => (i % 10 === 4 ? 'card' : i % 10 === 8 ? 'series' : 'article');
/** Elements whose content is given as the `data` property (the rest fetch `src`). */
const byData = (i) => i % 7 === 6;

const elements = Array.from({ length: COUNT }, (_, i) => byData(i)
  ? `<essay-embed id="e${i}" essay="essay-${i}" mode="${mode(i)}" loading="eager"></essay-embed>`
  : `<essay-embed id="e${i}" src="/many.json" essay="essay-${i}" mode="${mode(i)}" loading="eager"></essay-embed>`).join('\n');
const routes = {
  '/many.json': (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(many)); },
  '/many.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>many</title><link rel="icon" href="data:,">
      <script type="module" src="/pkg/essay-embed.js"></script>
      <script type="module">
        // After the entry (modules run in order): the elements are defined, not yet rendered.
        const many = ${JSON.stringify(many).replaceAll('<', '\\u003c')};
        for (const el of document.querySelectorAll('essay-embed:not([src])')) el.data = many;
      </script></head><body>
      <p>Fifty essays on one page.</p>
      ${elements}
      </body></html>`);
  },
};

let server, browser;
serveAndLaunch({ routes }, (s, b) => { server = s; browser = b; });

/** Counts the listeners added to `document`, per event type (before any page script runs). */
function countDocumentListeners() {
  window.__documentListeners = {};
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, ...rest) {
    if (this === document) window.__documentListeners[type] = (window.__documentListeners[type] ?? 0) + 1;
    return add.call(this, type, ...rest);
  };
}

async function open(path) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await page.addInitScript(countDocumentListeners);
  const errors = watchErrors(page);
  await page.goto(`${server.url}${path}`);
  await waitRendered(page);
  return { page, errors, context };
}

/** Drags the mouse over `needle` in the first body block of element `id`. */
async function select(page, id, needle) {
  const el = page.locator(`#${id}`);
  await el.evaluate((el) => el.shadowRoot.querySelector('[data-block="0"]').scrollIntoView({ block: 'center' }));
  const p = await el.evaluate((el, needle) => {
    const text = el.shadowRoot.querySelector('[data-block="0"]').firstChild;
    const at = text.data.indexOf(needle);
    const r = document.createRange();
    r.setStart(text, at);
    r.setEnd(text, at + 1);
    const first = r.getClientRects()[0];
    r.setStart(text, at + needle.length - 1);
    r.setEnd(text, at + needle.length);
    const last = [...r.getClientRects()].at(-1);
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, needle);
  await page.mouse.move(p.x1, p.y1);
  await page.mouse.down();
  await page.mouse.move((p.x1 + p.x2) / 2, p.y1, { steps: 4 });
  await page.mouse.move(p.x2, p.y2, { steps: 4 });
  await page.mouse.up();
}

/** The ids of the elements showing a popover. */
const popovers = (page) => page.evaluate(() => [...document.querySelectorAll('essay-embed')]
  .filter((el) => el.shadowRoot?.querySelector('.ee-share')).map((el) => el.id));

/** Waits for element `id`'s popover, presses Copy link; the link copied. */
async function copyLink(page, id) {
  const popover = page.locator(`#${id}`).locator('.ee-share');
  await popover.waitFor();
  assert.deepEqual(await popovers(page), [id], 'the popover opens in the element selected in, and only there');
  await popover.getByRole('button', { name: 'Copy link' }).click();
  await popover.getByText('Link copied').waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Opens `link` in a fresh page; the highlighted text and the id of the element holding it. */
async function arrive(link) {
  const { page, errors, context } = await open(new URL(link).pathname + new URL(link).hash);
  await page.waitForFunction(() => CSS.highlights.get('essay-embed-quote')?.size > 0);
  const highlights = await page.evaluate(() => [...CSS.highlights.get('essay-embed-quote')]
    .map((r) => ({ id: r.startContainer.getRootNode().host.id, text: r.toString() })));
  return { page, errors, context, highlights };
}

const articles = [0, 23, COUNT - 1].filter((i) => mode(i) === 'article');

test('fifty elements, one set of document listeners; sharing works from any of them', async () => {
  assert.deepEqual(articles, [0, 23, 49]);
  const { page, errors, context } = await open('/many.html');
  const kinds = await page.evaluate(() => [...document.querySelectorAll('essay-embed')]
    .map((el) => el.shadowRoot.querySelector('.ee')?.getAttribute('part')));
  assert.equal(kinds.length, COUNT);
  assert.deepEqual(new Set(kinds), new Set(['article', 'card', 'series']), kinds.join());
  assert.deepEqual(await page.evaluate(() => window.__documentListeners),
    { selectionchange: 1, pointerdown: 1, pointerup: 1, keydown: 1 });

  for (const i of articles) {
    const passage = opening(i);
    await select(page, `e${i}`, passage);
    const link = await copyLink(page, `e${i}`);
    assert.ok(link.includes(`#ee=1~essay-${i}~`), link);
    const reader = await arrive(link);
    assert.deepEqual(reader.highlights, [{ id: `e${i}`, text: passage }]);
    assert.deepEqual(await reader.page.evaluate(() => window.__documentListeners),
      { selectionchange: 1, pointerdown: 1, pointerup: 1, keydown: 1 });
    assert.deepEqual(reader.errors, []);
    await reader.context.close();
    // A press outside closes the popover (the press goes to the element showing it).
    await page.mouse.click(5, 5);
    await page.waitForFunction(() => ![...document.querySelectorAll('essay-embed')].some((el) => el.shadowRoot.querySelector('.ee-share')));
  }
  // Escape closes it from the keyboard.
  await select(page, 'e23', opening(23));
  await page.locator('#e23').locator('.ee-share').waitFor();
  await page.keyboard.press('Escape');
  assert.deepEqual(await popovers(page), []);
  assert.deepEqual(await page.evaluate(() => window.__documentListeners),
    { selectionchange: 1, pointerdown: 1, pointerup: 1, keydown: 1 }, 'no listener added since');
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Makes the page's renderer instance trap on its next call, for real: its linear memory is
 * overwritten (through the glue module the page loaded, which hands out the instance's
 * exports), so the next call reads a pointer past the end of memory. Nothing in the
 * widget's code does this; any script on a page could always corrupt an instance so.
 */
async function corruptRenderer(page) {
  await page.evaluate(async () => {
    const glue = performance.getEntriesByType('resource').map((e) => e.name)
      .filter((name) => /\/essay-embed-core[^/]*\.js/.test(name)).at(-1);
    const m = await import(glue);
    const exports = await m.default(); // initialised already: the page's instance
    new Uint8Array(exports.memory.buffer).fill(0x7f);
  });
}

/** Each element's essay text (its popover left out). */
const shownText = (page) => page.evaluate(() => [...document.querySelectorAll('essay-embed')].map((el) => {
  const frame = el.shadowRoot.querySelector('.ee')?.cloneNode(true);
  frame?.querySelector('.ee-share')?.remove();
  return frame?.textContent ?? null;
}));

test('a real trap of the renderer: every element mounts again on a fresh instance, keeping content, mode and DOM', async () => {
  // Arrive on a link to essay 12: the highlight is part of the state to keep.
  const first = await open('/many.html');
  await select(first.page, 'e12', opening(12));
  const link = await copyLink(first.page, 'e12');
  await first.context.close();

  const { page, errors, context } = await arrive(link);
  const glue = [];
  page.on('request', (r) => { if (/essay-embed-core[^/]*\.js/.test(r.url())) glue.push(new URL(r.url()).search); });
  const before = await shownText(page);
  assert.ok(before.every((t) => t), 'all rendered');

  await corruptRenderer(page);
  // The next call into the renderer (the settled selection, routed to e49) traps.
  await select(page, 'e49', opening(49));
  const popover = page.locator('#e49').locator('.ee-share');
  await popover.waitFor(); // re-mounted, the selection kept, the popover shown again
  assert.deepEqual(glue, ['?instance=1'], 'one fresh instance');
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0], /essay-embed: the renderer crashed \((unreachable|memory access out of bounds)\)/);

  // Content and mode kept, the DOM too (the arrival's highlight still on its text).
  const after = await shownText(page);
  assert.deepEqual(after.flatMap((text, i) => (text === before[i] ? [] : [i])), [], 'elements whose text changed');
  const highlights = await page.evaluate(() => [...CSS.highlights.get('essay-embed-quote')]
    .map((r) => ({ id: r.startContainer.getRootNode().host?.id, connected: r.startContainer.isConnected, text: r.toString() })));
  assert.deepEqual(highlights, [{ id: 'e12', connected: true, text: opening(12) }]);

  // Every element is live on the new instance: sharing from the first, a middle and the
  // last one (the first two were not the one whose call trapped) ...
  await popover.getByRole('button', { name: 'Copy link' }).click();
  await popover.getByText('Link copied').waitFor();
  for (const i of articles) {
    await select(page, `e${i}`, opening(i));
    const shared = await copyLink(page, `e${i}`);
    assert.ok(shared.includes(`#ee=1~essay-${i}~`), shared);
    const reader = await arrive(shared);
    assert.deepEqual(reader.highlights, [{ id: `e${i}`, text: opening(i) }]);
    await reader.context.close();
  }
  // ... and every element re-renders on an attribute change, from the content it had
  // (`data` or `src`): cards become articles, articles cards.
  const modes = await page.evaluate(async (count) => {
    const ready = [...document.querySelectorAll('essay-embed')].map((el) => new Promise((ok) => {
      el.addEventListener('essay-embed:ready', (e) => ok(`${el.id}:${e.detail.mode}:${e.detail.essay}`), { once: true });
    }));
    for (const el of document.querySelectorAll('essay-embed')) el.setAttribute('mode', el.getAttribute('mode') === 'article' ? 'card' : 'article');
    return Promise.all(ready).then((r) => r.length === count && r);
  }, COUNT);
  assert.deepEqual(modes, Array.from({ length: COUNT }, (_, i) => `e${i}:${mode(i) === 'article' ? 'card' : 'article'}:essay-${i}`));
  assert.deepEqual(glue, ['?instance=1'], 'no further crash');
  assert.equal(errors.length, 1, errors.join('\n'));
  await context.close();
});
