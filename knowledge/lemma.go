package knowledge

import (
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/sufler/sufler/rules/morph"
)

// Words become index terms by their lemma, from the same Russian morphology the rules use
// (rules/morph): «скажете» and «сказать», «груза» and «груз», «сняли» and «снять» are one
// term, where Snowball left «скажет» and «сказа» apart. A word with several readings
// («мой»: мыть, мой; «стекло»: стекло, стечь) is indexed under every lemma at one position,
// and a query asks for its first reading's lemma, which every form of the word then finds.
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
	stem     []byte   // the query term: the first reading's lemma, or the Snowball stem
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

// lemmatize turns a folded word into its terms.
func lemmatize(word string) termOf {
	if keepWords[word] {
		return withRoots(termOf{stem: []byte(word)})
	}
	ps := morph.Analyze(word)
	if len(ps) == 0 || !ps[0].Known || ps[0].Tag.POS() == morph.LATN || ps[0].Tag.POS() == morph.NUMB {
		env := snowballstem.NewEnv(word)
		russian.Stem(env)
		return withRoots(termOf{stem: []byte(env.Current())})
	}
	if l := ps[0].Lemma; keepWords[l] && ps[0].Known {
		return withRoots(termOf{stem: []byte(l)}) // никого, ничего → никто, ничто
	}
	var readings []morph.Parse // dictionary readings of a common word
	for _, p := range ps {
		if p.Known && !rare(p) {
			readings = append(readings, p)
		}
	}
	if len(readings) == 0 {
		readings = ps[:1]
	}
	// A word whose first reading is a function word is not a term («что», «и», «все»);
	// another is, under its other readings («спасибо»: INTJ, PRCL, NOUN). The dictionary
	// lists a word's usual readings first; asking that every reading be a function word
	// would keep «и» and «на», which are nouns and interjections somewhere in it.
	// So is a word that can be a preposition at all («для»: also a gerund of «длить»;
	// «надо»: над), and a word of one or two letters that can be any function word («на»:
	// PREP, PRCL, INTJ): those readings are far the most frequent. Conjunctions are not
	// enough: «знаете» and «точно» are conjunctions too, in some sentences.
	short := len([]rune(word)) <= 2
	for _, p := range readings {
		pos := p.Tag.POS()
		if functionWord(p) && (short || p == readings[0] || pos == morph.PREP) {
			return termOf{stop: true}
		}
	}
	content := readings[:0:0]
	for _, p := range readings {
		if !functionWord(p) {
			content = append(content, p)
		}
	}
	t := termOf{stem: []byte(content[0].Lemma)}
	seen := map[string]bool{content[0].Lemma: true}
	for _, p := range content[1:] {
		if len(t.alts) == maxAlts-1 {
			break
		}
		if !seen[p.Lemma] {
			seen[p.Lemma] = true
			t.alts = append(t.alts, []byte(p.Lemma))
		}
	}
	return withRoots(t)
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
