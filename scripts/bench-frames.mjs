// Frames per second of the page while it trains: the release bundle in dist/ in headless Chromium,
// at the starting network and at the largest one (every input feature, 8 hidden layers of 16 neurons,
// three outputs), training one epoch a frame with every neuron's heatmap, the output view and the
// chart redrawn. Prints a Markdown table for docs/benchmarks.md. Run by scripts/bench.sh after
// `trunk build --release`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveDist } from '../tests/e2e/serve-dist.mjs';

// BENCH_DIST measures another build (an older one, say, for a before-and-after in one run).
const DIST = process.env.BENCH_DIST ?? fileURLToPath(new URL('../dist', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

if (!existsSync(`${DIST}/index.html`)) {
  console.error('bench-frames: dist/ is not built; run trunk build --release first');
  process.exit(2);
}

const server = await serveDist(DIST);
const browser = await launchChromium();

/** Clicks the control until it is disabled (a limit is reached). */
async function clickToLimit(page, id) {
  const control = page.getByTestId(id);
  while (await control.isEnabled()) await control.click();
}

/** Chooses the option whose text is `label` in the menu `id` (opening "More settings" first). */
async function choose(page, id, label) {
  const more = page.getByTestId('more-settings');
  if ((await more.count()) > 0 && !(await more.evaluate((d) => d.open))) await more.locator('summary').click();
  await page.getByTestId(id).selectOption({ label });
}

/** The page's main-thread time so far (tasks: script, style, layout, paint), in ms, from Chromium. */
async function busy(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return 1000 * metrics.find((m) => m.name === 'TaskDuration').value;
}

/**
 * Presses `play` and counts, in the page, for SECONDS, the animation frames drawn and the epochs
 * trained on the main screen; also the longest gap between two frames, and the main thread's busy
 * time per frame (less noisy than the frame rate on a shared machine: a frame fits in 16.7 ms).
 * Presses `play` again after.
 */
async function measure(page, play = 'play') {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.getByTestId(play).click();
  await page.waitForTimeout(1000); // warm-up: the wasm tiers up, the heatmaps' buffers exist
  const before = await busy(cdp);
  const result = await page.evaluate(
    (seconds) =>
      new Promise((resolve) => {
        const epochs = () => Number(document.querySelector('[data-testid="epoch-count"]').textContent);
        const start = performance.now();
        const firstEpoch = epochs();
        let frames = 0;
        let last = start;
        let longest = 0;
        const frame = (now) => {
          frames += 1;
          longest = Math.max(longest, now - last);
          last = now;
          if (now - start < seconds * 1000) requestAnimationFrame(frame);
          else resolve({ frames, ms: now - start, epochs: epochs() - firstEpoch, longest });
        };
        requestAnimationFrame(frame);
      }),
    SECONDS,
  );
  result.busy = (await busy(cdp)) - before;
  result.cpu = await cpuPerFrame(page);
  await page.getByTestId(play).click();
  return result;
}

/**
 * CPU time a frame of the page's main thread and of its pictures' worker, from a Chromium trace
 * over 3 s (each thread's outermost tasks, their thread time `tdur`: time the thread ran, not
 * time it waited for a core, which on two cores the worker and the compositor compete for).
 */
async function cpuPerFrame(page) {
  const browser = page.context().browser();
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let n = 0;
        const start = performance.now();
        const frame = (now) => (++n, now - start < 3000 ? requestAnimationFrame(frame) : resolve(n));
        requestAnimationFrame(frame);
      }),
  );
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
  const names = new Map();
  for (const e of traceEvents) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  const cpu = (thread) => {
    const events = traceEvents
      .filter((e) => e.ph === 'X' && e.tdur !== undefined && names.get(`${e.pid}:${e.tid}`) === thread)
      .sort((x, y) => x.ts - y.ts || y.dur - x.dur);
    let [end, sum] = [-Infinity, 0];
    for (const e of events) if (e.ts >= end) [end, sum] = [e.ts + e.dur, sum + e.tdur];
    return sum / 1000 / frames;
  };
  return { main: cpu('CrRendererMain'), worker: cpu('DedicatedWorker thread') };
}

