// Package fill: after a template goes in, its {{variables}} become fill-in fields — the first one is selected,
// typing replaces it, Tab (Shift+Tab) walks to the next (previous) one, Esc or running out of them ends it.
import { next, find } from './placeholders.js';
import { stretch } from './spans.js';
import { onKey, plain } from './keys.js';
import { state } from './state.js';

let current = null; // {session, window: {start, end}, off}

/**
 * Start selects the first placeholder of text that just landed at [start, end) of a session.
 * @returns {boolean} true when there were placeholders to fill
 */
export function start(session, start, end) {
  stop();
  const text = session.surface.text();
  if (!find(text.slice(start, end)).length) return false;
  const ctrl = new AbortController();
  const w = { start, end };
  let before = text;
  session.addEventListener('change', () => {
    const now = session.text;
    const moved = stretch(current?.window ?? w, before, now);
    before = now;
    if (!current) return;
    if (!moved) stop();
    else current.window = moved;
  }, { signal: ctrl.signal });
  current = { session, window: w, off: () => ctrl.abort() };
  return go(false, start);
}

/** Stop ends filling. */
export function stop() {
  current?.off();
  current = null;
}

/** Active is true while a template's placeholders are being filled. */
export function active() {
  return !!current;
}

function go(backward, from) {
  const s = current.session;
  const text = s.surface.text();
  const p = next(text, from, current.window.start, current.window.end, backward);
  if (!p) {
    const end = Math.min(current.window.end, text.length);
    stop();
    s.surface.select(end, end);
    return false;
  }
  s.surface.select(p.start, p.end);
  return true;
}

/**
 * Init takes Tab, Shift+Tab and Escape while filling.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  onKey(100, (e) => {
    if (!current || state.active !== current.session) return false;
    if (e.key === 'Escape' && plain(e)) {
      stop();
      return true;
    }
    if (e.key !== 'Tab' || !plain(e)) return false;
    const sel = current.session.surface.selection();
    const from = sel ? (e.shiftKey ? sel.start : sel.end) : current.window.start;
    go(e.shiftKey, from);
    return true;
  }, signal);
  signal.addEventListener('abort', stop, { once: true });
}
