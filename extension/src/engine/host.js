// Package host runs ONE Sufler engine in a dedicated Worker and serves API requests to it.
// Chromium's offscreen document and Firefox's event page both use it. A Worker keeps the
// Go program's long index build off the document's thread (it keeps answering messages) and makes
// a restart clean: terminate() frees the whole Go runtime, a fresh Worker starts a new one.
//
// Requests arrive as the envelopes of shared/protocol.js and go to the Worker as they are (with the id its answer
// comes back under). Laned requests pass lanes.js first: a check the agent has typed past is answered "superseded"
// here, before the single-threaded engine spends time on it.
import { MSG } from '../shared/messages.js';
import { loadsPacks, superseded } from '../shared/protocol.js';
import { createLanes } from './lanes.js';
import { createPackOwner } from './packs.js';

/** Reply for requests that cannot reach a working engine. */
function unavailable(error) {
  return { status: 503, body: { error } };
}

/**
 * Creates an engine host.
 *   spawn()      → Worker-like {postMessage, addEventListener, terminate} running src/engine/worker.js
 *   getConfig()  → Promise<{disabled: [ids], hub?: ApiEnvelope}>: built-in packs switched off and the team hub's
 *                  last accepted update (PUT /v1/hub), applied after every start
 *   store        the pack store (src/shared/pack-store.js): the custom packs, which this host owns (packs.js)
 *   startTimeoutMs / requestTimeoutMs bound the wait for the engine; on timeout the worker is
 *   terminated and the next request starts a new one. packTimeoutMs bounds a request that
 *   loads or exports a pack: a company's 24 MiB pack takes seconds to read in wasm.
 */
