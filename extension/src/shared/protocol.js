// Package protocol is the engine's one protocol: every request an extension context may make of the engine, its
// answer, and the one envelope that carries it. The envelope a caller builds here is the message every hop passes
// on: content script or extension page → background (router.js, which checks who asks) → offscreen document
// (Chromium only) → engine host (engine/host.js) → Worker (engine/worker.js) → Go. No hop wraps it in another.
//
// Errors: an HTTP error of the engine is an answer ({status >= 400, body: {error, problems?}}), never an exception.
// Besides the engine's own statuses the path adds three: 403 (the sender may not ask that), 499 (a newer request on
// the same lane superseded this one before it reached the engine) and 503 (the engine is starting, restarting or gone).
import { MSG } from './messages.js';

/**
 * @typedef {'GET'|'POST'|'PUT'|'DELETE'} Method
 *
 * ApiEnvelope is a request to the engine's HTTP API (wasm/api), as every hop carries it.
 * @typedef {object} ApiEnvelope
 * @property {'sufler:api'} type
 * @property {Method} method
 * @property {string} path      starts with /v1/, may carry a query
 * @property {string|object} [body]  an object is sent as JSON; a string keeps its exact bytes (pack imports)
 * @property {string} [lane]    requests on one lane supersede each other (one field's checks); the background
 *                              prefixes it with the sender's tab and frame, so a page reaches only its own lanes
 * @property {number} [seq]     increases along a lane; a lower one than the lane has seen is superseded
 *
 * PacksEnvelope is a custom pack operation: the engine host owns the custom packs and their index images
 * (engine/packs.js, IndexedDB) and carries it out against the running engine; every hop passes it on as it is, the
 * offscreen hop with a longer timeout (a large pack takes seconds to load in wasm). Extension pages only.
 * @typedef {object} PacksEnvelope
 * @property {'sufler:packs'} type
 * @property {'list'|'import'|'remove'|'toggle'|'export'|'reconcile'} op
 * @property {string} [id]      the pack (remove, toggle, export)
 * @property {boolean} [on]     toggle: switched on
 * @property {string} [text]    import: the pack file as it was read, its exact text
 *
 * CancelEnvelope drops the lane's requests up to seq that have not reached the engine yet (the agent typed on).
 * @typedef {{type: 'sufler:cancel', lane: string, seq: number}} CancelEnvelope
 *
 * Answer is what every request gets back.
 * @template T
 * @typedef {{status: number, body: T | ErrorBody}} Answer
 *
 * @typedef {{error: string, problems?: Problem[], superseded?: boolean}} ErrorBody
 * @typedef {{path: string, problem: string}} Problem
 *
 * The engine's answers (wasm/api/handlers.go):
 * @typedef {{rule: string, category: string, severity: string, start: number, end: number, match: string,
 *   message: string, why: string, replacements: string[]}} Finding  offsets in UTF-16 code units
 * @typedef {{findings: Finding[]}} CheckAnswer
 * @typedef {{id: string, kind: string, pack: string, title: string, text: string, score: number,
 *   variables: string[], via?: string}} Suggestion
 * @typedef {{suggestions: Suggestion[]}} SuggestAnswer
 * @typedef {{id: string, kind: string, pack: string, title: string, text: string, fragments: string[],
 *   score: number}} Hit
 * @typedef {{total: number, hits: Hit[]}} SearchAnswer
 * @typedef {{segment: string, pack: string, by: string, score: number, signals: string[]}} SegmentGuess
 * @typedef {{id: string, title: string, pack: string, style: string}} Segment
 * @typedef {{segments: Segment[]}} SegmentsAnswer
 * @typedef {{id: string, version: string, title: string, segments: string[], templates: number, cases: number,
 *   rules: number}} PackInfo
 * @typedef {{packs: PackInfo[]}} PacksAnswer
 * @typedef {{pack: PackInfo}} PutPackAnswer        400 with problems when the pack is rejected, 413 over the limit
 * @typedef {{deleted: string}} DeletePackAnswer   404 when not loaded, 409 for a built-in pack without ?builtin=off
 * @typedef {{ok: boolean, packs: number, ready: boolean}} HealthAnswer  ready: every pack's search index is built
 * @typedef {{packMaxBytes: number, bodyMaxBytes: number, packIdPattern: string, packImageType: string}} LimitsAnswer
 *
 * Answers of the background itself (extension pages only, except packTitles):
 * @typedef {{id: string, op: string, ok: boolean, status?: number, error?: string, problems: Problem[]}} Applied
 * @typedef {{ok: boolean, applied: Applied[], error?: string}} ReloadAnswer
 * @typedef {{started: boolean, running: boolean, starts?: number, applied?: Applied[], document?: boolean}} StatusAnswer
 * @typedef {{packs: {id: string, title: string}[]}} PackTitlesAnswer
 * @typedef {{ok: boolean, error?: string, problems?: Problem[], [k: string]: any}} PacksOpAnswer  list → packs,
 *   export → json; a refused import keeps the packs in use (engine/packs.js)
 */

