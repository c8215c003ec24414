// Package manifest writes the MV3 manifest for each browser. Permissions are the minimum:
// no host_permissions (content scripts still match every http(s) page, which is why the
// browser warns "read and change all your data on all websites": README, "Privacy and
// security"), no remote code, extension pages may only connect to the extension itself.

import { DEFAULT_SHORTCUTS, COMMAND_KEYS } from './src/shared/shortcuts.js';

/**
 * CSP for extension pages (popup, options, offscreen document, and the engine Worker they
 * start): nothing by default; own scripts and wasm compilation (the Worker falls back to
 * script-src); own style sheets; own icons; fetch of the extension's own files (the wasm
 * engine) and of the team hub when one is configured; no plugins, no frames, no <base>, no
 * form posts.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  // The team hub (off unless configured): https origins, and loopback for a hub on this
  // computer. MV3's CSP is static, so it cannot name a hub chosen later; the one function
  // that reaches the network (background/hub-poller.js hubGet) asks only the configured
  // hub's origin, with GET. README, "Team hub".
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ICONS = { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' };

/**
 * Keyboard commands; ids match COMMANDS in src/shared/messages.js. Their keys come from
 * src/shared/shortcuts.js: open-search and mark-customer are the content script's in-page
 * keys, so the browser-level command and the in-page key do the same thing.
 */
const COMMANDS = {
  _execute_action: { suggested_key: { default: COMMAND_KEYS.popup } },
  'open-search': { suggested_key: { default: DEFAULT_SHORTCUTS.search }, description: '__MSG_cmdOpenSearch__' },
  'mark-customer': { suggested_key: { default: DEFAULT_SHORTCUTS.markContext }, description: '__MSG_cmdMarkCustomer__' },
  'toggle-site': { suggested_key: { default: COMMAND_KEYS.toggleSite }, description: '__MSG_cmdToggleSite__' },
};

/**
 * Returns the manifest object for target 'chromium' or 'firefox'.
 * withContent=false leaves out the content script (only while it does not exist yet).
 */
export function manifest(target, { version, withContent = true }) {
  const m = {
    manifest_version: 3,
    name: '__MSG_extName__',
    short_name: 'Sufler',
    description: '__MSG_extDescription__',
    version,
    default_locale: 'en',
    icons: ICONS,
    action: { default_popup: 'popup.html', default_title: '__MSG_actionTitle__', default_icon: ICONS },
    options_ui: { page: 'options.html', open_in_tab: true },
    // storage: settings; contextMenus: «Отметить как сообщение клиента»; activeTab: the popup
    // reads the current tab's host for the per-site switch only after the user opens it.
    // alarms: the team hub's poll wakes the background (only when a hub is configured).
    permissions: ['storage', 'contextMenus', 'activeTab', 'alarms'],
    commands: COMMANDS,
    content_security_policy: { extension_pages: CSP },
  };
  if (withContent) {
    m.content_scripts = [{
      matches: ['http://*/*', 'https://*/*'],
      js: ['content.js'],
      all_frames: true,
      // Rich editors (TinyMCE, CKEditor classic) write in about:blank / srcdoc iframes.
      match_about_blank: true,
      match_origin_as_fallback: true,
      run_at: 'document_idle',
    }];
  }
  if (target === 'chromium') {
    m.minimum_chrome_version = '116';
    m.background = { service_worker: 'background.js' };
    m.permissions.push('offscreen');
    // The administrator's policy for the team hub (storage.managed); Firefox reads policies.json.
    m.storage = { managed_schema: 'managed-schema.json' };
  } else if (target === 'firefox') {
    m.background = { scripts: ['background.js'] };
    m.browser_specific_settings = {
      gecko: {
        id: 'sufler@sufler.dev',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    };
  } else {
    throw new Error(`unknown target ${target}`);
  }
  return m;
}
