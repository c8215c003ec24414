package rules

import (
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sufler/sufler/rules/morph"
)

// Verb agreement: a replacement that opens with a verb or a short form («перестал
// действовать», «готов») takes the tense, person, number and gender of the hit's finite
// verb, so «скидка слетела» becomes «скидка перестала действовать» and «документы
// подтянулись» — «документы поступили», with one replacement written for all of them.

// agreeVerb inflects the first word of r, when it is a finite verb or a short adjective
// or participle, to the finite verb of hit tokens [i, j). Only a predicate of a subject
// outside both takes part, or the same speaker: a replacement in another person than the
// hit's speaks for itself («не может быть» → «проверю прямо сейчас» stays). Anything the dictionary cannot
// settle leaves r as written.
func agreeVerb(m Morphology, t *Text, i, j int, r string) string {
	first, _, _ := strings.Cut(r, " ")
	if !isPlainWord(first) {
		return r
	}
	hit, ok := finiteVerb(m, t, i, j)
	if !ok {
		return r
	}
	byHit := currentVerbCache(m).forReplacement(r)
	if out, ok := byHit.Load(hit.Word); ok {
		return out.(string)
	}
	out := r
	if onlyPredicate(m, first) {
		out = agreeWords(m, strings.Split(r, " "), hit)
	}
	byHit.Store(hit.Word, out)
	return out
}

// agreeWords puts the predicate words of a replacement in the form of verb hit.
func agreeWords(m Morphology, words []string, hit Form) string {
	r := strings.Join(words, " ")
	changed := false
	for k, w := range words {
		if k > 0 && (!isPlainWord(w) || !onlyPredicate(m, w) || !reads(m, strings.ToLower(w), "VERB")) {
			continue // a later verb of the same predicate: «разберусь и напишу»
		}
		f, ok := agreeWord(m, w, hit)
		if !ok {
			if k == 0 {
				return r
			}
			continue
		}
		if f != w {
			words[k], changed = f, true
		}
	}
	if !changed {
		return r
	}
	return strings.Join(words, " ")
}

// onlyPredicate reports whether every dictionary reading of w is a finite verb or a short
// form: «обычно» (an adverb too) or «готово» with a noun reading is left as written.
func onlyPredicate(m Morphology, w string) bool {
	fs := m.Parse(strings.ToLower(w))
	for _, f := range fs {
		if !(f.Has("VERB") && !f.Has("impr") && !f.Has("INFN")) && !f.Has("ADJS") && !f.Has("PRTS") {
			return false
		}
	}
	return len(fs) > 0
}

