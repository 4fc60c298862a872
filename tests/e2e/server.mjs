// A static file server for the demo and the end-to-end tests: serves www/ at / and the built
// pkg/ at /pkg/, and any directory mounted at a prefix (a site written by `essay-embed build`
// at /site/ in the demo). Tests start it in-process on a free port and close it when done.
// In www/ pages, `<!-- essay-embed:prerender FILE ARGS... -->` is replaced, when the page is
// served, by what `essay-embed render FILE --element ARGS...` prints (FILE relative to www/),
// so the demo's pre-rendered article is made from the content as it is, never a stale copy.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllHeaders } from '@netlify/headers-parser';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.ts': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** Maps a URL path to a file under www/, pkg/ or a mount, refusing anything outside them. */
function fileFor(pathname, mounts) {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const mount = Object.keys(mounts).find((prefix) => path.startsWith(prefix));
  const [base, rest] = mount ? [mounts[mount], path.slice(mount.length)]
    : path.startsWith('/pkg/') ? ['pkg', path.slice(5)] : ['www', path.slice(1)];
  const dir = resolve(ROOT, base);
  const file = resolve(dir, rest || 'index.html');
  return file.startsWith(dir) ? file : null;
}

let cliBuilt = false;
/** Runs the essay-embed CLI (built first, once per process) with `args`; its output. */
export function cli(args, options = {}) {
  if (!cliBuilt) {
    execFileSync('cargo', ['build', '--quiet', '--bin', 'essay-embed'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    cliBuilt = true;
  }
  const bin = join(process.env.CARGO_TARGET_DIR ? resolve(ROOT, process.env.CARGO_TARGET_DIR) : join(ROOT, 'target'), 'debug', 'essay-embed');
  return execFileSync(bin, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, ...options });
}

/** `page` with its pre-render markers replaced (see the top of this file). */
function prerendered(page) {
  return page.replace(/<!-- essay-embed:prerender (.+?) -->/g, (_, args) => {
    const [file, ...rest] = args.trim().split(/\s+/);
    return cli(['render', join(ROOT, 'www', file), '--element', ...rest]).trimEnd();
  });
}

/**
 * The rules of the `_headers` file at `path` (Netlify's format, written by `essay-embed
 * build`) as Netlify reads them, with its own parser: `[{pattern, headers}]`, `headers` as
 * `[name, value]` pairs (names lower-cased). A mounted site is served with them, as Netlify
 * or Cloudflare Pages would. Throws on a file Netlify would report errors for.
 */
export async function headerRules(path) {
  const { headers, errors } = await parseAllHeaders({ headersFiles: [path], minimal: false, configHeaders: [] });
  if (errors.length) throw new Error(`${path}: ${errors.map((e) => e.message).join('; ')}`);
  return headers.map((rule) => ({
    pattern: rule.forRegExp,
    headers: Object.entries(rule.values).map(([k, v]) => [k.toLowerCase(), v]),
  }));
}

async function mountHeaders(mounts) {
  const out = {};
  for (const [prefix, dir] of Object.entries(mounts)) {
    try {
      out[prefix] = await headerRules(join(resolve(ROOT, dir), '_headers'));
    } catch {
      out[prefix] = [];
    }
  }
  return out;
}

/**
 * Starts the server. `routes` maps a path to a handler `(req, res) => void` for test-only
 * answers (errors, slow responses, CSP headers); `mounts` maps a prefix (`/site/`) to a
 * directory; everything else is a static file.
 */
export async function startServer({ port = 0, host = '127.0.0.1', routes = {}, mounts = {} } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (routes[url.pathname]) return routes[url.pathname](req, res, url);
    let file = fileFor(url.pathname, mounts);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      let body = await readFile(file);
      if (extname(file) === '.html' && body.includes('<!-- essay-embed:prerender ')) {
        try {
          body = prerendered(body.toString());
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain' });
          return res.end(`pre-rendering failed: ${error.message}`);
        }
      }
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
      const prefix = Object.keys(mounts).find((p) => url.pathname.startsWith(p));
      // Read on every request: the test builds the site after the server has its port.
      const siteHeaders = prefix ? await mountHeaders({ [prefix]: mounts[prefix] }) : {};
      for (const rule of siteHeaders[prefix] ?? []) {
        if (rule.pattern.test(url.pathname.slice(prefix.length - 1))) for (const [k, v] of rule.headers) headers[k] = v;
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(port, host, ok));
  const { port: actual } = server.address();
  return { server, url: `http://${host}:${actual}`, close: () => new Promise((ok) => server.close(ok)) };
}

// `node tests/e2e/server.mjs [port] [site-dir]` serves the demo (and a built site at /site/)
// until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const site = process.argv[3];
  const { url } = await startServer({ port, mounts: site ? { '/site/': site } : {} });
  console.log(`essay-embed demo: ${url}/  (Ctrl-C to stop)`);
  if (site) console.log(`the site built by essay-embed build: ${url}/site/  (embed page: ${url}/site/embed.html)`);
}
