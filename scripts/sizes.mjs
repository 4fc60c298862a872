// Byte sizes of what a page downloads for the widget, raw, `gzip -9` (GNU gzip) and brotli
// (quality 11, node's zlib), from a built pkg/. `node scripts/sizes.mjs` prints the table
// (`--json`: JSON); tests/e2e/budget.test.mjs checks the budgets with it. 1 KB = 1,000 bytes.
// (zlib's level 9, what a server compressing on the fly sends, is about 1% larger than
// GNU gzip -9 on the wasm.)
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { brotliCompressSync, constants } from 'node:zlib';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Budgets, in gzip bytes: what a page pays before any essay is near, and in all. */
// The full widget's target is 125 KB gzip (issue #12); with the serde content model (read
// from a value tree, src/value.rs) and the widget's words in eight languages it measures
// 153.4 KB, so the budget guards that figure (plus about 0.6 KB) until more is cut (see
// docs/size.md).
// The W3C selectors, their reader and the citation add 4.1 KB (the share event's passage,
// highlight(), Copy as citation); copying JS values out without serde-wasm-bindgen's
// deserializer (and its float formatting) takes 7.5 KB off: 150.4 KB; integers through std's
// to_string() instead of our own digit writer (src/render/num.rs, gone) add 0.24 KB: 150.6 KB;
// an image's width and height 1.2 KB (its box laid out before it loads, so the page does not
// move); a revised passage shown as it was shared (share::arrival) 1.9 KB.
// The last users of core's Two-Way searcher gone: -0.9 KB; the value reader's error boxed:
// -3.1 KB; gloo-utils reading JSON.parse's error message: +0.4 KB; two of the reader's
// messages without format_args!: -0.15 KB. 149.9 KB.
export const BUDGETS = { entry: 4_000, full: 150_000 };

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]);
}

function measure(paths) {
  let raw = 0, gzip = 0, brotli = 0;
  for (const path of paths) {
    const bytes = readFileSync(path);
    raw += bytes.length;
    gzip += execFileSync('gzip', ['-9', '-n', '-c'], { input: bytes, maxBuffer: 1 << 28 }).length;
    brotli += brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length;
  }
  return { raw, gzip, brotli };
}

/**
 * The parts of the widget, each file compressed on its own (each is its own response):
 * the entry alone, the glue (every other script in pkg/), the wasm, the CSS (compiled into
 * the wasm, and the file pre-rendered elements link) and the full widget (every script and the wasm).
 */
export function sizes(root = ROOT) {
  const pkg = join(root, 'pkg');
  if (!existsSync(join(pkg, 'essay-embed.js'))) throw new Error('no pkg/: run `make build` first');
  const all = files(pkg).filter((f) => /\.(m?js|wasm)$/.test(f)).sort();
  const entry = join(pkg, 'essay-embed.js');
  const wasm = all.filter((f) => f.endsWith('.wasm'));
  const glue = all.filter((f) => f !== entry && !f.endsWith('.wasm'));
  const rel = (list) => list.map((f) => relative(root, f));
  return [
    { part: 'entry', what: 'pkg/essay-embed.js (before any essay is near)', files: rel([entry]), ...measure([entry]) },
    { part: 'glue', what: 'immutable/essay-embed-core.HASH.js (its snippets bundled in)', files: rel(glue), ...measure(glue) },
    { part: 'wasm', what: 'immutable/essay-embed-core.HASH.wasm', files: rel(wasm), ...measure(wasm) },
    { part: 'css', what: 'pkg/essay-embed.css (inside the wasm too; linked by pre-rendered elements)', files: ['pkg/essay-embed.css'], ...measure([join(pkg, 'essay-embed.css')]) },
    { part: 'full', what: 'entry + glue + wasm (all a page downloads)', files: rel(all), ...measure(all) },
  ];
}

/** The rows as an aligned text table, with the budgets. */
export function table(rows) {
  const kb = (n) => (n / 1000).toFixed(1);
  const lines = [['part', 'raw KB', 'gzip KB', 'brotli KB', 'budget (gzip)', 'files'].join(' | ')];
  for (const r of rows) {
    const budget = BUDGETS[r.part] ? `<= ${kb(BUDGETS[r.part])}` : '';
    lines.push([r.part, kb(r.raw), kb(r.gzip), kb(r.brotli), budget, r.what].join(' | '));
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = sizes();
  console.log(process.argv.includes('--json') ? JSON.stringify(rows, null, 2) : table(rows));
}
