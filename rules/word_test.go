package rules

import (
	"testing"

	"github.com/sufler/sufler/rules/word"
)

// TestWordRunesAreWord: the tokenizer's fast paths read word characters as rules/word, the
// one definition of a word (shared with the search analyzer), does, for every rune.
func TestWordRunesAreWord(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if isWordRune(r) != word.In(r) || isLetterRune(r) != word.IsLetter(r) || isDigitRune(r) != word.IsDigit(r) {
			t.Fatalf("%U: tokenizer word %v letter %v digit %v; rules/word %v %v %v", r,
				isWordRune(r), isLetterRune(r), isDigitRune(r), word.In(r), word.IsLetter(r), word.IsDigit(r))
		}
	}
}
