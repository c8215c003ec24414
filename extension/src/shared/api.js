// Package api calls the engine's HTTP API (docs/contract.md) from any extension context
// through the background, which owns the engine host.
import { sendMessage } from '../browser.js';
import { MSG } from './messages.js';

/** Thrown when the background or the engine cannot be reached at all. */
export class EngineUnavailable extends Error {}

/**
 * Calls the engine: api('GET', '/v1/search?q=...') → {status, body}. body may be an object
 * (sent as JSON) or a string (sent as is: pack imports keep their exact bytes).
 * HTTP errors come back as {status >= 400, body: {error, problems?}}, never as exceptions.
 */
export async function api(method, path, body) {
  let reply;
  try {
    reply = await sendMessage({ type: MSG.api, method, path, body });
  } catch (err) {
    throw new EngineUnavailable(`Sufler: background unreachable: ${err?.message ?? err}`);
  }
  if (!reply || typeof reply.status !== 'number') {
    throw new EngineUnavailable('Sufler: no answer from the engine');
  }
  return reply;
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

/** Asks the background to restart the engine with the packs from settings. */
export function reloadEngine() {
  return sendMessage({ type: MSG.reload });
}

/** Engine host status: {started, ready, applied:[{id, op, ok, problems}]}. */
export function engineStatus() {
  return sendMessage({ type: MSG.status });
}

/**
 * Asks the engine host for a pack operation (src/engine/packs.js): {op: 'list' | 'import' |
 * 'remove' | 'toggle' | 'export', id?, on?, text?} → {ok, ...}. The host owns the packs; a page only asks.
 */
export async function packs(op) {
  const reply = await sendMessage({ type: MSG.packs, ...op });
  if (!reply || typeof reply.ok !== 'boolean') throw new EngineUnavailable('Sufler: no answer from the engine host');
  return reply;
}

/** The engine's limits (GET /v1/limits): {packMaxBytes, bodyMaxBytes, packIdPattern, packImageType}. */
export async function limits() {
  const r = await api('GET', '/v1/limits');
  if (r.status !== 200) throw new EngineUnavailable(`Sufler: the engine's limits are unavailable (${r.status})`);
  return r.body;
}
