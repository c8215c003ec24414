// Package state: what the in-page features share — settings, the active field session, the customer's message
// and the segment — plus a tiny event hub so features stay separate modules with their own init(signal).
import { segmentKey, hostOf } from '../shared/settings.js';

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
  /** the customer's message marked on this page: {text, url} */
  context: null,
  /** the engine's guess from the customer's message: {segment, pack, score, signals} */
  guess: null,
  /** set once the engine failed to answer, so the agent is told once, not on every keystroke */
  engineDown: false,
};

/** Host is this page's host as settings key it ('' for non-web pages). */
export function host() {
  return hostOf(location.href) || location.hostname;
}

/** ConversationKey is the key a chosen segment is remembered under (host + path). */
export function conversationKey() {
  return segmentKey(location.href);
}

/**
 * Segment is the segment in effect for this conversation and where it came from: chosen (remembered in settings),
 * guessed from the customer's message, or the first known segment.
 * @returns {{id: string, how: 'chosen'|'guessed'|'default'|'none'}}
 */
export function segment() {
  const known = new Set(state.segments.map((s) => s.id));
  const chosen = state.settings?.segments?.[conversationKey()];
  if (chosen && known.has(chosen)) return { id: chosen, how: 'chosen' };
  if (state.guess?.segment && known.has(state.guess.segment)) return { id: state.guess.segment, how: 'guessed' };
  if (state.segments.length) return { id: state.segments[0].id, how: 'default' };
  return { id: '', how: 'none' };
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
