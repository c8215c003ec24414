// Package offscreen is the Chromium offscreen document: it hosts the engine Worker and
// answers only messages addressed to it (target: 'sufler-offscreen'). Offscreen documents
// get no chrome.storage, so the packs to apply are asked from the background.
import { onMessage, sendMessage } from '../browser.js';
import { MSG, OFFSCREEN_TARGET } from '../shared/messages.js';
import { createEngineHost } from '../engine/host.js';

const host = createEngineHost({
  spawn: () => new Worker('engine/worker.js'),
  getConfig: async () => (await sendMessage({ type: MSG.engineConfig })) ?? { disabled: [], custom: {} },
  log: console.warn,
});

onMessage((msg) => {
  if (msg?.target !== OFFSCREEN_TARGET) return undefined;
  switch (msg.type) {
    case MSG.ping: return { ok: true };
    case MSG.engineRequest: return host.request(msg.req ?? {});
    case MSG.engineReload: return host.reload();
    case MSG.engineStatus: return host.status();
    default: return undefined;
  }
});

// Start at once: the document is created when the first request is on its way.
host.start();
