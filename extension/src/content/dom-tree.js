// Package dom-tree: the live-DOM adapter text-model.js walks, and the selection helpers that work inside open
// shadow roots.
import { BLOCK_TAGS, build } from './text-model.js';

const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'DEL', 'DFN', 'EM', 'FONT', 'I', 'IMG', 'INS', 'KBD',
  'LABEL', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRIKE', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR',
]);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'HEAD', 'TITLE', 'META', 'LINK']);
// Editor chrome that lives inside the editable root but is not reply text.
const SKIP_SELECTOR = [
  '[data-sufler-ui]', '.ck-widget__type-around', '.ck-fake-selection-container', '.ql-clipboard', '.ql-cursor',
  '.ProseMirror-widget', '[data-lexical-decorator="true"] [contenteditable="false"]', '.mce-offscreen-selection',
].join(',');

/**
 * Tree returns the text-model adapter for the DOM of one document. Computed styles are read only for tags whose
 * display is not known from the tag, and cached for the duration of one build.
 */
export function tree() {
  const display = new Map();
  const space = new Map();
  const styleOf = (el) => el.ownerDocument.defaultView.getComputedStyle(el);
  const displayOf = (el) => {
    let d = display.get(el);
    if (d === undefined) {
      d = styleOf(el).display;
      display.set(el, d);
    }
    return d;
  };
  return {
    isText: (n) => n.nodeType === 3,
    textOf: (n) => n.nodeValue,
    children: (n) => Array.from(n.childNodes),
    isBreak: (n) => n.nodeType === 1 && n.tagName === 'BR',
    isBlock: (n) => {
      if (n.nodeType !== 1) return false;
      if (BLOCK_TAGS.has(n.tagName)) return true;
      if (INLINE_TAGS.has(n.tagName)) return false;
      const d = displayOf(n);
      return !(d.startsWith('inline') || d === 'contents' || d === 'none');
    },
    isSkipped: (n) => {
      if (n.nodeType === 3) {
        // Source-formatting whitespace between blocks ("\n    ") is not text unless the element keeps whitespace.
        if (!/^[ \t\r\n]*$/.test(n.nodeValue) || !n.nodeValue.includes('\n')) return false;
        const p = n.parentElement;
        if (!p) return false;
        let ws = space.get(p);
        if (ws === undefined) {
          ws = styleOf(p).whiteSpace;
          space.set(p, ws);
        }
        return !(ws.startsWith('pre') || ws === 'break-spaces');
      }
      if (n.nodeType !== 1) return true; // comments, processing instructions
      if (SKIP_TAGS.has(n.tagName) || n.hidden) return true;
      if (n.matches(SKIP_SELECTOR)) return true;
      return !INLINE_TAGS.has(n.tagName) && !BLOCK_TAGS.has(n.tagName) && displayOf(n) === 'none';
    },
  };
}

/**
 * Model builds the text model of an editing host.
 * @param {Element} host
 */
export function model(host) {
  return build(host, tree());
}

/**
 * SelectionOf returns the Selection that reports positions inside host's tree: Chromium's ShadowRoot.getSelection
 * for hosts in shadow roots, else the document's.
 * @param {Element} host
 * @returns {Selection|null}
 */
export function selectionOf(host) {
  const root = host.getRootNode();
  if (root && root.host && typeof root.getSelection === 'function') return root.getSelection();
  return host.ownerDocument.getSelection();
}

/**
 * CurrentRange returns the selection's first range when it lies inside host, else null. Uses getComposedRanges
 * where ShadowRoot.getSelection is missing (Firefox).
 * @param {Element} host
 * @returns {{startContainer: Node, startOffset: number, endContainer: Node, endOffset: number}|null}
 */
export function currentRange(host) {
  const sel = selectionOf(host);
  if (!sel || sel.rangeCount === 0) return null;
  const root = host.getRootNode();
  let r = sel.getRangeAt(0);
  if (root && root.host && !host.contains(r.startContainer) && typeof sel.getComposedRanges === 'function') {
    [r] = sel.getComposedRanges({ shadowRoots: [root] });
  }
  if (!r || !host.contains(r.startContainer) || !host.contains(r.endContainer)) return null;
  return r;
}

/**
 * Select puts the selection on [a, b] (DOM positions) so the editor, which listens to selectionchange, moves its
 * own selection there too. The browser fires selectionchange only in a later task, so an insertion made right after
 * would land at the editor's old selection (Draft.js, Trix and Slate keep their own): Select tells the editor at
 * once, as the browser's event will again later.
 * @param {Element} host
 * @param {{node: Node, offset: number}} a
 * @param {{node: Node, offset: number}} b
 */
export function select(host, a, b) {
  const sel = selectionOf(host);
  if (!sel) return false;
  sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
  const doc = host.ownerDocument;
  doc.dispatchEvent(new doc.defaultView.Event('selectionchange'));
  hold(host, a, b);
  return true;
}

// Hold puts the selection back if the editor moves it in the next moments while nothing else happens: Slate, after
// a change, may restore the selection it had before ours from a throttled handler. The agent's key or click, any
// change of the field's DOM, or ~250 ms end the hold, so it never fights the agent or lands on changed text.
function hold(host, a, b) {
  const doc = host.ownerDocument;
  const win = doc.defaultView;
  const ctrl = new AbortController();
  const stop = () => ctrl.abort();
  for (const t of ['keydown', 'mousedown', 'pointerdown']) doc.addEventListener(t, stop, { capture: true, signal: ctrl.signal });
  const mo = new win.MutationObserver(stop);
  mo.observe(host, { subtree: true, childList: true, characterData: true });
  ctrl.signal.addEventListener('abort', () => mo.disconnect(), { once: true });
  let checks = 0;
  const check = () => {
    if (ctrl.signal.aborted) return;
    const sel = selectionOf(host);
    const r = sel && sel.rangeCount ? sel.getRangeAt(0) : null;
    const kept = r && r.startContainer === a.node && r.startOffset === a.offset && r.endContainer === b.node && r.endOffset === b.offset;
    if (!kept && r && host.contains(a.node) && host.contains(b.node) && (host.contains(r.startContainer) || r.startContainer === host)) {
      sel.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
      doc.dispatchEvent(new win.Event('selectionchange'));
    } else if (kept && checks < 2) {
      // Said again: an editor busy putting its own selection on the page when the first word came (Slate, right
      // after it rendered) ignores it, and would type the next letter over our selection, then jump back to its own.
      doc.dispatchEvent(new win.Event('selectionchange'));
    }
    if (++checks < 5) win.setTimeout(check, 50);
    else stop();
  };
  win.setTimeout(check, 30);
}
