// Firefox stops an idle event page after 30 s, and the engine (a Worker of the event page) goes with it. The next
// request wakes the page, which starts the engine again with the packs from settings. This test waits until the event
// page is really stopped, then measures the first answer after it wakes (printed, never asserted: 2-core noisy
// machine) and checks that the woken engine has the agent's custom pack again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { launch, BROWSER, skipIn } from './harness.mjs';

const GOOD = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'packs', 'flower-shop.json'), 'utf8');
const FIREFOX_ONLY = skipIn('chromium', 'Chromium’s engine lives in the offscreen document, which outlives the service worker (recovery.test.mjs)');
let h;

before(async () => {
  if (BROWSER !== 'firefox') return;
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

// Whether the event page runs now. Asked from an extension page with extension.getBackgroundPage(), which does not
// wake the event page (runtime.getBackgroundPage() would) and sends it no event that resets its idle timer.
const running = () => h.extensionEval(() => chrome.extension.getBackgroundPage() !== null);

test('the first engine answer after the event page woke from idle', FIREFOX_ONLY, async () => {
  // The agent's own pack, saved as an earlier version saved it (storage.local): the woken background moves it to the
  // extension's IndexedDB (src/shared/pack-store.js) and applies it from there.
  assert.equal((await h.engineCall('PUT', '/v1/packs/flower-shop', GOOD)).status, 200);
  await h.extensionEval((json) => chrome.storage.local.set({ packs: { disabled: [], custom: { 'flower-shop': json } } }), GOOD);
  assert.equal(await running(), true);

  const t0 = Date.now();
  while (await running()) {
    assert.ok(Date.now() - t0 < 90_000, 'the idle event page is stopped within 90 s');
    await sleep(1000);
  }
  const idle = Date.now() - t0;

  const t1 = Date.now();
  const check = await h.engineCall('POST', '/v1/check', { text: 'Я не знаю, но мы гарантируем 100% прохождение таможни' });
  const first = Date.now() - t1;
  assert.equal(check.status, 200, JSON.stringify(check.body));
  assert.ok(check.body.findings.length >= 2, 'the woken engine flags the sentence');
  assert.equal(await running(), true, 'the request woke the event page');
  await h.waitForEngine();
  const ready = Date.now() - t1;
  const q = `/v1/search?q=${encodeURIComponent('букет завял')}&limit=3`;
  const s = await h.engineCall('GET', q);
  assert.equal(s.body.hits[0]?.pack, 'flower-shop', 'the custom pack from settings is back after the wake-up');
  console.log(`Firefox: event page stopped after ${(idle / 1000).toFixed(0)} s idle (polled every 1 s); first /v1/check answer after the wake-up ${first} ms, search index ready ${ready} ms`);
});
