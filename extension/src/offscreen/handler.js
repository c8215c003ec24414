// Package handler answers the offscreen document's messages: only those addressed to it
// (target: 'sufler-offscreen') and only from the extension's service worker. A content
// script could send the same message shape straight to every extension context; the
// engine must hear it only through the router, which checks who is asking.
import { MSG, OFFSCREEN_TARGET } from '../shared/messages.js';

/**
 * Returns handle(msg, sender) for browser.onMessage: a reply (or promise of one), or
 * undefined for messages it leaves alone. swURL is the service worker's URL
 * (runtime.getURL('background.js')); host is the engine host (src/engine/host.js).
 */
export function createOffscreenHandler(host, swURL) {
  return (msg, sender) => {
    if (msg?.target !== OFFSCREEN_TARGET) return undefined;
    if (!sender || sender.tab || sender.url !== swURL) return undefined; // not the service worker: no answer at all
    switch (msg.type) {
      case MSG.ping: return { ok: true };
      case MSG.engineRequest: return host.request(msg.req ?? {});
      case MSG.engineReload: return host.reload();
      case MSG.engineStatus: return host.status();
      case MSG.enginePacks: return host.packs(msg.msg ?? {});
      default: return undefined;
    }
  };
}
