// Package settings is the extension's settings model (docs/contract.md, "Settings"):
// defaults, validation with a path per problem, load/save through browser.js and change
// events. Each top-level section is its own storage.local key, so the content script
// saving an ignored rule never races the options page saving packs. What the agent chose per
// conversation is not a setting: background/conversations.js keeps it. Custom packs are not
// kept here either (content scripts can read storage.local): see pack-store.js.
import { storageGet, storageSet, onStorageChanged } from '../browser.js';
import { DEFAULT_SHORTCUTS } from './shortcuts.js';
import { PACK_ID_PATTERN } from './limits.gen.js';

/** Top-level sections, each stored under its own storage.local key. */
export const SECTIONS = Object.freeze(['packs', 'sites', 'ui', 'shortcuts', 'ignores']);

/** In-page shortcuts (src/shared/shortcuts.js, one place for every key Sufler suggests). */
export { DEFAULT_SHORTCUTS };

/** Returns fresh default settings. */
export function defaults() {
  return {
    packs: { disabled: [], custom: {} },
    sites: { mode: 'all', listed: [], off: [], force: [] },
    ui: { lang: 'auto' },
    shortcuts: { ...DEFAULT_SHORTCUTS },
    ignores: {},
  };
}

/** Thrown by save() when the new settings are invalid; `problems` lists [{path, problem}]. */
export class SettingsError extends Error {
  constructor(problems) {
    super(problems.map((p) => `${p.path}: ${p.problem}`).join('; '));
    this.problems = problems;
  }
}

