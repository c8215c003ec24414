// Probe content script: on each text change after a trusted keystroke in #reply, the field's text is drawn (a) in a closed shadow root,
// (b) in an extension-origin frame through window.postMessage, (c) in that frame through runtime messaging. Each
// sample is the time from the key event to the frame after the drawing (and, in samples.layout, to the text being
// laid out where it is drawn), stored on <html data-probe>.
(() => {
  const ext = globalThis.browser ?? globalThis.chrome;
  const ta = document.getElementById('reply');
  if (!ta) return;
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;right:8px;bottom:8px;width:300px;height:40px;z-index:2147483647';
  const root = host.attachShadow({ mode: 'closed' });
  const box = document.createElement('div');
  box.style.cssText = 'font:13px sans-serif;background:#fff;border:1px solid #888;padding:4px';
  root.append(box);
  const frame = document.createElement('iframe');
  frame.src = ext.runtime.getURL('frame.html');
  frame.style.cssText = 'position:fixed;right:8px;bottom:56px;width:300px;height:40px;border:0;z-index:2147483647';
  document.documentElement.append(host, frame);
  const samples = { shadow: [], post: [], runtime: [], layout: { shadow: [], post: [], runtime: [] } };
  const save = () => { document.documentElement.dataset.probe = JSON.stringify(samples); };
  let t0 = 0;
  // From the moment the renderer handles the key (event.timeStamp is the OS's clock under automation).
  ta.addEventListener('keydown', (e) => { if (e.isTrusted) t0 = performance.timeOrigin + performance.now(); }, true);
  ta.addEventListener('input', () => {
    const mode = document.documentElement.dataset.probeMode;
    const text = ta.value;
    if (!t0) return;
    // Timed from the text change: how the key reaches the page is the same for every design (and, under automation
    // on a loaded machine, can take longer than everything measured here).
    t0 = performance.timeOrigin + performance.now();
    if (mode === 'shadow') {
      box.textContent = text;
      const start = t0;
      void box.offsetHeight; // laid out
      samples.layout.shadow.push(performance.timeOrigin + performance.now() - start);
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => { samples.shadow.push(performance.timeOrigin + performance.now() - start); save(); };
        ch.port2.postMessage(0);
      });
    } else if (mode === 'post') {
      frame.contentWindow.postMessage({ probe: 'draw', text, t0 }, '*');
    } else if (mode === 'runtime') {
      ext.runtime.sendMessage({ probe: 'draw', text, t0 }).catch(() => {});
    }
  });
  addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || e.data?.probe !== 'painted') return;
    const mode = document.documentElement.dataset.probeMode;
    if (samples[mode]) {
      samples[mode].push(e.data.t1 - e.data.t0);
      samples.layout[mode].push(e.data.laid - e.data.t0);
    }
    save();
  });
  document.documentElement.dataset.probeReady = 'true';
})();
