// Hostile host pages and network faults: replaced globals, forced-closed shadow roots,
// Trusted Types, redirects, resets, wrong content types, CORS, and a renderer crash.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { startServer } from './server.mjs';
import { launch, watchErrors, waitRendered } from './browser.mjs';

const SEED_URL = '/content/reinventing-nuclear-arms-control.json';
let seed, server, other, browser;
let corsAllowed = false;
let resetNext = true;

const send = (res, status, type, body, headers = {}) => { res.writeHead(status, { 'content-type': type, ...headers }); res.end(body); };
const routes = {
  '/favicon.ico': (req, res) => send(res, 204, 'text/plain', ''),
  '/moved.json': (req, res) => send(res, 302, 'text/plain', '', { location: SEED_URL }),
  '/plain.json': (req, res) => send(res, 200, 'text/plain', seed),
  '/proxy-error.json': (req, res) => send(res, 200, 'text/html', '<html><body>502 Bad Gateway</body></html>'),
  '/reset.json': (req, res) => {
    if (resetNext) return req.socket.destroy();
    send(res, 200, 'application/json', seed);
  },
};
const pages = new Map();
function page(body, headers = {}) {
  const path = `/hostile-${pages.size}.html`;
  pages.set(path, body);
  routes[path] = (req, res) => send(res, 200, 'text/html; charset=utf-8',
    `<!doctype html><html lang="en"><head><title>hostile</title>${body}</body></html>`, headers);
  return `${server.url}${path}`;
}

before(async () => {
  seed = await readFile(`www${SEED_URL}`, 'utf8');
  server = await startServer({ routes });
  // A second origin (another port) for CORS.
  other = createServer((req, res) => {
    const headers = corsAllowed ? { 'access-control-allow-origin': '*' } : {};
    send(res, 200, 'application/json', seed, headers);
  });
  await new Promise((ok) => other.listen(0, '127.0.0.1', ok));
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await new Promise((ok) => other?.close(ok));
  await server?.close();
});

