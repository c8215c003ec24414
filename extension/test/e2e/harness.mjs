// Package harness launches Chromium with the built extension for e2e tests:
//
//   import { launch } from './harness.mjs';
//   const h = await launch({ lang: 'ru' });
//   const page = await h.newPage();                    // a tab
//   await page.goto(h.fixturesURL + 'textarea.html');  // extension/test/fixtures/
//   const r = await h.engineCall('GET', '/v1/health'); // {status, body} through the extension
//   await h.close();                                   // closes the browser, reads the NetLog
//   h.network.assertLocalOnly();                       // every request stayed on this machine
//
// Needs a built extension (npm run build) and /usr/bin/chromium.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { createNetworkRecorder } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** extension/ */
export const EXT_ROOT = resolve(here, '../..');
/** The built Chromium extension. */
export const CHROMIUM_DIR = resolve(EXT_ROOT, '../build/extension/chromium');
const CHROMIUM = process.env.SUFLER_CHROMIUM ?? '/usr/bin/chromium';

/** Chromium features switched off: Playwright's usual list plus the services that call Google. */
const DISABLED_FEATURES = [
  // Playwright's defaults (the harness passes every flag itself, see chromiumArgs)
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding', 'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  // quiet: form-field classification, translation, spelling, certificate lists
  'AutofillServerCommunication', 'Translate', 'SpellcheckService', 'CertificateTransparencyComponentUpdater',
  'OptimizationGuideModelDownloading', 'InterestFeedContentSuggestions',
];

/**
 * Every Chromium flag of a run. The harness passes the whole list itself (Playwright's
 * defaults are ignored) so the feature switches can be merged into one --disable-features.
 */
export function chromiumArgs({ extensionDir, netLogPath, lang, userDataDir, headless = true }) {
  return [
    ...(headless ? ['--headless=new'] : []),
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-pipe',
    // A second DevTools endpoint for the recorder's browser-wide CDP session.
    '--remote-debugging-port=0',
    `--load-extension=${extensionDir}`,
    `--disable-extensions-except=${extensionDir}`,
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync',
    '--disable-background-networking', '--disable-component-update', '--disable-default-apps',
    '--disable-client-side-phishing-detection', '--no-pings', '--disable-domain-reliability',
    '--disable-field-trial-config', '--disable-breakpad', '--metrics-recording-only', '--no-default-browser-check',
    '--disable-background-timer-throttling', '--disable-backgrounding-occluded-windows', '--disable-renderer-backgrounding',
    '--disable-back-forward-cache', '--disable-hang-monitor', '--disable-ipc-flooding-protection',
    '--disable-popup-blocking', '--disable-prompt-on-repost', '--disable-dev-shm-usage', '--disable-search-engine-choice-screen',
    '--password-store=basic', '--use-mock-keychain', '--no-service-autorun', '--force-color-profile=srgb',
    '--allow-pre-commit-input', '--enable-unsafe-swiftshader', '--disable-infobars',
    `--disable-features=${DISABLED_FEATURES.join(',')}`,
    '--enable-features=SkipListAccountsWithoutGaiaCookies',
    // Safety net: names other than loopback never resolve, so nothing can actually leave
    // even if something tried; the attempt itself is still recorded and fails the suite.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    `--log-net-log=${netLogPath}`, '--net-log-capture-mode=Default',
    `--lang=${lang}`,
    'about:blank',
  ];
}

/** Preferences of the fresh test profile. */
export const QUIET_PREFS = {
  browser: { enable_spellchecking: false },
  spellcheck: { dictionaries: [], dictionary: '', use_spelling_service: false },
  autofill: { enabled: false, profile_enabled: false, credit_card_enabled: false },
  translate: { enabled: false },
  safebrowsing: { enabled: false },
  search: { suggest_enabled: false },
  alternate_error_pages: { enabled: false },
  net: { network_prediction_options: 2 },
};

/**
 * Launches the browser with the extension.
 *   lang          UI language of the browser ('ru' | 'en'), drives the extension's 'auto' language
 *   extensionDir  defaults to build/extension/chromium
 *   viewport      page viewport
 *   headless      false shows the window (needs a DISPLAY; used by the demo)
 * Resolves {context, extensionId, serviceWorker, fixturesURL, demoURL, serverURL, newPage(),
 * extensionPage(path), engineCall(method, path, body), network, close()}.
 */
