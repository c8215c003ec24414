// peers.mjs — FlexSearch and MiniSearch on the benchmark corpus, each with the Snowball Russian
// stemmer, measured the way the wasm engine is: ready time from the pack's bytes, search
// latency per query, memory after indexing, Recall@5. One engine per process, so memory
// readings are its own; bench.mjs runs it as
//
//   node --expose-gc wasm/bench/peers.mjs --engine flexsearch|minisearch --corpus P --queries Q
//
// and reads one JSON object from stdout.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { analyse, cpuNow, documents, BOOSTS, FIELDS, memory, now, recallAt5, summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
/** The installed version of a package, read from its package.json (not every package exports it). */
function pkgVersion(name) {
  const url = new URL(`./node_modules/${name}/package.json`, import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')).version;
}

const LIMIT = 10; // what the popup asks for; Recall@5 reads the first five

/** Each peer: build(docs) → index, search(index, q) → ids best first. */
const PEERS = {
  // FlexSearch's Document index, one index per field, with its own result merge. `suggest`
  // lets a document match when not every query term is in one field (as OR in the engine).
  flexsearch: {
    version: () => pkgVersion('flexsearch'),
    build(docs) {
      const { Document } = require('flexsearch');
      const index = new Document({
        document: { id: 'id', index: FIELDS },
        tokenize: 'strict',
        encode: analyse,
      });
      for (const d of docs) index.add(d);
      return index;
    },
    search(index, q) {
      return index.search(q, { limit: LIMIT, suggest: true, merge: true }).map((r) => r.id);
    },
  },
  // MiniSearch: BM25 over the same fields with the engine's boosts, terms joined with OR.
  minisearch: {
    version: () => pkgVersion('minisearch'),
    build(docs) {
      const MiniSearch = require('minisearch');
      const index = new MiniSearch({
        fields: FIELDS,
        tokenize: (text) => [text], // analyse() splits; MiniSearch calls processTerm on each token
        processTerm: (term) => analyse(term),
        searchOptions: { boost: BOOSTS, combineWith: 'OR' },
      });
      index.addAll(docs);
      return index;
    },
    search(index, q) {
      return index.search(q).slice(0, LIMIT).map((r) => r.id);
    },
  },
};

export async function runPeer(name, corpusPath, queriesPath) {
  const peer = PEERS[name];
  if (!peer) throw new Error(`peers: unknown engine ${name} (${Object.keys(PEERS).join(', ')})`);
  const { queries } = JSON.parse(readFileSync(queriesPath, 'utf8'));
  const bytes = readFileSync(corpusPath);
  const before = memory();
  const t0 = now();
  const pack = JSON.parse(bytes.toString('utf8'));
  const index = peer.build(documents(pack));
  const readyMs = now() - t0;
  const after = memory();

  for (const q of queries.slice(0, 20)) peer.search(index, q.q); // warm the JIT, as the wasm run warms up too
  const lat = [];
  const results = [];
  const cpu = [];
  for (const q of queries) {
    const t = now();
    const c = cpuNow();
    const ids = peer.search(index, q.q);
    lat.push(now() - t);
    cpu.push(cpuNow() - c);
    results.push(ids);
  }
  return {
    engine: name, version: peer.version(), entries: (pack.templates?.length ?? 0) + (pack.cases?.length ?? 0),
    readyMs, search: summarize(lat), searchCpu: summarize(cpu), recall5: recallAt5(queries, results),
    memory: { heapBytes: after.heapUsed - before.heapUsed, rssBytes: after.rss,
      rssGrowthBytes: after.rss - before.rss, arrayBuffers: after.arrayBuffers },
    keep: index ? 1 : 0, // the index stays alive until the memory reading above
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { engine: { type: 'string' }, corpus: { type: 'string' }, queries: { type: 'string' } } });
  const res = await runPeer(values.engine, values.corpus, values.queries);
  process.stdout.write(JSON.stringify(res) + '\n');
}
