package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
)

// Files of a built pack, in build's output directory under the pack's id.
const (
	packFile  = "pack.json"
	imageFile = "pack.idx"
)

// build validates packs and writes each, with its index image built natively, to
// dir/<id>/: agents' browsers then load the image instead of indexing the pack themselves
// (what the engine does for its default packs, wasm/engine/images).
func build(args []string, _ io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("o", "", "output directory (required)")
	lint := fs.Bool("lint", true, "also require what validate -lint requires")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" || fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: sufler-pack build [-lint=false] -o dir pack.json [more.json ...]")
		return 2
	}
	// Validate them together first, as the engine would load them: nothing is written
	// unless every pack is good.
	vargs := []string{"-lint=" + fmt.Sprint(*lint)}
	if code := validate(append(vargs, fs.Args()...), nil, io.Discard, stderr); code != 0 {
		validate(append(vargs, fs.Args()...), nil, stderr, io.Discard)
		fmt.Fprintln(stderr, "sufler-pack build: nothing written")
		return code
	}
	for _, name := range fs.Args() {
		data, err := os.ReadFile(name)
		if err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2
		}
		p, _ := pack.Parse(data)
		img, err := index.Image(p)
		if err != nil {
			fmt.Fprintf(stderr, "%s: index image: %v\n", name, err)
			return 1
		}
		dir := filepath.Join(*out, p.ID)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
			return 2
		}
		for file, body := range map[string][]byte{packFile: data, imageFile: img} {
			if err := os.WriteFile(filepath.Join(dir, file), body, 0o644); err != nil {
				fmt.Fprintf(stderr, "sufler-pack: %v\n", err)
				return 2
			}
		}
		fmt.Fprintf(stdout, "%s %s: %s (%d bytes), %s (%d bytes)\n", p.ID, p.Version,
			filepath.Join(dir, packFile), len(data), filepath.Join(dir, imageFile), len(img))
	}
	return 0
}
