// Package network records every request of an e2e run and checks that none of them leaves the machine.
// In Chromium, from three independent sources:
//   - Playwright's context 'request' events (pages, the service worker);
//   - a second, browser-wide CDP connection that auto-attaches to EVERY target (pages,
//     service worker, the offscreen document, dedicated workers, iframes) with Network.enable;
//   - Chromium's NetLog (--log-net-log), the network service's own log, read at close.
// In Firefox (firefox.mjs), from a recording loopback proxy every request of the profile goes through, plus
// puppeteer's BiDi request events of each page; recorderOf() gives both the same checks.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

const require = createRequire(import.meta.url);

/** Schemes that never touch the network. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome:', 'chrome-untrusted:', 'devtools:', 'javascript:']);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Chromium's own background services that still call home in this Chromium build even with
 * --disable-background-networking / --disable-component-update (NetLog shows them with
 * initiator "not an origin": no page, worker or extension started them). They are listed in
 * the report, never counted as the extension's; --host-resolver-rules keeps them from
 * resolving. Anything an extension context or a page starts is checked without exceptions.
 */
export const BROWSER_SERVICES = [
  /^https?:\/\/update\.googleapis\.com\/service\/update2\//, // component / extension updater
  /^https:\/\/accounts\.google\.com\/ListAccounts\?/,        // GAIA cookie check
  /^https?:\/\/clients2\.google\.com\/time\//,              // network time
  /^https?:\/\/(www\.)?google\.com\/generate_204$/,          // connectivity probe
];

