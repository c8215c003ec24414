package index

import (
	"context"
	"sort"

	bleveindex "github.com/blevesearch/bleve_index_api"
)

// Long texts (a customer's letter, a long draft) bring many terms, and a term's cost is a
// walk of its postings in every field it is looked up in. Like "more like this" in search
// engines, Suggest keeps the terms that tell entries apart: those few entries have, rather
// than those most have.
const (
	// commonShare: a term found in more than this share of a pack's entries is dropped...
	// A fifth: «день» of «Добрый день» is in a quarter of a large pack's replies and tells
	// none of them apart. 0.1 cost the default packs' eval (150 entries together: 15 is
	// too few to call a word common); see wasm/bench/README.md, levers 31 and 36.
	commonShare = 0.2
	// ...unless fewer than minKept terms would be left of a text that keeps its rarest
	// (see Prune), or the pack has fewer than minDocs entries: small packs are fast anyway,
	// and in a handful of entries every word is "common".
	minKept = 3
	minDocs = 100
)

// Counter counts how many entries hold a term, over the packs a query covers.
type Counter struct {
	packs []bleveindex.IndexReader
	docs  uint64
}

// NewCounter opens readers on the indexes of the packs a query covers, in the order the
// query's matches name them (Match's pack); Close it when done.
func NewCounter(scope []*Index) (*Counter, error) {
	c := &Counter{}
	for _, x := range scope {
		r, n, err := x.openReader()
		if err != nil {
			c.Close()
			return nil, err
		}
		c.docs += n
		c.packs = append(c.packs, r)
	}
	return c, nil
}

// openReader opens a reader on the index and counts its entries.
func (x *Index) openReader() (bleveindex.IndexReader, uint64, error) {
	i, err := x.bleve.Advanced()
	if err != nil {
		return nil, 0, err
	}
	r, err := i.Reader()
	if err != nil {
		return nil, 0, err
	}
	n, err := r.DocCount()
	if err != nil {
		r.Close()
		return nil, 0, err
	}
	return r, n, nil
}

// Close closes the readers.
func (c *Counter) Close() {
	for _, r := range c.packs {
		r.Close()
	}
}

// count returns how many entries hold the term: per pack, the larger of its root in the
// root field (what entries say about themselves) and its stem in the reply field (their
// reply texts).
func (c *Counter) count(stem string) uint64 {
	var n uint64
	for _, r := range c.packs {
		n += max(fieldCount(r, root(stem), fieldRoot), fieldCount(r, stem, fieldReply))
	}
	return n
}

func fieldCount(r bleveindex.IndexReader, term, field string) uint64 {
	tfr, err := r.TermFieldReader(context.Background(), []byte(term), field, false, false, false)
	if err != nil {
		return 0
	}
	defer tfr.Close()
	return tfr.Count()
}

// Prune keeps at most keep of the terms, preferring the rarer ones, and drops the terms no
// entry has. Every pack then gets the same query, so scores from different packs stay
// comparable. Common terms go too, but with rarest the rarest minKept stay whatever their
// count. Suggest asks that for the customer's message, and for the draft only when the
// message gave no terms: beside a message, «здравствуйте» or «проверять» in the draft would
// walk most of a pack's postings in every field to tell nothing the message does not.
func (c *Counter) Prune(q *Terms, keep int, rarest bool) *Terms {
	type scored struct {
		stem string
		n    uint64
	}
	var ts []scored
	for _, s := range q.stems {
		if n := c.count(s); n > 0 {
			ts = append(ts, scored{s, n})
		}
	}
	sort.SliceStable(ts, func(i, j int) bool { return ts[i].n < ts[j].n })
	limit := uint64(float64(c.docs) * commonShare)
	floor := 0
	if rarest {
		floor = minKept
	}
	out := &Terms{stemSet: map[string]bool{}, rootSet: map[string]bool{}}
	out.counts = map[string]uint64{}
	for i, t := range ts {
		if len(out.stems) == keep || (c.docs >= minDocs && i >= floor && t.n > limit) {
			break
		}
		out.add(t.stem)
		out.counts[t.stem] = t.n
	}
	return out
}
