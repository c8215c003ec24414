// Package card: the card of one finding — what is wrong, why (the policy behind it), what to say instead for the
// current segment, and the two ways to ignore it. Opened by hover, click or the keyboard; keyboard-operable.
import { t } from '../shared/i18n.js';
import { h, position, keepFocus, trapTab } from './panel.js';
import { trusted } from './trust.js';

let current = null;

/**
 * Open shows the card of a finding, replacing any open card.
 * @param {object} o
 * @param {import('./overlay.js').Overlay} o.overlay where the card goes (see uiFor)
 * @param {object} o.finding the engine's finding
 * @param {{left:number, top:number, right:number, bottom:number}[]} o.rects the finding's line rects, in the overlay's viewport
 * @param {{left:number, top:number, right:number, bottom:number}|null} o.caret the caret (never covered)
 * @param {boolean} o.focus move keyboard focus into the card
 * @param {(text: string) => void} o.onReplace
 * @param {() => void} o.onIgnoreHere
 * @param {() => void} o.onIgnoreSite
 * @param {(how: 'escape'|'other') => void} o.onClose
 * @param {() => void} [o.onLeave] the pointer left the card
 */
export function open(o) {
  close();
  const doc = o.overlay.doc;
  const f = o.finding;
  const sev = ['error', 'warning', 'hint'].includes(f.severity) ? f.severity : 'hint';
  // "" is a real replacement: remove the words. Other entries are inserted as they stand.
  const reps = (f.replacements ?? []).filter((r) => typeof r === 'string' && (r === '' || r.trim()));
  const note = h(doc, 'p', { class: 'note', role: 'status', 'aria-live': 'polite' });
  const el = h(doc, 'div', { class: 'panel card', role: 'dialog', 'aria-label': t('content.card.label'), 'data-rule': f.rule },
    h(doc, 'div', { class: 'head' }, h(doc, 'span', { class: `dot ${sev}` }), t(`content.severity.${sev}`)),
    h(doc, 'p', { class: 'msg' }, f.message || f.rule),
    f.why ? h(doc, 'p', { class: 'why' }, `${t('content.card.why')}: ${f.why}`) : null,
    reps.length ? h(doc, 'div', { class: 'label' }, t('content.card.replace')) : h(doc, 'p', { class: 'note' }, t('content.card.noReplacements')),
    reps.length ? h(doc, 'div', { class: 'reps' }, ...reps.map((r) => h(doc, 'button', { class: r ? 'rep' : 'rep remove', type: 'button', 'data-action': 'replace', onclick: () => o.onReplace(r) }, r || t('content.card.remove', { match: f.match })))) : null,
    note,
    h(doc, 'div', { class: 'foot' },
      h(doc, 'button', { type: 'button', 'data-action': 'ignore-here', onclick: () => o.onIgnoreHere() }, t('content.card.ignoreHere')),
      h(doc, 'button', { type: 'button', 'data-action': 'ignore-site', onclick: () => o.onIgnoreSite() }, t('content.card.ignoreSite'))));
  keepFocus(el);
  trapTab(el);
  el.addEventListener('keydown', trusted((e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close('escape');
    }
  }));
  el.addEventListener('mouseenter', trusted(() => {
    if (current?.el === el) current.hovered = true;
  }));
  el.addEventListener('mouseleave', trusted(() => {
    if (current?.el !== el) return;
    current.hovered = false;
    o.onLeave?.();
  }));
  o.overlay.ui.appendChild(el);
  const anchor = o.rects[0];
  position(el, anchor, [...o.rects, o.caret]);
  current = { el, finding: f, onClose: o.onClose, rects: o.rects, hovered: false };
  if (o.focus) el.querySelector('button')?.focus();
  return current;
}

/** Close closes the open card, if any. */
export function close(how = 'other') {
  if (!current) return;
  const c = current;
  current = null;
  c.el.remove();
  c.onClose?.(how);
}

/** Current is the open card: {el, finding, rects}, or null. */
export function opened() {
  return current;
}

/** Say shows a short status line in the open card. */
export function say(text) {
  const n = current?.el.querySelector('.note[role=status]');
  if (n) n.replaceChildren(h(n.ownerDocument, 'span', {}, text));
}

/** Hovered is true while the pointer is over the open card. */
export function hovered() {
  return !!current?.hovered;
}
