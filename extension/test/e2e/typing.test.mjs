// A keystroke supersedes a check the engine has not started (shared/protocol.js lanes, engine/lanes.js). While the
// single-threaded engine is busy with a long reply, the agent types on with short pauses, each long enough to send a
// check; the engine host drops the checks typed past, and the underlines that come are the final text's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { openFixture, waitMarks, inOverlay } from './content-helpers.mjs';

let h;

before(async () => {
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

const superseded = async () => (await h.sendMessage({ type: 'sufler:engine-status' })).lanes?.superseded ?? 0;

test('typing on while the engine is busy: superseded checks never run, the underlines are the final text\'s', async () => {
  const f = await openFixture(h, 'textarea');
  await f.locator.click();
  const dropped = await superseded();
  // Long replies checked from an extension page (no lane) keep the engine busy for as long as the agent types: six
  // loops, so long checks always wait in the engine's queue ahead of the field's (each takes 0.1–0.4 s here).
  const long = 'Я не знаю, но мы гарантируем 100% прохождение таможни. '.repeat(4000);
  let typing = true;
  const statuses = [];
  const loop = async () => {
    while (typing) statuses.push((await h.engineCall('POST', '/v1/check', { text: long })).status);
  };
  const busy = Promise.all([1, 2, 3, 4, 5, 6].map(loop));
  await f.page.waitForTimeout(50);
  const parts = ['Добрый день.', ' Я не знаю,', ' но мы', ' гарантируем', ' 100% прохождение таможни'];
  for (const p of parts) {
    await f.page.keyboard.type(p, { delay: 5 });
    await f.page.waitForTimeout(220); // longer than the check's debounce (content/flags.js DELAY): a check is sent
  }
  typing = false;
  await busy;
  assert.ok(statuses.length >= 2 && statuses.every((s) => s === 200), `the long checks answered: ${statuses}`);
  const text = parts.join('');
  // The findings are the engine's for the segment the badge shows (a page may lead to one).
  const segment = await inOverlay(f.page.mainFrame(), (roots) => {
    for (const root of roots) {
      const b = root.querySelector('[data-sufler-badge]');
      if (b) return b.dataset.segment ?? '';
    }
    return '';
  });
  const want = (await h.engineCall('POST', '/v1/check', { text, segment })).body.findings.map((x) => `${x.rule}@${x.start}-${x.end}`).sort();
  assert.ok(want.length >= 2, `the engine flags the final text: ${want}`);
  const got = await waitMarks(f.frame, (ms, w) => ms.map((m) => `${m.rule}@${m.start}-${m.end}`).sort().join() === w.join(), want, 30_000);
  assert.deepEqual(got.map((m) => `${m.rule}@${m.start}-${m.end}`).sort(), want);
  const n = (await superseded()) - dropped;
  console.log(`# checks superseded before the engine ran them: ${n}`);
  assert.ok(n >= 1, 'at least one check the agent typed past never reached the engine');
});
