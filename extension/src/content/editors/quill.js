// Editor Quill: reads DOM mutations back into its Delta; its history folds edits within a second into one step.
// Test page: test/fixtures/quill.html.

/** Kind names the editor. */
export const kind = 'quill';

/** Detect is true for Quill's editable root. */
export const detect = (host) => host.classList.contains('ql-editor');

/** Order of insertion strategies (see strategies.js). */
export const order = ['exec-command', 'paste'];
