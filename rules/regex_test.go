package rules

import (
	"regexp/syntax"
	"slices"
	"testing"
)

// TestRegexRequired checks the literals the prefilter waits for: a regex skips every
// sentence without one of them, so they must occur in every possible match.
func TestRegexRequired(t *testing.T) {
	tests := []struct {
		re   string
		want []string
	}{
		{`100\s*%`, []string{"100"}},
		{`\d+\s*%`, []string{"%"}},
		{`!{2,}`, []string{"!!"}},
		{`[!?]{3}`, []string{"!", "?"}}, // a class of two: either mark
		{`(?:https?://)?t\.me/\S+`, []string{"t.me/"}},
		{`гарант|обещ`, []string{"гарант", "обещ"}},
		{`гарант|\d+`, nil},
		{`a*`, nil},
		{`(?i)гарант`, nil},
		{`[а-я]+\)\)+`, []string{")"}},
		{`x{0,3}y`, []string{"y"}},
	}
	for _, tt := range tests {
		tree, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		got := required(tree)
		if !slices.Equal(got, tt.want) {
			t.Errorf("required(%q) = %q, want %q", tt.re, got, tt.want)
		}
	}
}

// TestRegexSentences checks that a regex runs sentence by sentence and still finds
// every match, including the sentence-closing marks themselves.
func TestRegexSentences(t *testing.T) {
	marks := spec("marks", "regex")
	marks.Regex = `[!?]{2,}`
	span := spec("span", "regex")
	span.Regex = `да.*нет`
	set := mustSet(t, marks, span)
	for text, want := range map[string][]string{
		"Правда?! Да!!! Нет??":   {"?!", "!!!", "??"},
		"Да или нет":             {"Да или нет"},
		"Да. Нет":                {}, // a regex match stays inside a sentence
		"Да\nнет":                {},
		"Скидка да, потом нет!!": {"да, потом нет", "!!"},
	} {
		got := matches(t, set, text)
		if !slices.Equal(got, want) {
			t.Errorf("%q flags %q, want %q", text, got, want)
		}
	}
}
