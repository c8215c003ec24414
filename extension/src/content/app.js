// Package app: starts the in-page features for one frame — every feature has init(signal) and cleans up through
// its AbortSignal — and routes the background's messages (commands, insert from the popup) to them.
import './strings.js';
import { onMessage } from '../browser.js';
import { onChange } from '../shared/settings.js';
import { setLang } from '../shared/i18n.js';
import { MSG, COMMANDS } from '../shared/messages.js';
import * as frames from './frames.js';
import * as keys from './keys.js';
import * as trust from './trust.js';
import * as focus from './focus.js';
import * as fill from './fill.js';
import * as flags from './flags.js';
import * as strip from './strip.js';
import * as badge from './badge.js';
import * as search from './search.js';
import * as context from './context.js';
import { engine } from '../shared/api.js';
import * as conversation from './conversation.js';
import { state, emit, on, addDocument } from './state.js';
import { resolve, matches } from './shortcuts.js';
import { dropOverlay } from './overlay.js';
import { scan } from './fields.js';
import { sessionFor } from './session.js';

let lifetime = null; // the running features' signal (sessions created outside focus events use it)

/**
 * Start runs Sufler in this frame until signal aborts.
 * @param {AbortSignal} signal
 * @param {object} settings loaded settings
 */
export function start(signal, settings) {
  lifetime = signal;
  state.settings = settings;
  setLang(settings.ui?.lang ?? 'auto');
  onChange((s) => {
    state.settings = s;
    setLang(s.ui?.lang ?? 'auto');
    emit('settings', s);
  }, signal);

  const served = [];
  // Features subscribe before documents are served, so each sees every document.
  trust.init(signal);
  keys.init(signal);
  focus.init(signal);
  fill.init(signal);
  flags.init(signal);
  strip.init(signal);
  badge.init(signal);
  context.init(signal);
  conversation.init(signal);
  shortcuts(signal);
  frames.init(signal, document, (doc, sig) => {
    served.push(doc);
    addDocument(doc, sig);
  });
  signal.addEventListener('abort', () => {
    for (const d of served) dropOverlay(d);
    state.segments = [];
    state.context = null;
    state.guess = null;
  }, { once: true });

  refreshSegments(signal);
  on('active', (s) => s && !state.segments.length && refreshSegments(signal), signal);
  onMessage((msg) => handle(msg), signal);
}

async function refreshSegments(signal) {
  try {
    // Pack names only word a guess's toast: without them the segments still work.
    const [list, packs] = await Promise.all([engine.segments({ signal }), engine.packTitles({ signal }).catch(() => [])]);
    if (signal.aborted) return;
    state.segments = list;
    state.packs = packs;
    state.engineDown = false;
    emit('segment', null);
  } catch (err) {
    state.engineDown = true;
    console.debug('Sufler: segments unavailable', err);
  }
}

const localAt = {}; // action → time it last ran from an in-page key (the browser command may follow)

function shortcuts(signal) {
  keys.onKey(10, (e) => {
    const sc = resolve(state.settings?.shortcuts);
    const doc = e.target?.ownerDocument ?? document;
    if (matches(e, sc.search)) {
      localAt.search = Date.now();
      search.open();
      return true;
    }
    if (matches(e, sc.markContext)) {
      localAt.mark = Date.now();
      context.mark(doc, undefined, e.isTrusted);
      return true;
    }
    if (matches(e, sc.finding)) return flags.openAtCaret();
    if (matches(e, sc.segment)) return badge.openMenu(true, e.isTrusted);
    return false;
  }, signal);
}

// FocusedDocument is the served document that has focus, if any (commands act where the agent is).
function focusedDocument() {
  const s = state.active;
  if (s && s.doc.hasFocus()) return s.doc;
  for (const f of [document, ...Array.from(document.querySelectorAll('iframe')).map((i) => {
    try {
      return i.contentDocument;
    } catch {
      return null;
    }
  })]) {
    if (f?.hasFocus?.()) return f;
  }
  return null;
}

function handle(msg) {
  if (!msg || typeof msg !== 'object') return undefined;
  if (msg.type === MSG.command) {
    const command = msg.command;
    const doc = focusedDocument();
    if (!doc && !(command === COMMANDS.markCustomer && msg.selectionText && window === window.top)) return undefined;
    if (command === COMMANDS.openSearch) {
      if (Date.now() - (localAt.search ?? 0) < 800) return { ok: true };
      return { ok: search.open() };
    }
    if (command === COMMANDS.markCustomer) {
      if (Date.now() - (localAt.mark ?? 0) < 800) return { ok: true };
      return context.mark(doc ?? document, msg.selectionText).then((ok) => ({ ok }));
    }
    return undefined;
  }
  if (msg.type === MSG.insert) {
    let s = state.last;
    if (!s && window === window.top) {
      // Nothing focused yet: a page with exactly one reply field still has an obvious target.
      const all = scan(document);
      if (all.length === 1) s = sessionFor(all[0], lifetime);
    } else if (!focus.owns(s)) {
      return undefined; // another frame owns the last focused field
    } else if (!trust.acted(s)) {
      // Focus alone is not the agent's choice: when the popup takes the window's focus, a page can move the
      // field's focus to one of its own. The popup then asks the agent to click into the reply field.
      return undefined;
    }
    if (!s) return undefined;
    if (typeof msg.text !== 'string' || !msg.text) return { ok: false, error: 'text: must be a non-empty string' };
    return strip.insertTemplate(s, msg.text).then((r) => (r.ok ? { ok: true } : { ok: false, error: r.error }));
  }
  return undefined;
}
