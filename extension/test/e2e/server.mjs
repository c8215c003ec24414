// Package server is the e2e suite's static HTTP server on 127.0.0.1 (random port):
//   /               → extension/test/fixtures/
//   /node_modules/  → extension/node_modules/ (real editors for fixture pages)
//   /demo/          → extension/demo/
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.gif': 'image/gif', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.map': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

function resolveIn(root, rel) {
  const p = resolve(root, `.${sep}${normalize(rel)}`);
  return p === root || p.startsWith(root + sep) ? p : null;
}

/** Starts the server; mounts is [[urlPrefix, dir]], longest prefix first. Resolves {url, close, requests}. */
export async function startServer(mounts) {
  const sorted = [...mounts].sort((a, b) => b[0].length - a[0].length).map(([p, d]) => [p, resolve(d)]);
  const requests = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(`${req.method} ${url.pathname}`);
    let path = decodeURIComponent(url.pathname);
    const mount = sorted.find(([prefix]) => path.startsWith(prefix));
    if (!mount) { res.writeHead(404).end('not found'); return; }
    let file = resolveIn(mount[1], path.slice(mount[0].length));
    try {
      if (file && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!file || !statSync(file).isFile()) throw new Error('no file');
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') { res.end(); return; }
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(() => ok()); }),
  };
}