export async function launch({ lang = 'ru', extensionDir = CHROMIUM_DIR, viewport = { width: 1280, height: 800 }, headless = true } = {}) {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir}: run (cd extension && npm run build) first`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const server = await startServer([
    ['/', join(EXT_ROOT, 'test', 'fixtures')],
    ['/node_modules/', join(EXT_ROOT, 'node_modules')],
    ['/demo/', join(EXT_ROOT, 'demo')],
  ]);
  const tmp = mkdtempSync(join(tmpdir(), 'sufler-e2e-'));
  const userDataDir = join(tmp, 'profile');
  const netLogPath = join(tmp, 'netlog.json');
  const network = createNetworkRecorder({ netLogPath });
  // Profile preferences that switch off Chromium services which call Google when a person
  // types in a form (spelling dictionaries, autofill field classification, translation).
  mkdirSync(join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(join(userDataDir, 'Default', 'Preferences'), JSON.stringify(QUIET_PREFS));

  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: false, // --headless=new is in args: the new headless mode runs extensions
      locale: lang === 'ru' ? 'ru-RU' : 'en-US',
      viewport,
      ignoreDefaultArgs: true,
      args: chromiumArgs({ extensionDir, netLogPath, lang, userDataDir, headless }),
      env: { ...process.env, LANGUAGE: lang, LANG: lang === 'ru' ? 'ru_RU.UTF-8' : 'en_US.UTF-8' },
    });
    await network.attach(context, userDataDir);
  } catch (err) {
    await context?.close().catch(() => {});
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }

  let serviceWorker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  network.setExtensionId(extensionId);

  let apiPage = null;
  let closed = false;

  const h = {
    context,
    extensionId,
    get serviceWorker() {
      // The service worker may have been stopped and restarted since launch.
      serviceWorker = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? serviceWorker;
      return serviceWorker;
    },
    fixturesURL: server.url,
    demoURL: `${server.url}demo/`,
    serverURL: server.url,
    server,
    network,
    userDataDir,
    /** Opens a new tab. */
    newPage: () => context.newPage(),
    /** URL of a page inside the extension, e.g. extensionURL('popup.html'). */
    extensionURL: (path) => `chrome-extension://${extensionId}/${path}`,
    /** Opens an extension page (popup.html, options.html) in a tab. */
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(h.extensionURL(path));
      return page;
    },
    /** Calls the engine API through the extension's messaging, from an extension page → {status, body}. */
    async engineCall(method, path, body) {
      if (!apiPage || apiPage.isClosed()) {
        apiPage = await context.newPage();
        await apiPage.goto(h.extensionURL('popup.html'));
      }
      return apiPage.evaluate(([m, p, b]) => chrome.runtime.sendMessage({ type: 'sufler:api', method: m, path: p, body: b }), [method, path, body]);
    },
    /** Sends any runtime message from an extension page (e.g. {type:'sufler:reload'}). */
    async sendMessage(msg) {
      if (!apiPage || apiPage.isClosed()) {
        apiPage = await context.newPage();
        await apiPage.goto(h.extensionURL('popup.html'));
      }
      return apiPage.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    },
    /** The browser's tab id of a page (brings it to the front to find it). */
    async tabIdOf(page) {
      await page.bringToFront();
      return h.serviceWorker.evaluate(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    },
    /** Opens the popup in a tab, acting on `page` (its "active tab"), like clicking the toolbar icon there. */
    async openPopup(page) {
      const tabId = page ? await h.tabIdOf(page) : 0;
      const url = page ? `popup.html?tab=${tabId}&url=${encodeURIComponent(page.url())}` : 'popup.html';
      const popup = await context.newPage();
      await popup.setViewportSize({ width: 440, height: 590 });
      await popup.goto(h.extensionURL(url));
      return popup;
    },
    /** Everything in the extension's storage.local. */
    storage: () => h.serviceWorker.evaluate(() => chrome.storage.local.get(null)),
    /** Waits until the engine answers /v1/health with ready:true. */
    async waitForEngine(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last;
      while (Date.now() < deadline) {
        last = await h.engineCall('GET', '/v1/health').catch((e) => ({ status: 0, body: { error: e.message } }));
        if (last.status === 200 && last.body?.ready !== false) return last.body;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`engine not ready in ${timeoutMs} ms: ${JSON.stringify(last)}`);
    },
    /** Closes the browser and the server, then reads the NetLog into network. */
    async close() {
      if (closed) return;
      closed = true;
      await context.close().catch(() => {});
      await server.close();
      network.finish();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  return h;
}

/** Calls the engine through the extension: engineCall(h, 'GET', '/v1/search?q=...'). */
export function engineCall(h, method, path, body) {
  return h.engineCall(method, path, body);
}
