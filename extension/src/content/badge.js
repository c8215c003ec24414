// Package badge: a small badge in the corner of the focused field with the conversation's segment — «Все пакеты»
// until one is chosen or guessed — and the number of findings; clicking it (or the "segment" shortcut) opens a menu
// to change the segment, remembered for the conversation (content/conversation.js). The menu fits the frame's
// viewport: in a small cross-origin iframe it scrolls rather than running past the frame's edge.
import { t } from '../shared/i18n.js';
import { state, on, emit, segment, segmentTitle } from './state.js';
import { remember } from './conversation.js';
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
  const title = seg.id ? segmentTitle(seg.id) : t(state.segments.length ? 'content.badge.all' : 'content.badge.none');
  const n = session.findings.length;
  const worst = session.findings.reduce((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), 'hint');
  el.replaceChildren(h(el.ownerDocument, 'span', { class: 'seg' }, short(title)));
  // The count's slot is always there (hidden when empty): the badge keeps one size (styles.js).
  el.append(n
    ? h(el.ownerDocument, 'span', { class: `count ${worst}`, title: t('content.badge.findings', { n }) }, n > 99 ? '99+' : String(n))
    : h(el.ownerDocument, 'span', { class: 'count none' }));
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

/** ALL is the menu's entry for "no segment": every loaded pack's rules with their default replacements. */
const ALL = { id: '' };

/**
 * OpenMenu opens the segment menu at the badge; with focus, keyboard focus goes into it.
 * @param {boolean} [focus]
 * @param {boolean} [byAgent] opened by the agent (false for a synthetic key): only then may its choice be remembered
 * @returns {boolean} false when no field is active
 */
export function openMenu(focus = true, byAgent = true) {
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
    render: (s) => s === ALL
      ? [h(doc, 'div', { class: 't' }, t('content.segment.all')), h(doc, 'div', { class: 'sub' }, t('content.segment.allSub'))]
      : [
        h(doc, 'div', { class: 't' }, s.title || s.id),
        guess?.segment === s.id && guess.signals?.length ? h(doc, 'div', { class: 'sub' }, t('content.segment.guessed', { signals: guess.signals.join(', ') })) : null,
        cur.how === 'chosen' && cur.id === s.id ? h(doc, 'div', { class: 'sub' }, t('content.segment.remembered')) : null,
      ],
    onPick: (s, _i, e) => choose(s.id, byAgent && (!e || e.isTrusted)),
  });
  const items = [ALL, ...state.segments];
  lb.update(items);
  lb.el.tabIndex = 0;
  const el = h(doc, 'div', { class: 'panel menu', 'data-sufler-menu': '' }, h(doc, 'div', { class: 'title' }, t('content.segment.menu')), lb.el);
  el.addEventListener('mousedown', (e) => e.preventDefault());
  trapTab(el);
  el.addEventListener('keydown', trusted((e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') lb.move(e.key === 'ArrowDown' ? 1 : -1);
    else if (e.key === 'Enter' || e.key === ' ') lb.pick(e);
    else if (e.key === 'Escape') closeMenu(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }));
  ui.overlay.ui.appendChild(el);
  const b = badge.el.getBoundingClientRect();
  fit(el, b);
  lb.set(Math.max(0, items.findIndex((s) => s.id === cur.id)));
  position(el, b, [shift(session.surface.caretRect(), ui.dx, ui.dy), b]);
  const sel = session.surface.selection();
  menu = { el, session, sel };
  if (focus) lb.el.focus();
  badge.el.setAttribute('aria-expanded', 'true');
  return true;
}

// Fit caps the menu's height at the larger room above or below the badge in this frame's viewport (a reply box in a
// small iframe cannot draw past its frame): the list scrolls, so every option stays reachable by mouse and keys.
function fit(el, anchor) {
  const win = el.ownerDocument.defaultView;
  const room = Math.max(anchor.top, win.innerHeight - anchor.bottom) - 8;
  const max = Math.max(80, Math.min(room, win.innerHeight - 8));
  el.style.maxHeight = `${Math.floor(max)}px`;
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

/**
 * Choose makes a segment ('' for all packs) the conversation's segment; a trusted choice is remembered for the
 * conversation (every frame of the tab, and the ticket's other pages, get it), an untrusted one only applies here.
 * @param {string} id
 * @param {boolean} [trusted]
 */
export async function choose(id, trusted = true) {
  closeMenu(true);
  const before = segment().id;
  state.conversation = { ...state.conversation, segment: id };
  // Choosing «all packs» over a guess means no segment: the guess stays for suggestions, not for the rules.
  if (!id && state.guess) state.guess = null;
  if (segment().id !== before || !id) emit('segment', segment());
  if (trusted) await remember({ segment: id || null });
}
