package engine

import "testing"

// BenchmarkNew is the engine's start natively: the default packs' rules compiled from the
// generated data, their index images taken in (the build behind them runs in the
// background). `go test -bench New -cpuprofile` profiles the start the wasm engine runs;
// wasm/bench/README.md has the figures.
func BenchmarkNew(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(Options{Background: true, Yield: func() {}}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefaultPacks is the rest of the start: the default packs read from their binary
// form and their rules compiled (New runs it once per process).
func BenchmarkDefaultPacks(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readDefaultPacks(); err != nil {
			b.Fatal(err)
		}
	}
}
