package knowledge

import (
	"sort"

	"github.com/sufler/sufler/knowledge/index"
	"github.com/sufler/sufler/knowledge/pack"
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

// Terms read from each text (the customer's first words, the agent's last ones), and how
// many of the rarest of them a pack is asked about (see index.Counter.Prune).
const (
	contextTerms, draftTerms = 48, 24
	contextKeep, draftKeep   = 12, 8
)

// linkedShare is the share of a case's score its linked templates get.
const linkedShare = 0.8

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
	ct := index.Analyse(context, contextTerms, false)
	dt := index.Analyse(draft, draftTerms, true) // the words typed last say most about where the reply goes
	out := []Suggestion{}
	if ct.Empty() && dt.Empty() {
		return out, nil
	}
	idxs := make([]*index.Index, len(scope))
	for i, l := range scope {
		if idxs[i], err = l.index(); err != nil {
			return nil, err
		}
	}
	tc, err := index.NewCounter(idxs)
	if err != nil {
		return nil, err
	}
	defer tc.Close()
	all := ct
	// The customer's message keeps its rarest terms even when all are common; the draft
	// beside it keeps only its distinctive ones.
	ct = tc.Prune(ct, contextKeep, true)
	dt = tc.Prune(dt, draftKeep, ct.Empty())
	if ct.Empty() && dt.Empty() {
		return out, nil
	}
	var rr *index.Reranker // weighs candidates against the customer's message, when there is one
	if !ct.Empty() {
		rr = index.NewReranker(tc, all, ct)
	}
	var raw []found
	dq := index.Suggestion(ct, dt)
	for order, l := range scope {
		hits, _, err := l.search(dq, limit*2)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			h.order = order
			h.score *= rr.Factor(order, idxs[order], index.Match{Kind: h.kind, ID: h.id, Score: h.score})
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
		if f.kind == pack.KindTemplate {
			if t := l.templates[f.id]; t != nil {
				e := get(pack.KindTemplate, l.pack.ID, t.ID, func() Suggestion { return l.templateSuggestion(t, segment) })
				e.direct = max(e.direct, f.score)
			}
			continue
		}
		c := l.cases[f.id]
		if c == nil {
			continue
		}
		e := get(pack.KindCase, l.pack.ID, c.ID, func() Suggestion {
			return Suggestion{ID: c.ID, Kind: pack.KindCase, Pack: l.pack.ID, Title: c.Title, Text: summary(c), Variables: []string{}}
		})
		e.direct = max(e.direct, f.score)
		for _, id := range c.Templates {
			if t := l.templates[id]; t != nil {
				te := get(pack.KindTemplate, l.pack.ID, t.ID, func() Suggestion { return l.templateSuggestion(t, segment) })
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

func (l *loaded) templateSuggestion(t *pack.Template, segment string) Suggestion {
	text := t.Variant(segment, l.pack).Text
	vars := pack.Variables(text)
	if vars == nil {
		vars = []string{}
	}
	return Suggestion{ID: t.ID, Kind: pack.KindTemplate, Pack: l.pack.ID, Title: t.Title,
		Text: text, Variables: vars}
}
