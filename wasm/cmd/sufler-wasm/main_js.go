//go:build js && wasm

// Command sufler-wasm is the engine inside the browser: one Go instance that stays alive and
// answers requests through syumai/workers' handleRequest binding (the HTTP API) and, for hot calls, through a
// direct call entry beside it (direct_js.go; see wasm/js/sufler.mjs).
package main

import (
	"math"
	"net/http"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/syumai/workers"

	"github.com/sufler/sufler/wasm/engine"
	"github.com/sufler/sufler/wasm/engine/startgc"
)

// startLimit bounds the heap while collection is off at start.
const startLimit = 48 << 20

func main() {
	// A start allocates about 6 MB and keeps most of it: collecting while it runs only costs
	// time (a third of the CPU before the first check in wasm, measured with node --cpu-prof)
	// and frees nothing the initial linear memory does not hold already. So no collection
	// until the default packs are in and the engine is first idle (startgc says why), unless
	// the heap passes startLimit meanwhile. Then: wasm memory never shrinks, so collect sooner
	// than Go's default, to keep the peak while a company's pack indexes lower.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(startLimit)
	pacer = startgc.New(func() {
		debug.SetGCPercent(50)
		debug.SetMemoryLimit(math.MaxInt64)
		runtime.GC()
	})
	// Rules answer as soon as Ready is called; the search index builds afterwards, handing
	// control back to JS between slices so requests are answered meanwhile.
	h, err := engine.New(engine.Options{Background: true, Yield: yieldToJS, Loaded: pacer.Loaded})
	if err != nil {
		panic(err) // the default packs are embedded and tested; failing here is a build bug
	}
	workers.ServeNonBlock(paced(wholeBodies(h)))
	serveDirect(h)
	workers.Ready()
	select {} // stay alive: the JS side calls handleRequest for every request
}

// pacer turns collection back on after start; both ways in tell it of every request.
var pacer *startgc.Pacer

// packWrite says a request changes packs: it may index a large one, so collection must be on.
func packWrite(method, path string) bool {
	return method != http.MethodGet && method != http.MethodHead && strings.HasPrefix(path, "/v1/packs")
}

// paced tells the pacer of every HTTP request.
func paced(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pacer.Begin(packWrite(r.Method, r.URL.Path))
		defer pacer.End()
		h.ServeHTTP(w, r)
	})
}
