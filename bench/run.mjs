// `make bench` (browser half): essay-embed against the floor and a JS peer in headless
// Chromium, on pages served on 127.0.0.1, all cases in one run. Prints the medians and the
// ratios, writes bench/results.json and, with --docs, the tables in docs/performance.md, the
// short table in README.md and the sizes in docs/size.md (each between its markers).
//
//   node bench/run.mjs [--runs N] [--warmup N] [--docs] [--native target/criterion]
//   node bench/run.mjs --cold-only [--docs]   (only the phone cold start; merged into
//                                            the last bench/results.json)
//   node bench/run.mjs --tables-only [--docs] (the tables of bench/results.json again,
//                                            with the bytes of the pkg/ built now)
//
// Needs a built pkg/ (`make build`). Synthetic essays come from bench/essays.mjs (seeded).
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startServer } from '../tests/e2e/server.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/browser.mjs';
import { markdown, documentFor } from './essays.mjs';
import { sizes } from '../scripts/sizes.mjs';
import { coldRoutes, coldStart, PHONE } from './cold.mjs';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', process.env.BENCH_RUNS ?? 21));
const WARMUP = Number(arg('--warmup', process.env.BENCH_WARMUP ?? 5));
const COLD_RUNS = Number(arg('--cold-runs', process.env.BENCH_COLD_RUNS ?? 9));
const COLD_ONLY = process.argv.includes('--cold-only');
const log = (...a) => console.error('bench:', ...a);

