//go:build !unix

package knowledge

import "time"

// processCPU is not available here (js/wasm, windows); benchmarks report wall time only.
func processCPU() (time.Duration, bool) { return 0, false }
