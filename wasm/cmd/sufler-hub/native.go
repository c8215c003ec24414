//go:build !(js && wasm)

// Natively, sufler-hub serves the same hub from memory on 127.0.0.1 (a quick look without
// wrangler; nothing is kept). The Worker build is GOOS=js GOARCH=wasm (see README.md).
package main

import (
	"fmt"
	"net/http"
	"os"

	"github.com/sufler/sufler/wasm/hub"
)

func main() {
	addr := "127.0.0.1:" + envOr("PORT", "8788")
	keys, err := hub.ParsePublicKeys(os.Getenv("HUB_PUBLIC_KEYS"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "sufler-hub:", err)
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "sufler-hub (in memory) on http://%s\n", addr)
	err = http.ListenAndServe(addr, hub.New(hub.NewMemStore(), hub.Config{Token: os.Getenv("HUB_TOKEN"), Keys: keys}))
	fmt.Fprintln(os.Stderr, "sufler-hub:", err)
	os.Exit(1)
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
