// The demo page, end to end: the partner page embeds the seed essay with one script tag.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serveAndLaunch, watchErrors, waitRendered } from './browser.mjs';

let server, browser;
serveAndLaunch(undefined, (s, b) => { server = s; browser = b; }, { screenshots: true });

test('the demo page shows the seed essay inside the shadow root', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.__parsed = document.querySelector('essay-embed[render-hash]')?.shadowRoot?.querySelector('h1')?.textContent;
  }));
  await page.goto(`${server.url}/`);
  // The article is pre-rendered (by the demo server, with the CLI): there before the wasm.
  const article = page.locator('essay-embed[render-hash]');
  assert.equal(await article.getAttribute('essay'), 'view-from-beijing');
  await article.scrollIntoViewIfNeeded();
  await waitRendered(page, 'essay-embed[render-hash]');

  const text = (selector) => article.evaluate((el, s) => el.shadowRoot.querySelector(s)?.textContent ?? null, selector);
  assert.equal(await text('h1'), 'View From Beijing');
  const byline = await text('[part="byline"]');
  for (const expected of ['Tong Zhao', 'Senior Fellow', 'Carnegie–Tsinghua Center for Global Policy']) {
    assert.ok(byline.includes(expected), `byline ${JSON.stringify(byline)} lacks ${expected}`);
  }
  const quotes = await article.evaluate((el) => [...el.shadowRoot.querySelectorAll('[part="pullquote"]')].map((q) => q.textContent));
  assert.ok(
    quotes.some((q) => q.includes('If Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?')),
    JSON.stringify(quotes),
  );
  // Playwright's locators pierce open shadow roots: a reader-visible check, not just DOM text.
  await assert.doesNotReject(article.getByRole('heading', { level: 1, name: 'View From Beijing' }).waitFor());
  assert.deepEqual(errors, []);
  assert.equal(await page.evaluate(() => window.__parsed), 'View From Beijing', 'the article is in the HTML');
  // The card and the series come through the script tag, from one request for their content.
  for (const mode of ['card', 'series']) {
    const el = page.locator(`essay-embed[mode="${mode}"]`);
    await el.scrollIntoViewIfNeeded();
    await waitRendered(page, `essay-embed[mode="${mode}"]`);
    assert.ok(await el.evaluate((e) => e.shadowRoot.querySelector('.ee-title, .ee-series-title')?.textContent.length > 0), mode);
  }
  const content = requests.filter((p) => p.endsWith('/reinventing-nuclear-arms-control.json'));
  assert.equal(content.length, 1, `one request for the content shared by the elements: ${content}`);
  await article.screenshot({ path: 'target/e2e/demo-article.png' });
  await page.screenshot({ path: 'target/e2e/demo-page.png', fullPage: true });
  await page.close();
});

test('the script defines the element once and loads the wasm only when needed', async () => {
  const page = await browser.newPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('.wasm')) wasm.push(r.url()); });
  await page.setContent('<p>no essay here</p>');
  await page.goto(`${server.url}/pkg/essay-embed.js`).catch(() => {});
  await page.goto(`${server.url}/robots-missing`).catch(() => {});
  await page.setContent(`<script type="module" src="${server.url}/pkg/essay-embed.js"></script>
    <script type="module" src="${server.url}/pkg/essay-embed.js?again"></script><p>nothing to render</p>`);
  await page.waitForFunction(() => customElements.get('essay-embed'));
  await page.waitForTimeout(200);
  assert.deepEqual(wasm, [], 'no element, no wasm');
  await page.evaluate((src) => {
    const a = document.createElement('essay-embed');
    a.setAttribute('src', src);
    a.setAttribute('loading', 'eager');
    const b = a.cloneNode();
    b.setAttribute('mode', 'card');
    document.body.append(a, b);
  }, `${server.url}/content/reinventing-nuclear-arms-control.json`);
  await waitRendered(page);
  assert.equal(wasm.length, 1, `one wasm fetch for the page: ${wasm}`);
  await page.close();
});
