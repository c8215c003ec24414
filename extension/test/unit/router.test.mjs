import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRouter, checkApiMessage, senderKind, contentMayCall } from '../../src/background/router.js';
import { createOffscreenHandler } from '../../src/offscreen/handler.js';
import { MSG } from '../../src/shared/messages.js';

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

const ORIGIN = 'chrome-extension://abc/';
const PAGE = { id: 'abc', url: `${ORIGIN}options.html`, tab: { id: 7 } }; // the options page, open in a tab
const POPUP = { id: 'abc', url: `${ORIGIN}popup.html` };
const OFFSCREEN = { id: 'abc', url: `${ORIGIN}offscreen.html` };
const CONTENT = { id: 'abc', url: 'https://helpdesk.example.com/ticket/1', tab: { id: 3 }, frameId: 0 };

function fakeEngine() {
  const calls = [];
  const pending = [];
  const cancels = [];
  return {
    calls,
    pending,
    cancels,
    cancel(env) { cancels.push(env); return { ok: true }; },
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
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN });
  const reply = await r.handle({ type: MSG.api, method: 'GET', path: 'https://example.com/' }, {});
  assert.equal(reply.status, 400);
  assert.match(reply.body.error, /path/);
  assert.equal(engine.calls.length, 0);
});

test('identical GETs in flight are coalesced; POSTs are not', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN });
  const a = r.handle({ type: MSG.api, method: 'GET', path: '/v1/segments' }, CONTENT);
  const b = r.handle({ type: MSG.api, method: 'GET', path: '/v1/segments' }, CONTENT);
  const c = r.handle({ type: MSG.api, method: 'GET', path: '/v1/packs' }, POPUP);
  const d = r.handle({ type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' } }, CONTENT);
  const e = r.handle({ type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' } }, CONTENT);
  assert.equal(engine.calls.length, 4, 'segments once, packs once, two checks');
  assert.equal(r.inflightCount(), 2);
  engine.pending[0].resolve({ status: 200, body: { segments: [] } });
  assert.deepEqual(await a, { status: 200, body: { segments: [] } });
  assert.deepEqual(await b, await a);
  for (const p of engine.pending.slice(1)) p.resolve({ status: 200, body: {} });
  await Promise.all([c, d, e]);
  assert.equal(r.inflightCount(), 0);
  r.handle({ type: MSG.api, method: 'GET', path: '/v1/segments' }, CONTENT);
  assert.equal(engine.calls.length, 5, 'a finished GET is asked again');
});

test('messages that are not the background\'s are left alone', () => {
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({ disabled: ['x'], custom: {} }) });
  assert.equal(r.handle(null, {}), undefined);
  assert.equal(r.handle('text', {}), undefined);
  assert.equal(r.handle({ type: 'other' }, {}), undefined);
  assert.equal(r.handle({ type: MSG.insert, text: 'x' }, {}), undefined);
});

test('engine config (it carries the custom packs) is answered to the offscreen document only', async () => {
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({ disabled: ['x'], custom: {} }), origin: ORIGIN, offscreenURL: `${ORIGIN}offscreen.html` });
  for (const sender of [CONTENT, PAGE, POPUP, {}, { ...OFFSCREEN, tab: { id: 1 } }, { url: 'https://evil.example/offscreen.html' }]) {
    assert.equal(r.handle({ type: MSG.engineConfig }, sender), undefined, JSON.stringify(sender));
  }
  assert.deepEqual(await r.handle({ type: MSG.engineConfig }, OFFSCREEN), { disabled: ['x'], custom: {} });
  const ff = createRouter({ engine: fakeEngine(), getConfig: async () => ({}), origin: ORIGIN }); // Firefox: no offscreen document
  assert.equal(ff.handle({ type: MSG.engineConfig }, OFFSCREEN), undefined);
});

test('reload and status go to the engine for extension pages', async () => {
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({}), origin: ORIGIN });
  assert.deepEqual(await r.handle({ type: MSG.reload }, POPUP), { ok: true, applied: [] });
  assert.deepEqual(await r.handle({ type: MSG.reload }, PAGE), { ok: true, applied: [] });
  assert.deepEqual(await r.handle({ type: MSG.status }, POPUP), { running: true });
});

test('senders are told apart by the extension origin, not by having a tab', () => {
  assert.equal(senderKind(PAGE, ORIGIN), 'extension');
  assert.equal(senderKind(POPUP, ORIGIN), 'extension');
  assert.equal(senderKind(CONTENT, ORIGIN), 'content');
  assert.equal(senderKind({ tab: { id: 1 }, url: 'about:blank' }, ORIGIN), 'content');
  assert.equal(senderKind({ url: 'chrome-extension://other/popup.html' }, ORIGIN), 'unknown');
  assert.equal(senderKind({ url: 'https://evil.example/' }, ORIGIN), 'unknown');
  assert.equal(senderKind(undefined, ORIGIN), 'unknown');
  assert.equal(senderKind(POPUP, undefined), 'unknown', 'no origin configured: nothing is an extension page');
});

