// Editor TinyMCE: an iframe whose body is the editable root. The browser's typing path lands in its DOM and its undo
// manager, but TinyMCE would fold the edit into the agent's typing: an input event of type insertReplacementText
// (what a spellchecker fix sends) makes it close the current undo level first. Test page: test/fixtures/tinymce.html.

/** Kind names the editor. */
export const kind = 'tinymce';

/** Detect is true for TinyMCE's editable body (or inline root). */
export const detect = (host) => host.classList.contains('mce-content-body');

/** Order of insertion strategies (see strategies.js). */
export const order = ['exec-command', 'paste'];

/**
 * Boundary closes TinyMCE's current undo level, before and after an insertion.
 * @param {import('../session.js').Session} session
 */
export function boundary(session) {
  session.el.dispatchEvent(new session.win.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
}
