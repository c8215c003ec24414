// The team hub's configuration (policy over options) and its poller, with a fake hub and a
// fake engine: what is asked, how, and what is kept when the engine refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake-browser.mjs';
import { validateHubConfig, effectiveHubConfig, POLL_DEFAULT } from '../../src/shared/hub-config.js';
import { createHubPoller, hubGet, replayable, toBase64 } from '../../src/background/hub-poller.js';

const KEY = 'MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE='.slice(-44);
const KEY2 = 'A'.repeat(43) + '=';

test('validateHubConfig: no URL means no hub; https or loopback only; every problem named', () => {
  assert.deepEqual(validateHubConfig({}), { config: null, problems: [] });
  assert.deepEqual(validateHubConfig({ url: '  ', channel: 'x' }), { config: null, problems: [] });
  const ok = validateHubConfig({ url: 'hub.example.ru/', channel: 'support', keys: `${KEY}\n${KEY2}, ${KEY}` });
  assert.deepEqual(ok.config, { url: 'https://hub.example.ru', channel: 'support', keys: [KEY, KEY2], pollSeconds: POLL_DEFAULT });
  assert.equal(validateHubConfig({ url: 'http://127.0.0.1:8787', channel: 'a', keys: [KEY], pollSeconds: '5' }).config.pollSeconds, 5);
  const bad = validateHubConfig({ url: 'http://hub.example.ru', channel: 'Support!', keys: 'nope', pollSeconds: 1 });
  assert.equal(bad.config, null);
  assert.equal(bad.problems.length, 4, bad.problems.join('\n'));
  assert.match(validateHubConfig({ url: 'https://u:p@hub.example.ru', channel: 'a', keys: [KEY] }).problems[0], /user name/);
  assert.match(validateHubConfig({ url: 'https://hub.example.ru', channel: 'a', keys: [] }).problems[0], /at least one/);
});

test('effectiveHubConfig: a policy wins as a whole, even when broken; without one the options page counts', () => {
  const local = { url: 'https://mine.example.ru', channel: 'mine', keys: [KEY2] };
  const policy = { url: 'https://hub.corp.example', channel: 'support', keys: [KEY], pollSeconds: 600 };
  const m = effectiveHubConfig(policy, local);
  assert.equal(m.managed, true);
  assert.deepEqual(m.config, { url: 'https://hub.corp.example', channel: 'support', keys: [KEY], pollSeconds: 600 });
  const broken = effectiveHubConfig({ url: 'https://hub.corp.example' }, local);
  assert.equal(broken.managed, true);
  assert.equal(broken.config, null, 'a broken policy is no hub, not the agent’s own');
  assert.equal(effectiveHubConfig({}, local).config.url, 'https://mine.example.ru');
  assert.equal(effectiveHubConfig({}, undefined).config, null);
});

test('readHubConfig reads the policy from storage.managed under its policy names', async () => {
  const fake = installFakeChrome();
  const { readHubConfig } = await import('../../src/shared/hub-store.js');
  fake.storageAPI.managed = { get: async () => ({ hubUrl: 'https://hub.corp.example', hubChannel: 'support', hubKeys: [KEY], hubPollSeconds: 300 }) };
  const r = await readHubConfig();
  assert.equal(r.managed, true);
  assert.deepEqual(r.config, { url: 'https://hub.corp.example', channel: 'support', keys: [KEY], pollSeconds: 300 });
  fake.storageAPI.managed = { get: async () => { throw new Error('Managed storage manifest not found'); } }; // Firefox without policies.json
  await fake.storageAPI.local.set({ hub: { url: 'http://127.0.0.1:9', channel: 'a', keys: [KEY] } });
  const l = await readHubConfig();
  assert.equal(l.managed, false);
  assert.equal(l.config.url, 'http://127.0.0.1:9');
});

/** A fake hub: serves a manifest (with ETag/304) and files; records every request. */
function fakeHub(state) {
  const seen = [];
  const fetch = async (url, init) => {
    seen.push({ url, init });
    const path = new URL(url).pathname.replace(/^\/base/, '');
    const body = path.endsWith('/manifest.json') ? state.manifest : path.endsWith('.sig') ? 'c2ln' : state.files[path];
    if (body === undefined) return new Response('no', { status: 404 });
    return new Response(body, { status: 200, headers: { etag: `"${body.length}"` } });
  };
  return { fetch, seen };
}

function manifestOf(version, serial) {
  return JSON.stringify({ format: 1, channel: 'support', serial, packs: [{ id: 'p', version, files: [{ name: 'pack.json', size: 2, sha256: `${version}`.padEnd(64, '0') }] }] });
}

