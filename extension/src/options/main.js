// Package options is the options page: packs, import, sites, what Sufler remembers, shortcuts, UI language.
import { load, save, onChange } from '../shared/settings.js';
import { setLang, localizeDocument } from '../shared/i18n.js';
import * as packs from './packs.js';
import * as sites from './sites.js';
import * as keys from './keys.js';
import * as memory from './memory.js';
import * as hub from './hub.js';

async function main() {
  const settings = await load();
  setLang(settings.ui.lang);
  localizeDocument(document);
  const ctrl = new AbortController();

  const views = [packs.init(ctrl.signal), sites.init(), keys.init(), memory.init(), hub.init(ctrl.signal)];

  const langEl = document.getElementById('lang');
  langEl.value = settings.ui.lang;
  langEl.addEventListener('change', async () => {
    await save({ ui: { lang: langEl.value } });
  });

  // Another page (the popup's site switch, the content script) may change settings too.
  onChange((s, changed) => {
    if (changed.includes('ui')) {
      setLang(s.ui.lang);
      langEl.value = s.ui.lang;
      localizeDocument(document);
      // Messages shown in the old language would now read oddly: clear them.
      for (const id of ['import-result', 'sites-error', 'keys-error', 'memory-error']) document.getElementById(id).replaceChildren();
      document.getElementById('import-result').className = 'import-result';
      for (const v of views) v.render();
    } else if (changed.includes('sites')) {
      views[1].render();
    } else if (changed.includes('shortcuts')) {
      views[2].render();
    }
    if (changed.includes('ignores')) views[3].render();
  }, ctrl.signal);
}

main();
