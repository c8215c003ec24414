// Package pack-store keeps the agent's own (custom) packs where only the extension can read
// them: the extension origin's IndexedDB. storage.local, where they used to live, is open
// to content scripts, which run inside web pages; IndexedDB belongs to the origin of the
// context that opens it, so a content script opening it would only ever reach the page's
// own database. Only extension pages and the background use this module; content scripts
// never import it. Packs kept in storage.local by earlier versions move here once (migrate).
import { storageGet, storageSet } from '../browser.js';
import { load, save, validate, SettingsError } from './settings.js';

const DB = 'sufler';
const STORE = 'packs';

/** True in a page or worker of an extension (chrome-extension:, moz-extension:). */
export function extensionOrigin(loc = globalThis.location) {
  return /^[a-z]+-extension:$/.test(loc?.protocol ?? '');
}

/**
 * IdbBackend is the IndexedDB store {id: pack JSON}: all() and replace(packs), each one
 * transaction. It refuses to open outside the extension's origin, so a mistaken import
 * into a content script fails loudly instead of writing packs into a web page's database.
 */
export function idbBackend(idb = globalThis.indexedDB) {
  let db = null;
  function open() {
    if (!extensionOrigin()) return Promise.reject(new Error('pack store: only extension pages may open it'));
    if (!db) {
      db = new Promise((resolve, reject) => {
        const req = idb.open(DB, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE);
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
    tx.onabort = () => reject(tx.error ?? new Error('pack store: transaction aborted'));
  });
  return {
    async all() {
      const tx = (await open()).transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      const keys = store.getAllKeys();
      const values = store.getAll();
      await done(tx);
      return Object.fromEntries(keys.result.map((k, i) => [k, values.result[i]]));
    },
    async replace(packs) {
      const tx = (await open()).transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      store.clear();
      for (const [id, json] of Object.entries(packs)) store.put(json, id);
      await done(tx);
    },
  };
}

/**
 * CreatePackStore wraps a backend ({all, replace}) with the settings model: custom packs
 * are validated like settings (packs.custom) and never written to storage.local.
 * io: {storageGet, storageSet, load, save} (browser.js and settings.js; fakes in tests).
 */
export function createPackStore(backend, io = { storageGet, storageSet, load, save }) {
  let migrating = null;

  /** Moves packs that earlier versions kept in storage.local into the store (cheap when there are none; safe to repeat). */
  function migrate() {
    migrating ??= (async () => {
      const raw = (await io.storageGet(['packs'])).packs;
      const legacy = raw && typeof raw === 'object' && raw.custom && typeof raw.custom === 'object' ? raw.custom : {};
      if (!Object.keys(legacy).length) return;
      const { settings } = validate({ packs: raw });
      const kept = await backend.all();
      await backend.replace({ ...settings.packs.custom, ...kept }); // a pack already in the store is newer
      await io.storageSet({ packs: { disabled: settings.packs.disabled, custom: {} } });
    })().finally(() => {
      migrating = null; // concurrent callers share one run; a later call checks again
    });
    return migrating;
  }

  return {
    migrate,
    /** The custom packs: {id: pack JSON}. */
    async custom() {
      await migrate();
      return backend.all();
    },
    /** Settings as settings.load() gives them, with packs.custom read from the store. */
    async load() {
      await migrate();
      const s = await io.load();
      s.packs.custom = await backend.all();
      return s;
    },
    /**
     * Saves settings like settings.save(); packs.custom goes to the store (replacing what
     * is there), never to storage.local. Throws SettingsError, writing nothing, when invalid.
     */
    async save(patch) {
      await migrate();
      if (!patch.packs) return io.save(patch);
      const { settings, problems } = validate(patch);
      if (problems.length) throw new SettingsError(problems);
      await backend.replace(settings.packs.custom);
      return io.save({ ...patch, packs: { disabled: settings.packs.disabled, custom: {} } });
    },
  };
}

let shared = null;
/** The extension's pack store (IndexedDB); for extension pages and the background only. */
export function packStore() {
  shared ??= createPackStore(idbBackend());
  return shared;
}
