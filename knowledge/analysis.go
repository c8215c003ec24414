package knowledge

import (
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ru"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/token/truncate"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/registry"
)

// Analyzer names registered with bleve.
const (
	// analyzerText: ё→е, Unicode words, lowercase, Russian stop words, Snowball stems.
	analyzerText = "sufler_ru"
	// analyzerRoot: the same, with stems cut to rootLen runes. Snowball leaves verbs and
	// nouns of one root apart (задержали→задержа, задержка→задержк); the cut roots meet
	// (задер), so a low-weight root field catches what the stems miss.
	analyzerRoot = "sufler_ru_root"
	rootLen      = 5
)

func init() {
	registry.RegisterAnalyzer(analyzerText, func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		return newAnalyzer(cache, false)
	})
	registry.RegisterAnalyzer(analyzerRoot, func(_ map[string]any, cache *registry.Cache) (analysis.Analyzer, error) {
		return newAnalyzer(cache, true)
	})
}

func newAnalyzer(cache *registry.Cache, root bool) (analysis.Analyzer, error) {
	tok, err := cache.TokenizerNamed(unicode.Name)
	if err != nil {
		return nil, err
	}
	lower, err := cache.TokenFilterNamed(lowercase.Name)
	if err != nil {
		return nil, err
	}
	stop, err := cache.TokenFilterNamed(ru.StopName)
	if err != nil {
		return nil, err
	}
	filters := []analysis.TokenFilter{lower, stop, ru.NewRussianStemmerFilter()}
	if root {
		filters = append(filters, truncate.NewTruncateTokenFilter(rootLen))
	}
	return &analysis.DefaultAnalyzer{
		CharFilters:  []analysis.CharFilter{yoFilter{}},
		Tokenizer:    tok,
		TokenFilters: filters,
	}, nil
}

// yoFilter writes ё as е (and Ё as е), as people type either. Both letters take two bytes
// in UTF-8, so token offsets still point into the original text.
type yoFilter struct{}

func (yoFilter) Filter(in []byte) []byte {
	var out []byte
	for i := 0; i+1 < len(in); i++ {
		if (in[i] == 0xD1 && in[i+1] == 0x91) || (in[i] == 0xD0 && in[i+1] == 0x81) {
			if out == nil {
				out = append([]byte(nil), in...)
			}
			out[i], out[i+1] = 0xD0, 0xB5
			i++
		}
	}
	if out == nil {
		return in
	}
	return out
}

var (
	analyzersOnce            sync.Once
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
