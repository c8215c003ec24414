package engine

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
)

//go:generate go run ./internal/gen -dir .

// The default packs reach the engine prebuilt by internal/gen from knowledge/packs/*.json
// (and held to them by TestPrebuilt), in images/:
//
//   - <pack id>.pack, the pack in its binary form (pack.ReadPrebuilt), not its JSON: reading
//     and checking the two packs' JSON took ≈ 350 ms of a cold start in wasm, before the
//     first check could answer; the binary form reads in a few milliseconds. It replaced
//     the packs written as Go literals (prebuilt_gen.go), which cost the wasm binary 1.4 MB
//     raw and 300 KB of gzip, and pushed it over its size budget: a literal carries a
//     16-byte header per string and every struct field, set or not. Each rule's compiled
//     form stands beside its spec (pack.AppendCompiledBinary, rules/compiled.go): compiling
//     the rules was most of what was left of a cold start in wasm, most of it V8 compiling
//     the pattern parser and regexp's compiler on first use.
//   - lemmas.txt, the forms each lemma token of their patterns stands for (<гарантировать>,
//     from rules.LemmaForms), one token per line: the token, the stem its forms share and
//     its list of endings, the lists shared (packdata.LemmaFile). The engine hands the table
//     to rules.UseCompiledLemmas, so reading the default packs' rules decodes no dictionary
//     and reads no form twice. Compiling them from the dictionary at start cost seconds of a
//     cold start in wasm; the forms written out in the patterns made half a megabyte of
//     pattern text to read at every start. Packs a user imports compile their lemmas from
//     the dictionary when they load.
//   - <pack id>.idx, the pack's search index as index.Image makes it: building it took most
//     of a second of cold wasm before search answered; taking it in takes 50–60 ms cold
//     (under a millisecond natively).
//
//go:embed images/*.idx images/*.pack images/lemmas.txt
var images embed.FS

// image returns the index image of a default pack.
func image(packID string) ([]byte, error) {
	return images.ReadFile("images/" + packID + ".idx")
}

// defaultPacks returns the default packs, rules compiled, in id order. The packs are shared:
// callers must not modify them (Base.PutPack does not).
var defaultPacks = sync.OnceValues(readDefaultPacks)

// readDefaultPacks reads the default packs from images/, their rules from their compiled
// form: the part of a start that BenchmarkDefaultPacks measures.
func readDefaultPacks() ([]*pack.Pack, error) {
	table, err := images.ReadFile("images/lemmas.txt")
	if err != nil {
		return nil, err
	}
	lemmas, err := readLemmas(string(table))
	if err != nil {
		return nil, err
	}
	rules.UseCompiledLemmas(lemmas)
	files, err := fs.Glob(images, "images/*.pack")
	if err != nil {
		return nil, err
	}
	var out []*pack.Pack
	for _, name := range files {
		data, err := images.ReadFile(name)
		if err != nil {
			return nil, err
		}
		p, err := pack.ReadPrebuilt(data) // data is ReadFile's own copy: the pack may keep it
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path.Base(name), err)
		}
		out = append(out, p)
	}
	return out, nil
}

// readLemmas reads lemmas.txt (packdata.LemmaFile) into the table rules.UseCompiledLemmas
// takes.
func readLemmas(text string) (map[string][]string, error) {
	head, rest, _ := strings.Cut(text, "\n")
	n, err := strconv.Atoi(head)
	if err != nil || n < 0 || n > strings.Count(rest, "\n") {
		return nil, fmt.Errorf("lemmas.txt: %q is not the number of ending lists", head)
	}
	lists := make([][]string, n) // each list's endings, split once for all its lemmas
	listBytes := make([]int, n)
	for i := range lists {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		lists[i], listBytes[i] = strings.Split(line, " "), len(line)
	}
	table := make(map[string][]string, strings.Count(rest, "\n"))
	size := 0 // the forms' bytes: a stem repeats once per ending, so bound what lists can make of it
	for line := range strings.Lines(rest) {
		tok, more, ok1 := strings.Cut(strings.TrimSuffix(line, "\n"), "\t")
		stem, id, ok2 := strings.Cut(more, "\t")
		k, err := strconv.Atoi(id)
		if !ok1 || !ok2 || tok == "" || err != nil || k < 0 || k >= n {
			return nil, fmt.Errorf("lemmas.txt: %q is not a token, a stem and an ending list", line)
		}
		if size += len(stem)*len(lists[k]) + listBytes[k]; size > maxLemmaBytes {
			return nil, fmt.Errorf("lemmas.txt: the forms would take more than %d bytes", maxLemmaBytes)
		}
		table[tok] = splitForms(stem, lists[k])
	}
	return table, nil
}

// maxLemmaBytes bounds the forms lemmas.txt spells out (about 0.5 MB today).
const maxLemmaBytes = 16 << 20

// splitForms puts a stem before each of its endings. The forms share one allocation: the
// engine does this for 2,500 lemmas at every start.
func splitForms(stem string, endings []string) []string {
	size := len(stem) * len(endings)
	for _, e := range endings {
		size += len(e)
	}
	buf := make([]byte, 0, size)
	for _, e := range endings {
		buf = append(buf, stem...)
		buf = append(buf, e...)
	}
	all := unsafe.String(unsafe.SliceData(buf), len(buf))
	out := make([]string, len(endings))
	at := 0
	for i, e := range endings {
		out[i] = all[at : at+len(stem)+len(e)]
		at += len(stem) + len(e)
	}
	return out
}
