// Package proxy-recorder is Firefox's whole-browser request log for the privacy checks. Firefox has no NetLog; instead
// the test profile sends EVERY HTTP(S)/WebSocket request through this loopback proxy (network.proxy.* prefs, with
// localhost hijacking on, so even the fixture server's requests pass here). Whatever context starts a request — a
// tab, an iframe, the extension's event page, a Worker — necko applies the profile's proxy to it, so the proxy sees
// it. It records each request and forwards only loopback ones; anything else gets 502 and never leaves.
import { createServer, request as httpRequest } from 'node:http';
import { connect } from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Starts the proxy on 127.0.0.1 (random port). Resolves {port, records, close}. */
export async function startRecordingProxy(records) {
  const sockets = new Set();
  const server = createServer((req, res) => {
    let u;
    try { u = new URL(req.url); } catch { res.writeHead(400).end('bad proxy request'); return; }
    records.push({ source: 'proxy', url: u.href, method: req.method });
    if (!LOOPBACK.has(u.hostname)) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end('sufler test proxy: non-local request refused');
      return;
    }
    const up = httpRequest({ host: u.hostname, port: u.port || 80, path: u.pathname + u.search, method: req.method, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    up.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); else res.destroy(); });
    req.pipe(up);
  });
  // HTTPS and wss:// arrive as CONNECT host:port: recorded by authority (the path is encrypted).
  server.on('connect', (req, client, head) => {
    const [host, port] = splitAuthority(req.url);
    records.push({ source: 'proxy', url: `https://${req.url}/`, method: 'CONNECT' });
    if (!LOOPBACK.has(host)) {
      client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      return;
    }
    const up = connect(Number(port) || 443, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      up.write(head);
      up.pipe(client);
      client.pipe(up);
    });
    up.on('error', () => client.destroy());
    client.on('error', () => up.destroy());
  });
  // Plain ws:// through an HTTP proxy is an Upgrade request with an absolute URL.
  server.on('upgrade', (req, client) => {
    records.push({ source: 'proxy', url: req.url.replace(/^http/, 'ws'), method: 'WS' });
    client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    port: server.address().port,
    records,
    close: () => new Promise((ok) => {
      for (const s of sockets) s.destroy();
      server.close(() => ok());
    }),
  };
}

function splitAuthority(a) {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(a) ?? /^([^:]+):(\d+)$/.exec(a);
  return m ? [m[1], m[2]] : [a, '443'];
}

/** Firefox prefs that route every request through the proxy, loopback included, and switch off name prefetching. */
export function proxyPrefs(port) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.socks_remote_dns': true,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
  };
}