function setup({ engineStatus = 200 } = {}) {
  const state = { manifest: manifestOf('1', 1), files: { '/v1/packs/p/1/pack.json': '{}', '/v1/packs/p/2/pack.json': '[]' } };
  const hub = fakeHub(state);
  let stored = null;
  const statuses = [];
  const calls = [];
  const config = { url: 'https://hub.example.ru/base', channel: 'support', keys: [KEY], pollSeconds: 60 };
  const poller = createHubPoller({
    readConfig: async () => ({ config }),
    fetch: hub.fetch,
    store: { get: async () => stored, put: async (b) => { stored = b; } },
    engine: {
      request: async (req) => {
        calls.push(req);
        if (req.method === 'GET') return { status: 200, body: { channel: 'support', serial: stored ? JSON.parse(stored.manifest).serial : 0 } };
        return engineStatus === 200
          ? { status: 200, body: { channel: 'support', serial: JSON.parse(req.body.manifest).serial, packs: [{ id: 'p', version: 'x' }] } }
          : { status: engineStatus, body: { error: 'hub update refused: manifest signature: does not match any trusted key' } };
      },
    },
    writeStatus: async (s) => { statuses.push(s); },
    now: () => 1000,
  });
  return { state, hub, poller, calls, statuses, config, stored: () => stored };
}

test('the poller asks only GETs of the hub, with no credentials, and hands the engine what it got', async () => {
  const s = setup();
  const st = await s.poller.check();
  assert.equal(st.lastError, '');
  assert.equal(st.serial, 1);
  assert.deepEqual(s.hub.seen.map((r) => new URL(r.url).pathname), ['/base/v1/channels/support/manifest.json', '/base/v1/channels/support/manifest.json.sig', '/base/v1/packs/p/1/pack.json']);
  for (const { url, init } of s.hub.seen) {
    assert.equal(new URL(url).origin, 'https://hub.example.ru');
    assert.deepEqual(init, { method: 'GET', credentials: 'omit', cache: 'no-cache', redirect: 'error', referrerPolicy: 'no-referrer', mode: 'cors' });
  }
  const put = s.calls.find((c) => c.method === 'PUT');
  assert.deepEqual(Object.keys(put.body).sort(), ['channel', 'files', 'keys', 'manifest', 'signature']);
  assert.equal(put.body.files['p/pack.json'], toBase64(new TextEncoder().encode('{}')));
  assert.ok(s.stored(), 'an accepted update is stored');

  // Unchanged manifest: no file is asked again, nothing is re-sent to an engine that holds it.
  s.hub.seen.length = 0;
  s.calls.length = 0;
  await s.poller.check();
  assert.equal(s.hub.seen.length, 1);
  assert.deepEqual(s.calls.map((c) => c.method), ['GET']);

  // A new version: only its new file is fetched.
  s.state.manifest = manifestOf('2', 2);
  s.hub.seen.length = 0;
  await s.poller.check();
  assert.deepEqual(s.hub.seen.map((r) => new URL(r.url).pathname).slice(2), ['/base/v1/packs/p/2/pack.json']);
});

test('a refused update is not stored, and the status carries the engine’s reason', async () => {
  const s = setup({ engineStatus: 400 });
  const st = await s.poller.check();
  assert.match(st.lastError, /trusted key/);
  assert.equal(st.errorAt, 1000);
  assert.equal(s.stored(), null);
});

test('hubGet refuses to leave the hub’s origin; replayable needs the same hub and channel', async () => {
  const config = { url: 'https://hub.example.ru', channel: 'support', keys: [KEY] };
  const fetch = async () => { throw new Error('must not be called'); };
  await assert.rejects(hubGet(fetch, config, '@evil.example/x'), /refused to leave the hub/);
  await assert.rejects(hubGet(fetch, { ...config, url: 'https://hub.example.ru/base' }, '/../x'), /refused to leave the hub/);
  const bundle = { url: config.url, channel: 'support', manifest: '{}', signature: 's', files: { 'p/pack.json': new Uint8Array([123, 125]) } };
  assert.equal(replayable(config, bundle).path, '/v1/hub');
  assert.equal(replayable({ ...config, channel: 'sales' }, bundle), null);
  assert.equal(replayable(null, bundle), null);
});

test('turning the hub off drops its packs from the engine and the store, and asks the hub nothing', async () => {
  const s = setup();
  await s.poller.check();
  assert.ok(s.stored());
  const seen = s.hub.seen.length;
  s.config.url = undefined; // stands in for readConfig giving no hub
  const calls = [];
  const off = createHubPoller({
    readConfig: async () => ({ config: null, problems: [] }),
    fetch: async () => { throw new Error('no request with no hub'); },
    store: { get: async () => s.stored(), put: async () => {}, clear: async () => { calls.push('clear'); } },
    engine: { request: async (req) => { calls.push(`${req.method} ${req.path}`); return { status: 200, body: {} }; } },
    writeStatus: async () => {},
  });
  assert.deepEqual(await off.check(), { skipped: true });
  assert.deepEqual(calls, ['DELETE /v1/hub', 'clear']);
  assert.equal(s.hub.seen.length, seen);
});
