// Strategy range-text: setRangeText on a textarea or input, then an input event so page frameworks see the value.
// It always lands, but Ctrl+Z cannot undo it; it is the last resort for text controls.

/** Name of the strategy. */
export const name = 'range-text';

/** Applies to textarea and text inputs only. */
export function applies(session) {
  return typeof session.el.setRangeText === 'function';
}

/**
 * Insert replaces [start, end) of the control's value with text and puts the caret after it.
 * @param {import('../session.js').Session} session
 * @param {string} text
 * @param {{start:number, end:number}} range
 */
export function insert(session, text, range) {
  const el = session.el;
  el.setRangeText(text, range.start, range.end, 'end');
  el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: text }));
  return true;
}
