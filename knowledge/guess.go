package knowledge

import (
	"slices"
	"strings"

	"github.com/sufler/sufler/rules"
)

// Guess is the segment a customer's message points to.
type Guess struct {
	// Segment is the best segment's id; "" when no signal of any pack or segment is in the
	// message.
	Segment string `json:"segment"`
	// Pack is the id of the pack that owns the segment.
	Pack string `json:"pack"`
	// By says what decided: "segment" when the segment's own signals are in the message,
	// "pack" when only the company's trade words are (the segment is then the pack's first,
	// the one search and suggest use without a segment), "" when nothing was found.
	By string `json:"by"`
	// Score grows with the signals found: one per distinct signal, more for phrases (the
	// words a signal names, not those a gap swallowed), a little for repeats; words two
	// signals of one segment share count once; the pack's trade words count too.
	Score float64 `json:"score"`
	// Signals are the words and phrases of the message that point to the segment, as written,
	// in order of appearance.
	Signals []string `json:"signals"`
}

// GuessSegment finds the pack, then the segment in it, that the customer's message points to.
// Signals are sequence patterns, matched as the rules match theirs. A pack scores its trade's
// signals plus its best segment's own; on equal scores the pack with more trade words wins (a
// segment's signals, «документы», «можно ли», are weaker evidence of the company than «таможня»).
// In the pack the segment with most of its own signals wins; with none, the pack's first
// segment stands for it. Remaining ties go to the earlier pack (by id) and segment.
func (b *Base) GuessSegment(message string) Guess {
	best := Guess{Signals: []string{}}
	if strings.TrimSpace(message) == "" {
		return best
	}
	t := rules.Analyze(message)
	defer t.Release()
	if t.Len() == 0 {
		return best
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	var bestTrade float64
	for _, l := range b.packs {
		if len(l.pack.Segments) == 0 {
			continue
		}
		trade, tradeSpans := scoreSignals(l.trade, t)
		seg, own, spans := l.pack.Segments[0].ID, 0.0, []rules.Span(nil)
		for _, s := range l.pack.Segments {
			if sc, sp := scoreSignals(l.signals[s.ID], t); sc > own {
				seg, own, spans = s.ID, sc, sp
			}
		}
		score := trade + own
		if score == 0 || score < best.Score || (score == best.Score && trade <= bestTrade) {
			continue
		}
		by := "segment"
		if own == 0 {
			by = "pack"
		}
		best = Guess{Segment: seg, Pack: l.pack.ID, By: by, Score: score, Signals: quote(append(spans, tradeSpans...))}
		bestTrade = trade
	}
	return best
}

// scoreSignals scores one segment's signals against the message and returns the matches.
// A word counts once per segment: a signal whose every match lies inside words an earlier,
// longer signal already counted adds nothing («<отказать>» beside «отказ|отказали», «ремонт*»
// inside «ремонт машины»), so overlapping signals of one family do not outvote a segment
// whose signals each say something new.
func scoreSignals(sigs []*rules.Pattern, t *rules.Text) (float64, []rules.Span) {
	type hit struct {
		found []rules.Span
		words int
	}
	var hits []hit
	for _, sig := range sigs {
		if found := sig.FindIn(t); len(found) > 0 {
			hits = append(hits, hit{found, min(len(rules.Words(found[0].Match)), literalWords(sig))})
		}
	}
	// Longer phrases claim their words first; stable, so equal lengths keep the pack's order.
	slices.SortStableFunc(hits, func(a, b hit) int { return b.words - a.words })
	var score float64
	var spans, claimed []rules.Span
	for _, h := range hits {
		fresh := 0
		for _, f := range h.found {
			if !covered(f, claimed) {
				fresh++
			}
		}
		if fresh == 0 {
			continue
		}
		// A phrase is a stronger hint than one word: «таможенное оформление» says more
		// than «оформление».
		score += 1 + 0.5*float64(min(h.words, 3)-1) + 0.1*float64(min(fresh-1, 3))
		spans = append(spans, h.found[0]) // one quote per signal: «таможне» and «таможню» say the same
		claimed = append(claimed, h.found...)
	}
	return score, spans
}

// literalWords counts the words a signal names: gaps (~2, *) and optional words are not
// evidence, so «зачем ~2 <нужный>» weighs as two words, whatever the gap swallowed.
func literalWords(sig *rules.Pattern) int {
	n := 0
	for _, w := range strings.Fields(strings.Trim(sig.String(), "{}")) {
		if !strings.HasPrefix(w, "~") && w != "*" && !strings.HasSuffix(w, "?") {
			n++
		}
	}
	return max(n, 1)
}

// covered reports whether sp lies inside one of the spans.
func covered(sp rules.Span, in []rules.Span) bool {
	for _, c := range in {
		if c.Start <= sp.Start && sp.End <= c.End {
			return true
		}
	}
	return false
}

// quote returns the distinct matched texts (compared as normalised), in text order.
func quote(spans []rules.Span) []string {
	slices.SortStableFunc(spans, func(a, b rules.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	out := []string{}
	seen := map[string]bool{}
	for _, sp := range spans {
		k := rules.Normalize(sp.Match)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, sp.Match)
	}
	return out
}
