// Package data-transfer: the DataTransfer a synthetic paste or beforeinput carries. Firefox tags each item with the
// principal of the code that set it, and a page cannot read data its content script set (getData() answers "" to
// the editor: Trix then deleted the flagged words and put nothing in, Draft.js and Slate ignored the paste). Made and
// filled through the page's own constructor (wrappedJSObject, Firefox only), the data is the page's to read — it is
// the text being inserted into that page, nothing more. Chromium has no such tagging and no wrappedJSObject.

/**
 * TextTransfer returns a DataTransfer holding text as text/plain, readable by the page's editor.
 * @param {Window} win the field's window
 * @param {string} text
 */
export function textTransfer(win, text) {
  const page = win.wrappedJSObject ?? win;
  const dt = new page.DataTransfer();
  dt.setData('text/plain', text);
  return dt;
}

/**
 * PasteEvent returns a synthetic paste event carrying text as text/plain, readable by the page's editor. Firefox's
 * ClipboardEvent ignores an init's clipboardData and fills its own from the (Firefox-only) dataType and data members,
 * with the principal of the code that constructs it: so in Firefox the page's own constructor builds it.
 * @param {Window} win the field's window
 * @param {string} text
 */
export function pasteEvent(win, text) {
  const init = { bubbles: true, cancelable: true, composed: true };
  const page = win.wrappedJSObject;
  if (page && typeof globalThis.cloneInto === 'function') {
    return new page.ClipboardEvent('paste', globalThis.cloneInto({ ...init, dataType: 'text/plain', data: text }, win));
  }
  return new win.ClipboardEvent('paste', { ...init, clipboardData: textTransfer(win, text) });
}
