import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngineHost } from '../../src/engine/host.js';
import { memoryStore } from './pack-fakes.mjs';

/**
 * A Worker stand-in that behaves like src/engine/worker.js around a tiny engine: packs are
 * a Set, PUT with a body containing "bad" is rejected with problems, /v1/crash kills it,
 * /v1/hang never answers.
 */
class FakeWorker extends EventTarget {
  constructor(log, { failStart = false } = {}) {
    super();
    this.log = log;
    this.packs = new Set(['default-a', 'default-b']);
    this.terminated = false;
    setTimeout(() => this.emit(failStart ? { type: 'exited', error: 'start failed: boom' } : { type: 'ready' }), 1);
  }
  emit(data) { if (!this.terminated) this.dispatchEvent(Object.assign(new Event('message'), { data })); }
  terminate() { this.terminated = true; this.log.push('terminate'); }
  postMessage(m) {
    this.log.push(`${m.method} ${m.path}`);
    const reply = (status, body) => setTimeout(() => this.emit({ type: 'reply', id: m.id, status, body: JSON.stringify(body) }), 1);
    if (m.path === '/v1/crash') { setTimeout(() => this.dispatchEvent(Object.assign(new Event('error'), { message: 'RuntimeError: unreachable' })), 1); return; }
    if (m.path === '/v1/hang') return;
    const [id, query] = m.path.split('/')[3]?.split('?') ?? [];
    // As the engine: a built-in pack is only switched off by a DELETE that says so.
    if (m.method === 'DELETE' && id.startsWith('default-') && query !== 'builtin=off') return reply(409, { error: 'built in' });
    if (m.method === 'DELETE') return reply(this.packs.delete(id) ? 200 : 404, {});
    if (m.method === 'PUT') {
      if (typeof m.body === 'string' ? m.body.includes('bad') : m.body && !(m.body instanceof Blob) && JSON.stringify(m.body).includes('bad')) return reply(400, { error: 'pack has problems', problems: [{ path: 'templates[0].variants', problem: 'empty' }] });
      this.packs.add(id);
      return reply(200, { pack: { id }, image: m.body instanceof Blob ? { used: true } : undefined });
    }
    if (m.method === 'GET' && m.path.endsWith('/image')) {
      const buf = new TextEncoder().encode(`image of ${id}`).buffer;
      return setTimeout(() => this.emit({ type: 'reply', id: m.id, status: 200, body: buf }), 1);
    }
    if (m.path === '/v1/packs') return reply(200, { packs: [...this.packs].sort().map((p) => ({ id: p })) });
    return reply(200, { ok: true });
  }
}

function setup(config = { disabled: [], custom: {} }, opts = {}) {
  const log = [];
  const workers = [];
  const store = memoryStore(config.custom ?? {});
  const host = createEngineHost({
    store,
    spawn: () => { const w = new FakeWorker(log, opts.worker?.(workers.length)); workers.push(w); return w; },
    getConfig: async () => config,
    requestTimeoutMs: opts.requestTimeoutMs ?? 200,
    startTimeoutMs: opts.startTimeoutMs ?? 200,
  });
  return { host, log, workers, store };
}

test('starts once, applies disabled and stored custom packs before serving', async () => {
  const { host, log, workers } = setup({ disabled: ['default-b', 'gone'], custom: { mine: '{"id":"mine"}' } });
  const [a, b] = await Promise.all([host.request({ method: 'GET', path: '/v1/packs' }), host.request({ method: 'GET', path: '/v1/health' })]);
  assert.equal(workers.length, 1);
  assert.deepEqual(a.body.packs.map((p) => p.id), ['default-a', 'mine']);
  assert.equal(b.status, 200);
  assert.deepEqual(log.slice(0, 3), ['DELETE /v1/packs/default-b?builtin=off', 'DELETE /v1/packs/gone?builtin=off', 'PUT /v1/packs/mine']);
  const st = host.status();
  assert.equal(st.running, true);
  assert.deepEqual(st.applied.map((x) => [x.id, x.op, x.ok]), [['default-b', 'disable', true], ['gone', 'disable', true], ['mine', 'custom', true]]);
});

