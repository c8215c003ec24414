// Package hub-store keeps what the team hub delivered, where only the extension reads it:
// the last update the engine accepted (signed manifest, signature, files) in the extension
// origin's IndexedDB, so the engine gets it back after a restart without asking the hub;
// and the hub's configuration and status (version in use, last check, last error) in
// storage.local, where the options page watches them. Extension pages and the background
// only: content scripts never import it (IndexedDB there would be the web page's).
import { storageGet, storageSet, managedGet } from '../browser.js';
import { idbObjectStore } from './pack-store.js';
import { HUB_KEY, effectiveHubConfig } from './hub-config.js';

const DB = 'sufler-hub';
const STORE = 'hub';
const BUNDLE = 'bundle';

/** Storage key of the status the poller writes and options shows. */
export const STATUS_KEY = 'hubStatus';

/** Policy names (storage.managed), as in the Chromium managed_schema and Firefox's policies.json. */
export const POLICY = Object.freeze({ url: 'hubUrl', channel: 'hubChannel', keys: 'hubKeys', pollSeconds: 'hubPollSeconds' });

/** The configuration in effect: {config, managed, problems} (hub-config.js). */
export async function readHubConfig() {
  const policy = await managedGet(Object.values(POLICY));
  const managed = {};
  for (const [field, name] of Object.entries(POLICY)) if (policy[name] !== undefined) managed[field] = policy[name];
  const local = (await storageGet([HUB_KEY]))[HUB_KEY];
  return effectiveHubConfig(managed, local);
}

/** Saves the options page's configuration (raw; checked by readHubConfig's reader). */
export function saveLocalHubConfig(raw) {
  return storageSet({ [HUB_KEY]: raw });
}

/** The status: {serial, packs: [{id, version}], lastCheck, lastError, errorAt}. */
export async function readHubStatus() {
  return (await storageGet([STATUS_KEY]))[STATUS_KEY] ?? {};
}

/** Merges fields into the status. */
export async function writeHubStatus(patch) {
  const cur = await readHubStatus();
  await storageSet({ [STATUS_KEY]: { ...cur, ...patch } });
}

/**
 * IdbHubStore holds one bundle: {url, channel, etag, manifest, signature, files: {"id/name":
 * Uint8Array}}. get() → bundle or null; put(bundle); clear().
 */
export function idbHubStore(idb = globalThis.indexedDB) {
  const store = idbObjectStore(idb, DB, STORE, 'hub store');
  const run = async (mode, fn) => (await store(mode, fn))?.result;
  return {
    get: async () => (await run('readonly', (s) => s.get(BUNDLE))) ?? null,
    put: (bundle) => run('readwrite', (s) => { s.put(bundle, BUNDLE); }),
    clear: () => run('readwrite', (s) => { s.clear(); }),
  };
}

let shared = null;
/** The extension's hub store (IndexedDB). */
export function hubStore() {
  shared ??= idbHubStore();
  return shared;
}
