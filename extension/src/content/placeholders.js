// Package placeholders: the {{variables}} of a template, as fill-in fields the agent walks with Tab. Pure.

import { edit } from './spans.js';

const VAR = /\{\{\s*([\p{L}\p{N}_.-]+)\s*\}\}/gu;

/**
 * Find returns every {{variable}} in text as {name, start, end} (UTF-16 offsets), in order.
 * @param {string} text
 * @returns {{name:string, start:number, end:number}[]}
 */
export function find(text) {
  const out = [];
  for (const m of text.matchAll(VAR)) out.push({ name: m[1], start: m.index, end: m.index + m[0].length });
  return out;
}

/**
 * Next returns the placeholder to select after the caret at `from` inside the window [lo, hi) of the field's text
 * (where the template landed), wrapping around to the window's start; null when none is left.
 * @param {string} text the field's current text
 * @param {number} from caret offset
 * @param {number} lo window start
 * @param {number} hi window end (may have moved as the agent typed; clamped to the text)
 * @param {boolean} [backward] Shift+Tab walks back
 */
export function next(text, from, lo, hi, backward = false) {
  const all = find(text).filter((p) => p.start >= lo && p.end <= Math.min(hi, text.length));
  if (all.length === 0) return null;
  if (backward) {
    const before = all.filter((p) => p.end <= from);
    return before.length ? before[before.length - 1] : all[all.length - 1];
  }
  return all.find((p) => p.start >= from) ?? all[0];
}

/**
 * Typed follows the slot of a selected placeholder through one edit of the field's text: the slot is where the
 * placeholder stood, then what the agent typed over it. Returns the slot after the edit and where the typing ended,
 * or null when the edit was not typing into the slot (the agent went elsewhere).
 *
 * Why: an editor that keeps its own selection (Slate) types over the selection the page shows, then may put its
 * caret back where its own stale selection was — the end of the template — so the next letters land there. fill.js
 * uses the end this returns to put the caret back after the typed letters.
 * @param {{start:number, end:number}} slot
 * @param {string} before the text before the edit
 * @param {string} after the text after it
 * @returns {{slot: {start:number, end:number}, caret: number} | null}
 */
export function typed(slot, before, after) {
  if (before === after) return { slot: { ...slot }, caret: slot.end };
  const e = edit(before, after);
  const { start } = e;
  const removedEnd = start + e.removed;
  const insertedEnd = start + e.inserted;
  // The common prefix may reach into the slot («{{» typed over «{{name}}») or past it, as may the common tail:
  // the edit belongs to the slot when its changed part lies within the slot's bounds.
  if (start < slot.start || removedEnd > slot.end) return null;
  return { slot: { start: slot.start, end: slot.end + (after.length - before.length) }, caret: insertedEnd };
}
