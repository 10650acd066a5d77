// The page as a beginner first sees it, on a desktop, a tablet and a phone, in English and in
// 繁體中文: what is on the first screen, nothing wider than the screen, no two circles or titles
// on top of each other even at the largest network, keys whose words match the activations, and
// screenshots of each to look at (target/screenshots/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SHOTS, servedLab, recordProblems, scrollToDrawn } from './lab.mjs';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 768, height: 1024 },
  { width: 390, height: 844 },
];
/** Other phones: no sideways scrolling on any of them. */
const PHONES = [
  { width: 360, height: 740 },
  { width: 430, height: 932 },
];
const LANGS = ['en', 'zh-TW'];

const lab = servedLab();

/** The page at this size and in this language, recording console and page errors. */
async function open({ width, height }, lang) {
  const page = await lab.browser.newPage({ viewport: { width, height }, hasTouch: width < 500 });
  const problems = recordProblems(page);
  await page.goto(lab.server.url);
  await page.getByTestId('network').waitFor();
  if (lang !== 'en') await page.getByTestId('language').selectOption(lang);
  return { page, problems };
}

/** How far the page is wider than its window, in CSS pixels (0: no sideways scrolling). */
const overflow = (page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

/** The boxes of every element matching `selector`, in page pixels. */
const boxes = (page, selector) =>
  page.$$eval(selector, (els) =>
    els.map((el) => {
      const r = el.getBoundingClientRect();
      return { id: el.closest('[data-testid]')?.dataset.testid ?? el.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    }),
  );

/** Pairs of boxes that overlap by more than `slack` pixels each way. */
function overlaps(list, slack = 0.5) {
  const found = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i], list[j]];
      const wide = Math.min(a.right, b.right) - Math.max(a.left, b.left);
      const tall = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (wide > slack && tall > slack) found.push(`${a.id} / ${b.id}`);
    }
  }
  return found;
}

/** Builds the largest network the lab offers: 7 inputs, 8 hidden layers of 16, 3 outputs. */
async function buildLargest(page) {
  await page.getByTestId('dataset-blobs').click();
  for (const f of ['x1_sq', 'x2_sq', 'x1x2', 'sin_x1', 'sin_x2']) await page.getByTestId(`feature-${f}`).click();
  while (!(await page.getByTestId('add-layer').isDisabled())) await page.getByTestId('add-layer').click();
  for (let k = 0; k < 8; k++) {
    const add = page.getByTestId(`add-neuron-${k}`);
    while (!(await add.isDisabled())) await add.click();
  }
  assert.equal(await page.locator('g.neuron').count(), 7 + 8 * 16 + 3);
}

