// report.mjs — turns the benchmark's raw runs into flat figures (one key per figure, the keys
// README.md documents), checks them against the budget, and renders the table.

const MiB = 1 << 20;

/** The budget from the benchmark issue. Sizes in MiB; the 10k limits apply at the largest size run. */
export const BUDGET = {
  'wasm.sizeBytes': { max: 18 * MiB, what: 'wasm size, raw' },
  'wasm.gzipBytes': { max: 4.5 * MiB, what: 'wasm size, gzip' },
  'wasm.firstCheckMs': { max: 250, what: 'first /v1/check answer after instantiate' },
  'wasm.defaultReadyMs': { max: 300, what: 'search ready, default packs' },
  'wasm.N.readyMs': { max: 2000, what: 'search ready, generated pack' },
  'wasm.N.restartReadyMs': { max: 400, what: 'search ready after an engine restart, pack loaded with its stored image' },
  'wasm.N.check.p95Ms': { max: 1, what: 'check p95, 2,000-character reply, every default rule' },
  'wasm.N.search.p95Ms': { max: 3, what: 'search p95 from JS' },
  'wasm.N.bridge.p50Ms': { max: 0.1, what: 'bridge p50: GET /v1/health from JS, the extension\'s path' },
  'wasm.N.suggest.p95Ms': { max: 3, what: 'suggest p95 from JS' },
  'wasm.N.memoryBytes': { max: 150 * MiB, what: 'wasm linear memory after indexing' },
  'wasm.N.recall5': { min: 'flexsearch.N.recall5', what: 'Recall@5 at least FlexSearch\'s' },
};

/** Browsers whose start-up the bench measures (browser.mjs), in table order. */
export const BROWSERS = { chromium: 'Chromium', firefox: 'Firefox' };

/**
 * The start-up budgets shown against the browser rows. They are shown, not judged: budget()
 * and the table's "budget:" line count the Node rows only (BUDGET above).
 */
export const BROWSER_BUDGET = {
  'B.firstCheckMs': { max: BUDGET['wasm.firstCheckMs'].max, what: 'first /v1/check answer after instantiate, in a browser' },
  'B.defaultReadyMs': { max: BUDGET['wasm.defaultReadyMs'].max, what: 'search ready, default packs, in a browser' },
};

const lat = (figs, key, l) => {
  if (!l) return;
  figs[`${key}.p50Ms`] = l.p50;
  figs[`${key}.p95Ms`] = l.p95;
  figs[`${key}.p99Ms`] = l.p99;
};

