// The coach: when training goes wrong in a way the explosion rule does not catch, the page says
// what it sees and the likely cause, in the page's language; a healthy run hears nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, SHOTS, recordProblems } from './lab.mjs';

const lab = servedLab();

/** A fresh page at the lab with this link fragment, recording errors. */
async function open(fragment, viewport = { width: 1280, height: 800 }) {
  const context = await lab.browser.newContext({ viewport });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}${fragment}`);
  await page.getByTestId('network').waitFor();
  return { page, problems, context };
}

/** Clicks "Epoch" `n` times, or until a message shows; the epochs trained. */
async function epochs(page, n) {
  for (let i = 0; i < n; i += 1) {
    await page.getByTestId('epoch').click();
    if (await page.getByTestId('message').count()) break;
  }
  return Number(await page.getByTestId('epoch-count').textContent().then((t) => t.match(/\d+/)[0]));
}

test('a tiny learning rate: after ten epochs at guessing level the coach names it, in English and Chinese', async () => {
  for (const [lang, words] of [
    ['en', /stayed near 0\.69\d, what guessing costs.*η = 1\.00e-5 is likely too small/],
    ['zh-TW', /和瞎猜一樣.*學習率 η = 1\.00e-5 對 .* 可能太小/],
  ]) {
    const { page, problems, context } = await open(`#lr=0.00001&lang=${lang}`);
    const trained = await epochs(page, 15);
    assert.ok(trained >= 10 && trained <= 12, `judged after ten whole epochs, not before: ${trained}`);
    assert.match(await page.getByTestId('coach').textContent(), words);
    assert.equal(await page.getByTestId('go-back').count(), 0, 'nothing better to go back to');
    await page.screenshot({ path: `${SHOTS}/coach-${lang}.png` });
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('ReLUs at a large rate die: the coach counts them and offers the best weights', async () => {
  const { page, problems, context } = await open('#act=relu,relu&opt=momentum&lr=3');
  await epochs(page, 40);
  const said = await page.getByTestId('coach').textContent();
  assert.match(said, /The cost is getting worse: [\d.]+ now, against [\d.]+ at its best\. \d of the 6 ReLU neurons are dead/);
  // Named, and ringed on the network: as many rings as the notice counts, each on a neuron it names.
  const dead = Number(said.match(/(\d) of the 6 ReLU/)[1]);
  const rings = await page.locator('.dead-ring').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.equal(rings.length, dead, `${rings}`);
  for (const ring of rings) {
    const [, layer, index] = ring.split('-').map(Number);
    assert.ok(said.includes(`neuron ${index + 1} of hidden ${layer}`), `${ring} named in: ${said}`);
  }
  await page.getByTestId('network').screenshot({ path: `${SHOTS}/coach-dead-relus.png` });
  await page.getByTestId('go-back').click();
  assert.equal(await page.locator('.dead-ring').count(), 0, 'the rings go with the notice');
  assert.equal(await page.getByTestId('message').count(), 0, 'going back takes the notice away');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the default run trains 30 epochs without a word from the coach', async () => {
  const { page, problems, context } = await open('', { width: 390, height: 844 });
  assert.equal(await epochs(page, 30), 30);
  assert.equal(await page.getByTestId('message').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
