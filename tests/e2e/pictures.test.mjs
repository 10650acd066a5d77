// The pictures of the network over the plane (every neuron's map and the output field) are painted
// in a worker running the page's own WebAssembly. They must be the very pixels the page paints
// itself where there is no worker, keep coming while training plays, and be painted by the page
// again, without a gap or an error on screen, when the worker fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, recordProblems } from './lab.mjs';

const lab = servedLab();
const PICTURES = ['neuron-maps', 'boundary-canvas'];

/** For each picture: who painted it, its size, and a hash of its pixels (and how many are not blank). */
async function pictures(page) {
  return page.evaluate((ids) => {
    const out = {};
    for (const id of ids) {
      const c = document.querySelector(`[data-testid="${id}"]`);
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let hash = 0;
      let lit = 0;
      for (let i = 0; i < data.length; i++) {
        hash = (Math.imul(hash, 31) + data[i]) >>> 0;
        if (data[i] !== 0) lit++;
      }
      out[id] = { by: c.getAttribute('data-painted-in'), size: `${c.width}×${c.height}`, hash, lit };
    }
    return out;
  }, PICTURES);
}

/** Waits until every picture was painted by `by` and stays the same over a few frames. */
async function settled(page, by) {
  let last = '';
  for (let tries = 0; tries < 100; tries++) {
    const now = await pictures(page);
    const key = JSON.stringify(now);
    if (PICTURES.every((id) => now[id].by === by) && key === last) return now;
    last = key;
    await page.waitForTimeout(50);
  }
  throw new Error(`the pictures did not settle, painted by ${by}: ${last}`);
}

/** Opens the lab; `noWorker` takes the browser's Worker away first. Records the workers started. */
async function open(noWorker) {
  const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = recordProblems(page);
  const workers = [];
  page.on('worker', (w) => workers.push(w));
  if (noWorker) await page.addInitScript(() => (window.Worker = undefined));
  await page.goto(lab.server.url);
  await page.getByTestId('network').waitFor();
  return { page, problems, workers };
}

/** The same learner's path on both pages: three classes, x₁² as an extra input, three steps. */
async function walk(page) {
  await page.getByTestId('dataset-blobs').click();
  await page.getByTestId('feature-x1_sq').click();
  for (let i = 0; i < 3; i++) await page.getByTestId('step').click();
}

test('the worker paints the very pixels the page paints without one, and takes over again when it fails', async () => {
  const withWorker = await open(false);
  const without = await open(true);
  for (const { page } of [withWorker, without]) await walk(page);
  const fromWorker = await settled(withWorker.page, 'worker');
  const fromPage = await settled(without.page, 'page');
  assert.equal(withWorker.workers.length, 1, 'one worker');
  assert.match(withWorker.workers[0].url(), /\/picture-worker\.js$/);
  assert.equal(without.workers.length, 0);
  for (const id of PICTURES) {
    assert.ok(fromWorker[id].lit > 1000, `${id} is drawn: ${JSON.stringify(fromWorker[id])}`);
    assert.deepEqual({ ...fromWorker[id], by: 'page' }, fromPage[id], id);
  }

  // The worker fails (an uncaught error inside it): the page paints from then on, the same pixels.
  await withWorker.workers[0].evaluate(() => setTimeout(() => {
    throw new Error('a test breaks the pictures worker');
  }));
  for (const { page } of [withWorker, without]) await page.getByTestId('step').click();
  const afterFailure = await settled(withWorker.page, 'page');
  const reference = await settled(without.page, 'page');
  assert.deepEqual(afterFailure, reference);
  assert.notEqual(afterFailure['neuron-maps'].hash, fromPage['neuron-maps'].hash, 'a new step, new maps');
  for (const { page, problems } of [withWorker, without]) {
    assert.equal(await page.getByTestId('message').count(), 0, 'no message on screen');
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test('while training plays at the largest network, the worker keeps the pictures coming', async () => {
  const { page, problems } = await open(false);
  await page.getByTestId('dataset-blobs').click();
  for (const f of ['x1_sq', 'x2_sq', 'x1x2', 'sin_x1', 'sin_x2']) await page.getByTestId(`feature-${f}`).click();
  const add = page.getByTestId('add-layer');
  while (await add.isEnabled()) await add.click();
  for (let k = 0; k < 8; k++) {
    const more = page.getByTestId(`add-neuron-${k}`);
    while (await more.isEnabled()) await more.click();
  }
  await settled(page, 'worker');
  await page.getByTestId('play').click();
  // Over one second of play, how many different maps and fields were on the canvases.
  const seen = await page.evaluate(
    (ids) =>
      new Promise((resolve) => {
        const hashes = ids.map(() => new Set());
        const start = performance.now();
        const frame = (now) => {
          ids.forEach((id, k) => {
            const c = document.querySelector(`[data-testid="${id}"]`);
            const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
            let hash = 0;
            for (let i = 0; i < data.length; i += 7) hash = (Math.imul(hash, 31) + data[i]) >>> 0;
            hashes[k].add(hash);
          });
          if (now - start < 1000) requestAnimationFrame(frame);
          else resolve(hashes.map((h) => h.size));
        };
        requestAnimationFrame(frame);
      }),
    PICTURES,
  );
  await page.getByTestId('play').click();
  console.log(`pictures seen in one second of play at [7, 16 × 8, 3]: maps ${seen[0]}, output ${seen[1]}`);
  for (const [k, id] of PICTURES.entries()) assert.ok(seen[k] >= 10, `${id}: ${seen[k]} pictures in a second`);
  const done = await settled(page, 'worker');
  assert.ok(done['neuron-maps'].lit > 1000);
  assert.deepEqual(problems, []);
  await page.close();
});
