// Package strategies: which insertion strategies to try, in order, for each kind of field. Pure; the strategies
// themselves live in insert/ (one module each); each rich editor's order lives in its own module in editors/.
import { EDITORS } from './editors/index.js';

/**
 * ORDER lists, per field kind, the insertion strategies to try. Each one goes through the editor's own input path so
 * that its model, its undo stack and the page's listeners see an ordinary edit; the next one is tried only when the
 * text read back shows nothing happened. `range-text` (setRangeText) is last for text controls: it works
 * everywhere but Ctrl+Z cannot undo it.
 */
export const ORDER = {
  textarea: ['exec-command', 'range-text'],
  input: ['exec-command', 'range-text'],
  contenteditable: ['exec-command', 'before-input', 'paste'],
  ...Object.fromEntries(EDITORS.map((e) => [e.kind, e.order])),
};

/**
 * Choose returns the strategy names to try for a field kind, most faithful first. Unknown kinds are treated as
 * plain contenteditable. `skip` removes strategies that already failed for this field (they are not retried on
 * every insertion).
 * @param {string} kind
 * @param {Iterable<string>} [skip]
 * @returns {string[]}
 */
export function choose(kind, skip = [], { multiline = false } = {}) {
  const bad = new Set(skip);
  let order = ORDER[kind] ?? ORDER.contenteditable;
  // Several lines go in best as a paste: rich editors turn pasted lines into paragraphs, while insertText would
  // leave raw newlines inside one paragraph.
  if (multiline && order.includes('paste') && kind !== 'textarea' && kind !== 'input') {
    order = ['paste', ...order.filter((s) => s !== 'paste')];
  }
  const left = order.filter((s) => !bad.has(s));
  return left.length ? left : order.slice(-1);
}

/**
 * Expected returns the text a field must hold after replacing [start, end) with `text`: the read-back check.
 * Editors that keep a trailing newline (Quill) or turn spaces into NBSP compare equal through `same`.
 * @param {string} before
 * @param {number} start
 * @param {number} end
 * @param {string} text
 */
export function expected(before, start, end, text) {
  return before.slice(0, start) + text + before.slice(end);
}

/**
 * Same compares two field texts the way an agent reads them: NBSP is a space, a run of line breaks is one (an empty
 * paragraph is not a change of words), and a trailing newline does not matter (several editors add it).
 * @param {string} a
 * @param {string} b
 */
export function same(a, b) {
  const n = (s) => s.replace(/\u00a0/g, ' ').replace(/\r\n?/g, '\n').replace(/[ \t]*\n[\s]*/g, '\n').replace(/\n$/, '');
  return n(a) === n(b);
}
