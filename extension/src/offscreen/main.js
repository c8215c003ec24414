// Package offscreen is the Chromium offscreen document: it hosts the engine Worker and
// answers the engine envelopes the service worker passes on (handler.js).
import { onMessage, sendMessage, getURL } from '../browser.js';
import { MSG } from '../shared/messages.js';
import { createEngineHost } from '../engine/host.js';
import { createOffscreenHandler } from './handler.js';
import { hostPackStore } from '../shared/pack-store.js';

// The document is an extension page: it opens the extension's IndexedDB, where the custom
// packs and their index images live, itself. Settings (built-in packs switched off) come
// from the background: offscreen documents get no chrome.storage.
const host = createEngineHost({
  spawn: () => new Worker('engine/worker.js'),
  store: hostPackStore(),
  getConfig: async () => (await sendMessage({ type: MSG.engineConfig })) ?? { disabled: [] },
  log: console.warn,
});

onMessage(createOffscreenHandler(host, getURL('background.js')));

// Start at once: the document is created when the first request is on its way.
host.start();
