// The Worker's entry: one Go instance serves every request of an isolate. syumai's own
// build/worker.mjs starts a Go runtime for each request (measured in README.md); here the
// runtime starts once, on the first request, and stays. If the Go program ever exits (a
// panic), the next request starts a fresh one.
import "./build/wasm_exec.js";
import { createRuntimeContext, loadModule } from "./build/runtime.mjs";

let binding; // the Go side's handleRequest, while an instance runs
let starting; // the promise of an instance being started

globalThis.suflerHubKeepAlive = true;

async function start(env, ctx) {
  const mod = await loadModule();
  const go = new Go();
  const b = {};
  let ready;
  const readyPromise = new Promise((resolve) => (ready = resolve));
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  go.run(instance, createRuntimeContext({ env, ctx, binding: b })).finally(() => {
    if (binding === b) binding = undefined;
  });
  await readyPromise;
  binding = b;
}

export default {
  async fetch(req, env, ctx) {
    if (!binding) {
      starting ??= start(env, ctx).finally(() => (starting = undefined));
      await starting;
    }
    return binding.handleRequest(req);
  },
};
