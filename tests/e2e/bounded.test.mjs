// Every typed field refuses what is not a value it can take — empty, text, negative, zero, tiny,
// huge, NaN, Infinity — with a message in the page's language, keeps the old value, shows no
// NaN and no readout wider than the page, in English and Chinese.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, recordProblems } from './lab.mjs';

const lab = servedLab();
const CJK = /[\u4e00-\u9fff]/;

async function open(lang) {
  const page = await lab.browser.newPage({ viewport: { width: 390, height: 844 } });
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}#lang=${lang}`);
  await page.getByTestId('network').waitFor();
  return { page, problems };
}

/** Types `text` into the field and presses Enter; the message shown then (dismissed after). */
async function typed(page, testid, text) {
  const field = page.getByTestId(testid);
  await field.fill(text);
  await field.press('Enter');
  const message = page.getByTestId('message');
  if (!(await message.count())) return null;
  const said = await message.textContent();
  await page.getByTestId('dismiss').click();
  return said;
}

/** What a learner must never see: NaN on the page, or the page wider than the phone. */
async function sane(page, what) {
  const body = await page.locator('body').innerText();
  assert.doesNotMatch(body, /NaN|Infinity|undefined/, `${what}: nothing broken on screen`);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `${what}: the page stays 390 px wide (${wide})`);
}

for (const lang of ['en', 'zh-TW']) {
  test(`the learning-rate field refuses every bad value and keeps 0.100 (${lang})`, async () => {
    const { page, problems } = await open(lang);
    for (const text of ['', 'abc', '-1', '0', '1e-320', '1e-7', '11', '1e308', 'NaN', 'Infinity', '-Infinity', '0x10', '1.2.3']) {
      const said = await typed(page, 'learning-rate-input', text);
      assert.ok(said && said.trim().length > 10, `"${text}" gets a message: ${said}`);
      if (lang === 'zh-TW') assert.match(said, CJK, `"${text}": the message is in Chinese`);
      assert.ok([...said].length <= 200, `"${text}": the message stays short`);
      assert.equal(await page.getByTestId('learning-rate-input').inputValue(), '0.100', `"${text}": the field shows the rate in use`);
      assert.equal(await page.getByTestId('learning-rate-value').textContent(), '0.100');
      await sane(page, `η "${text}"`);
    }
    // Good ones still go in, a decimal comma too.
    assert.equal(await typed(page, 'learning-rate-input', '0.03'), null);
    assert.equal(await page.getByTestId('learning-rate-value').textContent(), '0.0300');
    assert.equal(await typed(page, 'learning-rate-input', '0,5'), null);
    assert.equal(await page.getByTestId('learning-rate-value').textContent(), '0.500');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test(`a typed weight refuses every bad value and keeps the old one; tiny and negative ones go in short (${lang})`, async () => {
    const { page, problems } = await open(lang);
    await page.getByTestId('neuron-0-0').focus();
    await page.keyboard.press('ArrowRight');
    const field = page.getByTestId('weight-input');
    const old = await field.inputValue();
    const weights = () => page.$$eval('line.edge-line', (lines) => lines.map((l) => l.getAttribute('data-weight')));
    const before = await weights();
    for (const text of ['', 'abc', 'NaN', 'Infinity', '-Infinity', '1e308', '-5000', '1001']) {
      const said = await typed(page, 'weight-input', text);
      assert.ok(said && said.trim().length > 10, `w "${text}" gets a message: ${said}`);
      if (lang === 'zh-TW') assert.match(said, CJK, `w "${text}": the message is in Chinese`);
      assert.equal(await field.inputValue(), old, `w "${text}": the field shows the weight in use`);
      assert.deepEqual(await weights(), before, `w "${text}": no weight changed`);
      await sane(page, `w "${text}"`);
    }
    for (const [text, shown] of [['-1', '-1.0000'], ['0', '0.0000'], ['1e-320', '0.0000'], ['-999.99999', '-1000.0000']]) {
      assert.equal(await typed(page, 'weight-input', text), null, `w "${text}" is a weight`);
      assert.equal(await field.inputValue(), shown);
      await sane(page, `w "${text}"`);
    }
    assert.deepEqual(problems, []);
    await page.close();
  });
}