// --- content -------------------------------------------------------------------------------
const seed = readFileSync(join(ROOT, 'www/content/reinventing-nuclear-arms-control.json'), 'utf8');
const essays = { seed: JSON.parse(seed) };
const described = { seed: 'seed essay (www/content)' };
const words20k = markdown({ words: 20_000, seed: 20 });
essays.words20k = documentFor(words20k.markdown);
described.words20k = `${words20k.words.toLocaleString('en')} words`;
for (const kb of [1, 10, 100, 1000]) {
  const m = markdown({ bytes: kb * 1000, seed: kb });
  essays[`kb${kb}`] = documentFor(m.markdown);
  described[`kb${kb}`] = `${kb.toLocaleString('en')} KB of Markdown`;
}
// Re-anchoring: a 100,000-character essay, a 200-character passage of plain text in it (no
// inline markup, so the same characters in the Markdown and on the page), and the same
// essay with that passage copy-edited at its head, middle and tail.
const longMarkdown = markdown({ bytes: 104_000, seed: 7 }).markdown;
const reanchorQuote = (() => {
  const run = /[^*[\]`\n|>#_\\-]{300,}/g;
  run.lastIndex = Math.floor(longMarkdown.length / 2);
  const found = run.exec(longMarkdown);
  if (!found) throw new Error('bench: no plain passage in the re-anchoring essay');
  const start = found.index + found[0].indexOf(' ', 40) + 1;
  return longMarkdown.slice(start, start + 200);
})();
// Copy-edited as benches/core.rs does: a word inserted after the second, one dropped from
// the middle, a letter of the second-to-last word doubled.
const reanchorEdited = (() => {
  const words = reanchorQuote.split(' ');
  words.splice(2, 0, 'very');
  words.splice(Math.floor(words.length / 2), 1);
  const n = words.length;
  words[n - 2] = words[n - 2].slice(0, 1) + words[n - 2];
  return words.join(' ');
})();
// Selection to popover: essays of 10 KB to 1 MB, each with the same paragraph in the middle,
// whose first sentence is the selection.
const SELECTED = 'A reader selects this same sentence in every essay, so only the essay around it grows.';
for (const kb of [10, 100, 1000]) {
  const m = markdown({ bytes: kb * 1000, seed: 100 + kb }).markdown;
  const middle = m.indexOf('\n\n', Math.floor(m.length / 2));
  essays[`select_kb${kb}`] = documentFor(`${m.slice(0, middle)}\n\n${SELECTED} It is plain text.${m.slice(middle)}`);
}
essays.reanchor_original = documentFor(longMarkdown);
essays.reanchor_edited = documentFor(longMarkdown.replace(reanchorQuote, reanchorEdited));

const json = Object.fromEntries(Object.entries(essays).map(([k, v]) => [k, JSON.stringify(v)]));

// The peer's libraries, minified like our own scripts (terser), served beside its module.
function minified(path) {
  return execFileSync(join(ROOT, 'node_modules/.bin/terser'), [path, '--module', '--compress', '--mangle']);
}
const peerFiles = {
  '/bench/peer.js': readFileSync(join(ROOT, 'bench/peer.js')),
  '/bench/vendor/marked.js': minified(join(ROOT, 'node_modules/marked/lib/marked.esm.js')),
  '/bench/vendor/purify.js': minified(join(ROOT, 'node_modules/dompurify/dist/purify.es.mjs')),
};
const version = (name) => JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;

const page = (body) => `<!doctype html><html lang="en"><meta charset="utf-8"><title>essay-embed bench</title>
<body style="margin:0"><main id="stage" style="width:800px"></main>${body}</body></html>`;
// Cold start: the inline script notes the time, then inserts the module script.
const coldPage = (tag, script) => page(`<${tag} loading="eager"><script type="application/json">${seed.replace(/</g, '\\u003c')}</script></${tag}>
<script>
  window.t0 = performance.now();
  document.addEventListener('essay-embed:ready', () => { window.coldMs = performance.now() - window.t0; }, { once: true });
  const s = document.createElement('script'); s.type = 'module'; s.src = '${script}'; document.head.append(s);
</script>`);

// Cross-origin isolation (COOP + COEP) on the pages lifts Chromium's coarsening of
// performance.now() (100 µs otherwise) to 5 µs; every resource here is same-origin.
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const send = (type, body, headers = {}) => (req, res) => {
  res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
};
const routes = {
  '/bench/page.html': send('text/html; charset=utf-8', page(''), ISOLATED),
  '/bench/harness.js': send('text/javascript', readFileSync(join(ROOT, 'bench/harness.js'))),
  '/bench/cold-widget.html': send('text/html; charset=utf-8', coldPage('essay-embed', '/pkg/essay-embed.js'), ISOLATED),
  '/bench/cold-peer.html': send('text/html; charset=utf-8', coldPage('peer-embed', '/bench/peer.js'), ISOLATED),
};
for (const [path, body] of Object.entries(peerFiles)) routes[path] = send('text/javascript', body);
const cold = coldRoutes(ROOT, peerFiles);
Object.assign(routes, cold.routes);
for (const [name, text] of Object.entries(json)) routes[`/bench/essays/${name}.json`] = send('application/json', text);

// --- statistics ----------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 2) => (x == null ? null : Number(x.toFixed(d)));

// --- the run -------------------------------------------------------------------------------
if (process.argv.includes('--tables-only')) {
  // The tables of the last run (bench/results.json) again, e.g. into the docs with --docs.
  // Bytes are deterministic: those of the pkg/ built now, when there is one.
  const last = JSON.parse(readFileSync(join(ROOT, 'bench/results.json'), 'utf8'));
  if (existsSync(join(ROOT, 'pkg/essay-embed.js'))) measureSizes(last);
  finish(last);
  process.exit(0);
}
const server = await startServer({ routes });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
});
const results = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown',
    memory_gib: round(os.totalmem() / 2 ** 30, 1), os: `${os.type()} ${os.release()}`, node: process.version,
  },
  chromium: browser.version(),
  peer: { marked: version('marked'), dompurify: version('dompurify') },
  runs: RUNS, warmup: WARMUP,
};

async function freshPage() {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const p = await context.newPage();
  p.on('pageerror', (e) => log('page error:', e.message));
  await p.goto(`${server.url}/bench/page.html`);
  await p.evaluate(async () => { window.bench = await import('/bench/harness.js'); });
  if (!(await p.evaluate(() => crossOriginIsolated))) log('warning: page not cross-origin isolated (timer resolution 100 µs)');
  const memory = await p.evaluate(() => window.bench.setup());
  return { page: p, context, memory };
}

/** The cold start on the phone profile, and the same pages without throttling. */
async function phoneColdStart() {
  const options = { browser, baseUrl: server.url, contenders: cold.contenders, runs: COLD_RUNS, warmup: 1, log };
  return {
    date: new Date().toISOString(), profile: PHONE, sentence: cold.sentence, runs: COLD_RUNS,
    throttled: await coldStart(options),
    unthrottled: await coldStart({ ...options, profile: null }),
  };
}

if (COLD_ONLY) {
  let previous = {};
  try { previous = JSON.parse(readFileSync(join(ROOT, 'bench/results.json'), 'utf8')); } catch { /* first run */ }
  try {
    Object.assign(results, previous, { cold_phone: await phoneColdStart() });
    // Sizes are of the pkg/ measured now (deterministic), like the phone table.
    measureSizes(results);
  } finally {
    await browser.close();
    await server.close();
  }
  finish(results);
  process.exit(0);
}

try {
  // Render from JSON, module loaded: widget, floor, peer and core, per essay.
  const { page: p, context } = await freshPage();
  results.render = [];
  for (const name of ['seed', 'words20k', 'kb1000']) {
    log(`render ${described[name]} (${RUNS} runs after ${WARMUP} warm-up)`);
    const r = await p.evaluate(([n, o]) => window.bench.renderCase(n, o), [name, { runs: RUNS, warmup: WARMUP }]);
    const m = (kind, what) => median(r.samples[kind][what]);
    results.render.push({
      case: name, essay: described[name], json_bytes: r.bytes, html_chars: r.html,
      core_ms: round(m('core', 'dom')),
      widget_ms: round(m('widget', 'dom')), floor_ms: round(m('floor', 'dom')), peer_ms: round(m('peer', 'dom')),
      widget_layout_ms: round(m('widget', 'layout')), floor_layout_ms: round(m('floor', 'layout')), peer_layout_ms: round(m('peer', 'layout')),
      widget_over_floor: round(m('widget', 'dom') / m('floor', 'dom')),
      widget_over_floor_layout: round(m('widget', 'layout') / m('floor', 'layout')),
      widget_over_peer: round(m('widget', 'dom') / m('peer', 'dom')),
      widget_over_peer_layout: round(m('widget', 'layout') / m('peer', 'layout')),
    });
  }

  // Essays of 1 KB to 1 MB: time per KB must stay flat.
  results.size_curve = [];
  for (const kb of [1, 10, 100, 1000]) {
    log(`size curve ${kb} KB`);
    const r = await p.evaluate(([n, o]) => window.bench.renderCase(n, o), [`kb${kb}`, { runs: RUNS, warmup: WARMUP, kinds: ['core', 'widget'] }]);
    const core = median(r.samples.core.dom), widget = median(r.samples.widget.dom);
    const kbs = r.bytes / 1000;
    results.size_curve.push({
      kb, json_bytes: r.bytes, core_ms: round(core), widget_ms: round(widget),
      core_us_per_kb: round((core * 1000) / kbs, 1), widget_us_per_kb: round((widget * 1000) / kbs, 1),
    });
  }
  await context.close();

  // Scaling: 1, 10 and 50 elements on one page, each on a fresh page (wasm memory only grows).
  results.scaling = [];
  for (const n of [1, 10, 50]) {
    log(`scaling ${n} element(s)`);
    const { page: sp, context: sc, memory: before } = await freshPage();
    const r = await sp.evaluate(([k, o]) => window.bench.scaling(k, o), [n, { runs: RUNS, warmup: WARMUP }]);
    results.scaling.push({
      elements: n, ms: round(median(r.dom)), layout_ms: round(median(r.layout)),
      ms_per_element: round(median(r.dom) / n), wasm_memory_bytes: r.memory.wasm,
      wasm_memory_after_load_bytes: before.wasm, js_heap_bytes: r.memory.jsHeap,
    });
    await sc.close();
  }

  // Cold start: inserting the script -> essay-embed:ready, a new context per sample, cache off.
  log('cold start');
  const coldMs = { widget: [], peer: [] };
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const who of i % 2 ? ['peer', 'widget'] : ['widget', 'peer']) {
      const context = await browser.newContext();
      const cp = await context.newPage();
      const cdp = await context.newCDPSession(cp);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cp.goto(`${server.url}/bench/cold-${who}.html`);
      const ms = await cp.waitForFunction(() => window.coldMs, null, { timeout: 30_000 }).then((h) => h.jsonValue());
      if (i >= WARMUP) coldMs[who].push(ms);
      await context.close();
    }
  }
  results.cold_start = {
    widget_ms: round(median(coldMs.widget)), peer_ms: round(median(coldMs.peer)),
    widget_over_peer: round(median(coldMs.widget) / median(coldMs.peer)),
  };

  log('cold start on a phone profile');
  results.cold_phone = await phoneColdStart();

  // Re-anchoring a 200-character edited quote in a 100,000-character essay: the link the
  // widget makes for the passage (selected, Copy link), then the edited essay rendered with
  // and without arriving on it, taking turns, in a hidden stage; the difference is finding
  // the passage again and highlighting it.
  log('re-anchoring');
  {
    const { page: rp, context: rc } = await freshPage();
    const link = await rp.evaluate(([n, q]) => window.bench.shareLink(n, q), ['reanchor_original', reanchorQuote]);
    const r = await rp.evaluate(([n, l, o]) => window.bench.reanchor(n, l, o), ['reanchor_edited', link, { runs: RUNS, warmup: WARMUP }]);
    await rc.close();
    const arrive = median(r.arrive), plain = median(r.plain);
    results.reanchor = {
      essay_chars: r.chars, quote_chars: reanchorQuote.length, edited_quote_chars: reanchorEdited.length,
      found_chars: r.found.length, link_chars: link.length,
      widget_with_link_ms: round(arrive), widget_ms: round(plain), reanchor_ms: round(arrive - plain),
    };
  }

  // Selection to popover on essays of 10 KB to 1 MB: the same sentence selected in each, on a
  // fresh page per essay; flat in the essay's size once the text is normalised once per render.
  results.select_popover = [];
  for (const kb of [10, 100, 1000]) {
    log(`selection to popover ${kb} KB`);
    const { page: sp, context: sc } = await freshPage();
    const r = await sp.evaluate(([n, q, o]) => window.bench.selectToPopover(n, q, o), [`select_kb${kb}`, SELECTED, { runs: RUNS, warmup: WARMUP }]);
    await sc.close();
    results.select_popover.push({ kb, essay_chars: r.chars, ms: round(median(r.ms)) });
  }
} finally {
  await browser.close();
  await server.close();
}

// --- sizes, native benches, output ---------------------------------------------------------
measureSizes(results);
const gz = (paths) => paths.reduce((n, p) => n + execFileSync('gzip', ['-9', '-n', '-c'], { input: peerFiles[p] }).length, 0);
results.peer.gzip_bytes = gz(Object.keys(peerFiles));

const criterion = arg('--native', null);
if (criterion && existsSync(criterion)) results.native = nativeResults(criterion);
// benches/import.rs: the import of a generated feed (criterion) and the CLI's peak memory.
const importRecord = criterion && join(criterion, '..', 'import-bench.json');
if (importRecord && existsSync(importRecord)) {
  const row = (results.native ?? []).find((n) => n.group === 'import');
  results.import = { ...JSON.parse(readFileSync(importRecord, 'utf8')), median_ms: row ? round(row.median_us / 1000, 1) : null, mb_per_s: row?.mb_per_s ?? null };
}

/** Throughput from criterion's estimates (target/criterion/GROUP/FUNCTION/new/), in the
 * order of benches/core.rs, with each function's throughput over plain push_html's. */
function nativeResults(dir) {
  const out = [];
  for (const group of readdirSync(dir).filter((g) => g !== 'report')) {
    for (const fn of readdirSync(join(dir, group)).filter((f) => f !== 'report')) {
      const base = join(dir, group, fn, 'new');
      if (!existsSync(join(base, 'estimates.json'))) continue;
      const est = JSON.parse(readFileSync(join(base, 'estimates.json'), 'utf8'));
      const bm = JSON.parse(readFileSync(join(base, 'benchmark.json'), 'utf8'));
      const bytes = bm.throughput?.Bytes ?? bm.throughput?.BytesDecimal ?? null;
      const ns = est.median.point_estimate;
      out.push({ group: bm.group_id, function: bm.function_id ?? bm.value_str, median_us: round(ns / 1000, 1), mb_per_s: bytes ? round(bytes / ns * 1000, 1) : null });
    }
  }
  const groups = ['seed essay', '20k words', '1 MB'];
  const fns = ['pulldown_cmark push_html', 'essay_embed markdown::render', 'essay_embed render::render', 'essay_embed model::load + render'];
  const rank = (list, x) => (list.indexOf(x) + list.length + 1) % (list.length + 1);
  out.sort((a, b) => rank(groups, a.group) - rank(groups, b.group) || rank(fns, a.function) - rank(fns, b.function));
  for (const row of out) {
    const plain = out.find((r) => r.group === row.group && r.function === fns[0]);
    row.vs_push_html = plain?.mb_per_s && row.mb_per_s ? round(row.mb_per_s / plain.mb_per_s) : null;
  }
  return out;
}

finish(results);

/** The byte sizes of the pkg/ built now, and when they were measured. */
function measureSizes(into) {
  into.sizes = sizes().map(({ part, raw, gzip, brotli }) => ({ part, raw, gzip, brotli }));
  into.sizes_date = new Date().toISOString();
}

/**
 * Writes bench/results.json, prints the tables and, with --docs, puts them into
 * docs/performance.md and the short table into README.md.
 */
function finish(results) {
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  const md = markdownTables(results);
  console.log(md);
  if (process.argv.includes('--docs')) {
    between('docs/performance.md', 'bench', md);
    between('README.md', 'bench:summary', summaryTable(results));
    between('docs/size.md', 'sizes', sizesTable(results));
  }
}

/** Replaces what is between `<!-- NAME:begin -->` and `<!-- NAME:end -->` in `file`. */
function between(file, name, md) {
  const path = join(ROOT, file);
  const text = readFileSync(path, 'utf8');
  const [begin, end] = [`<!-- ${name}:begin -->`, `<!-- ${name}:end -->`];
  const [from, to] = [text.indexOf(begin), text.indexOf(end)];
  if (from < 0 || to < from) throw new Error(`${file} has no ${begin} ... ${end} markers`);
  writeFileSync(path, text.slice(0, from + begin.length) + '\n' + md + '\n' + text.slice(to));
  log(`${file} updated`);
}

/** docs/size.md's table of the parts, in bytes. */
function sizesTable(r) {
  const what = {
    entry: 'entry (`essay-embed.js`)', glue: 'glue (`essay-embed-core.js`, its snippets bundled in)',
    wasm: 'wasm (`essay-embed-core_bg.wasm`)', css: 'CSS (`essay-embed.css`; inside the wasm too, counted there)',
    full: '**full widget**',
  };
  const n = (x) => x.toLocaleString('en');
  return ['| part | raw | gzip | brotli |', '|---|---:|---:|---:|',
    ...r.sizes.map((p) => `| ${what[p.part] ?? p.part} | ${n(p.raw)} | ${p.part === 'full' ? `**${n(p.gzip)}**` : n(p.gzip)} | ${n(p.brotli)} |`),
    '', `Measured ${(r.sizes_date ?? r.date).slice(0, 10)}.`].join('\n');
}

/** The README's short table: the bytes, and the figures a user asks about first. */
function summaryTable(r) {
  const kb = (b) => (b / 1000).toFixed(1);
  const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString('en'));
  const s = (x) => (x / 1000).toFixed(1);
  const part = (name) => r.sizes.find((p) => p.part === name);
  const rows = [
    ['entry script, all a page loads before an essay is near', `${kb(part('entry').gzip)} KB gzip`],
    ['the whole widget (entry, glue, wasm)', `${kb(part('full').gzip)} KB gzip, ${kb(part('full').brotli)} KB brotli`],
  ];
  const t = r.cold_phone?.throttled;
  if (t?.prerendered && t['script-tag'] && t.peer) {
    const pre = t.prerendered, tag = t['script-tag'];
    rows.push(['pre-rendered essay on screen, phone on a mobile network, cold cache',
      `${s(pre.ms)} s, CLS ${pre.cls.toFixed(2)}, ${pre.wasm_bytes ? `${kb(pre.wasm_bytes)} KB of wasm` : 'no wasm'}`]);
    rows.push(['the same through the script tag', `${s(tag.ms)} s, CLS ${tag.cls.toFixed(2)} (marked + DOMPurify: ${s(t.peer.ms)} s, CLS ${t.peer.cls.toFixed(2)})`]);
  }
  const long = r.render?.find((c) => c.case === 'words20k');
  if (long) rows.push([`${long.essay} rendered, renderer loaded`, `${ms(long.widget_ms)} ms (marked + DOMPurify: ${ms(long.peer_ms)} ms)`]);
  const when = [`bytes of the build of ${(r.sizes_date ?? r.date).slice(0, 10)}`, `times of the run of ${r.date.slice(0, 10)}`];
  if (r.cold_phone) when.push(`the phone run of ${r.cold_phone.date.slice(0, 10)}`);
  return ['| | |', '|---|---:|', ...rows.map(([what, value]) => `| ${what} | ${value} |`), '',
    `Measured by \`make bench\` (${when.join(', ')}); [all the figures](docs/performance.md).`].join('\n');
}

function markdownTables(r) {
  const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
  const x = (v) => (v == null ? '–' : `${v.toFixed(2)}x`);
  const kb = (b) => (b / 1000).toFixed(1);
  const lines = [];
  lines.push(`Measured ${r.date.slice(0, 10)} on ${r.machine.cpus} cores (${r.machine.cpu}), ${r.machine.memory_gib} GiB, `
    + `Chromium ${r.chromium} headless, ${r.runs} runs per case after ${r.warmup} warm-up, medians. `
    + `Peer: marked ${r.peer.marked} + DOMPurify ${r.peer.dompurify}. \`make bench\` rewrites this section; the bytes are of the build of ${(r.sizes_date ?? r.date).slice(0, 10)}.`);
  lines.push('', '**Render from JSON, renderer already loaded** (ms; "+layout" forces layout after the content is in):', '');
  lines.push('| essay | JSON | core only | widget | floor | peer | widget / floor | widget / peer | widget +layout | floor +layout | peer +layout | widget / floor +layout |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const c of r.render) {
    lines.push(`| ${c.essay} | ${kb(c.json_bytes)} KB | ${ms(c.core_ms)} | ${ms(c.widget_ms)} | ${ms(c.floor_ms)} | ${ms(c.peer_ms)} | ${x(c.widget_over_floor)} | ${x(c.widget_over_peer)} | ${ms(c.widget_layout_ms)} | ${ms(c.floor_layout_ms)} | ${ms(c.peer_layout_ms)} | ${x(c.widget_over_floor_layout)} |`);
  }
  lines.push('', '**Cold start**, inserting the script to `essay-embed:ready`, seed essay, cache disabled, new context per run (ms):', '');
  lines.push('| widget | peer | widget / peer |', '|---:|---:|---:|');
  lines.push(`| ${ms(r.cold_start.widget_ms)} | ${ms(r.cold_start.peer_ms)} | ${x(r.cold_start.widget_over_peer)} |`);
  if (r.cold_phone) lines.push('', ...phoneTable(r.cold_phone));
  lines.push('', '**Scaling**, seed essay, N elements appended at once until all are ready:', '');
  lines.push('| elements | ms | ms per element | +layout ms | wasm memory | wasm memory after load |', '|---:|---:|---:|---:|---:|---:|');
  for (const s of r.scaling) {
    lines.push(`| ${s.elements} | ${ms(s.ms)} | ${ms(s.ms_per_element)} | ${ms(s.layout_ms)} | ${(s.wasm_memory_bytes / 2 ** 20).toFixed(2)} MiB | ${(s.wasm_memory_after_load_bytes / 2 ** 20).toFixed(2)} MiB |`);
  }
  lines.push('', '**Essay size**, time per KB of JSON (flat = no quadratic path):', '');
  lines.push('| Markdown | core ms | core µs/KB | widget ms | widget µs/KB |', '|---:|---:|---:|---:|---:|');
  for (const s of r.size_curve) lines.push(`| ${s.kb} KB | ${ms(s.core_ms)} | ${s.core_us_per_kb} | ${ms(s.widget_ms)} | ${s.widget_us_per_kb} |`);
  const ra = r.reanchor;
  const anchoring = (r.native ?? []).filter((n) => n.group === 'anchoring');
  lines.push('', `**Re-anchoring** a ${ra.quote_chars}-character quote, edited at its head, middle and tail `
    + `(${ra.edited_quote_chars} characters now), in a ${ra.essay_chars.toLocaleString('en')}-character essay. `
    + 'In the browser: the edited essay rendered (in a hidden stage, so that neither side is laid out) while '
    + 'arriving on the link the widget made for the original passage (select, Copy link), against the same '
    + `without the link: ${ms(ra.widget_with_link_ms)} ms vs ${ms(ra.widget_ms)} ms, so **${ms(ra.reanchor_ms)} ms** `
    + `to find the passage again and highlight it (${ra.found_chars} characters highlighted).`
    + (anchoring.length ? ' Natively (criterion, `DeepLink::anchor` alone): '
      + anchoring.map((n) => `${n.function} ${n.median_us.toLocaleString('en')} µs`).join(', ') + '.' : ''));
  if (r.select_popover?.length) {
    lines.push('', `**Selection to popover**: the same ${SELECTED.length}-character sentence selected in essays of 10 KB to 1 MB of Markdown, `
      + 'ms from the selection to the share popover in the shadow root, including the entry\'s fixed 150 ms settle delay '
      + '(it waits for the selection to stop changing):', '');
    lines.push('| Markdown | essay characters | ms |', '|---:|---:|---:|');
    for (const s of r.select_popover) lines.push(`| ${s.kb} KB | ${s.essay_chars.toLocaleString('en')} | ${ms(s.ms)} |`);
  }
  if (r.native?.length) {
    lines.push('', '**Native core** (criterion, `benches/core.rs`, release profile as shipped: opt-level z; '
      + 'the rows of a group render the same Markdown):', '');
    lines.push('| Markdown | function | median | throughput | / push_html |', '|---|---|---:|---:|---:|');
    for (const n of r.native.filter((n) => n.group !== 'anchoring' && n.group !== 'import')) {
      lines.push(`| ${n.group} | \`${n.function}\` | ${n.median_us.toLocaleString('en')} µs | ${n.mb_per_s ?? '–'} MB/s | ${x(n.vs_push_html)} |`);
    }
  }
  if (r.import) {
    const im = r.import;
    lines.push('', `**Import** (\`essay-embed import\`, \`benches/import.rs\`): a generated RSS 2.0 feed of ${im.items.toLocaleString('en')} `
      + `WordPress-shaped items (${(im.feed_bytes / 1e6).toFixed(1)} MB of XML, HTML bodies) to a ${(im.document_bytes / 1e6).toFixed(1)} MB `
      + `document in **${ms(im.median_ms)} ms** (criterion median, ${im.mb_per_s ?? '–'} MB/s of feed); the CLI importing it from a file `
      + `peaks at **${(im.cli_peak_rss_kib / 1024).toFixed(1)} MiB** resident (getrusage, largest of 3 runs).`);
  }
  lines.push('', '**Bytes** (gzip -9; the peer: marked + DOMPurify minified with terser, '
    + `${kb(r.peer.gzip_bytes)} KB gzip):`, '');
  lines.push('| part | raw KB | gzip KB | brotli KB |', '|---|---:|---:|---:|');
  for (const s of r.sizes) lines.push(`| ${s.part} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
  lines.push('', ...targetsTable(r));
  return lines.join('\n');
}

/** The speed targets against this run (the phone's are under its own table). */
function targetsTable(r) {
  const ms2 = (v) => v.toFixed(1);
  const x = (v) => (v == null ? '–' : `${v.toFixed(2)}x`);
  const ok = (b) => (b == null ? '–' : b ? 'met' : '**missed**');
  const long = r.render?.find((c) => c.case === 'words20k');
  const markdown = (r.native ?? []).filter((n) => n.function === 'essay_embed markdown::render');
  const flat = (r.size_curve ?? []).filter((c) => c.kb >= 10).map((c) => c.core_us_per_kb);
  const rows = [];
  if (long) {
    rows.push(['render within 1.3x the floor, 20,000 words', `${x(long.widget_over_floor)} until the content is in the shadow root, ${x(long.widget_over_floor_layout)} until it is laid out`, ok(long.widget_over_floor <= 1.3)]);
    rows.push(['render faster than the peer, 20,000 words', `${x(long.widget_over_peer)} the peer's time`, ok(long.widget_over_peer < 1)]);
  }
  if (r.cold_start) rows.push(['cold start within 1.5x the peer', `${x(r.cold_start.widget_over_peer)}`, ok(r.cold_start.widget_over_peer <= 1.5)]);
  if (r.reanchor) rows.push(['re-anchoring a 200-character edited quote in 100,000 characters within 5 ms', `${r.reanchor.reanchor_ms.toFixed(2)} ms`, ok(r.reanchor.reanchor_ms <= 5)]);
  const sp = r.select_popover ?? [];
  if (sp.length > 1) {
    const work = sp.map((s) => s.ms - 150);
    rows.push(['selection to popover flat from 10 KB to 1 MB (time past the settle delay, the largest within 2x of the smallest, or under 16 ms)', sp.map((s) => `${ms2(s.ms)} ms (${s.kb} KB)`).join(', '), ok(Math.max(...work) <= Math.max(16, 2 * Math.min(...work)))]);
  }
  if (markdown.length) rows.push(['`markdown::render` at least 0.8x plain `push_html` throughput', markdown.map((n) => `${x(n.vs_push_html)} (${n.group})`).join(', '), ok(markdown.every((n) => n.vs_push_html >= 0.8))]);
  if (flat.length > 1) rows.push(['core time per KB flat from 10 KB to 1 MB (the largest within 2x of the smallest)', flat.map((v) => `${v} µs/KB`).join(', '), ok(Math.max(...flat) <= 2 * Math.min(...flat))]);
  return ['**Targets**, against this run:', '', '| target | measured | status |', '|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** The phone cold-start table and the targets of issue #11 against it. */
function phoneTable(c) {
  const t = c.throttled, u = c.unthrottled, p = c.profile;
  const ms = (x) => (x == null ? '–' : Math.round(x).toLocaleString('en'));
  const kb = (b) => (b / 1000).toFixed(1);
  const x = (a, b) => (a == null || !b ? '–' : `${(a / b).toFixed(2)}x`);
  const names = { prerendered: 'pre-rendered element (`render --element --script`)', 'prerendered-inline-style': 'pre-rendered, `--inline-style`', 'script-tag': 'script-tag element (README snippet, preload hints)', peer: 'marked + DOMPurify fetching the same JSON', static: 'static HTML (the CLI\'s fragment)' };
  const lines = [`**Cold start on a phone profile** (CDP: ${p.latency} ms round trip, ${p.download * 8 / 1e6} Mbit/s, CPU ${p.cpu}x slower; `
    + `cache off, gzip; the seed essay with host text below it; a fresh context per run, contenders in turn; medians of ${c.runs} runs, `
    + `${c.date.slice(0, 16).replace('T', ' ')} UTC). "Visible": the body's first sentence in the DOM at a frame, from navigation start; `
    + 'bytes: on the wire before that moment, the page included:', ''];
  lines.push('| contender | visible ms | / static | / peer | CLS (median, worst) | bytes before visible | wasm bytes before any interaction | unthrottled visible ms |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const who of Object.keys(t)) {
    const r = t[who];
    lines.push(`| ${names[who] ?? who} | ${ms(r.ms)} | ${x(r.ms, t.static?.ms)} | ${x(r.ms, t.peer?.ms)} | ${r.cls.toFixed(3)}, ${r.cls_max.toFixed(3)} | ${kb(r.bytes)} KB | ${kb(r.wasm_bytes)} KB | ${ms(u[who]?.ms)} |`);
  }
  const pre = t.prerendered, inl = t['prerendered-inline-style'], tag = t['script-tag'], peer = t.peer, stat = t.static;
  if (pre && inl && tag && peer && stat) {
    const ok = (b) => (b ? 'met' : '**missed**');
    lines.push('', 'Targets (issue #11), in this run: '
      + `pre-rendered within 1.1x static: ${x(pre.ms, stat.ms)} with the stylesheet linked, ${ok(pre.ms <= 1.1 * stat.ms)}; `
      + `${x(inl.ms, stat.ms)} with it inline, ${ok(inl.ms <= 1.1 * stat.ms)}; `
      + `its CLS < 0.01: ${Math.max(pre.cls, inl.cls).toFixed(3)}, ${ok(Math.max(pre.cls, inl.cls) < 0.01)}; `
      + `no wasm before interaction: ${kb(pre.wasm_bytes + inl.wasm_bytes)} KB, ${ok(pre.wasm_bytes + inl.wasm_bytes === 0)}; `
      + `script-tag within 1.1x the peer: ${x(tag.ms, peer.ms)}, ${ok(tag.ms <= 1.1 * peer.ms)}; `
      + `its CLS <= the peer's + 0.02: ${tag.cls.toFixed(3)} vs ${peer.cls.toFixed(3)}, ${ok(tag.cls <= peer.cls + 0.02)}; `
      + `faster than the peer unthrottled: ${x(u['script-tag']?.ms, u.peer?.ms)}, ${ok(u['script-tag']?.ms < u.peer?.ms)}.`);
  }
  return lines;
}
