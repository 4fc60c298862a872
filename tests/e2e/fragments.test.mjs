// Share links' text directives (`:~:text=`) match exactly once on the rendered page, pull
// quotes, dek, title and byline included. Checked with Google's text-fragments-polyfill, the
// reference implementation of the matching algorithm, whose processTextFragmentDirective
// returns every match (up to two): on the CLI's static render (the markup of the built essay
// page) and on the live widget's shadow root. Links come from the widget itself: a selection
// in the shadow root, then Copy link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { cli } from './server.mjs';
import { serveAndLaunch, watchErrors, waitRendered } from './browser.mjs';

const POLYFILL = await readFile('node_modules/text-fragments-polyfill/src/text-fragment-utils.js', 'utf8');
const FILES = {
  seed: ['www/content/reinventing-nuclear-arms-control.json', 'view-from-beijing'],
  dickens: ['tests/fixtures/two-cities.json', 'two-cities'],
};

const page = (file, essay) => (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><title>fragments</title><link rel="icon" href="data:,">
    <script type="module" src="/pkg/essay-embed.js"></script></head><body>
    <essay-embed src="/${file}" essay="${essay}" loading="eager"></essay-embed></body></html>`);
};
const staticPage = (file, essay) => (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="en"><head><title>static</title><link rel="icon" href="data:,"></head>
    <body>${cli(['render', file, '--essay', essay])}</body></html>`);
};
const routes = {};
for (const [name, [file, essay]] of Object.entries(FILES)) {
  routes[`/${name}.html`] = page(file, essay);
  routes[`/${name}-static.html`] = staticPage(file, essay);
  routes[`/${file}`] = async (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(await readFile(file));
  };
}

let server, browser;
serveAndLaunch({ routes }, (s, b) => { server = s; browser = b; });

/** The widget's page, ready for selections, with the clipboard readable. */
async function widget(name) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const p = await context.newPage();
  const errors = watchErrors(p);
  await p.goto(`${server.url}/${name}.html`);
  await waitRendered(p);
  await p.addScriptTag({ type: 'module', content: `${POLYFILL}\nwindow.__tf = { processTextFragmentDirective, parse: parseTextFragmentDirective };` });
  await p.waitForFunction(() => window.__tf);
  return { p, errors, context };
}

/** Selects characters `from` to `to` of the body's text (blocks joined by "\n\n", as the
 * projection), copies the link, and returns it. */
async function linkFor(p, from, to) {
  await p.locator('essay-embed').evaluate((el, [from, to]) => {
    const blocks = [...el.shadowRoot.querySelectorAll('.ee-body > [data-block]')];
    const point = (offset) => {
      let at = 0;
      for (const block of blocks) {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let node;
        while ((node = walker.nextNode())) {
          if (offset <= at + node.data.length) return [node, offset - at];
          at += node.data.length;
        }
        at += 2; // the separator
      }
      throw new Error(`offset ${offset} past the end`);
    };
    const [a, ao] = point(from);
    const [b, bo] = point(to);
    getSelection().setBaseAndExtent(a, ao, b, bo);
  }, [from, to]);
  const share = p.locator('essay-embed').locator('.ee-share');
  await share.waitFor();
  await share.getByRole('button', { name: 'Copy link' }).click();
  await share.getByText('Link copied').waitFor();
  const link = await p.evaluate(() => navigator.clipboard.readText());
  await p.keyboard.press('Escape');
  await p.evaluate(() => getSelection().removeAllRanges());
  await share.waitFor({ state: 'detached' });
  return link;
}

/** The body text as the projection has it. */
const bodyText = (p) => p.locator('essay-embed').evaluate((el) =>
  [...el.shadowRoot.querySelectorAll('.ee-body > [data-block]')].map((b) => b.textContent).join('\n\n'));

/** The texts of every match of `directive` in `root` ('static': a fresh page of the CLI's
 * render; 'widget': the element's shadow root on `p`). */
async function matches(p, directive, where) {
  return p.evaluate(([directive, where]) => {
    const fragment = window.__tf.parse(directive.replace(/^text=/, ''));
    const root = where === 'widget' ? document.querySelector('essay-embed').shadowRoot : document.body;
    return window.__tf.processTextFragmentDirective(fragment, document, root).map((r) => r.toString());
  }, [directive, where]);
}

async function staticPageOf(name) {
  const p = await browser.newPage();
  await p.goto(`${server.url}/${name}-static.html`);
  await p.addScriptTag({ type: 'module', content: `${POLYFILL}\nwindow.__tf = { processTextFragmentDirective, parse: parseTextFragmentDirective };` });
  await p.waitForFunction(() => window.__tf);
  return p;
}

/** Asserts the directive of `link` matches once, on both renders, and covers `passage`. */
async function assertUnique(link, passage, widgetPage, staticPage) {
  const directive = link.split(':~:')[1];
  assert.ok(directive?.startsWith('text='), `no directive in ${link}`);
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  for (const [where, p] of [['widget', widgetPage], ['static', staticPage]]) {
    const found = await matches(p, directive, where);
    assert.equal(found.length, 1, `${directive} matches ${found.length} times on the ${where} render: ${JSON.stringify(found)}`);
    assert.ok(norm(found[0]).includes(norm(passage)), `${directive} on the ${where} render matched ${JSON.stringify(found[0])}, not ${JSON.stringify(passage)}`);
  }
}

test('a sentence a pull quote repeats gets a directive that matches it once', async () => {
  const { p, errors, context } = await widget('seed');
  const s = await staticPageOf('seed');
  const text = await bodyText(p);
  for (const passage of [
    'if Washington continues to present arms control as a tool to compete with Beijing, why would Beijing help?',
    'arms control as a tool to compete with Beijing',
    'why would Beijing help?',
  ]) {
    const from = text.indexOf(passage);
    assert.ok(from >= 0, passage);
    await assertUnique(await linkFor(p, from, from + passage.length), passage, p, s);
  }
  assert.deepEqual(errors, []);
  await s.close();
  await context.close();
});

test('the Dickens selection across two paragraphs whose first words recur matches once', async () => {
  const { p, errors, context } = await widget('dickens');
  const s = await staticPageOf('dickens');
  const text = await bodyText(p);
  const jaw = text.indexOf('with a large jaw') + 'with a large jaw'.length;
  // From each "we were all going" (the second is also in the pull quote) to the first jaw.
  for (const from of [text.indexOf('we were all going'), text.lastIndexOf('we were all going')]) {
    const link = await linkFor(p, from, jaw);
    await assertUnique(link, text.slice(from, jaw).split('\n\n')[0], p, s);
  }
  // The dek repeats the opening words.
  const opening = 'It was the best of times, it was the worst of times';
  await assertUnique(await linkFor(p, 0, opening.length), opening, p, s);
  assert.deepEqual(errors, []);
  await s.close();
  await context.close();
});

test('a random sample of selections: each directive matches exactly once', async () => {
  let seed = 20261202;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  for (const name of ['seed', 'dickens']) {
    const { p, errors, context } = await widget(name);
    const s = await staticPageOf(name);
    const text = await bodyText(p);
    const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length]);
    for (let i = 0; i < 12; i++) {
      const a = random(words.length);
      const length = 1 + random(i % 3 === 0 ? 60 : 12);
      const b = Math.min(words.length - 1, a + length);
      const [from, to] = [words[a][0], words[b][1]];
      const link = await linkFor(p, from, to);
      await assertUnique(link, text.slice(from, to).split('\n\n')[0].slice(0, 40), p, s);
    }
    assert.deepEqual(errors, []);
    await s.close();
    await context.close();
  }
});