/** True when url is local: loopback HTTP, the given extension, or a scheme without network. */
export function isLocal(url, extensionId) {
  let u;
  try { u = new URL(url); } catch { return false; }
  if (LOCAL_SCHEMES.has(u.protocol)) return true;
  if (u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:') return !extensionId || u.host === extensionId;
  if (u.protocol === 'resource:') return true; // Firefox's own packaged files
  if (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') {
    return LOCAL_HOSTS.has(u.hostname) || LOCAL_HOSTS.has(`[${u.hostname}]`) || u.hostname === '::1';
  }
  return false;
}

/** Parses a NetLog file (tolerating a log cut off by a crash) into URL request records. */
export function parseNetLog(text) {
  let log;
  try {
    log = JSON.parse(text);
  } catch {
    const cut = text.replace(/,?\s*$/, '');
    log = JSON.parse(cut.endsWith(']}') ? cut : `${cut.replace(/,\s*\{[^\n]*$/, '')}]}`);
  }
  const names = Object.fromEntries(Object.entries(log.constants.logEventTypes).map(([k, v]) => [v, k]));
  const out = [];
  for (const e of log.events ?? []) {
    if (names[e.type] !== 'URL_REQUEST_START_JOB' || !e.params?.url) continue;
    out.push({
      source: 'netlog',
      url: e.params.url,
      method: e.params.method,
      initiator: e.params.initiator,
      isolationKey: e.params.network_isolation_key,
      requestType: e.params.request_type,
    });
  }
  return out;
}

function isBrowserService(r) {
  return r.source === 'netlog' && r.initiator === 'not an origin' && r.requestType === 'other'
    && BROWSER_SERVICES.some((re) => re.test(r.url));
}

/** Connects to Chromium's DevTools port and records Network events of every target. */
async function attachCDP(userDataDir, records, timeoutMs = 10_000) {
  const portFile = `${userDataDir}/DevToolsActivePort`;
  const deadline = Date.now() + timeoutMs;
  while (!existsSync(portFile)) {
    if (Date.now() > deadline) throw new Error('DevToolsActivePort did not appear');
    await sleep(50);
  }
  const [port, path] = readFileSync(portFile, 'utf8').trim().split('\n');
  const WebSocket = globalThis.WebSocket ?? require('playwright-core/lib/utilsBundle').ws;
  const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`);
  await new Promise((ok, fail) => {
    ws.onopen = ok;
    ws.onerror = (e) => fail(new Error(`CDP connect failed: ${e.message ?? e}`));
  });
  let id = 0;
  const targets = new Map(); // sessionId → targetInfo
  const send = (method, params = {}, sessionId) => {
    const msg = { id: ++id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    ws.send(JSON.stringify(msg));
  };
  const autoAttach = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
  ws.onmessage = (ev) => {
    const msg = JSON.parse(typeof ev.data === 'string' ? ev.data : ev.data.toString());
    if (msg.method === 'Target.attachedToTarget') {
      const { sessionId, targetInfo } = msg.params;
      targets.set(sessionId, targetInfo);
      send('Network.enable', {}, sessionId);
      send('Target.setAutoAttach', autoAttach, sessionId);
      send('Runtime.runIfWaitingForDebugger', {}, sessionId);
    } else if (msg.method === 'Network.requestWillBeSent') {
      const t = targets.get(msg.sessionId);
      records.push({
        source: 'cdp',
        url: msg.params.request.url,
        method: msg.params.request.method,
        target: t ? `${t.type} ${t.url}` : '?',
        resourceType: msg.params.type,
      });
    } else if (msg.method === 'Network.webSocketCreated') {
      const t = targets.get(msg.sessionId);
      records.push({ source: 'cdp', url: msg.params.url, method: 'WS', target: t ? `${t.type} ${t.url}` : '?' });
    }
  };
  send('Target.setAutoAttach', autoAttach);
  return {
    targets,
    close: () => { try { ws.close(); } catch { /* gone */ } },
  };
}

/**
 * RecorderOf gives a list of request records the checks: classify() and assertLocalOnly(). finish() and
 * targets() do nothing unless the caller overrides them (Chromium's recorder does).
 */
export function recorderOf(records, browser = 'chromium') {
  let extensionId = '';
  return {
    browser,
    records,
    setExtensionId(id) { extensionId = id; },
    get extensionId() { return extensionId; },
    targets: () => [],
    finish() {},
    /** Records of requests that leave the machine, and browser-service noise, split. */
    classify() {
      const offending = [];
      const browserNoise = [];
      for (const r of records) {
        if (isLocal(r.url, extensionId)) continue;
        (isBrowserService(r) ? browserNoise : offending).push(r);
      }
      return { offending, browserNoise };
    },
    /** Throws, listing every offending request, unless everything stayed local. */
    assertLocalOnly() {
      const { offending } = this.classify();
      if (offending.length) {
        const lines = offending.map((r) => `  [${r.source}] ${r.method ?? ''} ${r.url}${r.target ? ` (from ${r.target})` : ''}${r.initiator ? ` (initiator ${r.initiator})` : ''}`);
        throw new Error(`requests left the machine:\n${[...new Set(lines)].join('\n')}`);
      }
      return true;
    },
  };
}

/**
 * Creates the Chromium recorder. Call attach(context, userDataDir) after launch and finish() after the
 * browser has closed (the NetLog is complete only then).
 */
export function createNetworkRecorder({ netLogPath }) {
  const records = [];
  let cdp = null;
  let finished = false;
  const rec = recorderOf(records, 'chromium');
  return Object.assign(rec, {
    /** Hooks Playwright's events and the browser-wide CDP connection. */
    async attach(context, userDataDir) {
      context.on('request', (req) => {
        let frame = '';
        try { frame = req.frame()?.url() ?? ''; } catch { frame = req.serviceWorker?.()?.url() ?? 'service worker'; }
        records.push({ source: 'playwright', url: req.url(), method: req.method(), target: frame, resourceType: req.resourceType() });
      });
      cdp = await attachCDP(userDataDir, records);
    },
    /** Targets seen by the CDP connection: [{type, url}]. */
    targets: () => [...(cdp?.targets.values() ?? [])].map((t) => ({ type: t.type, url: t.url })),
    /** Reads the NetLog; call once the browser is closed. */
    finish() {
      if (finished) return;
      finished = true;
      cdp?.close();
      if (netLogPath && existsSync(netLogPath)) {
        try {
          records.push(...parseNetLog(readFileSync(netLogPath, 'utf8')));
        } catch (err) {
          records.push({ source: 'netlog', url: 'netlog-unreadable:', error: err.message });
        }
      }
    },
  });
}
