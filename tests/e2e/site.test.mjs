// The static site of `essay-embed build`, served on 127.0.0.1 and checked the way its
// consumers use it: an oEmbed consumer resizing the iframe as WordPress's wp-embed does,
// Mozilla Readability, a browser with JavaScript off, Text Fragment links, a feed parser,
// link previews (Open Graph) and a partner page on another origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSDOM } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { cli, headerRules, startServer } from './server.mjs';
import { launch, watchErrors } from './browser.mjs';

const SEED = 'www/content/reinventing-nuclear-arms-control.json';
const ID = 'view-from-beijing';
const seed = JSON.parse(await readFile(SEED, 'utf8'));
const essay = seed.essays.find((e) => e.id === ID);
const paragraphs = essay.body.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
const sentences = (p) => p.split(/(?<=[.?!])\s+(?=[A-Z“"])/);
const FIRST_SENTENCE = sentences(paragraphs[0])[0];
const LAST_SENTENCE = sentences(paragraphs.at(-1)).at(-1);

let site, partner, browser, dir, base;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'essay-embed-site-'));
  const out = join(dir, 'site');
  // The publisher's server has an icon (the pages name none: browsers ask for /favicon.ico).
  site = await startServer({ mounts: { '/essays/': out }, routes: { '/favicon.ico': (req, res) => { res.writeHead(204); res.end(); } } });
  base = `${site.url}/essays/`;
  // The CLI as a publisher runs it.
  cli(['build', SEED, '--out', out, '--base-url', base], { stdio: ['ignore', 'ignore', 'ignore'] });
  // The partner: another origin, with a page of our own making for each test.
  const pages = {};
  partner = await startServer({
    routes: {
      '/page': (req, res, url) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(pages[url.searchParams.get('n')] ?? '');
      },
    },
  });
  partner.page = (html) => {
    const n = String(Object.keys(pages).length);
    pages[n] = html;
    return `${partner.url}/page?n=${n}`;
  };
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await partner?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fetchText(url) {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return res.text();
}

const essayUrl = () => `${base}${ID}/`;
const documentOf = async (url) => new JSDOM(await fetchText(url), { url }).window.document;

/** The oEmbed answer as a consumer finds it: through the discovery link in the page head. */
async function discoverOembed() {
  const doc = await documentOf(essayUrl());
  const link = doc.head.querySelector('link[rel="alternate"][type="application/json+oembed"]');
  assert.ok(link, 'no oEmbed discovery link in the head');
  const res = await fetch(link.href);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  return res.json();
}

/**
 * What WordPress does with an untrusted provider's oEmbed html, and wp-embed's resize logic,
 * written after wp-includes/embed.php (wp_filter_oembed_result) and wp-includes/js/wp-embed.js:
 * keep only the iframe, sandbox it with allow-scripts alone, give it a secret in data-secret
 * and in its URL fragment (#?secret=), and on a {message: 'height', value, secret} message set
 * the height of the iframe with that secret, clamped to 200-1000 px; tell it 'ready' on load.
 */
function wordpressPage(oembedHtml) {
  return `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>A WordPress post</title>
<body style="margin:0"><p>Before the embed.</p><div id="post"></div><p>After the embed.</p>
<script>
  const source = document.createElement('template');
  source.innerHTML = ${JSON.stringify(oembedHtml)};
  const given = source.content.querySelector('iframe');
  const iframe = document.createElement('iframe');
  for (const name of ['src', 'width', 'height', 'frameborder', 'marginwidth', 'marginheight', 'scrolling', 'title', 'class']) {
    if (given.hasAttribute(name)) iframe.setAttribute(name, given.getAttribute(name));
  }
  const secret = 'Ab3dE6gH9k';
  iframe.setAttribute('sandbox', 'allow-scripts');
  iframe.setAttribute('security', 'restricted');
  iframe.classList.add('wp-embedded-content');
  iframe.setAttribute('data-secret', secret);
  iframe.src = iframe.getAttribute('src') + '#?secret=' + secret;
  window.messages = [];
  window.addEventListener('message', (e) => {
    const data = e.data;
    if (!data || !(data.secret || data.message || data.value)) return;
    if (/[^a-zA-Z0-9]/.test(data.secret)) return;
    window.messages.push(data);
    for (const frame of document.querySelectorAll('iframe[data-secret="' + data.secret + '"]')) {
      if (data.message === 'height') {
        let height = parseInt(data.value, 10);
        if (height > 1000) height = 1000; else if (height < 200) height = 200;
        if (+frame.height !== height) frame.height = height;
      }
    }
  });
  iframe.addEventListener('load', () => iframe.contentWindow.postMessage({ message: 'ready', secret }, '*'));
  document.getElementById('post').append(iframe);
</script></body>`;
}