async function open(url, { clipboard = false } = {}) {
  const context = await browser.newContext();
  if (clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const p = await context.newPage();
  const errors = watchErrors(p);
  await p.goto(url);
  return { page: p, errors, context };
}

const SCRIPT = '<script type="module" src="/pkg/essay-embed.js"></script>';

test('globals replaced before the widget loads, shadow roots forced closed: it renders and shares', async () => {
  const hostile = `<script>
    Array.prototype.map = function () { throw new Error('hostile map'); };
    // A page's own JSON.parse wrapper (the widget parses with the JSON.parse it finds at
    // load; one that throws before then would break the page's own code first).
    const realParse = JSON.parse;
    JSON.parse = function (...args) { window.__parses = (window.__parses || 0) + 1; return realParse.apply(this, args); };
    const realFetch = window.fetch;
    window.fetch = function (...args) { window.__fetches = (window.__fetches || 0) + 1; return realFetch.apply(this, args); };
    const realAttach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = realAttach.call(this, { ...init, mode: 'closed' });
      this.__root = root; // the test's way in; the page's own code sees nothing
      return root;
    };
  </script>${SCRIPT}</head><body>
    <essay-embed id="src" src="${SEED_URL}" loading="eager"></essay-embed>
    <essay-embed id="data" mode="card" loading="eager"></essay-embed>
    <script type="module">
      const res = await fetch('${SEED_URL}');
      const text = await res.text();
      document.getElementById('data').data = { title: 'From data, stringified by the widget', body: text.slice(0, 0) + 'Body.' };
    </script>`;
  const { page: p, errors, context } = await open(page(hostile), { clipboard: true });
  await p.waitForFunction(() => ['src', 'data'].every((id) => document.getElementById(id).__root?.querySelector('.ee')));
  // Array.from, not .map: the page broke Array.prototype.map.
  const titles = await p.evaluate(() => Array.from(['src', 'data'], (id) => document.getElementById(id).__root.querySelector('.ee-title').textContent));
  assert.deepEqual(titles, ['View From Beijing', 'From data, stringified by the widget']);
  assert.equal(await p.evaluate(() => document.getElementById('src').shadowRoot), null, 'the root stayed closed');
  // Share from the keyboard inside the closed root.
  await p.evaluate(() => {
    const text = document.getElementById('src').__root.querySelector('[data-block="1"]').firstChild;
    getSelection().setBaseAndExtent(text, 0, text, 'Washington cannot coerce Beijing'.length);
  });
  await p.waitForFunction(() => document.getElementById('src').__root.querySelector('.ee-share'));
  await p.keyboard.press('Tab');
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => document.getElementById('src').__root.querySelector('.ee-live')?.textContent === 'Link copied');
  const link = await p.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#ee=1~view-from-beijing~\d+~32~[^~]*~Washington\+cannot\+coerce\+Beijing~~/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('globals broken after the widget loaded: it keeps working with what it captured', async () => {
  const { page: p, errors, context } = await open(page(`${SCRIPT}</head><body>`));
  await p.waitForFunction(() => customElements.get('essay-embed'));
  await p.evaluate((src) => {
    window.fetch = () => Promise.reject(new TypeError('hostile fetch'));
    JSON.stringify = () => { throw new Error('hostile stringify'); };
    JSON.parse = () => { throw new Error('hostile parse'); };
    Array.prototype.map = () => { throw new Error('hostile map'); };
    Element.prototype.attachShadow = () => { throw new Error('hostile attachShadow'); };
    const a = document.createElement('essay-embed');
    a.setAttribute('src', src);
    a.setAttribute('loading', 'eager');
    const b = document.createElement('essay-embed');
    b.setAttribute('mode', 'card');
    b.setAttribute('loading', 'eager');
    b.data = { title: 'Data object', body: 'Text.' };
    document.body.append(a, b);
  }, SEED_URL);
  await waitRendered(p);
  const titles = await p.evaluate(() => Array.from(document.querySelectorAll('essay-embed'), (el) => el.shadowRoot.querySelector('.ee-title').textContent));
  assert.deepEqual(titles, ['View From Beijing', 'Data object']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no shadow roots at all: the fallback stays, a clear error is reported, nothing throws', async () => {
  const { page: p, errors, context } = await open(page(`<script>
      Element.prototype.attachShadow = () => { throw new Error('shadow DOM disabled by this page'); };
      window.__errors = [];
      document.addEventListener('essay-embed:error', (e) => window.__errors.push(e.detail));
    </script>${SCRIPT}</head><body>
    <essay-embed src="${SEED_URL}" loading="eager"><a href="https://example.com/essay">Read the essay</a></essay-embed>`));
  await p.waitForFunction(() => window.__errors.length > 0);
  const detail = await p.evaluate(() => window.__errors[0]);
  assert.equal(detail.code, 'no-shadow-root');
  assert.match(detail.message, /shadow DOM disabled by this page/);
  assert.equal(await p.locator('essay-embed a').textContent(), 'Read the essay');
  assert.deepEqual(errors, [`console: essay-embed: ${detail.message}`], 'only the documented console error');
  await context.close();
});

test('Trusted Types: renders and shares under require-trusted-types-for with the essay-embed policy', async () => {
  const csp = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; require-trusted-types-for 'script'; trusted-types essay-embed";
  const url = page(`${SCRIPT}</head><body><essay-embed src="${SEED_URL}" loading="eager"></essay-embed>`, { 'content-security-policy': csp });
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = watchErrors(p);
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective}`));
  });
  await p.goto(url);
  await waitRendered(p);
  assert.equal(await p.locator('essay-embed').evaluate((el) => el.shadowRoot.querySelector('h1').textContent), 'View From Beijing');
  await p.locator('essay-embed').evaluate((el) => {
    const text = el.shadowRoot.querySelector('[data-block="0"]').firstChild;
    getSelection().setBaseAndExtent(text, 0, text, 16);
  });
  await p.locator('essay-embed').locator('.ee-share').waitFor();
  assert.deepEqual(await p.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('network faults: redirect, text/plain JSON, proxy error page, connection reset, CORS; Retry recovers', async () => {
  resetNext = true;
  corsAllowed = false;
  const cross = `http://127.0.0.1:${other.address().port}/essay.json`;
  const { page: p, context } = await open(page(`${SCRIPT}</head><body>
    <essay-embed id="moved" src="/moved.json" loading="eager"></essay-embed>
    <essay-embed id="plain" src="/plain.json" mode="card" loading="eager"></essay-embed>
    <essay-embed id="proxy" src="/proxy-error.json" loading="eager"></essay-embed>
    <essay-embed id="reset" src="/reset.json" loading="eager"></essay-embed>
    <essay-embed id="cors" src="${cross}" loading="eager"></essay-embed>`));
  await waitRendered(p);
  const state = (id) => p.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot;
    return root.querySelector('.ee-title')?.textContent ?? root.querySelector('[role=alert]')?.textContent;
  }, id);
  assert.equal(await state('moved'), 'View From Beijing');
  assert.equal(await state('plain'), 'View From Beijing');
  assert.match(await state('proxy'), /answered with text\/html, not JSON/);
  assert.match(await state('reset'), /could not reach .*reset\.json/);
  assert.match(await state('cors'), /could not reach .*CORS/);
  // The servers recover: Retry brings the essays.
  resetNext = false;
  corsAllowed = true;
  for (const id of ['reset', 'cors']) {
    await p.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.ee-retry').click(), id);
    await p.waitForFunction((id) => document.getElementById(id).shadowRoot.querySelector('.ee-title'), id);
    assert.equal(await state(id), 'View From Beijing');
  }
  await context.close();
});

