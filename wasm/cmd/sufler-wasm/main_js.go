//go:build js && wasm

// Command sufler-wasm is the engine inside the browser: one Go instance that stays alive and
// answers every request through syumai/workers' handleRequest binding (see wasm/js/sufler.mjs).
package main

import (
	"github.com/syumai/workers"

	"github.com/sufler/sufler/wasm/engine"
)

func main() {
	h, err := engine.New(engine.Options{})
	if err != nil {
		panic(err) // the default packs are embedded and tested; failing here is a build bug
	}
	workers.ServeNonBlock(h)
	workers.Ready()
	select {} // stay alive: the JS side calls handleRequest for every request
}
