// Package main: the content script entry, injected into every frame. It guards against running twice, stays out of
// pages whose owner opted out (<meta name="sufler" content="off"> in the head) unless the agent or an admin overrode
// that for the host, and out of sites switched off in settings, and starts or stops the in-page features when the
// settings change. A page that opted out is shown on the toolbar icon, so the agent knows why nothing is checked.
import { available, onMessage, sendMessage } from '../browser.js';
import { load, onChange, siteEnabled, update, withSite, forced } from '../shared/settings.js';
import { MSG, COMMANDS } from '../shared/messages.js';
import { pageOptedOut, optOut } from './fields.js';
import { served } from './frames.js';
import { start } from './app.js';
import { host } from './state.js';

/** GUARD marks a frame where the content script already runs. */
export const GUARD = Symbol.for('sufler.content');

function boot() {
  const prev = globalThis[GUARD];
  if (prev && prev.alive()) return;
  prev?.stop(); // an orphan left by an extension update: its runtime is gone
  const life = new AbortController();
  globalThis[GUARD] = { alive: () => available() && !life.signal.aborted, stop: () => life.abort() };
  run(life.signal).catch((err) => console.debug('Sufler: content script stopped', err));
}

let shown = false; // whether the toolbar icon says "off" for this page
function indicate(off) {
  if (window !== window.top || off === shown) return;
  shown = off;
  sendMessage({ type: MSG.pageOptedOut, off }).catch(() => {});
}

async function run(signal) {
  if (served(document)) return; // the parent frame's copy serves this document
  if (sameOriginParent()) return; // …or will: frames.js adopts same-origin frames, so they share its state
  let features = null;
  const apply = (settings) => {
    const force = forced(settings, host());
    optOut.honoured = !force;
    const opted = pageOptedOut(document) && !force;
    indicate(opted);
    const on = !opted && (siteEnabled(settings, host()) || (location.protocol === 'file:' && settings.sites.mode === 'all'));
    if (on && !features) {
      features = new AbortController();
      start(AbortSignal.any([signal, features.signal]), settings);
    } else if (!on && features) {
      features.abort();
      features = null;
    }
  };
  onChange((s) => apply(s), signal);
  // Switching the site on and off must work while Sufler is off here, so it lives outside the features.
  onMessage((msg) => {
    if (window !== window.top) return undefined;
    if (msg?.type === MSG.pageState) {
      return load().then((s) => ({ optedOut: pageOptedOut(document), forced: forced(s, host()) }));
    }
    if (msg?.type !== MSG.command || msg.command !== COMMANDS.toggle) return undefined;
    return load().then((s) => update('sites', (sites) => withSite(sites, host(), !siteEnabled(s, host())))).then(() => ({ ok: true }));
  }, signal);
  apply(await load());
}

// SameOriginParent is true in a frame whose parent document this script can reach (an editor's iframe such as
// CKEditor 4's or TinyMCE's): the parent's copy serves it, with the customer's message and segment marked there.
function sameOriginParent() {
  try {
    return window !== window.top && !!window.frameElement?.ownerDocument;
  } catch {
    return false;
  }
}

boot();
