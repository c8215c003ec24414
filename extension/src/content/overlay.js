// Package overlay: the one element Sufler adds to a page — a shadow-root host pinned over the viewport that draws
// underlines and holds the card, strip, badge and menus. It never touches the editor's DOM, lets every pointer event
// through except on its panels, and carries data-sufler="off" so Sufler never treats its own inputs as fields.
import { CSS } from './styles.js';

const overlays = new WeakMap();

/** HOST_STYLE pins the host over the viewport; inline and !important, so the page's style sheets cannot move it. */
const HOST_STYLE = [
  'all: initial !important', 'position: fixed !important', 'left: 0 !important', 'top: 0 !important',
  'width: 0 !important', 'height: 0 !important', 'overflow: visible !important', 'display: block !important',
  'z-index: 2147483647 !important', 'pointer-events: none !important', 'contain: style !important',
].join(';');

/** The host's own attributes; guard puts them back and removes any other a page sets (hidden, inert, a class). */
const HOST_ATTRS = { style: HOST_STYLE, 'data-sufler': 'off', 'data-sufler-ui': '' };

/**
 * Guard puts the host's attributes back whenever a page script changes them: a page that hides the overlay
 * (opacity: 0) could otherwise let the agent act on panels they cannot see, and one that restyles it could
 * measure them. The styles inside (styles.js) do not inherit from the host, so what a page changes before
 * the guard runs (at the end of its task) moves nothing it could measure.
 */
function guard(host) {
  const own = () => {
    for (const a of host.getAttributeNames()) if (!Object.hasOwn(HOST_ATTRS, a)) host.removeAttribute(a);
    for (const [a, v] of Object.entries(HOST_ATTRS)) if (host.getAttribute(a) !== v) host.setAttribute(a, v);
  };
  own();
  new MutationObserver(own).observe(host, { attributes: true });
}

/**
 * OverlayFor returns the overlay of a document, creating it on first use.
 * @param {Document} doc
 * @returns {Overlay}
 */
export function overlayFor(doc) {
  let o = overlays.get(doc);
  if (!o) {
    o = new Overlay(doc);
    overlays.set(doc, o);
  }
  o.attach();
  return o;
}

/** DropOverlay removes a document's overlay (when Sufler stops). */
export function dropOverlay(doc) {
  overlays.get(doc)?.remove();
  overlays.delete(doc);
}

/** Overlay is the shadow host of one document. */
export class Overlay {
  constructor(doc) {
    this.doc = doc;
    this.host = doc.createElement('sufler-overlay');
    guard(this.host); // sets its attributes (data-sufler="off", data-sufler-ui, the style) and keeps them
    // Closed: page scripts cannot reach the panels (template text, rule messages, segment titles) through the host.
    this.root = this.host.attachShadow({ mode: 'closed' });
    this.layers = new Map();
    const style = doc.createElement('style');
    style.textContent = CSS;
    this.marks = doc.createElement('div');
    this.marks.className = 'marks';
    this.ui = doc.createElement('div');
    this.ui.className = 'ui';
    this.measure = doc.createElement('div');
    this.measure.setAttribute('aria-hidden', 'true');
    this.live = doc.createElement('div');
    this.live.setAttribute('role', 'status');
    this.live.setAttribute('aria-live', 'polite');
    this.live.setAttribute('style', 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)');
    this.root.append(style, this.marks, this.ui, this.measure, this.live);
  }

  /** Announce tells screen-reader users what changed (a panel opened, an option became active). */
  announce(text) {
    const span = this.doc.createElement('span');
    span.dataset.t = text; // generated content, like every text in panels (panel.js text())
    this.live.replaceChildren(span);
  }

  /** Attach puts the host back if a page script removed or replaced it. */
  attach() {
    if (!this.host.isConnected && this.doc.documentElement) this.doc.documentElement.appendChild(this.host);
  }

  /**
   * Draw replaces the underlines of one field (key): one bar per line rect of each finding, plus a soft highlight for the active one.
   * @param {{id: string, severity: string, rects: {left:number, top:number, right:number, bottom:number}[], active?: boolean, data?: Record<string,string>}[]} items
   */
  draw(key, items) {
    this.attach();
    const layer = this.layerOf(key);
    const frag = this.doc.createDocumentFragment();
    for (const it of items) {
      for (const r of it.rects) {
        if (it.active) {
          const hl = this.doc.createElement('div');
          hl.className = `hl ${it.severity}`;
          place(hl, r.left, r.top, r.right - r.left, r.bottom - r.top);
          frag.appendChild(hl);
        }
        const bar = this.doc.createElement('div');
        bar.className = `mark ${it.severity}`;
        bar.dataset.id = it.id;
        for (const [k, v] of Object.entries(it.data ?? {})) bar.dataset[k] = v;
        place(bar, r.left, r.bottom - 2, r.right - r.left, 2);
        frag.appendChild(bar);
      }
    }
    layer.replaceChildren(frag);
  }

  /** LayerOf returns the element holding one field's underlines. */
  layerOf(key) {
    let layer = this.layers.get(key);
    if (!layer) {
      layer = this.doc.createElement('div');
      layer.dataset.field = key;
      this.layers.set(key, layer);
      this.marks.appendChild(layer);
    }
    return layer;
  }

  /** Clear removes one field's underlines. */
  clear(key) {
    this.layers.get(key)?.remove();
    this.layers.delete(key);
  }

  /** Remove takes the overlay out of the page. */
  remove() {
    this.host.remove();
  }
}

/** Place positions an absolutely positioned element in viewport pixels. */
export function place(el, left, top, width, height) {
  el.style.left = `${Math.round(left * 10) / 10}px`;
  el.style.top = `${Math.round(top * 10) / 10}px`;
  if (width !== undefined) el.style.width = `${Math.max(0, Math.round(width * 10) / 10)}px`;
  if (height !== undefined) el.style.height = `${Math.max(0, Math.round(height * 10) / 10)}px`;
}

/**
 * UiFor returns where a document's panels go: the overlay of the top-most same-origin ancestor document (a panel
 * inside an editor's iframe would be cut off by the frame), and the offset {dx, dy} from the document's viewport
 * to that overlay's viewport. Computed on each call: frames move when their parents scroll.
 * @param {Document} doc
 * @returns {{overlay: Overlay, dx: number, dy: number}}
 */
export function uiFor(doc) {
  let dx = 0;
  let dy = 0;
  let d = doc;
  for (;;) {
    let fe = null;
    try {
      fe = d.defaultView?.frameElement ?? null;
    } catch {
      fe = null;
    }
    if (!fe || !fe.ownerDocument?.documentElement) break;
    const r = fe.getBoundingClientRect();
    const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
    dx += r.left + fe.clientLeft + (parseFloat(cs.paddingLeft) || 0);
    dy += r.top + fe.clientTop + (parseFloat(cs.paddingTop) || 0);
    d = fe.ownerDocument;
  }
  return { overlay: overlayFor(d), dx, dy };
}

/** Shift moves a rect by an offset (null stays null). */
export function shift(r, dx, dy) {
  return r ? { left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy } : null;
}
