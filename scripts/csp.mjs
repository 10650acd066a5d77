// Trunk's post-build hook (Trunk.toml): writes a Content-Security-Policy into the built
// index.html. Trunk inlines the small module script that starts the wasm, and its text (with the
// hashed file names) changes with every build, so the policy allows exactly that script by its
// SHA-256 and nothing else inline; the wasm may be compiled, styles may be set on elements (the
// drawing's positions), images may come from the page and from data:/blob: URLs (the downloads),
// and the page may fetch nothing but its own files.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('csp.mjs: TRUNK_STAGING_DIR is not set (run by Trunk as a post_build hook)');
  process.exit(2);
}
const file = `${dir}/index.html`;
const html = readFileSync(file, 'utf8');
const scripts = [...html.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
if (scripts.length !== 1) {
  console.error(`csp.mjs: expected Trunk's one inline module script in ${file}, found ${scripts.length}`);
  process.exit(1);
}
const hash = createHash('sha256').update(scripts[0], 'utf8').digest('base64');
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
writeFileSync(file, html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`));
