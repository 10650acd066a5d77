// A learner goes back in time: trains some steps, drags the history scrubber back and sees the
// network's weights of then; resumes from there and the counter goes on from that step; pins the
// run, changes the learning rate, resets, and sees both runs named under the chart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, servedLab, SHOTS, recordProblems } from './lab.mjs';

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
const lab = servedLab();

/** axe-core's violations on the page now, each as "rule: help (first targets)". */
async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')})`);
  });
  return found;
}

/** A page in a fresh browser profile at `width` × 800, recording errors. */
async function fresh(width, hash = '') {
  // A phone's width comes with a touch screen.
  const context = await lab.browser.newContext({ viewport: { width, height: 800 }, hasTouch: width < 600 });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}${hash}`);
  await page.getByTestId('network').waitFor();
  return { page, problems, context };
}

/** Every weight the network's drawing shows, in order. */
const weights = (page) =>
  page.$$eval('line.edge-line', (lines) => lines.map((l) => l.getAttribute('data-weight')));

const text = (page, id) => page.getByTestId(id).textContent();

/** Where `locator` lies on the page (not on the screen: scrolling does not move it). */
const placed = (locator) =>
  locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [r.x + window.scrollX, r.y + window.scrollY, r.width, r.height];
  });

/** Clicks Step `n` times, waiting for the counter each time; the weights seen after each (and
 * the training cost read out, into `costs` if given). */
async function steps(page, n, costs = []) {
  const seen = [];
  for (let k = 0; k < n; k++) {
    const before = Number(await text(page, 'step-count'));
    await page.getByTestId('step').click();
    await page.waitForFunction(
      (want) => document.querySelector('[data-testid="step-count"]').textContent === String(want),
      before + 1,
    );
    seen.push(await weights(page));
    costs.push(await text(page, 'train-cost'));
  }
  return seen;
}

test('scrub back: the network shows the weights of that step; Resume: the counter goes on from there', async () => {
  const { page, problems, context } = await fresh(1280);
  const costs = [await text(page, 'train-cost')];
  const seen = [await weights(page), ...(await steps(page, 10, costs))];
  assert.notDeepEqual(seen[4], seen[10], 'training moved the weights');
  const scrubber = page.getByTestId('history-scrubber');
  assert.equal(await scrubber.getAttribute('max'), '10', 'steps 0 to 9, then now');
  assert.equal(await scrubber.inputValue(), '10');
  assert.equal(await text(page, 'history-position'), 'step 10 of 10');
  // Its visible label names it for a screen reader too.
  assert.equal(await page.getByRole('slider', { name: 'Training history' }).getAttribute('data-testid'), 'history-scrubber');

  // By keyboard: six steps back from the present.
  const where = await placed(scrubber);
  await scrubber.focus();
  for (let k = 0; k < 6; k++) await scrubber.press('ArrowLeft');
  await page.getByTestId('viewing').waitFor();
  assert.equal(await text(page, 'history-position'), 'step 4 of 10');
  assert.equal(await scrubber.getAttribute('aria-valuetext'), 'step 4 of 10');
  assert.match(await text(page, 'viewing'), /^Viewing step 4 of 10\./);
  assert.deepEqual(await weights(page), seen[4], 'the weights of step 4, digit for digit');
  assert.equal(await text(page, 'train-cost'), costs[4], 'and the training cost read out then');
  assert.equal(await text(page, 'step-count'), '10', 'the present is still step 10');
  assert.equal(await text(page, 'network-at-step'), 'step 4 of 10', 'the network says which step it shows');
  assert.deepEqual(await placed(scrubber), where, 'nothing moved under the pointer');
  await page.screenshot({ path: `${SHOTS}/replay-viewing-1280.png` });

  // By mouse: the left end of the track is the first step.
  const box = await scrubber.boundingBox();
  await page.mouse.click(box.x + 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('[data-testid="history-position"]').textContent === 'step 0 of 10');
  assert.deepEqual(await weights(page), seen[0]);
  // Then back to step 4 with the keyboard, and train on from there.
  for (let k = 0; k < 4; k++) await scrubber.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-testid="history-position"]').textContent === 'step 4 of 10');
  await page.getByTestId('resume-here').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]').textContent === '4');
  assert.equal(await page.getByTestId('viewing').count(), 0, 'back at the present');
  assert.equal(await text(page, 'history-position'), 'step 4 of 4', 'what came after step 4 is gone');
  const [fifth] = await steps(page, 1);
  assert.equal(await text(page, 'step-count'), '5', 'the counter goes on from step 4');
  assert.deepEqual(fifth, seen[5], 'and the same step gives the same weights as the first time');

  // Step while looking back goes on from the present.
  await scrubber.focus();
  await scrubber.press('Home');
  await page.getByTestId('viewing').waitFor();
  await steps(page, 1);
  assert.equal(await text(page, 'step-count'), '6');
  assert.equal(await page.getByTestId('viewing').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('pin a run, change the learning rate, Reset: the same first weights, both runs named under the chart', async () => {
  const { page, problems, context } = await fresh(1280);
  const first = await weights(page);
  await steps(page, 12);
  await page.getByTestId('pin-run').click();
  await page.getByTestId('chart-runs').waitFor();
  const rate = page.getByTestId('learning-rate-input');
  await rate.fill('0.03');
  await rate.press('Enter');
  await page.getByTestId('reset').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="step-count"]').textContent === '0');
  assert.deepEqual(await weights(page), first, 'the new run starts from the pinned run\'s first weights');
  await steps(page, 6);
  const runs = page.getByTestId('chart-runs').locator('li');
  assert.equal(await runs.count(), 2);
  assert.equal(await text(page, 'run-pinned'), 'pinned: SGD, η 0.100, batch 10');
  assert.equal(await text(page, 'run-now'), 'now: SGD, η 0.0300, batch 10');
  assert.ok(await page.getByTestId('run-pinned').isVisible());
  assert.ok(await page.getByTestId('unpin').isVisible());
  await page.getByTestId('cost-chart').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/replay-pinned-1280.png` });

  await page.getByTestId('language').selectOption('zh-TW');
  await page.waitForFunction(() => document.querySelector('[data-testid="run-pinned"]').textContent.startsWith('已釘選'));
  assert.equal(await text(page, 'run-pinned'), '已釘選：SGD、η 0.100、批次 10');
  assert.equal(await text(page, 'run-now'), '目前：SGD、η 0.0300、批次 10');
  assert.equal(await page.getByTestId('pin-run').textContent(), '釘選這次訓練');
  await page.screenshot({ path: `${SHOTS}/replay-pinned-1280-zh.png` });

  await page.getByTestId('unpin').click();
  assert.equal(await page.getByTestId('chart-runs').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone, the scrubber and its buttons fit the width and a tap on the track goes back', async () => {
  for (const lang of ['en', 'zh-TW']) {
    const { page, problems, context } = await fresh(390);
    if (lang !== 'en') await page.getByTestId('language').selectOption(lang);
    const seen = [await weights(page), ...(await steps(page, 4))];
    await page.getByTestId('pin-run').click();
    const scrubber = page.getByTestId('history-scrubber');
    await scrubber.scrollIntoViewIfNeeded();
    const box = await scrubber.boundingBox();
    await page.touchscreen.tap(box.x + 2, box.y + box.height / 2);
    await page.getByTestId('viewing').waitFor();
    assert.deepEqual(await weights(page), seen[0]);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `no sideways scrolling: ${wide} px`);
    for (const id of ['history-scrubber', 'resume-here', 'pin-run', 'unpin', 'chart-runs']) {
      const b = await page.getByTestId(id).boundingBox();
      assert.ok(b && b.x >= 0 && b.x + b.width <= 390, `${id} within the width: ${JSON.stringify(b)}`);
    }
    await page.getByTestId('history-scrubber').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/replay-390-${lang}.png` });
    assert.deepEqual(await violations(page), [], 'looking back, with a pin: no accessibility violation');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
