// Tests for src/engine/packs.js: the engine host owns the custom packs. An import is stored
// only when the engine takes it, with the index image the engine makes of it; a start loads
// packs from their images; switching a pack changes the running engine and nothing restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPackOwner, framedPack } from '../../src/engine/packs.js';
import { memoryStore } from './pack-fakes.mjs';

const TYPE = 'application/vnd.sufler.pack+image';

/** An engine stand-in: packs by id, images "img:<json>", refusing images made for other JSON. */
function fakeEngine() {
  const packs = new Map();
  const calls = [];
  async function send(req) {
    calls.push(`${req.method} ${req.path}`);
    const id = decodeURIComponent(req.path.split('/')[3]?.split('?')[0] ?? '');
    if (req.method === 'POST') {
      const p = JSON.parse(req.body);
      if (p.bad) return { status: 400, body: { error: 'pack "x" was not loaded', problems: [{ path: 'bad', problem: 'no' }] } };
      packs.set(p.id, req.body);
      return { status: 200, body: { pack: { id: p.id, title: p.title } } };
    }
    if (req.method === 'PUT' && req.path.endsWith('?builtin=on')) return { status: 200, body: { pack: { id } } };
    if (req.method === 'PUT') {
      let json = req.body;
      let image;
      if (req.contentType === TYPE) {
        const bytes = new Uint8Array(await req.body.arrayBuffer());
        const text = new TextDecoder().decode(bytes);
        const [, n] = /^sufler-pack 1 (\d+)\n/.exec(text);
        const head = text.indexOf('\n') + 1;
        json = new TextDecoder().decode(bytes.slice(head, head + Number(n)));
        const img = new TextDecoder().decode(bytes.slice(head + Number(n)));
        image = img === `img:${json}` ? { used: true } : { used: false, error: 'it was built from other pack bytes' };
      }
      packs.set(id, json);
      return { status: 200, body: { pack: { id }, image } };
    }
    if (req.method === 'GET' && req.path.endsWith('/image')) {
      return packs.has(id) ? { status: 200, body: new TextEncoder().encode(`img:${packs.get(id)}`).buffer } : { status: 404, body: { error: 'no' } };
    }
    if (req.method === 'DELETE') return { status: packs.delete(id) || req.path.includes('builtin=off') ? 200 : 404, body: {} };
    if (req.path === '/v1/packs') return { status: 200, body: { packs: [...packs.keys()].map((k) => ({ id: k, title: k })), off: [{ id: 'builtin-x', title: 'X' }], builtin: ['builtin-x', 'builtin-y'] } };
    return { status: 404, body: {} };
  }
  return { packs, calls, send };
}

const image = async (store, id) => {
  const rec = await store.get(id);
  return rec?.image ? new TextDecoder().decode(rec.image) : null;
};

test('an import is stored once the engine takes it, then its image; a refused one stores nothing', async () => {
  const engine = fakeEngine();
  const store = memoryStore();
  const owner = createPackOwner({ send: engine.send, store });
  const json = '{"id":"shop","title":"Shop"}';
  const r = await owner.importPack(json);
  assert.deepEqual(r, { ok: true, pack: { id: 'shop', title: 'Shop' }, replaced: false });
  await owner.settled();
  assert.equal((await store.get('shop')).json, json, 'byte for byte');
  assert.equal(await image(store, 'shop'), `img:${json}`, 'the engine\'s image is kept with the pack');
  const bad = await owner.importPack('{"id":"shop","bad":1}');
  assert.equal(bad.ok, false);
  assert.deepEqual(bad.problems, [{ path: 'bad', problem: 'no' }]);
  assert.equal((await store.get('shop')).json, json, 'the stored pack is untouched');
  assert.equal((await owner.importPack('{"id":"shop","title":"v2"}')).replaced, true);
});

test('a start loads stored packs from their images; a stale image is made again, a pack that is off is not loaded', async () => {
  const store = memoryStore();
  const a = '{"id":"a"}';
  const b = '{"id":"b"}';
  await store.put('a', { json: a, image: new TextEncoder().encode(`img:${a}`).buffer, on: true });
  await store.put('b', { json: b, image: new TextEncoder().encode('img:{"id":"b","old":1}').buffer, on: true });
  await store.put('c', { json: '{"id":"c"}', image: null, on: false, info: { id: 'c', title: 'C' } });
  const engine = fakeEngine();
  const owner = createPackOwner({ send: engine.send, store });
  const report = await owner.applyStored();
  assert.deepEqual(report.map((x) => [x.id, x.ok, x.image]), [['a', true, true], ['b', true, false]]);
  await owner.settled();
  assert.deepEqual(engine.calls.filter((c) => c.endsWith('/image')), ['GET /v1/packs/b/image'], 'only the stale image is made again');
  assert.equal(await image(store, 'b'), `img:${b}`);
  assert.ok(!engine.packs.has('c'));
  const list = await owner.list();
  assert.deepEqual(list.packs.map((p) => [p.id, p.title, p.on, p.custom]), [
    ['a', 'a', true, true], ['b', 'b', true, true], ['builtin-x', 'X', false, false], ['c', 'C', false, true],
  ]);
});

