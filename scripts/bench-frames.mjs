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
  result.script = await scriptPerFrame(page, cdp);
  await page.getByTestId(play).click();
  return result;
}

/**
 * The main thread's own JavaScript and WebAssembly per frame, from Chromium's sampling profiler
 * over 3 s (what is not idle, garbage collection or the browser's native work: style, layout,
 * paint). The busy time above may count the pictures' worker too; this counts the page alone.
 */
async function scriptPerFrame(page, cdp) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        let n = 0;
        const start = performance.now();
        const frame = (now) => (++n, now - start < 3000 ? requestAnimationFrame(frame) : resolve(n));
        requestAnimationFrame(frame);
      }),
  );
  const { profile } = await cdp.send('Profiler.stop');
  const name = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  let script = 0;
  profile.samples.forEach((id, i) => {
    if (!['(idle)', '(program)', '(garbage collector)'].includes(name.get(id))) script += profile.timeDeltas[i] ?? 0;
  });
  return script / 1000 / frames;
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
  const { frames, ms, epochs, longest, busy, script } = await measure(page);
  const fps = (frames * 1000) / ms;
  rows.push(
    `| ${shape}, 1280 × ${height} | ${fps.toFixed(1)} | ${(epochs / frames).toFixed(2)} | ${(ms / frames).toFixed(1)} ms | ${longest.toFixed(0)} ms | ${(busy / frames).toFixed(1)} ms | ${script.toFixed(1)} ms |`,
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
  const { frames, ms, longest, busy, script } = await measure(page, 'surface-play');
  const fps = (frames * 1000) / ms;
  rows.push(
    `| loss surface, 4 optimizers | ${fps.toFixed(1)} | — | ${(ms / frames).toFixed(1)} ms | ${longest.toFixed(0)} ms | ${(busy / frames).toFixed(1)} ms | ${script.toFixed(1)} ms |`,
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

console.log(`Frames while training, headless Chromium, ${SECONDS} s each:`);
console.log('| network | frames/s | epochs/frame | mean frame | longest frame | busy a frame | page script a frame |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
console.log(`\nThe real network's 51×51 loss surface at [2, 4, 2, 1], Re-centre to complete: ${fills.map((ms) => `${ms.toFixed(0)} ms`).join(', ')}`);
await browser.close();
await server.close();
