// The soak measurement of docs/benchmarks.md: a million training steps at the fastest speed in
// headless Chromium on the release build in dist/ (or BENCH_DIST), the wasm memory and the JS
// heap printed every 100 000 steps, then whether the page still answers a click.
//   node scripts/soak.mjs [steps] [every]
import { launchChromium, serveDist } from '../tests/e2e/serve-dist.mjs';
import { soak, watchMemory } from '../tests/e2e/soak.mjs';

const steps = Number(process.argv[2] ?? 1000000);
const every = Number(process.argv[3] ?? 100000);
const server = await serveDist(process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname);
const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await watchMemory(context);
  const page = await context.newPage();
  await page.goto(`${server.url}#speed=11`);
  await page.getByTestId('network').waitFor();
  const { readings, answered } = await soak(page, steps, every);
  console.log('| Steps | wasm memory (KiB) | JS heap (KiB) | Seconds |');
  console.log('| ---: | ---: | ---: | ---: |');
  for (const r of readings) {
    console.log(`| ${r.steps} | ${r.wasmBytes / 1024} | ${Math.round(r.heapBytes / 1024)} | ${r.seconds.toFixed(1)} |`);
  }
  console.log(`A Step after the soak answered: ${answered}`);
} finally {
  await browser.close();
  await server.close();
}
