// Package router is the background's only job: it checks each runtime message and hands
// it to the engine (or settings), coalescing identical GETs that are in flight at once
// (several frames of one helpdesk asking for /v1/segments together make one call).
//
// Who may ask what: a content script lives in a page Sufler does not control, so it may
// only check, suggest, guess a segment and search (plus read the segment list the badge
// needs and say the page opted out). Pack changes, exports, reloads and the engine's
// status come only from extension pages (popup, options); the packs config only from
// the offscreen document that hosts the engine.
import { MSG } from '../shared/messages.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

/** What a content script may call: [method, path without query]. */
export const CONTENT_API = Object.freeze([
  ['POST', '/v1/check'],
  ['POST', '/v1/suggest'],
  ['POST', '/v1/segment'],
  ['GET', '/v1/search'],
  ['GET', '/v1/segments'],
  ['GET', '/v1/health'],
]);

/** Checks a sufler:api message; returns an error string or '' when fine. */
export function checkApiMessage(msg) {
  if (typeof msg.method !== 'string' || !METHODS.has(msg.method.toUpperCase())) {
    return `method must be one of ${[...METHODS].join(', ')}, got ${JSON.stringify(msg.method)}`;
  }
  if (typeof msg.path !== 'string' || !msg.path.startsWith('/v1/') || msg.path.includes('..') || /\s|#/.test(msg.path)) {
    return `path must start with /v1/ (no spaces, "..", "#"), got ${JSON.stringify(msg.path)}`;
  }
  if (msg.body !== undefined && msg.body !== null && typeof msg.body !== 'string' && typeof msg.body !== 'object') {
    return 'body must be a JSON string or an object';
  }
  return '';
}

/**
 * Classifies a sender: 'extension' (a page of this extension: popup, options, the
 * offscreen document), 'content' (a content script, in a web page), or 'unknown'.
 * origin is the extension's own origin with a trailing slash (runtime.getURL('')).
 */
export function senderKind(sender, origin) {
  if (!sender || typeof sender !== 'object') return 'unknown';
  const url = typeof sender.url === 'string' ? sender.url : '';
  if (origin && url.startsWith(origin)) return 'extension';
  if (sender.tab) return 'content';
  return 'unknown';
}

/** True when a content script may make this API call. */
export function contentMayCall(method, path) {
  const m = String(method).toUpperCase();
  const p = String(path).split('?')[0];
  return CONTENT_API.some(([cm, cp]) => cm === m && cp === p);
}

const refused = (what) => Promise.resolve({ status: 403, body: { error: `${what} is only for Sufler's own pages` } });

/**
 * Creates the router.
 *   engine       {request({method, path, body}) → {status, body}, reload() → report, status() → object}
 *   getConfig    () → {disabled}: built-in packs switched off, for the engine host (asked by the offscreen document)
 *   setBuiltinOff (id, off) → keeps a built-in pack's switch in settings
 *   origin       the extension's origin, runtime.getURL('') ("chrome-extension://id/")
 *   offscreenURL the offscreen document's URL (the only sender of engineConfig); '' where there is none
 *   setBadge     (tabId, off) → shows on the toolbar icon that a page opted out
 * handle(msg, sender) returns a promise of the reply, or undefined for messages that are not
 * the background's (so another listener, e.g. the offscreen document, can answer them).
 */
export function createRouter({ engine, getConfig, origin, offscreenURL = '', setBadge = () => {}, setBuiltinOff = async () => {}, dedupe = true }) {
  const inflight = new Map();

  function api(msg, kind) {
    const problem = checkApiMessage(msg);
    if (problem) return Promise.resolve({ status: 400, body: { error: problem } });
    const req = { method: msg.method.toUpperCase(), path: msg.path, body: msg.body ?? undefined };
    if (kind !== 'extension' && !contentMayCall(req.method, req.path)) return refused(`${req.method} ${req.path.split('?')[0]}`);
    if (!dedupe || req.method !== 'GET') return engine.request(req);
    const key = req.path;
    let p = inflight.get(key);
    if (!p) {
      p = Promise.resolve(engine.request(req)).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  function handle(msg, sender) {
    if (!msg || typeof msg !== 'object' || msg.target) return undefined;
    const kind = senderKind(sender, origin);
    switch (msg.type) {
      case MSG.api: return api(msg, kind);
      case MSG.reload:
        if (kind !== 'extension') return refused('reload');
        inflight.clear();
        return Promise.resolve(engine.reload());
      case MSG.status: return kind === 'extension' ? Promise.resolve(engine.status()) : refused('engine status');
      // Packs change only from Sufler's own pages; the engine host owns them and changes the running engine.
      case MSG.packs:
        if (kind !== 'extension') return refused('pack changes');
        inflight.clear();
        return Promise.resolve(engine.packs(msg)).then(async (r) => {
          if (msg.op === 'toggle' && r?.ok && r.builtin) await setBuiltinOff(String(msg.id), msg.on !== true);
          return r;
        });
      // The packs config is the engine's: only its own document may read it.
      case MSG.engineConfig: return offscreenURL && sender?.url === offscreenURL && !sender.tab ? Promise.resolve(getConfig()) : undefined;
      // A content script names the pack a segment guess came from: ids and titles only, no counts or versions.
      case MSG.packTitles:
        if (kind === 'unknown') return undefined;
        return Promise.resolve(engine.request({ method: 'GET', path: '/v1/packs' }))
          .then((r) => ({ packs: (r?.status === 200 ? r.body?.packs ?? [] : []).map((p) => ({ id: String(p.id), title: String(p.title ?? p.id) })) }));
      case MSG.pageOptedOut:
        if (kind !== 'content' || typeof sender.tab.id !== 'number') return undefined;
        return Promise.resolve(setBadge(sender.tab.id, msg.off === true)).then(() => ({ ok: true }));
      default: return undefined;
    }
  }

  return { handle, inflightCount: () => inflight.size };
}
