// Pre-rendered elements (`essay-embed render FILE --element`), end to end: readable and
// styled with JavaScript off; with it, hydration keeps the parser's DOM (the same node
// objects), fetches no wasm until the reader selects, and then sharing works as on a
// client-rendered element; a stale pre-render is rendered again, once; a strict CSP with
// Trusted Types page hydrates cleanly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { cli } from './server.mjs';
import { serveAndLaunch, watchErrors } from './browser.mjs';

const SEED = JSON.parse(await readFile('www/content/reinventing-nuclear-arms-control.json', 'utf8'));
// Without a canonical_url, share links point at the page the essay is embedded in.
const local = structuredClone(SEED);
for (const e of local.essays) delete e.canonical_url;
const edited = structuredClone(local);
edited.essays[0].body = edited.essays[0].body.replace('All major powers must recognize', 'Today, all the major powers must recognize');

await mkdir('target/e2e', { recursive: true });
await writeFile('target/e2e/prerender-local.json', JSON.stringify(local));
const element = (...args) => cli(['render', 'target/e2e/prerender-local.json', '--element', '--essay', 'view-from-beijing', ...args]);
const inline = element();
const fromSrc = (src) => element('--src', src);

const json = (doc) => (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(doc)); };
const html = (body, headers = {}) => (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(`<!doctype html><html lang="en"><head><title>pre-rendered</title><link rel="icon" href="data:,">
    <script type="module" src="/pkg/essay-embed.js"></script></head><body>
    <p id="before">Host page text before the essay.</p>
    ${body}
    <p id="after">Host page text after the essay.</p></body></html>`);
};
const CSP = "default-src 'self'; img-src 'self' https: data:; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'; trusted-types essay-embed";
const routes = {
  '/local.json': json(local),
  '/edited.json': json(edited),
  '/inline.html': html(inline),
  '/inline-style.html': html(element('--inline-style')),
  '/src.html': html(fromSrc('/local.json')),
  '/stale.html': html(fromSrc('/edited.json')),
  '/csp.html': html(inline.replace('<essay-embed ', '<essay-embed hydrate="idle" '), { 'content-security-policy': CSP }),
};

let server, browser;
serveAndLaunch({ routes }, (s, b) => { server = s; browser = b; });

/** A page with its wasm requests and `essay-embed:ready` details recorded. */
async function open(path, { clipboard = false, javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled });
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  if (javaScriptEnabled) {
    await page.addInitScript(() => {
      window.__ready = [];
      window.__violations = [];
      document.addEventListener('essay-embed:ready', (e) => window.__ready.push(e.detail));
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
    });
  }
  await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  return { page, errors, wasm, context };
}

const shadow = (page, selector) => page.locator('essay-embed').evaluate((el, s) => el.shadowRoot?.querySelector(s)?.textContent ?? null, selector);

test('with JavaScript off, the pre-rendered essay is there and styled', async () => {
  for (const path of ['/inline.html', '/src.html', '/inline-style.html']) {
    const { page, context } = await open(path, { javaScriptEnabled: false });
    assert.equal(await shadow(page, 'h1'), 'View From Beijing', path);
    assert.match(await shadow(page, '[data-block="0"]'), /engage China on arms control/);
    // The stylesheet (pkg/essay-embed.css) applies: the serif stack and the measure.
    const style = await page.locator('essay-embed').evaluate((el) => {
      const body = getComputedStyle(el.shadowRoot.querySelector('.ee-body p'));
      return { font: body.fontFamily, display: getComputedStyle(el).display };
    });
    assert.match(style.font, /Charter/, path);
    assert.equal(style.display, 'block');
    // The pull quotes' share buttons do nothing without the script: not shown.
    const hidden = await page.locator('essay-embed').evaluate((el) => [...el.shadowRoot.querySelectorAll('.ee-pq-share')].map((b) => getComputedStyle(b).visibility));
    assert.ok(hidden.length > 0 && hidden.every((v) => v === 'hidden'), JSON.stringify(hidden));
    await page.screenshot({ path: `target/e2e/prerender-nojs${path.replace(/\W/g, '-')}.png`, fullPage: true });
    await context.close();
  }
});

/** Every node of the shadow root, in order (the popover, when there, left out). */
const NODES = `(root) => {
  const out = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (!n.parentElement?.closest?.('.ee-share') && !n.matches?.('.ee-share')) out.push(n);
  return out;
}`;

