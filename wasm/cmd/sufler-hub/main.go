//go:build js && wasm

// Command sufler-hub is the team hub as a Cloudflare Worker: wasm/hub over an R2 bucket,
// run by github.com/syumai/workers. It carries no search engine, so it stays far under the
// free plan's 3 MB (gzip) limit. keepalive.mjs runs one Go instance for every request of
// an isolate; syumai's own worker.mjs (build/worker.mjs) starts one a request. See README.md
// beside this file for building, the bindings and the measurements.
package main

import (
	"net/http"
	"syscall/js"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/r2"

	"github.com/sufler/sufler/wasm/hub"
)

func main() {
	h := handler()
	if js.Global().Get("suflerHubKeepAlive").Truthy() {
		// keepalive.mjs: serve every request of this isolate from this instance.
		workers.ServeNonBlock(h)
		workers.Ready()
		select {}
	}
	workers.Serve(h) // syumai's glue: one request, then the instance ends
}

// handler builds the hub from the Worker's bindings: the PACKS bucket, the HUB_TOKEN
// secret and the optional HUB_PUBLIC_KEYS. A misconfigured Worker answers 500 with the reason.
func handler() http.Handler {
	bucket, err := r2.NewBucket("PACKS")
	if err != nil {
		return failing("R2 binding PACKS: " + err.Error())
	}
	keys, err := hub.ParsePublicKeys(cloudflare.Getenv("HUB_PUBLIC_KEYS"))
	if err != nil {
		return failing("HUB_PUBLIC_KEYS: " + err.Error())
	}
	return hub.New(r2Store{bucket}, hub.Config{Token: cloudflare.Getenv("HUB_TOKEN"), Keys: keys})
}

func failing(msg string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "sufler-hub: "+msg, http.StatusInternalServerError)
	})
}
