// The held-out round trip: select with the mouse, Copy link, and open that link on an edited
// copy of the essay (words inserted and changed elsewhere, and right next to the passage),
// for selections at the very start and the very end of the essay, spanning two blocks (one
// pair with a pull quote between them), in Chinese and in Hebrew. Each lands on the passage
// selected: the highlighted text is asserted, and no revision notice is shown (the passage
// itself was not edited).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serveAndLaunch, watchErrors, waitRendered, selectWithMouse, textPoints, drag, highlighted } from './browser.mjs';

const load = async (path) => JSON.parse(await readFile(path, 'utf8'));
/** `doc` without canonical URLs (links point at the test page), its first essay's body edited. */
function edited(doc, edits = []) {
  const out = structuredClone(doc);
  for (const e of out.essays) delete e.canonical_url;
  for (const [from, to] of edits) {
    assert.ok(out.essays[0].body.includes(from), from);
    out.essays[0].body = out.essays[0].body.replace(from, to);
  }
  return out;
}

const SEED = await load('www/content/reinventing-nuclear-arms-control.json');
const CJK = await load('tests/fixtures/cjk.json');
const HEBREW = await load('tests/fixtures/hebrew.json');
const docs = {
  seed: [edited(SEED), edited(SEED, [
    // Elsewhere.
    ['Appeals to the United States', 'Appeals to both the United States'],
    // Next to the passages below.
    ['that, despite their strategic', 'that, despite their fierce strategic'],
    ['the concept of arms control, would help start', 'the idea of arms control, could help start'],
    ['a much-needed domestic discussion.', 'a much-needed domestic discussion.\n\nEditor’s note: first published in September 2020.'],
    ['by threatening to start', 'merely by threatening to start'],
    ['a concession imposed by the strong and', 'a concession forced on it by the strong and'],
    ['keep its public voice down', 'keep its voice down'],
  ])],
  cjk: [edited(CJK), edited(CJK, [
    ['所有大国', '今天，所有的大国'],
    ['竞争，它们', '竞争，这些国家'],
    ['北京为什么要帮忙？', '北京为什么要帮忙？\n\n（本文首发于2020年。）'],
  ])],
  hebrew: [edited(HEBREW), edited(HEBREW, [
    ['התחרות האסטרטגית,', 'התחרות האסטרטגית העזה,'],
    ['משותף בניהול', 'משותף מאוד בניהול'],
    ['תמשיך להתייחס', 'תמשיך עוד להתייחס'],
  ])],
};

const routes = {};
for (const [name, [original, copy]] of Object.entries(docs)) {
  const essay = original.essays[0].id;
  for (const [which, doc] of [['original', original], ['edited', copy]]) {
    routes[`/${name}-${which}.json`] = (req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(JSON.stringify(doc)); };
    routes[`/${name}-${which}.html`] = (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><head><title>${name}</title><link rel="icon" href="data:,">
        <script type="module" src="/pkg/essay-embed.js"></script></head><body><main>
        <essay-embed src="/${name}-${which}.json" essay="${essay}" loading="eager"></essay-embed></main></body></html>`);
    };
  }
}

let server, browser;
serveAndLaunch({ routes }, (s, b) => { server = s; browser = b; });

/**
 * Opens `name`'s original page, runs `select(page)`, copies the link (whatever the widget's
 * language), opens it on the edited copy; the highlight there and the notice, if any.
 */
async function roundTrip(name, select) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${server.url}/${name}-original.html`);
  await waitRendered(page);
  await select(page);
  const share = page.locator('essay-embed').locator('.ee-share');
  await share.locator('[data-share-target="copy-link"]').click();
  await page.waitForFunction(() => document.querySelector('essay-embed').shadowRoot.querySelector('.ee-share .ee-live')?.textContent);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(`${server.url}/${name}-original.html#ee=1~`), link);

  const reader = await context.newPage();
  errors.push(...watchErrors(reader));
  await reader.goto(link.replace(`/${name}-original.html`, `/${name}-edited.html`));
  await waitRendered(reader);
  const h = await highlighted(reader);
  const notice = await reader.locator('essay-embed').evaluate((el) => el.shadowRoot.querySelector('.ee-revised')?.textContent ?? null);
  await context.close();
  assert.deepEqual(errors, []);
  return { ...h, notice };
}

