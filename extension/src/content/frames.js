// Package frames: the documents this content script serves — its own, and same-origin frames that have no Sufler of
// their own (editor iframes such as TinyMCE's srcdoc frame, where the browser may not inject content scripts).
// Each document is claimed once, so two copies of Sufler never draw over the same field.

/**
 * EVENT asks a document "does a live copy of Sufler serve you?". A claim cannot be a property on the document: in
 * Firefox each frame's content script sees the DOM through its own Xray wrappers, so an expando set by the parent
 * frame's copy is invisible to the frame's own copy (two overlays, every underline drawn twice). A DOM event reaches
 * every copy's listeners synchronously: the serving copy answers by cancelling it. A page can see or answer it too;
 * answering only keeps Sufler out of that document, as the page's own opt-out would.
 */
export const EVENT = 'sufler:claim';

/** Served is true when a live copy of Sufler serves doc (its listener cancelled the question). */
export function served(doc) {
  const ev = new CustomEvent(EVENT, { cancelable: true });
  return !doc.dispatchEvent(ev);
}

/**
 * Claim marks doc as served by this copy until signal aborts. False when another live copy serves it.
 * @param {Document} doc
 * @param {AbortSignal} signal
 */
export function claim(doc, signal) {
  if (served(doc)) return false;
  doc.addEventListener(EVENT, (e) => e.preventDefault(), { signal });
  return true;
}

/**
 * Init serves the frame's own document and every same-origin child frame nobody else serves, now and as frames
 * appear or navigate: `serve(doc, signal)` runs once per document, with a signal that aborts when the document goes
 * away or the content script stops.
 * @param {AbortSignal} signal
 * @param {Document} doc
 * @param {(doc: Document, signal: AbortSignal) => void} serve
 */
export function init(signal, doc, serve) {
  if (!claim(doc, signal)) return;
  serve(doc, signal);
  const frames = new WeakMap(); // iframe element → AbortController of its current document

  const adopt = (iframe) => {
    let child = null;
    try {
      child = iframe.contentDocument;
    } catch {
      child = null; // cross-origin: served by its own content script, if any
    }
    const prev = frames.get(iframe);
    if (prev && prev.doc === child) return;
    prev?.ctrl.abort();
    if (!child || !child.documentElement) return;
    const ctrl = new AbortController();
    const sig = AbortSignal.any([signal, ctrl.signal]);
    frames.set(iframe, { doc: child, ctrl });
    // The frame's own content script may start later; if it already runs, it holds the claim and we step back.
    init(sig, child, serve);
  };

  const watch = (iframe) => {
    if (frames.has(iframe) || iframe.dataset?.suflerWatched) {
      adopt(iframe);
      return;
    }
    iframe.addEventListener('load', () => adopt(iframe), { signal });
    adopt(iframe);
  };

  for (const f of doc.querySelectorAll('iframe, frame')) watch(f);
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.localName === 'iframe' || n.localName === 'frame') watch(n);
        else if (n.querySelectorAll) for (const f of n.querySelectorAll('iframe, frame')) watch(f);
      }
    }
  });
  mo.observe(doc, { childList: true, subtree: true });
  signal.addEventListener('abort', () => mo.disconnect(), { once: true });
}
