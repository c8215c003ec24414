package knowledge

import (
	"slices"
	"strings"

	"github.com/sufler/sufler/rules"
)

// Guess is the segment a customer's message points to.
type Guess struct {
	// Segment is the best segment's id; "" when no signal of any segment is in the message.
	Segment string `json:"segment"`
	// Pack is the id of the pack that owns the segment.
	Pack string `json:"pack"`
	// Score grows with the signals found: one per distinct signal, more for phrases,
	// a little for repeats.
	Score float64 `json:"score"`
	// Signals are the words and phrases of the message that point to the segment, as written,
	// in order of appearance.
	Signals []string `json:"signals"`
}

// GuessSegment finds the segment whose signals the customer's message holds most of.
// Signals are sequence patterns, matched as the rules match theirs. Ties go to the earlier
// pack (by id) and the earlier segment in it.
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
	for _, l := range b.packs {
		for _, s := range l.pack.Segments {
			score, spans := scoreSignals(l.signals[s.ID], t)
			if score > best.Score {
				best = Guess{Segment: s.ID, Pack: l.pack.ID, Score: score, Signals: quote(spans)}
			}
		}
	}
	return best
}

// scoreSignals scores one segment's signals against the message and returns the matches.
func scoreSignals(sigs []*rules.Pattern, t *rules.Text) (float64, []rules.Span) {
	var score float64
	var spans []rules.Span
	for _, sig := range sigs {
		found := sig.FindIn(t)
		if len(found) == 0 {
			continue
		}
		// A phrase is a stronger hint than one word: «таможенное оформление» says more
		// than «оформление».
		n := len(rules.Words(found[0].Match))
		score += 1 + 0.5*float64(min(n, 3)-1) + 0.1*float64(min(len(found)-1, 3))
		spans = append(spans, found...)
	}
	return score, spans
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
