package engine

import (
	"embed"
	"sync"

	"github.com/sufler/sufler/knowledge/pack"
	"github.com/sufler/sufler/rules"
)

//go:generate go run ./internal/gen -dir .

// The default packs reach the engine as Go data (prebuilt_gen.go, generated from
// knowledge/packs/*.json by internal/gen and held to it by TestPrebuilt) rather than as JSON to read at
// every start. Reading and checking the two packs' JSON took ≈ 350 ms of a cold start in
// wasm, before the first check could answer.
//
// The generated data holds no map: Go lays out slices, strings and pointers to literals
// as data in the binary, but builds every map literal with code in the package's init.
// With maps inline, that init was one 390 KB wasm function which ran once and which V8
// still tiered up, spending about a second of a second core on TurboFan at every start.
// The maps (template variants, rule replacements) come as flat tables instead, and
// defaultPacks fills them in with one small loop.

// Lemma tokens (<гарантировать>) stay in the patterns as written, and the generator lists
// the forms each stands for (prebuiltLemmas, from rules.LemmaForms): the engine hands the
// table to rules.UseCompiledLemmas, so compiling the default packs decodes no dictionary
// and reads no form twice. Compiling them from the dictionary at start would cost seconds
// of a cold start in wasm; writing the forms out in the patterns instead made half a
// megabyte of pattern text to read, split and check at every start (most of a cold
// start in wasm after the language work).
// Packs a user imports compile their lemmas from the dictionary when they load.

// The default packs' search indexes come prebuilt too, as index.Image makes them
// (images/<pack id>.idx, written by the same generator and held to a fresh build by
// TestPrebuilt): building them took most of a second of cold wasm before search answered;
// taking them in takes 50–60 ms cold (under a millisecond natively).
//
//go:embed images/*.idx
var images embed.FS

// image returns the index image of a default pack.
func image(packID string) ([]byte, error) {
	return images.ReadFile("images/" + packID + ".idx")
}

// variantEntry is one segment's wording of one default template.
type variantEntry struct {
	pack, template int    // indexes into prebuilt and its Templates
	segment        string // key in Template.Variants
	variant        pack.Variant
}

// replacementEntry is one segment's replacements for one default rule.
type replacementEntry struct {
	pack, spec int    // indexes into prebuilt and its Specs
	segment    string // key in Spec.Replacements
	texts      []string
}

// lemmaEntry is one lemma token of the default packs with the forms it stands for.
type lemmaEntry struct {
	token string
	forms []string
}

var fillMaps sync.Once

// defaultPacks returns the default packs with their maps filled in. The packs are shared:
// callers must not modify them (Base.PutPack does not).
func defaultPacks() []*pack.Pack {
	fillMaps.Do(func() {
		lemmas := make(map[string][]string, len(prebuiltLemmas))
		for _, e := range prebuiltLemmas {
			lemmas[e.token] = e.forms
		}
		rules.UseCompiledLemmas(lemmas)
		for _, e := range prebuiltVariants {
			t := &prebuilt[e.pack].Templates[e.template]
			if t.Variants == nil {
				t.Variants = map[string]pack.Variant{}
			}
			t.Variants[e.segment] = e.variant
		}
		for _, e := range prebuiltReplacements {
			s := &prebuilt[e.pack].Specs[e.spec]
			if s.Replacements == nil {
				s.Replacements = map[string][]string{}
			}
			s.Replacements[e.segment] = e.texts
		}
	})
	return prebuilt
}