/** Flattens raw medians into figures. */
export function figures(raw, sizes) {
  const f = {};
  if (raw.wasmFile) {
    f['wasm.sizeBytes'] = raw.wasmFile.rawBytes;
    f['wasm.gzipBytes'] = raw.wasmFile.gzipBytes;
  }
  // Start-up does not depend on the generated pack: the median over every wasm and native run.
  const all = (engine) => sizes.flatMap((s) => raw.sizes[s].runs[engine] ?? []);
  const med = (xs) => {
    const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
    if (s.length === 0) return null;
    return Math.round((s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) * 1000) / 1000;
  };
  const w = all('wasm');
  if (w.length) {
    for (const k of ['compileMs', 'startMs', 'firstCheckMs', 'defaultReadyMs', 'defaultLinearBytes', 'findingsPerReply']) {
      f[`wasm.${k}`] = med(w.map((r) => r[k]));
    }
  }
  // Browsers: medians over every run; coldFirstCheckMs is compile + instantiate → first check
  // of each run (nothing cached: what the first start of a fresh browser costs).
  for (const [b, list] of Object.entries(raw.browsers ?? {})) {
    if (!list?.length) continue;
    for (const k of ['fetchMs', 'compileMs', 'startMs', 'firstCheckMs', 'defaultReadyMs', 'defaultLinearBytes', 'findingsPerReply', 'launchMs']) {
      f[`${b}.${k}`] = med(list.map((r) => r[k]));
    }
    f[`${b}.coldFirstCheckMs`] = med(list.map((r) => r.compileMs + r.firstCheckMs));
    f[`${b}.version`] = list[0].version;
  }
  const n = all('native');
  if (n.length) {
    f['native.startMs'] = med(n.map((r) => r.startMs));
    f['native.firstCheckMs'] = med(n.map((r) => r.firstCheckMs));
    f['native.defaultHeapBytes'] = med(n.map((r) => r.memory.heapDefaultBytes));
  }
  for (const s of sizes) {
    const m = raw.sizes[s].median;
    f[`corpus.${s}.packBytes`] = raw.sizes[s].packBytes;
    if (m.wasm) {
      const x = m.wasm;
      Object.assign(f, {
        [`wasm.${s}.readyMs`]: x.readyMs, [`wasm.${s}.putMs`]: x.putMs, [`wasm.${s}.parseMs`]: x.parseMs,
        [`wasm.${s}.checkDuringIndexMs`]: x.checkDuringIndexMs,
        [`wasm.${s}.memoryBytes`]: x.memory.linearBytes, [`wasm.${s}.memoryEndBytes`]: x.memory.linearEndBytes,
        [`wasm.${s}.rssBytes`]: x.memory.rssBytes, [`wasm.${s}.peakRssBytes`]: x.memory.peakRssBytes,
        [`wasm.${s}.arrayBuffersBytes`]: x.memory.arrayBuffers,
        [`wasm.${s}.recall5`]: x.recall5, [`wasm.${s}.suggestRecall5`]: x.suggestRecall5,
        [`wasm.${s}.restartReadyMs`]: x.restartReadyMs, [`wasm.${s}.restartPutMs`]: x.restartPutMs,
        [`wasm.${s}.imageBytes`]: x.imageBytes,
      });
      lat(f, `wasm.${s}.check`, x.check);
      lat(f, `wasm.${s}.search`, x.search);
      lat(f, `wasm.${s}.suggest`, x.suggest);
      lat(f, `wasm.${s}.searchCpu`, x.searchCpu);
      lat(f, `wasm.${s}.suggestCpu`, x.suggestCpu);
      lat(f, `wasm.${s}.bridge`, x.bridge);
      if (x.bridgeHTTP) lat(f, `wasm.${s}.bridgeHTTP`, x.bridgeHTTP);
    }
    if (m.native) {
      const x = m.native;
      Object.assign(f, {
        [`native.${s}.readyMs`]: x.readyMs, [`native.${s}.parseMs`]: x.parseMs, [`native.${s}.memoryBytes`]: x.memory.heapBytes,
        [`native.${s}.sysBytes`]: x.memory.sysBytes, [`native.${s}.peakRssBytes`]: x.memory.peakRssBytes,
        [`native.${s}.recall5`]: x.recall5, [`native.${s}.suggestRecall5`]: x.suggestRecall5,
      });
      lat(f, `native.${s}.check`, x.check);
      lat(f, `native.${s}.search`, x.search);
      lat(f, `native.${s}.suggest`, x.suggest);
    }
    for (const p of ['flexsearch', 'minisearch']) {
      const x = m[p];
      if (!x) continue;
      Object.assign(f, {
        [`${p}.${s}.readyMs`]: x.readyMs, [`${p}.${s}.memoryBytes`]: x.memory.heapBytes,
        [`${p}.${s}.rssBytes`]: x.memory.rssBytes, [`${p}.${s}.recall5`]: x.recall5,
      });
      f[`${p}.version`] = x.version;
      lat(f, `${p}.${s}.search`, x.search);
      lat(f, `${p}.${s}.searchCpu`, x.searchCpu);
    }
    // Ratios, wasm over each peer: above 1 means the engine is slower or bigger.
    for (const p of ['native', 'flexsearch', 'minisearch']) {
      for (const k of ['readyMs', 'search.p95Ms', 'searchCpu.p95Ms', 'memoryBytes']) {
        const a = f[`wasm.${s}.${k}`];
        const b = f[`${p}.${s}.${k}`];
        if (a != null && b) f[`ratio.${s}.${k}.wasm/${p}`] = Math.round((a / b) * 100) / 100;
      }
    }
  }
  return f;
}

