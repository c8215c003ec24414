// stats.mjs — what every measuring process of the benchmark shares: latency summaries,
// Recall@5, memory readings, and the way a peer library sees a pack entry.

import { createRequire } from 'node:module';
import { STOP_WORDS } from './lexicon.mjs';

const require = createRequire(import.meta.url);

/** The p-th percentile (0..100) of sorted numbers, nearest rank. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const k = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[k];
}

/**
 * The process's CPU time in ms (user and system, every thread). On a shared machine a
 * query's wall time includes waiting for a core; its CPU time does not, so the bench
 * reports both.
 */
export function cpuNow() {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Latencies in ms → {n, p50, p95, p99, max, mean}, rounded to microseconds. */
export function summarize(ms) {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x) => (x == null ? null : Math.round(x * 1000) / 1000);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)),
    max: r(s.at(-1)), mean: r(mean) };
}

/** Share of queries whose entry is among the first five ids; ids are "kind/id" strings. */
export function recallAt5(queries, results) {
  let hit = 0;
  queries.forEach((q, i) => {
    if ((results[i] ?? []).slice(0, 5).includes(`${q.kind}/${q.id}`)) hit++;
  });
  return queries.length === 0 ? null : Math.round((hit / queries.length) * 10000) / 10000;
}

/** Process memory now, in bytes, after a full GC when node runs with --expose-gc. */
export function memory() {
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

/** Milliseconds since an origin, from the monotonic clock. */
export const now = () => performance.now();

// The peers' analysis: what bleve's `ru` analysis does in the engine, in JS — lowercase, ё→е,
// Unicode words, the same Snowball stop words, the Snowball Russian stemmer.
const stemmer = require('snowball-stemmers').newStemmer('russian');
const cache = new Map();

/** Normalises, splits and stems text into index terms. */
export function analyse(text) {
  const out = [];
  for (const raw of text.toLowerCase().replaceAll('ё', 'е').split(/[^\p{L}\p{N}]+/u)) {
    if (!raw || STOP_WORDS.has(raw)) continue;
    let t = cache.get(raw);
    if (t === undefined) {
      t = stemmer.stem(raw);
      if (cache.size < 200000) cache.set(raw, t);
    }
    out.push(t);
  }
  return out;
}

/** Variant → its texts (text, email, messenger). */
function texts(v) {
  return typeof v === 'string' ? [v] : [v.text, v.email, v.messenger].filter(Boolean);
}

/**
 * The pack's entries as flat documents with the fields the engine indexes (index.go): title;
 * keys = tags and triggers or customer_says; situation; text = every variant; guide = do and dont.
 */
export function documents(pack) {
  const docs = [];
  for (const t of pack.templates ?? []) {
    docs.push({ id: `template/${t.id}`, title: t.title, situation: t.situation ?? '',
      keys: [...(t.tags ?? []), ...(t.triggers ?? [])].join('\n'),
      text: Object.values(t.variants).flatMap(texts).join('\n'), guide: '' });
  }
  for (const c of pack.cases ?? []) {
    docs.push({ id: `case/${c.id}`, title: c.title, situation: c.situation ?? '',
      keys: (c.customer_says ?? []).join('\n'), text: '',
      guide: [...(c.do ?? []), ...(c.dont ?? [])].join('\n') });
  }
  return docs;
}

/** Field boosts for the peers, the same as the engine's search weights (search.go). */
export const BOOSTS = { title: 3, keys: 2, situation: 1.5, text: 1, guide: 0.7 };
export const FIELDS = Object.keys(BOOSTS);
