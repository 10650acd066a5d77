// The page keeps its promises when things go wrong: a Content-Security-Policy that lets nothing
// but the lab's own files run and load, and a panic inside the lab shows a banner that brings it
// back with the defaults, in the page's language, instead of leaving a dead page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { servedLab, recordProblems } from './lab.mjs';

const lab = servedLab();

/** The page, recording console errors, page errors and CSP violations. */
async function open() {
  const page = await lab.browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = recordProblems(page);
  await page.addInitScript(() => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(lab.server.url);
  await page.getByTestId('network').waitFor();
  return { page, problems };
}

test('the page runs under its Content-Security-Policy: no inline script but its own, no violation while training', async () => {
  const { page, problems } = await open();
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*'/);
  assert.doesNotMatch(policy, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  assert.match(policy, /connect-src 'self'/);
  // A script that is not the lab's is refused.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.injected = true';
    document.body.append(s);
    return window.injected === true;
  });
  assert.equal(ran, false, 'an injected inline script does not run');
  const injected = await page.evaluate(() => window.violations.splice(0));
  assert.deepEqual(injected, ['script-src-elem inline'], 'and is reported as a violation');
  // The lab itself works: training, the maps, the charts, saving a model.
  await page.getByTestId('play').click();
  await page.waitForTimeout(1500);
  await page.getByTestId('play').click();
  assert.notEqual(await page.getByTestId('epoch-count').textContent(), '0');
  await page.getByTestId('step').click();
  assert.deepEqual(await page.evaluate(() => window.violations), [], 'the lab itself breaks no rule');
  // The console's one complaint is the refused script.
  assert.deepEqual(problems.filter((p) => !/Content Security Policy/.test(p)), []);
  assert.equal(problems.length, 1);
  await page.close();
});

test('a panic shows a banner in the page\'s language whose link reloads the lab with the defaults', async () => {
  const { page } = await open();
  await page.getByTestId('language').selectOption('zh-TW');
  await page.getByTestId('more-settings').locator('summary').click();
  // The details element's toggle event, which stores it, comes after the click.
  await page.waitForFunction(() => localStorage.getItem('backprop-lab.more-settings') === 'open');
  await page.evaluate(() => {
    try {
      window.wasmBindings.crashForTest();
    } catch {
      // The wasm traps after the hook has run: that is the failure being simulated.
    }
  });
  const banner = page.getByTestId('crash');
  await banner.waitFor();
  assert.equal(await banner.getAttribute('role'), 'alert');
  assert.match(await banner.textContent(), /實驗室內部出了錯/);
  assert.match(await page.getByTestId('crash-details').textContent(), /a test asked the lab to fail/);
  const box = await banner.boundingBox();
  assert.ok(box.y < 50 && box.height > 0, `the banner is at the top of the screen: ${JSON.stringify(box)}`);
  await page.getByTestId('crash-reload').click();
  await page.getByTestId('network').waitFor();
  assert.equal(await page.getByTestId('crash').count(), 0, 'the lab is back, without the banner');
  assert.equal(new URL(page.url()).search, '', 'the address is clean again');
  assert.equal(await page.evaluate(() => localStorage.getItem('backprop-lab.more-settings')), null, 'nothing remembered');
  assert.equal(await page.getByTestId('more-settings').evaluate((d) => d.open), false);
  await page.getByTestId('step').click();
  assert.equal(await page.getByTestId('step-count').textContent(), '1', 'and it answers');
  await page.close();
});