const rows = [];
// The starting network and the largest at 1280 × 800; the largest again in a window tall enough
// (1280 × 1500) to have the network, the explanation, the output view and the cost chart all on
// screen at once (Chromium rasterises only what is on screen; the page draws them either way).
// The real network's surface is still below: it does no work out of view.
for (const [largest, height] of [[false, 800], [true, 800], [true, 1500]]) {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
  await page.getByTestId('network').waitFor();
  let shape = '[2, 4, 2, 1]';
  if (largest) {
    await page.getByTestId('dataset-blobs').click();
    for (const f of ['x1_sq', 'x2_sq', 'x1x2', 'sin_x1', 'sin_x2']) await page.getByTestId(`feature-${f}`).click();
    await clickToLimit(page, 'add-layer');
    for (let k = 0; k < 8; k++) await clickToLimit(page, `add-neuron-${k}`);
    shape = '[7, 16 × 8, 3]';
  }
  // 200 training samples in batches of 10: 20 steps make one epoch.
  await choose(page, 'speed', '20 steps a frame');
  await page.evaluate(() => window.scrollTo(0, 0));
  const { frames, ms, epochs, longest, busy, cpu } = await measure(page);
  const fps = (frames * 1000) / ms;
  rows.push(
    `| ${shape}, 1280 × ${height} | ${fps.toFixed(1)} | ${(epochs / frames).toFixed(2)} | ${(ms / frames).toFixed(1)} ms | ${longest.toFixed(0)} ms | ${(busy / frames).toFixed(1)} ms | ${cpu.main.toFixed(1)} ms | ${cpu.worker.toFixed(1)} ms |`,
  );
  if (problems.length) console.error(`bench-frames: page errors: ${problems.join('; ')}`);
  await page.close();
}

// The toy loss surface with four optimizers racing (the main screen paused).
{
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  await page.getByTestId('surface-function').selectOption('rosenbrock');
  // The button is there until the fourth optimizer is.
  while ((await page.getByTestId('surface-add').count()) > 0) await page.getByTestId('surface-add').click();
  await page.getByTestId('surface-3d').scrollIntoViewIfNeeded();
  const { frames, ms, longest, busy, cpu } = await measure(page, 'surface-play');
  const fps = (frames * 1000) / ms;
  rows.push(
    `| loss surface, 4 optimizers | ${fps.toFixed(1)} | — | ${(ms / frames).toFixed(1)} ms | ${longest.toFixed(0)} ms | ${(busy / frames).toFixed(1)} ms | ${cpu.main.toFixed(1)} ms | ${cpu.worker.toFixed(1)} ms |`,
  );
  await page.close();
}

// The real network's 51×51 surface at the starting network: from Re-centre to 100 %, in the page
// (it is filled a few rows a frame, so this is wall time over several frames).
const fills = [];
{
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(server.url);
  // The panel fills its grid only when on screen.
  await page.getByTestId('real-surface').scrollIntoViewIfNeeded();
  const done = () => document.querySelector('[data-testid="real-surface-progress"]').textContent.includes('100');
  await page.waitForFunction(done);
  for (let i = 0; i < 3; i++) {
    fills.push(
      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const t0 = performance.now();
            document.querySelector('[data-testid="real-surface-recentre"]').click();
            const poll = () => {
              const text = document.querySelector('[data-testid="real-surface-progress"]').textContent;
              if (text.includes('100')) resolve(performance.now() - t0);
              else requestAnimationFrame(poll);
            };
            requestAnimationFrame(poll);
          }),
      ),
    );
  }
  await page.close();
}

// "As fast as it can" at TF Playground's largest network and data ([7, 8 × 6, 1], tanh, the circle,
// 500 points of which half train, batches of 10, rate 0.03), set by the address: epochs a second,
// to set beside TF Playground's own page at the same settings (../shared/peer/tf-page-bench.mjs).
let fastest;
{
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const settings =
    'data=circle&noise=0&train=0.5&points=500&feat=x1,x2,x1_sq,x2_sq,x1x2,sin_x1,sin_x2&net=8,8,8,8,8,8' +
    '&act=tanh,tanh,tanh,tanh,tanh,tanh&lr=0.03&batch=10&speed=12';
  await page.goto(`${server.url}#${settings}`);
  await page.getByTestId('network').waitFor();
  const { frames, ms, epochs } = await measure(page);
  fastest = `As fast as it can at [7, 8 × 6, 1], 250 training samples, batches of 10: ${((epochs * 1000) / ms).toFixed(0)} epochs/s (${(epochs / frames).toFixed(2)} a frame, ${((frames * 1000) / ms).toFixed(1)} frames/s)`;
  await page.close();
}

console.log(`Frames while training, headless Chromium, ${SECONDS} s each:`);
console.log('| network | frames/s | epochs/frame | mean frame | longest frame | main thread busy a frame | its CPU a frame | the worker\'s CPU a frame |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`\n${fastest}`);
console.log(`\nThe real network's 51×51 loss surface at [2, 4, 2, 1], Re-centre to complete: ${fills.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
await browser.close();
await server.close();
