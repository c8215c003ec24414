// Pack operations and pack loads on the one protocol: the PacksEnvelope goes through the router, the offscreen hop and
// the offscreen document's handler as it is, and every hop gives a pack load its longer timeout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouter } from '../../src/background/router.js';
import { createOffscreenEngine } from '../../src/background/offscreen-engine.js';
import { createOffscreenHandler } from '../../src/offscreen/handler.js';
import { createClient, loadsPacks, EngineUnavailable } from '../../src/shared/protocol.js';
import { MSG } from '../../src/shared/messages.js';

const ORIGIN = 'chrome-extension://abc/';
const PAGE = { id: 'abc', url: `${ORIGIN}options.html` };
const SW = { id: 'abc', url: `${ORIGIN}background.js` };
const CONTENT = { id: 'abc', url: 'https://helpdesk.example.com/t/1', tab: { id: 3 }, frameId: 0 };

test('the client sends a pack operation as a PacksEnvelope and reads the engine\'s limits', async () => {
  const sent = [];
  const client = createClient(async (msg) => {
    sent.push(msg);
    if (msg.type === MSG.packs) return { ok: true, packs: [] };
    return msg.path === '/v1/limits' ? { status: 200, body: { packMaxBytes: 5 } } : { status: 503, body: { error: 'x' } };
  });
  assert.deepEqual(await client.packs({ op: 'list' }), { ok: true, packs: [] });
  assert.deepEqual(sent[0], { op: 'list', type: MSG.packs });
  assert.deepEqual(await client.limits(), { packMaxBytes: 5 });
  assert.deepEqual(sent[1], { type: MSG.api, method: 'GET', path: '/v1/limits' });
  const down = createClient(async () => ({ status: 503, body: { error: 'starting' } }));
  await assert.rejects(down.limits(), EngineUnavailable);
  await assert.rejects(down.packs({ op: 'list' }), EngineUnavailable, 'an answer without ok is no answer');
});

test('the router passes on only a pack operation\'s own fields, and only from Sufler\'s pages', async () => {
  const seen = [];
  const engine = { packs: async (env) => { seen.push(env); return { ok: true }; } };
  const router = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN });
  await router.handle({ type: MSG.packs, op: 'toggle', id: 7, on: 'yes', method: 'PUT', path: '/v1/x', binary: true }, PAGE);
  assert.deepEqual(seen, [{ type: MSG.packs, op: 'toggle', id: '7', on: false }]);
  assert.equal((await router.handle({ type: MSG.packs, op: 'list' }, CONTENT)).status, 403);
  assert.equal(seen.length, 1);
});

test('the offscreen hop passes the envelope on as it is and waits longer for pack loads than for checks', async () => {
  const sent = [];
  let created = 0;
  let exists = false;
  const b = {
    offscreenExists: async () => exists,
    createOffscreen: async () => { created++; exists = true; },
    closeOffscreen: async () => { exists = false; },
    // Every answer takes 60 ms: longer than timeoutMs, shorter than packTimeoutMs.
    sendMessage: (msg) => { sent.push(msg); return new Promise((r) => setTimeout(() => r(msg.type === MSG.packs ? { ok: true } : { status: 200, body: {} }), 60)); },
  };
  const e = createOffscreenEngine(b, { timeoutMs: 20, packTimeoutMs: 2_000 });
  const op = { type: MSG.packs, op: 'import', text: '{"id":"x"}' };
  assert.deepEqual(await e.packs(op), { ok: true });
  const put = { type: MSG.api, method: 'PUT', path: '/v1/hub', body: { files: {} } };
  assert.equal((await e.request(put)).status, 200);
  assert.deepEqual(sent, [op, put], 'no wrapper, no retry: the slow pack loads were waited for');
  assert.equal(created, 1);
  const check = await e.request({ type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' } });
  assert.equal(check.status, 503, 'a check that slow is taken for a dead document');
});

test('the offscreen document carries out pack operations for the service worker only', async () => {
  const seen = [];
  const host = { packs: async (env) => { seen.push(env); return { ok: true }; } };
  const handle = createOffscreenHandler(host, SW.url);
  const op = { type: MSG.packs, op: 'remove', id: 'mine' };
  for (const sender of [CONTENT, PAGE, {}, undefined]) assert.equal(handle(op, sender), undefined);
  assert.deepEqual(await handle(op, SW), { ok: true });
  assert.deepEqual(seen, [op]);
});

test('loadsPacks: pack and hub loads, nothing else', () => {
  const yes = [['PUT', '/v1/packs/x'], ['PUT', '/v1/packs/x?builtin=on'], ['POST', '/v1/packs'], ['PUT', '/v1/hub']];
  const no = [['GET', '/v1/packs'], ['DELETE', '/v1/packs/x'], ['POST', '/v1/check'], ['GET', '/v1/hub'], ['DELETE', '/v1/hub'], ['GET', '/v1/packs/x/image']];
  for (const [method, path] of yes) assert.equal(loadsPacks({ method, path }), true, `${method} ${path}`);
  for (const [method, path] of no) assert.equal(loadsPacks({ method, path }), false, `${method} ${path}`);
});
