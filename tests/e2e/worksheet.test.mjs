// The worksheet: one sample's walk as a page to print, with blanks or answers, and a NumPy
// script. Its numbers are the trace command's for the model the page saves, and the script,
// run with NumPy, recomputes them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { servedLab, SHOTS, ROOT, recordProblems } from './lab.mjs';

const lab = servedLab();

/** A python3 that has NumPy: the one on the PATH, or Debian's (scripts/setup.sh installs it). */
function numpyPython() {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' });
      return python;
    } catch {
      // The next one.
    }
  }
  throw new Error('no python3 with NumPy: run scripts/setup.sh');
}

/** The saved model, the chosen sample and what the trace command prints for them. */
async function traced(page, dir) {
  await page.getByTestId('save-model').click();
  const href = await page.getByTestId('save-model').getAttribute('href');
  const model = JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)));
  writeFileSync(`${dir}/model.json`, JSON.stringify(model));
  const sample = page.getByTestId('sample');
  const [x, y] = [await sample.getAttribute('data-x'), await sample.getAttribute('data-y')];
  const out = execFileSync('cargo', ['run', '--quiet', '--bin', 'trace', '--', `${dir}/model.json`, '--x', x, '--y', y], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { model, x: x.split(',').map(Number), trace: JSON.parse(out) };
}

/** Every number the worksheet shows for `prefix` cells, by test id. */
async function cells(page, prefix) {
  return page.getByTestId('worksheet').evaluate((sheet, p) => {
    const found = {};
    for (const td of sheet.querySelectorAll(`[data-testid^="${p}"]`)) {
      found[td.dataset.testid] = td.dataset.value === undefined ? null : Number(td.dataset.value);
    }
    return found;
  }, prefix);
}

/** Each of the worksheet's numbers to work out, by test id, from the trace (and the plain update). */
function expected(model, trace) {
  const want = { 'ws-loss': trace.loss };
  const eta = model.learning_rate;
  for (let l = 1; l < model.layers.length; l++) {
    const [f, b] = [trace.forward[l - 1], trace.backward[l - 1]];
    for (let j = 0; j < model.layers[l]; j++) {
      want[`ws-z-${l}-${j}`] = f.z[j];
      want[`ws-a-${l}-${j}`] = f.a[j];
      want[`ws-delta-${l}-${j}`] = b.delta[j];
      want[`ws-db-${l}-${j}`] = b.db[j];
      want[`ws-newb-${l}-${j}`] = model.biases[l - 1][j] - eta * b.db[j];
      for (let i = 0; i < model.layers[l - 1]; i++) {
        want[`ws-dw-${l}-${j}-${i}`] = b.dw[j][i];
        want[`ws-neww-${l}-${j}-${i}`] = model.weights[l - 1][j][i] - eta * b.dw[j][i];
      }
    }
  }
  return want;
}

/** Runs the worksheet's NumPy script, as a learner would download it; what it prints. */
async function runScript(page, dir) {
  const href = await page.getByTestId('worksheet-numpy').getAttribute('href');
  assert.ok(href.startsWith('data:text/x-python'), href.slice(0, 40));
  writeFileSync(`${dir}/sheet.py`, decodeURIComponent(href.slice(href.indexOf(',') + 1)));
  return JSON.parse(execFileSync(numpyPython(), [`${dir}/sheet.py`], { encoding: 'utf8' }));
}

/** `a` and `b` agree as NumPy and the engine's own exp and tanh can: to 1e-9 of the larger. */
const close = (a, b) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** The script's output flattened to the worksheet's test ids. */
function fromScript(out, layers) {
  const got = { 'ws-loss': out.loss };
  for (let l = 1; l < layers.length; l++) {
    const [f, b, u] = [out.forward[l - 1], out.backward[l - 1], out.update[l - 1]];
    for (let j = 0; j < layers[l]; j++) {
      Object.assign(got, {
        [`ws-z-${l}-${j}`]: f.z[j],
        [`ws-a-${l}-${j}`]: f.a[j],
        [`ws-delta-${l}-${j}`]: b.delta[j],
        [`ws-db-${l}-${j}`]: b.db[j],
        [`ws-newb-${l}-${j}`]: u.b[j],
      });
      for (let i = 0; i < layers[l - 1]; i++) {
        got[`ws-dw-${l}-${j}-${i}`] = b.dw[j][i];
        got[`ws-neww-${l}-${j}-${i}`] = u.w[j][i];
      }
    }
  }
  return got;
}

