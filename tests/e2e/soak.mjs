// A long run in the page: Play at the fastest speed until `steps` steps, the wasm memory and the
// JS heap read every `every` steps, then a click to show the page still answers. Shared by the
// e2e soak test and `scripts/soak.mjs` (the million-step measurement in docs/benchmarks.md).

/** Before the page loads: keep the wasm instance's memory where the soak can read it. */
export async function watchMemory(context) {
  await context.addInitScript(() => {
    addEventListener('TrunkApplicationStarted', (e) => {
      window.__wasmMemory = e.detail.wasm.memory;
    });
  });
}

const stepsOf = async (page) => Number(await page.getByTestId('step-count').textContent());

/** Plays until `steps` steps; returns the readings [{ steps, wasmBytes, heapBytes, seconds }]
 * taken as each multiple of `every` is passed, and whether a Step click then answered. */
export async function soak(page, steps, every) {
  const start = Date.now();
  const readings = [];
  const read = async () => {
    const [wasmBytes, heapBytes] = await page.evaluate(() => [
      window.__wasmMemory.buffer.byteLength,
      performance.memory ? performance.memory.usedJSHeapSize : NaN,
    ]);
    readings.push({ steps: await stepsOf(page), wasmBytes, heapBytes, seconds: (Date.now() - start) / 1000 });
  };
  await read();
  await page.getByTestId('play').click();
  let next = every;
  while (next <= steps) {
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="step-count"]').textContent) >= n,
      next,
      { timeout: 600000, polling: 200 },
    );
    await read();
    next += every;
  }
  await page.getByTestId('play').click();
  const paused = await stepsOf(page);
  await page.getByTestId('step').click();
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="step-count"]').textContent) === n + 1,
    paused,
    { timeout: 5000 },
  );
  return { readings, answered: (await stepsOf(page)) === paused + 1 };
}
