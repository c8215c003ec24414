// A bounded local load test of the hub Worker: N conditional GETs of a channel's manifest
// (what every agent's poll is once nothing changed), from C concurrent clients on loopback,
// for each glue: keepalive.mjs (one Go instance an isolate) and syumai's worker.mjs (a Go
// runtime a request). Prints p50/p99 latency, requests/s and the CPU the Worker's processes
// spent per request (from /proc, 10 ms ticks). Not asserted: a 2-core shared machine
// measures itself as much as the Worker. Usage: node load.mjs [N=5000] [C=4]
import { startWorker } from "./worker.mjs";
import { createHash } from "node:crypto";

const N = Number(process.argv[2] ?? 5000);
const C = Number(process.argv[3] ?? 4);
const TICK_MS = 10; // USER_HZ = 100 on Linux

async function seed(url, token) {
  const file = Buffer.from(JSON.stringify({ id: "load", version: "1.0.0" }));
  const sha = createHash("sha256").update(file).digest("hex");
  const put = (path, body) =>
    fetch(url + path, { method: "PUT", headers: { Authorization: `Bearer ${token}` }, body }).then(async (r) => {
      if (!r.ok) throw new Error(`PUT ${path}: ${r.status} ${await r.text()}`);
    });
  await put("/v1/packs/load/1.0.0/pack.json", file);
  const manifest = JSON.stringify({ format: 1, channel: "load", serial: 1, packs: [{ id: "load", version: "1.0.0", files: [{ name: "pack.json", size: file.length, sha256: sha }] }] });
  await put("/v1/channels/load", JSON.stringify({ manifest, signature: "unsigned-load-test" }));
}

function pct(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(config, label) {
  const token = "load";
  const w = await startWorker({ config, vars: { HUB_TOKEN: token } });
  try {
    await seed(w.url, token);
    const url = w.url + "/v1/channels/load/manifest.json";
    const etag = (await fetch(url)).headers.get("etag");
    for (let i = 0; i < 50; i++) await (await fetch(url, { headers: { "If-None-Match": etag } })).arrayBuffer(); // warm up
    const lat = [];
    let next = 0, not304 = 0;
    const t0 = w.cpuTicks();
    const start = performance.now();
    await Promise.all(Array.from({ length: C }, async () => {
      while (next < N) {
        next++;
        const s = performance.now();
        const r = await fetch(url, { headers: { "If-None-Match": etag } });
        await r.arrayBuffer();
        lat.push(performance.now() - s);
        if (r.status !== 304) not304++;
      }
    }));
    const secs = (performance.now() - start) / 1000;
    const t1 = w.cpuTicks();
    lat.sort((a, b) => a - b);
    const per = (k) => (((t1[k] - t0[k]) * TICK_MS) / lat.length).toFixed(2);
    console.log(`${label}: ${lat.length} conditional GETs, ${C} clients: p50 ${pct(lat, 50).toFixed(1)} ms, p99 ${pct(lat, 99).toFixed(1)} ms, ` +
      `${(lat.length / secs).toFixed(0)} req/s; CPU per request: workerd ${per("workerd")} ms, wrangler's node ${per("other")} ms; not 304: ${not304}`);
  } finally {
    await w.stop();
  }
}

await run("wrangler.toml", "keepalive.mjs (one Go instance)");
await run("wrangler.syumai.toml", "syumai worker.mjs (a Go runtime a request)");
