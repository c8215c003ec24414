package index

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/sufler/sufler/rules/morph"
)

// Words become index terms by their lemma, from the same Russian morphology the rules use
// (rules/morph): «скажете» and «сказать», «груза» and «груз», «сняли» and «снять» are one
// term, where Snowball left «скажет» and «сказа» apart. A word with several readings
// («мой»: мыть, мой; «стекло»: стекло, стечь) is indexed under every lemma at one position,
// and a query asks for its likeliest lemma (rankLemmas), which every form of the word then finds.
// Words the dictionary lacks (brands, new compounds like «рефконтейнер») keep their
// Snowball stem, the same for all their forms.
//
// Which words are not terms is decided by grammar, not by a list: pronouns, prepositions,
// conjunctions, particles, pronoun-like adjectives (ваш, этот, весь) and
// «быть» say nothing about what a text is about. Negation (не, нет, ни) and the question
// words (когда, где, почему, сколько …, keepWords) do: «когда выплата» asks for a date, «не пришло»
// is a complaint. bleve's Russian stop list drops all of those, and «можно», «надо»,
// «сказать» and «сегодня» with them.

// maxAlts caps the lemmas a word is indexed under: a handful of readings cover it.
const maxAlts = 3

// termOf is what a word becomes in the index: the term a query asks for, the other lemmas
// it is indexed under too, and the terms cut to roots. The slices are shared by every token
// of the word, so nobody may modify them; bleve only reads terms once analysis is done.
type termOf struct {
	stop     bool
	stem     []byte   // the query term: the likeliest lemma (rankLemmas), or the Snowball stem
	alts     [][]byte // other lemmas of the word, indexed at the same position
	root     []byte   // stem cut to rootLen runes
	altRoots [][]byte // roots of alts that differ from root and from each other
}

// keepWords are function words that carry meaning for finding an answer: negation
// (negative pronouns by their lemma: «никого», «ничего» are «никто», «ничто») and the
// question words that say what the customer wants to know (questionWords).
var keepWords = map[string]bool{
	"не": true, "нет": true, "ни": true,
	"никто": true, "ничто": true, "никакой": true, "никогда": true, "нигде": true, "никуда": true, "никак": true,
}

// questionWords: «когда выплата» asks for a date, «где груз» for a place; they choose
// between answers on a topic and never name the topic, so Suggest weighs them less.
var questionWords = map[string]bool{
	"когда": true, "где": true, "куда": true, "откуда": true, "почему": true, "зачем": true, "сколько": true, "как": true,
}

func init() {
	for w := range questionWords {
		keepWords[w] = true
	}
}

// functionWord reports whether a reading is a word that says nothing about a topic.
func functionWord(p morph.Parse) bool {
	switch p.Tag.POS() {
	case morph.PREP, morph.CONJ, morph.PRCL, morph.NPRO:
		return true
	case morph.ADJF:
		return p.Tag.Has(morph.Apro)
	case morph.VERB, morph.INFN:
		return p.Lemma == "быть"
	}
	return false
}

// rare reports whether a reading is one a support conversation almost never means: an
// abbreviation («и» for «исполняющий»), a first name, surname or patronymic («ли»).
func rare(p morph.Parse) bool {
	return p.Tag.Has(morph.Abbr) || p.Tag.Has(morph.Init) || p.Tag.Has(morph.Name) ||
		p.Tag.Has(morph.Surn) || p.Tag.Has(morph.Patr)
}

// lemmatize turns a folded word into its terms. Nothing in it depends on the order
// morph lists a word's readings in (that order follows a corpus prior per tag and moves
// when the dictionary is retuned): the decisions count readings instead.
func lemmatize(word string) termOf {
	if keepWords[word] {
		return withRoots(termOf{stem: []byte(word)})
	}
	return fromReadings(word, morph.Analyze(word))
}

