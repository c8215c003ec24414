package rules

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Agreement: a replacement that is a noun phrase («законный вариант») takes the case and
// number of the noun phrase it replaces («по серой схеме» → «по законному варианту»), its
// adjectives agreeing with its own noun in gender. The case comes from the hit's last
// noun, narrowed by the preposition before it and by the hit's adjectives. Anything the
// dictionary cannot settle leaves the replacement as written.

// cases lists the grammatical cases, in the order a tie is broken.
var cases = []string{"nomn", "accs", "gent", "datv", "ablt", "loct"}

// governs maps a preposition to the cases it takes, the likelier first.
var governs = map[string][]string{
	"по": {"datv", "loct", "accs"}, "в": {"loct", "accs"}, "во": {"loct", "accs"}, "на": {"loct", "accs"},
	"о": {"loct", "accs"}, "об": {"loct", "accs"}, "обо": {"loct"}, "при": {"loct"},
	"с": {"ablt", "gent"}, "со": {"ablt", "gent"}, "к": {"datv"}, "ко": {"datv"},
	"за": {"ablt", "accs"}, "под": {"ablt", "accs"}, "над": {"ablt"}, "перед": {"ablt"}, "между": {"ablt"},
	"через": {"accs"}, "про": {"accs"}, "сквозь": {"accs"},
	"без": {"gent"}, "для": {"gent"}, "от": {"gent"}, "из": {"gent"}, "до": {"gent"}, "у": {"gent"},
	"около": {"gent"}, "после": {"gent"}, "кроме": {"gent"}, "вместо": {"gent"}, "среди": {"gent"},
	"из-за": {"gent"}, "из-под": {"gent"}, "против": {"gent"}, "ради": {"gent"}, "насчет": {"gent"},
}

// hitPlace is the case and number of a hit's noun phrase, found once per finding.
type hitPlace struct {
	known, ok bool
	target    caseNumber
}

// agree inflects the noun phrase at the start of r to fit hit h of t.
func agree(m Morphology, t *Text, h span, r string, place *hitPlace) string {
	i, j := t.tokensEndingBy(h.a), t.tokensStartingBefore(h.b)
	if i >= j {
		return r
	}
	p := planFor(m, r)
	if p.head < 0 {
		if p.lead == 0 {
			return agreeVerb(m, t, i, j, r) // a verb takes the hit verb's form
		}
		return r // neither: pasted as written
	}
	if p.lead > 0 && !strings.EqualFold(t.word(i), p.words[0]) {
		return r // a different preposition: the replacement governs itself
	}
	if !place.known {
		place.target, place.ok = hitCase(m, t, max(i, j-4), j)
		place.known = true
	}
	if !place.ok {
		return r
	}
	return p.inflect(m, place.target)
}

// caseNumber is what a noun phrase takes from its place: case, number and, for the
// accusative of adjectives, the noun's animacy.
type caseNumber struct {
	grammCase, number, anim string
}

// hitCase finds the case and number of the hit's last noun.
func hitCase(m Morphology, t *Text, i, j int) (caseNumber, bool) {
	for k := j - 1; k >= i; k-- {
		var nouns []Form
		for _, f := range m.Parse(t.word(k)) {
			if f.Has("NOUN") {
				nouns = append(nouns, f)
			}
		}
		if len(nouns) == 0 {
			continue
		}
		// The preposition: the nearest one before the noun, in the hit or just before it.
		prep := ""
		for p := k - 1; p >= 0 && p >= i-1; p-- {
			if t.tokens[p+1].sep != 0 {
				break
			}
			if _, ok := governs[t.word(p)]; ok {
				prep = t.word(p)
				break
			}
		}
		// No preposition: after a transitive verb the phrase is its object (предлагаем
		// серый вариант), so the accusative goes first.
		order := cases
		if prep == "" && i > 0 && t.tokens[i].sep == 0 && (reads(m, t.word(i-1), "VERB", "tran") || reads(m, t.word(i-1), "INFN", "tran")) {
			order = []string{"accs", "nomn", "gent", "datv", "ablt", "loct"}
		}
		best := -1
		for n, f := range nouns {
			c, num := grammeme(f, cases), grammeme(f, []string{"sing", "plur"})
			if c == "" || num == "" {
				continue
			}
			if prep != "" && !slices.Contains(governs[prep], c) {
				continue
			}
			if !adjectivesAgree(m, t, i, k, c, num) {
				continue
			}
			if best < 0 || rank(prep, order, c) < rank(prep, order, grammeme(nouns[best], cases)) {
				best = n
			}
		}
		if best < 0 {
			return caseNumber{}, false
		}
		f := nouns[best]
		return caseNumber{grammeme(f, cases), grammeme(f, []string{"sing", "plur"}), ""}, true
	}
	return unknownCase(m, t, i, j)
}

