package rules

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Plans: what agreement works out about a replacement once, so that fitting it into a
// finding costs a cache lookup, not a walk through the dictionary.

// plan is what agreement needs to know about one replacement, worked out once: its
// words, the preposition it brings along, and its head noun (-1: not a noun phrase).
type plan struct {
	words      []string
	lead, head int
	name       bool // the first word is a name (Москва, Иван): its capital stays
	mu         sync.Mutex
	done       map[caseNumber]string
}

// planFor returns the plan of r under m, from the cache when it is there.
func planFor(m Morphology, r string) *plan {
	st := currentPlans()
	if p, ok := st.plans.Load(r); ok {
		return p.(*plan)
	}
	p := &plan{words: strings.Split(r, " "), head: -1}
	for _, f := range m.Parse(strings.ToLower(strings.Trim(p.words[0], ",.:;!?"))) {
		if f.Has("Name") || f.Has("Surn") || f.Has("Patr") || f.Has("Geox") || f.Has("Orgn") || f.Has("Trad") {
			p.name = true
		}
	}
	if _, ok := governs[strings.ToLower(p.words[0])]; ok && len(p.words) > 1 {
		p.lead = 1
	}
	for k := p.lead; k < len(p.words) && p.head < 0; k++ {
		w := strings.ToLower(p.words[k])
		switch {
		case reads(m, w, "NOUN", "nomn"):
			p.head = k
		case reads(m, w, "ADJF", "nomn") || reads(m, w, "PRTF", "nomn"):
		default:
			k = len(p.words) // not a noun phrase
		}
	}
	if st.count.Add(1) <= maxPlans {
		st.plans.Store(r, p)
	}
	return p
}

// maxPlans bounds the plan cache: packs hold a few hundred replacements.
const maxPlans = 4096

// planCache holds the plans made under one morphology.
type planCache struct {
	m     Morphology
	plans sync.Map
	count atomic.Int64
}

var plans atomic.Pointer[planCache]

// currentPlans returns the plan cache of the morphology in use, a fresh one if it changed.
func currentPlans() *planCache {
	m := currentMorphology()
	if c := plans.Load(); c != nil && c.m == m {
		return c
	}
	c := &planCache{m: m}
	plans.Store(c)
	return c
}

// inflect returns the replacement with its noun phrase in target's case and number.
func (p *plan) inflect(m Morphology, target caseNumber) string {
	p.mu.Lock()
	out, ok := p.done[target]
	p.mu.Unlock()
	if ok {
		return out
	}
	out = p.inflectNow(m, target)
	p.mu.Lock()
	if p.done == nil {
		p.done = map[caseNumber]string{}
	}
	p.done[target] = out
	p.mu.Unlock()
	return out
}

func (p *plan) inflectNow(m Morphology, target caseNumber) string {
	words := p.words
	r := strings.Join(words, " ")
	noun := inflectWord(m, strings.ToLower(words[p.head]), "NOUN", target, "")
	if noun.Word == "" {
		return r
	}
	out := slices.Clone(words)
	out[p.head] = inflected(words[p.head], noun.Word)
	gender := ""
	if target.number == "sing" {
		gender = genderOf(noun)
	}
	for k := p.lead; k < p.head; k++ {
		w := strings.ToLower(words[k])
		pos := "ADJF"
		if !reads(m, w, "ADJF", "nomn") {
			pos = "PRTF"
		}
		adj := inflectWord(m, w, pos, caseNumber{target.grammCase, target.number, animacy(noun)}, gender)
		if adj.Word == "" {
			return r
		}
		out[k] = inflected(words[k], adj.Word)
	}
	return strings.Join(out, " ")
}
