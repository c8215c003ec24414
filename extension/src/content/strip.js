// Package strip: as the agent types, a compact list of the best templates for the draft and the customer's message
// (in the segment's variant) next to the caret, never over it. Tab or Alt+Enter inserts the highlighted one,
// Alt+↓/↑ enter the list, then ↑/↓ choose and Enter or Tab inserts; Esc hides it until the next edit.
import { t } from '../shared/i18n.js';
import { latest } from './schedule.js';
import { engine } from '../shared/api.js';
import { state, on, segment } from './state.js';
import { h, position } from './panel.js';
import { uiFor, shift } from './overlay.js';
import { listbox } from './listbox.js';
import { onKey, plain } from './keys.js';
import { matches, parse } from './shortcuts.js';
import { replace } from './insert/index.js';
import * as fill from './fill.js';
import * as card from './card.js';
import { join, hasGreeting } from './seam.js';
import { quotedRanges, maskQuotes } from './quotes.js';
import { recent } from './trust.js';

/** DELAY is the typing pause (ms) before templates are suggested. */
export const DELAY = 400;
const LIMIT = 3;

let view = null; // {session, el, lb, engaged, text}
let hiddenFor = null; // the text Esc dismissed the strip for

const keysOf = () => {
  const sc = state.settings?.shortcuts ?? {};
  return {
    accept: parse(sc.accept ?? 'Alt+Enter'), next: parse(sc.next ?? 'Alt+ArrowDown'),
    previous: parse(sc.previous ?? 'Alt+ArrowUp'), dismiss: parse(sc.dismiss ?? 'Escape'),
  };
};

/**
 * Init starts suggesting in the active field.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  const attached = new WeakSet();
  const p = latest({
    delay: DELAY,
    signal,
    run: ({ session }, sig) => engine.suggest(draftOf(session), state.context?.text ?? '', segment().id, LIMIT, { signal: sig, lane: 'suggest' }),
    onResult: (list, { session, text }) => {
      // Only in the field the agent is in: an editor iframe keeps its activeElement while the agent selects text
      // in the ticket, and a customer message marked there must not pop a strip up under their mouse.
      if (state.active !== session || session.text !== text || !session.surface.focused() || !session.doc.hasFocus()) return;
      if (hiddenFor === text || card.opened()) return;
      if (!recent(session)) return; // knowledge only in answer to the agent's own keys or clicks here
      show(session, list, text);
    },
    onError: () => hide(),
  });
  const request = (session, wait) => {
    if (!session) return;
    if (!draftOf(session).trim() && !state.context) return hide();
    p.push({ session, text: session.text }, wait);
  };
  on('active', (session) => {
    if (!session) {
      hide();
      return;
    }
    if (!attached.has(session)) {
      attached.add(session);
      session.addEventListener('change', () => {
        if (view?.session === session) hide();
        hiddenFor = null;
        if (!fill.active()) request(session);
      });
      session.addEventListener('layout', () => view?.session === session && place());
    }
    request(session, 0);
  }, signal);
  on('context', () => request(state.active, 0), signal);
  on('segment', () => request(state.active, 0), signal);
  onKey(50, keydown, signal);
  signal.addEventListener('abort', hide, { once: true });
}

function keydown(e) {
  if (!view || state.active !== view.session || fill.active()) return false;
  if (card.opened()) {
    hide();
    return false;
  }
  const k = keysOf();
  if (matches(e, k.dismiss) || (e.key === 'Escape' && plain(e))) {
    hiddenFor = view.text;
    hide();
    return true;
  }
  if (matches(e, k.next) || (view.engaged && e.key === 'ArrowDown' && plain(e) && !e.shiftKey)) {
    engage(1);
    return true;
  }
  if (matches(e, k.previous) || (view.engaged && e.key === 'ArrowUp' && plain(e) && !e.shiftKey)) {
    engage(-1);
    return true;
  }
  if (matches(e, k.accept) || (e.key === 'Tab' && plain(e) && !e.shiftKey) || (view.engaged && e.key === 'Enter' && plain(e) && !e.shiftKey)) {
    view.lb.pick();
    return true;
  }
  if (view.engaged && !['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) disengage();
  return false;
}

function engage(d) {
  if (!view.engaged) {
    view.engaged = true;
    view.el.dataset.engaged = 'true';
    view.el.querySelector('.hint').textContent = t('content.strip.hintActive');
    if (d < 0) view.lb.move(d);
    else if (view.lb.index < 0) view.lb.set(0);
    else view.lb.move(view.lb.index === 0 && d > 0 ? 0 : d);
  } else {
    view.lb.move(d);
  }
  const it = view.lb.items[view.lb.index];
  if (it) view.overlay.announce(it.title);
}

function disengage() {
  view.engaged = false;
  delete view.el.dataset.engaged;
  view.el.querySelector('.hint').textContent = t('content.strip.hint');
}

function show(session, list, text) {
  hide();
  if (!list.length) return;
  const ui = uiFor(session.doc);
  const doc = ui.overlay.doc;
  const lb = listbox(doc, {
    label: t('content.strip.label'),
    render: (s) => [h(doc, 'div', { class: 't' }, s.title || s.id), h(doc, 'div', { class: 'p' }, oneLine(s.text))],
    onPick: (s) => insertSuggestion(session, s),
  });
  lb.update(list);
  const el = h(doc, 'div', { class: 'panel strip', 'data-sufler-strip': '' },
    h(doc, 'div', { class: 'hint' }, t('content.strip.hint')), lb.el);
  el.addEventListener('mousedown', (e) => e.preventDefault());
  ui.overlay.ui.appendChild(el);
  view = { session, el, lb, engaged: false, text, overlay: ui.overlay };
  place();
  ui.overlay.announce(`${t('content.strip.label')}: ${list.map((s) => s.title).join('; ')}`);
}

function place() {
  const ui = uiFor(view.session.doc);
  const caret = shift(view.session.surface.caretRect(), ui.dx, ui.dy);
  if (!caret) {
    hide();
    return;
  }
  const badge = ui.overlay.ui.querySelector('[data-sufler-badge]:not([hidden])');
  position(view.el, caret, [caret, badge ? badge.getBoundingClientRect() : null]);
}

/** Hide removes the strip. */
export function hide() {
  view?.el.remove();
  view = null;
}

