// Leaks on purpose (when the test calls leak()) from the service worker, then opens an
// offscreen document that leaks from itself and from a Worker.
self.leak = async () => {
  fetch('https://leak.example/from-service-worker').catch(() => {});
  await chrome.offscreen.createDocument({ url: 'off.html', reasons: ['WORKERS'], justification: 'test' });
};
