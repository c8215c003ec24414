// Package placeholders: the {{variables}} of a template, as fill-in fields the agent walks with Tab. Pure.

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
