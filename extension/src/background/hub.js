// Package hub schedules the team hub's poller (hub-poller.js) in the background. Off by
// default: with no hub configured it clears its alarm and asks nothing. Configured, it
// polls every pollSeconds: a timer while the background lives, and an alarm that wakes
// it after the browser stopped it (Chromium's service worker and Firefox's event page
// both stop after 30 s idle). A wake-up polls only when the last check is older than the
// interval, so waking for an agent's keystroke costs no request.
import { alarmCreate, alarmClear, onAlarm, onLocalOrManagedChanged, onMessage } from '../browser.js';
import { HUB_KEY, HUB_CHECK } from '../shared/hub-config.js';
import { readHubConfig, readHubStatus, writeHubStatus, hubStore, POLICY, STATUS_KEY } from '../shared/hub-store.js';
import { createHubPoller, replayable } from './hub-poller.js';

const ALARM = 'sufler-hub-poll';

/**
 * Starts polling for as long as signal lives. engine is the background's engine client;
 * origin the extension's own origin (only its pages may ask for a check now).
 */
export function init(signal, { engine, origin }) {
  const poller = createHubPoller({
    readConfig: readHubConfig,
    fetch: (...a) => globalThis.fetch(...a),
    store: hubStore(),
    engine,
    writeStatus: writeHubStatus,
  });
  let timer = null;

  // Ticks run one after another: an alarm and the start-up tick of a woken background must
  // not leave two timers behind.
  let chain = Promise.resolve();
  function tick(force = false) {
    const next = chain.then(() => tickOnce(force));
    chain = next.catch(() => {});
    return next;
  }

  async function tickOnce(force) {
    clearTimeout(timer);
    timer = null;
    if (signal.aborted) return undefined;
    const { config } = await readHubConfig();
    if (!config) {
      await alarmClear(ALARM);
      if (force) await poller.check(); // turned off: drop the hub's packs
      return undefined;
    }
    const period = config.pollSeconds * 1000;
    const { lastCheck = 0 } = await readHubStatus();
    let status;
    const due = lastCheck + period - Date.now();
    if (force || due <= 0) status = await poller.check();
    if (!signal.aborted) {
      const wait = force || due <= 0 ? period : due;
      timer = setTimeout(() => tick().catch(warn), wait);
      // Alarms fire at most every 30 s for an installed extension: below that, the timer does it.
      await alarmCreate(ALARM, Math.max(config.pollSeconds, 30) / 60);
    }
    return status;
  }

  const warn = (err) => console.warn('Sufler hub:', err);
  onAlarm(ALARM, () => { tick().catch(warn); }, signal);
  onLocalOrManagedChanged((changes, area) => {
    const touched = area === 'managed' ? Object.values(POLICY).some((k) => k in changes) : HUB_KEY in changes;
    if (touched) tick(true).catch(warn); // a new hub, channel or key: ask at once
  }, signal);
  onMessage((msg, sender) => {
    if (msg?.type !== HUB_CHECK || typeof sender?.url !== 'string' || !sender.url.startsWith(origin)) return undefined;
    return tick(true).then(() => readHubStatus());
  }, signal);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  tick().catch(warn);
  return { tick, statusKey: STATUS_KEY };
}

/** The engine request that puts the accepted hub packs back after an engine start, or null. */
export async function hubReplay() {
  try {
    const { config } = await readHubConfig();
    return config ? replayable(config, await hubStore().get()) : null;
  } catch (err) {
    console.warn('Sufler hub: cannot read the stored update:', err);
    return null;
  }
}
