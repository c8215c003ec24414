// Package engine: the engine's HTTP API as the content script uses it (docs/contract.md), through the background.
// Answers are plain objects; HTTP errors become exceptions with the engine's message.
import { api, query } from '../shared/api.js';
import { sendMessage } from '../browser.js';
import { MSG } from '../shared/messages.js';

/** EngineError carries the engine's error answer. */
export class EngineError extends Error {
  constructor(status, body) {
    super(`Sufler engine: ${status} ${body?.error ?? ''}`.trim());
    this.status = status;
    this.body = body;
  }
}

async function call(method, path, body, signal) {
  const reply = await api(method, path, body);
  if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
  if (reply.status >= 400) throw new EngineError(reply.status, reply.body);
  return reply.body;
}

/** Check returns the findings for a reply text in a segment. */
export async function check(text, segment, signal) {
  return (await call('POST', '/v1/check', { text, segment }, signal)).findings ?? [];
}

/** Suggest returns templates for a draft and the customer's message. */
export async function suggest(text, context, segment, limit, signal) {
  return (await call('POST', '/v1/suggest', { text, context, segment, limit }, signal)).suggestions ?? [];
}

/** Search returns knowledge-base hits for a query. */
export async function search(q, segment, kind, limit, signal) {
  return call('GET', `/v1/search${query({ q, segment, kind, limit })}`, undefined, signal);
}

/** GuessSegment guesses the customer's segment from their message. */
export async function guessSegment(text, signal) {
  return call('POST', '/v1/segment', { text }, signal);
}

/** Segments lists the segments of the loaded packs. */
export async function segments(signal) {
  return (await call('GET', '/v1/segments', undefined, signal)).segments ?? [];
}

/** Packs lists the loaded packs' names: [{id, title}] (the background gives content scripts nothing more). */
export async function packs(signal) {
  const reply = await sendMessage({ type: MSG.packTitles });
  if (signal?.aborted) throw signal.reason ?? new DOMException('aborted', 'AbortError');
  return reply?.packs ?? [];
}
