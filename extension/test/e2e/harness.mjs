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
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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

/** Chromium flags for quiet, reproducible, local-only runs (plus the extension ones). */
export function chromiumArgs({ extensionDir, netLogPath, lang }) {
  return [
    '--headless=new',
    `--load-extension=${extensionDir}`,
    `--disable-extensions-except=${extensionDir}`,
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-default-apps', '--disable-client-side-phishing-detection', '--no-pings',
    // Safety net: names other than loopback never resolve, so nothing can actually leave
    // even if something tried; the attempt itself is still recorded and fails the suite.
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    // A second DevTools endpoint for the recorder's browser-wide CDP session.
    '--remote-debugging-port=0',
    `--log-net-log=${netLogPath}`, '--net-log-capture-mode=Default',
    `--lang=${lang}`,
  ];
}

/**
 * Launches the browser with the extension.
 *   lang          UI language of the browser ('ru' | 'en'), drives the extension's 'auto' language
 *   extensionDir  defaults to build/extension/chromium
 *   viewport      page viewport
 * Resolves {context, extensionId, serviceWorker, fixturesURL, demoURL, serverURL, newPage(),
 * extensionPage(path), engineCall(method, path, body), network, close()}.
 */
export async function launch({ lang = 'ru', extensionDir = CHROMIUM_DIR, viewport = { width: 1280, height: 800 } } = {}) {
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

  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: false, // --headless=new is in args: the new headless mode runs extensions
      locale: lang === 'ru' ? 'ru-RU' : 'en-US',
      viewport,
      ignoreDefaultArgs: ['--disable-extensions', '--disable-component-extensions-with-background-pages'],
      args: chromiumArgs({ extensionDir, netLogPath, lang }),
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
