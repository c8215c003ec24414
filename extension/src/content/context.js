// Package context: the customer's message. The agent selects it on the page and marks it (context menu, or the
// "mark-customer" command), or the helpdesk quoted it in the reply field; suggestions then use it as context, and the
// engine's segment guess is taken, with the words that led to it. A marked message is remembered for the
// conversation (content/conversation.js), so it reaches the reply page and a reply box in another frame.
import { t } from '../shared/i18n.js';
import { engine } from '../shared/api.js';
import { state, emit, on, segment, segmentTitle } from './state.js';
import { h, position, keepFocus } from './panel.js';
import { uiFor, shift } from './overlay.js';
import { choose } from './badge.js';
import { remember } from './conversation.js';
import { quotedText } from './quotes.js';

let toast = null;
const MAX = 4000;

/**
 * Init closes the notice as soon as the agent goes back to a field (it must never sit over their reply), and takes a
 * quoted customer message in the field as the context when nothing is marked.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  on('active', (s) => {
    if (!s) return;
    closeToast();
    if (state.context && state.context.how !== 'quoted') return;
    const q = quotedText(s).slice(0, MAX);
    if (q && q !== state.context?.text) adopt(q, 'quoted');
  }, signal);
  signal.addEventListener('abort', closeToast, { once: true });
}

/**
 * Adopt makes text the customer's message and guesses the segment from it; emits 'context' (and 'segment' when the
 * guess changes it). Resolves with the guess, or null.
 * @param {string} text
 * @param {'marked'|'remembered'|'quoted'} how
 */
export async function adopt(text, how) {
  const msg = String(text).slice(0, MAX);
  const before = segment().id;
  state.context = { text: msg, how };
  let guess = null;
  try {
    guess = await engine.guessSegment(msg);
  } catch (err) {
    console.debug('Sufler: segment guess failed', err);
  }
  if (state.context?.text !== msg) return null; // another message came meanwhile
  state.guess = guess && guess.segment ? guess : null;
  emit('context', state.context);
  if (segment().id !== before) emit('segment', segment());
  return state.guess;
}

/**
 * Mark takes text (or the page's current selection) as the customer's message.
 * @param {Document} doc the document the selection is in
 * @param {string} [text] the selection as the browser's context menu saw it
 * @param {boolean} [trusted] the agent asked (a trusted key, the context menu, a browser command): only then is it
 *   remembered for the conversation
 * @returns {Promise<boolean>} false when there was no text
 */
export async function mark(doc, text, trusted = true) {
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
  await adopt(msg, 'marked');
  if (trusted) remember({ context: msg.slice(0, MAX) });
  const after = segment();
  const lines = [t('content.context.marked')];
  const actions = [];
  if (state.guess) {
    const g = state.guess;
    const vars = { segment: segmentTitle(g.segment), signals: (g.signals ?? []).slice(0, 6).join(', '), pack: packTitle(g.pack) };
    lines.push(t(g.by === 'pack' ? 'content.context.guessPack' : 'content.context.guess', vars));
    if (after.id !== g.segment) {
      actions.push({ label: t('content.context.switch', { segment: segmentTitle(g.segment) }), run: (e) => choose(g.segment, e?.isTrusted !== false) });
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

// PackTitle is a pack's title as the engine lists it, else its id.
function packTitle(id) {
  return state.packs?.find((p) => p.id === id)?.title ?? id;
}

function notify(doc, rect, lines, actions) {
  closeToast();
  const o = uiFor(doc).overlay;
  doc = o.doc;
  const el = h(doc, 'div', { class: 'panel toast', role: 'status', 'data-sufler-toast': '' },
    ...lines.map((l) => h(doc, 'p', { class: 'body' }, l)),
    h(doc, 'div', { class: 'actions' },
      ...actions.map((a) => h(doc, 'button', { type: 'button', onclick: (e) => { closeToast(); a.run(e); } }, a.label)),
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
