// Editor Trix (Basecamp, Rails Action Text). Trix groups typing into one undo entry per block and 5-second window,
// and a DOM change made by execCommand joins the agent's typing: Ctrl+Z then took back the replacement AND what the
// agent typed before it. A paste is always an undo entry of its own in Trix ("Paste", never consolidated), applied to
// Trix's own selection, which dom-tree.js select() updates at once (Trix listens to selectionchange). So the text
// goes in as a paste, and Ctrl+Z restores exactly the text before it. Test page: test/fixtures/trix.html.

/** Kind names the editor. */
export const kind = 'trix';

/** Detect is true for the <trix-editor> element. */
export const detect = (host) => host.localName === 'trix-editor';

/** Order of insertion strategies (see strategies.js). */
export const order = ['paste', 'before-input', 'exec-command'];
