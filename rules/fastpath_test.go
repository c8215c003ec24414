package rules

import (
	"slices"
	"strings"
	"testing"
)

// analyzedWords is Words without its shortcut: the text analysis every word used to get.
func analyzedWords(s string) []string {
	t := Analyze(s)
	defer t.Release()
	return t.Words()
}

var fastPathCases = []string{
	"", "знаю", "гарантируем", "clearance", "Знаю", "ЗНАЮ", "ёлка", "елка", "по-черному", "100",
	"а", "я", "п", "р", "ѐ", "ђ", "abc1", "a-b", "слово\u00ad", "й", "ъ", "\xd0", "\xd0знаю", "знаю\xd1",
	"word\u0301", "ümlaut", "хорошо!", " знаю", "знаю ", "i'm",
}

// TestPlainWord holds Words' shortcut for plain words to the full analysis.
func TestPlainWord(t *testing.T) {
	for _, s := range fastPathCases {
		if got, want := Words(s), analyzedWords(s); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, analysis gives %q", s, got, want)
		}
	}
}

// TestFields holds the pattern splitter to strings.Fields.
func TestFields(t *testing.T) {
	for _, s := range append(fastPathCases, "<знать> не", "  {a|b}   c\t\nd ", "знаю\u00a0что", "знаю\u2003что", "я\u3000ты", "\xd0 x", "x \xd1") {
		if got, want := fields(s), strings.Fields(s); !slices.Equal(got, want) {
			t.Errorf("fields(%q) = %q, strings.Fields gives %q", s, got, want)
		}
	}
}

func FuzzFastPaths(f *testing.F) {
	for _, s := range fastPathCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := fields(s), strings.Fields(s); !slices.Equal(got, want) {
			t.Fatalf("fields(%q) = %q, strings.Fields gives %q", s, got, want)
		}
		if got, want := Words(s), analyzedWords(s); !slices.Equal(got, want) {
			t.Fatalf("Words(%q) = %q, analysis gives %q", s, got, want)
		}
	})
}
