// End to end, as a learner uses it: the release bundle in dist/, served on 127.0.0.1, in headless
// Chromium (Debian's, driven by playwright-core; no browser is downloaded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { ROOT, SHOTS, diverge, servedLab, recordProblems, scrollToDrawn } from './lab.mjs';

const lab = servedLab();

/** A page that records console errors, page errors and every request that leaves the server. */
async function openLab() {
  const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = recordProblems(page);
  const foreign = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(lab.server.url)) foreign.push(req.url());
  });
  await page.goto(lab.server.url);
  await page.getByTestId('network').waitFor();
  return { page, problems, foreign };
}

const text = (page, id) => page.getByTestId(id).textContent();
const weights = (page) =>
  page.$$eval('[data-testid="network"] .edge-line', (lines) => lines.map((l) => Number(l.dataset.weight)));

test('a learner opens the page, steps, moves the learning rate and sees the numbers change', async () => {
  const { page, problems, foreign } = await openLab();

  // The network is drawn: 2-4-2-1 neurons in several shades, and the chart is painted.
  for (const [layer, count] of [[0, 2], [1, 4], [2, 2], [3, 1]]) {
    for (let i = 0; i < count; i++) await page.getByTestId(`neuron-${layer}-${i}`).waitFor();
  }
  const shades = await page.$$eval('g.neuron circle', (cs) => new Set(cs.map((c) => c.getAttribute('fill'))).size);
  assert.ok(shades >= 5, `neurons come in ${shades} shades`);
  const inked = await page.getByTestId('cost-chart').evaluate((canvas) => {
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let k = 0; k < data.length; k += 4) if (data[k] < 200 || data[k + 1] < 200 || data[k + 2] < 200) n++;
    return n;
  });
  assert.ok(inked > 1000, `the chart has axes and labels drawn (${inked} dark pixels)`);

  // Step: the counter, the weights and the cost all move.
  assert.equal(await text(page, 'step-count'), '0');
  const w0 = await weights(page);
  const cost0 = await text(page, 'train-cost');
  await page.getByTestId('step').click();
  assert.equal(await text(page, 'step-count'), '1');
  const w1 = await weights(page);
  assert.equal(w1.length, w0.length);
  assert.ok(w1.some((w, k) => w !== w0[k]), 'a weight changed');
  assert.notEqual(await text(page, 'train-cost'), cost0);

  // Drag the learning-rate slider's thumb to the right: the rate shown grows.
  assert.equal(await text(page, 'learning-rate-value'), '0.100');
  const slider = page.getByTestId('learning-rate');
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.6, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 5 });
  await page.mouse.up();
  const rate = Number(await text(page, 'learning-rate-value'));
  assert.ok(rate > 0.5 && rate < 2, `dragging to 80 % gives a rate near 10^0 (${rate})`);

  // The next steps use the new rate: weights move further than at 0.1.
  const before = await weights(page);
  await page.getByTestId('step').click();
  const after = await weights(page);
  assert.equal(await text(page, 'step-count'), '2');
  const biggest = Math.max(...after.map((w, k) => Math.abs(w - before[k])));
  const firstStep = Math.max(...w1.map((w, k) => Math.abs(w - w0[k])));
  assert.ok(biggest > firstStep, `a larger rate moves weights further (${biggest} > ${firstStep})`);

  // Play trains on its own until paused.
  await page.getByTestId('play').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]').textContent) > 20);
  await page.getByTestId('play').click();
  assert.equal(await text(page, 'play'), 'Play');

  const body = await page.textContent('body');
  assert.ok(!/NaN|Infinity/.test(body), 'no NaN or Infinity on screen');
  await page.screenshot({ path: `${SHOTS}/e2e-after-training.png` });
  assert.deepEqual(problems, [], 'no console errors');
  assert.deepEqual(foreign, [], 'no request leaves the local server');
  await page.close();
});