async function drag(page, from, to) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** Selects `needle` in block 0 with the mouse. */
async function select(page, needle) {
  const p = await page.locator('essay-embed').evaluate((el, needle) => {
    const b = el.shadowRoot.querySelector('.ee-body > [data-block="0"]');
    b.scrollIntoView({ block: 'center' });
    const walker = document.createTreeWalker(b, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.data.indexOf(needle);
      if (at < 0) continue;
      const r = document.createRange();
      r.setStart(node, at);
      r.setEnd(node, at + 1);
      const first = r.getClientRects()[0];
      r.setStart(node, at + needle.length - 1);
      r.setEnd(node, at + needle.length);
      const rects = r.getClientRects();
      const last = rects[rects.length - 1];
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, needle);
  assert.ok(p, `${needle} not found`);
  await drag(page, { x: p.x1, y: p.y1 }, { x: p.x2, y: p.y2 });
}

test('hydration keeps the DOM, fetches no wasm until a selection; then select, Copy link, open it: highlighted', async () => {
  for (const path of ['/inline.html', '/src.html']) {
    const { page, errors, wasm, context } = await open(path, { clipboard: true });
    await page.waitForFunction(() => customElements.get('essay-embed'));
    await page.evaluate(`window.__before = (${NODES})(document.querySelector('essay-embed').shadowRoot)`);
    // The page is idle, the element defined and in view: still no renderer.
    await page.evaluate(() => new Promise((ok) => requestIdleCallback(() => setTimeout(ok, 300))));
    assert.deepEqual(wasm, [], `${path}: no wasm before the reader interacts`);
    assert.deepEqual(await page.evaluate(() => window.__ready), []);

    const passage = 'the United States should be able to engage China on arms control';
    await select(page, passage);
    const popover = page.locator('essay-embed').locator('.ee-share');
    await popover.waitFor();
    assert.equal(wasm.length, 1, `${path}: one wasm request, after the selection`);
    const ready = await page.evaluate(() => window.__ready);
    assert.equal(ready.length, 1);
    assert.equal(ready[0].hydrated, true);
    assert.equal(ready[0].rerendered, false);
    const same = await page.evaluate(`(() => {
      const now = (${NODES})(document.querySelector('essay-embed').shadowRoot);
      return { before: window.__before.length, now: now.length, same: now.every((n, i) => n === window.__before[i]) };
    })()`);
    assert.deepEqual(same, { before: same.before, now: same.before, same: true }, `${path}: the same node objects`);

    await popover.getByRole('button', { name: 'Copy link' }).click();
    await popover.getByText('Link copied').waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(link.startsWith(`${server.url}${path}#ee=1~view-from-beijing~`), link);

    // The link opened fresh: arriving on it hydrates at once and highlights the passage.
    const reader = await open(link.slice(server.url.length));
    await reader.page.waitForFunction(() => CSS.highlights.get('essay-embed-quote')?.size > 0);
    const text = await reader.page.evaluate(() => [...CSS.highlights.get('essay-embed-quote')][0].toString());
    assert.equal(text, passage);
    assert.equal(reader.wasm.length, 1);
    assert.deepEqual([...errors, ...reader.errors], []);
    await reader.context.close();
    await context.close();
  }
});

test('a pull quote share button pressed before the renderer is there opens the popover', async () => {
  const { page, errors, wasm, context } = await open('/inline.html');
  await page.waitForFunction(() => customElements.get('essay-embed'));
  assert.deepEqual(wasm, []);
  await page.locator('essay-embed').locator('.ee-pq-share').first().click();
  await page.locator('essay-embed').locator('.ee-share').waitFor();
  assert.equal(wasm.length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a stale pre-render (the content changed since) is rendered again, once', async () => {
  const { page, errors, context } = await open('/stale.html');
  await page.evaluate(() => {
    window.__writes = 0;
    new MutationObserver((records) => { window.__writes += records.filter((r) => r.type === 'childList' && r.target === document.querySelector('essay-embed').shadowRoot).length; })
      .observe(document.querySelector('essay-embed').shadowRoot, { childList: true });
  });
  // Keyboard focus inside the essay brings the renderer.
  await page.locator('essay-embed').evaluate((el) => el.shadowRoot.querySelector('.ee-pq-share').focus());
  await page.waitForFunction(() => window.__ready.length > 0);
  await page.waitForTimeout(200);
  const ready = await page.evaluate(() => window.__ready);
  assert.equal(ready.length, 1);
  assert.equal(ready[0].hydrated, true);
  assert.equal(ready[0].rerendered, true);
  assert.equal(await page.evaluate(() => window.__writes), 1, 'one write of the shadow root');
  assert.match(await shadow(page, '[data-block="0"]') ?? '', /Today, all the major powers must recognize/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('under a strict CSP with Trusted Types, a pre-rendered element is styled and hydrates cleanly (hydrate="idle")', async () => {
  const { page, errors, wasm, context } = await open('/csp.html', { clipboard: true });
  await page.waitForFunction(() => window.__ready.length > 0);
  const ready = await page.evaluate(() => window.__ready[0]);
  assert.equal(ready.hydrated, true);
  assert.equal(ready.rerendered, false);
  assert.equal(wasm.length, 1);
  const font = await page.locator('essay-embed').evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ee-body p')).fontFamily);
  assert.match(font, /Charter/);
  await select(page, 'engage China on arms control');
  await page.locator('essay-embed').locator('.ee-share').waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});
