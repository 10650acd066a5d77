// What a screen reader and a low-vision learner meet: axe-core's WCAG rules (names, roles, labels,
// headings, contrast of text) run over the whole page, in English and in 繁體中文, on a desktop and
// on a phone, as it first opens and in the states a lesson reaches: settings unfolded, the walk at
// its backward phase with a weight focused, the worksheet, a divergence notice, the 3-D views and their tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, diverge, servedLab } from './lab.mjs';

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
const lab = servedLab();

/** The page at this size and language. */
async function open({ width, height }, lang) {
  const page = await lab.browser.newPage({ viewport: { width, height }, hasTouch: width < 500 });
  await page.goto(lab.server.url);
  await page.getByTestId('network').waitFor();
  if (lang !== 'en') await page.getByTestId('language').selectOption(lang);
  return page;
}

/** axe-core's violations on the page now, each as "rule: help (n elements: first targets)". */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return found.map((v) => `${v.id}: ${v.help} (${v.targets.length}: ${v.targets.slice(0, 3).join(', ')})`);
}

for (const lang of ['en', 'zh-TW']) {
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    test(`${size.width}×${size.height}, ${lang}: no accessibility violation as the page opens, with settings unfolded, in the walk and with a weight focused`, async () => {
      const page = await open(size, lang);
      assert.deepEqual(await violations(page), [], 'as the page opens');
      await page.getByTestId('more-settings').locator('summary').click();
      await page.getByTestId('step').click();
      for (let k = 0; k < 4; k++) await page.getByTestId('phase-next').click();
      assert.equal(await page.getByTestId('phase-name').getAttribute('data-phase'), 'backward');
      // A weight focused from the keyboard: its readout and the field to type it in are up.
      await page.getByTestId('neuron-0-0').focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getByTestId('weight-input').count(), 1);
      assert.deepEqual(await violations(page), [], 'settings open, the backward phase, a weight focused');
      // The worksheet over the page, with its answers: the lab behind it is out of reach.
      await page.getByTestId('worksheet-open').click();
      await page.getByTestId('worksheet-answers').check();
      assert.equal(await page.locator('main.lab').evaluate((m) => m.inert), true);
      assert.deepEqual(await violations(page), [], 'the worksheet');
      await page.getByTestId('worksheet-close').click();
      assert.equal(await page.locator('main.lab').evaluate((m) => m.inert), false);
      await page.close();
    });
  }
}

test('no accessibility violation with a divergence notice up and the surfaces drawn, in both languages', async () => {
  const page = await open({ width: 1280, height: 800 }, 'en');
  await diverge(page);
  await page.getByTestId('surface-lab').scrollIntoViewIfNeeded();
  await page.getByTestId('real-surface').scrollIntoViewIfNeeded();
  await page.waitForTimeout(500);
  assert.deepEqual(await violations(page), [], 'English');
  await page.getByTestId('language').selectOption('zh-TW');
  assert.deepEqual(await violations(page), [], '繁體中文');
  await page.close();
});
