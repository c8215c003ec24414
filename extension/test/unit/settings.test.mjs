import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake-browser.mjs';
import {
  defaults, validate, load, save, update, onChange, siteEnabled, withSite, normalizeHost, hostOf,
  SettingsError, DEFAULT_SHORTCUTS, forced, withForce,
} from '../../src/shared/settings.js';

const fake = installFakeChrome();

test('defaults are valid and complete', () => {
  const { settings, problems } = validate(defaults());
  assert.deepEqual(problems, []);
  assert.deepEqual(settings, defaults());
  assert.deepEqual(Object.keys(settings).sort(), ['ignores', 'packs', 'shortcuts', 'sites', 'ui']);
  assert.equal(settings.shortcuts.search, DEFAULT_SHORTCUTS.search);
});

test('validate reports every problem with its path and keeps the good parts', () => {
  const { settings, problems } = validate({
    packs: { disabled: ['ok-pack', 'Bad Id', 'ok-pack'], custom: { mine: '{"id":"other"}', 'x y': '{}', good: '{"id":"good"}', bad: '{nope' } },
    sites: { mode: 'some', listed: ['Support.Example.com', 'not a host!'], off: 'x' },
    ui: { lang: 'de' },
    shortcuts: { search: 'Alt+Shift+Q', nope: 'Alt+K', finding: 'Hyper+Z' },
    ignores: { 'example.com': ['promise-guarantee', 7], 'bad host!': [] },
    segments: { 'example.com/ticket': 'corporate' },
    extra: 1,
  });
  const paths = problems.map((p) => p.path).sort();
  assert.deepEqual(paths, [
    'extra', 'ignores.bad host!', 'ignores.example.com[1]', 'packs.custom.bad', 'packs.custom.mine', 'packs.custom.x y',
    'packs.disabled[1]', 'segments', 'shortcuts.finding', 'shortcuts.nope', 'sites.listed[1]', 'sites.mode', 'sites.off', 'ui.lang',
  ]);
  assert.deepEqual(settings.packs.disabled, ['ok-pack']);
  assert.deepEqual(Object.keys(settings.packs.custom), ['good']);
  assert.deepEqual(settings.sites.listed, ['support.example.com']);
  assert.equal(settings.sites.mode, 'all');
  assert.equal(settings.ui.lang, 'auto');
  assert.equal(settings.shortcuts.search, 'Alt+Shift+Q');
  assert.equal(settings.shortcuts.finding, DEFAULT_SHORTCUTS.finding);
  assert.deepEqual(settings.ignores, { 'example.com': ['promise-guarantee'] });
  assert.equal(settings.segments, undefined, 'what was chosen per conversation is not a setting (background/conversations.js)');
  for (const p of problems) assert.ok(p.problem.length > 5, `problem text for ${p.path}`);
});

test('non-object settings fall back to defaults', () => {
  assert.deepEqual(validate(undefined), { settings: defaults(), problems: [] });
  const r = validate([1]);
  assert.equal(r.problems.length, 1);
  assert.deepEqual(r.settings, defaults());
});

test('hosts are normalised the way people type them', () => {
  assert.equal(normalizeHost(' https://WWW.Support.Example.com/tickets/1?x#y '), 'support.example.com');
  assert.equal(normalizeHost('127.0.0.1:8080'), '127.0.0.1:8080');
  assert.equal(hostOf('https://desk.example.ru/a'), 'desk.example.ru');
  assert.equal(hostOf('chrome://extensions'), '');
  assert.equal(hostOf('not a url'), '');
});

test('siteEnabled: all, listed, off and subdomains', () => {
  const s = defaults();
  assert.equal(siteEnabled(s, 'desk.example.ru'), true);
  assert.equal(siteEnabled(s, ''), false);
  s.sites.off = ['example.ru'];
  assert.equal(siteEnabled(s, 'desk.example.ru'), false, 'off covers subdomains');
  assert.equal(siteEnabled(s, 'notexample.ru'), true, 'suffix without a dot is another site');
  s.sites = { mode: 'listed', listed: ['helpdesk.io'], off: [] };
  assert.equal(siteEnabled(s, 'acme.helpdesk.io'), true);
  assert.equal(siteEnabled(s, 'example.ru'), false);
  s.sites.off = ['acme.helpdesk.io'];
  assert.equal(siteEnabled(s, 'acme.helpdesk.io'), false, 'off wins over listed');
});

test('withSite switches one host on and off', () => {
  let sites = { mode: 'all', listed: [], off: [] };
  sites = withSite(sites, 'desk.example.ru', false);
  assert.deepEqual(sites.off, ['desk.example.ru']);
  sites = withSite(sites, 'desk.example.ru', true);
  assert.deepEqual(sites.off, []);
  sites = withSite({ mode: 'listed', listed: [], off: [] }, 'https://a.io/x', true);
  assert.deepEqual(sites.listed, ['a.io']);
});

test('save writes only the given sections and refuses invalid ones, writing nothing', async () => {
  await save({ sites: { mode: 'listed', listed: ['a.io'], off: [] } });
  assert.deepEqual(fake.storage.sites, { mode: 'listed', listed: ['a.io'], off: [], force: [] });
  assert.equal('packs' in fake.storage, false);
  const writes = fake.writes;
  await assert.rejects(save({ ui: { lang: 'fr' }, sites: { mode: 'all' } }), (err) => {
    assert.ok(err instanceof SettingsError);
    assert.deepEqual(err.problems.map((p) => p.path), ['ui.lang']);
    return true;
  });
  assert.equal(fake.writes, writes, 'nothing written');
  const s = await load();
  assert.equal(s.sites.mode, 'listed');
  assert.equal(s.ui.lang, 'auto');
});

test('update and onChange', async () => {
  const seen = [];
  const ctrl = new AbortController();
  onChange((s, keys) => seen.push([keys, s.ignores]), ctrl.signal);
  await update('ignores', (ig) => ({ ...ig, 'a.io': ['rule-1'] }));
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(seen.at(-1), [['ignores'], { 'a.io': ['rule-1'] }]);
  ctrl.abort();
  await update('ignores', () => ({}));
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(seen.length, 1, 'no events after abort');
});

test('sites.force overrides a page\'s opt-out per host, validated like the other lists', () => {
  const { settings, problems } = validate({ sites: { mode: 'all', force: ['Support.Example.com', 'not a host!'] } });
  assert.deepEqual(settings.sites.force, ['support.example.com']);
  assert.deepEqual(problems.map((p) => p.path), ['sites.force[1]']);
  assert.ok(forced(settings, 'support.example.com'));
  assert.ok(forced(settings, 'eu.support.example.com'));
  assert.ok(!forced(settings, 'example.com'));
  assert.ok(!forced(defaults(), 'support.example.com'));
  let sites = withForce(defaults().sites, 'https://desk.io/t/1', true);
  assert.deepEqual(sites.force, ['desk.io']);
  sites = withForce(sites, 'desk.io', false);
  assert.deepEqual(sites.force, []);
  assert.deepEqual(withSite({ mode: 'all', listed: [], off: [], force: ['a.io'] }, 'b.io', false).force, ['a.io'], 'switching a site keeps the overrides');
});
