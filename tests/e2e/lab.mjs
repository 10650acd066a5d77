// What every end-to-end test file shares: dist/ served and the browser started before its tests,
// both stopped after, and where the screenshots go.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveDist } from './serve-dist.mjs';

/** The project's folder. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where the e2e run saves its screenshots. */
export const SHOTS = `${ROOT}target/screenshots`;

/** Serves dist/ and starts Chromium before the file's tests and stops both after; the returned
 * object holds `server` and `browser` once the tests run. */
export function servedLab() {
  const lab = {};
  before(async () => {
    assert.ok(existsSync(`${ROOT}dist/index.html`), 'dist/ is built (trunk build --release)');
    mkdirSync(SHOTS, { recursive: true });
    lab.server = await serveDist(`${ROOT}dist`);
    lab.browser = await launchChromium();
  });
  after(async () => {
    await lab.browser?.close();
    await lab.server?.close();
  });
  return lab;
}

/** Records what a learner must never meet: the page's console errors and uncaught errors. The
 * returned list fills as they happen; the tests assert it stays empty. */
export function recordProblems(page) {
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return problems;
}

/** Makes the run diverge: the spiral at a learning rate of 10, played until the page's notice
 * says so (training pauses by itself). */
export async function diverge(page) {
  await page.getByTestId('dataset-spiral').click();
  const field = page.getByTestId('learning-rate-input');
  await field.fill('10');
  await field.press('Enter');
  await page.getByTestId('play').click();
  await page.getByTestId('message').waitFor({ timeout: 20000 });
}

/** Scrolls the canvas `testid` into view and waits until something is drawn on it: panels far
 * down the page draw only once they are on screen. */
export async function scrollToDrawn(page, testid) {
  await page.getByTestId(testid).scrollIntoViewIfNeeded();
  await page.waitForFunction((id) => {
    const c = document.querySelector(`[data-testid="${id}"]`);
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) return true;
    return false;
  }, testid);
}
