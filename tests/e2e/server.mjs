// A static file server for the demo and the end-to-end tests: serves www/ at / and the built
// pkg/ at /pkg/. Tests start it in-process on a free port and close it when done.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.ts': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under www/ or pkg/, refusing anything outside them. */
function fileFor(pathname) {
  const path = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
  const [base, rest] = path.startsWith('/pkg/') ? ['pkg', path.slice(5)] : ['www', path.slice(1)];
  const dir = join(ROOT, base);
  const file = resolve(dir, rest || 'index.html');
  return file.startsWith(dir) ? file : null;
}

/**
 * Starts the server. `routes` maps a path to a handler `(req, res) => void` for test-only
 * answers (errors, slow responses, CSP headers); everything else is a static file.
 */
export async function startServer({ port = 0, host = '127.0.0.1', routes = {} } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    if (routes[url.pathname]) return routes[url.pathname](req, res, url);
    let file = fileFor(url.pathname);
    try {
      if (file && (await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
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

// `node tests/e2e/server.mjs [port]` serves the demo until interrupted.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  const { url } = await startServer({ port });
  console.log(`essay-embed demo: ${url}/  (Ctrl-C to stop)`);
}
