// Package search drives the popup's search-as-you-type: debounced calls to
// GET /v1/search, and answers that arrive after a newer query are dropped.
import { query } from '../shared/api.js';

/** Builds the search path for a query and filters. */
export function searchPath({ q, kind, segment, limit = 20 }) {
  return `/v1/search${query({ q: q.trim(), kind, segment, limit })}`;
}

/**
 * Creates the controller.
 *   call(path) → Promise<{status, body}>   (api('GET', path) in the popup)
 *   onResult({q, status, body}) is called only for the newest query.
 *   onPending(bool) tells whether a request for the newest query is on its way.
 */
export function createSearch({ call, onResult, onPending = () => {}, debounceMs = 150, timers = globalThis }) {
  let seq = 0;
  let timer = null;

  async function run(params, id) {
    onPending(true);
    let reply;
    try {
      reply = await call(searchPath(params));
    } catch (err) {
      reply = { status: 0, body: { error: err.message } };
    }
    if (id !== seq) return; // a newer query was typed meanwhile: this answer is stale
    onPending(false);
    onResult({ q: params.q, ...reply });
  }

  return {
    /** Schedules a search; an empty query clears at once. */
    update(params) {
      const id = ++seq;
      if (timer) timers.clearTimeout(timer);
      if (!params.q.trim()) {
        onPending(false);
        onResult({ q: '', status: 200, body: { total: 0, hits: [] } });
        return;
      }
      timer = timers.setTimeout(() => { timer = null; run(params, id); }, debounceMs);
    },
    /** Searches at once (filters changed, Enter pressed). */
    now(params) {
      const id = ++seq;
      if (timer) timers.clearTimeout(timer);
      timer = null;
      if (!params.q.trim()) {
        onResult({ q: '', status: 200, body: { total: 0, hits: [] } });
        return Promise.resolve();
      }
      return run(params, id);
    },
  };
}
