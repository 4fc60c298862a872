// Arriving on a share link whose passage was revised since it was shared: the demo's own
// link (made on an earlier wording of the seed essay), a long passage shown by its first and
// last words, a passage that is gone, in a right-to-left widget language. Each shows the
// passage as it was shared, says the essay was revised and highlights the closest current
// passage where there is one; screenshots in target/e2e/ and axe-core clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveAndLaunch, watchErrors, waitRendered, axeViolations, selectWithMouse, highlighted } from './browser.mjs';

const SEED = JSON.parse(await readFile('www/content/reinventing-nuclear-arms-control.json', 'utf8'));
// Without a canonical_url, share links point at the page the essay is embedded in.
const local = structuredClone(SEED);
for (const e of local.essays) delete e.canonical_url;
const revised = structuredClone(local);
revised.essays[0].body = revised.essays[0].body.replace('the right goals', 'the proper goals');
const rewritten = structuredClone(local);
rewritten.essays[0].body = 'A completely different text about fisheries and the price of cod.';
rewritten.essays[0].pull_quotes = [];

const json = (doc) => (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(doc)); };
const html = (content, attrs = '') => (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><title>revised</title><link rel="icon" href="data:,">
    <script type="module" src="/pkg/essay-embed.js"></script></head><body><main>
    <essay-embed src="${content}" essay="view-from-beijing" loading="eager"${attrs}></essay-embed></main></body></html>`);
};
const routes = {
  '/local.json': json(local),
  '/revised.json': json(revised),
  '/rewritten.json': json(rewritten),
  '/essay.html': html('/local.json'),
  '/revised.html': html('/revised.json'),
  '/rewritten-ar.html': html('/rewritten.json', ' lang="ar" theme="dark"'),
};

let server, browser;
serveAndLaunch({ routes }, (s, b) => { server = s; browser = b; }, { screenshots: true });

/** The revised-passage notice of the element matched by `selector`, as a reader meets it. */
const notice = (page, selector = 'essay-embed') => page.locator(selector).evaluate((el) => {
  const n = el.shadowRoot.querySelector('.ee-revised');
  if (!n) return null;
  const quote = n.querySelector('blockquote');
  return {
    role: n.getAttribute('role'),
    lang: n.lang,
    dir: n.dir,
    caption: n.querySelector('figure > figcaption').textContent,
    quote: quote.textContent,
    quoteLang: quote.lang,
    note: n.querySelector('.ee-revised-note').textContent,
    // What comes right after it: the paragraph holding the highlight, or the first one.
    next: n.nextElementSibling?.dataset.block ?? null,
    inView: (() => { const r = n.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })(),
  };
});

test('the demo: a link made on an earlier wording shows it as shared, says it was revised, highlights the passage now; axe-clean', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/`);
  // A reader follows the link as it is on the page.
  await page.locator('#revised-link').click();
  await page.waitForURL(/\?from=share#ee=1~view-from-beijing~/);
  const article = 'essay-embed[render-hash]';
  await waitRendered(page, article);
  const h = await highlighted(page, article);
  assert.equal(h.text, 'engagement will require transparency and time to build confidence');
  const n = await notice(page, article);
  assert.deepEqual(n, {
    role: 'status',
    lang: 'en',
    dir: 'ltr',
    caption: 'The passage as it was shared',
    quote: 'engagement will require patience and time to build confidence',
    quoteLang: 'en',
    note: 'It has since been revised. The closest passage in this version is highlighted.',
    next: String(h.block),
    inView: true,
  });
  const highlightInView = await page.evaluate(() => {
    const r = [...CSS.highlights.get('essay-embed-quote')][0].getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  });
  assert.ok(highlightInView);
  // Styled by the stylesheet: the quote set apart from the note.
  const styles = await page.locator(article).evaluate((el) => {
    const s = (sel) => getComputedStyle(el.shadowRoot.querySelector(sel));
    return { quote: s('.ee-revised-quote').fontStyle, caption: s('.ee-revised-title').textTransform, border: s('.ee-revised').borderInlineStartStyle };
  });
  assert.deepEqual(styles, { quote: 'italic', caption: 'uppercase', border: 'solid' });
  await page.screenshot({ path: 'target/e2e/revised-passage.png' });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long passage revised in its middle: its first and last words as shared, the passage now highlighted', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  await page.goto(`${server.url}/essay.html`);
  await waitRendered(page);
  const passage = 'Thus, the United States should be able to engage China on arms control if it sets the right goals. But if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?';
  await selectWithMouse(page, 0, passage);
  const share = page.locator('essay-embed').locator('.ee-share');
  await share.locator('[data-share-target="copy-link"]').click();
  await share.getByText('Link copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  // Carried as its first and last 32 characters.
  assert.match(link, /~Thus,\+the\+United\+States\+should\+b~Beijing,\+why\+would\+Beijing\+help\?~/);

  const reader = await context.newPage();
  const errors = watchErrors(reader);
  await reader.goto(link.replace('/essay.html', '/revised.html'));
  await waitRendered(reader);
  const h = await highlighted(reader);
  assert.equal(h.text, passage.replace('the right goals', 'the proper goals'));
  const n = await notice(reader);
  assert.equal(n.quote, 'Thus, the United States should … why would Beijing help?');
  assert.equal(n.note, 'It has since been revised. The closest passage in this version is highlighted.');
  assert.equal(n.next, '0');
  await reader.locator('essay-embed').screenshot({ path: 'target/e2e/revised-passage-long.png' });
  assert.deepEqual(errors, []);

  // Unchanged, the same link highlights the passage and says nothing.
  const same = await context.newPage();
  await same.goto(link);
  await waitRendered(same);
  assert.equal((await highlighted(same)).text, passage);
  assert.equal(await notice(same), null);
  await context.close();
});

