// Leaks on purpose (when the test sends {leak: true}) from the event page and from a Worker it starts; the test
// opens page.html, which leaks from an extension page.
browser.runtime.onMessage.addListener((msg) => {
  if (!msg?.leak) return undefined;
  fetch('https://event-page.leak.example/from-event-page').catch(() => {});
  new Worker('w.js');
  return Promise.resolve({ ok: true });
});
