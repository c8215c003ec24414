// Package offscreen-engine is the Chromium engine client: the engine lives in the offscreen
// document (offscreen.html → Worker). The service worker creates that document on demand,
// one per profile, and remembers that it exists: a request costs one message, not a
// runtime.getContexts lookup too. The memory goes when the document does (an answer that
// never comes, "receiving end does not exist", the service worker itself restarting); then
// the document is recreated and the request retried once.
//
// The envelopes the router checked go to the document as they are (protocol.js): the
// document tells them from a content script's by the sender, the service worker.
import { MSG } from '../shared/messages.js';
import { loadsPacks } from '../shared/protocol.js';

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
  let exists = false; // the document is known to exist: no lookup until a send fails
  let creating = null;
  let generation = 0;
  const stats = { lookups: 0, creates: 0 };

  function ensure() {
    if (exists) return Promise.resolve();
    if (!creating) {
      creating = (async () => {
        stats.lookups++;
        if (!(await b.offscreenExists())) {
          stats.creates++;
          await b.createOffscreen(OFFSCREEN_PATH, OFFSCREEN_REASONS, JUSTIFICATION);
        }
        exists = true;
      })().finally(() => { creating = null; });
    }
    return creating;
  }

  // Recreates the document once per failure generation: concurrent failing requests share one restart.
  let restarting = null;
  function recreate(seen) {
    if (seen !== generation) return restarting ?? ensure();
    generation++;
    exists = false;
    restarting = (async () => {
      await b.closeOffscreen();
      await ensure();
    })().finally(() => { restarting = null; });
    return restarting;
  }

  async function send(msg, ms) {
    const reply = await withTimeout(b.sendMessage(msg), ms, msg.type);
    if (reply === undefined) throw new Error(`${msg.type}: offscreen document did not answer`);
    return reply;
  }

  async function call(msg, ms = timeoutMs) {
    if (restarting) await restarting;
    const seen = generation;
    try {
      await ensure();
      return await send(msg, ms);
    } catch (err) {
      log('offscreen engine unreachable, recreating:', err.message);
      await recreate(seen);
      return send(msg, ms);
    }
  }

  return {
    /** Serves one ApiEnvelope through the offscreen engine host. */
    async request(env) {
      try {
        return await call(env, loadsPacks(env) ? packTimeoutMs : timeoutMs);
      } catch (err) {
        return { status: 503, body: { error: `engine unavailable: ${err.message}` } };
      }
    },
    /** Passes a CancelEnvelope on; with no document there is nothing to cancel. */
    async cancel(env) {
      if (!exists) return { ok: true };
      try {
        return await send(env, 5_000);
      } catch {
        return { ok: true };
      }
    },
    /** Restarts the engine with the packs from settings. */
    async reload() {
      try {
        return await call({ type: MSG.reload });
      } catch (err) {
        return { ok: false, error: err.message, applied: [] };
      }
    },
    /** Passes a PacksEnvelope on to the engine host (src/engine/packs.js); a large pack's import takes longer. */
    async packs(env) {
      try {
        return await call(env, packTimeoutMs);
      } catch (err) {
        return { ok: false, error: `engine unavailable: ${err.message}`, problems: [] };
      }
    },
    /** Host status, or {running:false} when there is no document (asking does not create one). */
    async status() {
      if (!exists) {
        stats.lookups++;
        exists = await b.offscreenExists();
      }
      if (!exists) return { started: false, running: false, document: false };
      try {
        return { ...(await send({ type: MSG.status }, 5_000)), document: true };
      } catch (err) {
        exists = false;
        return { started: false, running: false, document: true, error: err.message };
      }
    },
    /** Counts existence lookups and creations (tests: a request must not cost a lookup). */
    stats,
  };
}
