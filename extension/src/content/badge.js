// Package badge: a small badge in the corner of the focused field with the conversation's segment and the number of
// findings; clicking it (or the "segment" shortcut) opens a menu to change the segment, remembered per site and
// conversation URL (settings.segments).
import { t } from '../shared/i18n.js';
import { update } from '../shared/settings.js';
import { state, on, emit, segment, segmentTitle, conversationKey } from './state.js';
import { h, trapTab } from './panel.js';
import { place, uiFor, shift } from './overlay.js';
import { corner } from './placement.js';
import { listbox } from './listbox.js';
import { position } from './panel.js';
import { trusted, touched } from './trust.js';

let badge = null; // {session, el}
let menu = null; // {el, session}
const RANK = { error: 3, warning: 2, hint: 1 };

/**
 * Init shows the badge on the active field.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  const attached = new WeakSet();
  on('active', (session) => {
    if (!session) {
      hideSoon();
      return;
    }
    if (!attached.has(session)) {
      attached.add(session);
      session.addEventListener('layout', () => badge?.session === session && render());
      session.addEventListener('dispose', () => badge?.session === session && hide());
    }
    // The badge names the segment (pack content): only for a field the agent clicked or typed in.
    if (touched(session)) show(session);
    else hideSoon();
  }, signal);
  on('trusted', (session) => session === state.active && badge?.session !== session && show(session), signal);
  on('findings', (session) => badge?.session === session && render(), signal);
  on('segment', () => badge && render(), signal);
  on('settings', () => badge && render(), signal);
  signal.addEventListener('abort', () => {
    closeMenu(false);
    hide();
  }, { once: true });
}

let hideTimer = 0;
function hideSoon() {
  clearTimeout(hideTimer);
  hideTimer = setTimeout(() => {
    if (!state.active && !menu) hide();
  }, 150);
}

function show(session) {
  clearTimeout(hideTimer);
  if (badge?.session !== session) {
    hide();
    const doc = uiFor(session.doc).overlay.doc;
    const el = h(doc, 'button', { class: 'badge', type: 'button', 'data-sufler-badge': '', 'aria-haspopup': 'listbox' });
    el.addEventListener('mousedown', (e) => e.preventDefault());
    el.addEventListener('click', trusted(() => (menu ? closeMenu(true) : openMenu(false))));
    uiFor(session.doc).overlay.ui.appendChild(el);
    badge = { session, el };
  }
  render();
}

function hide() {
  badge?.el.remove();
  badge = null;
}

function render() {
  if (!badge) return;
  const { session, el } = badge;
  const seg = segment();
  const title = seg.id ? segmentTitle(seg.id) : t('content.badge.none');
  const n = session.findings.length;
  const worst = session.findings.reduce((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'hint');
  el.replaceChildren(h(el.ownerDocument, 'span', { class: 'seg' }, short(title)));
  if (n) el.append(h(el.ownerDocument, 'span', { class: `count ${worst}`, title: t('content.badge.findings', { n }) }, String(n)));
  el.setAttribute('aria-label', `${t('content.badge.label', { segment: title })}${n ? `. ${t('content.badge.findings', { n })}` : ''}`);
  el.dataset.segment = seg.id;
  el.dataset.how = seg.how;
  const ui = uiFor(session.doc);
  const box = shift(session.surface.clipBox(), ui.dx, ui.dy);
  if (box.right - box.left < 60 || box.bottom - box.top < 16) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  const caret = session.surface.focused() ? shift(session.surface.caretRect(), ui.dx, ui.dy) : null;
  const p = corner(box, { width: el.offsetWidth, height: el.offsetHeight }, caret);
  place(el, p.left, p.top);
}

// Short keeps a badge small: a segment title's head ("Крупный бизнес: логистические отделы…" → "Крупный бизнес").
function short(s) {
  const head = s.split(/[:(—]/)[0].trim() || s;
  return head.length > 24 ? `${head.slice(0, 23)}…` : head;
}

/**
 * OpenMenu opens the segment menu at the badge; with focus, keyboard focus goes into it.
 * @returns {boolean} false when no field is active
 */
export function openMenu(focus = true) {
  const session = badge?.session ?? state.active;
  if (!session) return false;
  if (!badge) show(session);
  closeMenu(false);
  const ui = uiFor(session.doc);
  const doc = ui.overlay.doc;
  const cur = segment();
  const guess = state.guess;
  const lb = listbox(doc, {
    label: t('content.segment.menu'),
    render: (s) => [
      h(doc, 'div', { class: 't' }, s.title || s.id),
      guess?.segment === s.id && guess.signals?.length ? h(doc, 'div', { class: 'sub' }, t('content.segment.guessed', { signals: guess.signals.join(', ') })) : null,
      cur.how === 'chosen' && cur.id === s.id ? h(doc, 'div', { class: 'sub' }, t('content.segment.remembered')) : null,
    ],
    onPick: (s) => choose(s.id),
  });
  lb.update(state.segments);
  lb.set(Math.max(0, state.segments.findIndex((s) => s.id === cur.id)));
  lb.el.tabIndex = 0;
  const el = h(doc, 'div', { class: 'panel menu', 'data-sufler-menu': '' }, h(doc, 'div', { class: 'title' }, t('content.segment.menu')), lb.el);
  el.addEventListener('mousedown', (e) => e.preventDefault());
  trapTab(el);
  el.addEventListener('keydown', trusted((e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') lb.move(e.key === 'ArrowDown' ? 1 : -1);
    else if (e.key === 'Enter' || e.key === ' ') lb.pick();
    else if (e.key === 'Escape') closeMenu(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }));
  ui.overlay.ui.appendChild(el);
  const b = badge.el.getBoundingClientRect();
  position(el, b, [shift(session.surface.caretRect(), ui.dx, ui.dy), b]);
  const sel = session.surface.selection();
  menu = { el, session, sel };
  if (focus) lb.el.focus();
  badge.el.setAttribute('aria-expanded', 'true');
  return true;
}

/** CloseMenu closes the segment menu; with restore, focus goes back to the field. */
export function closeMenu(restore) {
  if (!menu) return;
  const m = menu;
  menu = null;
  m.el.remove();
  badge?.el.setAttribute('aria-expanded', 'false');
  if (restore && m.sel) m.session.surface.select(m.sel.start, m.sel.end);
}

/** Choose makes a segment the conversation's segment and remembers it. */
export async function choose(id) {
  closeMenu(true);
  const key = conversationKey();
  if (state.settings) state.settings.segments = { ...state.settings.segments, [key]: id };
  emit('segment', segment());
  try {
    await update('segments', (s) => ({ ...s, [key]: id }));
  } catch (err) {
    console.debug('Sufler: could not remember the segment', err);
  }
}