/** Visible is the strip's state for tests and other features: {session, items, engaged} or null. */
export function visible() {
  return view && { session: view.session, items: view.lb.items, engaged: view.engaged };
}

/**
 * InsertSuggestion puts a template's text at the caret (over the selection) of a session and starts filling its
 * placeholders.
 */
export async function insertSuggestion(session, s) {
  hide();
  return insertTemplate(session, s.text);
}

// DraftOf is what the agent wrote in a session's field: its text with the quoted customer message blanked out.
function draftOf(session) {
  return maskQuotes(session.text, quotedRanges(session)).replace(/[ \t]+\n/g, '\n');
}

/**
 * InsertTemplate inserts a template at a session's selection, joined to the draft (content/seam.js: a space or line
 * break where they meet, no second greeting), and selects its first {{variable}}.
 */
export async function insertTemplate(session, text, at = null) {
  const full = session.surface.text();
  const sel = at ?? session.surface.selection() ?? { start: full.length, end: full.length };
  const mine = maskQuotes(full, quotedRanges(session));
  const body = join(full.slice(0, sel.start), full.slice(sel.end), text, hasGreeting(mine.slice(0, sel.start)));
  const res = await replace(session, sel.start, sel.end, body);
  if (res.ok) {
    hiddenFor = session.surface.text();
    if (!fill.start(session, sel.start, sel.start + body.length)) session.surface.select(res.caret, res.caret);
  }
  return res;
}

function oneLine(s) {
  const x = String(s ?? '').replace(/\s+/g, ' ').trim();
  return x.length > 90 ? `${x.slice(0, 89)}…` : x;
}