export function createEngineHost({ spawn, getConfig, store, startTimeoutMs = 60_000, requestTimeoutMs = 20_000, packTimeoutMs = 240_000, log = () => {} }) {
  let cur = null;   // {worker, ready: Promise, pending: Map, dead, error}
  let nextId = 1;
  let starts = 0;
  let applied = [];
  const lanes = createLanes();
  store ??= { records: async () => ({}), get: async () => null, put: async () => {}, delete: async () => {} };
  // Pack changes go to the engine that runs now (started if need be), never through a restart.
  const owner = createPackOwner({ send: (req) => serve(req, packTimeoutMs), store, log });

  function die(run, error) {
    if (run.dead) return;
    run.dead = true;
    run.error = error;
    try { run.worker.terminate(); } catch { /* already gone */ }
    for (const { resolve } of run.pending.values()) resolve(unavailable(`engine stopped: ${error}`));
    run.pending.clear();
    log('engine stopped:', error);
  }

  function send(run, req, timeoutMs) {
    if (run.dead) return Promise.resolve(unavailable(`engine stopped: ${run.error}`));
    const id = nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        run.pending.delete(id);
        die(run, `no answer in ${timeoutMs} ms to ${req.method} ${req.path}`);
        resolve(unavailable(`engine did not answer in ${timeoutMs} ms`));
      }, timeoutMs);
      run.pending.set(id, { resolve: (r) => { clearTimeout(timer); resolve(r); } });
      // The envelope as it came (the host's own calls have no type); the pack owner's calls add contentType and
      // binary (a pack with its index image, an image export).
      run.worker.postMessage({ ...req, type: MSG.api, id });
    });
  }

  async function apply(run) {
    const config = await getConfig();
    const report = [];
    for (const id of config.disabled ?? []) {
      // ?builtin=off: the engine refuses (409) a DELETE of a built-in pack that does not say it means it.
      const r = await send(run, { method: 'DELETE', path: `/v1/packs/${encodeURIComponent(id)}?builtin=off` }, requestTimeoutMs);
      // 404 is fine: a disabled pack may no longer ship with the engine.
      report.push({ id, op: 'disable', ok: r.status === 200 || r.status === 404, status: r.status, problems: [] });
    }
    // The stored packs go into this run directly: request() would wait for this very start.
    const stored = createPackOwner({ send: (req) => send(run, req, packTimeoutMs), store, log });
    report.push(...await stored.applyStored());
    if (config.hub) {
      // The team hub's last accepted update (background/hub-poller.js), verified again by the engine. After the
      // custom packs: the hub's pack of an id wins, as it did when the update was accepted.
      const r = await send(run, { ...config.hub, type: MSG.api }, packTimeoutMs);
      report.push({ id: 'hub', op: 'hub', ok: r.status === 200, status: r.status, error: r.body?.error, problems: r.body?.problems ?? [] });
    }
    return report;
  }

  function start() {
    if (cur && !cur.dead) die(cur, 'restarted');
    starts++;
    const run = { worker: spawn(), pending: new Map(), dead: false, error: '' };
    cur = run;
    const booted = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`engine did not start in ${startTimeoutMs} ms`)), startTimeoutMs);
      run.worker.addEventListener('message', (e) => {
        const m = e.data;
        if (m?.type === 'ready') { clearTimeout(timer); resolve(); }
        else if (m?.type === 'reply') {
          const waiter = run.pending.get(m.id);
          run.pending.delete(m.id);
          waiter?.resolve({ status: m.status, body: m.body instanceof ArrayBuffer ? m.body : parseBody(m.body) });
        }
        else if (m?.type === 'exited') { clearTimeout(timer); reject(new Error(m.error || 'engine exited')); die(run, m.error || 'engine exited'); }
      });
      run.worker.addEventListener('error', (e) => {
        const msg = e?.message || 'worker error';
        clearTimeout(timer);
        reject(new Error(msg));
        die(run, msg);
      });
    });
    run.ready = booted.then(() => apply(run)).then((report) => {
      applied = report;
      return report;
    }, (err) => {
      die(run, err.message);
      throw err;
    });
    run.ready.catch(() => {}); // observed by request()/reload(); avoid unhandled rejections
    return run;
  }

  /** Serves one ApiEnvelope {method, path, body, lane?, seq?} → Answer {status, body}; starts the engine if needed. */
  async function request(req) {
    if (!(await lanes.enter(req.lane, req.seq))) return superseded();
    try {
      return await serve(req, loadsPacks(req) ? packTimeoutMs : requestTimeoutMs);
    } finally {
      lanes.leave(req.lane);
    }
  }

  /** Drops a CancelEnvelope's lane's requests up to its seq that have not reached the engine → {ok: true}. */
  function cancel(env) {
    if (env?.lane) lanes.cancel(env.lane, env.seq);
    return { ok: true };
  }

  async function serve(req, timeoutMs = requestTimeoutMs) {
    let run = cur && !cur.dead ? cur : start();
    try {
      await run.ready;
    } catch (err) {
      return unavailable(`engine failed to start: ${err.message}`);
    }
    if (run.dead) {
      // Died between start and now (e.g. killed): one fresh start for this request.
      run = start();
      try { await run.ready; } catch (err) { return unavailable(`engine failed to start: ${err.message}`); }
    }
    return send(run, req, timeoutMs);
  }

  /** Restarts the engine and reapplies the packs from settings → {ok, applied, error?}. */
  async function reload() {
    const run = start();
    try {
      const report = await run.ready;
      return { ok: true, applied: report };
    } catch (err) {
      return { ok: false, error: err.message, applied: [] };
    }
  }

  /** Stops the engine without restarting it; the next request starts a new one. */
  function kill(reason = 'killed') {
    if (cur) die(cur, reason);
  }

  /** {started, running, starts, applied}: what the host did last. */
  function status() {
    return { started: starts > 0, running: Boolean(cur && !cur.dead), starts, applied, lanes: { ...lanes.stats } };
  }

  /** Starts the engine ahead of the first request (no-op when one is running). */
  function warmUp() {
    if (!cur || cur.dead) start();
  }

  /**
   * A pack operation from the options page (through the background):
   * {op: 'list'|'import'|'remove'|'toggle'|'export', id?, on?, text?} → its answer (packs.js).
   */
  async function packs(msg) {
    switch (msg?.op) {
      case 'list': return owner.list();
      case 'reconcile': return owner.reconcile();
      case 'import': return typeof msg.text === 'string' ? owner.importPack(msg.text) : { ok: false, error: 'text must be the pack file as a string', problems: [] };
      case 'remove': return owner.remove(String(msg.id));
      case 'toggle': return owner.toggle(String(msg.id), msg.on === true);
      case 'export': return { ok: true, json: await owner.exportPack(String(msg.id)) };
      default: return { ok: false, error: `unknown pack operation ${JSON.stringify(msg?.op)}`, problems: [] };
    }
  }

  return { request, cancel, reload, kill, status, start: warmUp, packs, settled: () => owner.settled() };
}

function parseBody(text) {
  if (typeof text !== 'string' || text === '') return text ?? null;
  try {
    return JSON.parse(text);
  } catch {
    return { error: 'engine answered with non-JSON', text: text.slice(0, 500) };
  }
}
