import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manifest, CSP } from '../../manifest.mjs';
import { COMMANDS } from '../../src/shared/messages.js';
import { DEFAULT_SHORTCUTS } from '../../src/shared/settings.js';

for (const target of ['chromium', 'firefox']) {
  test(`${target} manifest asks for no host permissions and no remote code`, () => {
    const m = manifest(target, { version: '1.2.3' });
    assert.equal(m.manifest_version, 3);
    assert.equal(m.version, '1.2.3');
    assert.equal(m.host_permissions, undefined);
    assert.equal(m.optional_host_permissions, undefined);
    assert.equal(m.web_accessible_resources, undefined);
    assert.equal(m.externally_connectable, undefined);
    assert.equal(m.content_security_policy.extension_pages, CSP);
    assert.doesNotMatch(CSP, /'unsafe-eval'|'unsafe-inline'/);
    // Network sources only in connect-src, and only for the team hub: https, or loopback.
    assert.doesNotMatch(CSP.replace(/connect-src [^;]*/, ''), /https?:|\*/);
    // Every directive, and nothing the pages do not need: default-src 'none' closes the rest.
    const directives = Object.fromEntries(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v.join(' ')]));
    assert.deepEqual(directives, {
      'default-src': "'none'",
      'script-src': "'self' 'wasm-unsafe-eval'",
      'style-src': "'self'",
      'img-src': "'self'",
      'connect-src': "'self' https: http://127.0.0.1:* http://localhost:*",
      'object-src': "'none'",
      'base-uri': "'none'",
      'form-action': "'none'",
      'frame-ancestors': "'none'",
    });
    const allowed = target === 'chromium' ? ['storage', 'contextMenus', 'activeTab', 'alarms', 'offscreen'] : ['storage', 'contextMenus', 'activeTab', 'alarms'];
    assert.deepEqual([...m.permissions].sort(), allowed.sort());
    const [cs] = m.content_scripts;
    assert.deepEqual(cs.matches, ['http://*/*', 'https://*/*']);
    assert.equal(cs.all_frames, true);
    assert.equal(cs.match_about_blank, true);
  });
}

test('chromium declares the managed storage schema of the team hub policy', () => {
  assert.deepEqual(manifest('chromium', { version: '1' }).storage, { managed_schema: 'managed-schema.json' });
});

test('chromium runs a service worker, firefox an event page with a gecko id', () => {
  assert.deepEqual(manifest('chromium', { version: '1' }).background, { service_worker: 'background.js' });
  const ff = manifest('firefox', { version: '1' });
  assert.deepEqual(ff.background, { scripts: ['background.js'] });
  assert.match(ff.browser_specific_settings.gecko.id, /@/);
  assert.deepEqual(ff.browser_specific_settings.gecko.data_collection_permissions, { required: ['none'] });
});

test('commands match the content script commands and its in-page keys', () => {
  const m = manifest('chromium', { version: '1' });
  const names = Object.keys(m.commands).filter((c) => c !== '_execute_action');
  assert.deepEqual(names.sort(), Object.values(COMMANDS).sort());
  assert.equal(m.commands['open-search'].suggested_key.default, DEFAULT_SHORTCUTS.search);
  assert.equal(m.commands['mark-customer'].suggested_key.default, DEFAULT_SHORTCUTS.markContext);
  assert.throws(() => manifest('safari', { version: '1' }), /unknown target/);
});
