// "Try it yourself" in the walk: the phase's number is hidden, the learner's own is checked —
// a right one accepted, a wrong one refused with the right value, text that is not a number
// named as such — in English and in Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, SHOTS, recordProblems } from './lab.mjs';

const lab = servedLab();
const lastFormula = async (page) => (await page.getByTestId('formulas').locator('li').allTextContents()).at(-1);
const phase = async (page) => page.getByTestId('phase-name').getAttribute('data-phase');
const answer = async (page, typed) => {
  await page.getByTestId('try-it-answer').fill(typed);
  await page.getByTestId('try-it-check').click();
  return page.getByTestId('try-it-verdict');
};
const words = {
  en: { right: 'Right!', wrong: 'Not quite', nan: 'Type a number' },
  'zh-TW': { right: '答對了', wrong: '不太對', nan: '請輸入一個數字' },
};

for (const lang of ['en', 'zh-TW']) {
  test(`check my math accepts the right number and refuses a wrong one (${lang})`, async () => {
    const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${lab.server.url}#lang=${lang}`);
    await page.getByTestId('network').waitFor();
    assert.equal(await page.getByTestId('try-it').count(), 0, 'outside the walk nothing is asked');
    for (let k = 0; k < 2; k += 1) await page.getByTestId('phase-next').click();
    assert.equal(await phase(page), 'forward');

    // The forward pass asks z first (the line that would show it, tanh(z) or σ(z), waits), then a.
    const output = page.locator('[data-testid^="neuron-"]').last();
    const [z, a] = [Number(await output.getAttribute('data-z')), Number(await output.getAttribute('data-a'))];
    await page.getByTestId('try-it').check();
    let formulas = await page.getByTestId('formulas').locator('li').allTextContents();
    assert.equal(formulas.length, 1, `${formulas}`);
    assert.ok(formulas[0].startsWith('z = ') && formulas[0].endsWith('= ?'), formulas[0]);
    assert.equal(await (await answer(page, z.toFixed(4))).getAttribute('data-verdict'), 'right');
    formulas = await page.getByTestId('formulas').locator('li').allTextContents();
    assert.equal(formulas.length, 2, `${formulas}`);
    assert.ok(formulas[0].endsWith(`= ${z.toFixed(3).replace('-', '−')}`), `z shown now: ${formulas[0]}`);
    assert.ok(formulas[1].startsWith('a = ') && formulas[1].endsWith('= ?'), formulas[1]);
    assert.equal(await page.getByTestId('try-it-answer').inputValue(), '', 'a fresh field for a');
    assert.equal(await (await answer(page, String(a + 0.05))).getAttribute('data-verdict'), 'wrong');
    assert.ok((await lastFormula(page)).endsWith(`= ${a.toFixed(3)}`), 'a shown with its formula');
    await page.getByTestId('try-it').uncheck();

    await page.getByTestId('phase-next').click();
    assert.equal(await phase(page), 'loss');

    // The loss, as the lab computed it, then hidden.
    const loss = Number(await page.getByTestId('sample-loss').getAttribute('data-value'));
    const shown = loss.toFixed(3);
    assert.ok((await lastFormula(page)).endsWith(`= ${shown}`), await lastFormula(page));
    const written = await page.locator('.neuron-value').count();
    assert.ok(written > 0, 'the neurons show their outputs');
    await page.getByTestId('try-it').check();
    assert.ok((await lastFormula(page)).endsWith('= ?'), await lastFormula(page));
    assert.equal(await page.getByTestId('sample-loss').count(), 0, 'the loss readout would give it away');
    assert.equal(await page.locator('.neuron-value').count(), 0, 'nor may the network give it away');
    assert.ok(!(await page.getByTestId('formulas').textContent()).includes(shown));

    const nan = await answer(page, 'abc');
    assert.equal(await nan.getAttribute('data-verdict'), 'notanumber');
    assert.ok((await nan.textContent()).includes(words[lang].nan));
    assert.ok((await lastFormula(page)).endsWith('= ?'), 'still hidden after text that is not a number');

    const wrong = await answer(page, String(loss + 0.5));
    assert.equal(await wrong.getAttribute('data-verdict'), 'wrong');
    assert.ok((await wrong.textContent()).includes(words[lang].wrong));
    assert.ok((await wrong.textContent()).includes(shown), 'the right value is shown');
    assert.ok((await lastFormula(page)).endsWith(`= ${shown}`), 'the formula filled in');

    const right = await answer(page, (loss * 1.005).toFixed(4));
    assert.equal(await right.getAttribute('data-verdict'), 'right', 'within 1 %');
    assert.ok((await right.textContent()).includes(words[lang].right));
    await page.screenshot({ path: `${SHOTS}/check-math-${lang}.png` });

    // The backward pass asks a new number: the field is empty and the number hidden again.
    await page.getByTestId('phase-next').click();
    assert.equal(await phase(page), 'backward');
    assert.equal(await page.getByTestId('try-it-answer').inputValue(), '');
    assert.equal(await page.getByTestId('try-it-verdict').count(), 0);
    assert.ok((await lastFormula(page)).endsWith('= ?'));
    // Worked out with the formula's own numbers (as the learner would), here read with it shown.
    await page.getByTestId('try-it').uncheck();
    assert.ok((await page.locator('.neuron-value').count()) > 0, 'switched off, the numbers are back');
    const delta = (await lastFormula(page)).split('= ').at(-1).replace('−', '-');
    await page.getByTestId('try-it').check();
    assert.ok((await lastFormula(page)).endsWith('= ?'));
    assert.equal(await (await answer(page, delta)).getAttribute('data-verdict'), 'right');
    assert.equal(await (await answer(page, String(Number(delta) + 0.01 + Math.abs(delta) * 0.02))).getAttribute('data-verdict'), 'wrong');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
