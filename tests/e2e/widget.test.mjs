// The drop-in widget in Chromium: attributes, content sources, many elements, isolation
// from hostile CSS, a strict CSP, error states with Retry, events, accessibility.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { launch, watchErrors, waitRendered } from './browser.mjs';

const require = createRequire(import.meta.url);
const SEED_PATH = 'www/content/reinventing-nuclear-arms-control.json';
const SEED_URL = '/content/reinventing-nuclear-arms-control.json';
const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

// What the flaky content endpoint answers next: 'ok', '404', '500', 'invalid', 'truncated', 'slow'.
let flaky = 'ok';
const pages = new Map();
let server, browser, seed;

const routes = {
  '/favicon.ico': (req, res) => { res.writeHead(204); res.end(); },
  '/flaky.json': (req, res) => {
    if (flaky === '404' || flaky === '500') {
      res.writeHead(Number(flaky), { 'content-type': 'text/plain' });
      return res.end('nope');
    }
    if (flaky === 'slow') return setTimeout(() => { res.writeHead(200); res.end(seed); }, 3000);
    res.writeHead(200, { 'content-type': 'application/json' });
    if (flaky === 'invalid') return res.end('<html>a proxy error page</html>');
    if (flaky === 'truncated') return res.end(seed.slice(0, 200));
    res.end(seed);
  },
};

/** Serves `body` at a fresh path with `headers`; returns its URL. */
function page(body, headers = {}) {
  const path = `/test-${pages.size}.html`;
  pages.set(path, body);
  routes[path] = (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
    res.end(body);
  };
  return `${server.url}${path}`;
}

const SCRIPT = '<script type="module" src="/pkg/essay-embed.js"></script>';

