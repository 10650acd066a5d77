// Model files and pictures: a model saved with its features and dataset opens in a fresh browser
// with the same menus and weights; a file that does not fit names the cause and changes nothing;
// every "Save PNG" downloads a real picture of its view.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { servedLab, ROOT, SHOTS, recordProblems, scrollToDrawn } from './lab.mjs';

const lab = servedLab();

/** A page in a fresh browser profile at `width` × `height`, recording errors. */
async function fresh(width = 1280, height = 800, path = '') {
  const context = await lab.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}${path}`);
  await page.getByTestId('network').waitFor();
  return { page, problems, context };
}

/** Every weight as the page holds it, in order. */
const weights = (page) =>
  page.$$eval('line.edge-line', (lines) => lines.map((l) => l.getAttribute('data-weight')));

/** Opens "More settings". */
async function unfold(page) {
  const more = page.getByTestId('more-settings');
  if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
}

/** The model file the page's Save model gives, as an object. */
async function saved(page) {
  await page.getByTestId('save-model').click();
  const href = await page.getByTestId('save-model').getAttribute('href');
  return JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)));
}

/** Opens `model` (an object or text) with Open model. */
async function open(page, model) {
  const text = typeof model === 'string' ? model : JSON.stringify(model);
  await page.getByTestId('open-model').setInputFiles({
    name: 'model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(text),
  });
}

/** The features switched on, by name. */
const features = (page) =>
  page.$$eval('[data-testid^="feature-"][aria-pressed="true"]', (chips) =>
    chips.map((c) => c.getAttribute('data-testid').slice('feature-'.length)));

/** What a menu shows. */
const shown = (page, id) => page.getByTestId(id).evaluate((menu) => menu.selectedOptions[0].textContent);

test('a model saved with its features and dataset opens in a fresh browser with both, the batch and the weights', async () => {
  const teacher = await fresh();
  const { page } = teacher;
  await page.getByTestId('dataset-moons').click();
  await page.getByTestId('feature-sin_x1').click();
  await page.getByTestId('feature-x1x2').click();
  await unfold(page);
  await page.getByTestId('batch-size').selectOption('5');
  await page.getByTestId('points').selectOption('500');
  await page.getByTestId('regenerate').click();
  for (let k = 0; k < 15; k++) await page.getByTestId('step').click();
  const model = await saved(page);
  assert.deepEqual(model.features, ['x1', 'x2', 'x1x2', 'sin_x1']);
  assert.deepEqual(model.dataset, { name: 'moons', noise: 0.1, points: 500, train_share: 0.8 });
  assert.equal(model.batch_size, 5);
  assert.equal(model.seed, 43, 'Regenerate moved the seed on from 42');
  const taught = await weights(page);
  const cost = await page.getByTestId('train-cost').textContent();

  const learner = await fresh();
  const other = learner.page;
  await open(other, model);
  await other.waitForFunction(() => document.querySelector('[data-testid="dataset-moons"]').getAttribute('aria-pressed') === 'true');
  assert.equal(await other.getByTestId('message').count(), 0, 'opened without a word');
  assert.deepEqual(await features(other), ['x1', 'x2', 'x1x2', 'sin_x1'], 'the features chips show the file\'s');
  assert.equal(await other.getByTestId('input-name-3').textContent(), 'sin(x₁)', 'and the network names its inputs');
  await unfold(other);
  assert.equal(await shown(other, 'batch-size'), '5');
  assert.equal(await shown(other, 'points'), '500');
  assert.deepEqual(await weights(other), taught, 'every weight');
  assert.equal(await other.getByTestId('train-cost').textContent(), cost, 'the same data: the same cost');
  await other.screenshot({ path: `${SHOTS}/files-opened.png` });
  assert.deepEqual([...teacher.problems, ...learner.problems], []);
  await teacher.context.close();
  await learner.context.close();
});

test('a file that does not fit names the cause, in the page\'s language, and changes nothing', async () => {
  const { page, problems, context } = await fresh();
  for (let k = 0; k < 3; k++) await page.getByTestId('step').click();
  const older = readFileSync(`${ROOT}tests/fixtures/model-v1-cats-dogs.json`, 'utf8');
  // An older file (no features, no dataset) of two inputs onto three features.
  await page.getByTestId('feature-sin_x2').click();
  const three = await weights(page);
  await open(page, older);
  const message = page.getByTestId('message');
  await message.waitFor();
  assert.match(await message.textContent(), /the features do not fit: the network has 2 input\(s\), but the lab gives it 3 feature\(s\) \(x1, x2, sin_x2\)/);
  assert.deepEqual(await weights(page), three, 'nothing changed');
  assert.deepEqual(await features(page), ['x1', 'x2', 'sin_x2']);
  await page.getByTestId('dismiss').click();
  // The same older classifier onto a regression set: the task.
  await page.getByTestId('feature-sin_x2').click();
  await page.getByTestId('dataset-plane').click();
  const plane = await weights(page);
  await open(page, older);
  await message.waitFor();
  assert.match(await message.textContent(), /the task does not fit: the network's output answers two classes, but the lab's dataset "plane" is regression/);
  assert.deepEqual(await weights(page), plane);
  await page.getByTestId('dismiss').click();
  // An output activation that fits no task, worded in Chinese after the switch.
  await page.getByTestId('language').selectOption('zh-TW');
  const tanh = JSON.parse(older);
  tanh.activations[2] = 'tanh';
  tanh.loss = 'mse';
  await open(page, tanh);
  await message.waitFor();
  const zh = await message.textContent();
  assert.match(zh, /輸出層的激活函數 "tanh"（1 個神經元）不適合任何任務/);
  assert.deepEqual(await weights(page), plane);
  await page.screenshot({ path: `${SHOTS}/files-refused-zh.png` });
  // A weight beyond ±1000 is named by its place.
  await page.getByTestId('language').selectOption('en');
  const huge = JSON.parse(older);
  huge.weights[1][0][3] = 1e6;
  await page.getByTestId('dismiss').click();
  await page.getByTestId('dataset-cats_dogs').click();
  const cats = await weights(page);
  await open(page, huge);
  await message.waitFor();
  assert.match(await message.textContent(), /weights\[1\]\[0\]\[3\] is 1000000; every weight and bias must be between -1000 and 1000/);
  assert.deepEqual(await weights(page), cats);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Width, height and the number of distinct colours (of up to 4 000 sampled pixels) of a PNG,
 * decoded by the browser. */
async function decoded(page, bytes) {
  const url = `data:image/png;base64,${bytes.toString('base64')}`;
  return page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const colours = new Set();
    const pixels = data.length / 4;
    for (let k = 0; k < 4000; k++) {
      const p = Math.floor((k * pixels) / 4000) * 4;
      colours.add((data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3]);
    }
    const corner = Array.from(data.slice(0, 4));
    return { width: canvas.width, height: canvas.height, colours: colours.size, corner };
  }, url);
}

/** Clicks the Save PNG of the panel `panel` and returns the download's name and bytes. */
async function exported(page, panel) {
  const button = page.locator(panel).getByTestId('export-png');
  await button.scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const bytes = readFileSync(await download.path());
  return { name: download.suggestedFilename(), bytes };
}

test('each Save PNG downloads a picture of its view: a PNG of a sensible size, on white, not one colour', async () => {
  const { page, problems, context } = await fresh();
  for (let k = 0; k < 12; k++) await page.getByTestId('step').click();
  // The loss surface is filled once it is in view.
  await page.getByTestId('real-surface').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('[data-testid="real-surface-progress"]').dataset.value === '100', null, { timeout: 30000 });
  await scrollToDrawn(page, 'surface-3d');
  const views = [
    ['.network-panel', /^backprop-lab-network-step-12\.png$/, '.network-stage'],
    ['.output-panel', /^backprop-lab-output-step-12\.png$/, '.boundary-plane'],
    ['.real-surface', /^backprop-lab-loss-surface\.png$/, '.real-surface-views'],
    ['.surface-lab', /^backprop-lab-test-surface\.png$/, '.surface-views'],
  ];
  assert.equal(await page.getByTestId('export-png').count(), views.length, 'one button per view');
  for (const [panel, name, box] of views) {
    const { name: file, bytes } = await exported(page, panel);
    assert.match(file, name);
    writeFileSync(`${SHOTS}/${file}`, bytes);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${file}: a PNG`);
    const size = await page.locator(`${panel} ${box}`).boundingBox();
    const picture = await decoded(page, bytes);
    // Twice the page's pixels, as the learner sees the view.
    assert.ok(Math.abs(picture.width - 2 * size.width) <= 2 && Math.abs(picture.height - 2 * size.height) <= 2,
      `${file}: ${picture.width}×${picture.height} for a view of ${size.width}×${size.height}`);
    assert.ok(picture.width >= 400 && picture.height >= 300, `${file}: ${picture.width}×${picture.height}`);
    assert.ok(picture.colours >= 20, `${file}: ${picture.colours} colours`);
    assert.equal(picture.corner[3], 255, `${file}: opaque, not transparent`);
  }
  // The network's picture shows the SVG too: the neurons' outlines are drawn over the lines.
  const network = await exported(page, '.network-panel');
  const dark = await page.evaluate(async (src) => {
    const image = new Image();
    image.src = src;
    await image.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [image.naturalWidth, image.naturalHeight];
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let p = 0; p < data.length; p += 4) if (data[p] < 110 && data[p + 1] < 120 && data[p + 2] < 130) count++;
    return count;
  }, `data:image/png;base64,${network.bytes.toString('base64')}`);
  assert.ok(dark > 2000, `the circles' outlines and the texts are in the picture: ${dark} dark pixels`);
  assert.deepEqual(problems, [], 'no error, none from the Content-Security-Policy either');
  await context.close();
});