const ID = new RegExp(PACK_ID_PATTERN); // the engine's (limits.gen.js, generated from wasm/api)
const ID_BODY = PACK_ID_PATTERN.replace(/^\^|\$$/g, '');
const RULE_REF = new RegExp(`^${ID_BODY}(/${ID_BODY})?$`); // a rule id, or pack id/rule id
const HOST = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/;
const KEY = /^(?:(?:Ctrl|Alt|Shift|Meta)\+)*(?:[A-Za-z0-9]|F\d{1,2}|Arrow(?:Up|Down|Left|Right)|Enter|Escape|Tab|Space|Backspace|Home|End|PageUp|PageDown|[.,;/\[\]'`=-])$/;

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Normalises a host the way users type it: "https://Support.Example.com/x" → "support.example.com".
 * Returns '' when nothing host-like is left.
 */
export function normalizeHost(input) {
  let s = String(input ?? '').trim().toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/[/?#].*$/, '').replace(/^www\./, '');
  return s;
}

/** The host of a page URL, '' for non-web URLs. */
export function hostOf(url) {
  try {
    const u = new URL(url);
    return /^https?:$/.test(u.protocol) ? normalizeHost(u.host) : '';
  } catch {
    return '';
  }
}

function validateHosts(list, path, problems) {
  if (!Array.isArray(list)) { problems.push({ path, problem: 'must be a list of hosts' }); return []; }
  const out = [];
  list.forEach((h, i) => {
    const n = normalizeHost(h);
    if (typeof h !== 'string' || !HOST.test(n)) problems.push({ path: `${path}[${i}]`, problem: `not a host: ${JSON.stringify(h)}` });
    else if (!out.includes(n)) out.push(n);
  });
  return out;
}

function validatePacks(v, problems) {
  const out = { disabled: [], custom: {} };
  if (!isObj(v)) { problems.push({ path: 'packs', problem: 'must be an object' }); return out; }
  if (v.disabled !== undefined) {
    if (!Array.isArray(v.disabled)) problems.push({ path: 'packs.disabled', problem: 'must be a list of pack ids' });
    else v.disabled.forEach((id, i) => {
      if (typeof id !== 'string' || !ID.test(id)) problems.push({ path: `packs.disabled[${i}]`, problem: `not a pack id: ${JSON.stringify(id)}` });
      else if (!out.disabled.includes(id)) out.disabled.push(id);
    });
  }
  if (v.custom !== undefined) {
    if (!isObj(v.custom)) problems.push({ path: 'packs.custom', problem: 'must be an object {id: pack JSON}' });
    else for (const [id, json] of Object.entries(v.custom)) {
      const path = `packs.custom.${id}`;
      if (!ID.test(id)) { problems.push({ path, problem: `pack id must match ${PACK_ID_PATTERN}` }); continue; }
      if (typeof json !== 'string') { problems.push({ path, problem: 'must be the pack JSON as a string' }); continue; }
      let parsed;
      try { parsed = JSON.parse(json); } catch (e) { problems.push({ path, problem: `not JSON: ${e.message}` }); continue; }
      if (!isObj(parsed) || parsed.id !== id) { problems.push({ path, problem: `pack id in JSON must be "${id}"` }); continue; }
      out.custom[id] = json;
    }
  }
  return out;
}

function validateSites(v, problems) {
  const out = { mode: 'all', listed: [], off: [], force: [] };
  if (!isObj(v)) { problems.push({ path: 'sites', problem: 'must be an object' }); return out; }
  if (v.mode !== undefined) {
    if (v.mode === 'all' || v.mode === 'listed') out.mode = v.mode;
    else problems.push({ path: 'sites.mode', problem: `must be "all" or "listed", got ${JSON.stringify(v.mode)}` });
  }
  if (v.listed !== undefined) out.listed = validateHosts(v.listed, 'sites.listed', problems);
  if (v.off !== undefined) out.off = validateHosts(v.off, 'sites.off', problems);
  if (v.force !== undefined) out.force = validateHosts(v.force, 'sites.force', problems);
  return out;
}

function validateUI(v, problems) {
  const out = { lang: 'auto' };
  if (!isObj(v)) { problems.push({ path: 'ui', problem: 'must be an object' }); return out; }
  if (v.lang !== undefined) {
    if (['auto', 'ru', 'en'].includes(v.lang)) out.lang = v.lang;
    else problems.push({ path: 'ui.lang', problem: `must be "auto", "ru" or "en", got ${JSON.stringify(v.lang)}` });
  }
  return out;
}

function validateShortcuts(v, problems) {
  const out = { ...DEFAULT_SHORTCUTS };
  if (!isObj(v)) { problems.push({ path: 'shortcuts', problem: 'must be an object' }); return out; }
  for (const [name, key] of Object.entries(v)) {
    const path = `shortcuts.${name}`;
    if (!(name in DEFAULT_SHORTCUTS)) problems.push({ path, problem: `unknown action; known: ${Object.keys(DEFAULT_SHORTCUTS).join(', ')}` });
    else if (typeof key !== 'string' || !KEY.test(key)) problems.push({ path, problem: `not a key like "Alt+Enter": ${JSON.stringify(key)}` });
    else out[name] = key;
  }
  return out;
}

function validateIgnores(v, problems) {
  const out = {};
  if (!isObj(v)) { problems.push({ path: 'ignores', problem: 'must be an object {host: [rule ids]}' }); return out; }
  for (const [host, ids] of Object.entries(v)) {
    const path = `ignores.${host}`;
    if (!HOST.test(host)) { problems.push({ path, problem: 'not a host' }); continue; }
    if (!Array.isArray(ids)) { problems.push({ path, problem: 'must be a list of rule ids' }); continue; }
    const ok = [];
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !RULE_REF.test(id)) problems.push({ path: `${path}[${i}]`, problem: `not a rule id: ${JSON.stringify(id)}` });
      else if (!ok.includes(id)) ok.push(id);
    });
    out[host] = ok;
  }
  return out;
}

const VALIDATORS = {
  packs: validatePacks, sites: validateSites, ui: validateUI,
  shortcuts: validateShortcuts, ignores: validateIgnores,
};

