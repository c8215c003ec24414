// Package spans: keeps ranges of text (findings, ignored occurrences) attached to their words while the agent edits.
// Pure, so Node tests cover it.

/**
 * Edit returns the single edit that turns `before` into `after`: the common prefix and suffix are kept and the
 * middle replaced. Typing, deleting and pasting are all one such edit.
 * @param {string} before
 * @param {string} after
 * @returns {{start:number, removed:number, inserted:number}}
 */
export function edit(before, after) {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) tail++;
  return { start, removed: before.length - start - tail, inserted: after.length - start - tail };
}

/**
 * Rebase moves spans {start, end, …} from `before` to `after`. A span the edit touches is dropped: its words
 * changed, so whatever was said about them no longer holds. Spans before the edit stay, spans after it shift.
 * @template {{start:number, end:number}} S
 * @param {S[]} spans
 * @param {string} before
 * @param {string} after
 * @returns {S[]}
 */
export function rebase(spans, before, after) {
  if (before === after) return spans.slice();
  const e = edit(before, after);
  const delta = e.inserted - e.removed;
  const editEnd = e.start + e.removed;
  const out = [];
  for (const s of spans) {
    if (s.end < e.start || (s.end === e.start && e.removed === 0 && !isWordChar(after, e.start))) {
      out.push(s);
    } else if (s.start > editEnd || (s.start === editEnd && (e.removed > 0 || !isWordChar(after, e.start + e.inserted - 1)))) {
      out.push({ ...s, start: s.start + delta, end: s.end + delta });
    }
  }
  return out;
}

// Typing a letter right against a span extends its word, so the span no longer describes it.
function isWordChar(s, i) {
  const c = s[i];
  return c !== undefined && /[\p{L}\p{N}_-]/u.test(c);
}

/**
 * Stretch moves a window {start, end} (where a template landed) through an edit: edits inside it (typing over a
 * placeholder) grow or shrink it, edits before it shift it, edits after it leave it alone. Null when the edit
 * swallowed the whole window.
 * @param {{start:number, end:number}} w
 * @param {string} before
 * @param {string} after
 */
export function stretch(w, before, after) {
  if (before === after) return { ...w };
  const e = edit(before, after);
  const delta = e.inserted - e.removed;
  const editEnd = e.start + e.removed;
  if (editEnd <= w.start && !(e.removed === 0 && e.start === w.start && w.start < w.end)) {
    return { start: w.start + delta, end: w.end + delta };
  }
  if (e.start > w.end) return { ...w };
  if (e.start <= w.start && editEnd >= w.end && e.removed > 0) return null;
  return { start: Math.min(w.start, e.start), end: Math.max(e.start + e.inserted, w.end + delta) };
}
