// Package wasm-exec-shim loads Go's wasm_exec.js (it defines globalThis.Go) before the
// engine module runs; the bundler resolves 'sufler-wasm-exec' to build/wasm/wasm_exec.js.
import 'sufler-wasm-exec';

if (typeof globalThis.Go !== 'function') throw new Error('wasm_exec.js did not define globalThis.Go');
