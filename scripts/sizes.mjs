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
// The full widget's target is 125 KB gzip (issue #12). The budget is today's figure, so nothing
// grows unnoticed; lower it with every cut. docs/size.md says where the bytes go and what each
// feature costs.
export const BUDGETS = { entry: 4_000, full: 150_500 };

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