for (const size of SIZES) {
  for (const lang of LANGS) {
    test(`${size.width}×${size.height}, ${lang}: nothing wider than the screen, the essentials in reach`, async () => {
      const { page, problems } = await open(size, lang);
      assert.ok((await overflow(page)) <= 0, `the page is ${await overflow(page)} px wider than the screen`);
      const essentials = ['step', 'phase-next', 'play', 'reset', 'learning-rate', 'learning-rate-input', 'network', 'train-cost'];
      if (size.width >= 1280) essentials.push('boundary-canvas', 'cost-chart');
      for (const id of essentials) {
        const box = await page.getByTestId(id).boundingBox();
        assert.ok(box && box.width > 0, `${id} is shown`);
        assert.ok(box.x >= 0 && box.x + box.width <= size.width + 0.5, `${id} lies across the screen's edge: ${JSON.stringify(box)}`);
        // At 1280×800 the first screen holds them all, without scrolling.
        if (size.width >= 1280) assert.ok(box.y + box.height <= size.height, `${id} is below the first screen: ${JSON.stringify(box)}`);
      }
      // The network's words are readable: its titles at least 10 px tall on screen.
      const title = await page.locator('.layer-title').first().boundingBox();
      assert.ok(title.height >= 10, `layer titles are ${title.height} px tall`);
      // Every input is named beside its circle.
      assert.deepEqual(await page.locator('.input-name').allTextContents(), ['x₁', 'x₂']);
      if (lang === 'zh-TW') {
        const body = await page.evaluate(() => document.body.innerText);
        const ascii = body.match(/[\u3000-\u9fff\uff00-\uffef][:,;]/gu);
        assert.equal(ascii, null, `ASCII punctuation after Chinese: ${ascii}`);
        assert.equal(await page.title(), '反向傳播實驗室——看神經網路如何學習');
      }
      await page.screenshot({ path: `${SHOTS}/first-screen-${size.width}x${size.height}-${lang}.png` });
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

for (const size of PHONES) {
  for (const lang of LANGS) {
    test(`${size.width}×${size.height}, ${lang}: nothing wider than the screen`, async () => {
      const { page, problems } = await open(size, lang);
      assert.ok((await overflow(page)) <= 0, `the page is ${await overflow(page)} px wider than the screen`);
      for (const id of ['step', 'phase-next', 'play', 'learning-rate-input', 'network']) {
        const box = await page.getByTestId(id).boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= size.width + 0.5, `${id}: ${JSON.stringify(box)}`);
      }
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

test('at 1440×900 the explanation is on the first screen too', async () => {
  const { page, problems } = await open({ width: 1440, height: 900 }, 'en');
  for (const id of ['network', 'boundary-canvas', 'cost-chart', 'narration', 'explain-heading']) {
    const box = await page.getByTestId(id).boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 900 && box.x + box.width <= 1440, `${id}: ${JSON.stringify(box)}`);
  }
  await page.screenshot({ path: `${SHOTS}/first-screen-1440x900-en.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

for (const size of [SIZES[0], SIZES[2]]) {
  for (const lang of LANGS) {
    test(`${size.width}×${size.height}, ${lang}: at [7, 16×8, 3] no two circles and no two layer titles overlap`, async () => {
      const { page, problems } = await open(size, lang);
      await buildLargest(page);
      const circles = await boxes(page, 'g.neuron circle');
      assert.equal(circles.length, 7 + 8 * 16 + 3);
      assert.deepEqual(overlaps(circles), [], 'circles overlap');
      const titles = await boxes(page, '.layer-title');
      assert.equal(titles.length, 10);
      assert.deepEqual(overlaps(titles, 0), [], 'layer titles overlap');
      assert.deepEqual(overlaps([...titles, ...circles], 0), [], 'a title overlaps a circle');
      const drawing = await page.getByTestId('network').boundingBox();
      for (const t of titles) {
        assert.ok(t.left >= drawing.x - 0.5 && t.right <= drawing.x + drawing.width + 0.5, `title ${t.id} is cut off`);
      }
      const names = await page.locator('.input-name').allTextContents();
      assert.deepEqual(names, ['x₁', 'x₂', 'x₁²', 'x₂²', 'x₁x₂', 'sin(x₁)', 'sin(x₂)']);
      assert.deepEqual(overlaps(await boxes(page, '.input-name'), 0), [], 'input names overlap');
      assert.ok((await overflow(page)) <= 0, 'no sideways scrolling');
      await page.getByTestId('network').scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SHOTS}/largest-${size.width}-${lang}.png`, fullPage: size.width < 500 });
      assert.deepEqual(problems, []);
      await page.close();
    });
  }
}

test("the colour key's words follow each layer's activation", async () => {
  const { page, problems } = await open(SIZES[0], 'en');
  const rows = async () =>
    page.$$eval('[data-testid="colour-key"] li[data-low]', (lis) =>
      lis.map((li) => ({ low: li.dataset.low, high: li.dataset.high, name: li.querySelector('.key-name').textContent })),
    );
  // The starting network: tanh hidden layers, a sigmoid output.
  let key = await rows();
  const sigmoid = key.find((r) => r.name.startsWith('sigmoid'));
  assert.deepEqual([sigmoid.low, sigmoid.high], ['0', '1'], 'sigmoid runs 0 … 1');
  assert.match(sigmoid.name, /output/);
  const tanh = key.find((r) => r.name.startsWith('tanh'));
  assert.deepEqual([tanh.low, tanh.high], ['−1', '1'], 'tanh runs −1 … 1');
  assert.match(tanh.name, /hidden 1.*hidden 2/);
  // A sigmoid output at any value is never orange: its circle's fill is blue-ish or pale.
  const fill = await page.locator('[data-testid="neuron-3-0"] circle').getAttribute('fill');
  const [r, , b] = [1, 3, 5].map((k) => parseInt(fill.slice(k, k + 2), 16));
  assert.ok(b >= r, `the sigmoid output's fill ${fill} is not orange`);
  // ReLU in the first hidden layer: a row of its own from 0.
  await page.getByTestId('activation-0').selectOption({ label: 'ReLU' });
  key = await rows();
  const relu = key.find((r) => r.name.startsWith('ReLU'));
  assert.equal(relu.low, '0');
  assert.match(relu.name, /hidden 1/);
  assert.ok(Number(relu.high) > 0);
  // The output view says which colour is a cat and which a dog.
  assert.deepEqual(await page.locator('[data-testid="output-key"] li').allTextContents(), ['cat', 'dog']);
  await page.getByTestId('language').selectOption('zh-TW');
  assert.deepEqual(await page.locator('[data-testid="output-key"] li').allTextContents(), ['貓', '狗']);
  assert.deepEqual(problems, []);
  await page.close();
});

test('More settings is folded at first and remembers being opened', async () => {
  const { page, problems } = await open(SIZES[0], 'en');
  const more = page.getByTestId('more-settings');
  assert.equal(await more.evaluate((d) => d.open), false);
  assert.ok(!(await page.getByTestId('optimizer').isVisible()), 'the optimizer waits inside');
  // The page keeps the choice when the section's toggle event comes, a moment after the click.
  const kept = (value) => page.waitForFunction((v) => localStorage.getItem('backprop-lab.more-settings') === v, value);
  await more.locator('summary').click();
  assert.ok(await page.getByTestId('optimizer').isVisible());
  await kept('open');
  await page.reload();
  await page.getByTestId('network').waitFor();
  assert.equal(await page.getByTestId('more-settings').evaluate((d) => d.open), true, 'open again after a reload');
  await page.getByTestId('more-settings').locator('summary').click();
  await kept('closed');
  await page.reload();
  await page.getByTestId('network').waitFor();
  assert.equal(await page.getByTestId('more-settings').evaluate((d) => d.open), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test('nothing moves under the pointer: a message floats, the counter keeps its width', async () => {
  const { page, problems } = await open(SIZES[0], 'en');
  const slider = page.getByTestId('learning-rate');
  const network = page.getByTestId('network');
  const at = async () => [(await slider.boundingBox()).x, (await network.boundingBox()).y];
  const start = await at();
  // A message (a refused rate) does not push the page down.
  await page.getByTestId('learning-rate-input').fill('abc');
  await page.getByTestId('learning-rate-input').press('Enter');
  await page.getByTestId('message').waitFor();
  assert.deepEqual(await at(), start, 'the message shifted the page');
  await page.getByTestId('dismiss').click();
  assert.equal(await page.getByTestId('message').count(), 0);
  // Ten steps and more: the slider stays where it was.
  for (let k = 0; k < 12; k++) await page.getByTestId('step').click();
  assert.equal(await page.getByTestId('step-count').textContent(), '12');
  assert.deepEqual(await at(), start, 'the step counter pushed the slider');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard steps the learning rate along round numbers and ×10 with Page Up/Down', async () => {
  const { page, problems } = await open(SIZES[0], 'en');
  const value = () => page.getByTestId('learning-rate-value').textContent();
  await page.getByTestId('learning-rate').focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await value(), '0.0500');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await value(), '0.200');
  await page.keyboard.press('PageDown');
  assert.equal(await value(), '0.0200');
  await page.keyboard.press('PageUp');
  await page.keyboard.press('PageUp');
  assert.equal(await value(), '2.00');
  await page.keyboard.press('End');
  assert.equal(await value(), '10.0');
  // Every control shows a focus ring at least 2 px wide.
  const ring = await page.getByTestId('learning-rate').evaluate((el) => parseFloat(getComputedStyle(el).outlineWidth));
  assert.ok(ring >= 2, `outline ${ring} px`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('the keyboard reaches every neuron and every weight of the network', async () => {
  const { page, problems } = await open(SIZES[0], 'en');
  const heading = () => page.getByTestId('explain-heading').textContent();
  await page.getByTestId('neuron-0-0').focus();
  assert.equal(await heading(), 'Neuron 1 of input');
  await page.keyboard.press('ArrowDown');
  assert.equal(await heading(), 'Neuron 2 of input');
  // Right: the first weight leaving the neuron; Down: the next one of that fan; Right: where it goes.
  await page.keyboard.press('ArrowRight');
  assert.equal(await heading(), 'Weight w from neuron 2 of input to neuron 1 of hidden 1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await heading(), 'Weight w from neuron 2 of input to neuron 2 of hidden 1');
  assert.equal(await page.getByTestId('weight-input').count(), 1, 'the weight can be typed in');
  await page.keyboard.press('ArrowRight');
  assert.equal(await heading(), 'Neuron 2 of hidden 1');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'neuron-1-1', 'the focus ring follows');
  // Left: the weights coming in.
  await page.keyboard.press('ArrowLeft');
  assert.equal(await heading(), 'Weight w from neuron 1 of input to neuron 2 of hidden 1');
  // On the network the arrows move the focus and take no training step.
  assert.equal(await page.getByTestId('step-count').textContent(), '0');
  // Every control's focus ring is at least 2 px wide: the menus too.
  await page.getByTestId('language').focus();
  await page.keyboard.press('Tab');
  const rings = await page.evaluate(() =>
    ['language', 'learning-rate', 'step'].map((id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      el.focus({ focusVisible: true });
      return parseFloat(getComputedStyle(el).outlineWidth);
    }),
  );
  assert.ok(rings.every((w) => w >= 2), `focus rings ${rings}`);
  assert.deepEqual(problems, []);
  await page.close();
});

test('on a phone a finger turns the 3-D loss surface', async () => {
  const { page, problems } = await open(SIZES[2], 'en');
  const canvas = page.getByTestId('surface-3d');
  await scrollToDrawn(page, 'surface-3d');
  const picture = () => canvas.evaluate((c) => c.toDataURL());
  const before = await picture();
  const box = await canvas.boundingBox();
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  // A touch drag, as pointer events: down, a few moves, up.
  const client = await page.context().newCDPSession(page);
  const touch = (type, points) => client.send('Input.dispatchTouchEvent', { type, touchPoints: points });
  await touch('touchStart', [{ x, y }]);
  for (let k = 1; k <= 5; k++) await touch('touchMove', [{ x: x + 12 * k, y }]);
  await touch('touchEnd', []);
  await page.waitForFunction(
    ([id, old]) => document.querySelector(`[data-testid="${id}"]`).toDataURL() !== old,
    ['surface-3d', before],
  );
  assert.notEqual(await picture(), before, 'the view turned');
  assert.deepEqual(problems, []);
  await page.close();
});
