package knowledge

import (
	"slices"
	"sort"

	"github.com/blevesearch/bleve/v2/search/query"
)

// Suggestion is a template or case that fits the conversation.
type Suggestion struct {
	// ID is the template's or case's id in its pack.
	ID string `json:"id"`
	// Kind is "template" or "case".
	Kind string `json:"kind"`
	// Pack is the id of the pack the entry belongs to.
	Pack string `json:"pack"`
	// Title is the entry's title.
	Title string `json:"title"`
	// Text is, for a template, the segment's variant text with its {{variables}} left in
	// place for the agent; for a case, its situation and what to do.
	Text string `json:"text"`
	// Score ranks suggestions; higher is better. Scores compare within one answer only.
	Score float64 `json:"score"`
	// Variables are the {{variables}} in Text, in order of appearance.
	Variables []string `json:"variables"`
	// Via is, for a template that a matching case links to, that case's id.
	Via string `json:"via,omitempty"`
}

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
	// Terms read from each text (the customer's first words, the agent's last ones), and
	// how many of the rarest of them a pack is asked about (see prune.go).
	contextTerms, draftTerms = 48, 24
	contextKeep, draftKeep   = 12, 8
	// modifierWeight scales question words (questionWords): «когда» and «где» tell which
	// answer on a topic fits, never the topic itself.
	modifierWeight = 0.3
	// linkedShare is the share of a case's score its linked templates get.
	linkedShare = 0.8
)

// suggestQuery builds a disjunction over the distinct terms of both texts, each term a
// disjunction over the fields (and its root in the root field), boosted for the text (or
// both texts) the term comes from. Grouping by term makes the coordination factor of the
// outer disjunction count the query's words an entry holds, not term-field pairs: an entry
// with three of the customer's words beats one with one word in three fields.
func suggestQuery(ct, dt *queryTerms) query.Query {
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
	return dq
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

// Suggest finds the templates and cases that best fit a reply being written: draft is what
// the agent has typed so far, context the customer's message. Templates come with the
// segment's variant text (the pack's first segment when segment is ""); a matching case
// also brings its linked templates. limit <= 0 means 5; it is capped at MaxLimit.
func (b *Base) Suggest(draft, context, segment string, limit int) ([]Suggestion, error) {
	if limit <= 0 {
		limit = 5
	}
	limit = min(limit, MaxLimit)
	b.await(segment)
	b.mu.RLock()
	defer b.mu.RUnlock()
	scope, err := b.scope(segment)
	if err != nil {
		return nil, err
	}
	ct := analyse(context, contextTerms, false)
	dt := analyse(draft, draftTerms, true) // the words typed last say most about where the reply goes
	out := []Suggestion{}
	if ct.empty() && dt.empty() {
		return out, nil
	}
	tc, err := newCounter(scope)
	if err != nil {
		return nil, err
	}
	defer tc.close()
	all := ct
	ct, dt = tc.prune(ct, contextKeep), tc.prune(dt, draftKeep)
	if ct.empty() && dt.empty() {
		return out, nil
	}
	var rr *reranker // weighs candidates against the customer's message, when there is one
	if !ct.empty() {
		rr = newReranker(tc, all, ct)
	}
	var raw []found
	for order, l := range scope {
		dq := suggestQuery(ct, dt)
		hits, _, err := l.search(dq, limit*2)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			h.order = order
			h.score *= rr.factor(h)
			raw = append(raw, h)
		}
	}
	sortFound(raw)
	// A template scores its own match plus the best share it gets from a case that links
	// to it, so a template that fits by itself and through a case beats one that only does
	// one of the two.
	type entry struct {
		s              Suggestion
		direct, linked float64
	}
	var entries []*entry
	byKey := map[string]*entry{}
	get := func(kind, pack, id string, mk func() Suggestion) *entry {
		key := kind + "/" + pack + "/" + id
		e := byKey[key]
		if e == nil {
			e = &entry{s: mk()}
			byKey[key] = e
			entries = append(entries, e)
		}
		return e
	}
	for _, f := range raw {
		l := f.l
		if f.kind == KindTemplate {
			if t := l.templates[f.id]; t != nil {
				e := get(KindTemplate, l.pack.ID, t.ID, func() Suggestion { return l.templateSuggestion(t, segment) })
				e.direct = max(e.direct, f.score)
			}
			continue
		}
		c := l.cases[f.id]
		if c == nil {
			continue
		}
		e := get(KindCase, l.pack.ID, c.ID, func() Suggestion {
			return Suggestion{ID: c.ID, Kind: KindCase, Pack: l.pack.ID, Title: c.Title, Text: c.summary(), Variables: []string{}}
		})
		e.direct = max(e.direct, f.score)
		for _, id := range c.Templates {
			if t := l.templates[id]; t != nil {
				te := get(KindTemplate, l.pack.ID, t.ID, func() Suggestion { return l.templateSuggestion(t, segment) })
				if share := f.score * linkedShare; share > te.linked {
					te.linked = share
					te.s.Via = c.ID
				}
			}
		}
	}
	for _, e := range entries {
		e.s.Score = e.direct + e.linked
		out = append(out, e.s)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (l *loaded) templateSuggestion(t *Template, segment string) Suggestion {
	text := t.variant(segment, l.pack).Text
	vars := Variables(text)
	if vars == nil {
		vars = []string{}
	}
	return Suggestion{ID: t.ID, Kind: KindTemplate, Pack: l.pack.ID, Title: t.Title,
		Text: text, Variables: vars}
}
