// Package i18n holds the UI strings in Russian and English and picks the language:
// the browser's, unless the user chose one in options (settings.ui.lang).
// Other modules (the content script) add their own strings with register().
import { STRINGS } from './strings.js';
import { uiLanguage } from '../browser.js';

/** Languages the UI speaks. */
export const LANGS = Object.freeze(['ru', 'en']);

const dicts = { ru: { ...STRINGS.ru }, en: { ...STRINGS.en } };
let lang = null;

/** Adds strings: register({ru: {key: '...'}, en: {key: '...'}}). Later registrations win. */
export function register(strings) {
  for (const l of LANGS) Object.assign(dicts[l], strings[l] ?? {});
}

/** Maps a browser language tag to a UI language: Russian for ru-*, English otherwise. */
export function fromTag(tag) {
  const t = String(tag ?? '').toLowerCase();
  return t === 'ru' || t.startsWith('ru-') || t.startsWith('ru_') ? 'ru' : 'en';
}

/** Detects the browser's UI language. */
export function detectLang() {
  let tag;
  try { tag = uiLanguage(); } catch { tag = globalThis.navigator?.language; }
  return fromTag(tag);
}

/** Sets the UI language: 'ru', 'en', or 'auto' (the browser's). Returns the language in effect. */
export function setLang(l) {
  lang = LANGS.includes(l) ? l : detectLang();
  return lang;
}

/** The UI language in effect. */
export function getLang() {
  return lang ?? setLang('auto');
}

function pick(entry, vars, l) {
  if (entry === null || typeof entry !== 'object') return entry;
  // Plural forms {one, few, many, other}, chosen by vars.n with the language's rules.
  const cat = new Intl.PluralRules(l).select(Number(vars?.n ?? 0));
  return entry[cat] ?? entry.other ?? entry.many;
}

/**
 * Translates a key, substituting {name} placeholders from vars. Falls back to English,
 * then to the key itself, so a missing translation is visible but never breaks the UI.
 */
export function t(key, vars) {
  const l = getLang();
  let s = dicts[l][key];
  let used = l;
  if (s === undefined) { s = dicts.en[key]; used = 'en'; }
  if (s === undefined) return key;
  s = pick(s, vars, used);
  if (!vars) return s;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Fills every element with data-i18n="key" (textContent) and data-i18n-attr="attr:key;attr:key". */
export function localizeDocument(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  }
  root.documentElement?.setAttribute('lang', getLang());
}