/** The API: name → [method, path, who may call it ('content' = content scripts too, 'extension' = Sufler's pages)]. */
export const ENDPOINTS = Object.freeze({
  check: ['POST', '/v1/check', 'content'],
  suggest: ['POST', '/v1/suggest', 'content'],
  segment: ['POST', '/v1/segment', 'content'],
  search: ['GET', '/v1/search', 'content'],
  segments: ['GET', '/v1/segments', 'content'],
  health: ['GET', '/v1/health', 'content'],
  packs: ['GET', '/v1/packs', 'extension'],
  createPack: ['POST', '/v1/packs', 'extension'],
  putPack: ['PUT', '/v1/packs/{id}', 'extension'],    // JSON, or application/vnd.sufler.pack+image from the host
  deletePack: ['DELETE', '/v1/packs/{id}', 'extension'],
  packImage: ['GET', '/v1/packs/{id}/image', 'extension'], // binary: the engine host's own call (engine/packs.js)
  limits: ['GET', '/v1/limits', 'extension'],
  hub: ['GET', '/v1/hub', 'extension'],
  putHub: ['PUT', '/v1/hub', 'extension'],       // the background's hub poller (background/hub-poller.js)
  deleteHub: ['DELETE', '/v1/hub', 'extension'],
});

/** What a content script may call: [method, path without query]. */
export const CONTENT_API = Object.freeze(Object.values(ENDPOINTS).filter((e) => e[2] === 'content').map(([m, p]) => [m, p]));

/**
 * True for an envelope that loads packs into the engine (PUT or POST of a pack, PUT of a hub update): a large pack
 * takes seconds to read in wasm, so every hop waits longer for it (packTimeoutMs) than for a check.
 */
export function loadsPacks(env) {
  const p = String(env?.path ?? '').split('?')[0];
  return (env?.method === 'PUT' && (p.startsWith('/v1/packs/') || p === '/v1/hub')) || (env?.method === 'POST' && p === '/v1/packs');
}

/** Status of a request a newer one on its lane replaced before it reached the engine. */
export const SUPERSEDED = 499;

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);
const LANE = /^[\w:./-]{1,200}$/;

/** Checks an ApiEnvelope; returns an error string or '' when fine. */
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
  return checkLane(msg, false);
}

/** Checks the lane and seq of an envelope (required for a cancel); '' when fine. */
export function checkLane(msg, required) {
  if (msg.lane === undefined && msg.seq === undefined && !required) return '';
  if (typeof msg.lane !== 'string' || !LANE.test(msg.lane)) return 'lane must be 1–200 letters, digits or _:./-';
  if (!Number.isSafeInteger(msg.seq) || msg.seq < 0) return 'seq must be a whole number ≥ 0';
  return '';
}

/** The answer for a request superseded on its lane. */
export function superseded() {
  return { status: SUPERSEDED, body: { error: 'superseded by a newer request on its lane', superseded: true } };
}

/** Builds a query string from an object, skipping empty values. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Thrown when the background or the engine cannot be reached at all. */
export class EngineUnavailable extends Error {}

/** EngineError carries an error answer of the engine (or of the path to it). */
export class EngineError extends Error {
  constructor(status, body) {
    super(`Sufler engine: ${status} ${body?.error ?? ''}`.trim());
    this.status = status;
    this.body = body;
  }
}

const aborted = (signal) => signal.reason ?? new DOMException('aborted', 'AbortError');

/**
 * Creates the one client of the engine: content scripts, popup and options use it. `send(message)` delivers a
 * message to the background and resolves with its reply (browser.sendMessage in production).
 *
 * Two layers: raw `api(method, path, body, opts)` → Answer (HTTP errors are answers), and typed calls that resolve
 * with the answer's body and throw EngineError for an error answer. A call given `{lane, signal}` takes the next seq
 * on that lane, so it supersedes the lane's older calls still queued; when its signal aborts before the answer, the
 * lane is cancelled up to it, so the engine never runs it if it has not started.
 */
