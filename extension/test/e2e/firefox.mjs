// Package firefox launches Debian's firefox-esr with the built extension for the e2e tests, through puppeteer-core
// over WebDriver BiDi, and returns the same harness object as the Chromium launcher (see harness.mjs). Pages are
// wrapped in the cross-browser page API (page-puppeteer.mjs).
//
// Every request of the browser goes through a recording loopback proxy (proxy-recorder.mjs); puppeteer's BiDi
// request events add which page asked. The extension gets a fixed moz-extension: UUID through
// extensions.webextensions.uuids, so its pages have known URLs.
import puppeteer from 'puppeteer-core';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { wrapPage } from './page-puppeteer.mjs';
import { startRecordingProxy, proxyPrefs } from './proxy-recorder.mjs';
import { recorderOf } from './network.mjs';

/** The add-on id of Sufler's Firefox manifest; another extension's comes from its browser_specific_settings.gecko.id. */
export const ADDON_ID = 'sufler@sufler.dev';
/** The fixed internal UUID of the extension in the test profile: its pages are moz-extension://<UUID>/. */
export const EXT_UUID = '5f1e7a11-5a1e-4c0d-9e57-000000000011';
const FIREFOX = process.env.SUFLER_FIREFOX ?? '/usr/bin/firefox-esr';

/** Preferences of the test profile: fixed extension UUID, UI language, no calls home. */
export function firefoxPrefs({ lang, addonId, proxyPort, downloadDir }) {
  return {
    // Downloads go to a folder of the run without asking (page.waitForEvent('download') watches it).
    'browser.download.dir': downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.panel.shown': true,
    'extensions.webextensions.uuids': JSON.stringify({ [addonId]: EXT_UUID }),
    'intl.locale.requested': lang === 'ru' ? 'ru,en-US' : 'en-US',
    'intl.accept_languages': lang === 'ru' ? 'ru-RU, ru, en-US, en' : 'en-US, en',
    // Debian's language packs are installed add-ons in the application scope: let them load.
    'extensions.autoDisableScopes': 0,
    'extensions.enabledScopes': 15,
    'extensions.langpacks.signatures.required': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'browser.safebrowsing.downloads.enabled': false,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.provider.mozilla.updateURL': '',
    'browser.region.network.url': '',
    'browser.region.update.enabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'extensions.systemAddon.update.enabled': false,
    'extensions.update.enabled': false,
    'app.normandy.enabled': false,
    // Remote settings (blocklists, suggestions) would call firefox.settings.services.mozilla.com at start-up.
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    'browser.newtabpage.enabled': false,
    'browser.startup.page': 0,
    'layout.spellcheckDefault': 0,
    'dom.events.asyncClipboard.readText': true,
    'dom.events.testing.asyncClipboard': true,
    'ui.popup.disable_autohide': false,
    ...proxyPrefs(proxyPort),
  };
}

/** Launches Firefox with the extension; resolves the browser-specific part of the harness object (see harness.mjs). */
export async function launchFirefox({ lang, extensionDir, viewport, headless }) {
  const addonId = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')).browser_specific_settings?.gecko?.id ?? ADDON_ID;
  if (!existsSync(FIREFOX)) throw new Error(`no Firefox at ${FIREFOX} (.ci/install-firefox installs firefox-esr)`);
  const records = [];
  const downloadDir = mkdtempSync(join(tmpdir(), 'sufler-downloads-'));
  const proxy = await startRecordingProxy(records);
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless,
      defaultViewport: viewport,
      // Lets BiDi open moz-extension: pages (the popup, the options page) in a tab.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: firefoxPrefs({ lang, addonId, proxyPort: proxy.port, downloadDir }),
      env: { ...process.env, LANGUAGE: lang, LANG: lang === 'ru' ? 'ru_RU.UTF-8' : 'en_US.UTF-8', MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' }, // lets services.settings.server point nowhere
    });
    const id = await browser.installExtension(resolve(extensionDir));
    if (id !== addonId) throw new Error(`installed add-on ${id}, expected ${addonId}`);
  } catch (err) {
    await browser?.close().catch(() => {});
    await proxy.close();
    throw err;
  }
  const network = recorderOf(records, 'firefox');
  network.setExtensionId(EXT_UUID);
  const pages = new Set();
  const track = (pp) => {
    pp.on('request', (req) => {
      let target = '';
      try { target = req.frame()?.url() ?? ''; } catch { /* detached */ }
      records.push({ source: 'bidi', url: req.url(), method: req.method(), target });
    });
    const page = wrapPage(pp, { onClose: () => pages.delete(page), downloadDir });
    pages.add(page);
    return page;
  };
  // The first tab puppeteer opened.
  for (const pp of await browser.pages()) track(pp);
  return {
    browser: 'firefox',
    raw: browser,
    extensionId: EXT_UUID,
    addonId,
    network,
    newPage: async () => track(await browser.newPage()),
    extensionURL: (path) => `moz-extension://${EXT_UUID}/${path}`,
    async closeBrowser() {
      await browser.close().catch(() => {});
      await sleep(50);
      await proxy.close();
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

/** The Firefox build of the extension next to the Chromium one. */
export function firefoxDirOf(chromiumDir) {
  return join(chromiumDir, '..', 'firefox');
}
