// The widget's words in each built-in language, in Chromium: no English word of the widget
// left (essay, share popover, error state), dates as the browser's own Intl writes them,
// right-to-left essays whose left-to-right runs each have their own direction, pull quotes
// without synthetic italics or letter-spacing, the Arabic popover opening from the right,
// axe-core clean, and a screenshot per language in target/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, mkdir } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { launch, watchErrors, waitRendered } from './browser.mjs';

const require = createRequire(import.meta.url);
// Every built-in language: a table in src/render/i18n/.
const LANGUAGES = readdirSync('src/render/i18n').filter((f) => f.endsWith('.txt')).map((f) => f.slice(0, -4)).sort();
const SEED_URL = '/content/reinventing-nuclear-arms-control.json';
const table = async (tag) => Object.fromEntries((await readFile(`src/render/i18n/${tag}.txt`, 'utf8'))
  .split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
// The English words a reader could meet (long enough not to be a name; not the month names,
// which German shares).
const ENGLISH = Object.entries(await table('en'))
  .filter(([k, v]) => !['months', 'date', 'and'].includes(k) && v.length > 3)
  .map(([, v]) => v.replace(/\{[a-z]+\}/g, '').trim());

const fixture = (name) => async (req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(await readFile(`tests/fixtures/${name}.json`));
};
const pages = new Map();
const routes = {
  '/favicon.ico': (req, res) => { res.writeHead(204); res.end(); },
  '/rtl.json': fixture('rtl'),
  '/hebrew.json': fixture('hebrew'),
  '/missing.json': (req, res) => { res.writeHead(404); res.end('no'); },
};
let server, browser, axeSource;

function page(body, lang = 'en') {
  const path = `/i18n-${pages.size}.html`;
  const html = `<!doctype html><html lang="${lang}"><head><title>i18n ${pages.size}</title>
    <script type="module" src="/pkg/essay-embed.js"></script></head><body><main>${body}</main></body></html>`;
  pages.set(path, html);
  routes[path] = (req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); };
  return `${server.url}${path}`;
}

