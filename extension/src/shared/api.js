// Package api is the extension's one engine client (protocol.js's createClient) bound to the background: content
// scripts, popup and options all call the engine through it.
import { sendMessage } from '../browser.js';
import { createClient } from './protocol.js';

export { query, EngineUnavailable, EngineError } from './protocol.js';

/** The engine client; see protocol.js for every call, its answer and its errors. */
export const engine = createClient((msg) => sendMessage(msg));

/** Calls the engine: api('GET', '/v1/search?q=...') → Answer {status, body}; HTTP errors are answers. */
export const api = engine.api;

/** Asks the background to restart the engine with the packs from settings → ReloadAnswer. */
export const reloadEngine = engine.reload;

/** Engine host status → StatusAnswer. */
export const engineStatus = engine.status;

/** A custom pack operation the engine host carries out (engine/packs.js): {op, id?, on?, text?} → PacksOpAnswer. */
export const packs = engine.packs;

/** The engine's limits (GET /v1/limits) → LimitsAnswer. */
export const limits = engine.limits;
