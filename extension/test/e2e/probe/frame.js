// The extension-origin frame: draws what the content script sends (postMessage or runtime messaging), then reports
// when the frame after the change has been produced.
const out = document.getElementById('out');
function draw({ text, t0 }) {
  out.textContent = text;
  void out.offsetHeight; // laid out
  const laid = performance.timeOrigin + performance.now();
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => parent.postMessage({ probe: 'painted', t0, laid, t1: performance.timeOrigin + performance.now() }, '*');
    ch.port2.postMessage(0);
  });
}
addEventListener('message', (e) => { if (e.data?.probe === 'draw') draw(e.data); });
(globalThis.browser ?? globalThis.chrome).runtime.onMessage.addListener((m) => { if (m?.probe === 'draw') draw(m); });