test('content scripts may only check, suggest, guess a segment, search and list segments', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN, dedupe: false });
  const allowed = [
    ['POST', '/v1/check'], ['POST', '/v1/suggest'], ['POST', '/v1/segment'],
    ['GET', '/v1/search?q=a&segment=b'], ['GET', '/v1/segments'], ['GET', '/v1/health'],
  ];
  const refused = [
    ['GET', '/v1/packs'], ['GET', '/v1/packs/prove-customs'], ['PUT', '/v1/packs/prove-customs'],
    ['DELETE', '/v1/packs/prove-customs'], ['POST', '/v1/packs'], ['GET', '/v1/checks'], ['POST', '/v1/search'],
    ['PUT', '/v1/check'], ['GET', '/v1/segments/x'],
  ];
  for (const sender of [CONTENT, {}, { url: 'https://evil.example/' }]) {
    for (const [method, path] of refused) {
      const n = engine.calls.length;
      const reply = await r.handle({ type: MSG.api, method, path, body: '{}' }, sender);
      assert.equal(reply.status, 403, `${method} ${path} from ${JSON.stringify(sender)}`);
      assert.match(reply.body.error, /only for Sufler's own pages/);
      assert.equal(engine.calls.length, n, 'the engine never heard it');
    }
  }
  for (const [method, path] of allowed) {
    assert.ok(contentMayCall(method, path), `${method} ${path}`);
    r.handle({ type: MSG.api, method, path }, CONTENT);
  }
  assert.deepEqual(engine.calls.map((c) => `${c.method} ${c.path}`), allowed.map(([m, p]) => `${m} ${p}`));
  // Extension pages may do everything.
  for (const [method, path] of refused) r.handle({ type: MSG.api, method, path, body: '{}' }, PAGE);
  assert.equal(engine.calls.length, allowed.length + refused.length);
});

test('content scripts cannot reload the engine or read its status', async () => {
  let reloads = 0;
  const engine = { ...fakeEngine(), reload: async () => { reloads++; return { ok: true }; }, status: async () => ({ applied: [{ id: 'secret' }] }) };
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN });
  for (const sender of [CONTENT, {}]) {
    assert.equal((await r.handle({ type: MSG.reload }, sender)).status, 403);
    assert.equal((await r.handle({ type: MSG.status }, sender)).status, 403);
  }
  assert.equal(reloads, 0);
});

test('only a content script in a tab may set the page\'s opted-out badge', async () => {
  const calls = [];
  const r = createRouter({ engine: fakeEngine(), getConfig: async () => ({}), origin: ORIGIN, setBadge: (tab, off) => calls.push([tab, off]) });
  assert.deepEqual(await r.handle({ type: MSG.pageOptedOut, off: true }, CONTENT), { ok: true });
  assert.equal(r.handle({ type: MSG.pageOptedOut, off: true }, POPUP), undefined);
  assert.equal(r.handle({ type: MSG.pageOptedOut, off: true }, {}), undefined);
  assert.deepEqual(await r.handle({ type: MSG.pageOptedOut, off: 'yes' }, CONTENT), { ok: true });
  assert.deepEqual(calls, [[3, true], [3, false]]);
});

test('the offscreen engine answers the service worker only', async () => {
  const seen = [];
  const host = {
    request: async (req) => { seen.push(req); return { status: 200, body: {} }; },
    cancel: (env) => { seen.push(env); return { ok: true }; },
    reload: async () => { seen.push('reload'); return { ok: true }; },
    status: async () => ({ running: true }),
  };
  const handle = createOffscreenHandler(host, `${ORIGIN}background.js`);
  const SW = { id: 'abc', url: `${ORIGIN}background.js` };
  // A content script's runtime message reaches the offscreen document too, in the very same envelope.
  const put = { type: MSG.api, method: 'PUT', path: '/v1/packs/prove-customs', body: '{}' };
  for (const sender of [CONTENT, PAGE, POPUP, OFFSCREEN, {}, undefined, { ...SW, tab: { id: 1 } }]) {
    assert.equal(handle(put, sender), undefined, JSON.stringify(sender));
    assert.equal(handle({ type: MSG.reload }, sender), undefined);
    assert.equal(handle({ type: MSG.status }, sender), undefined);
    assert.equal(handle({ type: MSG.cancel, lane: 'x', seq: 1 }, sender), undefined);
  }
  assert.deepEqual(seen, []);
  assert.deepEqual(await handle(put, SW), { status: 200, body: {} });
  assert.deepEqual(await handle({ type: MSG.status }, SW), { running: true });
  assert.equal(handle({ type: MSG.engineConfig }, SW), undefined, 'not the document\'s to answer');
  assert.deepEqual(seen, [put], 'the envelope reaches the host as it was sent');
});

