package rules

// filters are what every rule kind applies to its raw hits: the sentence-start anchor
// and the three kinds of exceptions. They work on any hit, token-aligned or not.
type filters struct {
	sentenceStart bool
	except        []*Pattern // a match covering the hit drops it
	before        []*Pattern // a match ending right before the hit drops it
	after         []*Pattern // a match starting right after the hit drops it
	scope         uint8      // contexts that clear a hit (scope.go)
}

// keep reports whether hit s survives the anchor and the exceptions.
func (f *filters) keep(t *Text, s span) bool {
	if f.sentenceStart && !t.beginsSentence(s.a) {
		return false
	}
	for _, p := range f.except {
		if covered(t, p, s) {
			return false
		}
	}
	if len(f.before) > 0 {
		// e counts the tokens wholly before the hit; the unless match must end there,
		// in the same sentence.
		e := t.tokensEndingBy(s.a)
		if e > 0 && !t.boundaryIn(t.tokens[e-1].end, s.a) {
			for _, p := range f.before {
				for st := max(0, e-p.width); st < e; st++ {
					if _, ok := p.matchAt(t, st, query{mode: qEndAt, arg: int32(e)}); ok {
						return false
					}
				}
			}
		}
	}
	if len(f.after) > 0 {
		k := t.tokensStartingBefore(s.b)
		if k < len(t.tokens) && !t.boundaryIn(s.b, t.tokens[k].start) {
			for _, p := range f.after {
				if _, ok := p.matchAt(t, k, query{mode: qFirst}); ok {
					return false
				}
			}
		}
	}
	return f.scope == 0 || !t.inScope(s, f.scope)
}

// covered reports whether some match of p spans the whole hit s.
func covered(t *Text, p *Pattern, s span) bool {
	last := t.tokensStartingBefore(s.a+1) - 1 // last token starting at or before the hit
	for st := last; st >= 0 && st > last-p.width; st-- {
		if _, ok := p.matchAt(t, st, query{mode: qCoverTo, arg: s.b}); ok {
			return true
		}
	}
	return false
}

// beginsSentence reports whether normalised offset a starts a sentence: no word of the
// same sentence comes before it and it is not in the middle of a word.
func (t *Text) beginsSentence(a int32) bool {
	j := t.tokensEndingBy(a) // tokens wholly before a
	if j < len(t.tokens) && t.tokens[j].start < a {
		return false // a falls inside token j
	}
	return j == 0 || t.boundaryIn(t.tokens[j-1].end, a)
}
