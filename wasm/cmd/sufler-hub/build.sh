#!/usr/bin/env bash
# Builds the Worker into build/ beside this file: syumai's glue (worker.mjs, runtime.mjs,
# wasm_exec.js; workers-assets-gen empties build/ first) and the Go program as app.wasm.
# wrangler runs it (wrangler.toml [build]); so can you.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
cd "$root"
go run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o "$here/build"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$here/build/app.wasm" ./wasm/cmd/sufler-hub
