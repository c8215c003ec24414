// Starts the hub Worker under `wrangler dev --local` on 127.0.0.1, with no account and no
// network (the environment below keeps wrangler and miniflare from calling home), and a
// fresh R2 store in a temporary directory. Used by hub.test.mjs and load.mjs.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const hubDir = join(dirname(fileURLToPath(import.meta.url)), "..");

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * startWorker runs the Worker and resolves once /v1/health answers.
 * @param {{config?: string, vars?: Record<string,string>}} opts
 */
export async function startWorker({ config = "wrangler.toml", vars = {} } = {}) {
  const port = await freePort();
  const inspector = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "sufler-hub-"));
  const args = ["dev", "--local", "--config", config, "--ip", "127.0.0.1", "--port", String(port),
    "--inspector-ip", "127.0.0.1", "--inspector-port", String(inspector), "--persist-to", persist,
    "--log-level", "warn"];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const bin = join(hubDir, "node_modules", ".bin");
  const child = spawn(join(bin, "wrangler"), args, {
    cwd: hubDir,
    detached: true, // its own process group, so stop() ends workerd with it
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      WRANGLER_SEND_METRICS: "false",
      CI: "1",
      CLOUDFLARE_CF_FETCH_ENABLED: "false",
      WRANGLER_HIDE_BANNER: "true",
      NO_UPDATE_NOTIFIER: "1",
    },
  });
  let log = "";
  child.stdout.on("data", (d) => (log += d));
  child.stderr.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000; // the first start builds the Go program
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler exited ${child.exitCode}:\n${log}`);
    try {
      const r = await fetch(url + "/v1/health");
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) {
      process.kill(-child.pid, "SIGTERM");
      throw new Error(`wrangler did not answer in 120 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    log: () => log,
    /** cpuTicks sums user+system clock ticks of the group's processes: {workerd, other}. */
    cpuTicks: () => groupTicks(child.pid),
    async stop() {
      try { process.kill(-child.pid, "SIGTERM"); } catch {}
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

// groupTicks reads /proc for every process in the group pgid (Linux only), split into
// workerd (the runtime that runs the Worker) and the rest (wrangler's node processes).
function groupTicks(pgid) {
  const ticks = { workerd: 0, other: 0 };
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(f[2]) !== pgid) continue;
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      ticks[comm === "workerd" ? "workerd" : "other"] += Number(f[11]) + Number(f[12]);
    } catch {}
  }
  return ticks;
}