for (const [lang, fragment, viewport, words] of [
  ['en', '', { width: 1280, height: 800 }, { open: 'Worksheet', title: /^Worksheet: backpropagation for sample #2$/ }],
  // Three classes: softmax cross-entropy, the target given to trace as a class index.
  ['zh-TW', '#data=blobs&lang=zh-TW', { width: 390, height: 844 }, { open: '學習單', title: /^學習單：樣本 #2 的反向傳播$/ }],
]) {
  test(`the worksheet's numbers are the trace command's, and its NumPy script recomputes them (${lang}, ${viewport.width} px)`, async () => {
    const context = await lab.browser.newContext({ viewport });
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${lab.server.url}${fragment}`);
    await page.getByTestId('network').waitFor();
    await page.getByTestId('next-sample').click();
    await page.getByTestId('next-sample').click();
    const dir = mkdtempSync(`${tmpdir()}/backprop-lab-sheet-`);
    const { model, x, trace } = await traced(page, dir);

    const open = page.getByTestId('worksheet-open');
    assert.equal(await open.textContent(), words.open);
    await open.click();
    const sheet = page.getByTestId('worksheet');
    await sheet.waitFor();
    assert.match(await sheet.locator('h2').textContent(), words.title);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'worksheet-close', 'the sheet has the keyboard');

    // Given: the inputs, every weight and bias, as the saved model has them.
    const given = { ...(await cells(page, 'ws-x-')), ...(await cells(page, 'ws-w-')), ...(await cells(page, 'ws-b-')) };
    x.forEach((v, i) => assert.equal(given[`ws-x-${i}`], v, `input ${i}`));
    for (let l = 1; l < model.layers.length; l++) {
      for (let j = 0; j < model.layers[l]; j++) {
        assert.equal(given[`ws-b-${l}-${j}`], model.biases[l - 1][j], `b ${l}-${j}`);
        for (let i = 0; i < model.layers[l - 1]; i++) {
          assert.equal(given[`ws-w-${l}-${j}-${i}`], model.weights[l - 1][j][i], `w ${l}-${j}-${i}`);
        }
      }
    }

    // With blanks: every number to work out has its box, and none shows.
    const want = expected(model, trace);
    const blank = {};
    for (const prefix of ['ws-z-', 'ws-a-', 'ws-loss', 'ws-delta-', 'ws-dw-', 'ws-db-', 'ws-neww-', 'ws-newb-']) {
      Object.assign(blank, await cells(page, prefix));
    }
    assert.deepEqual(Object.keys(blank).sort(), Object.keys(want).sort(), 'a box for every number');
    assert.ok(Object.values(blank).every((v) => v === null), 'all blank');
    assert.equal((await sheet.locator('td.blank').allTextContents()).join(''), '');
    await page.screenshot({ path: `${SHOTS}/worksheet-blank-${lang}.png`, fullPage: false });

    // With the answers: exactly the trace command's numbers, and the plain update with the lab's η.
    await page.getByTestId('worksheet-answers').check();
    const shown = {};
    for (const prefix of ['ws-z-', 'ws-a-', 'ws-loss', 'ws-delta-', 'ws-dw-', 'ws-db-', 'ws-neww-', 'ws-newb-']) {
      Object.assign(shown, await cells(page, prefix));
    }
    for (const [id, value] of Object.entries(want)) {
      if (id.startsWith('ws-new')) assert.ok(Math.abs(shown[id] - value) <= 1e-15, `${id}: ${shown[id]} against ${value}`);
      else assert.equal(shown[id], value, id);
    }
    assert.equal(await page.getByTestId('ws-loss').textContent(), trace.loss.toFixed(4), 'the loss, to four decimals');
    await page.screenshot({ path: `${SHOTS}/worksheet-answers-${lang}.png`, fullPage: false });

    // The NumPy script, run: the same numbers.
    const got = fromScript(await runScript(page, dir), model.layers);
    for (const [id, value] of Object.entries(want)) assert.ok(close(got[id], value), `script ${id}: ${got[id]} against ${value}`);

    // On paper the sheet is alone: the lab is not printed, nor the sheet's buttons.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('main.lab').isVisible(), false, 'the lab is not printed');
    assert.equal(await page.getByTestId('worksheet-print').isVisible(), false, 'nor the buttons');
    assert.ok(await page.getByTestId('ws-loss').isVisible());
    await page.screenshot({ path: `${SHOTS}/worksheet-print-${lang}.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    // Escape closes it, and the keyboard is back on the button that opened it.
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'detached', timeout: 3000 });
    assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'worksheet-open');
    assert.deepEqual(problems, []);
    await context.close();
  });
}
