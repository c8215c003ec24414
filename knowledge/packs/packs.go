// Package packs holds the default packs the engine loads at start, embedded in the binary.
package packs

import (
	"embed"
	"io/fs"
	"sort"
	"strings"
)

// FS holds the pack files. The pattern is "*" rather than "*.json" only while the directory
// may have no pack yet (go:embed refuses a pattern that matches nothing); Default picks
// the packs out by name.
//
//go:embed *
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