test('an oEmbed consumer finds the answer in the page head, and it has every field oEmbed asks for', async () => {
  const o = await discoverOembed();
  assert.equal(o.version, '1.0');
  assert.equal(o.type, 'rich');
  for (const key of ['html', 'title', 'author_name', 'provider_name', 'provider_url']) {
    assert.equal(typeof o[key], 'string', key);
    assert.ok(o[key].length > 0, key);
  }
  for (const key of ['width', 'height', 'cache_age']) assert.ok(Number.isInteger(o[key]) && o[key] > 0, `${key}: ${o[key]}`);
  assert.equal(o.title, essay.title);
  assert.equal(o.author_name, 'Tong Zhao');
  assert.ok(/^https?:\/\//.test(o.provider_url));
  // No image in the seed: no thumbnail, and never half of one.
  assert.equal('thumbnail_url' in o, false);
  const frame = new JSDOM(o.html).window.document.querySelectorAll('iframe');
  assert.equal(frame.length, 1, o.html);
  assert.equal(frame[0].getAttribute('src'), `${base}${ID}/embed/`);
  assert.equal(Number(frame[0].getAttribute('width')), o.width);
  assert.equal(Number(frame[0].getAttribute('height')), o.height);
});

test('in a sandbox="allow-scripts" iframe, wp-embed resizes the card to its height, on load and on resize', async () => {
  const o = await discoverOembed();
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors = watchErrors(page);
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) violations.push(m.text()); });
  await page.goto(partner.page(wordpressPage(o.html)));
  const cardFrame = async () => {
    let frame;
    await assert.doesNotReject(async () => {
      for (let i = 0; i < 100 && !frame; i++) {
        frame = page.frames().find((f) => f.url().startsWith(`${base}${ID}/embed/`));
        if (!frame) await page.waitForTimeout(50);
      }
    });
    await frame.waitForSelector('.ee-card');
    return frame;
  };
  const frame = await cardFrame();
  const cardHeight = () => frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  const settle = async (expected) => {
    await page.waitForFunction((h) => Number(document.querySelector('iframe').height) === h, expected, { timeout: 5000 }).catch(() => {});
    return Number(await page.locator('iframe').getAttribute('height'));
  };
  const h = await cardHeight();
  assert.ok(h >= 200 && h <= 1000, `the card is ${h} px high, outside wp-embed's 200-1000 px`);
  assert.equal(await settle(h), h, 'the iframe ends at the card height');
  // The iframe is exactly the card: nothing cut off, nothing to scroll.
  assert.equal(await frame.evaluate(() => document.documentElement.scrollHeight), h);
  console.log(`# oEmbed height ${o.height} px (estimate), card ${h} px at ${o.width} px wide`);
  assert.ok(Math.abs(o.height - h) <= 60, `the oEmbed estimate ${o.height} px is far from the card's ${h} px`);

  // Narrower: the card wraps to more lines, reports again, and the iframe follows.
  await page.locator('iframe').evaluate((f) => { f.width = '320'; });
  await page.waitForFunction(async () => true);
  let narrow;
  for (let i = 0; i < 40; i++) {
    narrow = await cardHeight();
    if (narrow > h) break;
    await page.waitForTimeout(50);
  }
  assert.ok(narrow > h, `the card did not grow when narrowed (${narrow} px)`);
  assert.equal(await settle(narrow), Math.min(narrow, 1000));
  const messages = await page.evaluate(() => window.messages);
  assert.ok(messages.every((m) => m.secret === 'Ab3dE6gH9k' && (m.message !== 'height' || Number.isInteger(m.value))), JSON.stringify(messages));

  // Links: under WordPress the frame asks the host to navigate ({message: 'link'}).
  await frame.locator('.ee-read').click();
  await page.waitForFunction(() => window.messages.some((m) => m.message === 'link'));
  const link = (await page.evaluate(() => window.messages)).find((m) => m.message === 'link');
  assert.equal(link.value, essayUrl());
  assert.deepEqual(errors, []);
  assert.deepEqual(violations, []);
  await page.close();
});

