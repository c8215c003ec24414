// Package hub-poller asks the team hub for the channel's packs, and only when the hub is
// configured. Every request is a GET to the hub's origin with no body, no cookies, no
// referrer and nothing about the agent, the installation or any page: the same bytes any
// agent of the team sends. The manifest is asked conditionally (the browser's HTTP cache
// sends If-None-Match with the ETag it holds; the hub answers 304). What changed goes to
// the engine's PUT /v1/hub, which verifies the signature and every file before anything
// loads; only an accepted update is stored (hub-store.js) and replayed after a restart.
import { hubOrigin } from '../shared/hub-config.js';
import { MSG } from '../shared/messages.js';

/** Bounds on what the poller downloads: a manifest and a channel's files. */
export const MAX_MANIFEST = 1 << 20;
export const MAX_FILES = 40 << 20;

/**
 * HubGet is the one place the extension reaches the network: GET config.url + path, which
 * must stay on the hub's origin (a manifest names files; it cannot send us elsewhere, and
 * redirects are refused).
 */
export function hubGet(fetchImpl, config, path) {
  const url = new URL(config.url + path);
  if (url.origin !== hubOrigin(config) || !url.pathname.startsWith(new URL(config.url).pathname)) {
    return Promise.reject(new Error(`refused to leave the hub: ${url.origin}`));
  }
  return fetchImpl(url.href, {
    method: 'GET',
    credentials: 'omit',
    cache: 'no-cache', // revalidate: the browser sends If-None-Match, the hub answers 304
    redirect: 'error',
    referrerPolicy: 'no-referrer',
    mode: 'cors',
  });
}

/** Base64 of bytes (the engine's JSON carries files as base64). */
export function toBase64(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The engine request that installs bundle under config: PUT /v1/hub, an ApiEnvelope (protocol.js). */
export function updateRequest(config, bundle) {
  const files = {};
  for (const [k, v] of Object.entries(bundle.files)) files[k] = toBase64(v);
  return {
    type: MSG.api,
    method: 'PUT',
    path: '/v1/hub',
    body: { keys: config.keys, channel: config.channel, manifest: bundle.manifest, signature: bundle.signature, files },
  };
}

/** The bundle to replay into a freshly started engine, or null when it no longer applies. */
export function replayable(config, bundle) {
  return config && bundle && bundle.url === config.url && bundle.channel === config.channel ? updateRequest(config, bundle) : null;
}

async function readLimited(res, limit, what) {
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > limit) throw new Error(`${what}: ${len} bytes, more than ${limit}`);
  const buf = new Uint8Array(await res.arrayBuffer());
  if (buf.length > limit) throw new Error(`${what}: more than ${limit} bytes`);
  return buf;
}

function serialOf(manifestText) {
  try { return JSON.parse(manifestText).serial; } catch { return undefined; }
}

/** Files of a manifest, "id/name" → {id, version, name, sha256}. */
function fileList(manifestText) {
  const out = new Map();
  let m;
  try { m = JSON.parse(manifestText); } catch { return out; }
  for (const p of Array.isArray(m?.packs) ? m.packs : []) {
    for (const f of Array.isArray(p?.files) ? p.files : []) {
      out.set(`${p.id}/${f.name}`, { id: String(p.id), version: String(p.version), name: String(f.name), sha256: String(f.sha256) });
    }
  }
  return out;
}

/**
 * Creates the poller. deps: {readConfig, fetch, store: {get, put, clear}, engine: {request},
 * writeStatus, now}. check() runs one poll and resolves with the status it wrote.
 */
export function createHubPoller({ readConfig, fetch: fetchImpl, store, engine, writeStatus, now = () => Date.now() }) {
  let running = null;

  async function poll(config) {
    const bundle = await store.get();
    const same = bundle && bundle.url === config.url && bundle.channel === config.channel;
    const chan = `/v1/channels/${encodeURIComponent(config.channel)}/manifest.json`;
    const res = await hubGet(fetchImpl, config, chan);
    if (res.status === 404) throw new Error(`the hub has no channel "${config.channel}" yet`);
    if (!res.ok) throw new Error(`the hub answered ${res.status} for the manifest`);
    const etag = res.headers.get('etag') ?? '';
    const manifestBytes = await readLimited(res, MAX_MANIFEST, 'manifest');
    const manifest = new TextDecoder().decode(manifestBytes);
    if (same && manifest === bundle.manifest) {
      // Nothing new (the hub said 304). The engine holds it unless it restarted without it.
      const held = await engine.request({ type: MSG.api, method: 'GET', path: '/v1/hub' });
      if (held?.status === 200 && held.body?.channel === config.channel && held.body?.serial === serialOf(manifest)) return { unchanged: true, answer: held };
      return { unchanged: true, answer: await engine.request(updateRequest(config, bundle)) };
    }
    const sigRes = await hubGet(fetchImpl, config, `${chan}.sig`);
    if (!sigRes.ok) throw new Error(`the hub answered ${sigRes.status} for the manifest's signature`);
    const signature = new TextDecoder().decode(await readLimited(sigRes, 4096, 'signature'));
    const old = same ? fileList(bundle.manifest) : new Map();
    const files = {};
    let total = 0;
    for (const [key, f] of fileList(manifest)) {
      const prev = old.get(key);
      if (prev && prev.version === f.version && prev.sha256 === f.sha256 && bundle.files[key]) {
        files[key] = bundle.files[key]; // a version's files never change: no need to ask again
      } else {
        const path = `/v1/packs/${encodeURIComponent(f.id)}/${encodeURIComponent(f.version)}/${encodeURIComponent(f.name)}`;
        const r = await hubGet(fetchImpl, config, path);
        if (!r.ok) throw new Error(`the hub answered ${r.status} for ${f.id} ${f.version} ${f.name}`);
        files[key] = await readLimited(r, MAX_FILES - total, `${f.id}/${f.name}`);
      }
      total += files[key].length;
    }
    const next = { url: config.url, channel: config.channel, etag, manifest, signature, files };
    const answer = await engine.request(updateRequest(config, next));
    if (answer?.status === 200) await store.put(next);
    return { unchanged: false, answer };
  }

  async function checkOnce() {
    const { config, problems } = await readConfig();
    if (!config) {
      // Off (or a broken configuration): what the hub delivered goes, and nothing is asked.
      if (await store.get()) {
        await engine.request({ type: MSG.api, method: 'DELETE', path: '/v1/hub' });
        await store.clear();
        await writeStatus({ serial: 0, packs: [], lastCheck: 0, lastError: '', errorAt: 0 });
      }
      if (problems?.length) await writeStatus({ lastError: problems.join(' '), errorAt: now() });
      return { skipped: true };
    }
    const at = now();
    let status;
    try {
      const { answer } = await poll(config);
      if (answer?.status === 200) {
        status = { lastCheck: at, lastError: '', errorAt: 0, serial: answer.body.serial, packs: answer.body.packs, channel: answer.body.channel };
      } else {
        status = { lastCheck: at, lastError: answer?.body?.error ?? `engine answered ${answer?.status}`, errorAt: at };
      }
    } catch (err) {
      status = { lastCheck: at, lastError: String(err?.message ?? err), errorAt: at };
    }
    await writeStatus(status);
    return status;
  }

  return {
    /** One poll now (or, with no hub, dropping what an earlier one delivered); concurrent callers share it. */
    check() {
      running ??= checkOnce().finally(() => { running = null; });
      return running;
    },
  };
}
