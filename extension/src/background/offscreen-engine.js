// Package offscreen-engine is the Chromium engine client: the engine lives in the offscreen
// document (offscreen.html → Worker). The service worker creates that document on demand,
// one per profile; when it is gone or silent, it is recreated and the request retried once.
import { MSG, OFFSCREEN_TARGET } from '../shared/messages.js';

/** Offscreen document path inside the extension. */
export const OFFSCREEN_PATH = 'offscreen.html';

/**
 * WORKERS: the document exists to run the engine in a dedicated Worker (the Go wasm runtime
 * and its in-memory indexes). Service workers cannot start Workers and are stopped after
 * 30 s idle, which would throw the indexes away between an agent's keystrokes.
 */
export const OFFSCREEN_REASONS = ['WORKERS'];
const JUSTIFICATION = 'Runs the Sufler engine (WebAssembly) in a Worker so checks and search stay on this computer.';

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Creates the client. `b` provides {offscreenExists, createOffscreen, closeOffscreen, sendMessage}
 * (browser.js in production, fakes in unit tests). timeoutMs must exceed the host's own
 * start + request timeouts, so a slow start is not mistaken for a dead document; packTimeoutMs
 * must exceed the host's packTimeoutMs (an import of a large pack).
 */
export function createOffscreenEngine(b, { timeoutMs = 90_000, packTimeoutMs = 300_000, log = () => {} } = {}) {
  let creating = null;
  let generation = 0;

  function ensure() {
    if (!creating) {
      creating = (async () => {
        if (!(await b.offscreenExists())) await b.createOffscreen(OFFSCREEN_PATH, OFFSCREEN_REASONS, JUSTIFICATION);
      })().finally(() => { creating = null; });
    }
    return creating;
  }

  // Recreates the document once per failure generation: concurrent failing requests share one restart.
  let restarting = null;
  function recreate(seen) {
    if (seen !== generation) return restarting ?? ensure();
    generation++;
    restarting = (async () => {
      await b.closeOffscreen();
      await ensure();
    })().finally(() => { restarting = null; });
    return restarting;
  }

  async function send(type, extra, ms) {
    const reply = await withTimeout(b.sendMessage({ target: OFFSCREEN_TARGET, type, ...extra }), ms, type);
    if (reply === undefined) throw new Error(`${type}: offscreen document did not answer`);
    return reply;
  }

  async function call(type, extra = {}, ms = timeoutMs) {
    if (restarting) await restarting;
    const seen = generation;
    try {
      await ensure();
      return await send(type, extra, ms);
    } catch (err) {
      log('offscreen engine unreachable, recreating:', err.message);
      await recreate(seen);
      return send(type, extra, ms);
    }
  }

  return {
    /** Serves one API request through the offscreen engine host. */
    async request(req) {
      try {
        return await call(MSG.engineRequest, { req });
      } catch (err) {
        return { status: 503, body: { error: `engine unavailable: ${err.message}` } };
      }
    },
    /** Restarts the engine with the packs from settings. */
    async reload() {
      try {
        return await call(MSG.engineReload);
      } catch (err) {
        return { ok: false, error: err.message, applied: [] };
      }
    },
    /** A pack operation, carried out by the engine host (src/engine/packs.js). */
    async packs(msg) {
      try {
        return await call(MSG.enginePacks, { msg }, packTimeoutMs);
      } catch (err) {
        return { ok: false, error: `engine unavailable: ${err.message}`, problems: [] };
      }
    },
    /** Host status, or {running:false} when there is no document. */
    async status() {
      if (!(await b.offscreenExists())) return { started: false, running: false, document: false };
      try {
        return { ...(await send(MSG.engineStatus, {}, 5_000)), document: true };
      } catch (err) {
        return { started: false, running: false, document: true, error: err.message };
      }
    },
  };
}
