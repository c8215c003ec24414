import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouter, checkApiMessage } from '../../src/background/router.js';
import { MSG } from '../../src/shared/messages.js';

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

function fakeEngine() {
  const calls = [];
  const pending = [];
  return {
    calls,
    pending,
    request(req) {
      calls.push(req);
      const d = deferred();
      pending.push(d);
      return d.promise;
    },
    reload: async () => ({ ok: true, applied: [] }),
    status: async () => ({ running: true }),
  };
}

test('checkApiMessage rejects bad methods, paths and bodies', () => {
  const cases = [
    [{ method: 'GET', path: '/v1/health' }, ''],
    [{ method: 'get', path: '/v1/search?q=a' }, ''],
    [{ method: 'PATCH', path: '/v1/health' }, 'method'],
    [{ method: 'GET', path: 'http://evil.example/v1/x' }, 'path'],
    [{ method: 'GET', path: '/v2/x' }, 'path'],
    [{ method: 'GET', path: '/v1/../secret' }, 'path'],
    [{ method: 'POST', path: '/v1/check', body: 42 }, 'body'],
    [{ method: 'POST', path: '/v1/check', body: '{"text":"x"}' }, ''],
    [{ method: 'POST', path: '/v1/check', body: { text: 'x' } }, ''],
  ];
  for (const [msg, want] of cases) {
    const got = checkApiMessage(msg);
    if (want) assert.match(got, new RegExp(want), JSON.stringify(msg));
    else assert.equal(got, '', JSON.stringify(msg));
  }
});

test('bad api messages get a 400 without reaching the engine', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}) });
  const reply = await r.handle({ type: MSG.api, method: 'GET', path: 'https://example.com/' }, {});
  assert.equal(reply.status, 400);
  assert.match(reply.body.error, /path/);
  assert.equal(engine.calls.length, 0);
});

test('identical GETs in flight are coalesced; POSTs are not', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}) });
  const a = r.handle({ type: MSG.api, method: 'GET', path: '/v1/segments' }, {});
  const b = r.handle({ type: MSG.api, method: 'GET', path: '/v1/segments' }, {});
  const c = r.handle({ type: MSG.api, method: 'GET', path: '/v1/packs' }, {});
  const d = r.handle({ type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' } }, {});
  const e = r.handle({ type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' } }, {});
  assert.equal(engine.calls.length, 4, 'segments once, packs once, two checks');
  assert.equal(r.inflightCount(), 2);
  engine.pending[0].resolve({ status: 200, body: { segments: [] } });
  assert.deepEqual(await a, { status: 200, body: { segments: [] } });
  assert.deepEqual(await b, await a);
  for (const p of engine.pending.slice(1)) p.resolve({ status: 200, body: {} });
  await Promise.all([c, d, e]);
  assert.equal(r.inflightCount(), 0);
  r.handle({ type: MSG.api, method: 'GET', path: '/v1/segments' }, {});
  assert.equal(engine.calls.length, 5, 'a finished GET is asked again');
});

test('messages that are not the background\'s are left alone', () => {
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({ disabled: ['x'], custom: {} }) });
  assert.equal(r.handle(null, {}), undefined);
  assert.equal(r.handle('text', {}), undefined);
  assert.equal(r.handle({ type: 'other' }, {}), undefined);
  assert.equal(r.handle({ type: MSG.api, target: 'sufler-offscreen' }, {}), undefined);
  assert.equal(r.handle({ type: MSG.insert, text: 'x' }, {}), undefined);
});

test('engine config is answered to extension pages only', async () => {
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({ disabled: ['x'], custom: {} }) });
  assert.equal(r.handle({ type: MSG.engineConfig }, { tab: { id: 3 } }), undefined);
  assert.deepEqual(await r.handle({ type: MSG.engineConfig }, { id: 'ext' }), { disabled: ['x'], custom: {} });
});

test('reload and status go to the engine', async () => {
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({}) });
  assert.deepEqual(await r.handle({ type: MSG.reload }, {}), { ok: true, applied: [] });
  assert.deepEqual(await r.handle({ type: MSG.status }, {}), { running: true });
});
