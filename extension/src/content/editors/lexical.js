// Editor Lexical (Meta): handles beforeinput itself, through its own state and history.
// Test page: test/fixtures/lexical.html.

/** Kind names the editor. */
export const kind = 'lexical';

/** Detect is true for Lexical's root element. */
export const detect = (host) => host.getAttribute('data-lexical-editor') === 'true';

/** Order of insertion strategies (see strategies.js). */
export const order = ['before-input', 'exec-command', 'paste'];
