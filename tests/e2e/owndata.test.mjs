// A learner brings their own data: with Edit points on, a click on the output view adds a
// training point of the class chosen (Shift-click the other class) and a click on a point removes
// it; a broken CSV file is refused line by line and changes nothing; a good one replaces the
// data; Export CSV downloads the data in use, which imports back as the same points.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ROOT, servedLab, SHOTS, recordProblems } from './lab.mjs';

const AXE = readFileSync(`${ROOT}node_modules/axe-core/axe.min.js`, 'utf8');
const lab = servedLab();

/** axe-core's violations on the page now, as "rule: first targets". */
async function violations(page) {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
}

/** A fresh page of `width` × `height` at the lab, recording errors. */
async function fresh(width = 1280, height = 800, query = '') {
  const context = await lab.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(lab.server.url + query);
  await page.getByTestId('network').waitFor();
  return { page, problems, context };
}

const trainingPoints = (page) => page.locator('[data-testid^="point-"]').count();
const testPoints = (page) => page.locator('[data-testid^="test-point-"]').count();

/** The centres of every point drawn, in page pixels. */
const centres = (page) =>
  page.$$eval('.boundary-points circle[data-testid*="point-"]', (circles) =>
    circles.map((c) => {
      const r = c.getBoundingClientRect();
      return [r.x + r.width / 2, r.y + r.height / 2];
    }),
  );

/** A spot on the output view at least `gap` pixels from every point, scanning from `start`
 * (a share of the view's width and height). */
async function emptySpot(page, start, gap = 16) {
  const box = await page.getByTestId('boundary-canvas').boundingBox();
  const points = await centres(page);
  for (let k = 0; k < 400; k++) {
    const fx = (start[0] + (k % 20) * 0.037) % 0.9 + 0.05;
    const fy = (start[1] + Math.floor(k / 20) * 0.043) % 0.9 + 0.05;
    const [x, y] = [box.x + fx * box.width, box.y + fy * box.height];
    if (points.every(([px, py]) => Math.hypot(px - x, py - y) > gap)) return [x, y];
  }
  throw new Error('no empty spot on the output view');
}

/** The fill of training point `i`. */
const fill = (page, i) => page.getByTestId(`point-${i}`).getAttribute('fill');

/** The CSV text that Export CSV downloads, as its link holds it once clicked. */
async function exported(page) {
  const link = page.getByTestId('export-csv');
  assert.equal(await link.getAttribute('download'), 'backprop-lab-data.csv');
  const download = page.waitForEvent('download');
  await link.click();
  await download;
  const href = await link.getAttribute('href');
  assert.match(href, /^data:text\/csv;charset=utf-8,/);
  return decodeURIComponent(href.slice(href.indexOf(',') + 1));
}

