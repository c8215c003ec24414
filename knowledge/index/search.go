package index

import (
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/sufler/sufler/knowledge/pack"
)

// Query is a question for an index, built of analysed terms by AllTerms, AnyTerms or
// Suggestion. One query may be asked of every pack in a scope: each pack then scores it
// the same way, so scores from different packs compare.
type Query struct{ q query.Query }

// Match is an entry of a pack that a query found.
type Match struct {
	// Kind is pack.KindTemplate or pack.KindCase.
	Kind string
	// ID is the entry's id in its pack.
	ID string
	// Score ranks matches (BM25 over the fields, boosted); higher is better.
	Score float64
}

// weighted is an index field with a boost.
type weighted struct {
	field string
	boost float64
}

// Search weights: a word in the title says most about an entry, then the customers'
// phrasings, the situation and tags, the agent's guidance, and the reply text itself.
var searchFields = []weighted{{fieldTitle, 3}, {fieldAsks, 2}, {fieldAbout, 1.5}, {fieldGuide, 0.7}, {fieldReply, 1}}

// rootSearchBoost weighs a match by root only (another form of the word) against a match
// by stem in a field of boost 1.
const rootSearchBoost = 0.4

// AllTerms matches the entries of kind ("" for both) that hold every term of qt, each in
// any of the fields or, by its root, in the root field: what a search box finds first.
func AllTerms(qt *Terms, kind string) Query {
	cq := query.NewConjunctionQuery(nil)
	for _, s := range qt.stems {
		dq := termsQuery([]string{s}, searchFields)
		if r := root(s); r != s {
			dq.AddQuery(termsQuery([]string{r}, []weighted{{fieldRoot, rootSearchBoost}}))
		}
		cq.AddQuery(dq)
	}
	return Query{filterKind(cq, kind)}
}

// AnyTerms matches the entries of kind ("" for both) that hold any term of qt: what a
// search finds when no entry holds them all.
func AnyTerms(qt *Terms, kind string) Query {
	dq := termsQuery(qt.stems, searchFields)
	dq.AddQuery(termsQuery(qt.roots, []weighted{{fieldRoot, rootSearchBoost}}))
	return Query{filterKind(dq, kind)}
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

// Search asks the index q and returns up to size matches, best first, and how many
// entries matched in all.
func (x *Index) Search(q Query, size int) ([]Match, int, error) {
	req := bleve.NewSearchRequestOptions(q.q, size, 0, false)
	res, err := x.bleve.Search(req)
	if err != nil {
		return nil, 0, fmt.Errorf("pack %s: search: %w", x.pack.ID, err)
	}
	out := make([]Match, 0, len(res.Hits))
	for _, h := range res.Hits {
		kind, id, ok := strings.Cut(h.ID, "/")
		if !ok {
			continue
		}
		m := Match{ID: id, Score: h.Score, Kind: pack.KindTemplate}
		if kind == "c" {
			m.Kind = pack.KindCase
		}
		out = append(out, m)
	}
	return out, int(res.Total), nil
}
