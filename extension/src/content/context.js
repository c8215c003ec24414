// Package context: the customer's message. The agent selects it on the page and marks it (context menu, or the
// "mark-customer" command); suggestions then use it as context, and the engine's segment guess is offered with the
// words that led to it.
import { t } from '../shared/i18n.js';
import { guessSegment } from './engine.js';
import { state, emit, segment, segmentTitle } from './state.js';
import { h, position, keepFocus } from './panel.js';
import { overlayFor } from './overlay.js';
import { choose } from './badge.js';

let toast = null;

/**
 * Mark takes text (or the page's current selection) as the customer's message.
 * @param {Document} doc the document the selection is in
 * @param {string} [text] the selection as the browser's context menu saw it
 * @returns {Promise<boolean>} false when there was no text
 */
export async function mark(doc, text) {
  const sel = doc.getSelection();
  const selected = (sel && !sel.isCollapsed ? sel.toString() : '').trim();
  const msg = (selected || String(text ?? '')).trim();
  const rect = sel && sel.rangeCount && !sel.isCollapsed ? sel.getRangeAt(0).getBoundingClientRect() : null;
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

function notify(doc, rect, lines, actions) {
  closeToast();
  const o = overlayFor(doc);
  const el = h(doc, 'div', { class: 'panel toast', role: 'status', 'data-sufler-toast': '' },
    ...lines.map((l) => h(doc, 'p', { class: 'body' }, l)),
    h(doc, 'div', { class: 'actions' },
      ...actions.map((a) => h(doc, 'button', { type: 'button', onclick: () => { closeToast(); a.run(); } }, a.label)),
      h(doc, 'button', { type: 'button', onclick: () => closeToast() }, t('content.close'))));
  keepFocus(el);
  o.ui.appendChild(el);
  const win = doc.defaultView;
  const anchor = rect && rect.width ? rect : { left: win.innerWidth - 340, top: 8, right: win.innerWidth - 8, bottom: 8 };
  const caret = state.active?.doc === doc && state.active.surface.focused() ? state.active.surface.caretRect() : null;
  position(el, anchor, [caret, rect]);
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
