// Package overlay reaches Sufler's overlay from the test, the way the agent's eyes do and the page cannot: the
// overlay's shadow root is closed, so page scripts (and page.evaluate) see only an empty host. The browser's own
// automation protocol still hands the test each root — in Chromium the DevTools protocol (DOM.getDocument with
// pierce), in Firefox WebDriver BiDi (script.callFunction with includeShadowTree: 'all') — and the test's function
// then runs in the frame's page world with the roots as arguments.
//
//   const bars = await inOverlay(frame, (roots, arg) => roots.flatMap((r) => [...r.querySelectorAll('.mark')]).length);
//   await waitOverlay(frame, (roots) => roots.some((r) => r.querySelector('[data-sufler-strip]')));

const sessions = new WeakMap(); // page → CDP session
let token = 0;

// Cdp opens (once) a DevTools session for a page, or for a frame that runs in its own process (a cross-origin
// iframe under site isolation: the page's DOM.getDocument stops at its <iframe>).
async function cdp(target) {
  let s = sessions.get(target);
  if (!s) {
    const page = typeof target.page === 'function' ? target.page() : target;
    s = await page.context().newCDPSession(target);
    await s.send('DOM.enable');
    sessions.set(target, s);
  }
  return s;
}


// Find returns the document node of a frame and the shadow roots of the overlay hosts in it.
async function find(frame) {
  const mark = `t${++token}`;
  // The frame is named by a marker attribute: CDP frame ids are not visible to Playwright's Frame.
  await frame.evaluate((m) => document.documentElement?.setAttribute('data-sufler-test-frame', m), mark);
  const found = await findIn(await cdp(frame.page()), mark);
  if (found) return found;
  // Not in the page's process: an out-of-process iframe has a session of its own.
  let own = null;
  try {
    own = await cdp(frame);
  } catch {
    // Not a separate target: the frame is in the page's process after all.
  }
  const there = own && await findIn(own, mark);
  if (!there) throw new Error('overlay: frame document not found');
  return there;
}

// FindIn looks in one DevTools session's document tree for the frame marked `mark`.
async function findIn(s, mark) {
  const { root } = await s.send('DOM.getDocument', { depth: -1, pierce: true });
  const docs = [];
  const all = function* (n) {
    yield n;
    for (const r of n.shadowRoots ?? []) yield* all(r);
    for (const c of n.children ?? []) yield* all(c);
    if (n.contentDocument) yield* all(n.contentDocument);
  };
  for (const n of all(root)) if (n.nodeName === '#document') docs.push(n);
  const doc = docs.find((d) => (d.children ?? []).some((c) => c.nodeName === 'HTML' && (c.attributes ?? []).join('\u0000').includes(`data-sufler-test-frame\u0000${mark}`)));
  if (!doc) return null;
  const hosts = [];
  const inDoc = function* (n) {
    yield n;
    for (const r of n.shadowRoots ?? []) yield* inDoc(r);
    for (const c of n.children ?? []) yield* inDoc(c); // contentDocument is skipped: another frame
  };
  for (const n of inDoc(doc)) if (n.localName === 'sufler-overlay' && n.shadowRoots?.length) hosts.push(n.shadowRoots[0].backendNodeId);
  return { s, doc: doc.backendNodeId, hosts };
}

/**
 * InOverlay runs fn(roots, arg) in a frame, where roots are the shadow roots of Sufler's overlays in that frame's
 * document (closed or not); resolves with its (JSON) result.
 */
export async function inOverlay(frame, fn, arg = null) {
  if (typeof frame.raw?.mainRealm === 'function') return inOverlayBidi(frame.raw, fn, arg);
  const { s, doc, hosts } = await find(frame);
  const { object: docObj } = await s.send('DOM.resolveNode', { backendNodeId: doc });
  const roots = [];
  for (const id of hosts) roots.push((await s.send('DOM.resolveNode', { backendNodeId: id })).object);
  const res = await s.send('Runtime.callFunctionOn', {
    objectId: docObj.objectId,
    functionDeclaration: `function (arg, ...roots) { return (${fn.toString()})(roots, arg); }`,
    arguments: [{ value: arg }, ...roots.map((r) => ({ objectId: r.objectId }))],
    returnByValue: true,
    awaitPromise: true,
  });
  if (res.exceptionDetails) throw new Error(`overlay: ${res.exceptionDetails.exception?.description ?? res.exceptionDetails.text}`);
  return res.result.value;
}

// InOverlayBidi is inOverlay for a puppeteer frame over WebDriver BiDi (Firefox). Values cross as JSON strings.
async function inOverlayBidi(ppFrame, fn, arg) {
  const realm = ppFrame.mainRealm().realm;
  const hosts = await realm.callFunction('() => [...document.querySelectorAll("sufler-overlay")]', true, {
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
  });
  if (hosts.type === 'exception') throw new Error(`overlay: ${hosts.exceptionDetails?.text}`);
  const roots = (hosts.result.value ?? []).map((n) => n.value?.shadowRoot?.sharedId).filter(Boolean);
  const res = await realm.callFunction(
    `async function (arg, ...roots) { const out = await (${fn.toString()})(roots, JSON.parse(arg)); return JSON.stringify(out === undefined ? null : out); }`,
    true,
    { arguments: [{ type: 'string', value: JSON.stringify(arg) }, ...roots.map((sharedId) => ({ sharedId }))], resultOwnership: 'none' },
  );
  if (res.type === 'exception') throw new Error(`overlay: ${res.exceptionDetails?.text}`);
  return JSON.parse(res.result.value);
}

/** WaitOverlay polls inOverlay until fn returns something truthy, and resolves with it. */
export async function waitOverlay(frame, fn, arg = null, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await inOverlay(frame, fn, arg);
      if (last) return last;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    if (Date.now() > deadline) throw new Error(`overlay: condition not met in ${timeout} ms: ${fn.toString().slice(0, 200)}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
