// Editor Froala: Freshdesk's reply box. A contenteditable whose undo manager snapshots the DOM around input events, so
// the browser's typing path is faithful. Test page: test/fixtures/froala.html.

/** Kind names the editor. */
export const kind = 'froala';

/** Detect is true for Froala's editable element. */
export const detect = (host) => host.classList.contains('fr-element');

/** Order of insertion strategies (see strategies.js). */
export const order = ['exec-command', 'paste'];