// agreeWord returns w in the form that stands where verb hit stood; ok is false when w
// speaks for another person or the dictionary has no such form.
func agreeWord(m Morphology, w string, hit Form) (string, bool) {
	for _, base := range m.Parse(strings.ToLower(w)) {
		if grammeme(base, persons) != grammeme(hit, persons) && (base.Has("pres") || base.Has("futr")) {
			return "", false // another speaker: «не может быть» → «проверю»
		}
		want := verbTarget(base, hit)
		if want == nil {
			continue
		}
		if base.Has(want...) {
			return w, true // already in place
		}
		var best Form
		score := -1 << 30
		for _, f := range m.Forms(base.Lemma) {
			if !f.Has(want...) || f.Has("impr") {
				continue
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
			if s > score {
				best, score = f, s
			}
		}
		if best.Word != "" {
			return keepCapital(w, best.Word), true
		}
	}
	return "", false
}

// finiteVerb returns the last finite, indicative verb among hit tokens [i, j), unless its
// subject stands in the hit too («оплата была произведена»): then the replacement is a
// clause with a subject of its own.
func finiteVerb(m Morphology, t *Text, i, j int) (Form, bool) {
	for k := j - 1; k >= i; k-- {
		for _, f := range hitReadings(m, t.word(k)) {
			if f.Has("VERB") && !f.Has("impr") && (f.Has("past") || f.Has("pres") || f.Has("futr")) {
				if f.Has("past") || f.Has("3per") {
					for s := i; s < k; s++ {
						if reads(m, t.word(s), "NOUN", "nomn") || reads(m, t.word(s), "NPRO", "nomn") {
							return Form{}, false
						}
					}
				}
				return f, true
			}
		}
	}
	return Form{}, false
}

// persons are the grammatical persons of a present or future verb.
var persons = []string{"1per", "2per", "3per"}

// hitReadings reads a word of the hit. The hit is the agent's text, so a reading the
// dictionary derives from a known stem («слетела» from «лететь») will do, where a
// replacement's own words need the dictionary's word.
func hitReadings(m Morphology, w string) []Form {
	if fs := m.Parse(w); len(fs) > 0 || m != theDictionary {
		return fs
	}
	vc := currentVerbCache(m)
	if fs, ok := vc.done.Load("\x01" + w); ok {
		return fs.([]Form)
	}
	var out []Form
	for _, p := range morph.Analyze(w) {
		out = append(out, Form{Word: p.Word, Lemma: p.Lemma, Tags: tagNames(p.Tag)})
	}
	vc.store("\x01"+w, out)
	return out
}

// verbCache remembers, under one morphology, the guessed readings of hit words and the
// agreed replacements (per replacement, per hit verb), so that a warm check pays no
// dictionary walk for them.
type verbCache struct {
	m      Morphology
	done   sync.Map // "\x01"+word → []Form
	agreed sync.Map // replacement → *sync.Map: hit verb → agreed replacement
	count  atomic.Int64
}

// forReplacement returns the map of r's agreements, by hit verb.
func (c *verbCache) forReplacement(r string) *sync.Map {
	if v, ok := c.agreed.Load(r); ok {
		return v.(*sync.Map)
	}
	if c.count.Add(1) > maxVerbCache {
		return new(sync.Map) // full: agree afresh, remember nothing
	}
	v, _ := c.agreed.LoadOrStore(r, new(sync.Map))
	return v.(*sync.Map)
}

// maxVerbCache bounds the cache against a stream of junk words.
const maxVerbCache = 8192

func (c *verbCache) store(key string, v any) {
	if c.count.Add(1) <= maxVerbCache {
		c.done.Store(key, v)
	}
}

var verbCaches atomic.Pointer[verbCache]

// currentVerbCache returns the cache of morphology m, a fresh one if it changed.
func currentVerbCache(m Morphology) *verbCache {
	if c := verbCaches.Load(); c != nil && c.m == m {
		return c
	}
	c := &verbCache{m: m}
	verbCaches.Store(c)
	return c
}

// verbTarget lists the grammemes base must carry to stand where verb hit stood, or nil
// when base is no finite verb or short form.
func verbTarget(base, hit Form) []string {
	number := grammeme(hit, []string{"sing", "plur"})
	gender := ""
	if number == "sing" && hit.Has("past") {
		gender = genderOf(hit)
	}
	var want []string
	switch {
	case base.Has("VERB") && !base.Has("impr") && (base.Has("past") || base.Has("pres") || base.Has("futr")):
		if hit.Has("past") {
			want = []string{"VERB", "past"}
		} else {
			tense := grammeme(base, []string{"pres", "futr"})
			if tense == "" { // a past verb for a present hit: its aspect decides
				tense = "pres"
				if base.Has("perf") {
					tense = "futr"
				}
			}
			want = []string{"VERB", tense, grammeme(hit, []string{"1per", "2per", "3per"})}
		}
	case base.Has("ADJS"), base.Has("PRTS"):
		want = []string{grammeme(base, []string{"ADJS", "PRTS"})}
		if gender == "" && number == "sing" {
			gender = "masc" // a present hit says nothing of gender; keep the dictionary form
			if g := genderOf(base); g != "" {
				gender = g
			}
		}
	default:
		return nil
	}
	if number != "" {
		want = append(want, number)
	}
	if gender != "" {
		want = append(want, gender)
	}
	return dropEmpty(want)
}

// dropEmpty drops the empty grammemes a hit did not have.
func dropEmpty(tags []string) []string {
	out := tags[:0]
	for _, tg := range tags {
		if tg != "" {
			out = append(out, tg)
		}
	}
	return out
}
