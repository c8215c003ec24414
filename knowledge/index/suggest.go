package index

import (
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Query weights for Suggest, per field: {for a term of the customer's message, for a term
// of the draft}. The customer's message says what the reply must answer, so it weighs more
// than the draft, and most where packs write down how customers put things (asks). The
// draft helps most against the reply texts themselves. A term in both gets both.
var (
	suggestFields = []struct {
		field          string
		context, draft float64
	}{
		{fieldAsks, 4, 0.7}, {fieldAbout, 2, 1}, {fieldTitle, 2, 1}, {fieldGuide, 0.5, 0}, {fieldReply, 0.8, 1.5},
	}
	rootBoost = [2]float64{1.2, 0.3} // root field: a match by another form of the word
	// modifierWeight scales question words (questionWords): «когда» and «где» tell which
	// answer on a topic fits, never the topic itself.
	modifierWeight = 0.3
)

// Suggestion builds the query for a reply being written, of the customer's message's terms
// ct and the draft's dt: a disjunction over the distinct terms of both texts, each term a
// disjunction over the fields (and its root in the root field), boosted for the text (or
// both texts) the term comes from. Grouping by term makes the coordination factor of the
// outer disjunction count the query's words an entry holds, not term-field pairs: an entry
// with three of the customer's words beats one with one word in three fields.
func Suggestion(ct, dt *Terms) Query {
	dq := query.NewDisjunctionQuery(nil)
	add := func(into *query.DisjunctionQuery, term, field string, inContext, inDraft bool, boost [2]float64) {
		b := 0.0
		if inContext {
			b += boost[0]
		}
		if inDraft {
			b += boost[1]
		}
		if b > 0 {
			tq := query.NewTermQuery(term)
			tq.SetField(field)
			tq.SetBoost(b)
			into.AddQuery(tq)
		}
	}
	for _, t := range union(ct.stems, dt.stems) {
		w := 1.0
		if questionWords[t] {
			w = modifierWeight
		}
		inC, inD := ct.stemSet[t], dt.stemSet[t]
		tq := query.NewDisjunctionQuery(nil)
		for _, f := range suggestFields {
			add(tq, t, f.field, inC, inD, [2]float64{w * f.context, w * f.draft})
		}
		if r := root(t); r != t {
			add(tq, r, fieldRoot, inC, inD, [2]float64{w * rootBoost[0], w * rootBoost[1]})
		}
		dq.AddQuery(tq)
	}
	return Query{dq}
}

// union returns the distinct strings of a and b, in order.
func union(a, b []string) []string {
	out := append([]string(nil), a...)
	for _, s := range b {
		if !slices.Contains(a, s) {
			out = append(out, s)
		}
	}
	return out
}
