// Package harness launches a browser with the built extension for the e2e tests, in Chromium (playwright-core) or
// Firefox (puppeteer-core over WebDriver BiDi), behind one API:
//
//   import { launch, BROWSER, skipIn } from './harness.mjs';
//   const h = await launch({ lang: 'ru' });            // SUFLER_BROWSER=firefox|chromium (default chromium)
//   const page = await h.newPage();                    // a tab, with the cross-browser page API (HARNESS.md)
//   await page.goto(h.fixturesURL + 'textarea.html');  // extension/test/fixtures/
//   const r = await h.engineCall('GET', '/v1/health'); // {status, body} through the extension
//   await h.extensionEval(() => chrome.storage.local.get(null)); // runs in an extension page
//   await h.close();                                   // closes the browser, completes the request log
//   h.network.assertLocalOnly();                       // every request stayed on this machine
//   test('…', skipIn('firefox', 'why it cannot make sense there'), async () => { … });
//
// Needs a built extension (make ext) and /usr/bin/chromium or /usr/bin/firefox-esr.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer } from './server.mjs';
import { launchChromium } from './chromium.mjs';
import { launchFirefox } from './firefox.mjs';

export { chromiumArgs, QUIET_PREFS } from './chromium.mjs';

const here = dirname(fileURLToPath(import.meta.url));
/** extension/ */
export const EXT_ROOT = resolve(here, '../..');
/** The built Chromium extension. */
export const CHROMIUM_DIR = resolve(EXT_ROOT, '../build/extension/chromium');
/** The built Firefox extension. */
export const FIREFOX_DIR = resolve(EXT_ROOT, '../build/extension/firefox');

/** The browser this run drives: SUFLER_BROWSER, 'chromium' (default) or 'firefox'. */
export const BROWSER = process.env.SUFLER_BROWSER ?? 'chromium';
if (!['chromium', 'firefox'].includes(BROWSER)) throw new Error(`SUFLER_BROWSER=${BROWSER}: use chromium or firefox`);

/** The built extension for a browser. */
export function extensionDirOf(browser = BROWSER) {
  return browser === 'firefox' ? FIREFOX_DIR : CHROMIUM_DIR;
}

/**
 * SkipIn gives node:test options that skip a test in the named browser(s) with a stated reason:
 * test('name', skipIn('firefox', 'chrome.offscreen is Chromium’s'), fn). The reason shows in the report.
 */
export function skipIn(browsers, reason) {
  if (!reason) throw new Error('skipIn needs a reason');
  const list = [].concat(browsers);
  return { skip: list.includes(BROWSER) ? `${BROWSER}: ${reason}` : false };
}

/**
 * Launches the browser with the extension.
 *   lang          UI language of the browser ('ru' | 'en'), drives the extension's 'auto' language
 *   extensionDir  defaults to SUFLER_EXTENSION_DIR, then build/extension/<browser> (the env var runs a suite
 *                 against another build, e.g. main's, to see a test fail there)
 *   viewport      page viewport
 *   headless      false shows the window (needs a DISPLAY; used by the demo)
 *   browser       defaults to BROWSER (SUFLER_BROWSER)
 * Resolves the harness object: {browser, extensionId, fixturesURL, demoURL, serverURL, server, network, newPage(),
 * extensionURL(path), extensionPage(path), extensionEval(fn, arg), engineCall(method, path, body), sendMessage(msg),
 * storage(), tabIdOf(page), openPopup(page), waitForEngine(), close()}; in Chromium also context and serviceWorker.
 */
export async function launch({ lang = 'ru', extensionDir, viewport = { width: 1280, height: 800 }, headless = true, browser = BROWSER } = {}) {
  extensionDir ??= process.env.SUFLER_EXTENSION_DIR || extensionDirOf(browser);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`no built extension at ${extensionDir}: run make ext first`);
  }
  const server = await startServer([
    ['/', join(EXT_ROOT, 'test', 'fixtures')],
    ['/node_modules/', join(EXT_ROOT, 'node_modules')],
    ['/demo/', join(EXT_ROOT, 'demo')],
  ]);
  let b;
  try {
    b = await (browser === 'firefox' ? launchFirefox : launchChromium)({ lang, extensionDir, viewport, headless });
  } catch (err) {
    await server.close();
    throw err;
  }
  return withCommon(b, server);
}

// WithCommon adds the browser-neutral part of the harness to a launcher's object.
function withCommon(b, server) {
  let apiPage = null;
  let closed = false;
  const h = Object.assign(b, {
    fixturesURL: server.url,
    demoURL: `${server.url}demo/`,
    serverURL: server.url,
    server,
    /** Opens an extension page (popup.html, options.html) in a tab. */
    async extensionPage(path) {
      const page = await h.newPage();
      await page.goto(h.extensionURL(path));
      return page;
    },
    /** Runs fn(arg) in an extension page (chrome.* is there in both browsers) and resolves its result. */
    async extensionEval(fn, arg) {
      if (!apiPage || apiPage.isClosed()) apiPage = await h.extensionPage('popup.html');
      return apiPage.evaluate(fn, arg);
    },
    /** Calls the engine API through the extension's messaging, from an extension page → {status, body}. */
    engineCall(method, path, body) {
      return h.extensionEval(([m, p, bd]) => chrome.runtime.sendMessage({ type: 'sufler:api', method: m, path: p, body: bd }), [method, path, body]);
    },
    /** Sends any runtime message from an extension page (e.g. {type:'sufler:reload'}). */
    sendMessage(msg) {
      return h.extensionEval((m) => chrome.runtime.sendMessage(m), msg);
    },
    /** Everything in the extension's storage.local. */
    storage: () => h.extensionEval(() => chrome.storage.local.get(null)),
    /** The browser's tab id of a page (brings it to the front to find it). */
    async tabIdOf(page) {
      await page.bringToFront();
      return h.extensionEval(async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id);
    },
    /** Opens the popup in a tab, acting on `page` (its "active tab"), like clicking the toolbar icon there. */
    async openPopup(page) {
      const tabId = page ? await h.tabIdOf(page) : 0;
      const url = page ? `popup.html?tab=${tabId}&url=${encodeURIComponent(page.url())}` : 'popup.html';
      const popup = await h.newPage();
      await popup.setViewportSize({ width: 440, height: 590 });
      await popup.goto(h.extensionURL(url));
      return popup;
    },
    /** Lets pages of origin read the clipboard (Chromium asks for a grant; the Firefox profile allows it by pref). */
    async allowClipboardRead(origin) {
      if (h.context) await h.context.grantPermissions(['clipboard-read'], { origin });
    },
    /** Waits until the engine answers /v1/health with ready:true. */
    async waitForEngine(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      let last;
      while (Date.now() < deadline) {
        last = await h.engineCall('GET', '/v1/health').catch((e) => ({ status: 0, body: { error: e.message } }));
        if (last.status === 200 && last.body?.ready !== false) return last.body;
        await sleep(250);
      }
      throw new Error(`engine not ready in ${timeoutMs} ms: ${JSON.stringify(last)}`);
    },
    /** Closes the browser and the server and completes the request log. */
    async close() {
      if (closed) return;
      closed = true;
      await b.closeBrowser();
      await server.close();
      h.network.finish();
    },
  });
  return h;
}

/** Calls the engine through the extension: engineCall(h, 'GET', '/v1/search?q=...'). */
export function engineCall(h, method, path, body) {
  return h.engineCall(method, path, body);
}
