// Package handler answers the offscreen document's messages: the engine envelopes (protocol.js), and only from the
// extension's service worker. A content script's runtime messages reach every extension context, this document
// included, and carry the very same envelopes; the engine must hear them only through the router, which checks who
// is asking, so anything not sent by the service worker gets no answer at all.
import { MSG } from '../shared/messages.js';

/**
 * Returns handle(msg, sender) for browser.onMessage: a reply (or promise of one), or
 * undefined for messages it leaves alone. swURL is the service worker's URL
 * (runtime.getURL('background.js')); host is the engine host (src/engine/host.js).
 */
export function createOffscreenHandler(host, swURL) {
  return (msg, sender) => {
    if (!msg || typeof msg !== 'object') return undefined;
    if (!sender || sender.tab || sender.url !== swURL) return undefined; // not the service worker: no answer at all
    switch (msg.type) {
      case MSG.api: return host.request(msg);
      case MSG.cancel: return host.cancel(msg);
      case MSG.packs: return host.packs(msg);
      case MSG.reload: return host.reload();
      case MSG.status: return host.status();
      default: return undefined;
    }
  };
}