test('a stored pack without an image is indexed once; its image is stored and the next start loads it', async () => {
  const { host, log, store } = setup({ disabled: [], custom: { mine: '{"id":"mine"}' } });
  await host.request({ method: 'GET', path: '/v1/health' });
  await host.settled();
  assert.ok(log.includes('GET /v1/packs/mine/image'), 'the image was asked for after the plain PUT');
  const rec = await store.get('mine');
  assert.equal(new TextDecoder().decode(rec.image), 'image of mine');
  log.length = 0;
  const r = await host.reload();
  assert.equal(r.ok, true);
  assert.deepEqual(r.applied.map((a) => [a.id, a.ok, a.image]), [['mine', true, true]], 'loaded from its image');
  await host.settled();
  assert.ok(!log.includes('GET /v1/packs/mine/image'), 'an image the engine took is not made again');
});

test('a custom pack the engine rejects on start is reported, the rest still works', async () => {
  const { host } = setup({ disabled: [], custom: { broken: '{"id":"broken","bad":1}' } });
  const r = await host.request({ method: 'GET', path: '/v1/packs' });
  assert.deepEqual(r.body.packs.map((p) => p.id), ['default-a', 'default-b']);
  const [a] = host.status().applied;
  assert.equal(a.ok, false);
  assert.deepEqual(a.problems, [{ path: 'templates[0].variants', problem: 'empty' }]);
});

test('a crash answers pending requests with 503 and the next request restarts the engine', async () => {
  const { host, workers } = setup();
  await host.request({ method: 'GET', path: '/v1/health' });
  const r = await host.request({ method: 'GET', path: '/v1/crash' });
  assert.equal(r.status, 503);
  assert.match(r.body.error, /unreachable/);
  assert.equal(host.status().running, false);
  const again = await host.request({ method: 'GET', path: '/v1/health' });
  assert.equal(again.status, 200);
  assert.equal(workers.length, 2);
  assert.equal(host.status().starts, 2);
});

test('an engine that does not answer in time is stopped; the next request gets a new one', async () => {
  const { host, workers, log } = setup({ disabled: [], custom: {} }, { requestTimeoutMs: 40 });
  const r = await host.request({ method: 'GET', path: '/v1/hang' });
  assert.equal(r.status, 503);
  assert.ok(log.includes('terminate'));
  assert.equal((await host.request({ method: 'GET', path: '/v1/health' })).status, 200);
  assert.equal(workers.length, 2);
});

test('a failed start is a 503, and the one after that tries again', async () => {
  const { host, workers } = setup({ disabled: [], custom: {} }, { worker: (n) => ({ failStart: n === 0 }) });
  const r = await host.request({ method: 'GET', path: '/v1/health' });
  assert.equal(r.status, 503);
  assert.match(r.body.error, /boom/);
  assert.equal((await host.request({ method: 'GET', path: '/v1/health' })).status, 200);
  assert.equal(workers.length, 2);
});

test('reload restarts with the current config; kill stops until the next request', async () => {
  const config = { disabled: [], custom: {} };
  const { host, workers } = setup(config);
  await host.request({ method: 'GET', path: '/v1/health' });
  config.disabled = ['default-a'];
  const rep = await host.reload();
  assert.equal(rep.ok, true);
  assert.equal(workers[0].terminated, true);
  const r = await host.request({ method: 'GET', path: '/v1/packs' });
  assert.deepEqual(r.body.packs.map((p) => p.id), ['default-b']);
  host.kill();
  assert.equal(host.status().running, false);
  assert.equal((await host.request({ method: 'GET', path: '/v1/health' })).status, 200);
  assert.equal(workers.length, 3);
});

test('the team hub’s accepted update is replayed after the packs, on every start', async () => {
  const hub = { method: 'PUT', path: '/v1/hub', body: { manifest: '{}', signature: 's', keys: ['k'], channel: 'support', files: {} } };
  const { host, log } = setup({ disabled: [], custom: { mine: '{"id":"mine"}' }, hub });
  await host.request({ method: 'GET', path: '/v1/health' });
  // (the stored pack's image is asked for in between, once the PUT without one answered)
  assert.deepEqual(log.filter((l) => l.startsWith('PUT')).slice(0, 2), ['PUT /v1/packs/mine', 'PUT /v1/hub']);
  assert.deepEqual(host.status().applied.map((x) => [x.id, x.op, x.ok]), [['mine', 'custom', true], ['hub', 'hub', true]]);
  const r = await host.reload();
  assert.ok(r.applied.some((x) => x.op === 'hub'), 'again after a restart');
});
