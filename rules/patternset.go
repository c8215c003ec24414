package rules

import (
	"fmt"
	"slices"
)

// PatternSet is a list of sequence patterns indexed together, for matching many phrases
// (a pack's segment signals, say) against one text in a single pass over its words.
// It is immutable and safe for concurrent use.
type PatternSet struct {
	patterns []*Pattern
	index    *anchorIndex
}

// PatternMatch is one match of one pattern of a PatternSet.
type PatternMatch struct {
	// Pattern is the index of the pattern in the list given to NewPatternSet.
	Pattern int `json:"pattern"`
	Span
}

// NewPatternSet compiles patterns; the error names the first bad one by index, e.g.
// `[3]: unknown token "~x"`.
func NewPatternSet(patterns []string) (*PatternSet, error) {
	ps := &PatternSet{patterns: make([]*Pattern, len(patterns))}
	for i, src := range patterns {
		p, err := NewPattern(src)
		if err != nil {
			return nil, fmt.Errorf("[%d]: %w", i, err)
		}
		ps.patterns[i] = p
	}
	ps.index, _ = newAnchorIndex([][]*Pattern{ps.patterns})
	return ps, nil
}

// Len returns the number of patterns.
func (ps *PatternSet) Len() int { return len(ps.patterns) }

// Find returns the matches of every pattern in text, by start, then end, then pattern.
func (ps *PatternSet) Find(text string) []PatternMatch {
	t := Analyze(text)
	defer t.Release()
	return ps.FindIn(t)
}

// FindIn is Find over an already analysed text.
func (ps *PatternSet) FindIn(t *Text) []PatternMatch {
	out := []PatternMatch{}
	ps.index.scan(t)
	for i, p := range ps.patterns {
		ms := p.appendAnchored(t, int32(i), t.spans[:0])
		t.spans = ms
		for _, m := range ms {
			pm := PatternMatch{Pattern: i}
			pm.Start, pm.End, pm.Match = t.original(m)
			out = append(out, pm)
		}
	}
	slices.SortStableFunc(out, func(a, b PatternMatch) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		if a.End != b.End {
			return a.End - b.End
		}
		return a.Pattern - b.Pattern
	})
	return out
}
