// Package offscreen is the Chromium offscreen document: it hosts the engine Worker and
// answers the engine envelopes the service worker passes on (handler.js). Offscreen
// documents get no chrome.storage, so the packs to apply are asked from the background.
import { onMessage, sendMessage, getURL } from '../browser.js';
import { MSG } from '../shared/messages.js';
import { createEngineHost } from '../engine/host.js';
import { createOffscreenHandler } from './handler.js';

const host = createEngineHost({
  spawn: () => new Worker('engine/worker.js'),
  getConfig: async () => (await sendMessage({ type: MSG.engineConfig })) ?? { disabled: [], custom: {} },
  log: console.warn,
});

onMessage(createOffscreenHandler(host, getURL('background.js')));

// Start at once: the document is created when the first request is on its way.
host.start();
