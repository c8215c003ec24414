// Package undo-boundary: closes the editor's current undo step around an insertion, for editors whose own undo
// manager would otherwise fold Sufler's edit into the agent's typing (then Ctrl+Z would take back the typing too).
// TinyMCE adds an undo level on an input event of type insertReplacementText (what a spellchecker fix sends).

/** Hooks by field kind: called before and after an insertion. */
const HOOKS = {
  tinymce(session) {
    const body = session.el;
    body.dispatchEvent(new session.win.InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
  },
};

/**
 * Boundary ends the editor's current undo step, if its kind needs it.
 * @param {import('../session.js').Session} session
 */
export function boundary(session) {
  HOOKS[session.kind]?.(session);
}
