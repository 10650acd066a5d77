// Classroom mode: a teacher's link hides what a class does not need (`hide=…`) or names a preset
// (`view=…`); the focused page still works, its hidden buttons' keys do nothing, nothing scrolls
// sideways, and the Classroom view control makes such a link without typing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, SHOTS, recordProblems } from './lab.mjs';

const lab = servedLab();

/** A page in a fresh browser profile at `hash`, `width` × `height`, recording errors. */
async function open(hash, width = 1280, height = 800) {
  const context = await lab.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(`${lab.server.url}${hash}`);
  await page.locator('h1').waitFor();
  // The app has drawn once the heading and the URL's settings are in place.
  await page.waitForFunction(() => location.hash.includes('&view='));
  return { page, problems, context };
}

/** How many of each test id the page has. */
const counts = (page, ids) =>
  page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, document.querySelectorAll(`[data-testid="${id}"]`).length])), ids);

/** How far the page scrolls sideways, in CSS pixels. */
const sideways = (page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth);

/** Every weight as the page holds it. */
const weights = (page) => page.$$eval('line.edge-line', (lines) => lines.map((l) => l.getAttribute('data-weight')));

/** No panel of the page is empty: each has more than its heading. */
const emptyPanels = (page) =>
  page.$$eval('.lab > *, .main-col > *, .side-col > *', (els) =>
    els.filter((el) => el.getBoundingClientRect().height < 24 && !el.matches('.notice')).map((el) => el.className));

