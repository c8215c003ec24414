// Command gen compiles the OpenCorpora dictionary, as the npm package az ships it, into the
// compact file rules/morph embeds (dict.bin). See rules/morph/DESIGN.md for the format and
// for why the engine keeps only part of the lexemes.
//
//	go run ./rules/morph/internal/gen            # writes rules/morph/dict.bin
//	go run ./rules/morph/internal/gen -check     # fails if dict.bin differs from a fresh build
//	go run ./rules/morph/internal/gen -vocab -o rules/morph/internal/gen/vocabulary.txt FILES...
//
// The source is installed with `npm ci` in this directory (package.json pins az).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"github.com/sufler/sufler/rules/morph/internal/build"
)

func main() {
	here := sourceDir()
	src := flag.String("src", filepath.Join(here, "node_modules", "az", "dicts"), "the az package's dicts directory")
	vocab := flag.String("words", filepath.Join(here, "vocabulary.txt"), "extra words whose lexemes the engine keeps")
	out := flag.String("o", filepath.Join(here, "..", "..", "dict.bin"), "output file")
	check := flag.Bool("check", false, "compare with the output file instead of writing it")
	scan := flag.Bool("vocab", false, "write the Russian words of FILES, one a line, to -o")
	flag.Parse()
	if *scan {
		if err := build.WriteVocabulary(*out, flag.Args()); err != nil {
			fail(err)
		}
		return
	}
	data, report, err := build.Build(*src, *vocab)
	if err != nil {
		fail(err)
	}
	fmt.Fprint(os.Stderr, report)
	if *check {
		old, err := os.ReadFile(*out)
		if err != nil {
			fail(err)
		}
		if !bytes.Equal(old, data) {
			fail(fmt.Errorf("%s is stale: run go run ./rules/morph/internal/gen", *out))
		}
		return
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}

// sourceDir is this file's directory, so the defaults work from any working directory.
func sourceDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}
