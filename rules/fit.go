package rules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Replacements are written once per rule but pasted into many sentences. fit makes each
// one ready to paste over its hit, so the extension only inserts it:
//   - it agrees with the words around it: a noun phrase takes the case and number of the
//     phrase it replaces («по серой схеме» → «по законной схеме», not «по законная схема»);
//   - it opens a sentence only where the hit did, and then with a capital;
//   - a word the text already has at either seam is not pasted twice («на на номер»).
// "" (remove the words) is left to the caller, which also takes the commas around them.

// fit returns replacement r made ready to paste over hit h of t; place caches what the
// hit's words say, shared by the replacements of one finding.
func fit(t *Text, h span, r string, place *hitPlace) string {
	if strings.TrimSpace(r) == "" {
		return r
	}
	r = dropSeamWords(t, h, r)
	if m := currentMorphology(); m != nil {
		r = agree(m, t, h, r, place)
	}
	return fitCapital(t, h, r)
}

// dropSeamWords removes the first word of r when the text has it right before the hit,
// and the last word when the text has it right after, in the same sentence.
func dropSeamWords(t *Text, h span, r string) string {
	i := t.tokensEndingBy(h.a)
	j := t.tokensStartingBefore(h.b)
	if i > 0 && !t.boundaryIn(t.tokens[i-1].end, h.a) {
		if first, rest, ok := cutFirstWord(r); ok && sameWord(first, t.word(i-1)) {
			r = rest
		}
	}
	if j < len(t.tokens) && !t.boundaryIn(h.b, t.tokens[j].start) {
		if rest, last, ok := cutLastWord(r); ok && sameWord(last, t.word(j)) {
			r = rest
		}
	}
	return r
}

// sameWord reports whether word w, as written, is the normalised token norm.
func sameWord(w, norm string) bool {
	for _, c := range w {
		f, class := fold(c)
		if class != foldKeep {
			return Normalize(w) == norm // rare: marks, soft hyphens
		}
		n, size := utf8.DecodeRuneInString(norm)
		if size == 0 || n != f {
			return false
		}
		norm = norm[size:]
	}
	return norm == ""
}

// cutFirstWord splits r after its first word when more words follow ("на номер" → "на",
// "номер"); a word that carries punctuation stays.
func cutFirstWord(r string) (first, rest string, ok bool) {
	first, rest, ok = strings.Cut(r, " ")
	rest = strings.TrimLeft(rest, " ")
	if !ok || rest == "" || !isPlainWord(first) {
		return "", r, false
	}
	return first, rest, true
}

func cutLastWord(r string) (rest, last string, ok bool) {
	k := strings.LastIndexByte(r, ' ')
	if k < 0 {
		return r, "", false
	}
	rest, last = strings.TrimRight(r[:k], " "), r[k+1:]
	if rest == "" || !isPlainWord(last) {
		return r, "", false
	}
	return rest, last, true
}

// isPlainWord reports whether w is one word of letters and digits, hyphens allowed.
func isPlainWord(w string) bool {
	if w == "" {
		return false
	}
	for _, c := range w {
		if !isWordRune(c) && c != '-' {
			return false
		}
	}
	return true
}

// fitCapital capitalises r when the hit opens a sentence and lowers a capital that would
// stand mid-sentence, unless the word is a name or an abbreviation (ИНН, Москва).
func fitCapital(t *Text, h span, r string) string {
	c, n := utf8.DecodeRuneInString(r)
	if !unicode.IsLetter(c) {
		return r
	}
	if t.opensSentence(h.a) {
		return string(unicode.ToUpper(c)) + r[n:]
	}
	if !unicode.IsUpper(c) {
		return r
	}
	next, _ := utf8.DecodeRuneInString(r[n:])
	if unicode.IsUpper(next) {
		return r // an abbreviation
	}
	if m := currentMorphology(); m != nil && planFor(m, r).name {
		return r
	}
	return string(unicode.ToLower(c)) + r[n:]
}

// opensSentence reports whether normalised offset a starts the words of a sentence: only
// symbols (an emoji, a bullet) stand before it in the sentence.
func (t *Text) opensSentence(a int32) bool {
	j := t.tokensEndingBy(a)
	if j < len(t.tokens) && t.tokens[j].start < a {
		return false // inside a word
	}
	for k := j - 1; k >= 0; k-- {
		if t.boundaryIn(t.tokens[k].end, a) {
			return true
		}
		if r, _ := utf8.DecodeRuneInString(t.word(k)); isWordRune(r) {
			return false
		}
		if t.tokens[k].sent {
			return true
		}
	}
	return true
}
