// Tests for src/shared/pack-store.js: custom packs live in the extension's IndexedDB (a Map
// here), never in storage.local where content scripts could read them; packs stored there
// by earlier versions move over once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPackStore, extensionOrigin, idbBackend } from '../../src/shared/pack-store.js';
import { validate, SettingsError } from '../../src/shared/settings.js';

const A = '{"id":"a","title":"A"}';
const B = '{"id":"b","title":"B"}';

function fakes(stored = {}) {
  const local = structuredClone(stored);
  const map = new Map();
  const backend = {
    replaces: 0,
    async all() { return Object.fromEntries(map); },
    async replace(packs) { backend.replaces++; map.clear(); for (const [k, v] of Object.entries(packs)) map.set(k, v); },
  };
  const io = {
    storageGet: async (keys) => Object.fromEntries(keys.filter((k) => k in local).map((k) => [k, structuredClone(local[k])])),
    storageSet: async (items) => { Object.assign(local, structuredClone(items)); },
    load: async () => validate(structuredClone(local)).settings,
    save: async (patch) => {
      const { settings, problems } = validate(patch);
      if (problems.length) throw new SettingsError(problems);
      for (const k of Object.keys(patch)) local[k] = settings[k];
      return settings;
    },
  };
  return { local, map, backend, store: createPackStore(backend, io) };
}

test('packs kept in storage.local by earlier versions move to the store, once', async () => {
  const f = fakes({ packs: { disabled: ['x'], custom: { a: A, b: B } }, ui: { lang: 'ru' } });
  assert.deepEqual(await f.store.custom(), { a: A, b: B });
  assert.deepEqual(f.local.packs, { disabled: ['x'], custom: {} }, 'storage.local keeps no pack text');
  assert.deepEqual(f.local.ui, { lang: 'ru' }, 'other sections untouched');
  await Promise.all([f.store.migrate(), f.store.custom(), f.store.load()]);
  assert.equal(f.backend.replaces, 1, 'nothing left to move: the store is not rewritten');
  f.local.packs.custom = { c: '{"id":"c"}' }; // an older copy of the extension wrote one more
  assert.deepEqual(Object.keys(await f.store.custom()).sort(), ['a', 'b', 'c']);
});

test('a pack already in the store wins over a stale copy in storage.local; invalid entries are dropped', async () => {
  const f = fakes({ packs: { disabled: [], custom: { a: '{"id":"a","title":"old"}', bad: 'not json', c: '{"id":"other"}' } } });
  f.map.set('a', A);
  assert.deepEqual(await f.store.custom(), { a: A });
  assert.deepEqual(f.local.packs.custom, {});
});

test('saving packs writes custom packs to the store only, and refuses invalid ones writing nothing', async () => {
  const f = fakes();
  await f.store.save({ packs: { disabled: ['d'], custom: { a: A } } });
  assert.deepEqual(Object.fromEntries(f.map), { a: A });
  assert.deepEqual(f.local.packs, { disabled: ['d'], custom: {} });
  const s = await f.store.load();
  assert.deepEqual(s.packs, { disabled: ['d'], custom: { a: A } });
  await assert.rejects(f.store.save({ packs: { disabled: [], custom: { a: A, b: '{"id":"not-b"}' } } }), SettingsError);
  assert.deepEqual(Object.fromEntries(f.map), { a: A }, 'store untouched');
  assert.deepEqual(f.local.packs, { disabled: ['d'], custom: {} });
  await f.store.save({ packs: { disabled: [], custom: {} } });
  assert.equal(f.map.size, 0, 'a removed pack is gone from the store');
  await f.store.save({ ui: { lang: 'en' } });
  assert.equal(f.local.ui.lang, 'en', 'other sections save as before');
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