test('?mode=article shows the whole essay in the frame and reports its height with the plain message', async () => {
  const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
  const errors = watchErrors(page);
  const url = partner.page(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>
<iframe id="f" sandbox="allow-scripts" width="700" height="150" src="${base}${ID}/embed/?mode=article"></iframe>
<script>
  window.heights = [];
  addEventListener('message', (e) => {
    if (e.data && e.data.type === 'essay-embed:height') { heights.push(e.data.height); document.getElementById('f').height = e.data.height; }
  });
</script></body>`);
  await page.goto(url);
  await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 1000);
  const frame = page.frames().find((f) => f.url().includes('/embed/?mode=article'));
  const text = await frame.evaluate(() => document.body.textContent);
  assert.ok(text.includes(LAST_SENTENCE), 'the article in the frame lacks the last sentence');
  const h = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height));
  await page.waitForFunction((h) => Number(document.getElementById('f').height) === h, h);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Mozilla Readability extracts the title, the byline and the whole body', async () => {
  const doc = await documentOf(essayUrl());
  const article = new Readability(doc).parse();
  assert.ok(article, 'Readability found no article');
  assert.equal(article.title, essay.title);
  assert.match(article.byline ?? '', /Tong Zhao/);
  const text = article.textContent.replace(/\s+/g, ' ');
  assert.ok(text.includes(FIRST_SENTENCE), `no first sentence: ${FIRST_SENTENCE}`);
  assert.ok(text.includes(LAST_SENTENCE), `no last sentence: ${LAST_SENTENCE}`);
  for (const p of paragraphs) {
    const plain = p.replace(/[*_`]/g, '').replace(/\s+/g, ' ');
    assert.ok(text.includes(plain.slice(0, 60)), `a paragraph is missing: ${plain.slice(0, 60)}`);
  }
});

test('with JavaScript off the essay page shows the essay, and the index links it', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(essayUrl());
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: essay.title }).waitFor());
  const last = page.getByText(LAST_SENTENCE.slice(0, 60));
  await last.scrollIntoViewIfNeeded();
  assert.ok(await last.isVisible(), 'the last sentence is not visible');
  assert.ok(await page.getByText('Tong Zhao').first().isVisible());
  await page.screenshot({ path: 'target/e2e/site-essay-page.png' });
  await page.goto(base);
  await Promise.all([page.waitForURL(essayUrl()), page.getByRole('link', { name: essay.title }).first().click()]);
  await context.close();
});

test('a #:~:text= passage is contiguous text in the essay page DOM, found in the body first', async () => {
  const page = await browser.newPage();
  await page.goto(essayUrl());
  const quote = essay.pull_quotes[0].text;
  for (const passage of [LAST_SENTENCE, FIRST_SENTENCE, quote]) {
    // A directive with a start and an end, as long passages travel (text=start,end).
    const words = passage.split(' ');
    const start = words.slice(0, 4).join(' ');
    const end = words.slice(-4).join(' ');
    const found = await page.evaluate(([start, end]) => {
      // The Text Fragments algorithm's view of the page: the visible text, block by block.
      const blocks = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let current = null;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        if (!parent.checkVisibility()) continue;
        let block = parent;
        while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
        if (!current || current.element !== block) blocks.push(current = { element: block, text: '' });
        current.text += node.data;
      }
      // Matching is case-blind, as the Text Fragments spec's is.
      [start, end] = [start.toLowerCase(), end.toLowerCase()];
      for (const b of blocks) {
        const text = b.text.replace(/\s+/g, ' ').toLowerCase();
        const at = text.indexOf(start);
        if (at < 0) continue;
        const endAt = text.indexOf(end, at + start.length);
        return { block: b.element.closest('.ee-body > *')?.tagName ?? b.element.tagName, inBody: !!b.element.closest('.ee-body'), pullquote: !!b.element.closest('[part="pullquote"]'), ok: endAt >= 0 };
      }
      return null;
    }, [start, end]);
    assert.ok(found, `"${start}" is not in one block of the page`);
    assert.ok(found.ok, `"${start}…${end}" is not contiguous text`);
    assert.ok(found.inBody && !found.pullquote, `the first match of "${start}" is not the body: ${JSON.stringify(found)}`);
  }
  await page.close();
});

