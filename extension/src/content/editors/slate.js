// Editor Slate (slate-react): handles beforeinput itself and takes the target range from getTargetRanges(), so a
// replacement lands on the words even before its throttled selection handler has run. Test page:
// test/fixtures/slate.html.

/** Kind names the editor. */
export const kind = 'slate';

/** Detect is true for Slate's editable root. */
export const detect = (host) => host.getAttribute('data-slate-editor') === 'true';

/** Order of insertion strategies (see strategies.js). */
export const order = ['before-input', 'paste'];
