// Load time of a built page: serves the folder gzipped on 127.0.0.1 (tests/e2e/serve-dist.mjs), opens it
// in headless Chromium at 1280 × 800, a fresh browser context each run, and measures, on the page's
// own clock (performance.now(), 0 at navigation start), when SELECTOR first exists with a non-empty
// bounding box, and the next animation frame after (about when that is on screen). Prints each
// run and the medians.
//   node scripts/bench-load.mjs DIR SELECTOR [runs]
// Selectors meaning "the network is drawn": ours `[data-testid="network"] .neuron circle` (the
// lines are on a canvas; their SVG copies are display: none), TF Playground's `#svg g.core .node`.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium, serveDist } from '../tests/e2e/serve-dist.mjs';

const dir = process.argv[2] && resolve(process.argv[2]);
const selector = process.argv[3];
const runs = Number(process.argv[4] ?? 5);
if (!dir || !existsSync(join(dir, 'index.html')) || !selector || !(runs >= 1)) {
  console.error('usage: node scripts/bench-load.mjs DIR SELECTOR [runs=5]   (DIR holds a built index.html)');
  process.exit(2);
}

// Runs in the page before its own scripts: watches every change to the document (and each frame,
// for a stylesheet that gives the element its size without a change) until the selector matches
// an element with a size.
function watch(selector) {
  const found = () => {
    for (const el of document.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) return true;
    }
    return false;
  };
  window.__load = new Promise((done) => {
    let over = false;
    const check = () => {
      if (over || !found()) return;
      over = true;
      const at = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => done({ found: at, frame: performance.now() }));
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    const frame = () => {
      check();
      if (!over) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const server = await serveDist(dir, { gzip: true });
// The end-to-end tests' browser, and no host name resolves but 127.0.0.1's: nothing is fetched from
// elsewhere (a page's web fonts or analytics fail at once).
const browser = await launchChromium(['--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1']);
const results = [];
try {
  for (let i = 1; i <= runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(watch, selector);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url, { waitUntil: 'commit' });
    const r = await page.evaluate(() =>
      Promise.race([window.__load, new Promise((_, no) => setTimeout(() => no(new Error('not drawn in 60 s')), 60000))]),
    );
    results.push(r);
    console.log(`run ${i}: ${r.found.toFixed(1)} ms drawn, ${r.frame.toFixed(1)} ms next frame`);
    for (const e of errors) console.log(`  page error: ${e}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
const m = (f) => median(results.map(f)).toFixed(1);
console.log(`median of ${runs}: ${m((r) => r.found)} ms until ${selector} is drawn, ${m((r) => r.frame)} ms next frame`);