test('reset brings back the first weights', async () => {
  const { page, problems } = await openLab();
  const first = await weights(page);
  await page.getByTestId('step').click();
  await page.getByTestId('step').click();
  assert.notDeepEqual(await weights(page), first);
  await page.getByTestId('reset').click();
  assert.deepEqual(await weights(page), first);
  assert.equal(await text(page, 'step-count'), '0');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page speaks 繁體中文 on request and keeps the run', async () => {
  const { page, problems } = await openLab();
  await page.getByTestId('step').click();
  await page.getByTestId('step').click();
  const weightsBefore = await weights(page);
  await page.getByTestId('language').selectOption('zh-TW');
  assert.equal(await text(page, 'step'), '單步');
  assert.equal(await text(page, 'step-count'), '2');
  assert.deepEqual(await weights(page), weightsBefore);
  const body = await page.textContent('body');
  for (const term of ['神經網路', '學習率', '輸入層', '隱藏層', '輸出層', '代價']) {
    assert.ok(body.includes(term), `the page says ${term}`);
  }
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  await page.screenshot({ path: `${SHOTS}/e2e-zh-tw.png` });
  await page.getByTestId('language').selectOption('en');
  assert.equal(await text(page, 'step'), 'Step');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a typed learning rate of "abc" gets a message and the old rate is kept', async () => {
  const { page, problems } = await openLab();
  const field = page.getByTestId('learning-rate-input');
  await field.fill('abc');
  await field.press('Enter');
  await page.getByTestId('message').waitFor();
  assert.match(await text(page, 'message'), /positive, finite number/);
  assert.equal(await text(page, 'learning-rate-value'), '0.100');
  assert.equal(await field.inputValue(), '0.100');
  await field.fill('0.03');
  await field.press('Enter');
  assert.equal(await text(page, 'learning-rate-value'), '0.0300');
  await page.getByTestId('step').click();
  assert.equal(await text(page, 'step-count'), '1');
  assert.ok(!/NaN|Infinity/.test(await page.textContent('body')));
  assert.deepEqual(problems, []);
  await page.close();
});

test('the learning-rate lens: its mark moves with the slider and says where the step lands', async () => {
  const { page, problems } = await openLab();
  const mark = page.getByTestId('lr-lens-mark');
  const read = async () => ({
    x: Number(await mark.getAttribute('cx')),
    start: Number(await mark.getAttribute('data-start')),
    landing: Number(await mark.getAttribute('data-landing')),
    words: await text(page, 'lr-lens-readout'),
  });
  const at = {};
  for (const exponent of ['-1', '-3', '0.5']) {
    await page.getByTestId('learning-rate').fill(exponent);
    at[exponent] = await read();
    assert.equal(Number(await mark.getAttribute('data-rate')), 10 ** Number(exponent));
  }
  // The mark sits where the thumb is: further right for a larger rate.
  assert.ok(at['-3'].x < at['-1'].x && at['-1'].x < at['0.5'].x, JSON.stringify(at));
  // Until a step is taken the batch and the weights are the same: one start, three landings.
  assert.ok(at['-3'].start === at['-1'].start && at['-1'].start === at['0.5'].start);
  // A tiny rate barely moves: its landing is within one per cent of the start.
  assert.ok(Math.abs(at['-3'].landing - at['-3'].start) < 1e-2 * at['-3'].start, JSON.stringify(at['-3']));
  for (const r of Object.values(at)) {
    const [from, to] = r.words.split('→').map((w) => parseFloat(w));
    assert.equal(from, Number(r.start.toFixed(3)), r.words);
    assert.equal(to, Number(r.landing.toFixed(3)), r.words);
    assert.match(r.words, r.landing < r.start ? /↓$/ : /↑$/);
  }
  // A step changes the weights and the next batch: the lens follows.
  await page.getByTestId('step').click();
  assert.notEqual((await read()).start, at['0.5'].start);
  assert.ok(!/NaN|Infinity/.test(await page.textContent('body')));
  assert.deepEqual(problems, []);
  await page.close();
});

