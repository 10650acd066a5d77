// A long run keeps its memory bounded: 1 400 000 steps at the fastest speed. The wasm memory grows
// while the cost chart's history fills to its bound (2 000 frames' points, about a million steps
// at this speed), then stays the same; the page still answers a click after it.
// (`scripts/soak.mjs` runs the measurement recorded in docs/benchmarks.md.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, recordProblems } from './lab.mjs';
import { soak, watchMemory } from './soak.mjs';

const lab = servedLab();

test('1 400 000 steps: the wasm memory stops growing once the history is full, and the page still answers', async () => {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await watchMemory(context);
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}#speed=11`);
  await page.getByTestId('network').waitFor();
  const { readings, answered } = await soak(page, 1400000, 350000);
  const [start, , , full, last] = readings;
  assert.equal(last.wasmBytes, full.wasmBytes, `wasm memory at ${last.steps} steps against ${full.steps}`);
  assert.ok(last.wasmBytes - start.wasmBytes <= 1024 * 1024, `grown by at most 1 MiB: ${start.wasmBytes} → ${last.wasmBytes}`);
  assert.ok(answered, 'a Step after the soak trains exactly one step');
  assert.match(await page.getByTestId('train-cost').textContent(), /^\s*\d+\.\d+\s*$/, 'a cost, not NaN');
  assert.deepEqual(problems, []);
  await context.close();
});
