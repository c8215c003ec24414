// Package morph is Sufler's Russian morphology: for a word, its lemmas and grammemes (part of
// speech, case, number, gender, tense, person, aspect ...); for a lemma, its other forms.
//
// It reads a compact dictionary compiled from OpenCorpora (CC BY-SA 3.0; see DESIGN.md and
// LICENSE-dictionary.txt) and embedded in the engine: the paradigms of the whole dictionary,
// the lexemes of the words in common use and of Sufler's own packs, and a guesser that reads
// any other word by its ending, as pymorphy2's predictor does. Words are normalised first:
// lower case, ё as е. Hyphenated words are read as Russian readers read them: «по-чёрному»
// is an adverb, «какой-нибудь» is «какой» with a particle, «интернет-магазина» inflects its
// last part.
//
// A Dict is immutable once loaded and safe for concurrent use; the package-level functions use
// the embedded dictionary, decoded on first use.
package morph

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed dict.bin
var embedded []byte

// Dict is a loaded dictionary.
type Dict struct {
	meta string
	// Tags are read from their names on first use (tag): a reply's words need a few dozen
	// of the 3,288, and reading them all was a quarter of decoding the dictionary.
	tags    []Tag
	tagName []string    // views into the dictionary's bytes
	tagOnce []sync.Once // nil when tags were read at Load
	priors  []uint32    // per tag: how often it is an ambiguous word's right reading
	// Suffixes in byte order (Load checks it), views into the dictionary's bytes: a
	// suffix's id is found by binary search, with no map to build at start-up.
	suffixes  []string
	maxSuffix int // bytes in the longest suffix
	prefixes  []string
	// Columns: the tags and prefixes of a paradigm's forms, shared by paradigms alike in them.
	// Paradigms: a column and one suffix per form. All are little-endian arrays read in
	// place in the dictionary's bytes: decoding them took most of a cold first check in wasm.
	colStart   u32s
	colTag     u16s
	colPrefix  []uint8
	paraCol    u16s
	paraStart  u32s
	paraSuffix u16s
	stems      table // stem → paradigms of its lexemes
	endings    table // ending → paradigms the guesser proposes, with weights

	// cache keeps recent analyses: a reply is checked again at every keystroke, with the
	// same words. Bounded: emptied when full.
	mu    sync.Mutex
	cache map[string][]Parse
}

// cacheSize bounds the analyses a Dict keeps.
const cacheSize = 8192

// Load decodes a compiled dictionary (the format internal/build writes). Bad data gives an
// error and no Dict.
//
// The Dict keeps data (it reads its tables in place): the caller must not change it afterwards.
func Load(data []byte) (*Dict, error) {
	d := &Dict{}
	if err := d.decode(data, false); err != nil {
		return nil, err
	}
	return d, nil
}

var (
	defaultOnce sync.Once
	defaultDict *Dict
	defaultErr  error
)

// Default is the dictionary embedded in the engine, decoded on first use. It panics only if the
// embedded file is corrupt, which the package's tests rule out for every build.
func Default() *Dict {
	defaultOnce.Do(func() {
		d := &Dict{}
		if defaultErr = d.decode(embedded, true); defaultErr == nil {
			defaultDict = d
		}
	})
	if defaultErr != nil {
		panic(defaultErr)
	}
	return defaultDict
}

// Info describes the dictionary: its source, licence and what it holds, one "key=value" a line.
func (d *Dict) Info() string { return d.meta }

// MaxWordLen bounds the words analysed, in bytes: a longer token is no Russian word, and the
// bound keeps every lookup's time bounded.
const MaxWordLen = 96

// Normalize is the form words are looked up in: lower case, ё as е.
func Normalize(word string) string {
	lower := strings.ToLower(word)
	if strings.ContainsRune(lower, 'ё') {
		lower = strings.ReplaceAll(lower, "ё", "е")
	}
	return lower
}

// Analyze is Default().Analyze(word).
func Analyze(word string) []Parse { return Default().Analyze(word) }

// Lemmas is Default().Lemmas(word).
func Lemmas(word string) []string { return Default().Lemmas(word) }

// Inflect is Default().Inflect(word, want...).
func Inflect(word string, want ...Grammeme) (string, bool) { return Default().Inflect(word, want...) }

// Forms is Default().Forms(lemma).
func Forms(lemma string) []Form { return Default().Forms(lemma) }

// Lemmas lists the distinct lemmas of word's readings, most likely first.
func (d *Dict) Lemmas(word string) []string {
	var out []string
	for _, p := range d.Analyze(word) {
		dup := false
		for _, l := range out {
			dup = dup || l == p.Lemma
		}
		if !dup {
			out = append(out, p.Lemma)
		}
	}
	return out
}

// Inflect puts word into the form that has the grammemes want, keeping as many of its other
// grammemes as it can: Inflect("серый", Gent, Femn) is "серой", Inflect("схема", Datv) is
// "схеме". It tries word's readings in order and reports false when none has such a form.
func (d *Dict) Inflect(word string, want ...Grammeme) (string, bool) {
	for _, p := range d.Analyze(word) {
		if f, ok := p.Inflect(want...); ok {
			return f.Word, true
		}
	}
	return "", false
}

// Forms lists every form of the lexemes whose lemma is lemma (normalised), each with its tag:
// for a verb, its finite forms, infinitive, participles and gerunds. A word that is not a
// lemma gives no forms; use Analyze and Parse.Forms for any form.
func (d *Dict) Forms(lemma string) []Form {
	lemma = Normalize(lemma)
	var out []Form
	seen := map[Form]bool{}
	for _, p := range d.Analyze(lemma) {
		if p.Lemma != lemma {
			continue
		}
		for _, f := range p.Forms() {
			if !seen[f] {
				seen[f] = true
				out = append(out, f)
			}
		}
	}
	return out
}

func validWord(w string) bool { return w != "" && len(w) <= MaxWordLen && utf8.ValidString(w) }
