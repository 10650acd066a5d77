// A teacher shares the lab: Copy link puts every setting and the seed in a link; the link opened
// in a fresh browser gives the same lab and, after the same clicks, the same weights; a broken
// link still opens, with a message; a reload comes back to the last settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, recordProblems } from './lab.mjs';

const lab = servedLab();

/** A page in a fresh browser profile (nothing kept), at `url`, recording errors. */
async function fresh(url, permissions = []) {
  const context = await lab.browser.newContext({ viewport: { width: 1280, height: 800 } });
  if (permissions.length) await context.grantPermissions(permissions, { origin: lab.server.url });
  const page = await context.newPage();
  const problems = recordProblems(page);
  await page.goto(url);
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

test('Copy link, then the link in a fresh browser: the same settings and, after 20 steps, the same weights', async () => {
  const teacher = await fresh(lab.server.url, ['clipboard-read', 'clipboard-write']);
  const { page } = teacher;
  await page.getByTestId('dataset-spiral').click();
  await unfold(page);
  await page.getByTestId('optimizer').selectOption({ label: 'Adam' });
  const rate = page.getByTestId('learning-rate-input');
  await rate.fill('0.03');
  await rate.press('Enter');
  await page.getByTestId('add-layer').click();
  await page.getByTestId('copy-link').click();
  await page.getByTestId('copy-link-note').filter({ hasText: 'Link copied' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(link, /#data=spiral&.*&seed=\d+&.*&net=4,2,2&.*&opt=adam&lr=0\.03&/);
  assert.equal(link, page.url(), 'the address holds the same link');
  for (let k = 0; k < 20; k++) await page.getByTestId('step').click();
  const taught = await weights(page);

  const learner = await fresh(link);
  const other = learner.page;
  assert.equal(await other.getByTestId('dataset-spiral').getAttribute('aria-pressed'), 'true');
  await unfold(other);
  const chosen = await other.getByTestId('optimizer').evaluate((menu) => menu.selectedOptions[0].textContent);
  assert.equal(chosen, 'Adam', 'the menu shows the link\'s optimizer');
  assert.equal(Number(await other.getByTestId('learning-rate-input').inputValue()), 0.03);
  assert.equal(await other.getByTestId('layer-count').textContent(), '3');
  for (let k = 0; k < 20; k++) await other.getByTestId('step').click();
  assert.deepEqual(await weights(other), taught, 'the same weights, digit for digit');
  assert.equal(await other.getByTestId('message').count(), 0);
  assert.deepEqual([...teacher.problems, ...learner.problems], []);
  await teacher.context.close();
  await learner.context.close();
});

test('a link with garbage opens the lab with the defaults for what it got wrong, and says which', async () => {
  const { page, problems, context } = await fresh(`${lab.server.url}#lr=abc&data=moons&colour=%ZZ&&=&${'x'.repeat(5000)}`);
  assert.equal(await page.getByTestId('dataset-moons').getAttribute('aria-pressed'), 'true', 'the good part is used');
  assert.equal(await page.getByTestId('learning-rate-input').inputValue(), '0.100', 'the bad part keeps its default');
  const message = await page.getByTestId('message').textContent();
  assert.match(message, /Parts of this link could not be used/);
  assert.match(message, /“lr” cannot be “abc”/);
  assert.ok(message.length < 400, `a short message, not the link echoed: ${message.length} characters`);
  // The address now holds the settings in use, whole.
  assert.match(page.url(), /#data=moons&.*&lr=0\.1&/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a reload comes back to the last settings and language; a new link in the address opens its own', async () => {
  const { page, problems, context } = await fresh(lab.server.url);
  await page.getByTestId('dataset-xor').click();
  await page.getByTestId('language').selectOption('zh-TW');
  // The learner sees the page in Chinese before reloading: by then the lab has kept its settings
  // (the page keeps them once it has drawn them; a reload at once could come before).
  await page.waitForFunction(() => document.documentElement.lang === 'zh-TW'
    && /data=xor.*lang=zh|lang=zh.*data=xor/.test(localStorage.getItem('backprop-lab.settings') ?? ''));
  // A reload from a bare address: the settings kept in the browser.
  await page.goto(lab.server.url);
  await page.getByTestId('network').waitFor();
  assert.equal(await page.getByTestId('dataset-xor').getAttribute('aria-pressed'), 'true');
  assert.equal(await page.getByTestId('language').inputValue(), 'zh-TW');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-TW');
  // An edited address (a hash change): the lab follows it without a reload.
  await page.evaluate(() => {
    location.hash = location.hash.replace('data=xor', 'data=circle');
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset-circle"]').getAttribute('aria-pressed') === 'true');
  assert.equal(await page.getByTestId('step-count').textContent(), '0');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a model saved with Adam, L2 and ReLU opens in a fresh browser with every menu showing them, λ = 0.7 too', async () => {
  const teacher = await fresh(lab.server.url);
  await unfold(teacher.page);
  await teacher.page.getByTestId('optimizer').selectOption({ label: 'Adam' });
  await teacher.page.getByTestId('regularization').selectOption({ label: 'L2' });
  await teacher.page.getByTestId('activation-0').selectOption({ label: 'ReLU' });
  await teacher.page.getByTestId('step').click();
  await teacher.page.getByTestId('save-model').click();
  const href = await teacher.page.getByTestId('save-model').getAttribute('href');
  const model = JSON.parse(decodeURIComponent(href.slice(href.indexOf(',') + 1)));
  assert.equal(model.optimizer, 'adam');
  // A rate no menu offers, as a file from elsewhere may hold.
  model.regularization_rate = 0.7;

  const learner = await fresh(lab.server.url);
  const { page } = learner;
  await unfold(page);
  const shown = (id) => page.getByTestId(id).evaluate((menu) => menu.selectedOptions[0].textContent);
  assert.match(await shown('optimizer'), /^SGD/, 'a fresh page starts at the defaults');
  await page.getByTestId('open-model').setInputFiles({
    name: 'model.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(model)),
  });
  await page.waitForFunction(() => {
    const menu = document.querySelector('[data-testid="optimizer"]');
    return menu.selectedOptions[0].textContent === 'Adam';
  });
  assert.equal(await shown('regularization'), 'L2');
  assert.equal(await shown('activation-0'), 'ReLU');
  assert.equal(Number(await shown('regularization-rate')), 0.7, 'the file\'s λ, not the nearest on the menu');
  assert.equal(await page.getByTestId('message').count(), 0);
  assert.deepEqual([...teacher.problems, ...learner.problems], []);
  await teacher.context.close();
  await learner.context.close();
});