test('#view=network-step: only the network and Step; Step trains, Space and R do nothing', async () => {
  const { page, problems, context } = await open('#view=network-step');
  const seen = await counts(page, ['network', 'step', 'step-count', 'phase-next', 'play', 'epoch', 'reset', 'learning-rate',
    'more-settings', 'boundary', 'cost-chart', 'narration', 'real-surface', 'surface-lab', 'save-model', 'copy-link', 'add-layer']);
  assert.deepEqual(seen, {
    network: 1, step: 1, 'step-count': 1, 'phase-next': 0, play: 0, epoch: 0, reset: 0, 'learning-rate': 0,
    'more-settings': 0, boundary: 0, 'cost-chart': 0, narration: 0, 'real-surface': 0, 'surface-lab': 0,
    'save-model': 0, 'copy-link': 0, 'add-layer': 0,
  });
  const before = await weights(page);
  for (let k = 0; k < 3; k++) await page.getByTestId('step').click();
  assert.equal(await page.getByTestId('step-count').textContent(), '3');
  assert.notDeepEqual(await weights(page), before, 'Step changes the weights');
  // Play and Reset are hidden: their keys do nothing. → is Step's key and still takes a step.
  await page.locator('h1').click();
  await page.keyboard.press('Space');
  await page.keyboard.press('r');
  await page.waitForTimeout(400);
  assert.equal(await page.getByTestId('step-count').textContent(), '3', 'neither played nor reset');
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('step-count').textContent(), '4');
  assert.equal(await sideways(page), 0);
  assert.deepEqual(await emptyPanels(page), []);
  await page.screenshot({ path: `${SHOTS}/classroom-network-step.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await sideways(page), 0, 'nor on a phone');
  await page.screenshot({ path: `${SHOTS}/classroom-network-step-phone.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('#view=walk: Next phase walks through one sample; Step and Play are hidden and their keys do nothing', async () => {
  const { page, problems, context } = await open('#view=walk', 390, 844);
  const seen = await counts(page, ['network', 'phase-next', 'boundary', 'narration', 'step', 'play', 'epoch', 'cost-chart', 'surface-lab']);
  assert.deepEqual(seen, { network: 1, 'phase-next': 1, boundary: 1, narration: 1, step: 0, play: 0, epoch: 0, 'cost-chart': 0, 'surface-lab': 0 });
  await page.locator('h1').click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Space');
  await page.waitForTimeout(300);
  assert.equal(await page.getByTestId('step-count').textContent(), '0', 'no step, no play');
  const before = await weights(page);
  const phases = [];
  for (let k = 0; k < 5; k++) {
    await page.getByTestId('phase-next').click();
    phases.push(await page.getByTestId('phase-name').getAttribute('data-phase'));
  }
  assert.equal(new Set(phases).size, 5, `five phases: ${phases}`);
  assert.notDeepEqual(await weights(page), before, 'the update phase changes the weights');
  assert.equal(await sideways(page), 0);
  assert.deepEqual(await emptyPanels(page), []);
  await page.screenshot({ path: `${SHOTS}/classroom-walk-phone.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  assert.equal(await sideways(page), 0);
  await page.screenshot({ path: `${SHOTS}/classroom-walk.png`, fullPage: true });
  assert.deepEqual(problems, []);
  await context.close();
});

test('#view=surface: the loss surface alone, and it still steps', async () => {
  const { page, problems, context } = await open('#view=surface');
  const seen = await counts(page, ['surface-lab', 'network', 'step', 'step-count', 'boundary', 'narration', 'more-settings', 'classroom']);
  assert.deepEqual(seen, { 'surface-lab': 1, network: 0, step: 0, 'step-count': 0, boundary: 0, narration: 0, 'more-settings': 0, classroom: 1 });
  assert.equal(await page.locator('section.controls').count(), 0, 'no empty row of controls');
  await page.getByTestId('surface-step').click();
  assert.equal(await page.getByTestId('surface-steps-0').textContent(), '1');
  assert.equal(await sideways(page), 0);
  await page.screenshot({ path: `${SHOTS}/classroom-surface.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  assert.equal(await sideways(page), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a hide= key hides its control; a bad part name is named in the message', async () => {
  const { page, problems, context } = await open('#hide=play,chart');
  assert.deepEqual(await counts(page, ['play', 'cost-chart', 'step', 'boundary']), { play: 0, 'cost-chart': 0, step: 1, boundary: 1 });
  assert.match(page.url(), /&view=custom&hide=play,chart$/);
  assert.deepEqual(problems, []);
  await context.close();
  const bad = await open('#hide=play,blackboard');
  await bad.page.getByTestId('message').waitFor();
  assert.match(await bad.page.getByTestId('message').textContent(), /“hide” cannot be “blackboard”/);
  assert.equal(await bad.page.getByTestId('play').count(), 1, 'a list with a bad name hides nothing');
  assert.deepEqual(bad.problems, []);
  await bad.context.close();
});

test('the Classroom view control changes the page and the address', async () => {
  const { page, problems, context } = await open('');
  const more = page.getByTestId('more-settings');
  if (!(await more.evaluate((d) => d.open))) await more.locator('summary').click();
  const classroom = page.getByTestId('classroom');
  await classroom.locator('summary').click();
  await page.getByTestId('show-play').uncheck();
  assert.equal(await page.getByTestId('play').count(), 0);
  assert.match(page.url(), /&view=custom&hide=play$/);
  await page.getByTestId('show-play').check();
  assert.match(page.url(), /&view=all&hide=$/);
  // A preset hides More settings: the control stays, open, under the network.
  await page.getByTestId('view-walk').click();
  assert.match(page.url(), /&view=walk&hide=files,link,step,/);
  assert.equal(await page.getByTestId('step').count(), 0);
  assert.equal(await page.getByTestId('more-settings').count(), 0);
  assert.equal(await page.getByTestId('view-walk').getAttribute('aria-pressed'), 'true');
  await page.screenshot({ path: `${SHOTS}/classroom-control.png`, fullPage: true });
  await page.getByTestId('view-all').click();
  assert.equal(await page.getByTestId('step').count(), 1);
  assert.equal(await page.getByTestId('more-settings').count(), 1);
  assert.match(page.url(), /&view=all&hide=$/);
  assert.deepEqual(problems, []);
  await context.close();
});
