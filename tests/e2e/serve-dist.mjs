// The one static server for a built page (the release bundle in dist/, or any folder holding an
// index.html), on 127.0.0.1 and a free port, and the browser the end-to-end tests and the
// benchmarks drive. The end-to-end tests, scripts/soak.mjs and scripts/bench-frames.mjs serve
// plain; scripts/bench-load.mjs and scripts/lighthouse.mjs pass { gzip: true } to compress as a
// real host would.
import { createServer } from 'node:http';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const TYPES = {
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
const COMPRESSED = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json']);

/** `body` gzipped at the level a host's static compression typically uses for its best. */
function gzip(body) {
  return gzipSync(body, { level: 9 });
}

/** Whether `file` (absolute, normalised) is `root` or inside it. */
const inside = (root, file) => file === root || file.startsWith(root + sep);

/**
 * Serves the folder `root`; resolves to { url, close, requests }. `requests` counts what was
 * asked for, by path. A folder answers its index.html; a path outside root (`..`, encoded or not,
 * or a symbolic link that leads out) answers 404, a path that does not decode 400. HEAD is
 * answered without a body.
 *
 * With `{ gzip: true }`, html, js, css, wasm, svg and json go out gzipped when the browser
 * accepts gzip (with `Vary: Accept-Encoding`), each file compressed once before the first
 * request, as a host compresses ahead of time.
 */
export async function serveDist(root, { gzip: compress = false } = {}) {
  root = resolve(root);
  const realRoot = await realpath(root);
  // file → { mtime, bytes }: the gzipped files, filled before the server listens so that no
  // request waits for the compression.
  const cache = new Map();
  const gzipped = async (file, mtime) => {
    let hit = cache.get(file);
    if (hit?.mtime !== mtime) {
      hit = { mtime, bytes: gzip(await readFile(file)) };
      cache.set(file, hit);
    }
    return hit.bytes;
  };
  if (compress) {
    for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
      const file = join(entry.parentPath ?? entry.path, entry.name);
      if (entry.isFile() && COMPRESSED.has(extname(file))) await gzipped(file, (await stat(file)).mtimeMs);
    }
  }
  const requests = new Map();
  const notFound = (res) => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.set(path, (requests.get(path) ?? 0) + 1);
    let file = join(root, path);
    if (!inside(root, file)) {
      notFound(res);
      return;
    }
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!inside(realRoot, await realpath(file))) {
        notFound(res);
        return;
      }
      const ext = extname(file);
      const headers = { 'content-type': TYPES[ext] ?? 'application/octet-stream' };
      let out;
      if (compress && COMPRESSED.has(ext)) {
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
      notFound(res);
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

/** The assets (html, js, css, wasm, svg) under `root`, each with its size and gzipped size (as
 * served with { gzip: true }): [{ path, bytes, gzipped }]. */
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

/** Debian's headless Chromium (or $CHROMIUM), kept off the network; `extra` flags are added. */
export function launchChromium(extra = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extra,
    ],
  });
}
