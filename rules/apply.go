package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Apply returns text with replacement r of finding f pasted over the hit, as the extension
// pastes it (extension/src/content/edits.js): r as it stands — Check has already fitted
// it to the sentence — or, for "", the words removed together with the comma or spaces
// that would be left over, the next word capitalised when the removed words opened a
// sentence. f must come from checking text; offsets out of range leave text as it is.
func Apply(text string, f Finding, r string) string {
	start, ok1 := byteAt(text, f.Start)
	end, ok2 := byteAt(text, f.End)
	if !ok1 || !ok2 || start > end {
		return text
	}
	if r != "" {
		return text[:start] + r + text[end:]
	}
	before, after := text[:start], text[end:]
	// «Документы, короче, нужны» → «Документы нужны»; «ждём, короче.» → «ждём.»
	if trimmed := strings.TrimRight(before, " \t"); len(trimmed) < len(before) && strings.HasSuffix(trimmed, ",") && after != "" && strings.ContainsRune(",.!?;:…", firstRune(after)) {
		if after[0] == ',' {
			after = after[1:]
		}
		return trimmed[:len(trimmed)-1] + after
	}
	// «Короче, ждём инвойс» → «Ждём инвойс»: the next word now opens the sentence.
	if opensSentence(before) {
		rest := after
		if rest != "" && strings.ContainsRune(",;:", rune(rest[0])) {
			rest = rest[1:]
		}
		if trimmed := strings.TrimLeft(rest, " \t"); len(trimmed) < len(rest) {
			if c, n := utf8.DecodeRuneInString(trimmed); unicode.IsLetter(c) {
				return before + string(unicode.ToUpper(c)) + trimmed[n:]
			}
		}
	}
	// «ну такой вот вопрос» → one space stays between the neighbours.
	if trimmed := strings.TrimLeft(after, " \t"); len(trimmed) < len(after) {
		return before + trimmed
	}
	return strings.TrimRight(before, " \t") + after
}

// opensSentence reports whether what follows before starts a sentence: nothing, or a
// sentence end and spaces, or a line break.
func opensSentence(before string) bool {
	b := strings.TrimRight(before, " \t")
	if before == "" || strings.HasSuffix(b, "\n") {
		return true
	}
	if len(b) == len(before) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(b)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// byteAt returns the byte offset of UTF-16 offset u in s.
func byteAt(s string, u int) (int, bool) {
	n := 0
	for i, r := range s {
		if n == u {
			return i, true
		}
		if n > u {
			return 0, false
		}
		n++
		if r >= 0x10000 {
			n++
		}
	}
	return len(s), n == u
}