test('once scripts run, the light-DOM essay page shares: select, Copy link, the link opened highlights the passage', async () => {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const wasm = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.endsWith('.wasm')) wasm.push(r.url()); });
  await page.goto(essayUrl());
  await page.waitForFunction(() => customElements.get('essay-embed'));
  const essayHtml = () => page.locator('main .ee-body').innerHTML();
  const built = await essayHtml();
  // Still the light DOM the build wrote (no shadow root), and no wasm before the reader acts.
  assert.equal(await page.locator('main > essay-embed[light-dom]').evaluate((el) => el.shadowRoot), null);
  assert.deepEqual(wasm, []);

  // The first sentence, selected with the mouse.
  const p = await page.evaluate((needle) => {
    const block = document.querySelector('main .ee-body > [data-block="0"]');
    block.scrollIntoView({ block: 'center' });
    const text = block.firstChild;
    const at = text.data.indexOf(needle);
    const r = document.createRange();
    r.setStart(text, at);
    r.setEnd(text, at + 1);
    const first = r.getClientRects()[0];
    r.setStart(text, at + needle.length - 1);
    r.setEnd(text, at + needle.length);
    const last = [...r.getClientRects()].at(-1);
    return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
  }, FIRST_SENTENCE);
  await page.mouse.move(p.x1, p.y1);
  await page.mouse.down();
  await page.mouse.move((p.x1 + p.x2) / 2, (p.y1 + p.y2) / 2, { steps: 4 });
  await page.mouse.move(p.x2, p.y2, { steps: 4 });
  await page.mouse.up();
  const popover = page.locator('main .ee-share');
  await popover.waitFor();
  assert.equal(wasm.length, 1, 'the renderer is fetched on the first press');
  await popover.getByRole('button', { name: 'Copy link' }).click();
  await popover.getByText('Link copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(link.startsWith(`${essay.canonical_url}#ee=1~${ID}~`), link);
  assert.equal(await essayHtml(), built, 'the essay is not rewritten');
  await page.screenshot({ path: 'target/e2e/site-share-popover.png' });

  // The link points at the essay's canonical URL; here it is opened on this page.
  const reader = await context.newPage();
  const readerErrors = watchErrors(reader);
  await reader.goto(essayUrl() + new URL(link).hash);
  await reader.waitForFunction(() => CSS.highlights.get('essay-embed-quote')?.size > 0);
  const highlighted = await reader.evaluate(() => [...CSS.highlights.get('essay-embed-quote')].map((r) => ({
    text: r.toString(),
    lightDom: r.startContainer.getRootNode() === document && !!r.startContainer.parentElement.closest('main > essay-embed .ee-body'),
  })));
  assert.deepEqual(highlighted, [{ text: FIRST_SENTENCE, lightDom: true }]);
  assert.deepEqual([...errors, ...readerErrors], []);
  await context.close();
});