before(async () => {
  server = await startServer({ routes });
  browser = await launch();
  axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await mkdir('target/e2e', { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(url, viewport = { width: 1100, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const p = await context.newPage();
  const errors = watchErrors(p);
  await p.goto(url);
  await waitRendered(p);
  return { page: p, errors, close: () => context.close() };
}

async function axe(p) {
  await p.addScriptTag({ content: axeSource });
  return p.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Every text a reader meets in the element: text nodes and aria labels, `[lang=en]`
 * developer detail left out. */
const readerText = (p, selector = 'essay-embed') => p.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => {
  const root = el.shadowRoot;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const out = [];
  for (let n; (n = walker.nextNode());) if (!n.parentElement.closest('.ee-error [lang="en"]')) out.push(n.data);
  for (const e of root.querySelectorAll('[aria-label]')) out.push(e.getAttribute('aria-label'));
  return out.join('\n');
}).join('\n'), selector);

test('each language: the widget has no English word left; axe-core is clean; screenshots', async () => {
  for (const lang of LANGUAGES) {
    const { page: p, errors, close } = await open(page(`
      <essay-embed id="article" src="${SEED_URL}" lang="${lang}" loading="eager"></essay-embed>
      <essay-embed id="card" src="${SEED_URL}" mode="card" essay="view-from-beijing" lang="${lang}" loading="eager"></essay-embed>
      <essay-embed id="series" src="${SEED_URL}" mode="series" lang="${lang}" loading="eager"></essay-embed>
      <essay-embed id="error" src="/missing.json" lang="${lang}" loading="eager"></essay-embed>`));
    // The pull quote's share popover, open.
    await p.locator('#article').locator('.ee-pq-share').first().click();
    await p.locator('#article').locator('.ee-share').waitFor();
    // No letter-spacing, capitals or slant on the widget's words in a script without them.
    if (['ar', 'hi', 'zh'].includes(lang)) {
      const styled = await p.evaluate(() => [...document.querySelectorAll('essay-embed')].flatMap((el) =>
        [...el.shadowRoot.querySelectorAll('[lang]:not([lang="en"])')].filter((e) => !e.closest('.ee-body')).map((e) => {
          const s = getComputedStyle(e);
          return `${e.className || e.localName}: ${s.letterSpacing} ${s.textTransform} ${s.fontStyle}`;
        })));
      for (const s of styled) assert.match(s, /: normal none normal$/, `${lang}: ${s}`);
    }
    const text = await readerText(p);
    const words = await table(lang);
    assert.ok(text.includes(words.share_selection) && text.includes(words.retry), `${lang}: its own words`);
    if (lang !== 'en') {
      for (const english of ENGLISH) assert.ok(!text.includes(english), `${lang}: "${english}" is English`);
    }
    assert.deepEqual(await axe(p), [], lang);
    await p.locator('#article').screenshot({ path: `target/e2e/i18n-${lang}.png` });
    assert.deepEqual(errors.filter((e) => !e.includes('404')), [], lang);
    await close();
  }
});

test('dates: the core writes each month as Chromium’s Intl.DateTimeFormat does', async () => {
  const { page: p, close } = await open(page('<essay-embed id="x" src="/rtl.json" loading="eager"></essay-embed>'));
  const mismatches = await p.evaluate(async (languages) => {
    const api = await import('/pkg/essay-embed.js');
    const out = [];
    for (const lang of languages) {
      const intl = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' });
      for (let month = 1; month <= 12; month++) {
        const iso = `2024-${String(month).padStart(2, '0')}-${String(month * 2).padStart(2, '0')}`;
        const html = await api.renderToString({ title: 't', published: iso, body: 'b' }, { mode: 'article', lang });
        const shown = new DOMParser().parseFromString(html, 'text/html').querySelector('time').textContent;
        const expected = intl.format(new Date(`${iso}T00:00:00Z`));
        if (shown !== expected) out.push(`${lang} ${iso}: ${shown} != ${expected}`);
      }
    }
    return out;
  }, LANGUAGES);
  assert.deepEqual(mismatches, []);
  await close();
});

test('Arabic and Hebrew essays: every left-to-right run has its own direction; no synthetic italics or letter-spacing', async () => {
  for (const name of ['rtl', 'hebrew']) {
    for (const mode of ['article', 'card', 'series']) {
      const heading = mode === 'article' ? '' : '<h1>Host page</h1>';
      const { page: p, errors, close } = await open(page(
        `${heading}<essay-embed src="/${name}.json" mode="${mode}" loading="eager"></essay-embed>`, name === 'rtl' ? 'ar' : 'he'));
      if (mode === 'article') {
        await p.locator('essay-embed').locator('.ee-pq-share').first().click();
        await p.locator('essay-embed').locator('.ee-share').waitFor();
      }
      const result = await p.evaluate(() => {
        const root = document.querySelector('essay-embed').shadowRoot;
        const rtlLetter = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
        const wrong = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n; (n = walker.nextNode());) {
          const first = n.data.match(/\p{L}/u)?.[0];
          if (!first || rtlLetter.test(first)) continue; // no letters, or right to left
          const dir = getComputedStyle(n.parentElement).direction;
          if (dir !== 'ltr') wrong.push(`${n.parentElement.className || n.parentElement.localName}: ${n.data}`);
        }
        const quotes = [...root.querySelectorAll('.ee-pullquote p, .ee-card-quote')].map((q) => {
          const s = getComputedStyle(q);
          return `${s.fontStyle} ${s.letterSpacing}`;
        });
        return { root: getComputedStyle(root.querySelector('.ee')).direction, wrong, quotes };
      });
      assert.equal(result.root, 'rtl', `${name} ${mode}`);
      assert.deepEqual(result.wrong, [], `${name} ${mode}: left-to-right text without its own direction`);
      for (const q of result.quotes) assert.equal(q, 'normal normal', `${name} ${mode}: pull quote`);
      if (mode !== 'series') assert.ok(result.quotes.length > 0, `${name} ${mode}: a pull quote`);
      assert.deepEqual(await axe(p), [], `${name} ${mode}`);
      await p.locator('essay-embed').screenshot({ path: `target/e2e/i18n-${name}-${mode}.png` });
      assert.deepEqual(errors, []);
      await close();
    }
  }
});

test('the Arabic share popover and bottom sheet lay out from the right', async () => {
  const { page: p, close } = await open(page('<essay-embed src="/rtl.json" loading="eager"></essay-embed>', 'ar'));
  const button = p.locator('essay-embed').locator('.ee-pq-share').first();
  await button.click();
  const popover = p.locator('essay-embed').locator('.ee-share');
  await popover.waitFor();
  const layout = await p.evaluate(() => {
    const root = document.querySelector('essay-embed').shadowRoot;
    const pop = root.querySelector('.ee-share');
    const anchor = root.querySelector('.ee-pq-share').getBoundingClientRect();
    const buttons = [...pop.querySelectorAll('button')].map((b) => b.getBoundingClientRect());
    return {
      dir: getComputedStyle(pop).direction,
      lang: pop.lang,
      right: pop.getBoundingClientRect().right,
      anchorRight: anchor.right,
      firstRight: buttons[0].right,
      secondRight: buttons[1].right,
      title: getComputedStyle(pop.querySelector('.ee-share-title')).textAlign,
    };
  });
  assert.equal(layout.dir, 'rtl');
  assert.equal(layout.lang, 'ar');
  assert.ok(Math.abs(layout.right - layout.anchorRight) <= 1, `popover's right edge ${layout.right} under the button's ${layout.anchorRight}`);
  assert.ok(layout.firstRight > layout.secondRight, 'the first button is the rightmost');
  await p.locator('essay-embed').screenshot({ path: 'target/e2e/i18n-ar-popover.png' });
  await close();

  // A phone: the bottom sheet, its buttons from the right.
  const phone = await open(page('<essay-embed src="/rtl.json" loading="eager"></essay-embed>', 'ar'), { width: 390, height: 800 });
  await phone.page.locator('essay-embed').locator('.ee-pq-share').first().click();
  await phone.page.locator('essay-embed').locator('.ee-share[data-sheet]').waitFor();
  const sheet = await phone.page.evaluate(() => {
    const pop = document.querySelector('essay-embed').shadowRoot.querySelector('.ee-share');
    const [a, b] = [...pop.querySelectorAll('button')].map((x) => x.getBoundingClientRect());
    return { dir: getComputedStyle(pop).direction, rightToLeft: a.right > b.right || a.top < b.top };
  });
  assert.deepEqual(sheet, { dir: 'rtl', rightToLeft: true });
  await phone.page.screenshot({ path: 'target/e2e/i18n-ar-sheet.png' });
  await phone.close();
});

test('the error and loading states speak the page’s language', async () => {
  const { page: p, close } = await open(page('<essay-embed src="/missing.json" loading="eager"></essay-embed>', 'ar'));
  const error = await p.evaluate(() => {
    const state = document.querySelector('essay-embed').shadowRoot.querySelector('.ee-error');
    return { dir: getComputedStyle(state).direction, lang: state.lang, retry: state.querySelector('.ee-retry').textContent };
  });
  assert.deepEqual(error, { dir: 'rtl', lang: 'ar', retry: (await table('ar')).retry });
  await close();
});