/** Drags from the start of `from` in block `a` to the end of `to` in block `b`. */
async function selectAcross(page, a, from, b, to) {
  await page.locator('essay-embed').evaluate((el, a) => el.shadowRoot.querySelector(`[data-block="${a}"]`).scrollIntoView({ block: 'center' }), a);
  const start = await textPoints(page, a, from);
  const end = await textPoints(page, b, to);
  assert.ok(start && end);
  await drag(page, { x: start.x1, y: start.y1 }, { x: end.x2, y: end.y2 });
}

test('the very start of the essay', async () => {
  const h = await roundTrip('seed', (p) => selectWithMouse(p, 0, 'All major powers must recognize'));
  assert.deepEqual(h, { text: 'All major powers must recognize', block: 0, offset: 0, notice: null });
});

test('the very end of the essay (a paragraph was added after it since)', async () => {
  const last = SEED.essays[0].body.split('\n\n').length - 1;
  const h = await roundTrip('seed', (p) => selectWithMouse(p, last, 'a much-needed domestic discussion.'));
  assert.equal(h.text, 'a much-needed domestic discussion.');
  assert.equal(h.block, last);
  assert.equal(h.notice, null);
});

test('two blocks with a pull quote between them: the highlight leaves the pull quote out', async () => {
  const h = await roundTrip('seed', (p) => selectAcross(p, 0, 'why would Beijing help?', 1, 'Washington cannot coerce Beijing'));
  assert.deepEqual(h, { text: 'why would Beijing help?\n\nWashington cannot coerce Beijing', block: 0, offset: docs.seed[1].essays[0].body.indexOf('why would Beijing help?'), notice: null });
});

test('two blocks, edited right before and after the passage', async () => {
  const h = await roundTrip('seed', (p) => selectAcross(p, 1, 'accepted by the weak.', 2, 'The United States will have to keep'));
  assert.equal(h.text, 'accepted by the weak.\n\nThe United States will have to keep');
  assert.equal(h.block, 1);
  assert.equal(h.notice, null);
});

test('Chinese: a phrase inside a sentence, edited before and after it', async () => {
  const h = await roundTrip('cjk', (p) => selectWithMouse(p, 0, '尽管存在战略竞争'));
  assert.equal(h.text, '尽管存在战略竞争');
  assert.equal(h.block, 0);
  assert.equal(h.notice, null);
});

test('Chinese: from the first block to the last, across a heading', async () => {
  const h = await roundTrip('cjk', (p) => selectAcross(p, 0, '共同利益。😀', 2, '如果华盛顿'));
  assert.equal(h.text, '共同利益。😀\n\n小标题\n\n如果华盛顿');
  assert.equal(h.block, 0);
  assert.equal(h.notice, null);
});

test('Hebrew, right to left: a phrase edited on both sides', async () => {
  const h = await roundTrip('hebrew', (p) => selectWithMouse(p, 0, 'יש להן אינטרס משותף'));
  assert.equal(h.text, 'יש להן אינטרס משותף');
  assert.equal(h.block, 0);
  assert.equal(h.notice, null);
});

test('Hebrew, right to left: from the first block into the second', async () => {
  const h = await roundTrip('hebrew', (p) => selectAcross(p, 0, 'באמצעות בקרת נשק.', 1, 'אם וושינגטון'));
  assert.equal(h.text, 'באמצעות בקרת נשק.\n\nאם וושינגטון');
  assert.equal(h.block, 0);
  assert.equal(h.notice, null);
});