test('the light-DOM essay page, opened on a link made on an earlier wording, shows it as shared above the passage now', async () => {
  // The demo page's link (www/index.html): the seed essay as it read before a revision.
  const demo = await readFile('www/index.html', 'utf8');
  const hash = demo.match(/id="revised-link" href="[^"#]*(#ee=1~[^"]+)"/)[1];
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(essayUrl() + hash);
  await page.waitForFunction(() => CSS.highlights.get('essay-embed-quote')?.size > 0 && document.querySelector('main .ee-revised'));
  const shown = await page.evaluate(() => {
    const n = document.querySelector('main .ee-revised');
    const [range] = [...CSS.highlights.get('essay-embed-quote')];
    return {
      highlighted: range.toString(),
      quote: n.querySelector('.ee-revised-quote').textContent,
      note: n.querySelector('.ee-revised-note').textContent,
      // In the page's own DOM, right above the paragraph holding the highlight, styled.
      lightDom: n.getRootNode() === document && !!n.closest('main > essay-embed .ee-body'),
      above: n.nextElementSibling === range.startContainer.parentElement.closest('[data-block]'),
      border: getComputedStyle(n).borderInlineStartStyle,
    };
  });
  assert.deepEqual(shown, {
    highlighted: 'engagement will require transparency and time to build confidence',
    quote: 'engagement will require patience and time to build confidence',
    note: 'It has since been revised. The closest passage in this version is highlighted.',
    lightDom: true,
    above: true,
    border: 'solid',
  });
  await page.screenshot({ path: 'target/e2e/site-revised-passage.png' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('_headers as Netlify reads it: every file gets one Cache-Control, immutable exactly for the hashed pkg/ files', async () => {
  const out = join(dir, 'site');
  const rules = await headerRules(join(out, '_headers'));
  const files = [];
  const walk = async (d, rel) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      if (e.isDirectory()) await walk(join(d, e.name), `${rel}${e.name}/`);
      else if (e.name !== '_headers') files.push(`${rel}${e.name}`);
    }
  };
  await walk(out, '/');
  // Each file by its path, and an index.html by its directory's URL too.
  const paths = files.flatMap((f) => (f.endsWith('/index.html') ? [f, f.slice(0, -'index.html'.length)] : [f]));
  const immutable = [];
  for (const path of paths) {
    const seen = new Map();
    for (const rule of rules.filter((r) => r.pattern.test(path))) {
      for (const [name, value] of rule.headers) {
        assert.ok(!seen.has(name), `${path}: ${name} set by two rules (hosts join them): ${seen.get(name)} and ${value}`);
        seen.set(name, value);
      }
    }
    const cache = seen.get('cache-control');
    if (path.startsWith('/pkg/immutable/')) {
      assert.equal(cache, 'public, max-age=31536000, immutable', path);
      immutable.push(path);
    } else {
      assert.equal(cache, 'public, max-age=300', path);
    }
    assert.equal(seen.get('access-control-allow-origin'), '*', path);
    if (path.endsWith('.wasm')) assert.equal(seen.get('content-type'), 'application/wasm', path);
    // The frame's CSP on the iframe card's page alone (not on embed.html, which frames it).
    assert.equal(seen.has('content-security-policy'), /^\/[^/]+\/embed\//.test(path), path);
  }
  // The entry names the hashed glue and wasm; each exists, named by a hash of its bytes.
  const entry = await readFile(join(out, 'pkg/essay-embed.js'), 'utf8');
  const named = [...entry.matchAll(/"\.\/(immutable\/essay-embed-core\.([0-9a-f]{16})\.(js|wasm))"/g)];
  assert.deepEqual(named.map((m) => m[3]).sort(), ['js', 'wasm']);
  for (const [, file, hash] of named) {
    const bytes = await readFile(join(out, 'pkg', file));
    assert.equal(createHash('sha256').update(bytes).digest('hex').slice(0, 16), hash, file);
  }
  assert.deepEqual(immutable.sort(), named.map((m) => `/pkg/${m[1]}`).sort(), 'only hashed files are immutable');
  // Served with those headers (the test server applies the file as Netlify does).
  const res = await fetch(`${base}pkg/${named.find((m) => m[3] === 'wasm')[1]}`);
  assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(res.headers.get('content-type'), 'application/wasm');
  assert.equal((await fetch(`${base}pkg/essay-embed.js`)).headers.get('cache-control'), 'public, max-age=300');
});

/** What a feed's item must hold, whichever parser read it. */
function checkItem(format, item) {
  assert.equal(item.title, essay.title, format);
  assert.deepEqual(item.authors, ['Tong Zhao'], format);
  assert.equal(new Date(item.published).toISOString().slice(0, 10), '2020-09-09', `${format}: ${item.published}`);
  assert.match(item.link, /^https?:\/\//, format);
  const text = item.content.replace(/<[^>]+>/g, '').replace(/&#39;|&rsquo;/g, '’').replace(/\s+/g, ' ');
  assert.ok(text.includes(FIRST_SENTENCE), `${format}: no first sentence`);
  assert.ok(text.includes(LAST_SENTENCE), `${format}: no last sentence`);
  assert.ok(!/<script|onerror=/i.test(item.content), `${format}: unsafe markup`);
}

test('RSS and Atom parse with Python feedparser, with the item, author, date and full text', async () => {
  // Not execFileSync: the server answering feedparser runs in this process.
  const { stdout } = await promisify(execFile)('python3', ['tests/e2e/feeds.py', `${base}feed.xml`, `${base}atom.xml`]);
  const feeds = JSON.parse(stdout);
  assert.deepEqual(feeds.map((f) => f.version), ['rss20', 'atom10']);
  for (const f of feeds) {
    assert.equal(f.bozo, false, `${f.version}: ${f.bozo_exception}`);
    assert.equal(f.title, `${seed.series.title} | ${seed.publication.name}`);
    assert.equal(f.language, 'en', f.version);
    assert.equal(f.entries.length, 1, `${f.version}: the essays with a body`);
    checkItem(f.version, f.entries[0]);
  }
});

test('RSS, Atom and JSON Feed parse with feedsmith, with the item, author, date and full text', async () => {
  const rss = parseRssFeed(await fetchText(`${base}feed.xml`));
  const atom = parseAtomFeed(await fetchText(`${base}atom.xml`));
  const res = await fetch(`${base}feed.json`);
  assert.match(res.headers.get('content-type'), /^application\/feed\+json/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  const json = parseJsonFeed(await res.json());
  assert.equal(rss.language, 'en');
  assert.equal(json.language, 'en');
  assert.equal(rss.items.length, 1);
  assert.equal(atom.entries.length, 1);
  assert.equal(json.items.length, 1);
  const [r] = rss.items;
  checkItem('rss', { title: r.title, authors: r.dc.creators, published: r.pubDate, link: r.link, content: r.content.encoded });
  const [a] = atom.entries;
  checkItem('atom', { title: a.title.value ?? a.title, authors: a.authors.map((p) => p.name), published: a.published, link: a.links[0].href, content: a.content.value ?? a.content });
  const [j] = json.items;
  assert.equal(j.language, 'en');
  checkItem('json', { title: j.title, authors: j.authors.map((p) => p.name), published: j.date_published, link: j.url, content: j.content_html });
});

test('Open Graph and Twitter tags are present, and their URLs absolute', async () => {
  const doc = await documentOf(essayUrl());
  const meta = (key) => [...doc.head.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map((m) => m.content);
  for (const key of ['og:type', 'og:title', 'og:description', 'og:url', 'og:site_name', 'article:author', 'article:published_time', 'twitter:card']) {
    assert.ok(meta(key).length && meta(key).every((v) => v.length > 0), `missing ${key}`);
  }
  assert.deepEqual(meta('og:type'), ['article']);
  assert.deepEqual(meta('og:title'), [essay.title]);
  assert.deepEqual(meta('twitter:card'), ['summary']);
  for (const key of ['og:url', 'og:image', 'twitter:image']) {
    for (const v of meta(key)) assert.match(new URL(v).protocol, /^https?:$/, `${key} ${v}`);
  }
  assert.equal(doc.head.querySelector('link[rel="canonical"]').href, essay.canonical_url);
  const ld = JSON.parse(doc.head.querySelector('script[type="application/ld+json"]').textContent);
  assert.equal(ld['@type'], 'Article');
  assert.equal(ld.headline, essay.title);
});

test('a partner on another origin pastes the snippets of embed.html: the script tag and the iframe work', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.url });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}embed.html`);
  const snippets = await page.locator('pre code').allTextContents();
  assert.equal(snippets.length, 3, 'three ways for the one essay with a page');
  await page.locator('button[data-copy]').first().click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), snippets[0]);
  assert.deepEqual(errors, []);

  // The script tag and the iframe, pasted into a page on another origin.
  const host = await context.newPage();
  const hostErrors = watchErrors(host);
  await host.goto(partner.page(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>${snippets[0]}\n${snippets[2]}</body>`));
  await host.waitForFunction(() => document.querySelector('essay-embed')?.shadowRoot?.querySelector('.ee-card'));
  const title = await host.locator('essay-embed').evaluate((el) => el.shadowRoot.querySelector('.ee-title').textContent);
  assert.equal(title, essay.title);
  assert.ok(host.frames().some((f) => f.url().startsWith(`${base}${ID}/embed/`)));
  // The pre-rendered element: the card is there as the HTML arrives, with JavaScript off too.
  const off = await browser.newContext({ javaScriptEnabled: false });
  const still = await off.newPage();
  await still.goto(partner.page(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><body>${snippets[1]}</body>`));
  await assert.doesNotReject(still.locator('essay-embed').getByRole('heading', { name: essay.title }).waitFor());
  await off.close();
  assert.deepEqual(hostErrors, []);
  await context.close();
});
