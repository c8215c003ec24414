package rules

import (
	"unicode"
	"unicode/utf8"

	"github.com/sufler/sufler/rules/word"
)

// token is one word or symbol of the normalised text.
type token struct {
	start, end int32 // normalised byte offsets
	sent       bool  // the token begins a sentence
	sep        byte  // what opens the token's clause: '.' a sentence, , ; : ( ) " or - (a dash); 0 inside one
	quoted     bool  // the token stands inside a closed pair of quotation marks
}

// isWordRune reports whether r can be part of a word: a letter or digit as rules/word
// defines them. ASCII and basic Russian stay inline: in wasm a call per rune was a third
// slower on the default packs' examples (TestWordRunesAreWord holds these to rules/word).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' || 'A' <= r && r <= 'Z'
	}
	if 'А' <= r && r <= 'я' {
		return true
	}
	return word.In(r)
}

func isDigitRune(r rune) bool {
	if r < utf8.RuneSelf {
		return '0' <= r && r <= '9'
	}
	return word.IsDigit(r)
}

func isLetterRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if 'А' <= r && r <= 'я' {
		return true
	}
	return word.IsLetter(r)
}

// isSymbolToken reports whether r is a token of its own: %, №, currency, math signs, emoji.
func isSymbolToken(r rune) bool {
	switch r {
	case '%', '‰', '#', '@', '&', '§', '№':
		return true
	}
	if r < utf8.RuneSelf {
		return r == '+' || r == '=' || r == '<' || r == '>' || r == '$' || r == '|' || r == '~'
	}
	return unicode.In(r, unicode.Sm, unicode.Sc, unicode.So)
}

// decodeAt returns the rune at byte i of s, or utf8.RuneError and 0 past the end.
func decodeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return utf8.RuneError, 0
	}
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	// Two-byte sequences (Cyrillic, Greek, Latin-1) inline: they are most of a reply.
	if c&0xE0 == 0xC0 && c >= 0xC2 && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
		return rune(c&0x1F)<<6 | rune(s[i+1]&0x3F), 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize splits t.norm into word and symbol tokens and records sentence boundaries.
// A word is a run of letters and digits as rules/word defines them; a hyphen joins words (кто-то, 5-й, covid-19)
// but not two numbers (2-3), and «по-» adverbs are two words (по-чёрному: по, чёрному);
// an apostrophe joins letters (д'артаньян), and a point or comma joins digits (1.5, 100,5). Punctuation is not a token. Sentences end at . ! ?
// and newlines; a point followed directly by a letter or digit (example.com, т.е) does not end one.
func (t *Text) tokenize() {
	s := t.norm
	toks := t.tokens[:0]
	bounds := t.bounds[:0]
	sent, sep := true, byte('.')
	quotes := t.quotes[:0]
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		r, w := decodeAt(s, i)
		switch {
		case isWordRune(r):
			end := scanWord(s, i)
			if end-i > len("по-") && s[i:i+len("по-")] == "по-" {
				// «по-чёрному», «по-русски» read as по + the word: `по <черный>` and
				// `<черный>` find them, as they find «по чёрному» written apart.
				toks = append(toks, token{start: int32(i), end: int32(i + len("по")), sent: sent, sep: sep})
				sent, sep = false, 0
				i += len("по-")
			}
			toks = append(toks, token{start: int32(i), end: int32(end), sent: sent, sep: sep})
			sent, sep = false, 0
			i = end
			continue
		case isSymbolToken(r):
			toks = append(toks, token{start: int32(i), end: int32(i + w), sent: sent, sep: sep})
			sent, sep = false, 0
		case r == '\n' || r == '!' || r == '?':
			bounds = append(bounds, int32(i))
			sent, sep = true, '.'
		case r == '.':
			if next, _ := decodeAt(s, i+1); !isWordRune(next) && !t.abbreviation(toks, i) {
				bounds = append(bounds, int32(i))
				sent, sep = true, '.'
			}
		case r == '"':
			if sep != '.' {
				sep = '"'
			}
			quotes = t.quote(s, i, toks, quotes)
		case r == ',' || r == ';' || r == ':' || r == '(' || r == ')' || r == '-':
			if sep != '.' {
				sep = byte(r) // a hyphen inside a word never gets here: scanWord took it
			}
		}
		if r == '\n' {
			quotes = quotes[:0] // a quotation left open ends with its paragraph
		}
		i += w
	}
	t.tokens, t.bounds, t.quotes = toks, bounds, quotes
}

