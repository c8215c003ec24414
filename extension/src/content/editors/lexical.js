// Editor Lexical (Meta): handles beforeinput itself, through its own state and history.
// Lexical leaves the editor on Escape (rich-text blurs it), and an agent's Ctrl+Z then lands outside it. Chromium
// sends that undo to the editor root as a beforeinput 'historyUndo', which Lexical turns into its own UNDO_COMMAND;
// Firefox runs its native undo over the DOM Lexical manages instead, and Lexical rebuilds its state from what is left
// («Я не знаю…» became «Я» or «Яие таможни»): an agent loses the reply, with or without Sufler. attach() does what
// Chromium does, in both browsers: a trusted Ctrl+Z (Ctrl+Shift+Z) while nothing editable has focus goes to the
// Lexical editor the agent was last in, as that beforeinput. Test page: test/fixtures/lexical.html.

/** Kind names the editor. */
export const kind = 'lexical';

/** Detect is true for Lexical's root element. */
export const detect = (host) => host.getAttribute('data-lexical-editor') === 'true';

/** Order of insertion strategies (see strategies.js). */
export const order = ['before-input', 'exec-command', 'paste'];

const lastRoot = new WeakMap(); // document → the Lexical root the agent was in last

/**
 * Attach routes the agent's undo and redo keys, pressed while nothing editable has focus, to the Lexical editor
 * they were last in (see above), for the session's lifetime.
 * @param {import('../session.js').Session} session
 */
export function attach(session) {
  const { el, doc, win, signal } = session;
  const mine = () => lastRoot.set(doc, el);
  el.addEventListener('focusin', mine, { signal });
  if (el.contains(doc.activeElement)) mine();
  win.addEventListener('keydown', (e) => {
    if (!e.isTrusted || e.defaultPrevented || e.altKey || !(e.ctrlKey || e.metaKey) || e.key?.toLowerCase() !== 'z') return;
    if (lastRoot.get(doc) !== el || !el.isConnected || !nothingEditableFocused(doc)) return;
    e.preventDefault();
    el.dispatchEvent(new win.InputEvent('beforeinput', {
      bubbles: true, cancelable: true, composed: true, inputType: e.shiftKey ? 'historyRedo' : 'historyUndo',
    }));
  }, { signal });
}

// NothingEditableFocused is true when focus is on the page itself (body), not in a field or a control that has an
// undo of its own.
function nothingEditableFocused(doc) {
  const a = doc.activeElement;
  return !a || a === doc.body || a === doc.documentElement;
}
