// Editor CKEditor 4: Request Tracker 5 (4.13 in Debian's RT 5.0.3). The classic editor is a <body class="cke_editable">
// in an iframe; inline editors are a div with the same class. CKEditor 4 watches the DOM and snapshots it for undo on
// its own, so the browser's typing path lands on its undo stack. Test page: test/fixtures/ckeditor4.html.

/** Kind names the editor. */
export const kind = 'ckeditor4';

/** Detect is true for CKEditor 4's editable body or inline div. */
export const detect = (host) => host.classList.contains('cke_editable');

/** Order of insertion strategies (see strategies.js). */
export const order = ['exec-command', 'paste'];