test('keys: → steps, Space plays and pauses, R resets', async () => {
  const { page, problems } = await openLab();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await text(page, 'step-count'), '2');
  await page.keyboard.press('Space');
  assert.equal(await text(page, 'play'), 'Pause');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="step-count"]').textContent) > 5);
  await page.keyboard.press('Space');
  assert.equal(await text(page, 'play'), 'Play');
  await page.keyboard.press('r');
  assert.equal(await text(page, 'step-count'), '0');
  assert.deepEqual(problems, []);
  await page.close();
});

test('the article\'s cats and dogs come first, and another dataset can be picked', async () => {
  const { page, problems } = await openLab();
  assert.equal(await page.getByTestId('dataset-cats_dogs').getAttribute('aria-pressed'), 'true');
  assert.match(await text(page, 'cats-dogs-legend'), /dog/);
  await page.getByTestId('dataset-spiral').click();
  assert.equal(await page.getByTestId('dataset-spiral').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('dataset-cats_dogs').getAttribute('aria-pressed'), 'false');
  assert.equal(await page.getByTestId('cats-dogs-legend').count(), 0);
  for (let k = 0; k < 5; k++) await page.getByTestId('step').click();
  assert.equal(await text(page, 'step-count'), '5');
  assert.ok(!/NaN|Infinity/.test(await page.textContent('body')));
  assert.deepEqual(problems, []);
  await page.close();
});

test('a learning rate of 10 on the spiral: a notice that it is too large, training paused, no NaN', async () => {
  const { page, problems } = await openLab();
  await diverge(page);
  assert.match(await text(page, 'message'), /learning rate is too large/);
  assert.equal(await text(page, 'play'), 'Play', 'training paused');
  assert.ok(!/NaN|Infinity/.test(await page.content()), 'no NaN anywhere in the DOM');
  // One click back to the best weights of the run: the cost they had, and the notice gone.
  const back = await text(page, 'go-back');
  const best = Number(back.match(/cost (\d+\.\d+)/)[1]);
  await page.getByTestId('go-back').click();
  assert.equal(await page.getByTestId('message').count(), 0);
  assert.equal(Number(await text(page, 'train-cost')), best);
  assert.deepEqual(problems, []);
  await page.close();
});

