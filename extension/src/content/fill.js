// Package fill: after a template goes in, its {{variables}} become fill-in fields — the first one is selected,
// typing replaces it, Tab (Shift+Tab) walks to the next (previous) one, Esc or running out of them ends it.
import { next, find, typed } from './placeholders.js';
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
    const was = before;
    const moved = stretch(current?.window ?? w, before, now);
    before = now;
    if (!current) return;
    if (!moved) stop();
    else current.window = moved;
    if (current?.slot) keepCaret(was, now);
  }, { signal: ctrl.signal });
  current = { session, window: w, slot: null, off: () => ctrl.abort() };
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
  current.slot = { start: p.start, end: p.end };
  s.surface.select(p.start, p.end);
  return true;
}

// KeepCaret follows the agent's typing over the selected placeholder and, when the editor has thrown the caret out of
// it after a letter went in (Slate puts back the selection its model had — the template's end — when that model had
// not yet taken ours), puts the caret back after the letters typed, so the next ones land there too.
function keepCaret(before, now) {
  const r = typed(current.slot, before, now);
  current.slot = r?.slot ?? null;
  if (!r) return;
  const sel = current.session.surface.selection();
  if (sel && (sel.end < r.slot.start || sel.start > r.slot.end)) current.session.surface.select(r.caret, r.caret);
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
    // The next placeholder is chosen a frame later: an editor that renders on the next frame (Trix) still shows
    // the text before the last letters typed, so offsets read now would point into stale text, and the editor,
    // rendering, would put back the caret its model had — the next letters would land after the last ones.
    const s = current.session;
    const back = e.shiftKey;
    s.win.requestAnimationFrame(() => {
      if (current?.session !== s) return;
      const sel = s.surface.selection();
      go(back, sel ? (back ? sel.start : sel.end) : current.window.start);
    });
    return true;
  }, signal);
  signal.addEventListener('abort', stop, { once: true });
}
