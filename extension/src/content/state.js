// Package state: what the in-page features share — settings, the active field session, the customer's message
// and the segment — plus a tiny event hub so features stay separate modules with their own init(signal).
import { hostOf } from '../shared/settings.js';

/** Hub carries in-page events: 'active' (a session got focus), 'text', 'findings', 'segment', 'context', 'settings'. */
export const hub = new EventTarget();

/** Emit sends an event with detail on the hub. */
export function emit(type, detail) {
  hub.dispatchEvent(new CustomEvent(type, { detail }));
}

/**
 * On listens on the hub until signal aborts.
 * @param {string} type
 * @param {(detail: any) => void} fn
 * @param {AbortSignal} signal
 */
export function on(type, fn, signal) {
  hub.addEventListener(type, (e) => fn(e.detail), { signal });
}

/** State is the content script's shared, in-memory state for this frame. */
export const state = {
  /** settings as settings.js load() returns them */
  settings: null,
  /** the focused field's session, or null */
  active: null,
  /** the session that had focus last (the popup inserts there) */
  last: null,
  /** segments the engine knows: [{id, title, pack, style}] */
  segments: [],
  /** packs the engine has loaded: [{id, title, …}] */
  packs: [],
  /** the customer's message: {text, how: 'marked' (on this page) | 'remembered' (for this conversation, marked on
   *  another page or frame) | 'quoted' (the quote in the reply field)} */
  context: null,
  /** what the background remembers for this conversation (content/conversation.js): {segment, context, scope} */
  conversation: { segment: '', context: '', scope: 'page' },
  /** the engine's guess from the customer's message: {segment, pack, score, signals} */
  guess: null,
  /** set once the engine failed to answer, so the agent is told once, not on every keystroke */
  engineDown: false,
};

/** Host is this page's host as settings key it ('' for non-web pages). */
export function host() {
  return hostOf(location.href) || location.hostname;
}

/**
 * Segment is the segment in effect for this conversation and where it came from: chosen by the agent (remembered
 * for the conversation), guessed from the customer's message, or none yet: then 'all', every loaded pack's rules with
 * their default replacements (the engine's answer to an empty segment), so a fresh install flags at once.
 * @returns {{id: string, how: 'chosen'|'guessed'|'all'}}
 */
export function segment() {
  const known = new Set(state.segments.map((s) => s.id));
  const chosen = state.conversation?.segment;
  if (chosen && known.has(chosen)) return { id: chosen, how: 'chosen' };
  if (state.guess?.segment && known.has(state.guess.segment)) return { id: state.guess.segment, how: 'guessed' };
  return { id: '', how: 'all' };
}

/** SegmentTitle is a segment's title, or its id when the engine did not give one. */
export function segmentTitle(id) {
  return state.segments.find((s) => s.id === id)?.title ?? id;
}

/** IgnoredRules lists the rule ids ignored on this site. */
export function ignoredRules() {
  return new Set(state.settings?.ignores?.[host()] ?? []);
}

const docs = new Map(); // served documents → their AbortSignal

/** AddDocument registers a served document (frames.js calls it through app.js). */
export function addDocument(doc, signal) {
  docs.set(doc, signal);
  signal.addEventListener('abort', () => docs.delete(doc), { once: true });
  emit('document', { doc, signal });
}

/**
 * EachDocument runs fn(doc, signal) for every served document, now and later, until signal aborts; the signal
 * passed to fn also aborts when that document goes away.
 * @param {(doc: Document, signal: AbortSignal) => void} fn
 * @param {AbortSignal} signal
 */
export function eachDocument(fn, signal) {
  for (const [doc, s] of docs) fn(doc, AbortSignal.any([s, signal]));
  on('document', ({ doc, signal: s }) => fn(doc, AbortSignal.any([s, signal])), signal);
}