test('a learner walks one sample through the five phases and sees the trace command\'s numbers', async () => {
  const { page, problems, foreign } = await openLab();
  await page.getByTestId('next-sample').click();
  await page.getByTestId('next-sample').click();

  // The model as the page saves it, and the chosen sample, through the trace command.
  await page.getByTestId('save-model').click();
  const href = await page.getByTestId('save-model').getAttribute('href');
  const model = JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)));
  const dir = mkdtempSync(`${tmpdir()}/backprop-lab-`);
  writeFileSync(`${dir}/model.json`, JSON.stringify(model));
  const sample = page.getByTestId('sample');
  const [x, y] = [await sample.getAttribute('data-x'), await sample.getAttribute('data-y')];
  const trace = JSON.parse(
    execFileSync('cargo', ['run', '--quiet', '--bin', 'trace', '--', `${dir}/model.json`, '--x', x, '--y', y], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  );
  const data = (id, key) => page.getByTestId(id).getAttribute(`data-${key}`).then(Number);
  const phase = async () => page.getByTestId('phase-name').getAttribute('data-phase');
  const next = () => page.getByTestId('phase-next').click();
  const layers = model.layers;

  await next();
  assert.equal(await phase(), 'initialise');
  assert.equal(await page.locator('.neuron-value').count(), 0, 'nothing has fired yet');
  assert.equal(await page.getByTestId('sample-loss').count(), 0, 'nor is there a loss yet');

  await next();
  assert.equal(await phase(), 'forward');
  for (let l = 1; l < layers.length; l++) {
    for (let j = 0; j < layers[l]; j++) {
      const id = `neuron-${l}-${j}`;
      assert.equal(await data(id, 'z'), trace.forward[l - 1].z[j], `${id} z`);
      assert.equal(await data(id, 'a'), trace.forward[l - 1].a[j], `${id} a`);
      // Every number under a neuron says what it is: here its activation a.
      const written = await page.getByTestId(id).locator('.neuron-value').textContent();
      assert.ok(written.startsWith('a '), `${id} writes "${written}"`);
      const shown = Number(written.slice(2).replace('−', '-'));
      assert.ok(Math.abs(shown - trace.forward[l - 1].a[j]) <= 0.005 + 1e-12, `${id} shows ${shown}`);
    }
  }
  assert.equal(await page.getByTestId('sample-loss').count(), 0, 'the loss comes in ③, not before');
  const out = trace.forward[layers.length - 2].a[0];
  assert.ok((await text(page, 'formulas')).replaceAll('−', '-').includes(`= ${out.toFixed(3)}`), 'the output in the formula');

  await next();
  assert.equal(await phase(), 'loss');
  assert.equal(await data('sample-loss', 'value'), trace.loss);
  assert.ok((await text(page, 'formulas')).includes(`= ${trace.loss.toFixed(3)}`), 'the loss in the formula');

  await next();
  assert.equal(await phase(), 'backward');
  for (let l = 1; l < layers.length; l++) {
    for (let j = 0; j < layers[l]; j++) {
      const id = `neuron-${l}-${j}`;
      assert.equal(await data(id, 'delta'), trace.backward[l - 1].delta[j], `${id} δ`);
      // On the backward pass the number is the neuron's error δ, and says so.
      const written = await page.getByTestId(id).locator('.neuron-value').textContent();
      assert.ok(written.startsWith('δ '), `${id} writes "${written}"`);
      const shown = Number(written.slice(2).replace('−', '-'));
      assert.ok(Math.abs(shown - trace.backward[l - 1].delta[j]) <= 0.0005 + 1e-12, `${id} shows δ ${shown}`);
      for (let i = 0; i < layers[l - 1]; i++) {
        assert.equal(await data(`edge-${l - 1}-${i}-${j}`, 'grad'), trace.backward[l - 1].dw[j][i], `∂L/∂w ${l - 1}-${i}-${j}`);
      }
    }
  }
  await page.screenshot({ path: `${SHOTS}/walk-backward-en.png` });

  await next();
  assert.equal(await phase(), 'update');
  assert.equal(await text(page, 'step-count'), '1', 'the update is a training step on this sample');
  const eta = model.learning_rate;
  for (let l = 1; l < layers.length; l++) {
    for (let j = 0; j < layers[l]; j++) {
      for (let i = 0; i < layers[l - 1]; i++) {
        const expected = model.weights[l - 1][j][i] - eta * trace.backward[l - 1].dw[j][i];
        assert.equal(await data(`edge-${l - 1}-${i}-${j}`, 'weight'), expected, `w ${l - 1}-${i}-${j} ← w − η·∂L/∂w`);
        // ⑤ shows how far each line moved: Δw = new − old.
        const moved = await data(`edge-${l - 1}-${i}-${j}`, 'change');
        assert.ok(Math.abs(moved - (expected - model.weights[l - 1][j][i])) < 1e-12, `Δw ${l - 1}-${i}-${j}: ${moved}`);
      }
    }
  }
  await page.getByTestId('language').selectOption('zh-TW');
  assert.equal(await text(page, 'phase-name'), '⑤ 更新權重');
  await page.screenshot({ path: `${SHOTS}/walk-update-zh.png` });

  assert.match(await text(page, 'key-lines'), /如何|移動/);
  await next();
  assert.equal(await phase(), 'forward', 'and round again');
  assert.equal(await page.getByTestId('sample-loss').count(), 0, 'the new loss waits for ③');
  await next();
  assert.equal(await phase(), 'loss');
  assert.notEqual(await data('sample-loss', 'value'), trace.loss, 'with the new weights');
  assert.ok(!/NaN|Infinity/.test(await page.content()));
  assert.deepEqual(problems, []);
  assert.deepEqual(foreign, []);
  await page.close();
});

