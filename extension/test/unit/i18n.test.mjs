import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeChrome } from './fake-browser.mjs';
import { t, setLang, getLang, fromTag, register, detectLang } from '../../src/shared/i18n.js';
import { STRINGS } from '../../src/shared/strings.js';

const fake = installFakeChrome();

test('browser language tags map to ru or en', () => {
  for (const [tag, want] of [['ru', 'ru'], ['ru-RU', 'ru'], ['ru_RU', 'ru'], ['en-US', 'en'], ['uk', 'en'], ['', 'en'], [undefined, 'en']]) {
    assert.equal(fromTag(tag), want, String(tag));
  }
  fake.uiLanguage = 'ru';
  assert.equal(detectLang(), 'ru');
  assert.equal(setLang('auto'), 'ru');
  fake.uiLanguage = 'de-DE';
  assert.equal(setLang('auto'), 'en');
  assert.equal(setLang('ru'), 'ru');
  assert.equal(getLang(), 'ru');
});

test('missing strings fall back to English, then to the key', () => {
  register({ en: { onlyEnglish: 'Only in English' } });
  setLang('ru');
  assert.equal(t('onlyEnglish'), 'Only in English');
  assert.equal(t('no.such.key'), 'no.such.key');
});

test('placeholders are filled, unknown ones left visible', () => {
  setLang('en');
  assert.equal(t('siteOn', { host: 'desk.io' }), 'On for desk.io');
  register({ en: { two: '{a} and {b}' } });
  assert.equal(t('two', { a: 1 }), '1 and {b}');
});

test('Russian plurals pick one / few / many', () => {
  setLang('ru');
  const cases = [[1, 'Нашёлся 1 ответ'], [2, 'Нашлось 2 ответа'], [5, 'Нашлось 5 ответов'], [11, 'Нашлось 11 ответов'], [21, 'Нашёлся 21 ответ'], [24, 'Нашлось 24 ответа']];
  for (const [n, want] of cases) assert.equal(t('found', { n }), want);
  setLang('en');
  assert.equal(t('found', { n: 1 }), '1 answer found');
  assert.equal(t('found', { n: 3 }), '3 answers found');
});

test('both languages have the same keys, and plural entries have their forms', () => {
  assert.deepEqual(Object.keys(STRINGS.ru).sort(), Object.keys(STRINGS.en).sort());
  for (const [key, v] of Object.entries(STRINGS.ru)) {
    if (typeof v === 'object') for (const f of ['one', 'few', 'many']) assert.ok(v[f], `${key}.${f}`);
  }
});
