// Package keys: one capturing keydown listener per served document that offers each key to the in-page features in
// priority order (placeholders, then panels, then the strip, then shortcuts). A feature that takes a key stops it,
// so the editor never sees it; every other key goes to the editor untouched. Only trusted keys (the agent's) count.
import { eachDocument } from './state.js';

const handlers = [];

/**
 * OnKey registers fn(e) → true when it handled the key. Higher priority runs first.
 * @param {number} priority
 * @param {(e: KeyboardEvent) => boolean} fn
 * @param {AbortSignal} signal
 */
export function onKey(priority, fn, signal) {
  const h = { priority, fn };
  handlers.push(h);
  handlers.sort((a, b) => b.priority - a.priority);
  signal.addEventListener('abort', () => handlers.splice(handlers.indexOf(h), 1), { once: true });
}

/**
 * Init installs the listener in every served document.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  eachDocument((doc, sig) => {
    doc.defaultView.addEventListener('keydown', (e) => {
      if (!e.isTrusted) return; // a page's synthetic key (Tab, Alt+Shift+S…) drives nothing
      if (e.isComposing || e.keyCode === 229) return; // IME composition owns the keys
      for (const h of handlers.slice()) {
        let took = false;
        try {
          took = h.fn(e);
        } catch (err) {
          console.debug('Sufler: key handler failed', err);
        }
        if (took) {
          e.preventDefault();
          e.stopImmediatePropagation();
          return;
        }
      }
    }, { capture: true, signal: sig });
  }, signal);
}

/** Plain is true for a key pressed without Ctrl, Alt or Meta (Shift allowed). */
export function plain(e) {
  return !e.ctrlKey && !e.altKey && !e.metaKey;
}