before(async () => {
  seed = await readFile(SEED_PATH, 'utf8');
  server = await startServer({ routes });
  browser = await launch();
  await mkdir('target/e2e', { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, { init, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, ...options });
  const p = await context.newPage();
  const errors = watchErrors(p);
  // Listeners that must be there before the page's scripts run (`init`).
  if (init) await p.addInitScript(init);
  await p.goto(url);
  return { page: p, errors, close: () => context.close() };
}

const shadowText = (locator, selector) =>
  locator.evaluate((el, s) => el.shadowRoot.querySelector(s)?.textContent ?? null, selector);

test('every content source: src, inline JSON, the data property (object and text)', async () => {
  const { page: p, errors, close } = await open(page(`${SCRIPT}
    <essay-embed id="src" src="${SEED_URL}" loading="eager"></essay-embed>
    <essay-embed id="inline" mode="card" loading="eager"><script type="application/json">${seed}</script></essay-embed>
    <essay-embed id="object" mode="card" loading="eager"></essay-embed>
    <essay-embed id="text" mode="card" loading="eager"></essay-embed>`));
  await p.evaluate(async (url) => {
    const doc = await (await fetch(url)).json();
    doc.essays[0].title = 'From an object';
    document.getElementById('object').data = doc;
    document.getElementById('text').data = JSON.stringify({ title: 'From text', body: 'Body.' });
  }, SEED_URL);
  await waitRendered(p);
  assert.equal(await shadowText(p.locator('#src'), 'h1'), 'View From Beijing');
  assert.equal(await shadowText(p.locator('#inline'), '.ee-title'), 'View From Beijing');
  assert.equal(await shadowText(p.locator('#object'), '.ee-title'), 'From an object');
  assert.equal(await shadowText(p.locator('#text'), '.ee-title'), 'From text');
  assert.deepEqual(errors, []);
  await close();
});

test('attributes: essay, mode, lang, heading-level; changes re-render; removal stops work', async () => {
  const { page: p, errors, close } = await open(page(`${SCRIPT}
    <essay-embed id="e" src="${SEED_URL}" essay="on-entanglement" mode="card" heading-level="4" loading="eager"></essay-embed>`));
  const e = p.locator('#e');
  await waitRendered(p);
  assert.equal(await shadowText(e, 'h4.ee-title'), 'On Entanglement');
  const ready = p.evaluate(() => new Promise((ok) => document.addEventListener('essay-embed:ready', (ev) => ok(ev.detail), { once: true })));
  await e.evaluate((el) => { el.setAttribute('essay', 'view-from-beijing'); el.setAttribute('mode', 'article'); el.setAttribute('lang', 'zh'); el.removeAttribute('heading-level'); });
  assert.deepEqual(await ready, { mode: 'article', essay: 'view-from-beijing', hydrated: false, rerendered: false, warnings: [] });
  assert.equal(await shadowText(e, 'h1'), 'View From Beijing');
  assert.match(await shadowText(e, '.ee-reading-time'), /分钟/);
  await e.evaluate((el) => el.setAttribute('mode', 'series'));
  await p.waitForFunction(() => document.querySelector('#e').shadowRoot.querySelectorAll('.ee-cards-item').length === 4);
  // A heading level that is not 1 to 6: the mode's default, and a warning that names it.
  const warned = p.evaluate(() => new Promise((ok) => document.addEventListener('essay-embed:ready', (ev) => ok(ev.detail.warnings), { once: true })));
  await e.evaluate((el) => el.setAttribute('heading-level', '9'));
  assert.deepEqual(await warned, [{ path: 'heading-level attribute', message: '"9" is not a level from 1 to 6; the default is used' }]);
  assert.equal(await e.evaluate((el) => el.shadowRoot.querySelectorAll('h2.ee-title').length > 0), true);

  // Removed while a request is in flight: nothing renders into it, no event fires.
  flaky = 'slow';
  const late = await p.evaluate(async () => {
    const el = document.createElement('essay-embed');
    el.setAttribute('src', '/flaky.json');
    el.setAttribute('loading', 'eager');
    let events = 0;
    el.addEventListener('essay-embed:ready', () => events++);
    el.addEventListener('essay-embed:error', () => events++);
    document.body.append(el);
    await new Promise((ok) => setTimeout(ok, 300));
    el.remove();
    await new Promise((ok) => setTimeout(ok, 3500));
    return { events, rendered: !!el.shadowRoot.querySelector('.ee') };
  });
  flaky = 'ok';
  assert.deepEqual(late, { events: 0, rendered: false });
  assert.deepEqual(errors, []);
  await close();
});

test('lazy by default: nothing is fetched until the element nears the viewport', async () => {
  const { page: p, close } = await open(page(`${SCRIPT}<div style="height:5000px"></div>
    <essay-embed id="far" src="${SEED_URL}" mode="card"></essay-embed>`));
  const requested = [];
  p.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await p.waitForFunction(() => customElements.get('essay-embed'));
  await p.waitForTimeout(500);
  assert.deepEqual(requested.filter((r) => r.endsWith('.json') || r.endsWith('.wasm')), [], 'fetched too early');
  await p.locator('#far').scrollIntoViewIfNeeded();
  await waitRendered(p);
  assert.ok(requested.includes(SEED_URL));
  await close();
});

test('ten elements of mixed modes on one page, one wasm download', async () => {
  const modes = ['article', 'card', 'series', 'card', 'card', 'article', 'series', 'card', 'card', 'card'];
  const essays = ['view-from-beijing', 'on-north-korea', '', 'on-entanglement', 'on-defense-transformation'];
  const els = modes.map((m, i) => `<essay-embed src="${SEED_URL}" mode="${m}" ${essays[i % 5] ? `essay="${essays[i % 5]}"` : ''} loading="eager"></essay-embed>`);
  const wasm = [];
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = watchErrors(p);
  p.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await p.goto(page(SCRIPT + els.join('\n')));
  await waitRendered(p);
  const counts = await p.evaluate(() => [...document.querySelectorAll('essay-embed')].map((el) => el.shadowRoot.querySelector('.ee').className));
  assert.equal(counts.length, 10);
  assert.equal(counts.filter((c) => c.includes('ee-article')).length, 2);
  assert.equal(counts.filter((c) => c.includes('ee-series')).length, 2);
  assert.equal(wasm.length, 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('hostile host CSS does not change how the essay looks', async () => {
  // The width is fixed so that the body's margin (which `all: unset` removes) does not
  // change the container-relative title size.
  const css = (hostile) => `<style>essay-embed { display: block; width: 800px } ${hostile ? 'body { font: 40px cursive; color: red; line-height: 3; text-align: right; letter-spacing: 5px; word-spacing: 9px; text-transform: uppercase; font-style: italic } * { all: unset }' : ''}</style>`;
  const styles = async (hostile) => {
    const { page: p, close } = await open(page(`${css(hostile)}${SCRIPT}<essay-embed src="${SEED_URL}" loading="eager"></essay-embed>`));
    await waitRendered(p);
    const result = await p.locator('essay-embed').evaluate((el) => {
      const pick = (sel) => {
        const s = getComputedStyle(el.shadowRoot.querySelector(sel));
        return ['fontFamily', 'fontSize', 'fontStyle', 'color', 'lineHeight', 'textAlign', 'letterSpacing', 'wordSpacing', 'textTransform']
          .map((k) => `${k}=${s[k]}`).join(';');
      };
      return { title: pick('h1'), body: pick('[data-block="0"]'), byline: pick('.ee-author-name'), width: el.shadowRoot.querySelector('.ee').getBoundingClientRect().width };
    });
    await close();
    return result;
  };
  const plain = await styles(false);
  const hostile = await styles(true);
  assert.equal(hostile.title, plain.title);
  assert.equal(hostile.body, plain.body);
  assert.equal(hostile.byline, plain.byline);
  assert.ok(hostile.width > 600, `the host's reset must not collapse the widget: ${hostile.width}`);
});

test('a strict CSP page renders with no violation', async () => {
  const url = page(`<!doctype html><html lang="en"><head><title>CSP</title>${SCRIPT}</head><body>
    <essay-embed src="${SEED_URL}" loading="eager"></essay-embed>
    <essay-embed src="${SEED_URL}" mode="series" loading="eager"></essay-embed></body></html>`,
  { 'content-security-policy': STRICT_CSP });
  const context = await browser.newContext();
  const p = await context.newPage();
  const errors = watchErrors(p);
  await p.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await p.goto(url);
  await waitRendered(p);
  assert.equal(await shadowText(p.locator('essay-embed').first(), 'h1'), 'View From Beijing');
  assert.deepEqual(await p.evaluate(() => window.__violations), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('error states: 404, 500, timeout, invalid and truncated JSON, then Retry succeeds', async () => {
  for (const [state, code, text] of [
    ['404', 'not-found', 'was not found (HTTP 404)'],
    ['500', 'http', 'answered with HTTP status 500'],
    ['slow', 'timeout', 'did not answer within 1 seconds'],
    ['invalid', 'invalid-json', 'not valid JSON'],
    ['truncated', 'invalid-json', 'not valid JSON'],
  ]) {
    flaky = state;
    const { page: p, errors, close } = await open(page(`${SCRIPT}
      <essay-embed id="bad" src="/flaky.json" timeout="1" loading="eager"></essay-embed>
      <essay-embed id="good" src="${SEED_URL}" mode="card" loading="eager"></essay-embed>`), {
      // The error can come before the page has loaded (the content is fetched beside the wasm).
      init: () => { window.__errors = []; document.addEventListener('essay-embed:error', (e) => window.__errors.push(e.detail)); },
    });
    await waitRendered(p);
    await p.waitForFunction(() => window.__errors.length > 0);
    const detail = await p.evaluate(() => window.__errors[0]);
    assert.equal(detail.code, code, state);
    assert.ok(detail.message.includes(text), `${state}: ${detail.message}`);
    const bad = p.locator('#bad');
    assert.ok((await shadowText(bad, '[role=alert]')).includes(text));
    // The other element on the page is unaffected.
    assert.equal(await shadowText(p.locator('#good'), '.ee-title'), 'View From Beijing');
    // The server recovers; Retry (by keyboard) brings the essay.
    flaky = 'ok';
    await bad.locator('.ee-retry').focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => document.querySelector('#bad').shadowRoot.querySelector('h1'));
    assert.equal(await shadowText(bad, 'h1'), 'View From Beijing');
    if (state === '404') await bad.screenshot({ path: 'target/e2e/error-retry-done.png' });
    assert.deepEqual(errors.filter((e) => !e.includes('Failed to load resource')), []);
    await close();
  }
});

test('invalid content and unknown ids: clear messages, no Retry, no exceptions', async () => {
  const { page: p, errors, close } = await open(page(`${SCRIPT}
    <essay-embed id="a" loading="eager"><script type="application/json">{"version":2,"essays":[{"id":"x","title":" "}]}</script></essay-embed>
    <essay-embed id="b" src="${SEED_URL}" essay="missing" loading="eager"></essay-embed>
    <essay-embed id="c" loading="eager"></essay-embed>`));
  await waitRendered(p);
  const a = await shadowText(p.locator('#a'), '[role=alert]');
  assert.ok(a.includes('version: unsupported version 2') && a.includes('essays[0].title: must not be blank'), a);
  assert.ok((await shadowText(p.locator('#b'), '[role=alert]')).includes('no essay has the id "missing"'));
  assert.ok((await shadowText(p.locator('#c'), '[role=alert]')).includes('no content'));
  assert.equal(await p.locator('#a').evaluate((el) => el.shadowRoot.querySelector('.ee-retry')), null);
  await p.locator('#a').screenshot({ path: 'target/e2e/error-invalid.png' });
  assert.deepEqual(errors, []);
  await close();
});

test('axe-core finds no violations in article, card and series, light and dark; screenshots', async () => {
  const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  for (const theme of ['light', 'dark']) {
    for (const mode of ['article', 'card', 'series']) {
      const { page: p, close } = await open(page(`<!doctype html><html lang="en"><head><title>axe ${mode}</title>${SCRIPT}</head>
        <body><main>${mode === 'article' ? '' : '<h1>Host page</h1>'}<essay-embed src="${SEED_URL}" mode="${mode}" theme="${theme}" loading="eager"></essay-embed></main></body></html>`),
      { colorScheme: theme });
      await waitRendered(p);
      await p.addScriptTag({ content: axeSource });
      const result = await p.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      });
      assert.deepEqual(result, [], `${mode} ${theme}`);
      await p.locator('essay-embed').screenshot({ path: `target/e2e/${mode}-${theme}.png` });
      await close();
    }
  }
});

test('the JS API: renderToString and render', async () => {
  const { page: p, errors, close } = await open(page(`<essay-embed id="target"></essay-embed>`));
  const out = await p.evaluate(async (url) => {
    const api = await import('/pkg/essay-embed.js');
    const doc = await (await fetch(url)).json();
    const html = await api.renderToString(doc, { mode: 'card', essay: 'on-north-korea' });
    let error = null;
    try { await api.renderToString('{"version":1}'); } catch (e) { error = String(e.message ?? e); }
    await api.render(document.getElementById('target'), doc, { mode: 'card' });
    await new Promise((ok) => requestAnimationFrame(ok));
    return { html, error };
  }, SEED_URL);
  assert.ok(out.html.startsWith('<article class="ee ee-card ee-link-out"'), out.html);
  assert.ok(out.error.includes('essays: must hold at least one essay'), out.error);
  await p.waitForFunction(() => document.getElementById('target').shadowRoot?.querySelector('.ee-card'));
  assert.deepEqual(errors, []);
  await close();
});

test('privacy: the only requests are the page, the widget files and the content', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  await p.goto(`${server.url}/`);
  await p.locator('essay-embed[render-hash]').scrollIntoViewIfNeeded();
  await waitRendered(p, 'essay-embed[render-hash]');
  const foreign = requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('data:'));
  assert.deepEqual(foreign, []);
  const paths = new Set(requests.map((u) => new URL(u).pathname));
  for (const path of paths) assert.match(path, /^\/($|site\.css|pkg\/([\w-]+|immutable\/[\w-]+\.[0-9a-f]{16})\.(js|wasm|css)|content\/[\w-]+\.json)$/, path);
  await context.close();
});

test('responsive from 280 px to 1280 px: no horizontal overflow, even with a 5,000-character word', async () => {
  const word = 'x'.repeat(5000);
  const doc = JSON.stringify({ title: `Long ${word}`, authors: [{ name: word }], body: `A ${word} word.\n\n| a | b |\n|---|---|\n| ${word} | c |`, pull_quotes: [`A ${word} word.`] });
  for (const width of [280, 375, 768, 1280]) {
    for (const mode of ['article', 'card']) {
      const { page: p, close } = await open(page(`${SCRIPT}<essay-embed mode="${mode}" loading="eager"><script type="application/json">${doc}</script></essay-embed>
        <essay-embed src="${SEED_URL}" mode="${mode}" loading="eager"></essay-embed>`), { viewport: { width, height: 800 } });
      await waitRendered(p);
      const overflow = await p.evaluate(() => ({
        page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        widgets: [...document.querySelectorAll('essay-embed')].map((el) => {
          const root = el.shadowRoot.querySelector('.ee');
          return root.scrollWidth - root.clientWidth;
        }),
      }));
      assert.deepEqual(overflow, { page: 0, widgets: [0, 0] }, `${mode} at ${width}px`);
      if (width === 280 && mode === 'article') await p.screenshot({ path: 'target/e2e/article-280px.png' });
      await close();
    }
  }
});

test('theme="auto" follows prefers-color-scheme; theme="light" overrides it', async () => {
  const { page: p, close } = await open(page(`${SCRIPT}
    <essay-embed id="auto" src="${SEED_URL}" mode="card" loading="eager"></essay-embed>
    <essay-embed id="light" src="${SEED_URL}" mode="card" theme="light" loading="eager"></essay-embed>`), { colorScheme: 'dark' });
  await waitRendered(p);
  const bg = (id) => p.locator(id).evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ee')).color);
  assert.notEqual(await bg('#auto'), await bg('#light'));
  assert.equal(await bg('#light'), 'rgb(27, 27, 27)');
  await close();
});