test('the buttons fit in their panels (in the title\'s line, in the output view\'s corner) at 1280 and 390 pixels, in both languages', async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    for (const lang of ['en', 'zh-TW']) {
      const { page, problems, context } = await fresh(width, height);
      await page.getByTestId('language').selectOption(lang);
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.equal(sideways, 0, `${width} ${lang}: no sideways scrolling`);
      const plane = await page.locator('.boundary-plane').boundingBox();
      const corner = await page.locator('.output-panel').getByTestId('export-png').boundingBox();
      assert.ok(corner.x + corner.width <= plane.x + plane.width && corner.y >= plane.y && corner.y + corner.height < plane.y + 40,
        `${width} ${lang}: the output view's button is in the plane's top right corner`);
      for (const [panel, line] of [['.network-panel', 'h2'], ['.real-surface', 'h2']]) {
        const button = await page.locator(panel).getByTestId('export-png').boundingBox();
        const title = await page.locator(`${panel} ${line}`).boundingBox();
        assert.ok(button.y < title.y + title.height && button.y + button.height > title.y,
          `${width} ${lang} ${panel}: the button is in the line of ${line}`);
        assert.ok(button.height <= title.height + 4, `${width} ${lang} ${panel}: no taller than that line`);
      }
      await page.screenshot({ path: `${SHOTS}/files-${width}-${lang}.png` });
      assert.deepEqual(problems, []);
      await context.close();
    }
  }
});
