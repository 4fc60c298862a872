// The XSS corpus (tests/xss/vectors.json) in Chromium: every vector in every string field
// and the Markdown body (inline JSON), in every URL field (the `data` property, an object),
// in a JSON Feed's content_html, summary and content_text (the `data` property, JSON text)
// and in the `essay` attribute; each rendered as article, card and series, many elements a
// page, once on pages with a strict CSP and once on pages without one. Asserts that no
// script ran or was blocked (alert/confirm/prompt/print hooks, a `window.__xss` sentinel,
// dialogs, console errors, securitypolicyviolation events: a blocked inline handler still
// counts as an injection found; no script, style, frame or document requested from
// elsewhere), and that every shadow tree holds only the renderer's allow-listed elements
// and attributes, no on* attribute, no URL outside http(s)/mailto/relative, and no link to
// another site without target=_blank rel="noopener noreferrer".
// The native half is src/render/tests/xss/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { startServer } from './server.mjs';
import { launch } from './browser.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'";
const VECTORS_PER_PAGE = 40;
const MODES = ['article', 'card', 'series'];
const MARKER = 'CONTENT-HTML-MARKER';
const URL_PATHS = [
  'essays[0].authors[0].avatar', 'essays[0].authors[0].url', 'essays[0].canonical_url', 'essays[0].image.src',
  'essays[1].canonical_url', 'publication.cta.url', 'publication.logo', 'publication.url', 'series.url',
];
const STRING_KEYS = ['by', 'and', 'min_read', 'updated', 'read_essay', 'more_in', 'series', 'share_selection',
  'share_quote', 'copy_link', 'copy_quote', 'footnotes', 'loading', 'retry', 'error_title'];
// A 1×1 PNG: every path the test does not know answers it, so images of relative URLs load
// quietly (a 404 would be a console error).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

const { vectors } = JSON.parse(await readFile('tests/xss/vectors.json', 'utf8'));

