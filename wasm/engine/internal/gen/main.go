// Command gen writes what wasm/engine carries of the default packs instead of their JSON,
// in its images/ directory: <pack id>.pack (the pack's binary form), <pack id>.idx (its
// search index) and lemmas.txt (the forms of their lemma tokens).
// Run it after editing a default pack:
//
//	go run ./wasm/engine/internal/gen          (from the repository's root)
//	go generate ./wasm/engine                  (the same)
//
// An image is rewritten only when the index it holds changed: zap's byte layout differs
// from build to build, and a new file every run would be noise in the history. With
// -check nothing is written, and the exit status says whether anything would be.
// TestPrebuilt (wasm/engine) fails while the files differ from what gen writes.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/wasm/engine/internal/packdata"
)

func main() {
	dir := flag.String("dir", "wasm/engine", "the wasm/engine directory to write into")
	check := flag.Bool("check", false, "write nothing; exit 1 if a file is not what gen writes")
	flag.Parse()
	stale, err := run(*dir, *check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(2)
	}
	for _, f := range stale {
		if *check {
			fmt.Println("stale:", f)
		} else {
			fmt.Println("wrote", f)
		}
	}
	if *check && len(stale) > 0 {
		os.Exit(1)
	}
}

// run generates into dir and returns the files that changed (or, with check, would).
func run(dir string, check bool) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, "prebuilt.go")); err != nil {
		return nil, fmt.Errorf("%s is not wasm/engine (run from the repository's root, or pass -dir): %w", dir, err)
	}
	ps, err := packdata.Packs()
	if err != nil {
		return nil, err
	}
	lemmas, err := packdata.Lemmas(ps)
	if err != nil {
		return nil, err
	}
	var stale []string
	write := func(path string, data []byte) error {
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			return nil
		}
		stale = append(stale, path)
		if check {
			return nil
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		return os.WriteFile(path, data, 0o644)
	}
	table, err := packdata.LemmaFile(lemmas)
	if err != nil {
		return nil, err
	}
	if err := write(filepath.Join(dir, "images", "lemmas.txt"), table); err != nil {
		return nil, err
	}
	for _, p := range ps {
		bin, err := packdata.PackFile(p)
		if err != nil {
			return nil, err
		}
		if err := write(filepath.Join(dir, "images", p.ID+".pack"), bin); err != nil {
			return nil, err
		}
	}
	for _, p := range ps {
		img, digest, err := packdata.Image(p)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, "images", p.ID+".idx")
		if old, err := os.ReadFile(path); err == nil {
			if d, err := index.Digest(old); err == nil && d == digest {
				continue
			}
		}
		stale = append(stale, path)
		if check {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, img, 0o644); err != nil {
			return nil, err
		}
	}
	return stale, nil
}