// unknownCase places a hit the dictionary cannot read at all — an abbreviation such as
// «КБМ» or «СТОА» — by the preposition before it, when that preposition takes one case
// or has a clear favourite: «по КБМ» → «по скидке…», «из СТОА» → «из автосервиса».
// Prepositions of place and direction («в», «на», «за») could go either way, so the
// replacement is left as written after them.
func unknownCase(m Morphology, t *Text, i, j int) (caseNumber, bool) {
	if i == 0 || t.tokens[i].sep != 0 {
		return caseNumber{}, false
	}
	for k := i; k < j; k++ {
		if len(m.Parse(t.word(k))) > 0 {
			return caseNumber{}, false
		}
	}
	c, ok := clearCase[t.word(i-1)]
	if !ok {
		return caseNumber{}, false
	}
	return caseNumber{c, "sing", ""}, true
}

// clearCase maps the prepositions whose case an unknown word after them can be read by.
var clearCase = map[string]string{
	"по": "datv", "к": "datv", "ко": "datv", "с": "ablt", "со": "ablt", "через": "accs", "про": "accs",
	"без": "gent", "для": "gent", "от": "gent", "из": "gent", "до": "gent", "у": "gent", "после": "gent",
	"кроме": "gent", "вместо": "gent", "из-за": "gent", "при": "loct", "о": "loct", "об": "loct",
}

// rank orders a case by the preposition's preference, or by order.
func rank(prep string, order []string, c string) int {
	if prep != "" {
		return slices.Index(governs[prep], c)
	}
	return slices.Index(order, c)
}

// adjectivesAgree reports whether the adjectives between the hit's start and its noun k
// each have a reading in case c and number num.
func adjectivesAgree(m Morphology, t *Text, i, k int, c, num string) bool {
	for a := i; a < k; a++ {
		fs := m.Parse(t.word(a))
		adj, fits := false, false
		for _, f := range fs {
			if f.Has("ADJF") || f.Has("PRTF") {
				adj = true
				if f.Has(c, num) {
					fits = true
				}
			}
		}
		if adj && !fits {
			return false
		}
	}
	return true
}

// reads reports whether word w has a reading with every one of tags.
func reads(m Morphology, w string, tags ...string) bool {
	for _, f := range m.Parse(w) {
		if f.Has(tags...) {
			return true
		}
	}
	return false
}

// inflectWord returns the form of w's lemma (as part of speech pos) with the case and
// number of target and, when given, the gender. Of the forms that fit, the one sharing
// most grammemes with w wins (a passive participle stays passive), a plain form beats a
// variant (V-oy), and in the accusative the one with the noun's animacy.
func inflectWord(m Morphology, w, pos string, target caseNumber, gender string) Form {
	for _, base := range m.Parse(w) {
		if !base.Has(pos, "nomn") {
			continue
		}
		if base.Has(target.grammCase, target.number) && (gender == "" || base.Has(gender)) && target.grammCase != "accs" {
			return base // already in place
		}
		var best Form
		score := -1 << 30
		for _, f := range m.Forms(base.Lemma) {
			if !f.Has(pos, target.grammCase, target.number) || gender != "" && !f.Has(gender) {
				continue
			}
			if pos == "NOUN" && genderOf(f) != genderOf(base) {
				continue // another noun under the same lemma
			}
			s := 0
			for _, tg := range f.Tags {
				switch {
				case strings.HasPrefix(tg, "V-"):
					s -= 10
				case base.Has(tg):
					s++
				}
			}
			if target.anim != "" && f.Has(target.anim) {
				s += 5
			}
			if s > score {
				best, score = f, s
			}
		}
		if best.Word != "" {
			return best
		}
	}
	return Form{}
}

func genderOf(f Form) string { return grammeme(f, []string{"masc", "femn", "neut"}) }

func animacy(f Form) string { return grammeme(f, []string{"anim", "inan"}) }

// grammeme returns the first of options the form carries, or "".
func grammeme(f Form, options []string) string {
	for _, o := range options {
		if f.Has(o) {
			return o
		}
	}
	return ""
}

// inflected returns the form w to stand where orig stood: orig itself when it is the same
// word (the dictionary writes е for ё), else w with orig's capital.
func inflected(orig, w string) string {
	if Normalize(orig) == Normalize(w) {
		return orig
	}
	return keepCapital(orig, w)
}

// keepCapital gives w the capital first letter orig had.
func keepCapital(orig, w string) string {
	c, _ := utf8.DecodeRuneInString(orig)
	if !unicode.IsUpper(c) {
		return w
	}
	d, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(d)) + w[n:]
}