/** The renderer's allow-lists, read from the native checker so there is one list. */
async function allowLists() {
  const source = await readFile('tests/support/wellformed.rs', 'utf8');
  const list = (name) => {
    const body = source.match(new RegExp(`pub const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`))[1];
    return [...body.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  };
  return { elements: list('ALLOWED_ELEMENTS'), attributes: list('ALLOWED_ATTRIBUTES') };
}

// --- the documents ---------------------------------------------------------------------------

const OK = '/ok/';
/** `v` in every string field and the body; URLs same-origin. */
function textDocument(v) {
  return {
    version: 1,
    publication: { name: v, url: OK, logo: `${OK}logo.png`, copyright: v, cta: { label: v, url: `${OK}cta` }, credit: v },
    series: { id: v, title: v, dek: v, url: `${OK}series` },
    strings: Object.fromEntries(STRING_KEYS.map((k) => [k, v])),
    essays: [
      { id: 'a', kicker: v, title: v, dek: v,
        authors: [{ name: v, role: v, affiliation: v, url: `${OK}author`, avatar: `${OK}avatar.png` }, { name: v }],
        published: '2020-09-09', updated: '2021-01-02', canonical_url: `${OK}a`, lang: 'en', dir: 'ltr',
        image: { src: `${OK}image.png`, alt: v, caption: v, credit: v },
        body: v, pull_quotes: [{ text: v }, v, { text: 'not in the body' }], tags: [v] },
      { id: 'b', kicker: v, title: v, canonical_url: `${OK}b`, authors: [{ name: v, role: v }], pull_quotes: [v] },
    ],
  };
}

/** `u` in every URL field. */
function urlDocument(u) {
  return {
    version: 1,
    publication: { name: 'P', url: u, logo: u, cta: { label: 'L', url: u } },
    series: { title: 'S', url: u },
    essays: [
      { id: 'a', title: 'A', authors: [{ name: 'N', url: u, avatar: u }], canonical_url: u,
        image: { src: u, alt: '' }, body: 'Body text.' },
      { id: 'b', title: 'B', canonical_url: u },
    ],
  };
}

/** A JSON Feed: `v` in the text fields, and in content_html with a marker never to be seen. */
function feedDocument(v) {
  return {
    version: 'https://jsonfeed.org/version/1.1', title: v, description: v, home_page_url: OK,
    items: [
      { id: '1', title: v, summary: v, content_html: `${v}<b>${MARKER}</b>`, url: `${OK}1` },
      { id: '2', title: v, content_text: v, content_html: `<b>${MARKER}</b>${v}` },
    ],
  };
}

/** What the reader sees of text: the renderer writes CR and CR LF as LF and NUL as U+FFFD,
 * as the HTML parser reads them, so the DOM holds exactly what the core counts. */
const shown = (s) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
/** JSON for a `<script type="application/json">` block: no `<` to end it early. */
const inlineJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

/** The HTML and module script of a page for a batch of vectors, and what to expect of it. */
function pageFor(name, batch) {
  const elements = [];
  const data = {};
  const expect = [];
  batch.forEach(({ index, v }) => {
    for (const mode of MODES) {
      const t = `text-${index}-${mode}`;
      elements.push(`<essay-embed id="${t}" mode="${mode}" loading="eager"><script type="application/json">${inlineJson(textDocument(v.vector))}</script></essay-embed>`);
      expect.push({ id: t, kind: 'text', mode, index });
      const u = `url-${index}-${mode}`;
      elements.push(`<essay-embed id="${u}" mode="${mode}" loading="eager"></essay-embed>`);
      data[u] = urlDocument(v.vector);
      expect.push({ id: u, kind: 'url', mode, index });
      const f = `feed-${index}-${mode}`;
      elements.push(`<essay-embed id="${f}" mode="${mode}" loading="eager"${mode === 'article' ? ' essay="2"' : ''}></essay-embed>`);
      data[f] = JSON.stringify(feedDocument(v.vector));
      expect.push({ id: f, kind: 'feed', mode, index });
    }
    const e = `essay-${index}`;
    elements.push(`<essay-embed id="${e}" essay="${attr(v.vector)}" loading="eager"><script type="application/json">{"title":"T","body":"B"}</script></essay-embed>`);
    expect.push({ id: e, kind: 'essay', mode: 'article', index });
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>
<script type="module" src="/xss/${name}.mjs"></script></head><body>
<p id="host-text">Host page.</p>
${elements.join('\n')}
</body></html>`;
  // The entry defines the element (upgrading the ones above) and starts loading the renderer;
  // `data` is set right after, before the renderer can have arrived.
  const script = `import '/pkg/essay-embed.js';
const data = ${JSON.stringify(data)};
for (const [id, value] of Object.entries(data)) document.getElementById(id).data = value;
`;
  return { html, script, expect };
}

// --- the browser side ------------------------------------------------------------------------

/** Runs before any page script: hooks every way the vectors try to run code. */
function hooks() {
  const hits = [];
  const errors = {};
  const ready = {};
  const violations = [];
  Object.defineProperty(window, '__xssHits', { value: hits });
  Object.defineProperty(window, '__xssEvents', { value: { errors, ready, violations } });
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    window[name] = (...args) => { hits.push(`${name}(${args.join(',')})`); };
  }
  Object.defineProperty(window, '__xss', {
    get: () => undefined,
    set: (value) => { hits.push(`window.__xss = ${value}`); },
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    violations.push({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile });
  });
  document.addEventListener('essay-embed:error', (e) => { errors[e.target.id] = e.detail; });
  document.addEventListener('essay-embed:ready', (e) => { ready[e.target.id] = e.detail; });
}

/** Inspects every element's shadow tree against the allow-lists. */
function inspect({ elements, attributes }) {
  const okElements = new Set(elements);
  const okAttributes = new Set(attributes);
  const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'background', 'ping', 'srcdoc'];
  const out = {};
  for (const host of document.querySelectorAll('essay-embed')) {
    const root = host.shadowRoot;
    const problems = [];
    if (!root) { out[host.id] = { problems: ['no shadow root'] }; continue; }
    for (const el of root.querySelectorAll('*')) {
      const name = el.localName;
      if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') problems.push(`element <${name}> in ${el.namespaceURI}`);
      if (!okElements.has(name)) problems.push(`element <${name}>`);
      if (el.shadowRoot) problems.push(`<${name}> has a shadow root`);
      for (const a of el.attributes) {
        if (a.name.startsWith('on')) problems.push(`attribute ${a.name}=${JSON.stringify(a.value)} on <${name}>`);
        else if (!okAttributes.has(a.name)) problems.push(`attribute ${a.name} on <${name}>`);
        if (URL_ATTRIBUTES.includes(a.name)) {
          let protocol;
          try { protocol = new URL(a.value, document.baseURI).protocol; } catch { protocol = 'unparsable'; }
          if (!['http:', 'https:', 'mailto:'].includes(protocol)) problems.push(`URL ${a.name}=${JSON.stringify(a.value)} (${protocol}) on <${name}>`);
        }
      }
      // A link to another site opens in a new tab that gets neither this page nor its URL.
      if (name === 'a' && el.hasAttribute('href')) {
        let url;
        try { url = new URL(el.getAttribute('href'), document.baseURI); } catch { url = null; }
        const rel = (el.getAttribute('rel') ?? '').split(' ');
        const away = url && /^https?:$/.test(url.protocol) && url.origin !== location.origin;
        if (away && !(el.target === '_blank' && rel.includes('noopener') && rel.includes('noreferrer'))) {
          problems.push(`link to ${url.origin} without target=_blank rel="noopener noreferrer": ${el.outerHTML}`);
        }
      }
    }
    out[host.id] = {
      problems,
      state: root.querySelector('.ee-error') ? 'error' : root.querySelector('.ee') ? 'ready' : 'pending',
      h1: root.querySelector('h1.ee-title')?.textContent ?? null,
      title: root.querySelector('.ee-title')?.textContent ?? null,
      text: root.textContent,
    };
  }
  // Nothing may have leaked into the host page either.
  const page = [...document.querySelectorAll('body *')].filter((el) => !el.closest('essay-embed')).map((el) => el.localName);
  return { elements: out, page, hits: [...window.__xssHits], ...window.__xssEvents };
}

// --- the test --------------------------------------------------------------------------------

let server, browser, lists;
const pages = new Map();

before(async () => {
  lists = await allowLists();
  const routes = new Proxy({}, {
    get(_, path) {
      if (typeof path !== 'string' || path.startsWith('/pkg/')) return undefined;
      const served = pages.get(path);
      if (served) return (req, res) => { res.writeHead(200, served.headers); res.end(served.body); };
      return (req, res) => { res.writeHead(200, { 'content-type': 'image/png' }); res.end(PNG); };
    },
  });
  server = await startServer({ routes });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('the allow-lists were read and are strict', () => {
  assert.ok(lists.elements.includes('p') && lists.elements.includes('a') && lists.elements.length > 30);
  for (const name of ['script', 'style', 'iframe', 'svg', 'math', 'form', 'object', 'embed', 'template', 'base', 'link', 'meta']) {
    assert.ok(!lists.elements.includes(name), name);
  }
  assert.ok(lists.attributes.includes('href') && !lists.attributes.some((a) => a.startsWith('on') || a === 'style' || a === 'srcdoc'));
  assert.ok(vectors.length >= 150);
});

/** Opens `html` (with its module `script`) in `context`, waits for `count` elements to have
 * rendered, and reports what happened. */
async function visit(context, name, { html, script, count, csp }) {
  const headers = { 'content-type': 'text/html; charset=utf-8', ...(csp ? { 'content-security-policy': CSP } : {}) };
  pages.set(`/xss/${name}.html`, { body: html, headers });
  pages.set(`/xss/${name}.mjs`, { body: script, headers: { 'content-type': 'text/javascript; charset=utf-8' } });
  const p = await context.newPage();
  const consoleErrors = [];
  const dialogs = [];
  p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  p.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await p.goto(`${server.url}/xss/${name}.html`);
  await p.waitForFunction((n) => {
    const els = [...document.querySelectorAll('essay-embed')];
    return els.length === n && els.every((el) => el.shadowRoot?.querySelector('.ee, .ee-error'));
  }, count, { timeout: 30_000 });
  // Give injected handlers (onerror of a broken image, autofocus, animations) time to fire.
  await p.waitForTimeout(300);
  const seen = await p.evaluate(inspect, lists);
  await p.close();
  return { seen, consoleErrors, dialogs };
}

/** Everything on a visited page that says script ran or was stopped from running. */
function pageFailures({ seen, consoleErrors, dialogs }) {
  const out = [];
  for (const h of seen.hits) out.push(`script ran: ${h}`);
  for (const d of dialogs) out.push(`dialog: ${d}`);
  for (const v of seen.violations) {
    // An image from another http(s) host is an allowed URL the page's img-src refuses;
    // anything else blocked (inline script or handler, style, frame, object) is an injection.
    const allowedImage = v.directive === 'img-src' && /^https?:/.test(v.blocked);
    if (!allowedImage) out.push(`CSP violation: ${JSON.stringify(v)}`);
  }
  for (const e of consoleErrors) {
    // Chromium's own report of such an image; anything else is a failure.
    const allowedImage = /^(Refused to load|Loading) the image 'https?:.*' violates the following Content Security Policy directive: "img-src 'self'"/.test(e);
    if (!allowedImage) out.push(`console error: ${e}`);
  }
  return out;
}

/** A context with the hooks, recording requests that leave the test server. */
async function hookedContext() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.addInitScript(hooks);
  const foreign = [];
  // Images may come from any http(s) host (a strict page's img-src refuses them); no script,
  // style, frame or document may be requested from anywhere else.
  context.on('request', (r) => {
    if (!r.url().startsWith(server.url) && r.resourceType() !== 'image') foreign.push(`${r.resourceType()} ${r.url()}`);
  });
  // Those images load as a 1×1 PNG (this machine has no outside network: a DNS failure
  // would be a console error); anything else that leaves is recorded above and refused.
  await context.route((url) => !url.href.startsWith(server.url), (route) => (
    route.request().resourceType() === 'image'
      ? route.fulfill({ status: 200, contentType: 'image/png', body: PNG })
      : route.abort()));
  return { context, foreign };
}

test('the detectors catch an injection, blocked or not', async () => {
  // Guard against detectors that pass everything: put markup straight into shadow roots.
  const injections = [
    '<img src="/x.png" onload="window.__xss=1">',
    '<a href="javascript:alert(1)">x</a>',
    '<svg><a><text>x</text></a></svg>',
    '<p style="color:red" data-x="1">x</p>',
    '<iframe srcdoc="<p>x</p>"></iframe>',
  ];
  const html = `<!doctype html><html><head><script type="module" src="/xss/detectors-SUFFIX.mjs"></script></head><body>
    <p>host</p>${injections.map((_, i) => `<essay-embed id="d${i}"></essay-embed>`).join('')}</body></html>`;
  const script = `const injections = ${JSON.stringify(injections)};
    document.querySelectorAll('essay-embed').forEach((el, i) => {
      el.attachShadow({ mode: 'open' }).innerHTML = '<div class="ee"></div>' + injections[i];
    });`;
  const { context } = await hookedContext();
  for (const csp of [true, false]) {
    const suffix = csp ? 'csp' : 'open';
    const visited = await visit(context, `detectors-${suffix}`, { html: html.replace('SUFFIX', suffix), script, count: injections.length, csp });
    const pageLevel = pageFailures(visited);
    if (csp) {
      assert.ok(pageLevel.some((f) => f.includes('script-src-attr')), `${pageLevel}`);
      assert.ok(pageLevel.some((f) => f.includes('style-src-attr')), `${pageLevel}`);
      assert.ok(pageLevel.some((f) => f.startsWith('console error: ')), `${pageLevel}`);
    } else {
      assert.ok(pageLevel.includes('script ran: window.__xss = 1'), `${pageLevel}`);
    }
    const problems = injections.map((_, i) => visited.seen.elements[`d${i}`].problems.join('; '));
    assert.match(problems[0], /attribute onload=/);
    assert.match(problems[1], /URL href="javascript:alert\(1\)" \(javascript:\)/);
    assert.match(problems[2], /element <svg> in http:\/\/www\.w3\.org\/2000\/svg/);
    assert.match(problems[3], /attribute style on <p>.*attribute data-x on <p>/);
    assert.match(problems[4], /element <iframe>; attribute srcdoc on <iframe>/);
  }
  await context.close();
});

test('no vector runs script or leaves anything outside the allow-list, in any field or mode', async () => {
  const batches = [];
  for (let i = 0; i < vectors.length; i += VECTORS_PER_PAGE) {
    batches.push(vectors.slice(i, i + VECTORS_PER_PAGE).map((v, k) => ({ index: i + k, v })));
  }
  const { context, foreign } = await hookedContext();
  const failures = [];
  let checked = 0;
  // Under the strict CSP an injection is blocked and reported; on a page without one it
  // would run and trip the hooks. Every vector is tried both ways.
  for (const csp of [true, false]) {
    for (const [n, batch] of batches.entries()) {
      const name = `page-${n}-${csp ? 'csp' : 'open'}`;
      const { html, script, expect } = pageFor(name, batch);
      const visited = await visit(context, name, { html, script, count: expect.length, csp });
      const { seen } = visited;
      const fail = (what) => failures.push(`${name}: ${what}`);
      pageFailures(visited).forEach(fail);
      if (seen.page.join() !== 'p') fail(`the host page changed: ${seen.page}`);

      for (const { id, kind, mode, index } of expect) {
        const v = vectors[index];
        const el = seen.elements[id];
        const tag = `${v.id} (${kind}, ${mode})`;
        checked++;
        for (const problem of el.problems) fail(`${tag}: ${problem}`);
        if (kind === 'text') {
          if (el.state !== 'ready') fail(`${tag}: not rendered (${JSON.stringify(seen.errors[id])})`);
          // The vector was really there, shown as the text the author typed.
          else if (mode === 'article' ? el.h1 !== shown(v.vector) : el.title !== shown(v.vector)) {
            fail(`${tag}: title shows ${JSON.stringify(el.h1 ?? el.title)}`);
          }
        } else if (kind === 'url') {
          let protocol;
          try { protocol = new URL(v.vector, server.url).protocol; } catch { protocol = 'unparsable'; }
          const dangerous = !['http:', 'https:', 'mailto:'].includes(protocol);
          // Lenient for readers: the essay renders; a refused URL is left out, and the ready
          // event's warnings name every field it was in.
          const warnings = seen.ready[id]?.warnings ?? [];
          if (el.state !== 'ready') fail(`${tag}: not rendered (${JSON.stringify(seen.errors[id])})`);
          else if (warnings.length) {
            const paths = warnings.map((w) => w.path).sort();
            if (paths.join() !== URL_PATHS.join()) fail(`${tag}: unexpected warnings ${JSON.stringify(warnings)}`);
          } else if (dangerous) {
            fail(`${tag}: a ${protocol} URL was accepted`);
          }
        } else if (kind === 'feed') {
          if (el.state !== 'ready') fail(`${tag}: not rendered (${JSON.stringify(seen.errors[id])})`);
          if (el.text.includes(MARKER)) fail(`${tag}: content_html was inserted`);
        } else if (kind === 'essay') {
          if (el.state !== 'error' || seen.errors[id]?.code !== 'unknown-essay') fail(`${tag}: expected the unknown-essay state, got ${el.state}`);
        }
      }
    }
  }
  await context.close();
  for (const request of foreign) failures.push(`a request went out: ${request}`);
  assert.equal(checked, 2 * vectors.length * (3 * MODES.length + 1));
  assert.deepEqual(failures, []);
});