export function createClient(send) {
  const seqs = new Map();
  // A reloaded page keeps its tab and frame but starts its seqs again: its lanes must be new ones, not an old
  // document's whose seqs have run ahead.
  const instance = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

  async function api(method, path, body, { lane, signal } = {}) {
    if (signal?.aborted) throw aborted(signal);
    /** @type {ApiEnvelope} */
    const msg = { type: MSG.api, method, path };
    if (body !== undefined) msg.body = body;
    let cancel = null;
    if (lane) {
      msg.lane = `${instance}/${lane}`;
      msg.seq = (seqs.get(lane) ?? 0) + 1;
      seqs.set(lane, msg.seq);
      cancel = () => { send({ type: MSG.cancel, lane: msg.lane, seq: msg.seq })?.catch?.(() => {}); };
      signal?.addEventListener('abort', cancel, { once: true });
    }
    let reply;
    try {
      reply = await send(msg);
    } catch (err) {
      throw new EngineUnavailable(`Sufler: background unreachable: ${err?.message ?? err}`);
    } finally {
      if (cancel) signal?.removeEventListener('abort', cancel);
    }
    if (!reply || typeof reply.status !== 'number') throw new EngineUnavailable('Sufler: no answer from the engine');
    return reply;
  }

  async function call(method, path, body, opts = {}) {
    const reply = await api(method, path, body, opts);
    if (opts.signal?.aborted) throw aborted(opts.signal);
    if (reply.status >= 400) throw new EngineError(reply.status, reply.body);
    return reply.body;
  }

  const id = (packId) => encodeURIComponent(packId);
  return {
    api,
    /** @returns {Promise<Finding[]>} the findings in a reply text written for a segment */
    check: async (text, segment, opts) => (await call('POST', '/v1/check', { text, segment }, opts)).findings ?? [],
    /** @returns {Promise<Suggestion[]>} templates for a draft and the customer's message */
    suggest: async (text, context, segment, limit, opts) =>
      (await call('POST', '/v1/suggest', { text, context, segment, limit }, opts)).suggestions ?? [],
    /** @returns {Promise<SearchAnswer>} knowledge hits for a query */
    search: (q, segment, kind, limit, opts) => call('GET', `/v1/search${query({ q, segment, kind, limit })}`, undefined, opts),
    /** @returns {Promise<SegmentGuess>} the customer's segment guessed from their message */
    guessSegment: (text, opts) => call('POST', '/v1/segment', { text }, opts),
    /** @returns {Promise<Segment[]>} the segments of the loaded packs */
    segments: async (opts) => (await call('GET', '/v1/segments', undefined, opts)).segments ?? [],
    /** @returns {Promise<Answer<HealthAnswer>>} */
    health: () => api('GET', '/v1/health'),
    /** @returns {Promise<Answer<PacksAnswer>>} the loaded packs in full (extension pages) */
    loadedPacks: () => api('GET', '/v1/packs'),
    /** @returns {Promise<LimitsAnswer>} the engine's limits (extension pages): the pages ask instead of copying them */
    limits: async () => {
      const r = await api('GET', '/v1/limits');
      if (r.status !== 200) throw new EngineUnavailable(`Sufler: the engine's limits are unavailable (${r.status})`);
      return r.body;
    },
    /**
     * A custom pack operation for the engine host (PacksEnvelope without its type) → PacksOpAnswer (extension pages).
     * @param {{op: string, id?: string, on?: boolean, text?: string}} op
     * @returns {Promise<PacksOpAnswer>}
     */
    packs: async (op) => {
      let reply;
      try {
        reply = await send({ ...op, type: MSG.packs });
      } catch (err) {
        throw new EngineUnavailable(`Sufler: background unreachable: ${err?.message ?? err}`);
      }
      if (!reply || typeof reply.ok !== 'boolean') throw new EngineUnavailable('Sufler: no answer from the engine host');
      return reply;
    },
    /** @returns {Promise<Answer<PutPackAnswer>>} loads or replaces a pack; json is its exact text */
    putPack: (packId, json) => api('PUT', `/v1/packs/${id(packId)}`, json),
    /** @returns {Promise<Answer<DeletePackAnswer>>} */
    deletePack: (packId, builtin = false) => api('DELETE', `/v1/packs/${id(packId)}${builtin ? '?builtin=off' : ''}`),
    /** @returns {Promise<{id: string, title: string}[]>} the loaded packs' names, all a content script may read */
    packTitles: async (opts = {}) => {
      const reply = await send({ type: MSG.packTitles });
      if (opts.signal?.aborted) throw aborted(opts.signal);
      return reply?.packs ?? [];
    },
    /** @returns {Promise<ReloadAnswer>} restarts the engine with the packs from settings (extension pages) */
    reload: () => send({ type: MSG.reload }),
    /** @returns {Promise<StatusAnswer>} what the engine host did last (extension pages) */
    status: () => send({ type: MSG.status }),
  };
}
