// Package chromium launches Debian's Chromium with the built extension through playwright-core (pages are
// Playwright's own: the cross-browser page API is a subset of theirs) and returns the browser part of the harness
// object (see harness.mjs). Requests are recorded by network.mjs (Playwright events, CDP on every target, NetLog).
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createNetworkRecorder } from './network.mjs';

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

/** Launches Chromium with the extension; resolves the browser-specific part of the harness object. */
export async function launchChromium({ lang, extensionDir, viewport, headless }) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (.ci/install-chromium installs it)`);
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
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }

  let serviceWorker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(serviceWorker.url()).host;
  network.setExtensionId(extensionId);
  return {
    browser: 'chromium',
    context,
    extensionId,
    network,
    userDataDir,
    /** The extension's service worker (it may have been stopped and restarted since launch). */
    get serviceWorker() {
      serviceWorker = context.serviceWorkers().find((w) => w.url().includes(extensionId)) ?? serviceWorker;
      return serviceWorker;
    },
    newPage: () => context.newPage(),
    extensionURL: (path) => `chrome-extension://${extensionId}/${path}`,
    async closeBrowser() {
      await context.close().catch(() => {});
      network.finish(); // the NetLog is complete only now
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
