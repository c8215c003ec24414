// sufler.mjs — starts Sufler's engine (Go compiled to WebAssembly) once and serves
// HTTP-shaped requests from that one instance, in a browser page, a worker or Node.
//
// The JS surface, documented once:
//
//   import './wasm_exec.js';                       // Go's runtime glue; defines globalThis.Go
//   import { startEngine } from './sufler.mjs';
//   const engine = await startEngine({ wasm });    // URL | path (Node) | ArrayBuffer | Uint8Array | WebAssembly.Module
//   const res = await engine.fetch(new Request('http://sufler/v1/check', { method: 'POST', body }));
//   const { status, text } = await engine.call('POST', '/v1/check', body);  // the same answer, the thin way
//   await engine.exited;                           // settles if the Go program ever stops
//
// syumai/workers' stock glue starts a new Go instance for every request; that would rebuild the
// index each time. Here the module is compiled and instantiated once, and Go keeps running
// (`select {}`) between requests.

/**
 * Compiles and starts the engine.
 * @param {{wasm: URL|string|ArrayBuffer|Uint8Array|WebAssembly.Module, Go?: Function}} options
 * @returns {Promise<{fetch: (req: Request) => Promise<Response>, exited: Promise<number>, startMs: number, memory: WebAssembly.Memory}>}
 */
export async function startEngine({ wasm, Go = globalThis.Go } = {}) {
  if (typeof Go !== 'function') {
    throw new Error('sufler: load wasm_exec.js before startEngine (globalThis.Go is missing)');
  }
  const t0 = performance.now();
  const module = await compile(wasm);
  const go = new Go();
  let exitCode;
  go.exit = (code) => { exitCode = code; };
  const binding = { drain };
  let ready;
  const readyPromise = new Promise((resolve) => { ready = resolve; });
  const instance = await WebAssembly.instantiate(module, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });

  // syumai/workers reads globalThis.context.binding and globalThis.tryCatch while Go's package
  // initialisers run, which happens synchronously inside go.run(). The context is only
  // needed for that moment, so it is put back right after.
  const hadContext = Object.prototype.hasOwnProperty.call(globalThis, 'context');
  const previous = globalThis.context;
  globalThis.context = { binding };
  globalThis.tryCatch ??= tryCatch;
  const exited = go.run(instance).then(() => (exitCode ??= 0));
  if (hadContext) globalThis.context = previous;
  else delete globalThis.context;

  await Promise.race([
    readyPromise,
    exited.then((code) => { throw new Error(`sufler: the engine exited during start-up (code ${code})`); }),
  ]);

  return {
    /** Milliseconds from the call to a ready engine (compile, instantiate, Go start-up, default packs). */
    startMs: performance.now() - t0,
    /** The Go instance's linear memory; `memory.buffer.byteLength` is what it costs the page. */
    memory: instance.exports.mem,
    exited,
    /** Sends one request to the engine; rejects once the engine has exited. */
    async fetch(request) {
      if (exitCode !== undefined) {
        throw new Error(`sufler: the engine has exited (code ${exitCode})`);
      }
      return binding.handleRequest(await withBodyStream(request));
    },
    /**
     * Call sends one request as its parts: method, path (with its query) and body (a string, or undefined for none)
     * → {status, text}, the same status and bytes fetch gives (wasm/js/sufler.test.mjs compares them). Small bodies
     * go straight to the Go handler (cmd/sufler-wasm/direct_js.go): no Request, Headers, stream or Response on
     * either side. A large body (a pack) takes fetch's streaming path, which stops reading at the API's size limit
     * instead of copying all of it into Go first.
     */
    async call(method, path, body) {
      if (exitCode !== undefined) {
        throw new Error(`sufler: the engine has exited (code ${exitCode})`);
      }
      if (typeof binding.call !== 'function' || (body !== undefined && (typeof body !== 'string' || body.length > DIRECT_MAX))) {
        const init = { method };
        if (body !== undefined) init.body = body;
        const res = await this.fetch(new Request(ORIGIN + path, init));
        return { status: res.status, text: await res.text() };
      }
      // The path as a Request would carry it (percent-encoded, dot segments resolved), so both ways read the same.
      const target = SAFE_PATH.test(path) ? path : pathOf(path);
      return new Promise((resolve) => { binding.call(method, target, body, (status, text) => resolve({ status, text })); });
    },
  };
}

const ORIGIN = 'http://sufler';
/** Bodies up to this many UTF-16 units take the direct path (the API's limit for everything but packs is 1 MiB). */
const DIRECT_MAX = 256 * 1024;
/** A path a URL parser reads as it is: printable ASCII with no dot segment, backslash, percent sign or fragment. */
const SAFE_PATH = /^\/(?!.*(?:\/\.\.?(?:[/?]|$)|[\\%#]))[!-~]*$/;

function pathOf(path) {
  const u = new URL(path, ORIGIN);
  return u.pathname + u.search;
}

/**
 * Drain reads a request body's stream to its end for the engine (streamBody.ReadWhole in
 * cmd/sufler-wasm/respond_js.go): one promise for Go instead of one per chunk, which cost a 24 MiB pack's PUT
 * about 70 ms of round trips. Past limit bytes it cancels the stream and answers {tooBig: true}, so an endless
 * body is read no further than the engine would read it.
 * @param {ReadableStream} stream
 * @param {number} limit
 * @returns {Promise<{chunks: Uint8Array[], total: number, tooBig?: boolean}>}
 */
export async function drain(stream, limit) {
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { chunks, total };
    if (!(value instanceof Uint8Array)) {
      reader.cancel().catch(() => {});
      throw new TypeError(`a request body chunk is ${Object.prototype.toString.call(value).slice(8, -1)}, not bytes`);
    }
    chunks.push(value);
    total += value.byteLength;
    if (total > limit) {
      reader.cancel().catch(() => {});
      return { chunks: [], total, tooBig: true };
    }
  }
}

/**
 * WithBodyStream gives the engine a request whose body is a ReadableStream (or null), which is what Go reads.
 * Firefox has no Request.prototype.body (it is undefined), so there the bytes are read once and handed over as a
 * stream of the same bytes, in a request-shaped object with the fields the engine reads (url, method, headers).
 */
export async function withBodyStream(request) {
  if (request.body !== undefined) return request;
  let body = null;
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const bytes = await request.arrayBuffer();
    if (bytes.byteLength) body = new Blob([bytes]).stream();
  }
  return { url: request.url, method: request.method, headers: request.headers, body };
}

async function compile(wasm) {
  if (wasm instanceof WebAssembly.Module) return wasm;
  if (wasm instanceof ArrayBuffer || ArrayBuffer.isView(wasm)) return WebAssembly.compile(wasm);
  if (typeof wasm === 'string' && !/^[a-z-]+:/i.test(wasm) && globalThis.process?.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(wasm));
  }
  if (wasm instanceof URL || typeof wasm === 'string') {
    const url = String(wasm);
    if (url.startsWith('file:') && globalThis.process?.versions?.node) {
      const { readFile } = await import('node:fs/promises');
      return WebAssembly.compile(await readFile(new URL(url)));
    }
    const res = await fetch(url);
    if (!res.ok) throw new Error(`sufler: cannot load ${url}: HTTP ${res.status}`);
    return WebAssembly.compileStreaming ? WebAssembly.compileStreaming(res) : WebAssembly.compile(await res.arrayBuffer());
  }
  throw new TypeError('sufler: startEngine needs {wasm}: a URL, a path, bytes or a WebAssembly.Module');
}

function tryCatch(fn) {
  try {
    return { result: fn() };
  } catch (error) {
    return { error };
  }
}
