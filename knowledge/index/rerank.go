package index

import (
	"math"
	"slices"

	bleveindex "github.com/blevesearch/bleve_index_api"
	"github.com/sufler/sufler/knowledge/pack"
)

// Suggest ranks in two steps. The index finds candidates by BM25 over the fields; then each
// candidate's score is weighed by how much of the customer's message it is about:
//
//   - coverage: the share of the message's terms, each weighed by its rarity (IDF) over
//     the packs asked, that the entry's own description holds (title, situation, tags,
//     triggers or what customers say), by root. An entry that shares one common word with a
//     long letter, even many times over, yields to one that shares its rare words;
//   - topic: an entry whose title names something specific — a word few entries of its
//     pack have and its customers' phrasings use, like «скоропорт» — that the message never
//     mentions is about another matter than the customer's, however well its other words
//     match.
//
// The reply texts do not count for either: a template's reply uses the words of its
// answer, not of the question, and BM25 already weighs them.
const (
	// coverageFloor is the factor of an entry that covers none of the message: a match
	// by reply words alone still ranks, below those that cover something.
	coverageFloor = 0.4
	// topicDocs: a title word held by at most this many entries names a specific topic.
	topicDocs = 2
	// topicMiss is the factor of an entry whose specific topic the message never names.
	topicMiss = 0.6
)

// Reranker weighs candidates against the customer's message.
type Reranker struct {
	tc    *Counter
	terms []weightedTerm // the pruned message terms, in query order: sums stay the same bit for bit
	total float64
	roots map[string]bool // roots of every term of the message (before pruning)
}

// NewReranker weighs against the customer's message: all its terms, and kept, those Prune
// kept of them with tc, the counter the query's packs were pruned with.
func NewReranker(tc *Counter, all, kept *Terms) *Reranker {
	r := &Reranker{tc: tc, roots: all.rootSet}
	for _, s := range kept.stems {
		n := max(kept.counts[s], 1)
		w := math.Log(1 + float64(tc.docs)/float64(n))
		if questionWords[s] {
			w *= modifierWeight
		}
		r.terms = append(r.terms, weightedTerm{root(s), w})
		r.total += w
	}
	return r
}

// Factor returns the weight of a match from x, the index at position pack of the
// counter's scope. A nil Reranker weighs every match 1.
func (r *Reranker) Factor(pack int, x *Index, m Match) float64 {
	if r == nil || r.total == 0 {
		return 1
	}
	tp := x.topicOf(m, r.tc.packs[pack])
	if tp == nil {
		return 1
	}
	var cov float64
	for _, t := range r.terms {
		if tp.about[t.root] {
			cov += t.weight
		}
	}
	w := coverageFloor + (1-coverageFloor)*cov/r.total
	if len(tp.specific) > 0 && !slices.ContainsFunc(tp.specific, func(rt string) bool { return r.roots[rt] }) {
		w *= topicMiss
	}
	return w
}

// weightedTerm is a message term's root and its IDF weight.
type weightedTerm struct {
	root   string
	weight float64
}

// topic is what the Reranker needs of an entry, computed on its first use and kept: the
// roots of what it says about itself, and the roots of its specific title words: those few
// entries of its pack have and that its customers' phrasings (triggers, customer_says) use
// too. A title word customers never say describes the situation in the agent's words
// («Клиент на эмоциях»): an angry customer does not write «эмоции», and must not be
// taken to be on another topic for it.
type topic struct {
	about    map[string]bool
	specific []string
}

// topicOf returns the entry's topic (nil if it is gone), reading counts from r, a reader
// on the entry's pack.
func (x *Index) topicOf(f Match, r bleveindex.IndexReader) *topic {
	key := f.Kind + "/" + f.ID
	if tp, ok := x.topics.Load(key); ok {
		return tp.(*topic)
	}
	var title string
	var about, asks []string
	switch f.Kind {
	case pack.KindTemplate:
		t := x.templates[f.ID]
		if t == nil {
			return nil
		}
		title, asks = t.Title, t.Triggers
		about = append([]string{t.Situation}, t.Tags...)
	default:
		c := x.cases[f.ID]
		if c == nil {
			return nil
		}
		title, asks = c.Title, c.CustomerSays
		about = []string{c.Situation}
	}
	tp := &topic{about: map[string]bool{}}
	said := map[string]bool{}
	eachTerm(func(t termOf) {
		said[string(t.root)] = true
		for _, a := range t.altRoots {
			said[string(a)] = true
		}
	}, asks...)
	eachTerm(func(t termOf) {
		tp.about[string(t.root)] = true
		for _, a := range t.altRoots {
			tp.about[string(a)] = true
		}
	}, append(about, title)...)
	for rt := range said {
		tp.about[rt] = true
	}
	eachTerm(func(t termOf) {
		rt := string(t.root)
		if keepWords[string(t.stem)] || !said[rt] || slices.Contains(tp.specific, rt) {
			return
		}
		if max(fieldCount(r, rt, fieldRoot), fieldCount(r, string(t.stem), fieldReply)) <= topicDocs {
			tp.specific = append(tp.specific, rt)
		}
	}, title)
	x.topics.Store(key, tp)
	return tp
}

// eachTerm calls fn with the terms of every word of the texts that is not a function word.
func eachTerm(fn func(termOf), texts ...string) {
	var buf []byte
	for _, text := range texts {
		for i := 0; i < len(text); {
			var start int
			start, i, buf, _, _ = nextWord(text, i, buf)
			if start == i {
				break
			}
			if t := terms.get(buf); !t.stop && len(t.root) > 0 {
				fn(t)
			}
		}
	}
}
