package morph

// variants are grammemes of rarer spellings and registers: Inflect prefers a form without them.
var variants = NewTag(VEy, VOy, VEj, VBe, VEn, VIe, VBi, VSh, Cmp2, Infr, Slng, Arch, Litr, Erro, Dist, Gen2, Loc2, Acc2, Voct)

// Forms lists every form of the reading's lexeme, in the dictionary's order (the lemma first).
// A word with no paradigm (an adverb read from «по-…», a Latin word) has itself only.
func (p Parse) Forms() []Form {
	if p.d == nil || p.para < 0 {
		return []Form{{p.Word, p.Tag}}
	}
	n := p.d.paraLen(p.para)
	out := make([]Form, 0, n)
	for f := range int32(n) {
		out = append(out, Form{p.head + p.d.formWord(p.para, f, p.stem) + p.tail, p.d.formTag(p.para, f)})
	}
	return out
}

// Inflect gives the form of the reading's lexeme that has every grammeme of want and shares
// the most other grammemes with the reading (so a noun keeps its number when its case
// changes), preferring common spellings. It reports false when the lexeme has no such form.
func (p Parse) Inflect(want ...Grammeme) (Form, bool) {
	return p.InflectTag(NewTag(want...))
}

// InflectTag is Inflect with the grammemes as a Tag.
func (p Parse) InflectTag(want Tag) (Form, bool) {
	if p.d == nil || p.para < 0 {
		if p.Tag.Contains(want) {
			return Form{p.Word, p.Tag}, true
		}
		return Form{}, false
	}
	best, bestScore := int32(-1), -1<<30
	for f := range int32(p.d.paraLen(p.para)) {
		t := p.d.formTag(p.para, f)
		if !t.Contains(want) {
			continue
		}
		score := 4*t.common(p.Tag) - 4*t.common(variants)
		if t.Has(Incl) && !want.Has(Incl) {
			score -= 2 // «пришлите» over «пришлёмте» unless asked
		}
		if p.d.formPrefix(p.para, f) == p.d.formPrefix(p.para, p.form) {
			score++
		}
		if score > bestScore {
			best, bestScore = f, score
		}
	}
	if best < 0 {
		return Form{}, false
	}
	return Form{p.head + p.d.formWord(p.para, best, p.stem) + p.tail, p.d.formTag(p.para, best)}, true
}
