package knowledge

import (
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
	// Via is, for a template suggested because a matching case links to it, that case's id.
	Via string `json:"via,omitempty"`
}

// Query weights for Suggest. The customer's message says what the reply must answer, so it
// weighs more than the draft, and most where packs write down how customers put things
// (triggers, customer_says). The draft helps most against the reply texts themselves.
var (
	contextFields = []weighted{
		{fieldTriggers, 4}, {fieldSays, 4}, {fieldSituation, 2}, {fieldTitle, 2},
		{fieldTags, 1.5}, {fieldGuide, 0.5},
	}
	contextVariantBoost = 0.8
	contextRootBoost    = 1.2
	draftFields         = []weighted{
		{fieldTitle, 1}, {fieldSituation, 1}, {fieldTriggers, 0.7}, {fieldSays, 0.7}, {fieldTags, 0.7},
	}
	draftVariantBoost = 1.5
	draftRootBoost    = 0.3
	// linkedShare is the share of a case's score its linked templates get.
	linkedShare = 0.8
)

// Suggest finds the templates and cases that best fit a reply being written: draft is what
// the agent has typed so far, context the customer's message. Templates come with the
// segment's variant text (the pack's first segment when segment is ""); a matching case
// also brings its linked templates. limit <= 0 means 5; it is capped at MaxLimit.
func (b *Base) Suggest(draft, context, segment string, limit int) ([]Suggestion, error) {
	if limit <= 0 {
		limit = 5
	}
	limit = min(limit, MaxLimit)
	b.mu.RLock()
	defer b.mu.RUnlock()
	scope, err := b.scope(segment)
	if err != nil {
		return nil, err
	}
	ct := analyse(context, maxQueryTerms, false)
	dt := analyse(draft, maxQueryTerms, true) // the words typed last say most about where the reply goes
	out := []Suggestion{}
	if ct.empty() && dt.empty() {
		return out, nil
	}
	var raw []found
	for order, l := range scope {
		dq := query.NewDisjunctionQuery(nil)
		if !ct.empty() {
			fields := append(append([]weighted(nil), contextFields...), variantFields(l.pack, segment, contextVariantBoost)...)
			dq.AddQuery(termsQuery(ct.stems, fields), termsQuery(ct.roots, []weighted{{fieldRoot, contextRootBoost}}))
		}
		if !dt.empty() {
			fields := append(append([]weighted(nil), draftFields...), variantFields(l.pack, segment, draftVariantBoost)...)
			dq.AddQuery(termsQuery(dt.stems, fields), termsQuery(dt.roots, []weighted{{fieldRoot, draftRootBoost}}))
		}
		hits, _, err := l.search(dq, limit*2)
		if err != nil {
			return nil, err
		}
		for _, h := range hits {
			h.order = order
			raw = append(raw, h)
		}
	}
	sortFound(raw)
	best := map[string]int{} // kind/pack/id → index in out
	put := func(s Suggestion) {
		key := s.Kind + "/" + s.Pack + "/" + s.ID
		if i, ok := best[key]; ok {
			if s.Score > out[i].Score {
				out[i] = s
			}
			return
		}
		best[key] = len(out)
		out = append(out, s)
	}
	for _, f := range raw {
		if f.kind == KindTemplate {
			if t := f.l.templates[f.id]; t != nil {
				put(f.l.templateSuggestion(t, segment, f.score, ""))
			}
			continue
		}
		c := f.l.cases[f.id]
		if c == nil {
			continue
		}
		put(Suggestion{ID: c.ID, Kind: KindCase, Pack: f.l.pack.ID, Title: c.Title, Text: c.summary(),
			Score: f.score, Variables: []string{}})
		for _, id := range c.Templates {
			if t := f.l.templates[id]; t != nil {
				put(f.l.templateSuggestion(t, segment, f.score*linkedShare, c.ID))
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func (l *loaded) templateSuggestion(t *Template, segment string, score float64, via string) Suggestion {
	text := t.variant(segment, l.pack).Text
	vars := Variables(text)
	if vars == nil {
		vars = []string{}
	}
	return Suggestion{ID: t.ID, Kind: KindTemplate, Pack: l.pack.ID, Title: t.Title,
		Text: text, Score: score, Variables: vars, Via: via}
}