/**
 * Validates raw settings. Missing sections get defaults; invalid parts are dropped and
 * reported as [{path, problem}], so a damaged storage never breaks the extension.
 */
export function validate(raw) {
  const problems = [];
  const settings = defaults();
  if (!isObj(raw)) {
    if (raw !== undefined && raw !== null) problems.push({ path: '', problem: 'settings must be an object' });
    return { settings, problems };
  }
  for (const key of Object.keys(raw)) {
    if (!VALIDATORS[key]) problems.push({ path: key, problem: `unknown section; known: ${SECTIONS.join(', ')}` });
    else if (raw[key] !== undefined) settings[key] = VALIDATORS[key](raw[key], problems);
  }
  return { settings, problems };
}

/** Loads the settings from storage.local (defaults where nothing is stored). */
export async function load() {
  const raw = await storageGet([...SECTIONS]);
  return validate(raw).settings;
}

/**
 * Saves some sections: save({sites: {...}}). Throws SettingsError, writing nothing,
 * when any given section is invalid.
 */
export async function save(patch) {
  const { settings, problems } = validate(patch);
  if (problems.length) throw new SettingsError(problems);
  const items = {};
  for (const key of Object.keys(patch)) items[key] = settings[key];
  await storageSet(items);
  return settings;
}

/** Read-modify-write of one section: update('ignores', (ig) => ({...ig, [host]: [...]})). */
export async function update(section, fn) {
  const current = await load();
  const next = await fn(structuredClone(current[section]));
  await save({ [section]: next });
  return next;
}

// One storage change reaches every onChange listener of a context in the same task: they
// share one load() of it instead of reading and checking the settings once each.
let changeLoad = null;
function loadForChange() {
  if (!changeLoad) {
    changeLoad = load();
    setTimeout(() => { changeLoad = null; }, 0);
  }
  return changeLoad;
}

/** Calls cb(settings, changedSections) whenever settings change, until signal aborts. */
export function onChange(cb, signal) {
  onStorageChanged(async (changes) => {
    const keys = Object.keys(changes).filter((k) => SECTIONS.includes(k));
    if (!keys.length || signal?.aborted) return;
    cb(structuredClone(await loadForChange()), keys);
  }, signal);
}

function hostMatches(host, entry) {
  if (entry.startsWith('*.')) entry = entry.slice(2);
  return host === entry || host.endsWith(`.${entry}`);
}

/** True when Sufler should work on this host ("support.example.com" matches the entry "example.com"). */
export function siteEnabled(settings, host) {
  host = normalizeHost(host);
  if (!host) return false;
  const { mode, listed, off } = settings.sites;
  if (off.some((e) => hostMatches(host, e))) return false;
  return mode === 'all' || listed.some((e) => hostMatches(host, e));
}

/**
 * True when the agent or an admin told Sufler to work on this host even where the page opts out
 * (<meta name="sufler" content="off"> in its head, data-sufler="off" around a field).
 */
export function forced(settings, host) {
  host = normalizeHost(host);
  return !!host && (settings.sites.force ?? []).some((e) => hostMatches(host, e));
}

/** Returns sites settings with the page's opt-out overridden (on) or honoured again (off) for one host. */
export function withForce(sites, host, on) {
  host = normalizeHost(host);
  const force = (sites.force ?? []).filter((e) => !hostMatches(host, e));
  if (on) force.push(host);
  return { ...sites, force };
}

/** Returns sites settings with Sufler switched on/off for one host. */
export function withSite(sites, host, on) {
  host = normalizeHost(host);
  const next = { mode: sites.mode, listed: [...sites.listed], off: sites.off.filter((e) => !hostMatches(host, e)), force: [...(sites.force ?? [])] };
  if (on) {
    if (next.mode === 'listed' && !next.listed.some((e) => hostMatches(host, e))) next.listed.push(host);
  } else {
    next.off.push(host);
  }
  return next;
}

