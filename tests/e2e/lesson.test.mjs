// The lesson, as a learner follows it in English and in Chinese: every chapter is completed by
// doing its task — no skipping —, and no chapter says "done" before its task is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, SHOTS, recordProblems } from './lab.mjs';

const lab = servedLab();

const done = async (page) => (await page.getByTestId('lesson-done').count()) === 1;
const chapterOpen = async (page) => Number(await page.getByTestId('lesson-task').getAttribute('data-chapter'));
const sampleClass = async (page) => page.getByTestId('sample').getAttribute('data-y');

/** Goes on to the next chapter by its button, the only way on, once this one is done. */
async function next(page, number) {
  await page.getByTestId('lesson-next').click();
  assert.equal(await chapterOpen(page), number);
  assert.equal(await done(page), false, `chapter ${number} is not done as it opens`);
  // Every chapter before it stays done, and none after it is yet.
  const ticks = await page.getByTestId('lesson-chapter').evaluateAll((els) => els.map((e) => e.dataset.done));
  assert.deepEqual(ticks, ticks.map((_, k) => String(k + 1 < number)), `the chapters done as ${number} opens`);
}

for (const lang of ['en', 'zh-TW']) {
  test(`a learner completes every chapter by doing its task (${lang})`, { timeout: 240000 }, async () => {
    const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${lab.server.url}#lang=${lang}`);
    await page.getByTestId('network').waitFor();

    // ① Pick a cat and a dog: cats alone are not enough.
    await page.getByTestId('lesson-open').click();
    assert.equal(await chapterOpen(page), 1);
    assert.equal(await page.getByTestId('lesson-chapter').count(), 8);
    assert.equal(await page.getByTestId('surface-lab').count(), 0, 'only the panels the chapter needs');
    await page.screenshot({ path: `${SHOTS}/lesson-1-${lang}.png` });
    const seen = new Set();
    while (!(await done(page))) {
      await page.getByTestId('next-sample').click();
      seen.add(await sampleClass(page));
      if (seen.size < 2) assert.equal(await done(page), false, 'one class seen is not yet the task');
      assert.ok(seen.size <= 2);
    }
    assert.deepEqual([...seen].sort(), ['0', '1']);

    // ② A neuron that fired falls silent: other samples until one does.
    await next(page, 2);
    const plot = page.getByTestId('activation-plot');
    assert.equal(await plot.getAttribute('data-activation'), 'relu', "the first hidden layer's activation");
    const marks = plot.getByTestId('activation-mark');
    const silent = async () => marks.evaluateAll((m) => m.map((e) => e.dataset.silent === 'true'));
    const before = await silent();
    assert.ok(before.length >= 2 && before.includes(false), 'neurons firing at the start');
    for (let k = 0; !(await done(page)); k += 1) {
      assert.ok(k < 100, 'some sample silences a ReLU');
      await page.getByTestId('next-sample').click();
    }
    // The plot shows it: every mark's z agrees with its being silent (z ≤ 0).
    for (const [z, s] of await marks.evaluateAll((m) => m.map((e) => [Number(e.dataset.z), e.dataset.silent]))) {
      assert.equal(s, String(z <= 0), `z = ${z}`);
    }
    await page.screenshot({ path: `${SHOTS}/lesson-2-${lang}.png` });

    // ③ The largest loss: the chapter is done at the first sample whose loss is the largest of all.
    await next(page, 3);
    const samples = 200;
    const losses = [];
    let doneAt = -1;
    for (let i = 0; i < samples; i += 1) {
      await page.getByTestId('next-sample').click();
      losses.push(Number(await page.getByTestId('sample-loss').getAttribute('data-value')));
      if (doneAt < 0 && (await done(page))) doneAt = i;
    }
    assert.ok(doneAt >= 0, 'found');
    assert.equal(losses[doneAt], Math.max(...losses), 'done exactly at the largest loss');
    await page.screenshot({ path: `${SHOTS}/lesson-3-${lang}.png` });

    // ④ The valley's floor in under 50 steps: the starting rate crawls, a larger one gets there.
    await next(page, 4);
    assert.equal(await page.getByTestId('network').count(), 0, 'the toy surface alone');
    assert.equal(await page.getByTestId('surface-function').inputValue(), 'valley');
    assert.equal(await page.getByTestId('surface-rate-0').inputValue(), '-2', 'η = 0.01 to begin with');
    for (let k = 0; k < 60; k += 1) await page.getByTestId('surface-step').click();
    assert.equal(await page.getByTestId('surface-steps-0').textContent(), '60');
    assert.equal(await page.getByTestId('surface-landing-0').count(), 0, 'still crawling after 60 steps');
    assert.equal(await done(page), false);
    await page.getByTestId('surface-rate-0').fill('-1.15'); // η ≈ 0.071
    await page.getByTestId('surface-reset').click();
    for (let k = 0; !(await done(page)); k += 1) {
      assert.ok(k < 50, 'on the floor in under 50 steps');
      await page.getByTestId('surface-step').click();
    }
    const landing = page.getByTestId('surface-landing-0');
    assert.ok(Number(await landing.getAttribute('data-step')) < 50);
    assert.equal(await page.getByTestId('surface-steps-0').textContent(), await landing.getAttribute('data-step'),
      'done at the very step it reached the floor');
    await page.screenshot({ path: `${SHOTS}/lesson-4-${lang}.png` });

    // ⑤ Five phases: the backward pass is not yet the update.
    await next(page, 5);
    for (let k = 0; k < 4; k += 1) await page.getByTestId('phase-next').click();
    assert.equal(await page.getByTestId('phase-name').getAttribute('data-phase'), 'backward');
    assert.equal(await done(page), false);
    await page.getByTestId('phase-next').click();
    assert.equal(await done(page), true);
    await page.screenshot({ path: `${SHOTS}/lesson-5-${lang}.png` });

    // ⑥ Epochs until the training cost is below 0.15.
    await next(page, 6);
    for (let k = 0; !(await done(page)); k += 1) {
      assert.ok(k < 200, 'the cost gets there');
      assert.ok(Number(await page.getByTestId('train-cost').textContent()) >= 0.15, 'not done above the target');
      await page.getByTestId('epoch').click();
    }
    assert.ok(Number(await page.getByTestId('train-cost').textContent()) < 0.15);
    await page.screenshot({ path: `${SHOTS}/lesson-6-${lang}.png` });

    // ⑦ Local minima: the first ball lands in the local one; random restarts find the other.
    await next(page, 7);
    assert.equal(await page.getByTestId('surface-function').inputValue(), 'two_minima');
    await page.getByTestId('surface-play').click();
    await page.getByTestId('surface-landing-0').waitFor();
    assert.equal(await page.getByTestId('surface-landing-0').getAttribute('data-minimum'), '1', 'the right-hand, local minimum');
    assert.equal(await done(page), false, 'one minimum is not both');
    await page.getByTestId('surface-restarts').click();
    await page.getByTestId('lesson-done').waitFor();
    const minima = await page.locator('[data-testid^="surface-landing-"]').evaluateAll((els) => els.map((e) => e.dataset.minimum));
    assert.deepEqual([...new Set(minima)].sort(), ['0', '1']);
    await page.screenshot({ path: `${SHOTS}/lesson-7-${lang}.png` });

    // ⑧ The spiral at 90 %: more inputs and neurons, Adam, then epochs.
    await next(page, 8);
    for (const f of ['x1_sq', 'x2_sq', 'sin_x1', 'sin_x2']) await page.getByTestId(`feature-${f}`).click();
    for (const k of [0, 0, 0, 0, 1, 1]) await page.getByTestId(`add-neuron-${k}`).click();
    const more = page.getByTestId('more-settings');
    if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
    await page.getByTestId('optimizer').selectOption({ label: 'Adam' });
    const rate = page.getByTestId('learning-rate-input');
    await rate.fill('0.03');
    await rate.press('Enter');
    for (let k = 0; !(await done(page)); k += 1) {
      assert.ok(k < 400, 'the spiral is learnt');
      await page.getByTestId('epoch').click();
    }
    const accuracy = await page.getByTestId('accuracy').textContent();
    assert.ok(Number(accuracy.split('/')[1].match(/[\d.]+/)[0]) >= 90, `test accuracy: ${accuracy}`);
    assert.equal(await page.getByTestId('coach').count(), 0, 'no advice left that the run has proved wrong');
    await page.screenshot({ path: `${SHOTS}/lesson-8-${lang}.png` });
    assert.equal(await page.getByTestId('lesson-next').count(), 0, 'the last chapter');
    assert.equal(await page.locator('[data-testid="lesson-chapter"][data-done="true"]').count(), 8);

    // The lesson is kept: a reload comes back to the chapter with every chapter still done.
    await page.reload();
    await page.getByTestId('lesson').waitFor();
    assert.equal(await chapterOpen(page), 8);
    assert.equal(await page.locator('[data-testid="lesson-chapter"][data-done="true"]').count(), 8);
    await page.getByTestId('lesson-close').click();
    assert.equal(await page.getByTestId('lesson').count(), 0);
    assert.equal(await page.getByTestId('surface-lab').count(), 1, 'closed, every panel is back');
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test("a teacher's link opens a chapter set up, in the link's language, and the address keeps the chapter", async () => {
  const context = await lab.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}#lesson=4&lang=zh-TW`);
  await page.getByTestId('lesson').waitFor();
  assert.equal(await chapterOpen(page), 4);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  assert.equal(await page.getByTestId('surface-function').inputValue(), 'valley');
  assert.equal(await page.getByTestId('network').count(), 0, "the chapter's panels only");
  assert.match(await page.evaluate(() => location.hash), /&lesson=4$/);
  await page.screenshot({ path: `${SHOTS}/lesson-link-phone-zh-TW.png` });
  // Moving on moves the address with it.
  await page.getByTestId('lesson-chapter').nth(6).tap();
  assert.equal(await chapterOpen(page), 7);
  await page.waitForFunction(() => /&lesson=7$/.test(location.hash));
  // A link with no chapter's number says so and opens none.
  await page.goto(`${lab.server.url}#lesson=12`);
  await page.reload();
  await page.getByTestId('network').waitFor();
  assert.equal(await page.getByTestId('lesson').count(), 0);
  assert.match(await page.getByRole('alert').first().textContent(), /lesson/);
  assert.deepEqual(problems, []);
  await context.close();
});