// fromReadings is lemmatize over the readings morph gives word, in any order.
func fromReadings(word string, ps []morph.Parse) termOf {
	var known, readings []morph.Parse // dictionary readings; those of a common word
	for _, p := range ps {
		if p.Known && p.Tag.POS() != morph.LATN && p.Tag.POS() != morph.NUMB {
			known = append(known, p)
			if !rare(p) {
				readings = append(readings, p)
			}
		}
	}
	if len(known) == 0 {
		env := snowballstem.NewEnv(word)
		russian.Stem(env)
		return withRoots(termOf{stem: []byte(env.Current())})
	}
	if len(readings) == 0 {
		readings = known
	}
	// Negative pronouns and adverbs are negation by their lemma: «никого», «ничего» are
	// «никто», «ничто» (ничего is an adverb and a particle too).
	var kept []string
	for _, p := range readings {
		if keepWords[p.Lemma] && (functionWord(p) || p.Tag.POS() == morph.ADVB) {
			kept = append(kept, p.Lemma)
		}
	}
	if len(kept) > 0 {
		return withRoots(termOf{stem: []byte(slices.Min(kept))})
	}
	// A word is not a term when more of its readings are function words than not («все»:
	// an adverb, and four forms of «весь»; «что»: four function readings of five), while
	// «точно» (an adverb, an adjective, a particle, a conjunction) and «спасибо» stay. A
	// parenthetical conjunction is a verb or adverb said in passing («знаете»): it does
	// not count. So is a word that can be a preposition or a form of «быть» at all («для»:
	// also a gerund of «длить»; «надо»: над; «есть»: быть before «to eat»), and a word of one or two letters that can be any function word
	// («на»: PREP, PRCL, INTJ): those readings are far the most frequent.
	short := len([]rune(word)) <= 2
	var content []morph.Parse
	function := 0
	for _, p := range readings {
		switch {
		case !functionWord(p):
			content = append(content, p)
		case short || p.Tag.POS() == morph.PREP || p.Lemma == "быть":
			return termOf{stop: true}
		case !p.Tag.Has(morph.Prnt):
			function++
		}
	}
	if len(content) == 0 || function > len(content) {
		return termOf{stop: true}
	}
	lemmas := rankLemmas(content)
	t := termOf{stem: []byte(lemmas[0])}
	for _, l := range lemmas[1:min(len(lemmas), maxAlts)] {
		t.alts = append(t.alts, []byte(l))
	}
	return withRoots(t)
}

// rankLemmas lists the distinct lemmas of a word's content readings, the likeliest first:
// the lemma more readings share («стекло»: two of the noun, one of «стечь»), then a noun
// (what a customer's message is about), then a lemma the word starts with (the word is
// that lemma plus an ending: «полисом» is полис before полисома), then alphabetical: the
// dictionary's order (a corpus prior per tag, retuned now and then) plays no part.
func rankLemmas(content []morph.Parse) []string {
	type lemma struct {
		text         string
		count        int // readings with the lemma
		noun, prefix bool
	}
	var ls []lemma
	for _, p := range content {
		i := slices.IndexFunc(ls, func(l lemma) bool { return l.text == p.Lemma })
		if i < 0 {
			ls = append(ls, lemma{text: p.Lemma, prefix: strings.HasPrefix(p.Word, p.Lemma)})
			i = len(ls) - 1
		}
		ls[i].count++
		ls[i].noun = ls[i].noun || p.Tag.POS() == morph.NOUN
	}
	slices.SortFunc(ls, func(a, b lemma) int {
		if c := cmp.Compare(b.count, a.count); c != 0 {
			return c
		}
		if a.noun != b.noun {
			if a.noun {
				return -1
			}
			return 1
		}
		if a.prefix != b.prefix {
			if a.prefix {
				return -1
			}
			return 1
		}
		return strings.Compare(a.text, b.text)
	})
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

func withRoots(t termOf) termOf {
	t.root = []byte(root(string(t.stem)))
	for _, a := range t.alts {
		r := []byte(root(string(a)))
		dup := string(r) == string(t.root)
		for _, o := range t.altRoots {
			dup = dup || string(o) == string(r)
		}
		if !dup {
			t.altRoots = append(t.altRoots, r)
		}
	}
	return t
}

// termCache maps folded words to their terms. It stops growing at maxTerms so a stream of
// junk cannot eat memory; later words are analysed every time.
type termCache struct {
	mu sync.RWMutex
	m  map[string]termOf
}

const maxTerms = 1 << 16

var terms = &termCache{m: map[string]termOf{}}

func (c *termCache) get(word []byte) termOf {
	c.mu.RLock()
	t, ok := c.m[string(word)]
	c.mu.RUnlock()
	if ok {
		return t
	}
	t = lemmatize(string(word))
	c.mu.Lock()
	if len(c.m) < maxTerms {
		c.m[string(word)] = t
	}
	c.mu.Unlock()
	return t
}