/** Checks figures against the budget; limits on N apply to the largest size run. */
export function budget(figs, sizes) {
  const big = Math.max(...sizes);
  const out = {};
  for (const [k, b] of Object.entries(BUDGET)) {
    const key = k.replace('.N.', `.${big}.`);
    const v = figs[key];
    if (v == null) continue;
    const limit = typeof b.min === 'string' ? figs[b.min.replace('.N.', `.${big}.`)] : b.max ?? b.min;
    if (limit == null) continue;
    const ok = b.max != null ? v <= limit : v >= limit;
    out[key] = { what: b.what, value: v, limit, ok };
  }
  return out;
}

/** The browser rows against their budgets: shown in the table and the JSON, never counted as over. */
export function browserBudget(figs) {
  const out = {};
  for (const b of Object.keys(BROWSERS)) {
    for (const [k, lim] of Object.entries(BROWSER_BUDGET)) {
      const key = k.replace('B.', `${b}.`);
      const v = figs[key];
      if (v == null) continue;
      out[key] = { what: lim.what, value: v, limit: lim.max, ok: v <= lim.max, judged: false };
    }
  }
  return out;
}

const fmtMs = (x) => (x == null ? '—' : x >= 100 ? `${Math.round(x)} ms` : x >= 10 ? `${x.toFixed(1)} ms`
  : x >= 0.1 ? `${x.toFixed(2)} ms` : `${x.toFixed(3)} ms`);
const fmtB = (x) => (x == null ? '—' : `${(x / MiB).toFixed(1)} MiB`);
const fmtR = (x) => (x == null ? '—' : x.toFixed(3));
const fmtL = (f, k) => (f[`${k}.p50Ms`] == null ? '—'
  : `${fmtMs(f[`${k}.p50Ms`]).replace(' ms', '')}/${fmtMs(f[`${k}.p95Ms`]).replace(' ms', '')}/${fmtMs(f[`${k}.p99Ms`])}`);

