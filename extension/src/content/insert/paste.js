// Strategy paste: a synthetic paste event carrying text/plain. Draft.js only changes its model through its own
// handlers (typing into its DOM is reverted), and every rich editor turns pasted lines into paragraphs, so this is
// the path for Draft.js and for multi-line templates.
import { currentRange } from '../dom-tree.js';
import { pasteEvent } from './data-transfer.js';

/** Name of the strategy. */
export const name = 'paste';

/** Applies to contenteditable fields. */
export function applies(session) {
  return session.kind !== 'textarea' && session.kind !== 'input';
}

/**
 * Insert pastes text over the current selection; true when the editor handled the paste.
 * @param {import('../session.js').Session} session
 * @param {string} text
 */
export function insert(session, text) {
  const win = session.win;
  const r = currentRange(session.el);
  const el = r ? (r.startContainer.nodeType === 1 ? r.startContainer : r.startContainer.parentElement) : session.el;
  const ev = pasteEvent(win, text);
  el.dispatchEvent(ev);
  return ev.defaultPrevented;
}