test('switching a custom pack off and on changes the running engine and the record; built-in packs are switched by the engine', async () => {
  const engine = fakeEngine();
  const store = memoryStore();
  const owner = createPackOwner({ send: engine.send, store });
  await owner.importPack('{"id":"shop"}');
  await owner.settled();
  engine.calls.length = 0;
  assert.deepEqual(await owner.toggle('shop', false), { ok: true });
  assert.equal((await store.get('shop')).on, false);
  assert.ok(!engine.packs.has('shop'));
  assert.equal((await owner.toggle('shop', true)).ok, true);
  assert.ok(engine.packs.has('shop'));
  assert.deepEqual(engine.calls, ['DELETE /v1/packs/shop', 'PUT /v1/packs/shop'], 'no restart, no re-import: a DELETE and a PUT with the image');
  assert.equal((await owner.applyStored())[0].image, true);
  const off = await owner.toggle('builtin-x', false);
  assert.deepEqual([off.ok, off.builtin], [true, true]);
  assert.equal(engine.calls.at(-1), 'DELETE /v1/packs/builtin-x?builtin=off');
  await owner.toggle('builtin-x', true);
  assert.equal(engine.calls.at(-1), 'PUT /v1/packs/builtin-x?builtin=on');
  assert.equal(await owner.exportPack('shop'), '{"id":"shop"}');
  assert.deepEqual(await owner.remove('shop'), { ok: true });
  assert.equal(await store.get('shop'), null);
  assert.ok(!engine.packs.has('shop'));
  assert.equal((await owner.remove('shop')).ok, false);
});

test('an image that arrives after the pack was replaced is not stored with the new JSON', async () => {
  const engine = fakeEngine();
  const store = memoryStore();
  let release;
  const gate = new Promise((r) => { release = r; });
  const send = async (req) => { if (req.path.endsWith('/image')) await gate; return engine.send(req); };
  const owner = createPackOwner({ send, store });
  await owner.importPack('{"id":"shop","v":1}');
  await store.put('shop', { json: '{"id":"shop","v":2}', image: null, on: true });
  release();
  await owner.settled();
  assert.equal((await store.get('shop')).image, null);
});

test('a pack removed while its image is being stored stays removed', async () => {
  // The removal lands right after the first store operation that follows the engine's
  // image: between a read and a write of the record, were they two steps.
  const engine = fakeEngine();
  const store = memoryStore();
  let armed = false;
  const send = async (req) => {
    const r = await engine.send(req);
    if (req.path.endsWith('/image')) armed = true;
    return r;
  };
  for (const op of ['get', 'update', 'put']) {
    const inner = store.backend[op];
    store.backend[op] = async (...args) => {
      const out = await inner(...args);
      if (armed) { armed = false; store.backend.map.delete('shop'); }
      return out;
    };
  }
  const owner = createPackOwner({ send, store });
  await owner.importPack('{"id":"shop"}');
  await owner.settled();
  assert.equal(await store.get('shop'), null, 'the image write did not bring the pack back');
});

test('reconcile: the running engine ends up holding what the store holds, built-in packs untouched', async () => {
  const engine = fakeEngine();
  const store = memoryStore();
  const owner = createPackOwner({ send: engine.send, store });
  engine.packs.set('builtin-y', '{}');
  engine.packs.set('stray', '{"id":"stray"}'); // in the engine, no longer stored (removed elsewhere)
  await store.put('new', { json: '{"id":"new"}', image: null, on: true }); // stored by someone else (a team hub)
  await store.put('off', { json: '{"id":"off"}', image: null, on: false });
  const r = await owner.reconcile();
  assert.equal(r.ok, true);
  assert.deepEqual(r.applied.map((x) => [x.id, x.op]), [['new', 'custom'], ['stray', 'delete']]);
  assert.deepEqual([...engine.packs.keys()].sort(), ['builtin-y', 'new']);
  await owner.settled();
});

test('framedPack counts the pack in UTF-8 bytes', async () => {
  const text = await framedPack('{"t":"ё"}', new Uint8Array([7]).buffer).text();
  assert.ok(text.startsWith('sufler-pack 1 10\n{"t":"ё"}'));
});
