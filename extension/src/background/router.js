// Package router is the background's only job: it checks each runtime message and hands
// it to the engine (or settings), coalescing identical GETs that are in flight at once
// (several frames of one helpdesk asking for /v1/segments together make one call).
import { MSG } from '../shared/messages.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE']);

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
 * Creates the router.
 *   engine    {request({method, path, body}) → {status, body}, reload() → report, status() → object}
 *   getConfig () → {disabled, custom}: packs for the engine host (asked by the offscreen document)
 * handle(msg, sender) returns a promise of the reply, or undefined for messages that are not
 * the background's (so another listener, e.g. the offscreen document, can answer them).
 */
export function createRouter({ engine, getConfig, dedupe = true }) {
  const inflight = new Map();

  function api(msg) {
    const problem = checkApiMessage(msg);
    if (problem) return Promise.resolve({ status: 400, body: { error: problem } });
    const req = { method: msg.method.toUpperCase(), path: msg.path, body: msg.body ?? undefined };
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
    switch (msg.type) {
      case MSG.api: return api(msg);
      case MSG.reload: inflight.clear(); return Promise.resolve(engine.reload());
      case MSG.status: return Promise.resolve(engine.status());
      // Only extension pages (no tab) may read the packs config.
      case MSG.engineConfig: return sender?.tab ? undefined : Promise.resolve(getConfig());
      default: return undefined;
    }
  }

  return { handle, inflightCount: () => inflight.size };
}
