// Package context: the customer's message. The agent selects it on the page and marks it (context menu, or the
// "mark-customer" command); suggestions then use it as context, and the engine's segment guess is offered with the
// words that led to it.
import { t } from '../shared/i18n.js';
import { guessSegment } from './engine.js';
import { state, emit, on, segment, segmentTitle } from './state.js';
import { h, position, keepFocus } from './panel.js';
import { uiFor, shift } from './overlay.js';
import { choose } from './badge.js';

let toast = null;

/**
 * Init closes the notice as soon as the agent goes back to a field: it must never sit over their reply.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  on('active', (s) => s && closeToast(), signal);
  signal.addEventListener('abort', closeToast, { once: true });
}

/**
 * Mark takes text (or the page's current selection) as the customer's message.
 * @param {Document} doc the document the selection is in
 * @param {string} [text] the selection as the browser's context menu saw it
 * @returns {Promise<boolean>} false when there was no text
 */
export async function mark(doc, text) {
  doc = selectionDocument(doc);
  const sel = doc.getSelection();
  const selected = (sel && !sel.isCollapsed ? sel.toString() : '').trim();
  const msg = (selected || String(text ?? '')).trim();
  const ui = uiFor(doc);
  const rect = sel && sel.rangeCount && !sel.isCollapsed ? shift(sel.getRangeAt(0).getBoundingClientRect(), ui.dx, ui.dy) : null;
  if (!msg) {
    notify(doc, rect, [t('content.context.empty')], []);
    return false;
  }
  state.context = { text: msg.slice(0, 4000), url: location.href };
  const before = segment();
  let guess = null;
  try {
    guess = await guessSegment(state.context.text);
  } catch (err) {
    console.debug('Sufler: segment guess failed', err);
  }
  state.guess = guess && guess.segment ? guess : null;
  emit('context', state.context);
  const after = segment();
  if (after.id !== before.id) emit('segment', after);
  const lines = [t('content.context.marked')];
  const actions = [];
  if (state.guess) {
    lines.push(t('content.context.guess', { segment: segmentTitle(state.guess.segment), signals: (state.guess.signals ?? []).join(', ') }));
    if (after.id !== state.guess.segment) {
      actions.push({ label: t('content.context.switch', { segment: segmentTitle(state.guess.segment) }), run: () => choose(state.guess.segment) });
    }
  } else {
    lines.push(t('content.context.noGuess'));
  }
  notify(doc, rect, lines, actions);
  return true;
}

// SelectionDocument finds where the agent's selection is: the given document, else a same-origin parent or frame
// (the shortcut arrives where focus is, e.g. an editor's iframe, while the selected text is in the ticket).
function selectionDocument(doc) {
  const has = (d) => {
    const s = d?.getSelection?.();
    return s && !s.isCollapsed && s.toString().trim();
  };
  if (has(doc)) return doc;
  const docs = [];
  for (let w = doc.defaultView; w; ) {
    let parent = null;
    try {
      parent = w.parent !== w && w.parent.document ? w.parent : null;
    } catch {
      parent = null;
    }
    if (!parent) break;
    docs.push(parent.document);
    w = parent;
  }
  const top = docs[docs.length - 1] ?? doc;
  for (const f of top.querySelectorAll('iframe')) {
    try {
      if (f.contentDocument) docs.push(f.contentDocument);
    } catch {
      /* cross-origin */
    }
  }
  return docs.find(has) ?? doc;
}

function notify(doc, rect, lines, actions) {
  closeToast();
  const o = uiFor(doc).overlay;
  doc = o.doc;
  const el = h(doc, 'div', { class: 'panel toast', role: 'status', 'data-sufler-toast': '' },
    ...lines.map((l) => h(doc, 'p', { class: 'body' }, l)),
    h(doc, 'div', { class: 'actions' },
      ...actions.map((a) => h(doc, 'button', { type: 'button', onclick: () => { closeToast(); a.run(); } }, a.label)),
      h(doc, 'button', { type: 'button', onclick: () => closeToast() }, t('content.close'))));
  keepFocus(el);
  o.ui.appendChild(el);
  const win = doc.defaultView;
  const anchor = rect && rect.right > rect.left ? rect : { left: win.innerWidth - 340, top: 8, right: win.innerWidth - 8, bottom: 8 };
  let caret = null;
  if (state.active && state.active.surface.focused()) {
    const u = uiFor(state.active.doc);
    caret = shift(state.active.surface.caretRect(), u.dx, u.dy);
  }
  // Above the customer's words: below them is usually the reply field.
  position(el, anchor, [caret, rect], { prefer: 'above' });
  o.announce(lines.join(' '));
  const timer = setTimeout(closeToast, 9000);
  toast = { el, timer };
}

/** CloseToast removes the notice. */
export function closeToast() {
  if (!toast) return;
  clearTimeout(toast.timer);
  toast.el.remove();
  toast = null;
}
