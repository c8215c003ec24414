// Package sites is the options page's "where Sufler works": every site or only listed
// ones, plus the sites where it is switched off and those where it works even though the
// page opts out (an admin's or agent's override for a helpdesk).
import { load, save, normalizeHost, SettingsError } from '../shared/settings.js';
import { t } from '../shared/i18n.js';

/** Wires the sites section; re-renders on every settings change. */
export function init() {
  const err = document.getElementById('sites-error');
  const listedBox = document.getElementById('listed-box');

  async function apply(fn) {
    err.textContent = '';
    const s = await load();
    const next = fn(structuredClone(s.sites));
    try {
      await save({ sites: next });
    } catch (e) {
      err.textContent = e instanceof SettingsError ? e.problems.map((p) => p.problem).join('; ') : e.message;
      return false;
    }
    render();
    return true;
  }

  function hostList(ul, hosts, key) {
    ul.dataset.empty = t('sitesEmpty');
    ul.replaceChildren(...hosts.map((h) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.textContent = h;
      const del = document.createElement('button');
      del.type = 'button';
      del.textContent = t('sitesRemove');
      del.setAttribute('aria-label', t('sitesRemoveHost', { host: h }));
      del.addEventListener('click', () => apply((s) => ({ ...s, [key]: s[key].filter((x) => x !== h) })));
      li.append(name, del);
      return li;
    }));
  }

  async function render() {
    const { sites } = await load();
    for (const r of document.querySelectorAll('input[name="site-mode"]')) r.checked = r.value === sites.mode;
    listedBox.classList.toggle('inactive', sites.mode !== 'listed');
    hostList(document.getElementById('listed'), sites.listed, 'listed');
    hostList(document.getElementById('off'), sites.off, 'off');
    hostList(document.getElementById('force'), sites.force ?? [], 'force');
  }

  for (const r of document.querySelectorAll('input[name="site-mode"]')) {
    r.addEventListener('change', () => apply((s) => ({ ...s, mode: r.value })));
  }
  for (const key of ['listed', 'off', 'force']) {
    const form = document.getElementById(`${key}-add`);
    const input = document.getElementById(`${key}-input`);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const host = normalizeHost(input.value);
      if (!host) return;
      if (await apply((s) => ({ ...s, [key]: s[key].includes(host) ? s[key] : [...s[key], host] }))) input.value = '';
    });
  }
  render();
  return { render };
}
