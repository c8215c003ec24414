// Strategy before-input: an InputEvent 'beforeinput' of type insertReplacementText (what a spellchecker sends) with
// the target range. Editors built on beforeinput (Lexical, Slate, CKEditor 5, Trix) apply it through their own
// model and undo stack; an editor that ignores it leaves the text unchanged and the next strategy is tried.
import { currentRange } from '../dom-tree.js';
import { textTransfer } from './data-transfer.js';

/** Name of the strategy. */
export const name = 'before-input';

/** Applies to contenteditable fields. */
export function applies(session) {
  return session.kind !== 'textarea' && session.kind !== 'input';
}

/**
 * Insert dispatches beforeinput for the current selection; true when the editor took it (prevented the default).
 * @param {import('../session.js').Session} session
 * @param {string} text
 */
export function insert(session, text) {
  const win = session.win;
  const r = currentRange(session.el);
  if (!r) return false;
  const target = new win.StaticRange({
    startContainer: r.startContainer, startOffset: r.startOffset, endContainer: r.endContainer, endOffset: r.endOffset,
  });
  const dt = textTransfer(win, text);
  const el = r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentElement;
  const ev = new win.InputEvent('beforeinput', {
    bubbles: true, cancelable: true, composed: true, inputType: 'insertReplacementText', data: text,
    dataTransfer: dt, targetRanges: [target],
  });
  (el ?? session.el).dispatchEvent(ev);
  return ev.defaultPrevented;
}
