// `make bench`, cold start on a phone: the seed essay as a reader on a mobile network first
// sees it, for the four ways a page can show it, each in a fresh context with the cache
// off, gzip on the wire, the contenders taking turns. Per run: the time until the first
// sentence of the body is in the DOM at a frame (a requestAnimationFrame loop from the top
// of the page, from navigation start), the CLS a `layout-shift` PerformanceObserver adds up
// (host text sits below the essay), the bytes on the wire before that moment (Resource
// Timing's transferSize of what had arrived, the page included), and the wasm bytes
// fetched before the reader did anything (the run ends a second after the essay is seen).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cli } from '../tests/e2e/server.mjs';

/** 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower (Lighthouse's "slow 4G"). */
export const PHONE = { latency: 150, download: 1.6e6 / 8, upload: 750e3 / 8, cpu: 4 };

const CONTENT = '/bench/cold/seed.json';
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.html': 'text/html; charset=utf-8' };

/** A handler serving `body` gzipped (when the browser accepts it), never cached. */
function gzipped(type, body) {
  const raw = Buffer.from(body);
  const gz = gzipSync(raw, { level: 9 });
  return (req, res) => {
    const accepts = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...(accepts ? { 'content-encoding': 'gzip' } : {}) });
    res.end(accepts ? gz : raw);
  };
}

/**
 * The routes of the cold-start pages (pkg/, the content, the peer and its libraries, gzip),
 * for `startServer`. `peerFiles` maps the peer's paths to its (minified) scripts.
 */
export function coldRoutes(root, peerFiles) {
  const seedText = readFileSync(join(root, 'www/content/reinventing-nuclear-arms-control.json'), 'utf8');
  const seed = JSON.parse(seedText);
  const essay = seed.essays[0];
  const sentence = essay.body.slice(0, essay.body.indexOf('.') + 1);
  const routes = {};
  // pkg/ and its immutable/ (the hashed glue and wasm, which the entry names).
  const hashed = readdirSync(join(root, 'pkg', 'immutable')).map((f) => `immutable/${f}`);
  for (const file of [...readdirSync(join(root, 'pkg')), ...hashed]) {
    const ext = file.slice(file.lastIndexOf('.'));
    if (TYPES[ext]) routes[`/bench/cold/pkg/${file}`] = gzipped(TYPES[ext], readFileSync(join(root, 'pkg', file)));
  }
  routes[CONTENT] = gzipped(TYPES['.json'], seedText);
  for (const [path, body] of Object.entries(peerFiles)) routes[path] = gzipped(TYPES['.js'], body);

  const file = join(root, 'www/content/reinventing-nuclear-arms-control.json');
  const fallback = `<a href="${essay.canonical_url}">${essay.title}, by ${essay.authors[0].name}</a>`;
  const bodies = {
    prerendered: cli(['render', file, '--element', '--essay', essay.id, '--pkg-url', '/bench/cold/pkg/', '--script']),
    'prerendered-inline-style': cli(['render', file, '--element', '--essay', essay.id, '--pkg-url', '/bench/cold/pkg/', '--script', '--inline-style']),
    'script-tag': `<essay-embed src="${CONTENT}" essay="${essay.id}">${fallback}</essay-embed>`,
    peer: `<div id="peer">${fallback}</div>
<script type="module">
  import '/bench/peer.js';
  const json = await fetch('${CONTENT}').then((r) => r.text());
  const el = document.createElement('peer-embed');
  el.data = json;
  document.getElementById('peer').replaceChildren(el);
</script>`,
    static: cli(['render', file, '--essay', essay.id]),
  };
  const heads = {
    'script-tag': `<link rel="modulepreload" href="/bench/cold/pkg/essay-embed.js"><link rel="modulepreload" href="/bench/cold/pkg/${hashed.find((f) => f.endsWith('.js'))}">
<link rel="preload" href="/bench/cold/pkg/${hashed.find((f) => f.endsWith('.wasm'))}" as="fetch" crossorigin><link rel="preload" href="${CONTENT}" as="fetch" crossorigin>
<script type="module" src="/bench/cold/pkg/essay-embed.js"></script>`,
  };
  const below = Array.from({ length: 12 }, (_, i) => `<p>Host page text below the essay, paragraph ${i + 1}: the rest of the article page, comments, related stories and the footer, which must not jump.</p>`).join('\n');
  for (const [who, body] of Object.entries(bodies)) {
    routes[`/bench/cold/${who}.html`] = gzipped(TYPES['.html'], `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>cold start: ${who}</title><link rel="icon" href="data:,">
<script>
  window.__m = { cls: 0, visible: null };
  new PerformanceObserver((list) => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__m.cls += e.value; })
    .observe({ type: 'layout-shift', buffered: true });
  const SENTENCE = ${JSON.stringify(sentence)};
  const roots = () => [document, ...[...document.querySelectorAll('essay-embed, peer-embed')].map((e) => e.shadowRoot).filter(Boolean)];
  const seen = () => roots().some((r) => (r.querySelector('.ee-body, .body')?.textContent ?? '').includes(SENTENCE));
  const frame = () => { if (seen()) window.__m.visible = performance.now(); else requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
</script>
${heads[who] ?? ''}</head><body style="margin:0 auto;max-width:44em;padding:0 1em;font:1rem/1.5 system-ui">
<h1>The Meridian Review</h1><p>Host page text above the essay: the partner's introduction.</p>
${body}
${below}
</body></html>`);
  }
  return { routes, sentence, contenders: Object.keys(bodies) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : null;
};

/** One cold load of `who`'s page; `profile` null for no throttling. */
async function once(browser, url, profile) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false, latency: profile.latency, downloadThroughput: profile.download, uploadThroughput: profile.upload,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
    }
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__m?.visible != null, null, { timeout: 60_000, polling: 50 });
    await page.waitForTimeout(1000);
    return await page.evaluate(() => {
      const t = window.__m.visible;
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const before = resources.filter((r) => r.responseEnd <= t).reduce((n, r) => n + r.transferSize, 0);
      const wasm = resources.filter((r) => r.name.endsWith('.wasm')).reduce((n, r) => n + r.transferSize, 0);
      return { ms: t, cls: window.__m.cls, bytes: (nav.responseEnd <= t ? nav.transferSize : 0) + before, wasm_bytes: wasm };
    });
  } finally {
    await context.close();
  }
}

/** Medians of `runs` cold loads of every contender, after `warmup`, taking turns. */
export async function coldStart({ browser, baseUrl, contenders, runs = 9, warmup = 1, profile = PHONE, log = () => {} }) {
  const samples = Object.fromEntries(contenders.map((c) => [c, []]));
  for (let i = 0; i < warmup + runs; i++) {
    const order = i % 2 ? [...contenders].reverse() : contenders;
    for (const who of order) {
      const s = await once(browser, `${baseUrl}/bench/cold/${who}.html`, profile);
      if (i >= warmup) samples[who].push(s);
    }
    log(`cold start ${profile ? 'phone' : 'unthrottled'}: run ${i + 1}/${warmup + runs}`);
  }
  const rows = {};
  for (const [who, list] of Object.entries(samples)) {
    rows[who] = {
      ms: median(list.map((s) => s.ms)), cls: median(list.map((s) => s.cls)),
      cls_max: Math.max(...list.map((s) => s.cls)), bytes: median(list.map((s) => s.bytes)),
      wasm_bytes: Math.max(...list.map((s) => s.wasm_bytes)), runs: list.length,
    };
  }
  return rows;
}
