import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOffscreenEngine, OFFSCREEN_REASONS } from '../../src/background/offscreen-engine.js';
import { MSG } from '../../src/shared/messages.js';

const get = (path) => ({ type: MSG.api, method: 'GET', path });

/** A fake offscreen API: `answer(msg)` decides what the document replies. */
function fakeBrowser(answer) {
  const b = {
    exists: false,
    lookups: 0,
    created: 0,
    closed: 0,
    sent: [],
    async offscreenExists() { b.lookups++; return b.exists; },
    async createOffscreen(path, reasons) {
      assert.equal(path, 'offscreen.html');
      assert.deepEqual(reasons, OFFSCREEN_REASONS);
      await new Promise((r) => setTimeout(r, 5));
      b.created++;
      b.exists = true;
    },
    async closeOffscreen() { b.closed++; b.exists = false; },
    async sendMessage(msg) {
      b.sent.push(msg);
      if (!b.exists) throw new Error('Could not establish connection. Receiving end does not exist.');
      return answer(msg, b);
    },
  };
  return b;
}

test('creates the document on demand, once for concurrent requests', async () => {
  const b = fakeBrowser((m) => ({ status: 200, body: { path: m.path } }));
  const e = createOffscreenEngine(b);
  const [x, y] = await Promise.all([e.request(get('/v1/a')), e.request(get('/v1/b'))]);
  assert.deepEqual([x.body.path, y.body.path], ['/v1/a', '/v1/b']);
  assert.equal(b.created, 1);
});

test('each envelope goes to the document as it is, with no wrapper of another shape', async () => {
  const b = fakeBrowser(() => ({ status: 200, body: {} }));
  const e = createOffscreenEngine(b);
  const env = { type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' }, lane: '3.0|check:1', seq: 7 };
  await e.request(env);
  await e.cancel({ type: MSG.cancel, lane: '3.0|check:1', seq: 7 });
  await e.reload();
  await e.status();
  assert.deepEqual(b.sent, [env, { type: MSG.cancel, lane: '3.0|check:1', seq: 7 }, { type: MSG.reload }, { type: MSG.status }]);
});

test('the document\'s existence is remembered: requests after the first cost no lookup', async () => {
  const b = fakeBrowser(() => ({ status: 200, body: {} }));
  const e = createOffscreenEngine(b);
  for (let i = 0; i < 20; i++) assert.equal((await e.request(get('/v1/health'))).status, 200);
  await e.status();
  assert.equal(b.lookups, 1, 'one runtime.getContexts for the first request, none after');
  assert.equal(b.created, 1);
  // The document goes away (closed, crashed): the first failing send forgets it, the retry recreates it.
  b.exists = false;
  assert.equal((await e.request(get('/v1/health'))).status, 200);
  assert.equal(b.created, 2);
  const lookups = b.lookups;
  for (let i = 0; i < 5; i++) await e.request(get('/v1/health'));
  assert.equal(b.lookups, lookups, 'remembered again once recreated');
});

test('a document that is gone is recreated and the request retried once', async () => {
  const b = fakeBrowser(() => ({ status: 200, body: { ok: true } }));
  const e = createOffscreenEngine(b);
  await e.request(get('/v1/health'));
  // Something closed the document, but getContexts has not caught up yet (stale "exists").
  let first = true;
  const orig = b.sendMessage;
  b.sendMessage = async (m) => {
    if (first) { first = false; throw new Error('Receiving end does not exist.'); }
    return orig(m);
  };
  const r = await e.request(get('/v1/health'));
  assert.equal(r.status, 200);
  assert.equal(b.closed, 1);
  assert.equal(b.created, 2);
});

test('a silent document is recreated after the timeout', async () => {
  let hang = true;
  const b = fakeBrowser(() => (hang ? new Promise(() => {}) : { status: 200, body: {} }));
  const e = createOffscreenEngine(b, { timeoutMs: 30 });
  const orig = b.createOffscreen;
  b.createOffscreen = async (...a) => { if (b.created >= 1) hang = false; return orig(...a); };
  const r = await e.request(get('/v1/health'));
  assert.equal(r.status, 200);
  assert.equal(b.created, 2);
});

test('when the retry fails too, the caller gets a 503 with the reason', async () => {
  const b = fakeBrowser(() => undefined); // nobody answers
  const e = createOffscreenEngine(b, { timeoutMs: 50 });
  const r = await e.request(get('/v1/health'));
  assert.equal(r.status, 503);
  assert.match(r.body.error, /did not answer/);
  assert.equal(b.created, 2, 'one retry only');
});

test('concurrent failures share one restart', async () => {
  let broken = true;
  const b = fakeBrowser(() => (broken ? undefined : { status: 200, body: {} }));
  const e = createOffscreenEngine(b, { timeoutMs: 50 });
  await b.createOffscreen('offscreen.html', OFFSCREEN_REASONS);
  const orig = b.createOffscreen;
  b.createOffscreen = async (...a) => { broken = false; return orig(...a); };
  const rs = await Promise.all([1, 2, 3].map(() => e.request(get('/v1/health'))));
  assert.deepEqual(rs.map((r) => r.status), [200, 200, 200]);
  assert.equal(b.closed, 1);
});

test('status without a document does not create one', async () => {
  const b = fakeBrowser(() => ({ running: true }));
  const e = createOffscreenEngine(b);
  assert.deepEqual(await e.status(), { started: false, running: false, document: false });
  assert.equal(b.created, 0);
});
