//go:build js && wasm

// Command sufler-wasm is the engine inside the browser: one Go instance that stays alive and
// answers requests through syumai/workers' handleRequest binding (the HTTP API) and, for hot calls, through a
// direct call entry beside it (direct_js.go; see wasm/js/sufler.mjs).
package main

import (
	"runtime/debug"

	"github.com/syumai/workers"

	"github.com/sufler/sufler/wasm/engine"
)

func main() {
	// wasm memory never shrinks: collect sooner, so the peak while indexing stays lower.
	debug.SetGCPercent(50)
	// Rules answer as soon as Ready is called; the search index builds afterwards, handing
	// control back to JS between slices so requests are answered meanwhile.
	h, err := engine.New(engine.Options{Background: true, Yield: yieldToJS})
	if err != nil {
		panic(err) // the default packs are embedded and tested; failing here is a build bug
	}
	workers.ServeNonBlock(wholeBodies(h))
	serveDirect(h)
	workers.Ready()
	select {} // stay alive: the JS side calls handleRequest for every request
}
