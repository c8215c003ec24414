// Package host runs ONE Sufler engine in a dedicated Worker and serves API requests to it.
// Chromium's offscreen document and Firefox's event page both use it. A Worker keeps the
// Go program's long index build off the document's thread (pings still answer) and makes
// a restart clean: terminate() frees the whole Go runtime, a fresh Worker starts a new one.

/** Reply for requests that cannot reach a working engine. */
function unavailable(error) {
  return { status: 503, body: { error } };
}

/**
 * Creates an engine host.
 *   spawn()      → Worker-like {postMessage, addEventListener, terminate} running src/engine/worker.js
 *   getConfig()  → Promise<{disabled: [ids], custom: {id: packJSON}, hub?: request}>, applied after every start
 *   startTimeoutMs / requestTimeoutMs bound the wait for the engine; on timeout the worker is
 *   terminated and the next request starts a new one.
 */
export function createEngineHost({ spawn, getConfig, startTimeoutMs = 60_000, requestTimeoutMs = 20_000, log = () => {} }) {
  let cur = null;   // {worker, ready: Promise, pending: Map, dead, error}
  let nextId = 1;
  let starts = 0;
  let applied = [];

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
      run.worker.postMessage({ type: 'request', id, method: req.method, path: req.path, body: req.body });
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
    for (const [id, json] of Object.entries(config.custom ?? {})) {
      const r = await send(run, { method: 'PUT', path: `/v1/packs/${encodeURIComponent(id)}`, body: json }, requestTimeoutMs);
      report.push({ id, op: 'custom', ok: r.status === 200, status: r.status, error: r.body?.error, problems: r.body?.problems ?? [] });
      if (r.status !== 200) log('custom pack rejected on start:', id, r.body);
    }
    if (config.hub) {
      // The team hub's last accepted update (background/hub-poller.js), verified again.
      const r = await send(run, config.hub, requestTimeoutMs);
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
          waiter?.resolve({ status: m.status, body: parseBody(m.body) });
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

  /** Serves one API request {method, path, body} → {status, body}; starts the engine if needed. */
  async function request(req) {
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
    return send(run, req, requestTimeoutMs);
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
    return { started: starts > 0, running: Boolean(cur && !cur.dead), starts, applied };
  }

  /** Starts the engine ahead of the first request (no-op when one is running). */
  function warmUp() {
    if (!cur || cur.dead) start();
  }

  return { request, reload, kill, status, start: warmUp };
}

function parseBody(text) {
  if (typeof text !== 'string' || text === '') return text ?? null;
  try {
    return JSON.parse(text);
  } catch {
    return { error: 'engine answered with non-JSON', text: text.slice(0, 500) };
  }
}
