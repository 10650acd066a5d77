// A static server for a built page, on 127.0.0.1 and a free port, that compresses as a real host
// would: html, js, css, wasm, svg and json go out gzipped (when the browser accepts gzip), with
// their proper content types. Shared by scripts/lighthouse.mjs and scripts/bench-load.mjs.
import { createServer } from 'node:http';
import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The kinds a host compresses; the others (png, woff2) are compressed already.
export const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json']);

/** `body` gzipped at the level a host's static compression typically uses for its best. */
export function gzip(body) {
  return gzipSync(body, { level: 9 });
}

/**
 * Serves the folder `root`; resolves to { url, close, requests }. `requests` counts what was
 * asked for, by path. Paths outside root answer 404; a folder answers its index.html.
 */
export async function serveGzip(root) {
  root = normalize(root);
  // file → { mtime, bytes }: each file gzipped once, before the first request, so that no
  // request waits for the compression (a host compresses ahead of time or caches too).
  const cache = new Map();
  const gzipped = async (file, mtime) => {
    let hit = cache.get(file);
    if (hit?.mtime !== mtime) {
      hit = { mtime, bytes: gzip(await readFile(file)) };
      cache.set(file, hit);
    }
    return hit.bytes;
  };
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && COMPRESSED.has(extname(file))) await gzipped(file, (await stat(file)).mtimeMs);
  }
  const requests = new Map();
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.set(path, (requests.get(path) ?? 0) + 1);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      const ext = extname(file);
      const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream' };
      let out;
      if (COMPRESSED.has(ext)) {
        headers.vary = 'Accept-Encoding';
        if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
          out = await gzipped(file, info.mtimeMs);
          headers['content-encoding'] = 'gzip';
        }
      }
      out ??= await readFile(file);
      headers['content-length'] = out.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : out);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

// The page's own assets, as counted by assetSizes.
const ASSETS = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg']);

/** The assets (html, js, css, wasm, svg) under `root`, each with its size and gzipped size: [{ path, bytes, gzipped }]. */
export async function assetSizes(root) {
  const out = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !ASSETS.has(extname(entry.name))) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const body = await readFile(file);
    out.push({ path: relative(root, file), bytes: body.length, gzipped: gzip(body).length });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
