package index

import (
	"slices"
	"strings"
	"testing"

	"github.com/sufler/sufler/rules"
	"github.com/sufler/sufler/rules/word"
)

// TestClassifyIsWord: the analyzer's fast paths class and fold every rune as rules/word,
// the one definition of a word, does.
func TestClassifyIsWord(t *testing.T) {
	want := map[word.Class]int{word.Other: notWord, word.Letter: letter, word.Digit: digit, word.Invisible: inWord}
	for r := rune(0); r <= 0x10FFFF; r++ {
		f, k := classify(r)
		c := word.Of(r)
		if k != want[c] || (c == word.Letter && f != word.Fold(r)) {
			t.Fatalf("%U: classify gives %q class %d, rules/word %q class %d", r, f, k, word.Fold(r), c)
		}
	}
}

// analyzerWords lists the folded words the analyzer reads in text.
func analyzerWords(text string) []string {
	var out []string
	var buf []byte
	for i := 0; i < len(text); {
		var start int
		start, i, buf, _, _ = nextWord(text, i, buf)
		if start == i {
			break
		}
		if len(buf) > 0 {
			out = append(out, string(buf))
		}
	}
	return out
}

// TestOneWord: the rule matcher and the search analyzer read the same words at the edges
// of the definition; compounds are the rule matcher's alone (rules/word, Joins).
func TestOneWord(t *testing.T) {
	tests := []struct {
		text string
		both []string // the words of both readers
		rule []string // the rule matcher's tokens, where compounds make them differ
	}{
		{text: "{{customer_name}}", both: []string{"customer", "name"}},
		{text: "за\u200bдержка", both: []string{"задержка"}},
		{text: "за\u00adдержка", both: []string{"задержка"}},
		{text: "\ufeffзадержка", both: []string{"задержка"}},
		{text: "за\u2060держка", both: []string{"задержка"}},
		{text: "заде\u0301ржка", both: []string{"задержка"}},
		{text: "и\u0306огурт", both: []string{"йогурт"}},
		{text: "Ещё ЁЖИК", both: []string{"еще", "ежик"}},
		{text: "«Груз» “задержан”", both: []string{"груз", "задержан"}},
		{text: "\"груз\"", both: []string{"груз"}},
		{text: "нам — сегодня", both: []string{"нам", "сегодня"}},
		{text: "кто-то", both: []string{"кто", "то"}, rule: []string{"кто-то"}},
		{text: "интернет‐магазин", both: []string{"интернет", "магазин"}, rule: []string{"интернет-магазин"}},
		{text: "по-русски", both: []string{"по", "русски"}},
		{text: "д’Артаньян", both: []string{"д", "артаньян"}, rule: []string{"д'артаньян"}},
		{text: "1.5 и 2-3", both: []string{"1", "5", "и", "2", "3"}, rule: []string{"1.5", "и", "2", "3"}},
	}
	for _, tt := range tests {
		if got := analyzerWords(tt.text); !slices.Equal(got, tt.both) {
			t.Errorf("%q: analyzer reads %q, want %q", tt.text, got, tt.both)
		}
		want := tt.rule
		if want == nil {
			want = tt.both
		}
		if got := rules.Words(tt.text); !slices.Equal(got, want) {
			t.Errorf("%q: rule matcher reads %q, want %q", tt.text, got, want)
		}
		if strings.Contains(tt.text, "-") && tt.rule == nil && tt.text != "по-русски" {
			t.Errorf("%q: a hyphenated case must say how the rule matcher reads it", tt.text)
		}
	}
}
