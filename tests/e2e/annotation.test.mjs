// W3C Web Annotation selectors: the essay-embed:share event gives the passage as a
// TextQuoteSelector and a TextPositionSelector of the essay's canonical URL; the element's
// highlight() takes them back (from another page, after a reload) and highlights the
// passage. "Copy as citation" copies the quote with its reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveAndLaunch, watchErrors, waitRendered } from './browser.mjs';

const SEED = JSON.parse(await readFile('www/content/reinventing-nuclear-arms-control.json', 'utf8'));
const CANONICAL = SEED.essays.find((e) => e.id === 'view-from-beijing').canonical_url;
const routes = {
  '/seed.json': (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(SEED)); },
  '/essay.html': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html lang="en"><head><title>annotations</title><link rel="icon" href="data:,">
      <script type="module" src="/pkg/essay-embed.js"></script></head><body>
      <essay-embed src="/seed.json" essay="view-from-beijing" loading="eager"></essay-embed></body></html>`);
  },
};

let server, browser;
serveAndLaunch({ routes }, (s, b) => { server = s; browser = b; });

async function open() {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/essay.html`);
  await waitRendered(page);
  return { page, errors, context };
}

/** Selects `needle` in the body (one text node) and waits for the popover. */
async function select(page, needle) {
  await page.locator('essay-embed').evaluate((el, needle) => {
    const walker = document.createTreeWalker(el.shadowRoot.querySelector('.ee-body'), NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const at = node.data.indexOf(needle);
      if (at >= 0) return getSelection().setBaseAndExtent(node, at, node, at + needle.length);
    }
    throw new Error(`${needle} not found`);
  }, needle);
  await page.locator('essay-embed').locator('.ee-share').waitFor();
}

const highlighted = (page) => page.evaluate(() => [...(CSS.highlights.get('essay-embed-quote') ?? [])].map((r) => r.toString()));

test('the share event carries W3C selectors, and highlight() takes them back', async () => {
  const { page, errors, context } = await open();
  await page.evaluate(() => {
    window.__shared = [];
    document.addEventListener('essay-embed:share', (e) => window.__shared.push(e.detail));
  });
  const passage = 'Washington cannot coerce Beijing';
  await select(page, passage);
  const share = page.locator('essay-embed').locator('.ee-share');
  await share.getByRole('button', { name: 'Copy as citation' }).click();
  await share.getByText('Citation copied').waitFor();
  const [detail] = await page.evaluate(() => window.__shared);
  assert.equal(detail.target, 'copy-citation');
  assert.equal(detail.passage.source, CANONICAL);
  const [quote, position] = detail.passage.selector;
  assert.deepEqual(
    { type: quote.type, exact: quote.exact, prefix: quote.prefix.length, suffix: quote.suffix.length },
    { type: 'TextQuoteSelector', exact: passage, prefix: 32, suffix: 32 },
  );
  assert.equal(position.type, 'TextPositionSelector');
  assert.equal(position.end - position.start, passage.length);
  // The citation: the quote, then author, title, publication, date and the link.
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, detail.text);
  assert.match(copied, /^“Washington cannot coerce Beijing”\nTong Zhao, “View From Beijing”, Carnegie Endowment for International Peace, 9 September 2020\. https:\/\/carnegieendowment\.org\/\S+#ee=1~view-from-beijing~/);

  // Another page (a host that stored the annotation) highlights it again.
  const other = await open();
  const result = await other.page.locator('essay-embed').evaluate((el, p) => el.highlight(p), detail.passage);
  assert.deepEqual(result, { found: true, exact: true, score: 1, text: passage });
  assert.deepEqual(await highlighted(other.page), [passage]);
  // Each selector alone does too; one that matches nothing says so and highlights nothing new.
  for (const selector of [quote, [position]]) {
    const r = await other.page.locator('essay-embed').evaluate((el, s) => el.highlight(s), selector);
    assert.equal(r.text, passage);
  }
  const none = await other.page.locator('essay-embed').evaluate((el) => el.highlight({ type: 'TextQuoteSelector', exact: 'fisheries and the price of cod in winter' }));
  assert.equal(none.found, false);
  const thrown = await other.page.locator('essay-embed').evaluate((el) => { try { el.highlight(42); return null; } catch (e) { return e.message; } });
  assert.match(thrown, /highlight/);
  assert.deepEqual([...errors, ...other.errors], []);
  await other.context.close();
  await context.close();
});