/** The readable table: one row per figure, engines side by side, the budget and its verdict. */
export function table(f, checks, meta, sizes, engines, shown = {}) {
  const cols = ['wasm', 'native', 'flexsearch', 'minisearch'].filter((e) => engines.includes(e));
  const head = ['figure', ...cols.map((c) => ({ flexsearch: 'FlexSearch', minisearch: 'MiniSearch' })[c] ?? c), 'budget', ''];
  const rows = [];
  const verdict = (key) => (checks[key] ? (checks[key].ok ? 'ok' : 'OVER') : '');
  const row = (label, vals, budgetText = '', key = '') => rows.push([label, ...cols.map((c) => vals[c] ?? ''), budgetText, verdict(key)]);
  const sec = (label) => rows.push([label]);

  sec(`engine start (default packs embedded)${cols.includes('wasm') ? `; wasm column: Node ${meta.node}` : ''}${meta.browsers?.length ? ', browsers: their own rows below' : ''}`);
  if (f['wasm.sizeBytes'] != null) {
    row('wasm size raw', { wasm: fmtB(f['wasm.sizeBytes']) }, '≤ 18 MiB', 'wasm.sizeBytes');
    row('wasm size gzip -9', { wasm: fmtB(f['wasm.gzipBytes']) }, '≤ 4.5 MiB', 'wasm.gzipBytes');
    row('compile (cached by browsers)', { wasm: fmtMs(f['wasm.compileMs']) });
    row('instantiate → startEngine resolves', { wasm: fmtMs(f['wasm.startMs']), native: fmtMs(f['native.startMs']) });
  }
  row('instantiate → first check answer', { wasm: fmtMs(f['wasm.firstCheckMs']), native: fmtMs(f['native.firstCheckMs']) }, '≤ 250 ms', 'wasm.firstCheckMs');
  row('instantiate → search ready', { wasm: fmtMs(f['wasm.defaultReadyMs']) }, '≤ 300 ms', 'wasm.defaultReadyMs');
  row('linear memory / Go heap', { wasm: fmtB(f['wasm.defaultLinearBytes']), native: fmtB(f['native.defaultHeapBytes']) });
  // Browser rows: values in the wasm column; the verdict in lower case and starred: shown, not judged.
  const at = cols.includes('wasm') ? 'wasm' : cols[0];
  const brow = (label, val, budgetText = '', v = '') => rows.push([label, ...cols.map((c) => (c === at ? val : '')), budgetText, v]);
  const info = (key) => (shown[key] ? `${shown[key].ok ? 'ok' : 'over'} ⁴` : '');
  for (const [b, name] of Object.entries(BROWSERS)) {
    if (f[`${b}.startMs`] == null) continue;
    const v = String(f[`${b}.version`] ?? name).replace(/^firefox\//, 'Firefox ');
    sec(`engine start in ${v} ⁴ (a module Worker, as the extension's; a fresh browser per run)`);
    brow('compile (not cached: a fresh browser)', fmtMs(f[`${b}.compileMs`]));
    brow('instantiate → startEngine resolves', fmtMs(f[`${b}.startMs`]));
    brow('instantiate → first check answer', fmtMs(f[`${b}.firstCheckMs`]), '≤ 250 ms', info(`${b}.firstCheckMs`));
    brow('instantiate → search ready', fmtMs(f[`${b}.defaultReadyMs`]), '≤ 300 ms', info(`${b}.defaultReadyMs`));
    brow('compile + instantiate → first check', fmtMs(f[`${b}.coldFirstCheckMs`]));
  }
  for (const s of sizes) {
    sec(`${s.toLocaleString('en')} entries (${fmtB(f[`corpus.${s}.packBytes`])} pack, ${Math.min(meta.queries, s)} queries)`);
    const big = s === Math.max(...sizes);
    const k = (e, x) => f[`${e}.${s}.${x}`];
    row('search ready (pack bytes → answers)', Object.fromEntries(cols.map((e) => [e, fmtMs(k(e, 'readyMs'))])),
      big ? '≤ 2 s' : '', `wasm.${s}.readyMs`);
    row('  of which: bytes into Go + parse', { wasm: fmtMs(k('wasm', 'parseMs')), native: fmtMs(k('native', 'parseMs')) });
    row('check sent while the pack indexes', { wasm: fmtMs(k('wasm', 'checkDuringIndexMs')) });
    row('searchable after an engine restart (pack + stored image)', { wasm: fmtMs(k('wasm', 'restartReadyMs')) },
      big ? '≤ 400 ms' : '', `wasm.${s}.restartReadyMs`);
    row('  of which: PUT with the image answered', { wasm: fmtMs(k('wasm', 'restartPutMs')) });
    row('  index image size', { wasm: fmtB(k('wasm', 'imageBytes')) });
    row('check p50/p95/p99', { wasm: fmtL(f, `wasm.${s}.check`), native: fmtL(f, `native.${s}.check`) },
      big ? 'p95 ≤ 1 ms' : '', `wasm.${s}.check.p95Ms`);
    row('bridge (GET /v1/health) p50/p95/p99', { wasm: fmtL(f, `wasm.${s}.bridge`) }, big ? 'p50 ≤ 0.1 ms' : '', `wasm.${s}.bridge.p50Ms`);
    row('bridge through a Request (HTTP path) p50/p95/p99', { wasm: fmtL(f, `wasm.${s}.bridgeHTTP`) });
    row('search p50/p95/p99', Object.fromEntries(cols.map((e) => [e, fmtL(f, `${e}.${s}.search`)])),
      big ? 'p95 ≤ 3 ms' : '', `wasm.${s}.search.p95Ms`);
    row('suggest p50/p95/p99', { wasm: fmtL(f, `wasm.${s}.suggest`), native: fmtL(f, `native.${s}.suggest`) },
      big ? 'p95 ≤ 3 ms' : '', `wasm.${s}.suggest.p95Ms`);
    row('search CPU p50/p95/p99 ³', Object.fromEntries(cols.map((e) => [e, fmtL(f, `${e}.${s}.searchCpu`)])));
    row('suggest CPU p50/p95/p99 ³', { wasm: fmtL(f, `wasm.${s}.suggestCpu`) });
    row('memory after indexing ¹', Object.fromEntries(cols.map((e) => [e, fmtB(k(e, 'memoryBytes'))])),
      big ? '≤ 150 MiB' : '', `wasm.${s}.memoryBytes`);
    row('process RSS ²', { wasm: fmtB(k('wasm', 'peakRssBytes')), native: fmtB(k('native', 'peakRssBytes')),
      flexsearch: fmtB(k('flexsearch', 'rssBytes')), minisearch: fmtB(k('minisearch', 'rssBytes')) });
    row('Recall@5 search', Object.fromEntries(cols.map((e) => [e, fmtR(k(e, 'recall5'))])),
      big ? '≥ FlexSearch' : '', `wasm.${s}.recall5`);
    row('Recall@5 suggest (context)', { wasm: fmtR(k('wasm', 'suggestRecall5')), native: fmtR(k('native', 'suggestRecall5')) });
    const ratio = (x) => cols.filter((c) => c !== 'wasm').map((c) => {
      const v = f[`ratio.${s}.${x}.wasm/${c}`];
      return v == null ? null : `${v}× ${({ flexsearch: 'Flex', minisearch: 'Mini' })[c] ?? c}`;
    }).filter(Boolean).join(', ');
    row('wasm ÷ peer: ready', { wasm: ratio('readyMs') });
    row('wasm ÷ peer: search p95', { wasm: ratio('search.p95Ms') });
    row('wasm ÷ peer: search CPU p95', { wasm: ratio('searchCpu.p95Ms') });
    row('wasm ÷ peer: memory', { wasm: ratio('memoryBytes') });
  }

  const widths = head.map((h, i) => Math.max(h.length, ...rows.filter((r) => r.length > 1).map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  const out = [
    `Sufler benchmark — median of ${meta.runs} run(s); ${meta.node}; wasm from ${meta.wasmDir}`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => (r.length === 1 ? `-- ${r[0]}` : line(r))),
    '',
    '¹ wasm: WebAssembly linear memory (memory.buffer.byteLength); native: live Go heap after GC;',
    '  FlexSearch, MiniSearch: JS heap growth after GC. ² wasm, native: peak RSS of the process;',
    '  peers: RSS after indexing. MiB = 2^20 bytes. Latencies are measured from JS (wasm, peers) or',
    '  around the API handler (native), each query once after 20 warm-up queries. ³ the process\'s CPU',
    '  time (every thread) per query: on a shared machine it moves less than wall time.',
  ];
  if (Object.keys(shown).length) {
    out.push('⁴ browsers: medians over fresh browsers, timed inside the engine\'s Worker (wasm/bench/browser.mjs);',
      '  the verdict is shown, not judged: the budget line below counts the Node rows only.');
  }
  if (meta.loadAverage) out.push(`load average (1/5/15 min): ${meta.loadAverage.start.join(' ')} at the start, ${meta.loadAverage.end.join(' ')} at the end`);
  const over = Object.entries(checks).filter(([, c]) => !c.ok);
  out.push('', over.length === 0 ? 'budget: every figure within budget'
    : `budget: ${over.length} over — ${over.map(([k]) => k).join(', ')}`);
  return out.join('\n');
}
