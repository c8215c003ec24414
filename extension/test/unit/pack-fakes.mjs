// Fakes shared by the pack unit tests: the pack store over a Map instead of IndexedDB.
import { createPackStore } from '../../src/shared/pack-store.js';

/** A Map-backed backend with the IndexedDB backend's methods; values are structured-cloned as IndexedDB does. */
export function mapBackend(map = new Map()) {
  return {
    map,
    async all() { return Object.fromEntries([...map].map(([k, v]) => [k, structuredClone(v)])); },
    async get(id) { return map.has(id) ? structuredClone(map.get(id)) : undefined; },
    async put(id, v) { map.set(id, structuredClone(v)); },
    async delete(id) { map.delete(id); },
    async update(id, fn) {
      const next = fn(map.has(id) ? structuredClone(map.get(id)) : undefined);
      if (next === undefined) return false;
      map.set(id, structuredClone(next));
      return true;
    },
  };
}

/** A pack store holding packs {id: json} (records of the first version: bare JSON). */
export function memoryStore(packs = {}, local = {}) {
  const backend = mapBackend(new Map(Object.entries(packs)));
  const io = {
    storageGet: async (keys) => Object.fromEntries(keys.filter((k) => k in local).map((k) => [k, structuredClone(local[k])])),
    storageSet: async (items) => { Object.assign(local, structuredClone(items)); },
  };
  return Object.assign(createPackStore(backend, io), { backend, local });
}
