// Package packs holds the default packs' JSON: the source of the engine's generated pack data (wasm/engine).
package packs

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// FS holds the pack files, and pack.schema.json with them (Default skips it).
//
//go:embed *.json
var FS embed.FS

// Default returns the embedded packs in file-name order: every *.json file except JSON
// schemas (*.schema.json), which describe packs rather than being one.
func Default() [][]byte {
	names, err := fs.Glob(FS, "*.json")
	if err != nil { // only for a malformed pattern
		panic(err)
	}
	sort.Strings(names)
	var out [][]byte
	for _, n := range names {
		if strings.HasSuffix(n, ".schema.json") {
			continue
		}
		data, err := FS.ReadFile(n)
		if err != nil { // embedded files are always readable
			panic(err)
		}
		out = append(out, data)
	}
	return out
}
