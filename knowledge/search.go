package knowledge

import (
	"fmt"
	"sort"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits on the number of results.
const (
	DefaultLimit = 10
	MaxLimit     = 50
)

// Hit is one search result.
type Hit struct {
	// ID is the template's or case's id in its pack.
	ID string `json:"id"`
	// Kind is "template" or "case".
	Kind string `json:"kind"`
	// Pack is the id of the pack the entry belongs to.
	Pack string `json:"pack"`
	// Title is the entry's title.
	Title string `json:"title"`
	// Text is, for a template, the segment's variant text (the pack's first segment when
	// none was asked for); for a case, its situation and what to do.
	Text string `json:"text"`
	// Fragments are up to three passages with the matched words in <mark>…</mark>,
	// everything else HTML-escaped.
	Fragments []string `json:"fragments"`
	// Score ranks hits; higher is better. Scores compare within one result only.
	Score float64 `json:"score"`
}

// SearchResult is a page of hits and how many entries matched in all.
type SearchResult struct {
	// Total counts every matching entry, not just the hits returned.
	Total int `json:"total"`
	// Hits are the best matches, best first.
	Hits []Hit `json:"hits"`
}

// weighted is an index field with a boost.
type weighted struct {
	field string
	boost float64
}

// Search finds templates and cases for a query typed by the agent: the entries that hold
// every word of it (in any form: «задержали» finds «задержка»), or, when none does, those
// that hold any word. With a segment, only the owning pack is searched and templates answer
// with that segment's variant; with "", every pack is searched, each pack's templates in its
// first segment's wording. kind is "", "template" or "case". An empty query lists entries in
// pack order. limit <= 0 means DefaultLimit; it is capped at MaxLimit.
func (b *Base) Search(q, segment, kind string, limit int) (SearchResult, error) {
	if err := checkKind(kind); err != nil {
		return SearchResult{}, err
	}
	limit = clampLimit(limit)
	b.await(segment)
	b.mu.RLock()
	defer b.mu.RUnlock()
	scope, err := b.scope(segment)
	if err != nil {
		return SearchResult{}, err
	}
	if strings.TrimSpace(q) == "" {
		return list(scope, segment, kind, limit), nil
	}
	qt := analyse(q, maxQueryTerms, false)
	res := SearchResult{Hits: []Hit{}}
	if qt.empty() {
		return res, nil
	}
	// Entries that hold every word of the query come first, as in any search box; only when
	// none does, entries that hold any of them. Besides matching what people expect, the
	// conjunction is cheap: it walks the rarest word's postings, not every word's.
	var raw []found
	for _, all := range []bool{true, false} {
		if !all && len(qt.stems) == 1 {
			break // one word: "all" and "any" are the same query
		}
		var sq query.Query
		if all {
			sq = allTermsQuery(qt, searchFields)
		} else {
			dq := termsQuery(qt.stems, searchFields)
			dq.AddQuery(termsQuery(qt.roots, []weighted{{fieldRoot, rootSearchBoost}}))
			sq = dq
		}
		sq = filterKind(sq, kind)
		raw, res.Total = nil, 0
		for order, l := range scope {
			hits, total, err := l.search(sq, limit)
			if err != nil {
				return SearchResult{}, err
			}
			res.Total += total
			for _, h := range hits {
				h.order = order
				raw = append(raw, h)
			}
		}
		if res.Total > 0 {
			break
		}
	}
	sortFound(raw)
	if len(raw) > limit {
		raw = raw[:limit]
	}
	for _, f := range raw {
		h := f.l.hit(f, segment)
		h.Fragments = fragments(f.l.texts(f, segment), qt)
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

func checkKind(kind string) error {
	if kind != "" && kind != KindTemplate && kind != KindCase {
		return &KindError{Kind: kind}
	}
	return nil
}

func clampLimit(limit int) int {
	if limit <= 0 {
		return DefaultLimit
	}
	return min(limit, MaxLimit)
}

// Search weights: a word in the title says most about an entry, then the customers'
// phrasings, the situation and tags, the agent's guidance, and the reply text itself.
var searchFields = []weighted{{fieldTitle, 3}, {fieldAsks, 2}, {fieldAbout, 1.5}, {fieldGuide, 0.7}, {fieldReply, 1}}

// rootSearchBoost weighs a match by root only (another form of the word) against a match
// by stem in a field of boost 1.
const rootSearchBoost = 0.4

// allTermsQuery matches entries that hold every stem of the query, each in any of the
// fields or, by its root, in the root field.
func allTermsQuery(qt *queryTerms, fields []weighted) query.Query {
	cq := query.NewConjunctionQuery(nil)
	for _, s := range qt.stems {
		dq := termsQuery([]string{s}, fields)
		if r := root(s); r != s {
			dq.AddQuery(termsQuery([]string{r}, []weighted{{fieldRoot, rootSearchBoost}}))
		}
		cq.AddQuery(dq)
	}
	return cq
}

// termsQuery matches any of the (already analysed) terms in any of the fields.
func termsQuery(terms []string, fields []weighted) *query.DisjunctionQuery {
	dq := query.NewDisjunctionQuery(nil)
	for _, f := range fields {
		for _, t := range terms {
			tq := query.NewTermQuery(t)
			tq.SetField(f.field)
			tq.SetBoost(f.boost)
			dq.AddQuery(tq)
		}
	}
	return dq
}

func filterKind(q query.Query, kind string) query.Query {
	if kind == "" {
		return q
	}
	kq := query.NewTermQuery(kind)
	kq.SetField(fieldKind)
	bq := query.NewBooleanQuery([]query.Query{q}, nil, nil)
	bq.AddFilter(kq)
	return bq
}

// found is a raw hit from one pack's index.
type found struct {
	l     *loaded
	order int // the pack's place in the scope, for stable ties
	kind  string
	id    string
	score float64
}

// search runs a query on the pack's index and returns up to size hits and the total.
func (l *loaded) search(q query.Query, size int) ([]found, int, error) {
	req := bleve.NewSearchRequestOptions(q, size, 0, false)
	idx, err := l.index()
	if err != nil {
		return nil, 0, fmt.Errorf("pack %s: index: %w", l.pack.ID, err)
	}
	res, err := idx.Search(req)
	if err != nil {
		return nil, 0, fmt.Errorf("pack %s: search: %w", l.pack.ID, err)
	}
	out := make([]found, 0, len(res.Hits))
	for _, h := range res.Hits {
		kind, id, ok := strings.Cut(h.ID, "/")
		if !ok {
			continue
		}
		f := found{l: l, id: id, score: h.Score, kind: KindTemplate}
		if kind == "c" {
			f.kind = KindCase
		}
		out = append(out, f)
	}
	return out, int(res.Total), nil
}

// sortFound orders hits by score, then pack, kind and id, so equal scores come out the same
// way every time.
func sortFound(fs []found) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.order != b.order {
			return a.order < b.order
		}
		if a.kind != b.kind {
			return a.kind > b.kind // templates before cases
		}
		return a.id < b.id
	})
}