test('the router passes on only the envelope\'s own fields, with the lane scoped to the sender', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN });
  r.handle({ type: MSG.api, method: 'post', path: '/v1/check', body: { text: 'x' }, lane: 'check:1', seq: 4, extra: 'dropped' }, CONTENT);
  r.handle({ type: MSG.api, method: 'GET', path: '/v1/search?q=a', lane: 'search', seq: 1 }, { ...CONTENT, frameId: 5 });
  r.handle({ type: MSG.api, method: 'GET', path: '/v1/search?q=a', lane: 'search', seq: 2 }, POPUP);
  assert.deepEqual(engine.calls, [
    { type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' }, lane: '3.0|check:1', seq: 4 },
    { type: MSG.api, method: 'GET', path: '/v1/search?q=a', lane: '3.5|search', seq: 1 },
    { type: MSG.api, method: 'GET', path: '/v1/search?q=a', lane: `x.${ORIGIN}popup.html|search`, seq: 2 },
  ], 'laned GETs are not coalesced: each lane decides for itself');
  // Bad lanes are a 400, and never reach the engine.
  for (const bad of [{ lane: '', seq: 1 }, { lane: 'a b', seq: 1 }, { lane: 'x'.repeat(201), seq: 1 }, { lane: 'a', seq: -1 }, { lane: 'a', seq: 1.5 }, { lane: 'a' }, { seq: 1 }]) {
    const reply = await r.handle({ type: MSG.api, method: 'POST', path: '/v1/check', body: {}, ...bad }, CONTENT);
    assert.equal(reply.status, 400, JSON.stringify(bad));
  }
  assert.equal(engine.calls.length, 3);
});

test('a cancel reaches the engine scoped to its sender; an unknown sender cannot cancel', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN });
  assert.deepEqual(await r.handle({ type: MSG.cancel, lane: 'check:1', seq: 3 }, CONTENT), { ok: true });
  assert.equal(r.handle({ type: MSG.cancel, lane: 'check:1', seq: 3 }, { url: 'https://evil.example/' }), undefined);
  assert.equal((await r.handle({ type: MSG.cancel, lane: 'check:1' }, CONTENT)).ok, false);
  assert.deepEqual(engine.cancels, [{ type: MSG.cancel, lane: '3.0|check:1', seq: 3 }]);
});

test('a content script gets the loaded packs\' ids and titles, nothing more; an unknown sender gets nothing', async () => {
  const engine = fakeEngine();
  const r = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN, dedupe: false });
  assert.equal(r.handle({ type: MSG.packTitles }, { url: 'https://evil.example/' }), undefined, 'no tab, no extension page: not answered');
  assert.equal(engine.calls.length, 0);
  const reply = r.handle({ type: MSG.packTitles }, CONTENT);
  assert.deepEqual(engine.calls, [{ type: MSG.api, method: 'GET', path: '/v1/packs' }]);
  engine.pending[0].resolve({ status: 200, body: { packs: [{ id: 'prove-customs', title: 'Таможня', version: '3', rules: 12, templates: 40, segments: ['a'] }] } });
  assert.deepEqual(await reply, { packs: [{ id: 'prove-customs', title: 'Таможня' }] });
  const failed = r.handle({ type: MSG.packTitles }, CONTENT);
  engine.pending[1].resolve({ status: 503, body: { error: 'starting' } });
  assert.deepEqual(await failed, { packs: [] }, 'an engine error is an empty list, not an exception');
});

test('pack operations come only from Sufler\'s own pages; a built-in pack\'s switch is kept in settings', async () => {
  const ops = [];
  const engine = {
    ...fakeEngine(),
    packs: async (msg) => { ops.push(msg.op); return msg.id === 'builtin-x' ? { ok: true, builtin: true } : { ok: true }; },
  };
  const saved = [];
  const router = createRouter({ engine, getConfig: async () => ({}), origin: ORIGIN, setBuiltinOff: async (id, off) => { saved.push([id, off]); } });
  const refused = await router.handle({ type: MSG.packs, op: 'import', text: '{}' }, CONTENT);
  assert.equal(refused.status, 403);
  assert.deepEqual(ops, [], 'a web page cannot import, remove or switch packs');
  assert.equal((await router.handle({ type: MSG.packs, op: 'list' }, { url: 'https://evil.example/' })).status, 403);
  assert.deepEqual(await router.handle({ type: MSG.packs, op: 'toggle', id: 'builtin-x', on: false }, PAGE), { ok: true, builtin: true });
  await router.handle({ type: MSG.packs, op: 'toggle', id: 'mine', on: false }, POPUP);
  assert.deepEqual(saved, [['builtin-x', true]], 'only the built-in pack\'s switch goes to settings');
  assert.deepEqual(ops, ['toggle', 'toggle']);
});
