// Package packs is the options page's pack list (toggle packs, export or remove one's own)
// and the import form. The page only asks and shows: the engine host owns the packs and
// changes the running engine (src/engine/packs.js), which never restarts for it.
import { packs, limits, engineStatus } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { importPack } from './import.js';

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') e.className = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children.filter((c) => c !== null && c !== undefined));
  return e;
}

function meta(p) {
  if (p.templates === undefined) return t('packOffMeta');
  return [
    p.version ? `v${p.version}` : null,
    t('nTemplates', { n: p.templates }),
    t('nCases', { n: p.cases }),
    t('nRules', { n: p.rules }),
  ].filter(Boolean).join(' · ');
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Wires the packs section and the import form. */
export function init(signal) {
  const list = document.getElementById('pack-list');
  const status = document.getElementById('engine-status');

  async function render() {
    const r = await packs({ op: 'list' }).catch((e) => ({ ok: false, error: e.message }));
    if (!r.ok) {
      status.textContent = t('engineDown');
      status.classList.add('error');
      setTimeout(() => { if (!signal.aborted) render(); }, 1000);
      return;
    }
    const rows = r.packs;
    const st = await engineStatus().catch(() => null);
    const failed = (st?.applied ?? []).filter((a) => !a.ok);
    status.classList.toggle('error', failed.length > 0);
    status.textContent = failed.length
      ? t('engineFailedPacks', { ids: failed.map((f) => f.id).join(', ') })
      : t('engineRunning', { n: rows.filter((p) => p.on).length });
    rows.sort((a, b) => Number(a.custom) - Number(b.custom) || String(a.title).localeCompare(String(b.title)));

    list.replaceChildren(...rows.map((p) => {
      const title = el('div', { class: 'pack-title' }, p.title ?? p.id, p.custom ? el('span', { class: 'pack-badge' }, t('packCustom')) : null);
      const info = el('div', { class: 'pack-info' }, title, el('div', { class: 'pack-meta' }, `${p.id} · ${meta(p)}`));
      const li = el('li', { class: p.on ? '' : 'pack-off', 'data-pack': p.id }, info);
      const box = el('input', { type: 'checkbox', checked: p.on, role: 'switch' });
      box.setAttribute('aria-label', t('packToggle', { title: p.title ?? p.id }));
      box.addEventListener('change', async () => {
        box.disabled = true;
        await packs({ op: 'toggle', id: p.id, on: box.checked }).catch(() => {});
        await render();
      });
      const toggle = el('label', { class: 'switch' }, box);
      if (p.custom) {
        const exp = el('button', { type: 'button' }, t('packExport'));
        exp.addEventListener('click', async () => {
          const r = await packs({ op: 'export', id: p.id });
          if (r.json !== null) download(`${p.id}.json`, r.json);
        });
        const del = el('button', { type: 'button' }, t('packRemove'));
        del.addEventListener('click', async () => {
          if (!confirm(t('packRemoveConfirm', { title: p.title ?? p.id }))) return;
          await packs({ op: 'remove', id: p.id });
          await render();
        });
        li.append(el('div', { class: 'pack-actions' }, exp, del), toggle);
      } else {
        li.append(toggle);
      }
      return li;
    }));
  }

  // ---- import ----
  const text = document.getElementById('import-text');
  const file = document.getElementById('import-file');
  const go = document.getElementById('import-go');
  const result = document.getElementById('import-result');

  function showResult(r) {
    result.replaceChildren();
    result.className = `import-result ${r.ok ? 'ok' : 'bad'}`;
    if (r.ok) {
      const p = r.pack;
      result.append(el('p', { class: 'headline' }, t(r.replaced ? 'importReplaced' : 'importDone', { title: p.title ?? p.id })));
      if (p.templates !== undefined) result.append(el('p', {}, `${t('nTemplates', { n: p.templates })} · ${t('nCases', { n: p.cases })} · ${t('nRules', { n: p.rules })}`));
      return;
    }
    result.append(el('p', { class: 'headline' }, r.problems.length ? t('importProblems', { n: r.problems.length }) : t('importRejected')));
    if (r.error && (!r.problems.length || !/problem/i.test(r.error))) result.append(el('p', {}, r.error));
    if (r.problems.length) {
      result.append(el('ul', { class: 'problems' }, ...r.problems.map((p) =>
        el('li', {}, el('code', {}, p.path || t('importWholePack')), ' — ', p.problem))));
    }
    result.append(el('p', { class: 'muted' }, t('importNothingChanged')));
  }

  async function runImport(source) {
    go.disabled = true;
    result.className = 'import-result';
    result.textContent = t('importChecking');
    try {
      const r = await importPack(source, { packs, limits, msg: t });
      showResult(r);
      if (r.ok) await render();
    } catch (err) {
      showResult({ ok: false, error: err.message, problems: [] });
    } finally {
      go.disabled = false;
    }
  }

  go.addEventListener('click', () => runImport(text.value));
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    const content = await f.text();
    text.value = content;
    file.value = '';
    runImport(content);
  });

  render();
  return { render };
}
