// Package worker is the Worker that runs the Go wasm engine (build/wasm/sufler.mjs) and
// answers the host's requests. It lives in engine/ beside sufler.wasm.
import './wasm-exec-shim.js';
import { startEngine } from 'sufler-engine';

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
  if (m?.type !== 'request') return;
  try {
    const engine = await started;
    const init = { method: m.method };
    if (m.body !== undefined && m.body !== null && m.method !== 'GET' && m.method !== 'DELETE') {
      // A pack with its index image comes as a Blob (src/engine/packs.js framedPack).
      const bytes = m.body instanceof Blob || m.body instanceof ArrayBuffer;
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
  } catch (err) {
    self.postMessage({ type: 'reply', id: m.id, status: 500, body: JSON.stringify({ error: `engine call failed: ${err?.message ?? err}` }) });
  }
});
