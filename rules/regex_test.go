package rules

import (
	"regexp/syntax"
	"slices"
	"testing"
)

// TestRegexRequired checks what the prefilter waits for: a regex skips every sentence
// without one of the literals (or a rune in one of the ranges), so they must occur in
// every possible match.
func TestRegexRequired(t *testing.T) {
	tests := []struct {
		re     string
		want   []string
		ranges []rune
	}{
		{`100\s*%`, []string{"100"}, nil},
		{`\d+\s*%`, []string{"%"}, nil},
		{`!{2,}`, []string{"!!"}, nil},
		{`[!?]{3}`, []string{"!", "?"}, nil}, // a class of two: either mark
		{`(?:https?://)?t\.me/\S+`, []string{"t.me/"}, nil},
		{`гарант|обещ`, []string{"гарант", "обещ"}, nil},
		{`гарант|\d+`, []string{"гарант", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}, nil},
		{`гарант|[а-я]+`, nil, nil}, // a class of 32 letters: too many to wait for
		{`a*`, nil, nil},
		{`(?i)гарант`, nil, nil},
		{`[а-я]+\)\)+`, []string{")"}, nil},
		{`x{0,3}y`, []string{"y"}, nil},
		// Fewer, longer literals win over a list of words; «на» is too short to filter.
		{`(одобр|выплат|получ)\S*\s+на\s*100\s*%`, []string{"100"}, nil},
		{`100\s*%\s*(уверен|гарант)|(одобр|выплат)\S*\s+на\s*100\s*%|на все сто|стопроцентн`,
			[]string{"100", "на все сто", "стопроцентн"}, nil},
		// A large class of rare runes is kept as ranges; one of common runes filters nothing.
		{`[\x{1F300}-\x{1FAFF}\x{2600}-\x{27BF}]|\){3,}`, []string{")))"}, []rune{0x2600, 0x27BF, 0x1F300, 0x1FAFF}},
		{`[а-я]{3}`, nil, nil},
	}
	for _, tt := range tests {
		tree, err := syntax.Parse(tt.re, syntax.Perl)
		if err != nil {
			t.Fatal(err)
		}
		var lits []string
		var ranges []rune
		if n := required(tree); n != nil {
			lits, ranges = n.lits, n.ranges
		}
		if !slices.Equal(lits, tt.want) || !slices.Equal(ranges, tt.ranges) {
			t.Errorf("required(%q) = %q %U, want %q %U", tt.re, lits, ranges, tt.want, tt.ranges)
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