test('a renderer crash (a wasm trap) spares the page: the element and later ones render on a fresh instance', async () => {
  const { page: p, errors, context } = await open(page(`${SCRIPT}</head><body>
    <essay-embed id="a" src="${SEED_URL}" mode="card" loading="eager"></essay-embed>`));
  const glue = [];
  p.on('request', (r) => { if (/essay-embed-core\.[0-9a-f]+\.js/.test(r.url())) glue.push(new URL(r.url()).search); });
  await waitRendered(p);
  await p.evaluate(async () => {
    // Make the instance trap, as a Rust panic (panic = "abort") would.
    const m = await import(performance.getEntriesByType('resource').map((e) => e.name).find((n) => /essay-embed-core\.[0-9a-f]+\.js$/.test(n)));
    m.View.prototype.update = function () { throw new WebAssembly.RuntimeError('unreachable'); };
    document.getElementById('a').setAttribute('mode', 'article');
  });
  await p.waitForFunction(() => document.getElementById('a').shadowRoot.querySelector('h1'));
  await p.evaluate((src) => {
    const b = document.createElement('essay-embed');
    b.id = 'b';
    b.setAttribute('src', src);
    b.setAttribute('mode', 'card');
    b.setAttribute('loading', 'eager');
    document.body.append(b);
  }, SEED_URL);
  await p.waitForFunction(() => document.getElementById('b').shadowRoot?.querySelector('.ee-title'));
  assert.deepEqual(glue, ['?instance=1'], 'one fresh instance after the crash');
  assert.deepEqual(errors, ['console: essay-embed: the renderer crashed (unreachable); its essays start again']);
  await context.close();
});

test('bad input in the browser: lone surrogates from JavaScript, 100,000-deep JSON, a 10 MB body: clear errors, the rest renders', async () => {
  const { page: p, errors, context } = await open(page(`${SCRIPT}</head><body>
    <essay-embed id="surrogate" mode="card" loading="eager"></essay-embed>
    <essay-embed id="deep" loading="eager"></essay-embed>
    <essay-embed id="big" loading="eager"></essay-embed>
    <essay-embed id="after" src="${SEED_URL}" mode="card" loading="eager"></essay-embed>`));
  await p.evaluate(() => {
    document.getElementById('surrogate').data = { title: 'Lone \ud800 surrogate \udfff here', body: 'x' };
    document.getElementById('deep').data = `{"title":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const paragraph = 'A sentence of an essay that goes on, with *emphasis* and a [link](https://x.example).\n\n';
    document.getElementById('big').data = { title: 'Big', body: paragraph.repeat(Math.ceil(10 * 1024 * 1024 / paragraph.length)) };
  });
  await waitRendered(p);
  const read = (id, sel) => p.evaluate(([id, sel]) => document.getElementById(id).shadowRoot.querySelector(sel)?.textContent, [id, sel]);
  assert.equal(await read('surrogate', '.ee-title'), 'Lone \ufffd surrogate \ufffd here');
  // JSON.parse reads any depth; the copy out of JavaScript stops at 128 levels, as
  // serde_json does natively, so depth cannot exhaust the wasm's stack.
  assert.match(await read('deep', '[role=alert]'), /nested more than 128 levels deep/);
  // An object is read as it is: its body is over the limit.
  assert.match(await read('big', '[role=alert]'), /body: too long: 10\.\d MB \(the limit is 2\.0 MB\)/);
  assert.equal(await read('after', '.ee-title'), 'View From Beijing');
  assert.deepEqual(errors, []);
  await context.close();
});
