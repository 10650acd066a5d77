// Lighthouse 12.2.3 on a built page: serves the folder gzipped on 127.0.0.1 (tests/e2e/serve-dist.mjs),
// runs Lighthouse `runs` times for mobile (its default simulated throttling) and for desktop
// (--preset=desktop), performance and accessibility, in Debian's headless Chromium, and prints one
// table of the medians (each column's own median) and, where accessibility is below 100, the
// failing audits' ids. Also prints the gzipped size of the folder's assets.
//   node scripts/lighthouse.mjs DIR [runs]
// Lighthouse comes from npm (`npm exec`), nothing else is fetched: Chromium resolves no host name
// (every name maps to nothing, 127.0.0.1 excepted), so a page's fonts or analytics from elsewhere fail at once.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { assetSizes, serveDist } from '../tests/e2e/serve-dist.mjs';

const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
];
const FORMS = [
  { name: 'mobile', args: [] },
  { name: 'desktop', args: ['--preset=desktop'] },
];
const METRICS = [
  ['FCP', 'first-contentful-paint'],
  ['LCP', 'largest-contentful-paint'],
  ['TBT', 'total-blocking-time'],
  ['SI', 'speed-index'],
  ['TTI', 'interactive'],
];

const dir = process.argv[2] && resolve(process.argv[2]);
const runs = Number(process.argv[3] ?? 3);
if (!dir || !existsSync(join(dir, 'index.html')) || !(runs >= 1)) {
  console.error('usage: node scripts/lighthouse.mjs DIR [runs]   (DIR holds a built index.html)');
  process.exit(2);
}

/** Runs `cmd args`, its output shown only if it fails; resolves when it exits 0. */
function run(cmd, args, env) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`${cmd} exited ${code}\n${log.slice(-4000)}`))));
  });
}

/** One Lighthouse run of `url` written to `out`; resolves to its report (the parsed JSON). */
async function lighthouse(url, form, out) {
  const args = ['exec', '--yes', `--package=${LIGHTHOUSE}`, '--', 'lighthouse', url, ...form.args];
  args.push('--only-categories=performance,accessibility', '--output=json', `--output-path=${out}`);
  args.push(`--chrome-flags=${CHROME_FLAGS.join(' ')}`, '--quiet', '--no-enable-error-reporting');
  await run('npm', args, { CHROME_PATH: CHROME });
  return JSON.parse(await readFile(out, 'utf8'));
}

/** What the table shows of one report. */
function reading(lhr) {
  const a11y = lhr.categories.accessibility;
  const failing = a11y.auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a.scoreDisplayMode === 'binary' || a.scoreDisplayMode === 'numeric')
    .filter((a) => a.score !== null && a.score < 1)
    .map((a) => a.id);
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  return {
    performance: Math.round(100 * lhr.categories.performance.score),
    accessibility: Math.round(100 * a11y.score),
    metrics: METRICS.map(([, id]) => lhr.audits[id]?.numericValue ?? NaN),
    bytes: requests.reduce((sum, r) => sum + (r.transferSize ?? 0), 0),
    requests: requests.length,
    failing,
    warnings: lhr.runWarnings ?? [],
    error: lhr.runtimeError?.message,
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)}` : '–');
const kb = (bytes) => (bytes / 1024).toFixed(1);

const out = await mkdtemp(join(tmpdir(), 'lighthouse-'));
const server = await serveDist(dir, { gzip: true });
const rows = [];
try {
  for (const form of FORMS) {
    const readings = [];
    for (let i = 1; i <= runs; i++) {
      const r = reading(await lighthouse(server.url, form, join(out, `${form.name}-${i}.json`)));
      if (r.error) console.error(`${form.name} run ${i}: ${r.error}`);
      for (const w of r.warnings) console.error(`${form.name} run ${i}: ${w}`);
      console.error(`${form.name} run ${i}/${runs}: performance ${r.performance}, accessibility ${r.accessibility}`);
      readings.push(r);
    }
    rows.push({ form: form.name, readings });
  }
} finally {
  await server.close();
}

console.log(`Lighthouse 12.2.3 on ${dir}, ${runs} run(s) each, medians (reports in ${out})`);
console.log('');
console.log('| Form factor | Performance | Accessibility | FCP ms | LCP ms | TBT ms | Speed Index ms | TTI ms | Transferred KiB |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const { form, readings } of rows) {
  const col = (f) => median(readings.map(f));
  const cells = [
    form,
    col((r) => r.performance),
    col((r) => r.accessibility),
    ...METRICS.map((_, k) => ms(col((r) => r.metrics[k]))),
    kb(col((r) => r.bytes)),
  ];
  console.log(`| ${cells.join(' | ')} |`);
}
console.log('');
for (const { form, readings } of rows) {
  if (readings.every((r) => r.accessibility === 100)) continue;
  const ids = [...new Set(readings.flatMap((r) => r.failing))].sort();
  console.log(`${form} accessibility below 100, failing: ${ids.join(', ') || '(none listed)'}`);
}
const assets = await assetSizes(dir);
const total = (f) => assets.reduce((sum, a) => sum + f(a), 0);
console.log(
  `Assets (html, js, css, wasm, svg): ${assets.length} files, ${kb(total((a) => a.bytes))} KiB, ` +
    `${kb(total((a) => a.gzipped))} KiB gzipped (${total((a) => a.gzipped)} bytes)`,
);
for (const a of assets) console.log(`  ${a.path}: ${a.bytes} bytes, ${a.gzipped} gzipped`);
