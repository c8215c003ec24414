// Command genlimits writes extension/src/shared/limits.gen.js from the engine's limits
// (api.LimitsModule). Run it from the repository's root after changing a limit:
//
//	go run ./wasm/api/internal/genlimits
package main

import (
	"fmt"
	"os"

	"github.com/sufler/sufler/wasm/api"
)

func main() {
	src, err := api.LimitsModule()
	if err == nil {
		err = os.WriteFile("extension/src/shared/limits.gen.js", src, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "genlimits:", err)
		os.Exit(1)
	}
}