// quote handles the quotation mark at byte i of s («», „“, "" all read "): it opens a
// quotation when nothing but a space, bracket or dash stands before it, and otherwise
// closes the innermost open one, marking the tokens inside as quoted. open holds the
// token counts at the open marks; the updated stack is returned.
func (t *Text) quote(s string, i int, toks []token, open []int32) []int32 {
	prev := byte(' ')
	if i > 0 {
		prev = s[i-1]
	}
	if prev == ' ' || prev == '\n' || prev == '(' || prev == '-' || prev == '"' && len(open) > 0 && open[len(open)-1] == int32(len(toks)) {
		if len(open) < 8 {
			open = append(open, int32(len(toks)))
		}
		return open
	}
	if len(open) == 0 {
		return open
	}
	from := open[len(open)-1]
	for k := from; k < int32(len(toks)); k++ {
		toks[k].quoted = true
	}
	return open[:len(open)-1]
}

// abbreviations whose point does not end a sentence when a lowercase word follows.
var abbreviations = map[string]bool{
	"гг": true, "руб": true, "коп": true, "тыс": true, "млн": true, "млрд": true,
	"ул": true, "кв": true, "стр": true, "см": true, "им": true, "др": true, "пр": true,
	"напр": true, "тел": true, "доб": true, "шт": true, "мин": true, "сек": true,
	"обл": true, "пос": true, "корп": true, "каб": true, "эт": true, "прим": true,
	"рис": true, "табл": true, "англ": true, "рус": true, "вкл": true, "искл": true,
}

// abbreviation reports whether the point at byte i closes an abbreviation rather than a
// sentence: it follows a single letter (т.е., г., initials) or a known abbreviation with a
// lowercase word or a number after it (руб. за штуку).
func (t *Text) abbreviation(toks []token, i int) bool {
	if len(toks) == 0 || toks[len(toks)-1].end != int32(i) {
		return false
	}
	w := t.norm[toks[len(toks)-1].start:i]
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && isLetterRune(r) {
		return true
	}
	if !abbreviations[w] {
		return false
	}
	j := i + 1
	for j < len(t.norm) && t.norm[j] == ' ' {
		j++
	}
	next, _ := decodeAt(t.norm, j)
	if isDigitRune(next) {
		return true
	}
	if !isLetterRune(next) {
		return false
	}
	orig, _ := utf8.DecodeRuneInString(t.orig[t.at[j].b0:])
	return !unicode.IsUpper(orig)
}

// scanWord returns the end of the word that starts at byte i of s.
func scanWord(s string, i int) int {
	prev, w := decodeAt(s, i)
	i += w
	for i < len(s) {
		// Fast paths: ASCII letters and digits, lowercase basic Russian.
		switch c := s[i]; {
		case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			prev = rune(c)
			i++
			continue
		case c < utf8.RuneSelf && c != '-' && c != '\'' && c != '.' && c != ',':
			return i
		case i+1 < len(s) && (c == 0xD0 && s[i+1] >= 0xB0 && s[i+1] <= 0xBF || c == 0xD1 && s[i+1] >= 0x80 && s[i+1] <= 0x8F):
			prev = 'я'
			i += 2
			continue
		}
		r, w := decodeAt(s, i)
		if isWordRune(r) {
			prev = r
			i += w
			continue
		}
		next, nw := decodeAt(s, i+w)
		if nw == 0 || !isWordRune(next) {
			break
		}
		if !word.Joins(prev, r, next) {
			break
		}
		prev = next
		i += w + nw
	}
	return i
}
