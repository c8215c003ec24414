package knowledge

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
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
	qt := index.Analyse(q, index.MaxQueryTerms, false)
	res := SearchResult{Hits: []Hit{}}
	if qt.Empty() {
		return res, nil
	}
	// Entries that hold every word of the query come first, as in any search box; only when
	// none does, entries that hold any of them. Besides matching what people expect, the
	// conjunction is cheap: it walks the rarest word's postings, not every word's.
	var raw []found
	for _, all := range []bool{true, false} {
		if !all && qt.Len() == 1 {
			break // one word: "all" and "any" are the same query
		}
		sq := index.AnyTerms(qt, kind)
		if all {
			sq = index.AllTerms(qt, kind)
		}
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
		h.Fragments = index.Fragments(f.l.texts(f, segment), qt)
		res.Hits = append(res.Hits, h)
	}
	return res, nil
}

func checkKind(kind string) error {
	if kind != "" && kind != pack.KindTemplate && kind != pack.KindCase {
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

// found is a raw hit from one pack's index.
type found struct {
	l     *loaded
	order int // the pack's place in the scope, for stable ties
	kind  string
	id    string
	score float64
}

// search asks the pack's index q and returns up to size hits and the total.
func (l *loaded) search(q index.Query, size int) ([]found, int, error) {
	idx, err := l.index()
	if err != nil {
		return nil, 0, fmt.Errorf("pack %s: index: %w", l.pack.ID, err)
	}
	ms, total, err := idx.Search(q, size)
	if err != nil {
		return nil, 0, err
	}
	out := make([]found, len(ms))
	for i, m := range ms {
		out[i] = found{l: l, kind: m.Kind, id: m.ID, score: m.Score}
	}
	return out, total, nil
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
	if f.kind == pack.KindTemplate {
		if t := l.templates[f.id]; t != nil {
			h.Title = t.Title
			h.Text = t.Variant(segment, l.pack).Text
		}
	} else if c := l.cases[f.id]; c != nil {
		h.Title = c.Title
		h.Text = summary(c)
	}
	return h
}

// texts lists the hit's texts by importance, for fragments.
func (l *loaded) texts(f found, segment string) []string {
	if f.kind == pack.KindTemplate {
		t := l.templates[f.id]
		if t == nil {
			return nil
		}
		// The hit shows the variant's chat text; its e-mail and messenger versions say the
		// same at more length, and scanning them would only cost time.
		out := []string{t.Variant(segment, l.pack).Text}
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
func summary(c *pack.Case) string {
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
		if kind != pack.KindCase {
			for _, t := range l.pack.Templates {
				fs = append(fs, found{l: l, kind: pack.KindTemplate, id: t.ID})
			}
		}
		if kind != pack.KindTemplate {
			for _, c := range l.pack.Cases {
				fs = append(fs, found{l: l, kind: pack.KindCase, id: c.ID})
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
