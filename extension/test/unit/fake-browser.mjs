// Package fake-browser installs a minimal in-memory globalThis.chrome (storage, runtime)
// so modules that go through src/browser.js can be unit-tested in Node.

/** Installs the fake and returns it; storage is a plain object you can inspect. */
export function installFakeChrome() {
  const storage = {};
  const storageListeners = [];
  const fake = {
    storage,
    writes: 0,
    runtime: {
      id: 'test-extension',
      sendMessage: async () => undefined,
      onMessage: { addListener() {}, removeListener() {} },
      getURL: (p) => `chrome-extension://test-extension/${p}`,
    },
    i18n: { getUILanguage: () => fake.uiLanguage ?? 'en-US' },
    storage_: null,
  };
  fake.storage = storage;
  fake.storageAPI = {
    local: {
      async get(keys) {
        const out = {};
        for (const k of keys ?? Object.keys(storage)) if (k in storage) out[k] = structuredClone(storage[k]);
        return out;
      },
      async set(items) {
        fake.writes++;
        const changes = {};
        for (const [k, v] of Object.entries(items)) {
          changes[k] = { oldValue: storage[k], newValue: v };
          storage[k] = structuredClone(v);
        }
        for (const l of storageListeners) l(changes, 'local');
      },
    },
    onChanged: {
      addListener: (l) => storageListeners.push(l),
      removeListener: (l) => { const i = storageListeners.indexOf(l); if (i >= 0) storageListeners.splice(i, 1); },
    },
  };
  globalThis.chrome = { runtime: fake.runtime, storage: fake.storageAPI, i18n: fake.i18n };
  return fake;
}
