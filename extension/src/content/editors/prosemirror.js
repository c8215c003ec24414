// Editor ProseMirror: TipTap (Zammad), Chatwoot, Jira (Atlassian Editor), Yandex Tracker (@gravity-ui/markdown-editor).
// It reads every DOM change back into its own state and takes beforeinput/execCommand as typing, so the browser's own
// typing path is the most faithful. Test pages: test/fixtures/tiptap.html, test/fixtures/prosemirror.html,
// test/fixtures/gravity.html (the gravity-ui editor itself; its markup mode is CodeMirror 6, a plain contenteditable here).

/** Kind names the editor. */
export const kind = 'prosemirror';

/** Detect is true for ProseMirror's editable root. */
export const detect = (host) => host.classList.contains('ProseMirror');

/** Order of insertion strategies (see strategies.js). */
export const order = ['exec-command', 'paste'];
