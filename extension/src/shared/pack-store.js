// Package pack-store keeps the agent's own (custom) packs where only the extension can read
// them: the extension origin's IndexedDB. storage.local, where they used to live, is open
// to content scripts, which run inside web pages; IndexedDB belongs to the origin of the
// context that opens it, so a content script opening it would only ever reach the page's
// own database. Only the engine host (src/engine/packs.js), which owns the packs, and the
// background's one-time migration use this module; content scripts never import it.
//
// Each pack is one record under its id: {json, image, on, info}. json is the pack as it was
// imported, byte for byte; image the engine's index of it (GET /v1/packs/{id}/image, an
// ArrayBuffer, or null until the engine has made one); on whether the agent has it switched
// on; info the engine's summary (title, counts) for the options page while it is off.
// Records of the first IndexedDB version were the pack JSON alone: read() upgrades them.
import { storageGet, storageSet } from '../browser.js';
import { validate } from './settings.js';

const DB = 'sufler';
const STORE = 'packs';

/** True in a page or worker of an extension (chrome-extension:, moz-extension:). */
export function extensionOrigin(loc = globalThis.location) {
  return /^[a-z]+-extension:$/.test(loc?.protocol ?? '');
}

/** A stored record in today's shape (a bare JSON string was the first version's record). */
export function record(value) {
  if (typeof value === 'string') return { json: value, image: null, on: true, info: null };
  if (!value || typeof value !== 'object' || typeof value.json !== 'string') return null;
  return { json: value.json, image: value.image ?? null, on: value.on !== false, info: value.info ?? null };
}

/**
 * IdbObjectStore opens one object store of one database in the extension origin's IndexedDB
 * and returns run(mode, fn): fn gets the object store inside a fresh transaction, and run
 * resolves with fn's return value once the transaction completes. It refuses to open outside
 * the extension's origin, so a mistaken import into a content script fails loudly instead of
 * writing into a web page's database. `who` names the store in errors.
 */
export function idbObjectStore(idb, dbName, storeName, who) {
  let db = null;
  function open() {
    if (!extensionOrigin()) return Promise.reject(new Error(`${who}: only extension pages may open it`));
    if (!db) {
      db = new Promise((resolve, reject) => {
        const req = idb.open(dbName, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(storeName);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      db.catch(() => { db = null; });
    }
    return db;
  }
  const done = (tx) => new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error(`${who}: transaction aborted`));
  });
  return async function run(mode, fn) {
    const tx = (await open()).transaction(storeName, mode);
    const out = fn(tx.objectStore(storeName));
    await done(tx);
    return out;
  };
}

/**
 * IdbBackend is the IndexedDB store {id: record}: all(), get(id), put(id, rec), delete(id),
 * update(id, fn), each one transaction. update reads and writes in the same transaction, so
 * nothing lands between the read and the write: fn(value) returns the new value, or
 * undefined to leave the record as it is; update resolves with whether it wrote.
 */
export function idbBackend(idb = globalThis.indexedDB) {
  const run = idbObjectStore(idb, DB, STORE, 'pack store');
  return {
    async all() {
      const [keys, values] = await run('readonly', (s) => [s.getAllKeys(), s.getAll()]);
      return Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]]));
    },
    async get(id) { return (await run('readonly', (s) => s.get(id))).result; },
    put(id, value) { return run('readwrite', (s) => { s.put(value, id); }); },
    delete(id) { return run('readwrite', (s) => { s.delete(id); }); },
    async update(id, fn) {
      const wrote = { value: false };
      await run('readwrite', (s) => {
        const req = s.get(id);
        req.onsuccess = () => {
          const next = fn(req.result);
          if (next === undefined) return;
          s.put(next, id);
          wrote.value = true;
        };
      });
      return wrote.value;
    },
  };
}

/** The value a record is written as. */
const stored = (rec) => ({ json: rec.json, image: rec.image ?? null, on: rec.on !== false, info: rec.info ?? null });

/**
 * CreatePackStore wraps a backend ({all, get, put, delete, update}) with record upgrades and the
 * move of packs that earlier versions kept in storage.local.
 * io: {storageGet, storageSet} (browser.js; fakes in tests), or null where there is no
 * chrome.storage (Chromium's offscreen document): the background moves old packs instead.
 */
export function createPackStore(backend, io = { storageGet, storageSet }) {
  let migrating = null;

  /** Moves packs that earlier versions kept in storage.local into the store (cheap when there are none; safe to repeat). */
  function migrate() {
    if (!io) return Promise.resolve();
    migrating ??= (async () => {
      const raw = (await io.storageGet(['packs'])).packs;
      const legacy = raw && typeof raw === 'object' && raw.custom && typeof raw.custom === 'object' ? raw.custom : {};
      if (!Object.keys(legacy).length) return;
      const { settings } = validate({ packs: raw });
      const kept = await backend.all();
      for (const [id, json] of Object.entries(settings.packs.custom)) {
        if (!(id in kept)) await backend.put(id, record(json)); // a pack already in the store is newer
      }
      await io.storageSet({ packs: { disabled: settings.packs.disabled, custom: {} } });
    })().finally(() => {
      migrating = null; // concurrent callers share one run; a later call checks again
    });
    return migrating;
  }

  return {
    migrate,
    /** Every record: {id: {json, image, on, info}}. */
    async records() {
      await migrate();
      const out = {};
      for (const [id, v] of Object.entries(await backend.all())) {
        const r = record(v);
        if (r) out[id] = r;
      }
      return out;
    },
    /** One record, or null. */
    async get(id) {
      await migrate();
      return record(await backend.get(id));
    },
    /** Writes the record of a pack. */
    put(id, rec) { return backend.put(id, stored(rec)); },
    /**
     * Changes a pack's record in one step: fn(record) returns the new record, or undefined to
     * keep it; it is not called for a pack that is not stored. Resolves with whether it wrote.
     * Use it wherever a write depends on what is stored, so that a removal or a new import
     * landing meanwhile is never undone.
     */
    update(id, fn) {
      return backend.update(id, (value) => {
        const rec = record(value);
        if (!rec) return undefined;
        const next = fn(rec);
        return next === undefined ? undefined : stored(next);
      });
    },
    /** Removes a pack. */
    delete(id) { return backend.delete(id); },
    /** The custom packs' JSON: {id: pack JSON}. */
    async custom() {
      return Object.fromEntries(Object.entries(await this.records()).map(([id, r]) => [id, r.json]));
    },
  };
}

/** The pack store of a context without chrome.storage: the offscreen document that hosts the engine. */
export function hostPackStore() {
  return createPackStore(idbBackend(), null);
}

let shared = null;
/** The extension's pack store (IndexedDB); for the engine host and the background only. */
export function packStore() {
  shared ??= createPackStore(idbBackend());
  return shared;
}
