// Editor CKEditor 5: Zendesk Agent Workspace, Request Tracker 6. Its typing observer turns beforeinput
// insertReplacementText into a model change on its own undo stack. Test page: test/fixtures/ckeditor5.html.

/** Kind names the editor. */
export const kind = 'ckeditor5';

/** Detect is true for CKEditor 5's editable root. */
export const detect = (host) => host.classList.contains('ck-editor__editable');

/** Order of insertion strategies (see strategies.js). */
export const order = ['before-input', 'exec-command', 'paste'];
