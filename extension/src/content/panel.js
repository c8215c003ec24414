// Package panel: shared plumbing for the overlay's panels (card, strip, search, menus, toasts): create, measure,
// place clear of the caret, close on Escape, and keep keyboard focus inside while the agent works in them.
import { clear } from './placement.js';
import { place } from './overlay.js';
import { trusted } from './trust.js';

/**
 * H creates an element: h(doc, 'div', {class: 'x', role: 'listbox'}, child, 'text').
 * @param {Document} doc
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...(Node|string|null|undefined)} kids
 */
export function h(doc, tag, attrs = {}, ...kids) {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), trusted(v)); // a page's synthetic click does nothing
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const k of kids) if (k !== null && k !== undefined && k !== false) el.append(typeof k === 'string' ? text(doc, k) : k);
  return el;
}

/**
 * Text is a string as the overlay shows it: an empty span whose CSS draws attr(data-t). Text in a closed shadow root
 * is still found by the page's window.find() (a yes/no oracle for guessed template words) and, in some browsers,
 * by its selection; generated content is neither searchable nor selectable, and screen readers still read it.
 * @param {Document} doc
 * @param {string} s
 */
export function text(doc, s) {
  const span = doc.createElement('span');
  span.dataset.t = s;
  return span;
}

/**
 * Position places a panel next to anchor without covering the `avoid` rects.
 * @param {HTMLElement} el the panel (already in the overlay)
 * @param {{left:number, top:number, right:number, bottom:number}} anchor
 * @param {({left:number, top:number, right:number, bottom:number}|null)[]} avoid
 * @param {{prefer?: 'below'|'above'}} [o]
 */
export function position(el, anchor, avoid, o = {}) {
  const win = el.ownerDocument.defaultView;
  const size = { width: el.offsetWidth, height: el.offsetHeight };
  const p = clear(anchor, size, { width: win.innerWidth, height: win.innerHeight }, avoid.filter(Boolean), o);
  place(el, p.left, p.top);
  el.dataset.side = p.side;
  return p;
}

/**
 * Buttons keeps the editor focused when a panel button is pressed with the mouse (mousedown would blur it and
 * drop the editor's selection), and lets arrow keys move between a panel's buttons.
 * @param {HTMLElement} panel
 */
export function keepFocus(panel) {
  panel.addEventListener('mousedown', (e) => {
    if (e.target.closest?.('input')) return;
    e.preventDefault();
  });
  panel.addEventListener('keydown', trusted((e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const list = Array.from(panel.querySelectorAll('button'));
    const root = panel.getRootNode();
    const i = list.indexOf(root.activeElement);
    if (i < 0) return;
    e.preventDefault();
    list[(i + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length].focus();
  }));
}

/**
 * TrapTab keeps Tab and Shift+Tab cycling inside a panel the agent entered with the keyboard.
 * @param {HTMLElement} panel
 */
export function trapTab(panel) {
  panel.addEventListener('keydown', trusted((e) => {
    if (e.key !== 'Tab') return;
    const list = Array.from(panel.querySelectorAll('button, input'));
    if (!list.length) return;
    const root = panel.getRootNode();
    const i = list.indexOf(root.activeElement);
    e.preventDefault();
    e.stopPropagation();
    const n = list.length;
    list[((i < 0 ? 0 : i + (e.shiftKey ? -1 : 1)) + n) % n].focus();
  }));
}
