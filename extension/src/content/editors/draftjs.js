// Editor Draft.js: HubSpot's composer (draft-extend, draft-convert). Draft keeps its own EditorState and re-renders
// the DOM from it: text typed into its DOM behind its back is reverted, and it inserts at ITS selection, not the
// DOM's. So the flagged words are selected first and Draft is told at once (dom-tree.js select() fires
// selectionchange, which React turns into Draft's onSelect), then the text goes in as a paste, which Draft applies to
// its model over that selection and records as one undo step. Test page: test/fixtures/draftjs.html.

/** Kind names the editor. */
export const kind = 'draftjs';

/** Detect is true for Draft's content element (or anything inside Draft's root). */
export const detect = (host) => host.classList.contains('public-DraftEditor-content') || !!host.closest('.DraftEditor-root');

/** Order of insertion strategies (see strategies.js). */
export const order = ['paste', 'before-input'];
