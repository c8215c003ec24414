// Killing the engine: the offscreen document is closed behind the extension's back, and the
// next request brings it back — with the packs from settings applied again. Chromium only: in Firefox the engine
// lives in the event page, whose stop after idle and wake-up wake.test.mjs drives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, BROWSER, skipIn } from './harness.mjs';

const GOOD = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'packs', 'flower-shop.json'), 'utf8');
const Q = `/v1/search?q=${encodeURIComponent('букет завял')}&limit=3`;
let h;

const CHROMIUM_ONLY = skipIn('firefox', 'no offscreen document or service worker in Firefox: the event page hosts the engine (wake.test.mjs)');

before(async () => {
  if (BROWSER !== 'chromium') return;
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

const offscreenCount = () => h.serviceWorker.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);

test('closing the offscreen document: the next request recreates it and answers', CHROMIUM_ONLY, async () => {
  assert.equal(await offscreenCount(), 1);
  await h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
  assert.equal(await offscreenCount(), 0, 'the engine is gone');
  const r = await h.engineCall('GET', '/v1/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.ok, true);
  assert.equal(await offscreenCount(), 1, 'one document again');
  const s = await h.engineCall('GET', `/v1/search?q=${encodeURIComponent('груз задержали')}&limit=1`);
  assert.equal(s.status, 200);
  assert.equal(s.body.hits.length, 1);
});

test('a restarted engine gets the packs from settings again', CHROMIUM_ONLY, async () => {
  const put = await h.engineCall('PUT', '/v1/packs/flower-shop', GOOD);
  assert.equal(put.status, 200);
  // Save like the options page does, and disable a built-in pack too.
  await h.serviceWorker.evaluate((json) => chrome.storage.local.set({ packs: { disabled: ['insurance-service'], custom: { 'flower-shop': json } } }), GOOD);
  await h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
  const r = await h.engineCall('GET', Q);
  assert.equal(r.status, 200);
  assert.equal(r.body.hits[0]?.pack, 'flower-shop');
  const packs = (await h.engineCall('GET', '/v1/packs')).body.packs.map((p) => p.id).sort();
  assert.deepEqual(packs, ['flower-shop', 'prove-customs']);
  const st = await h.sendMessage({ type: 'sufler:engine-status' });
  assert.deepEqual(st.applied.map((a) => [a.id, a.op, a.ok]), [['insurance-service', 'disable', true], ['flower-shop', 'custom', true]]);
});

test('requests racing a kill all get answers, from one new document', CHROMIUM_ONLY, async () => {
  await h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
  const paths = ['/v1/health', '/v1/segments', '/v1/packs', Q, '/v1/health'];
  const rs = await Promise.all(paths.map((p) => h.engineCall('GET', p)));
  assert.deepEqual(rs.map((r) => r.status), [200, 200, 200, 200, 200]);
  assert.equal(await offscreenCount(), 1);
});

test('the engine survives the service worker being stopped', CHROMIUM_ONLY, async () => {
  // Stop the service worker the way Chromium does after 30 s idle; the document stays.
  const cdp = await h.context.newCDPSession(await h.newPage());
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const r = await h.engineCall('GET', Q);
  assert.equal(r.status, 200);
  assert.equal(r.body.hits[0]?.pack, 'flower-shop', 'same engine, custom pack still there');
  assert.equal(await offscreenCount(), 1);
});
