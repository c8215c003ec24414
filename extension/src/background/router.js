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
import { CONTENT_API, checkApiMessage, checkLane } from '../shared/protocol.js';

export { CONTENT_API, checkApiMessage };

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

/**
 * The lane as the engine host sees it: prefixed with who asked (tab and frame, or the extension page), so one page
 * can supersede or cancel only its own requests, never another tab's checks.
 */
export function scopedLane(lane, sender) {
  const who = sender?.tab ? `${sender.tab.id}.${sender.frameId ?? 0}` : `x.${String(sender?.url ?? '').split(/[?#]/)[0]}`;
  return `${who}|${lane}`;
}

const refused = (what) => Promise.resolve({ status: 403, body: { error: `${what} is only for Sufler's own pages` } });

/**
 * Creates the router.
 *   engine       the engine's next hop; each takes the envelope the router checked and passes it on as it is:
 *                request(ApiEnvelope) → Answer, cancel(CancelEnvelope) → {ok}, packs(PacksEnvelope) → PacksOpAnswer,
 *                reload() → ReloadAnswer, status() → StatusAnswer (protocol.js)
 *   getConfig    () → {disabled}: built-in packs switched off, for the engine host (asked by the offscreen document)
 *   setBuiltinOff (id, off) → keeps a built-in pack's switch in settings
 *   origin       the extension's origin, runtime.getURL('') ("chrome-extension://id/")
 *   offscreenURL the offscreen document's URL (the only sender of engineConfig); '' where there is none
 *   setBadge     (tabId, off) → shows on the toolbar icon that a page opted out
 * handle(msg, sender) returns a promise of the reply, or undefined for messages that are not
 * the background's (so another listener can answer them).
 */
export function createRouter({ engine, getConfig, origin, offscreenURL = '', setBadge = () => {}, setBuiltinOff = async () => {}, dedupe = true }) {
  const inflight = new Map();

  function api(msg, sender, kind) {
    const problem = checkApiMessage(msg);
    if (problem) return Promise.resolve({ status: 400, body: { error: problem } });
    /** @type {import('../shared/protocol.js').ApiEnvelope} the checked envelope: only its own fields go on */
    const env = { type: MSG.api, method: msg.method.toUpperCase(), path: msg.path };
    if (msg.body !== undefined && msg.body !== null) env.body = msg.body;
    if (kind !== 'extension' && !contentMayCall(env.method, env.path)) return refused(`${env.method} ${env.path.split('?')[0]}`);
    if (msg.lane !== undefined) {
      env.lane = scopedLane(msg.lane, sender);
      env.seq = msg.seq;
    }
    // A laned request must reach the host itself: a coalesced one could be answered "superseded" for another lane.
    if (!dedupe || env.method !== 'GET' || env.lane) return engine.request(env);
    const key = env.path;
    let p = inflight.get(key);
    if (!p) {
      p = Promise.resolve(engine.request(env)).finally(() => inflight.delete(key));
      inflight.set(key, p);
    }
    return p;
  }

  function cancel(msg, sender, kind) {
    if (kind === 'unknown') return undefined;
    const problem = checkLane(msg, true);
    if (problem) return Promise.resolve({ ok: false, error: problem });
    return Promise.resolve(engine.cancel({ type: MSG.cancel, lane: scopedLane(msg.lane, sender), seq: msg.seq }));
  }

  // The checked pack operation: only its own fields go on (protocol.js PacksEnvelope).
  function packsEnvelope(msg) {
    /** @type {import('../shared/protocol.js').PacksEnvelope} */
    const env = { type: MSG.packs, op: String(msg.op) };
    if (msg.id !== undefined) env.id = String(msg.id);
    if (msg.on !== undefined) env.on = msg.on === true;
    if (msg.text !== undefined) env.text = msg.text;
    return env;
  }

  function handle(msg, sender) {
    if (!msg || typeof msg !== 'object') return undefined;
    const kind = senderKind(sender, origin);
    switch (msg.type) {
      case MSG.api: return api(msg, sender, kind);
      case MSG.cancel: return cancel(msg, sender, kind);
      case MSG.reload:
        if (kind !== 'extension') return refused('reload');
        inflight.clear();
        return Promise.resolve(engine.reload());
      case MSG.status: return kind === 'extension' ? Promise.resolve(engine.status()) : refused('engine status');
      // Packs change only from Sufler's own pages; the engine host owns them and changes the running engine.
      case MSG.packs:
        if (kind !== 'extension') return refused('pack changes');
        inflight.clear();
        return Promise.resolve(engine.packs(packsEnvelope(msg))).then(async (r) => {
          if (msg.op === 'toggle' && r?.ok && r.builtin) await setBuiltinOff(String(msg.id), msg.on !== true);
          return r;
        });
      // The packs config is the engine's: only its own document may read it.
      case MSG.engineConfig: return offscreenURL && sender?.url === offscreenURL && !sender.tab ? Promise.resolve(getConfig()) : undefined;
      // A content script names the pack a segment guess came from: ids and titles only, no counts or versions.
      case MSG.packTitles:
        if (kind === 'unknown') return undefined;
        return Promise.resolve(engine.request({ type: MSG.api, method: 'GET', path: '/v1/packs' }))
          .then((r) => ({ packs: (r?.status === 200 ? r.body?.packs ?? [] : []).map((p) => ({ id: String(p.id), title: String(p.title ?? p.id) })) }));
      case MSG.pageOptedOut:
        if (kind !== 'content' || typeof sender.tab.id !== 'number') return undefined;
        return Promise.resolve(setBadge(sender.tab.id, msg.off === true)).then(() => ({ ok: true }));
      default: return undefined;
    }
  }

  return { handle, inflightCount: () => inflight.size };
}
