// Tests for src/shared/pack-store.js: custom packs live in the extension's IndexedDB (a Map
// here), never in storage.local where content scripts could read them; packs stored there
// by earlier versions move over once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionOrigin, idbBackend, record } from '../../src/shared/pack-store.js';
import { memoryStore } from './pack-fakes.mjs';

const A = '{"id":"a","title":"A"}';
const B = '{"id":"b","title":"B"}';

test('packs kept in storage.local by earlier versions move to the store, once', async () => {
  const local = { packs: { disabled: ['x'], custom: { a: A, b: B } }, ui: { lang: 'ru' } };
  const store = memoryStore({}, local);
  let puts = 0;
  const put = store.backend.put;
  store.backend.put = (...args) => { puts++; return put(...args); };
  assert.deepEqual(await store.custom(), { a: A, b: B });
  assert.deepEqual(local.packs, { disabled: ['x'], custom: {} }, 'storage.local keeps no pack text');
  assert.deepEqual(local.ui, { lang: 'ru' }, 'other sections untouched');
  await Promise.all([store.migrate(), store.custom(), store.records()]);
  assert.equal(puts, 2, 'nothing left to move: the store is not rewritten');
  local.packs.custom = { c: '{"id":"c"}' }; // an older copy of the extension wrote one more
  assert.deepEqual(Object.keys(await store.custom()).sort(), ['a', 'b', 'c']);
});

test('a pack already in the store wins over a stale copy in storage.local; invalid entries are dropped', async () => {
  const local = { packs: { disabled: [], custom: { a: '{"id":"a","title":"old"}', bad: 'not json', c: '{"id":"other"}' } } };
  const store = memoryStore({ a: A }, local);
  assert.deepEqual(await store.custom(), { a: A });
  assert.deepEqual(local.packs.custom, {});
});

test('records: the first version\'s bare JSON reads as a pack that is on and has no image yet', async () => {
  assert.deepEqual(record(A), { json: A, image: null, on: true, info: null });
  assert.equal(record(null), null);
  assert.equal(record({ image: 1 }), null, 'a record without its JSON is no pack');
  const store = memoryStore({ a: A });
  const image = new Uint8Array([1, 2, 3]).buffer;
  await store.put('b', { json: B, image, on: false, info: { id: 'b', title: 'B' } });
  const all = await store.records();
  assert.deepEqual(Object.keys(all).sort(), ['a', 'b']);
  assert.equal(all.a.on, true);
  assert.deepEqual([...new Uint8Array(all.b.image)], [1, 2, 3], 'the image is kept as bytes');
  assert.equal(all.b.on, false);
  await store.delete('a');
  assert.equal(await store.get('a'), null);
});

test('the IndexedDB store opens only in an extension origin', async () => {
  assert.ok(extensionOrigin({ protocol: 'chrome-extension:' }));
  assert.ok(extensionOrigin({ protocol: 'moz-extension:' }));
  assert.ok(!extensionOrigin({ protocol: 'https:' }));
  assert.ok(!extensionOrigin(undefined));
  let opened = 0;
  const b = idbBackend({ open: () => { opened++; return {}; } });
  await assert.rejects(b.all(), /only extension pages/);
  assert.equal(opened, 0, 'a content script (web origin) never opens the page\'s database');
});