test('clicking a point of the output view lights the network up for that sample', async () => {
  const { page, problems } = await openLab();
  const canvas = page.getByTestId('boundary-canvas');
  const colours = await canvas.evaluate((c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let k = 0; k < data.length; k += 4) seen.add(`${data[k]},${data[k + 1]},${data[k + 2]}`);
    return { size: c.width * c.height, shades: seen.size };
  });
  assert.ok(colours.size >= 100 * 100 && colours.shades > 20, `the heatmap: ${JSON.stringify(colours)}`);
  assert.equal(await page.locator('[data-testid^="point-"]').count(), 200, 'every training point');
  assert.equal(await page.locator('[data-testid^="test-point-"]').count(), 50, 'every test point, hollow');

  const shades = () => page.$$eval('g.neuron circle', (cs) => cs.map((c) => c.getAttribute('fill')).join());
  const before = await shades();
  await page.getByTestId('point-17').click({ force: true });
  assert.match(await text(page, 'sample'), /#17\b/);
  assert.notEqual(await shades(), before, 'the neurons show the new sample');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a saved model opens again; a broken file gets a message and changes nothing', async () => {
  const { page, problems } = await openLab();
  await page.getByTestId('step').click();
  await page.getByTestId('save-model').click();
  const href = await page.getByTestId('save-model').getAttribute('href');
  const model = JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)));
  model.weights[0][0][0] = 1.25;
  const open = page.getByTestId('open-model');
  await open.setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(model)) });
  await page.waitForFunction(() => document.querySelector('[data-testid="edge-0-0-0"]').dataset.weight === '1.25');
  assert.equal(await text(page, 'step-count'), '0', 'a new run from the file\'s weights');
  assert.equal(await page.getByTestId('message').count(), 0);
  const opened = await weights(page);

  await open.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "format": "backprop-lab/model", ') });
  await page.getByTestId('message').waitFor();
  assert.match(await text(page, 'message'), /could not be used: the model file is not valid JSON/);
  assert.deepEqual(await weights(page), opened, 'the network is kept');
  assert.ok(!/NaN|Infinity/.test(await page.textContent('body')));
  assert.deepEqual(problems, []);
  await page.close();
});

test('on the loss surface a click places the start and the learning rate sets the length of the step', async () => {
  const { page, problems } = await openLab();
  await page.getByTestId('surface-function').selectOption('bowl');
  await scrollToDrawn(page, 'surface-contour');
  const map = page.getByTestId('surface-contour');
  const box = await map.boundingBox();
  await map.click({ position: { x: box.width * 0.3, y: box.height * 0.3 } });
  const at = async () => {
    const runner = page.getByTestId('surface-runner-0');
    return [Number(await runner.getAttribute('data-x')), Number(await runner.getAttribute('data-y'))];
  };
  const start = await at();
  assert.ok(start[0] < 0 && start[1] > 0, `the start is where the click was, up and to the left: ${start}`);
  assert.equal(await text(page, 'surface-steps-0'), '0');

  // On the bowl f = x² + y², so ∇f = 2θ and a step of plain gradient descent takes θ to (1 − 2η)·θ.
  await page.getByTestId('surface-rate-0').fill('-1'); // a log slider: η = 10⁻¹
  await page.getByTestId('surface-step').click();
  const first = await at();
  for (const k of [0, 1]) assert.ok(Math.abs(first[k] - 0.8 * start[k]) < 1e-12, `η = 0.1: ${first} from ${start}`);
  await page.getByTestId('surface-rate-0').fill('-2'); // η = 0.01, mid-run
  await page.getByTestId('surface-step').click();
  const second = await at();
  for (const k of [0, 1]) assert.ok(Math.abs(second[k] - 0.98 * first[k]) < 1e-12, `η = 0.01: ${second} from ${first}`);
  assert.equal(await text(page, 'surface-steps-0'), '2');
  await page.getByTestId('surface-3d').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/surface.png` });
  assert.ok(!/NaN|Infinity/.test(await page.textContent('body')));
  assert.deepEqual(problems, []);
  await page.close();
});
