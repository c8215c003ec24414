// Package keys shows the browser-level shortcuts (manifest commands; changed on the
// browser's own page) and edits the in-page ones the content script uses.
import { getCommands, openShortcutSettings } from '../browser.js';
import { load, save, DEFAULT_SHORTCUTS, SettingsError } from '../shared/settings.js';
import { t } from '../shared/i18n.js';

/** Turns a keydown into "Ctrl+Alt+Shift+K" (letters and digits by physical key). */
export function comboOf(e) {
  const mods = [];
  if (e.ctrlKey) mods.push('Ctrl');
  if (e.altKey) mods.push('Alt');
  if (e.shiftKey) mods.push('Shift');
  if (e.metaKey) mods.push('Meta');
  let key = e.key;
  if (/^Key[A-Z]$/.test(e.code)) key = e.code.slice(3);
  else if (/^Digit\d$/.test(e.code)) key = e.code.slice(5);
  else if (key === ' ') key = 'Space';
  if (['Control', 'Alt', 'Shift', 'Meta'].includes(key)) return '';
  return [...mods, key.length === 1 ? key.toUpperCase() : key].join('+');
}

function td(...children) {
  const c = document.createElement('td');
  c.append(...children);
  return c;
}

function kbd(text) {
  const k = document.createElement('kbd');
  k.textContent = text;
  return k;
}

/** Wires the shortcuts section. */
export function init() {
  const err = document.getElementById('keys-error');
  document.getElementById('open-shortcuts').addEventListener('click', () => openShortcutSettings());

  async function renderCommands() {
    let cmds = [];
    try { cmds = await getCommands(); } catch { /* not available */ }
    const rows = cmds.map((c) => {
      const tr = document.createElement('tr');
      // Our own strings, so the labels follow the UI language rather than the browser's.
      const key = `cmd_${c.name}`;
      const label = t(key) === key ? (c.description || c.name) : t(key);
      const shortcut = c.shortcut ? kbd(c.shortcut) : Object.assign(document.createElement('span'), { className: 'unset', textContent: t('shortcutUnset') });
      tr.append(td(label), td(shortcut));
      return tr;
    });
    document.getElementById('commands').replaceChildren(...rows);
  }

  async function renderPage() {
    const { shortcuts } = await load();
    const rows = Object.keys(DEFAULT_SHORTCUTS).map((name) => {
      const tr = document.createElement('tr');
      const input = document.createElement('input');
      input.type = 'text';
      input.readOnly = true;
      input.value = shortcuts[name];
      input.dataset.action = name;
      input.setAttribute('aria-label', `${t(`key_${name}`)}: ${t('shortcutPress')}`);
      input.title = t('shortcutPress');
      input.addEventListener('keydown', async (e) => {
        if (e.key === 'Tab') return;
        e.preventDefault();
        const combo = comboOf(e);
        if (!combo) return;
        err.textContent = '';
        const s = await load();
        try {
          await save({ shortcuts: { ...s.shortcuts, [name]: combo } });
          input.value = combo;
        } catch (x) {
          err.textContent = x instanceof SettingsError ? x.problems.map((p) => p.problem).join('; ') : x.message;
        }
      });
      const reset = document.createElement('button');
      reset.type = 'button';
      reset.textContent = t('shortcutReset');
      reset.addEventListener('click', async () => {
        const s = await load();
        await save({ shortcuts: { ...s.shortcuts, [name]: DEFAULT_SHORTCUTS[name] } });
        input.value = DEFAULT_SHORTCUTS[name];
      });
      tr.append(td(t(`key_${name}`)), td(input), td(reset));
      return tr;
    });
    document.getElementById('page-keys').replaceChildren(...rows);
  }

  renderCommands();
  renderPage();
  // Shortcuts may change on the browser's page while this one is open.
  window.addEventListener('focus', renderCommands);
  return { render: () => { renderCommands(); renderPage(); } };
}
