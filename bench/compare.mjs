// Two builds' renderers side by side in one page: `renderToString` of pkg/ directory A and of
// B, taking turns on the same essays (the seed, 20,000 words, 1 MB), JSON text and the parsed
// object, medians (the seed's samples are 20 calls each: a single call is below the timer's
// resolution). For a change to the core or the shell, against the commit before it: build
// that commit's pkg/ into another directory, then
//   node bench/compare.mjs OLD_PKG NEW_PKG [runs]
// Prints milliseconds and B/A. Builds from before the serde model (33c9fbd and older) took
// JSON text only; they are given the object as JSON.stringify's text, as their entry did.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { markdown, documentFor } from './essays.mjs';
const [A, B, runsArg] = process.argv.slice(2);
if (!A || !B) throw new Error('usage: node bench/compare.mjs OLD_PKG NEW_PKG [runs]');
const runs = Number(runsArg || 41);
const seed = await readFile(new URL('../www/content/reinventing-nuclear-arms-control.json', import.meta.url), 'utf8');
const essays = { seed, words20k: JSON.stringify(documentFor(markdown({ words: 20000 }).markdown)), kb1000: JSON.stringify(documentFor(markdown({ bytes: 1000000 }).markdown)) };
const page = `<!doctype html><script type=module>
import * as a from '/a/essay-embed.js'; import * as b from '/b/essay-embed.js';
window.go = async (runs) => {
  const wrap = (m) => m.renderToString.length === 4 ? { renderToString: (P, arg) => m.renderToString(typeof arg === 'string' ? arg : JSON.stringify(arg)) } : m;
  const ca = wrap(await a.loadCore()), cb = wrap(await b.loadCore()); const P = { parse: JSON.parse };
  const out = {};
  for (const name of ${JSON.stringify(Object.keys(essays))}) {
    const text = await (await fetch('/e/' + name)).text();
    const obj = JSON.parse(text);
    const s = { a: [], b: [], ao: [], bo: [] };
    for (let i = 0; i < runs + 5; i++) {
      const turns = [['a', ca, text], ['b', cb, text], ['ao', ca, obj], ['bo', cb, obj]];
      // Every other round in the reverse order, so neither build always runs after the other.
      for (const [k, c, arg] of i % 2 ? turns.reverse() : turns) {
        const reps = name === 'seed' ? 20 : 1; let h;
        const t0 = performance.now(); for (let r = 0; r < reps; r++) h = c.renderToString(P, arg, {}); const t = (performance.now() - t0) / reps;
        if (i >= 5) s[k].push(t); if (!h.length) throw 1;
      }
    }
    const med = (x) => { x.sort((p, q) => p - q); return +x[x.length >> 1].toFixed(3); };
    out[name] = { a: med(s.a), b: med(s.b), a_obj: med(s.ao), b_obj: med(s.bo) };
    out[name].ratio = +(out[name].b / out[name].a).toFixed(3);
  }
  return out;
};
</script>`;
const server = createServer(async (req, res) => {
  try {
    const u = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (u === '/') { res.setHeader('content-type', 'text/html'); return res.end(page); }
    if (u.startsWith('/e/')) { res.setHeader('content-type', 'application/json'); return res.end(essays[u.slice(3)]); }
    const base = u.startsWith('/a/') ? A : B;
    const body = await readFile(join(base, u.slice(3)));
    res.setHeader('content-type', u.endsWith('.wasm') ? 'application/wasm' : 'text/javascript');
    res.end(body);
  } catch (e) { res.statusCode = 404; res.end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--js-flags=--expose-gc'] });
const p = await browser.newPage();
await p.goto(`http://127.0.0.1:${server.address().port}/`);
await p.waitForFunction(() => window.go);
console.log(JSON.stringify(await p.evaluate((r) => window.go(r), runs), null, 1));
await browser.close(); server.close();
