// Package worker is the Worker that runs the Go wasm engine (build/wasm/sufler.mjs) and
// answers the host's requests: ApiEnvelopes (shared/protocol.js) with the id the answer
// goes back under. It lives in engine/ beside sufler.wasm.
import './wasm-exec-shim.js';
import { startEngine } from 'sufler-engine';
import { MSG } from '../shared/messages.js';

const started = startEngine({ wasm: new URL('sufler.wasm', self.location.href) });

started.then((engine) => {
  engine.exited?.then(
    () => self.postMessage({ type: 'exited', error: 'engine exited' }),
    (err) => self.postMessage({ type: 'exited', error: String(err?.message ?? err) }),
  );
  self.postMessage({ type: 'ready' });
}, (err) => self.postMessage({ type: 'exited', error: `start failed: ${err?.message ?? err}` }));

self.addEventListener('message', async (e) => {
  const m = e.data;
  if (m?.type !== MSG.api) return;
  try {
    const engine = await started;
    const hasBody = m.body !== undefined && m.body !== null && m.method !== 'GET' && m.method !== 'DELETE';
    // A pack with its index image (a Blob, application/vnd.sufler.pack+image: src/engine/packs.js framedPack) and an
    // image export (m.binary: its answer is bytes) take the Request path; every other call is a string or JSON.
    const bytes = hasBody && (m.body instanceof Blob || m.body instanceof ArrayBuffer);
    if (bytes || m.binary || m.contentType) {
      const init = { method: m.method };
      if (hasBody) {
        init.body = bytes || typeof m.body === 'string' ? m.body : JSON.stringify(m.body);
        init.headers = { 'content-type': m.contentType ?? 'application/json' };
      }
      // The URL is never fetched over the network: engine.fetch hands the Request to the Go handler.
      const res = await engine.fetch(new Request(`http://sufler${m.path}`, init));
      // An index image comes back as bytes, moved to the host without a copy; errors are JSON text.
      if (m.binary && res.status === 200) {
        const buf = await res.arrayBuffer();
        self.postMessage({ type: 'reply', id: m.id, status: res.status, body: buf }, [buf]);
        return;
      }
      self.postMessage({ type: 'reply', id: m.id, status: res.status, body: await res.text() });
      return;
    }
    const body = !hasBody ? undefined : typeof m.body === 'string' ? m.body : JSON.stringify(m.body);
    // engine.call hands method, path and body straight to the Go handler; the answer's bytes are the HTTP API's.
    const res = await engine.call(m.method, m.path, body);
    self.postMessage({ type: 'reply', id: m.id, status: res.status, body: res.text });
  } catch (err) {
    self.postMessage({ type: 'reply', id: m.id, status: 500, body: JSON.stringify({ error: `engine call failed: ${err?.message ?? err}` }) });
  }
});
