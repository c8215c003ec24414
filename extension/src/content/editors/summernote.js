// Editor Summernote: FreeScout (0.8). A plain contenteditable with its own undo history that snapshots after input
// events, so the browser's typing path is faithful. Test page: test/fixtures/summernote.html.

/** Kind names the editor. */
export const kind = 'summernote';

/** Detect is true for Summernote's editable area. */
export const detect = (host) => host.classList.contains('note-editable');

/** Order of insertion strategies (see strategies.js). */
export const order = ['exec-command', 'paste'];
