// Package surface: one interface over every kind of field — read its text, map UTF-16 offsets to screen rects, read
// and set the selection — so flags, suggestions and insertion never care which editor they talk to.
import { Mirror } from './mirror.js';
import { lines, clip } from './mirror-math.js';
import { model, currentRange, select } from './dom-tree.js';

/**
 * Surface returns the surface for a field {el, kind}.
 * @param {{el: Element, kind: string}} field
 * @param {() => ShadowRoot} mirrorHost where text-control mirrors live (the overlay's shadow root)
 */
export function surfaceFor(field, mirrorHost) {
  if (field.kind === 'textarea' || field.kind === 'input') return new ControlSurface(field, mirrorHost);
  return new EditableSurface(field);
}

/**
 * VisibleBox is the part of an element the viewport shows: its padding box clipped by every scrolling or clipping
 * ancestor (through shadow hosts) and the viewport.
 * @param {Element} el
 */
export function visibleBox(el) {
  const view = el.ownerDocument.defaultView;
  const r = el.getBoundingClientRect();
  let box = {
    left: r.left + el.clientLeft, top: r.top + el.clientTop,
    right: r.left + el.clientLeft + (el.clientWidth || r.width), bottom: r.top + el.clientTop + (el.clientHeight || r.height),
  };
  if (el.localName === 'body' || el.localName === 'html') {
    box = { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight };
  }
  for (let p = parentOf(el); p && p.nodeType === 1; p = parentOf(p)) {
    if (p.localName === 'body' || p.localName === 'html') break;
    const cs = view.getComputedStyle(p);
    if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
      const q = p.getBoundingClientRect();
      const c = { left: q.left + p.clientLeft, top: q.top + p.clientTop, right: q.left + p.clientLeft + p.clientWidth, bottom: q.top + p.clientTop + p.clientHeight };
      box = clip(box, c) ?? { left: 0, top: 0, right: 0, bottom: 0 };
    }
  }
  return clip(box, { left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight }) ?? { left: 0, top: 0, right: 0, bottom: 0 };
}

function parentOf(el) {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root && root.host ? root.host : null;
}

/** ControlSurface is a textarea or a text input. */
class ControlSurface {
  constructor(field, mirrorHost) {
    this.el = field.el;
    this.kind = field.kind;
    this.doc = this.el.ownerDocument;
    this.mirrorHost = mirrorHost;
    this.mirror = null;
  }
  text() {
    return this.el.value;
  }
  selection() {
    const { selectionStart: start, selectionEnd: end } = this.el;
    return start === null ? null : { start, end };
  }
  focused() {
    return deepActiveIs(this.el);
  }
  select(start, end) {
    if (!this.focused()) this.el.focus({ preventScroll: true });
    this.el.setSelectionRange(start, end);
    return true;
  }
  clipBox() {
    return visibleBox(this.el);
  }
  /**
   * Geometry measures many ranges at once; every rect is in the field document's viewport, one per line, clipped.
   * @param {{start:number, end:number}[]} ranges
   */
  geometry(ranges) {
    if (!this.mirror || !this.mirror.div.isConnected) this.mirror = new Mirror(this.el, this.mirrorHost());
    const box = this.clipBox();
    return this.mirror.rects(ranges).map((list, i) =>
      (ranges[i].start === ranges[i].end ? list : lines(list)).map((r) => clipCaret(r, box)).filter(Boolean));
  }
  caretRect() {
    const s = this.selection();
    if (!s) return null;
    return this.geometry([{ start: s.end, end: s.end }])[0][0] ?? null;
  }
  dispose() {
    this.mirror?.remove();
    this.mirror = null;
  }
}

/** EditableSurface is a contenteditable host: plain, or the root of a rich editor. */
class EditableSurface {
  constructor(field) {
    this.el = field.el;
    this.kind = field.kind;
    this.doc = this.el.ownerDocument;
  }
  model() {
    return model(this.el);
  }
  text() {
    return this.model().text;
  }
  selection(m = this.model()) {
    const r = currentRange(this.el);
    if (!r) return null;
    const start = m.offset(r.startContainer, r.startOffset);
    const end = m.offset(r.endContainer, r.endOffset);
    if (start < 0 || end < 0) return null;
    return { start: Math.min(start, end), end: Math.max(start, end) };
  }
  focused() {
    return deepActiveIs(this.el);
  }
  /** Range returns a live DOM Range for [start, end) of the text. */
  range(start, end, m = this.model()) {
    const a = m.point(start, start === end ? 'backward' : 'forward');
    const b = start === end ? a : m.point(end, 'backward');
    const r = this.doc.createRange();
    r.setStart(a.node, a.offset);
    r.setEnd(b.node, b.offset);
    return r;
  }
  select(start, end, m = this.model()) {
    if (!this.focused()) this.el.focus({ preventScroll: true });
    const a = m.point(start, start === end ? 'backward' : 'forward');
    const b = start === end ? a : m.point(end, 'backward');
    return select(this.el, a, b);
  }
  clipBox() {
    return visibleBox(this.el);
  }
  geometry(ranges) {
    const m = this.model();
    const box = this.clipBox();
    return ranges.map(({ start, end }) => {
      if (m.text.length === 0) return [];
      const r = this.range(start, end, m);
      const list = Array.from(r.getClientRects());
      if (start === end) {
        const b = list[0] ?? r.getBoundingClientRect();
        return b && b.height > 0 ? [clipCaret({ left: b.left, right: b.left, top: b.top, bottom: b.bottom }, box)].filter(Boolean) : [];
      }
      return lines(list).map((x) => clip(x, box)).filter(Boolean);
    });
  }
  caretRect() {
    const r = currentRange(this.el);
    if (!r) return null;
    const range = this.doc.createRange();
    range.setStart(r.endContainer, r.endOffset);
    const b = Array.from(range.getClientRects()).pop();
    if (b && b.height > 0) return { left: b.left, right: b.left + 1, top: b.top, bottom: b.bottom };
    // An empty line has no text box to measure: use the line's element.
    const el = r.endContainer.nodeType === 1 ? r.endContainer : r.endContainer.parentElement;
    const e = el?.getBoundingClientRect();
    return e ? { left: e.left, right: e.left + 1, top: e.top, bottom: Math.min(e.bottom, e.top + 24) } : null;
  }
  dispose() {}
}

// A caret rect has no width; clip() would drop it, so only check it is inside the box vertically and horizontally.
function clipCaret(r, box) {
  if (r.right - r.left >= 0.5) return clip(r, box);
  if (r.left < box.left - 1 || r.left > box.right + 1 || r.bottom < box.top || r.top > box.bottom) return null;
  return { ...r, right: r.left + 1 };
}

function deepActiveIs(el) {
  const root = el.getRootNode();
  const active = root.activeElement ?? el.ownerDocument.activeElement;
  return active === el || (active && el.contains(active));
}

