package index

import (
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/sufler/sufler/rules/word"
)

// Analyzer names registered with bleve.
const (
	// analyzerText: words (letters and digits), lowercase, ё→е, function words dropped,
	// each word as its lemma (see lemma.go).
	analyzerText = "sufler_ru"
	// analyzerRoot: the same, with lemmas cut to rootLen runes. Lemmas of one root but
	// another part of speech stay apart (задержать, задержка); the cut roots meet (задер),
	// so a low-weight root field catches what the lemmas miss.
	analyzerRoot = "sufler_ru_root"
	rootLen      = 5
)

// maxStemRunes: longer tokens (codes, hashes, URLs run together) are kept as they are;
// analysing them costs time and finds nothing.
const maxStemRunes = 40

func init() {
	registry.RegisterAnalyzer(analyzerText, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return &ruAnalyzer{}, nil
	})
	registry.RegisterAnalyzer(analyzerRoot, func(map[string]any, *registry.Cache) (analysis.Analyzer, error) {
		return &ruAnalyzer{root: true}, nil
	})
}

// ruAnalyzer reads words, folds them and turns them into lemmas in one pass, with the
// terms of each word cached: packs and queries reuse a small vocabulary, and analysing
// words was most of the cost of indexing. A word with several lemmas gives several tokens
// at one position. Offsets are byte offsets into the input, as bleve expects.
type ruAnalyzer struct {
	root bool
}

func (a *ruAnalyzer) Analyze(input []byte) analysis.TokenStream {
	slab := make([]analysis.Token, 0, len(input)/12+1)
	var buf []byte
	pos := 0
	for i := 0; i < len(input); {
		var start, runes int
		var numeric bool
		start, i, buf, numeric, runes = nextWord(input, i, buf)
		if start == i {
			break
		}
		if len(buf) == 0 {
			continue
		}
		typ := analysis.AlphaNumeric
		if numeric || runes > maxStemRunes {
			if numeric {
				typ = analysis.Numeric
			}
			pos++
			slab = append(slab, analysis.Token{Start: start, End: i, Term: append([]byte(nil), buf...), Position: pos, Type: typ})
			continue
		}
		t := terms.get(buf)
		if t.stop {
			continue
		}
		pos++
		main, alts := t.stem, t.alts
		if a.root {
			main, alts = t.root, t.altRoots
		}
		slab = append(slab, analysis.Token{Start: start, End: i, Term: main, Position: pos, Type: typ})
		for _, alt := range alts {
			slab = append(slab, analysis.Token{Start: start, End: i, Term: alt, Position: pos, Type: typ})
		}
	}
	stream := make(analysis.TokenStream, len(slab))
	for k := range slab {
		stream[k] = &slab[k]
	}
	return stream
}

// nextWord finds the first word of text at or after byte i and returns its byte span,
// folded into buf (reused), whether it is all digits, and its length in runes;
// start == end == len(text) when none is left. The analyzer, highlighting and the reply
// words of a template all read words with it, so they agree on what a word is.
func nextWord[T string | []byte](text T, i int, buf []byte) (start, end int, folded []byte, numeric bool, runes int) {
	for i < len(text) {
		r, size := runeAt(text, i)
		if _, k := classify(r); k != notWord {
			break
		}
		i += size
	}
	start, buf, numeric = i, buf[:0], true
	for i < len(text) {
		r, size := runeAt(text, i)
		f, k := classify(r)
		if k == notWord {
			break
		}
		i += size
		if k == inWord {
			if r == '\u0306' && len(buf) > 0 { // и + breve: й, as the rule matcher reads it
				last, n := utf8.DecodeLastRune(buf)
				if c, ok := word.Compose(last, r); ok {
					buf = appendRune(buf[:len(buf)-n], c)
				}
			}
			continue
		}
		if k != digit {
			numeric = false
		}
		buf = appendRune(buf, f)
		runes++
	}
	return start, i, buf, numeric, runes
}

// runeAt decodes the rune at s[i]. Russian's two-byte letters are decoded inline: the
// general decoder is not inlined, and in wasm it was a fifth of reading words.
func runeAt[T string | []byte](s T, i int) (rune, int) {
	c := s[i]
	switch {
	case c < utf8.RuneSelf:
		return rune(c), 1
	case (c == 0xD0 || c == 0xD1) && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
}

// appendRune appends r in UTF-8, one- and two-byte runes inline.
func appendRune(b []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		return append(b, byte(r))
	case r < 0x800:
		return append(b, byte(0xC0|r>>6), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(b, r)
}

// Rune classes for the analyzer: rules/word's, which the rule matcher reads words with too.
const (
	notWord = iota
	letter
	digit
	inWord // invisible inside a word: soft hyphen, zero-width characters, stress marks
)

// classify folds a rune (lowercase, ё→е) and says what it is, as rules/word does, with
// fast paths for ASCII and basic Cyrillic: the Unicode tables were a third of the cost of
// indexing. TestClassifyIsWord holds the fast paths to rules/word for every rune.
func classify(r rune) (rune, int) {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z':
			return r, letter
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A', letter
		case '0' <= r && r <= '9':
			return r, digit
		}
		return r, notWord
	case 'а' <= r && r <= 'я':
		return r, letter
	case 'А' <= r && r <= 'Я':
		return r + 'а' - 'А', letter
	}
	switch word.Of(r) {
	case word.Letter:
		return word.Fold(r), letter
	case word.Digit:
		return r, digit
	case word.Invisible:
		return r, inWord
	}
	return r, notWord
}

// fold lowercases a rune and writes ё as е, as people type either.
func fold(r rune) rune {
	f, _ := classify(r)
	return f
}

var (
	analyzersOnce              sync.Once
	textAnalyzer, rootAnalyzer analysis.Analyzer
)

// analyzers returns the shared text and root analyzers (they keep no per-call state).
func analyzers() (text, root analysis.Analyzer) {
	analyzersOnce.Do(func() {
		cache := registry.NewCache()
		var err error
		if textAnalyzer, err = cache.AnalyzerNamed(analyzerText); err != nil {
			panic(err) // only if bleve's own registrations are missing: a build problem
		}
		if rootAnalyzer, err = cache.AnalyzerNamed(analyzerRoot); err != nil {
			panic(err)
		}
	})
	return textAnalyzer, rootAnalyzer
}