// hit resolves a raw hit against the pack.
func (l *loaded) hit(f found, segment string) Hit {
	h := Hit{ID: f.id, Kind: f.kind, Pack: l.pack.ID, Score: f.score, Fragments: []string{}}
	if f.kind == KindTemplate {
		if t := l.templates[f.id]; t != nil {
			h.Title = t.Title
			h.Text = t.variant(segment, l.pack).Text
		}
	} else if c := l.cases[f.id]; c != nil {
		h.Title = c.Title
		h.Text = c.summary()
	}
	return h
}

// texts lists the hit's texts by importance, for fragments.
func (l *loaded) texts(f found, segment string) []string {
	if f.kind == KindTemplate {
		t := l.templates[f.id]
		if t == nil {
			return nil
		}
		// The hit shows the variant's chat text; its e-mail and messenger versions say the
		// same at more length, and scanning them would only cost time.
		out := []string{t.variant(segment, l.pack).Text}
		out = append(out, t.Triggers...)
		out = append(out, t.Situation)
		out = append(out, t.Tags...)
		return append(out, t.Title)
	}
	c := l.cases[f.id]
	if c == nil {
		return nil
	}
	out := append([]string{c.Situation}, c.CustomerSays...)
	out = append(out, c.Do...)
	out = append(out, c.Dont...)
	return append(out, c.Title)
}

// summary is a case in a few readable lines: the situation and what to do.
func (c *Case) summary() string {
	var b strings.Builder
	b.WriteString(c.Situation)
	if len(c.Do) > 0 {
		if b.Len() > 0 {
			b.WriteString("\n")
		}
		b.WriteString("Что делать:")
		for _, d := range c.Do {
			b.WriteString("\n— ")
			b.WriteString(d)
		}
	}
	if b.Len() == 0 {
		return c.Title
	}
	return b.String()
}

// list returns entries in pack order, for an empty query.
func list(scope []*loaded, segment, kind string, limit int) SearchResult {
	res := SearchResult{Hits: []Hit{}}
	for _, l := range scope {
		var fs []found
		if kind != KindCase {
			for _, t := range l.pack.Templates {
				fs = append(fs, found{l: l, kind: KindTemplate, id: t.ID})
			}
		}
		if kind != KindTemplate {
			for _, c := range l.pack.Cases {
				fs = append(fs, found{l: l, kind: KindCase, id: c.ID})
			}
		}
		res.Total += len(fs)
		for _, f := range fs {
			if len(res.Hits) < limit {
				res.Hits = append(res.Hits, l.hit(f, segment))
			}
		}
	}
	return res
}
