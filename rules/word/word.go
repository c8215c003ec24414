// Package word is Sufler's one definition of a word, shared by the rule matcher's tokenizer
// (rules), the search analyzer (knowledge/index) and the morphology they both read words
// for (rules/morph). Before it, the two readers disagreed at the edges: the rules joined
// words across a zero-width space and split them at '_', the analyzer did the opposite,
// and a decomposed «й» was one letter to the rules and a word break to search.
//
// A word is a run of letters and digits, folded (lowercase, ё as е):
//
//   - Letters are Unicode letters of any script and spacing marks (Mc, which some scripts
//     write inside words).
//   - Digits are Unicode decimal digits.
//   - Invisible characters stand inside a word without being part of its spelling: format
//     characters (Cf: soft hyphen U+00AD, zero-width space U+200B, joiners, word joiner,
//     BOM U+FEFF, bidi marks) and nonspacing or enclosing marks (Mn, Me: the stress mark
//     U+0301, variation selectors). They are dropped, never a break: a soft hyphen from a
//     word processor, or a zero-width space slipped in to dodge a rule, leaves the word
//     whole. Russian's two composing marks are composed instead (Compose): и + U+0306 is
//     й, е + U+0308 is ё, which folds to е.
//   - Everything else separates words: spaces, punctuation, quotation marks of every kind
//     («», “”, "), dashes and hyphens, apostrophes, symbols, and '_'. Unicode word
//     segmentation (UAX #29) would join at '_'; here it separates, because the '_' a reply
//     holds is a template's {{manager_email}}, which stands for what the agent fills in,
//     not for one word, and the rules' distances (паспорт* ~4 чат) were tuned reading it as
//     two: joined, «паспорта на e-mail {{manager_email}} в чат» comes within a rule's reach
//     (knowledge/packs TestReplacementsFit). The analyzer joined at '_' before; search
//     finds the parts of manager_email as it finds the parts of a compound.
//
// Compounds are the rule matcher's business on top of words: in its normalised text a
// hyphen joins two words (кто-то, covid-19, 5-й; not 2-3), an apostrophe two letters
// (д'артаньян, O’Reilly), a point or comma two digits (1.5, 100,5) — see Joins — because
// rule patterns name compounds whole. Search reads each part of a compound as a word of
// its own, so «магазин» finds «интернет-магазин»; «по-» adverbs are read as two words by
// both (по-русски: по, русски).
package word

import (
	"unicode"
	"unicode/utf8"
)

// Class is what a character is to a word.
type Class uint8

// Classes of characters.
const (
	// Other separates words.
	Other Class = iota
	// Letter is part of a word's spelling: a letter or a spacing mark.
	Letter
	// Digit is part of a word's spelling and keeps a word numeric.
	Digit
	// Invisible stands inside a word without being part of its spelling.
	Invisible
)

// Of returns the class of r. ASCII and basic Cyrillic take a fast path: they are most of
// every text both readers see.
func Of(r rune) Class {
	switch {
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z':
			return Letter
		case '0' <= r && r <= '9':
			return Digit
		}
		return Other
	case 'Ѐ' <= r && r <= 'џ': // Cyrillic letters, ё and Ё included
		return Letter
	case unicode.IsLetter(r), unicode.Is(unicode.Mc, r):
		return Letter
	case unicode.IsDigit(r):
		return Digit
	case unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me):
		return Invisible
	}
	return Other
}

// In reports whether r is part of a word's spelling: a letter or a digit.
func In(r rune) bool {
	c := Of(r)
	return c == Letter || c == Digit
}

// IsLetter reports whether r is a letter of a word (not a digit).
func IsLetter(r rune) bool { return Of(r) == Letter }

// IsDigit reports whether r is a digit.
func IsDigit(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return unicode.IsDigit(r)
}

// Fold returns r as words are compared: lowercase, with ё as е (people type either).
func Fold(r rune) rune {
	switch {
	case 'A' <= r && r <= 'Z':
		return r + 'a' - 'A'
	case r < utf8.RuneSelf:
		return r
	case 'А' <= r && r <= 'Я':
		return r + 'а' - 'А'
	case 'а' <= r && r <= 'я':
		return r
	case r == 'ё' || r == 'Ё':
		return 'е'
	}
	return unicode.ToLower(r)
}

// Compose returns the letter that a folded letter prev and the mark after it make, when
// Russian writes them as one: и + combining breve is й, е + combining diaeresis is ё
// (folded: е). ok is false for any other pair: the mark is then dropped as invisible.
func Compose(prev, mark rune) (r rune, ok bool) {
	switch {
	case mark == '\u0306' && prev == 'и':
		return 'й', true
	case mark == '\u0308' && prev == 'е':
		return 'е', true
	}
	return prev, false
}

// Joins reports whether sep, standing between the word characters prev and next of a
// normalised text (dashes as '-', apostrophes as '), joins them into one compound for
// the rule matcher: a hyphen unless both sides are digits (кто-то, 5-й, covid-19; 2-3 is
// a range), an apostrophe between letters, a point or comma between digits.
func Joins(prev, sep, next rune) bool {
	switch sep {
	case '-':
		return !(IsDigit(prev) && IsDigit(next))
	case '\'':
		return IsLetter(prev) && IsLetter(next)
	case '.', ',':
		return IsDigit(prev) && IsDigit(next)
	}
	return false
}
