// Package trust: only the agent's own input drives Sufler. The browser marks events a person caused with
// event.isTrusted; a page's scripts can dispatch keys, clicks and input events but never trusted ones. This module
// remembers when the agent last pressed a key, pointed, pasted or dropped in a served document and in which field,
// so knowledge (suggestions, the badge's segment) shows only after the agent acted there, and wraps handlers so a
// synthetic event does nothing.
import { state, eachDocument, emit } from './state.js';
import { deepTarget } from './fields.js';

/** WINDOW (ms): how long after the agent's last key or click in a field its suggestions may still appear. */
export const WINDOW = 10_000;
/** FOCUS_WINDOW (ms): a field focused this soon after a trusted key or click elsewhere (Tab, a click on a label) counts as the agent's. */
export const FOCUS_WINDOW = 1_500;

const TYPES = ['keydown', 'pointerdown', 'mousedown', 'paste', 'drop', 'compositionend'];
let lastAny = -Infinity;

/**
 * Trusted wraps a handler so it runs only for events the agent caused.
 * @template {Event} E
 * @param {(e: E) => any} fn
 * @returns {(e: E) => any}
 */
export function trusted(fn) {
  return (e) => (e && e.isTrusted === true ? fn(e) : undefined);
}

/**
 * Recent is true when the agent acted in a session's field within ms.
 * @param {{trustedAt?: number}|null} session
 */
export function recent(session, ms = WINDOW) {
  return !!session && now() - (session.trustedAt ?? -Infinity) <= ms;
}

/** Acted is true when the agent has pressed a key, clicked, pasted or dropped in a session's field at least once. */
export function acted(session) {
  return !!session && Number.isFinite(session.trustedAt);
}

/** Touched is true when the agent has acted in a session's field at least once, or moved into it (adopt). */
export function touched(session) {
  return !!session && (Number.isFinite(session.trustedAt) || Number.isFinite(session.adoptedAt));
}

/**
 * Adopt marks a session the agent just focused (called when it becomes active) when a trusted key or click came just
 * before, since programmatic focus() is not the agent's doing. It shows the badge but does not make the session
 * recent: a page can move focus into a field of its own right after any key the agent presses (a Tab swallowed
 * there), so suggestions wait for the agent's own key, click, paste or drop in the field.
 */
export function adopt(session) {
  if (session && now() - lastAny <= FOCUS_WINDOW) {
    session.adoptedAt = now();
    emit('trusted', session);
  }
}

function mark(session) {
  session.trustedAt = now();
  emit('trusted', session);
}

function now() {
  return performance.now();
}

/**
 * Init listens for the agent's input in every served document.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  eachDocument((doc, sig) => {
    const win = doc.defaultView;
    for (const type of TYPES) {
      win.addEventListener(type, (e) => {
        if (!e.isTrusted) return;
        lastAny = now();
        const s = state.active;
        if (!s || s.doc !== doc) return;
        const t = deepTarget(e);
        if (t && (t === s.el || s.el.contains(t))) mark(s);
      }, { capture: true, passive: true, signal: sig });
    }
  }, signal);
}