test('a click adds a training point of the chosen class, Shift-click the other class, a click on a point removes it', async () => {
  const { page, problems, context } = await fresh();
  assert.equal(await trainingPoints(page), 200);
  await page.getByTestId('edit-points').click();
  assert.equal(await page.getByTestId('edit-points').getAttribute('aria-pressed'), 'true');
  const toggle = page.getByTestId('add-point-class');
  assert.match(await toggle.textContent(), /cat.*dog/);
  await page.getByTestId('add-point-class-0').click();
  assert.equal(await page.getByTestId('add-point-class-0').getAttribute('aria-checked'), 'true');
  assert.match(await page.getByTestId('edit-hint').textContent(), /Shift-click: the other class/);

  const [x, y] = await emptySpot(page, [0.1, 0.1]);
  await page.mouse.click(x, y);
  await page.getByTestId('point-200').waitFor();
  assert.equal(await trainingPoints(page), 201, 'one more training point');
  const added = await page.getByTestId('point-200').boundingBox();
  assert.ok(Math.hypot(added.x + added.width / 2 - x, added.y + added.height / 2 - y) < 2, 'drawn where clicked');
  assert.match(await page.getByTestId('own-data-note').textContent(), /201 training and 50 test points/);
  assert.equal(await page.getByTestId('dataset-own').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('dataset-cats_dogs').getAttribute('aria-pressed'), 'false');

  const [sx, sy] = await emptySpot(page, [0.6, 0.5]);
  await page.keyboard.down('Shift');
  await page.mouse.click(sx, sy);
  await page.keyboard.up('Shift');
  await page.getByTestId('point-201').waitFor();
  const [cat, other] = [await fill(page, 200), await fill(page, 201)];
  assert.notEqual(cat, other, 'Shift-click: the other class, in the other colour');
  // The two colours are those of the two classes the generated points have.
  const classes = new Set(await page.$$eval('[data-testid^="point-"]', (cs) => cs.map((c) => c.getAttribute('fill'))));
  assert.deepEqual([...classes].sort(), [cat, other].sort());

  // A click on a point removes it: the one added first.
  await page.mouse.click(x, y);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid^="point-"]').length === 201);
  const after = await centres(page);
  assert.ok(after.every(([px, py]) => Math.hypot(px - x, py - y) > 1), 'nothing left where it was');
  assert.equal(await fill(page, 200), other, 'the Shift-clicked point is now the 201st');
  // Training goes on with the new data.
  await page.getByTestId('step').click();
  assert.match(await page.getByTestId('own-data-note').textContent(), /201 training/);
  // The link does not pretend to carry the points.
  assert.match(await page.getByTestId('copy-link').getAttribute('title'), /not in the link: export them as CSV/);
  await page.getByTestId('edit-points').click();
  assert.equal(await page.getByTestId('add-point-class').count(), 0, 'editing off: clicks pick again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken CSV file gets a message with its line numbers and changes nothing; a good one replaces the data; Export downloads it', async () => {
  const { page, problems, context } = await fresh();
  const before = await exported(page);
  assert.equal(before.split('\n')[0], 'x1,x2,label,set');
  assert.equal(before.trim().split('\n').length, 251, 'the generated data: a header and 250 points');
  const cost = await page.getByTestId('train-cost').textContent();

  const input = page.getByTestId('import-csv');
  const broken = 'x1,x2,label\n0.5,0.5,1\n0.1,zero,0\n0.2,0.2,3\n0.3,0.3\n';
  await input.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
  const message = page.getByTestId('message');
  await message.waitFor();
  const text = await message.textContent();
  assert.match(text, /not imported; your data is unchanged/);
  assert.match(text, /line 3: x2 “zero” is not a number/);
  assert.match(text, /line 4: label “3” is not a class of this dataset \(0 or 1\)/);
  assert.match(text, /line 5: expected 3 or 4 values/);
  assert.equal(await trainingPoints(page), 200, 'the points are as before');
  assert.equal(await page.getByTestId('own-data-note').count(), 0);
  assert.equal(await page.getByTestId('train-cost').textContent(), cost);
  assert.equal(await exported(page), before, 'the data is exactly as before');

  // The same in Chinese.
  await page.getByTestId('language').selectOption('zh-TW');
  await input.setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(broken) });
  await page.getByTestId('message').filter({ hasText: '第 3 行' }).waitFor();
  assert.match(await page.getByTestId('message').textContent(), /沒有匯入這個 CSV 檔，資料保持不變。第 3 行：x2「zero」不是數字/);
  await page.getByTestId('language').selectOption('en');

  const good = 'x1,x2,label,set\n0.5,0.5,1,train\n-0.5,-0.5,0,train\n0.5,-0.5,1,train\n-0.5,0.5,0,test\n';
  await input.setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
  await page.getByTestId('message').filter({ hasText: 'Imported 4 points' }).waitFor();
  assert.match(await page.getByTestId('message').textContent(), /3 for training, 1 for testing\. The weights are kept\./);
  assert.equal(await trainingPoints(page), 3);
  assert.equal(await testPoints(page), 1);
  assert.match(await page.getByTestId('own-data-note').textContent(), /3 training and 1 test points/);
  assert.notEqual(await page.getByTestId('train-cost').textContent(), cost, 'the cost of the new data');
  assert.equal(await exported(page), good, 'Export downloads the data in use');

  // Text pasted in imports as a file does; two points at a training share of 80 % all train.
  await page.getByTestId('paste-csv').locator('summary').click();
  await page.getByTestId('paste-csv-text').fill('0.1,0.1,1\n-0.1,-0.1,0\n');
  await page.getByTestId('paste-csv-import').click();
  await page.getByTestId('message').filter({ hasText: 'Imported 2 points' }).waitFor();
  assert.equal(await trainingPoints(page), 2);
  assert.equal(await page.getByTestId('test-cost').textContent(), '—', 'no test points: no test cost');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the own-data controls at 1280 and 390 px, in English and Chinese: on the screen, no accessibility violation', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const lang of ['en', 'zh-TW']) {
      const { page, problems, context } = await fresh(width, height);
      if (lang !== 'en') await page.getByTestId('language').selectOption(lang);
      await page.getByTestId('edit-points').click();
      await page.getByTestId('boundary').scrollIntoViewIfNeeded();
      const [x, y] = await emptySpot(page, [0.2, 0.3]);
      await page.mouse.click(x, y);
      await page.getByTestId('point-200').waitFor();
      const panel = page.locator('.output-panel');
      const box = await panel.boundingBox();
      assert.ok(box.width <= width, 'no sideways scrolling');
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= width, `no sideways scrolling at ${width} px: ${scroll}`);
      await panel.screenshot({ path: `${SHOTS}/owndata-${width}-${lang}.png` });
      // The settings of a generated set are disabled and say why.
      await page.getByTestId('more-settings').locator('summary').click();
      assert.equal(await page.getByTestId('noise').isDisabled(), true);
      assert.equal(await page.getByTestId('points').isDisabled(), true);
      assert.equal(await page.getByTestId('own-data-settings-note').count(), 1);
      assert.deepEqual(await violations(page), [], 'editing, your own points, settings unfolded');
      if (width === 1280) await page.screenshot({ path: `${SHOTS}/owndata-page-${lang}.png` });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
