// Strategy exec-command: the browser's own typing path. document.execCommand('insertText') replaces the selection
// as if the agent typed, fires beforeinput/input that editors (ProseMirror, CKEditor, Quill, TinyMCE) handle, and
// lands on the native undo stack, so Ctrl+Z restores the original.

/** Name of the strategy. */
export const name = 'exec-command';

/** Applies to any field whose document still supports execCommand. */
export function applies(session) {
  return typeof session.doc.execCommand === 'function';
}

/**
 * Insert replaces the current selection with text.
 * @param {import('../session.js').Session} session
 * @param {string} text
 */
export function insert(session, text) {
  // An empty replacement means "remove the words": 'delete' is the typing path for that.
  return session.doc.execCommand(text === '' ? 'delete' : 'insertText', false, text);
}