test('a passage that is gone, in Arabic on the dark theme: the quote as shared and no highlight; right to left, axe-clean', async () => {
  const link = `${server.url}/rewritten-ar.html#ee=1~view-from-beijing~0~32~~Washington+cannot+coerce+%3Cb%3EBeijing%3C/b%3E~~`;
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(link);
  await waitRendered(page);
  assert.equal(await highlighted(page), null);
  const ar = Object.fromEntries((await readFile('src/render/i18n/ar.txt', 'utf8')).split('\n').filter(Boolean)
    .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  const n = await notice(page);
  assert.deepEqual(n, {
    role: 'status',
    lang: 'ar',
    dir: 'rtl',
    caption: ar.shared_as,
    // The link's text is shown as text, never as markup.
    quote: 'Washington cannot coerce <b>Beijing</b>',
    quoteLang: 'en',
    note: `${ar.revised} ${ar.not_found}`,
    next: '0',
    inView: true,
  });
  assert.equal(await page.locator('essay-embed').evaluate((el) => el.shadowRoot.querySelector('.ee-revised b')), null);
  assert.equal(await page.locator('essay-embed').evaluate((el) => getComputedStyle(el.shadowRoot.querySelector('.ee-revised-title')).direction), 'rtl');
  await page.locator('essay-embed').screenshot({ path: 'target/e2e/revised-passage-ar.png' });
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a notice right after a floated pull quote sits beside it, not under it', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  // Shared when block 1 began "Washington cannot coerce China by threatening".
  await page.goto(`${server.url}/essay.html#ee=1~view-from-beijing~400~40~~Washington+cannot+coerce+China+by+threatening~~+to+start`);
  await waitRendered(page);
  assert.equal((await highlighted(page)).text, 'Washington cannot coerce Beijing by threatening');
  const boxes = await page.locator('essay-embed').evaluate((el) => {
    const box = (sel) => el.shadowRoot.querySelector(sel).getBoundingClientRect().toJSON();
    return { notice: box('.ee-revised'), quote: box('.ee-pullquote'), float: getComputedStyle(el.shadowRoot.querySelector('.ee-pullquote')).float };
  });
  assert.equal(boxes.float, 'inline-end', 'the pull quote floats at this width');
  const { notice: n, quote: q } = boxes;
  const overlap = n.left < q.right && q.left < n.right && n.top < q.bottom && q.top < n.bottom;
  assert.ok(!overlap, JSON.stringify(boxes));
  await page.locator('essay-embed').screenshot({ path: 'target/e2e/revised-passage-float.png' });
  await context.close();
});
